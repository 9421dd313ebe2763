"""The facts namespace: one syntax, one lookup and one validator for scoring rules and measure triggers.

Keys (see docs/MEASURES.md and docs/FORMS.md):

- ``answer.<question_id>`` – a visit-level answer.
- ``room.<room_type|any>.<question_id>`` – an answer in the rooms of that type: yes/no is true if
  any room says yes (false if they all say no), multi-choice is the union, other types the first
  answer in room order; ``room.<type|any>.<question_id>.min|max`` – the smallest/largest number.
- ``instrument.<ID>.band|score|missing``, ``domain.<d>.level``.
- ``check.<id>.result`` (``fail`` if any room fails, else ``pass``, else ``not_measured``) and
  ``check.<id>.measured`` (the failing room's measurement first).
- ``derived.<name>`` (:data:`DERIVED_NAMES`), ``housing.step``, ``client.age|lives_alone|sex``.

Unknown or unanswered keys give ``None``. A *room view* restricts ``room.<own type|any>.*`` and
``check.*`` to one room, so that a measure proposal can say which room it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from boligvurdering.domain.assessment import AssessmentData, RoomAnswers
from boligvurdering.domain.enums import INSTRUMENT_IDS, RISK_DOMAINS, ROOM_TYPES
from boligvurdering.formsengine.model import FormRegistry
from boligvurdering.i18n import tr

Lookup = Callable[[str], Any]
DERIVED_NAMES = ("bmi", "weight_loss_percent", "undernutrition_degree", "age")
CLIENT_FACTS = ("age", "lives_alone", "sex")
INSTRUMENT_FACTS = ("band", "score", "missing")
CHECK_FACTS = ("result", "measured")
ROOM_AGGREGATES = ("min", "max")
HOUSING_STEP = "housing.step"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class CheckFact(Protocol):
    """One housing check in one room, as the facts read it."""

    @property
    def id(self) -> str: ...
    @property
    def room_id(self) -> str | None: ...
    @property
    def result(self) -> str: ...
    @property
    def measured(self) -> float | None: ...


class ScoreFacts(Protocol):
    """What a scoring result offers to the lookup (live: rules see domains raised by earlier rules)."""

    @property
    def housing_step(self) -> int | None: ...
    def instrument(self, ident: str, attr: str) -> Any: ...
    def domain_level(self, domain: str) -> str | None: ...
    def checks(self) -> Sequence[CheckFact]: ...
    def derived(self, name: str) -> Any: ...


@dataclass(frozen=True)
class KnownIds:
    """What references may name: question id → room types ('' for none, '*' every room), check ids.

    ``None`` means that file is missing, so those references are not checked.
    """

    questions: Mapping[str, Collection[str]] | None = None
    checks: Collection[str] | None = None

    @classmethod
    def of(cls, registry: FormRegistry, checks: Collection[str] | None) -> KnownIds:
        """The questions of loaded forms and the given check ids."""
        return cls({q.id: q.room_types for q in registry.questions()}, checks)


def fact_key_problem(key: object) -> str | None:
    """Why ``key`` is not a valid fact key (Norwegian), or ``None`` when its syntax is valid."""
    if not isinstance(key, str) or not key:
        return tr("faktanøkkelen må være en tekst")
    if key == HOUSING_STEP:
        return None
    head, _, rest = key.partition(".")
    parts = rest.split(".") if rest else []
    ok = {
        "answer": len(parts) == 1 and bool(_ID.match(parts[0])),
        "room": len(parts) in (2, 3) and parts[0] in (*ROOM_TYPES, "any") and bool(_ID.match(parts[1]))
        and parts[2:] in ([], *([a] for a in ROOM_AGGREGATES)),
        "instrument": len(parts) == 2 and parts[0] in INSTRUMENT_IDS and parts[1] in INSTRUMENT_FACTS,
        "domain": len(parts) == 2 and parts[0] in RISK_DOMAINS and parts[1] == "level",
        "check": len(parts) == 2 and bool(_ID.match(parts[0])) and parts[1] in CHECK_FACTS,
        "derived": len(parts) == 1 and parts[0] in DERIVED_NAMES,
        "client": len(parts) == 1 and parts[0] in CLIENT_FACTS,
    }
    if head not in ok:
        return tr("ukjent faktaområde «{ns}» i «{key}»", ns=head, key=key)
    if not ok[head]:
        return tr("ugyldig faktanøkkel «{key}»", key=key)
    return None


def reference_problem(key: str, known: KnownIds) -> str | None:
    """Why a fact key is invalid or names a question or check that does not exist, else ``None``."""
    problem = fact_key_problem(key)
    if problem:
        return problem
    head, _, rest = key.partition(".")
    parts = rest.split(".")
    questions = known.questions
    if head == "answer" and questions is not None:
        if parts[0] not in questions:
            return tr("ukjent spørsmål «{q}»", q=parts[0])
        if any(questions[parts[0]]):
            return tr("«{q}» stilles per rom; bruk room.<romtype>.{q}", q=parts[0])
    if head == "room" and questions is not None:
        rooms = questions.get(parts[1])
        if rooms is None:
            return tr("ukjent spørsmål «{q}»", q=parts[1])
        if parts[0] != "any" and parts[0] not in rooms and "*" not in rooms:
            return tr("«{q}» stilles ikke i romtypen «{r}»", q=parts[1], r=parts[0])
    if head == "check" and known.checks is not None and parts[0] not in known.checks:
        return tr("ukjent boligkontroll «{c}»", c=parts[0])
    return None


def _combine(values: list[Any], aggregate: str | None) -> Any:
    if aggregate is not None:
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        if not numbers:
            return None
        return min(numbers) if aggregate == "min" else max(numbers)
    if not values:
        return None
    if all(isinstance(v, bool) for v in values):
        return any(values)
    if all(isinstance(v, list | tuple) for v in values):
        return list(dict.fromkeys(x for v in values for x in v))
    return values[0]


def _check_result(checks: Sequence[CheckFact]) -> str | None:
    results = {c.result for c in checks}
    for wanted in ("fail", "pass", "not_measured"):
        if wanted in results:
            return wanted
    return None


def _check_measured(checks: Sequence[CheckFact]) -> float | None:
    failing = [c for c in checks if c.result == "fail" and c.measured is not None]
    pool = failing or [c for c in checks if c.measured is not None]
    return pool[0].measured if pool else None


def _client(data: AssessmentData, name: str) -> Any:
    if name == "age":
        return data.age
    if name == "sex":
        return data.sex
    if name != "lives_alone":
        return None
    if data.lives_alone is not None:
        return data.lives_alone
    value = data.answers.get("opening_lives_alone")
    return value if isinstance(value, bool) else None


def make_lookup(score: ScoreFacts, data: AssessmentData, room: RoomAnswers | None = None) -> Lookup:
    """Build the facts lookup for ``formsengine.conditions.evaluate`` and reason templates.

    Args:
        score: the scoring result's facts.
        data: the visit's answers.
        room: when given, ``room.<its type|any>.*`` and ``check.*`` only see this room.

    Returns:
        A function from fact key to value (``None`` when unknown or unanswered).
    """

    def lookup(key: str) -> Any:
        if key == HOUSING_STEP:
            return score.housing_step
        head, _, rest = key.partition(".")
        parts = rest.split(".")
        if head == "answer":
            return data.answers.get(rest)
        if head == "room" and len(parts) in (2, 3):
            aggregate = parts[2] if len(parts) == 3 else None
            if aggregate not in (None, *ROOM_AGGREGATES):
                return None
            if room is not None and parts[0] in (room.type, "any"):
                rooms = [room]
            else:
                rooms = [r for r in data.rooms if parts[0] in (r.type, "any")]
            values = [v for r in rooms if (v := r.answers.get(parts[1])) is not None]
            return _combine(values, aggregate)
        if head == "instrument" and len(parts) == 2 and parts[1] in INSTRUMENT_FACTS:
            return score.instrument(parts[0], parts[1])
        if head == "domain" and parts[1:] == ["level"]:
            return score.domain_level(parts[0])
        if head == "check" and len(parts) == 2:
            mine = [c for c in score.checks() if c.id == parts[0]]
            if room is not None:
                mine = [c for c in mine if c.room_id == room.id]
            if parts[1] == "result":
                return _check_result(mine)
            return _check_measured(mine) if parts[1] == "measured" else None
        if head == "derived":
            return score.derived(rest)
        if head == "client":
            return _client(data, rest)
        return None

    return lookup
