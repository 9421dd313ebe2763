"""Data access for visits (cases), their team, rooms and status history."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, col, delete, select

from boligvurdering.domain import records as r
from boligvurdering.store import convert
from boligvurdering.store.models import (
    Answer,
    Client,
    Dwelling,
    Room,
    StatusEvent,
    TeamMember,
    Visit,
    VisitMember,
    utcnow,
)
from boligvurdering.store.sync_track import mark_answers
from boligvurdering.store.util import as_uuid as _uuid
from boligvurdering.store.util import assign, make


def add_visit(session: Session, *, id: str | None = None, by: str = "", **fields: Any) -> r.VisitRecord:
    row = make(Visit, {"id": id, **fields})
    session.add(row)
    session.flush()
    session.add(StatusEvent(visit_id=row.id, from_status=None, to_status=row.status, by=by))
    session.flush()
    return convert.visit(row)


def update_visit(session: Session, *, visit_id: str, **fields: Any) -> None:
    row = session.get(Visit, _uuid(visit_id))
    if row is None:
        raise KeyError(visit_id)
    assign(row, fields)
    session.flush()


def visit_exists(session: Session, *, visit_id: str) -> bool:
    return session.get(Visit, _uuid(visit_id)) is not None


def get_visit(session: Session, *, visit_id: str) -> r.VisitRecord | None:
    row = session.get(Visit, _uuid(visit_id))
    if row is None:
        return None
    rows = session.exec(
        select(VisitMember, TeamMember).join(TeamMember, col(TeamMember.id) == VisitMember.member_id)
        .where(VisitMember.visit_id == row.id).order_by(VisitMember.created_at)
    )
    members = tuple(r.VisitMemberRecord(convert.member(tm), vm.role, vm.signed_at) for vm, tm in rows)
    return convert.visit(row, members)


def list_visits(session: Session, *, client_id: str | None = None, limit: int = 500) -> list[r.VisitSummary]:
    query = (
        select(Visit, Client, Dwelling.postal_code)
        .join(Client, col(Client.id) == Visit.client_id)
        .outerjoin(Dwelling, col(Dwelling.id) == Visit.dwelling_id)
        .order_by(col(Visit.visit_date).desc(), col(Visit.updated_at).desc()).limit(limit)
    )
    if client_id:
        query = query.where(Visit.client_id == _uuid(client_id))
    return [
        r.VisitSummary(str(v.id), str(c.id), f"{c.given_name} {c.family_name}", v.status,
                       v.visit_date, postal or "", v.updated_at)
        for v, c, postal in session.exec(query)
    ]


def set_status(session: Session, *, visit_id: str, status: str, by: str = "", note: str = "") -> None:
    row = session.get(Visit, _uuid(visit_id))
    if row is None:
        raise KeyError(visit_id)
    session.add(StatusEvent(visit_id=row.id, from_status=row.status, to_status=status, by=by, note=note))
    row.status = status
    session.flush()


def status_history(session: Session, *, visit_id: str) -> list[tuple[str | None, str, Any, str, str]]:
    rows = session.exec(select(StatusEvent).where(StatusEvent.visit_id == _uuid(visit_id)).order_by(StatusEvent.at))
    return [(e.from_status, e.to_status, e.at, e.by, e.note) for e in rows]


def set_team(session: Session, *, visit_id: str, team: list[tuple[str, str]]) -> None:
    """Replace the visit's team with ``(member_id, role)`` pairs, keeping existing sign-offs."""
    vid = _uuid(visit_id)
    existing = {(str(vm.member_id), vm.role): vm for vm in session.exec(select(VisitMember).where(VisitMember.visit_id == vid))}
    wanted = {(str(mid), role) for mid, role in team}
    for key, vm in existing.items():
        if key not in wanted:
            session.delete(vm)
    for mid, role in team:
        if (str(mid), role) not in existing:
            session.add(VisitMember(visit_id=vid, member_id=_uuid(mid), role=role))
    session.flush()


def sign(session: Session, *, visit_id: str, member_id: str, signed: bool = True) -> None:
    rows = session.exec(select(VisitMember).where(VisitMember.visit_id == _uuid(visit_id),
                                                  VisitMember.member_id == _uuid(member_id)))
    found = False
    for vm in rows:
        vm.signed_at = utcnow() if signed else None
        found = True
    if not found:
        raise KeyError(member_id)
    session.flush()


