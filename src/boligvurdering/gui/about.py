"""«Hjelp → Om Boligvurdering»: version, data folder, licence and third-party notices."""

from __future__ import annotations

import platform
from typing import Any

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from boligvurdering import __version__
from boligvurdering.gui.widgets import heading
from boligvurdering.i18n import tr


class AboutDialog(QDialog):
    def __init__(self, paths: Any, parent: QWidget | None = None) -> None:
        from boligvurdering.resources import third_party_notices

        super().__init__(parent)
        self.setWindowTitle(tr("Om Boligvurdering"))
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Boligvurdering {version}", version=__version__), 14))
        self.facts = QLabel(tr(
            "Forebyggende hjemmebesøk og boligtilpasning.\n"
            "Datamappe: {folder}\n"
            "Python {python}, Qt {qt}\n"
            "Proprietær programvare, alle rettigheter forbeholdt (se LICENSE i programmappen).",
            folder=paths.root, python=platform.python_version(), qt=qVersion()))
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts.setWordWrap(True)
        layout.addWidget(self.facts)
        layout.addWidget(QLabel(tr("Tredjepartskomponenter og lisensene deres:")))
        self.notices = QPlainTextEdit(third_party_notices())
        self.notices.setReadOnly(True)
        self.notices.setFont(QFont("DejaVu Sans Mono", 9))
        layout.addWidget(self.notices, 1)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Lukk"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
