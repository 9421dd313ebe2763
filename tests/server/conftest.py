"""A real PostgreSQL per test: a uniquely named database, migrated, dropped afterwards.

The server is ``BOLIGVURDERING_TEST_PG`` (default: the local one with trust auth; ``.ci/postgres.sh``
starts one where none runs).
"""

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

ADMIN_URL = os.environ.get("BOLIGVURDERING_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _admin_exec(sql: str) -> None:
    engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


@pytest.fixture
def pg_url():
    """An empty PostgreSQL database for this test."""
    name = f"bv_test_{uuid.uuid4().hex[:12]}"
    _admin_exec(f'CREATE DATABASE "{name}"')
    url = ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    yield url
    from boligvurdering.server.db import engine_for

    engine_for(url).dispose()
    engine_for.cache_clear()
    _admin_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server_db(pg_url):
    """A migrated server database."""
    from boligvurdering.server.db import migrate

    migrate(pg_url)
    return pg_url