def add_room(session: Session, *, visit_id: str, type: str, name: str, floor: int | None = None,
             id: str | None = None) -> r.RoomRecord:
    count = len(session.exec(select(Room.id).where(Room.visit_id == _uuid(visit_id))).all())
    row = Room(visit_id=_uuid(visit_id), type=type, name=name, floor=floor, sort_order=count)
    if id:
        row.id = _uuid(id)
    session.add(row)
    session.flush()
    return convert.room(row)


def update_room(session: Session, *, room_id: str, **fields: Any) -> None:
    row = session.get(Room, _uuid(room_id))
    if row is None:
        raise KeyError(room_id)
    assign(row, fields)
    session.flush()


def _untrack_rooms(session: Session, visit_id: uuid.UUID, room_ids: list[uuid.UUID], by: str) -> None:
    """The answers of rooms about to go (they go with them) as deletions for the team server."""
    if not room_ids:
        return
    gone = session.exec(select(Answer.question_id, Answer.scope).where(
        Answer.visit_id == visit_id, col(Answer.room_id).in_(room_ids))).all()
    mark_answers(session, str(visit_id), [(q, scope, True) for q, scope in gone], by)


def delete_room(session: Session, *, room_id: str, by: str = "") -> None:
    """Delete a room with its answers; the answers' deletion is tracked for the team server."""
    room = session.get(Room, _uuid(room_id))
    if room is None:
        return
    _untrack_rooms(session, room.visit_id, [room.id], by)
    session.exec(delete(Room).where(col(Room.id) == room.id))


def rooms_of(session: Session, *, visit_id: str) -> list[r.RoomRecord]:
    rows = session.exec(select(Room).where(Room.visit_id == _uuid(visit_id)).order_by(Room.sort_order, Room.created_at))
    return [convert.room(row) for row in rows]


def get_room(session: Session, *, room_id: str) -> r.RoomRecord | None:
    row = session.get(Room, _uuid(room_id))
    return convert.room(row) if row else None


def new_id() -> str:
    return str(uuid.uuid4())


def replace_rooms(session: Session, *, visit_id: str, rooms: list[dict[str, Any]], track: bool = False,
                  by: str = "") -> None:
    """Make the visit's rooms exactly ``rooms`` (id, type, name, floor); kept rooms keep their answers.

    ``track``: the answers of removed rooms count as local deletions for the team server.
    """
    vid = _uuid(visit_id)
    wanted = {_uuid(room["id"]): room for room in rooms}
    if track:
        _untrack_rooms(session, vid, list(session.exec(select(Room.id).where(
            Room.visit_id == vid, col(Room.id).not_in(list(wanted))))), by)
    session.exec(delete(Room).where(col(Room.visit_id) == vid, col(Room.id).not_in(list(wanted))))
    existing = {row.id: row for row in session.exec(select(Room).where(Room.visit_id == vid))}
    for order, (room_id, room) in enumerate(wanted.items()):
        row = existing.get(room_id) or Room(id=room_id, visit_id=vid)
        row.type, row.name, row.floor, row.sort_order = room["type"], room["name"], room["floor"], order
        session.add(row)
    session.flush()


def find_member(session: Session, *, name: str, role: str) -> r.MemberRecord | None:
    row = session.exec(select(TeamMember).where(TeamMember.name == name, TeamMember.role == role)).first()
    return convert.member(row) if row else None


def set_signed_at(session: Session, *, visit_id: str, member_id: str, role: str, signed_at: Any) -> None:
    row = session.exec(select(VisitMember).where(VisitMember.visit_id == _uuid(visit_id),
                                                 VisitMember.member_id == _uuid(member_id),
                                                 VisitMember.role == role)).first()
    if row is not None:
        row.signed_at = signed_at
        session.flush()


def member_of_user(session: Session, *, username: str) -> r.MemberRecord | None:
    """The active team member a user account signs in as (``None`` when not linked)."""
    if not username:
        return None
    row = session.exec(select(TeamMember).where(TeamMember.username == username,
                                                TeamMember.active == True)).first()  # noqa: E712
    return convert.member(row) if row else None


def update_member(session: Session, *, member_id: str, **fields: Any) -> r.MemberRecord:
    row = session.get(TeamMember, _uuid(member_id))
    if row is None:
        raise KeyError(member_id)
    assign(row, fields)
    session.flush()
    return convert.member(row)
