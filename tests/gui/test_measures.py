"""Measures & plan: proposals, own measure, reject needs a reason, cost, totals at the bottom."""

from PySide6.QtCore import Qt
from tests.gui.helpers import new_visit

from boligvurdering.gui.workspace.measures import MeasuresPage


def test_propose_accept_reject_and_cost(qtbot, ctx):
    visit_id = new_visit(ctx)
    room = ctx.visits.add_room(visit_id, "entrance")
    ctx.answers.save(visit_id, "housing_entrance_threshold_mm", 40, room_id=room.id)
    page = MeasuresPage(ctx, visit_id, None)
    qtbot.addWidget(page)
    page.refresh()
    assert not page.empty.isHidden()
    qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() >= 1
    qtbot.keyClicks(page.new_title, "Flytte sengen")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.current().title == "Flytte sengen"

    qtbot.mouseClick(page.editor.reject_button, Qt.MouseButton.LeftButton)
    assert "avvises" in page.editor.error.text()
    qtbot.keyClicks(page.editor.reject_reason, "Brukeren vil ikke")
    qtbot.mouseClick(page.editor.reject_button, Qt.MouseButton.LeftButton)
    assert page.current().status == "rejected"

    page.table.selectRow(0)
    qtbot.mouseClick(page.editor.accept_button, Qt.MouseButton.LeftButton)
    assert page.current().status == "accepted"
    edit = page.editor.edits["quote_amount"]
    edit.setText("4 500")
    edit.editingFinished.emit()
    assert page.current().quote_amount == 4500.0
    assert "Sum tiltak" in page.totals.text() and "gap" in page.totals.text()
