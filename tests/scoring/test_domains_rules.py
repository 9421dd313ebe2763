"""Domain levels, cross-domain rules, housing checks and step, follow-ups, empty visit."""

from __future__ import annotations

from datetime import date

from boligvurdering.scoring import validate_scoring_files


def test_empty_visit_is_not_assessed(score):
    res = score({}, lives_alone=True)
    assert {d: v.level for d, v in res.domains.items()} == dict.fromkeys(
        ("falls", "fire", "nutrition", "housing"), "not_assessed")
    out = res.to_json()
    assert out["housing_step"] is None and out["follow_up"] == [] and out["checks"] == []
    assert set(out) == {"scoring_version", "instruments", "domains", "checks", "housing_step",
                        "follow_up", "rules", "derived"}
    assert out["scoring_version"] == "1.1.0"


def test_falls_levels_and_reasons(score):
    low = score({"STEADI.FALLEN": False, "STEADI.UNSTEADY": False, "STEADI.WORRIES": False})
    assert low.domains["falls"].level == "low"
    mod = score({"STEADI.FALLEN": True, "TUG.SECONDS": 15.2})
    assert mod.domains["falls"].level == "moderate"
    assert "Falt siste år" in mod.domains["falls"].reasons
    assert "TUG 15,2 s (≥ 12 s)" in mod.domains["falls"].reasons
    high = score({"STEADI.FALLEN": True, "falls_fall_injury": True})
    assert high.domains["falls"].level == "high"
    two_tests = score({"STEADI.UNSTEADY": True, "TUG.SECONDS": 13.0, "BAL4.TANDEM_SECONDS": 4.0})
    assert two_tests.domains["falls"].level == "high"


def test_nutrition_levels(score):
    assert score({"MST.WEIGHT_LOSS": "no", "MST.APPETITE": "no"}).domains["nutrition"].level == "low"
    assert score({"MST.WEIGHT_LOSS": "unsure", "MST.APPETITE": "no"}).domains["nutrition"].level == "moderate"
    high = score({"BODY.HEIGHT_CM": 200, "BODY.WEIGHT_KG": 73.8}, age=80)
    assert high.domains["nutrition"].level == "high"
    assert high.domains["nutrition"].reasons[0].startswith("Alvorlig underernæring")


def _fired(res):
    return [r.id for r in res.rules]


def test_rule_lives_alone_raises_fire(score):
    base = {"fire_smokes": False}
    assert score(base, lives_alone=False).domains["fire"].level == "low"
    res = score(base, lives_alone=True)
    assert res.domains["fire"].level == "moderate" and "fire_lives_alone" in _fired(res)
    assert score({"opening_lives_alone": True, **base}).domains["fire"].level == "moderate"


def test_rule_cognition_raises_fire(score):
    res = score({"fire_smokes": False, "other_memory_concern": True}, lives_alone=False)
    assert res.domains["fire"].level == "moderate" and _fired(res) == ["fire_reduced_cognition"]


def test_rule_evacuation_upper_floor(score):
    res = score({"fire_smokes": False, "housing_stair_lift": True, "TUG.SECONDS": 14.0}, lives_alone=False)
    assert res.domains["fire"].level == "high" and "fire_evacuation_upper_floor" in _fired(res)
    res = score({"fire_smokes": False, "housing_stair_lift": True, "TUG.SECONDS": 9.0}, lives_alone=False)
    assert res.domains["fire"].level == "low"


def test_rule_smoking_with_oxygen_is_high(score):
    res = score({"fire_smokes": True, "fire_oxygen": True}, lives_alone=False)
    assert res.domains["fire"].level == "high" and "fire_smoking_cognition_oxygen" in _fired(res)
    assert score({"fire_smokes": True}, lives_alone=False).domains["fire"].level == "moderate"


def test_rule_malnutrition_raises_falls(score):
    answers = {"STEADI.FALLEN": False, "STEADI.UNSTEADY": False, "STEADI.WORRIES": False,
               "MST.WEIGHT_LOSS": "yes_6_10", "MST.APPETITE": "no"}
    res = score(answers)
    assert res.domains["falls"].level == "moderate" and "falls_malnutrition" in _fired(res)


def test_rule_medication_review_follow_up(score):
    res = score({"MED.COUNT": 4})
    assert "medication_review" in _fired(res)
    fu = [f for f in res.follow_up if f.kind == "gp_medication_review"]
    assert fu and fu[0].due == date(2026, 4, 1)
    assert "medication_review" not in _fired(score({"MED.COUNT": 3}))


