"""Alembic environment of the team server (PostgreSQL)."""

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from boligvurdering.server.db import REBUILD_READ_MODEL
from boligvurdering.server.lead_project import rebuild
from boligvurdering.server.models import metadata

config = context.config


def run_migrations_online() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
            if config.attributes.pop(REBUILD_READ_MODEL, False):  # once, in the read model's newest shape
                session = Session(bind=connection)
                rebuild(session)
                session.flush()
    engine.dispose()


run_migrations_online()
