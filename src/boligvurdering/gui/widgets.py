"""Small shared widgets: message pages, inline error labels, headings, toggle groups."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

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
