"""Migration 0008s (sync): existing answers carried forward as changes to send."""

from alembic import command
from sqlmodel import select

from boligvurdering.services.context import open_context
from boligvurdering.services.demo import create_demo
from boligvurdering.store.migrate import known_revisions, migrate
from boligvurdering.store.models import Answer
from boligvurdering.store.plan_models import HouseholdEconomy, VisitStatement
from boligvurdering.store.sync_models import SyncAnswer, SyncDevice


def test_existing_answers_become_changes_to_send(paths, alembic):
    ctx = open_context(paths, role="administrator")
    create_demo(ctx)
    alembic(ctx, command.downgrade, "0004")  # the database as today's version left it, with demo data
    ctx.db.engine.dispose()
    assert migrate(ctx.db, paths.backups).to_revision == known_revisions()[1]
    with ctx.db.transaction() as s:
        answers = {(a.visit_id, a.question_id, a.scope) for a in s.exec(select(Answer))}
        tracked = s.exec(select(SyncAnswer)).all()
        device = s.exec(select(SyncDevice)).one()
        plan_rows = len(s.exec(select(HouseholdEconomy)).all()) + len(s.exec(select(VisitStatement)).all())
    ctx.close()
    assert answers and {(t.visit_id, t.question_id, t.scope) for t in tracked} == answers
    assert all(t.dirty and not t.deleted and t.seq == 0 for t in tracked)
    assert sorted(t.counter for t in tracked) == list(range(1, len(answers) + 1))
    # migration 0009h counts each household economy and statement it moves as one more local change
    assert plan_rows and device.counter == len(answers) + plan_rows


def test_import_keeps_answer_ids_and_tracks_only_what_changed(ctx):
    from boligvurdering.services.exchange import ExchangeService
    from boligvurdering.store.sync_track import device

    [visit_id, *_] = create_demo(ctx)
    with ctx.db.transaction() as s:
        before = {a.question_id: a.id for a in s.exec(select(Answer).where(Answer.visit_id == Answer.visit_id))}
        counter = device(s).counter
    doc = ExchangeService(ctx).export_visit(visit_id)
    ExchangeService(ctx).import_document(doc)
    with ctx.db.transaction() as s:
        after = {a.question_id: a.id for a in s.exec(select(Answer))}
        assert device(s).counter == counter  # nothing changed: no new local changes
    assert after == before