def test_follow_up_dates(score):
    nursing = score({"MST.WEIGHT_LOSS": "no", "MST.APPETITE": "no", "NUTR.HOME_NURSING": True})
    kinds = {f.kind: f.due for f in nursing.follow_up}
    assert kinds["nutrition_rescreen"] == date(2026, 4, 1)
    assert kinds["revisit"] == date(2027, 3, 2)
    other = score({"MST.WEIGHT_LOSS": "no", "MST.APPETITE": "no"})
    assert {f.kind: f.due for f in other.follow_up}["nutrition_rescreen"] == date(2026, 8, 31)
    high = score({"STEADI.FALLEN": True, "falls_fall_injury": True})
    kinds = {f.kind: f.due for f in high.follow_up}
    assert kinds["revisit"] == date(2026, 3, 30) and kinds["nutrition_screen"] == date(2026, 3, 16)


ENTRANCE_OK = {"housing_entrance_door_width_cm": 86, "housing_entrance_threshold_mm": 25,
               "housing_entrance_rise_cm": 20, "housing_entrance_available_length_m": 4.5}


def test_housing_checks_edges(score):
    res = score({}, rooms=[("entrance", ENTRANCE_OK)])
    by_id = {c.id: c for c in res.checks}
    assert by_id["door_width_entrance"].result == "pass"
    assert by_id["threshold_entrance"].result == "pass"
    assert by_id["ramp_gradient_1_15"].result == "pass"       # 20 cm x 15 = 3.0 m + 1.5 m door landing
    assert by_id["ramp_gradient_1_12"].result == "pass"       # run 2.4 m < 3 m, + 1.5 m = 3.9 m
    assert "entrance_handrails" not in by_id                  # no steps recorded
    bad = score({}, rooms=[("entrance", ENTRANCE_OK | {"housing_entrance_door_width_cm": 85,
                                                       "housing_entrance_threshold_mm": 26,
                                                       "housing_entrance_available_length_m": 4.4})])
    by_id = {c.id: c for c in bad.checks}
    assert by_id["door_width_entrance"].result == "fail" and by_id["door_width_entrance"].measured == 85
    assert by_id["threshold_entrance"].result == "fail"
    assert by_id["ramp_gradient_1_15"].result == "fail" and by_id["ramp_gradient_1_12"].result == "pass"
    assert bad.housing_step == 2


def test_ramp_1_12_not_allowed_for_long_ramps(score):
    res = score({}, rooms=[("entrance", ENTRANCE_OK | {"housing_entrance_rise_cm": 40,
                                                       "housing_entrance_available_length_m": 5.0})])
    by_id = {c.id: c for c in res.checks}
    assert by_id["ramp_gradient_1_12"].result == "fail"  # 4.8 m needed, >= 3 m
    assert "7,5 m" in by_id["ramp_gradient_1_15"].explanation  # 6 m run + 1.5 m door landing


def test_ramp_check_counts_landings_like_the_plan(score):
    """Issue #14 item 8: 110 cm rise at 1:15 = 16.5 m run + 1 rest landing 1.5 m + door landing 1.5 m."""
    from boligvurdering.measures import ramp_requirement

    res = score({}, rooms=[("entrance", ENTRANCE_OK | {"housing_entrance_rise_cm": 110,
                                                       "housing_entrance_available_length_m": 17.0})])
    by_id = {c.id: c for c in res.checks}
    assert by_id["ramp_gradient_1_15"].result == "fail"
    assert "19,5 m" in by_id["ramp_gradient_1_15"].explanation
    plan_side = ramp_requirement(110, 17.0)
    assert plan_side.total_1_15_m == 19.5 and plan_side.fits_1_15 is False
    fits = score({}, rooms=[("entrance", ENTRANCE_OK | {"housing_entrance_rise_cm": 110,
                                                        "housing_entrance_available_length_m": 19.5})])
    assert {c.id: c.result for c in fits.checks}["ramp_gradient_1_15"] == "pass"


