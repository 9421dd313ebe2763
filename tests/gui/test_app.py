"""Start-up, errors on open, first-start demo prompt, restore last visit, crash path, autosave."""

import logging
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt
from tests.gui.conftest import open_window
from tests.gui.helpers import new_visit

from boligvurdering.gui.main_window import MainWindow


def test_first_start_offers_demo_data(qtbot, paths):
    asked = []
    window = open_window(qtbot, paths, ask_demo=lambda parent: asked.append(parent) or True)
    assert asked == [window]
    assert window.clients_page.model.rowCount() == 5
    assert window.tabs.count() == 3
    assert [window.tabs.tabText(i) for i in range(3)] == ["Brukere", "Besøk", "Arbeidsliste"]


def test_declining_demo_leaves_an_empty_register_that_says_what_to_do(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda parent: False)
    assert window.clients_page.model.rowCount() == 0
    assert "Ny bruker" in window.clients_page.empty.text()


def test_a_failure_while_warming_up_is_explained_in_the_window(qtbot, paths, ctx, monkeypatch):
    from boligvurdering.domain.errors import DatabaseError
    from boligvurdering.gui import startup

    def broken(_ctx):
        raise DatabaseError("Databasen er skadet. Gjenopprett fra siste sikkerhetskopi.")

    monkeypatch.setattr(startup, "prepare", broken)
    window = MainWindow(paths, ask_demo=None)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.open_failed, timeout=20_000) as blocker:
        window.start(ctx)
    message = blocker.args[0]
    assert message == "Databasen er skadet. Gjenopprett fra siste sikkerhetskopi."
    assert window.tabs.widget(0).text.text() == message


def test_the_window_only_opens_a_signed_in_context():
    """No unencrypted fallback: ``start`` needs the context that sign-in made (issue #12 item 6)."""
    import inspect

    from boligvurdering.gui import startup

    assert inspect.signature(MainWindow.start).parameters["ctx"].default is inspect.Parameter.empty
    assert not hasattr(startup, "open_data")


def test_ctrl_f_focuses_client_search(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=None)
    window.tabs.setCurrentIndex(1)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    assert window.focusWidget() is window.clients_page.search


def test_close_and_reopen_returns_to_the_last_visit_with_answers(qtbot, paths, ctx):
    visit_id = new_visit(ctx)
    window = open_window(qtbot, paths, ask_demo=None)
    window.open_visit(visit_id)
    ws = window.visits_page.workspace
    ws.nav.select("section:falls_key_questions")
    row = ws.page("section:falls_key_questions").questions.row("falls_fallen_past_year")
    with qtbot.waitSignal(window.saved, timeout=1000):
        qtbot.mouseClick(row.input.button(True), Qt.MouseButton.LeftButton)
    assert window.saved_label.text().startswith("Lagret")
    window.resize(760, 560)
    size_at_close = window.size()
    window.close()

    again = open_window(qtbot, paths, ask_demo=None)
    assert again.tabs.currentIndex() == 1
    ws = again.visits_page.workspace
    assert ws.visit_id == visit_id
    assert ws.nav.current_key() == "section:falls_key_questions"
    row = ws.page("section:falls_key_questions").questions.row("falls_fallen_past_year")
    assert row.input.button(True).isChecked()
    assert again.height() == size_at_close.height()  # width is clamped to the 800 px offscreen screen


def test_crash_handler_logs_and_reports_details(qtbot, caplog):
    from boligvurdering.gui.crash import CrashDialog, CrashHandler

    handler = CrashHandler(show_dialog=False)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR), qtbot.waitSignal(handler.reported, timeout=1000) as blocker:
            handler.report(exc)
    assert "RuntimeError: boom" in blocker.args[0]
    assert "RuntimeError: boom" in caplog.text
    dialog = CrashDialog(blocker.args[0])
    qtbot.addWidget(dialog)
    assert "boom" in dialog.details.toPlainText()


KILL_SCRIPT = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from boligvurdering.gui.app import create_application
    from boligvurdering.gui.workers import TaskRunner
    from boligvurdering.gui.workspace.workspace import VisitWorkspace
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import open_context
    app = create_application()
    ctx = open_context(AppPaths(Path(sys.argv[1])), role="administrator")
    ws = VisitWorkspace(ctx, sys.argv[2], TaskRunner())
    ws.show(); ws.start("section:falls_key_questions")
    row = ws.page("section:falls_key_questions").questions.row("falls_fallen_past_year")
    row.input.button(True).click()
    print("clicked", flush=True)
    app.exec()
""")


def test_answer_survives_kill_minus_nine(paths, ctx, tmp_path):
    visit_id = new_visit(ctx)
    script = tmp_path / "kill_me.py"
    script.write_text(KILL_SCRIPT)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, str(script), str(paths.root), visit_id],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
                            cwd=Path(__file__).resolve().parents[2])
    try:
        assert proc.stdout.readline().strip() == "clicked"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    assert ctx.answers.answers(visit_id)[0]["falls_fallen_past_year"] is True
