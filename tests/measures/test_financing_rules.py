"""Issue #14: financing rules a saksbehandler would sign (items 1–7), with hand-computed figures.

Rules and sources: docs/MEASURES.md (REFERENCE §3, TEK17 § 12-16, NAV's ramp guide).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from boligvurdering.measures import Household, PlanMeasure, build_plan

OWNER = Household(members=2, gross_income_year=700_000, net_income_month=45_000, living_costs_month=18_000,
                  housing_costs_month=8_000, savings=300_000, tenure="eier", bank_refusal=True)
LOW = Household(members=1, gross_income_year=250_000, net_income_month=17_000, living_costs_month=9_000,
                housing_costs_month=4_000, savings=0, tenure="eier")


def _pm(catalogue, measure_id, cost, **kw):
    return PlanMeasure.from_measure(catalogue.get(measure_id), cost, **kw)


def _consistent(plan):
    for line in plan.lines:
        assert sum(line.allocations.values()) + line.uncovered == pytest.approx(line.cost)
        assert set(line.reasons) >= set(line.allocations)  # a reason for every krone
    assert plan.covered + plan.gap == pytest.approx(plan.total_cost)


# 1 ── NAV never pays what NAV never funds ────────────────────────────────────────────────────

def test_lifts_nav_pays_only_the_lift_without_installation(catalogue, settings):
    """Lift platform kr 200 000 (30 % installation etc. estimated) and stair lift kr 120 000 (25 %)."""
    plan = build_plan([_pm(catalogue, "entrance_lift_platform", 200_000),
                       _pm(catalogue, "stair_lift", 120_000)], settings, OWNER)
    platform, stair = plan.lines
    assert (platform.nav_share, platform.non_nav_cost, platform.non_nav_basis) == (140_000, 60_000, "overslag")
    assert platform.allocations["nav_tilskudd_rampe_heis"] == 140_000
    assert (stair.nav_share, stair.non_nav_cost) == (90_000, 30_000)
    assert stair.allocations["nav_hjelpemiddel"] == 90_000
    assert plan.total("nav_tilskudd_rampe_heis") + plan.total("nav_hjelpemiddel") == 230_000  # not 320 000
    assert platform.allocations["egne_midler"] == 60_000 and stair.allocations["egne_midler"] == 30_000
    assert "uten montering" in platform.reasons["nav_tilskudd_rampe_heis"]
    assert any("overslag" in w and "Løfteplattform" in w for w in plan.warnings)
    _consistent(plan)


def test_quoted_non_nav_part_replaces_the_estimate(catalogue, settings):
    plan = build_plan([_pm(catalogue, "entrance_lift_platform", 200_000, non_nav_cost=50_000)], settings, OWNER)
    line = plan.lines[0]
    assert (line.nav_share, line.non_nav_cost, line.non_nav_basis) == (150_000, 50_000, "tilbud")
    assert line.allocations["nav_tilskudd_rampe_heis"] == 150_000
    assert not any("overslag" in w for w in plan.warnings)


def test_wall_reinforcement_is_never_nav_without_a_split(settings):
    bare = PlanMeasure("m1", "Feste for løftebøyle", 20_000, "nav_loan", frozenset({"wall_reinforcement"}),
                       ("nav_hjelpemiddel",))
    plan = build_plan([bare], settings, OWNER)
    assert plan.total("nav_hjelpemiddel") == 0
    assert "ikke skilt ut" in plan.lines[0].refusals["nav_hjelpemiddel"]
    split = build_plan([replace(bare, non_nav_cost=8_000)], settings, OWNER)
    assert split.total("nav_hjelpemiddel") == 12_000 and split.lines[0].allocations["egne_midler"] == 8_000


# 2 ── Tenure decides ─────────────────────────────────────────────────────────────────────────

def test_municipal_tenant_gets_no_loan_the_kommune_pays_as_landlord(catalogue, settings):
    tenant = replace(LOW, tenure="leier_kommunal", savings=0)
    plan = build_plan([_pm(catalogue, "step_free_shower", 300_000)], settings, tenant)
    assert plan.total("startlan") == 0 and plan.total("kommunalt_tilskudd") == 0
    assert plan.total("kommunen_som_utleier") == 300_000 and plan.gap == 0
    assert "leier" in plan.refusals["startlan"]
    assert "utleier" in plan.lines[0].reasons["kommunen_som_utleier"]
    _consistent(plan)


def test_private_tenant_needs_the_landlords_consent(catalogue, settings):
    tenant = replace(LOW, tenure="leier_privat")
    unknown = build_plan([_pm(catalogue, "step_free_shower", 200_000)], settings, tenant)
    assert unknown.gap == 200_000
    assert "utleiers samtykke" in unknown.lines[0].refusals["kommunalt_tilskudd"]
    refused = build_plan([_pm(catalogue, "step_free_shower", 200_000)], settings,
                         replace(tenant, landlord_consent=False))
    assert "ikke samtykket" in refused.lines[0].refusals["kommunalt_tilskudd"]
    consented = build_plan([_pm(catalogue, "step_free_shower", 200_000)], settings,
                           replace(tenant, landlord_consent=True))
    assert consented.total("kommunalt_tilskudd") == 150_000  # a tenant may get the grant ...
    assert consented.total("startlan") == 0  # ... but never a loan
    assert "leier" in consented.refusals["startlan"]


def test_borettslag_loan_needs_the_boards_consent(catalogue, settings):
    share = replace(LOW, tenure="borettslag", gross_income_year=400_000, net_income_month=24_000)
    pending = build_plan([_pm(catalogue, "step_free_shower", 200_000)], settings, share)
    assert pending.total("startlan") == 0
    assert pending.missing["startlan"] == ["styrets samtykke"]
    ok = build_plan([_pm(catalogue, "step_free_shower", 200_000)], settings, replace(share, board_consent=True))
    # 400 000 > 350 000: grant only as top-up; margin 24 000 − 9 000 − 4 000 = 11 000 carries 200 000
    assert ok.total("startlan") == 200_000 and "startlan" not in ok.refusals


def test_unknown_tenure_is_not_assessed(catalogue, settings):
    plan = build_plan([_pm(catalogue, "step_free_shower", 200_000)], settings, replace(LOW, tenure=None))
    assert plan.gap == 200_000
    assert plan.missing["startlan"] == ["eierform"]
    assert "Kan ikke vurderes ennå" in plan.lines[0].refusals["kommunalt_tilskudd"]


# 3 ── Missing income is not zero ─────────────────────────────────────────────────────────────

def test_missing_economy_is_not_assessed_never_granted(catalogue, settings):
    plan = build_plan([_pm(catalogue, "step_free_shower", 220_000)], settings, Household(tenure="eier"))
    assert plan.total("kommunalt_tilskudd") == 0 and plan.gap == 220_000
    assert plan.bostotte_hint is None
    assert plan.missing["kommunalt_tilskudd"] == ["brutto inntekt per år"]
    assert plan.missing["startlan"] == ["netto inntekt per måned", "levekostnader per måned", "boutgifter per måned"]
    assert plan.missing["egne_midler"] == ["oppsparte midler"]
    assert plan.missing["bostotte"] == ["brutto inntekt per år", "boutgifter per måned"]
    assert plan.refusals["kommunalt_tilskudd"].startswith("Kan ikke vurderes ennå – mangler: brutto inntekt")


# 4 ── Bostøtte: income against housing costs ────────────────────────────────────────────────

def test_bostotte_hint_reads_housing_costs_against_income(catalogue, settings):
    measures = [_pm(catalogue, "grab_bar_toilet", 1_800)]
    low_costs = build_plan(measures, settings, LOW)  # 4 000 × 12 = 48 000 = 19 % of 250 000
    assert low_costs.bostotte_hint is None
    assert "19 %" in low_costs.refusals["bostotte"]
    high_costs = build_plan(measures, settings, replace(LOW, housing_costs_month=5_500))  # 66 000 = 26 %
    assert "26 %" in high_costs.bostotte_hint and "bostøttekalkulator" in high_costs.bostotte_hint
    assert "hint, ikke en beregning" in high_costs.bostotte_hint


# 5 ── Startlån: only for those who cannot get an ordinary bank loan ─────────────────────────

def test_startlan_refused_when_a_bank_would_lend(catalogue, settings):
    rich = Household(members=2, gross_income_year=900_000, net_income_month=50_000, living_costs_month=20_000,
                     housing_costs_month=8_000, savings=0, tenure="eier")
    plan = build_plan([_pm(catalogue, "step_free_shower", 220_000)], settings, rich)
    assert plan.total("startlan") == 0
    assert "vanlig banklån" in plan.refusals["startlan"] and "kr\xa0600\xa0000" in plan.refusals["startlan"]
    assert plan.total("kommunalt_tilskudd") == 0  # an ordinary loan can cover it
    refused_by_bank = build_plan([_pm(catalogue, "step_free_shower", 220_000)], settings,
                                 replace(rich, bank_refusal=True))
    assert refused_by_bank.total("startlan") == 220_000
    assert "Avslag på vanlig banklån" in next(a for a in refused_by_bank.applications
                                              if a.channel == "startlan").documents
    assessed = build_plan([_pm(catalogue, "step_free_shower", 220_000)], settings,
                          replace(LOW, bank_refusal=False))
    assert assessed.total("startlan") == 0 and "vurdert" in assessed.refusals["startlan"]


# 6 / 7 ── A ramp that cannot be built, or has no measured rise ──────────────────────────────

def test_ramp_that_does_not_fit_gets_no_nav_grant(catalogue, settings):
    """45 cm, 3 m available: 1:15 needs 6.75 + 1.5 = 8.25 m; 1:12 (5.4 m run) is not allowed over 3 m."""
    plan = build_plan([_pm(catalogue, "outdoor_ramp", 80_000, rise_cm=45, available_m=3)], settings, OWNER)
    assert plan.total("nav_tilskudd_rampe_heis") == 0  # was kr 66 250
    reason = plan.lines[0].refusals["nav_tilskudd_rampe_heis"]
    assert "8,25 m" in reason and "løfteplattform" in reason and "annen inngang" in reason and "flytte" in reason
    fits = build_plan([_pm(catalogue, "outdoor_ramp", 80_000, rise_cm=45, available_m=8.25)], settings, OWNER)
    assert fits.total("nav_tilskudd_rampe_heis") == 66_250  # 53 000 + 25 % mva


@pytest.mark.parametrize(("rise", "words"), [(None, "mangler: høydeforskjellen"), (0, "0 cm")])
def test_ramp_without_rise_says_what_is_missing(catalogue, settings, rise, words):
    plan = build_plan([_pm(catalogue, "outdoor_ramp", 50_000, rise_cm=rise, available_m=10)], settings, OWNER)
    assert plan.total("nav_tilskudd_rampe_heis") == 0
    assert words in plan.lines[0].refusals["nav_tilskudd_rampe_heis"]


# 10 ── Cost ranges: the upper end until a quote exists; overslag vs tilbud in every total ─────

def test_ranges_are_planned_at_the_upper_end_and_totals_split_estimate_and_quote(settings):
    from boligvurdering.domain.records import MeasureRecord

    estimate = MeasureRecord("m1", "v", "Trinnfri dusj", "housing", "accepted", cost_min=120_000, cost_max=250_000)
    quoted = MeasureRecord("m2", "v", "Rampe", "housing", "accepted", cost_min=40_000, cost_max=60_000,
                           quote_amount=52_000)
    assert (estimate.cost, estimate.cost_basis) == (250_000, "overslag")  # not the midpoint 185 000
    assert (quoted.cost, quoted.cost_basis) == (52_000, "tilbud")
    plan = build_plan([PlanMeasure("m1", "Trinnfri dusj", estimate.cost, "permanent", channels=("egne_midler",),
                                   cost_basis=estimate.cost_basis),
                       PlanMeasure("m2", "Rampe", quoted.cost, "permanent", channels=("egne_midler",),
                                   cost_basis=quoted.cost_basis)], settings, OWNER)
    assert plan.cost_by_basis == {"overslag": 250_000, "tilbud": 52_000}
    assert [ln.cost_basis for ln in plan.lines] == ["overslag", "tilbud"]
