"""Plain result types of scoring and their JSON form (the saved scoring snapshot)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from boligvurdering.domain.enums import RISK_DOMAINS
from boligvurdering.domain.reason_texts import content_text, render, source_text
from boligvurdering.domain.reasons import Reason

NOT_ASSESSED = "not_assessed"
LEVELS = ("not_assessed", "low", "moderate", "high")
DOMAIN_NAMES = RISK_DOMAINS


def level_rank(level: str) -> int:
    """Order of a domain level (``not_assessed`` lowest)."""
    return LEVELS.index(level)


@dataclass(frozen=True)
class InstrumentResult:
    """One instrument: score (``None`` if not computable), band, missing item codes, source.

    ``source`` is the id of the instrument's source citation (``domain.enums.instrument_source``),
    shown in words with ``source_text``; the snapshot stores the id, no language.
    """

    score: float | int | None
    band: str
    missing: list[str] = field(default_factory=list)
    source: str = ""

    @property
    def source_text(self) -> str:
        """The source citation in the current language."""
        return source_text(self.source)

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "band": self.band, "missing": list(self.missing), "source": self.source}


@dataclass(frozen=True)
class DomainResult:
    """Risk level of one domain and the reasons (codes with parameters) that drove it."""

    level: str = NOT_ASSESSED
    codes: list[Reason] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        """The reasons in words, in the current language (rendered now, never stored)."""
        return [render(r) for r in self.codes]

    def raised_to(self, level: str, reason: Reason) -> DomainResult:
        """Raised to ``level`` with ``reason`` (never lowered, never from ``not_assessed``)."""
        if self.level == NOT_ASSESSED or level_rank(level) <= level_rank(self.level):
            return self
        return replace(self, level=level, codes=[*self.codes, reason])

    def with_reason(self, reason: Reason) -> DomainResult:
        """The same level with one more reason."""
        return replace(self, codes=[*self.codes, reason])

    def to_json(self) -> dict[str, Any]:
        """The stored form: ``reasons`` are ``{"code", "params"}`` objects, no language."""
        return {"level": self.level, "reasons": [r.to_json() for r in self.codes]}


@dataclass(frozen=True)
class CheckResult:
    """One housing check in one room; its title and requirement are the TOML texts of its ``id``."""

    id: str
    room_id: str | None
    room_name: str | None
    measured: float | None
    unit: str
    result: str
    reason: Reason

    @property
    def title(self) -> str:
        """The check's title (``checks.toml``) in the current language."""
        return content_text(f"check.{self.id}.title", self.id)

    @property
    def requirement(self) -> str:
        """The check's requirement (``checks.toml``) in the current language."""
        return content_text(f"check.{self.id}.requirement")

    @property
    def explanation(self) -> str:
        """The result in words, in the current language."""
        return render(self.reason)

    def to_json(self) -> dict[str, Any]:
        """The stored form: ids, numbers and the explanation's code; title and requirement are
        rendered from the check id where shown (``scoring.display``)."""
        return {"id": self.id, "room_id": self.room_id, "room_name": self.room_name,
                "measured": self.measured, "unit": self.unit, "result": self.result,
                "explanation": self.reason.to_json()}


@dataclass(frozen=True)
class FollowUp:
    """A dated follow-up task."""

    kind: str
    due: date
    reason: Reason

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "due": self.due.isoformat(), "reason": self.reason.to_json()}


@dataclass(frozen=True)
class FiredRule:
    """A cross-domain rule whose condition held."""

    id: str

    @property
    def reason(self) -> Reason:
        return Reason("rule", {"id": self.id})

    @property
    def explanation(self) -> str:
        """The rule's explanation in the current language."""
        return render(self.reason)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "explanation": self.reason.to_json()}


@dataclass(frozen=True)
class ScoreResult:
    """Everything scoring produced for one visit (frozen; ``to_json`` is the stored snapshot)."""

    scoring_version: str
    instruments: dict[str, InstrumentResult]
    domains: dict[str, DomainResult]
    checks: list[CheckResult]
    housing_step: int | None
    follow_up: list[FollowUp]
    rules: list[FiredRule]
    derived: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The snapshot as JSON-ready data (see docs/FORMS.md for the shape)."""
        return {
            "scoring_version": self.scoring_version,
            "instruments": {k: v.to_json() for k, v in self.instruments.items()},
            "domains": {k: v.to_json() for k, v in self.domains.items()},
            "checks": [c.to_json() for c in self.checks],
            "housing_step": self.housing_step,
            "follow_up": [f.to_json() for f in self.follow_up],
            "rules": [r.to_json() for r in self.rules],
            "derived": dict(self.derived),
        }
