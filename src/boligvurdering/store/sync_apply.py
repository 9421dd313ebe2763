"""Applying a page of pulled answers in bulk (a handful of statements per page, not per answer).

An answer is written unless this laptop has its own change of it not yet sent (``dirty``), or
already has that server version, or its visit/room does not exist here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam, delete, insert, tuple_, update
from sqlmodel import Session, col, select

from boligvurdering.store.answers import answer_id, ensure_assessment
from boligvurdering.store.models import Answer, Assessment, Room, Visit, utcnow
from boligvurdering.store.sealing import encode_answer
from boligvurdering.store.sync_models import SyncAnswer
from boligvurdering.store.util import as_uuid

#: question id → (form id, form version, form hash, unit), or None for a question this laptop lacks
Pin = Callable[[str], tuple[str, str, str, str | None] | None]
Key = tuple[uuid.UUID, str, str]


def _latest(items: list[dict[str, Any]]) -> dict[Key, dict[str, Any]]:
    latest: dict[Key, dict[str, Any]] = {}
    for item in items:
        key = (as_uuid(item["visit_id"]), item["question_id"], item.get("scope") or "")
        if key not in latest or item["seq"] > latest[key]["seq"]:
            latest[key] = item
    return latest


def _applicable(session: Session, latest: dict[Key, dict[str, Any]], pin: Pin) -> tuple[list, dict[Key, Any]]:
    """The pulled answers to write, and this laptop's sync state of each key (plain rows, no ORM objects)."""
    vids = list({k[0] for k in latest})
    states = {(r.visit_id, r.question_id, r.scope): r for r in session.execute(
        select(SyncAnswer.id, SyncAnswer.visit_id, SyncAnswer.question_id, SyncAnswer.scope, SyncAnswer.seq,
               SyncAnswer.dirty).where(col(SyncAnswer.visit_id).in_(vids)))}
    visits = set(session.exec(select(Visit.id).where(col(Visit.id).in_(vids))))
    rooms = {str(r) for r in session.exec(select(Room.id).where(col(Room.visit_id).in_(vids)))}
    todo = []
    for key, item in latest.items():
        state, p = states.get(key), pin(key[1])
        if state is not None and (state.dirty or item["seq"] <= state.seq):
            continue
        if p is None or key[0] not in visits or (key[2] and str(as_uuid(key[2])) not in rooms):
            continue
        todo.append((key, item, p))
    return todo, states


def _answer_values(session: Session, key: Key, item: dict[str, Any], assessment: uuid.UUID, unit: str | None,
                   now: Any) -> dict:
    encoded, num = encode_answer(session, key[0], key[1], key[2], item["value"])
    return {"id": answer_id(str(key[0]), key[1], key[2]), "created_at": now, "updated_at": now, "visit_id": key[0],
            "assessment_id": assessment, "question_id": key[1], "room_id": as_uuid(key[2]) if key[2] else None,
            "scope": key[2], "value_json": encoded, "unit": unit, "num_value": num,
            "answered_by": item.get("by", "")}


def apply_remote_answers(session: Session, items: list[dict[str, Any]], pin: Pin) -> int:
    """Write the pulled answers that apply; returns how many were applied."""
    latest = _latest(items)
    if not latest:
        return 0
    todo, states = _applicable(session, latest, pin)
    keys = [key for key, _item, _p in todo]
    for start in range(0, len(keys), 300):  # one statement per 300 answers (SQLite's variable limit)
        session.execute(delete(Answer).where(tuple_(col(Answer.visit_id), col(Answer.question_id), col(Answer.scope))
                                             .in_(keys[start:start + 300])))
    now, rows, new_states, seen = utcnow(), [], [], []
    assessments = {(a.visit_id, a.form_id): a.id for a in session.exec(
        select(Assessment).where(col(Assessment.visit_id).in_(list({k[0] for k in keys}))))}
    for key, item, (form_id, version, form_hash, unit) in todo:
        if not item["deleted"]:
            if (key[0], form_id) not in assessments:
                assessments[(key[0], form_id)] = as_uuid(ensure_assessment(
                    session, visit_id=str(key[0]), form_id=form_id, form_version=version, form_hash=form_hash))
            rows.append(_answer_values(session, key, item, assessments[(key[0], form_id)], unit, now))
        state = states.get(key)
        if state is None:
            new_states.append({"id": uuid.uuid4(), "created_at": now, "updated_at": now, "visit_id": key[0],
                               "question_id": key[1], "scope": key[2], "seq": item["seq"], "dirty": False,
                               "counter": 0, "deleted": bool(item["deleted"]), "changed_by": ""})
        else:
            seen.append({"row_id": state.id, "new_seq": item["seq"], "gone": bool(item["deleted"]), "now": now})
    if rows:
        session.execute(insert(Answer.__table__), rows)
    if new_states:
        session.execute(insert(SyncAnswer.__table__), new_states)
    if seen:  # one executemany, not an ORM flush per state
        table = SyncAnswer.__table__
        session.connection().execute(update(table).where(table.c.id == bindparam("row_id")).values(
            seq=bindparam("new_seq"), deleted=bindparam("gone"), updated_at=bindparam("now")), seen)
    return len(todo)
