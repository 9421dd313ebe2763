"""A page of questions (one section, or a room's sections) rendered from the registry."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.gui.widgets import heading
from boligvurdering.gui.workspace.inputs import TOUCH
from boligvurdering.gui.workspace.question_row import QuestionRow
from boligvurdering.gui.workspace.tools import Countdown, Stopwatch
from boligvurdering.i18n import tr


class QuestionsView(QWidget):
    """Rows for the questions of some sections; saves through the controller."""

    saved = Signal()
    next_part = Signal()  # «Neste del»: the workspace opens the next part of the visit

    def __init__(self, controller: Any, sections: list[Any], room_id: str | None = None,
                 parent: QWidget | None = None, clock: Any = None) -> None:
        super().__init__(parent)
        self.controller, self.room_id = controller, room_id
        self.rows: list[QuestionRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for section in sections:
            if len(sections) > 1 or room_id is not None:
                layout.addWidget(heading(tr(section.title), 12))
            if section.help:
                intro = QLabel(tr(section.help))
                intro.setWordWrap(True)
                layout.addWidget(intro)
            for question in section.questions:
                row = self._make_row(question, clock)
                layout.addWidget(row)
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                line.setStyleSheet("color: #dddddd;")
                layout.addWidget(line)
        self.next_button = QPushButton(tr("Neste del →"), self)
        self.next_button.setToolTip(tr("Ctrl+PgDn"))
        self.next_button.setMinimumHeight(TOUCH)
        self.next_button.setAutoDefault(True)  # Enter presses it, like Space
        self.next_button.clicked.connect(self.next_part)
        layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)

    def _make_row(self, question: Any, clock: Any) -> QuestionRow:
        row = QuestionRow(question)
        if question.tool == "stopwatch":
            row.add_tool(Stopwatch(clock))
        elif question.tool == "countdown30":
            row.add_tool(Countdown(30, clock))
        row.answer.connect(lambda qid, value, row=row: self.save(row, value))
        row.input.advance.connect(lambda: self.focus_step(1))
        self.rows.append(row)
        return row

    def row(self, question_id: str) -> QuestionRow:
        return next(r for r in self.rows if r.question.id == question_id)

    def save(self, row: QuestionRow, value: Any) -> None:
        try:
            self.controller.save(row.question.id, value, self.room_id)
        except InvalidValue as exc:
            row.error.show_message(self.controller.refused_message(exc, row.question.id, self.room_id))
            return
        except Exception:
            # never pretend an answer was kept: say so here, details go to the crash handler
            row.error.show_message(tr("Svaret ble ikke lagret på grunn av en uventet feil. Prøv igjen."))
            raise
        row.error.show_message("")
        self.update_state()
        self.saved.emit()

    def refresh(self) -> None:
        """Values from the controller's cache, then visibility and verdicts."""
        for row in self.rows:
            row.set_value(self.controller.value(row.question.id, self.room_id))
        self.update_state()

    def update_state(self) -> None:
        for row in self.rows:
            row.setVisible(self.controller.visible(row.question, self.room_id))
            if row.question.type in ("integer", "decimal", "measurement"):
                row.set_status(self.controller.measurement_status(row.question, self.room_id))

    def focus_step(self, delta: int) -> None:
        """Move to the next/previous visible question (Alt+Down/Up, Enter); past the last one
        the focus goes to «Neste del»."""
        visible = [r for r in self.rows if not r.isHidden()]
        if not visible:
            return
        focus = self.window().focusWidget() or QApplication.focusWidget()
        current = next((i for i, r in enumerate(visible) if focus is not None and r.isAncestorOf(focus)), None)
        if current is not None and current + delta >= len(visible):
            target: QWidget = self.next_button  # past the last question: «Neste del»
            target.setFocus()
        else:
            index = 0 if current is None else max(0, min(len(visible) - 1, current + delta))
            target = visible[index]
            target.focus_input()
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(target)


def scroll_page(title: str, body: QWidget, subtitle: str = "") -> QScrollArea:
    """A titled, scrollable page around ``body``."""
    inner = QWidget()
    layout = QVBoxLayout(inner)
    layout.addWidget(heading(title, 15))
    if subtitle:
        sub = QLabel(subtitle)
        sub.setWordWrap(True)
        layout.addWidget(sub)
    layout.addWidget(body)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(inner)
    return scroll


class SectionPage(QScrollArea):
    """One visit-level section."""

    def __init__(self, controller: Any, section: Any, form_title: str, clock: Any = None) -> None:
        super().__init__()
        self.questions = QuestionsView(controller, [section], clock=clock)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(QLabel(form_title))
        layout.addWidget(heading(tr(section.title), 15))
        layout.addWidget(self.questions)
        note = QLabel(tr("Svarene lagres med en gang. * betyr at spørsmålet bør besvares."))
        note.setStyleSheet("color: #555555;")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(inner)

    def refresh(self) -> None:
        self.questions.refresh()
