"""Administration: settings (kommune + idle lock), access log (check, CSV), user accounts; per role."""

import json

import pytest
from PySide6.QtCore import Qt
from tests.gui.conftest import open_window

from boligvurdering.gui.admin.audit_dialog import AuditDialog, chain_message
from boligvurdering.gui.admin.users_dialog import UsersDialog
from boligvurdering.services.auth import first_start

ADMIN = ("ada", "et-langt-passord-1")


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("role, visible", [("ergoterapeut", set()), ("boligkonsulent", set()),
                                           ("teamleder", {"settings", "audit"}),
                                           ("administrator", {"settings", "audit", "users"})])
def test_admin_menu_by_role(qtbot, paths, role, visible, monkeypatch):
    from boligvurdering.gui import startup

    real = startup.prepare

    def as_role(ctx):
        ctx.role = role
        return real(ctx)

    monkeypatch.setattr(startup, "prepare", as_role)  # MainWindow.start() warms up in prepare()
    window = open_window(qtbot, paths)
    assert set(window.admin_actions) == visible
    titles = [a.text() for a in window.menuBar().actions()]
    assert ("&Administrasjon" in titles) == bool(visible)


def test_settings_saved_and_lock_applied(qtbot, paths):
    window = open_window(qtbot, paths)
    window.lock_when_idle(10)
    window.admin_actions["settings"].trigger()
    dialog = window.admin_dialogs["settings"]
    assert dialog.isVisible()
    dialog.edits["number"].setText("12")
    dialog.edits["grant_cap"].setText("tusen")
    dialog.edits["lock_minutes"].setText("500")
    click(qtbot, dialog.save_button)
    assert "Skriv et tall" in dialog.errors["grant_cap"].text()
    assert "240" in dialog.errors["lock_minutes"].text()
    dialog.edits["grant_cap"].setText("175 000")
    dialog.edits["lock_minutes"].setText("5")
    click(qtbot, dialog.save_button)
    assert "fire sifre" in dialog.errors["number"].text()
    dialog.edits["number"].setText("4631")
    dialog.edits["startlan_rate"].setText("4,25")
    click(qtbot, dialog.save_button)
    assert "Lagret" in dialog.status.text()
    settings = window.ctx.plan.settings()
    assert (settings.number, settings.grant_cap, settings.startlan_rate) == ("4631", 175000.0, 4.25)
    assert json.loads(paths.settings.read_text(encoding="utf-8"))["lock_minutes"] == 5
    assert window.idle_lock._minutes == 5


def test_audit_log_verify_and_export(qtbot, paths, tmp_path):
    ctx = first_start(paths, *ADMIN, "Ada Admin")
    target = tmp_path / "ut" / "logg.csv"
    target.parent.mkdir()
    dialog = AuditDialog(ctx, ask_path=lambda _parent: str(target))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    assert "oppføringer" in dialog.count.text()
    actions = {dialog.model.index(r, 4).data() for r in range(dialog.model.rowCount())}
    assert actions  # e.g. the first start
    with qtbot.waitSignal(dialog.verified, timeout=10_000):
        click(qtbot, dialog.verify_button)
    assert "i orden" in dialog.result.text()
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        click(qtbot, dialog.export_button)
    assert target.exists() and "lagret" in dialog.result.text()
    dialog.ask_path = lambda _parent: str(tmp_path / "finnes-ikke" / "logg.csv")
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        click(qtbot, dialog.export_button)
    assert "Kunne ikke lagre" in dialog.result.text()
    ctx.close()


def test_chain_message_names_the_broken_entry():
    from boligvurdering.security.audit_chain import ChainReport

    ok, text = chain_message(ChainReport(False, 4, 4, "hash"))
    assert not ok and "nr. 4 stemmer ikke" in text and "endret" in text


def test_user_accounts(qtbot, paths):
    ctx = first_start(paths, *ADMIN, "Ada Admin")
    answers = []
    dialog = UsersDialog(ctx, confirm=lambda _p, name: answers.append(name) or True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 1

    qtbot.keyClicks(dialog.username, "kari")
    qtbot.keyClicks(dialog.full_name, "Kari Nordmann")
    dialog.role.setCurrentIndex(dialog.role.findData("ergoterapeut"))
    qtbot.keyClicks(dialog.password, "et-annet-passord-2")
    qtbot.keyClicks(dialog.password2, "et-annet-passord-3")
    click(qtbot, dialog.add_button)
    assert "ikke like" in dialog.add_error.text()
    dialog.password.setText("kort")
    dialog.password2.setText("kort")
    with qtbot.waitSignal(dialog.done, timeout=20_000):
        click(qtbot, dialog.add_button)
    assert dialog.add_error.text() and dialog.model.rowCount() == 1  # the service's rule, inline
    dialog.password.setText("et-annet-passord-2")
    dialog.password2.setText("et-annet-passord-2")
    with qtbot.waitSignal(dialog.done, timeout=20_000):
        click(qtbot, dialog.add_button)
    assert "opprettet" in dialog.status.text(), dialog.add_error.text()
    assert dialog.selected().username == "kari" and dialog.selected().role == "ergoterapeut"

    dialog.new_password.setText("helt-nytt-passord-4")
    dialog.new_password2.setText("helt-nytt-passord-4")
    with qtbot.waitSignal(dialog.done, timeout=20_000):
        click(qtbot, dialog.reset_button)
    assert "Nytt passord" in dialog.status.text()

    with qtbot.waitSignal(dialog.done, timeout=20_000):
        click(qtbot, dialog.deactivate_button)
    assert answers == ["kari"] and dialog.selected().active is False
    assert dialog.model.index(dialog.table.currentIndex().row(), 3).data() == "Deaktivert"

    dialog.table.selectRow(0)  # ada: not oneself
    with qtbot.waitSignal(dialog.done, timeout=20_000):
        click(qtbot, dialog.deactivate_button)
    assert "egen konto" in dialog.list_error.text()
    ctx.close()
