"""Stopwatch and 30-second counter for the physical tests. The clock is injectable, so
tests drive them without sleeping. One key (Space, on the big button) starts and stops."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from boligvurdering.domain.formatting import format_number
from boligvurdering.i18n import tr

Clock = Callable[[], int]  # milliseconds since some start


def qt_clock() -> Clock:
    timer = QElapsedTimer()
    timer.start()
    return timer.elapsed


def _big(button: QPushButton) -> QPushButton:
    font = button.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    button.setFont(font)
    button.setMinimumHeight(64)
    return button


class _ToolFrame(QFrame):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.layout_ = QVBoxLayout(self)
        self.display = QLabel("0,0 s")
        font = self.display.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.display.setFont(font)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.display)


class Stopwatch(_ToolFrame):
    """Start/stop; ``result(seconds)`` when stopped."""

    result = Signal(float)

    def __init__(self, clock: Clock | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock or qt_clock()
        self.started_at: int | None = None
        self.button = _big(QPushButton(tr("▶ Start (mellomrom)")))
        self.layout_.addWidget(self.button)
        self.timer = QTimer(self, interval=100, timeout=self.tick)
        self.button.clicked.connect(self.toggle)

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def toggle(self) -> None:
        if self.started_at is None:
            self.started_at = self.clock()
            self.button.setText(tr("■ Stopp (mellomrom)"))
            self.timer.start()
            return
        seconds = (self.clock() - self.started_at) / 1000
        self.started_at = None
        self.timer.stop()
        self.display.setText(f"{format_number(round(seconds, 1), 1)} s")
        self.button.setText(tr("▶ Start på nytt (mellomrom)"))
        self.result.emit(round(seconds, 1))

    def tick(self) -> None:
        if self.started_at is not None:
            self.display.setText(f"{format_number(round((self.clock() - self.started_at) / 1000, 1), 1)} s")


class Countdown(_ToolFrame):
    """30 s countdown with a big tap counter; ``result(count)`` when time is up."""

    result = Signal(int)

    def __init__(self, seconds: int = 30, clock: Clock | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock or qt_clock()
        self.seconds = seconds
        self.started_at: int | None = None
        self.count = 0
        self.display.setText(tr("{n} s igjen · 0 reisinger", n=seconds))
        self.button = _big(QPushButton(tr("▶ Start {n} s (mellomrom)", n=seconds)))
        self.layout_.addWidget(self.button)
        self.timer = QTimer(self, interval=100, timeout=self.tick)
        self.button.clicked.connect(self.press)

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def press(self) -> None:
        """Start, or count one more stand while running."""
        if self.started_at is None:
            self.started_at, self.count = self.clock(), 0
            self.button.setText(tr("+1 Reiste seg (mellomrom)"))
            self.timer.start()
        else:
            self.count += 1
        self.tick()

    def tick(self) -> None:
        if self.started_at is None:
            return
        left = self.seconds - (self.clock() - self.started_at) / 1000
        if left <= 0:
            self.started_at = None
            self.timer.stop()
            self.display.setText(tr("Tiden er ute · {n} reisinger", n=self.count))
            self.button.setText(tr("▶ Start {n} s på nytt (mellomrom)", n=self.seconds))
            self.result.emit(self.count)
            return
        self.display.setText(tr("{s} s igjen · {n} reisinger", s=int(left + 0.999), n=self.count))
