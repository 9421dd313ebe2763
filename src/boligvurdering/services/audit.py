"""Access log: who read or changed which record, when — appended in the use case's transaction.

The writer (``record``, ``log_separately``, ``changes``, ``answer_details``) lives in
``services/audit_log.py`` below ``access`` and is re-exported here; this module adds reading,
exporting and verifying the log, which need a permission.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr
from boligvurdering.security.audit_chain import ChainReport
from boligvurdering.security.audit_chain import verify as verify_chain
from boligvurdering.services import audit_anchor
from boligvurdering.services.access import require
from boligvurdering.services.audit_log import (
    CONSENT_QUESTIONS,
    VALUE_FIELDS,
    answer_details,
    changes,
    log_separately,
    record,
    record_many,
)
from boligvurdering.store import security as repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

__all__ = ["CONSENT_QUESTIONS", "VALUE_FIELDS", "answer_details", "changes", "entries", "export_csv",
           "log_separately", "rebase_after_restore", "record", "record_many", "verify"]


def verify(ctx: AppContext) -> ChainReport:
    """Check each device's hash chain, then that this laptop's still holds the heads anchored outside
    the database (the anchor is of this laptop's chain)."""
    with ctx.db.transaction() as s:
        reports = [verify_chain(repo.iter_audit(s, device_id=d)) for d in repo.audit_devices(s)]
    broken = next((r for r in reports if not r.ok), None)
    return broken or audit_anchor.check(ctx, reports[0])


def entries(ctx: AppContext, *, client_id: str | None = None) -> list[dict[str, Any]]:
    """Entries (team lead/administrator), optionally for one client."""
    require(ctx, "audit.read")
    with ctx.db.transaction() as s:
        rows = [e for e in repo.iter_audit(s) if client_id is None or e["client_id"] == client_id]
        record(ctx, s, "audit.read", details={"client_id": client_id or "", "count": len(rows)})
    return rows


def export_csv(ctx: AppContext, out: Path) -> int:
    """Write the log as CSV (UTF-8 with BOM for Excel); returns the number of entries."""
    rows = entries(ctx)
    tmp = Path(out).with_name(Path(out).name + ".tmp")
    fields = ["seq", "at", "actor", "role", "action", "record_type", "record_id", "client_id", "details", "hash"]
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow([tr("nr"), tr("tidspunkt"), tr("bruker"), tr("rolle"), tr("handling"), tr("posttype"),
                         tr("post"), tr("bruker-id (klient)"), tr("detaljer"), tr("kontrollsum")])
        for e in rows:
            writer.writerow([json.dumps(e[f], ensure_ascii=False, sort_keys=True) if f == "details" else e[f]
                             for f in fields])
    tmp.replace(out)
    return len(rows)


def rebase_after_restore(ctx: AppContext, backup_name: str) -> None:
    """Log the restore (with the rollback, if the restored log lacks anchored entries) and re-anchor."""
    slots, rolled, count = audit_anchor.rolled_back(ctx)
    details: dict[str, object] = {"backup": backup_name}
    if rolled:
        first = next(iter(rolled.values()))
        details["rolled_back"] = {"anchored_entries": first.count, "entries_in_backup": count}
    log_separately(ctx, "audit.rollback" if rolled else "backup.restore", details=details,
                   record_type="backup", record_id=backup_name)
    audit_anchor.reanchor(ctx, slots, rolled)
