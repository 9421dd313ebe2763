"""Photos of a visit or a room: import by file dialog or drag-and-drop (processed in a
worker), a grid of thumbnails with captions, refusals shown inline in Norwegian."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.errors import UserError
from boligvurdering.gui.widgets import FlowLayout, InlineError, discard
from boligvurdering.i18n import tr
from boligvurdering.services.views import ACCEPTED_EXTENSIONS

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)
THUMB = 200


def release_memory() -> None:
    """Give freed image buffers back to the system (glibc keeps them per worker arena)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc (Windows, macOS): nothing to do


def photo_filter() -> str:
    """The file dialog's filter: only the formats the app reads (upper case too, as phones name them)."""
    patterns = " ".join(f"*.{e} *.{e.upper()}" for e in ACCEPTED_EXTENSIONS)
    return tr("Bilder (JPEG, PNG, HEIC, WebP) ({patterns})", patterns=patterns)


def confirm_photo_delete(parent: QWidget) -> bool:
    """The one confirmation: a deleted photo is gone (file and record)."""
    answer = QMessageBox.question(parent, tr("Slette bildet?"), tr("Bildet slettes for godt. Vil du slette det?"))
    return answer == QMessageBox.StandardButton.Yes


class PhotoViewer(QDialog):
    """The photo enlarged to fit the screen (from the stored, resized image)."""

    def __init__(self, data: bytes, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(caption or tr("Bilde"))
        layout = QVBoxLayout(self)
        self.image = QLabel()
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        if pixmap.width() > 1024 or pixmap.height() > 768:  # fit the screen; never blow up a small photo
            pixmap = pixmap.scaled(1024, 768, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pixmap)
        layout.addWidget(self.image)
        close = QPushButton(tr("Lukk"))
        close.clicked.connect(self.accept)
        layout.addWidget(close)


class PhotoTile(QWidget):
    """A thumbnail with an editable caption (saved when leaving the field), «Forstørr» and «Slett»."""

    deleted = Signal(str)  # photo id

    def __init__(self, ctx: AppContext, record: Any, pixmap: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.record = ctx, record
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.image = QLabel()
        self.image.setFixedSize(THUMB, THUMB)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setStyleSheet("background: #eeeeee;")
        self.image.setPixmap(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
        layout.addWidget(self.image)
        self.caption = QLineEdit(record.caption)
        self.caption.setCursorPosition(0)
        self.caption.setToolTip(record.caption)
        self.caption.setPlaceholderText(tr("Bildetekst"))
        self.caption.setFixedWidth(THUMB)
        layout.addWidget(self.caption)
        self.caption.editingFinished.connect(self._save_caption)
        buttons = QHBoxLayout()
        self.enlarge_button, self.delete_button = QPushButton(tr("Forstørr")), QPushButton(tr("Slett"))
        for button in (self.enlarge_button, self.delete_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.enlarge_button.clicked.connect(self.enlarge)
        self.delete_button.clicked.connect(self.delete)
        self.confirm = confirm_photo_delete  # tests replace it
        self.viewer: PhotoViewer | None = None

    def enlarge(self) -> None:
        try:
            data = self.ctx.photos.image_bytes(self.record.id)
        except UserError as exc:
            self.caption.setToolTip(str(exc))
            return
        self.viewer = PhotoViewer(data, self.caption.text(), self)
        self.viewer.show()

    def delete(self) -> None:
        if not self.confirm(self):
            return
        try:
            self.ctx.photos.delete(self.record.id)
        except UserError as exc:
            self.caption.setToolTip(str(exc))
            return
        self.deleted.emit(self.record.id)

    def _save_caption(self) -> None:
        try:
            self.ctx.photos.set_caption(self.record.id, self.caption.text())
        except UserError as exc:
            self.caption.setToolTip(str(exc))


def _import_many(ctx: AppContext, visit_id: str, files: list[Path], room_id: str | None,
                 question_id: str | None) -> list[tuple[Path, Any]]:
    """Worker: import each file; a refusal is returned (not raised) so the rest go on."""
    results: list[tuple[Path, Any]] = []
    for path in files:
        try:
            results.append((path, ctx.photos.import_photo(visit_id, path, room_id=room_id,
                                                          question_id=question_id)))
        except UserError as exc:
            results.append((path, exc))
    return results


class PhotoGrid(QWidget):
    """Photos filtered to a room (or all photos of the visit); accepts dropped files."""

    imported = Signal(int)   # number of photos stored
    refused = Signal(str)    # the Norwegian message(s)

    def __init__(self, ctx: AppContext, visit_id: str, runner: Any, room_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.visit_id, self.runner, self.room_id = ctx, visit_id, runner, room_id
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.add_button = QPushButton(tr("Legg til bilder …"))
        self.add_button.setMinimumHeight(34)
        top.addWidget(self.add_button)
        hint = QLabel(tr("eller dra bildefiler hit"))
        hint.setStyleSheet("color: #555555;")
        top.addWidget(hint)
        top.addStretch(1)
        layout.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setFormat(tr("Behandler bilder …"))
        self.progress.setTextVisible(True)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.error = InlineError()
        layout.addWidget(self.error)
        self.empty = QLabel(tr("Ingen bilder ennå."))
        layout.addWidget(self.empty)
        self.grid = FlowLayout()  # as many thumbnails per line as the page is wide
        layout.addLayout(self.grid)
        self.tiles: list[PhotoTile] = []
        self.add_button.clicked.connect(self.choose_files)
        self.refresh()

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, tr("Velg bilder"), str(Path.home()), photo_filter())
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, files: list[Path], question_id: str | None = None) -> None:
        """Import in the background; the grid updates when the worker is done."""
        self.progress.show()
        self.add_button.setEnabled(False)
        self.error.show_message("")
        self.runner.run(_import_many, self.ctx, self.visit_id, files, self.room_id, question_id,
                        on_done=self._imported, on_error=self._failed)

    def _imported(self, results: list[tuple[Path, Any]]) -> None:
        release_memory()  # decoding 12 MP photos leaves large freed buffers behind
        self.progress.hide()
        self.add_button.setEnabled(True)
        problems = [f"{path.name}: {result}" for path, result in results if isinstance(result, Exception)]
        stored = len(results) - len(problems)
        self.error.show_message(" ".join(problems))
        self.refresh()
        if stored:
            self.imported.emit(stored)
        if problems:
            self.refused.emit(" ".join(problems))

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.add_button.setEnabled(True)
        self.error.show_message(str(exc))
        self.refused.emit(str(exc))

    def refresh(self) -> None:
        records = [p for p in self.ctx.photos.list(self.visit_id)
                   if self.room_id is None or p.room_id == self.room_id]
        shown = [(p.id, p.caption) for p in records]
        if shown == getattr(self, "_shown", None):
            return  # nothing changed: keep the thumbnails (switching pages stays fast)
        self._shown = shown
        for tile in self.tiles:
            discard(tile)
        self.tiles = []
        for record in records:
            pixmap = QPixmap()
            try:
                data = self.ctx.photos.thumbnail_bytes(record.id)
                # thumbnails are JPEG; without the hint Qt's TGA reader can claim them and fail
                if not pixmap.loadFromData(data, "JPG"):
                    pixmap.loadFromData(data)
            except UserError:
                log.info("thumbnail missing for %s", record.id)
            tile = PhotoTile(self.ctx, record, pixmap)
            tile.deleted.connect(lambda _id: self.refresh())
            self.grid.addWidget(tile)
            self.tiles.append(tile)
        self.empty.setVisible(not records)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.import_files(files)
