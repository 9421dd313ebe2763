"""Every instrument at and around its published cut-offs, and missing items."""

from __future__ import annotations

import pytest

SI_ALL_NO = {f"SI.{i}": False for i in range(1, 13)}


def test_steadi_bands(score):
    assert score({"STEADI.FALLEN": False, "STEADI.UNSTEADY": False, "STEADI.WORRIES": False}
                 ).instruments["STEADI"].band == "negative"
    res = score({"STEADI.FALLEN": False, "STEADI.UNSTEADY": True, "STEADI.WORRIES": False}).instruments["STEADI"]
    assert (res.score, res.band) == (1, "positive")
    partial = score({"STEADI.FALLEN": True}).instruments["STEADI"]
    assert (partial.score, partial.band) == (None, "positive")
    assert partial.missing == ["STEADI.UNSTEADY", "STEADI.WORRIES"]
    unknown = score({"STEADI.FALLEN": False}).instruments["STEADI"]
    assert unknown.band == "not_assessed"


@pytest.mark.parametrize(("yes", "total", "band"), [
    ([3, 4, 5], 3, "low"), ([3, 4, 5, 6], 4, "at_risk"), ([1], 2, "low"),
    ([1, 2], 4, "at_risk"), ([1, 3], 3, "low"), (list(range(1, 13)), 14, "at_risk"),
])
def test_stay_independent_weights_and_cutoff(score, yes, total, band):
    answers = dict(SI_ALL_NO) | {f"SI.{i}": True for i in yes}
    res = score(answers).instruments["SI"]
    assert (res.score, res.band, res.missing) == (total, band, [])


def test_stay_independent_missing_items(score):
    answers = {f"SI.{i}": False for i in range(1, 12)}
    res = score(answers).instruments["SI"]
    assert (res.score, res.band, res.missing) == (None, "low", ["SI.12"])  # 0 + at most 1 < 4
    answers = {f"SI.{i}": False for i in range(3, 13)}
    res = score(answers).instruments["SI"]
    assert (res.score, res.band, res.missing) == (None, "not_assessed", ["SI.1", "SI.2"])  # 0..4 spans both bands


@pytest.mark.parametrize(("seconds", "band"), [(11.9, "low"), (12.0, "at_risk"), (1.0, "low"), (300.0, "at_risk")])
def test_tug_cutoff(score, seconds, band):
    res = score({"TUG.SECONDS": seconds}).instruments["TUG"]
    assert (res.score, res.band) == (seconds, band)


@pytest.mark.parametrize(("age", "sex", "norm"), [
    (60, "M", 14), (64, "M", 14), (65, "M", 12), (69, "F", 11), (70, "F", 10), (74, "M", 12),
    (75, "M", 11), (79, "F", 10), (80, "M", 10), (80, "F", 9), (84, "F", 9), (85, "M", 8),
    (89, "F", 8), (90, "M", 7), (94, "F", 4), (97, "F", 4),
])
def test_chair_stand_norms_at_band_edges(score, age, sex, norm):
    at = score({"CST30.COUNT": norm, "CST30.ARMS_USED": False}, age=age, sex=sex).instruments["CST30"]
    below = score({"CST30.COUNT": norm - 1, "CST30.ARMS_USED": False}, age=age, sex=sex).instruments["CST30"]
    assert (at.score, at.band) == (norm, "normal")
    assert (below.score, below.band) == (norm - 1, "below_norm")


def test_chair_stand_arms_used_scores_zero(score):
    res = score({"CST30.COUNT": 20, "CST30.ARMS_USED": True}, age=70, sex="M").instruments["CST30"]
    assert (res.score, res.band) == (0, "below_norm")


