"""Measures & plan: proposals, own measure, reject needs a reason, cost, totals at the bottom;
household economy autosaved, ramp and financing plan recomputed in the background."""

from PySide6.QtCore import Qt
from tests.gui.helpers import new_visit

from boligvurdering.gui.workspace.measures import MeasuresPage


def _page(qtbot, ctx, runner, visit_id):
    page = MeasuresPage(ctx, visit_id, None, runner=runner)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        page.refresh()
    return page


def test_propose_accept_reject_and_cost(qtbot, ctx, runner):
    visit_id = new_visit(ctx)
    room = ctx.visits.add_room(visit_id, "entrance")
    ctx.answers.save(visit_id, "housing_entrance_threshold_mm", 40, room_id=room.id)
    page = _page(qtbot, ctx, runner, visit_id)
    assert not page.empty.isHidden()
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() >= 1
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        qtbot.keyClicks(page.new_title, "Flytte sengen")
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.current().title == "Flytte sengen"

    qtbot.mouseClick(page.editor.reject_button, Qt.MouseButton.LeftButton)
    assert "avvises" in page.editor.error.text()
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        qtbot.keyClicks(page.editor.reject_reason, "Brukeren vil ikke")
        qtbot.mouseClick(page.editor.reject_button, Qt.MouseButton.LeftButton)
    assert page.current().status == "rejected"

    page.table.selectRow(0)
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        qtbot.mouseClick(page.editor.accept_button, Qt.MouseButton.LeftButton)
    assert page.current().status == "accepted"
    edit = page.editor.edits["quote_amount"]
    edit.setText("4 500")
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        edit.editingFinished.emit()
    assert page.current().quote_amount == 4500.0
    split = page.editor.edits["non_nav_cost"]
    split.setText("1 000")
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        split.editingFinished.emit()
    assert page.current().non_nav_cost == 1000.0  # the part NAV never funds, recorded from the app
    assert "Sum tiltak" in page.totals.text() and "Ikke finansiert" in page.totals.text()
    financing = page.model.index(0, page.model.columnCount() - 1).data()
    assert "kr" in financing  # the plan's channel (or the gap) for the accepted measure
    assert not runner.errors


def test_household_autosave_inline_errors_and_plan(qtbot, ctx, runner):
    from boligvurdering.services.demo import create_demo

    visit_id = create_demo(ctx)[0]  # a ramp at the entrance, accepted measures, a household
    page = _page(qtbot, ctx, runner, visit_id)
    page.tabs.setCurrentIndex(page.TAB_FINANCE)
    household = page.finance.household
    view = page.finance.view

    text = view.text()
    assert "Høydeforskjell" in text and "1:15" in text and "Nav gir tilskudd" in text
    assert "Ikke finansiert" in text and "(gap)" not in text and "Tilskudd til tilpasning av bolig" in text
    assert "Dokumenter" in text and "avgjøres av" in text
    assert "→" in text  # expected effect before → after
    assert "Sum tiltak" in page.totals.text() and page.totals.isVisible()

    savings = household.edit("savings")
    savings.clear()
    qtbot.keyClicks(savings, "abc")
    savings.editingFinished.emit()
    assert "Skriv et tall" in household.fields["savings"].error.text()
    savings.clear()
    qtbot.keyClicks(savings, "-5")
    savings.editingFinished.emit()
    assert "«Oppsparte midler»" in household.fields["savings"].error.text()
    assert "savings" not in household.fields["savings"].error.text()

    savings.clear()
    qtbot.keyClicks(savings, "250 000,50")
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        savings.editingFinished.emit()
    assert household.fields["savings"].error.isHidden()
    assert ctx.plan.household(visit_id)["savings"] == 250000.5

    members = household.edit("members")
    members.clear()
    qtbot.keyClicks(members, "2")
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        members.editingFinished.emit()
    assert ctx.plan.household(visit_id)["members"] == 2

    tenure = household.edit("tenure")
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        tenure.activated.emit(tenure.findData("leier_privat"))
    assert ctx.plan.household(visit_id)["tenure"] == "leier_privat"
    assert "utleiers samtykke" in view.text() and "Kan ikke vurderes ennå" in view.text()
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        qtbot.mouseClick(household.edit("landlord_consent").yes, Qt.MouseButton.LeftButton)
    assert ctx.plan.household(visit_id)["landlord_consent"] is True
    assert household.edit("landlord_consent").yes.text().startswith("✓")
    assert "utleiers samtykke" not in view.text()
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        tenure.activated.emit(tenure.findData("eier"))
    bank = household.edit("bank_refusal")
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        bank.activated.emit(bank.findData(False))
    assert ctx.plan.household(visit_id)["bank_refusal"] is False
    assert "kan få vanlig banklån" in view.text()  # the startlån refusal, in words
    assert "(overslag)" in view.text() and "overslag kr" in page.totals.text()

    civil = household.edit("civil_status")
    civil.setCurrentIndex(civil.findData("enke_enkemann"))
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        civil.activated.emit(civil.currentIndex())
    assert ctx.plan.household(visit_id)["civil_status"] == "enke_enkemann"

    grants = household.edit("earlier_husbanken_grants")
    qtbot.keyClicks(grants, "Ingen")
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        grants.editingFinished.emit()
    assert ctx.plan.household(visit_id)["earlier_husbanken_grants"] == "Ingen"
    assert not runner.errors


def test_ramp_text_plain_norwegian():
    from boligvurdering.gui.workspace.plan_view import ramp_html
    from boligvurdering.measures import ramp_requirement

    text = ramp_html(ramp_requirement(120, 30).to_dict())
    assert "120 cm" in text and "hvilerepos" in text and "høy sats" in text and "Får plass" in text
    assert "ikke tillatt" in text  # 1:12 only under 3 m
    assert "Ingen høydeforskjell" in ramp_html(None)


def test_tenure_without_a_dwelling_is_refused_inline(qtbot, ctx, runner):
    from datetime import date

    from boligvurdering.domain.national_id import make_synthetic

    client = ctx.clients.create({"given_name": "Berit", "family_name": "Uten Bolig",
                                 "national_id": make_synthetic(date(1940, 1, 2), 310, female=True).value})
    visit_id = ctx.visits.create(client.id, data={"visit_date": "2026-11-20"}).id
    assert ctx.visits.get(visit_id).dwelling_id is None
    page = _page(qtbot, ctx, runner, visit_id)
    tenure = page.finance.household.edit("tenure")
    tenure.activated.emit(tenure.findData("eier"))
    assert "Registrer boligen" in page.finance.household.fields["tenure"].error.text()
    assert "tenure" not in ctx.plan.household(visit_id)
    assert not runner.errors


def test_own_measure_deleted_after_one_confirmation(qtbot, ctx, runner):
    visit_id = new_visit(ctx)
    page = _page(qtbot, ctx, runner, visit_id)
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        qtbot.keyClicks(page.new_title, "Flytte sengen")
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    asked = []
    page.confirm_delete = lambda _parent, title: asked.append(title) or False  # «Nei»
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert [m.title for m in ctx_measures(ctx, visit_id)] == ["Flytte sengen"]
    page.confirm_delete = lambda _parent, title: asked.append(title) or True
    with qtbot.waitSignal(page.plan_ready, timeout=20_000):
        qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert ctx_measures(ctx, visit_id) == [] and asked == ["Flytte sengen", "Flytte sengen"]


def ctx_measures(ctx, visit_id):
    from boligvurdering.services.measures import MeasureService

    return MeasureService(ctx).list(visit_id)
