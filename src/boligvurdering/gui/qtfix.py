"""Work-around for reference-count bugs seen with PySide6 6.12.0 on CPython 3.11.

1. Every call of a Qt method that returns nothing (``setText``, ``processEvents`` …) takes one
   reference from ``None`` without giving it back.
2. Emitting ``True``/``False`` through a ``Signal(object)`` takes one reference from the bool.

Python 3.11 counts references to these singletons (3.12+ does not: they are immortal there),
so after some thousand calls the interpreter aborts with «Fatal Python error: none_dealloc»
(or ``bool_dealloc``). We detect the leaks with probes and, only if present, give the affected
singletons a reference count so large it cannot reach zero — what Python 3.12 does for them.
Remove this once the binding is fixed (the probes then find nothing and nothing is changed).
Checked 2026-11: on 3.11 both probes still find the leaks; on 3.12 (what the installer bundle is
built with, installer/check_bundle.sh) they find none, so there this is a no-op. It stays for the
3.11 runs (the default development and CI interpreter).
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)
_applied: set[str] = set()
_BALLAST = 1 << 40


def none_leaks() -> bool:
    """True when a void Qt call loses a reference to ``None``."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("")
    return sys.getrefcount(None) - before <= -32


def bool_leaks() -> bool:
    """True when emitting a bool as ``object`` loses a reference to it."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        fired = Signal(object)

    probe = _Probe()
    probe.fired.connect(lambda _v: None)
    before = sys.getrefcount(True)
    for _ in range(64):
        probe.fired.emit(True)
    return sys.getrefcount(True) - before <= -32


def _immortalise(obj: object) -> None:
    ctypes.c_ssize_t.from_address(id(obj)).value += _BALLAST


def protect_none() -> bool:
    """Apply the work-arounds that are needed (once each); returns whether any is active."""
    if sys.version_info >= (3, 12):
        return False
    if "none" not in _applied and none_leaks():
        _immortalise(None)
        _applied.add("none")
        log.warning("PySide6 None reference leak detected; work-around applied")
    if "bool" not in _applied and bool_leaks():
        _immortalise(True)
        _immortalise(False)
        _applied.add("bool")
        log.warning("PySide6 bool reference leak detected; work-around applied")
    return bool(_applied)
