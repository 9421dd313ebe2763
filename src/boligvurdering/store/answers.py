"""Data access for assessments (form pins) and answers."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlmodel import Session, col, delete, select

from boligvurdering.security.categories import HIDDEN
from boligvurdering.store.models import Answer, Assessment, ScoreSnapshot, utcnow
from boligvurdering.store.sealing import decode_answer, encode_answer
from boligvurdering.store.sync_track import mark_answers
from boligvurdering.store.util import as_uuid as _uuid

_ANSWER_NS = uuid.UUID("6f1d2a8e-4b7c-5e3f-9a0b-1c2d3e4f5a6b")


def answer_id(visit_id: str | uuid.UUID, question_id: str, scope: str) -> uuid.UUID:
    """The same id for the same answer on every laptop and after every import."""
    return uuid.uuid5(_ANSWER_NS, f"{_uuid(visit_id)}/{question_id}/{scope}")


def ensure_assessment(session: Session, *, visit_id: str, form_id: str, form_version: str, form_hash: str) -> str:
    """The assessment row for (visit, form); created on first answer. Returns its id."""
    row = session.exec(select(Assessment).where(Assessment.visit_id == _uuid(visit_id),
                                                Assessment.form_id == form_id)).first()
    if row is None:
        row = Assessment(visit_id=_uuid(visit_id), form_id=form_id, form_version=form_version, form_hash=form_hash)
        session.add(row)
        session.flush()
    return str(row.id)


def assessments_of(session: Session, *, visit_id: str) -> list[tuple[str, str, str]]:
    rows = session.exec(select(Assessment).where(Assessment.visit_id == _uuid(visit_id)).order_by(Assessment.form_id))
    return [(a.form_id, a.form_version, a.form_hash) for a in rows]


def put_answer(session: Session, *, visit_id: str, assessment_id: str, question_id: str,
               value: Any, room_id: str | None = None, unit: str | None = None, by: str = "",
               track: bool = True) -> None:
    """Insert or replace one answer (one row per visit, question and room).

    ``track``: record it as a local change for the team server (not when applying a pulled one).
    """
    scope = str(room_id) if room_id else ""
    encoded, num = encode_answer(session, visit_id, question_id, scope, value)
    row = session.exec(select(Answer).where(Answer.visit_id == _uuid(visit_id), Answer.question_id == question_id,
                                            Answer.scope == scope)).first()
    if row is None:
        session.add(Answer(id=answer_id(visit_id, question_id, scope), visit_id=_uuid(visit_id), assessment_id=_uuid(assessment_id), question_id=question_id,
                           room_id=_uuid(room_id) if room_id else None, scope=scope, value_json=encoded,
                           num_value=num, unit=unit, answered_by=by))
    else:
        row.value_json, row.num_value, row.unit, row.answered_by = encoded, num, unit, by
    if track:
        mark_answers(session, visit_id, [(question_id, scope, False)], by)
    session.flush()


def delete_answer(session: Session, *, visit_id: str, question_id: str, room_id: str | None = None,
                  by: str = "", track: bool = True) -> None:
    """Delete one answer; tracked, the deletion is kept as a tombstone until the server has it."""
    scope = str(room_id) if room_id else ""
    gone = session.exec(delete(Answer).where(col(Answer.visit_id) == _uuid(visit_id),
                                             col(Answer.question_id) == question_id, col(Answer.scope) == scope))
    if track and gone.rowcount:
        mark_answers(session, visit_id, [(question_id, scope, True)], by)


def answers_of(session: Session, *, visit_id: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(visit-level answers, {room_id: answers}) by question id.

    Sealed answers this session holds no key for are left out (:func:`hidden_answers` counts them).
    """
    visit_level: dict[str, Any] = {}
    per_room: dict[str, dict[str, Any]] = {}
    rows = session.exec(select(Answer.question_id, Answer.scope, Answer.value_json).where(Answer.visit_id == _uuid(visit_id)))
    for qid, scope, encoded in rows:
        value = decode_answer(session, visit_id, qid, scope, encoded)
        if value is not HIDDEN:
            target = per_room.setdefault(scope, {}) if scope else visit_level
            target[qid] = value
    return visit_level, per_room


