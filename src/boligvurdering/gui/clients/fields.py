"""Form rows with an inline error under each field, filled from ``ValidationFailed.problems``."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from boligvurdering.gui.widgets import InlineError
from boligvurdering.i18n import tr


class FieldSet:
    """Named input widgets in a form layout, each with its own error label."""

    def __init__(self, form: QFormLayout) -> None:
        self.form = form
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, InlineError] = {}

    def add(self, key: str, label: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        error = InlineError()
        layout.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        # the buddy sits in a wrapper, where Qt does not look for its label: name it directly
        widget.setAccessibleName(label.replace("&", "").rstrip(" *:"))
        self.form.addRow(caption, box)
        self.widgets[key], self.errors[key] = widget, error
        widget.setMinimumHeight(32)
        return widget

    def line(self, key: str, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        return self.add(key, label, edit)  # type: ignore[return-value]

    def combo(self, key: str, label: str, choices: list[tuple[Any, str]]) -> QComboBox:
        combo = QComboBox()
        for value, text in choices:
            combo.addItem(text, value)
        return self.add(key, label, combo)  # type: ignore[return-value]

    def value(self, key: str) -> Any:
        widget = self.widgets[key]
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        raise TypeError(key)

    def set_value(self, key: str, value: Any) -> None:
        widget = self.widgets[key]
        if hasattr(widget, "findData"):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        else:
            widget.setText("" if value is None else str(value))

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.show_message("")

    def show_problems(self, problems: list[Any]) -> list[str]:
        """Put each problem under its field; returns messages that belong to no field."""
        rest = []
        for problem in problems:
            key = problem.where.split(".")[-1]
            if key in self.errors:
                self.errors[key].show_message(problem.message)
            else:
                rest.append(problem.message)
        return rest

    def first_error_widget(self) -> QWidget | None:
        return next((self.widgets[k] for k, e in self.errors.items() if not e.isHidden()), None)


def yes_no_unknown() -> list[tuple[Any, str]]:
    return [(None, tr("Ikke oppgitt")), (True, tr("Ja")), (False, tr("Nei"))]
