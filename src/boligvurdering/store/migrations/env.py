"""Alembic environment: runs on the connection the application passes in (plain or SQLCipher)."""

from alembic import context

from boligvurdering.store import models  # noqa: F401  (registers the tables)
from boligvurdering.store.models import SQLModel

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("Migrations run from boligvurdering.store.migrate with a connection")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
