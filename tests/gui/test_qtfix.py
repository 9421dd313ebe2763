"""The work-around for the binding's reference leaks keeps None/True/False alive."""

import sys

from PySide6.QtCore import QObject, Signal

from boligvurdering.gui.qtfix import protect_none


class _Emitter(QObject):
    fired = Signal(object)


def test_many_void_calls_and_bool_emits_do_not_abort(qapp):
    protect_none()
    probe = _Emitter()
    probe.fired.connect(lambda _v: None)
    for i in range(20_000):  # more than the natural reference count of True (~1 000)
        probe.setObjectName("")
        probe.fired.emit(i % 2 == 0)
    assert sys.getrefcount(None) > 0
