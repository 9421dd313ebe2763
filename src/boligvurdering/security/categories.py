"""Category keys: health answers and the household economy sealed for the roles that may read them.

Each category (``health``, ``economy``) has an X25519 key pair. Its public key is in ``keys.json``
for everyone, so every account can *seal* a value; its private key is wrapped only for the accounts
whose role may read the category, so only they can *open* one. A value is sealed with AES-256-GCM
under a key agreed between a per-sealer ephemeral key and the category's public key (HKDF-SHA256);
the associated data binds it to its row (visit, question, scope) and to the category and key id.

Every account has its own X25519 key pair («box»): the private half wrapped under the key derived
from the password (``security/keystore.py``), the public half in the clear. A category's private
key is wrapped *to* a box, so an administrator can grant or rotate a category key for colleagues
without knowing their passwords.

Pure functions on bytes and dicts here; ``keys.json`` layout lives in ``security/keystore.py``.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from typing import Any

CATEGORIES = ("health", "economy", "audit")  # audit: the key behind the lead audit anchor, seals no rows
PREFIX = "bvs1"
#: the JSON object a sealed value is stored as (``{"$sealed": "bvs1:<category>:<key id>:<base64>"}``)
MARKER = "$sealed"


class Hidden:
    """A sealed value this session cannot open (shown as «skjult», never as its plaintext)."""

    _instance: Hidden | None = None

    def __new__(cls) -> Hidden:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "HIDDEN"


HIDDEN = Hidden()


def new_keypair() -> tuple[bytes, bytes]:
    """(private, public) raw X25519 bytes."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    private = X25519PrivateKey.generate()
    return _raw_private(private), _raw_public(private)


def _raw_private(key: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization as ser

    return key.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption())


def _raw_public(key: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization as ser

    return key.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)


def _agree(private: bytes, public: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

    from boligvurdering.security.ciphers import hkdf

    shared = X25519PrivateKey.from_private_bytes(private).exchange(X25519PublicKey.from_public_bytes(public))
    return hkdf(shared, info)


def wrap_to(public: bytes, secret: bytes, label: str) -> dict[str, str]:
    """``secret`` encrypted so that only the holder of ``public``'s private key can read it."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    eph, eph_pub = new_keypair()
    nonce = os.urandom(12)
    key = _agree(eph, public, b"boligvurdering/grant/v1/" + label.encode())
    return {"epk": eph_pub.hex(), "nonce": nonce.hex(),
            "wrapped": AESGCM(key).encrypt(nonce, secret, label.encode()).hex()}


def unwrap_from(private: bytes, grant: dict[str, str], label: str) -> bytes | None:
    """Reverse of :func:`wrap_to`; ``None`` when it does not open."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        key = _agree(private, bytes.fromhex(grant["epk"]), b"boligvurdering/grant/v1/" + label.encode())
        return AESGCM(key).decrypt(bytes.fromhex(grant["nonce"]), bytes.fromhex(grant["wrapped"]), label.encode())
    except (InvalidTag, ValueError, KeyError, TypeError):
        return None


def is_sealed(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and isinstance(value.get(MARKER), str)


def token_category(value: Any) -> tuple[str, str] | None:
    """(category, key id) of a sealed value, else ``None``."""
    if not is_sealed(value):
        return None
    parts = value[MARKER].split(":")
    return (parts[1], parts[2]) if len(parts) == 4 and parts[0] == PREFIX else None


@dataclass
class Keyring:
    """What one signed-in session can do: seal to every category's current public key, open
    with the private keys it was granted (current and retired key ids).

    Attributes:
        public: category → (current key id, public key).
        private: (category, key id) → private key; only the granted ones.
    """

    public: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    private: dict[tuple[str, str], bytes] = field(default_factory=dict)
    _ephemeral: dict[str, tuple[bytes, bytes]] = field(default_factory=dict, repr=False)
    _opened: dict[tuple[str, str, bytes], bytes] = field(default_factory=dict, repr=False)

    def can_open(self, category: str) -> bool:
        current = self.public.get(category)
        return current is not None and (category, current[0]) in self.private

    def current_id(self, category: str) -> str | None:
        current = self.public.get(category)
        return current[0] if current else None

    def seal(self, category: str, value: Any, row: str) -> Any:
        """``value`` as a sealed marker object (the value itself if the category has no key yet)."""
        import json

        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if category not in self.public:
            return value
        kid, public = self.public[category]
        eph, eph_pub = self._ephemeral.get(category) or self._ephemeral.setdefault(category, new_keypair())
        key = self._key(category, kid, eph_pub, lambda: _agree(eph, public, self._info(category, kid)))
        nonce = os.urandom(12)
        body = AESGCM(key).encrypt(nonce, json.dumps(value, ensure_ascii=False).encode(),
                                   self._aad(category, kid, row))
        return {MARKER: f"{PREFIX}:{category}:{kid}:" + base64.b64encode(eph_pub + nonce + body).decode()}

    def open(self, value: Any, row: str) -> Any:
        """The plaintext of a sealed marker, ``HIDDEN`` if this session has no key for it; a value
        that is not sealed is returned as it is."""
        import json

        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        where = token_category(value)
        if where is None:
            return HIDDEN if is_sealed(value) else value
        category, kid = where
        private = self.private.get((category, kid))
        if private is None:
            return HIDDEN
        try:
            raw = base64.b64decode(value[MARKER].rsplit(":", 1)[1], validate=True)
            eph_pub, nonce, body = raw[:32], raw[32:44], raw[44:]
            key = self._key(category, kid, eph_pub, lambda: _agree(private, eph_pub, self._info(category, kid)))
            return json.loads(AESGCM(key).decrypt(nonce, body, self._aad(category, kid, row)))
        except (InvalidTag, ValueError):
            return HIDDEN  # changed, moved to another row, or damaged: never shown as something else

    def _key(self, category: str, kid: str, eph_pub: bytes, make: Any) -> bytes:
        slot = (category, kid, eph_pub)
        if slot not in self._opened:
            self._opened[slot] = make()
        return self._opened[slot]

    @staticmethod
    def _info(category: str, kid: str) -> bytes:
        return f"boligvurdering/sealed/v1/{category}/{kid}".encode()

    @staticmethod
    def _aad(category: str, kid: str, row: str) -> bytes:
        return f"{PREFIX}/{category}/{kid}/{row}".encode()


def public_of(private: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return _raw_public(X25519PrivateKey.from_private_bytes(private))
