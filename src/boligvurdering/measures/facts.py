"""Measure triggers' facts over a saved scoring result, and their reason templates.

The keys are those of ``formsengine.facts`` (one syntax for scoring rules and measure triggers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from boligvurdering.domain.assessment import AssessmentData, RoomAnswers
from boligvurdering.domain.formatting import format_number
from boligvurdering.formsengine.facts import Lookup, ScoreFacts
from boligvurdering.formsengine.facts import make_lookup as facts_lookup
from boligvurdering.i18n import tr
from boligvurdering.scoring.facts import result_facts
from boligvurdering.scoring.result import ScoreResult

Score = ScoreResult | Mapping[str, Any]
"""Scoring's frozen result, or a saved snapshot (``ScoreResult.to_json()``) read back."""

_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.\-]+)\}")


def template_fields(template: str) -> list[str]:
    """The ``{field}`` names used in a reason template."""
    return _PLACEHOLDER.findall(template)


@dataclass(frozen=True)
class _Check:
    id: str
    room_id: str | None
    result: str
    measured: float | None


@dataclass(frozen=True)
class _SavedScore:
    """A saved scoring snapshot (``ScoreResult.to_json()``) as the facts read it."""

    score: Mapping[str, Any]

    @property
    def housing_step(self) -> int | None:
        step = self.score.get("housing_step")
        return step if isinstance(step, int) else None

    def _table(self, name: str, key: str) -> Mapping[str, Any]:
        table = self.score.get(name)
        row = table.get(key) if isinstance(table, Mapping) else None
        return row if isinstance(row, Mapping) else {}

    def instrument(self, ident: str, attr: str) -> Any:
        return self._table("instruments", ident).get(attr)

    def domain_level(self, domain: str) -> str | None:
        level = self._table("domains", domain).get("level")
        return level if isinstance(level, str) else None

    def checks(self) -> Sequence[_Check]:
        return [_Check(str(c.get("id")), c.get("room_id"), str(c.get("result")), c.get("measured"))
                for c in self.score.get("checks") or () if isinstance(c, Mapping)]

    def derived(self, name: str) -> Any:
        derived = self.score.get("derived")
        return derived.get(name) if isinstance(derived, Mapping) else None


def score_facts(score: Score) -> ScoreFacts:
    """The facts of a scoring result, typed or saved (``formsengine.facts.ScoreFacts``)."""
    return result_facts(score) if isinstance(score, ScoreResult) else _SavedScore(score)


def make_lookup(score: Score, data: AssessmentData, room: RoomAnswers | None = None) -> Lookup:
    """The facts lookup (``formsengine.facts``) over a scoring result and the answers.

    Args:
        score: the scoring result, or a saved snapshot (instruments, domains, checks, housing_step, derived).
        data: the visit's answers.
        room: when given, ``room.<its type>.*`` and ``check.*`` only see this room.
    """
    return facts_lookup(score_facts(score), data, room)


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
