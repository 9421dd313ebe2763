"""Which visits may have changed since they were last exchanged, without building their documents.

A visit's signature is the count and newest ``updated_at`` of every table its synced document
is made of (an insert or delete changes a count, an update a timestamp). Only visits whose
signature moved are rebuilt and hashed; a sync of 2 000 unchanged visits costs a few queries.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from boligvurdering.store.household import change_stamps
from boligvurdering.store.models import (
    Application,
    Client,
    Dwelling,
    FollowUp,
    Measure,
    MeasureAllocation,
    Photo,
    Room,
    ScoreSnapshot,
    TeamMember,
    Visit,
    VisitMember,
)
from boligvurdering.store.util import as_uuid

# the last three: the document's facts (domain/case_facts.py)
_CHILDREN = (Room, Measure, Photo, VisitMember, ScoreSnapshot, Application, FollowUp)


def _where(query: Any, column: Any, visit_ids: list[str] | None) -> Any:
    return query if visit_ids is None else query.where(col(column).in_([as_uuid(v) for v in visit_ids]))


def visit_signatures(session: Session, visit_ids: list[str] | None = None) -> dict[str, str]:
    """visit id → signature, for every visit (or the given ones)."""
    parts: dict[str, list[str]] = defaultdict(list)
    head = select(Visit.id, Visit.updated_at, Client.updated_at, Dwelling.updated_at).join(
        Client, col(Client.id) == Visit.client_id).outerjoin(Dwelling, col(Dwelling.id) == Visit.dwelling_id)
    for vid, *stamps in session.exec(_where(head, Visit.id, visit_ids)):
        parts[str(vid)] += [str(s) for s in stamps]
    for table in _CHILDREN:
        query = select(table.visit_id, func.count(), func.max(table.updated_at)).group_by(table.visit_id)
        for vid, n, newest in session.exec(_where(query, table.visit_id, visit_ids)):
            parts[str(vid)].append(f"{table.__tablename__}:{n}:{newest}")
    related = ((Measure, MeasureAllocation, col(MeasureAllocation.measure_id) == Measure.id),
               (VisitMember, TeamMember, col(TeamMember.id) == VisitMember.member_id))
    for owner, table, on in related:
        query = select(owner.visit_id, func.count(), func.max(table.updated_at)).join(table, on).group_by(owner.visit_id)
        for vid, n, newest in session.exec(_where(query, owner.visit_id, visit_ids)):
            parts[str(vid)].append(f"{table.__tablename__}:{n}:{newest}")
    for vid, table, stamp in change_stamps(session, visit_ids):
        if vid in parts:
            parts[vid].append(f"{table}:{stamp}")
    return {vid: "|".join(p) for vid, p in parts.items()}
