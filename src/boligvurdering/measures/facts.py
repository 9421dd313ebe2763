"""Facts that measure triggers read: a lookup built from a scoring result and the answers.

Keys (see docs/MEASURES.md):

- ``answer.<question_id>`` – a visit-level answer.
- ``room.<room_type>.<question_id>`` – an answer in a room of that type; a yes/no hazard is
  true if it is true in any such room, otherwise the first answer in room order.
- ``instrument.<ID>.band|score|missing``, ``domain.<d>.level``.
- ``check.<id>.result`` (``fail`` if any room fails, else ``pass``, else ``not_measured``)
  and ``check.<id>.measured``.
- ``room.any.<question_id>`` – the same over every room.
- ``derived.<name>``, ``housing.step`` (alias ``housing_step``), ``client.age|lives_alone|sex``.

A *room view* restricts ``room.<own type>.*`` and ``check.*`` to one room so that a proposal
can say which room it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from boligvurdering.domain.assessment import AssessmentData, RoomAnswers
from boligvurdering.domain.enums import INSTRUMENT_IDS, RISK_DOMAINS, ROOM_TYPES
from boligvurdering.domain.formatting import format_number
from boligvurdering.i18n import tr
from boligvurdering.measures.model import CHECK_FACTS, CLIENT_FACTS, INSTRUMENT_FACTS

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.\-]+)\}")
Lookup = Callable[[str], Any]
HOUSING_STEP_KEYS = ("housing.step", "housing_step")


def fact_key_problem(key: Any) -> str | None:
    """Why ``key`` is not a valid fact key (Norwegian), or ``None`` when it is valid."""
    if not isinstance(key, str) or not key:
        return tr("faktanøkkelen må være en tekst")
    if key in HOUSING_STEP_KEYS:
        return None
    head, _, rest = key.partition(".")
    parts = rest.split(".") if rest else []
    ok = {
        "answer": len(parts) == 1 and bool(_ID.match(parts[0])),
        "room": len(parts) == 2 and parts[0] in (*ROOM_TYPES, "any") and bool(_ID.match(parts[1])),
        "instrument": len(parts) == 2 and parts[0] in INSTRUMENT_IDS and parts[1] in INSTRUMENT_FACTS,
        "domain": len(parts) == 2 and parts[0] in RISK_DOMAINS and parts[1] == "level",
        "check": len(parts) == 2 and bool(_ID.match(parts[0])) and parts[1] in CHECK_FACTS,
        "derived": len(parts) == 1 and bool(_ID.match(parts[0])),
        "client": len(parts) == 1 and parts[0] in CLIENT_FACTS,
    }
    if head not in ok:
        return tr("ukjent faktaområde «{ns}» i «{key}»", ns=head, key=key)
    if not ok[head]:
        return tr("ugyldig faktanøkkel «{key}»", key=key)
    return None


def template_fields(template: str) -> list[str]:
    """The ``{field}`` names used in a reason template."""
    return _PLACEHOLDER.findall(template)


def _room_value(rooms: list[RoomAnswers], qid: str) -> Any:
    values = [r.answers.get(qid) for r in rooms if r.answers.get(qid) is not None]
    if not values:
        return None
    if any(v is True for v in values):
        return True
    if all(isinstance(v, list | tuple) for v in values):
        return list(dict.fromkeys(x for v in values for x in v))
    return values[0]


def _check_result(checks: list[Mapping[str, Any]]) -> str | None:
    results = [c.get("result") for c in checks]
    for wanted in ("fail", "pass", "not_measured"):
        if wanted in results:
            return wanted
    return None


def _check_measured(checks: list[Mapping[str, Any]]) -> Any:
    failing = [c for c in checks if c.get("result") == "fail" and c.get("measured") is not None]
    pool = failing or [c for c in checks if c.get("measured") is not None]
    return pool[0].get("measured") if pool else None


def _client(data: AssessmentData, name: str) -> Any:
    if name == "age":
        return data.age
    if name == "sex":
        return data.sex
    if data.lives_alone is not None:
        return data.lives_alone
    return data.answers.get("opening_lives_alone")


def make_lookup(score: Mapping[str, Any], data: AssessmentData,
                room: RoomAnswers | None = None) -> Lookup:
    """Build the facts lookup for triggers.

    Args:
        score: the scoring result (instruments, domains, checks, housing_step, derived).
        data: the visit's answers.
        room: when given, ``room.<its type>.*`` and ``check.*`` only see this room.

    Returns:
        A function from fact key to value (``None`` when unknown or unanswered).
    """
    checks = [c for c in score.get("checks") or () if isinstance(c, Mapping)]

    def lookup(key: str) -> Any:
        if key in HOUSING_STEP_KEYS:
            return score.get("housing_step")
        head, _, rest = key.partition(".")
        parts = rest.split(".")
        if head == "answer":
            return data.answers.get(rest)
        if head == "room" and len(parts) == 2:
            if room is not None and parts[0] in (room.type, "any"):
                return room.answers.get(parts[1])
            rooms = [r for r in data.rooms if parts[0] in (r.type, "any")]
            return _room_value(rooms, parts[1])
        if head == "instrument" and len(parts) == 2:
            return ((score.get("instruments") or {}).get(parts[0]) or {}).get(parts[1])
        if head == "domain" and len(parts) == 2:
            return ((score.get("domains") or {}).get(parts[0]) or {}).get(parts[1])
        if head == "check" and len(parts) == 2:
            mine = [c for c in checks if c.get("id") == parts[0]]
            if room is not None:
                mine = [c for c in mine if c.get("room_id") == room.id]
            return _check_result(mine) if parts[1] == "result" else _check_measured(mine)
        if head == "derived":
            return (score.get("derived") or {}).get(rest)
        if head == "client":
            return _client(data, rest)
        return None

    return lookup


VALUE_WORDS = {"severe": "alvorlig", "moderate": "moderat", "mild": "lett", "none": "ingen"}


def _show(value: Any) -> str:
    """A fact as words in a reason: codes become Norwegian, a missing value is «ukjent»."""
    if value is None:
        return tr("ukjent")
    if isinstance(value, str) and value in VALUE_WORDS:
        return tr(VALUE_WORDS[value])
    if value is True:
        return tr("ja")
    if value is False:
        return tr("nei")
    if isinstance(value, int | float):
        return format_number(value, 1)
    return str(value)


def render_reason(template: str, lookup: Lookup, room: RoomAnswers | None = None) -> str:
    """Fill a reason template: ``{room}`` is the room name, other fields are fact keys."""
    text = tr(template)

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "room":
            return room.name if room is not None else tr("boligen")
        return _show(lookup(name))

    return _PLACEHOLDER.sub(fill, text)
