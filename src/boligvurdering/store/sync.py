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

VISIT_FIELD = "visit:"  # a conflict's question id for a visit-level field: visit:<path>


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


def visit_states(session: Session, visit_ids: list[str]) -> dict[str, SyncVisit]:
    """visit id → its sync state, for a page of visits in one query (missing ones are created)."""
    found = {str(r.visit_id): r for r in session.exec(
        select(SyncVisit).where(col(SyncVisit.visit_id).in_([as_uuid(v) for v in visit_ids])))}
    for vid in visit_ids:
        if vid not in found:
            found[vid] = SyncVisit(visit_id=as_uuid(vid))
            session.add(found[vid])
    return found


def visit_exchanged(session: Session, visit_id: str, doc_hash: str, seq: int, signature: str,
                    base: dict[str, Any] | None = None, state: SyncVisit | None = None) -> None:
    """The visit as exchanged: the server has version ``seq``, whose document is ``base`` (if given)."""
    state = state if state is not None else visit_state(session, visit_id)
    state.doc_hash, state.signature = doc_hash, signature
    if base is not None and seq >= state.seq:
        state.seq, state.base_json = seq, json.dumps(base, ensure_ascii=False, default=str)
    state.seq = max(state.seq, seq)
    if state.pending_hash == doc_hash:
        state.pending_hash, state.pending_counter, state.action = "", 0, ""


def base_document(state: SyncVisit) -> dict[str, Any] | None:
    return None if not state.base_json else json.loads(state.base_json)


def mark_erased(session: Session, visit_ids: list[str]) -> None:
    """Visits erased here (privacy): the erasure goes to the server; nothing else of them is kept for sync."""
    vids = [as_uuid(v) for v in visit_ids]
    session.execute(delete(SyncAnswer).where(col(SyncAnswer.visit_id).in_(vids)))
    session.execute(delete(SyncConflict).where(col(SyncConflict.visit_id).in_(vids)))
    for vid in visit_ids:
        state, dev = visit_state(session, vid), device(session)
        dev.counter += 1
        state.action, state.pending_counter, state.pending_hash = "erase", dev.counter, ""
        state.base_json, state.signature, state.doc_hash = None, "", ""


def forget_visits(session: Session, visit_ids: list[str]) -> None:
    """Visits erased on the server: every sync record of them goes."""
    vids = [as_uuid(v) for v in visit_ids]
    for table in (SyncAnswer, SyncConflict, SyncVisit):
        session.execute(delete(table).where(col(table.visit_id).in_(vids)))


def erasures_to_send(session: Session) -> list[tuple[str, int]]:
    return [(str(v), c) for v, c in session.exec(select(SyncVisit.visit_id, SyncVisit.pending_counter)
                                                   .where(SyncVisit.action == "erase"))]


ANONYMISE = ("anonymise", "force")  # ``force``: an anonymisation pending from before it travelled as one


def mark_anonymised(session: Session, visit_ids: list[str]) -> None:
    """Anonymised here: the next push carries the anonymise mark (the server anonymises its copy too)."""
    for vid in visit_ids:
        visit_state(session, vid).action = "anonymise"


def anonymisations_to_send(session: Session) -> set[str]:
    return {str(v) for v in session.exec(select(SyncVisit.visit_id).where(col(SyncVisit.action).in_(ANONYMISE)))}


def anonymised_here(session: Session, visit_ids: list[str], text_question_ids: set[str]) -> int:
    """Anonymised (here or by the team): unsent free-text answer changes and the visits' conflicts go
    (a conflict holds both values). Returns how many unsent changes were dropped."""
    vids = [as_uuid(v) for v in visit_ids]
    dropped = session.exec(select(SyncAnswer.id).where(col(SyncAnswer.visit_id).in_(vids),
                                                       col(SyncAnswer.question_id).in_(sorted(text_question_ids)),
                                                       SyncAnswer.dirty == True)).all()  # noqa: E712
    session.execute(delete(SyncAnswer).where(col(SyncAnswer.visit_id).in_(vids),
                                             col(SyncAnswer.question_id).in_(sorted(text_question_ids))))
    session.execute(delete(SyncConflict).where(col(SyncConflict.visit_id).in_(vids)))
    return len(dropped)


def set_signature(session: Session, visit_id: str, signature: str) -> None:
    """The visit as it is now counts as exchanged (its pulled version applies over it)."""
    visit_state(session, visit_id).signature = signature


def resolved_visit_conflicts(session: Session, visit_id: str) -> list[str]:
    """Visit-field conflicts settled here; sent with the visit (the server ignores those it has settled)."""
    return list(session.exec(select(SyncConflict.conflict_id).where(
        SyncConflict.visit_id == as_uuid(visit_id), SyncConflict.resolved == True,  # noqa: E712
        col(SyncConflict.question_id).startswith(VISIT_FIELD))))


def push_again(session: Session, visit_id: str) -> None:
    """Send the visit at the next sync even if its document did not change (a settled conflict)."""
    state = visit_state(session, visit_id)
    state.signature, state.doc_hash = "", ""


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


def preload(session: Session, visit_ids: list[str], member_ids: list[str]) -> list[Any]:
    """Read a page's visits and team members in two queries, so per-visit lookups find them in the session.

    Returns the rows: the caller keeps them referenced while it writes the page.
    """
    from boligvurdering.store.models import TeamMember

    rows: list[Any] = list(session.exec(select(Visit).where(col(Visit.id).in_([as_uuid(v) for v in visit_ids]))))
    return rows + list(session.exec(select(TeamMember).where(col(TeamMember.id).in_(
        [as_uuid(m) for m in member_ids if m]))))
