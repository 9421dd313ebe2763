"""Status transitions: allowed moves, refusals with reasons, who/when, next_due."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from boligvurdering.services.pipeline import PipelineService, TransitionRefused

D0 = date(2026, 3, 2)  # a Monday


@pytest.fixture
def pipe(ctx):
    return PipelineService(ctx)


@pytest.fixture
def case(pipe, make_client):
    return pipe.create_referral(make_client(), source="gp", reason="Fall på badet", priority=1, referral_date=D0)


def statuses(ctx, visit_id):
    return [(frm, to) for frm, to, _at, _by, _note in ctx.visits.status_history(visit_id)]


def test_full_pipeline_records_every_step_with_actor(ctx, pipe, case, team):
    ot, bk = team
    pipe.plan_visit(case, visit_date=D0 + timedelta(days=3), team=[(ot, "ergoterapeut"), (bk, "boligkonsulent")])
    pipe.mark_visited(case, today=D0 + timedelta(days=3))
    pipe.send_report(case)
    app = pipe.send_application(case, channel="kommunalt_tilskudd", sent_at=D0 + timedelta(days=10),
                                amount_applied=40000)
    pipe.record_decision(app, granted=True, amount_granted=30000, decided_at=D0 + timedelta(days=20))
    pipe.measures_done(case, done_at=D0 + timedelta(days=40))
    pipe.set_follow_up(case, due=D0 + timedelta(days=130), reason="Sjekk at tiltakene virker")
    pipe.close(case, reason="Ferdig", today=D0 + timedelta(days=131))
    assert statuses(ctx, case) == [
        (None, "henvist"), ("henvist", "planlagt"), ("planlagt", "gjennomfort"), ("gjennomfort", "rapport_sendt"),
        ("rapport_sendt", "soknad_sendt"), ("soknad_sendt", "vedtak"), ("vedtak", "tiltak_utfort"),
        ("tiltak_utfort", "oppfolging"), ("oppfolging", "avsluttet")]
    history = ctx.visits.status_history(case)
    assert {by for *_x, by, _note in history} == {"Tove Teamleder"}
    assert all(at.tzinfo is not None for _f, _t, at, _b, _n in history)
    assert history[-1][4] == "Ferdig"
    assert ctx.visits.get(case).next_due is None


def test_skipping_steps_is_refused_with_reason(pipe, case):
    with pytest.raises(TransitionRefused, match="Kan ikke gå fra «Henvist» til «Rapport sendt»: trinnet «Planlagt» mangler"):
        pipe.send_report(case)
    with pytest.raises(TransitionRefused, match="«Planlagt» mangler"):
        pipe.mark_visited(case, today=D0)
    with pytest.raises(TransitionRefused):
        pipe.send_application(case, channel="startlan", sent_at=D0)
    assert pipe.allowed_moves(case) == ("planlagt", "avsluttet")


def test_visit_cannot_be_done_before_its_date(pipe, case, team):
    pipe.plan_visit(case, visit_date=D0 + timedelta(days=5), team=[(team[0], "ergoterapeut")])
    with pytest.raises(TransitionRefused, match="før besøksdatoen"):
        pipe.mark_visited(case, today=D0 + timedelta(days=4))
    pipe.mark_visited(case, today=D0 + timedelta(days=5))


def test_planning_needs_a_team(pipe, case):
    with pytest.raises(TransitionRefused, match="minst én person"):
        pipe.plan_visit(case, visit_date=D0, team=[])


def test_shortcut_visit_to_follow_up_without_application(ctx, pipe, case, team):
    pipe.plan_visit(case, visit_date=D0, team=[(team[0], "ergoterapeut")])
    pipe.mark_visited(case, today=D0)
    with pytest.raises(TransitionRefused, match="dato for oppfølging"):
        pipe.move(case, "oppfolging")
    pipe.set_follow_up(case, due=D0 + timedelta(days=90))
    assert ctx.visits.get(case).status == "oppfolging"
    assert ctx.visits.get(case).next_due == D0 + timedelta(days=90)
    # re-visit from follow-up
    pipe.plan_visit(case, visit_date=D0 + timedelta(days=95), team=[(team[0], "ergoterapeut")])
    assert ctx.visits.get(case).status == "planlagt"


def test_close_needs_reason_and_closed_case_cannot_move(pipe, case):
    with pytest.raises(TransitionRefused, match="begrunnelse"):
        pipe.close(case, reason="  ", today=D0)
    pipe.close(case, reason="Brukeren takket nei", today=D0)
    with pytest.raises(TransitionRefused, match="allerede avsluttet"):
        pipe.close(case, reason="igjen", today=D0)
    with pytest.raises(TransitionRefused, match="avsluttet"):
        pipe.move(case, "rapport_sendt")
    assert pipe.allowed_moves(case) == ()


def test_next_due_follows_deadlines(ctx, pipe, case, team):
    assert ctx.visits.get(case).next_due == D0 + timedelta(days=14)  # plan within 14 days
    pipe.plan_visit(case, visit_date=D0 + timedelta(days=7), team=[(team[0], "ergoterapeut")])
    assert ctx.visits.get(case).next_due == D0 + timedelta(days=7)
    pipe.mark_visited(case, today=D0 + timedelta(days=7))
    assert ctx.visits.get(case).next_due == D0 + timedelta(days=21)  # report within 14 days
    pipe.send_report(case)
    pipe.set_answer_weeks(6)
    pipe.send_application(case, channel="startlan", sent_at=D0 + timedelta(days=10))
    assert ctx.visits.get(case).next_due == D0 + timedelta(days=10 + 42)
    with pytest.raises(Exception, match="mellom 1 og 26"):
        pipe.set_answer_weeks(0)


def test_decision_waits_for_every_application(ctx, pipe, case, team):
    pipe.plan_visit(case, visit_date=D0, team=[(team[1], "boligkonsulent")])
    pipe.mark_visited(case, today=D0)
    pipe.send_report(case)
    a1 = pipe.send_application(case, channel="startlan", sent_at=D0, amount_applied=100000)
    a2 = pipe.send_application(case, channel="nav_hjelpemiddel", sent_at=D0)
    pipe.record_decision(a1, granted=False, amount_granted=None, decided_at=D0 + timedelta(days=5))
    assert ctx.visits.get(case).status == "soknad_sendt"
    pipe.record_decision(a2, granted=True, amount_granted=5000, decided_at=D0 + timedelta(days=6))
    assert ctx.visits.get(case).status == "vedtak"
    with pytest.raises(Exception, match="innvilget beløp"):
        pipe.record_decision(a2, granted=True, amount_granted=None, decided_at=D0)


def test_unknown_referral_source_refused(pipe, make_client):
    with pytest.raises(Exception, match="Ukjent henvisende"):
        pipe.create_referral(make_client(), source="nabo", reason="x", referral_date=D0)
