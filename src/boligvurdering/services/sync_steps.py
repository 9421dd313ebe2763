"""The steps of one sync: push visits (with their photos), push answers, pull and apply.

Each step commits locally only what the server has acknowledged, so a dropped connection or a
server crash at any point leaves a state the next sync simply continues from.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.case_facts import without_facts
from boligvurdering.domain.docmerge import set_path
from boligvurdering.domain.errors import Problem, ValidationFailed
from boligvurdering.domain.photo_files import synced_name
from boligvurdering.i18n import tr
from boligvurdering.services.access import require
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.services.exchange_export import build_document
from boligvurdering.services.exchange_parse import parse_exchange
from boligvurdering.services.pipeline import load_settings, new_case_due
from boligvurdering.services.plan import store_plan
from boligvurdering.services.privacy import apply_anonymisations, apply_erasures, remove_photo_files
from boligvurdering.services.sync_facts import add_facts
from boligvurdering.services.sync_http import ServerClient, ServerUnreachable
from boligvurdering.store import answers as answer_repo
from boligvurdering.store import sync as repo
from boligvurdering.store.models import utcnow
from boligvurdering.store.sync_apply import apply_remote_answers
from boligvurdering.store.sync_bulk import bulk_candidates, insert_new_visits
from boligvurdering.store.sync_signature import visit_signatures

if TYPE_CHECKING:
    from boligvurdering.formsengine.model import FormRegistry
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
VISIT_BATCH = 100
ANSWER_BATCH = 500
AUDIT_BATCH = 1000
PULL_LIMIT = 2000
CHUNK = 256 * 1024


def visit_document(s: Any, visit_id: str, registry: FormRegistry) -> tuple[dict[str, Any], str]:
    """The visit as synced (exchange document without answers and their form pins, with the figures'
    ``facts``) and its hash."""
    doc = build_document(s, visit_id, registry)
    doc["answers"], doc["forms"] = {}, []
    for room in doc["rooms"]:
        room["answers"] = {}
    add_facts(s, doc, visit_id)
    return doc, doc_hash(doc)


def doc_hash(doc: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def push_visits(ctx: AppContext, client: ServerClient, progress: Progress, notices: list[str] | None = None) -> int:
    """Send erasures, then the visits changed since they were last exchanged (signature first, then the hash).

    Each visit goes with the version it was changed from (``base``, ``base_doc``): the server merges it
    field by field onto a newer version, and reports a field changed on both sides as a conflict.
    A visit anonymised here goes with the anonymise mark; one the team anonymised meanwhile comes back
    ``anonymised`` (the server kept no name or free text of it), which ``notices`` tells the user.
    """
    push_erasures(ctx, client)
    with ctx.db.transaction() as s:
        seen = repo.visit_signatures_seen(s)
        anonymise = repo.anonymisations_to_send(s)
        moved = [(vid, sig) for vid, sig in visit_signatures(s).items() if seen.get(vid) != sig or vid in anonymise]
    sent = 0
    for start in range(0, len(moved), VISIT_BATCH):
        batch: list[dict[str, Any]] = []
        with ctx.db.transaction() as s:
            for vid, sig in moved[start:start + VISIT_BATCH]:
                doc, h = visit_document(s, vid, ctx.registry)
                state = repo.visit_state(s, vid)
                if state.doc_hash == h and vid not in anonymise:
                    repo.visit_exchanged(s, vid, h, state.seq, sig)
                else:
                    batch.append({"id": vid, "counter": repo.pending_visit_counter(s, vid, h), "doc": doc, "hash": h,
                                  "signature": sig, "base": state.seq, "base_doc": repo.base_document(state),
                                  "anonymise": vid in anonymise, "by": ctx.actor, "at": utcnow().isoformat(),
                                  "resolves": repo.resolved_visit_conflicts(s, vid)})
        for item in batch:
            upload_photos(ctx, client, item["doc"])
        if batch:
            result = client.call("POST", "/push", {"visits": [{k: v for k, v in item.items() if k != "signature"}
                                                              for item in batch]})
            with ctx.db.transaction() as s:
                for item, ack in zip(batch, result["visits"], strict=True):
                    _visit_acknowledged(s, item, ack)
            _tell_anonymised(batch, result["visits"], notices)
        sent += len(batch)
        progress(tr("Sender besøk"), min(start + VISIT_BATCH, len(moved)), len(moved))
    return sent


def _visit_acknowledged(s: Any, item: dict[str, Any], ack: dict[str, Any]) -> None:
    """Taken whole: the server's version is ours. Merged: the server's (newer) version comes with the pull."""
    if ack["outcome"] == "applied":
        repo.visit_exchanged(s, item["id"], item["hash"], ack["seq"], item["signature"], base=item["doc"])
    else:
        repo.visit_exchanged(s, item["id"], item["hash"], repo.visit_state(s, item["id"]).seq, item["signature"])


def _tell_anonymised(batch: list[dict[str, Any]], acks: list[dict[str, Any]], notices: list[str] | None) -> None:
    for item, ack in zip(batch, acks, strict=True):
        if ack["outcome"] == "anonymised":
            log.warning("visit %s was anonymised on the team server: names and free text sent from here not kept",
                        item["id"])
            if notices is not None:
                notices.append(tr("Et besøk er anonymisert av teamet. Navn, kontaktopplysninger og fritekst "
                                  "fra denne maskinen ble ikke lagret på teamserveren."))


def push_erasures(ctx: AppContext, client: ServerClient) -> int:
    """Visits erased here (privacy): the server erases them too, and tells the team's other laptops."""
    with ctx.db.transaction() as s:
        erased = repo.erasures_to_send(s)
    for start in range(0, len(erased), VISIT_BATCH):
        part = erased[start:start + VISIT_BATCH]
        client.call("POST", "/push", {"visits": [{"id": vid, "counter": counter, "erase": True}
                                                 for vid, counter in part]})
        with ctx.db.transaction() as s:
            repo.forget_visits(s, [vid for vid, _counter in part])
    return len(erased)


