"""Small helpers shared by the data-access modules."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import Table, insert
from sqlmodel import Session, SQLModel


def as_uuid(value: str | uuid.UUID) -> uuid.UUID:
    """Accept a UUID or its string form (services pass strings)."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


@cache
def _uuid_fields(model: type[SQLModel]) -> frozenset[str]:
    return frozenset(name for name, info in model.model_fields.items() if "UUID" in str(info.annotation))


def coerce(model: type[SQLModel], fields: dict[str, Any]) -> dict[str, Any]:
    """Convert string ids to UUIDs for the model's UUID columns."""
    uuids = _uuid_fields(model)
    return {k: (as_uuid(v) if k in uuids and v not in (None, "") else (None if k in uuids else v))
            for k, v in fields.items()}


def make(model: type[SQLModel], fields: dict[str, Any]) -> Any:
    """Instantiate a table row from plain fields."""
    return model(**coerce(model, {k: v for k, v in fields.items() if v is not None or k != "id"}))


def assign(row: SQLModel, fields: dict[str, Any]) -> None:
    """Set plain fields on a row."""
    for key, value in coerce(type(row), fields).items():
        setattr(row, key, value)


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many plain rows with one statement, executed many times.

    Rows giving every column are converted by the columns' own types, column by column, without
    SQLAlchemy's per-row parameter handling (which costs more than SQLite's write for the bulk
    writers' tens of thousands of rows); any other rows go through an ordinary Core insert.
    """
    if not rows:
        return
    columns = list(table.columns)
    keys = {c.key for c in columns}
    if any(row.keys() != keys for row in rows):
        session.execute(insert(table), rows)
        return
    session.flush()
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=[c.key for c in columns])
    types = {c.key: c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns}
    order = [(key, types[key]) for key in (compiled.positiontup or [])]
    if len(order) != len(columns):  # not a positional driver: leave it to SQLAlchemy
        session.execute(insert(table), rows)
        return
    columns_out = [[row[key] for row in rows] if convert is None else _converted([row[key] for row in rows], convert)
                   for key, convert in order]
    connection.exec_driver_sql(compiled.string, list(zip(*columns_out, strict=True)))


def _converted(values: list[Any], convert: Callable[[Any], Any]) -> list[Any]:
    """``convert`` applied to each value; a run of the same value (a page's stamp, a visit's id) once."""
    out, last, done = [], _NOTHING, None
    for value in values:
        if value is not last:
            last, done = value, convert(value)
        out.append(done)
    return out


_NOTHING = object()
