"""A thin, lazily filled table model over backlog rows (server-side sort and filter).

The service returns pages of plain rows; the model knows the total and asks for the next page
only when the view scrolls near the end (``canFetchMore``/``fetchMore``). ``fetch(offset, limit)``
gets the number of rows already loaded; the page's loader pages by keyset after ``row_at(offset - 1)``. Sorting a table
that is not fully loaded cannot be done by a proxy, so ``sort()`` asks the owner to re-query
(``sortRequested``); the owner then calls :meth:`reset`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from boligvurdering.domain.enums import RiskLevel, Role, VisitStatus
from boligvurdering.domain.formatting import format_date_short
from boligvurdering.i18n import tr

COLUMNS = ("status", "client", "area", "team", "risk", "next_due", "waiting")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def headers() -> tuple[str, ...]:
    return (tr("Status"), tr("Bruker"), tr("Område"), tr("Team"), tr("Risiko"), tr("Neste frist"),
            tr("Ventet (dager)"))


def _role_short(role: str) -> str:
    try:
        return Role(role).label()
    except ValueError:
        return role


class BacklogTableModel(QAbstractTableModel):
    """Rows of ``BacklogRow``; ``fetch(offset, limit)`` loads further pages on demand."""

    sortRequested = Signal(str, bool)  # sort key, descending

    def __init__(self, parent: Any = None, page_size: int = 200) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list[Any] = []
        self._total = 0
        self._fetch: Callable[[int, int], list[Any]] | None = None
        self.today = date.today()

    def reset(self, rows: list[Any], total: int, fetch: Callable[[int, int], list[Any]] | None, today: date) -> None:
        """Show a new result: the first page, the total number of rows and the page loader."""
        self.beginResetModel()
        self._rows, self._total, self._fetch, self.today = list(rows), total, fetch, today
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._fetch is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        more = self._fetch(len(self._rows), self.page_size)
        more = more[: self._total - len(self._rows)]
        if not more:
            self._total = len(self._rows)  # the data shrank meanwhile; stop asking
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return headers()[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sortRequested.emit(COLUMNS[column], order == Qt.SortOrder.DescendingOrder)

    def is_overdue(self, row: Any) -> bool:
        return row.next_due is not None and row.next_due < self.today

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == ROW_ROLE:
            return row
        if key == "next_due" and self.is_overdue(row):
            if role == Qt.ItemDataRole.DecorationRole:
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#a4000f"))
        if role == Qt.ItemDataRole.ToolTipRole and key == "team":
            return "\n".join(f"{name} ({_role_short(r)})" for name, r in row.team)
        return None

    def _text(self, row: Any, key: str) -> str:
        if key == "status":
            return VisitStatus(row.status).label()
        if key == "client":
            return row.client_name
        if key == "area":
            return row.postal_code
        if key == "team":
            names = [name for name, _r in row.team]
            return ", ".join(names) if names else tr("Ikke tildelt")
        if key == "risk":
            return RiskLevel.of_rank(row.risk_rank).label() if row.risk_rank in (0, 1, 2, 3) else ""
        if key == "next_due":
            if row.next_due is None:
                return ""
            text = format_date_short(row.next_due)
            if self.is_overdue(row):
                return tr("Forfalt {d}", d=text)
            return tr("I dag") if row.next_due == self.today else text
        if key == "waiting":
            return str((self.today - row.referral_date).days) if row.referral_date else ""
        return ""
