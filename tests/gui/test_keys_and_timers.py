"""Issue #13 items 2–3: timers never lose a finished result, and keys/clicks never undo answers."""

from PySide6.QtCore import Qt
from tests.gui.helpers import new_visit, open_workspace, section


def stored(ctx, ws):
    return ctx.answers.answers(ws.visit_id)[0]


def run_chair_stand(qtbot, row, clock, stands):
    qtbot.mouseClick(row.tool.button, Qt.MouseButton.LeftButton)  # start
    for _ in range(stands):
        clock.advance(3)
        qtbot.keyClick(row.tool.button, Qt.Key.Key_Space)
    clock.advance(31)
    row.tool.tick()


def test_chair_stand_result_survives_an_extra_space(qtbot, ctx, runner, clock):
    ws = open_workspace(qtbot, ctx, runner, clock=clock)
    row = section(ws, "falls_tests").row("falls_cst_count")
    asked: list[str] = []
    row.tool.confirm = lambda _parent, previous: asked.append(previous) or False
    run_chair_stand(qtbot, row, clock, 7)
    assert "Tiden er ute · 7 reisinger" in row.tool.display.text()
    assert stored(ctx, ws)["falls_cst_count"] == 7
    qtbot.keyClick(row.tool.button, Qt.Key.Key_Space)  # the extra Space
    assert asked == ["7 reisinger"]
    assert not row.tool.running
    clock.advance(31)
    row.tool.tick()
    assert stored(ctx, ws)["falls_cst_count"] == 7
    assert row.input.edit.text() == "7"


def test_confirmed_restart_can_be_cancelled_and_keeps_the_result(qtbot, ctx, runner, clock):
    ws = open_workspace(qtbot, ctx, runner, clock=clock)
    row = section(ws, "falls_tests").row("falls_cst_count")
    run_chair_stand(qtbot, row, clock, 7)
    row.tool.confirm = lambda *_a: True
    assert not row.tool.cancel_button.isEnabled()
    qtbot.keyClick(row.tool.button, Qt.Key.Key_Space)
    assert row.tool.running and row.tool.cancel_button.isEnabled()  # a visible «Avbryt»
    qtbot.mouseClick(row.tool.cancel_button, Qt.MouseButton.LeftButton)
    assert not row.tool.running
    clock.advance(31)
    row.tool.tick()
    assert stored(ctx, ws)["falls_cst_count"] == 7
    qtbot.keyClick(row.tool.button, Qt.Key.Key_Space)  # confirmed, and finished: replaced
    for _ in range(9):
        clock.advance(3)
        qtbot.keyClick(row.tool.button, Qt.Key.Key_Space)
    clock.advance(4)
    row.tool.tick()
    assert stored(ctx, ws)["falls_cst_count"] == 9


def test_stopwatches_ask_before_replacing_a_stored_time(qtbot, ctx, runner, clock):
    visit_id = new_visit(ctx)
    ctx.answers.save(visit_id, "falls_bal_tandem_seconds", 8.5)  # measured at an earlier sitting
    ws = open_workspace(qtbot, ctx, runner, clock=clock, visit_id=visit_id)
    tests = section(ws, "falls_tests")
    for qid, value in (("falls_tug_seconds", None), ("falls_bal_tandem_seconds", 8.5)):
        row = tests.row(qid)
        row.tool.confirm = lambda *_a: False
        row.tool.button.setFocus()
        qtbot.keyClick(row.tool.button, Qt.Key.Key_Space)
        if value is None:  # nothing stored yet: starts at once; Space stops and stores
            assert row.tool.running
            clock.advance(13.04)
            qtbot.keyClick(row.tool.button, Qt.Key.Key_Space)
            value = 13.0
            assert stored(ctx, ws)[qid] == value
            qtbot.keyClick(row.tool.button, Qt.Key.Key_Space)
        assert not row.tool.running  # declined: the stored time stays
        clock.advance(40)
        row.tool.tick()
        assert stored(ctx, ws)[qid] == value


def double_click(qtbot, widget):
    """What the window system delivers for a double-click (QTest's mouseDClick sends only the
    middle event): press, release, double-click press, release."""
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(widget, left)
    qtbot.mouseRelease(widget, left)
    qtbot.mouseDClick(widget, left)
    qtbot.mouseRelease(widget, left)


def test_double_click_on_ja_stores_ja(qtbot, ctx, runner):
    ws = open_workspace(qtbot, ctx, runner)
    choice = section(ws, "falls_key_questions").row("falls_unsteady").input
    double_click(qtbot, choice.button(True))
    assert stored(ctx, ws)["falls_unsteady"] is True
    assert choice.button(True).isChecked()


def test_space_never_unanswers(qtbot, ctx, runner):
    ws = open_workspace(qtbot, ctx, runner)
    choice = section(ws, "falls_key_questions").row("falls_unsteady").input
    yes = choice.button(True)
    yes.setFocus()
    qtbot.keyClick(yes, Qt.Key.Key_Space)
    assert stored(ctx, ws)["falls_unsteady"] is True
    for _ in range(2):
        qtbot.keyClick(yes, Qt.Key.Key_Space)
        assert stored(ctx, ws)["falls_unsteady"] is True
        assert yes.isChecked()


def test_j_n_digits_and_delete_answer(qtbot, ctx, runner):
    ws = open_workspace(qtbot, ctx, runner)
    key = section(ws, "falls_key_questions")
    unsteady = key.row("falls_unsteady").input
    unsteady.focus_target().setFocus()
    qtbot.keyClick(unsteady.focus_target(), Qt.Key.Key_N)
    assert stored(ctx, ws)["falls_unsteady"] is False
    qtbot.keyClick(unsteady.focus_target(), Qt.Key.Key_J)
    assert stored(ctx, ws)["falls_unsteady"] is True
    qtbot.keyClick(unsteady.focus_target(), Qt.Key.Key_Delete)
    assert "falls_unsteady" not in stored(ctx, ws)
    tests = section(ws, "falls_tests")
    stage = tests.row("falls_bal_stage").input
    qtbot.keyClick(stage.focus_target(), Qt.Key.Key_3)  # the stage number itself
    assert stored(ctx, ws)["falls_bal_stage"] == "3"
    appetite = section(ws, "nutrition_mst").row("nutrition_mst_appetite").input
    qtbot.keyClick(appetite.focus_target(), Qt.Key.Key_2)  # position 2
    assert stored(ctx, ws)["nutrition_mst_appetite"] == appetite.buttons[1][0]
