"""Recording local answer changes for the team server: one call from every answer write."""

from __future__ import annotations

import uuid

from sqlalchemy import insert, update
from sqlmodel import Session, col, select

from boligvurdering.store.models import utcnow
from boligvurdering.store.sync_models import SyncAnswer, SyncDevice
from boligvurdering.store.util import as_uuid


def device(session: Session) -> SyncDevice:
    """This laptop's device row (created with a new device id on first use)."""
    row = session.exec(select(SyncDevice)).first()
    if row is None:
        row = SyncDevice()
        session.add(row)
        session.flush()
    return row


def mark_answers(session: Session, visit_id: str, changes: list[tuple[str, str, bool]], by: str) -> None:
    """Record (question id, scope, deleted) changes as local, not yet sent, each with its own counter."""
    if not changes:
        return
    dev = device(session)
    first = dev.counter + 1
    dev.counter += len(changes)
    vid, now = as_uuid(visit_id), utcnow()
    known = {(q, sc): i for i, q, sc in session.exec(
        select(SyncAnswer.id, SyncAnswer.question_id, SyncAnswer.scope).where(SyncAnswer.visit_id == vid))}
    new = []
    for n, (qid, scope, deleted) in enumerate(changes):
        fields = {"dirty": True, "counter": first + n, "deleted": deleted, "changed_at": now, "changed_by": by,
                  "resolves": None, "updated_at": now}
        if (qid, scope) in known:
            session.execute(update(SyncAnswer).where(col(SyncAnswer.id) == known[(qid, scope)]).values(**fields))
        else:
            new.append({"id": uuid.uuid4(), "created_at": now, "visit_id": vid, "question_id": qid, "scope": scope,
                        "seq": 0, **fields})
    if new:
        session.execute(insert(SyncAnswer.__table__), new)
