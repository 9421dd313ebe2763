"""«Synkroniser»: enrol this laptop on the team server, sync with progress, resolve conflicts.

The sync runs on the background worker; its progress comes back by signal. A conflict shows
both values with who and when; the user picks one, and the choice is synced at once.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.formatting import format_date_short
from boligvurdering.i18n import tr
from boligvurdering.services.sync import ConflictRecord, SyncService

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


class _Progress(QObject):
    step = Signal(str, int, int)


def show_value(value: Any) -> str:
    if value is None:
        return tr("(ikke svart)")
    if isinstance(value, bool):
        return tr("Ja") if value else tr("Nei")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def show_when(stamp: str) -> str:
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    return f"{format_date_short(moment)} {moment:%H:%M}"


class SyncDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None, runner: Any) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Synkroniser med teamserveren"))
        self.service, self.runner = SyncService(ctx), runner
        self.progress_signals = _Progress(self)
        self.progress_signals.step.connect(self._step)
        self.conflict_rows: list[ConflictRecord] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self._enrol_box())
        self.sync_button = QPushButton(tr("&Synkroniser nå"))
        self.sync_button.clicked.connect(self.sync)
        self.bar = QProgressBar()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.sync_button)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(QLabel(tr("Konflikter: samme svar endret på to maskiner. Velg verdien som skal gjelde.")))
        layout.addWidget(self._conflict_table())
        self.resize(820, 520)
        self.refresh()

    def _enrol_box(self) -> QWidget:
        self.enrol_box = QWidget()
        form = QFormLayout(self.enrol_box)
        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText("https://boligvurdering.kommune.no")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.enrol_button = QPushButton(tr("&Meld inn maskinen"))
        self.enrol_button.clicked.connect(self.enrol)
        form.addRow(tr("Serveradresse"), self.server_edit)
        form.addRow(tr("Passord på serveren"), self.password_edit)
        form.addRow("", self.enrol_button)
        return self.enrol_box

    def _conflict_table(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Spørsmål"), tr("Verdien som gjelder nå"), tr("Den andre verdien")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        self.keep_button = QPushButton(tr("&Behold verdien som gjelder nå"))
        self.other_button = QPushButton(tr("Bruk &den andre verdien"))
        self.keep_button.clicked.connect(lambda: self.resolve("kept"))
        self.other_button.clicked.connect(lambda: self.resolve("other"))
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.other_button)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        return box

    # actions --------------------------------------------------------------------------------
    def refresh(self) -> None:
        enrolled = self.service.enrolled()
        self.enrol_box.setVisible(not enrolled)
        self.sync_button.setEnabled(enrolled)
        self.conflict_rows = self.service.conflicts()
        self.table.setRowCount(len(self.conflict_rows))
        for row, c in enumerate(self.conflict_rows):
            cells = (c.question, tr("{v} ({who}, {when})", v=show_value(c.kept), who=c.kept_by, when=show_when(c.kept_at)),
                     tr("{v} ({who}, {when})", v=show_value(c.other), who=c.other_by, when=show_when(c.other_at)))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        has = bool(self.conflict_rows)
        self.keep_button.setEnabled(has)
        self.other_button.setEnabled(has)
        if has and not self.table.selectedItems():
            self.table.selectRow(0)

    def enrol(self) -> None:
        self.enrol_button.setEnabled(False)
        self.status.setText(tr("Melder inn maskinen …"))
        self.runner.run(self.service.enrol, self.server_edit.text(), self.password_edit.text(),
                        on_done=lambda _team: self._enrolled(), on_error=self._failed)

    def _enrolled(self) -> None:
        self.password_edit.clear()
        self.enrol_button.setEnabled(True)
        self.refresh()
        self.sync()

    def sync(self) -> None:
        self.sync_button.setEnabled(False)
        self.bar.setRange(0, 0)
        self.status.setText(tr("Synkroniserer …"))
        self.runner.run(self.service.run, self.progress_signals.step.emit, on_done=self._synced, on_error=self._failed)

    def _step(self, step: str, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.status.setText(f"{step} ({done}/{total})")

    def _synced(self, report: Any) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.status.setText(report.summary())
        self.refresh()
        parent = self.parent()
        if hasattr(parent, "data_synced"):
            parent.data_synced(report)

    def _failed(self, exc: BaseException) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status.setText(str(exc))
        self.enrol_button.setEnabled(True)
        self.refresh()

    def resolve(self, keep: str) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.conflict_rows):
            self.status.setText(tr("Velg en konflikt i listen først."))
            return
        self.service.resolve(self.conflict_rows[row].id, keep)
        self.refresh()
        self.sync()


class AutoSync(QObject):
    """Syncs in the background every few minutes when this laptop is enrolled and the server answers.

    Quiet: the result goes to the status bar; an unreachable server is normal (offline-first).
    """

    INTERVAL_MS = 5 * 60 * 1000

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window, self.busy = window, False
        self.label = QLabel("")
        window.statusBar().addWidget(self.label)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(self.INTERVAL_MS)

    def tick(self) -> None:
        if getattr(self.window, "ctx", None) is None:  # locked or signed out: nobody to sync for
            return
        service = SyncService(self.window.ctx)
        dialog = self.window.admin_dialogs.get("sync")
        if self.busy or (dialog is not None and dialog.isVisible()) or not service.enrolled():
            return
        self.busy = True
        self.window.runner.run(service.run, on_done=self._done, on_error=self._failed)

    def _done(self, report: Any) -> None:
        self.busy = False
        text = tr("Synkronisert kl. {t}", t=datetime.now().strftime("%H:%M"))
        if report.open_conflicts:
            text += " – " + tr("{n} konflikter å løse (Team → Synkroniser)", n=report.open_conflicts)
        full = text
        for notice in report.notices:  # e.g. changes lost to an anonymisation: the user must see it
            text += " – " + notice.split(". ")[0].rstrip(".") + "."  # its first sentence fits the status bar
            full += "\n" + notice
        self.label.setText(text)
        self.label.setToolTip(full)
        self.window.data_synced(report)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.label.setText(tr("Ikke synkronisert: {e}", e=str(exc).split(". ")[0]))


def install_sync_action(window: QMainWindow) -> Any:
    """The «Team → Synkroniser …» menu action (Ctrl+Shift+S) and the background sync; returns the action."""
    window.auto_sync = AutoSync(window)
    bar = window.menuBar()
    menu = QMenu(tr("&Team"), bar)
    menu.setObjectName("menuTeam")
    existing = bar.actions()
    if existing:
        bar.insertMenu(existing[-1], menu)  # before «Hjelp»
    else:
        bar.addMenu(menu)
    action = menu.addAction(tr("&Synkroniser …"))
    action.setShortcut(QKeySequence("Ctrl+Shift+S"))

    def open_dialog() -> None:
        dialog = window.admin_dialogs.get("sync") or SyncDialog(window.ctx, window, window.runner)
        window.admin_dialogs["sync"] = dialog
        dialog.show()
        dialog.raise_()

    action.triggered.connect(open_dialog)
    return action
