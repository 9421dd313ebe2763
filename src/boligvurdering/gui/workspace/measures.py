"""«Tiltak og plan»: measures table with accept/reject inline, proposals, costs, financing gap."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from boligvurdering.gui.widgets import heading
from boligvurdering.i18n import tr


class MeasuresPage(QWidget):
    saved = Signal()

    def __init__(self, ctx: Any, visit_id: str, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Tiltak og plan"), 15))
        layout.addWidget(QLabel(tr("Kommer.")))
