"""«Økonomi og finansiering»: household economy, ramp and financing plan in one scrolling column."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from boligvurdering.gui.workspace.household import HouseholdEditor
from boligvurdering.gui.workspace.plan_view import PlanView

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class FinancePanel(QScrollArea):
    """The boligkonsulent's part of «Tiltak og plan». The page recomputes the plan after a save."""

    def __init__(self, ctx: AppContext, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.household = HouseholdEditor(ctx, visit_id)
        self.view = PlanView()
        layout.addWidget(self.household)
        layout.addWidget(_rule())
        layout.addWidget(self.view)
        layout.addStretch(1)
        self.setWidget(body)

    def scroll_to(self, section: str) -> None:
        """Bring a plan section («ramp», «channels» …) or «household» into view."""
        target = self.household if section == "household" else self.view.headings.get(section) or self.view.labels[section]
        self.verticalScrollBar().setValue(target.mapTo(self.widget(), target.rect().topLeft()).y())
