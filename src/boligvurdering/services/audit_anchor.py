"""Keeping the audit log's head anchored outside the database, and checking against it.

The anchor (``security/audit_anchor.py``) moves forward after commits that appended entries
(at most once a second, and always when the context closes), never backwards, and never onto
a chain that no longer holds the anchored entry. A restore moves it back on purpose and logs
the rollback (``audit.rebase_after_restore``); any other way back is reported by ``audit verify``.

Two anchors are kept: one every session moves (its key derived from the master key, which every
account unwraps) and a *lead* anchor only team leads and administrators move, under a random key
wrapped to their accounts alone (the ``audit`` category key, ``security/categories.py``). Someone
with another account's password and their own code can rewrite the log and the first anchor, but
not the lead anchor: what was logged before a lead's last session is beyond their reach.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr
from boligvurdering.security import audit_anchor as anchors
from boligvurdering.security.audit_chain import ChainReport
from boligvurdering.store import security as repo
from boligvurdering.store.db import Session, after_commit

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)
EVERY_SECONDS = 1.0
Slot = tuple[str, str, bytes, Callable[[str], bytes | None]]  # (slot, key id, key, key id -> key)


def current_key(ctx: AppContext) -> bytes | None:
    """The session anchor's signing key, or ``None`` for an unencrypted database or one without a keystore."""
    return anchors.anchor_key(ctx.db.key) if ctx.db.key is not None and ctx.paths.keystore.exists() else None


def _audit_ring(ctx: AppContext) -> Any:
    sealer = ctx.db.sealer
    return sealer.keyring if sealer is not None and sealer.keyring.can_open("audit") else None


def _slots(ctx: AppContext) -> list[Slot]:
    """(slot, current key id, current key, key id → key) of each anchor this session can sign and check."""
    key = current_key(ctx)
    if key is None:
        return []
    out: list[Slot] = [(anchors.SLOT, "", key, lambda _kid: key)]
    ring = _audit_ring(ctx)
    if ring is not None:
        def lead_for(kid: str) -> bytes | None:
            private = ring.private.get(("audit", kid))
            return anchors.lead_key(private) if private is not None else None

        kid = ring.current_id("audit")
        out.append((anchors.LEAD_SLOT, kid, anchors.lead_key(ring.private[("audit", kid)]), lead_for))
    return out


def schedule(ctx: AppContext, session: Session) -> None:
    """Advance the anchor once this transaction has committed."""
    if current_key(ctx) is not None:
        after_commit(session, "audit_anchor", lambda: advance(ctx))


def still_holds(s: Session, anchor: anchors.Anchor, key: bytes | None) -> bool:
    """Whether the log in session ``s`` still holds the anchored entry unchanged (signed with ``key``)."""
    return key is not None and anchor.valid(key) and repo.audit_hash_at(s, anchor.count) == anchor.head


def advance(ctx: AppContext, *, force: bool = False) -> None:
    """Move the anchors to the current head if the log still holds the anchored entry unchanged."""
    slots = _slots(ctx)
    if not slots or (not force and time.monotonic() - ctx.audit_anchor_at < EVERY_SECONDS):
        return
    ctx.audit_anchor_at = time.monotonic()
    try:
        with ctx.db.transaction() as s:
            count, head = repo.audit_head(s)
        for slot, kid, key, key_for in slots:
            old = anchors.load(ctx.paths.keystore, slot)
            with ctx.db.transaction() as s:
                if old is not None and not still_holds(s, old, key_for(old.kid)):
                    log.warning("audit anchor not moved: the log no longer holds the anchored entry")
                    continue
            if old is None or count > old.count or old.kid != kid:  # a rotated lead key signs anew
                anchors.store(ctx.paths.keystore, anchors.Anchor.signed(key, count, head, kid), slot=slot)
    except Exception:  # noqa: BLE001 - anchoring must never break the use case that was just saved
        log.warning("could not advance the audit anchor")


def rolled_back(ctx: AppContext) -> tuple[list[Slot], dict[str, anchors.Anchor], int]:
    """After a restore: this session's anchor slots, the anchors the restored log no longer holds, and
    the restored log's entry count (``services/audit.rebase_after_restore`` logs and re-anchors)."""
    slots = _slots(ctx)
    old = {slot: anchors.load(ctx.paths.keystore, slot) for slot, *_ in slots}
    with ctx.db.transaction() as s:
        count, _head = repo.audit_head(s)
        rolled = {slot: anchor for slot, _kid, _key, key_for in slots
                  if (anchor := old[slot]) is not None and not still_holds(s, anchor, key_for(anchor.kid))}
    return slots, rolled, count


def reanchor(ctx: AppContext, slots: list[Slot], rolled: dict[str, anchors.Anchor]) -> None:
    """Sign every slot's anchor on the current head (after a restore), keeping the replaced one in the history."""
    with ctx.db.transaction() as s:
        count, head = repo.audit_head(s)
    for slot, kid, key, _key_for in slots:
        anchors.store(ctx.paths.keystore, anchors.Anchor.signed(key, count, head, kid), replaced=rolled.get(slot),
                      slot=slot)


def check(ctx: AppContext, report: ChainReport) -> ChainReport:
    """The chain's own report, then the anchors in ``keys.json`` and its copy beside the backups."""
    slots = _slots(ctx)
    if not report.ok or not slots:
        return report
    history = anchors.history(ctx.paths.keystore)
    for where, path in (("keys.json", ctx.paths.keystore), ("backups/keys.json", ctx.paths.backups / "keys.json")):
        for slot, _kid, _key, key_for in slots:
            anchor = anchors.load(path, slot)
            if anchor is None or anchor in history:
                continue
            problem = _against(ctx, anchor, key_for(anchor.kid), report.checked)
            if problem:
                return ChainReport(False, report.checked, problem[0],
                                   tr("{why} (anker i {where})", why=problem[1], where=where))
    return report


def _against(ctx: AppContext, anchor: anchors.Anchor, key: bytes | None, count: int) -> tuple[int, str] | None:
    if key is None or not anchor.valid(key):
        return 0, tr("ankeret er endret")
    if count < anchor.count:
        return count + 1, tr("loggen er avkortet eller rullet tilbake: {n} oppføringer, ankeret viser {m}",
                             n=count, m=anchor.count)
    with ctx.db.transaction() as s:
        if repo.audit_hash_at(s, anchor.count) != anchor.head:
            return anchor.count, tr("oppføringene er skrevet om")
    return None
