"""Read models handed from services to the GUI, CLI and documents (plain, immutable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from boligvurdering.domain.dates import age_on


@dataclass(frozen=True)
class ClientRecord:
    id: str
    national_id: str
    given_name: str
    family_name: str
    birth_date: date
    sex: str
    phone: str = ""
    lives_alone: bool | None = None
    notes: str = ""
    gp_name: str = ""
    active: bool = True
    malform: str = ""  # preferred målform of documents ("" = the kommune's)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    def age_on(self, day: date) -> int:
        return age_on(self.birth_date, day)


@dataclass(frozen=True)
class DwellingRecord:
    id: str
    client_id: str
    address: str
    postal_code: str
    postal_place: str = ""
    municipality_number: str = ""
    dwelling_type: str = "annet"
    floors: int | None = None
    entrance_floor: int | None = None
    has_lift: bool | None = None
    tenure: str = ""
    year_built: int | None = None
    gnr: str = ""
    bnr: str = ""


@dataclass(frozen=True)
class MemberRecord:
    id: str
    name: str
    role: str
    phone: str = ""
    email: str = ""
    active: bool = True
    username: str = ""  # the user account this person signs in as ("" = not linked)


@dataclass(frozen=True)
class VisitMemberRecord:
    member: MemberRecord
    role: str
    signed_at: datetime | None = None


@dataclass(frozen=True)
class RoomRecord:
    id: str
    visit_id: str
    type: str
    name: str
    floor: int | None = None
    sort_order: int = 0


@dataclass(frozen=True)
class VisitRecord:
    id: str
    client_id: str
    dwelling_id: str | None
    status: str
    visit_date: date | None
    referral_date: date | None = None
    referral_source: str = ""
    referral_reason: str = ""
    priority: int = 2
    contact_member_id: str | None = None
    notes: str = ""
    risk_rank: int = 0
    next_due: date | None = None
    members: tuple[VisitMemberRecord, ...] = ()
    updated_at: datetime | None = None
    condition: str = ""  # diagnosis or condition, free text (for the therapist's statement)

    @property
    def contact(self) -> MemberRecord | None:
        return next((m.member for m in self.members if m.member.id == self.contact_member_id), None)


@dataclass(frozen=True)
class VisitSummary:
    """One line in a list of visits."""

    id: str
    client_id: str
    client_name: str
    status: str
    visit_date: date | None
    postal_code: str = ""
    updated_at: datetime | None = None


@dataclass(frozen=True)
class PhotoRecord:
    id: str
    visit_id: str
    file_name: str
    caption: str = ""
    room_id: str | None = None
    question_id: str | None = None
    measure_id: str | None = None
    width: int = 0
    height: int = 0
    sha256: str = ""
    original_name: str = ""
    taken_at: datetime | None = None
    size_bytes: int = 0


@dataclass(frozen=True)
class MeasureRecord:
    id: str
    visit_id: str
    title: str
    domain: str
    status: str
    catalogue_id: str | None = None
    reason: str = ""
    reject_reason: str = ""
    priority: int = 2
    responsible_role: str = ""
    responsible_member_id: str | None = None
    due_date: date | None = None
    room_id: str | None = None
    quantity: float | None = None
    unit: str = ""
    unit_price: float | None = None
    quote_amount: float | None = None
    quote_supplier: str = ""
    quote_date: date | None = None
    cost_min: float | None = None
    cost_max: float | None = None
    kind: str = "permanent"
    details: dict[str, Any] = field(default_factory=dict)
    allocations: dict[str, float] = field(default_factory=dict)
    done_at: date | None = None
    non_nav_cost: float | None = None

    @property
    def cost(self) -> float | None:
        """The cost to plan with: a quote, else quantity × unit price, else the upper end of the
        range (a plan must not under-budget before a quote exists)."""
        if self.quote_amount is not None:
            return self.quote_amount
        if self.quantity is not None and self.unit_price is not None:
            return self.quantity * self.unit_price
        return self.cost_max if self.cost_max is not None else self.cost_min

    @property
    def cost_basis(self) -> str:
        """«tilbud» when a quote gives the cost, else «overslag» (an estimate)."""
        return "tilbud" if self.quote_amount is not None else "overslag"
