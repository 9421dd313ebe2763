"""The team lead's Arbeidsliste and figures on PostgreSQL equal the laptop's for the same visits;
a therapist sees only the visits assigned to them; the read model follows every stored document."""

from datetime import date, datetime

import pytest
from sqlalchemy import text

from boligvurdering.services.backlog import BacklogQuery, BacklogService
from boligvurdering.services.sync import SyncService
from boligvurdering.services.team_backlog import TeamBacklogService

TODAY = date(2026, 11, 30)
QUERIES = (BacklogQuery(), BacklogQuery(sort="client"), BacklogQuery(sort="status", descending=True),
           BacklogQuery(sort="waiting"), BacklogQuery(sort="team"), BacklogQuery(sort="area"),
           BacklogQuery(overdue=True), BacklogQuery(search="test"), BacklogQuery(area="591"),
           BacklogQuery(statuses=("gjennomfort", "planlagt")), BacklogQuery(statuses=("avsluttet",)))


def _cases(ctx):
    """Five cases along the pipeline, with referral dates, two clients visited twice, measures."""
    from boligvurdering.domain.national_id import make_synthetic
    from boligvurdering.services.measures import MeasureService
    from boligvurdering.services.pipeline import PipelineService

    pipe = PipelineService(ctx)
    lars = ctx.visits.add_member("Lars Havn", "ergoterapeut", "40000002")
    kari = ctx.visits.add_member("Kari Li", "fysioterapeut", "40000003")
    made, clients = [], {}
    for n, (family, born, postal, referred, visited, steps) in enumerate((
            ("Dahl", date(1938, 5, 1), "5914", date(2026, 9, 1), date(2026, 9, 20), ("visit", "report")),
            ("Eide", date(1950, 2, 3), "5915", date(2026, 10, 2), date(2026, 11, 3), ("visit",)),
            ("Fjell", date(1931, 7, 9), "5920", date(2026, 11, 5), date(2026, 12, 10), ()),
            ("Dahl", date(1938, 5, 1), "5914", date(2026, 11, 10), date(2026, 11, 25), ("visit",)),
            ("Gran", date(1945, 1, 1), "5916", date(2026, 11, 28), None, ()))):
        if family not in clients:
            nid = make_synthetic(born, 200 + n * 3, female=True).value
            clients[family] = ctx.clients.create({"national_id": nid, "given_name": "Test", "family_name": family},
                                                 {"address": "Vei 1", "postal_code": postal}).id
        vid = pipe.create_referral(clients[family], source="gp", reason="Fall", referral_date=referred)
        if visited:
            pipe.plan_visit(vid, visit_date=visited, team=[(lars.id, "ergoterapeut"), (kari.id, "fysioterapeut")],
                            contact_member_id=kari.id if n % 2 else lars.id)
        if "visit" in steps:
            pipe.mark_visited(vid, today=TODAY)
            for domain, status in (("nutrition", "accepted"), ("falls", "proposed"), ("falls", "done")):
                MeasureService(ctx).save(vid, {"title": f"Tiltak {domain}", "domain": domain, "status": status})
        if "report" in steps:
            pipe.send_report(vid)
        made.append(vid)
    return made


@pytest.fixture
def team(enrolled, new_visit):
    """Laptop a (therapist) has five cases, laptop b (housing consultant) two more; all synced,
    then the team lead's laptop has fetched everything."""
    a, b, lead = enrolled("a", "terapeut"), enrolled("b", "konsulent"), enrolled("lead", "leder")
    _cases(a)
    new_visit(b, 1, "Aasen")
    new_visit(b, 2, "Berg")
    for ctx in (a, b, lead):
        SyncService(ctx).run()
    return a, b, lead


def _ids(rows):
    return [r.visit_id for r in rows]


