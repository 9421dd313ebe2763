"""Running slow work off the UI thread; results come back by signal on the UI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from boligvurdering.domain.errors import UserError

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], signals: _Signals) -> None:
        super().__init__()
        self.fn, self.args, self.signals = fn, args, signals

    def run(self) -> None:  # worker thread: no widgets here, only signals
        try:
            result = self.fn(*self.args)
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the UI thread
            if not isinstance(exc, UserError):
                log.exception("background task failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_POOL: QThreadPool | None = None


def shared_pool() -> QThreadPool:
    """One long-lived worker thread for every runner: background work runs in order.

    The store's SQLite engine keeps one connection per thread (SQLAlchemy's
    ``SingletonThreadPool``, five at most, closing others even while in use). With two
    workers querying at once we saw segmentation faults in tests; one thread that never
    expires avoids both. Revisit when the store uses a per-file connection pool.
    """
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
        _POOL.setExpiryTimeout(-1)
    return _POOL


class TaskRunner(QObject):
    """Starts background tasks and keeps their signal objects alive until they finish.

    ``on_error`` receives ``UserError`` instances (expected, shown inline); any other
    exception goes to ``unexpected`` (the crash handler) unless ``on_error`` takes everything.
    """

    finished = Signal()

    def __init__(self, parent: QObject | None = None, unexpected: Callable[[BaseException], None] | None = None) -> None:
        super().__init__(parent)
        self._pool = shared_pool()
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
        self._pool.start(_Task(fn, args, signals))

    @property
    def busy(self) -> bool:
        return bool(self._alive)

    def wait(self, msecs: int = 5000) -> bool:
        """Block until running tasks end (used on shutdown only)."""
        return self._pool.waitForDone(msecs)

    @staticmethod
    def wait_all(msecs: int = 10_000) -> bool:
        """Wait for every runner's tasks (before the database is closed on shutdown)."""
        return shared_pool().waitForDone(msecs)
