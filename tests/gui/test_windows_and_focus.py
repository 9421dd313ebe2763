"""Issue #16.2: no stray top-level windows, focus in the password field, Ctrl+F on every tab."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMainWindow, QMenu
from tests.gui.conftest import open_window
from tests.gui.helpers import every_page


class WindowWatch(QObject):
    """Records every widget shown as a top-level window that is not a window by design."""

    def __init__(self) -> None:
        super().__init__()
        self.stray: list[str] = []

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show and _stray(obj):
            text = obj.text() if hasattr(obj, "text") and callable(obj.text) else ""
            self.stray.append(f"{type(obj).__name__} {text!r}")
        return False


def _stray(obj) -> bool:
    is_window = getattr(obj, "isWindow", lambda: False)()
    return is_window and not isinstance(obj, QMainWindow | QDialog | QMenu) and not _popup(obj)


def _popup(widget) -> bool:
    flags = widget.windowFlags()
    return bool(flags & Qt.WindowType.Popup == Qt.WindowType.Popup or flags & Qt.WindowType.ToolTip
                == Qt.WindowType.ToolTip or isinstance(widget.parentWidget(), QComboBox))


def test_no_widget_flashes_up_as_its_own_window(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    watch = WindowWatch()
    QApplication.instance().installEventFilter(watch)
    try:
        shown = 0
        for _name, show in every_page(window):
            show()
            QApplication.processEvents()
            shown += 1
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert shown > 30
    assert watch.stray == []


def test_sign_in_and_unlock_open_with_focus_in_the_password(qtbot, paths, ctx):
    from boligvurdering.gui.idle_lock import UnlockDialog
    from boligvurdering.gui.login import LoginDialog

    unlock = UnlockDialog(ctx)
    qtbot.addWidget(unlock)
    unlock.show()
    qtbot.waitExposed(unlock)
    assert unlock.focusWidget() is unlock.password
    (paths.window_state).write_text('{"last_user": "ingrid"}', encoding="utf-8")  # the last sign-in
    login = LoginDialog(paths)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    assert login.username.text() == "ingrid"
    assert login.focusWidget() is login.password


def test_sign_in_remembers_the_user_name(qtbot, paths):
    from boligvurdering.gui.login import LoginDialog, remember_user

    paths.root.mkdir(parents=True, exist_ok=True)
    remember_user(paths, "kari")
    login = LoginDialog(paths)
    qtbot.addWidget(login)
    assert login.username.text() == "kari"


def test_ctrl_f_works_on_every_tab(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    window.activateWindow()
    qtbot.waitActive(window)
    cases = window.tabs.widget(2).cases
    expected = {0: window.clients_page.search, 1: window.clients_page.search, 2: cases.search}
    for tab, search in expected.items():
        window.tabs.setCurrentIndex(tab)
        window.tabs.currentWidget().setFocus()
        qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert window.focusWidget() is search, tab
