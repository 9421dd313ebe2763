"""Nothing readable outside the data folder (issue 19, item 9)."""

import json
import stat

import pytest

from boligvurdering.cli.main import main
from boligvurdering.security.keystore import AuthenticationFailed, Keystore
from boligvurdering.services import backup, exchange
from boligvurdering.services.auth import unlock

from .conftest import ADMIN, new_client, new_visit


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _demo_visit(capsys, data):
    assert run(capsys, "--data-dir", data, "demo")[0] == 0
    return next(line.split()[0] for line in run(capsys, "--data-dir", data, "visit", "list")[1].splitlines()
                if "Astrid" in line)


def test_visit_export_is_sealed_by_default_and_private(capsys, tmp_path, monkeypatch):
    data = str(tmp_path / "d")
    visit_id = _demo_visit(capsys, data)
    monkeypatch.setenv("BOLIGVURDERING_EXPORT_PASSWORD", "transport-passord-7")
    target = tmp_path / "astrid.json"
    code, _out, _err = run(capsys, "--data-dir", data, "visit", "export", visit_id, "--out", str(target))
    assert code == 0
    sealed = tmp_path / "astrid.bvx"
    assert sealed.exists() and not target.exists()
    assert b"Astrid" not in sealed.read_bytes()
    assert stat.S_IMODE(sealed.stat().st_mode) == 0o600
    doc = exchange.read_encrypted_export(sealed, "transport-passord-7")
    assert doc["client"]["given_name"] == "Astrid"


def test_plain_export_needs_the_flag_warns_and_is_private(capsys, tmp_path, monkeypatch):
    data = str(tmp_path / "d")
    visit_id = _demo_visit(capsys, data)
    monkeypatch.delenv("BOLIGVURDERING_EXPORT_PASSWORD", raising=False)
    code, out, err = run(capsys, "--data-dir", data, "visit", "export", visit_id)  # no password, no flag
    assert code == 2 and "Astrid" not in out and "--plain" in err
    target = tmp_path / "astrid.json"
    code, _out, err = run(capsys, "--data-dir", data, "visit", "export", visit_id, "--out", str(target), "--plain")
    assert code == 0 and "ukryptert" in err.lower()
    assert json.loads(target.read_text(encoding="utf-8"))["client"]["given_name"] == "Astrid"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_password_typed_as_user_name_is_never_stored(paths, secure):
    new_visit(secure, new_client(secure))
    backup.create_backup(secure)
    secure.close()
    secret = "min hemmelige frase 42"
    with pytest.raises(AuthenticationFailed):
        unlock(paths, secret, "admin")
    with pytest.raises(AuthenticationFailed):
        unlock(paths, "admin", "feil passord 123")  # a real user's failures are still counted
    assert secret.encode() not in paths.keystore.read_bytes()
    assert Keystore.load(paths.keystore).attempts.data["users"]["admin"]["count"] == 1
    ctx = unlock(paths, *ADMIN)
    try:
        backup.create_backup(ctx)
    finally:
        ctx.close()
    for path in paths.root.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_leftover_previews_and_partial_files_are_removed_at_sign_in(paths, secure):
    secure.close()
    paths.previews.mkdir(parents=True, exist_ok=True)
    left = [paths.previews / "kartlegging-visning.pdf", paths.root / ".keys.json.abc123.tmp",
            paths.backups / ".boligvurdering-auto-1.bvbak.x1.tmp", paths.photos / ".a.jpg.zz.tmp",
            paths.backups / ".restore-20260101T000000000000.db"]
    for path in left:
        path.write_bytes(b"%PDF-1.7 Astrid Demosen 15076500566")
    ctx = unlock(paths, *ADMIN)
    ctx.close()
    assert [p for p in left if p.exists()] == []
    assert stat.S_IMODE(paths.previews.stat().st_mode) == 0o700
