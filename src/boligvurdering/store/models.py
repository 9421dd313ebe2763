"""SQLModel tables. UUID keys and UTC ``created_at``/``updated_at`` everywhere (sync-ready)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(SQLModel):
    """Columns every table has."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class TeamMember(Base, table=True):
    __tablename__ = "team_member"
    name: str
    role: str
    phone: str = ""
    email: str = ""
    active: bool = True
    username: str = ""  # the user account this person signs in as ("" = none); migration 0005_integrity


class Client(Base, table=True):
    __tablename__ = "client"
    national_id: str = Field(unique=True, index=True)
    given_name: str
    family_name: str = Field(index=True)
    birth_date: date
    sex: str
    phone: str = ""
    lives_alone: bool | None = None
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    gp_name: str = ""  # the client's fastlege (migration 0007)
    search_key: str = Field(default="", index=True)
    active: bool = True  # a client with visits is deactivated, not deleted; migration 0005_integrity
    malform: str = ""  # «foretrukket målform» of the client's documents ("" = the kommune's); migration 0009h


class Dwelling(Base, table=True):
    __tablename__ = "dwelling"
    client_id: uuid.UUID = Field(foreign_key="client.id", index=True, ondelete="CASCADE")
    address: str
    postal_code: str = Field(index=True)
    postal_place: str = ""
    municipality_number: str = ""
    dwelling_type: str = "annet"
    floors: int | None = None
    entrance_floor: int | None = None
    has_lift: bool | None = None
    tenure: str = ""
    year_built: int | None = None
    gnr: str = ""  # cadastral gårdsnummer / bruksnummer (migration 0007)
    bnr: str = ""


class Visit(Base, table=True):
    """A case: one preventive home visit from referral to closure."""

    __tablename__ = "visit"
    client_id: uuid.UUID = Field(foreign_key="client.id", index=True, ondelete="CASCADE")
    dwelling_id: uuid.UUID | None = Field(default=None, foreign_key="dwelling.id", ondelete="SET NULL")
    status: str = Field(default="henvist", index=True)
    visit_date: date | None = Field(default=None, index=True)
    referral_date: date | None = None
    referral_source: str = ""
    referral_reason: str = ""
    priority: int = 2
    contact_member_id: uuid.UUID | None = Field(default=None, foreign_key="team_member.id", ondelete="SET NULL")
    risk_rank: int = Field(default=0, index=True)
    next_due: date | None = Field(default=None, index=True)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    # Backlog performance (migration 0004), kept in sync by the ``status`` listener below:
    status_order: int = 0  # position of ``status`` in the pipeline (henvist 0 … avsluttet 9)
    report_sent_at: datetime | None = None  # first move to rapport_sendt (UTC)
    condition: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))  # diagnosis (0007)


class VisitMember(Base, table=True):
    __tablename__ = "visit_member"
    __table_args__ = (UniqueConstraint("visit_id", "member_id", "role"),)
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    member_id: uuid.UUID = Field(foreign_key="team_member.id", index=True, ondelete="CASCADE")
    role: str
    signed_at: datetime | None = None


class Room(Base, table=True):
    __tablename__ = "room"
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    type: str
    name: str
    floor: int | None = None
    sort_order: int = 0


class Assessment(Base, table=True):
    """One form used on one visit, pinned to the form's version and content hash."""

    __tablename__ = "assessment"
    __table_args__ = (UniqueConstraint("visit_id", "form_id"),)
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    form_id: str
    form_version: str
    form_hash: str


