"""The visit workspace: navigation (left), questions (middle), risk panel (right)."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.formatting import format_date
from boligvurdering.gui.backlog_slot import documents_panel
from boligvurdering.gui.widgets import discard, heading
from boligvurdering.gui.workspace.controller import VisitController
from boligvurdering.gui.workspace.navigation import ROOMS, VisitNavigation
from boligvurdering.gui.workspace.risk_panel import RiskPanel
from boligvurdering.gui.workspace.rooms import RoomPage, RoomsPage
from boligvurdering.gui.workspace.section_page import SectionPage
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)
OFFICE_PAGES = ("measures", "documents", "signoff")


class VisitWorkspace(QWidget):
    """Builds pages lazily (switching stays fast) and keeps them for the session."""

    saved = Signal()
    back = Signal()

    def __init__(self, ctx: AppContext, visit_id: str, runner: Any, parent: QWidget | None = None,
                 clock: Any = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.clock = ctx, runner, clock
        self.controller = VisitController(ctx, visit_id, self)
        self.pages: dict[str, QWidget] = {}
        self.shown_key = ""
        self.switch_ms = 0.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._header())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.nav = VisitNavigation(self.controller)
        self.stack = QStackedWidget()
        self.risk = RiskPanel()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.risk)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 700, 290])  # scaled to the window; the questions get the most
        layout.addWidget(self.splitter, 1)
        self.controller.scored.connect(self.risk.show_score)
        self.controller.rooms_changed.connect(self._rooms_changed)
        self.controller.answer_saved.connect(lambda *_a: self._after_save())
        self.nav.selected.connect(self.show_page)
        self.risk.show_score(self.controller.score)
        for keys, step in (("Alt+Down", 1), ("Alt+Up", -1)):
            shortcut = QShortcut(QKeySequence(keys), self, lambda s=step: self.focus_step(s))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for keys, action in (("Ctrl+PgDown", self.next_part), ("Ctrl+PgUp", self.previous_part)):
            shortcut = QShortcut(QKeySequence(keys), self, action)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _header(self) -> QHBoxLayout:
        visit = self.controller.visit
        client = self.ctx.clients.get(visit.client_id)
        row = QHBoxLayout()
        self.back_button = QPushButton(tr("← Alle besøk"))
        self.back_button.clicked.connect(self.back)
        row.addWidget(self.back_button)
        self.title = heading(client.full_name, 13)
        row.addWidget(self.title)
        contact = visit.contact
        facts = [format_date(visit.visit_date) or tr("dato ikke satt")]
        if contact:
            facts.append(tr("kontaktperson {name}", name=contact.name))
        info = QLabel(" · ".join(facts))
        row.addWidget(info, 1)
        self.risk_toggle = QPushButton(tr("Skjul risiko"))
        self.risk_toggle.setCheckable(True)
        self.risk_toggle.toggled.connect(self.set_risk_visible)
        row.addWidget(self.risk_toggle)
        return row

    @property
    def visit_id(self) -> str:
        return self.controller.visit_id

    def set_risk_visible(self, hidden: bool) -> None:
        office = self.shown_key in OFFICE_PAGES  # wide tables: the risk panel steps aside there
        self.risk.setVisible(not hidden and not office)
        self.risk_toggle.setText(tr("Vis risiko") if hidden else tr("Skjul risiko"))

    def start(self, key: str | None = None) -> None:
        if not (key and self.nav.select(key)):
            self.nav.select(f"section:{next(self.ctx.registry.visit_sections()).id}")

    # pages ----------------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        start = time.perf_counter()
        self.shown_key = key
        page = self.pages.get(key)
        if page is None:
            page = self._make_page(key)
            self.pages[key] = page
            self.stack.addWidget(page)
        if hasattr(page, "refresh"):
            page.refresh()
        for other in self.pages.values():  # only the page on screen decides the minimum width
            policy = QSizePolicy.Policy.Preferred if other is page else QSizePolicy.Policy.Ignored
            other.setSizePolicy(policy, policy)
        self.stack.setCurrentWidget(page)
        self.set_risk_visible(self.risk_toggle.isChecked())
        self.switch_ms = (time.perf_counter() - start) * 1000

    def _make_page(self, key: str) -> QWidget:
        kind, _, ident = key.partition(":")
        ctl = self.controller
        if kind == "section":
            section = next(s for s in ctl.registry.visit_sections() if s.id == ident)
            page: QWidget = SectionPage(ctl, section, tr(ctl.registry.form(section.form_id).title), self.clock)
            page.questions.saved.connect(self.saved)
            page.questions.next_part.connect(self.next_part)
        elif kind == ROOMS:
            page = RoomsPage(ctl)
            page.open_room.connect(lambda rid: self.nav.select(f"room:{rid}"))
        elif kind == "room":
            page = self._room_page(ident)
        elif kind == "photos":
            page = self._photos(None)
        elif kind == "measures":
            from boligvurdering.gui.workspace.measures import MeasuresPage

            page = MeasuresPage(self.ctx, self.visit_id, ctl, runner=self.runner)
            page.saved.connect(self.saved)
        elif kind == "documents":
            page = documents_panel(self.ctx, self.visit_id, self)
        else:
            from boligvurdering.gui.workspace.signoff import SignoffPage

            page = SignoffPage(ctl)
            page.saved.connect(self.saved)
        return page

    def _photos(self, room_id: str | None) -> QWidget:
        from boligvurdering.gui.workspace.photos import PhotoGrid

        grid = PhotoGrid(self.ctx, self.visit_id, self.runner, room_id)
        grid.imported.connect(lambda _n: self.saved.emit())
        if room_id is None:
            from boligvurdering.gui.workspace.section_page import scroll_page

            page = scroll_page(tr("Bilder"), grid, tr("Alle bilder fra besøket. Bilder fra ett rom legger du til på rommets side."))
            page.grid = grid  # type: ignore[attr-defined]
            page.refresh = grid.refresh  # type: ignore[attr-defined]
            return page
        return grid

    def _room_page(self, room_id: str) -> QWidget:
        room = next(r for r in self.controller.rooms if r.id == room_id)
        page = RoomPage(self.controller, room, self._photos(room_id), self.clock)
        page.saved.connect(self.saved)
        page.questions.next_part.connect(self.next_part)
        page.deleted.connect(lambda: self.nav.select(ROOMS))
        return page

    def page(self, key: str) -> QWidget | None:
        return self.pages.get(key)

    def focus_step(self, step: int) -> None:
        page = self.stack.currentWidget()
        questions = getattr(page, "questions", None)
        if questions is not None:
            questions.focus_step(step)

    def undo_last_answer(self) -> bool:
        """Rediger → «Angre siste svar»: restore the previous answer and show it on its page."""
        undone = self.controller.undo_last()
        if undone is None:
            return False
        for page in self.pages.values():
            if hasattr(page, "refresh") and hasattr(page, "questions"):
                page.refresh()
        self.nav.update_marks()
        self.saved.emit()
        return True

    def next_part(self, step: int = 1) -> None:
        """«Neste del» (Ctrl+PgDn; Ctrl+PgUp goes back): open that part, focus its first question."""
        key = self.nav.next_key(step)
        if key and self.nav.select(key):
            self.focus_step(0)

    def previous_part(self) -> None:
        self.next_part(-1)

    def _after_save(self) -> None:
        self.nav.update_marks()
        self.saved.emit()

    def _rooms_changed(self) -> None:
        for key in [k for k in self.pages if k.startswith("room:")]:
            if not any(r.id == key[5:] for r in self.controller.rooms):
                page = self.pages.pop(key)
                self.stack.removeWidget(page)
                discard(page)
        current = self.nav.current_key()
        self.nav.blockSignals(True)
        self.nav.rebuild_rooms()
        self.nav.blockSignals(False)
        if current and not self.nav.select(current):
            self.nav.select(ROOMS)
        self.saved.emit()

    def current_key(self) -> str | None:
        return self.nav.current_key()
