"""Stopwatch and 30-second counter for the physical tests. The clock is injectable, so
tests drive them without sleeping. One key (Space, on the big button) starts and stops.

A finished result is never replaced by accident: once a result exists (just measured or
stored earlier), starting again asks first, and «Avbryt» stops a running test without
storing anything."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.formatting import format_number
from boligvurdering.i18n import tr

Clock = Callable[[], int]  # milliseconds since some start


def qt_clock() -> Clock:
    timer = QElapsedTimer()
    timer.start()
    return timer.elapsed


def confirm_restart(parent: QWidget, previous: str) -> bool:
    """Replacing a finished result loses it: ask, with «Nei» as the default."""
    box = QMessageBox.question(
        parent, tr("Måle på nytt?"),
        tr("Resultatet {previous} er lagret. Vil du måle på nytt? Det nye resultatet erstatter det gamle "
           "når målingen er ferdig.", previous=previous),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return box == QMessageBox.StandardButton.Yes


def _big(button: QPushButton) -> QPushButton:
    font = button.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    button.setFont(font)
    button.setMinimumHeight(64)
    return button


def _seconds(value: float) -> str:
    return f"{format_number(round(value, 1), 1)} s"


class _ToolFrame(QFrame):
    """Display, the big start/stop button and a visible «Avbryt»."""

    def __init__(self, start_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.confirm: Callable[[QWidget, str], bool] = confirm_restart
        self.clock: Clock = qt_clock()
        self.started_at: int | None = None
        self.previous: str | None = None  # the finished/stored result, in words
        self.layout_ = QVBoxLayout(self)
        self.display = QLabel("0,0 s", self)
        font = self.display.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.display.setFont(font)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setWordWrap(True)  # «Tiden er ute · 7 reisinger» in big type on a narrow page
        self.layout_.addWidget(self.display)
        buttons = QHBoxLayout()
        self.button = _big(QPushButton(start_text, self))
        self.cancel_button = QPushButton(tr("Avbryt"), self)
        self.cancel_button.setMinimumHeight(64)
        self.cancel_button.setEnabled(False)
        self.cancel_button.setAccessibleName(tr("Avbryt målingen uten å lagre"))
        buttons.addWidget(self.button, 1)
        buttons.addWidget(self.cancel_button)
        self.layout_.addLayout(buttons)
        self.timer = QTimer(self, interval=100, timeout=self.tick)
        self.button.clicked.connect(self.press)
        self.cancel_button.clicked.connect(self.cancel)

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def set_previous(self, text: str | None) -> None:
        """The result already stored for the question (``None`` when unanswered)."""
        if not self.running:
            self.previous = text
            if text is not None:
                self.display.setText(text)
                self.button.setText(self.again_text())

    def may_start(self) -> bool:
        """True unless a finished result exists and the user declines to replace it."""
        return self.previous is None or self.confirm(self, self.previous)

    def _begin(self, running_text: str) -> None:
        self.started_at = self.clock()
        self.button.setText(running_text)
        self.cancel_button.setEnabled(True)
        self.timer.start()

    def _end(self, again_text: str) -> None:
        self.started_at = None
        self.timer.stop()
        self.cancel_button.setEnabled(False)
        self.button.setText(again_text)

    def cancel(self) -> None:
        """Stop without a result; whatever was stored before stays."""
        if self.running:
            self._end(self.again_text())
            self.display.setText(tr("Avbrutt – ingenting lagret"))

    def again_text(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def press(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def tick(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class Stopwatch(_ToolFrame):
    """Start/stop; ``result(seconds)`` when stopped."""

    result = Signal(float)

    def __init__(self, clock: Clock | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("▶ Start (mellomrom)"), parent)
        self.clock = clock or self.clock

    def again_text(self) -> str:
        return tr("▶ Mål på nytt (mellomrom)")

    def press(self) -> None:
        if self.started_at is None:
            if self.may_start():
                self._begin(tr("■ Stopp (mellomrom)"))
            return
        seconds = round((self.clock() - self.started_at) / 1000, 1)
        self._end(self.again_text())
        self.display.setText(_seconds(seconds))
        self.previous = _seconds(seconds)
        self.result.emit(seconds)

    def tick(self) -> None:
        if self.started_at is not None:
            self.display.setText(_seconds((self.clock() - self.started_at) / 1000))


class Countdown(_ToolFrame):
    """30 s countdown with a big tap counter; ``result(count)`` when time is up."""

    result = Signal(int)

    def __init__(self, seconds: int = 30, clock: Clock | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("▶ Start {n} s (mellomrom)", n=seconds), parent)
        self.clock = clock or self.clock
        self.seconds = seconds
        self.count = 0
        self.display.setText(tr("{n} s igjen · 0 reisinger", n=seconds))

    def again_text(self) -> str:
        return tr("▶ Mål {n} s på nytt (mellomrom)", n=self.seconds)

    def press(self) -> None:
        """Start, or count one more stand while running."""
        if self.started_at is None:
            if not self.may_start():
                return
            self.count = 0
            self._begin(tr("+1 Reiste seg (mellomrom)"))
        else:
            self.count += 1
        self.tick()

    def tick(self) -> None:
        if self.started_at is None:
            return
        left = self.seconds - (self.clock() - self.started_at) / 1000
        if left <= 0:
            self._end(self.again_text())
            self.display.setText(tr("Tiden er ute · {n} reisinger", n=self.count))
            self.previous = tr("{n} reisinger", n=self.count)
            self.result.emit(self.count)
            return
        self.display.setText(tr("{s} s igjen · {n} reisinger", s=int(left + 0.999), n=self.count))


def describe(tool: Any, value: Any) -> str | None:
    """A stored answer as the tool would say it (for the restart question)."""
    if value is None:
        return None
    if isinstance(tool, Countdown):
        return tr("{n} reisinger", n=value)
    return _seconds(float(value))
