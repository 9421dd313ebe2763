"""The server's figures equal the laptop's, field by field, with score snapshots, report dates and
applications (the document's ``facts``); a change on the laptop reaches them with the next sync, and
another laptop changing the visit keeps them."""

import dataclasses
import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from boligvurdering.domain.enums import RiskLevel
from boligvurdering.services.backlog import BacklogQuery, BacklogService
from boligvurdering.services.pipeline import PipelineService
from boligvurdering.services.sync import SyncService
from boligvurdering.services.team_backlog import TeamBacklogService
from boligvurdering.store import answers as answer_repo
from boligvurdering.store import sync as sync_repo
from boligvurdering.store import visits as visit_repo

TODAY = date(2026, 11, 30)
YEAR, NOVEMBER = (date(2026, 1, 1), date(2026, 12, 31)), (date(2026, 11, 1), date(2026, 11, 30))


def _snap(ctx, vid, *, mst=None, mna=None, falls="low", fire="low", fire7="pass"):
    inst = {"FIRE-7": {"band": fire7}}
    if mst:
        inst["MST"] = {"band": mst}
    if mna:
        inst["MNA-SF"] = {"band": mna}
    with ctx.db.transaction() as s:
        answer_repo.save_snapshot(s, visit_id=vid, scoring_version="t", result={
            "instruments": inst, "domains": {"falls": {"level": falls}, "fire": {"level": fire}}})
        # as scoring does: the case's risk is its worst domain level
        visit_repo.update_visit(s, visit_id=vid, risk_rank=RiskLevel.highest_rank((falls, fire)))


def _report_at(ctx, vid, at):
    """Date the sent report (as the laptop stores it: naive UTC); the visit counts as changed."""
    stamp = at.strftime("%Y-%m-%d %H:%M:%S.%f")
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE visit SET report_sent_at = :at, updated_at = :now WHERE id = :v"),
                     {"at": stamp, "now": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
                      "v": vid.replace("-", "")})


def _cases(ctx):
    """Four visited cases with snapshots, reports and applications, a closed one, a referral."""
    from boligvurdering.domain.national_id import make_synthetic
    from boligvurdering.services.measures import MeasureService

    pipe = PipelineService(ctx)
    lars = ctx.visits.add_member("Lars Havn", "ergoterapeut", "40000002")
    clients, ids = {}, {}
    for n, (family, born, referred, visited) in enumerate((
            ("Dahl", date(1938, 5, 1), date(2026, 9, 1), date(2026, 9, 20)),
            ("Eide", date(1950, 2, 3), date(2026, 10, 2), date(2026, 11, 3)),
            ("Fjell", date(1931, 7, 9), date(2026, 9, 5), date(2026, 10, 10)),
            ("Holm", date(1929, 5, 1), date(2026, 11, 10), date(2026, 11, 25)),
            ("Gran", date(1945, 1, 1), date(2026, 11, 28), None))):
        if family not in clients:
            nid = make_synthetic(born, 300 + n * 3, female=True).value
            clients[family] = ctx.clients.create({"national_id": nid, "given_name": "Test", "family_name": family},
                                                 {"address": "Vei 1", "postal_code": "5914"}).id
        vid = pipe.create_referral(clients[family], source="gp", reason="Fall", referral_date=referred)
        if visited:
            pipe.plan_visit(vid, visit_date=visited, team=[(lars.id, "ergoterapeut")])
            pipe.mark_visited(vid, today=TODAY)
        ids[n] = vid
    dahl, eide, fjell = ids[0], ids[1], ids[2]
    MeasureService(ctx).save(dahl, {"title": "Kostplan", "domain": "nutrition", "status": "accepted"})
    MeasureService(ctx).save(dahl, {"title": "Sklisikring", "domain": "falls", "status": "done"})
    _snap(ctx, dahl, mst="at_risk", falls="high", fire="moderate", fire7="fail")
    _snap(ctx, eide, mna="normal", fire="high")
    _snap(ctx, fjell, mst="low")
    for vid in (dahl, eide):
        pipe.send_report(vid)
    _report_at(ctx, dahl, datetime(2026, 9, 30, 23, 30))  # 1 October in Norway: 11 days
    _report_at(ctx, eide, datetime(2026, 11, 7, 10, 0))  # 4 days
    app = pipe.send_application(dahl, channel="kommunalt_tilskudd", sent_at=date(2026, 10, 1), amount_applied=40000)
    pipe.record_decision(app, granted=True, amount_granted=30000, decided_at=date(2026, 10, 20))
    pending = pipe.send_application(eide, channel="startlan", sent_at=date(2026, 11, 10), amount_applied=100000)
    pipe.close(fjell, reason="Ingen behov", today=TODAY)  # closed after a visit: counts (it has a snapshot)
    return ids, pending


@pytest.fixture
def synced(enrolled):
    a, lead = enrolled("a", "terapeut"), enrolled("lead", "leder")
    ids, pending = _cases(a)
    for ctx in (a, lead):
        SyncService(ctx).run()
    return a, lead, ids, pending


