"""Password rules, argon2id key derivation and password hashes."""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.i18n import tr

MIN_LENGTH = 10
MAX_LENGTH = 1024


@dataclass(frozen=True)
class KdfParams:
    """argon2id parameters stored beside every wrapped key, so they can be raised later."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2

    def to_json(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, int]) -> KdfParams:
        return cls(int(data["time_cost"]), int(data["memory_kib"]), int(data["parallelism"]))


DEFAULT_PARAMS = KdfParams()


def check_password(password: str, username: str = "") -> None:
    """Raise ``InvalidValue`` (Norwegian) if the password breaks the rules.

    Rules: at least 10 characters, not one character repeated, not the user name.
    """
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise InvalidValue(tr("Passordet må ha minst {n} tegn.", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        raise InvalidValue(tr("Passordet er for langt (høyst {n} tegn).", n=MAX_LENGTH))
    if len(set(password)) == 1:
        raise InvalidValue(tr("Passordet kan ikke bestå av ett og samme tegn."))
    if username and password.strip().casefold() == username.strip().casefold():
        raise InvalidValue(tr("Passordet kan ikke være det samme som brukernavnet."))
    if "\x00" in password:
        raise InvalidValue(tr("Passordet inneholder et ugyldig tegn."))


def new_salt() -> bytes:
    return os.urandom(16)


def derive_key(password: str, salt: bytes, params: KdfParams = DEFAULT_PARAMS) -> bytes:
    """A 32-byte key from a password with argon2id (≈0.1 s with the default parameters)."""
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=params.time_cost,
                           memory_cost=params.memory_kib, parallelism=params.parallelism,
                           hash_len=32, type=Type.ID)

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def check_username(username: str) -> str:
    """The user name as stored (trimmed, case-folded); refused with a Norwegian message if malformed."""
    name = (username or "").strip().casefold()
    if not _USERNAME.match(name):
        raise InvalidValue(tr("Brukernavnet må ha 2–64 tegn: små bokstaver a–z, tall, punktum, bindestrek eller understrek."))
    return name
