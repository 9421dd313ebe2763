"""Financing plan: order, caps, needs test, loans, gap, refusals and serialisation."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.measures import Household, PlanMeasure, annuity_payment, build_plan
from boligvurdering.measures.plan import max_principal

LOW_INCOME = Household(members=1, gross_income_year=250_000, net_income_month=17_000,
                       living_costs_month=9_000, housing_costs_month=5_500, savings=60_000, tenure="eier")
COMFORTABLE = Household(members=2, gross_income_year=700_000, net_income_month=45_000,
                        living_costs_month=18_000, housing_costs_month=8_000, savings=300_000,
                        tenure="eier", bank_refusal=True)
BROKE_TENANT = Household(members=1, gross_income_year=220_000, net_income_month=15_000,
                         living_costs_month=9_000, housing_costs_month=7_000, savings=0,
                         tenure="leier_privat", landlord_consent=True)


def _pm(catalogue, measure_id, cost, **kw):
    return PlanMeasure.from_measure(catalogue.get(measure_id), cost, **kw)


def _assert_consistent(plan):
    """Every krone accounted for; no channel above its cap; no measure above its cost."""
    for line in plan.lines:
        assert all(v > 0 for v in line.allocations.values())
        assert sum(line.allocations.values()) + line.uncovered == pytest.approx(line.cost)
    assert plan.covered + plan.gap == pytest.approx(plan.total_cost)
    for ch in plan.channels:
        if ch.cap is not None:
            assert ch.amount <= ch.cap + 0.01, ch.id
    assert sum(c.amount for c in plan.channels) == pytest.approx(plan.covered)


def test_annuity_known_value():
    assert annuity_payment(500_000, 5.0, 30) == 2684.11
    assert annuity_payment(120_000, 0.0, 10) == 1000.0
    assert annuity_payment(0, 5.0, 30) == 0.0
    assert max_principal(2684.11, 5.0, 30) == pytest.approx(500_000, abs=1)


@pytest.mark.parametrize(("rise", "expected"), [(40, 37_125.0), (41, 66_250.0)])
def test_nav_ramp_grant_tiers(catalogue, settings, rise, expected):
    plan = build_plan([_pm(catalogue, "outdoor_ramp", 100_000, rise_cm=rise, available_m=30)], settings, COMFORTABLE)
    assert plan.total("nav_tilskudd_rampe_heis") == expected
    assert plan.lines[0].allocations["nav_tilskudd_rampe_heis"] == expected
    _assert_consistent(plan)


def test_nav_grant_never_above_cost(catalogue, settings):
    plan = build_plan([_pm(catalogue, "outdoor_ramp", 20_000, rise_cm=60, available_m=30)], settings, COMFORTABLE)
    assert plan.total("nav_tilskudd_rampe_heis") == 20_000
    assert plan.gap == 0
    _assert_consistent(plan)


def test_ramp_without_rise_gets_no_nav_grant(catalogue, settings):
    plan = build_plan([_pm(catalogue, "outdoor_ramp", 50_000)], settings, COMFORTABLE)
    assert plan.total("nav_tilskudd_rampe_heis") == 0


def test_nav_loan_covers_aid_but_not_electrical_part(catalogue, settings):
    plan = build_plan([_pm(catalogue, "stove_guard", 6_000, non_nav_cost=2_000)], settings, LOW_INCOME)
    line = plan.lines[0]
    assert line.allocations["nav_hjelpemiddel"] == 4_000
    assert line.allocations["egne_midler"] == 2_000
    assert any("leveres tilbake" in w for w in line.warnings)
    assert plan.applications[0].channel == "nav_hjelpemiddel"
    assert "Fullmakt signert av brukeren" in plan.applications[0].documents


def test_nav_needs_lasting_reduced_function(catalogue, settings):
    household = replace(LOW_INCOME, lasting_reduced_function=False)
    plan = build_plan([_pm(catalogue, "shower_chair", 3_000)], settings, household)
    assert plan.total("nav_hjelpemiddel") == 0
    assert "varig" in plan.refusals["nav_hjelpemiddel"]


def test_survey_and_design_grants_capped_at_20000(catalogue, settings):
    plan = build_plan([_pm(catalogue, "housing_survey", 26_000),
                       _pm(catalogue, "housing_design", 30_000)], settings, COMFORTABLE)
    assert plan.total("tilskudd_utredning") == 20_000
    assert plan.total("tilskudd_prosjektering") == 20_000
    assert plan.total("egne_midler") == 16_000
    _assert_consistent(plan)


def test_low_income_gets_kommunal_grant_capped(catalogue, settings):
    plan = build_plan([_pm(catalogue, "step_free_shower", 220_000)], settings, LOW_INCOME)
    assert plan.total("kommunalt_tilskudd") == settings.grant_cap == 150_000
    assert plan.total("egne_midler") == 10_000  # savings above the 50 000 buffer
    assert plan.total("startlan") == 60_000
    [loan] = plan.loans
    assert loan.years == 30 and loan.monthly_payment == annuity_payment(60_000, 5.0, 30)
    assert loan.serviceable
    _assert_consistent(plan)


def test_high_income_gets_no_grant_when_loan_suffices(catalogue, settings):
    plan = build_plan([_pm(catalogue, "step_free_shower", 220_000)], settings, COMFORTABLE)
    assert plan.total("kommunalt_tilskudd") == 0
    assert "over grensen" in plan.refusals["kommunalt_tilskudd"]
    assert plan.total("egne_midler") == 220_000
    assert plan.gap == 0


def test_plan_that_must_leave_a_gap(catalogue, settings):
    plan = build_plan([_pm(catalogue, "step_free_shower", 250_000),
                       _pm(catalogue, "remove_loose_rugs", 400)], settings, BROKE_TENANT)
    assert plan.total("kommunalt_tilskudd") == 150_000
    assert plan.total("startlan") == 0
    assert "leier boligen" in plan.refusals["startlan"]
    assert plan.gap == 100_400
    assert plan.lines[1].uncovered == 400
    _assert_consistent(plan)


def test_loan_limited_by_serviceability(catalogue, settings):
    tight = replace(COMFORTABLE, gross_income_year=400_000, net_income_month=24_000,
                    living_costs_month=18_000, housing_costs_month=5_000, savings=0)
    plan = build_plan([_pm(catalogue, "main_functions_entrance_floor", 400_000)], settings, tight)
    cap = max_principal(1_000, 5.0, 50)
    assert plan.total("startlan") <= cap
    [loan] = plan.loans
    assert loan.years == 50 and loan.monthly_payment <= 1_000
    # income above the limit, but loan and savings cannot cover it: grant as top-up
    assert 0 < plan.total("kommunalt_tilskudd") <= 150_000
    assert plan.gap == pytest.approx(400_000 - plan.total("startlan") - plan.total("kommunalt_tilskudd"))
    _assert_consistent(plan)


def test_lan_til_boligkvalitet_refused_without_energy_measure(catalogue, settings):
    plan = build_plan([_pm(catalogue, "step_free_shower", 200_000)], settings, COMFORTABLE)
    assert plan.total("lan_boligkvalitet") == 0
    assert "ingen energitiltak" in plan.refusals["lan_boligkvalitet"]


def test_lan_til_boligkvalitet_used_when_energy_and_accessibility_combined(catalogue, settings):
    poor_savings = replace(COMFORTABLE, savings=0)
    plan = build_plan([_pm(catalogue, "step_free_shower", 200_000),
                       _pm(catalogue, "energy_windows", 60_000)], settings, poor_savings)
    assert "lan_boligkvalitet" not in plan.refusals
    assert plan.total("lan_boligkvalitet") == 260_000
    assert plan.total("startlan") == 0
    assert [a.channel for a in plan.applications] == ["lan_boligkvalitet"]


def test_maintenance_gets_no_grant(catalogue, settings):
    plan = build_plan([_pm(catalogue, "electrical_inspection", 5_000)], settings, BROKE_TENANT)
    assert plan.total("kommunalt_tilskudd") == 0
    assert plan.gap == 5_000
    assert any("vedlikehold" in w for w in plan.lines[0].warnings)


def test_manual_allocation_first_and_trimmed_to_limits(catalogue, settings):
    ramp = _pm(catalogue, "outdoor_ramp", 50_000, rise_cm=30, available_m=30,
               allocations={"nav_tilskudd_rampe_heis": 45_000, "egne_midler": 5_000})
    plan = build_plan([ramp], settings, COMFORTABLE)
    line = plan.lines[0]
    assert line.allocations["nav_tilskudd_rampe_heis"] == 37_125
    assert line.allocations["egne_midler"] == 12_875
    assert any("redusert" in w for w in plan.warnings)
    _assert_consistent(plan)


def test_invalid_plan_input_is_refused(catalogue, settings):
    with pytest.raises(InvalidValue, match="negativt"):
        build_plan([PlanMeasure("a", "A", -10, "permanent", channels=("egne_midler",))],
                   settings, LOW_INCOME)
    with pytest.raises(InvalidValue, match="tall"):
        build_plan([PlanMeasure("a", "A", float("nan"), "permanent")], settings, LOW_INCOME)
    with pytest.raises(InvalidValue, match="tall"):
        _pm(catalogue, "testhorn", "mye")
    with pytest.raises(InvalidValue, match="finansieringsordning"):
        build_plan([PlanMeasure("a", "A", 10, "permanent", channels=("lotto",))], settings, LOW_INCOME)
    with pytest.raises(InvalidValue, match="to ganger"):
        build_plan([_pm(catalogue, "testhorn", 300)] * 2, settings, LOW_INCOME)


def test_applications_in_order_with_bostotte_hint(catalogue, settings):
    plan = build_plan([_pm(catalogue, "stove_guard", 5_000),
                       _pm(catalogue, "outdoor_ramp", 60_000, rise_cm=35, available_m=30),
                       _pm(catalogue, "housing_survey", 10_000),
                       _pm(catalogue, "step_free_shower", 180_000)], settings, LOW_INCOME)
    order = [a.channel for a in plan.applications]
    assert order == ["nav_hjelpemiddel", "nav_tilskudd_rampe_heis", "tilskudd_utredning",
                     "kommunalt_tilskudd", "startlan", "bostotte"]
    assert [a.order for a in plan.applications] == list(range(1, 7))
    assert plan.bostotte_hint and "bostøtte" in plan.bostotte_hint
    assert any("samlet finansieringsplan" in w for w in plan.warnings)
    _assert_consistent(plan)


def test_plan_serialises_to_json(catalogue, settings):
    plan = build_plan([_pm(catalogue, "step_free_shower", 200_000)], settings, LOW_INCOME)
    data = json.loads(plan.to_json())
    assert data["kommune"] == "Alver kommune"
    assert data["total_cost"] == 200_000 and data["gap"] == plan.gap
    assert {c["id"] for c in data["channels"]} >= {"startlan", "bostotte", "egne_midler"}
    assert data["lines"][0]["allocations"] == plan.lines[0].allocations
    assert "Tilskudd til tilpasning av bolig" in plan.to_json()  # Norwegian kept as text