def test_chair_stand_missing_age_or_arms(score):
    res = score({"CST30.COUNT": 20, "CST30.ARMS_USED": False}, age=None).instruments["CST30"]
    assert (res.band, res.missing) == ("not_assessed", ["CLIENT.AGE"])
    res = score({"CST30.COUNT": 20}, age=70, sex="M").instruments["CST30"]
    assert (res.score, res.band, res.missing) == (None, "not_assessed", ["CST30.ARMS_USED"])
    res = score({"CST30.COUNT": 5}, age=70, sex="M").instruments["CST30"]
    assert (res.score, res.band) == (None, "below_norm")
    assert score({"CST30.COUNT": 20, "CST30.ARMS_USED": False}, age=59).instruments["CST30"].band == "not_assessed"


@pytest.mark.parametrize(("seconds", "band"), [(9.9, "at_risk"), (10.0, "low"), (0.0, "at_risk")])
def test_balance_tandem(score, seconds, band):
    assert score({"BAL4.TANDEM_SECONDS": seconds}).instruments["BAL4"].band == band


def test_balance_stage_only(score):
    assert score({"BAL4.STAGE": "2"}).instruments["BAL4"].band == "at_risk"
    assert score({"BAL4.STAGE": "3"}).instruments["BAL4"].band == "low"


def _fesi(values):
    return {f"FESI.{i + 1}": str(v) for i, v in enumerate(values) if v is not None}


@pytest.mark.parametrize(("values", "total", "band"), [
    ([1] * 7, 7, "low"), ([1] * 6 + [2], 8, "low"), ([1] * 5 + [2, 2], 9, "moderate"),
    ([2] * 6 + [1], 13, "moderate"), ([2] * 7, 14, "high"), ([4] * 7, 28, "high"),
])
def test_fesi_bands(score, values, total, band):
    res = score(_fesi(values)).instruments["FES-I-SHORT"]
    assert (res.score, res.band, res.missing) == (total, band, [])


def test_fesi_one_missing_prorated_and_rounded_up(score):
    res = score(_fesi([2, 2, 2, 1, 1, 1, None])).instruments["FES-I-SHORT"]
    assert (res.score, res.band, res.missing) == (11, "moderate", ["FESI.7"])  # 9 / 6 * 7 = 10.5 -> 11
    res = score(_fesi([2, 2, 2, 2, 2, 2, None])).instruments["FES-I-SHORT"]
    assert res.score == 14  # exactly 14, no float drift to 15


def test_fesi_two_missing_no_score(score):
    res = score(_fesi([4, 4, 4, 4, 4, None, None])).instruments["FES-I-SHORT"]
    assert (res.score, res.band, res.missing) == (None, "not_assessed", ["FESI.6", "FESI.7"])


@pytest.mark.parametrize(("loss", "appetite", "total", "band"), [
    ("no", "no", 0, "low"), ("yes_1_5", "no", 1, "low"), ("no", "yes", 1, "low"),
    ("yes_1_5", "yes", 2, "at_risk"), ("unsure", "no", 2, "at_risk"), ("yes_6_10", "no", 2, "at_risk"),
    ("yes_over_15", "yes", 5, "at_risk"), ("yes_unsure_amount", "no", 2, "at_risk"),
])
def test_mst(score, loss, appetite, total, band):
    res = score({"MST.WEIGHT_LOSS": loss, "MST.APPETITE": appetite}).instruments["MST"]
    assert (res.score, res.band) == (total, band)


def test_mst_missing_item(score):
    res = score({"MST.WEIGHT_LOSS": "yes_1_5"}).instruments["MST"]
    assert (res.score, res.band, res.missing) == (None, "not_assessed", ["MST.APPETITE"])
    res = score({"MST.WEIGHT_LOSS": "yes_6_10"}).instruments["MST"]
    assert (res.score, res.band) == (None, "at_risk")


MNA_FULL = {"MNA-SF.A": "no", "MNA-SF.B": "none", "MNA-SF.C": "goes_out", "MNA-SF.D": "no", "MNA-SF.E": "none"}


