"""Failed sign-in attempts, counted per device and per account name.

The counters live in this device's own settings folder (``attempts/<data folder hash>.json``),
not in the data folder: a data folder on a shared drive or restored from a backup carries no
counters, and typing a colleague's name on one laptop slows down only that laptop.

* **Fail closed**: if a failure cannot be recorded (read-only or immutable file, full disk), the
  attempt is refused before any password work.
* **Tamper-evident**: after every successful sign-in the file is sealed with an HMAC under a key
  derived from the master key, which the file does not hold; failures are appended after the
  seal. Clearing or lowering the sealed counters or breaking the seal is found at the next
  sign-in (``verify``); removing a sealed file is found through the database's note that this
  device's file was sealed (``services/auth.py``). Both are written to the access log.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import time
from pathlib import Path
from typing import Any

from boligvurdering.domain.errors import UserError
from boligvurdering.fileio import write_durably
from boligvurdering.i18n import tr
from boligvurdering.security.ciphers import hkdf

FREE_ATTEMPTS = 3
MAX_DELAY = 300.0


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive failures: 0,0,0, then 1, 2, 4 … 300."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY, 2.0 ** (failures - FREE_ATTEMPTS))


def device_file(keystore: Path) -> Path:
    """This device's counter file for the data folder that holds ``keystore``."""
    import platformdirs

    folder = Path(platformdirs.user_config_dir("Boligvurdering", appauthor=False, roaming=False)) / "attempts"
    digest = hashlib.sha256(str(Path(keystore).resolve().parent).encode("utf-8")).hexdigest()[:24]
    return folder / f"{digest}.json"


class Attempts:
    """The counters of one data folder on this device."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(self.data.get("users"), dict):
                raise ValueError
        except FileNotFoundError:
            self.data = {"users": {}}
        except (OSError, ValueError):
            self.data = {"users": {}, "damaged": True}

    def wait_seconds(self, counter: str, now: float | None = None) -> float:
        rec = self.data["users"].get(counter)
        if not isinstance(rec, dict):
            return 0.0
        now = time.time() if now is None else now
        return max(0.0, float(rec.get("last", 0)) + delay_after(int(rec.get("count", 0))) - now)

    def fail(self, counter: str, now: float | None = None) -> None:
        """Count a failure; refuses (``UserError``) if it cannot be written."""
        rec = self.data["users"].setdefault(counter, {"count": 0, "last": 0.0})
        rec["count"] = int(rec.get("count", 0)) + 1
        rec["last"] = time.time() if now is None else now
        try:
            self._save()
        except OSError:
            raise UserError(tr("Mislykkede innloggingsforsøk kan ikke registreres ({p} er ikke skrivbar). "
                               "Innlogging er stoppet til dette er rettet.", p=self.path.parent)) from None

    def check_writable(self) -> None:
        """Refuse before any password work when a failure could not be recorded."""
        try:
            self._save()
        except OSError:
            raise UserError(tr("Mislykkede innloggingsforsøk kan ikke registreres ({p} er ikke skrivbar). "
                               "Innlogging er stoppet til dette er rettet.", p=self.path.parent)) from None

    def verify(self, master: bytes) -> bool:
        """False when the sealed counters were edited or the sealed file removed or damaged."""
        seal = self.data.get("seal")
        if self.data.get("damaged"):
            return False
        if seal is None:
            return True  # never sealed here (the caller checks the database's note that it was)
        sealed = seal.get("users", {})
        for name, rec in sealed.items():  # failures after the seal may only add to it
            now = self.data["users"].get(name, {})
            if int(now.get("count", 0)) < int(rec.get("count", 0)):
                return False
        return hmac.compare_digest(str(seal.get("mac", "")), _mac(master, sealed))

    def succeed(self, counter: str, master: bytes) -> None:
        """Reset the account's counter and seal the file (best effort: the sign-in has succeeded)."""
        self.data["users"].pop(counter, None)
        users = {k: v for k, v in self.data["users"].items() if isinstance(v, dict)}
        self.data = {"users": users, "seal": {"users": users, "mac": _mac(master, users)}}
        with contextlib.suppress(OSError):
            self._save()

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {k: v for k, v in self.data.items() if k != "damaged"}
        write_durably(self.path, json.dumps(data, sort_keys=True).encode("utf-8"))


def _mac(master: bytes, users: dict[str, Any]) -> str:
    key = hkdf(master, b"boligvurdering/attempts/v1")
    return hmac.new(key, json.dumps(users, sort_keys=True).encode("utf-8"), hashlib.sha256).hexdigest()
