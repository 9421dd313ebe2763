"""Restore keeps the last work (issue 19, item 8)."""

import shutil

from boligvurdering.paths import AppPaths
from boligvurdering.services import backup
from boligvurdering.store.db import Database

from .conftest import new_client


def _crashed_copy(secure, target_root):
    """The data folder as a crash leaves it: the last commit only in the write-ahead log."""
    target = AppPaths(target_root)
    target.ensure()
    wal = secure.paths.database.with_name(secure.paths.database.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    for src in (secure.paths.database, wal, secure.paths.keystore):
        shutil.copy2(src, target.root / src.name)
    return target


def test_before_restore_copy_holds_the_commit_still_in_the_wal(paths, secure, tmp_path):
    new_client(secure, "Forste", "Klient", n=123)
    made = backup.create_backup(secure)
    new_client(secure, "Siste", "Besoket", n=130)  # committed, still in the WAL
    crashed = _crashed_copy(secure, tmp_path / "crashed")
    backup.restore_file(crashed, secure.db.key, made)
    before = backup.backups(crashed, "before-restore")
    assert len(before) == 1
    work = tmp_path / "check"
    backup.verify_backup(before[0], secure.db.key, work, keep=work / "before.db")
    db = Database(work / "before.db", secure.db.key)
    try:
        with db.engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT given_name FROM client")}
    finally:
        db.close()
    assert names == {"Forste", "Siste"}
    assert not crashed.database.with_name(crashed.database.name + "-wal").exists()
