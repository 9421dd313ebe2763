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
                    for key in audit_anchor.SLOTS:
                        if key in current:
                            self.data[key] = current[key]
            write_durably(self.path, json.dumps(self.data, indent=1, sort_keys=True).encode("utf-8"))

    # -- wrapping -------------------------------------------------------------------------
    def wrap(self, username: str, password: str, master: bytes, params: KdfParams = DEFAULT_PARAMS, *,
             box: bytes | None = None) -> bytes:
        """Store ``master`` for ``username`` under a key derived from ``password`` (not saved).

        The user's box (``security/categories.py``) is wrapped under the same key: ``box`` keeps
        the given private key (a password change), otherwise a new pair is made (a new account or
        a reset, whose category keys must then be granted again). Returns the box's private key.
        """
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        from boligvurdering.security.categories import new_keypair, public_of

        salt, nonce = new_salt(), os.urandom(12)
        kek = derive_key(password, salt, params)
        wrapped = AESGCM(kek).encrypt(nonce, master, self._aad(username))
        self.data["users"][norm(username)] = {"salt": salt.hex(), "kdf": params.to_json(),
                                              "nonce": nonce.hex(), "wrapped": wrapped.hex()}
        private, public = (box, public_of(box)) if box is not None else new_keypair()
        self._store_box(username, kek, private, public)
        self.__dict__.setdefault("_keks", {})[norm(username)] = kek  # in memory only
        if box is None:
            self.revoke(username)  # grants to an old box are useless and must not linger
        return private

    def _store_box(self, username: str, kek: bytes, private: bytes, public: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(12)
        self.data["users"][norm(username)]["box"] = {
            "pub": public.hex(), "nonce": nonce.hex(),
            "wrapped": AESGCM(kek).encrypt(nonce, private, self._box_aad(username)).hex()}

    @staticmethod
    def _box_aad(username: str) -> bytes:
        return f"boligvurdering/box/v1/{norm(username)}".encode()

    def box_public(self, username: str) -> bytes | None:
        box = self.data["users"].get(norm(username), {}).get("box")
        return bytes.fromhex(box["pub"]) if box else None

    def open_box(self, username: str) -> bytes:
        """The signed-in user's box private key (made now for an account from before category keys).

        Only after :meth:`unwrap` succeeded for ``username`` in this process (the key it derived is
        kept in memory, never written).
        """
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        from boligvurdering.security.categories import new_keypair

        kek = self.__dict__.get("_keks", {})[norm(username)]
        box = self.data["users"][norm(username)].get("box")
        if box is None:
            private, public = new_keypair()
            self._store_box(username, kek, private, public)
            return private
        return AESGCM(kek).decrypt(bytes.fromhex(box["nonce"]), bytes.fromhex(box["wrapped"]), self._box_aad(username))

    # -- category keys (security/categories.py) ------------------------------------------------
    @property
    def categories(self) -> dict[str, Any]:
        return self.data.setdefault("categories", {})

    def new_category_key(self, category: str) -> tuple[str, bytes]:
        """A new current key pair for ``category`` (older ones stay, for rows not yet re-sealed)."""
        from boligvurdering.security.categories import new_keypair

        kid = os.urandom(4).hex()
        private, public = new_keypair()
        entry = self.categories.setdefault(category, {"keys": {}})
        entry["keys"][kid] = {"pub": public.hex(), "grants": {}}
        entry["current"] = kid
        return kid, private

    def grant(self, category: str, kid: str, private: bytes, username: str) -> bool:
        """Wrap a category private key to ``username``'s box. False if the account has no box yet."""
        from boligvurdering.security.categories import wrap_to

        public = self.box_public(username)
        if public is None:
            return False
        self.categories[category]["keys"][kid]["grants"][norm(username)] = wrap_to(
            public, private, f"{category}/{kid}/{norm(username)}")
        return True

    def revoke(self, username: str, category: str | None = None) -> None:
        """Remove ``username``'s wrappings of every key of ``category`` (of every category: None)."""
        for name, entry in self.categories.items():
            if category in (None, name):
                for key in entry["keys"].values():
                    key["grants"].pop(norm(username), None)

    def holders(self, category: str) -> set[str]:
        entry = self.categories.get(category)
        return set(entry["keys"][entry["current"]]["grants"]) if entry else set()

    def keyring(self, username: str, box: bytes) -> Any:
        """What ``username`` may do with the category keys: seal to all, open those granted."""
        from boligvurdering.security.categories import Keyring, unwrap_from

        ring = Keyring()
        for category, entry in self.categories.items():
            ring.public[category] = (entry["current"], bytes.fromhex(entry["keys"][entry["current"]]["pub"]))
            for kid, key in entry["keys"].items():
                grant = key["grants"].get(norm(username))
                private = unwrap_from(box, grant, f"{category}/{kid}/{norm(username)}") if grant else None
                if private is not None:
                    ring.private[(category, kid)] = private
        return ring

    def remove(self, username: str) -> None:
        self.data["users"].pop(norm(username), None)
        self.revoke(username)

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
        self.__dict__.setdefault("_keks", {})[norm(username)] = kek  # in memory only: opens the box
        self.tampered = not self.attempts.verify(master)
        self.had_seal = "seal" in self.attempts.data
        self.attempts.succeed(self.counter(username), master)
        return master
