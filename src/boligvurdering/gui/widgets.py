"""Small shared widgets: message pages, inline error labels, headings, toggle groups."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.i18n import tr

ERROR_STYLE = "color: #a40000;"
OK_STYLE = "color: #1b5e20;"


class MessagePage(QWidget):
    """A centred title and explanation (empty states, placeholders, errors)."""

    def __init__(self, title: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = heading(title, 14)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        layout.addStretch(2)


def heading(text: str, size: int = 12) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * size / 10)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class InlineError(QLabel):
    """A message under a field; hidden when empty. Prefixed with a sign, not colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, message: str) -> None:
        if message:
            self.setText("⚠ " + message)
            self.show()
        else:
            self.clear()
            self.hide()


def discard(widget: QWidget) -> None:
    """Take a widget off the screen at once and delete it later (no stale paint meanwhile)."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line when the width runs out (status chips,
    tags): a row of buttons never forces the window wider than a small laptop screen."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """All items on one line (what the layout asks for when there is room)."""
        shown = [item.sizeHint() for item in self._items
                 if item.widget() is None or not item.widget().isHidden()]
        margins = self.contentsMargins()
        width = sum(h.width() for h in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((h.height() for h in shown), default=0)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


class DateField(QDateEdit):
    """A date typed as dd.mm.åååå or picked in a calendar; the earliest date means «Ikke satt»."""

    EMPTY = QDate(1900, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd.MM.yyyy")
        self.setMinimumDate(self.EMPTY)
        self.setSpecialValueText(tr("Ikke satt"))
        self.setDate(self.EMPTY)

    def iso(self) -> str | None:
        """The date as ``YYYY-MM-DD`` for the services, ``None`` when not set."""
        day = self.date()
        return None if day == self.EMPTY else day.toString("yyyy-MM-dd")

    def set_iso(self, value: str | None) -> None:
        day = QDate.fromString(value, "yyyy-MM-dd") if value else self.EMPTY
        self.setDate(day if day.isValid() else self.EMPTY)