@pytest.mark.parametrize(("changes", "weight", "total", "band"), [
    ({}, 92, 14, "normal"),                              # A-E 11 + BMI 23.0 -> 3
    ({}, 84, 13, "normal"),                              # BMI 21.0 -> 2
    ({"MNA-SF.E": "mild"}, 76, 11, "at_risk"),           # 10 + BMI 19.0 -> 1
    ({"MNA-SF.D": "yes"}, 92, 12, "normal"),             # 9 + 3
    ({"MNA-SF.D": "yes", "MNA-SF.E": "mild"}, 92, 11, "at_risk"),
    ({"MNA-SF.A": "severe", "MNA-SF.D": "yes"}, 84, 9, "at_risk"),  # 7 + 2
    ({"MNA-SF.A": "severe", "MNA-SF.D": "yes"}, 80, 8, "at_risk"),  # BMI 20.0 -> 1
    ({"MNA-SF.A": "severe", "MNA-SF.D": "yes"}, 75, 7, "malnourished"),  # BMI 18.8 -> 0
])
def test_mna_sf_cutoffs_with_bmi(score, changes, weight, total, band):
    answers = MNA_FULL | changes | {"BODY.HEIGHT_CM": 200, "BODY.WEIGHT_KG": weight}
    res = score(answers).instruments["MNA-SF"]
    assert (res.score, res.band, res.missing) == (total, band, [])


def test_mna_sf_calf_only_without_bmi(score):
    res = score(MNA_FULL | {"MNA-SF.F2": 31}).instruments["MNA-SF"]
    assert (res.score, res.band) == (14, "normal")
    res = score(MNA_FULL | {"MNA-SF.F2": 30.9}).instruments["MNA-SF"]
    assert (res.score, res.band) == (11, "at_risk")
    # BMI present: calf ignored
    res = score(MNA_FULL | {"MNA-SF.F2": 20, "BODY.HEIGHT_CM": 200, "BODY.WEIGHT_KG": 92}).instruments["MNA-SF"]
    assert res.score == 14


def test_mna_sf_missing_f(score):
    res = score(MNA_FULL).instruments["MNA-SF"]
    assert res.score is None
    assert res.band == "not_assessed"  # 11 + (0..3) spans at_risk/normal
    assert res.missing == ["BODY.HEIGHT_CM", "BODY.WEIGHT_KG", "MNA-SF.F2"]


@pytest.mark.parametrize(("weight", "bmi"), [(74.0, 18.5), (73.9, 18.5), (73.8, 18.4), (80, 20.0)])
def test_bmi_rounding(score, weight, bmi):
    assert score({"BODY.HEIGHT_CM": 200, "BODY.WEIGHT_KG": weight}).derived["bmi"] == bmi


@pytest.mark.parametrize(("age", "weight", "degree"), [
    (70, 80, "none"),          # BMI 20.0, age 70 uses general limits
    (70, 73.8, "moderate"),    # BMI 18.4 < 18.5
    (71, 79.8, "moderate"),    # BMI 19.9 < 20 (over 70)
    (71, 80, "none"),          # BMI 20.0
    (70, 63.8, "severe"),      # BMI 15.9 < 16
    (71, 73.8, "severe"),      # BMI 18.4 < 18.5 (over 70)
    (70, 64, "moderate"),      # BMI 16.0
])
def test_undernutrition_by_bmi_and_age(score, age, weight, degree):
    res = score({"BODY.HEIGHT_CM": 200, "BODY.WEIGHT_KG": weight}, age=age)
    assert res.derived["undernutrition_degree"] == degree


@pytest.mark.parametrize(("now", "before", "loss", "degree"), [
    (90, 100, 10.0, "none"), (89.9, 100, 10.1, "moderate"), (85, 100, 15.0, "moderate"),
    (84.9, 100, 15.1, "severe"),
])
def test_undernutrition_by_weight_loss(score, now, before, loss, degree):
    res = score({"BODY.HEIGHT_CM": 170, "BODY.WEIGHT_KG": now, "BODY.WEIGHT_3_6M_KG": before}, age=75)
    assert res.derived["weight_loss_percent"] == loss
    assert res.derived["undernutrition_degree"] == degree


