"""Fixtures for the migration tests."""

import pytest
from alembic.config import Config

from boligvurdering.store.migrate import MIGRATIONS_DIR


def _alembic(ctx, step, target):
    """Run an Alembic command (``command.downgrade`` …) on the context's database, as store.migrate does."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with ctx.db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")  # batch steps recreate tables
        cfg.attributes["connection"] = conn
        step(cfg, target)
        conn.commit()
        raw.execute("PRAGMA foreign_keys = ON")


@pytest.fixture
def alembic():
    """``alembic(ctx, command.downgrade, "0005i")``."""
    return _alembic
