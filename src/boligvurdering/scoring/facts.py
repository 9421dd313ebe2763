"""Scoring's side of the facts lookup (``formsengine.facts``): the results as rules read them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from boligvurdering.formsengine.facts import Lookup, ScoreFacts
from boligvurdering.formsengine.facts import make_lookup as facts_lookup
from boligvurdering.scoring.context import Visit
from boligvurdering.scoring.result import CheckResult, DomainResult, InstrumentResult, ScoreResult


@dataclass(frozen=True)
class _Results:
    """Live view: a rule sees the domain levels raised by the rules before it."""

    instruments: Mapping[str, InstrumentResult]
    domains: Mapping[str, DomainResult]
    check_results: Sequence[CheckResult]
    derived_values: Mapping[str, Any]
    housing_step: int | None

    def instrument(self, ident: str, attr: str) -> Any:
        ins = self.instruments.get(ident)
        return None if ins is None else getattr(ins, attr, None)

    def domain_level(self, domain: str) -> str | None:
        dom = self.domains.get(domain)
        return None if dom is None else dom.level

    def checks(self) -> Sequence[CheckResult]:
        return self.check_results

    def derived(self, name: str) -> Any:
        return self.derived_values.get(name)


def result_facts(result: ScoreResult) -> ScoreFacts:
    """A finished result's facts (``formsengine.facts.ScoreFacts``): measure triggers read these."""
    return _Results(result.instruments, result.domains, result.checks, result.derived, result.housing_step)


def make_lookup(visit: Visit, instruments: dict[str, InstrumentResult], domains: dict[str, DomainResult],
                checks: list[CheckResult], derived: dict[str, Any], housing_step: int | None) -> Lookup:
    """A lookup function for ``formsengine.conditions.evaluate`` over this visit's facts."""
    return facts_lookup(_Results(instruments, domains, checks, derived, housing_step), visit.data)
