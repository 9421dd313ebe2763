"""Photos of a visit: processed (upright, no metadata, downscaled) and stored with thumbnails."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from boligvurdering.domain.errors import InvalidValue, NotFound
from boligvurdering.domain.photo_files import is_bound
from boligvurdering.domain.records import PhotoRecord
from boligvurdering.i18n import tr
from boligvurdering.photos import process_photo
from boligvurdering.services import audit
from boligvurdering.services.access import guard, require
from boligvurdering.services.files import FileStore
from boligvurdering.store import extras as repo
from boligvurdering.store import visits as visit_repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

MAX_CAPTION = 500
VARIANTS = ("thumb", "print")


def _variant(file_name: str, variant: str) -> str:
    """``<id>.jpg`` → ``<id>.thumb.jpg`` / ``<id>.print.jpg``."""
    return file_name.removesuffix(".jpg") + f".{variant}.jpg"


def _require_bound(record: PhotoRecord) -> None:
    """A row may only use its own file (domain/photo_files.py); never another visit's photo."""
    if not is_bound(record.id, record.file_name):
        raise InvalidValue(tr("Bildefilen hører ikke til dette bildet, og vises ikke."))


def stored_files(file_name: str) -> tuple[str, ...]:
    """Every file kept for one photo: the image, its thumbnail and its print copy."""
    return (file_name, *(_variant(file_name, v) for v in VARIANTS))


class PhotoService:
    """Import, list, caption and delete photos. ``import_photo`` is slow: call it off the UI thread."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @property
    def files(self) -> FileStore:
        return self.ctx.files

    def import_photo(self, visit_id: str, source: Path | bytes, *, room_id: str | None = None,
                     question_id: str | None = None, measure_id: str | None = None,
                     caption: str = "") -> PhotoRecord:
        """Process and store a photo; raises ``InvalidValue`` for corrupt, non-image or huge files."""
        caption = self._caption(caption)
        require(self.ctx, "photo.write")
        with self.ctx.db.transaction() as s:
            if not visit_repo.visit_exists(s, visit_id=visit_id):
                raise NotFound(tr("Fant ikke besøket."))
        photo = process_photo(source)
        record_id = visit_repo.new_id()
        name = f"{record_id}.jpg"
        self.files.write(name, photo.image_bytes)
        self.files.write(_variant(name, "thumb"), photo.thumb_bytes)
        self.files.write(_variant(name, "print"), photo.print_bytes)
        try:
            with self.ctx.db.transaction() as s:
                audit.record(self.ctx, s, "photo.add", visit_id=visit_id, record_type="photo", record_id=record_id)
                return repo.add_photo(
                    s, visit_id=visit_id, id=record_id, room_id=room_id, question_id=question_id,
                    measure_id=measure_id, caption=caption, file_name=name,
                    original_name=(photo.original_name or "")[:200], sha256=photo.sha256,
                    width=photo.width, height=photo.height, size_bytes=len(photo.image_bytes),
                    taken_at=photo.taken_at,
                )
        except Exception:
            for file_name in stored_files(name):
                self.files.delete(file_name)
            raise

    @staticmethod
    def _caption(caption: str) -> str:
        if not isinstance(caption, str) or len(caption) > MAX_CAPTION or "\x00" in caption:
            raise InvalidValue(tr("Bildeteksten må være tekst (høyst {n} tegn).", n=MAX_CAPTION))
        return caption

    def list(self, visit_id: str) -> list[PhotoRecord]:
        require(self.ctx, "photo.read")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "photo.list", visit_id=visit_id)
            return repo.photos_of(s, visit_id=visit_id)

    def _record(self, photo_id: str) -> PhotoRecord:
        require(self.ctx, "photo.read")
        with self.ctx.db.transaction() as s:
            record = repo.get_photo(s, photo_id=photo_id)
        if record is None:
            raise NotFound(tr("Fant ikke bildet."))
        return record

    def image_bytes(self, photo_id: str) -> bytes:
        """The stored JPEG; raises ``NotFound`` if the file is missing (e.g. imported metadata only)."""
        record = self._record(photo_id)
        audit.log_separately(self.ctx, "photo.view", visit_id=record.visit_id, record_type="photo", record_id=photo_id)
        _require_bound(record)
        if not self.files.exists(record.file_name):
            raise NotFound(tr("Bildefilen finnes ikke på denne maskinen."))
        data = self.files.read(record.file_name)
        if hashlib.sha256(data).hexdigest() != record.sha256:
            raise InvalidValue(tr("Bildefilen stemmer ikke med bildet som er registrert, og vises ikke."))
        return data

    def thumbnail_bytes(self, photo_id: str) -> bytes:
        return self._variant_bytes(photo_id, "thumb")

    def print_bytes(self, photo_id: str) -> bytes:
        """The copy sized for documents (≤ 1024 px): embedding it needs no decoding."""
        return self._variant_bytes(photo_id, "print")

    def print_bytes_of(self, record: PhotoRecord) -> bytes:
        """``print_bytes`` for a record already read with ``list`` (documents: no query per photo)."""
        require(self.ctx, "photo.read")
        return self._variant_of(record, "print")

    def _variant_bytes(self, photo_id: str, variant: str) -> bytes:
        return self._variant_of(self._record(photo_id), variant)

    def _variant_of(self, record: PhotoRecord, variant: str) -> bytes:
        _require_bound(record)
        name = _variant(record.file_name, variant)
        return self.files.read(name) if self.files.exists(name) else self.image_bytes(record.id)

    @guard("photo.write")
    def set_caption(self, photo_id: str, caption: str) -> None:
        caption = self._caption(caption)
        require(self.ctx, "photo.write")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "photo.caption", record_type="photo", record_id=photo_id)
            repo.update_photo(s, photo_id=photo_id, caption=caption)

    def delete(self, photo_id: str) -> None:
        record = self._record(photo_id)
        require(self.ctx, "photo.write")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "photo.delete", visit_id=record.visit_id, record_type="photo", record_id=photo_id)
            repo.delete_photo(s, photo_id=photo_id)
        for file_name in stored_files(record.file_name):
            self.files.delete(file_name)
