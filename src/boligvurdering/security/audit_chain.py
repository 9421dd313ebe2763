"""Hash chain for the append-only audit log.

``hash = SHA-256(prev_hash || canonical JSON of the entry's fields)``. Changing, removing or
reordering any entry breaks every later link; :func:`verify` names the first broken entry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = ("seq", "at", "actor", "role", "action", "record_type", "record_id", "client_id", "details")


def canonical(entry: Mapping[str, Any]) -> bytes:
    """Canonical JSON of the hashed fields (sorted keys, no spaces, UTF-8)."""
    data = {k: entry.get(k) for k in HASHED_FIELDS}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


def link(prev_hash: str, entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical(entry)).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify(entries: Iterable[Mapping[str, Any]]) -> ChainReport:
    """Check entries in ``seq`` order; each needs ``seq``, ``prev_hash``, ``hash`` and the hashed fields."""
    prev = GENESIS
    expected_seq = 1
    n = 0
    for entry in entries:
        n += 1
        seq = entry["seq"]
        if seq != expected_seq:
            return ChainReport(False, n, seq, f"expected seq {expected_seq}")
        if entry["prev_hash"] != prev:
            return ChainReport(False, n, seq, "prev_hash")
        if link(prev, entry) != entry["hash"]:
            return ChainReport(False, n, seq, "hash")
        prev = entry["hash"]
        expected_seq += 1
    return ChainReport(True, n)
