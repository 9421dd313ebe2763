"""Data access for syncing with the team server: accounts, pending changes, acknowledgements, conflicts."""

from __future__ import annotations

import json
from itertools import islice
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from boligvurdering.security.categories import HIDDEN
from boligvurdering.store.models import Answer, Visit
from boligvurdering.store.sealing import decode_answer
from boligvurdering.store.security import iter_audit
from boligvurdering.store.sync_models import SyncAccount, SyncAnswer, SyncConflict, SyncVisit
from boligvurdering.store.sync_track import device
from boligvurdering.store.util import as_uuid


def save_account(session: Session, *, server_url: str, name: str, username: str, token: str, role: str,
                 team_id: str) -> None:
    dev = device(session)
    dev.server_url, dev.name = server_url, name
    row = session.exec(select(SyncAccount).where(SyncAccount.username == username)).first()
    if row is None:
        row = SyncAccount(username=username, token=token)
        session.add(row)
    row.token, row.role, row.team_id = token, role, team_id


def account(session: Session, username: str) -> tuple[str, str, str] | None:
    """(device id, server url, token) for ``username``, or ``None`` if not enrolled."""
    dev = device(session)
    row = session.exec(select(SyncAccount).where(SyncAccount.username == username)).first()
    return (str(dev.id), dev.server_url, row.token) if row and dev.server_url else None


def forget_account(session: Session, username: str) -> None:
    session.execute(delete(SyncAccount).where(col(SyncAccount.username) == username))


def visit_signatures_seen(session: Session) -> dict[str, str]:
    """visit id → the signature it had when it was last exchanged."""
    return {str(v): sig for v, sig in session.exec(select(SyncVisit.visit_id, SyncVisit.signature))}


def visit_state(session: Session, visit_id: str) -> SyncVisit:
    row = session.exec(select(SyncVisit).where(SyncVisit.visit_id == as_uuid(visit_id))).first()
    if row is None:
        row = SyncVisit(visit_id=as_uuid(visit_id))
        session.add(row)
        session.flush()
    return row


def pending_visit_counter(session: Session, visit_id: str, doc_hash: str) -> int:
    """The counter to push this version of the visit with (the same one again on a retry)."""
    state = visit_state(session, visit_id)
    if state.pending_hash != doc_hash:
        dev = device(session)
        dev.counter += 1
        state.pending_hash, state.pending_counter = doc_hash, dev.counter
    return state.pending_counter


def visit_exchanged(session: Session, visit_id: str, doc_hash: str, seq: int, signature: str) -> None:
    state = visit_state(session, visit_id)
    state.doc_hash, state.seq, state.signature = doc_hash, max(state.seq, seq), signature
    if state.pending_hash == doc_hash:
        state.pending_hash, state.pending_counter = "", 0


def dirty_answers(session: Session, limit: int) -> list[dict[str, Any]]:
    """Local answer changes not yet acknowledged, oldest first, with their current values.

    Changes of a visit deleted here (privacy erase) are dropped: there is nothing left to send.
    """
    session.execute(update(SyncAnswer).where(col(SyncAnswer.dirty) == True,  # noqa: E712
                                             col(SyncAnswer.visit_id).not_in(select(Visit.id))).values(dirty=False))
    rows = session.exec(select(SyncAnswer).where(SyncAnswer.dirty == True)  # noqa: E712
                        .order_by(col(SyncAnswer.counter)).limit(limit)).all()
    out = []
    for r in rows:
        value = session.exec(select(Answer.value_json).where(
            Answer.visit_id == r.visit_id, Answer.question_id == r.question_id, Answer.scope == r.scope)).first()
        plain = None if value is None else decode_answer(session, r.visit_id, r.question_id, r.scope, value)
        if plain is HIDDEN:
            continue  # sealed for a role this account does not have: it stays dirty for one who has it
        out.append({"visit_id": str(r.visit_id), "question_id": r.question_id, "scope": r.scope, "base": r.seq,
                    "counter": r.counter, "deleted": value is None, "by": r.changed_by,
                    "value": plain, "resolves": r.resolves,
                    "at": r.changed_at.isoformat() if r.changed_at else None})
    return out


def acknowledge_answer(session: Session, item: dict[str, Any], ack: dict[str, Any]) -> None:
    """The server has the change ``item``: applied, the same already, or kept as a conflict.

    After a conflict the base stays as it was, so the server's value arrives with the next pull.
    """
    row = _answer_row(session, item)
    if row is None:
        return
    if ack["outcome"] != "conflict":
        row.seq = max(row.seq, int(ack["seq"]))
    if row.counter == item["counter"]:
        row.dirty, row.resolves = False, None


def _answer_row(session: Session, item: dict[str, Any]) -> SyncAnswer | None:
    return session.exec(select(SyncAnswer).where(
        SyncAnswer.visit_id == as_uuid(item["visit_id"]), SyncAnswer.question_id == item["question_id"],
        SyncAnswer.scope == (item.get("scope") or ""))).first()


def audit_to_send(session: Session, limit: int) -> list[dict[str, Any]]:
    """Access-log entries the server does not have yet, oldest first."""
    return list(islice(iter_audit(session, batch=limit, after=device(session).audit_sent), limit))


def audit_sent(session: Session, seq: int) -> None:
    device(session).audit_sent = max(device(session).audit_sent, seq)


def _account_row(session: Session, username: str) -> SyncAccount:
    return session.exec(select(SyncAccount).where(SyncAccount.username == username)).one()


def cursor(session: Session, username: str) -> int:
    return _account_row(session, username).cursor


def set_cursor(session: Session, username: str, value: int) -> None:
    row = _account_row(session, username)
    row.cursor = max(row.cursor, value)


def store_conflict(session: Session, c: dict[str, Any]) -> None:
    row = session.exec(select(SyncConflict).where(SyncConflict.conflict_id == c["id"])).first()
    if row is None:
        row = SyncConflict(conflict_id=c["id"], visit_id=as_uuid(c["visit_id"]), question_id=c["question_id"],
                           scope=c.get("scope") or "")
        session.add(row)
    row.kept_json = None if c["kept"] is None else json.dumps(c["kept"], ensure_ascii=False)
    row.other_json = None if c["other"] is None else json.dumps(c["other"], ensure_ascii=False)
    row.kept_by, row.kept_at, row.other_by, row.other_at = c["kept_by"], c["kept_at"], c["other_by"], c["other_at"]
    row.resolved, row.resolved_by = bool(c["resolved"]), c.get("resolved_by") or ""


def conflicts(session: Session, *, open_only: bool = True) -> list[SyncConflict]:
    query = select(SyncConflict).order_by(col(SyncConflict.created_at))
    if open_only:
        query = query.where(SyncConflict.resolved == False)  # noqa: E712
    return list(session.exec(query))


def conflict(session: Session, conflict_id: str) -> SyncConflict | None:
    return session.exec(select(SyncConflict).where(SyncConflict.conflict_id == conflict_id)).first()


def mark_resolving(session: Session, c: SyncConflict, by: str) -> None:
    """The local resolution is an answer change that tells the server which conflict it settles."""
    session.execute(update(SyncAnswer).where(col(SyncAnswer.visit_id) == c.visit_id,
                                             col(SyncAnswer.question_id) == c.question_id,
                                             col(SyncAnswer.scope) == c.scope).values(resolves=c.conflict_id))
    c.resolved, c.resolved_by = True, by