def test_inside_rooms_and_stairs(score):
    rooms = [("bathroom", {"housing_door_width_cm": 75, "housing_turning_space_cm": 150,
                           "housing_loose_rugs": True}),
             ("bedroom", {"housing_door_width_cm": 76}),
             ("stairs", {"housing_stairs_handrail_left": True, "housing_stairs_handrail_right": False})]
    res = score({"housing_main_functions_entrance_floor": True}, rooms=rooms)
    results = [(c.id, c.room_id, c.result) for c in res.checks if c.result != "not_measured"]
    assert ("door_width_inside", "r0", "fail") in results
    assert ("door_width_inside", "r1", "pass") in results
    assert ("turning_space", "r0", "pass") in results
    assert ("stair_handrails", "r2", "fail") in results
    assert res.domains["housing"].level == "moderate"
    assert any(r.startswith("Løse tepper") for r in res.domains["housing"].reasons)
    assert res.housing_step == 1


def test_housing_step_two_and_high(score):
    res = score({"housing_main_functions_entrance_floor": False, "housing_lift": False,
                 "housing_step_free_access": False})
    assert res.housing_step == 2 and res.domains["housing"].level == "high"


def test_scoring_files_are_valid(tmp_path):
    from boligvurdering.resources import forms_dir

    assert validate_scoring_files(forms_dir()) == []


def test_scoring_file_problems_are_reported(tmp_path):
    import shutil

    from boligvurdering.resources import forms_dir

    shutil.copytree(forms_dir() / "questionnaires", tmp_path / "questionnaires")
    (tmp_path / "scoring").mkdir()
    (tmp_path / "scoring" / "checks.toml").write_text(
        '[[check]]\nid = "x"\ntitle = "X"\nkind = "min"\nroom_types = ["bathroom"]\n'
        'question = "nope"\nlimit = 1\nrequirement = "r"\ncolour = "red"\n', encoding="utf-8")
    (tmp_path / "scoring" / "rules.toml").write_text(
        '[[rule]]\nid = "r"\nexplanation = "e"\nwhen = { q = "answer.nope", op = "eq", value = true }\n'
        'raise_domain = "fire"\nraise_to = "extreme"\n', encoding="utf-8")
    text = " | ".join(str(p) for p in validate_scoring_files(tmp_path))
    assert "ukjent nøkkel «colour»" in text
    assert "ukjent spørsmål «nope»" in text
    assert "ukjent nivå «extreme»" in text


def test_ramp_and_path_can_be_assessed(score):
    """Issue #14 item 9: width ≥ 0.9 m, handrails both sides of a ramp, firm surface, slope ≤ 1:12,
    a level landing outside the door swing (TEK17 § 12-16, NAV's ramp requirements)."""
    good = ENTRANCE_OK | {"housing_entrance_path_width_m": 0.9, "housing_entrance_ramp_present": True,
                          "housing_entrance_ramp_handrails": True, "housing_entrance_path_surface": "firm",
                          "housing_entrance_path_slope": "moderate", "housing_entrance_door_swing": "outward",
                          "housing_entrance_door_landing": True}
    ids = ("entrance_path_width", "ramp_handrails", "entrance_path_surface", "entrance_path_slope",
           "entrance_door_landing")
    results = {c.id: c.result for c in score({}, rooms=[("entrance", good)]).checks}
    assert [results[i] for i in ids] == ["pass"] * 5
    bad = good | {"housing_entrance_path_width_m": 0.89, "housing_entrance_ramp_handrails": False,
                  "housing_entrance_path_surface": "loose", "housing_entrance_path_slope": "steep",
                  "housing_entrance_door_landing": False}
    checks = {c.id: c for c in score({}, rooms=[("entrance", bad)]).checks}
    assert [checks[i].result for i in ids] == ["fail"] * 5
    assert "0,9" in checks["entrance_path_width"].explanation and "TEK17 § 12-16" in checks["entrance_path_width"].explanation
    no_ramp = {c.id for c in score({}, rooms=[("entrance", good | {"housing_entrance_ramp_present": False})]).checks}
    assert "ramp_handrails" not in no_ramp  # only where there is a ramp

def test_repeated_falls_are_one_line_in_the_reasons(score):
    """Issue #16.4: «Falt siste år» and «Falt 2 ganger siste år» collapse into the second."""
    reasons = score({"STEADI.FALLEN": True, "falls_fall_count": 2}).domains["falls"].reasons
    assert "Falt 2 ganger siste år" in reasons
    assert "Falt siste år" not in reasons
    assert "Falt siste år" in score({"STEADI.FALLEN": True, "falls_fall_count": 1}).domains["falls"].reasons
