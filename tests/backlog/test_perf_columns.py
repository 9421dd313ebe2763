"""Denormalised columns of migration 0004 and keyset paging (docs/BACKLOG.md, «Performance»).

``Visit.status_order`` must follow ``status`` on every path that changes it, ``Visit.report_sent_at``
is the first move to rapport_sendt, and keyset pages are the same rows as offset pages.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from boligvurdering.services.backlog import BacklogQuery, BacklogService
from boligvurdering.services.pipeline import (
    PipelineService,
    refresh_next_due,
    refresh_next_due_many,
)
from boligvurdering.store import backlog as repo
from boligvurdering.store import visits as visit_repo
from boligvurdering.store.backlog import PIPELINE
from boligvurdering.store.models import STATUS_ORDER

TODAY = date(2026, 3, 4)


@pytest.fixture
def pipe(ctx):
    return PipelineService(ctx)


def stored(ctx, vid):
    """(status, status_order, report_sent_at) as stored, read with plain SQL."""
    with ctx.db.engine.connect() as conn:
        return conn.execute(text("SELECT status, status_order, report_sent_at FROM visit WHERE id = :v"),
                            {"v": vid.replace("-", "")}).one()


def assert_in_sync(ctx, vid, status):
    st, order, _sent = stored(ctx, vid)
    assert st == status and order == PIPELINE.index(status) == STATUS_ORDER[status]


def test_status_order_follows_every_pipeline_move(ctx, pipe, make_client, team):
    vid = pipe.create_referral(make_client(), source="gp", reason="r", referral_date=TODAY - timedelta(days=9))
    assert_in_sync(ctx, vid, "henvist")
    pipe.plan_visit(vid, visit_date=TODAY, team=[(team[0], "ergoterapeut")])
    assert_in_sync(ctx, vid, "planlagt")
    pipe.mark_visited(vid, today=TODAY)
    assert_in_sync(ctx, vid, "gjennomfort")
    assert stored(ctx, vid)[2] is None
    pipe.send_report(vid)
    assert_in_sync(ctx, vid, "rapport_sendt")
    app = pipe.send_application(vid, channel="startlan", sent_at=TODAY, amount_applied=1000)
    assert_in_sync(ctx, vid, "soknad_sendt")
    pipe.record_decision(app, granted=True, amount_granted=900, decided_at=TODAY)
    assert_in_sync(ctx, vid, "vedtak")
    pipe.measures_done(vid, done_at=TODAY)
    assert_in_sync(ctx, vid, "tiltak_utfort")
    pipe.set_follow_up(vid, due=TODAY + timedelta(days=90))
    assert_in_sync(ctx, vid, "oppfolging")
    pipe.plan_visit(vid, visit_date=TODAY + timedelta(days=95), team=[(team[0], "ergoterapeut")])
    assert_in_sync(ctx, vid, "planlagt")
    pipe.close(vid, reason="Ferdig", today=TODAY)
    assert_in_sync(ctx, vid, "avsluttet")


def test_status_order_follows_store_writes(ctx, make_client):
    """Paths outside the pipeline: add_visit with any status, set_status (exchange import), update_visit."""
    client = make_client()
    with ctx.db.transaction() as s:
        vid = visit_repo.add_visit(s, client_id=client, status="vedtak", referral_date=TODAY).id
        plain = visit_repo.add_visit(s, client_id=client, referral_date=TODAY).id  # default status
    assert_in_sync(ctx, vid, "vedtak")
    assert_in_sync(ctx, plain, "henvist")
    with ctx.db.transaction() as s:
        visit_repo.set_status(s, visit_id=vid, status="oppfolging", note="import")
    assert_in_sync(ctx, vid, "oppfolging")
    with ctx.db.transaction() as s:
        visit_repo.update_visit(s, visit_id=vid, status="gjennomfort")
    assert_in_sync(ctx, vid, "gjennomfort")
    with ctx.db.transaction() as s:
        reported = visit_repo.add_visit(s, client_id=client, status="rapport_sendt", referral_date=TODAY).id
    assert stored(ctx, reported)[2] is not None  # created already reported (import): report time set


def test_report_sent_at_is_the_first_report_only(ctx, pipe, make_client, team):
    vid = pipe.create_referral(make_client(), source="gp", reason="r", referral_date=TODAY - timedelta(days=9))
    pipe.plan_visit(vid, visit_date=TODAY, team=[(team[0], "ergoterapeut")])
    pipe.mark_visited(vid, today=TODAY)
    pipe.send_report(vid)
    first = stored(ctx, vid)[2]
    history = [at for _f, to, at, _by, _n in ctx.visits.status_history(vid) if to == "rapport_sendt"]
    event_at = history[0].astimezone(UTC).replace(tzinfo=None) if history[0].tzinfo else history[0]
    assert first is not None and abs((datetime.fromisoformat(first) - event_at).total_seconds()) < 5
    with ctx.db.transaction() as s:  # a second report (e.g. after re-import) keeps the first time
        visit_repo.set_status(s, visit_id=vid, status="gjennomfort")
        visit_repo.set_status(s, visit_id=vid, status="rapport_sendt")
    assert stored(ctx, vid)[2] == first


def test_shortcut_without_report_leaves_report_time_empty(ctx, pipe, make_client, team):
    vid = pipe.create_referral(make_client(), source="gp", reason="r", referral_date=TODAY - timedelta(days=9))
    pipe.plan_visit(vid, visit_date=TODAY, team=[(team[0], "ergoterapeut")])
    pipe.mark_visited(vid, today=TODAY)
    pipe.set_follow_up(vid, due=TODAY + timedelta(days=30))
    assert stored(ctx, vid)[1:] == (PIPELINE.index("oppfolging"), None)


@pytest.fixture
def many(ctx, pipe, make_client, team):
    """60 open cases with ties and NULLs in every sort key (no dwelling, no contact, no due date)."""
    ids = []
    for i in range(60):
        client = make_client(family=f"Navn{i % 7}", given=f"G{i % 3}", postal=f"59{10 + i % 4}")
        vid = pipe.create_referral(client, source="gp", reason="r", referral_date=TODAY - timedelta(days=i % 5))
        if i % 3 == 0:
            pipe.plan_visit(vid, visit_date=TODAY + timedelta(days=i % 4), team=[(team[i % 2], "ergoterapeut")])
        with ctx.db.transaction() as s:
            fields = {"risk_rank": i % 4}
            if i % 5 == 0:
                fields.update(next_due=None, dwelling_id=None, referral_date=None)
            visit_repo.update_visit(s, visit_id=vid, **fields)
        ids.append(vid)
    return ids


@pytest.mark.parametrize("sort", ["next_due", "status", "client", "area", "team", "risk", "waiting"])
@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_equal_offset_pages(ctx, many, sort, descending):
    svc = BacklogService(ctx)
    q = BacklogQuery(sort=sort, descending=descending)
    by_offset = [r.visit_id for o in range(0, 60, 7) for r in svc.page(q, today=TODAY, offset=o, limit=7)]
    by_keyset, after = [], None
    while True:
        page = svc.page(q, today=TODAY, limit=7, after=after)
        if not page:
            break
        by_keyset += [r.visit_id for r in page]
        after = page[-1]
    assert by_keyset == by_offset
    assert sorted(by_keyset) == sorted(many)


def test_keyset_with_filters(ctx, many, team):
    svc = BacklogService(ctx)
    for q in (BacklogQuery(area="591"), BacklogQuery(member_id=team[0], sort="client"),
              BacklogQuery(search="navn3", sort="risk"), BacklogQuery(statuses=("henvist",), sort="status")):
        total = svc.open(q, today=TODAY).total
        rows, after = [], None
        while page := svc.page(q, today=TODAY, limit=4, after=after):
            rows += page
            after = page[-1]
        assert [r.visit_id for r in rows] == [r.visit_id for r in svc.page(q, today=TODAY, limit=100)]
        assert len(rows) == total


def test_area_is_a_prefix(ctx, many):
    svc = BacklogService(ctx)
    rows = svc.page(BacklogQuery(area="5911"), today=TODAY, limit=100)
    assert rows and all(r.postal_code == "5911" for r in rows)
    assert len(svc.page(BacklogQuery(area="59"), today=TODAY, limit=100)) == 48  # 12 cases have no dwelling


def test_refresh_next_due_for_other_services(ctx, pipe, make_client):
    """What assessment/import services call after writing follow-ups or dates in their transaction."""
    a = pipe.create_referral(make_client(), source="gp", reason="r", referral_date=TODAY)
    b = pipe.create_referral(make_client(), source="gp", reason="r", referral_date=TODAY)
    with ctx.db.transaction() as s:
        repo.add_follow_up(s, visit_id=a, kind="nutrition_rescreen", due=TODAY + timedelta(days=3), reason="")
        repo.add_follow_up(s, visit_id=b, kind="revisit", due=TODAY + timedelta(days=2), reason="")
        assert refresh_next_due(s, a) == TODAY + timedelta(days=3)
        refresh_next_due_many(s, [b, b])
    assert ctx.visits.get(b).next_due == TODAY + timedelta(days=2)
    with ctx.db.transaction() as s:
        repo.close_follow_ups(s, visit_id=a, done_at=TODAY)
    assert pipe.refresh_next_due(a) == TODAY + timedelta(days=14)  # back to the planning deadline
