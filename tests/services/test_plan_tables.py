"""Household economy and the therapist's statement in their own tables (issue 12.4), the client's
målform as a column (issue 18): written by the services, exchanged, erased."""

import json

from sqlmodel import select

from boligvurdering.paths import AppPaths
from boligvurdering.services.context import open_context
from boligvurdering.services.demo import create_demo
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.services.language import LanguageService
from boligvurdering.services.privacy import anonymise_client, delete_client
from boligvurdering.store.models import Setting
from boligvurdering.store.plan_models import HouseholdEconomy, VisitStatement
from boligvurdering.store.sync_track import device

HOUSEHOLD = {"members": 2, "gross_income_year": 412000.0, "net_income_month": 26500.0, "living_costs_month": 14000.0,
             "housing_costs_month": 7200.5, "savings": 35000.0, "lasting_reduced_function": True,
             "civil_status": "gift", "debt": 120000.0, "wealth": 1500000.0, "earlier_husbanken_grants": "Startlån 2011",
             "co_residents": [{"name": "Einar Testli", "relation": "ektefelle", "income_year": 265000.0},
                              {"name": "Kari Testli", "relation": "barnebarn", "income_year": None}]}


def _visit(ctx):
    [visit_id, *_] = create_demo(ctx)
    return visit_id


def test_household_and_statement_are_typed_rows_with_a_change_record(ctx):
    visit_id = _visit(ctx)
    ctx.plan.save_household(visit_id, HOUSEHOLD)
    ctx.plan.save_statement(visit_id, "Bruker har behov for trappeheis.")
    with ctx.db.transaction() as s:
        row = s.exec(select(HouseholdEconomy).where(HouseholdEconomy.visit_id == __import__("uuid").UUID(visit_id))).one()
        statement = s.exec(select(VisitStatement).where(VisitStatement.visit_id == row.visit_id)).one()
        this_device = device(s)
        keys = [k for k in s.exec(select(Setting.key)) if k.startswith(("household:", "statement:"))]
    assert (row.members, row.gross_income_year, row.civil_status, row.debt) == (2, 412000.0, "gift", 120000.0)
    assert json.loads(row.co_residents_json) == HOUSEHOLD["co_residents"]
    assert row.device_id == this_device.id and row.changed_by == ctx.actor and not row.deleted
    assert statement.device_id == this_device.id and statement.counter > 0 and statement.text.startswith("Bruker")
    assert keys == []
    assert {k: v for k, v in ctx.plan.household(visit_id).items() if k in HOUSEHOLD} == HOUSEHOLD
    assert ctx.plan.statement(visit_id) == "Bruker har behov for trappeheis."
    # saving the same again changes nothing (no new change for the team server)
    with ctx.db.transaction() as s:
        counter = device(s).counter
    ctx.plan.save_household(visit_id, {"members": 2})
    ctx.plan.save_statement(visit_id, "Bruker har behov for trappeheis.")
    with ctx.db.transaction() as s:
        assert device(s).counter == counter


def test_household_statement_and_malform_survive_export_and_import(ctx, tmp_path):
    visit_id = _visit(ctx)
    ctx.plan.save_household(visit_id, HOUSEHOLD)
    ctx.plan.save_statement(visit_id, "Uttalelse frå ergoterapeuten.")
    client_id = ctx.visits.get(visit_id).client_id
    LanguageService(ctx).set_client_malform(client_id, "nn")
    exported = ExchangeService(ctx).export_visit(visit_id)
    assert exported["client"]["malform"] == "nn"
    other = open_context(AppPaths(tmp_path / "other"), role="administrator")
    try:
        outcome = ExchangeService(other).import_document(json.loads(json.dumps(exported)))
        assert outcome.status == "new", outcome.problems
        assert {k: v for k, v in other.plan.household(visit_id).items() if k in HOUSEHOLD} == HOUSEHOLD
        assert other.plan.statement(visit_id) == "Uttalelse frå ergoterapeuten."
        # the client is matched by national ID (its id is this laptop's own)
        assert LanguageService(other).client_malform(other.visits.get(visit_id).client_id) == "nn"
        with other.db.transaction() as s:
            row = s.exec(select(HouseholdEconomy)).one()
            assert row.device_id == device(s).id  # a file imported here is this laptop's change to send
        assert ExchangeService(other).export_visit(visit_id) == exported
    finally:
        other.close()


def test_anonymising_leaves_tombstones_and_deleting_removes_the_rows(ctx):
    visit_id = _visit(ctx)
    ctx.plan.save_household(visit_id, HOUSEHOLD)
    ctx.plan.save_statement(visit_id, "Navn og diagnose.")
    client_id = ctx.visits.get(visit_id).client_id
    LanguageService(ctx).set_client_malform(client_id, "nn")
    anonymise_client(ctx, client_id)
    assert ctx.plan.statement(visit_id) == ""
    assert not set(HOUSEHOLD) & set(ctx.plan.household(visit_id))
    assert LanguageService(ctx).client_malform(client_id) == ""
    with ctx.db.transaction() as s:
        rows = [*s.exec(select(HouseholdEconomy)), *s.exec(select(VisitStatement))]
        mine = [r for r in rows if str(r.visit_id) == visit_id]
        assert len(mine) == 2 and all(r.deleted and r.deleted_at for r in mine)
        household = next(r for r in mine if isinstance(r, HouseholdEconomy))
        assert (household.members, household.co_residents_json, household.extra_json) == (None, None, "{}")
        assert next(r for r in mine if isinstance(r, VisitStatement)).text == ""
    ctx.plan.save_statement(visit_id, "Ny uttalelse.")  # a tombstone can be written again
    assert ctx.plan.statement(visit_id) == "Ny uttalelse."
    delete_client(ctx, client_id, "på forespørsel")
    with ctx.db.transaction() as s:
        left = [r for r in [*s.exec(select(HouseholdEconomy)), *s.exec(select(VisitStatement))]
                if str(r.visit_id) == visit_id]
    assert left == []


def test_a_visit_document_from_the_team_server_replaces_the_household(ctx):
    from boligvurdering.services.exchange_parse import parse_exchange

    visit_id = _visit(ctx)
    ctx.plan.save_household(visit_id, HOUSEHOLD)
    doc = ExchangeService(ctx).export_visit(visit_id)
    doc["plan"]["household"] = {"members": 1, "savings": 1000.0}
    with ctx.db.transaction() as s:  # as the sync applies a pulled visit
        ExchangeService(ctx).write_parsed(s, parse_exchange(doc, ctx.registry), track=False)
    assert {k: v for k, v in ctx.plan.household(visit_id).items() if k in HOUSEHOLD} == {"members": 1, "savings": 1000.0}
    doc["plan"]["household"] = {}  # the last writer of the visit has none (erased there)
    with ctx.db.transaction() as s:
        ExchangeService(ctx).write_parsed(s, parse_exchange(doc, ctx.registry), track=False)
        row = s.exec(select(HouseholdEconomy)).all()
    assert not set(HOUSEHOLD) & set(ctx.plan.household(visit_id))
    assert [r.deleted and r.device_id is None for r in row if str(r.visit_id) == visit_id] == [True]