def test_undernutrition_bmi_with_loss_and_intake(score):
    # BMI 21.9 (< 22 over 70) with 6 % loss -> moderate; same at age 70 -> none
    answers = {"BODY.HEIGHT_CM": 200, "BODY.WEIGHT_KG": 87.6, "BODY.WEIGHT_3_6M_KG": 93.2}
    assert score(answers, age=71).derived["undernutrition_degree"] == "moderate"
    assert score(answers, age=70).derived["undernutrition_degree"] == "none"
    assert score({"NUTR.INTAKE": "25_50"}).derived["undernutrition_degree"] == "moderate"
    assert score({"NUTR.INTAKE": "lt_25"}).derived["undernutrition_degree"] == "severe"
    assert score({"NUTR.INTAKE": "ge_75"}).derived["undernutrition_degree"] == "none"
    assert score({"MST.APPETITE": "no"}).derived["undernutrition_degree"] is None


FIRE_ALL_OK = {
    "FIRE.ALARM_EVERY_FLOOR": True, "FIRE.ALARM_KITCHEN": True, "FIRE.ALARM_LIVING": True,
    "FIRE.ALARM_BEDROOMS": True, "FIRE.ALARM_AUDIBLE": True, "FIRE.ALARM_TESTED": "last_month",
    "FIRE.ALARM_AGE": "under_10", "FIRE.EXTINGUISHER_TYPE": "powder", "FIRE.EXTINGUISHER_OK": True,
    "FIRE.STOVE_GUARD": True,
}


def test_fire7_pass_and_fail(score):
    res = score(FIRE_ALL_OK)
    assert (res.instruments["FIRE-7"].score, res.instruments["FIRE-7"].band) == (4, "pass")
    assert (res.instruments["FIRE-ADVICE"].score, res.instruments["FIRE-ADVICE"].band) == (3, "pass")
    res = score(FIRE_ALL_OK | {"FIRE.STOVE_GUARD": False, "FIRE.EXTINGUISHER_TYPE": "blanket_spray_only"})
    assert (res.instruments["FIRE-7"].score, res.instruments["FIRE-7"].band) == (3, "fail")
    assert (res.instruments["FIRE-ADVICE"].score, res.instruments["FIRE-ADVICE"].band) == (2, "fail")
    assert "Anbefaling: Mangler komfyrvakt" in res.domains["fire"].reasons
    assert "Brudd på § 7: Slokkeutstyret oppfyller ikke minstekravet" in res.domains["fire"].reasons


def test_fire7_is_the_law_only_recommendations_apart(score):
    """Issue #14 item 11: § 7 (alarms per floor covering the right rooms, audible, extinguishing
    equipment) is FIRE-7; testing, alarm age and komfyrvakt are FIRE-ADVICE and never a breach."""
    advice_only = score(FIRE_ALL_OK | {"FIRE.STOVE_GUARD": False, "FIRE.ALARM_TESTED": "longer",
                                       "FIRE.ALARM_AGE": "over_10"})
    assert advice_only.instruments["FIRE-7"].band == "pass"  # no legal shortfall
    assert (advice_only.instruments["FIRE-ADVICE"].score, advice_only.instruments["FIRE-ADVICE"].band) == (0, "fail")
    assert not any(r.startswith("Brudd på § 7") for r in advice_only.domains["fire"].reasons)
    legal = score(FIRE_ALL_OK | {"FIRE.ALARM_AUDIBLE": False})
    assert legal.instruments["FIRE-7"].band == "fail" and legal.instruments["FIRE-ADVICE"].band == "pass"
    assert "Brudd på § 7: Røykvarsleren høres ikke på soverommet med lukket dør" in legal.domains["fire"].reasons


def test_fire7_missing(score):
    answers = dict(FIRE_ALL_OK)
    del answers["FIRE.STOVE_GUARD"]
    res = score(answers)
    assert res.instruments["FIRE-7"].band == "pass"  # komfyrvakt is not part of § 7
    advice = res.instruments["FIRE-ADVICE"]
    assert (advice.score, advice.band, advice.missing) == (None, "not_assessed", ["FIRE.STOVE_GUARD"])
