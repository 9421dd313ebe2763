"""Trigger rules: a fabricated scoring result and answers give the expected proposals."""

from __future__ import annotations

from boligvurdering.domain.assessment import AssessmentData, RoomAnswers
from boligvurdering.measures import expected_effect, make_lookup, propose

SCORE = {
    "instruments": {
        "TUG": {"score": 15.2, "band": "at_risk", "missing": 0},
        "SI": {"score": 6, "band": "at_risk", "missing": 0},
        "MST": {"score": 3, "band": "at_risk", "missing": 0},
        "FIRE-7": {"score": 4, "band": "fail", "missing": 0},
    },
    "domains": {
        "falls": {"level": "high", "reasons": []},
        "fire": {"level": "moderate", "reasons": []},
        "nutrition": {"level": "moderate", "reasons": []},
        "housing": {"level": "high", "reasons": []},
    },
    "checks": [
        {"id": "threshold_inside", "room_id": "bed", "measured": 40, "unit": "mm", "result": "fail"},
        {"id": "threshold_inside", "room_id": "kit", "measured": 10, "unit": "mm", "result": "pass"},
        {"id": "stair_handrails", "room_id": "st", "measured": None, "unit": None, "result": "fail"},
        {"id": "door_width_inside", "room_id": "bath", "measured": 80, "unit": "cm", "result": "pass"},
    ],
    "housing_step": 2,
    "follow_up": [],
    "derived": {"bmi": 19.5},
}

DATA = AssessmentData(
    answers={"falls_med_count": 6, "fire_stove_guard": False, "fire_leaves_stove": True,
             "housing_step_free_access": True},
    rooms=(
        RoomAnswers("bath", "bathroom", "Bad", {"housing_no_grab_bars": True,
                                                "housing_toilet_height_cm": 42}),
        RoomAnswers("bed", "bedroom", "Soverom", {"housing_threshold_mm": 40,
                                                  "housing_loose_rugs": False}),
        RoomAnswers("kit", "kitchen", "Kjøkken", {"housing_threshold_mm": 10,
                                                  "housing_loose_rugs": True}),
        RoomAnswers("st", "stairs", "Trapp", {"housing_stairs_handrail_left": True}),
    ),
    age=86, lives_alone=True,
)


def _by_id(proposals):
    out: dict[str, list] = {}
    for p in proposals:
        out.setdefault(p.measure_id, []).append(p)
    return out


def test_room_findings_name_the_room(catalogue):
    found = _by_id(propose(SCORE, DATA, catalogue))
    [threshold] = found["threshold_remove"]
    assert threshold.room_id == "bed"
    assert threshold.reason == "Terskel på 40 mm i Soverom (krav: høyst 25 mm)."
    assert threshold.responsible == "byggteknisk"
    assert threshold.cost.unit == "stk" and threshold.cost.amount == 3500
    [rugs] = found["remove_loose_rugs"]
    assert rugs.room_id == "kit" and "Kjøkken" in rugs.reason
    [grab] = found["grab_bar_toilet"]
    assert grab.room_id == "bath"
    assert found["raised_toilet_seat"][0].reason == "Toalettsetet i Bad er 42 cm høyt."
    assert found["stair_handrail_second"][0].room_id == "st"


def test_visit_level_findings(catalogue):
    found = _by_id(propose(SCORE, DATA, catalogue))
    assert found["gp_medication_review"][0].reason == "Bruker 6 faste legemidler."
    assert found["gp_medication_review"][0].room_id is None
    assert found["everyday_rehabilitation"][0].reason == "TUG 15,2 s og høy fallrisiko."
    assert "Stay Independent 6 poeng" in found["strength_balance_group"][0].reason
    assert found["nutrition_follow_up"][0].reason == "MST 3 poeng (risiko for underernæring)."
    stove = found["stove_guard"][0]
    assert stove.kind == "nav_loan" and stove.domain == "fire"
    assert "fire_service_home_visit" in found  # FIRE-7 fail


def test_measures_without_findings_are_not_proposed(catalogue):
    found = _by_id(propose(SCORE, DATA, catalogue))
    for absent in ("outdoor_ramp", "door_widening_inside", "testhorn", "dental_referral",
                   "threshold_ramp", "energy_windows", "home_delivered_meals"):
        assert absent not in found, absent


def test_nothing_answered_proposes_nothing(catalogue):
    assert propose({}, AssessmentData(answers={}), catalogue) == []


