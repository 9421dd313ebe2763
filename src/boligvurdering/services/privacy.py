"""Erasure on request: delete a client with everything, or anonymise them keeping the figures.

The audit entry for the erasure holds only the client's UUID, the kind of erasure and counts —
no name, national ID or address. Older audit entries never held those either (services/audit.py).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.anonymise import is_pseudonym, new_pseudonym, text_questions
from boligvurdering.domain.errors import NotFound
from boligvurdering.i18n import tr
from boligvurdering.services import audit
from boligvurdering.services.access import require
from boligvurdering.services.photos import stored_files
from boligvurdering.store import household
from boligvurdering.store import security as repo
from boligvurdering.store import sync as sync_repo
from boligvurdering.store.sync_signature import visit_signatures

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)


def _photo_files(ctx: AppContext, client_id: str) -> list[str]:
    with ctx.db.transaction() as s:
        return repo.photo_files_of_client(s, client_id=client_id)


def _remove_files(ctx: AppContext, names: list[str]) -> None:
    for name in names:
        for file_name in stored_files(name):  # image, thumbnail and print copy
            ctx.files.delete(file_name)


def _erase_plan_data(ctx: AppContext, s: Any, client_id: str) -> None:
    """Clear the household economy and statements of the client's visits (tombstones remain)."""
    household.erase(s, visit_ids=repo.visit_ids_of_client(s, client_id=client_id), by=ctx.actor)


def delete_client(ctx: AppContext, client_id: str, reason: str = "") -> None:
    """Delete the client, dwellings, visits, answers, measures, household economy and photo files.

    Only a team lead or an administrator may.
    """
    require(ctx, "privacy.erase")
    files = _photo_files(ctx, client_id)
    with ctx.db.transaction() as s:
        sync_repo.mark_erased(s, repo.visit_ids_of_client(s, client_id=client_id))  # the team server erases too
        if not repo.delete_client_everything(s, client_id=client_id):
            raise NotFound(tr("Fant ikke brukeren."))
        audit.record(ctx, s, "privacy.delete", {"photos": len(files), "reason_given": bool(reason.strip())},
                     client_id=client_id, record_type="client", record_id=client_id)
    _remove_files(ctx, files)


def anonymise_client(ctx: AppContext, client_id: str) -> None:
    """Remove names, national ID, contact data, free text, household economy and photos; keep the case.

    The visits go to the team server with the anonymise mark: it anonymises its copy and the team's
    other laptops anonymise theirs at their next sync.
    """
    require(ctx, "privacy.erase")
    files = _photo_files(ctx, client_id)
    with ctx.db.transaction() as s:
        if _anonymise(ctx, s, client_id, new_pseudonym()) is None:
            raise NotFound(tr("Fant ikke brukeren."))
        sync_repo.mark_anonymised(s, repo.visit_ids_of_client(s, client_id=client_id))
        audit.record(ctx, s, "privacy.anonymise", {"photos": len(files)},
                     client_id=client_id, record_type="client", record_id=client_id)
    _remove_files(ctx, files)


def _anonymise(ctx: AppContext, s: Any, client_id: str, pseudonym: str) -> int | None:
    """The client anonymised in the caller's transaction (the rule: ``domain.anonymise``).

    Returns the unsent free-text changes dropped, ``None`` if the client is not here.
    """
    text = text_questions(ctx.registry.questions())
    _erase_plan_data(ctx, s, client_id)
    dropped = sync_repo.anonymised_here(s, repo.visit_ids_of_client(s, client_id=client_id), text)
    if not repo.anonymise_client(s, client_id=client_id, text_question_ids=text, pseudonym=pseudonym):
        return None
    return dropped


def apply_anonymisations(ctx: AppContext, s: Any, entries: list[dict[str, Any]], notices: list[str]) -> list[str]:
    """Visits anonymised on another laptop (the team server says so): anonymise the client here too, audited.

    The client's visits the server did not name go out with the anonymise mark; the named ones take the
    server's version at this pull, unless they were changed here and not sent (then they go out, and the
    server anonymises them again). Unsent free text is lost: privacy wins, and ``notices`` says so.
    Returns the photo files to remove after the commit.
    """
    files: list[str] = []
    named = {str(e["visit_id"]) for e in entries}
    seen = sync_repo.visit_signatures_seen(s) if entries else {}  # once: the loop changes only its client's
    for entry in entries:
        client_id = repo.client_of_visit(s, visit_id=str(entry["visit_id"]))
        pseudonym = str(entry.get("pseudonym") or "")
        if not client_id or not is_pseudonym(pseudonym) or repo.national_id_of(s, client_id=client_id) == pseudonym:
            continue
        visit_ids = repo.visit_ids_of_client(s, client_id=client_id)
        before = visit_signatures(s, visit_ids)
        unsent = [vid for vid in visit_ids if seen.get(vid) != before.get(vid)]
        photos = repo.photo_files_of_client(s, client_id=client_id)
        dropped = _anonymise(ctx, s, client_id, pseudonym) or 0
        after = visit_signatures(s, visit_ids)
        for vid in visit_ids:
            if vid in named and vid not in unsent:
                sync_repo.set_signature(s, vid, after.get(vid, ""))
            else:
                sync_repo.mark_anonymised(s, [vid])
        if dropped or unsent:
            notices.append(tr("En bruker er anonymisert av teamet. Endringer som ikke var sendt fra denne "
                              "maskinen, er slettet hvis de gjaldt navn, kontaktopplysninger eller fritekst."))
            log.warning("client %s anonymised by the team: %d unsent answer changes dropped, %d visits changed here",
                        client_id, dropped, len(unsent))
        files += photos
        audit.record(ctx, s, "sync.anonymised", {"photos": len(photos), "unsent_dropped": dropped},
                     client_id=client_id, record_type="client", record_id=client_id)
    return files


def remove_photo_files(ctx: AppContext, names: list[str]) -> None:
    """Remove stored photo files (image, thumbnail, print copy) after the rows are gone."""
    _remove_files(ctx, names)


def apply_erasures(ctx: AppContext, s: Any, visit_ids: list[str]) -> list[str]:
    """Visits erased on another laptop (the team server's tombstones): erase them here too, audited.

    A client left without visits goes as well. Returns the photo files to remove after the commit.
    """
    files: list[str] = []
    sync_repo.forget_visits(s, visit_ids)
    for visit_id in visit_ids:
        before = len(files)
        client_id = repo.erase_visit(s, visit_id=visit_id, photo_files=files)
        if client_id is None:
            continue
        audit.record(ctx, s, "sync.erased", {"photos": len(files) - before}, client_id=client_id,
                     record_type="visit", record_id=visit_id)
    return files
