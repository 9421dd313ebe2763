"""Small helpers shared by the data-access modules."""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any

from sqlmodel import SQLModel


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
