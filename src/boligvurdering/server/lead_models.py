"""The team lead's read model on the server: one row per visit, its team and its measures.

Filled from each visit's document whenever the server stores it (``server/lead_project.py``), so
the Arbeidsliste and the year's figures are plain indexed SQL over every laptop's visits, with
no JSON parsed at query time. The figures' per-case facts (newest snapshot, report date,
applications) and the open follow-ups (``next_due``, due lists) come from the document's ``facts`` (``domain/case_facts.py``), combined over laptops.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from boligvurdering.server.models import ServerBase


class LeadCase(ServerBase):
    __tablename__ = "lead_case"
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), primary_key=True)
    team_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    client_key: Mapped[str] = mapped_column(String(64))  # SHA-256 of the national id: one client across laptops
    given_name: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    search_key: Mapped[str] = mapped_column(Text, default="")
    birth_date: Mapped[date] = mapped_column(Date)
    postal_code: Mapped[str | None] = mapped_column(String(10), nullable=True)
    status: Mapped[str] = mapped_column(String(40))
    status_order: Mapped[int] = mapped_column(Integer)
    risk_rank: Mapped[int] = mapped_column(Integer, default=0)
    priority: Mapped[int] = mapped_column(Integer, default=2)
    referral_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    visit_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    next_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    contact_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # the figures (store/figures.py ``visited_cases``): visited = carried out, or closed after a visit
    counted: Mapped[bool] = mapped_column(Boolean, default=False)
    report_sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # naive UTC
    snapshot_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    nutrition_screened: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    nutrition_at_risk: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    falls_rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fire_rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fire7_fail: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    nutrition_plan: Mapped[bool] = mapped_column(Boolean, default=False)


class LeadMember(ServerBase):
    """A team member of a case (name and role as the document says)."""

    __tablename__ = "lead_member"
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lead_case.visit_id", ondelete="CASCADE"),
                                                primary_key=True)
    member_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class LeadMeasure(ServerBase):
    """How many measures of a case have a domain and status; the case's team, visit date and status are
    repeated so the figures' measure counts are one index-only range scan."""

    __tablename__ = "lead_measure"
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lead_case.visit_id", ondelete="CASCADE"),
                                                primary_key=True)
    domain: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
    team_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    visit_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    case_status: Mapped[str] = mapped_column(String(40))
    counted: Mapped[bool] = mapped_column(Boolean, default=False)


class LeadApplication(ServerBase):
    """An application of a case as the owning laptop sent it in the document's ``facts``."""

    __tablename__ = "lead_application"
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lead_case.visit_id", ondelete="CASCADE"),
                                                primary_key=True)
    application_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    channel: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[date | None] = mapped_column(Date, nullable=True)
    decided_at: Mapped[date | None] = mapped_column(Date, nullable=True)
    granted: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    amount_applied: Mapped[float | None] = mapped_column(Float, nullable=True)
    amount_granted: Mapped[float | None] = mapped_column(Float, nullable=True)


class LeadFollowUp(ServerBase):
    """An open follow-up of a case as the owning laptop sent it in the document's ``facts`` (done ones are
    left out: only open follow-ups count for ``next_due`` and the due lists)."""

    __tablename__ = "lead_follow_up"
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lead_case.visit_id", ondelete="CASCADE"),
                                                primary_key=True)
    follow_up_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(64))
    due_date: Mapped[date] = mapped_column(Date)


# Every index leads with team_id: row access (server/access.py) always fixes the team.
Index("ix_lead_case_team_due", LeadCase.team_id, LeadCase.next_due, LeadCase.visit_id)
Index("ix_lead_case_team_status", LeadCase.team_id, LeadCase.status_order, LeadCase.visit_id)
Index("ix_lead_case_team_risk", LeadCase.team_id, LeadCase.risk_rank, LeadCase.visit_id)
Index("ix_lead_case_team_client", LeadCase.team_id, LeadCase.family_name, LeadCase.given_name, LeadCase.visit_id)
Index("ix_lead_case_team_area", LeadCase.team_id, LeadCase.postal_code, LeadCase.visit_id)
Index("ix_lead_case_team_referral", LeadCase.team_id, LeadCase.referral_date)
Index("ix_lead_case_figures", LeadCase.team_id, LeadCase.visit_date, LeadCase.counted, LeadCase.client_key,
      LeadCase.referral_date, LeadCase.birth_date, LeadCase.report_sent_at, LeadCase.nutrition_screened,
      LeadCase.nutrition_at_risk, LeadCase.nutrition_plan, LeadCase.falls_rank, LeadCase.fire_rank,
      LeadCase.fire7_fail, LeadCase.visit_id)
# search: every word is a substring test (LIKE '%word%'); trigrams find them without reading every case
Index("ix_lead_case_search", LeadCase.search_key, postgresql_using="gin", postgresql_ops={"search_key": "gin_trgm_ops"})
Index("ix_lead_member_key", LeadMember.member_key, LeadMember.visit_id)
Index("ix_lead_measure_figures", LeadMeasure.team_id, LeadMeasure.visit_date, LeadMeasure.counted,
      LeadMeasure.domain, LeadMeasure.status, LeadMeasure.n, LeadMeasure.visit_id)
Index("ix_lead_application_figures", LeadApplication.team_id, LeadApplication.sent_at, LeadApplication.channel,
      LeadApplication.decided_at, LeadApplication.granted, LeadApplication.amount_applied,
      LeadApplication.amount_granted, LeadApplication.visit_id)
Index("ix_lead_follow_up_due", LeadFollowUp.team_id, LeadFollowUp.due_date, LeadFollowUp.visit_id)

from boligvurdering.server import lead_project as _lead_project  # noqa: E402,F401  (registers the listeners)
