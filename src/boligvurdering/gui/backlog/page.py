"""The team lead's work list: «Saker», «Denne uken», «Arbeidsmengde» and «Tall».

Every query runs in a worker thread (``TaskRunner``); results arrive on the UI thread. A reply
that belongs to an outdated query is dropped (generation counter), so typing fast is safe.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.enums import LINDAAS_ROLES
from boligvurdering.domain.errors import UserError
from boligvurdering.gui.backlog.cases_tab import CasesTab
from boligvurdering.gui.backlog.server_assign import server_assign_button
from boligvurdering.gui.backlog.tabs import FiguresTab, WeekTab, WorkloadTab
from boligvurdering.gui.workers import TaskRunner
from boligvurdering.i18n import tr
from boligvurdering.services.backlog import BacklogQuery, BacklogService
from boligvurdering.services.figures_export import export
from boligvurdering.services.sync import SyncService
from boligvurdering.services.team_backlog import ServerFigures, TeamBacklogService

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)


class BacklogPage(QWidget):
    """The «Arbeidsliste» tab. ``today`` can be fixed for demos and tests."""

    loaded = Signal(str)  # which part finished: cases | week | workload | figures
    open_case = Signal(str)  # visit id to open in the workspace

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.service, self.team = ctx, BacklogService(ctx), TeamBacklogService(ctx)
        self._today = today
        self.runner = TaskRunner(self)
        self._generation = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        lay.addWidget(self.message)
        lay.addWidget(self._source_row())
        self.tabs = QTabWidget(self)
        self.cases, self.week = CasesTab(self), WeekTab(self)
        self.workload, self.figures = WorkloadTab(self), FiguresTab(self)
        self.tabs.addTab(self._with_actions(self.cases), tr("Saker"))
        self.tabs.addTab(self.week, tr("Denne uken"))
        self.tabs.addTab(self.workload, tr("Arbeidsmengde"))
        self.tabs.addTab(self.figures, tr("Tall"))
        lay.addWidget(self.tabs)
        self.cases.queryChanged.connect(self.load_cases)
        self.cases.openRequested.connect(self.open_case)
        self.figures.periodChosen.connect(self.load_figures)
        self.figures.exportRequested.connect(self.export_figures)
        self.figures.set_today(self.today())
        self.refresh()

    def _source_row(self) -> QWidget:
        """«Kilde»: this laptop, or the team server (every laptop's visits); shown once the laptop is enrolled."""
        self.source_row = QWidget(self)
        row = QHBoxLayout(self.source_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.source = QComboBox(self.source_row)
        self.source.addItem(tr("Denne maskinen"), "local")
        self.source.addItem(tr("Teamserveren (alle besøk du har tilgang til)"), "server")
        self.source.setToolTip(tr("Teamserveren har besøkene fra alle maskinene i teamet. Den har ikke "
                                  "skåringer, søknader og oppfølginger; de tallene står bare på maskinene."))
        label = QLabel(tr("Kilde:"), self.source_row)
        label.setBuddy(self.source)
        row.addWidget(label)
        row.addWidget(self.source)
        row.addStretch(1)
        self.source_row.hide()
        self.source.currentIndexChanged.connect(self._source_changed)
        self.runner.run(SyncService(self.ctx).enrolled, on_done=self.source_row.setVisible, on_error=self._error)
        return self.source_row

    def _source_changed(self, _index: int) -> None:
        self.message.hide()
        self.refresh()
        if self.figures.figures is not None:  # the figures shown are the other source's
            self.load_figures(self.figures.figures.start, self.figures.figures.end)

    def reader(self) -> Any:
        """Where the lists and figures come from: ``BacklogService`` or ``TeamBacklogService``."""
        return self.team if self.source.currentData() == "server" else self.service

    def _read_error(self, reader: Any) -> Any:
        """The error handler of a read from ``reader``: a server that cannot be reached (or refuses)
        means back to this laptop's numbers, saying so (once, whichever of the reads fails first)."""
        return lambda exc: self._error(exc) if reader is not self.team or not isinstance(exc, UserError) \
            else self._fall_back(exc)

    def _fall_back(self, exc: BaseException) -> None:
        if self.source.currentData() != "server":
            return  # another read from the server already failed and switched back
        self.source.blockSignals(True)
        self.source.setCurrentIndex(0)
        self.source.blockSignals(False)
        self.refresh()
        self._error(UserError(tr("{e} Viser tallene på denne maskinen.", e=str(exc))))

    def today(self) -> date:
        return self._today or date.today()

    def _with_actions(self, cases: CasesTab) -> QWidget:
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(cases, 1)
        row = QHBoxLayout()
        for text, slot in ((tr("Tildel person …"), self.assign_dialog), (tr("Flytt besøksdato …"), self.date_dialog),
                           (tr("Oppdater"), self.refresh)):
            button = QPushButton(text, box)
            button.setMinimumHeight(32)
            button.clicked.connect(slot)
            row.addWidget(button)
        self.server_assign_button = server_assign_button(self, box)  # team lead, laptop on the team server
        if self.server_assign_button is not None:
            row.addWidget(self.server_assign_button)
        row.addStretch(1)
        lay.addLayout(row)
        return box

    # -- loading ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Ctrl+F: the case search on «Saker»."""
        self.tabs.setCurrentIndex(0)
        self.cases.focus_search()

    def refresh(self) -> None:
        """Reload everything except the figures (those are computed on request)."""
        self.runner.run(lambda: (self.service.members(), self.service.areas()),
                        on_done=lambda r: self.cases.set_choices(*r), on_error=self._error)
        self.load_cases(self.cases.query)
        today, reader = self.today(), self.reader()
        self.runner.run(lambda: reader.due_lists(today=today), on_done=self._week_done,
                        on_error=self._read_error(reader))
        self.runner.run(reader.workload, on_done=self._workload_done, on_error=self._read_error(reader))

    def load_cases(self, q: BacklogQuery) -> None:
        self._generation += 1
        generation, today, reader = self._generation, self.today(), self.reader()
        self.runner.run(lambda: reader.open(q, today=today),
                        on_done=lambda res: self._cases_done(generation, q, today, res, reader),
                        on_error=self._read_error(reader))

    def _cases_done(self, generation: int, q: BacklogQuery, today: date, result: Any, reader: Any) -> None:
        if generation != self._generation:
            return  # an older query; a newer one is on its way
        model = self.cases.model

        def fetch(offset: int, limit: int) -> list[Any]:
            # keyset paging: continue after the last loaded row (no OFFSET scan deep in the list)
            after = model.row_at(offset - 1) if 0 < offset <= model.rowCount() else None
            return reader.page(q, today=today, offset=offset, limit=limit, after=after)

        self.cases.show_result(result, fetch, today)
        self.loaded.emit("cases")

    def _week_done(self, lists: Any) -> None:
        self.week.show_lists(lists)
        overdue = len(lists.overdue)
        self.tabs.setTabText(1, tr("Denne uken ({n} forfalt)", n=overdue) if overdue else tr("Denne uken"))
        self.loaded.emit("week")

    def _workload_done(self, rows: Any) -> None:
        self.workload.show_workload(rows)
        self.loaded.emit("workload")

    def load_figures(self, start: date, end: date) -> None:
        reader = self.reader()
        self.runner.run(lambda: reader.figures(start=start, end=end), on_done=self._figures_done,
                        on_error=self._read_error(reader))

    def _figures_done(self, figures: Any) -> None:
        if isinstance(figures, ServerFigures):
            self._info(tr("Tallene er fra teamserveren."))
            figures = figures.figures
        self.figures.show_figures(figures)
        self.loaded.emit("figures")

    def export_figures(self, kind: str, path: str | None = None) -> Path | None:
        """Save the shown figures; asks for a file name unless ``path`` is given."""
        f = self.figures.figures
        if f is None:
            return None
        if path is None:
            suggested = f"tall-{f.start.isoformat()}-{f.end.isoformat()}.{kind}"
            path, _flt = QFileDialog.getSaveFileName(self, tr("Lagre tall"), suggested,
                                                     "Excel (*.xlsx)" if kind == "xlsx" else "CSV (*.csv)")
            if not path:
                return None
        try:
            saved = export(f, Path(path))
        except Exception as exc:
            self._error(exc)
            return None
        self._info(tr("Lagret {p}", p=saved))
        return saved

    # -- actions ------------------------------------------------------------------------------
    def assign_dialog(self) -> None:
        row = self.cases.current_row()
        if row is None:
            self._info(tr("Velg en sak i tabellen først."))
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(tr("Tildel person – {c}", c=row.client_name))
        form = QFormLayout(dialog)
        person, role = QComboBox(dialog), QComboBox(dialog)
        for mid, name, mrole in self.service.members():
            person.addItem(name, (mid, mrole))
        for r in LINDAAS_ROLES:
            role.addItem(r.label(), r.value)
        person.currentIndexChanged.connect(lambda _i: role.setCurrentIndex(max(0, role.findData(
            (person.currentData() or ("", ""))[1]))))
        form.addRow(tr("Person:"), person)
        form.addRow(tr("Rolle i saken:"), role)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted and person.currentData():
            self._act(lambda: self.service.assign(row.visit_id, member_id=person.currentData()[0],
                                                  role=role.currentData()))

    def date_dialog(self) -> None:
        row = self.cases.current_row()
        if row is None:
            self._info(tr("Velg en sak i tabellen først."))
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(tr("Flytt besøksdato – {c}", c=row.client_name))
        form = QFormLayout(dialog)
        edit = QDateEdit(dialog, calendarPopup=True, displayFormat="dd.MM.yyyy")
        day = row.visit_date or self.today()
        edit.setDate(QDate(day.year, day.month, day.day))
        form.addRow(tr("Ny dato:"), edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._act(lambda: self.service.set_visit_date(row.visit_id, visit_date=edit.date().toPython()))

    def _act(self, fn: Any) -> None:
        self.runner.run(fn, on_done=lambda _r: (self._info(tr("Lagret.")), self.refresh()), on_error=self._error)

    def _info(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.message.show()

    def _error(self, exc: BaseException) -> None:
        log.info("backlog: %s", exc)
        self.message.setStyleSheet("color: #a4000f;")
        self.message.setText(str(exc) if str(exc) else tr("Noe gikk galt. Se loggen for detaljer."))
        self.message.show()
