"""A database made by version 0.1 (its demo data) opens with today's code and keeps every row.

The fixture in ``tests/fixtures/db_v0_1_demo`` was made by ``boligvurdering demo`` at commit eeea0ae
(schema revision 0004), signed in as ``admin`` with the password below. It holds only fictitious
demo clients with synthetic national IDs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from boligvurdering.paths import AppPaths
from boligvurdering.security.keystore import Keystore
from boligvurdering.services import auth
from boligvurdering.store.db import Database

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "db_v0_1_demo"
USER, PASSWORD = "admin", "Demo-passord-2026"
# Tables whose rows a later migration moves elsewhere on purpose, with where they went.
MOVED: dict[str, str] = {"setting": "household, visit_statement, client.malform (migration 0009h)"}


def _plan_settings(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        keys = [r[0] for r in conn.exec_driver_sql("SELECT key FROM setting")]
    return {kind: sum(k.startswith(f"{kind}:") for k in keys) for kind in ("household", "statement")}


def _row_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {n: int(conn.exec_driver_sql(f'SELECT count(*) FROM "{n}"').scalar()) for n in names}


def test_v0_1_demo_database_is_migrated_without_losing_rows(tmp_path):
    paths = AppPaths(tmp_path / "data")
    shutil.copytree(FIXTURE, paths.root)
    key = Keystore.load(paths.keystore).unwrap(USER, PASSWORD)
    old_db = Database(paths.database, key)
    before = _row_counts(old_db)
    plan_before = _plan_settings(old_db)
    old_db.close()
    assert before["visit"] == 5 and before["answer"] > 100  # the fixture is what the docstring says

    ctx = auth.unlock(paths, USER, PASSWORD, auto_backup=False)
    try:
        after = _row_counts(ctx.db)
        visits = ctx.visits.list()
    finally:
        ctx.close()
    for table, count in before.items():
        if table in ("alembic_version", "audit_entry") or table in MOVED:
            continue
        assert table in after, f"table {table} disappeared"
        assert after[table] >= count, f"{table}: {count} rows before, {after[table]} after"
    assert len(visits) == 5
    # the household economy and statements moved from ``setting`` into their own tables, one row each
    assert plan_before["household"] > 0
    assert after["household"] == plan_before["household"] and after["visit_statement"] == plan_before["statement"]
    migrated = Database(paths.database, key)
    assert _plan_settings(migrated) == {"household": 0, "statement": 0}
    migrated.close()
