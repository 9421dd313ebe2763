"""The key store (``keys.json``): the database master key wrapped once per user.

Each user's entry holds an argon2id salt and parameters and the master key encrypted with
AES-256-GCM under the key derived from that user's password (the user name is the associated
data). A wrong password fails authentication; nothing else is stored that could test a guess
faster. Failed attempts are counted per user in the same file, so restarting the program does
not reset the delay.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boligvurdering.domain.errors import UserError
from boligvurdering.fileio import write_durably
from boligvurdering.i18n import tr
from boligvurdering.security.passwords import DEFAULT_PARAMS, KdfParams, derive_key, new_salt

VERSION = 1
FREE_ATTEMPTS = 3
MAX_DELAY = 300.0
#: the one counter for every name that is not an account (never the typed text itself)
UNKNOWN = "*"


class AuthenticationFailed(UserError):
    def __init__(self) -> None:
        super().__init__(tr("Feil brukernavn eller passord."))


class TooManyAttempts(UserError):
    def __init__(self, wait: float) -> None:
        self.wait = wait
        super().__init__(tr("For mange mislykkede forsøk. Vent {n} sekunder og prøv igjen.", n=int(wait + 0.999)))


class KeystoreError(UserError):
    pass


def norm(username: str) -> str:
    return username.strip().casefold()


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive failures: 0,0,0, then 1, 2, 4 … 300."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY, 2.0 ** (failures - FREE_ATTEMPTS))


@dataclass
class Keystore:
    path: Path
    data: dict[str, Any]

    @classmethod
    def load(cls, path: Path) -> Keystore:
        path = Path(path)
        if not path.exists():
            return cls(path, {"version": VERSION, "users": {}, "failures": {}})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION or not isinstance(data.get("users"), dict):
                raise ValueError
        except (OSError, ValueError):
            raise KeystoreError(tr("Nøkkelfilen {p} er skadet eller ukjent. Hent den fra sikkerhetskopien.", p=path)) from None
        data.setdefault("failures", {})
        store = cls(path, data)
        store._forget_unknown_names()
        return store

    def _forget_unknown_names(self) -> None:
        """Failures are kept under account names only: a name typed wrongly may be a password."""
        failures = self.data["failures"]
        for name in [n for n in failures if n != UNKNOWN and n not in self.data["users"]]:
            failures.pop(name)

    @property
    def exists(self) -> bool:
        return self.path.exists()

    @property
    def users(self) -> list[str]:
        return sorted(self.data["users"])

    def has_user(self, username: str) -> bool:
        return norm(username) in self.data["users"]

    def save(self) -> None:
        """Write atomically and durably (temp file, fsync, rename)."""
        from boligvurdering.security import audit_anchor

        with audit_anchor.lock():  # the audit anchor in the same file moves on its own: keep the newest
            if self.path.exists():
                with contextlib.suppress(OSError, ValueError):
                    current = json.loads(self.path.read_text(encoding="utf-8"))
                    for key in ("audit_anchor", "audit_anchor_history"):
                        if key in current:
                            self.data[key] = current[key]
            write_durably(self.path, json.dumps(self.data, indent=1, sort_keys=True).encode("utf-8"))

    # -- wrapping -------------------------------------------------------------------------
    def wrap(self, username: str, password: str, master: bytes, params: KdfParams = DEFAULT_PARAMS) -> None:
        """Store ``master`` for ``username`` under a key derived from ``password`` (not saved)."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        salt, nonce = new_salt(), os.urandom(12)
        kek = derive_key(password, salt, params)
        wrapped = AESGCM(kek).encrypt(nonce, master, self._aad(username))
        self.data["users"][norm(username)] = {"salt": salt.hex(), "kdf": params.to_json(),
                                              "nonce": nonce.hex(), "wrapped": wrapped.hex()}

    def remove(self, username: str) -> None:
        self.data["users"].pop(norm(username), None)
        self.data["failures"].pop(norm(username), None)

    @staticmethod
    def _aad(username: str) -> bytes:
        return f"boligvurdering/keystore/v{VERSION}/{norm(username)}".encode()

    def _counter(self, username: str) -> str:
        return norm(username) if self.has_user(username) else UNKNOWN

    def wait_seconds(self, username: str, now: float | None = None) -> float:
        rec = self.data["failures"].get(self._counter(username))
        if not rec:
            return 0.0
        now = time.time() if now is None else now
        return max(0.0, rec["last"] + delay_after(rec["count"]) - now)

    def unwrap(self, username: str, password: str, *, now: float | None = None) -> bytes:
        """The master key, or ``AuthenticationFailed`` / ``TooManyAttempts`` (and the failure saved)."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        wait = self.wait_seconds(username, now)
        if wait > 0:
            raise TooManyAttempts(wait)
        entry = self.data["users"].get(norm(username))
        try:
            if entry is None:
                # same work as a real attempt, so timing does not reveal which names exist
                derive_key(password, b"\0" * 16, DEFAULT_PARAMS)
                raise InvalidTag
            kek = derive_key(password, bytes.fromhex(entry["salt"]), KdfParams.from_json(entry["kdf"]))
            master = AESGCM(kek).decrypt(bytes.fromhex(entry["nonce"]), bytes.fromhex(entry["wrapped"]),
                                         self._aad(username))
        except InvalidTag:
            self._fail(username, now)
            raise AuthenticationFailed() from None
        if norm(username) in self.data["failures"]:
            self.data["failures"].pop(norm(username))
            self._save_quietly()
        return master

    def _fail(self, username: str, now: float | None) -> None:
        rec = self.data["failures"].setdefault(self._counter(username), {"count": 0, "last": 0.0})
        rec["count"] += 1
        rec["last"] = time.time() if now is None else now
        self._save_quietly()

    def _save_quietly(self) -> None:
        # a read-only folder must not hide the real answer (wrong password)
        with contextlib.suppress(OSError):
            self.save()
