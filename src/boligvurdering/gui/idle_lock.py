"""Screen lock after a period without keyboard or mouse input (default 10 minutes).

Usage (gui/app.py, after the main window is shown)::

    from boligvurdering.gui.idle_lock import IdleLock
    window.idle_lock = IdleLock(window, ctx, minutes=settings.get("lock_minutes", 10))

While locked, the window's central widget is hidden (nothing personal stays on screen) and a
modal dialog asks for the signed-in user's password. Nothing is closed or reloaded: on unlock
the same widgets, with the same state, are shown again. ``lock_now()`` locks at once (e.g. a
menu item «Lås skjermen», Ctrl+L). Signals: ``locked``, ``unlocked``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from boligvurdering.gui.login import _CredentialsDialog
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

DEFAULT_MINUTES = 10
_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
          QEvent.Type.TouchBegin}


class UnlockDialog(_CredentialsDialog):
    """Asks the signed-in user for their password; ``Cancel`` is not offered (close the program instead)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("Skjermen er låst"),
                         tr("Skjermen ble låst fordi den ikke var i bruk. Skriv passordet til {u} for å fortsette.",
                            u=ctx.actor), parent)
        self.ctx = ctx
        self.password = self._line(tr("Passord"), secret=True, name="password")
        self.ok_button.setText(tr("Lås opp"))
        self.buttons.rejected.disconnect()
        self.buttons.rejected.connect(lambda: None)

    def _attempt(self) -> Any:
        from boligvurdering.services.auth import confirm_password

        try:
            confirm_password(self.ctx, self.password.text())
        finally:
            self.password.clear()
        return self.ctx

    def reject(self) -> None:  # Esc must not unlock
        pass


class IdleLock(QObject):
    """Watches application-wide input; locks ``window`` after ``minutes`` without any."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, ctx: AppContext, minutes: float = DEFAULT_MINUTES) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.is_locked = False
        self.dialog: UnlockDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.lock_now)
        self.set_minutes(minutes)
        QApplication.instance().installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        """Change the idle time (0 turns the lock off)."""
        self._minutes = minutes
        if minutes > 0:
            self._timer.start(int(minutes * 60_000))
        else:
            self._timer.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self.is_locked and event.type() in _INPUT and self._minutes > 0:
            self._timer.start()
        return False

    def lock_now(self) -> None:
        if self.is_locked:
            return
        self.is_locked = True
        central = self.window.centralWidget()
        self._was_visible = central.isVisible() if central is not None else False
        if central is not None:
            central.setVisible(False)
        self.locked.emit()
        self.dialog = UnlockDialog(self.ctx, self.window)
        self.dialog.accepted.connect(self._unlock)
        self.dialog.open()  # window-modal, returns at once; the event loop keeps running

    def _unlock(self) -> None:
        central = self.window.centralWidget()
        if central is not None and self._was_visible:
            central.setVisible(True)
        self.is_locked = False
        self.dialog = None
        if self._minutes > 0:
            self._timer.start()
        self.unlocked.emit()

    def try_password(self, password: str) -> bool:
        """Unlock programmatically (tests): True if the password was accepted."""
        if self.dialog is None:
            return True
        self.dialog.password.setText(password)
        self.dialog._submit()
        return not self.is_locked


__all__ = ["DEFAULT_MINUTES", "IdleLock", "UnlockDialog"]
