"""Issue #14 through the services: housing facts in their own columns, the NAV split per measure,
and the plan JSON (version, a reason for every krone and every refusal)."""

import json

import pytest
from sqlmodel import select

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.services.demo import create_demo
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.services.measures import MeasureService
from boligvurdering.store import household as household_repo
from boligvurdering.store.models import Dwelling, FinancingFact, Setting


@pytest.fixture
def astrid(ctx):
    ids = create_demo(ctx)
    return next(i for i in ids if ctx.clients.get(ctx.visits.get(i).client_id).given_name == "Astrid")


def _accept(ctx, visit_id, catalogue_id, **fields):
    entry = ctx.plan.catalogue.get(catalogue_id)
    data = {"catalogue_id": catalogue_id, "title": entry.title, "domain": entry.domain, "kind": entry.kind,
            "status": "accepted", **fields}
    return MeasureService(ctx).save(visit_id, data)


def test_tenure_and_consents_are_stored_in_columns_not_settings(ctx, astrid):
    ctx.plan.save_household(astrid, {"tenure": "leier_privat", "landlord_consent": True, "bank_refusal": False})
    with ctx.db.transaction() as s:
        dwelling = s.get(Dwelling, __import__("uuid").UUID(ctx.visits.get(astrid).dwelling_id))
        assert dwelling.tenure == "leier_privat"
        fact = s.exec(select(FinancingFact)).one()
        assert (fact.landlord_consent, fact.board_consent, fact.bank_refusal) == (True, None, False)
        assert not [r for r in s.exec(select(Setting)) if r.key.startswith("household:")]
        stored = household_repo.get_household(s, visit_id=astrid)
        assert not {"tenure", "landlord_consent", "bank_refusal"} & set(stored)
    household = ctx.plan.household(astrid)
    assert household["tenure"] == "leier_privat" and household["landlord_consent"] is True
    with pytest.raises(InvalidValue, match="eierform"):
        ctx.plan.save_household(astrid, {"tenure": "fremleie"})


def test_municipal_tenant_plan_through_the_service(ctx, astrid):
    shower = _accept(ctx, astrid, "step_free_shower", cost_min=120_000, cost_max=250_000)
    ctx.plan.save_household(astrid, {"tenure": "leier_kommunal"})
    plan = ctx.plan.plan(astrid)
    assert plan["plan_version"]
    assert next(c for c in plan["channels"] if c["id"] == "startlan")["amount"] == 0
    line = next(ln for ln in plan["lines"] if ln["measure_id"] == shower.id)
    assert line["cost"] == 250_000 and line["cost_basis"] == "overslag"  # the upper end until a quote exists
    assert line["allocations"] == {"kommunen_som_utleier": 250_000}
    for ln in plan["lines"]:
        assert set(ln["allocations"]) <= set(ln["reasons"])


def test_non_nav_part_is_recorded_per_measure_and_travels_in_the_exchange_file(ctx, astrid, tmp_path):
    lift = _accept(ctx, astrid, "entrance_lift_platform", quote_amount=200_000, quote_supplier="Løft AS",
            quote_date="2026-11-20", non_nav_cost=70_000)
    plan = ctx.plan.plan(astrid)
    line = next(ln for ln in plan["lines"] if ln["measure_id"] == lift.id)
    assert (line["nav_share"], line["non_nav_cost"], line["non_nav_basis"]) == (130_000, 70_000, "tilbud")
    assert line["allocations"]["nav_tilskudd_rampe_heis"] == 130_000
    exported = ExchangeService(ctx).export_visit(astrid)
    assert next(m for m in exported["measures"] if m["id"] == lift.id)["non_nav_cost"] == 70_000
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import open_context

    other = open_context(AppPaths(tmp_path / "other"), role="administrator")
    try:
        ExchangeService(other).import_document(json.loads(json.dumps(exported)))
        assert ExchangeService(other).export_visit(astrid) == exported
    finally:
        other.close()


def test_ramp_that_does_not_fit_is_refused_in_the_service_plan(ctx, astrid):
    """Astrid's entrance with 45 cm rise and 3 m to build on: the ramp fits neither 1:15 nor 1:12."""
    entrance = next(r for r in ctx.answers.assessment_data(astrid).rooms if r.type == "entrance")
    ctx.answers.save(astrid, "housing_entrance_available_length_m", 3.0, entrance.id)
    ramp = _accept(ctx, astrid, "outdoor_ramp", quantity=8, unit_price=9_000, unit="m")
    plan = ctx.plan.plan(astrid)
    line = next(ln for ln in plan["lines"] if ln["measure_id"] == ramp.id)
    assert "nav_tilskudd_rampe_heis" not in line["allocations"]
    assert "løfteplattform" in line["refusals"]["nav_tilskudd_rampe_heis"]
    room = next(r for r in ctx.answers.assessment_data(astrid).rooms if r.type == "entrance")
    ctx.answers.save(astrid, "housing_entrance_rise_cm", 0, room.id)
    again = next(ln for ln in ctx.plan.plan(astrid)["lines"] if ln["measure_id"] == ramp.id)
    assert "0 cm" in again["refusals"]["nav_tilskudd_rampe_heis"]