class Answer(Base, table=True):
    """One answer; ``scope`` is the room id for room-scoped questions, '' otherwise."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("visit_id", "question_id", "scope"),)
    assessment_id: uuid.UUID = Field(foreign_key="assessment.id", index=True, ondelete="CASCADE")
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    room_id: uuid.UUID | None = Field(default=None, foreign_key="room.id", ondelete="CASCADE")
    scope: str = ""
    question_id: str
    value_json: str = Field(sa_column=Column(Text, nullable=False))
    num_value: float | None = None
    unit: str | None = None
    answered_by: str = ""


class Photo(Base, table=True):
    __tablename__ = "photo"
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    room_id: uuid.UUID | None = Field(default=None, foreign_key="room.id", ondelete="SET NULL")
    question_id: str | None = None
    measure_id: uuid.UUID | None = Field(default=None, foreign_key="measure.id", ondelete="SET NULL")
    caption: str = ""
    file_name: str
    original_name: str = ""
    sha256: str
    width: int
    height: int
    size_bytes: int
    taken_at: datetime | None = None


class Measure(Base, table=True):
    """A proposed, accepted, rejected or done tiltak for a visit, with its cost estimate."""

    __tablename__ = "measure"
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    catalogue_id: str | None = None
    title: str
    domain: str
    status: str = Field(default="proposed", index=True)
    reason: str = ""
    reject_reason: str = ""
    priority: int = 2
    responsible_role: str = ""
    responsible_member_id: uuid.UUID | None = Field(default=None, foreign_key="team_member.id", ondelete="SET NULL")
    due_date: date | None = None
    room_id: uuid.UUID | None = Field(default=None, foreign_key="room.id", ondelete="SET NULL")
    quantity: float | None = None
    unit: str = ""
    unit_price: float | None = None
    quote_amount: float | None = None
    quote_supplier: str = ""
    quote_date: date | None = None
    cost_min: float | None = None
    cost_max: float | None = None
    kind: str = "permanent"
    details_json: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))
    done_at: date | None = None
    # Part of the cost NAV never funds (electrical work, installation, walls, doors), from the
    # quote; NULL = not recorded (the catalogue's estimated share is used). Migration 0006f.
    non_nav_cost: float | None = None


class FinancingFact(Base, table=True):
    """Housing and bank facts of a visit's household that decide financing (issue 14, migration 0006f).

    Tenure itself is ``dwelling.tenure``. ``None`` = not recorded.
    """

    __tablename__ = "financing_fact"
    visit_id: uuid.UUID = Field(foreign_key="visit.id", unique=True, ondelete="CASCADE")
    landlord_consent: bool | None = None
    board_consent: bool | None = None
    bank_refusal: bool | None = None


class MeasureAllocation(Base, table=True):
    """A manual allocation of part of a measure's cost to a financing channel."""

    __tablename__ = "measure_allocation"
    __table_args__ = (UniqueConstraint("measure_id", "channel"),)
    measure_id: uuid.UUID = Field(foreign_key="measure.id", index=True, ondelete="CASCADE")
    channel: str
    amount: float


class ScoreSnapshot(Base, table=True):
    __tablename__ = "score_snapshot"
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    scoring_version: str
    result_json: str = Field(sa_column=Column(Text, nullable=False))


class FollowUp(Base, table=True):
    __tablename__ = "follow_up"
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    kind: str
    due_date: date = Field(index=True)
    reason: str = ""
    done_at: date | None = None


class Application(Base, table=True):
    """An application to one financing channel and its decision (vedtak)."""

    __tablename__ = "application"
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    channel: str
    amount_applied: float | None = None
    sent_at: date | None = None
    decided_at: date | None = None
    granted: bool | None = None
    amount_granted: float | None = None


class StatusEvent(Base, table=True):
    """Every status change of a case: who and when."""

    __tablename__ = "status_event"
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    from_status: str | None = None
    to_status: str
    at: datetime = Field(default_factory=utcnow)
    by: str = ""
    note: str = ""


class Setting(Base, table=True):
    __tablename__ = "setting"
    key: str = Field(unique=True)
    value_json: str = Field(sa_column=Column(Text, nullable=False))


Index("ix_visit_status_next_due", Visit.status, Visit.next_due)


# =====================================================================================
# Backlog and figures (issue 7). Migration: versions/0002_backlog.py.
# =====================================================================================


class CaseStat(Base, table=True):
    """Figures-ready facts of one case, extracted from its latest score snapshot.

    A cache: rebuilt for a case whenever its newest snapshot is newer than ``snapshot_at``,
    so yearly figures need no JSON parsing of every snapshot.
    """

    __tablename__ = "case_stat"
    visit_id: uuid.UUID = Field(foreign_key="visit.id", unique=True, ondelete="CASCADE")
    snapshot_at: datetime | None = None
    nutrition_screened: bool = False
    nutrition_at_risk: bool = False
    falls_rank: int = 0
    fire_rank: int = 0
    fire7_fail: bool = False


Index("ix_visit_referral_date", Visit.referral_date)
Index("ix_visit_contact_member_id", Visit.contact_member_id)
Index("ix_visit_member_member_visit", VisitMember.member_id, VisitMember.visit_id)
Index("ix_status_event_to_status_visit", StatusEvent.to_status, StatusEvent.visit_id)
Index("ix_follow_up_done_due", FollowUp.done_at, FollowUp.due_date)
# the year's application sums read this index without the table (0012f): one range, not a page per row
Index("ix_application_figures", Application.sent_at, Application.channel, Application.decided_at,
      Application.granted, Application.amount_applied, Application.amount_granted)
