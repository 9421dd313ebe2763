"""Database errors in words; a damaged or empty database is never replaced (issue 19, item 7)."""

import logging
import os
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from boligvurdering.cli.main import main
from boligvurdering.domain.errors import DatabaseError
from boligvurdering.domain.national_id import make_synthetic
from boligvurdering.services.auth import unlock
from boligvurdering.store import security as repo

from .conftest import ADMIN, new_client


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_zero_byte_database_is_refused_and_left_as_it_is(paths, secure):
    new_client(secure)
    secure.close()
    paths.database.write_bytes(b"")
    with pytest.raises(DatabaseError) as exc:
        unlock(paths, *ADMIN)
    assert "tom (0 byte)" in exc.value.message and "restore" in exc.value.message
    assert paths.database.stat().st_size == 0  # not replaced by a new, empty database
    paths.database.unlink()
    with pytest.raises(DatabaseError, match="mangler"):
        unlock(paths, *ADMIN)
    assert not paths.database.exists()


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_truncated_or_garbage_database_gives_words_and_exit_2(capsys, tmp_path, monkeypatch, damage):
    data = tmp_path / "d"
    assert run(capsys, "--data-dir", str(data), "demo")[0] == 0
    db = data / "boligvurdering.db"
    if damage == "truncated":
        os.truncate(db, db.stat().st_size // 2)
    else:
        db.write_bytes(os.urandom(200_000))
    before = db.read_bytes()
    code, out, err = run(capsys, "--data-dir", str(data), "visit", "list")
    assert code == 2, err
    assert "Uventet feil" not in err and "Traceback" not in err
    assert "skadet" in err or "ikke en Boligvurdering-database" in err
    assert db.read_bytes() == before


def _limit_pages(engine):
    """Simulate a full disk: SQLite refuses to grow the file beyond its current size (SQLITE_FULL)."""
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _full(dbapi_conn, _record):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")


def test_disk_full_keeps_saved_data_with_a_clear_message(paths, secure):
    first = new_client(secure)
    _limit_pages(secure.db.engine)
    with pytest.raises(DatabaseError) as exc:
        for day in range(400):
            nid = make_synthetic(date(1930, 1, 1) + timedelta(days=day), 123, female=True).value
            secure.clients.create({"national_id": nid, "given_name": "Fyll" * 40, "family_name": "Opp" * 60},
                                  {"address": "Storgata 1", "postal_code": "5000"})
    assert "Disken er full" in exc.value.message and "beholdt" in exc.value.message
    assert secure.clients.get(first.id).given_name == "Zyxwar"


def test_constraint_clash_is_refused_in_words(secure):
    with pytest.raises(DatabaseError) as exc, secure.db.transaction() as s:
        repo.add_user(s, username="admin", full_name="Dup", role="ergoterapeut")
    assert "finnes allerede" in exc.value.message
    with secure.db.transaction() as s:
        assert repo.get_user(s, username="admin").full_name == "Ada Admin"


def test_a_failing_log_file_prints_no_traceback(capsys, tmp_path, monkeypatch):
    data = tmp_path / "d"
    assert run(capsys, "--data-dir", str(data), "demo")[0] == 0
    (data / "boligvurdering.db").write_bytes(os.urandom(50_000))

    def no_space(_self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(logging.StreamHandler, "flush", no_space)
    code, _out, err = run(capsys, "--data-dir", str(data), "visit", "list")
    assert "Traceback" not in err and "Logging error" not in err
    assert code == 2 and "ikke en Boligvurdering-database" in err
