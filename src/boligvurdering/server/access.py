"""Row access on the server, in one place: which visits a caller may read and write.

A team lead (and the administrator) sees every visit of the team; everyone else sees the
visits they work on (assigned: they have pushed them). Nobody sees another team's visits.
Every pull query and every push goes through these functions.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from boligvurdering.i18n import tr
from boligvurdering.server import errors
from boligvurdering.server.accounts import Principal
from boligvurdering.server.models import Visit, VisitAssignment


def visible_visits(p: Principal) -> Select:
    """A ``SELECT visit.id`` of the visits ``p`` may read."""
    query = select(Visit.id).where(Visit.team_id == p.team_id)
    if not p.sees_whole_team:
        query = query.where(Visit.id.in_(select(VisitAssignment.visit_id)
                                         .where(VisitAssignment.user_id == p.user_id)))
    return query


def writable_visit(s: Session, p: Principal, visit_id: uuid.UUID, *, must_exist: bool = True) -> Visit | None:
    """The visit if ``p`` may change it (same team); ``None`` if new and ``must_exist`` is false."""
    visit = s.get(Visit, visit_id)
    if visit is None:
        if must_exist:
            raise errors.invalid(tr("Besøket {v} finnes ikke på serveren ennå.", v=visit_id))
        return None
    if visit.team_id != p.team_id:
        raise errors.wrong_team()
    return visit
