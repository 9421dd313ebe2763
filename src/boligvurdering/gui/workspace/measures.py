"""«Tiltak og plan»: measures with accept/reject inline, proposals from the assessment,
own measures, costs, and the totals and financing gap always visible at the bottom."""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.enums import OTHER_SERVICE, responsible_label
from boligvurdering.domain.errors import UserError
from boligvurdering.domain.formatting import format_money, format_number, parse_decimal
from boligvurdering.gui.clients.register import _table
from boligvurdering.gui.clients.visit_form import role_combo
from boligvurdering.gui.models import measure_model
from boligvurdering.gui.widgets import DateField, InlineError, heading
from boligvurdering.gui.workers import TaskRunner
from boligvurdering.gui.workspace.finance_panel import FinancePanel
from boligvurdering.gui.workspace.plan_view import basis_text, financing_text
from boligvurdering.i18n import retranslate, tr
from boligvurdering.services.views import measure_groups

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)
MONEY_FIELDS = ("quantity", "unit_price", "quote_amount", "non_nav_cost")
FINANCING_WIDTH = 230
NARROW_TABLE = 900  # px; below this the «Begrunnelse» column would be a sliver


def measure_data(m: Any) -> dict[str, Any]:
    """A record as the dict ``MeasureService.save`` takes (dates as ISO text)."""
    data = asdict(m)
    for key in ("id", "visit_id"):
        data.pop(key)
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def totals_text(plan: dict[str, Any]) -> str:
    """The line at the bottom: total, covered, gap, uncosted measures, channels in use."""
    channels = " · ".join(f"{tr(c['name'])}: {format_money(c['amount'])}" for c in plan.get("channels", []) if c.get("amount"))
    text = tr("Sum tiltak: {total} ({basis}) · Finansiert: {covered} · Ikke finansiert: {gap}",
              total=format_money(plan.get("total_cost", 0)), basis=basis_text(plan),
              covered=format_money(plan.get("covered", 0)), gap=format_money(plan.get("gap", 0)))
    uncosted = plan.get("uncosted") or []
    if uncosted:
        text += "\n" + tr("Uten kostnad: {names}", names=", ".join(map(str, uncosted)))
    return text + (f"\n{channels}" if channels else "")



def confirm_measure_delete(parent: QWidget, title: str) -> bool:
    """The one confirmation: a deleted measure is gone with its costs and notes."""
    answer = QMessageBox.question(parent, tr("Slette tiltaket?"), tr("Vil du slette «{t}»?", t=title))
    return answer == QMessageBox.StandardButton.Yes

class MeasureEditor(QWidget):
    """Edit one measure: status, reason to reject, responsible role, cost."""

    changed = Signal(dict)  # the fields to save
    status = Signal(str, str)  # status, reject reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = heading("", 12)
        layout.addWidget(self.title)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        layout.addWidget(self.reason)
        row = QHBoxLayout()
        self.accept_button = QPushButton(tr("✓ Vedta"))  # the status then reads «Vedtatt i teamet»
        self.reject_button = QPushButton(tr("✗ Avvis"))
        self.reject_reason = QLineEdit()
        self.reject_reason.setPlaceholderText(tr("Hvorfor avvises tiltaket?"))
        for w in (self.accept_button, self.reject_button, self.reject_reason):
            w.setMinimumHeight(34)
            row.addWidget(w)
        layout.addLayout(row)
        forms = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        self.role = role_combo()
        self.role.addItem(responsible_label(OTHER_SERVICE), OTHER_SERVICE)
        self.edits = {k: QLineEdit() for k in (*MONEY_FIELDS, "quote_supplier")}
        self.quote_date = DateField()
        left.addRow(tr("Ansvarlig"), self.role)
        left.addRow(tr("Antall"), self.edits["quantity"])
        left.addRow(tr("Enhetspris (kr)"), self.edits["unit_price"])
        right.addRow(tr("Tilbud (kr)"), self.edits["quote_amount"])
        right.addRow(tr("Leverandør"), self.edits["quote_supplier"])
        right.addRow(tr("Tilbudsdato"), self.quote_date)
        right.addRow(tr("Av dette dekker Nav ikke (kr)"), self.edits["non_nav_cost"])
        self.edits["non_nav_cost"].setPlaceholderText(tr("elektriker, montering, vegger, dører"))
        self.edits["non_nav_cost"].setToolTip(tr("Fra tilbudet. Tomt: planen bruker et overslag fra katalogen."))
        forms.addLayout(left)
        forms.addLayout(right)
        layout.addLayout(forms)
        self.error = InlineError()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.accept_button.clicked.connect(lambda: self.status.emit("accepted", ""))
        self.reject_button.clicked.connect(lambda: self.status.emit("rejected", self.reject_reason.text()))
        self.role.activated.connect(lambda _i: self.changed.emit({"responsible_role": self.role.currentData()}))
        for key, edit in self.edits.items():
            edit.editingFinished.connect(lambda k=key: self._edited(k))
        self.quote_date.editingFinished.connect(lambda: self.changed.emit({"quote_date": self.quote_date.iso()}))
        self.setEnabled(False)

    def show_measure(self, m: Any) -> None:
        self.setEnabled(True)
        self.error.show_message("")
        self.title.setText(tr(m.title))
        self.reason.setText(retranslate(m.reason) or tr(m.details.get("explanation", "")))
        self.reject_reason.setText(m.reject_reason)
        self.role.setCurrentIndex(max(self.role.findData(m.responsible_role), 0))
        for key in MONEY_FIELDS:
            value = getattr(m, key)
            self.edits[key].setText("" if value is None else format_number(value, 2))
        self.edits["quote_supplier"].setText(m.quote_supplier)
        self.quote_date.set_iso(m.quote_date.isoformat() if m.quote_date else None)

    def _edited(self, key: str) -> None:
        text = self.edits[key].text().strip()
        if key in MONEY_FIELDS:
            try:
                value: Any = parse_decimal(text) if text else None
            except ValueError:
                self.error.show_message(tr("Skriv et tall, for eksempel 1500 eller 2,5."))
                return
        else:
            value = text
        self.changed.emit({key: value})


