"""Arbeidsliste: a new visit shows without a restart; double-click or Enter opens the case (#13)."""

from PySide6.QtCore import Qt
from tests.gui.conftest import open_window
from tests.gui.helpers import new_visit

from boligvurdering.gui.main_window import TAB_BACKLOG, TAB_VISITS


def show_worklist(qtbot, window):
    backlog = window.backlog
    with qtbot.waitSignal(backlog.loaded, timeout=20_000, check_params_cb=lambda part: part == "cases"):
        window.tabs.setCurrentIndex(TAB_BACKLOG)
    return backlog


def visit_ids(backlog):
    model = backlog.cases.model
    return [str(model.row_at(i).visit_id) for i in range(model.rowCount())]


def test_new_visit_appears_live_and_opens_on_double_click_and_enter(qtbot, paths):
    window = open_window(qtbot, paths)
    backlog = show_worklist(qtbot, window)
    assert visit_ids(backlog) == []
    window.tabs.setCurrentIndex(0)
    visit_id = new_visit(window.ctx)  # created while the window is open
    show_worklist(qtbot, window)
    assert visit_ids(backlog) == [visit_id]

    table = backlog.cases.table
    index = backlog.cases.model.index(0, 1)
    table.setCurrentIndex(index)
    rect = table.visualRect(index)
    # a real double-click: press/release, then the double-click event (QTest sends only the latter)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentIndex() == TAB_VISITS
    assert window.visits_page.workspace.visit_id == visit_id

    backlog = show_worklist(qtbot, window)
    table = backlog.cases.table
    table.setCurrentIndex(backlog.cases.model.index(0, 1))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == TAB_VISITS
    window.close()
