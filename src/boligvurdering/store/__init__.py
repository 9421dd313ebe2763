"""Persistence: SQLModel tables, Alembic migrations and data-access functions.

The only package that imports SQLModel, SQLAlchemy or Alembic. Services receive plain
dataclasses (``boligvurdering.store.rows``) and an opaque session from ``Database``.
"""
