"""Data of a financing plan (finansieringsplan) and loan arithmetic."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from boligvurdering.measures.costs import parse_amount
from boligvurdering.measures.model import Measure


def annuity_payment(principal: float, rate_percent: float, years: int) -> float:
    """Monthly annuity payment (terminbeløp) in NOK, rounded to øre.

    Args:
        principal: loan amount.
        rate_percent: nominal yearly interest in percent (monthly rate = rate / 12).
        years: repayment period.
    """
    n = years * 12
    if principal <= 0 or n <= 0:
        return 0.0
    r = rate_percent / 100 / 12
    if r == 0:
        return round(principal / n, 2)
    return round(principal * r / (1 - (1 + r) ** -n), 2)


def max_principal(monthly: float, rate_percent: float, years: int) -> float:
    """The largest loan a monthly payment can service (inverse annuity), rounded down to kroner."""
    n = years * 12
    if monthly <= 0 or n <= 0:
        return 0.0
    r = rate_percent / 100 / 12
    value = monthly * n if r == 0 else monthly * (1 - (1 + r) ** -n) / r
    return float(int(value))


COST_BASES = ("overslag", "tilbud")


@dataclass(frozen=True)
class PlanMeasure:
    """A measure as it enters the financing plan.

    Attributes:
        id / title: the measure.
        cost: NOK incl. VAT (validated: number, finite, not negative).
        kind: nav_loan, permanent, service or own_purchase.
        flags: catalogue flags (energy, accessibility, maintenance, electrical_work, …).
        channels: eligible channels (egne_midler is always allowed).
        rise_cm: for ramps, the height from door sill to ground.
        ramp / lift: the NAV ramp/lift grant markers.
        non_nav_cost: part of the cost NAV never covers (electrical work, walls, new doors,
            reinforcement; for a lift: installation), from the quote; ``None`` = not recorded.
        allocations: manual amounts per channel, applied first (capped like any other).
        non_nav_share: the catalogue's estimated share NAV never covers (used while
            ``non_nav_cost`` is not recorded).
        available_m: for ramps, the length available for ramp and landings.
        cost_basis: «overslag» (estimate, planned at the upper end) or «tilbud» (a quote).
    """

    id: str
    title: str
    cost: float
    kind: str
    flags: frozenset[str] = frozenset()
    channels: tuple[str, ...] = ()
    rise_cm: float | None = None
    ramp: bool = False
    lift: bool = False
    non_nav_cost: float | None = None
    allocations: Mapping[str, float] = field(default_factory=dict)
    non_nav_share: float | None = None
    available_m: float | None = None
    cost_basis: str = "overslag"

    @classmethod
    def from_measure(cls, measure: Measure, cost: Any, *, rise_cm: float | None = None,
                     non_nav_cost: Any = None, allocations: Mapping[str, Any] | None = None,
                     available_m: float | None = None, cost_basis: str = "overslag") -> PlanMeasure:
        """Build from a catalogue measure and an agreed cost (estimate or quote)."""
        return cls(measure.id, measure.title, parse_amount(cost), measure.kind, measure.flags,
                   measure.channels, rise_cm, measure.ramp, measure.lift,
                   None if non_nav_cost is None else parse_amount(non_nav_cost), dict(allocations or {}),
                   measure.non_nav_share, available_m, cost_basis)


@dataclass(frozen=True)
class PlanLine:
    """How one measure is paid: amount per channel with its reason, refusals and what is left.

    Attributes:
        nav_share / non_nav_cost / non_nav_basis: the split of the cost NAV may consider and the
            part NAV never funds («tilbud» from the quote, «overslag» from the catalogue share,
            "" when there is nothing to split out).
        reasons: channel → why that amount comes from that channel.
        refusals: channel → why that channel pays nothing for this measure.
        cost_basis: «overslag» or «tilbud».
    """

    measure_id: str
    title: str
    cost: float
    allocations: dict[str, float]
    uncovered: float
    warnings: tuple[str, ...] = ()
    nav_share: float = 0.0
    non_nav_cost: float = 0.0
    non_nav_basis: str = ""
    reasons: dict[str, str] = field(default_factory=dict)
    refusals: dict[str, str] = field(default_factory=dict)
    cost_basis: str = "overslag"


@dataclass(frozen=True)
class ChannelSummary:
    """Total from one channel, its cap in this plan (``None`` = no fixed cap) and a note."""

    id: str
    name: str
    amount: float
    cap: float | None
    note: str = ""


@dataclass(frozen=True)
class LoanTerms:
    """A loan in the plan and whether the household can service it."""

    channel: str
    amount: float
    rate_percent: float
    years: int
    monthly_payment: float
    monthly_margin: float
    serviceable: bool


@dataclass(frozen=True)
class Application:
    """One application to send, in order, with the documents it needs."""

    order: int
    channel: str
    name: str
    amount: float
    decided_by: str
    documents: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class FinancingPlan:
    """A complete financing plan. Every krone of ``total_cost`` is in a channel or in ``gap``.

    Attributes:
        kommune: kommune name.
        total_cost: sum of measure costs.
        lines: per-measure allocations.
        channels: per-channel totals and caps, in application order.
        gap: uncovered remainder.
        loans: loan terms (startlån, lån til boligkvalitet).
        applications: ordered applications with documents.
        refusals: channel id → why it is not used (Norwegian).
        warnings: plan-level and per-measure warnings (Norwegian).
        bostotte_hint: advice to apply for bostøtte, if relevant.
        missing: channel → facts that must be recorded before it can be assessed.
        cost_by_basis: total cost planned from estimates («overslag») and from quotes («tilbud»).
    """

    kommune: str
    total_cost: float
    lines: tuple[PlanLine, ...]
    channels: tuple[ChannelSummary, ...]
    gap: float
    loans: tuple[LoanTerms, ...] = ()
    applications: tuple[Application, ...] = ()
    refusals: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    bostotte_hint: str | None = None
    missing: dict[str, list[str]] = field(default_factory=dict)
    cost_by_basis: dict[str, float] = field(default_factory=dict)

    def total(self, channel_id: str) -> float:
        """Total allocated from one channel."""
        return next((c.amount for c in self.channels if c.id == channel_id), 0.0)

    @property
    def covered(self) -> float:
        """Everything allocated to channels."""
        return round(self.total_cost - self.gap, 2)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        data = asdict(self)
        data["covered"] = self.covered
        return data

    def to_json(self) -> str:
        """The plan as a JSON document (UTF-8 text, Norwegian characters kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
