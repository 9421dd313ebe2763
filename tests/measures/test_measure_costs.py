"""Cost estimates, amount validation, the ramp calculation and measure warnings."""

from __future__ import annotations

from datetime import date

import pytest

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.measures import (
    estimate_for_measure,
    estimate_from_quantity,
    estimate_from_quote,
    estimate_from_range,
    measure_warnings,
    parse_amount,
    ramp_requirement,
)


def test_quantity_times_unit_price():
    est = estimate_from_quantity(3, 1500, "m")
    assert (est.amount_min, est.amount_max, est.basis, est.unit) == (4500, 4500, "unit", "m")
    assert est.label() == "kr\u00a04\u00a0500"


def test_quote_keeps_supplier_and_date():
    est = estimate_from_quote("12 500,50", "Byggmester Hansen AS", date(2026, 11, 1))
    assert est.amount == 12500.5
    assert est.to_dict()["quote_date"] == "2026-11-01"
    assert est.supplier == "Byggmester Hansen AS"


@pytest.mark.parametrize("bad", [-1, "-5", "tolv", float("nan"), float("inf"), None, True, "", [1]])
def test_invalid_amounts_are_refused_in_norwegian(bad):
    with pytest.raises(InvalidValue) as exc:
        parse_amount(bad)
    assert "Beløpet" in str(exc.value)


def test_invalid_estimates_are_refused():
    with pytest.raises(InvalidValue, match="negativt"):
        estimate_from_quantity(-2, 100, "stk")
    with pytest.raises(InvalidValue, match="tall"):
        estimate_from_quantity(2, float("nan"), "stk")
    with pytest.raises(InvalidValue, match="Ukjent enhet"):
        estimate_from_quantity(2, 100, "kg")
    with pytest.raises(InvalidValue, match="hvem tilbudet"):
        estimate_from_quote(1000, " ", date(2026, 1, 1))
    with pytest.raises(InvalidValue, match="dato"):
        estimate_from_quote(1000, "Firma", "i går")
    with pytest.raises(InvalidValue, match="større enn"):
        estimate_from_range(500, 100)


def test_estimate_for_measure_uses_range_unit_and_local_price(catalogue, settings):
    shower = estimate_for_measure(catalogue.get("step_free_shower"))
    assert (shower.amount_min, shower.amount_max) == (120000, 250000)
    assert shower.label() == "kr\u00a0120\u00a0000–250\u00a0000"
    local = estimate_for_measure(catalogue.get("step_free_shower"), price_list=settings.price_list)
    assert (local.amount_min, local.amount_max) == (130000, 220000)
    rail = estimate_for_measure(catalogue.get("stair_handrail_second"), 4, settings.price_list)
    assert rail.amount == 5600


def test_ramp_at_40_cm_is_low_tier():
    r = ramp_requirement(40, 7.5)
    assert (r.length_1_15_m, r.length_1_12_m) == (6.0, 4.8)
    assert r.nav_tier == "low"
    assert r.nav_cap_excl_vat == 29700 and r.nav_cap_incl_vat == 37125
    assert r.fits_1_15 is True
    assert r.steep_allowed is False and r.fits_1_12 is False  # 4.8 m is not under 3 m
    assert r.landings == 0


def test_ramp_at_41_cm_is_high_tier():
    r = ramp_requirement(41)
    assert r.nav_tier == "high"
    assert r.nav_cap_excl_vat == 53000 and r.nav_cap_incl_vat == 66250
    assert r.fits_1_15 is False  # no length measured: never claims it fits


def test_short_steep_ramp_allowed_under_3_m():
    r = ramp_requirement(20, 4.0)  # 2.4 m run + 1.5 m door landing = 3.9 m; 1:15 needs 4.5 m
    assert r.length_1_12_m == 2.4 and r.steep_allowed and r.total_1_12_m == 3.9
    assert r.fits_1_12 and not r.fits_1_15
    assert any("3 m" in n for n in r.notes)


def test_landings_per_metre_of_rise():
    r = ramp_requirement(120, 30)
    assert r.landings == 1 and r.landing_length_m == 1.5 and r.door_landing_m == 1.5
    assert r.total_1_15_m == 21.0 and r.fits_1_15  # 18 m run + 1.5 m rest + 1.5 m at the door
    assert ramp_requirement(100).landings == 0  # one metre of rise: one run, then the door landing
    assert ramp_requirement(201).landings == 2


def test_ramp_refuses_bad_input():
    with pytest.raises(InvalidValue):
        ramp_requirement(0)
    with pytest.raises(InvalidValue):
        ramp_requirement("høy")
    with pytest.raises(InvalidValue):
        ramp_requirement(30, -2)


def test_measure_warnings():
    loan = measure_warnings("nav_loan", {"electrical_work"}, ["nav_hjelpemiddel"])
    assert any("leveres tilbake" in w for w in loan)
    assert any("elektrikerarbeid" in w for w in loan)
    assert any("før arbeidet starter" in w for w in loan)
    upkeep = measure_warnings("permanent", {"maintenance"}, ["egne_midler"])
    assert upkeep == ["Vanlig vedlikehold gir ikke rett til tilskudd."]
    assert measure_warnings("own_purchase", set(), ["egne_midler"]) == []
