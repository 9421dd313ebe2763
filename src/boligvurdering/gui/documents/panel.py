"""``DocumentsPanel``: pick a document, see what is missing, edit the statement, render and preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.errors import UserError
from boligvurdering.fileio import write_durably
from boligvurdering.gui.documents.consent_box import ConsentBox, SentBox
from boligvurdering.gui.documents.worker import RenderWorker, page_images
from boligvurdering.gui.widgets import discard
from boligvurdering.i18n import tr, use_language
from boligvurdering.services.documents import DocumentService
from boligvurdering.services.views import detach_photos

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

STATEMENT_KINDS = ("tilskudd", "nav-rampe")


class DocumentsPanel(QWidget):
    """Documents of one visit. Rendering runs in a ``QThread``; the window never freezes."""

    document_ready = Signal(bytes)  # the rendered PDF is previewed (UI thread)
    document_failed = Signal(str)   # rendering failed; the message is shown

    def __init__(self, ctx: AppContext, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.visit_id = ctx, visit_id
        self.service = DocumentService(ctx)
        self.pdf: bytes | None = None
        self.worker: RenderWorker | None = None
        self._build()
        self.kind.currentIndexChanged.connect(self.refresh)
        self.refresh()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.kind = QComboBox()
        for kind_id, name in self.service.kinds().items():
            self.kind.addItem(name, kind_id)
        self.kind.setAccessibleName(tr("Dokument"))
        # long document names must not make the page wider than a small laptop screen
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(18)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.condition = QLineEdit(self.ctx.visits.get(self.visit_id).condition)
        self.condition.setPlaceholderText(tr("Diagnose eller tilstand, f.eks. hjerneslag med svekket venstre side"))
        self.condition.setAccessibleName(tr("Diagnose eller tilstand"))
        self.condition.editingFinished.connect(self._save_condition)
        self.statement_label = QLabel(tr("Uttalelse fra ergoterapeut (kan endres før utskrift):"))
        self.statement = QPlainTextEdit()
        self.statement.setMinimumHeight(160)
        self.save_statement = QPushButton(tr("Lagre uttalelsen"))
        self.save_statement.clicked.connect(self._save_statement)
        self.render_button = QPushButton(tr("Lag dokument"))
        self.render_button.clicked.connect(self.start_render)
        self.open_button = QPushButton(tr("Åpne i PDF-leser"))
        self.open_button.clicked.connect(self.open_external)
        self.save_button = QPushButton(tr("Lagre som …"))
        self.save_button.clicked.connect(self.save_as)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel()
        self.consent = ConsentBox(self.ctx, self.visit_id)
        self.consent.changed.connect(self.refresh)
        self.sent = SentBox(self.ctx, self.visit_id, self.current_kind)
        self.pages = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.pages)
        self.preview = QScrollArea()
        self.preview.setWidgetResizable(True)
        self.preview.setWidget(holder)
        top = QHBoxLayout()
        for w in (QLabel(tr("Dokument:")), self.kind, self.render_button, self.open_button, self.save_button):
            top.addWidget(w)
        top.addStretch(1)
        # Three tabs keep the page within a small laptop screen (1093×614 logical pixels).
        self.tabs = QTabWidget()
        self.tabs.addTab(_column(self.missing, self.progress, self.status, self.preview), tr("Dokument"))
        self.tabs.addTab(_column(self.condition, self.statement_label, self.statement, self.save_statement),
                         tr("Uttalelse"))
        self.tabs.addTab(_column(self.consent, self.sent, stretch=True), tr("Samtykke og sending"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    # -- state -------------------------------------------------------------------------------
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def refresh(self) -> None:
        """Show what is missing for the chosen document and the statement where it belongs."""
        kind = self.current_kind()
        try:
            problems = self.service.missing(self.visit_id, kind)
        except UserError as exc:
            problems = [str(exc)]
        if problems:
            items = "".join(f"<li>{p}</li>" for p in problems)
            self.missing.setText(f"<b>{tr('Dette mangler før dokumentet kan lages:')}</b><ul>{items}</ul>")
        else:
            self.missing.setText(tr("Alt som trengs er registrert."))
        self.render_button.setEnabled(not problems)
        self.sent.setVisible(kind != "archive")
        self.sent.button.setEnabled(not problems)
        wants_statement = kind in STATEMENT_KINDS
        for w in (self.condition, self.statement_label, self.statement, self.save_statement):
            w.setVisible(wants_statement)
        if wants_statement and not self.statement.toPlainText().strip():
            self.statement.setPlainText(self.service.statement(self.visit_id))
        self._set_result(None)

    def _set_result(self, pdf: bytes | None) -> None:
        self.pdf = pdf
        self.open_button.setEnabled(pdf is not None)
        self.save_button.setEnabled(pdf is not None)

    def _save_condition(self) -> None:
        """Store the diagnosis or condition (the statement draft and the applications use it)."""
        text = self.condition.text().strip()
        if text == self.ctx.visits.get(self.visit_id).condition:
            return
        try:
            self.ctx.visits.update(self.visit_id, {"condition": text})
        except UserError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(tr("Diagnose eller tilstand er lagret."))
        self.refresh()

    def _save_statement(self) -> None:
        stored = self.service.save_statement(self.visit_id, self.statement.toPlainText())
        self.status.setText(tr("Uttalelsen er lagret.") if stored else tr("Uttalelsen brukes i dette dokumentet."))

    # -- rendering ---------------------------------------------------------------------------
    def start_render(self) -> None:
        kind = self.current_kind()
        statement = self.statement.toPlainText() if kind in STATEMENT_KINDS else None
        try:
            language = self.service.language(self.visit_id)  # the letter's målform, whatever the UI speaks
            with use_language(language):
                data = self.service.gather(self.visit_id, kind, statement)
            data = detach_photos(data)  # photo bytes read here: the worker never touches the database
        except UserError as exc:
            self.status.setText(str(exc))
            return
        self.render_button.setEnabled(False)
        self.progress.setValue(5)
        self.worker = RenderWorker(data, language, self)
        self.worker.progress.connect(lambda value, text: (self.progress.setValue(value), self.status.setText(text)))
        self.worker.rendered.connect(self._show)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(lambda: self.render_button.setEnabled(True))
        self.worker.start()

    def _show(self, pdf: bytes) -> None:
        while self.pages.count():
            item = self.pages.takeAt(0)
            if item.widget():
                discard(item.widget())
        for image in page_images(pdf):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            self.pages.addWidget(label)
        self.progress.setValue(100)
        self.status.setText(tr("Dokumentet er klart: {n} sider.", n=self.pages.count()))
        self._set_result(pdf)
        self.document_ready.emit(pdf)

    def _failed(self, message: str) -> None:
        self.progress.setValue(0)
        self.status.setText(message)
        self.document_failed.emit(message)

    def wait_for_render(self, ms: int = 30000) -> bool:
        """For tests and closing: wait until a running render has finished."""
        return self.worker.wait(ms) if self.worker is not None else True

    # -- output ------------------------------------------------------------------------------
    def open_external(self) -> None:
        if self.pdf is None:
            return
        # an outside viewer needs a file: private folder, emptied at the next sign-in (security/leftovers.py)
        path = self.ctx.paths.previews / f"{self.current_kind()}-visning.pdf"
        path.parent.mkdir(mode=0o700, exist_ok=True)
        write_durably(path, self.pdf)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def save_as(self, target: str | None = None) -> Path | None:
        """Ask where to save (or use ``target``) and write the PDF there."""
        if self.pdf is None:
            return None
        if not target:
            name = f"{self.kind.currentText()}.pdf"
            target, _ = QFileDialog.getSaveFileName(self, tr("Lagre dokument"), name, tr("PDF-filer (*.pdf)"))
        if not target:
            return None
        path = Path(target)
        try:
            path.write_bytes(self.pdf)
        except OSError as exc:
            self.status.setText(tr("Kunne ikke lagre: {e}", e=exc.strerror or exc))
            return None
        self.status.setText(tr("Lagret i {path}", path=path))
        return path


def _column(*widgets: QWidget, stretch: bool = False) -> QScrollArea:
    """Widgets stacked in a scrollable column (the last one takes the free height unless ``stretch``)."""
    inner = QWidget()
    layout = QVBoxLayout(inner)
    for w in widgets:
        layout.addWidget(w)
    if stretch:
        layout.addStretch(1)
    else:
        layout.setStretchFactor(widgets[-1], 1)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(inner)
    return area