def upload_photos(ctx: AppContext, client: ServerClient, doc: dict[str, Any]) -> None:
    """Send the visit's photos the server lacks, continuing an interrupted upload where it stopped."""
    for photo in doc.get("photos", []):
        sha = photo["sha256"]
        state = client.call("GET", f"/photos/{sha}")
        if state["complete"] or not ctx.files.exists(photo["file_name"]):
            continue
        data = ctx.files.read(photo["file_name"])
        offset = state["received"]
        while offset < len(data):
            state = client.call("PUT", f"/photos/{sha}", raw=data[offset:offset + CHUNK],
                                query={"offset": offset, "total": len(data)})
            if state["complete"]:
                break
            if state["received"] <= offset:  # damaged in transit: the server started again
                raise ServerUnreachable(tr("Bildet ble skadet under opplasting. Prøv å synkronisere igjen."))
            offset = state["received"]


def push_answers(ctx: AppContext, client: ServerClient, progress: Progress) -> tuple[int, int]:
    """Send every local answer change; returns (sent, conflicts the server recorded)."""
    sent = conflicts = 0
    while True:
        with ctx.db.transaction() as s:
            items = repo.dirty_answers(s, ANSWER_BATCH)
        if not items:
            return sent, conflicts
        result = client.call("POST", "/push", {"answers": items})
        with ctx.db.transaction() as s:
            for item, ack in zip(items, result["answers"], strict=True):
                repo.acknowledge_answer(s, item, ack)
                conflicts += ack["outcome"] == "conflict"
        sent += len(items)
        progress(tr("Sender svar"), sent, sent)


