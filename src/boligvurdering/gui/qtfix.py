"""Work-around for a reference-count bug seen with PySide6 6.12.0 on CPython 3.11.

Every call of a Qt method that returns nothing (``setText``, ``processEvents`` …) takes one
reference from ``None`` without giving it back. Python 3.11 counts references to ``None``
(3.12+ does not: it is immortal there), so after some thousand calls the interpreter aborts
with «Fatal Python error: none_dealloc». We detect the leak with a probe and, only if it is
there, give ``None`` a reference count so large it cannot reach zero — what Python 3.12 does.
Remove this once the binding is fixed (the probe then finds nothing and does nothing).
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)
_applied = False


def none_leaks() -> bool:
    """True when a void Qt call loses a reference to ``None``."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("")
    return sys.getrefcount(None) - before <= -32


def protect_none() -> bool:
    """Apply the work-around if needed (once); returns whether it was applied."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or not none_leaks():
        return _applied
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _applied = True
    log.warning("PySide6 None reference leak detected; work-around applied")
    return True