def _equal(server_ctx, laptop_ctx):
    """The server's figures (as ``server_ctx`` sees them) and ``laptop_ctx``'s own, for the year and November."""
    for start, end in (YEAR, NOVEMBER):
        found = TeamBacklogService(server_ctx).figures(start=start, end=end).figures
        mine = BacklogService(laptop_ctx).figures(start=start, end=end)
        for f in dataclasses.fields(mine):
            assert getattr(found, f.name) == getattr(mine, f.name), (f.name, start, end)
    return TeamBacklogService(server_ctx).figures(start=YEAR[0], end=YEAR[1]).figures


def test_the_servers_figures_equal_the_laptops_field_by_field(synced):
    a, lead, _ids, _pending = synced
    for viewer in (a, lead):
        year = _equal(viewer, a)
    assert (year.visited_clients, year.screened, year.at_risk, year.with_plan, year.high_falls, year.high_fire,
            year.fire7_failures) == (4, 3, 1, 1, 1, 1, 1)
    assert year.median_visit_to_report == 7.5  # 11 and 4 days
    assert year.applications == [("kommunalt_tilskudd", 1, 1, 1, 40000.0, 30000.0), ("startlan", 1, 0, 0, 100000.0, 0.0)]
    assert year.measures == [("falls", 1, 1, 1), ("nutrition", 1, 1, 0)]
    november = TeamBacklogService(lead).figures(start=NOVEMBER[0], end=NOVEMBER[1]).figures
    assert (november.visited_clients, november.screened, november.high_fire, november.applications) == \
        (2, 1, 1, [("startlan", 1, 0, 0, 100000.0, 0.0)])  # Eide and Holm
    # the lead's laptop took every document with its facts (not stored there, kept for its next push)
    with lead.db.transaction() as s:
        bases = [sync_repo.base_document(sync_repo.visit_state(s, v)) for v in _ids.values()]
        assert sorted(len(b.get("facts", {})) for b in bases) == [0, 0, 1, 1, 1]
        assert sync_repo.conflicts(s) == []
    assert BacklogService(lead).open(BacklogQuery(statuses=("avsluttet",)), today=TODAY).total == 1
    # the exchange file is unchanged: no facts in it
    from boligvurdering.services.exchange import ExchangeService

    assert "facts" not in ExchangeService(a).export_visit(_ids[0])


def test_a_change_on_the_laptop_reaches_the_servers_figures_and_another_laptop_keeps_the_facts(synced):
    a, lead, ids, pending = synced
    eide, dahl = ids[1], ids[0]
    _snap(a, eide, mst="at_risk", fire="low")  # a new snapshot: Eide is at risk, no longer at high fire risk
    PipelineService(a).record_decision(pending, granted=False, amount_granted=None, decided_at=date(2026, 11, 27))
    SyncService(a).run()
    year = _equal(lead, a)
    assert (year.at_risk, year.high_fire) == (2, 0)
    assert year.applications[1] == ("startlan", 1, 1, 0, 100000.0, 0.0)
    # the lead closes Dahl's first case on the lead's laptop (which has none of its snapshots or
    # applications) and syncs: the server keeps the facts a sent; a takes the closed case
    lead.role = "teamleder"
    PipelineService(lead).close(dahl, reason="Ferdig", today=TODAY)
    SyncService(lead).run()
    SyncService(a).run()
    assert BacklogService(a).open(BacklogQuery(statuses=("avsluttet",)), today=TODAY).total == 2
    year = _equal(lead, a)
    assert (year.high_falls, year.fire7_failures, year.applications[0]) == \
        (1, 1, ("kommunalt_tilskudd", 1, 1, 1, 40000.0, 30000.0))


def test_facts_of_the_wrong_shape_are_refused_by_the_server(synced):
    from boligvurdering.services.sync_http import ServerClient, ServerRefused
    from boligvurdering.services.sync_steps import visit_document

    a, _lead, ids, _pending = synced
    with a.db.transaction() as s:
        doc, _h = visit_document(s, ids[0], a.registry)
        url, token = sync_repo.account(s, "terapeut")[1:]
    assert set(next(iter(doc["facts"].values()))) == {"snapshot", "report_sent_at", "applications"}
    doc["facts"] = {"x": {"snapshot": {"at": "i går"}}}
    with pytest.raises(ServerRefused, match="facts"):
        ServerClient(url, token).call("POST", "/push", {"visits": [{"id": ids[0], "counter": 999, "doc": doc,
                                                                    "hash": "x", "base": 0, "base_doc": None}]})
    assert json.dumps(doc)  # the document itself stays plain JSON


def test_the_servers_risk_column_follows_the_newest_snapshot(synced):
    a, lead, ids, _pending = synced
    for q in (BacklogQuery(sort="risk"), BacklogQuery(min_risk=3), BacklogQuery(sort="risk", descending=True)):
        found = [(r.visit_id, r.risk_rank) for r in TeamBacklogService(lead).open(q, today=TODAY).rows]
        mine = [(r.visit_id, r.risk_rank) for r in BacklogService(a).open(q, today=TODAY).rows]
        assert found == mine, q
    high = TeamBacklogService(lead).open(BacklogQuery(min_risk=3), today=TODAY).rows
    assert sorted(r.visit_id for r in high) == sorted((ids[0], ids[1]))  # Dahl (falls) and Eide (fire)
    _snap(a, ids[1], mna="normal", fire="low")  # Eide scored again: low
    SyncService(a).run()
    high = TeamBacklogService(lead).open(BacklogQuery(min_risk=3), today=TODAY).rows
    assert [r.visit_id for r in high] == [ids[0]]