Index("ix_score_snapshot_visit_created", ScoreSnapshot.visit_id, ScoreSnapshot.created_at)


# -------------------------------------------------------------------------------------
# Backlog performance (issue 7 at 100 000 cases). Migration: versions/0004_backlog_perf.py.
# ``Visit.status_order`` and ``Visit.report_sent_at`` are denormalised from ``status`` and the
# status history; an ORM listener keeps them in sync on every path that sets ``Visit.status``
# (constructor, store.visits.add_visit/set_status/update_visit, exchange import, pipeline).
# Bulk SQL ``UPDATE visit SET status`` bypasses it and must set both columns itself.
# -------------------------------------------------------------------------------------

STATUS_ORDER = {s: i for i, s in enumerate(("henvist", "planlagt", "gjennomfort", "signert", "rapport_sendt",
                                            "soknad_sendt", "vedtak", "tiltak_utfort", "oppfolging", "avsluttet"))}


@event.listens_for(Visit.status, "set", propagate=True)
def _visit_status_set(target: Visit, value: str, _old: object, _initiator: object) -> None:
    target.status_order = STATUS_ORDER.get(value, len(STATUS_ORDER))
    if value == "rapport_sendt" and target.report_sent_at is None:
        target.report_sent_at = utcnow()


@event.listens_for(Visit, "before_insert", propagate=True)
def _visit_before_insert(_mapper: object, _conn: object, target: Visit) -> None:
    # The constructor may assign the defaults after ``status``; derive both again from the final value.
    target.status_order = STATUS_ORDER.get(target.status, len(STATUS_ORDER))
    if target.status == "rapport_sendt" and target.report_sent_at is None:
        target.report_sent_at = utcnow()


Index("ix_visit_status_order_id", Visit.status_order, Visit.id)
Index("ix_visit_risk_rank_id", Visit.risk_rank, Visit.id)
Index("ix_visit_status_id", Visit.status, Visit.id)
Index("ix_visit_dwelling_id", Visit.dwelling_id)
Index("ix_visit_figures", Visit.visit_date, Visit.status, Visit.client_id, Visit.referral_date,
      Visit.report_sent_at, Visit.id)
Index("ix_measure_visit_domain_status", Measure.visit_id, Measure.domain, Measure.status)
Index("ix_client_id_birth_date", Client.id, Client.birth_date)


# =====================================================================================
# Security: user accounts and the audit log (docs/SECURITY.md). Migration: versions/0003_security.py.
# =====================================================================================


class UserAccount(Base, table=True):
    """A person who can sign in. The password itself lives only as a wrapped key in keys.json."""

    __tablename__ = "user_account"
    username: str = Field(unique=True, index=True)
    full_name: str = ""
    role: str
    active: bool = True
    last_login_at: datetime | None = None


class AuditEntry(SQLModel, table=True):
    """Append-only access log; ``hash`` chains each entry to the one before (security/audit_chain.py).

    One chain per device (``device_id`` = ``sync_device.id`` of the laptop that wrote it, ``seq``
    counting from 1 per device; migration 0009h), as the team server keeps them.
    """

    __tablename__ = "audit_entry"
    device_id: str = Field(default="", primary_key=True)
    seq: int = Field(primary_key=True)
    at: str
    actor: str = ""
    role: str = ""
    action: str = Field(index=True)
    record_type: str = ""
    record_id: str = ""
    client_id: str = Field(default="", index=True)
    details_json: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))
    prev_hash: str
    hash: str


# =====================================================================================
# Consent per recipient and the disclosure log (issue 15). Migration: versions/0007_documents.py.
# =====================================================================================


class Consent(Base, table=True):
    """The client's consent (given or refused) to share with one recipient."""

    __tablename__ = "consent"
    __table_args__ = (UniqueConstraint("visit_id", "recipient"),)
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    recipient: str
    given: bool
    given_on: date
    form: str
    recorded_by: str = ""


class Disclosure(Base, table=True):
    """A document marked as sent: what, to whom, when and how."""

    __tablename__ = "disclosure"
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True, ondelete="CASCADE")
    document: str
    recipient: str
    sent_on: date
    channel: str
    sent_by: str = ""


from boligvurdering.store import plan_models as _plan_models  # noqa: E402,F401  (registers household, statement)
from boligvurdering.store import sync_models as _sync_models  # noqa: E402,F401  (registers the sync tables)
