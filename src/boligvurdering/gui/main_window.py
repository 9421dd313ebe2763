"""The main window: tabs for clients, visits and the work list; status bar; start-up."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from boligvurdering.gui.state import WindowState
from boligvurdering.gui.widgets import MessagePage
from boligvurdering.gui.workers import TaskRunner
from boligvurdering.i18n import tr
from boligvurdering.paths import AppPaths

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)
TAB_CLIENTS, TAB_VISITS, TAB_BACKLOG = 0, 1, 2


def ask_demo_dialog(parent: QWidget) -> bool:
    """First start with an empty database: offer fictitious demo clients."""
    answer = QMessageBox.question(
        parent, tr("Demodata"),
        tr("Databasen er tom. Vil du lage noen fiktive demobrukere og besøk å øve på?\n"
           "Du kan slette dem senere."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class MainWindow(QMainWindow):
    """Wires the pages together; the work happens in the pages and their controllers."""

    ready = Signal()           # the data is open and the pages are built
    open_failed = Signal(str)  # the data could not be opened (message shown in the window)
    saved = Signal()           # an answer or change was committed

    def __init__(self, paths: AppPaths, *, crash: Any = None,
                 ask_demo: Callable[[QWidget], bool] | None = ask_demo_dialog) -> None:
        super().__init__()
        from boligvurdering.gui import ergonomics

        ergonomics.install()  # touch scrolling, 44 px targets, names for unlabelled fields
        self.paths, self.crash, self.ask_demo = paths, crash, ask_demo
        self.ctx: AppContext = None
        self.state = WindowState.load(paths.window_state)
        self.runner = TaskRunner(self, unexpected=crash.report if crash else None)
        self.setWindowTitle(tr("Boligvurdering"))
        self.resize(1366, 768)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.tabs.addTab(MessagePage(tr("Åpner databasen …")), tr("Brukere"))
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("savedLabel")
        self.statusBar().addPermanentWidget(self.saved_label)
        self.clients_page: Any = None
        self.visits_page: Any = None
        self.idle_lock: Any = None
        self.admin_actions: dict[str, Any] = {}
        self.menu_actions: dict[str, Any] = {}
        self.admin_dialogs: dict[str, Any] = {}
        self._backlog_wired = False
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        self._restore_geometry()

    # start-up -------------------------------------------------------------------------------
    def start(self, ctx: AppContext) -> None:
        """Warm up the signed-in user's data in the background; the window is already on screen."""
        from boligvurdering.gui.startup import prepare

        self.runner.run(prepare, ctx, on_done=self._opened, on_error=self._failed)

    def lock_when_idle(self, minutes: float) -> None:
        """Lock the screen after ``minutes`` without input; Ctrl+L locks at once."""
        from boligvurdering.gui.idle_lock import IdleLock

        self.idle_lock = IdleLock(self, self.ctx, minutes=minutes)  # Fil → Lås skjermen (Ctrl+L)

    def lock_screen(self) -> None:
        """Fil → «Lås skjermen» (Ctrl+L): at once, when a signed-in user can unlock it again."""
        if self.idle_lock is None:
            self.statusBar().showMessage(tr("Skjermlås krever pålogging med passord."), 8000)
            return
        self.idle_lock.lock_now()

    def _opened(self, ctx: AppContext) -> None:
        self.ctx = ctx
        if ctx.clients.search("", limit=1) or self.ask_demo is None or not self.ask_demo(self):
            self._populate()
            return
        from boligvurdering.services.demo import create_demo

        self.tabs.setTabText(0, tr("Brukere"))
        self.runner.run(create_demo, ctx, on_done=lambda _ids: self._populate(), on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        message = str(exc)
        self.tabs.clear()
        self.tabs.addTab(MessagePage(tr("Programmet kan ikke åpne dataene"), message), tr("Brukere"))
        self.open_failed.emit(message)

    def _populate(self) -> None:
        from boligvurdering.gui.backlog_slot import backlog_page
        from boligvurdering.gui.clients.register import ClientRegisterPage
        from boligvurdering.gui.visits_page import VisitsPage

        self.tabs.clear()
        self.clients_page = ClientRegisterPage(self.ctx, self)
        self.visits_page = VisitsPage(self.ctx, self, saved=self.mark_saved, runner=self.runner)
        self.tabs.addTab(self.clients_page, tr("Brukere"))
        self.tabs.addTab(self.visits_page, tr("Besøk"))
        self.backlog = backlog_page(self.ctx, self)
        self.tabs.addTab(self.backlog, tr("Arbeidsliste"))
        self.clients_page.open_visit.connect(self.open_visit)
        if hasattr(self.backlog, "open_case"):
            # live: changes happen on the other tabs, so the list reloads (in the worker) when shown
            self.backlog.open_case.connect(self.open_visit)
            if not self._backlog_wired:
                self._backlog_wired = True
                self.tabs.currentChanged.connect(lambda i: i == TAB_BACKLOG and self.backlog.refresh())
        self.visits_page.visits_changed.connect(self.clients_page.refresh_card)
        self.clients_page.visits_changed.connect(self.visits_page.refresh)
        from boligvurdering.gui.menus import install_menus, set_text_size

        self.menu_actions = install_menus(self)  # Fil, Rediger, Vis, Administrasjon, Hjelp
        if self.state.text_scale != 100:
            set_text_size(self, self.state.text_scale)
        from boligvurdering.gui.sync_dialog import install_sync_action

        self.sync_action = install_sync_action(self)  # «Team», before «Hjelp»
        from boligvurdering.gui.language_dialog import install_language_menu

        self.language_action = install_language_menu(self)  # «Vis → Språk og målform …»
        self._restore_visit()
        self.ready.emit()

    def data_synced(self, report: Any) -> None:
        """A sync brought visits, answers or an anonymisation: the lists show them (an open visit stays)."""
        if not (report.visits_received or report.answers_received or report.notices) or self.clients_page is None:
            return
        self.clients_page.refresh()
        self.clients_page.refresh_card()
        if self.visits_page is not None:
            self.visits_page.refresh()

    def retranslate(self) -> None:
        """Rebuild pages, menus and dialogs in the current UI language; the open visit and tab stay."""
        if self.ctx is None or self.clients_page is None:
            return
        self.save_state()  # the tab, the open visit and its section come back after the rebuild
        TaskRunner.wait_all(10_000)
        if self.visits_page is not None:
            self.visits_page.close_visit()
        for dialog in self.admin_dialogs.values():  # built in the old language: made anew when opened
            dialog.close()
            dialog.deleteLater()
        self.admin_dialogs = {}
        auto_sync = getattr(self, "auto_sync", None)
        if auto_sync is not None:  # install_sync_action starts a new one
            auto_sync.timer.stop()
            self.statusBar().removeWidget(auto_sync.label)
        old = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self.setWindowTitle(tr("Boligvurdering"))
        self._populate()
        for page in old:
            page.deleteLater()
        self.saved_label.setText("")

    def _restore_visit(self) -> None:
        from boligvurdering.domain.errors import UserError

        visit_id = self.state.last_visit_id
        if visit_id:
            try:
                self.open_visit(visit_id, self.state.last_section)
                return
            except UserError:
                self.state.last_visit_id = None
        self.tabs.setCurrentIndex(min(self.state.tab, TAB_BACKLOG))

    # actions --------------------------------------------------------------------------------
    def open_visit(self, visit_id: str, section: str | None = None) -> None:
        """Show the visit workspace for ``visit_id`` (remembered for the next start)."""
        workspace = self.visits_page.open_visit(visit_id, section)
        self.tabs.setCurrentIndex(TAB_VISITS)
        self.state.last_visit_id = visit_id
        workspace.risk_toggle.setChecked(not self.state.risk_panel_open)
        if not workspace.property("_menu_wired"):
            workspace.setProperty("_menu_wired", True)
            workspace.risk_toggle.toggled.connect(self._risk_toggled)

    def _risk_toggled(self, hidden: bool) -> None:
        self.state.risk_panel_open = not hidden
        action = self.menu_actions.get("risk_panel")
        if action is not None and action.isChecked() == hidden:
            action.setChecked(not hidden)

    def focus_search(self) -> None:
        """Ctrl+F on every tab: the work list searches its cases, every other tab finds a client."""
        page = self.tabs.currentWidget()
        if self.tabs.currentIndex() == TAB_BACKLOG and hasattr(page, "focus_search"):
            page.focus_search()
        elif self.clients_page is not None:
            self.tabs.setCurrentIndex(TAB_CLIENTS)
            self.clients_page.focus_search()

    def mark_saved(self) -> None:
        """A quiet «Lagret» with the time, no dialog."""
        self.saved_label.setText(tr("Lagret kl. {time}", time=datetime.now().strftime("%H:%M:%S")))
        self.saved.emit()

    # window state -----------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        if self.state.geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.state.geometry.encode()))
        if self.state.window_state:
            self.restoreState(QByteArray.fromBase64(self.state.window_state.encode()))

    def save_state(self) -> None:
        self.state.geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.state.window_state = bytes(self.saveState().toBase64().data()).decode()
        self.state.tab = self.tabs.currentIndex()
        if self.visits_page is not None:
            self.visits_page.remember(self.state)
        self.state.save(self.paths.window_state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        TaskRunner.wait_all(10_000)  # every page's workers, before the database closes
        if self.visits_page is not None:
            self.visits_page.close_visit()
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None
        event.accept()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_F and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.focus_search()
            return
        super().keyPressEvent(event)
