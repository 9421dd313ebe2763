"""Push and pull: visits (whole documents), answers (one by one, with conflicts) and conflicts.

Every pushed change carries (device id, per-device counter); the pair is stored once in
``change``, so a retried batch returns the first outcome and changes nothing. An answer is
applied when its base is the server's current version (or the device's own last write);
otherwise the server keeps its value and stores a conflict with both values, who and when.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import select, text, tuple_
from sqlalchemy.orm import Session

from boligvurdering.i18n import tr
from boligvurdering.server import access, audit, errors, sync_anonymise, sync_visits
from boligvurdering.server.access import readable_answers, visible_visits, writable_visit
from boligvurdering.server.accounts import Principal
from boligvurdering.server.db import lock_writers, next_seq
from boligvurdering.server.models import (
    Answer,
    Change,
    Conflict,
    Visit,
    VisitAssignment,
    VisitTombstone,
    utcnow,
)

MAX_BATCH = 2000
#: the columns a pull sends of an answer (plain rows: no ORM objects for thousands of answers)
ANSWER_OUT = (Answer.visit_id, Answer.question_id, Answer.scope, Answer.seq, Answer.deleted, Answer.value_json,
              Answer.changed_by, Answer.changed_at, Answer.device_id)


def push(s: Session, p: Principal, batch: dict[str, Any]) -> dict[str, Any]:
    """Apply one batch in one transaction; returns an outcome per change."""
    visits, answers, entries = batch.get("visits") or [], batch.get("answers") or [], batch.get("audit") or []
    if len(visits) + len(answers) + len(entries) > MAX_BATCH:
        raise errors.invalid(tr("For mange endringer i én pakke (høyst {n}).", n=MAX_BATCH))
    lock_writers(s)
    out: dict[str, Any] = {"visits": [_push_visit(s, p, v) for v in visits]}
    batch_state = _AnswerBatch(s, p, answers)
    out["answers"] = [_push_answer(s, p, a, batch_state) for a in answers]
    if entries:
        out["audit_seq"] = audit.receive(s, p, entries)
    s.flush()
    return out


def _seen(s: Session, p: Principal, counter: int) -> Change | None:
    return s.get(Change, (p.device_id, int(counter)))


def _record(s: Session, p: Principal, counter: int, kind: str, visit_id: uuid.UUID, outcome: str, seq: int) -> dict:
    s.add(Change(device_id=p.device_id, counter=int(counter), kind=kind, visit_id=visit_id, outcome=outcome, seq=seq))
    return {"counter": int(counter), "outcome": outcome, "seq": seq}


def _push_visit(s: Session, p: Principal, item: dict[str, Any]) -> dict[str, Any]:
    visit_id, counter = uuid.UUID(item["id"]), item["counter"]
    if (done := _seen(s, p, counter)) is not None:
        return {"counter": done.counter, "outcome": done.outcome, "seq": done.seq}
    if item.get("erase"):  # the laptop checked the right to erase (privacy.erase); the team is checked here
        return _record(s, p, counter, "erase", visit_id, "erased", sync_visits.erase_visit(s, p, item))
    if (gone := s.get(VisitTombstone, visit_id)) is not None:  # erased meanwhile: never brought back
        return _record(s, p, counter, "visit", visit_id, "erased", gone.seq)
    outcome, seq = sync_visits.push_visit(s, p, item, _checked_document)
    return _record(s, p, counter, "visit", visit_id, outcome, seq)


def _checked_document(doc: Any, visit_id: uuid.UUID, anonymised: bool = False) -> dict[str, Any]:
    """The visit document, validated as completely as an exchange file (every laptop must be able to take it).

    ``anonymised``: the visit is anonymised on the server, so a pseudonym stands for the national ID.
    """
    from boligvurdering.domain import case_facts
    from boligvurdering.domain.errors import InvalidValue, ValidationFailed
    from boligvurdering.services.exchange_parse import parse_exchange

    try:
        if isinstance(doc, dict) and case_facts.FACTS in doc:
            case_facts.check(doc[case_facts.FACTS])
        parsed = parse_exchange(case_facts.without_facts(doc), registry(), anonymised=anonymised)
    except (ValidationFailed, InvalidValue) as exc:
        raise errors.invalid(str(exc)) from None
    if uuid.UUID(parsed.visit_id) != visit_id:
        raise errors.invalid(tr("Besøksdokumentet hører til et annet besøk."))
    return doc


@lru_cache(maxsize=1)
def registry() -> Any:
    from boligvurdering.formsengine import load_registry

    return load_registry()


class _AnswerBatch:
    """What a batch of answers needs, read in a few statements instead of several per answer.

    The changes already received, the current answers and the visits (kept in the session), and a
    block of sequence numbers (one round trip; numbers left over are gaps, which pulls do not mind).
    """

    def __init__(self, s: Session, p: Principal, answers: list[dict[str, Any]]) -> None:
        self.s, self.seen, self.current, self.seqs = s, {}, {}, []
        self.erased: dict[uuid.UUID, int] = {}
        self.anonymised: dict[uuid.UUID, int] = {}
        self.text: set[str] = set()
        if not answers:
            return
        counters = [int(a["counter"]) for a in answers]
        keys = list({(uuid.UUID(a["visit_id"]), a["question_id"], a.get("scope") or "") for a in answers})
        self.seen = {c.counter: c for c in s.scalars(select(Change).where(
            Change.device_id == p.device_id, Change.counter.in_(counters)))}
        for start in range(0, len(keys), 1000):
            self.current.update({(a.visit_id, a.question_id, a.scope): a for a in s.scalars(select(Answer).where(
                tuple_(Answer.visit_id, Answer.question_id, Answer.scope).in_(keys[start:start + 1000])))})
        s.scalars(select(Visit).where(Visit.id.in_({k[0] for k in keys}))).all()  # into the identity map
        self.erased = {t.visit_id: t.seq for t in s.scalars(select(VisitTombstone).where(
            VisitTombstone.visit_id.in_({k[0] for k in keys})))}
        self.anonymised = sync_anonymise.anonymised_visits(s, list({k[0] for k in keys}))
        self.text = sync_anonymise.text_question_ids() if self.anonymised else set()
        self.seqs = list(s.scalars(text("SELECT nextval('sync_seq') FROM generate_series(1, :n)"),
                                   {"n": len(answers) - len(self.seen)}))[::-1]

    def next_seq(self) -> int:
        return self.seqs.pop() if self.seqs else next_seq(self.s)


def _push_answer(s: Session, p: Principal, item: dict[str, Any], batch: _AnswerBatch) -> dict[str, Any]:
    if (done := batch.seen.get(int(item["counter"]))) is not None:
        return {"counter": done.counter, "outcome": done.outcome, "seq": done.seq}
    visit_id = uuid.UUID(item["visit_id"])
    if visit_id in batch.erased:  # a change to a visit erased meanwhile: taken, and dropped
        return _record(s, p, item["counter"], "answer", visit_id, "erased", batch.erased[visit_id])
    if visit_id in batch.anonymised and item["question_id"] in batch.text:  # free text of an anonymised visit
        return _record(s, p, item["counter"], "answer", visit_id, "anonymised", batch.anonymised[visit_id])
    writable_visit(s, p, visit_id)
    key = (visit_id, item["question_id"], item.get("scope") or "")
    current = batch.current.get(key)
    value = None if item.get("deleted") else json.dumps(item.get("value"), ensure_ascii=False)
    if item.get("resolves"):
        _resolve(s, p, uuid.UUID(item["resolves"]), item)
    elif current is not None and not _applies(current, p, item, value):
        if _same(current, item, value):
            return _record(s, p, item["counter"], "answer", visit_id, "same", current.seq)
        seq = batch.next_seq()
        s.add(Conflict(visit_id=visit_id, question_id=key[1], scope=key[2], seq=seq,
                       kept_json=current.value_json, kept_by=current.changed_by, kept_at=current.changed_at,
                       other_json=value, other_by=item.get("by", ""), other_at=when(item)))
        return _record(s, p, item["counter"], "answer", visit_id, "conflict", seq)
    seq = batch.next_seq()
    if current is None:
        current = batch.current[key] = Answer(visit_id=key[0], question_id=key[1], scope=key[2])
        s.add(current)
    current.value_json, current.deleted, current.seq = value, bool(item.get("deleted")), seq
    current.device_id, current.counter = p.device_id, int(item["counter"])
    current.changed_at, current.changed_by = when(item), item.get("by", "")
    return _record(s, p, item["counter"], "answer", visit_id, "applied", seq)


def _applies(current: Answer, p: Principal, item: dict[str, Any], value: str | None) -> bool:
    """The change was made on top of the server's current version (or this device's own)."""
    return current.seq == int(item.get("base") or 0) or current.device_id == p.device_id


def _same(current: Answer, item: dict[str, Any], value: str | None) -> bool:
    return current.deleted == bool(item.get("deleted")) and (current.deleted or current.value_json == value)


def when(item: dict[str, Any]) -> datetime:
    try:
        return datetime.fromisoformat(item["at"])
    except (KeyError, TypeError, ValueError):
        return utcnow()


def _resolve(s: Session, p: Principal, conflict_id: uuid.UUID, item: dict[str, Any]) -> None:
    conflict = s.get(Conflict, conflict_id)
    if conflict is None or conflict.visit_id != uuid.UUID(item["visit_id"]):
        raise errors.invalid(tr("Fant ikke konflikten som skulle løses."))
    if conflict.resolved_at is None:
        conflict.resolved_at, conflict.resolved_by = utcnow(), item.get("by", p.username)
        conflict.seq = next_seq(s)


def assign(s: Session, p: Principal, body: dict[str, Any]) -> dict[str, Any]:
    """Give a user of the team a visit (the therapist's visit to the housing consultant)."""
    try:
        visit_id = uuid.UUID(str(body.get("visit_id")))
    except ValueError:
        raise errors.invalid(tr("Ugyldig besøks-id.")) from None
    lock_writers(s)
    return {"assigned": access.assign(s, p, visit_id, str(body.get("username", "")), next_seq(s))}


def pull(s: Session, p: Principal, cursor: int, limit: int = 1000) -> dict[str, Any]:
    """Everything visible to ``p`` after ``cursor``, at most ``limit`` rows of each kind.

    A visit assigned to ``p`` after ``cursor`` comes whole: its document, answers and conflicts.
    """
    limit = max(1, min(int(limit), 5000))
    seen = visible_visits(p)
    kinds = {
        "visits": s.execute(select(Visit.id, Visit.seq, Visit.doc_json).where(Visit.seq > cursor, Visit.id.in_(seen))
                            .order_by(Visit.seq).limit(limit)).all(),
        "answers": s.execute(select(*ANSWER_OUT).where(Answer.seq > cursor, Answer.visit_id.in_(seen))
                             .order_by(Answer.seq).limit(limit)).all(),
        "conflicts": s.scalars(select(Conflict).where(Conflict.seq > cursor, Conflict.visit_id.in_(seen))
                               .order_by(Conflict.seq).limit(limit)).all(),
        "assigned": s.execute(select(VisitAssignment.visit_id, VisitAssignment.seq).where(
            VisitAssignment.user_id == p.user_id, VisitAssignment.seq > cursor, VisitAssignment.visit_id.in_(seen))
            .order_by(VisitAssignment.seq).limit(limit)).all(),
        "erased": s.execute(select(VisitTombstone.visit_id, VisitTombstone.seq).where(
            VisitTombstone.team_id == p.team_id, VisitTombstone.seq > cursor).order_by(VisitTombstone.seq)
            .limit(limit)).all(),
        "anonymised": sync_anonymise.pulled(s, p.team_id, cursor, limit),
    }
    seqs = {kind: [_seq(r) for r in rows] for kind, rows in kinds.items()}
    full = [values[-1] for values in seqs.values() if len(values) == limit]
    upto = min(full) if full else max([cursor] + [v for values in seqs.values() for v in values])
    fresh = [r[0] for r in kinds["assigned"] if r[1] <= upto]
    if fresh:  # whole visits for the newly assigned
        kinds["visits"] = [*kinds["visits"], *s.execute(select(Visit.id, Visit.seq, Visit.doc_json)
                                                        .where(Visit.id.in_(fresh))).all()]
        kinds["answers"] = [*kinds["answers"], *s.execute(select(*ANSWER_OUT).where(Answer.visit_id.in_(fresh)))]
        kinds["conflicts"] = [*kinds["conflicts"], *s.scalars(select(Conflict).where(Conflict.visit_id.in_(fresh)))]
    anonymised = set(sync_anonymise.anonymised_visits(s, [v[0] for v in kinds["visits"]]))
    return _page(p, kinds, lambda seq, fresh_id: seq <= upto or fresh_id in fresh, upto, bool(full), anonymised)


def _seq(row: Any) -> int:
    return int(row.seq)


def _page(p: Principal, kinds: dict[str, list], keep: Any, upto: int, more: bool,
          anonymised: set[uuid.UUID]) -> dict[str, Any]:
    may_read = readable_answers(p)
    visits = {str(v[0]): {"id": str(v[0]), "seq": v[1], "doc": json.loads(v[2]), "anonymised": v[0] in anonymised}
              for v in kinds["visits"] if keep(v[1], v[0])}
    return {
        "visits": list(visits.values()),
        "answers": [_answer_out(a) for a in kinds["answers"] if keep(a.seq, a.visit_id) and may_read(a.question_id)],
        "conflicts": [_conflict_out(c) for c in kinds["conflicts"] if keep(c.seq, c.visit_id) and (
            c.question_id.startswith(sync_visits.VISIT_FIELD) or may_read(c.question_id))],
        "erased": [str(v) for v, seq in kinds["erased"] if seq <= upto],
        "anonymised": [{"visit_id": str(v), "pseudonym": pseudonym} for v, seq, pseudonym in kinds["anonymised"]
                       if seq <= upto],
        "cursor": upto,
        "more": more,
    }


def _answer_out(a: Any) -> dict[str, Any]:
    return {"visit_id": str(a.visit_id), "question_id": a.question_id, "scope": a.scope, "seq": a.seq,
            "deleted": a.deleted, "value": None if a.value_json is None else json.loads(a.value_json),
            "by": a.changed_by, "at": a.changed_at.isoformat(), "device_id": str(a.device_id)}


def _conflict_out(c: Conflict) -> dict[str, Any]:
    def val(raw: str | None) -> Any:
        return None if raw is None else json.loads(raw)

    return {"id": str(c.id), "visit_id": str(c.visit_id), "question_id": c.question_id, "scope": c.scope,
            "seq": c.seq, "kept": val(c.kept_json), "kept_by": c.kept_by, "kept_at": c.kept_at.isoformat(),
            "other": val(c.other_json), "other_by": c.other_by, "other_at": c.other_at.isoformat(),
            "resolved": c.resolved_at is not None, "resolved_by": c.resolved_by}
