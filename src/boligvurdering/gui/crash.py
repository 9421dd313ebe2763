"""The one crash path: log the traceback, show a Norwegian dialog with copyable details."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from boligvurdering.i18n import tr

log = logging.getLogger("boligvurdering.crash")


class CrashDialog(QDialog):
    """Plain words first, the technical details below for copying to support."""

    def __init__(self, details: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Uventet feil"))
        layout = QVBoxLayout(self)
        text = QLabel(tr("Noe gikk galt i programmet. Svarene som er vist som lagret, er tatt vare på.\n"
                         "Du kan fortsette, eller lukke og åpne programmet igjen. Kopier detaljene "
                         "under hvis du melder feilen."))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setMinimumSize(520, 200)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(tr("Kopier detaljer"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class CrashHandler(QObject):
    """Installed once; exceptions from any thread end up in ``report`` on the UI thread."""

    reported = Signal(str)

    def __init__(self, show_dialog: bool = True) -> None:
        super().__init__()
        self.show_dialog = show_dialog
        self.last_details = ""
        self._pending: list[str] = []
        self._dialog: CrashDialog | None = None

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = lambda args: self._excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error:\n%s", details)
        self._pending.append(details)
        QMetaObject.invokeMethod(self, "_show", Qt.ConnectionType.QueuedConnection)

    def report(self, exc: BaseException) -> None:
        """Report an exception caught elsewhere (e.g. from a worker)."""
        self._excepthook(type(exc), exc, exc.__traceback__)

    @Slot()
    def _show(self) -> None:
        while self._pending:
            details = self._pending.pop(0)
            self.last_details = details
            self.reported.emit(details)
            if self.show_dialog and self._dialog is None:
                self._dialog = CrashDialog(details, QApplication.activeWindow())
                self._dialog.finished.connect(self._closed)
                self._dialog.open()

    def _closed(self) -> None:
        self._dialog = None