def push_audit(ctx: AppContext, client: ServerClient, progress: Progress) -> int:
    """Send this laptop's access log (its hash chain is checked again on the server)."""
    sent = 0
    while True:
        with ctx.db.transaction() as s:
            entries = repo.audit_to_send(s, AUDIT_BATCH)
        if not entries:
            return sent
        result = client.call("POST", "/push", {"audit": entries})
        with ctx.db.transaction() as s:
            repo.audit_sent(s, result["audit_seq"])
        sent += len(entries)
        progress(tr("Sender tilgangslogg"), sent, sent)


def pull(ctx: AppContext, client: ServerClient, progress: Progress,
         notices: list[str] | None = None) -> tuple[int, int]:
    """Fetch and apply everything new for this laptop's user; returns (visits, answers)."""
    visits = answers = 0
    while True:
        with ctx.db.transaction() as s:
            cursor = repo.cursor(s, ctx.actor)
        page = client.call("GET", "/pull", query={"cursor": cursor, "limit": PULL_LIMIT})
        for v in page["visits"]:
            download_photos(ctx, client, v["doc"])
        with ctx.db.transaction() as s:
            erased_files = apply_erasures(ctx, s, page.get("erased") or [])
            erased_files += apply_anonymisations(ctx, s, page.get("anonymised") or [],
                                                 notices if notices is not None else [])
            visits += apply_visits(ctx, s, page["visits"])
            answers += apply_remote_answers(s, page["answers"], pin_of(ctx))
            for c in page["conflicts"]:
                repo.store_conflict(s, c)
            repo.set_cursor(s, ctx.actor, page["cursor"])
        remove_photo_files(ctx, erased_files)
        progress(tr("Henter endringer"), visits + answers, visits + answers)
        if not page["more"]:
            return visits, answers


def download_photos(ctx: AppContext, client: ServerClient, doc: dict[str, Any]) -> None:
    for photo in doc.get("photos", []):
        name = synced_name(str(photo.get("id") or ""), photo["sha256"], photo.get("file_name"))
        if photo.get("id") and not ctx.files.exists(name):  # the row's file (the parsed visit names it alike)
            data = client.call("GET", f"/photos/{photo['sha256']}/content")
            if hashlib.sha256(data).hexdigest() == photo["sha256"]:
                ctx.files.write(name, data)


def apply_visits(ctx: AppContext, s: Any, items: list[dict[str, Any]]) -> int:
    """Write pulled visits, keeping this laptop's answers (they sync one by one); returns how many.

    A visit changed here and not yet sent is left alone: nothing saved on this laptop is overwritten.
    In bulk: the page's sync states and the deadline settings are read once; the hash kept is the
    server document's (a local change moves the signature, and the visit is hashed again then).
    """
    before = visit_signatures(s, [v["id"] for v in items])
    states = repo.visit_states(s, [v["id"] for v in items])
    deadlines = load_settings(s)
    held = repo.preload(s, [v["id"] for v in items],  # noqa: F841 - kept in the session while the page is written
                        [str(m.get("id") or "") for v in items for m in v["doc"].get("visit", {}).get("team", [])])
    applied, fresh = [], []
    for item in items:
        vid, doc = item["id"], item["doc"]
        state, pulled_hash = states[vid], doc_hash(item["doc"])
        if state.doc_hash == pulled_hash:
            repo.visit_exchanged(s, vid, state.doc_hash, item["seq"], state.signature, base=doc, state=state)
            continue
        if vid in before:
            if before[vid] != state.signature:
                continue  # changed here since the last exchange: ours goes out next sync (merged there)
            visit_level, per_room = answer_repo.answers_of(s, visit_id=vid)
            doc = {**doc, "answers": visit_level,
                   "rooms": [{**r, "answers": per_room.get(r["id"], {})} for r in doc["rooms"]]}
        try:
            fresh.append((item, pulled_hash, parse_exchange(without_facts(doc), ctx.registry,
                                                            anonymised=bool(item.get("anonymised")))))
        except ValidationFailed as exc:
            log.warning("pulled visit %s not applied: %s", vid, exc)
    applied += _write_new_in_bulk(ctx, s, fresh, deadlines)
    for item, pulled_hash, parsed in fresh:
        try:
            with s.begin_nested():  # a visit this laptop cannot take (e.g. newer forms) leaves no trace
                ExchangeService(ctx).write_parsed(s, parsed, track=False, deadlines=deadlines)
        except ValidationFailed as exc:
            log.warning("pulled visit %s not applied: %s", item["id"], exc)
            continue
        applied.append((item, pulled_hash))
    after = visit_signatures(s, [item["id"] for item, _h in applied])
    for item, pulled_hash in applied:
        repo.visit_exchanged(s, item["id"], pulled_hash, item["seq"], after.get(item["id"], ""), base=item["doc"],
                             state=states[item["id"]])
    return len(applied)


