"""Hidden answers (visibility condition false) stay stored but never count (issue #13, item 1)."""

import copy
import json

import pytest

from boligvurdering.formsengine.active import active_answers
from boligvurdering.services.demo import demo_documents
from boligvurdering.services.exchange import ExchangeService


@pytest.fixture
def visit(ctx):
    client = ctx.clients.create({"national_id": "15076500565", "given_name": "Test", "family_name": "Person"},
                                {"address": "Vei 1", "postal_code": "5914"})
    member = ctx.visits.add_member("Ingrid Fjell", "ergoterapeut", "40000001")
    return ctx.visits.create(client.id, data={"visit_date": "2026-11-20", "referral_reason": "Fall"},
                             team=[(member.id, "ergoterapeut")], contact_member_id=member.id)


def _falls_reasons(result):
    return " ".join(result["domains"]["falls"]["reasons"])


def test_hidden_follow_up_is_not_scored_but_stays_stored(ctx, visit):
    ctx.answers.save(visit.id, "falls_fallen_past_year", True)
    ctx.answers.save(visit.id, "falls_fall_count", 2)
    assert "Falt 2 ganger siste år" in _falls_reasons(ctx.assessment.score(visit.id))
    assert ctx.assessment.score(visit.id)["domains"]["falls"]["level"] == "high"

    ctx.answers.save(visit.id, "falls_fallen_past_year", False)
    result = ctx.assessment.score(visit.id)
    assert "Falt 2 ganger" not in _falls_reasons(result)
    assert result["domains"]["falls"]["level"] != "high"
    assert "falls_fall_count" not in ctx.answers.answers(visit.id)[0]
    assert "falls_fall_count" not in ctx.answers.assessment_data(visit.id).answers
    assert ctx.answers.stored_answers(visit.id)[0]["falls_fall_count"] == 2  # kept, inactive

    ctx.answers.save(visit.id, "falls_fallen_past_year", True)  # the condition holds again: it is back
    assert ctx.answers.answers(visit.id)[0]["falls_fall_count"] == 2
    assert "Falt 2 ganger siste år" in _falls_reasons(ctx.assessment.score(visit.id))


def test_hidden_room_answer_is_left_out_and_not_exported(ctx, visit):
    entrance = ctx.visits.add_room(visit.id, "entrance")
    ctx.answers.save(visit.id, "housing_entrance_steps", 3, room_id=entrance.id)
    ctx.answers.save(visit.id, "housing_entrance_handrail_both_sides", False, room_id=entrance.id)
    ctx.answers.save(visit.id, "housing_entrance_steps", 0, room_id=entrance.id)
    _, rooms = ctx.answers.answers(visit.id)
    assert rooms[entrance.id] == {"housing_entrance_steps": 0}
    exported = ExchangeService(ctx).export_visit(visit.id)
    assert exported["rooms"][0]["answers"] == {"housing_entrance_steps": 0}
    assert ctx.answers.stored_answers(visit.id)[1][entrance.id]["housing_entrance_handrail_both_sides"] is False


def test_pure_rule_drops_every_hidden_follow_up(ctx):
    registry = ctx.registry
    visit_level, _ = active_answers(registry, {"falls_fallen_past_year": False, "falls_fall_count": 4,
                                               "falls_fall_injury": True}, {})
    assert visit_level == {"falls_fallen_past_year": False}


def test_score_file_with_hidden_follow_up_equals_file_without(capsys, tmp_path, ctx):
    from boligvurdering.cli.main import main

    base = copy.deepcopy(demo_documents(ctx.registry)[0])
    for key in ("falls_fall_count", "falls_fall_injury", "falls_fall_where", "FALLS.COUNT", "FALLS.INJURY",
                "STEADI.FALLEN"):
        base["answers"].pop(key, None)
    base["answers"]["falls_fallen_past_year"] = False
    hidden = copy.deepcopy(base)
    hidden["answers"]["falls_fall_count"] = 5
    hidden["answers"]["falls_fall_injury"] = True

    outputs = []
    for name, doc in (("plain.json", base), ("hidden.json", hidden)):
        path = tmp_path / name
        path.write_text(json.dumps(doc), encoding="utf-8")
        assert main(["score", str(path)]) == 0
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert "Falt 5 ganger" not in _falls_reasons(outputs[1])
