"""The tilskudd application: amount applied for, startlån only when planned, refusals, household facts."""

from __future__ import annotations

from dataclasses import asdict, replace

from test_consent import flat_text

from boligvurdering.reports import render_document
from boligvurdering.reports.model import PlanChannelLine
from boligvurdering.reports.requirements import missing_for


def test_applied_amount_per_measure_and_total_incl_vat(docs, visit):
    text = flat_text(docs.render_bytes(visit, "tilskudd"))
    assert "Det søkes om kr 84 125 i tilskudd til tilpasning av bolig (alle beløp er inkl. mva.)" in text
    assert "Søkt tilskudd" in text and "Kostnad inkl. mva." in text
    for amount in ("kr 61 250", "kr 24 125", "kr 60 000", "kr 121 250", "kr 84 125"):  # range at its upper end (#14.10)
        assert amount in text, amount
    # the plan has none: neither title nor text names it (the official form «HB 7.S.13» keeps its name)
    assert "startlån" not in text.lower().replace("søknad om startlån og tilskudd (hb 7.s.13)", "")


def test_startlan_named_only_when_planned(docs, visit):
    data = docs.gather(visit, "tilskudd")
    plan = replace(data.plan, channels=(*data.plan.channels, PlanChannelLine("Startlån", 40000, None, "", "startlan")))
    text = flat_text(render_document(replace(data, plan=plan)))
    assert "Søknad om tilskudd til tilpasning av bolig og startlån" in text
    assert "Det søkes også om kr 40 000 i startlån" in text


def test_refused_when_nothing_is_granted(docs, visit):
    data = docs.gather(visit, "tilskudd")
    plan = replace(data.plan, channels=tuple(c for c in data.plan.channels if c.id != "kommunalt_tilskudd"))
    problems = missing_for(replace(data, plan=plan), "tilskudd")
    assert any("gir ikke tilskudd til tilpasning fra kommunen" in m and "lages ikke" in m for m in problems)


def test_household_members_with_income_civil_status_and_cadastre(ctx, docs, visit):
    record = ctx.visits.get(visit)
    dwelling = ctx.clients.dwellings(record.client_id)[0]
    fields = {k: v for k, v in asdict(dwelling).items() if k not in ("id", "client_id")}
    ctx.clients.save_dwelling(record.client_id, {**fields, "gnr": "12", "bnr": "345"}, dwelling.id)
    ctx.plan.save_household(visit, {"members": 1, "civil_status": "gift", "debt": 80000,
                                    "earlier_husbanken_grants": "Ingen",
                                    "co_residents": [{"name": "Per Øvrebø", "relation": "ektefelle",
                                                      "income_year": 250000}]})
    client = ctx.clients.get(record.client_id)
    ctx.clients.update(client.id, {**asdict(client), "lives_alone": False})
    text = flat_text(docs.render_bytes(visit, "tilskudd"))
    for expected in ("2 personer", "Per Øvrebø (ektefelle): bruttoinntekt kr 250 000 i året", "Sivilstand Gift",
                     "Gjeld kr 80 000", "Ingen", "gnr. 12, bnr. 345"):
        assert expected in text, expected
    assert "1 person " not in text and "Sivilstand gift" not in text


def test_household_facts_that_disagree_are_refused(ctx, docs, visit):
    ctx.plan.save_household(visit, {"members": 2})  # the client is registered as living alone
    assert any("bor alene" in m for m in docs.missing(visit, "tilskudd"))


def test_floors_agree_everywhere_in_one_document(ctx, docs, visit):
    ctx.answers.save(visit, "housing_floors", 1)  # counted on the visit; the register says 2
    data = docs.gather(visit, "archive")
    assert data.client.floors == "1"
    text = flat_text(docs.render_bytes(visit, "archive"))
    assert "Etasjer 1" in text and "Etasjer 2" not in text
