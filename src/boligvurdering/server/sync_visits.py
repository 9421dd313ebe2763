"""Pushed visits: merged field by field against the version the laptop started from, or erased.

A laptop sends its visit document with ``base`` (the server version it last had) and that
version's document (``base_doc``). When the server still holds ``base`` the document is taken
whole; otherwise it is merged field by field (``domain.docmerge``): a field changed on both
sides to different values keeps the server's value and becomes a conflict with both values, who
and when — the same conflict the answers have, with ``question_id`` ``visit:<path>``.
An anonymisation (the ``anonymise`` mark, ``server.sync_anonymise``) anonymises the server's copy for good.
An erasure (``erase``) deletes the visit with its answers, conflicts and unshared photos, and
leaves a tombstone every laptop of the team applies at its next sync.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from boligvurdering.domain.docmerge import changed_paths, get_path, merge
from boligvurdering.i18n import tr
from boligvurdering.server import blobs, errors
from boligvurdering.server import sync_anonymise as anonymising
from boligvurdering.server.access import writable_visit
from boligvurdering.server.accounts import Principal
from boligvurdering.server.db import next_seq
from boligvurdering.server.models import (
    Conflict,
    User,
    Visit,
    VisitAssignment,
    VisitTombstone,
    utcnow,
)

VISIT_FIELD = "visit:"
STATUS_ORDER = {s: i for i, s in enumerate(("henvist", "planlagt", "gjennomfort", "rapport_sendt", "soknad_sendt",
                                            "vedtak", "tiltak_utfort", "oppfolging", "avsluttet"))}


def push_visit(s: Session, p: Principal, item: dict[str, Any], check: Any) -> tuple[str, int]:
    """Store one pushed visit; (outcome, seq): ``applied``, ``merged``, ``conflict`` or ``anonymised``.

    ``check(doc, visit_id, anonymised=...)`` validates a document as completely as an exchange file.
    A visit anonymised on the server is anonymised again before it is stored: ``anonymised`` says that
    the laptop, not having heard yet, sent names or free text that were not kept.
    """
    visit_id = uuid.UUID(item["id"])
    visit = writable_visit(s, p, visit_id, must_exist=False)
    pseudonym, first = anonymising.pseudonym_of(s, visit_id, item)
    scrub: Callable[[Any], Any] = (lambda d: d) if pseudonym is None else (
        lambda d: d if d is None else anonymising.anonymised(d, pseudonym))
    doc = check(scrub(item.get("doc")), visit_id, anonymised=pseudonym is not None)
    scrubbed = pseudonym is not None and not item.get("anonymise") and doc != item.get("doc")
    new = visit is None
    old = None if visit is None else json.loads(visit.doc_json)
    if visit is None:
        visit = Visit(id=visit_id, team_id=p.team_id)
        outcome = "applied"
    elif int(item.get("base") or 0) == visit.seq:
        outcome = "applied"
    else:
        doc, outcome = _merged(s, p, visit, item, doc, check, scrub, anonymised=pseudonym is not None)
    for conflict_id in item.get("resolves") or []:
        _resolve_field(s, p, visit_id, conflict_id)
    if outcome != "applied" and doc == old and not first:
        return "anonymised" if scrubbed else outcome, visit.seq  # nothing of this laptop's version is left to apply
    mark = next_seq(s) if first else 0  # the anonymisation comes before the version it made
    seq = next_seq(s)
    _store(visit, doc, item["hash"] if outcome == "applied" and doc == item.get("doc") else "", seq, p)
    if new:
        s.add(visit)
    s.flush()
    if first and pseudonym is not None:
        anonymising.record(s, p, visit_id, pseudonym, mark, old or {})
    s.execute(insert(VisitAssignment).values(visit_id=visit_id, user_id=p.user_id, seq=seq).on_conflict_do_nothing())
    return "anonymised" if scrubbed else outcome, seq


def _store(visit: Visit, doc: dict[str, Any], doc_hash: str, seq: int, p: Principal) -> None:
    visit.seq, visit.doc_json, visit.doc_hash = seq, json.dumps(doc, ensure_ascii=False), doc_hash
    status = doc.get("visit", {}).get("status", "henvist")
    visit.status, visit.status_order = status, STATUS_ORDER.get(status, len(STATUS_ORDER))
    visit.visit_date = doc.get("visit", {}).get("visit_date")
    visit.client_name = " ".join(filter(None, (doc.get("client", {}).get(k) for k in ("given_name", "family_name"))))
    visit.updated_by, visit.updated_at = p.user_id, utcnow()


def _merged(s: Session, p: Principal, visit: Visit, item: dict[str, Any], mine: dict[str, Any],
            check: Any, scrub: Callable[[Any], Any], anonymised: bool) -> tuple[dict[str, Any], str]:
    """This laptop's changes applied onto the server's newer version; clashes become conflicts.

    ``scrub``: every version anonymised first (an anonymised visit), so no clash holds a name or free text.
    """
    theirs, base = scrub(json.loads(visit.doc_json)), scrub(item.get("base_doc"))
    merged, clashes = merge(base, mine, theirs)
    try:
        check(merged, visit.id, anonymised=anonymised)
    except errors.Refused:  # the two versions do not fit together: keep the server's, report every change
        merged = theirs
        clashes = [(path, get_path(theirs, path), get_path(mine, path)) for path in changed_paths(base, mine)
                   if get_path(theirs, path) != get_path(mine, path)]
    kept_by = s.scalar(select(User.username).where(User.id == visit.updated_by)) or ""
    for path, kept, other in clashes:
        _conflict(s, visit, path, kept, other, kept_by, item)
    return merged, "conflict" if clashes else "merged"


def _conflict(s: Session, visit: Visit, path: str, kept: Any, other: Any, kept_by: str, item: dict[str, Any]) -> None:
    from boligvurdering.server.sync import when

    kept_json, other_json = json.dumps(kept, ensure_ascii=False), json.dumps(other, ensure_ascii=False)
    already = s.scalar(select(exists().where(Conflict.visit_id == visit.id, Conflict.question_id == VISIT_FIELD + path,
                                             Conflict.resolved_at.is_(None), Conflict.kept_json == kept_json,
                                             Conflict.other_json == other_json)))
    if already:  # the same clash sent again before the laptop pulled the first one
        return
    s.add(Conflict(visit_id=visit.id, question_id=VISIT_FIELD + path, scope="", seq=next_seq(s), kept_json=kept_json,
                   kept_by=kept_by, kept_at=visit.updated_at, other_json=other_json, other_by=item.get("by", ""),
                   other_at=when(item)))


def _resolve_field(s: Session, p: Principal, visit_id: uuid.UUID, conflict_id: str) -> None:
    try:
        conflict = s.get(Conflict, uuid.UUID(str(conflict_id)))
    except ValueError:
        conflict = None
    if conflict is None or conflict.visit_id != visit_id:
        raise errors.invalid(tr("Fant ikke konflikten som skulle løses."))
    if conflict.resolved_at is None:
        conflict.resolved_at, conflict.resolved_by, conflict.seq = utcnow(), p.username, next_seq(s)


def erase_visit(s: Session, p: Principal, item: dict[str, Any]) -> int:
    """Erase the visit with everything it has on the server; the tombstone's seq."""
    visit_id = uuid.UUID(item["id"])
    visit = writable_visit(s, p, visit_id, must_exist=False)
    seq = next_seq(s)
    if visit is not None:
        shas = [ph.get("sha256") for ph in json.loads(visit.doc_json).get("photos", []) if ph.get("sha256")]
        s.delete(visit)  # answers, conflicts and assignments go with it (ON DELETE CASCADE)
        s.flush()
        blobs.drop_unshared(s, shas)
    s.execute(insert(VisitTombstone).values(visit_id=visit_id, team_id=p.team_id, seq=seq, erased_by=p.username,
                                            erased_at=utcnow())
              .on_conflict_do_update(index_elements=["visit_id"], set_={"seq": seq}))
    return seq