def _write_new_in_bulk(ctx: AppContext, s: Any, fresh: list[tuple[dict[str, Any], str, Any]],
                       deadlines: Any) -> list[tuple[dict[str, Any], str]]:
    """Insert the page's visits new on this laptop with a few multi-row statements (a first sync).

    Takes them out of ``fresh``; what the bulk writer cannot take exactly stays for ``write_parsed``.
    """
    require(ctx, "visit.write")
    take = bulk_candidates(s, [parsed for _item, _h, parsed in fresh])
    bulk = [entry for entry, ok in zip(fresh, take, strict=True) if ok]
    if bulk:
        insert_new_visits(s, [parsed for _item, _h, parsed in bulk], by=ctx.actor, due=new_case_due(deadlines))
        for _item, _h, parsed in bulk:  # household and statement rows (sealed), as ``write_parsed`` writes them
            if parsed.plan:
                store_plan(s, parsed.visit_id, **parsed.plan, by=ctx.actor, local=False, replace=True)
    fresh[:] = [entry for entry, ok in zip(fresh, take, strict=True) if not ok]
    return [(item, pulled_hash) for item, pulled_hash, _parsed in bulk]


def pin_of(ctx: AppContext) -> Callable[[str], tuple[str, str, str, str | None] | None]:
    """question id → (form id, version, hash, unit) for the bulk applier; ``None`` if unknown here."""
    def pin(question_id: str) -> tuple[str, str, str, str | None] | None:
        q = ctx.registry.resolve(question_id)
        if q is None:
            return None
        form = ctx.registry.form_of(q)
        return form.id, form.version, form.content_hash, q.unit if q.type in ("measurement", "decimal") else None

    return pin


def set_visit_field(ctx: AppContext, s: Any, visit_id: str, path: str, value: Any) -> None:
    """Set one visit-level field (a settled conflict) and write the visit back, its answers untouched."""
    doc = build_document(s, visit_id, ctx.registry)
    set_path(doc, path, value)
    ExchangeService(ctx).write_parsed(s, parse_exchange(doc, ctx.registry), track=False)


def write_answer(ctx: AppContext, s: Any, visit_id: str, question_id: str, scope: str, value: Any, by: str) -> None:
    """Write (``None``: delete) one answer that came from the server, without recording a local change."""
    room = scope or None
    if value is None:
        answer_repo.delete_answer(s, visit_id=visit_id, question_id=question_id, room_id=room, track=False)
        return
    pinned = pin_of(ctx)(question_id)
    if pinned is None:  # a question this version does not know: refuse, never store it unpinned
        raise ValidationFailed([Problem(question_id, tr("ukjent spørsmål «{q}»", q=question_id))])
    form_id, version, form_hash, unit = pinned
    assessment = answer_repo.ensure_assessment(s, visit_id=visit_id, form_id=form_id, form_version=version,
                                               form_hash=form_hash)
    answer_repo.put_answer(s, visit_id=visit_id, assessment_id=assessment, question_id=question_id, value=value,
                           room_id=room, unit=unit, by=by, track=False)
