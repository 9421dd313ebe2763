"""Client register through the real widgets: search, new client, refusals, new visit."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from boligvurdering.domain.national_id import make_synthetic
from boligvurdering.gui.clients.register import ClientRegisterPage


def _fill(qtbot, page, nid):
    f = page.form.fields.widgets
    qtbot.keyClicks(f["given_name"], "Ærlig Åsmund")
    qtbot.keyClicks(f["family_name"], "Øvrebø")
    qtbot.keyClicks(f["national_id"], nid)
    qtbot.keyClicks(f["address"], "Blåbærveien 3")
    qtbot.keyClicks(f["postal_code"], "5914")
    qtbot.keyClicks(f["postal_place"], "Isdalstø")


def test_wrong_check_digit_is_refused_under_the_field_then_client_is_created(qtbot, ctx):
    page = ClientRegisterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert not page.empty.isHidden()  # empty state explains what to do
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    good = make_synthetic(date(1938, 3, 14), 123, female=False).value
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    _fill(qtbot, page, bad)
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    error = page.form.fields.errors["national_id"]
    assert not error.isHidden() and "⚠" in error.text()
    assert ctx.clients.search("") == []

    nid_edit = page.form.fields.widgets["national_id"]
    nid_edit.clear()
    qtbot.keyClicks(nid_edit, good)
    with qtbot.waitSignal(page.form.created, timeout=2000) as blocker:
        qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].family_name == "Øvrebø"
    assert page.right.currentWidget() is page.card
    assert "Blåbærveien 3" in page.card.facts.text()
    assert not page.card.empty.isHidden()  # «Ingen besøk ennå …»


def test_search_as_you_type_by_name_and_address(qtbot, demo_ctx):
    page = ClientRegisterPage(demo_ctx)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 5
    qtbot.keyClicks(page.search, "skisse")  # address word
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert "Fiksjonsen" in page.model.index(0, 0).data()
    page.search.clear()
    qtbot.keyClicks(page.search, "ingen slik person")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=2000)
    assert "Ingen treff" in page.empty.text()


def test_new_visit_with_a_team_member_added_inline(qtbot, ctx):
    client = ctx.clients.create({"given_name": "Kari", "family_name": "Nordmann",
                                 "national_id": make_synthetic(date(1940, 5, 1), 200, female=True).value},
                                {"address": "Vei 1", "postal_code": "5914"})
    page = ClientRegisterPage(ctx)
    qtbot.addWidget(page)
    page.show_client(client)
    qtbot.mouseClick(page.card.new_visit_button, Qt.MouseButton.LeftButton)
    form = page.right.currentWidget()
    assert not form.team.empty.isHidden()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "teammedlem" in form.error.text()
    qtbot.keyClicks(form.team.new_name, "Ingrid Fjell")
    qtbot.mouseClick(form.team.add_button, Qt.MouseButton.LeftButton)
    assert form.team.rows and form.team.rows[0][3].isChecked()  # first member is the contact
    qtbot.keyClicks(form.reason, "Fall på badet")
    with qtbot.waitSignal(page.open_visit, timeout=2000) as blocker:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    visit = ctx.visits.get(blocker.args[0])
    assert visit.referral_reason == "Fall på badet"
    assert visit.contact.name == "Ingrid Fjell"
    assert page.card.visits.rowCount() == 1


def test_client_corrected_and_a_client_with_visits_deactivated_without_a_question(qtbot, ctx):
    from tests.gui.helpers import new_visit

    visit_id = new_visit(ctx)
    page = ClientRegisterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    client = page.client
    qtbot.mouseClick(page.card.edit_button, Qt.MouseButton.LeftButton)
    assert page.right.currentWidget() is page.form
    assert page.form.fields.widgets["address"].text() == "Prøvevegen 2"
    phone = page.form.fields.widgets["phone"]
    phone.clear()
    qtbot.keyClicks(phone, "41 23 45 67")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    stored = ctx.clients.get(client.id)
    assert stored.phone.replace(" ", "") == "41234567" and stored.given_name == "Astrid"
    assert len(ctx.clients.dwellings(client.id)) == 1  # corrected in place, not a second dwelling

    page.confirm_delete = lambda *_a: pytest.fail("no question when nothing is lost")
    qtbot.mouseClick(page.card.remove_button, Qt.MouseButton.LeftButton)
    assert ctx.clients.get(client.id).active is False
    assert ctx.visits.get(visit_id).client_id == client.id
    assert page.model.rowCount() == 0
