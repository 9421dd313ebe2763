"""Keeping the audit log's head anchored outside the database, and checking against it.

The anchor (``security/audit_anchor.py``) moves forward after commits that appended entries
(at most once a second, and always when the context closes), never backwards, and never onto
a chain that no longer holds the anchored entry. A restore moves it back on purpose and logs
the rollback (``audit.rebase_after_restore``); any other way back is reported by ``audit verify``.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from boligvurdering.i18n import tr
from boligvurdering.security import audit_anchor as anchors
from boligvurdering.security.audit_chain import ChainReport
from boligvurdering.store import security as repo
from boligvurdering.store.db import Session, after_commit

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)
EVERY_SECONDS = 1.0


def current_key(ctx: AppContext) -> bytes | None:
    """The anchor signing key, or ``None`` for an unencrypted database or one without a keystore."""
    return anchors.anchor_key(ctx.db.key) if ctx.db.key is not None and ctx.paths.keystore.exists() else None


def schedule(ctx: AppContext, session: Session) -> None:
    """Advance the anchor once this transaction has committed."""
    if current_key(ctx) is not None:
        after_commit(session, "audit_anchor", lambda: advance(ctx))


def still_holds(s: Session, anchor: anchors.Anchor, key: bytes) -> bool:
    """Whether the log in session ``s`` still holds the anchored entry unchanged."""
    return anchor.valid(key) and repo.audit_hash_at(s, anchor.count) == anchor.head


def advance(ctx: AppContext, *, force: bool = False) -> None:
    """Move the anchor to the current head if the log still holds the anchored entry unchanged."""
    key = current_key(ctx)
    if key is None or (not force and time.monotonic() - ctx.audit_anchor_at < EVERY_SECONDS):
        return
    ctx.audit_anchor_at = time.monotonic()
    try:
        old = anchors.load(ctx.paths.keystore)
        with ctx.db.transaction() as s:
            count, head = repo.audit_head(s)
            if old is not None and not still_holds(s, old, key):
                log.warning("audit anchor not moved: the log no longer holds the anchored entry")
                return
        if old is None or count > old.count:
            anchors.store(ctx.paths.keystore, anchors.Anchor.signed(key, count, head))
    except Exception:  # noqa: BLE001 - anchoring must never break the use case that was just saved
        log.warning("could not advance the audit anchor")


def check(ctx: AppContext, report: ChainReport) -> ChainReport:
    """The chain's own report, then the anchors in ``keys.json`` and its copy beside the backups."""
    key = current_key(ctx)
    if not report.ok or key is None:
        return report
    history = anchors.history(ctx.paths.keystore)
    for where, anchor in (("keys.json", anchors.load(ctx.paths.keystore)),
                          ("backups/keys.json", anchors.load(ctx.paths.backups / "keys.json"))):
        if anchor is None or anchor in history:
            continue
        problem = _against(ctx, anchor, key, report.checked)
        if problem:
            return ChainReport(False, report.checked, problem[0], tr("{why} (anker i {where})", why=problem[1], where=where))
    return report


def _against(ctx: AppContext, anchor: anchors.Anchor, key: bytes, count: int) -> tuple[int, str] | None:
    if not anchor.valid(key):
        return 0, tr("ankeret er endret")
    if count < anchor.count:
        return count + 1, tr("loggen er avkortet eller rullet tilbake: {n} oppføringer, ankeret viser {m}",
                             n=count, m=anchor.count)
    with ctx.db.transaction() as s:
        if repo.audit_hash_at(s, anchor.count) != anchor.head:
            return anchor.count, tr("oppføringene er skrevet om")
    return None
