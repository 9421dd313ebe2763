"""Household economy, the therapist's statement and the client's målform travel with the visit (issue 12.4)."""

from boligvurdering.services.language import LanguageService
from boligvurdering.services.sync import SyncService
from boligvurdering.store.plan_models import HouseholdEconomy

HOUSEHOLD = {"members": 2, "gross_income_year": 412000.0, "net_income_month": 26500.0, "civil_status": "gift",
             "co_residents": [{"name": "Einar Testli", "relation": "ektefelle", "income_year": 265000.0}]}


def _plan(ctx, visit_id):
    household = {k: v for k, v in ctx.plan.household(visit_id).items() if k in HOUSEHOLD}
    return household, ctx.plan.statement(visit_id)


def test_household_statement_and_malform_reach_the_other_laptop_and_back(enrolled, new_visit):
    from sqlmodel import select

    a = enrolled("a", "terapeut")
    lead = enrolled("lead", "leder")
    visit = new_visit(a, 11, "Kvamme")
    a.plan.save_household(visit.id, HOUSEHOLD)
    a.plan.save_statement(visit.id, "Trenger trappeheis.")
    LanguageService(a).set_client_malform(visit.client_id, "nn")
    assert SyncService(a).run().visits_sent == 1
    SyncService(lead).run()
    assert _plan(lead, visit.id) == (HOUSEHOLD, "Trenger trappeheis.")
    lead_client = lead.visits.get(visit.id).client_id
    assert LanguageService(lead).client_malform(lead_client) == "nn"
    with lead.db.transaction() as s:  # applied from the server: not a change made on the lead's laptop
        assert s.exec(select(HouseholdEconomy)).one().device_id is None

    lead.plan.save_statement(visit.id, "Trenger trappeheis og dørautomatikk.")
    lead.plan.save_household(visit.id, {"savings": 15000.0})
    assert SyncService(lead).run().visits_sent == 1
    SyncService(a).run()
    assert _plan(a, visit.id)[1] == "Trenger trappeheis og dørautomatikk."
    assert a.plan.household(visit.id)["savings"] == 15000.0 and _plan(a, visit.id)[0] == HOUSEHOLD
    again = SyncService(a).run()
    assert (again.visits_sent, again.visits_received) == (0, 0)  # nothing new either way

