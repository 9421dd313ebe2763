"""The server's ``next_due`` and due lists equal the laptop's for cases with follow-ups and applications
(the document's ``facts``): the Arbeidsliste sorted by next_due, the overdue filter, the due lists;
a follow-up marked done on the laptop reaches the server with the next sync."""

import uuid
from datetime import date

import pytest
from sqlmodel import select

from boligvurdering.services.backlog import BacklogQuery, BacklogService
from boligvurdering.services.pipeline import PipelineService, refresh_next_due
from boligvurdering.services.sync import SyncService
from boligvurdering.services.team_backlog import TeamBacklogService
from boligvurdering.store import sync as sync_repo
from boligvurdering.store.models import FollowUp

TODAY = date(2026, 11, 30)  # a Monday: the week ends on 6 December
QUERIES = (BacklogQuery(), BacklogQuery(descending=True), BacklogQuery(overdue=True),
           BacklogQuery(overdue=True, descending=True))


def _done(ctx, vid):
    """Mark the case's follow-ups done (as the laptop stores it) and recompute its next_due."""
    with ctx.db.transaction() as s:
        for f in s.exec(select(FollowUp).where(FollowUp.visit_id == uuid.UUID(vid))):
            f.done_at = TODAY
        s.flush()
        refresh_next_due(s, vid)


def _cases(ctx):
    """Seven cases: open follow-ups (overdue, this week's nutrition re-screen, next year's), an undecided
    application with a done follow-up, a decided one, a planned visit, a referral."""
    from boligvurdering.domain.national_id import make_synthetic

    pipe = PipelineService(ctx)
    lars = ctx.visits.add_member("Lars Havn", "ergoterapeut", "40000002")
    ids = {}
    for n, (family, referred, visited) in enumerate((
            ("Aas", date(2026, 10, 1), date(2026, 11, 3)), ("Berg", date(2026, 11, 1), date(2026, 11, 20)),
            ("Dahl", date(2026, 9, 1), date(2026, 10, 1)), ("Eide", date(2026, 9, 1), date(2026, 9, 15)),
            ("Fjell", date(2026, 11, 2), date(2026, 12, 3)), ("Gran", date(2026, 10, 1), date(2026, 11, 5)),
            ("Holm", date(2026, 11, 28), None))):
        nid = make_synthetic(date(1940, 1, 1 + n), 400 + n * 3, female=True).value
        client = ctx.clients.create({"national_id": nid, "given_name": "Test", "family_name": family},
                                    {"address": "Vei 1", "postal_code": "5914"}).id
        vid = pipe.create_referral(client, source="gp", reason="Fall", referral_date=referred)
        if visited:
            pipe.plan_visit(vid, visit_date=visited, team=[(lars.id, "ergoterapeut")])
        if visited and visited < TODAY:
            pipe.mark_visited(vid, today=TODAY)
        ids[family] = vid
    for family in ("Aas", "Dahl", "Eide"):
        pipe.send_report(ids[family])
    pipe.set_follow_up(ids["Aas"], due=date(2026, 11, 25))  # overdue
    pipe.set_follow_up(ids["Berg"], due=date(2026, 12, 2), kind="nutrition_rescreen")  # this week
    pipe.set_follow_up(ids["Gran"], due=date(2027, 3, 1))  # later than the week
    pipe.send_application(ids["Dahl"], channel="startlan", sent_at=date(2026, 10, 20), amount_applied=50000)
    pipe.set_follow_up(ids["Dahl"], due=date(2026, 11, 10))  # done below: neither next_due nor the lists
    _done(ctx, ids["Dahl"])
    app = pipe.send_application(ids["Eide"], channel="kommunalt_tilskudd", sent_at=date(2026, 10, 1),
                                amount_applied=40000)
    pipe.record_decision(app, granted=True, amount_granted=30000, decided_at=date(2026, 10, 20))
    return ids


@pytest.fixture
def synced(enrolled):
    a, lead = enrolled("a", "terapeut"), enrolled("lead", "leder")
    ids = _cases(a)
    for ctx in (a, lead):
        SyncService(ctx).run()
    return a, lead, ids


