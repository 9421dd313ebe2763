"""The «Besøk» tab: the list of visits, and the workspace of the open visit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from boligvurdering.gui.clients.register import _table
from boligvurdering.gui.models import visit_model
from boligvurdering.gui.widgets import discard, heading
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


class VisitList(QWidget):
    open_visit = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Alle besøk"), 14))
        self.model = visit_model(self)
        self.table = _table(self.model)
        self.table.setAccessibleName(tr("Alle besøk"))
        layout.addWidget(self.table, 1)
        self.empty = QLabel(tr("Ingen besøk ennå — opprett et nytt besøk fra et brukerkort under «Brukere»."))
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.table.activated.connect(self._open)
        self.table.doubleClicked.connect(self._open)

    def set_rows(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_visit.emit(self.model.record(index.row()).id)


class VisitsPage(QStackedWidget):
    visits_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, saved: Any = None, runner: Any = None,
                 clock: Any = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.clock = ctx, runner, clock
        self.on_saved = saved
        self.list = VisitList()
        self.addWidget(self.list)
        self.workspace: Any = None
        self.list.open_visit.connect(self.open_visit)
        self.refresh()

    def refresh(self) -> None:
        self.list.set_rows(self.ctx.visits.list())

    def open_visit(self, visit_id: str, section: str | None = None) -> Any:
        """Open (or switch to) the workspace of a visit. Raises ``UserError`` if it is gone."""
        from boligvurdering.gui.workspace.workspace import VisitWorkspace

        if self.workspace is not None and self.workspace.visit_id == visit_id:
            self.setCurrentWidget(self.workspace)
            return self.workspace
        workspace = VisitWorkspace(self.ctx, visit_id, self.runner, clock=self.clock)
        self.close_visit()
        self.workspace = workspace
        self.addWidget(workspace)
        workspace.back.connect(self.show_list)
        if self.on_saved is not None:
            workspace.saved.connect(self.on_saved)
        workspace.saved.connect(self.visits_changed)
        workspace.start(section)
        self.setCurrentWidget(workspace)
        return workspace

    def show_list(self) -> None:
        self.refresh()
        self.setCurrentWidget(self.list)

    def close_visit(self) -> None:
        if self.workspace is not None:
            self.removeWidget(self.workspace)
            discard(self.workspace)
            self.workspace = None

    def remember(self, state: Any) -> None:
        if self.workspace is not None:
            state.last_visit_id = self.workspace.visit_id
            state.last_section = self.workspace.current_key()