def hidden_answers(session: Session, *, visit_id: str) -> int:
    """How many of the visit's answers are sealed with a key this session does not hold."""
    rows = session.exec(select(Answer.question_id, Answer.scope, Answer.value_json).where(Answer.visit_id == _uuid(visit_id)))
    return sum(decode_answer(session, visit_id, q, sc, e) is HIDDEN for q, sc, e in rows)


def save_snapshot(session: Session, *, visit_id: str, scoring_version: str, result: dict[str, Any]) -> datetime:
    """Store a score snapshot; returns its ``created_at`` (the ``case_stat`` row is dated by it)."""
    row = ScoreSnapshot(visit_id=_uuid(visit_id), scoring_version=scoring_version,
                        result_json=json.dumps(result, ensure_ascii=False))
    session.add(row)
    session.flush()
    return row.created_at


def latest_snapshot(session: Session, *, visit_id: str) -> dict[str, Any] | None:
    row = session.exec(select(ScoreSnapshot).where(ScoreSnapshot.visit_id == _uuid(visit_id))
                       .order_by(col(ScoreSnapshot.created_at).desc())).first()
    return json.loads(row.result_json) if row else None


def new_answer_row(visit_id: uuid.UUID, question_id: str, room_id: str | uuid.UUID | None, fields: dict[str, Any],
                   now: datetime) -> dict[str, Any]:
    """An answer row as :func:`replace_all` inserts it (``fields``: assessment, value, unit, number, stamp)."""
    scope = str(room_id) if room_id else ""
    return {"id": answer_id(visit_id, question_id, scope), "created_at": now, "visit_id": visit_id,
            "question_id": question_id, "room_id": _uuid(room_id) if room_id else None, "scope": scope,
            "answered_by": "", **fields}


def replace_all(session: Session, *, visit_id: str, pins: dict[str, tuple[str, str]],
                rows: list[tuple[str, str, str | None, Any, str | None]], by: str = "", track: bool = True) -> None:
    """Make a visit's answers exactly ``rows`` (exchange import, sync); unchanged answers keep their ids.

    Answers sealed with a key this session does not hold are kept as they are (never deleted by
    someone who cannot read them).

    Args:
        pins: form id → (version, hash) for the forms the answers belong to.
        rows: (form_id, question_id, room_id, value, unit) tuples.
        track: record what changed as local changes for the team server.
    """
    assessment_ids = {fid: ensure_assessment(session, visit_id=visit_id, form_id=fid, form_version=ver, form_hash=h)
                      for fid, (ver, h) in pins.items()}
    vid, now = _uuid(visit_id), utcnow()
    old = {(q, sc): (i, decode_answer(session, vid, q, sc, v)) for i, q, sc, v in session.exec(
        select(Answer.id, Answer.question_id, Answer.scope, Answer.value_json).where(Answer.visit_id == vid))}
    hidden = {k for k, (_i, v) in old.items() if v is HIDDEN}
    new, changed = [], []
    for fid, qid, rid, value, unit in rows:
        key = (qid, str(rid) if rid else "")
        if key in hidden:
            old.pop(key)
            continue
        encoded, num = encode_answer(session, vid, qid, key[1], value)
        fields = {"assessment_id": _uuid(assessment_ids[fid]), "value_json": encoded, "unit": unit,
                  "num_value": num, "updated_at": now}
        if key in old:
            row_id, before = old.pop(key)
            if json.dumps(before, ensure_ascii=False) != json.dumps(value, ensure_ascii=False):
                session.execute(update(Answer).where(col(Answer.id) == row_id).values(**fields))
                changed.append((*key, False))
            continue
        new.append(new_answer_row(vid, qid, rid, fields, now))
        changed.append((*key, False))
    old = {k: v for k, v in old.items() if k not in hidden}
    if old:
        session.execute(delete(Answer).where(col(Answer.id).in_([i for i, _v in old.values()])))
        changed += [(*key, True) for key in old]
    if new:  # Core bulk insert: building 100+ ORM objects per visit costs more than the write
        session.execute(insert(Answer.__table__), new)
    if track:
        mark_answers(session, visit_id, changed, by)