def _equal(viewer, laptop):
    """The server's lists (as ``viewer`` sees them) equal ``laptop``'s own; returns the laptop's."""
    local, server = BacklogService(laptop), TeamBacklogService(viewer)
    for q in QUERIES:
        mine, theirs = local.open(q, today=TODAY), server.open(q, today=TODAY)
        assert [(r.visit_id, r.next_due, r.status) for r in theirs.rows] == \
            [(r.visit_id, r.next_due, r.status) for r in mine.rows], q
        assert (theirs.total, theirs.counts) == (mine.total, mine.counts), q
    assert server.due_lists(today=TODAY) == local.due_lists(today=TODAY)
    return local


def test_the_servers_next_due_and_due_lists_equal_the_laptops_with_follow_ups_and_applications(synced):
    a, lead, ids = synced
    name = {v: k for k, v in ids.items()}
    for viewer in (a, lead):
        local = _equal(viewer, a)
    rows = local.open(BacklogQuery(), today=TODAY).rows
    assert [(name[r.visit_id], r.next_due) for r in rows] == [
        ("Dahl", date(2026, 11, 17)),  # the undecided application's answer (its done follow-up is not counted)
        ("Aas", date(2026, 11, 25)),  # the open follow-up
        ("Berg", date(2026, 12, 2)), ("Fjell", date(2026, 12, 3)), ("Holm", date(2026, 12, 12)),
        ("Gran", date(2027, 3, 1)), ("Eide", None)]  # decided: nothing dated
    due = TeamBacklogService(lead).due_lists(today=TODAY)
    assert [(r.kind, name[r.visit_id], r.due, r.detail) for r in due.overdue] == [
        ("application", "Dahl", date(2026, 11, 17), "startlan"), ("follow_up", "Aas", date(2026, 11, 25), "revisit")]
    assert [(r.kind, name[r.visit_id], r.due, r.detail) for r in due.this_week] == [
        ("nutrition", "Berg", date(2026, 12, 2), "nutrition_rescreen"), ("visit", "Fjell", date(2026, 12, 3), "")]


def test_a_follow_up_marked_done_on_the_laptop_reaches_the_server_with_the_next_sync(synced):
    a, lead, ids = synced
    _done(a, ids["Aas"])
    assert [r.visit_id for r in TeamBacklogService(lead).open(BacklogQuery(overdue=True), today=TODAY).rows] == \
        [ids["Dahl"], ids["Aas"]]  # not yet synced
    SyncService(a).run()
    local = _equal(lead, a)
    assert [r.visit_id for r in local.open(BacklogQuery(overdue=True), today=TODAY).rows] == [ids["Dahl"]]
    assert [r.kind for r in TeamBacklogService(lead).due_lists(today=TODAY).overdue] == ["application"]
    # a new follow-up and the application's decision reach it the same way
    pipe = PipelineService(a)
    pipe.set_follow_up(ids["Aas"], due=date(2026, 12, 4))
    pending = next(x.id for x in _applications(a, ids["Dahl"]) if x.decided_at is None)
    pipe.record_decision(str(pending), granted=False, amount_granted=None, decided_at=date(2026, 11, 29))
    SyncService(a).run()
    local = _equal(lead, a)
    assert local.open(BacklogQuery(overdue=True), today=TODAY).rows == []
    assert [(r.kind, r.visit_id, r.due) for r in TeamBacklogService(lead).due_lists(today=TODAY).this_week] == [
        ("nutrition", ids["Berg"], date(2026, 12, 2)), ("visit", ids["Fjell"], date(2026, 12, 3)),
        ("follow_up", ids["Aas"], date(2026, 12, 4))]
    # a follow-up that moves nothing else of the case (its next_due stays) is pushed too
    pipe.set_follow_up(ids["Gran"], due=date(2027, 6, 1))
    SyncService(a).run()
    with a.db.transaction() as s:
        base = sync_repo.base_document(sync_repo.visit_state(s, ids["Gran"]))
    assert sorted((f["due_date"], f["done"]) for part in base["facts"].values() for f in part["follow_ups"]) == \
        [("2027-03-01", False), ("2027-06-01", False)]


def _applications(ctx, vid):
    from boligvurdering.store import backlog as repo

    with ctx.db.transaction() as s:
        return repo.applications_of(s, visit_id=vid)