class MeasuresPage(QWidget):
    """Measures table and editor (tab «Tiltak»), household and financing (tab «Økonomi og
    finansiering»), and the totals with the gap always at the bottom. The plan is recomputed in
    the background after every change (``plan_ready`` when it is shown)."""

    saved = Signal()
    plan_ready = Signal()
    TAB_MEASURES, TAB_FINANCE = 0, 1

    def __init__(self, ctx: AppContext, visit_id: str, controller: Any, parent: QWidget | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        from boligvurdering.services.measures import MeasureService

        self.ctx, self.visit_id = ctx, visit_id
        self.service = MeasureService(ctx)
        self.runner = runner or TaskRunner(self)
        self.plan: dict[str, Any] | None = None
        self._financing: dict[str, str] = {}
        self._computing = self._dirty = False
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Tiltak og plan"), 15))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        measures_tab = QWidget()
        tab_layout = QVBoxLayout(measures_tab)
        tab_layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.propose_button = QPushButton(tr("Foreslå tiltak fra kartleggingen"))
        self.new_title = QLineEdit()
        self.new_title.setPlaceholderText(tr("Eget tiltak, f.eks. «Flytte sengen»"))
        self.add_button = QPushButton(tr("Legg til"))
        self.delete_button = QPushButton(tr("Slett valgt tiltak"))
        self.confirm_delete = confirm_measure_delete  # tests replace it
        for w in (self.propose_button, self.new_title, self.add_button, self.delete_button):
            w.setMinimumHeight(34)
            top.addWidget(w)
        tab_layout.addLayout(top)
        self.message = InlineError()
        tab_layout.addWidget(self.message)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = measure_model(self, financing=self._financing_text)
        self._kept: str | None = None  # the measure the editor shows (within its group)
        self.table = _table(self.model)
        self.table.setAccessibleName(tr("Tiltak"))
        # several rows at once (Ctrl/Shift+click): «Vedta»/«Avvis» decides on all of them
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the reason takes what is left
        header.setStretchLastSection(False)
        for column, width in ((0, 210), (5, FINANCING_WIDTH)):  # long titles and financing texts must not starve the reason
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.setWordWrap(True)  # long reasons and financing texts wrap instead of being cut
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header.sectionResized.connect(lambda *_a: self.table.resizeRowsToContents())
        self.table.installEventFilter(self)  # narrow window: the reason moves to the editor only
        self.editor = MeasureEditor()
        editor_area = QScrollArea()  # on a low screen the editor scrolls instead of squeezing the table
        editor_area.setWidgetResizable(True)
        editor_area.setFrameShape(QFrame.Shape.NoFrame)
        editor_area.setWidget(self.editor)
        split.addWidget(self.table)
        split.addWidget(editor_area)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([300, 230])
        tab_layout.addWidget(split, 1)
        self.empty = QLabel(tr("Ingen tiltak ennå — trykk «Foreslå tiltak fra kartleggingen» eller legg til et eget."))
        tab_layout.addWidget(self.empty)
        self.tabs.addTab(measures_tab, tr("Tiltak"))
        self.finance = FinancePanel(ctx, visit_id)
        self.tabs.addTab(self.finance, tr("Økonomi og finansiering"))
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setFrameShape(QFrame.Shape.StyledPanel)
        self.totals.setStyleSheet("padding: 6px; background: #f4f4f0;")
        layout.addWidget(self.totals)
        self.propose_button.clicked.connect(self.propose)
        self.add_button.clicked.connect(self.add_own)
        self.delete_button.clicked.connect(self.delete_current)
        self.new_title.returnPressed.connect(self.add_own)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.editor.changed.connect(self._save_fields)
        self.editor.status.connect(self._set_status)
        self.finance.household.saved.connect(self._household_saved)
        self.finance.household.load()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            narrow = event.size().width() < NARROW_TABLE
            if narrow != self.table.isColumnHidden(2):
                self.table.setColumnHidden(2, narrow)  # the editor below shows the reason in full
                header = self.table.horizontalHeader()  # narrow: financing takes what is left
                header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch if narrow
                                            else QHeaderView.ResizeMode.Interactive)
                if not narrow:
                    header.resizeSection(5, FINANCING_WIDTH)
                self.table.resizeRowsToContents()
        return super().eventFilter(watched, event)

    def current(self) -> Any:
        """The measure in the editor (of a group of identical ones: the one kept, else the first)."""
        index = self.table.currentIndex()
        return self.model.record(index.row()).member(self._kept) if index.isValid() else None

    def selected_measures(self) -> list[Any]:
        """Every measure in the selected rows (a row may stand for several rooms)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [m for r in rows for m in self.model.record(r).members]

    def _financing_text(self, group: Any) -> str:
        return " / ".join(dict.fromkeys(t for t in (self._financing.get(i, "") for i in group.ids) if t))

    def refresh(self, keep: str | None = None) -> None:
        keep = keep or getattr(self.current(), "id", None)
        rows = self.service.list(self.visit_id)
        rooms = {r.id: r.name for r in self.ctx.visits.rooms(self.visit_id)}
        groups = measure_groups(rows, rooms)
        self._kept = keep
        self.model.set_rows(groups)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not rows)
        row = next((i for i, g in enumerate(groups) if keep in g.ids), 0 if groups else None)
        if row is not None:
            self.table.selectRow(row)
        self.recompute()

    # the financing plan (background) -------------------------------------------------------------
    def recompute(self) -> None:
        """Compute the plan in the worker; a change meanwhile asks for one more round."""
        if self._computing:
            self._dirty = True
            return
        self._computing, self._dirty = True, False
        if self.plan is None:
            self.totals.setText(tr("Regner ut finansieringsplanen …"))
        self.runner.run(self.ctx.plan.plan, self.visit_id, on_done=self._plan_done, on_error=self._plan_failed)

    def _plan_done(self, plan: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return  # the page was closed while the plan was computed
        self._computing = False
        if self._dirty:
            self.recompute()
            return
        self.plan = plan
        names = {c["id"]: tr(c["name"]) for c in plan.get("channels", [])}
        self._financing = {line["measure_id"]: financing_text(line, names) for line in plan.get("lines", [])}
        if self.model.rowCount():
            column = self.model.columnCount() - 1
            self.model.dataChanged.emit(self.model.index(0, column), self.model.index(self.model.rowCount() - 1, column))
            self.table.resizeRowsToContents()
        self.totals.setText(totals_text(plan))
        self.finance.view.show_plan(plan)
        self.plan_ready.emit()

    def _plan_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._computing = False
        message = str(exc) if isinstance(exc, UserError) else tr("Finansieringsplanen kunne ikke regnes ut.")
        self.totals.setText("⚠ " + message)
        self.finance.view.show_error(message)
        if self._dirty:
            self.recompute()
            return
        self.plan_ready.emit()

    def _household_saved(self) -> None:
        self.recompute()
        self.saved.emit()

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.editor.show_measure(self.model.record(current.row()).member(self._kept))

    def propose(self) -> None:
        try:
            created = self.ctx.plan.generate_proposals(self.visit_id)
        except (ImportError, AttributeError):
            self.message.show_message(tr("Forslag er ikke tilgjengelig ennå."))
            return
        except UserError as exc:
            self.message.show_message(str(exc))
            return
        self.message.show_message("" if created else tr("Ingen nye forslag ut fra svarene så langt."))
        self.refresh()
        self.saved.emit()

    def add_own(self) -> None:
        title = self.new_title.text().strip()
        try:
            record = self.service.save(self.visit_id, {"title": title, "status": "proposed"})
        except UserError as exc:
            problems = getattr(exc, "problems", None)
            self.message.show_message(" ".join(p.message for p in problems) if problems else str(exc))
            return
        self.message.show_message("")
        self.new_title.clear()
        self.refresh(record.id)
        self.saved.emit()

    def delete_current(self) -> None:
        """Delete the chosen measure (one confirmation: its costs and notes are lost)."""
        m = self.current()
        if m is None:
            self.message.show_message(tr("Velg et tiltak i tabellen først."))
            return
        if not self.confirm_delete(self, m.title):
            return
        try:
            self.service.delete(m.id)
        except UserError as exc:
            self.message.show_message(str(exc))
            return
        self.message.show_message("")
        self.refresh()
        self.saved.emit()

    def _save_fields(self, fields: dict[str, Any]) -> None:
        m = self.current()
        if m is None:
            return
        try:
            self.service.save(self.visit_id, {**measure_data(m), **fields}, measure_id=m.id)
        except UserError as exc:
            problems = getattr(exc, "problems", None)
            self.editor.error.show_message(" ".join(p.message for p in problems) if problems else str(exc))
            return
        self.editor.error.show_message("")
        self.refresh(m.id)
        self.saved.emit()

    def _set_status(self, status: str, reason: str) -> None:
        m = self.current()
        if m is None:
            return
        try:
            for measure in self.selected_measures() or [m]:
                self.service.set_status(measure.id, status, reason)
        except UserError as exc:
            self.editor.error.show_message(str(exc))
            self.editor.reject_reason.setFocus()
            return
        self.refresh(m.id)
        self.saved.emit()
