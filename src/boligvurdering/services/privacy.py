"""Erasure on request: delete a client with everything, or anonymise them keeping the figures.

The audit entry for the erasure holds only the client's UUID, the kind of erasure and counts —
no name, national ID or address. Older audit entries never held those either (services/audit.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from boligvurdering.domain.errors import NotFound
from boligvurdering.i18n import tr
from boligvurdering.services import audit
from boligvurdering.services.access import require
from boligvurdering.services.photos import stored_files
from boligvurdering.store import household
from boligvurdering.store import security as repo
from boligvurdering.store import sync as sync_repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


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
    """Remove names, national ID, contact data, free text, household economy and photos; keep the case."""
    require(ctx, "privacy.erase")
    text_questions = {q.id for q in ctx.registry.questions() if q.type == "text"}
    files = _photo_files(ctx, client_id)
    with ctx.db.transaction() as s:
        sync_repo.mark_forced(s, repo.visit_ids_of_client(s, client_id=client_id))  # no merge brings names back
        _erase_plan_data(ctx, s, client_id)
        if not repo.anonymise_client(s, client_id=client_id, text_question_ids=text_questions):
            raise NotFound(tr("Fant ikke brukeren."))
        audit.record(ctx, s, "privacy.anonymise", {"photos": len(files)},
                     client_id=client_id, record_type="client", record_id=client_id)
    _remove_files(ctx, files)


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
