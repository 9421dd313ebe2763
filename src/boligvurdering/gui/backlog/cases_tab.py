"""«Saker»: status chips with counts, a filter bar and the lazily loaded backlog table."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.enums import RiskLevel, VisitStatus
from boligvurdering.gui.backlog.model import COLUMNS, BacklogTableModel
from boligvurdering.gui.widgets import FlowLayout
from boligvurdering.i18n import tr
from boligvurdering.services.backlog import BacklogOpen, BacklogQuery


class CasesTab(QWidget):
    """Emits ``queryChanged`` whenever the user changes a filter, a chip or the sort order."""

    queryChanged = Signal(object)
    openRequested = Signal(str)  # visit id: double-click or Enter on a row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = BacklogQuery()
        self.model = BacklogTableModel(self)
        self.model.sortRequested.connect(self._sort)
        lay = QVBoxLayout(self)
        lay.addLayout(self._chips())
        lay.addLayout(self._filters())
        self.table = QTableView(self)
        self.table.setAccessibleName(tr("Saker"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COLUMNS.index("next_due"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # «⚠ Overdue 13/11/2026» (English runs longest) fits the deadline column
        for col, width in zip(COLUMNS, (130, 220, 80, 240, 110, 175, 110), strict=True):
            self.table.setColumnWidth(COLUMNS.index(col), width)
        header.setStretchLastSection(True)
        lay.addWidget(self.table, 1)
        self.summary = QLabel(self)
        lay.addWidget(self.summary)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._emit)
        self.table.doubleClicked.connect(lambda _index: self._open_current())
        self.table.installEventFilter(self)  # Enter on a row opens it (a table has no default for it)

    # -- building -----------------------------------------------------------------------------
    def _chips(self) -> FlowLayout:
        row = FlowLayout()
        self.chip_group = QButtonGroup(self)
        self.chip_group.setExclusive(False)
        self.chips: dict[str, QPushButton] = {}
        for status in ["", *[s.value for s in VisitStatus]]:
            chip = QPushButton(self)
            chip.setCheckable(True)
            chip.setMinimumHeight(32)
            chip.setProperty("status", status)
            chip.clicked.connect(lambda _c=False, s=status: self._chip_clicked(s))
            self.chips[status] = chip
            row.addWidget(chip)
        self.chips[""].setChecked(True)
        self.set_counts({})
        return row

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit(self, placeholderText=tr("Søk etter bruker (Ctrl+F)"), clearButtonEnabled=True)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.person = QComboBox(self)
        self.area = QComboBox(self)
        self.risk = QComboBox(self)
        self.risk.addItem(tr("Alle risikonivåer"), 0)
        for rank in (1, 2, 3):
            self.risk.addItem(tr("Risiko {r} eller høyere", r=RiskLevel.of_rank(rank).label().lower()), rank)
        self.overdue = QCheckBox(tr("Bare forfalte"), self)
        for w in (self.person, self.area, self.risk):
            w.currentIndexChanged.connect(lambda _i: self._emit())
        self.overdue.toggled.connect(lambda _b: self._emit())
        for label, w, stretch in ((tr("Søk:"), self.search, 2), (tr("Person:"), self.person, 1),
                                  (tr("Område:"), self.area, 1), (None, self.risk, 1), (None, self.overdue, 0)):
            if label:
                row.addWidget(QLabel(label, self))
            row.addWidget(w, stretch)
        return row

    def focus_search(self) -> None:
        """Ctrl+F on this tab (the main window owns the one shortcut, so nothing clashes)."""
        self.search.setFocus()
        self.search.selectAll()

    def set_choices(self, members: list[tuple[str, str, str]], areas: list[str]) -> None:
        """Fill the person and area filters without triggering a reload."""
        for combo, items, all_text in ((self.person, [(f"{n}", i) for i, n, _r in members], tr("Alle personer")),
                                       (self.area, [(a, a) for a in areas], tr("Alle områder"))):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_text, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.blockSignals(False)

    # -- state --------------------------------------------------------------------------------
    def set_counts(self, counts: dict[str, int]) -> None:
        open_total = sum(n for s, n in counts.items() if s != VisitStatus.AVSLUTTET)
        for status, chip in self.chips.items():
            label = tr("Alle åpne") if not status else VisitStatus(status).label()
            chip.setText(f"{label} ({open_total if not status else counts.get(status, 0)})")

    def show_result(self, result: BacklogOpen, fetch: Any, today: date) -> None:
        self.model.reset(result.rows, result.total, fetch, today)
        self.set_counts(result.counts)
        if result.total == 0:
            self.summary.setText(tr("Ingen saker passer filteret. Fjern et filter, eller registrer en ny henvisning."))
        else:
            self.summary.setText(tr("{n} saker", n=f"{result.total:,}".replace(",", " ")))

    def current_row(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt API
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._open_current()
            return True
        return super().eventFilter(watched, event)

    def _open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.openRequested.emit(str(row.visit_id))

    def _chip_clicked(self, status: str) -> None:
        for s, chip in self.chips.items():
            chip.setChecked(s == status)
        self._emit()

    def _sort(self, key: str, descending: bool) -> None:
        self.query = replace(self.query, sort=key, descending=descending)
        self.queryChanged.emit(self.query)

    def _emit(self) -> None:
        status = next((s for s, c in self.chips.items() if c.isChecked()), "")
        self.query = replace(self.query, statuses=(status,) if status else (), member_id=self.person.currentData(),
                             area=self.area.currentData() or "", min_risk=self.risk.currentData() or 0,
                             overdue=self.overdue.isChecked(), search=self.search.text())
        self.queryChanged.emit(self.query)
