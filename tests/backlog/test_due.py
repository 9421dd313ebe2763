"""Overdue and due-this-week logic at day boundaries; backlog filters, sort and counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from boligvurdering.services.backlog import BacklogQuery, BacklogService, week_end
from boligvurdering.services.pipeline import PipelineService
from boligvurdering.store import extras

TODAY = date(2026, 3, 4)  # Wednesday; the week ends Sunday 8 March


@pytest.fixture
def pipe(ctx):
    return PipelineService(ctx)


@pytest.fixture
def svc(ctx):
    return BacklogService(ctx)


def planned(pipe, make_client, team, day, family="Testesen", postal="5914"):
    vid = pipe.create_referral(make_client(family=family, postal=postal), source="self", reason="Forebyggende",
                               referral_date=day - timedelta(days=10))
    pipe.plan_visit(vid, visit_date=day, team=[(team[0], "ergoterapeut")])
    return vid


def visited(pipe, make_client, team, day):
    vid = planned(pipe, make_client, team, day)
    pipe.mark_visited(vid, today=day)
    return vid


def test_week_end_is_sunday():
    assert week_end(TODAY) == date(2026, 3, 8)
    assert week_end(date(2026, 3, 8)) == date(2026, 3, 8)
    assert week_end(date(2026, 3, 9)) == date(2026, 3, 15)


def test_due_today_is_not_overdue(ctx, pipe, svc, make_client, team):
    yesterday = planned(pipe, make_client, team, TODAY - timedelta(days=1), "Igår")
    today = planned(pipe, make_client, team, TODAY, "Idag")
    sunday = planned(pipe, make_client, team, date(2026, 3, 8), "Søndag")
    planned(pipe, make_client, team, date(2026, 3, 9), "Nesteuke")
    late_report = visited(pipe, make_client, team, TODAY - timedelta(days=15))   # due 3 March
    report_today = visited(pipe, make_client, team, TODAY - timedelta(days=14))  # due 4 March
    app_case = visited(pipe, make_client, team, date(2026, 1, 20))
    pipe.send_report(app_case)
    pipe.send_application(app_case, channel="startlan", sent_at=TODAY - timedelta(days=28))  # due today
    with ctx.db.transaction() as s:
        extras.replace_follow_ups(s, visit_id=today, items=[("nutrition_rescreen", TODAY, "MST")])
    lists = svc.due_lists(today=TODAY)
    overdue = {(d.kind, d.visit_id) for d in lists.overdue}
    week = {(d.kind, d.visit_id) for d in lists.this_week}
    assert overdue == {("visit", yesterday), ("report", late_report)}
    assert week == {("visit", today), ("visit", sunday), ("report", report_today), ("application", app_case),
                    ("nutrition", today)}
    assert [d.due for d in lists.overdue] == sorted(d.due for d in lists.overdue)
    # the backlog's overdue filter uses the same boundary
    q = BacklogQuery(overdue=True)
    ids = {r.visit_id for r in svc.open(q, today=TODAY).rows}
    assert yesterday in ids and late_report in ids and today not in ids and report_today not in ids
    # one day later, today's tasks are overdue
    later = svc.due_lists(today=TODAY + timedelta(days=1))
    assert ("visit", today) in {(d.kind, d.visit_id) for d in later.overdue}


def test_backlog_filters_sort_counts(ctx, pipe, svc, make_client, team):
    a = planned(pipe, make_client, team, TODAY + timedelta(days=2), "Aasen", "5914")
    b = planned(pipe, make_client, team, TODAY + timedelta(days=1), "Berg", "5918")
    c = pipe.create_referral(make_client(family="Øvrebø", postal="5918"), source="gp", reason="x",
                             referral_date=TODAY - timedelta(days=30))
    pipe.close(planned(pipe, make_client, team, TODAY, "Lukket"), reason="Flyttet", today=TODAY)
    with ctx.db.transaction() as s:
        from boligvurdering.store import visits as visit_repo
        visit_repo.update_visit(s, visit_id=b, risk_rank=3)
    opened = svc.open(BacklogQuery(), today=TODAY)
    assert opened.total == 3
    assert opened.counts == {"henvist": 1, "planlagt": 2, "avsluttet": 1}
    assert [r.visit_id for r in opened.rows] == [c, b, a]  # next_due: c planned-by date has passed
    by_client = svc.open(BacklogQuery(sort="client"), today=TODAY).rows
    assert [r.client_name.split()[-1] for r in by_client] == ["Aasen", "Berg", "Øvrebø"]
    assert [r.visit_id for r in svc.open(BacklogQuery(sort="risk"), today=TODAY).rows][0] == b
    assert {r.visit_id for r in svc.open(BacklogQuery(area="5918"), today=TODAY).rows} == {b, c}
    assert {r.visit_id for r in svc.open(BacklogQuery(statuses=("henvist",)), today=TODAY).rows} == {c}
    assert {r.visit_id for r in svc.open(BacklogQuery(member_id=team[0]), today=TODAY).rows} == {a, b}
    assert {r.visit_id for r in svc.open(BacklogQuery(min_risk=3), today=TODAY).rows} == {b}
    assert {r.visit_id for r in svc.open(BacklogQuery(search="øvre"), today=TODAY).rows} == {c}
    row = next(r for r in opened.rows if r.visit_id == a)
    assert row.team == (("Ida Ergo", "ergoterapeut"),) and row.contact_name == "Ida Ergo"
    assert row.postal_code == "5914"
    closed = svc.open(BacklogQuery(statuses=("avsluttet",)), today=TODAY)
    assert closed.total == 1


def test_workload_and_assign(ctx, pipe, svc, make_client, team):
    ot, bk = team
    a = planned(pipe, make_client, team, TODAY)
    svc.assign(a, member_id=bk, role="boligkonsulent", contact=True)
    load = {(name, role, status): n for _id, name, role, status, n in svc.workload()}
    assert load == {("Ida Ergo", "ergoterapeut", "planlagt"): 1, ("Bo Konsulent", "boligkonsulent", "planlagt"): 1}
    assert ctx.visits.get(a).contact_member_id == bk
    other = ctx.visits.add_member("Eva Ergo", "ergoterapeut")
    svc.assign(a, member_id=other.id, role="ergoterapeut")
    names = {m.member.name for m in ctx.visits.get(a).members}
    assert names == {"Eva Ergo", "Bo Konsulent"}
    svc.set_visit_date(a, visit_date=TODAY + timedelta(days=3))
    assert ctx.visits.get(a).next_due == TODAY + timedelta(days=3)
