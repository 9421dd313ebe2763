"""Plain data a document is rendered from. Built by ``services.documents``; no ReportLab here.

All values are already formatted for print (Norwegian dates, «kr 29 700»), so renderers only
lay text out. Money is kept as numbers where a document sums it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ClientInfo:
    name: str
    national_id: str = ""
    birth_date: str = ""
    age: int | None = None
    phone: str = ""
    address: str = ""
    postal: str = ""
    municipality_number: str = ""
    dwelling_type: str = ""
    tenure: str = ""
    floors: str = ""
    year_built: str = ""
    lives_alone: bool | None = None
    gp_name: str = ""
    gnr: str = ""
    bnr: str = ""


@dataclass(frozen=True)
class Finding:
    """Risk in one domain with the reasons in words."""

    domain: str
    level: str
    level_label: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class InstrumentLine:
    id: str
    score: str
    band: str
    band_label: str
    source: str
    missing: int = 0
    value: float | None = None


@dataclass(frozen=True)
class CheckLine:
    title: str
    room: str
    measured: str
    requirement: str
    result: str  # pass | fail | not_measured
    explanation: str = ""


@dataclass(frozen=True)
class AnswerGroup:
    """Question/answer rows under one heading (a form section or a room)."""

    title: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class MeasureLine:
    title: str
    domain: str
    status: str
    status_label: str
    reason: str = ""
    responsible: str = ""
    due: str = ""
    cost: float | None = None
    cost_basis: str = ""
    room: str = ""
    kind: str = ""
    supplier: str = ""
    quoted: bool = False  # the cost is a quote (tilbud), not an estimate (overslag)
    ramp: bool = False
    explanation: str = ""  # the catalogue's plain «du» explanation (for the client letter)
    due_date: date | None = None

    @property
    def accepted(self) -> bool:
        return self.status in ("accepted", "done")


@dataclass(frozen=True)
class PhotoItem:
    caption: str
    room: str
    load: Callable[[], bytes] = field(repr=False, compare=False)


@dataclass(frozen=True)
class FollowUpLine:
    kind: str
    due: str
    reason: str
    due_date: date | None = None


@dataclass(frozen=True)
class Advice:
    """Plain advice for a risk domain, from the measure catalogue's «du» explanation."""

    domain: str
    title: str
    text: str


@dataclass(frozen=True)
class SignOff:
    name: str
    role: str
    signed: str = ""


@dataclass(frozen=True)
class PlanChannelLine:
    name: str
    amount: float
    cap: float | None = None
    note: str = ""
    id: str = ""


@dataclass(frozen=True)
class PlanLine:
    """One measure in the plan: its cost (inkl. mva) and the amount per financing channel id."""

    title: str
    cost: float
    allocations: tuple[tuple[str, float], ...] = ()

    def share(self, channel: str) -> float:
        return sum(a for c, a in self.allocations if c == channel)


@dataclass(frozen=True)
class PlanApplicationLine:
    order: int
    name: str
    amount: float
    decided_by: str = ""
    documents: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class PlanView:
    total: float
    covered: float
    gap: float
    channels: tuple[PlanChannelLine, ...] = ()
    applications: tuple[PlanApplicationLine, ...] = ()
    loans: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    note: str = ""
    lines: tuple[PlanLine, ...] = ()

    def channel_amount(self, channel: str) -> float:
        """The plan's amount for financing channel ``channel`` (0 when not used)."""
        return sum(c.amount for c in self.channels if c.id == channel)


@dataclass(frozen=True)
class RampView:
    rise_cm: float
    available_m: float | None
    length_1_15_m: float
    length_1_12_m: float
    landings: int
    total_1_15_m: float
    total_1_12_m: float
    fits_1_15: bool
    fits_1_12: bool
    nav_cap_excl_vat: float
    nav_cap_incl_vat: float
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attachment:
    label: str
    present: bool


@dataclass(frozen=True)
class DisclosureLine:
    """One row of the disclosure log: document, recipient, date, channel, by whom (all in words)."""

    document: str
    recipient: str
    sent_on: str
    channel: str
    sent_by: str = ""


@dataclass
class DocumentData:
    """Everything one document may print. Referral letters get a trimmed copy."""

    kind: str
    visit_id: str
    created: str
    client: ClientInfo
    kommune: str = ""
    contact: Person | None = None
    team: tuple[SignOff, ...] = ()
    visit_date: str = ""
    status: str = ""
    referral: tuple[tuple[str, str], ...] = ()
    what_matters: str = ""
    findings: tuple[Finding, ...] = ()
    instruments: tuple[InstrumentLine, ...] = ()
    checks: tuple[CheckLine, ...] = ()
    rules: tuple[str, ...] = ()
    derived: tuple[tuple[str, str], ...] = ()
    housing_step: str = ""
    answer_groups: tuple[AnswerGroup, ...] = ()
    room_groups: tuple[AnswerGroup, ...] = ()
    facts: dict[str, tuple[str, str]] = field(default_factory=dict)
    measures: tuple[MeasureLine, ...] = ()
    photos: tuple[PhotoItem, ...] = ()
    follow_ups: tuple[FollowUpLine, ...] = ()
    plan: PlanView | None = None
    ramp: RampView | None = None
    household: tuple[tuple[str, str], ...] = ()
    statement: str = ""
    attachments: tuple[Attachment, ...] = ()
    entrance: tuple[tuple[str, str], ...] = ()
    consent_note: str = ""  # the recipient's recorded consent, in words ("" when none is needed)
    tax_consent: bool | None = None  # consent to fetch tax data for the means test (None: not asked)
    fullmakt: bool | None = None  # power of attorney to the therapist for the applications (None: not recorded)
    fullmakt_note: str = ""  # «Fullmakt til ergoterapeut: foreligger (skriftlig, …)» or «… mangler»
    disclosures: tuple[DisclosureLine, ...] = ()
    consents: tuple[tuple[str, str], ...] = ()  # (recipient, «Gitt, muntlig, 2. november 2026»)
    condition: str = ""  # diagnosis or condition, free text
    lasting: bool | None = None  # reduced function expected to last over two years (None: not recorded)
    household_size: int | None = None  # persons in the household (None: not recorded)
    advice: tuple[Advice, ...] = ()  # catalogue advice per domain (client letter)
    visit_on: date | None = None  # the visit date as a date (documents wait until the visit has taken place)
    created_on: date | None = None  # the day the document is made (follow-ups are never before it)

    @property
    def accepted_measures(self) -> tuple[MeasureLine, ...]:
        return tuple(m for m in self.measures if m.accepted)

    def finding(self, domain: str) -> Finding | None:
        return next((f for f in self.findings if f.domain == domain), None)
