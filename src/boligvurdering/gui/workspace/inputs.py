"""Answer inputs, one class per question type. Each emits ``committed(value)``;
``None`` clears the answer. Parsing problems are reported by ``invalid(message)``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.formatting import format_number, parse_decimal
from boligvurdering.gui.widgets import DateField, FlowLayout
from boligvurdering.i18n import tr

MIN_HEIGHT = 34
TOUCH = 44  # finger-sized targets (WCAG 2.5.5)


class AnswerInput(QWidget):
    committed = Signal(object)
    invalid = Signal(str)
    advance = Signal()  # the user is done here: go to the next question

    def __init__(self, question: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def set_value(self, value: Any) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self


class ChoiceButtons(AnswerInput):
    """Toggle buttons (yes/no, ≤ 5 options) in a row that wraps, or a column for long labels. One click = one answer: clicking the chosen one
    again keeps it, a double-click stores it once, Space never un-answers. «Fjern svar» (or the
    Delete key) clears. Keys: J/N for yes/no, digits for choices; Enter goes to the next question."""

    WRAP_AT = 24  # longer labels: the buttons stand in a column, so nothing is cut

    def __init__(self, question: Any, options: list[tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.buttons: list[tuple[Any, QPushButton]] = []
        self.keys: dict[int, Any] = choice_keys(question, options)
        self.current: Any = None
        stacked = any(len(label) > self.WRAP_AT for _v, label in options)
        box = QVBoxLayout() if stacked else FlowLayout()  # short labels wrap onto a new line
        self.row.addLayout(box)
        names = {value: QKeySequence(key).toString() for key, value in self.keys.items()}
        for index, (value, label) in enumerate(options):
            button = QPushButton(label, self)
            button.setCheckable(True)
            button.setMinimumHeight(TOUCH)
            button.setMinimumWidth(72)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if index == 0 else Qt.FocusPolicy.ClickFocus)
            button.setAccessibleName(f"{tr(question.text)}: {tr(label)}")
            if value in names:
                button.setToolTip(tr("Tast {key}", key=names[value]))
            if stacked:
                button.setStyleSheet("text-align: left; padding: 4px 10px;")
            button.clicked.connect(lambda _on, v=value: self.choose(v))
            box.addWidget(button)
            self.buttons.append((value, button))
        self.clear_button = QPushButton(tr("Fjern svar"), self)
        self.clear_button.setFlat(True)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.clear_button.setMinimumHeight(TOUCH)
        self.clear_button.setAccessibleName(tr("{text}: fjern svaret", text=tr(question.text)))
        self.clear_button.setToolTip(tr("Tast Delete"))
        self.clear_button.clicked.connect(self.clear_answer)
        self.row.addStretch(1)
        self.row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        self.clear_button.setVisible(False)

    def choose(self, value: Any) -> None:
        """Store ``value``; choosing the stored answer again changes nothing."""
        changed = value != self.current
        self.set_value(value)
        if changed:
            self.committed.emit(value)

    def clear_answer(self) -> None:
        if self.current is not None:
            self.set_value(None)
            self.committed.emit(None)

    def set_value(self, value: Any) -> None:
        self.current = value
        for v, button in self.buttons:
            button.setChecked(value is not None and v == value)
            button.setText(("✓ " if button.isChecked() else "") + button.text().removeprefix("✓ "))
        self.clear_button.setVisible(value is not None)

    def keyPressEvent(self, event: Any) -> None:
        key = event.key()
        if key in self.keys and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.choose(self.keys[key])
            self.advance.emit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_answer()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.advance.emit()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._move(-1 if key in (Qt.Key.Key_Left, Qt.Key.Key_Up) else 1)
        else:
            super().keyPressEvent(event)

    def _move(self, step: int) -> None:
        widgets = [b for _v, b in self.buttons]
        current = next((i for i, b in enumerate(widgets) if b.hasFocus()), 0)
        widgets[(current + step) % len(widgets)].setFocus()

    def button(self, value: Any) -> QPushButton:
        return next(b for v, b in self.buttons if v == value)

    def focus_target(self) -> QWidget:
        return self.buttons[0][1]


def choice_keys(question: Any, options: list[tuple[Any, str]]) -> dict[int, Any]:
    """Keys that answer: J (or Y in any language) / N for yes/no; digits for choices (the value
    itself when the values are digits, like the balance stages 0–4, else the position 1–5)."""
    if question.type == "yes_no":
        return {Qt.Key.Key_J: True, Qt.Key.Key_Y: True, Qt.Key.Key_N: False}
    values = [v for v, _label in options]
    if all(isinstance(v, str) and len(v) == 1 and v.isdigit() for v in values):
        return {Qt.Key.Key_0 + int(v): v for v in values}
    return {Qt.Key.Key_1 + i: v for i, v in enumerate(values[:9])}


class ChoiceCombo(AnswerInput):
    def __init__(self, question: Any, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.combo = QComboBox()
        self.combo.setMinimumHeight(MIN_HEIGHT)
        self.combo.addItem(tr("— Velg —"), None)
        for option in question.options:
            self.combo.addItem(tr(option.label), option.value)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setAccessibleName(question.text)
        self.row.addWidget(self.combo)
        self.row.addStretch(1)
        self.combo.activated.connect(lambda i: self.committed.emit(self.combo.itemData(i)))

    def set_value(self, value: Any) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))

    def focus_target(self) -> QWidget:
        return self.combo


class MultiChoice(AnswerInput):
    def __init__(self, question: Any, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        from PySide6.QtWidgets import QGridLayout

        grid = QGridLayout()
        self.row.addLayout(grid)
        self.row.addStretch(1)
        self.boxes: list[tuple[str, QCheckBox]] = []
        for i, option in enumerate(question.options):
            box = QCheckBox(tr(option.label))
            box.setMinimumHeight(TOUCH)
            box.setAccessibleName(f"{tr(question.text)}: {tr(option.label)}")
            box.toggled.connect(self._toggled)
            grid.addWidget(box, i // 2, i % 2)
            self.boxes.append((option.value, box))
        self._quiet = False

    def _toggled(self, _on: bool) -> None:
        if not self._quiet:
            chosen = [v for v, b in self.boxes if b.isChecked()]
            self.committed.emit(chosen or None)

    def set_value(self, value: Any) -> None:
        self._quiet = True
        for v, box in self.boxes:
            box.setChecked(bool(value) and v in value)
        self._quiet = False

    def focus_target(self) -> QWidget:
        return self.boxes[0][1] if self.boxes else self


class NumberInput(AnswerInput):
    """Decimal comma accepted; unit next to the field."""

    def __init__(self, question: Any, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.edit = QLineEdit()
        self.edit.setMinimumHeight(MIN_HEIGHT)
        self.edit.setMaximumWidth(140)
        self.edit.setPlaceholderText(tr("helt tall") if question.type == "integer" else tr("f.eks. 12,5"))
        self.edit.setAccessibleName(f"{question.text} ({question.unit})" if question.unit else question.text)
        self.row.addWidget(self.edit)
        if question.unit:
            self.row.addWidget(QLabel(question.unit))
        self.row.addStretch(1)
        self._last = ""
        self.edit.editingFinished.connect(self._finished)
        self.edit.returnPressed.connect(self._enter)

    def _enter(self) -> None:
        self._finished()
        if not self.edit.text().strip() or self.edit.text().strip() == self._last:
            self.advance.emit()

    def _finished(self) -> None:
        text = self.edit.text().strip()
        if text == self._last:
            return
        if not text:
            self._last = ""
            self.committed.emit(None)
            return
        try:
            number: float | int = parse_decimal(text)
        except ValueError:
            self.invalid.emit(tr("Skriv et tall, for eksempel 12,5."))
            return
        if self.question.type == "integer":
            if not float(number).is_integer():
                self.invalid.emit(tr("Svaret må være et helt tall."))
                return
            number = int(number)
        self._last = text
        self.committed.emit(number)

    def put_number(self, number: float | int) -> None:
        """Fill in a result (from a tool) and commit it."""
        self.edit.setText(format_number(number, max(self.question.decimals, 1)))
        self._finished()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else format_number(value, max(self.question.decimals, 1))
        self.edit.setText(text)
        self._last = text

    def focus_target(self) -> QWidget:
        return self.edit


class _PlainText(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


class TextInput(AnswerInput):
    """Multiline text; saved a moment after typing stops and when leaving the field."""

    def __init__(self, question: Any, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.edit = _PlainText()
        self.edit.setAccessibleName(question.text)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(72)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.row.addWidget(self.edit)
        self._last = ""
        self.timer = QTimer(self, singleShot=True, interval=1200, timeout=self.flush)
        self.edit.textChanged.connect(self.timer.start)
        self.edit.focus_lost.connect(self.flush)

    def flush(self) -> None:
        self.timer.stop()
        text = self.edit.toPlainText()
        if text != self._last:
            self._last = text
            self.committed.emit(text if text.strip() else None)

    def set_value(self, value: Any) -> None:
        self._last = value or ""
        self.edit.blockSignals(True)
        self.edit.setPlainText(self._last)
        self.edit.blockSignals(False)

    def focus_target(self) -> QWidget:
        return self.edit


class DateInput(AnswerInput):
    def __init__(self, question: Any, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.edit = DateField()
        self.edit.setAccessibleName(question.text)
        self.edit.setMinimumHeight(MIN_HEIGHT)
        self.row.addWidget(self.edit)
        self.row.addStretch(1)
        self.edit.editingFinished.connect(self._finished)

    def _finished(self) -> None:
        self.committed.emit(self.edit.iso())

    def set_value(self, value: Any) -> None:
        self.edit.set_iso(value)

    def focus_target(self) -> QWidget:
        return self.edit


class PhotoInput(AnswerInput):
    """A button asking the workspace to attach a photo to this question."""

    attach = Signal()

    def __init__(self, question: Any, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.button = QPushButton(tr("Legg ved bilde …"))
        self.button.setAccessibleName(tr("{text}: legg ved bilde", text=question.text))
        self.button.setMinimumHeight(MIN_HEIGHT)
        self.label = QLabel("")
        self.row.addWidget(self.button)
        self.row.addWidget(self.label)
        self.row.addStretch(1)
        self.button.clicked.connect(self.attach)

    def set_value(self, value: Any) -> None:
        self.label.setText(tr("Bilde lagt ved") if value else "")

    def focus_target(self) -> QWidget:
        return self.button


def make_input(question: Any) -> AnswerInput:
    """The right input for a question type (UX: yes/no and ≤ 5 choices as buttons)."""
    match question.type:
        case "yes_no":
            return ChoiceButtons(question, [(True, tr("Ja")), (False, tr("Nei"))])
        case "single_choice" if len(question.options) <= 5:
            return ChoiceButtons(question, [(o.value, tr(o.label)) for o in question.options])
        case "single_choice":
            return ChoiceCombo(question)
        case "multi_choice":
            return MultiChoice(question)
        case "integer" | "decimal" | "measurement":
            return NumberInput(question)
        case "date":
            return DateInput(question)
        case "photo":
            return PhotoInput(question)
    return TextInput(question)
