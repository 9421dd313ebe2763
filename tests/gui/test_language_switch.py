"""«Vis → Språk og målform»: a new screen language applies at once, the open visit stays open (issue 18)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMenu
from tests.gui.conftest import open_window

from boligvurdering import i18n
from boligvurdering.gui.main_window import TAB_VISITS


@pytest.fixture
def nb_afterwards():
    yield
    i18n.set_ui_language("nb")


def _menu_titles(window) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions() if a.menu() is not None]


def _choose(code: str, monkeypatch):
    def run(dialog) -> int:  # the user picks ``code`` and presses «Lagre»
        dialog.ui.setCurrentIndex(dialog.ui.findData(code))
        assert dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(QDialog, "exec", run)


def test_menus_are_found_by_name_in_every_language(qtbot, demo_ctx, paths, nb_afterwards):
    demo_ctx.close()
    i18n.set_ui_language("en")
    window = open_window(qtbot, paths)
    names = {m.objectName() for m in window.menuBar().findChildren(QMenu) if m.objectName()}
    assert {"menuFile", "menuEdit", "menuView", "menuAdmin", "menuTeam", "menuHelp"} <= names
    view = window.menuBar().findChild(QMenu, "menuView")
    assert view.title() == "&View" and window.language_action in view.actions()


def test_a_new_language_rebuilds_the_window_at_once(qtbot, demo_ctx, paths, monkeypatch, nb_afterwards):
    from boligvurdering.gui.language_dialog import open_language_dialog
    from boligvurdering.services.language import LanguageService

    demo_ctx.close()
    window = open_window(qtbot, paths)
    visit_id = window.ctx.visits.list()[0].id
    window.open_visit(visit_id)
    window.visits_page.workspace.nav.select("rooms")
    assert _menu_titles(window)[:3] == ["Fil", "Rediger", "Vis"]
    window.menu_actions["admin_settings"].trigger()  # an open dialog in the old language is closed
    assert window.admin_dialogs
    _choose("en", monkeypatch)
    open_language_dialog(window)
    assert i18n.ui_language() == "en" and LanguageService(window.ctx).user_language() == "en"
    assert _menu_titles(window)[:3] == ["File", "Edit", "View"]
    assert [window.tabs.tabText(i) for i in range(3)][:2] == ["Clients", "Visits"]
    assert window.tabs.currentIndex() == TAB_VISITS
    workspace = window.visits_page.workspace
    assert workspace is not None and workspace.visit_id == visit_id  # the visit is still open
    assert window.admin_dialogs == {}
    assert window.menuBar().findChild(QMenu, "menuView") is not None  # the rebuilt menus, found again
    # and back: the same dialog, rebuilt menus, no duplicate «Språk og målform» entries
    _choose("nb", monkeypatch)
    open_language_dialog(window)
    view = window.menuBar().findChild(QMenu, "menuView")
    assert _menu_titles(window)[:3] == ["Fil", "Rediger", "Vis"]
    assert [a.text() for a in view.actions()].count("&Språk og målform …") == 1


def test_saving_the_same_language_keeps_the_dialog_open(qtbot, demo_ctx, paths, nb_afterwards):
    from boligvurdering.gui.language_dialog import LanguageDialog

    demo_ctx.close()
    window = open_window(qtbot, paths)
    dialog = LanguageDialog(window.ctx, paths, window)
    qtbot.addWidget(dialog)
    assert dialog.save() and dialog.status.text() == "✓ Lagret." and dialog.result() == 0
