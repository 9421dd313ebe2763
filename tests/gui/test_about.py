"""«Hjelp → Om Boligvurdering»: version, data folder and the licences of what is bundled (issue #11.6)."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu
from tests.gui.conftest import open_window

from boligvurdering import __version__
from boligvurdering.gui.about import AboutDialog


def test_about_shows_version_data_folder_and_licences(qtbot, paths):
    dialog = AboutDialog(paths)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Om Boligvurdering"
    assert str(paths.root) in dialog.facts.text() and "Proprietær" in dialog.facts.text()
    notices = dialog.notices.toPlainText()
    assert f"Boligvurdering {__version__}" in notices
    for component, licence in (("PySide6_Essentials", "LGPL-3.0"), ("pikepdf", "MPL-2.0"),
                               ("DejaVu fonts", "Bitstream"), ("reportlab", "BSD")):
        row = next(row for row in notices.splitlines() if row.strip().startswith(component))
        assert licence in row or licence in notices.split(row, 1)[1][:3000], (component, licence)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in notices and "Mozilla Public License" in notices


def test_help_menu_opens_about(qtbot, paths, monkeypatch):
    window = open_window(qtbot, paths)
    menus = {m.title().replace("&", ""): m for m in window.menuBar().findChildren(QMenu)}
    help_menu = menus["Hjelp"]
    action = next(a for a in help_menu.actions() if a.text().startswith("&Om"))
    assert action.text().replace("&", "") == "Om Boligvurdering …"
    shown = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self.windowTitle()) or 0)
    action.trigger()
    assert shown == ["Om Boligvurdering"]
