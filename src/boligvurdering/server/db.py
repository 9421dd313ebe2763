"""Engine and transactions for the server's PostgreSQL; Alembic migrations from code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from boligvurdering.domain.errors import DatabaseError
from boligvurdering.i18n import tr

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SYNC_LOCK = 7_171_717  # advisory lock key: one writer at a time, so seq values commit in order


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session committed on success and rolled back on any error."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def lock_writers(session: Session) -> None:
    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SYNC_LOCK})


def next_seq(session: Session) -> int:
    return int(session.execute(text("SELECT nextval('sync_seq')")).scalar_one())


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


#: set by a migration that changes the team lead's read model: it is rebuilt once, after the run's last
#: migration, in the same transaction (``migrations/env.py``), by the projection's newest code
REBUILD_READ_MODEL = "rebuild_read_model"


def rebuild_read_model_after_migrations() -> None:
    """For a migration that changes the read model (``lead_*``): refill it from the stored documents."""
    from alembic import context

    context.config.attributes[REBUILD_READ_MODEL] = True


def migrate(url: str) -> str:
    """Bring the server schema to head; returns the head revision."""
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config(url)
    try:
        command.upgrade(cfg, "head")
    except OperationalError as exc:
        raise DatabaseError(tr("Får ikke kontakt med PostgreSQL: {e}", e=str(exc.orig)[:200])) from None
    return ScriptDirectory.from_config(cfg).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        exists = conn.execute(text("SELECT to_regclass('alembic_version')")).scalar()
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar() if exists else None