def test_server_backlog_and_figures_equal_the_laptops_for_the_same_visits(team):
    a, _b, lead = team
    local, server = BacklogService(lead), TeamBacklogService(lead)
    assert len(local.open(BacklogQuery(), today=TODAY).rows) == 7
    for q in QUERIES:
        mine, theirs = local.open(q, today=TODAY), server.open(q, today=TODAY)
        assert (_ids(theirs.rows), theirs.total, theirs.counts) == (_ids(mine.rows), mine.total, mine.counts), q
        assert [(r.status, r.client_name, r.postal_code, r.next_due, r.referral_date, r.visit_date, r.contact_name,
                 sorted(r.team)) for r in theirs.rows] == \
            [(r.status, r.client_name, r.postal_code, r.next_due, r.referral_date, r.visit_date, r.contact_name,
              sorted(r.team)) for r in mine.rows]
    # keyset paging from the server's own sort key gives the rest in the same order
    for q in (BacklogQuery(sort="client"), BacklogQuery(), BacklogQuery(sort="waiting", descending=True)):
        first = server.page(q, today=TODAY, limit=3)
        rest = server.page(q, today=TODAY, limit=10, after=first[-1])  # dates and ids travel as JSON
        assert _ids(first + rest) == _ids(local.page(q, today=TODAY, limit=10)), q
    assert server.workload() == local.workload()
    assert server.due_lists(today=TODAY) == local.due_lists(today=TODAY)
    for start, end in ((date(2026, 1, 1), date(2026, 12, 31)), (date(2026, 11, 1), date(2026, 11, 30))):
        # the report date comes with a's facts (b's visits are planned, without referral dates: no figures)
        found, mine = server.figures(start=start, end=end), BacklogService(a).figures(start=start, end=end)
        assert found.figures == mine
    year = server.figures(start=date(2026, 1, 1), end=date(2026, 12, 31)).figures
    assert (sum(year.referrals), sum(year.visits), year.visited_clients, year.median_referral_to_visit) == (5, 3, 2, 19.0)  # b's visits have no referral
    assert year.measures == [("falls", 6, 3, 3), ("nutrition", 3, 3, 0)]


def test_a_therapist_sees_only_assigned_visits_and_a_new_status_shows_at_once(team):
    a, b, lead = team
    mine = TeamBacklogService(b).open(BacklogQuery(), today=TODAY)
    assert sorted(r.client_name for r in mine.rows) == ["Test Aasen", "Test Berg"] and mine.total == 2
    assert len(TeamBacklogService(a).open(BacklogQuery(), today=TODAY).rows) == 5
    assert TeamBacklogService(lead).open(BacklogQuery(), today=TODAY).total == 7
    assert sum(TeamBacklogService(a).figures(start=date(2026, 1, 1), end=date(2026, 12, 31)).figures.referrals) == 5
    # b's visit assigned to the therapist: it is on a's list from now on
    visit = next(r for r in mine.rows if r.client_name == "Test Aasen")
    SyncService(b).assign(visit.visit_id, "terapeut")
    assert TeamBacklogService(a).open(BacklogQuery(search="aasen"), today=TODAY).total == 1
    # the lead closes it; after sync the server's list has it as closed, like the lead's laptop
    from boligvurdering.services.pipeline import PipelineService

    lead.role = "teamleder"
    PipelineService(lead).close(visit.visit_id, reason="Flyttet", today=TODAY)
    SyncService(lead).run()
    closed = TeamBacklogService(lead).open(BacklogQuery(statuses=("avsluttet",)), today=TODAY)
    assert _ids(closed.rows) == [visit.visit_id]


def test_figures_need_the_right_on_the_server_too(team):
    from boligvurdering.services.sync_http import ServerRefused
    from boligvurdering.store import sync

    _a, b, _lead = team
    with b.db.transaction() as s:
        url, token = sync.account(s, "konsulent")[1:]
    from boligvurdering.services.sync_http import ServerClient

    with pytest.raises(ServerRefused, match="Ingen tilgang: rollen"):
        ServerClient(url, token).call("GET", "/figures", query={"start": "2026-01-01", "end": "2026-12-31"})


