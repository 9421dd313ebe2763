"""Issue #16.3: a section answered by keyboard only, «Neste del», accessible names on every
field, touch scrolling and finger-sized targets."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from tests.gui.conftest import open_window
from tests.gui.helpers import every_page

FIELDS = (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit, QAbstractButton, QAbstractItemView)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return (interface.text(QAccessible.Text.Name) if interface is not None else "").strip()


def unnamed_fields(root: QWidget) -> list[str]:
    """Focusable fields a screen reader could only call «edit» or «button»."""
    found = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # the editor inside a date field or list: named through the field itself
        if (isinstance(widget, FIELDS) and widget.isVisible()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not accessible_name(widget)):
            parent = widget.parentWidget()
            found.append(f"{type(widget).__name__} in {type(parent).__name__ if parent else '-'}")
    return found


def test_every_focusable_field_has_an_accessible_name(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    missing: dict[str, list[str]] = {}
    for name, show in every_page(window):
        show()
        QApplication.processEvents()
        problems = unnamed_fields(window)
        if problems:
            missing[name] = problems
    assert missing == {}


def press(qtbot, ws, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key to whatever has the focus, as the keyboard would send it."""
    target = ws.window().focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def test_a_whole_section_by_keyboard_only(qtbot, ctx, runner):
    from tests.gui.helpers import open_workspace

    ws = open_workspace(qtbot, ctx, runner)
    ws.windowHandle().requestActivate()  # shortcuts need the active window, as on a desktop
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws, timeout=5000)
    assert ws.nav.current_key() == "section:opening_goals"
    ws.focus_step(0)  # the first question of the first part has the focus
    for _ in range(2):  # «Neste del» twice: Mål og samtykke → Bosituasjon → Tre nøkkelspørsmål
        press(qtbot, ws, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert ws.nav.current_key() == "section:falls_key_questions"
    press(qtbot, ws, Qt.Key.Key_J)  # fallen: yes → the follow-ups appear
    press(qtbot, ws, Qt.Key.Key_N)  # unsteady: no
    press(qtbot, ws, Qt.Key.Key_J)  # worries: yes
    qtbot.keyClicks(ws.window().focusWidget(), "2")  # how many falls
    press(qtbot, ws, Qt.Key.Key_Return)
    press(qtbot, ws, Qt.Key.Key_N)  # injured: no
    qtbot.keyClicks(ws.window().focusWidget(), "På badet")
    press(qtbot, ws, Qt.Key.Key_Tab)  # leaves the text (saved) for «Neste del»
    answers = ctx.answers.answers(ws.visit_id)[0]
    assert {k: answers.get(k) for k in ("falls_fallen_past_year", "falls_unsteady", "falls_worries",
                                        "falls_fall_count", "falls_fall_injury", "falls_fall_where")} == {
        "falls_fallen_past_year": True, "falls_unsteady": False, "falls_worries": True,
        "falls_fall_count": 2, "falls_fall_injury": False, "falls_fall_where": "På badet"}
    page = ws.page("section:falls_key_questions").questions
    assert ws.window().focusWidget() is page.next_button
    press(qtbot, ws, Qt.Key.Key_Return)
    assert ws.nav.current_key() == "section:falls_stay_independent"
    assert ws.page("section:falls_stay_independent").questions.rows[0].isAncestorOf(ws.window().focusWidget())


def test_touch_scrolling_and_finger_sized_targets(qtbot, paths):
    from PySide6.QtWidgets import QCheckBox, QPushButton, QScroller

    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    checked = {"scroll": 0, "target": 0}
    for _name, show in every_page(window):
        show()
        QApplication.processEvents()
        for area in window.findChildren(QAbstractScrollArea):
            if area.isVisible():
                assert QScroller.hasScroller(area.viewport()), type(area).__name__
                checked["scroll"] += 1
        for target in window.findChildren(QPushButton) + window.findChildren(QCheckBox):
            if target.isVisible():
                assert target.height() >= 44, target.text()
                checked["target"] += 1
    assert checked["scroll"] > 40 and checked["target"] > 100
