"""Fields the documents print, typed in the window: fastlege, gnr/bnr, household members with incomes."""

from datetime import date

from PySide6.QtCore import Qt
from tests.gui.helpers import new_visit
from tests.gui.test_measures import _page

from boligvurdering.domain.national_id import make_synthetic
from boligvurdering.gui.clients.register import ClientRegisterPage


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_fastlege_and_cadastre_typed_in_the_client_form_are_saved(qtbot, ctx):
    page = ClientRegisterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    click(qtbot, page.new_button)
    f = page.form.fields.widgets
    for key, text in (("given_name", "Ærlig Åsmund"), ("family_name", "Øvrebø"),
                      ("national_id", make_synthetic(date(1938, 3, 14), 123, female=False).value),
                      ("address", "Blåbærveien 3"), ("postal_code", "5914"), ("postal_place", "Isdalstø"),
                      ("gp_name", "Dr. Kari Lege"), ("gnr", "137"), ("bnr", "4x")):
        qtbot.keyClicks(f[key], text)
    click(qtbot, page.form.save_button)  # «4x» is no bruksnummer: refused under the field
    assert "Bruksnummer må være et helt tall" in page.form.fields.errors["bnr"].text()
    assert ctx.clients.search("") == []
    f["bnr"].clear()
    qtbot.keyClicks(f["bnr"], "45")
    with qtbot.waitSignal(page.form.created, timeout=2000) as blocker:
        click(qtbot, page.form.save_button)
    client = ctx.clients.get(blocker.args[0].id)
    dwelling = ctx.clients.dwellings(client.id)[0]
    assert client.gp_name == "Dr. Kari Lege" and (dwelling.gnr, dwelling.bnr) == ("137", "45")

    click(qtbot, page.card.edit_button)  # correcting shows what is stored, and keeps it
    assert f["gp_name"].text() == "Dr. Kari Lege" and f["gnr"].text() == "137"
    f["gp_name"].clear()
    qtbot.keyClicks(f["gp_name"], "Dr. Per Fastlege")
    click(qtbot, page.form.save_button)
    assert ctx.clients.get(client.id).gp_name == "Dr. Per Fastlege"
    assert ctx.clients.dwellings(client.id)[0].bnr == "45"


def test_household_members_with_incomes_typed_in_the_finance_part(qtbot, ctx, runner):
    visit_id = new_visit(ctx)
    page = _page(qtbot, ctx, runner, visit_id)
    page.resize(1093, 614)
    page.tabs.setCurrentIndex(page.TAB_FINANCE)
    members = page.finance.household.co_residents
    name, relation, income = members.add_row()
    qtbot.keyClicks(name, "Einar Øvrebø")
    qtbot.keyClicks(relation, "ektefelle")
    qtbot.keyClicks(income, "265 000")
    click(qtbot, members.save_button)
    stored = ctx.plan.household(visit_id)["co_residents"]
    assert stored == [{"name": "Einar Øvrebø", "relation": "ektefelle", "income_year": 265000}]

    name, _relation, income = members.add_row()
    qtbot.keyClicks(income, "mye")  # no amount: refused, what was stored stays
    click(qtbot, members.save_button)
    assert "må være et beløp" in members.error.text()
    qtbot.keyClicks(name, "Siri")
    income.clear()
    click(qtbot, members.save_button)
    assert [p["name"] for p in ctx.plan.household(visit_id)["co_residents"]] == ["Einar Øvrebø", "Siri"]
    name, _relation, income = members.add_row()
    qtbot.keyClicks(income, "100 000")  # a person without a name: the service refuses
    click(qtbot, members.save_button)
    assert "navn" in members.error.text()
    assert len(ctx.plan.household(visit_id)["co_residents"]) == 2

    members.load()  # what the window shows after a restart
    assert [r[0].text() for r in members.rows] == ["Einar Øvrebø", "Siri"]
    assert members.rows[0][2].text().replace("\xa0", " ") == "265 000"
    assert not runner.errors
