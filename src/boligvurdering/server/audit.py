"""Access-log entries from the laptops: accepted only as the next link of that device's chain."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligvurdering.i18n import tr
from boligvurdering.security.audit_chain import GENESIS, ChainReport, link, verify
from boligvurdering.server import errors
from boligvurdering.server.accounts import Principal
from boligvurdering.server.models import AuditEvent

FIELDS = ("seq", "at", "actor", "role", "action", "record_type", "record_id", "client_id")


def _last(s: Session, device_id: uuid.UUID) -> tuple[int, str]:
    row = s.execute(select(AuditEvent.seq, AuditEvent.hash).where(AuditEvent.device_id == device_id)
                    .order_by(AuditEvent.seq.desc()).limit(1)).first()
    return (int(row[0]), row[1]) if row else (0, GENESIS)


def receive(s: Session, p: Principal, entries: list[dict[str, Any]]) -> int:
    """Store the entries that extend the device's chain; a repeat is ignored. Returns the last seq held."""
    last_seq, last_hash = _last(s, p.device_id)
    for entry in sorted(entries, key=lambda e: int(e["seq"])):
        seq = int(entry["seq"])
        if seq <= last_seq:
            continue  # already here (a retried batch)
        if seq != last_seq + 1 or entry.get("prev_hash") != last_hash or link(last_hash, entry) != entry.get("hash"):
            raise errors.invalid(tr("Tilgangsloggen fra maskinen henger ikke sammen (oppføring {n}).", n=seq))
        s.add(AuditEvent(device_id=p.device_id, **{k: str(entry.get(k) or "") for k in FIELDS if k != "seq"},
                         seq=seq, details_json=json.dumps(entry.get("details") or {}, sort_keys=True,
                                                          ensure_ascii=False, default=str),
                         prev_hash=last_hash, hash=entry["hash"]))
        last_seq, last_hash = seq, entry["hash"]
    return last_seq


def _entries(s: Session, device_id: uuid.UUID) -> Iterator[dict[str, Any]]:
    for row in s.scalars(select(AuditEvent).where(AuditEvent.device_id == device_id).order_by(AuditEvent.seq)):
        yield {**{k: getattr(row, k) for k in FIELDS}, "details": json.loads(row.details_json),
               "prev_hash": row.prev_hash, "hash": row.hash}


def verify_all(s: Session) -> dict[uuid.UUID, ChainReport]:
    """Check every device's chain on the server."""
    devices = s.scalars(select(AuditEvent.device_id).distinct()).all()
    return {d: verify(_entries(s, d)) for d in devices}
