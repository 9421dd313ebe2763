"""Login, first-start and screen-lock widgets, driven offscreen through their public API."""

from PySide6.QtWidgets import QLineEdit, QMainWindow

from boligvurdering.gui.idle_lock import IdleLock
from boligvurdering.gui.login import FirstStartDialog, LoginDialog

from .conftest import ADMIN


def test_first_start_dialog_creates_admin(qtbot, paths):
    dialog = FirstStartDialog(paths)
    qtbot.addWidget(dialog)
    dialog.full_name.setText("Ada Admin")
    dialog.username.setText("admin")
    dialog.password.setText("kort")
    dialog.repeat.setText("kort")
    dialog._submit()
    assert dialog.context is None and "minst 10 tegn" in dialog.message.text()
    dialog.password.setText(ADMIN[1])
    dialog.repeat.setText(ADMIN[1])
    dialog._submit()
    assert dialog.context is not None and dialog.context.role == "administrator"
    dialog.context.close()


def test_login_dialog_wrong_password_then_delay(qtbot, paths, secure):
    secure.close()
    dialog = LoginDialog(paths)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    for _ in range(3):
        dialog.password.setText("feil passord 1")
        dialog._submit()
        assert "Feil brukernavn eller passord" in dialog.message.text() or "Vent" in dialog.message.text()
    assert not dialog.ok_button.isEnabled() and "Vent" in dialog.message.text()
    assert dialog.password.text() == ""  # never kept in the widget


def test_idle_lock_hides_and_restores_window_state(qtbot, paths, secure):
    window = QMainWindow()
    edit = QLineEdit("halvskrevet tekst")
    window.setCentralWidget(edit)
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, secure, minutes=0.001)  # 60 ms
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    assert not edit.isVisible()
    assert not lock.try_password("feil passord 1")
    assert lock.is_locked
    assert lock.try_password(ADMIN[1])
    assert edit.isVisible() and edit.text() == "halvskrevet tekst"
    lock.set_minutes(0)
