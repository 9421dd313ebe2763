"""«Denne uken», «Arbeidsmengde» and «Tall» tabs: plain widgets filled from service results."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.enums import Role, VisitStatus
from boligvurdering.domain.formatting import format_date_short
from boligvurdering.gui.backlog.chart import BarChart, FigureBlock, numbers_table
from boligvurdering.gui.widgets import discard
from boligvurdering.i18n import tr
from boligvurdering.services.backlog import DueLists, Figures
from boligvurdering.services.figures_export import figure_tables
from boligvurdering.services.pipeline import channel_label

KIND_TEXT = {"visit": "Besøk", "report": "Rapport", "application": "Svar på søknad", "follow_up": "Oppfølging",
             "nutrition": "Ernæringskartlegging"}
FOLLOW_UP_TEXT = {"nutrition_rescreen": "Ny ernæringskartlegging", "nutrition_screen": "Ernæringskartlegging",
                  "revisit": "Nytt besøk", "gp_medication_review": "Legemiddelgjennomgang hos fastlegen"}
OPEN = [s for s in VisitStatus if s != VisitStatus.AVSLUTTET]


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            discard(item.widget())


def _scroll(parent: QWidget) -> tuple[QScrollArea, QVBoxLayout]:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    inner = QWidget(area)
    lay = QVBoxLayout(inner)
    area.setWidget(inner)
    return area, lay


class WeekTab(QWidget):
    """Overdue tasks (left) and what is due from today to Sunday (right), each sorted by date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)

    def show_lists(self, lists: DueLists) -> None:
        while self.row.count():
            discard(self.row.takeAt(0).widget())
        heads = (tr("Frist"), tr("Hva"), tr("Bruker"), tr("Merknad"))
        for title, items, empty in (
            (tr("Forfalt ({n})", n=len(lists.overdue)), lists.overdue, tr("Ingenting er forfalt.")),
            (tr("Denne uken, til og med søndag {d} ({n})", d=format_date_short(lists.week_end), n=len(lists.this_week)),
             lists.this_week, tr("Ingen frister resten av uken.")),
        ):
            box = QWidget(self)
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(QLabel(f"<b>{title}</b>", box))
            data = [(due_text(d.due, lists.today), tr(KIND_TEXT.get(d.kind, d.kind)), d.client_name, detail_text(d))
                    for d in items]
            lay.addWidget(numbers_table(heads, data, box, fit=False, name=title) if data else QLabel(empty, box), 1)
            self.row.addWidget(box, 1)


def due_text(due: date, today: date) -> str:
    """Date with a warning sign and the word for overdue (icon and text, not colour alone)."""
    if due < today:
        return "⚠ " + tr("Forfalt {d}", d=format_date_short(due))
    return tr("I dag") if due == today else format_date_short(due)


def detail_text(item: Any) -> str:
    if item.kind == "application":
        return channel_label(item.detail)
    return tr(FOLLOW_UP_TEXT.get(item.detail, item.detail))


class WorkloadTab(QWidget):
    """Open cases per team member and role, split by status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        area, self.body = _scroll(self)
        QVBoxLayout(self).addWidget(area)

    def show_workload(self, rows: list[tuple[str, str, str, str, int]]) -> None:
        _clear(self.body)
        table: dict[tuple[str, str], dict[str, int]] = {}
        for _mid, name, role, status, n in rows:
            table.setdefault((name, role), {})[status] = n
        heads = (tr("Person"), tr("Rolle")) + tuple(s.label() for s in OPEN) + (tr("Sum"),)
        data = [(name, Role(role).label() if role in Role._value2member_map_ else role,
                 *[counts.get(s.value, 0) for s in OPEN], sum(counts.values()))
                for (name, role), counts in sorted(table.items())]
        if data:
            self.body.addWidget(FigureBlock(tr("Åpne saker per person"), heads, data, parent=self))
        else:
            self.body.addWidget(QLabel(tr("Ingen åpne saker er tildelt noen ennå."), self))
        self.body.addStretch(1)


class FiguresTab(QWidget):
    """Period chooser, export buttons, bar charts by month and every table of figures."""

    periodChosen = Signal(object, object)
    exportRequested = Signal(str)  # "xlsx" | "csv"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.start, self.end = QDateEdit(self, calendarPopup=True), QDateEdit(self, calendarPopup=True)
        for label, w in ((tr("Fra:"), self.start), (tr("Til:"), self.end)):
            w.setDisplayFormat("dd.MM.yyyy")
            w.setAccessibleName(label.rstrip(":"))
            bar.addWidget(QLabel(label, self))
            bar.addWidget(w)
        for text, slot in ((tr("Forrige kvartal"), self._last_quarter), (tr("Hittil i år"), self._this_year),
                           (tr("Vis tall"), self._choose)):
            button = QPushButton(text, self)
            button.setMinimumHeight(32)
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addStretch(1)
        self.export_buttons = []
        for text, kind in ((tr("Eksporter Excel (.xlsx)"), "xlsx"), (tr("Eksporter CSV"), "csv")):
            button = QPushButton(text, self, enabled=False)
            button.setMinimumHeight(32)
            button.clicked.connect(lambda _c=False, k=kind: self.exportRequested.emit(k))
            self.export_buttons.append(button)
            bar.addWidget(button)
        lay.addLayout(bar)
        self.status = QLabel(self)
        lay.addWidget(self.status)
        area, self.body = _scroll(self)
        lay.addWidget(area, 1)
        self.figures: Figures | None = None

    def set_today(self, today: date) -> None:
        self.today = today
        self._last_quarter(emit=False)

    def _set_period(self, start: date, end: date, emit: bool = True) -> None:
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))
        if emit:
            self._choose()

    def _last_quarter(self, _checked: bool = False, emit: bool = True) -> None:
        q = (self.today.month - 1) // 3
        year, q = (self.today.year - 1, 4) if q == 0 else (self.today.year, q)
        start = date(year, 3 * q - 2, 1)
        end = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1).toordinal() - 1
        self._set_period(start, date.fromordinal(end), emit)

    def _this_year(self) -> None:
        self._set_period(date(self.today.year, 1, 1), self.today)

    def _choose(self) -> None:
        self.status.setText(tr("Regner ut …"))
        self.periodChosen.emit(self.start.date().toPython(), self.end.date().toPython())

    def show_figures(self, f: Figures) -> None:
        self.figures = f
        self.status.setText(tr("Tall for {a} – {b}", a=format_date_short(f.start), b=format_date_short(f.end)))
        for b in self.export_buttons:
            b.setEnabled(True)
        _clear(self.body)
        months = [m[5:] + "." + m[2:4] for m in f.months]
        for table in figure_tables(f):
            chart = self._chart(table, f, months)
            self.body.addWidget(FigureBlock(table.title, table.headers, table.rows, chart, self))
        self.body.addStretch(1)

    def _chart(self, table: Any, f: Figures, months: list[str]) -> BarChart | None:
        if table.key == "monthly":
            chart = BarChart(self)
            chart.set_data(months, [(tr("Henvisninger"), f.referrals), (tr("Besøk"), f.visits)])
            return chart
        if table.key == "ages":
            chart = BarChart(self)
            chart.set_data([label for label, _n in f.age_bands], [(tr("Brukere"), [n for _l, n in f.age_bands])])
            return chart
        return None


__all__ = ["FiguresTab", "WeekTab", "WorkloadTab", "numbers_table"]
