"""Sign-in dialogs: «Logg inn» and, on the very first start, «Opprett administrator».

Usage (gui/app.py, before the main window loads any data)::

    from boligvurdering.gui.login import sign_in
    ctx = sign_in(paths, parent=None)      # AppContext, or None if the user cancelled
    if ctx is None:
        return 0

Both dialogs call the services (``unlock`` / ``first_start``); after ``exec()`` returns
``Accepted`` the opened context is in ``dialog.context``. Wrong passwords show an inline
message; after repeated failures the button stays disabled with a countdown (the delay is
persisted in keys.json, so restarting does not reset it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.errors import UserError
from boligvurdering.gui.state import WindowState
from boligvurdering.i18n import tr

log = logging.getLogger(__name__)


class _CredentialsDialog(QDialog):
    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.context: Any = None
        self._wait_left = 0
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.message = QLabel("")
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

    def _line(self, label: str, *, secret: bool = False, name: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, edit)
        return edit

    def showEvent(self, event: Any) -> None:
        """Open with the cursor where the hand is: the first empty field (usually «Passord»)."""
        super().showEvent(event)
        edits = [w for w in self.findChildren(QLineEdit) if w.isVisible()]
        target = next((e for e in edits if not e.text()), edits[-1] if edits else None)
        if target is not None:
            target.setFocus()

    @property
    def ok_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _attempt(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def _submit(self) -> None:
        if self._wait_left > 0:
            return
        self.message.setText("")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.context = self._attempt()
        except UserError as exc:
            self.message.setText(str(exc))
            wait = getattr(exc, "wait", 0) or self._pending_wait()
            if wait:
                self._start_wait(wait)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()

    def _pending_wait(self) -> float:
        return 0.0

    def _start_wait(self, seconds: float) -> None:
        self._wait_left = int(seconds + 0.999)
        self.ok_button.setEnabled(False)
        self._timer.start()
        self._tick(first=True)

    def _tick(self, first: bool = False) -> None:
        if not first:
            self._wait_left -= 1
        if self._wait_left <= 0:
            self._timer.stop()
            self.ok_button.setEnabled(True)
            self.message.setText(tr("Du kan prøve igjen nå."))
            return
        self.message.setText(tr("For mange mislykkede forsøk. Vent {n} sekunder og prøv igjen.", n=self._wait_left))


class LoginDialog(_CredentialsDialog):
    """«Logg inn»: user name and password → ``unlock(paths, …)``; the context in ``.context``."""

    def __init__(self, paths: Any, parent: QWidget | None = None,
                 unlock: Callable[..., Any] | None = None) -> None:
        super().__init__(tr("Logg inn – Boligvurdering"),
                         tr("Logg inn med brukernavn og passord. Dataene er kryptert og åpnes først når du er logget inn."),
                         parent)
        self.paths = paths
        self._unlock = unlock
        self.username = self._line(tr("Brukernavn"), name="username")
        self.password = self._line(tr("Passord"), secret=True, name="password")
        self.username.setText(WindowState.load(paths.window_state).last_user)
        self.ok_button.setText(tr("Logg inn"))

    def _attempt(self) -> Any:
        from boligvurdering.services.auth import unlock

        try:
            return (self._unlock or unlock)(self.paths, self.username.text(), self.password.text())
        finally:
            self.password.clear()

    def _pending_wait(self) -> float:
        from boligvurdering.services.auth import wait_seconds

        return wait_seconds(self.paths, self.username.text())


class FirstStartDialog(_CredentialsDialog):
    """«Opprett administrator» on the first start: creates the admin and the encrypted database."""

    def __init__(self, paths: Any, parent: QWidget | None = None) -> None:
        super().__init__(tr("Opprett administrator – Boligvurdering"),
                         tr("Første oppstart: opprett administratoren. Passordet låser opp de krypterte dataene "
                            "og kan ikke gjenskapes – skriv det ned på et trygt sted. Minst 10 tegn."), parent)
        self.paths = paths
        self.full_name = self._line(tr("Fullt navn"), name="full_name")
        self.username = self._line(tr("Brukernavn"), name="username")
        self.password = self._line(tr("Passord"), secret=True, name="password")
        self.repeat = self._line(tr("Gjenta passord"), secret=True, name="repeat")
        self.ok_button.setText(tr("Opprett"))

    def _attempt(self) -> Any:
        from boligvurdering.services.auth import first_start

        if self.password.text() != self.repeat.text():
            raise UserError(tr("Passordene er ikke like."))
        return first_start(self.paths, self.username.text(), self.password.text(), self.full_name.text())


def sign_in(paths: Any, parent: QWidget | None = None) -> Any:
    """Show the right dialog; returns the signed-in ``AppContext`` or ``None`` if cancelled."""
    from boligvurdering.services.auth import needs_first_start

    dialog = FirstStartDialog(paths, parent) if needs_first_start(paths) else LoginDialog(paths, parent)
    QTimer.singleShot(0, lambda: log.info("sign-in window shown"))  # start-time probe (installer/start_time.sh)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    remember_user(paths, dialog.username.text().strip(), parent)
    return dialog.context


def remember_user(paths: Any, username: str, window: Any = None) -> None:
    """Keep the user name for the next sign-in (in the window's state, which it saves on close)."""
    state = getattr(window, "state", None)
    if isinstance(state, WindowState):
        state.last_user = username
    saved = WindowState.load(paths.window_state)
    saved.last_user = username
    saved.save(paths.window_state)
