"""Writing a page of visits that are new on this laptop in bulk (a first sync, a bulk exchange import).

The rows are the ones the per-visit path (``ExchangeService.write_parsed``) writes for a new visit
of a new client: built as the same model instances (so every default and id is the same), then
inserted with one multi-row statement per table for the whole page. A visit this cannot take
exactly (its client, visit, dwelling, room, measure or photo ids already here or claimed by an
earlier visit of the page, answers when the caller does not write them, a team member without id)
is left to that path. The sync writes no answers (they sync on their own); the exchange import
passes each visit's answers and has them tracked as local changes. The caller writes the visits'
plans (household, statement) after the insert, as that path does, and their photo files.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from boligvurdering.store.answers import new_answer_row
from boligvurdering.store.models import (
    STATUS_ORDER,
    Answer,
    Assessment,
    Client,
    Dwelling,
    Measure,
    MeasureAllocation,
    Photo,
    Room,
    StatusEvent,
    TeamMember,
    Visit,
    VisitMember,
    utcnow,
)
from boligvurdering.store.sealing import encode_answer
from boligvurdering.store.util import as_uuid, insert_rows, make

#: (status, visit date, referral date) → next_due of a new case (no follow-ups or applications yet)
Due = Callable[[str, date | None, date | None], date | None]
#: (form id → (version, hash), [(form id, question id, room id, value, unit)]): ``answers.replace_all``'s arguments
Answers = tuple[dict[str, tuple[str, str]], list[tuple[str, str, str | None, Any, str | None]]]
_ORDER = (TeamMember, Client, Dwelling, Visit, StatusEvent, VisitMember, Room, Measure, MeasureAllocation, Photo,
          Assessment, Answer)


def _ids(value: Any) -> uuid.UUID | None:
    try:
        return as_uuid(value) if value else None
    except ValueError:
        return None


def _claimed(p: Any) -> dict[type[SQLModel], set[uuid.UUID]]:
    """The ids a new visit would create, by table."""
    return {Visit: {as_uuid(p.visit_id)},
            Dwelling: {i for i in [_ids((p.dwelling or {}).get("id"))] if i},
            Room: {i for i in (_ids(r["id"]) for r in p.rooms) if i},
            Measure: {i for i in (_ids(m.get("id")) for m in p.measures) if i},
            Photo: {i for i in (_ids(ph.get("id")) for ph in p.photos) if i}}


def bulk_candidates(session: Session, parsed: list[Any], *, answers: bool = False,
                    also: Callable[[Any], bool] | None = None) -> list[bool]:
    """Which parsed visits the bulk writer takes (the rest go through the per-visit path, after).

    ``answers``: the caller writes the visits' answers too (else a visit with answers is left out);
    ``also``: a further condition of the caller's. A visit whose client, ids or team members an
    earlier visit of the page also names is left out (the per-visit path writes them in order).
    """
    claims = [_claimed(p) for p in parsed]
    taken: dict[type[SQLModel], set[uuid.UUID]] = {}
    for model in (Visit, Dwelling, Room, Measure, Photo):
        wanted = list({i for c in claims for i in c[model]})
        taken[model] = {row for start in range(0, len(wanted), 500) for row in session.exec(
            select(model.id).where(col(model.id).in_(wanted[start:start + 500])))}
    nids = list({p.client["national_id"] for p in parsed})
    known = {n for start in range(0, len(nids), 500) for n in session.exec(
        select(Client.national_id).where(col(Client.national_id).in_(nids[start:start + 500])))}
    here = {key for m in session.exec(select(TeamMember.id, TeamMember.name, TeamMember.role))
            for key in (str(m.id), (m.name, m.role))}
    members_left: set[Any] = set()  # team members new here named by visits left to the per-visit path
    out = []
    for p, claim in zip(parsed, claims, strict=True):
        members = {key for m in p.team if not {m["id"], (m["name"], m["role"])} & here
                   for key in (m["id"], (m["name"], m["role"]))}
        ok = (p.client["national_id"] not in known and (answers or not has_answers(p))
              and all(m["id"] for m in p.team) and not members & members_left
              and not any(claim[model] & taken[model] for model in claim) and (also is None or also(p)))
        known.add(p.client["national_id"])  # a later visit of the same client, or reusing an id, takes the other path
        for model, ids in claim.items():
            taken[model] |= ids
        if not ok:
            members_left |= members
        out.append(ok)
    return out


def has_answers(p: Any) -> bool:
    """Whether a parsed visit brings answers (visit-level or in a room)."""
    return bool(p.answers) or any(r["answers"] for r in p.rooms)


def _row(obj: SQLModel) -> dict[str, Any]:
    return {c.name: getattr(obj, c.name) for c in obj.__table__.columns}  # type: ignore[attr-defined]


class _Page:
    def __init__(self, session: Session) -> None:
        self.rows: dict[type[SQLModel], list[dict[str, Any]]] = {model: [] for model in _ORDER}
        self.by_id: dict[uuid.UUID, Any] = {}
        self.by_name: dict[tuple[str, str], Any] = {}
        for m in session.exec(select(TeamMember.id, TeamMember.name, TeamMember.role)):
            self.by_id[m.id] = m.id
            self.by_name.setdefault((m.name, m.role), m.id)

    def member(self, m: dict[str, Any]) -> uuid.UUID:
        """``ExchangeService._team``: the member with this id, else one with this name and role, else a new one."""
        found = self.by_id.get(as_uuid(m["id"])) or self.by_name.get((m["name"], m["role"]))
        if found is not None:
            return found
        row = make(TeamMember, {"id": m["id"], "name": m["name"], "role": m["role"], "phone": m["phone"] or ""})
        self.rows[TeamMember].append(_row(row))
        self.by_id[row.id] = row.id
        self.by_name.setdefault((row.name, row.role), row.id)
        return row.id

    def add(self, p: Any, by: str, due: Due) -> str:
        """Add the visit's rows; returns its (new) client's id."""
        client = make(Client, dict(p.client))
        addresses = []
        dwelling_id = None
        if p.dwelling is not None:
            fields = dict(p.dwelling)
            dwelling = make(Dwelling, {"id": fields.pop("id", None), "client_id": client.id, **fields})
            addresses.append(" ".join((dwelling.address, dwelling.postal_code, dwelling.postal_place)))
            dwelling_id = dwelling.id
        client.search_key = " ".join([client.given_name, client.family_name, client.national_id, *addresses]).casefold()
        self.rows[Client].append(_row(client))
        if p.dwelling is not None:
            self.rows[Dwelling].append(_row(dwelling))
        team, contact, signed = [], None, {}
        for m in p.team:
            mid = self.member(m)
            team.append((mid, m["role"]))
            contact = mid if m["contact"] else contact
            if m.get("signed_at"):
                signed[(mid, m["role"])] = datetime.fromisoformat(m["signed_at"])
        visit = make(Visit, {"id": p.visit_id, "client_id": client.id, "contact_member_id": contact,
                             **p.visit, "dwelling_id": dwelling_id})
        visit.status_order = STATUS_ORDER.get(visit.status, len(STATUS_ORDER))
        if visit.status == "rapport_sendt" and visit.report_sent_at is None:
            visit.report_sent_at = utcnow()
        visit.next_due = due(visit.status, visit.visit_date, visit.referral_date)
        self.rows[Visit].append(_row(visit))
        self.rows[StatusEvent].append(_row(StatusEvent(visit_id=visit.id, from_status=None, to_status=visit.status,
                                                       by=by)))
        done: set[tuple[uuid.UUID, str]] = set()
        for mid, role in team:
            row = _row(VisitMember(visit_id=visit.id, member_id=mid, role=role))
            if (mid, role) in signed and (mid, role) not in done:  # ``set_signed_at`` marks the first such row
                row["signed_at"], row["updated_at"] = signed[(mid, role)], utcnow()
                done.add((mid, role))
            self.rows[VisitMember].append(row)
        wanted = {as_uuid(room["id"]): room for room in p.rooms}
        for order, (room_id, room) in enumerate(wanted.items()):
            self.rows[Room].append(_row(Room(id=room_id, visit_id=visit.id, type=room["type"], name=room["name"],
                                             floor=room["floor"], sort_order=order)))
        for m in p.measures:
            fields = dict(m)
            allocations = fields.pop("allocations")
            if "details" in fields:
                fields["details_json"] = json.dumps(fields.pop("details"), ensure_ascii=False)
            measure = make(Measure, {"id": fields.pop("id", None), "visit_id": visit.id, **fields})
            self.rows[Measure].append(_row(measure))
            self.rows[MeasureAllocation] += [_row(MeasureAllocation(measure_id=measure.id, channel=channel,
                                                                    amount=amount))
                                             for channel, amount in allocations.items()]
        for photo in p.photos:
            fields = {k: v for k, v in photo.items() if k != "data"}
            self.rows[Photo].append(_row(make(Photo, {"id": fields.pop("id", None), "visit_id": visit.id,
                                                      **fields})))
        return str(client.id)

    def answers(self, session: Session, visit_id: uuid.UUID, answers: Answers) -> list[tuple[str, str]]:
        """The assessment and answer rows ``answers.replace_all`` writes for a new visit; the keys written."""
        pins, rows = answers
        now, assessments, keys = utcnow(), {}, []
        for form_id, (version, form_hash) in pins.items():
            assessment = make(Assessment, {"visit_id": visit_id, "form_id": form_id, "form_version": version,
                                           "form_hash": form_hash})
            self.rows[Assessment].append(_row(assessment))
            assessments[form_id] = assessment.id
        rooms = {room_id: as_uuid(room_id) for room_id in {row[2] for row in rows} if room_id}
        for form_id, qid, room_id, value, unit in rows:
            scope = str(room_id) if room_id else ""
            encoded, num = encode_answer(session, visit_id, qid, scope, value)
            self.rows[Answer].append(new_answer_row(visit_id, qid, rooms.get(room_id) if room_id else None, {
                "assessment_id": assessments[form_id], "value_json": encoded, "unit": unit, "num_value": num,
                "updated_at": now}, now))
            keys.append((qid, scope))
        return keys

    def write(self, session: Session) -> None:
        for model in _ORDER:
            rows = self.rows[model]
            insert_rows(session, model.__table__, rows)  # type: ignore[attr-defined]


def insert_new_visits(session: Session, parsed: list[Any], *, by: str, due: Due,
                      answers: list[Answers] | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Insert these new visits (each accepted by :func:`bulk_candidates`) with a few statements.

    ``answers``: each visit's answers (as ``answers.replace_all`` takes them). Returns each visit's
    client id and the (question id, scope) of the answers written (for ``sync_track.track_new``).
    """
    page = _Page(session)
    out = []
    for n, p in enumerate(parsed):
        client_id = page.add(p, by, due)
        keys = page.answers(session, as_uuid(p.visit_id), answers[n]) if answers is not None and answers[n][1] else []
        out.append((client_id, keys))
    page.write(session)
    return out
