"""Photos on the server, addressed by the SHA-256 of their bytes; uploads resume by offset.

A chunk is stored in its own transaction, so a dropped connection loses at most the chunk in
flight; the client asks how much arrived and continues from there. When the last chunk is in,
the bytes are checked against the SHA-256 before the photo exists.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from sqlalchemy import delete, exists, func, select, text
from sqlalchemy.orm import Session

from boligvurdering.i18n import tr
from boligvurdering.server import errors
from boligvurdering.server.models import PhotoBlob, PhotoChunk, Visit

MAX_PHOTO = 64 * 1024 * 1024
_SHA = re.compile(r"^[0-9a-f]{64}$")


def check_sha(sha: str) -> str:
    if not _SHA.match(sha):
        raise errors.invalid(tr("Ugyldig bildenøkkel."))
    return sha


def received(s: Session, sha: str) -> tuple[bool, int]:
    """(complete, bytes received so far) for ``sha``."""
    size = s.scalar(select(PhotoBlob.size).where(PhotoBlob.sha256 == check_sha(sha)))
    if size is not None:
        return True, int(size)
    got = s.scalar(select(func.coalesce(func.sum(func.length(PhotoChunk.data)), 0)).where(PhotoChunk.sha256 == sha))
    return False, int(got or 0)


def put_chunk(s: Session, sha: str, offset: int, total: int, data: bytes) -> tuple[bool, int]:
    """Store ``data`` at ``offset`` of the ``total``-byte photo; idempotent for a repeated chunk."""
    if not 0 < total <= MAX_PHOTO:
        raise errors.invalid(tr("Bildet er for stort eller tomt."))
    s.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": check_sha(sha)})
    complete, got = received(s, sha)
    if complete or offset + len(data) <= got:
        return complete, got
    if offset != got or offset + len(data) > total:
        raise errors.Refused("offset", tr("Opplastingen må fortsette fra byte {n}.", n=got), 409)
    s.add(PhotoChunk(sha256=sha, offset=offset, data=data))
    got += len(data)
    if got < total:
        return False, got
    s.flush()
    parts = s.scalars(select(PhotoChunk.data).where(PhotoChunk.sha256 == sha).order_by(PhotoChunk.offset)).all()
    blob = b"".join(parts)
    s.execute(delete(PhotoChunk).where(PhotoChunk.sha256 == sha))
    if hashlib.sha256(blob).hexdigest() != sha:
        return False, 0  # damaged in transit: start again (the client says so if it repeats)
    s.add(PhotoBlob(sha256=sha, size=len(blob), data=blob))
    return True, len(blob)


def content(s: Session, sha: str) -> bytes:
    data = s.scalar(select(PhotoBlob.data).where(PhotoBlob.sha256 == check_sha(sha)))
    if data is None:
        raise errors.Refused("not_found", tr("Bildet finnes ikke på serveren."), 404)
    return data


def drop_unshared(s: Session, shas: Iterable[str]) -> None:
    """Delete the photos no visit document on the server names any more (call after the documents changed)."""
    for sha in shas:
        if not s.scalar(select(exists().where(Visit.doc_json.contains(sha)))):
            s.execute(delete(PhotoBlob).where(PhotoBlob.sha256 == sha))
            s.execute(delete(PhotoChunk).where(PhotoChunk.sha256 == sha))
