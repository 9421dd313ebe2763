"""Access to one visit's answers by instrument code or question id, and bounded sums."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from boligvurdering.domain.assessment import AssessmentData
from boligvurdering.domain.reasons import Reason
from boligvurdering.formsengine.model import FormRegistry
from boligvurdering.scoring.result import NOT_ASSESSED, InstrumentResult


@dataclass(frozen=True)
class Visit:
    """A visit's answers together with the registry that defines them."""

    data: AssessmentData
    registry: FormRegistry

    def answer(self, question_id: str) -> Any:
        """Visit-level answer by question id, ``None`` when unanswered."""
        return self.data.answers.get(question_id)

    def code(self, code: str) -> Any:
        """Visit-level answer of the question carrying an instrument ``code``."""
        q = self.registry.by_code(code)
        return None if q is None else self.data.answers.get(q.id)

    def points(self, code: str) -> int | None:
        """Published points of the chosen option of a coded choice item."""
        q = self.registry.by_code(code)
        if q is None:
            return None
        value = self.data.answers.get(q.id)
        return None if value is None else q.points_of(value)

    def max_points(self, code: str) -> int:
        """Highest points any option of a coded item can give (0 if unknown)."""
        q = self.registry.by_code(code)
        return max((o.points or 0 for o in q.options), default=0) if q else 0

    def factors(self, table: Sequence[tuple[str, Any, str]]) -> list[Reason]:
        """The reasons of the ``(question id, value, reason code)`` rows whose answer is ``value``.

        Args:
            table: Risk factors; an unanswered question never matches.
        """
        return [Reason(code) for qid, value, code in table
                if (answer := self.answer(qid)) is not None and answer == value]

    @property
    def lives_alone(self) -> bool | None:
        """Client record first, then the opening question."""
        if self.data.lives_alone is not None:
            return self.data.lives_alone
        value = self.answer("opening_lives_alone")
        return value if isinstance(value, bool) else None


def bounded_sum(items: Sequence[tuple[str, int | None, int]]) -> tuple[int, int, list[str]]:
    """Sum known item points; return (known sum, largest possible sum, missing codes).

    Args:
        items: (code, points or None when unanswered, maximum points of the item).
    """
    known = sum(p for _, p, _ in items if p is not None)
    missing = [c for c, p, _ in items if p is None]
    possible = known + sum(m for _, p, m in items if p is None)
    return known, possible, missing


def banded_sum(items: Sequence[tuple[str, int | None, int]], band: Callable[[int], str],
               source: str) -> InstrumentResult:
    """Score a summed instrument; with missing items give a band only when it is certain.

    The score is ``None`` whenever an item is missing (never counted as zero). The band is
    still reported if the lowest and highest possible totals fall in the same band.
    """
    known, possible, missing = bounded_sum(items)
    if not missing:
        return InstrumentResult(known, band(known), [], source)
    lo_band, hi_band = band(known), band(possible)
    return InstrumentResult(None, lo_band if lo_band == hi_band else NOT_ASSESSED, missing, source)


def round_up(value: float) -> int:
    """Round up, tolerant of float noise (e.g. 14.000000001 → 14)."""
    return math.ceil(round(value, 9))
