"""«Synkroniser» in the window: enrol, sync with progress, a conflict resolved in the GUI and synced."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

from boligvurdering.services.sync import SyncService


@pytest.fixture
def runner(qapp):
    from boligvurdering.gui.workers import TaskRunner

    task_runner = TaskRunner()
    yield task_runner
    task_runner.wait(20_000)


def _dialog(qtbot, ctx, runner):
    from boligvurdering.gui.sync_dialog import SyncDialog

    dialog = SyncDialog(ctx, None, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_enrol_and_sync_from_the_dialog(qtbot, server, laptop, new_visit, runner):
    ctx = laptop("a", "terapeut")
    new_visit(ctx, 1, "Aasen")
    dialog = _dialog(qtbot, ctx, runner)
    assert dialog.enrol_box.isVisibleTo(dialog) and not dialog.sync_button.isEnabled()
    dialog.server_edit.setText(server.url)
    dialog.password_edit.setText("feil-passord-99")
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Feil brukernavn eller passord" in dialog.status.text(), timeout=20_000)
    dialog.password_edit.setText("sterkt-passord-1")
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Sendt: 1 besøk"), timeout=30_000)
    assert not dialog.enrol_box.isVisibleTo(dialog) and dialog.sync_button.isEnabled()
    assert dialog.password_edit.text() == ""


def test_conflict_resolved_in_the_dialog_reaches_the_other_laptop(qtbot, enrolled, new_visit, runner):
    a, lead = enrolled("a", "terapeut"), enrolled("lead", "leder")
    visit = new_visit(a, 3, "Dahl")
    a.answers.save(visit.id, "falls_tug_seconds", 14.2)
    SyncService(a).run()
    SyncService(lead).run()
    a.answers.save(visit.id, "falls_tug_seconds", 20.0)
    lead.answers.save(visit.id, "falls_tug_seconds", 11.0)
    SyncService(a).run()
    SyncService(lead).run()

    dialog = _dialog(qtbot, lead, runner)
    assert dialog.table.rowCount() == 1
    kept, other = dialog.table.item(0, 1).text(), dialog.table.item(0, 2).text()
    assert kept.startswith("20 (terapeut, ") and other.startswith("11 (leder, ")
    assert dialog.table.item(0, 0).text() == "Timed Up and Go: tid i sekunder"
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Sendt:"), timeout=30_000)
    assert dialog.table.rowCount() == 0
    assert lead.answers.answers(visit.id)[0]["falls_tug_seconds"] == 11.0
    SyncService(a).run()
    assert SyncService(a).conflicts() == []
    assert a.answers.answers(visit.id)[0]["falls_tug_seconds"] == 11.0


def test_visit_field_conflict_resolved_in_the_same_dialog(qtbot, enrolled, new_visit, runner):
    a, lead = enrolled("a", "terapeut"), enrolled("lead", "leder")
    visit = new_visit(a, 16, "Rød")
    SyncService(a).run()
    SyncService(lead).run()
    a.visits.update(visit.id, {"referral_reason": "Fall på badet"})
    lead.visits.update(visit.id, {"referral_reason": "Svimmelhet"})
    SyncService(a).run()
    SyncService(lead).run()

    dialog = _dialog(qtbot, lead, runner)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "Besøk: henvisningsgrunn"
    assert dialog.table.item(0, 1).text().startswith("Fall på badet (terapeut, ")
    assert dialog.table.item(0, 2).text().startswith("Svimmelhet (leder, ")
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Sendt:"), timeout=30_000)
    assert dialog.table.rowCount() == 0
    SyncService(a).run()
    assert SyncService(a).conflicts() == []
    assert a.visits.get(visit.id).referral_reason == "Svimmelhet"


def test_background_sync_in_the_window(qtbot, server, enrolled, new_visit, monkeypatch):
    from tests.gui.conftest import open_window

    ctx = enrolled("a", "terapeut")
    new_visit(ctx, 4, "Eide")
    window = open_window(qtbot, ctx.paths, ctx=ctx)
    window.auto_sync.tick()  # what the timer does every five minutes
    qtbot.waitUntil(lambda: window.auto_sync.label.text().startswith("Synkronisert kl."), timeout=30_000)
    assert SyncService(ctx).run().visits_sent == 0  # the window's sync sent it
    server.kill()
    window.auto_sync.tick()
    qtbot.waitUntil(lambda: window.auto_sync.label.text().startswith("Ikke synkronisert: Får ikke kontakt"),
                    timeout=30_000)


def test_team_lead_gives_a_visit_to_a_colleague_from_the_worklist(qtbot, enrolled, new_visit):
    from boligvurdering.gui.backlog.page import BacklogPage

    therapist, consultant, lead = enrolled("a", "terapeut"), enrolled("b", "konsulent"), enrolled("lead", "leder")
    lead.role = "teamleder"
    visit = new_visit(therapist, 15, "Pedersen")
    SyncService(therapist).run()
    SyncService(lead).run()
    page = BacklogPage(lead)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.cases.model.rowCount() == 1, timeout=20_000)
    page.cases.table.selectRow(0)
    qtbot.mouseClick(page.server_assign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "server_assign_dialog", None) is not None
                    and page.server_assign_dialog.isVisible(), timeout=20_000)
    dialog = page.server_assign_dialog
    names = [dialog.person.itemData(i) for i in range(dialog.person.count())]
    assert names == ["konsulent", "leder", "terapeut"]  # the team on the server, not the other team's user
    dialog.person.setCurrentIndex(names.index("konsulent"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "konsulent får saken" in page.message.text(), timeout=20_000)
    assert SyncService(consultant).run().visits_received == 1
    assert [v.id for v in consultant.visits.list()] == [visit.id]


def test_the_button_is_only_for_a_team_lead_on_an_enrolled_laptop(qtbot, enrolled, laptop):
    from boligvurdering.gui.backlog.page import BacklogPage

    therapist, offline = enrolled("a", "terapeut"), laptop("c", "leder")
    therapist.role, offline.role = "ergoterapeut", "teamleder"
    for ctx in (therapist, offline):
        page = BacklogPage(ctx)
        qtbot.addWidget(page)
        assert page.server_assign_button is None


def test_background_sync_shows_what_an_anonymisation_took(qtbot, enrolled, new_visit):
    from tests.gui.conftest import open_window

    from boligvurdering.services.privacy import anonymise_client

    therapist, lead = enrolled("a", "terapeut"), enrolled("lead", "leder")
    visit = new_visit(therapist, 6, "Ulvik")
    SyncService(therapist).run()
    SyncService(lead).run()
    therapist.visits.update(visit.id, {"referral_reason": "Ulvik ringte igjen"})  # offline, not sent
    anonymise_client(lead, lead.visits.get(visit.id).client_id)
    SyncService(lead).run()
    window = open_window(qtbot, therapist.paths, ctx=therapist)
    window.auto_sync.tick()
    qtbot.waitUntil(lambda: window.auto_sync.label.text().startswith("Synkronisert kl."), timeout=30_000)
    assert "anonymisert" in window.auto_sync.label.text()
    assert "ble ikke lagret på teamserveren" in window.auto_sync.label.toolTip()  # the whole notice
    names = [window.clients_page.model.index(r, 0).data() for r in range(window.clients_page.model.rowCount())]
    assert names == ["Anonymisert"]  # the list shows the anonymised client at once
    if os.environ.get("BV_SHOT"):
        window.resize(1093, 614)
        window.grab().save(os.environ["BV_SHOT"])
    assert therapist.visits.get(visit.id).referral_reason == ""
