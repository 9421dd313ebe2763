"""Files kept beside the database (photos, thumbnails): atomic, durable writes.

``FileStore`` is the only place that writes those bytes, so encryption at rest can wrap it
(``cipher`` encrypts on write and decrypts on read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.fileio import write_durably
from boligvurdering.i18n import tr


class Cipher(Protocol):
    def encrypt(self, data: bytes, associated: bytes) -> bytes: ...
    def decrypt(self, data: bytes, associated: bytes) -> bytes: ...


class FileStore:
    """Stores blobs under a root folder; names are plain file names, never paths."""

    def __init__(self, root: Path, cipher: Cipher | None = None) -> None:
        self.root = root
        self.cipher = cipher

    def _path(self, name: str) -> Path:
        if not name or "/" in name or "\\" in name or name.startswith("."):
            raise InvalidValue(tr("Ugyldig filnavn."))
        return self.root / name

    def write(self, name: str, data: bytes) -> None:
        """Write atomically (temp file, fsync, rename) so a crash never leaves half a file."""
        path = self._path(name)
        payload = self.cipher.encrypt(data, name.encode()) if self.cipher else data
        self.root.mkdir(parents=True, exist_ok=True)
        write_durably(path, payload)

    def read(self, name: str) -> bytes:
        data = self._path(name).read_bytes()
        return self.cipher.decrypt(data, name.encode()) if self.cipher else data

    def exists(self, name: str) -> bool:
        return self._path(name).exists()

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)
