"""Touch and screen-reader care applied to every widget as Qt polishes it, so no page can
forget it: kinetic (finger) scrolling on lists and pages, 44 px targets for buttons and
checkboxes, and an accessible name from the placeholder or tooltip when a field has no label."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScroller,
    QWidget,
)

TOUCH_TARGET = 44  # px (WCAG 2.5.5); the smallest thing a finger should have to hit


class Ergonomics(QObject):
    """Application-wide event filter; acts once per widget, on its first polish."""

    def eventFilter(self, obj: Any, event: Any) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(obj, QWidget) and not obj.property("_ergo"):
            obj.setProperty("_ergo", True)
            polish(obj)
        return False


def polish(widget: QWidget) -> None:
    """What the filter does to one widget (also usable directly)."""
    if isinstance(widget, QAbstractScrollArea):
        QScroller.grabGesture(widget.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    if isinstance(widget, QPushButton | QCheckBox | QRadioButton) and not _inside_popup(widget):
        widget.setMinimumHeight(max(widget.minimumHeight(), TOUCH_TARGET))
    if not widget.accessibleName():
        fallback = widget.placeholderText() if isinstance(widget, QLineEdit) else ""
        fallback = fallback or widget.toolTip()
        if fallback:
            widget.setAccessibleName(fallback.split("(")[0].strip(" …") or fallback)


def _inside_popup(widget: QWidget) -> bool:
    window = widget.window()
    return window is not widget and window.isWindow() and window.inherits("QCalendarWidget")


def install(app: QApplication | None = None) -> Ergonomics:
    """Install the filter once on the application (idempotent)."""
    app = app or QApplication.instance()
    existing = app.property("_ergonomics")
    if isinstance(existing, Ergonomics):
        return existing
    ergonomics = Ergonomics(app)
    app.installEventFilter(ergonomics)
    app.setProperty("_ergonomics", ergonomics)
    return ergonomics
