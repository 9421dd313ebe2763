"""A plain bar chart drawn with QPainter (no QtCharts), with the numbers in a table under it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Distinguishable in greyscale too: dark and light.
SERIES_COLOURS = (QColor("#1f4e79"), QColor("#8fb8de"), QColor("#c55a11"))


class BarChart(QWidget):
    """Grouped vertical bars: one group per category, one bar per series, value on top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[str] = []
        self.series: list[tuple[str, list[float]]] = []
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(600, 220)

    def set_data(self, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]) -> None:
        self.categories = list(categories)
        self.series = [(name, [float(v or 0) for v in values]) for name, values in series]
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        legend_h = fm.height() + 6 if len(self.series) > 1 else 0
        plot = QRectF(8, 8 + legend_h + fm.height(), self.width() - 16,
                      self.height() - 16 - legend_h - 2 * fm.height() - 8)
        p.setPen(self.palette().text().color())
        self._legend(p, legend_h)
        top = max([max(v, default=0) for _n, v in self.series] + [1])
        n, k = len(self.categories), max(len(self.series), 1)
        if n == 0:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "–")
            return
        group_w = plot.width() / n
        bar_w = max(2.0, min(40.0, group_w * 0.8 / k))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        for i, cat in enumerate(self.categories):
            x0 = plot.left() + i * group_w + (group_w - bar_w * k) / 2
            for j, (_name, values) in enumerate(self.series):
                value = values[i] if i < len(values) else 0
                h = plot.height() * value / top
                rect = QRectF(x0 + j * bar_w, plot.bottom() - h, bar_w - 1, h)
                p.fillRect(rect, SERIES_COLOURS[j % len(SERIES_COLOURS)])
                if bar_w >= fm.horizontalAdvance("000") * 0.6:
                    p.drawText(QRectF(rect.left() - 10, rect.top() - fm.height(), rect.width() + 20, fm.height()),
                               Qt.AlignmentFlag.AlignCenter, f"{value:g}")
            p.drawText(QRectF(plot.left() + i * group_w, plot.bottom() + 2, group_w, fm.height() + 4),
                       Qt.AlignmentFlag.AlignCenter, fm.elidedText(cat, Qt.TextElideMode.ElideRight, int(group_w)))

    def _legend(self, p: QPainter, legend_h: int) -> None:
        if not legend_h:
            return
        x = 8.0
        for j, (name, _v) in enumerate(self.series):
            p.fillRect(QRectF(x, 10, 12, 12), SERIES_COLOURS[j % len(SERIES_COLOURS)])
            p.drawText(QRectF(x + 16, 6, 200, legend_h), Qt.AlignmentFlag.AlignLeft, name)
            x += 16 + p.fontMetrics().horizontalAdvance(name) + 16


def numbers_table(headers: Sequence[str], rows: Sequence[Sequence[object]], parent: QWidget | None = None,
                  fit: bool = True, name: str = "") -> QTableWidget:
    """A compact read-only table; ``fit`` sizes it to its rows (no inner scrolling); ``name`` is
    what a screen reader says (the headings when not given)."""
    table = QTableWidget(len(rows), len(headers), parent)
    table.setAccessibleName(name or ", ".join(str(h) for h in headers))
    table.setHorizontalHeaderLabels([str(h) for h in headers])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text = "–" if value is None else (f"{value:,.1f}".replace(",", " ").replace(".", ",")
                                              if isinstance(value, float) else str(value))
            item = QTableWidgetItem(text)
            if isinstance(value, int | float):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.resizeRowsToContents()
    if not fit:
        return table
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    height = table.horizontalHeader().sizeHint().height() + sum(table.rowHeight(i) for i in range(len(rows))) + 4
    table.setFixedHeight(height)
    return table


class FigureBlock(QWidget):
    """A titled block: an optional chart and the table with its numbers under it."""

    def __init__(self, title: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
                 chart: BarChart | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 8)
        label = QLabel(title)
        font = QFont(label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        label.setFont(font)
        lay.addWidget(label)
        if chart is not None:
            lay.addWidget(chart)
        lay.addWidget(numbers_table(headers, rows, self))
