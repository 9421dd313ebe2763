"""A visit's household economy and the therapist's statement (issue 12.4). Migration: versions/0009_plan_tables.py.

One row per visit in each table. Deletion by privacy erasure leaves a tombstone (``deleted``,
``deleted_at``, every value cleared); deleting the visit itself removes the rows (ON DELETE CASCADE).
Each local change records who, when, this laptop's device id and its per-device counter (as the
answers' change records do); a change applied from the team server or a file from another laptop
clears ``device_id`` (not a change made here).

Co-residents are a JSON list in one column, not a child table: at most 19 people, always read,
validated and written whole together with the household, never queried or joined, and they travel
in the exchange/sync document as one value; a child table would need its own ids, tombstones and
change tracking per person for no query that uses them.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field

from boligvurdering.store.models import Base


class PlanRow(Base):
    """Columns both tables share: the visit, the tombstone and the change record."""

    visit_id: uuid.UUID = Field(foreign_key="visit.id", unique=True, ondelete="CASCADE")
    deleted: bool = False
    deleted_at: datetime | None = None
    changed_at: datetime | None = None
    changed_by: str = ""
    device_id: uuid.UUID | None = None  # the laptop that made the change; None = applied from elsewhere
    counter: int = 0  # that device's counter at the change


class HouseholdEconomy(PlanRow, table=True):
    """The household economy of a visit (HB 7.S.13, financing plan). ``None`` = not recorded."""

    __tablename__ = "household"
    members: int | None = None
    gross_income_year: float | None = None
    net_income_month: float | None = None
    living_costs_month: float | None = None
    housing_costs_month: float | None = None
    savings: float | None = None
    lasting_reduced_function: bool | None = None
    civil_status: str | None = None
    debt: float | None = None
    wealth: float | None = None
    earlier_husbanken_grants: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    co_residents_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # Keys older versions stored that no column holds (e.g. ``owns_home``): kept, never read by the plan.
    extra_json: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))


class VisitStatement(PlanRow, table=True):
    """The therapist's statement (uttalelse) of a visit."""

    __tablename__ = "visit_statement"
    text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
