"""A visit's team inside the visit: the signed-in user's member, add/remove, roles, kontaktperson."""

from __future__ import annotations

from typing import TYPE_CHECKING

from boligvurdering.domain.enums import LINDAAS_ROLES
from boligvurdering.domain.errors import InvalidValue, NotFound
from boligvurdering.domain.records import MemberRecord, VisitRecord
from boligvurdering.i18n import tr
from boligvurdering.services import audit
from boligvurdering.services.access import require
from boligvurdering.store import clients as client_repo
from boligvurdering.store import security as user_repo
from boligvurdering.store import visits as repo
from boligvurdering.store.db import Session

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

_TEAM_ROLES = tuple(r.value for r in LINDAAS_ROLES)


def default_contact(s: Session, actor: str, team: list[tuple[str, str]]) -> str | None:
    """Kontaktperson for a new team: the signed-in user's member when on the team, else the first."""
    if not team:
        return None
    mine = repo.member_of_user(s, username=actor)
    ids = [str(m) for m, _r in team]
    return mine.id if mine is not None and mine.id in ids else ids[0]


class TeamService:
    """Team changes inside a visit; every change goes through ``VisitService.set_team`` (audited)."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def me(self) -> MemberRecord | None:
        """The team member the signed-in user is; created from the user account the first time."""
        if not self.ctx.actor:
            return None
        with self.ctx.db.transaction() as s:
            mine = repo.member_of_user(s, username=self.ctx.actor)
            if mine is not None:
                return mine
            user = user_repo.get_user(s, username=self.ctx.actor)
            if user is None:
                return None
            mine = client_repo.add_member(s, name=user.full_name or user.username, role=user.role,
                                          username=user.username)
            audit.record(self.ctx, s, "member.create", record_type="member", record_id=mine.id)
            return mine

    def _visit(self, visit_id: str) -> VisitRecord:
        require(self.ctx, "visit.write")
        with self.ctx.db.transaction() as s:
            visit = repo.get_visit(s, visit_id=visit_id)
        if visit is None:
            raise NotFound(tr("Fant ikke besøket."))
        return visit

    def add(self, visit_id: str, member_id: str, role: str) -> VisitRecord:
        """Add a person to the visit's team (kontaktperson too when the team had none)."""
        visit = self._visit(visit_id)
        team = [(m.member.id, m.role) for m in visit.members]
        if any(m == member_id for m, _r in team):
            raise InvalidValue(tr("Personen er allerede med i teamet."))
        team.append((member_id, role))
        return self.ctx.visits.set_team(visit_id, team, visit.contact_member_id or member_id)

    def remove(self, visit_id: str, member_id: str) -> VisitRecord:
        """Take a person off the team; a removed kontaktperson passes the role to the first left."""
        visit = self._visit(visit_id)
        team = [(m.member.id, m.role) for m in visit.members if m.member.id != member_id]
        contact = visit.contact_member_id
        if contact == member_id or contact not in {m for m, _r in team}:
            contact = team[0][0] if team else None
        return self.ctx.visits.set_team(visit_id, team, contact)

    def set_role(self, visit_id: str, member_id: str, role: str) -> VisitRecord:
        if role not in _TEAM_ROLES:
            raise InvalidValue(tr("Ukjent rolle «{r}».", r=role))
        visit = self._visit(visit_id)
        if member_id not in {m.member.id for m in visit.members}:
            raise InvalidValue(tr("Personen er ikke med i teamet for dette besøket."))
        team = [(m.member.id, role if m.member.id == member_id else m.role) for m in visit.members]
        return self.ctx.visits.set_team(visit_id, team, visit.contact_member_id)

    def set_contact(self, visit_id: str, member_id: str) -> VisitRecord:
        visit = self._visit(visit_id)
        team = [(m.member.id, m.role) for m in visit.members]
        return self.ctx.visits.set_team(visit_id, team, member_id)
