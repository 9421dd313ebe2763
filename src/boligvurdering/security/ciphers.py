"""AES-256-GCM for files: photos, thumbnails, backups (master-derived key) and exports (password).

File layout: ``MAGIC (4) | nonce (12) | ciphertext+tag``. Password files add the argon2id salt
and parameters after the magic. The caller's ``associated`` data (e.g. the file name) is
authenticated, so an encrypted photo cannot be swapped for another one unnoticed.
"""

from __future__ import annotations

import json
import os
import struct

from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import tr
from boligvurdering.security.passwords import DEFAULT_PARAMS, KdfParams, derive_key, new_salt

FILE_MAGIC = b"BVE1"
PASSWORD_MAGIC = b"BVP1"
NONCE = 12


class DecryptionFailed(UserError):
    """Wrong key or password, or the file was changed or damaged."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or tr("Kan ikke dekryptere filen: feil nøkkel eller passord, eller filen er skadet."))


def hkdf(master: bytes, info: bytes, length: int = 32) -> bytes:
    """Derive a sub-key from the master key (HKDF-SHA256)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(master)


def file_key(master: bytes) -> bytes:
    """The key for photos, thumbnails and backups."""
    return hkdf(master, b"boligvurdering/files/v1")


def is_encrypted(data: bytes) -> bool:
    return data[:4] in (FILE_MAGIC, PASSWORD_MAGIC)


class FileCipher:
    """Fits ``services.files.FileStore``'s cipher hook: ``encrypt(data, associated)``."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(key) != 32:
            raise ValueError("FileCipher needs a 32-byte key")
        self._aead = AESGCM(key)

    def encrypt(self, data: bytes, associated: bytes = b"") -> bytes:
        nonce = os.urandom(NONCE)
        return FILE_MAGIC + nonce + self._aead.encrypt(nonce, data, FILE_MAGIC + associated)

    def decrypt(self, data: bytes, associated: bytes = b"") -> bytes:
        from cryptography.exceptions import InvalidTag

        if data[:4] != FILE_MAGIC or len(data) < 4 + NONCE + 16:
            raise DecryptionFailed()
        try:
            return self._aead.decrypt(data[4:4 + NONCE], data[4 + NONCE:], FILE_MAGIC + associated)
        except InvalidTag:
            raise DecryptionFailed() from None


def encrypt_with_password(data: bytes, password: str, params: KdfParams = DEFAULT_PARAMS) -> bytes:
    """Encrypt for another person (exports): argon2id from the password, then AES-256-GCM."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = new_salt()
    header = json.dumps({"salt": salt.hex(), **params.to_json()}, sort_keys=True).encode()
    prefix = PASSWORD_MAGIC + struct.pack(">H", len(header)) + header
    nonce = os.urandom(NONCE)
    key = derive_key(password, salt, params)
    return prefix + nonce + AESGCM(key).encrypt(nonce, data, prefix)


def decrypt_with_password(blob: bytes, password: str) -> bytes:
    """Reverse of :func:`encrypt_with_password`; raises ``DecryptionFailed``."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        if blob[:4] != PASSWORD_MAGIC:
            raise ValueError
        (n,) = struct.unpack(">H", blob[4:6])
        header = json.loads(blob[6:6 + n])
        prefix = blob[:6 + n]
        nonce, body = blob[6 + n:6 + n + NONCE], blob[6 + n + NONCE:]
        params = KdfParams.from_json(header)
        if params.memory_kib > 1024 * 1024 or params.time_cost > 20:
            raise ValueError  # refuse parameters that would hang the machine
        key = derive_key(password, bytes.fromhex(header["salt"]), params)
        return AESGCM(key).decrypt(nonce, body, prefix)
    except (InvalidTag, ValueError, KeyError, TypeError, struct.error):
        raise DecryptionFailed(tr("Kan ikke åpne den krypterte filen: feil passord, eller filen er skadet.")) from None
