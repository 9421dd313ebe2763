"""One question: text, input, unit/rule with a red/green verdict in words, help link, error."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from boligvurdering.domain.formatting import format_number
from boligvurdering.gui.widgets import ERROR_STYLE, OK_STYLE, InlineError
from boligvurdering.gui.workspace.inputs import AnswerInput, NumberInput, make_input
from boligvurdering.gui.workspace.tools import describe
from boligvurdering.i18n import tr


def display_value(question: Any, value: Any) -> str:
    """An answer as the user would say it (labels, decimal comma, unit)."""
    if value is None:
        return ""
    if question is None:
        return str(value)
    if isinstance(value, bool):
        return tr("Ja") if value else tr("Nei")
    if question.options:
        labels = {o.value: tr(o.label) for o in question.options}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, str(v)) for v in values)
    if isinstance(value, int | float):
        return f"{format_number(value, max(question.decimals, 1))} {question.unit or ''}".strip()
    return str(value)


LEGAL_FORMS = ("housing", "fire")  # TEK17 and the fire-prevention regulation: legal requirements


def rule_text(question: Any) -> str:
    """«Krav» for a legal requirement, «Norm» for a test's reference value; empty without a rule."""
    if not question.rule:
        return ""
    if question.form_id in LEGAL_FORMS:
        return tr("Krav: {rule}", rule=question.rule)
    return tr("Norm: {rule}", rule=question.rule)


class QuestionRow(QWidget):
    """Emits ``answer(question_id, value)``; the workspace saves and calls back."""

    answer = Signal(str, object)
    attach_photo = Signal(str)

    def __init__(self, question: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.setSpacing(3)
        top = QHBoxLayout()
        self.label = QLabel(tr(question.text) + (" *" if question.required else ""))
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        top.addWidget(self.label, 1)
        self.help_link: QPushButton | None = None
        if question.help:
            text = tr("Hvordan måle?") if tr(question.help).startswith(tr("Hvordan måle?")) else tr("Hjelp")
            self.help_link = QPushButton(text)
            self.help_link.setFlat(True)
            self.help_link.setStyleSheet("text-decoration: underline; color: #0b4f8a;")
            self.help_link.setCheckable(True)
            self.help_link.setAccessibleName(f"{question.text}: {text}")
            top.addWidget(self.help_link)
        layout.addLayout(top)
        self.help = QLabel(tr(question.help).removeprefix(tr("Hvordan måle?")).strip())
        self.help.setWordWrap(True)
        self.help.setStyleSheet("background: #f2f2ee; padding: 6px;")
        self.help.hide()
        layout.addWidget(self.help)
        if self.help_link is not None:
            self.help_link.toggled.connect(self.help.setVisible)
        self.input: AnswerInput = make_input(question)
        layout.addWidget(self.input)
        self.rule = QLabel(rule_text(question), self)
        self.rule.setWordWrap(True)
        layout.addWidget(self.rule)
        self.rule.setVisible(bool(question.rule))
        self.error = InlineError()
        layout.addWidget(self.error)
        self.tool: Any = None
        self.input.committed.connect(lambda value: self.answer.emit(question.id, value))
        self.input.invalid.connect(self.error.show_message)
        if hasattr(self.input, "attach"):
            self.input.attach.connect(lambda: self.attach_photo.emit(question.id))

    def set_value(self, value: Any) -> None:
        self.input.set_value(value)
        if self.tool is not None:
            self.tool.set_previous(describe(self.tool, value))

    def set_status(self, status: tuple[str, str] | None) -> None:
        """Red/green with words, never colour alone."""
        if status is None:
            self.rule.setText(rule_text(self.question))
            self.rule.setStyleSheet("")
            return
        kind, text = status
        self.rule.setText(text)
        self.rule.setStyleSheet(ERROR_STYLE if kind == "fail" else OK_STYLE)
        self.rule.setVisible(True)

    def add_tool(self, tool: QWidget) -> None:
        """Place a stopwatch/counter under the field; its result fills the field."""
        self.tool = tool
        self.layout().insertWidget(self.layout().indexOf(self.input) + 1, tool)
        if isinstance(self.input, NumberInput):
            tool.result.connect(self.input.put_number)

    def focus_input(self) -> None:
        target = self.tool.button if self.tool is not None else self.input.focus_target()
        target.setFocus()
