"""The key store (``keys.json``): the database master key wrapped once per user.

Each user's entry holds an argon2id salt and parameters and the master key encrypted with
AES-256-GCM under the key derived from that user's password (the user name is the associated
data). A wrong password fails authentication; nothing else is stored that could test a guess
faster. Failed attempts are counted per device (``security/attempts.py``), not in this file.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boligvurdering.domain.errors import UserError
from boligvurdering.fileio import write_durably
from boligvurdering.i18n import tr
from boligvurdering.security.attempts import FREE_ATTEMPTS as FREE_ATTEMPTS  # re-exported
from boligvurdering.security.attempts import MAX_DELAY as MAX_DELAY
from boligvurdering.security.attempts import Attempts, device_file
from boligvurdering.security.attempts import delay_after as delay_after
from boligvurdering.security.passwords import DEFAULT_PARAMS, KdfParams, derive_key, new_salt

VERSION = 1
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


@dataclass
class Keystore:
    path: Path
    data: dict[str, Any]

    @classmethod
    def load(cls, path: Path) -> Keystore:
        path = Path(path)
        if not path.exists():
            return cls(path, {"version": VERSION, "users": {}})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION or not isinstance(data.get("users"), dict):
                raise ValueError
        except (OSError, ValueError):
            raise KeystoreError(tr("Nøkkelfilen {p} er skadet eller ukjent. Hent den fra sikkerhetskopien.", p=path)) from None
        data.pop("failures", None)  # older versions counted here, in a file that travels with backups
        return cls(path, data)

    @property
    def attempts(self) -> Attempts:
        """This device's failure counters for this data folder (``security/attempts.py``)."""
        if "_attempts" not in self.__dict__:
            self.__dict__["_attempts"] = Attempts(device_file(self.path))
        return self.__dict__["_attempts"]

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

    @staticmethod
    def _aad(username: str) -> bytes:
        return f"boligvurdering/keystore/v{VERSION}/{norm(username)}".encode()

    def counter(self, username: str) -> str:
        """The counter's name: the account, or one shared counter for every name that is not one
        (a password typed into the name field is never written anywhere)."""
        return norm(username) if self.has_user(username) else UNKNOWN

    def wait_seconds(self, username: str, now: float | None = None) -> float:
        return self.attempts.wait_seconds(self.counter(username), now)

    def unwrap(self, username: str, password: str, *, now: float | None = None) -> bytes:
        """The master key, or ``AuthenticationFailed`` / ``TooManyAttempts`` (and the failure saved).

        After success ``self.tampered`` tells whether this device's counters were edited.
        """
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        wait = self.wait_seconds(username, now)
        if wait > 0:
            raise TooManyAttempts(wait)
        self.attempts.check_writable()  # fail closed: a failure that cannot be counted is not tried
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
            self.attempts.fail(self.counter(username), now)
            raise AuthenticationFailed() from None
        self.tampered = not self.attempts.verify(master)
        self.had_seal = "seal" in self.attempts.data
        self.attempts.succeed(self.counter(username), master)
        return master
