"""The command line signs in from the environment, creates the administrator on a fresh folder,
and offers user, audit and backup commands."""

import pytest

from boligvurdering.cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_fresh_dir_demo_creates_admin_and_encrypted_db(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("BOLIGVURDERING_USER", "admin")
    monkeypatch.setenv("BOLIGVURDERING_PASSWORD", "korrekt hest batteri")
    data = str(tmp_path / "d")
    code, out, err = run(capsys, "--data-dir", data, "demo")
    assert code == 0 and "Administrator «admin» er opprettet" in err
    assert (tmp_path / "d" / "keys.json").exists()
    assert (tmp_path / "d" / "boligvurdering.db").read_bytes()[:6] != b"SQLite"
    code, out, _ = run(capsys, "--data-dir", data, "audit", "verify")
    assert code == 0 and "hel" in out
    monkeypatch.setenv("BOLIGVURDERING_NEW_PASSWORD", "byggmester 2026")
    assert run(capsys, "--data-dir", data, "user", "add", "bygg", "--role", "byggteknisk")[0] == 0
    code, out, _ = run(capsys, "--data-dir", data, "user", "list")
    assert "bygg" in out and "Byggteknisk" in out
    code, _, _ = run(capsys, "--data-dir", data, "audit", "export", "--out", str(tmp_path / "logg.csv"))
    assert code == 0 and (tmp_path / "logg.csv").read_text(encoding="utf-8-sig").count("\n") > 5
    code, out, _ = run(capsys, "--data-dir", data, "backup")
    assert code == 0
    backup_file = out.split(": ", 1)[1].strip()
    code, out, err = run(capsys, "--data-dir", data, "restore", backup_file)
    assert code == 0, err
    monkeypatch.setenv("BOLIGVURDERING_USER", "bygg")
    monkeypatch.setenv("BOLIGVURDERING_PASSWORD", "byggmester 2026")
    code, _, err = run(capsys, "--data-dir", data, "audit", "export", "--out", str(tmp_path / "x.csv"))
    assert code == 2 and "Ingen tilgang" in err
    monkeypatch.setenv("BOLIGVURDERING_PASSWORD", "feil passord 99")
    code, _, err = run(capsys, "--data-dir", data, "visit", "list")
    assert code == 2 and "Feil brukernavn eller passord" in err and "Traceback" not in err


def test_audit_verify_names_tampered_entry(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("BOLIGVURDERING_USER", "admin")
    monkeypatch.setenv("BOLIGVURDERING_PASSWORD", "korrekt hest batteri")
    data = str(tmp_path / "d")
    assert run(capsys, "--data-dir", data, "demo")[0] == 0
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.auth import unlock

    ctx = unlock(AppPaths.resolve(data), "admin", "korrekt hest batteri")
    with ctx.db.engine.connect() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_entry_no_delete")
        conn.exec_driver_sql("DELETE FROM audit_entry WHERE seq = 3")
        conn.commit()
    ctx.close()
    code, out, _ = run(capsys, "--data-dir", data, "audit", "verify")
    assert code == 1 and "nr. 4" in out


def test_no_credentials_without_terminal_is_explained(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("BOLIGVURDERING_USER", raising=False)
    monkeypatch.delenv("BOLIGVURDERING_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # noqa: SIM115
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "visit", "list")
    assert code == 2 and "BOLIGVURDERING_USER" in err


@pytest.mark.parametrize("cmd", [["forms", "check"]])
def test_commands_without_database_need_no_login(capsys, monkeypatch, cmd):
    monkeypatch.delenv("BOLIGVURDERING_USER", raising=False)
    assert run(capsys, *cmd)[0] == 0
