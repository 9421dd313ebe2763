"""Issue #16.6–7: birth date instead of fødselsnummer in lists, the full number on request;
a menu bar like a Windows program (Fil with «Lås skjermen», Rediger with «Angre siste svar»,
Vis, Administrasjon by role, Hjelp with the shortcuts)."""

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from tests.gui.conftest import open_window

ELEVEN_DIGITS = re.compile(r"\b\d{11}\b")


def test_lists_show_birth_date_and_the_card_the_number_on_request(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    page = window.clients_page
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Født" in headers and "Fødselsnummer" not in headers
    cells = [str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(model.columnCount())]
    assert not any(ELEVEN_DIGITS.search(cell) for cell in cells)
    page.table.selectRow(0)
    client = page.client
    assert client.national_id not in page.card.facts.text()
    assert "fødselsnummer skjult" in page.card.facts.text()
    qtbot.mouseClick(page.card.reveal_button, Qt.MouseButton.LeftButton)  # on request
    assert client.national_id in page.card.facts.text()
    page.table.selectRow(1)  # another client: hidden again
    assert page.client.national_id not in page.card.facts.text()
    assert not page.card.reveal_button.isChecked()


def test_menu_bar_like_a_windows_program(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["Fil", "Rediger", "Vis", "Administrasjon", "Team", "Hjelp"]
    fil = window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in fil.actions() if not a.isSeparator()]
    assert texts == ["Ny bruker", "Nytt besøk", "Importer besøk …", "Eksporter besøket …", "Lås skjermen",
                     "Avslutt"]
    assert window.menu_actions["lock"].shortcut().toString() == "Ctrl+L"
    assert window.menu_actions["undo"].text().replace("&", "") == "Angre siste svar"
    window.menu_actions["new_client"].trigger()
    assert window.clients_page.right.currentWidget() is window.clients_page.form
    window.menu_actions["shortcuts"].trigger()
    assert "Ctrl+L" in window.shortcuts_box.text() and "Ctrl+PgDn" in window.shortcuts_box.text()


def test_administrasjon_only_for_leads(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: False, role="ergoterapeut")
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["Fil", "Rediger", "Vis", "Team", "Hjelp"]


def test_lock_screen_from_the_file_menu(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    window.lock_when_idle(0)
    window.menu_actions["lock"].trigger()
    assert window.idle_lock.is_locked
    assert not window.centralWidget().isVisible()


def test_undo_last_answer_from_the_edit_menu(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    visit_id = window.ctx.visits.list()[0].id
    window.open_visit(visit_id, "section:falls_key_questions")
    workspace = window.visits_page.workspace
    questions = workspace.page("section:falls_key_questions").questions
    before = window.ctx.answers.answers(visit_id)[0].get("falls_worries")
    choice = questions.row("falls_worries").input
    new = not before if before is not None else True
    qtbot.mouseClick(choice.button(new), Qt.MouseButton.LeftButton)
    assert window.ctx.answers.answers(visit_id)[0]["falls_worries"] is new
    window.menu_actions["undo"].trigger()
    assert window.ctx.answers.answers(visit_id)[0].get("falls_worries") == before
    assert choice.current == before  # the page shows it too


def test_text_size_and_risk_panel_from_the_view_menu(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    app = QApplication.instance()
    size = app.font().pointSizeF()
    try:
        window.menu_actions["text_150"].trigger()
        assert app.font().pointSizeF() == size * 1.5
        assert window.state.text_scale == 150
    finally:
        window.menu_actions["text_100"].trigger()
    assert app.font().pointSizeF() == size
    window.open_visit(window.ctx.visits.list()[0].id)
    workspace = window.visits_page.workspace
    window.menu_actions["risk_panel"].setChecked(False)
    assert workspace.risk.isHidden()
    window.menu_actions["risk_panel"].setChecked(True)
    assert not workspace.risk.isHidden()


def test_export_and_import_a_visit_from_the_file_menu(qtbot, paths, tmp_path):
    from boligvurdering.gui.menus import export_visit, import_visits

    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    visit_id = window.ctx.visits.list()[0].id
    window.open_visit(visit_id)
    target = tmp_path / "besok.bvx"
    secret = "korrekt-hest-batteri"
    assert export_visit(window, choose=lambda _parent: str(target), password=lambda: secret) == target
    family_name = window.ctx.visits.list()[0].client_name.split()[-1].encode()
    assert family_name not in target.read_bytes() and b"boligvurdering.visit" not in target.read_bytes()
    outcomes = import_visits(window, choose=lambda _parent: [str(target)], password=lambda: secret)
    assert [(o.status, o.visit_id) for o in outcomes] == [("updated", visit_id)]
    assert "1 besøk importert" in window.statusBar().currentMessage()
