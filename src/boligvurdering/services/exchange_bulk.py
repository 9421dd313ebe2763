"""Importing many exchange files: a page of visits in one transaction, the new ones in bulk.

Visits new on this laptop (a new client, free ids, photos inside the file) are written with a few
multi-row statements (``store/sync_bulk.py``, with their answers tracked as local changes); every
other file of the page goes through ``ExchangeService.write_parsed`` in a savepoint of its own, so
one file's failure leaves no trace and does not stop the others. The access log gets one
``exchange.import`` entry per visit written, in the order of the files. Should the page's bulk
write fail unexpectedly, the page is rolled back and its files are imported one by one.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.errors import Problem, UserError, ValidationFailed
from boligvurdering.domain.photo_files import bound_name
from boligvurdering.i18n import tr
from boligvurdering.services import audit
from boligvurdering.services.access import require
from boligvurdering.services.exchange_photos import remove_photo_files
from boligvurdering.services.pipeline import load_settings, new_case_due
from boligvurdering.services.plan import FACT_FIELDS, store_plan
from boligvurdering.store import sync_track
from boligvurdering.store.sync_bulk import Answers, bulk_candidates, insert_new_visits

if TYPE_CHECKING:
    from boligvurdering.formsengine.model import FormRegistry
    from boligvurdering.services.exchange import ExchangeService
    from boligvurdering.services.exchange_parse import ParsedVisit

log = logging.getLogger(__name__)
#: files read, checked and written per transaction, and how many bytes of files (photos travel inside)
PAGE = 200
PAGE_BYTES = 128 * 1024 * 1024


@dataclass(frozen=True)
class ImportOutcome:
    source: str
    status: str  # "new" | "updated" | "refused" | "error" (a bug: nothing stored, logged)
    visit_id: str | None = None
    client_name: str = ""
    problems: tuple[Problem, ...] = ()


def pages(paths: list[Path]) -> Iterator[list[Path]]:
    """The files in pages of at most ``PAGE`` files and ``PAGE_BYTES`` bytes (a larger file on its own)."""
    page: list[Path] = []
    size = 0
    for path in paths:
        try:
            length = path.stat().st_size
        except OSError:  # refused with its reason when read
            length = 0
        if page and (len(page) >= PAGE or size + length > PAGE_BYTES):
            yield page
            page, size = [], 0
        page.append(path)
        size += length
    if page:
        yield page


def failed(source: str, exc: BaseException) -> ImportOutcome:
    """The outcome of a file that stored nothing: refused with its reasons, or an error (logged)."""
    if isinstance(exc, ValidationFailed):
        return ImportOutcome(source, "refused", problems=tuple(exc.problems))
    if isinstance(exc, UserError):
        return ImportOutcome(source, "refused", problems=(Problem(source, exc.message),))
    log.error("import of one exchange file failed", exc_info=exc)
    return ImportOutcome(source, "error", problems=(
        Problem(source, tr("uventet feil; ingenting fra filen er lagret (detaljer i loggen)")),))


def imported(source: str, parsed: ParsedVisit, existed: bool) -> ImportOutcome:
    name = f"{parsed.client['given_name']} {parsed.client['family_name']}"
    return ImportOutcome(source, "updated" if existed else "new", parsed.visit_id, name)


def answer_rows(registry: FormRegistry, p: ParsedVisit, kept: Any = ()) -> Answers:
    """The visit's answers (and ``kept`` hidden ones: (room, question, value)) as ``answers.replace_all``
    takes them: form pins and (form, question, room, value, unit) rows."""
    rows, pins = [], {}
    scoped = [(None, p.answers)] + [(room["id"], room["answers"]) for room in p.rooms]
    for room_id, answers in scoped + [(room, {qid: value}) for room, qid, value in kept]:
        for qid, value in answers.items():
            q = registry.question(qid)
            if q is None:  # parse_exchange refuses unknown questions; never drop one silently
                raise ValidationFailed([Problem(qid, tr("ukjent spørsmål «{q}»", q=qid))])
            form = registry.form_of(q)
            pins[form.id] = (form.version, form.content_hash)
            rows.append((form.id, qid, room_id, value, q.unit if q.type in ("measurement", "decimal") else None))
    return pins, rows


def write_page(service: ExchangeService, page: list[tuple[str, ParsedVisit]]) -> list[ImportOutcome]:
    """Write a page of parsed files (source, visit); their outcomes in the same order."""
    ctx = service.ctx
    written: list[str] = []  # photo files this page wrote: removed again if it fails
    try:
        with ctx.db.transaction() as s:
            outcomes, stale = _write(service, s, page, written)
    except BaseException as exc:
        remove_photo_files(ctx, written)
        if not isinstance(exc, Exception):
            raise
        log.exception("bulk import of %d files failed; importing them one by one", len(page))
        return [_one(service, source, parsed) for source, parsed in page]
    remove_photo_files(ctx, stale)
    return outcomes


def _one(service: ExchangeService, source: str, parsed: ParsedVisit) -> ImportOutcome:
    try:
        return service.write_one(parsed, source)
    except Exception as exc:
        return failed(source, exc)


def _whole(p: ParsedVisit) -> bool:
    """Every photo's bytes are in the file, and housing facts have a dwelling to go to (else the file
    is refused, per file: a page stays in bulk)."""
    facts = set(FACT_FIELDS) & set(p.plan.get("household") or {})
    return all(ph["data"] is not None for ph in p.photos) and (p.dwelling is not None or not facts)


def _with_files(service: ExchangeService, p: ParsedVisit, written: list[str]) -> ParsedVisit:
    """Write the visit's photo files (as ``write_photos`` does for a new visit); the rows name them."""
    photos = []
    for ph in p.photos:
        name = bound_name(ph["id"], ph["sha256"])
        service.ctx.files.write(name, ph["data"])
        written.append(name)
        photos.append({**ph, "file_name": name, "size_bytes": len(ph["data"])})
    return dataclasses.replace(p, photos=photos)


