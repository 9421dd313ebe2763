"""The database is created and migrated from code; unsafe situations are refused clearly."""

import sqlite3

import pytest

from boligvurdering.domain.errors import DatabaseError, DataDirError
from boligvurdering.services.context import open_context
from boligvurdering.store.migrate import known_revisions


def test_new_database_is_migrated_with_wal_and_foreign_keys(paths):
    ctx = open_context(paths)
    try:
        with ctx.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            rev = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert rev == known_revisions()[1]
    finally:
        ctx.close()
    assert list(paths.backups.iterdir()) == []  # nothing to back up on a new database


def test_older_database_is_backed_up_before_migration(paths):
    revisions, head = known_revisions()
    assert len(revisions) >= 2, revisions
    ctx = open_context(paths, migrate=False)
    from alembic import command
    from alembic.config import Config

    from boligvurdering.store.migrate import MIGRATIONS_DIR, migrate

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with ctx.db.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revisions[0])
        conn.commit()
    result = migrate(ctx.db, paths.backups)
    ctx.close()
    assert result.from_revision == revisions[0] and result.to_revision == head
    assert result.backup.exists()
    con = sqlite3.connect(result.backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revisions[0]
    con.close()


def test_newer_database_is_refused(paths):
    open_context(paths).close()
    con = sqlite3.connect(paths.database)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="nyere versjon"):
        open_context(paths)


def test_file_that_is_not_a_database(paths):
    paths.root.mkdir(parents=True)
    paths.database.write_bytes(b"this is a text file, not SQLite" * 100)
    with pytest.raises(DatabaseError, match="ikke en Boligvurdering-database"):
        open_context(paths)


def test_foreign_sqlite_database_is_refused(paths):
    paths.root.mkdir(parents=True)
    con = sqlite3.connect(paths.database)
    con.execute("CREATE TABLE other (x)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="ukjent database"):
        open_context(paths)


def test_read_only_data_dir(tmp_path):
    import os

    from boligvurdering.paths import AppPaths

    locked = tmp_path / "ro"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        if os.access(locked, os.W_OK):  # running as root: simulate with a file in the way
            target = tmp_path / "file-not-dir"
            target.write_text("x")
            with pytest.raises(DataDirError, match="Kan ikke bruke datamappen"):
                open_context(AppPaths(target / "data"))
        else:
            with pytest.raises(DataDirError, match="skrivebeskyttet"):
                open_context(AppPaths(locked / "data"))
    finally:
        os.chmod(locked, 0o700)


def test_updated_at_changes_on_update(ctx):
    from datetime import date

    from boligvurdering.store import clients

    with ctx.db.transaction() as s:
        c = clients.add_client(s, national_id="x1", given_name="A", family_name="B", birth_date=date(1940, 1, 1), sex="F")
    with ctx.db.transaction() as s:
        from boligvurdering.store.models import Client
        from boligvurdering.store.util import as_uuid

        before = s.get(Client, as_uuid(c.id)).updated_at
        clients.update_client(s, client_id=c.id, phone="40000000")
    with ctx.db.transaction() as s:
        after = s.get(Client, as_uuid(c.id)).updated_at
    assert after > before
