"""Thin Qt item models over plain records (tested without widgets)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from boligvurdering.domain.enums import MeasureStatus, VisitStatus, responsible_label
from boligvurdering.domain.formatting import format_date, format_date_short, format_money
from boligvurdering.i18n import retranslate, tr

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: header text, display text of a record, optional sort key."""

    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel):
    """Rows are plain records; columns are ``Column`` definitions."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self.rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text when a narrow column cuts it
            return column.text(record) or None
        if role == ROW_ROLE:
            return record
        if role == SORT_ROLE:
            return column.sort(record) if column.sort else column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _label(enum: Any, value: str) -> str:
    try:
        return enum(value).label()
    except ValueError:
        return value


def client_model(parent: Any = None) -> RecordTableModel:
    """Client register rows (``ClientRecord``). The list shows the birth date, never the full
    fødselsnummer: the screen may be seen by others in the room (issue #16.6)."""
    return RecordTableModel([
        Column(tr("Navn"), lambda c: ", ".join(filter(None, (c.family_name, c.given_name)))),
        Column(tr("Født"), lambda c: format_date_short(c.birth_date), lambda c: c.birth_date),
        Column(tr("Telefon"), lambda c: c.phone),
    ], parent)


def visit_model(parent: Any = None) -> RecordTableModel:
    """Visit list rows (``VisitSummary``)."""
    return RecordTableModel([
        Column(tr("Besøksdato"), lambda v: format_date(v.visit_date) or tr("Ikke avtalt"),
               lambda v: v.visit_date.isoformat() if v.visit_date else ""),
        Column(tr("Bruker"), lambda v: v.client_name),
        Column(tr("Status"), lambda v: _label(VisitStatus, v.status)),
        Column(tr("Postnr."), lambda v: v.postal_code),
    ], parent)


def measure_model(parent: Any = None, financing: Callable[[Any], str] | None = None) -> RecordTableModel:
    """Measures of a visit (``MeasureRecord``); ``financing`` gives the «Finansiering» text of a row
    (from the financing plan), otherwise the manually chosen channels are listed."""
    def status(m: Any) -> str:
        text = _label(MeasureStatus, m.status)
        return f"{text}: {m.reject_reason}" if m.status == "rejected" and m.reject_reason else text

    return RecordTableModel([
        Column(tr("Tiltak"), lambda m: tr(m.title)),
        Column(tr("Status"), status),
        Column(tr("Begrunnelse"), lambda m: retranslate(m.reason)),
        Column(tr("Ansvarlig"), lambda m: responsible_label(m.responsible_role)),
        Column(tr("Kostnad"), lambda m: format_money(m.cost) if m.cost is not None else tr("Ikke satt"),
               lambda m: m.cost or 0.0, align_right=True),
        Column(tr("Finansiering"), financing or (lambda m: ", ".join(sorted(m.allocations)) or "")),
    ], parent)
