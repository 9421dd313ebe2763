"""Row access on the server, in one place: which visits a caller may read and write.

A team lead (and the administrator) sees every visit of the team; everyone else sees the
visits they work on (assigned: they have pushed them). Nobody sees another team's visits, and
nobody receives answers of a form domain their role may not read (a lost laptop carries as
little as possible). Every pull query and every push goes through these functions.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, and_, select
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


def visible_cases(p: Principal, table: Any = None) -> Any:
    """The condition on read-model rows (``lead_case``, or ``table`` with ``team_id`` and ``visit_id``)
    ``p`` may see: the team lead's work list and figures.

    Same rule as ``visible_visits``, written on the read model so the team is the leading index column.
    """
    from boligvurdering.server.lead_models import LeadCase

    table = table or LeadCase
    cond = table.team_id == p.team_id
    if not p.sees_whole_team:
        cond = and_(cond, table.visit_id.in_(select(VisitAssignment.visit_id)
                                              .where(VisitAssignment.user_id == p.user_id)))
    return cond


def require(p: Principal, permission: str) -> None:
    """Refuse unless ``p``'s role has ``permission`` in the laptop's access matrix (same wording)."""
    from boligvurdering.domain.enums import Role
    from boligvurdering.services.access import _LABELS, permissions

    if permission not in permissions(p.role):
        role = Role(p.role).label() if p.role in Role.__members__.values() else p.role
        raise errors.Refused("forbidden", tr("Ingen tilgang: rollen {role} har ikke tilgang til {area}.", role=role,
                                             area=tr(_LABELS.get(permission.split(".")[0], permission))))


@lru_cache(maxsize=1)
def _domain_of_question() -> dict[str, str]:
    from boligvurdering.formsengine import load_registry

    registry = load_registry()
    return {q.id: registry.form(q.form_id).domain for q in registry.questions()}


def readable_answers(p: Principal) -> Callable[[str], bool]:
    """Need-to-know per form domain (the laptop's access matrix): which answers ``p`` may receive."""
    from boligvurdering.services.access import permissions

    perms, domains = permissions(p.role), _domain_of_question()
    return lambda question_id: f"answers.read:{domains.get(question_id, 'other')}" in perms


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


def assign(s: Session, p: Principal, visit_id: uuid.UUID, username: str, seq: int) -> bool:
    """Give ``username`` (same team) the visit on their laptop; ``False`` if they had it already."""
    from sqlalchemy.dialects.postgresql import insert

    from boligvurdering.server.models import User

    if s.scalar(visible_visits(p).where(Visit.id == visit_id)) is None:
        writable_visit(s, p, visit_id)  # says «another team» or «not on the server»
        raise errors.wrong_team()
    user = s.scalar(select(User).where(User.username == username.strip().casefold()))
    if user is None or not user.active:
        raise errors.invalid(tr("Fant ingen aktiv bruker «{u}» på serveren.", u=username))
    if user.team_id != p.team_id:
        raise errors.wrong_team()
    done = s.execute(insert(VisitAssignment).values(visit_id=visit_id, user_id=user.id, seq=seq)
                     .on_conflict_do_nothing())
    return bool(done.rowcount)
