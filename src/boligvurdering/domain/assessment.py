"""Plain input for scoring and proposals: the answers of one visit, independent of storage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class RoomAnswers:
    """Answers given in one room of the walk-through (keys are question ids)."""

    id: str
    type: str
    name: str
    answers: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AssessmentData:
    """Everything scoring needs about one visit.

    Attributes:
        answers: visit-level answers by question id (codes already resolved to ids).
        rooms: room-scoped answers per room.
        age: client's age on the visit date (from the client record), if known.
        sex: ``"F"`` or ``"M"`` from the client record, if known.
        visit_date: the date of the visit (follow-up dates count from it).
        lives_alone: from the client record; the opening form may also answer it.
    """

    answers: Mapping[str, Any]
    rooms: tuple[RoomAnswers, ...] = ()
    age: int | None = None
    sex: str | None = None
    visit_date: date = field(default_factory=date.today)
    lives_alone: bool | None = None
