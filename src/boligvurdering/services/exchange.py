"""Visit exchange files: import (validated first, one transaction, idempotent) and export."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.errors import NotFound, Problem, UserError, ValidationFailed, found
from boligvurdering.formsengine.active import hidden_to_keep
from boligvurdering.i18n import tr
from boligvurdering.security.ciphers import decrypt_with_password
from boligvurdering.services import audit
from boligvurdering.services.access import guard, require
from boligvurdering.services.exchange_bulk import (
    ImportOutcome,
    answer_rows,
    failed,
    imported,
    pages,
    write_page,
)
from boligvurdering.services.exchange_export import build_document
from boligvurdering.services.exchange_limits import MAX_FILE_BYTES, check_document, decode
from boligvurdering.services.exchange_parse import FORMAT, VERSION, ParsedVisit, parse_exchange
from boligvurdering.services.exchange_photos import (
    photos_with_data,
    remove_photo_files,
    write_photos,
)
from boligvurdering.services.pipeline import refresh_next_due
from boligvurdering.services.plan import store_plan
from boligvurdering.store import answers as answer_repo
from boligvurdering.store import clients as client_repo
from boligvurdering.store import extras as extras_repo
from boligvurdering.store import visits as visit_repo
from boligvurdering.store.sync_bulk import has_answers

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)


def read_document(path: Path) -> Any:
    """Read and decode a JSON file within the limits; raises ``ValidationFailed`` with a Norwegian reason."""
    where = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationFailed([Problem(where, tr("filen er for stor (over {n} MB)", n=MAX_FILE_BYTES // 2**20))])
        return decode(path.read_bytes())
    except OSError as exc:
        raise ValidationFailed([Problem(where, tr("kan ikke leses: {e}", e=exc.strerror or exc))]) from None
    except UnicodeDecodeError:
        raise ValidationFailed([Problem(where, tr("filen er ikke UTF-8-tekst"))]) from None
    except json.JSONDecodeError as exc:
        raise ValidationFailed([Problem(f"{path}:{exc.lineno}:{exc.colno}", tr("ugyldig JSON: {m}", m=exc.msg))]) from None
    except RecursionError:
        raise ValidationFailed([Problem(where, tr("for dyp nesting"))]) from None
    except ValueError:  # NaN/Infinity or an integer with too many digits
        raise ValidationFailed([Problem(where, tr("ugyldig tall (for stort, NaN eller uendelig)"))]) from None


class ExchangeService:
    """Import and export of visit exchange files."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def import_paths(self, paths: list[Path], password: Callable[[], str] | None = None) -> list[ImportOutcome]:
        """Import the files in bulk; a refused file stores nothing and does not stop the rest.

        Each page of files is read, checked and parsed file by file, then written in one transaction
        (``exchange_bulk.py``). ``.bvx`` files (password-encrypted exports) are opened with
        ``password()`` (the caller asks once).
        """
        outcomes: list[ImportOutcome] = []
        for page in pages(paths):
            outcomes += self._import_page(page, password)
        return outcomes

    def _import_page(self, paths: list[Path], password: Callable[[], str] | None) -> list[ImportOutcome]:
        outcomes: list[ImportOutcome | None] = []
        ready: list[tuple[int, str, ParsedVisit]] = []
        for path in paths:
            try:
                ready.append((len(outcomes), str(path), self._parse(path, password)))
                outcomes.append(None)
            except Exception as exc:
                outcomes.append(failed(str(path), exc))
        if ready:
            for (n, _source, _parsed), outcome in zip(ready, write_page(self, [(src, p) for _n, src, p in ready]),
                                                      strict=True):
                outcomes[n] = outcome
        return [o for o in outcomes if o is not None]

    def _parse(self, path: Path, password: Callable[[], str] | None) -> ParsedVisit:
        require(self.ctx, "exchange.import")
        document = self._read_encrypted(path, password) if path.suffix == ".bvx" else read_document(path)
        check_document(document)
        return parse_exchange(document, self.ctx.registry)

    @staticmethod
    def _read_encrypted(path: Path, password: Callable[[], str] | None) -> Any:
        if password is None:
            raise ValidationFailed([Problem(str(path), tr("filen er kryptert; oppgi passordet"))])
        try:
            return read_encrypted_export(path, password())
        except OSError as exc:
            raise ValidationFailed([Problem(str(path), tr("kan ikke leses: {e}", e=exc.strerror or exc))]) from None
        except UserError as exc:  # wrong password or damaged file
            raise ValidationFailed([Problem(str(path), exc.message)]) from None

    def import_document(self, data: Any, source: str = "") -> ImportOutcome:
        """Validate completely, then write everything in one transaction."""
        require(self.ctx, "exchange.import")
        check_document(data)
        return self.write_one(parse_exchange(data, self.ctx.registry), source)

    def write_one(self, parsed: ParsedVisit, source: str = "") -> ImportOutcome:
        """Write one validated visit in a transaction of its own, with its access-log entry."""
        written: list[str] = []  # photo files this import wrote: removed again if it fails
        try:
            with self.ctx.db.transaction() as s:
                existed, client_id, stale = self.write_parsed(s, parsed, written=written)
                audit.record(self.ctx, s, "exchange.import", client_id=client_id, visit_id=parsed.visit_id,
                             details={"new": not existed})
        except BaseException:
            remove_photo_files(self.ctx, written)
            raise
        remove_photo_files(self.ctx, stale)
        return imported(source, parsed, existed)

    @guard("visit.write")
    def write_parsed(self, s: Any, parsed: ParsedVisit, *, track: bool = True, written: list[str] | None = None,
                     deadlines: Any = None) -> tuple[bool, str, list[str]]:
        """Write a validated visit in the caller's transaction; (existed before, client id, unused photo files).

        ``track``: an exchange file whose answers count as local changes for the team server, and whose
        photos travel inside it, bound to this visit (``written`` collects the files it wrote). When the
        sync applies a visit from the team server (``track=False``), photo rows come from the server and
        their files arrive through the content-addressed photo sync. ``deadlines``: the deadline settings,
        read once by a caller writing many visits.
        """
        existed = visit_repo.visit_exists(s, visit_id=parsed.visit_id)
        client_id = self._write_client(s, parsed)
        if existed and found(visit_repo.get_visit(s, visit_id=parsed.visit_id), tr("Fant ikke besøket.")).client_id != client_id:
            raise ValidationFailed([Problem("visit.id", tr("besøket finnes allerede for en annen bruker"))],
                                   tr("Besøksfilen er avvist, ingenting er lagret"))
        self._write_visit(s, parsed, client_id, existed, track)
        stale: list[str] = []
        if track:
            stale = write_photos(self.ctx, s, parsed, written if written is not None else [])
        else:
            if existed:  # a new visit has nothing to clear
                extras_repo.clear_photos(s, visit_id=parsed.visit_id)
            for photo in parsed.photos:
                extras_repo.add_photo(s, visit_id=parsed.visit_id, **{k: v for k, v in photo.items() if k != "data"})
        if parsed.plan:
            store_plan(s, parsed.visit_id, **parsed.plan, by=self.ctx.actor, local=track, replace=not track)
        refresh_next_due(s, parsed.visit_id, deadlines)
        return existed, client_id, stale

    def _write_client(self, s: Any, p: ParsedVisit) -> str:
        existing = client_repo.client_by_national_id(s, national_id=p.client["national_id"])
        if existing:
            client_repo.update_client(s, client_id=existing.id, **p.client)
            client_id = existing.id
        else:
            client_id = client_repo.add_client(s, **p.client).id
        if p.dwelling is not None:
            client_repo.upsert_dwelling(s, client_id=client_id, **p.dwelling)
        return client_id

    def _team(self, s: Any, p: ParsedVisit) -> tuple[list[tuple[str, str]], str | None, list[tuple[str, str, Any]]]:
        team, contact, signed = [], None, []
        for m in p.team:
            record = (client_repo.get_member(s, member_id=m["id"]) if m["id"] else None) \
                or visit_repo.find_member(s, name=m["name"], role=m["role"])
            if record is None:
                record = client_repo.add_member(s, id=m["id"], name=m["name"], role=m["role"], phone=m["phone"] or "")
            team.append((record.id, m["role"]))
            contact = record.id if m["contact"] else contact
            if m.get("signed_at"):
                signed.append((record.id, m["role"], datetime.fromisoformat(m["signed_at"])))
        return team, contact, signed

    def _write_visit(self, s: Any, p: ParsedVisit, client_id: str, existed: bool, track: bool) -> None:
        dwellings = client_repo.dwellings_of(s, client_id=client_id)
        fields = {**p.visit, "dwelling_id": dwellings[0].id if dwellings else None}
        team, contact, signed = self._team(s, p)
        if existed:
            status = fields.pop("status", None)
            visit_repo.update_visit(s, visit_id=p.visit_id, contact_member_id=contact, **fields)
            current = found(visit_repo.get_visit(s, visit_id=p.visit_id), tr("Fant ikke besøket.")).status
            if status and status != current:
                visit_repo.set_status(s, visit_id=p.visit_id, status=status, by=self.ctx.actor, note=tr("import"))
        else:
            visit_repo.add_visit(s, id=p.visit_id, client_id=client_id, contact_member_id=contact,
                                 by=self.ctx.actor, **fields)
        visit_repo.set_team(s, visit_id=p.visit_id, team=team)
        for member_id, role, at in signed:
            visit_repo.set_signed_at(s, visit_id=p.visit_id, member_id=member_id, role=role, signed_at=at)
        if existed:
            extras_repo.clear_measures(s, visit_id=p.visit_id)
        visit_repo.replace_rooms(s, visit_id=p.visit_id, rooms=p.rooms, track=track, by=self.ctx.actor)
        self._write_answers(s, p, track, existed)
        for m in p.measures:
            m = dict(m)
            allocations = m.pop("allocations")
            record = extras_repo.upsert_measure(s, visit_id=p.visit_id, **m)
            extras_repo.set_allocations(s, measure_id=record.id, allocations=allocations)

    def _write_answers(self, s: Any, p: ParsedVisit, track: bool, existed: bool = True) -> None:
        incoming = (p.answers, {room["id"]: room["answers"] for room in p.rooms})
        stored = answer_repo.answers_of(s, visit_id=p.visit_id) if existed else ({}, {})
        kept = hidden_to_keep(self.ctx.registry, stored, incoming)
        if not existed and not has_answers(p):
            return  # a new visit without answers (the team server sends them on their own)
        pins, rows = answer_rows(self.ctx.registry, p, kept)
        answer_repo.replace_all(s, visit_id=p.visit_id, pins=pins, rows=rows, by=self.ctx.actor, track=track)

    def export_visit(self, visit_id: str) -> dict[str, Any]:
        """The visit as an exchange document that imports back to an identical visit."""
        require(self.ctx, "exchange.export")
        with self.ctx.db.transaction() as s:
            if not visit_repo.visit_exists(s, visit_id=visit_id):
                raise NotFound(tr("Fant ikke besøket {id}.", id=visit_id))
            audit.record(self.ctx, s, "exchange.export", visit_id=visit_id)
            document = build_document(s, visit_id, self.ctx.registry)
        document["photos"] = photos_with_data(self.ctx, document["photos"])
        return document


__all__ = ["FORMAT", "VERSION", "ExchangeService", "ImportOutcome", "read_document"]


def read_encrypted_export(path: Path, password: str) -> object:
    """Decrypt and decode an encrypted exchange file (then pass it to ``ExchangeService.import_document``)."""
    import json


    return json.loads(decrypt_with_password(Path(path).read_bytes(), password).decode("utf-8"))