def test_cli_backlog_and_figures_from_the_server(team, capsys, monkeypatch, tmp_path):
    from boligvurdering.cli.main import main

    _a, _b, lead = team
    monkeypatch.setenv("BOLIGVURDERING_USER", "leder")
    monkeypatch.setenv("BOLIGVURDERING_PASSWORD", "sterkt-passord-1")
    root = str(lead.paths.root)
    lead.close()  # the CLI opens the data folder itself (one process at a time)
    assert main(["--data-dir", root, "backlog", "--server", "--search", "dahl", "--sort", "client"]) == 0
    out = capsys.readouterr().out
    assert "Kilde: teamserveren" in out and "2 saker." in out and out.count("Test Dahl") == 2
    target = tmp_path / "tall.csv"
    assert main(["--data-dir", root, "figures", "--from", "2026-01-01", "--to", "2026-12-31", "--out", str(target),
                 "--server"]) == 0
    out = capsys.readouterr().out
    assert "2 besøkte brukere, 5 henvisninger" in out and "Kilde: teamserveren" in out and "Ikke med" not in out
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_migration_fills_the_read_model_from_the_visits_already_on_the_server(pg_url, laptop, new_visit):
    import json
    import uuid

    from alembic import command
    from sqlalchemy import select

    from boligvurdering.server import accounts
    from boligvurdering.server.db import alembic_config, engine_for, migrate, transaction
    from boligvurdering.server.lead_models import (
        LeadApplication,
        LeadCase,
        LeadFollowUp,
        LeadMember,
    )
    from boligvurdering.services.exchange import ExchangeService

    ctx = laptop("a", "terapeut")
    visit = new_visit(ctx, 4, "Haug")
    doc = ExchangeService(ctx).export_visit(visit.id)
    doc["facts"] = {"pc1": {"snapshot": {"at": "2026-11-20T12:00:00", "nutrition_screened": True,  # as synced
                                         "nutrition_at_risk": True, "falls_rank": 3, "fire_rank": 1, "fire7_fail": False},
                            "report_sent_at": "2026-11-22T08:00:00",
                            "applications": [{"id": "a1", "channel": "startlan", "sent_at": "2026-11-23",
                                              "decided_at": None, "granted": None, "amount_applied": 5000.0,
                                              "amount_granted": None}],
                            "follow_ups": [{"id": "f1", "kind": "revisit", "due_date": "2026-11-15", "done": False},
                                           {"id": "f2", "kind": "revisit", "due_date": "2026-11-01", "done": True}]}}
    command.upgrade(alembic_config(pg_url), "s0002")
    with transaction(engine_for(pg_url)) as s:
        user = accounts.add_user(s, username="kari", password="sterkt-passord-1", role="teamleder", team="Lindås")
        s.execute(text("INSERT INTO visit (id, team_id, seq, doc_json, doc_hash, status, status_order, risk_rank, "
                       "client_name, updated_by, updated_at) VALUES (:id, :team, 1, :doc, '-', 'planlagt', 1, 0, "
                       "'Test Haug', :user, now())"),
                  {"id": uuid.UUID(visit.id), "team": user.team_id, "doc": json.dumps(doc), "user": user.id})
    migrate(pg_url)
    with transaction(engine_for(pg_url)) as s:
        case = s.execute(select(LeadCase)).scalar_one()
        assert (str(case.visit_id), case.family_name, case.status, case.postal_code, case.visit_date,
                case.next_due, case.team_id) == (visit.id, "Haug", "planlagt", "5914", date(2026, 11, 20),
                                                 date(2026, 11, 15), user.team_id)  # the open follow-up
        assert [(m.name, m.role) for m in s.execute(select(LeadMember)).scalars()] == \
            [("terapeut Haug", "ergoterapeut")]
        assert (case.counted, case.nutrition_at_risk, case.falls_rank, case.report_sent_at) == \
            (False, True, 3, datetime(2026, 11, 22, 8, 0))  # planned: not counted as visited
        assert [(a.channel, a.sent_at, a.amount_applied) for a in s.execute(select(LeadApplication)).scalars()] == \
            [("startlan", date(2026, 11, 23), 5000.0)]
        assert [(f.follow_up_id, f.kind, f.due_date) for f in s.execute(select(LeadFollowUp)).scalars()] == \
            [("f1", "revisit", date(2026, 11, 15))]  # the done one is not kept
