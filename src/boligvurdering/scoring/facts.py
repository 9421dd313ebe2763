"""The facts namespace read by cross-domain rules and measure triggers.

Keys: ``answer.<id>``, ``room.<type|any>.<id>`` (yes/no: true if any room says yes, false if
rooms answered only no; other types: first answered value in room order; multi-choice: union),
``room.<type|any>.<id>.min|max`` (numbers), ``instrument.<ID>.band|score``,
``domain.<d>.level``, ``check.<id>.result`` (fail if any room fails, else pass if any passes,
else not_measured), ``derived.<name>``, ``client.age``, ``client.lives_alone``, ``housing.step``.
Unknown keys give ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from boligvurdering.scoring.context import Visit
from boligvurdering.scoring.result import CheckResult, DomainResult, InstrumentResult


def _room_fact(visit: Visit, rest: str) -> Any:
    parts = rest.split(".")
    if len(parts) not in (2, 3):
        return None
    room_type, qid = parts[0], parts[1]
    values = [r.answers[qid] for r in visit.data.rooms
              if (room_type == "any" or r.type == room_type) and r.answers.get(qid) is not None]
    if not values:
        return None
    if len(parts) == 3:
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        if not numbers or parts[2] not in ("min", "max"):
            return None
        return min(numbers) if parts[2] == "min" else max(numbers)
    if all(isinstance(v, bool) for v in values):
        return any(values)
    if all(isinstance(v, list) for v in values):
        return list(dict.fromkeys(x for v in values for x in v))
    return values[0]


def _check_fact(checks: list[CheckResult], check_id: str) -> str | None:
    results = {c.result for c in checks if c.id == check_id}
    if not results:
        return None
    return "fail" if "fail" in results else "pass" if "pass" in results else "not_measured"


def make_lookup(visit: Visit, instruments: dict[str, InstrumentResult], domains: dict[str, DomainResult],
                checks: list[CheckResult], derived: dict[str, Any],
                housing_step: int | None) -> Callable[[str], Any]:
    """A lookup function for ``formsengine.conditions.evaluate`` over this visit's facts."""

    def lookup(key: str) -> Any:
        head, _, rest = key.partition(".")
        if head == "answer":
            return visit.answer(rest)
        if head == "room":
            return _room_fact(visit, rest)
        if head == "instrument":
            ident, _, attr = rest.rpartition(".")
            ins = instruments.get(ident)
            return None if ins is None else getattr(ins, attr, None) if attr in ("band", "score") else None
        if head == "domain" and rest.endswith(".level"):
            dom = domains.get(rest[: -len(".level")])
            return None if dom is None else dom.level
        if head == "check" and rest.endswith(".result"):
            return _check_fact(checks, rest[: -len(".result")])
        if head == "derived":
            return derived.get(rest)
        if key == "client.age":
            return visit.data.age
        if key == "client.lives_alone":
            return visit.lives_alone
        if key == "housing.step":
            return housing_step
        return None

    return lookup
