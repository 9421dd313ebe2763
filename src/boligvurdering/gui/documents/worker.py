"""Rendering a document in a QThread; page images for the preview via QtPdf."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QThread, Signal
from PySide6.QtGui import QColor, QImage, QPainter

from boligvurdering.i18n import tr
from boligvurdering.services.views import render_gathered

if TYPE_CHECKING:
    from boligvurdering.services.documents import DocumentData

log = logging.getLogger(__name__)


class RenderWorker(QThread):
    """Renders ``data`` to PDF bytes off the UI thread (no widgets touched here)."""

    progress = Signal(int, str)
    rendered = Signal(bytes)
    failed = Signal(str)

    def __init__(self, data: DocumentData, language: str, parent: object = None) -> None:
        super().__init__(parent)
        self.data, self.language = data, language

    def run(self) -> None:
        try:
            self.progress.emit(20, tr("Lager dokumentet …"))
            pdf = render_gathered(self.data, self.language)
            self.progress.emit(90, tr("Lager forhåndsvisning …"))
            self.rendered.emit(pdf)
        except Exception as exc:
            log.exception("document rendering failed")
            self.failed.emit(tr("Dokumentet kunne ikke lages: {e}", e=exc))


def page_images(pdf: bytes, width_px: int = 700) -> list[QImage]:
    """Every page as an image on white (QPdfDocument renders transparent ARGB); read from memory, no file."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)
    images = []
    for i in range(doc.pageCount()):
        size = doc.pagePointSize(i)
        scale = width_px / max(size.width(), 1)
        target = QSize(width_px, int(size.height() * scale))
        page = doc.render(i, target)
        white = QImage(target, QImage.Format.Format_RGB32)
        white.fill(QColor("white"))
        painter = QPainter(white)
        painter.drawImage(0, 0, page)
        painter.end()
        images.append(white)
    doc.close()
    return images
