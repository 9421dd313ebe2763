"""The audit chain's head, anchored outside the database.

``keys.json`` keeps the last anchored entry number and hash with an HMAC-SHA256 under a key
derived from the master key (HKDF, ``boligvurdering/audit-anchor/v1``): a key the database
does not hold, so editing the database alone cannot move the anchor. Every backup copies
``keys.json``, so older anchors are kept beside the backups too. The anchor only moves
forward, and only when the database still holds the anchored entry unchanged; a restore moves
it back explicitly and that rollback is itself logged (``services/audit.py``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boligvurdering.fileio import write_durably
from boligvurdering.security.ciphers import hkdf

_lock = threading.RLock()


def lock() -> threading.RLock:
    """Held while ``keys.json`` is rewritten (the key store and the anchor share the file)."""
    return _lock
KEY_INFO = b"boligvurdering/audit-anchor/v1"
LEAD_KEY_INFO = b"boligvurdering/audit-anchor/lead/v1"
HISTORY = 20
#: the anchor every session moves (master-derived key) and the one only team leads and
#: administrators move (a random key wrapped to their accounts: the ``audit`` category key)
SLOT, LEAD_SLOT = "audit_anchor", "audit_anchor_lead"
SLOTS = (SLOT, LEAD_SLOT, "audit_anchor_history")


def anchor_key(master: bytes) -> bytes:
    return hkdf(master, KEY_INFO)


def lead_key(audit_private: bytes) -> bytes:
    """The lead anchor's MAC key, from the ``audit`` category's private key (no account without it has it)."""
    return hkdf(audit_private, LEAD_KEY_INFO)


@dataclass(frozen=True)
class Anchor:
    count: int
    head: str
    mac: str
    kid: str = ""  # the lead anchor: which ``audit`` key signed it

    @classmethod
    def signed(cls, key: bytes, count: int, head: str, kid: str = "") -> Anchor:
        return cls(count, head, _mac(key, count, head), kid)

    def valid(self, key: bytes) -> bool:
        return hmac.compare_digest(self.mac, _mac(key, self.count, self.head))


def _mac(key: bytes, count: int, head: str) -> str:
    return hmac.new(key, f"{count}|{head}".encode("ascii"), hashlib.sha256).hexdigest()


def _read(path: Path) -> dict[str, Any]:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def load(keystore: Path, slot: str = SLOT) -> Anchor | None:
    raw = _read(keystore).get(slot)
    try:
        return Anchor(int(raw["count"]), str(raw["head"]), str(raw["mac"]), str(raw.get("kid", ""))) if raw else None
    except (KeyError, TypeError, ValueError):
        return Anchor(-1, "", "")  # present but unreadable: never valid


def history(keystore: Path) -> list[Anchor]:
    """Anchors a logged restore replaced (they may point past the restored log)."""
    out = []
    for raw in _read(keystore).get("audit_anchor_history") or []:
        try:
            out.append(Anchor(int(raw["count"]), str(raw["head"]), str(raw["mac"]), str(raw.get("kid", ""))))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def store(keystore: Path, anchor: Anchor, *, replaced: Anchor | None = None, slot: str = SLOT) -> None:
    """Write the anchor into ``keys.json`` (keeping a short history of anchors a restore replaced)."""
    with _lock:
        data = _read(keystore)
        if not data:
            return  # no key file (tests without sign-in): nothing to anchor to
        data[slot] = {"count": anchor.count, "head": anchor.head, "mac": anchor.mac}
        if anchor.kid:
            data[slot]["kid"] = anchor.kid
        if replaced is not None:
            history = data.setdefault("audit_anchor_history", [])
            history.append({"count": replaced.count, "head": replaced.head, "mac": replaced.mac,
                            **({"kid": replaced.kid} if replaced.kid else {})})
            del history[:-HISTORY]
        write_durably(Path(keystore), json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))