def _write(service: ExchangeService, s: Any, page: list[tuple[str, ParsedVisit]],
           written: list[str]) -> tuple[list[ImportOutcome], list[str]]:
    """The bulk insert first; then, file by file in order, what takes this laptop's counters (tracked
    answers, household, statement) and the other files, so every counter is the one-by-one import's."""
    ctx = service.ctx
    require(ctx, "visit.write")
    deadlines = load_settings(s)
    take = bulk_candidates(s, [p for _source, p in page], answers=True, also=_whole)
    bulk = [_with_files(service, p, written) for (_source, p), ok in zip(page, take, strict=True) if ok]
    inserted = iter(insert_new_visits(s, bulk, by=ctx.actor, due=new_case_due(deadlines),
                                      answers=[answer_rows(ctx.registry, p) for p in bulk]) if bulk else [])
    outcomes: list[ImportOutcome] = []
    stale: list[str] = []
    logged: list[tuple[str, str, dict[str, Any]]] = []
    tracked: list[dict[str, Any]] = []  # answers of the bulk visits, tracked as local changes
    for (source, p), ok in zip(page, take, strict=True):
        if ok:
            client_id, keys = next(inserted)
            tracked += sync_track.track_new(s, p.visit_id, keys, ctx.actor)
            if p.plan:  # household and statement rows, as ``write_parsed`` writes them
                store_plan(s, p.visit_id, **p.plan, by=ctx.actor, local=True)
            logged.append((client_id, p.visit_id, {"new": True}))
            outcomes.append(imported(source, p, False))
            continue
        sync_track.insert_tracked(s, tracked)  # before this file tracks the same visit's answers again
        tracked = []
        mine: list[str] = []
        try:
            with s.begin_nested():  # one file's failure leaves no trace
                existed, client_id, unused = service.write_parsed(s, p, written=mine, deadlines=deadlines)
        except Exception as exc:
            remove_photo_files(ctx, mine)
            outcomes.append(failed(source, exc))
            continue
        written += mine
        stale += unused
        logged.append((client_id, p.visit_id, {"new": not existed}))
        outcomes.append(imported(source, p, existed))
    sync_track.insert_tracked(s, tracked)
    audit.record_many(ctx, s, "exchange.import", logged)
    return outcomes, stale
