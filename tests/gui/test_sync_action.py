"""The window's «Team → Synkroniser …» action opens the sync dialog (not enrolled: the enrol form)."""

from tests.gui.conftest import open_window


def test_sync_action_opens_the_dialog(qtbot, paths):
    window = open_window(qtbot, paths)
    assert window.sync_action.text() == "&Synkroniser …"
    assert window.sync_action.shortcut().toString() == "Ctrl+Shift+S"
    window.sync_action.trigger()
    dialog = window.admin_dialogs["sync"]
    assert dialog.isVisible() and dialog.enrol_box.isVisible()
    assert not dialog.sync_button.isEnabled()
    dialog.server_edit.setText("http://bv.kommune.no")
    dialog.enrol()
    qtbot.waitUntil(lambda: "https://" in dialog.status.text(), timeout=10_000)
