"""Access details for the fire service (key box, relative, best time) typed in the fire part of the visit."""

from PySide6.QtCore import Qt
from tests.gui.helpers import open_workspace, section


def test_access_details_are_typed_in_the_fire_part_and_saved(qtbot, ctx, runner):
    ws = open_workspace(qtbot, ctx, runner)
    access = section(ws, "fire_access")
    assert access.row("fire_access_key_box_where").isHidden()  # asked only when there is a key box
    qtbot.mouseClick(access.row("fire_access_key_box").input.button(True), Qt.MouseButton.LeftButton)
    assert not access.row("fire_access_key_box_where").isHidden()
    typed = {"fire_access_key_box_where": "Ved garasjedøra", "fire_access_relative_name": "Kari Testesen (datter)",
             "fire_access_relative_phone": "90 00 00 01", "fire_access_best_time": "Formiddag"}
    for qid, text in typed.items():
        field = access.row(qid).input
        field.edit.setFocus()
        qtbot.keyClicks(field.edit, text)
        field.flush()
    answers = ctx.answers.answers(ws.visit_id)[0]
    assert answers["fire_access_key_box"] is True
    assert {k: answers.get(k) for k in typed} == typed
