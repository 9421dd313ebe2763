"""Issue #16.1: every page fits a 1366×768 laptop at 125 % (1093×614 logical px), with the risk
panel shown or hidden; choice buttons are never cut."""

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea
from tests.gui.conftest import open_window
from tests.gui.helpers import every_page

WIDTH, HEIGHT = 1093, 614


@pytest.fixture(autouse=True)
def app_font(qapp):
    """Measure with the font the program really uses (the bundled DejaVu Sans, 10 pt)."""
    from boligvurdering.gui.app import load_font

    load_font(qapp)


def clipped_choice_buttons(window):
    from boligvurdering.gui.workspace.inputs import ChoiceButtons

    return [button.text() for choice in window.findChildren(ChoiceButtons) if choice.isVisible()
            for _value, button in choice.buttons if button.width() < button.sizeHint().width()]


def horizontal_scrolling(window):
    return [type(area).__name__ for area in window.findChildren(QScrollArea)
            if area.isVisible() and area.horizontalScrollBar().maximum() > 0]


@pytest.mark.parametrize("risk_hidden", [False, True])
def test_main_window_fits_1093_on_every_page(qtbot, paths, risk_hidden):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    window.resize(WIDTH, HEIGHT)
    checked = 0
    for name, show in every_page(window):
        show()
        workspace = window.visits_page.workspace
        if workspace is not None:
            workspace.risk_toggle.setChecked(risk_hidden)
        QApplication.processEvents()
        assert window.minimumSizeHint().width() <= WIDTH, name
        assert window.minimumSizeHint().height() <= HEIGHT, name
        assert window.width() <= WIDTH, name
        assert horizontal_scrolling(window) == [], name
        assert clipped_choice_buttons(window) == [], name
        checked += 1
    assert checked > 30  # tabs, backlog tabs and every part of the visit, rooms included


def test_long_choice_labels_stand_in_a_column(qtbot, ctx, runner):
    from tests.gui.helpers import open_workspace, section

    ws = open_workspace(qtbot, ctx, runner)
    ws.resize(WIDTH, HEIGHT)
    stage = section(ws, "falls_tests").row("falls_bal_stage").input
    QApplication.processEvents()
    first, second = stage.buttons[0][1], stage.buttons[1][1]
    assert second.y() > first.y()  # a column, not a row running off the page
    assert first.width() >= first.sizeHint().width()
    assert not any(isinstance(a, QAbstractScrollArea) and a.horizontalScrollBar().maximum() > 0
                   for a in ws.findChildren(QScrollArea) if a.isVisible())
