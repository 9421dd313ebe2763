"""Visits (cases): create, team and contact person, rooms, sign-off, listing."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

from boligvurdering.domain import validation as v
from boligvurdering.domain.enums import LINDAAS_ROLES, ReferralSource, Role, RoomType, VisitStatus
from boligvurdering.domain.errors import InvalidValue, NotFound, Problem, found
from boligvurdering.domain.records import MemberRecord, RoomRecord, VisitRecord, VisitSummary
from boligvurdering.i18n import tr
from boligvurdering.services import audit
from boligvurdering.services.access import guard, require
from boligvurdering.services.collect import Collector
from boligvurdering.services.team import default_contact
from boligvurdering.store import clients as client_repo
from boligvurdering.store import visits as repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

_TEAM_ROLES = {r.value for r in LINDAAS_ROLES}


def clean_visit(data: dict[str, Any], c: Collector) -> dict[str, Any]:
    """Validate visit fields (dates, status, referral) collecting problems."""
    out: dict[str, Any] = {}
    if data.get("visit_date"):
        out["visit_date"] = c.field("visit_date", lambda: v.iso_date(data["visit_date"], tr("Besøksdato")))
    if data.get("referral_date"):
        out["referral_date"] = c.field("referral_date", lambda: v.iso_date(data["referral_date"], tr("Henvisningsdato")))
    if "status" in data:
        out["status"] = c.field("status", lambda: v.enum_value(data["status"], VisitStatus, tr("Status")))
    if data.get("referral_source"):
        out["referral_source"] = c.field("referral_source", lambda: v.enum_value(data["referral_source"], ReferralSource, tr("Henvist av")))
    for key, label in (("referral_reason", tr("Henvisningsårsak")), ("notes", tr("Merknad")),
                       ("condition", tr("Diagnose eller tilstand"))):
        if key in data:
            value = data[key]
            if not isinstance(value, str) or len(value) > 4000:
                c.problems.append(Problem(f"{c.prefix}{key}", tr("{label} må være tekst (høyst 4000 tegn).", label=label)))
            else:
                out[key] = value
    if "priority" in data:
        out["priority"] = c.field("priority", lambda: v.optional_int(data["priority"], tr("Prioritet"), 1, 3))
    return out


class VisitService:
    """Use cases around one visit and its team."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @guard("visit.write")
    def create(self, client_id: str, *, data: dict[str, Any], team: list[tuple[str, str]] | None = None,
               contact_member_id: str | None = None) -> VisitRecord:
        """Start a visit for a client. ``team`` is ``(member_id, role)``; roles are Lindås roles.

        Without ``contact_member_id`` the signed-in user's member (when on the team) or the
        first member becomes kontaktperson: a visit never starts without one.
        """
        c = Collector()
        fields = clean_visit({"status": VisitStatus.PLANLAGT.value, **data}, c)
        team = team or []
        for i, (_mid, role) in enumerate(team):
            if role not in _TEAM_ROLES:
                c.problems.append(Problem(f"team[{i}].role", tr("Ukjent rolle «{r}».", r=role)))
        if contact_member_id and contact_member_id not in {m for m, _ in team}:
            c.problems.append(Problem("contact", tr("Kontaktpersonen må være med i teamet.")))
        c.raise_if_any(tr("Besøket kan ikke opprettes"))
        require(self.ctx, "visit.write")
        with self.ctx.db.transaction() as s:
            if client_repo.get_client(s, client_id=client_id) is None:
                raise NotFound(tr("Fant ikke brukeren."))
            dwellings = client_repo.dwellings_of(s, client_id=client_id)
            contact_member_id = contact_member_id or default_contact(s, self.ctx.actor, team)
            record = repo.add_visit(s, client_id=client_id, dwelling_id=dwellings[0].id if dwellings else None,
                                    contact_member_id=contact_member_id, by=self.ctx.actor, **fields)
            repo.set_team(s, visit_id=record.id, team=team)
            audit.record(self.ctx, s, "visit.create", visit_id=record.id, details={"fields": sorted(fields)})
            return found(repo.get_visit(s, visit_id=record.id), tr("Fant ikke besøket."))

    @guard("visit.write")
    def update(self, visit_id: str, data: dict[str, Any]) -> VisitRecord:
        c = Collector()
        fields = clean_visit({k: v for k, v in data.items() if k != "status"}, c)
        c.raise_if_any(tr("Endringen kan ikke lagres"))
        require(self.ctx, "visit.write")
        with self.ctx.db.transaction() as s:
            before = repo.get_visit(s, visit_id=visit_id)
            audit.record(self.ctx, s, "visit.update", visit_id=visit_id, details=audit.changes({k: getattr(before, k, None) for k in fields}, fields))
            repo.update_visit(s, visit_id=visit_id, **fields)
            return found(repo.get_visit(s, visit_id=visit_id), tr("Fant ikke besøket."))

    @guard("visit.write")
    def set_team(self, visit_id: str, team: list[tuple[str, str]], contact_member_id: str | None) -> VisitRecord:
        if any(role not in _TEAM_ROLES for _m, role in team):
            raise InvalidValue(tr("Ukjent rolle i teamet."))
        if contact_member_id and contact_member_id not in {m for m, _ in team}:
            raise InvalidValue(tr("Kontaktpersonen må være med i teamet."))
        require(self.ctx, "visit.write")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "visit.team", visit_id=visit_id, details={"team": team, "contact": contact_member_id})
            repo.set_team(s, visit_id=visit_id, team=team)
            repo.update_visit(s, visit_id=visit_id, contact_member_id=contact_member_id)
            return found(repo.get_visit(s, visit_id=visit_id), tr("Fant ikke besøket."))

    def get(self, visit_id: str) -> VisitRecord:
        require(self.ctx, "visit.read")
        with self.ctx.db.transaction() as s:
            record = repo.get_visit(s, visit_id=visit_id)
            audit.record(self.ctx, s, "visit.read", client_id=record.client_id if record else "", record_type="visit", record_id=visit_id)
        if record is None:
            raise NotFound(tr("Fant ikke besøket."))
        return record

    def list(self, client_id: str | None = None, limit: int = 500) -> list[VisitSummary]:
        require(self.ctx, "visit.read")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "visit.list", client_id=client_id or "")
            return repo.list_visits(s, client_id=client_id, limit=limit)

    @guard("visit.write")
    def add_room(self, visit_id: str, room_type: str, name: str = "", floor: int | None = None) -> RoomRecord:
        room_type = v.enum_value(room_type, RoomType, tr("Romtype"))
        label = name.strip() if isinstance(name, str) and name.strip() else RoomType(room_type).label()
        if len(label) > 100:
            raise InvalidValue(tr("Romnavnet er for langt (høyst 100 tegn)."))
        require(self.ctx, "visit.write")
        with self.ctx.db.transaction() as s:
            if not repo.visit_exists(s, visit_id=visit_id):
                raise NotFound(tr("Fant ikke besøket."))
            audit.record(self.ctx, s, "room.add", visit_id=visit_id, details={"type": room_type})
            return repo.add_room(s, visit_id=visit_id, type=room_type, name=label, floor=floor)

    @guard("visit.write")
    def rename_room(self, room_id: str, name: str) -> None:
        label = v.name(name, tr("Romnavn"))
        require(self.ctx, "visit.write")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "room.rename", record_type="room", record_id=room_id)
            repo.update_room(s, room_id=room_id, name=label[:100])

    def delete_room(self, room_id: str) -> None:
        require(self.ctx, "visit.write")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "room.delete", record_type="room", record_id=room_id)
            repo.delete_room(s, room_id=room_id, by=self.ctx.actor)

    def rooms(self, visit_id: str) -> builtins.list[RoomRecord]:
        require(self.ctx, "visit.read")
        with self.ctx.db.transaction() as s:
            return repo.rooms_of(s, visit_id=visit_id)

    @guard("visit.write")
    def add_member(self, name: str, role: str, phone: str = "", email: str = "") -> MemberRecord:
        c = Collector()
        clean = {
            "name": c.field("name", lambda: v.name(name, tr("Navn"))),
            "role": c.field("role", lambda: v.enum_value(role, Role, tr("Rolle"))),
            "phone": c.field("phone", lambda: v.phone(phone)),
            "email": email.strip() if isinstance(email, str) else "",
        }
        c.raise_if_any(tr("Teammedlemmet kan ikke lagres"))
        with self.ctx.db.transaction() as s:
            return client_repo.add_member(s, **clean)

    @guard("visit.write")
    def update_member(self, member_id: str, *, name: str, role: str, phone: str = "") -> MemberRecord:
        """Correct a team member's name, role or phone (audited)."""
        c = Collector()
        clean = {"name": c.field("name", lambda: v.name(name, tr("Navn"))),
                 "role": c.field("role", lambda: v.enum_value(role, Role, tr("Rolle"))),
                 "phone": c.field("phone", lambda: v.phone(phone))}
        c.raise_if_any(tr("Teammedlemmet kan ikke lagres"))
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "member.update", record_type="member", record_id=member_id,
                         details={"fields": sorted(clean)})
            try:
                return repo.update_member(s, member_id=member_id, **clean)
            except KeyError:
                raise NotFound(tr("Fant ikke teammedlemmet.")) from None

    @guard("visit.write")
    def deactivate_member(self, member_id: str) -> MemberRecord:
        """A member who leaves is deactivated: visits keep their team, new visits don't offer them."""
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "member.deactivate", record_type="member", record_id=member_id,
                         details={"changed": {"active": [True, False]}})
            try:
                return repo.update_member(s, member_id=member_id, active=False)
            except KeyError:
                raise NotFound(tr("Fant ikke teammedlemmet.")) from None

    @guard("visit.read")
    def members(self) -> builtins.list[MemberRecord]:
        with self.ctx.db.transaction() as s:
            return client_repo.list_members(s)

    @guard("visit.read")
    def status_history(self, visit_id: str) -> builtins.list[tuple[Any, ...]]:
        with self.ctx.db.transaction() as s:
            return repo.status_history(s, visit_id=visit_id)

