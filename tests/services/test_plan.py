import pytest

from boligvurdering.domain.errors import InvalidValue, ValidationFailed
from boligvurdering.services.demo import create_demo
from boligvurdering.services.measures import MeasureService


@pytest.fixture
def high_visit(ctx):
    ids = create_demo(ctx)
    return next(i for i in ids if ctx.clients.get(ctx.visits.get(i).client_id).given_name == "Astrid")


def test_proposals_come_with_reasons_and_are_not_duplicated(ctx, high_visit):
    measures = MeasureService(ctx).list(high_visit)
    assert measures, "demo generates proposals"
    titles = {m.title for m in measures}
    assert "Fjerne dørterskel" in titles or "Avfase dørterskel" in titles
    assert all(m.reason for m in measures)
    assert ctx.plan.generate_proposals(high_visit) == []  # nothing new the second time


def test_plan_adds_up_and_respects_caps(ctx, high_visit):
    plan = ctx.plan.plan(high_visit)
    allocated = sum(c["amount"] for c in plan["channels"])
    assert allocated + plan["gap"] == pytest.approx(plan["total_cost"], abs=1)
    for channel in plan["channels"]:
        if channel["cap"]:
            assert channel["amount"] <= channel["cap"] + 0.01
    assert plan["applications"] and plan["applications"][0]["order"] == 1


def test_ramp_for_measured_rise(ctx, high_visit):
    ramp = ctx.plan.ramp(high_visit)
    assert ramp["rise_cm"] == 45.0
    assert ramp["length_1_15_m"] == pytest.approx(6.75) and ramp["length_1_12_m"] == pytest.approx(5.4)
    assert ramp["fits_1_15"] is True and ramp["nav_tier"] == "high"  # demo entrance: 9 m available (ramp visit)


def test_reject_needs_reason_and_invalid_costs_refused(ctx, high_visit):
    service = MeasureService(ctx)
    first = service.list(high_visit)[0]
    with pytest.raises(InvalidValue, match="hvorfor"):
        service.set_status(first.id, "rejected")
    assert service.set_status(first.id, "rejected", "Brukeren ønsker ikke").status == "rejected"
    with pytest.raises(ValidationFailed) as info:
        service.save(high_visit, {"title": "Egen rampe", "domain": "housing", "quote_amount": -5, "unit_price": "mye"})
    messages = {p.where: p.message for p in info.value.problems}
    assert "negativt" in messages["quote_amount"] and "tall" in messages["unit_price"]


def test_settings_are_stored_and_validated(ctx):
    assert ctx.plan.save_settings({"grant_cap": 200000, "name": "Testkommune"}).grant_cap == 200000
    assert ctx.plan.settings().name == "Testkommune"
    with pytest.raises(InvalidValue):
        ctx.plan.save_settings({"number": "12"})
    with pytest.raises(InvalidValue):
        ctx.plan.save_settings({"startlan_years": 80})
