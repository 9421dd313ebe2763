"""One running instance per data folder: an OS lock on ``paths.lock_file``.

The OS drops the lock when the process dies (even on SIGKILL), so a crash never leaves a
stale lock behind.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import tr


class AlreadyRunning(UserError):
    def __init__(self) -> None:
        super().__init__(tr("Boligvurdering er allerede åpen med denne datamappen. "
                            "Bruk vinduet som er åpent, eller lukk det først."))


class InstanceLock:
    """Exclusive, non-blocking lock; use as a context manager or call acquire/release."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fh = None

    def acquire(self) -> InstanceLock:
        fh = open(self.path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        try:
            if sys.platform == "win32":
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise AlreadyRunning() from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()).encode())
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is None:
            return
        try:
            if sys.platform == "win32":
                import msvcrt

                self._fh.seek(0)
                msvcrt.locking(self._fh.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
        finally:
            self._fh.close()
            self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
