"""Running slow work off the UI thread; results come back by signal on the UI thread."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from boligvurdering.domain.errors import UserError

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task:
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], signals: _Signals) -> None:
        self.fn, self.args, self.signals = fn, args, signals

    def run(self) -> None:  # worker thread: no widgets here, only signals
        try:
            result = self.fn(*self.args)
        except Exception as exc:
            if not isinstance(exc, UserError):
                log.exception("background task failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class _Worker:
    """One long-lived Python thread that runs tasks in order.

    Why not ``QThreadPool``: the store's SQLite engine keeps one connection per Python thread
    (SQLAlchemy's ``SingletonThreadPool``, at most five, closing the others even while they
    are in use). A pool thread started by Qt gets a fresh Python thread state for each task, so
    every task opened a new connection and older ones, including the UI thread's, were closed
    under our feet (segmentation faults). One stable Python thread uses one connection.
    """

    def __init__(self) -> None:
        self.queue: queue.Queue[_Task] = queue.Queue()
        self.pending = 0
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._loop, name="boligvurdering-worker", daemon=True)
        self.thread.start()

    def submit(self, task: _Task) -> None:
        with self.cond:
            self.pending += 1
        self.queue.put(task)

    def _loop(self) -> None:
        while True:
            task = self.queue.get()
            try:
                task.run()
            finally:
                with self.cond:
                    self.pending -= 1
                    self.cond.notify_all()

    def wait(self, msecs: int) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: self.pending == 0, timeout=msecs / 1000)


_WORKER: _Worker | None = None


def shared_worker() -> _Worker:
    global _WORKER
    if _WORKER is None:
        _WORKER = _Worker()
    return _WORKER


class TaskRunner(QObject):
    """Starts background tasks and keeps their signal objects alive until they finish.

    ``on_error`` receives ``UserError`` instances (expected, shown inline); any other
    exception goes to ``unexpected`` (the crash handler) unless ``on_error`` takes everything.
    """

    finished = Signal()

    def __init__(self, parent: QObject | None = None, unexpected: Callable[[BaseException], None] | None = None) -> None:
        super().__init__(parent)
        self._worker = shared_worker()
        self._alive: set[_Signals] = set()
        self.unexpected = unexpected

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> None:
        """Run ``fn(*args)`` in the pool; callbacks run on the UI thread."""
        signals = _Signals()  # created here, so it lives in the UI thread: emits are queued
        self._alive.add(signals)

        def done(result: Any) -> None:
            self._alive.discard(signals)
            if on_done is not None:
                on_done(result)
            self.finished.emit()

        def failed(exc: BaseException) -> None:
            self._alive.discard(signals)
            if isinstance(exc, UserError) and on_error is not None:
                on_error(exc)
            elif self.unexpected is not None:
                self.unexpected(exc)
            elif on_error is not None:
                on_error(exc)
            self.finished.emit()

        signals.done.connect(done)
        signals.failed.connect(failed)
        self._worker.submit(_Task(fn, args, signals))

    @property
    def busy(self) -> bool:
        return bool(self._alive)

    def wait(self, msecs: int = 5000) -> bool:
        """Block until running tasks end (used on shutdown only)."""
        return self._worker.wait(msecs)

    @staticmethod
    def wait_all(msecs: int = 10_000) -> bool:
        """Wait for every runner's tasks (before the database is closed on shutdown)."""
        return shared_worker().wait(msecs)
