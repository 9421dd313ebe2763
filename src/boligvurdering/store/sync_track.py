"""Recording local answer changes for the team server: one call from every answer write."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from boligvurdering.store.models import utcnow
from boligvurdering.store.sync_models import SyncAnswer, SyncDevice
from boligvurdering.store.util import as_uuid, insert_rows


def device(session: Session) -> SyncDevice:
    """This laptop's device row (created with a new device id on first use)."""
    row = session.exec(select(SyncDevice)).first()
    if row is None:
        row = SyncDevice()
        session.add(row)
        session.flush()
    return row


def reserve_counters(session: Session, n: int) -> int:
    """Take ``n`` consecutive counters of this device; returns the first."""
    dev = device(session)
    first = dev.counter + 1
    dev.counter += n
    return first


def track_new(session: Session, visit_id: str, keys: list[tuple[str, str]], by: str) -> list[dict[str, Any]]:
    """:func:`mark_answers` for answers new to a visit new here (none tracked yet), in bulk: takes their
    counters now and returns the rows, to insert with :func:`insert_tracked` (before the visit's answers
    are tracked again)."""
    first, vid, now = reserve_counters(session, len(keys)), as_uuid(visit_id), utcnow()
    return [_new_row(vid, qid, scope, False, first + n, by, now) for n, (qid, scope) in enumerate(keys)]


def insert_tracked(session: Session, rows: list[dict[str, Any]]) -> None:
    insert_rows(session, SyncAnswer.__table__, rows)  # type: ignore[arg-type]


def _new_row(visit_id: uuid.UUID, question_id: str, scope: str, deleted: bool, counter: int, by: str,
             now: datetime) -> dict[str, Any]:
    return {"id": uuid.uuid4(), "created_at": now, "visit_id": visit_id, "question_id": question_id, "scope": scope,
            "seq": 0, **_fields(deleted, counter, by, now)}


def _fields(deleted: bool, counter: int, by: str, now: datetime) -> dict[str, Any]:
    return {"dirty": True, "counter": counter, "deleted": deleted, "changed_at": now, "changed_by": by,
            "resolves": None, "updated_at": now}


def mark_answers(session: Session, visit_id: str, changes: list[tuple[str, str, bool]], by: str) -> None:
    """Record (question id, scope, deleted) changes as local, not yet sent, each with its own counter."""
    if not changes:
        return
    first = reserve_counters(session, len(changes))
    vid, now = as_uuid(visit_id), utcnow()
    known = {(q, sc): i for i, q, sc in session.exec(
        select(SyncAnswer.id, SyncAnswer.question_id, SyncAnswer.scope).where(SyncAnswer.visit_id == vid))}
    new = []
    for n, (qid, scope, deleted) in enumerate(changes):
        if (qid, scope) in known:
            session.execute(update(SyncAnswer).where(col(SyncAnswer.id) == known[(qid, scope)])
                            .values(**_fields(deleted, first + n, by, now)))
        else:
            new.append(_new_row(vid, qid, scope, deleted, first + n, by, now))
    insert_tracked(session, new)
