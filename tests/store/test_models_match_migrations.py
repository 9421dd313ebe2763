"""The SQLModel tables and the Alembic migrations describe the same schema (SQLite)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from boligvurdering.services.context import open_context
from boligvurdering.store.models import SQLModel


def _significant(diff: list) -> list:
    """Drop differences SQLite cannot express or that carry no meaning (server defaults on SQLite)."""
    out = []
    for entry in diff:
        items = entry if isinstance(entry, list) else [entry]
        for item in items:
            if item[0] in ("modify_default",):
                continue
            out.append(item)
    return out


def test_models_match_migrations(paths):
    ctx = open_context(paths, role="administrator")
    try:
        with ctx.db.engine.connect() as conn:
            mc = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = _significant(compare_metadata(mc, SQLModel.metadata))
    finally:
        ctx.close()
    assert diff == [], "models and migrations differ:\n" + "\n".join(map(str, diff))