def test_price_list_overrides_catalogue(catalogue, settings):
    found = _by_id(propose(SCORE, DATA, catalogue, settings.price_list))
    assert found["threshold_remove"][0].cost.amount == 3200


def test_lookup_aggregates_rooms_and_checks():
    lookup = make_lookup(SCORE, DATA)
    assert lookup("check.threshold_inside.result") == "fail"
    assert lookup("check.threshold_inside.measured") == 40
    assert lookup("check.door_width_inside.result") == "pass"
    assert lookup("check.unknown.result") is None
    assert lookup("room.any.housing_loose_rugs") is True
    assert lookup("room.bedroom.housing_loose_rugs") is False
    assert lookup("instrument.TUG.band") == "at_risk"
    assert lookup("domain.falls.level") == "high"
    assert lookup("housing.step") == 2 and lookup("housing_step") is None  # one syntax (formsengine.facts)
    assert lookup("client.age") == 86 and lookup("client.lives_alone") is True
    assert lookup("derived.bmi") == 19.5
    assert lookup("answer.falls_med_count") == 6


def test_lives_alone_falls_back_to_opening_answer():
    data = AssessmentData(answers={"opening_lives_alone": True})
    assert make_lookup({}, data)("client.lives_alone") is True


def test_expected_effect_lists_resolved_checks_and_lowers_domains(catalogue):
    effect = expected_effect(SCORE, ["threshold_remove", "stair_handrail_second"], catalogue)
    assert effect["resolved_checks"] == ["stair_handrails", "threshold_inside"]
    assert effect["unresolved_checks"] == []
    # one major measure (stair handrails) + one minor: falls drops one level
    assert effect["domains"]["falls"] == {"before": "high", "after": "moderate"}
    assert effect["domains"]["fire"] == {"before": "moderate", "after": "moderate"}
    assert effect["housing_step"] == {"before": 2, "after": 2}  # without the answers: no optimistic guess


def _scored(registry, answers, rooms):
    from datetime import date

    from boligvurdering.scoring import score_assessment

    data = AssessmentData(answers, tuple(RoomAnswers(f"r{i}", t, t, a) for i, (t, a) in enumerate(rooms)),
                          85, "F", date(2026, 3, 2))
    return score_assessment(data, registry).to_json(), data


def test_expected_step_is_recomputed_from_the_ladder_rule(catalogue):
    """Issue #14 item 12: a home at step 2 only because it has a bath and no shower stays at step 2
    after removing a threshold; it reaches step 1 once the step-free shower is done."""
    from boligvurdering.formsengine import load_registry

    registry = load_registry()
    rooms = [("bathroom", {"housing_bath_shower": "bath_only", "housing_threshold_mm": 40})]
    score, data = _scored(registry, {"housing_step_free_access": True}, rooms)
    assert score["housing_step"] == 2
    threshold = expected_effect(score, ["threshold_remove"], catalogue, data)
    assert threshold["resolved_checks"] == ["threshold_inside"]
    assert threshold["housing_step"] == {"before": 2, "after": 2}  # was predicted 1
    shower = expected_effect(score, ["threshold_remove", "step_free_shower"], catalogue, data)
    assert shower["housing_step"] == {"before": 2, "after": 1}
    no_access = _scored(registry, {"housing_step_free_access": False}, rooms)
    both = expected_effect(no_access[0], ["step_free_shower"], catalogue, no_access[1])
    assert both["housing_step"]["after"] == 2  # the entrance is still not step-free
    assert expected_effect(no_access[0], ["step_free_shower", "entrance_lift_platform"], catalogue,
                           no_access[1])["housing_step"]["after"] == 1


def test_expected_effect_keeps_step_when_a_check_remains(catalogue):
    effect = expected_effect(SCORE, ["threshold_remove", "nope"], catalogue)
    assert effect["housing_step"]["after"] == 2
    assert effect["unresolved_checks"] == ["stair_handrails"]
    assert effect["unknown"] == ["nope"]


def test_expected_effect_never_below_low(catalogue):
    score = {"domains": {"fire": {"level": "moderate"}}, "checks": [], "housing_step": 1}
    ids = ["stove_guard", "smoke_alarm_install", "alarm_for_hearing_impaired"]
    effect = expected_effect(score, ids, catalogue)
    assert effect["domains"]["fire"]["after"] == "low"
    assert effect["domains"]["nutrition"]["after"] == "not_assessed"
