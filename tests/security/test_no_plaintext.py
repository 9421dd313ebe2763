"""Proof that no personal data reaches the disk in clear text (database, WAL, photos, backups, logs)."""

import io
import logging

from PIL import Image

from boligvurdering.logging_setup import setup_logging
from boligvurdering.services import backup, exchange
from boligvurdering.services.auth import unlock

from .conftest import ADMIN, new_client, new_visit

NAME = "Zyxwarøy"
FAMILY = "Qlompeheimsen"


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buf, "JPEG")
    return buf.getvalue()


def _needles(nid: str) -> list[bytes]:
    out = []
    for text in (NAME, FAMILY, nid):
        out += [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]
    return out


def test_no_plaintext_anywhere_under_the_data_dir(paths, secure, tmp_path):
    setup_logging(paths.logs)
    client = new_client(secure, NAME, FAMILY, n=157)
    visit = new_visit(secure, client)
    secure.answers.save(visit.id, "falls_fallen_past_year", True)
    secure.photos.import_photo(visit.id, _jpeg(), caption=f"Bad hos {NAME}")
    backup.create_backup(secure)
    export = backup.export_visit_encrypted(secure, visit.id, paths.root / "eksport.bvx", "delingspassord 1")
    # a careless log line with a national ID is redacted by the filter unlock() installs
    logging.getLogger("boligvurdering.test").error("feil for fødselsnummer %s", client.national_id)
    try:
        secure.clients.create({"national_id": client.national_id, "given_name": NAME, "family_name": FAMILY})
    except Exception:
        logging.getLogger("boligvurdering.test").exception("duplicate")
    secure.close()

    ctx = unlock(paths, *ADMIN)  # reopen: WAL/SHM exist again while open
    assert exchange.read_encrypted_export(export, "delingspassord 1")["client"]["given_name"] == NAME
    files = [p for p in paths.root.rglob("*") if p.is_file()]
    assert any(p.name.endswith("-wal") for p in files)
    assert any(p.suffix == ".bvbak" for p in files) and any(p.parent == paths.photos for p in files)
    for handler in logging.getLogger().handlers:
        handler.flush()
    needles = _needles(client.national_id)
    for path in files:
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, f"{needle!r} found in {path}"
    ctx.close()
