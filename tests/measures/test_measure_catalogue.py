"""The shipped measure files load and validate; the loader reports every problem with a location."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from boligvurdering.measures import MeasuresInvalid, load_catalogue, validate_measure_files
from boligvurdering.measures.catalogue import parse_catalogue
from boligvurdering.measures.model import CHANNEL_IDS, MEASURE_DOMAINS

GOOD = {
    "id": "x_measure", "title": "Tittel", "explanation": "Forklaring", "domain": "falls",
    "responsible": "ergoterapeut", "kind": "permanent", "cost_min": 100, "cost_max": 200,
    "channels": ["egne_midler"],
    "trigger": [{"when": {"q": "domain.falls.level", "op": "eq", "value": "high"}, "reason": "Høy"}],
}


def _problems(**changes):
    measure = {**GOOD, **changes}
    measure = {k: v for k, v in measure.items() if v is not None}
    _measures, problems = parse_catalogue({"measure": [measure]})
    return [str(p) for p in problems]


def test_shipped_measure_files_are_valid(forms_dir):
    assert validate_measure_files(forms_dir) == []


def test_catalogue_is_broad(catalogue):
    assert len(catalogue) >= 40
    assert {m.domain for m in catalogue.measures} == set(MEASURE_DOMAINS)
    ids = {m.id for m in catalogue.measures}
    for required in ("threshold_remove", "threshold_ramp", "grab_bar_toilet", "grab_bar_shower",
                     "shower_chair", "raised_toilet_seat", "stair_handrail_second", "stair_lift",
                     "outdoor_ramp", "door_widening_inside", "automatic_door_opener",
                     "step_free_shower", "height_adjustable_kitchen", "night_lighting",
                     "remove_loose_rugs", "non_slip_flooring", "smoke_alarm_install",
                     "smoke_alarm_interconnect", "testhorn", "fire_extinguisher", "stove_guard",
                     "safety_alarm_fall_sensor", "home_delivered_meals", "nutrition_follow_up",
                     "dental_referral", "gp_medication_review", "strength_balance_group",
                     "everyday_rehabilitation", "fire_service_home_visit", "meal_friend",
                     "move_to_suitable_home", "energy_windows"):
        assert required in ids, required


def test_every_measure_has_channels_and_a_price(catalogue):
    for m in catalogue.measures:
        assert m.channels and set(m.channels) <= set(CHANNEL_IDS), m.id
        assert (m.unit_price is not None) != (m.cost_max is not None), m.id
    assert catalogue.get("outdoor_ramp").ramp
    assert catalogue.get("stair_lift").lift
    assert "electrical_work" in catalogue.get("stove_guard").flags


def test_load_catalogue_from_forms_folder(forms_dir):
    assert load_catalogue(forms_dir).content_hash


@pytest.mark.parametrize(("changes", "fragment"), [
    ({"domain": "garden"}, "ugyldig «domain»"),
    ({"responsible": "rørlegger"}, "ugyldig «responsible»"),
    ({"channels": ["lotto"]}, "ukjent verdi «lotto»"),
    ({"cost_min": -5}, "kan ikke være negativ"),
    ({"cost_min": 500}, "«cost_min» er større enn «cost_max»"),
    ({"colour": "blå"}, "ukjent nøkkel «colour»"),
    ({"flags": ["golden"]}, "ukjent verdi «golden»"),
    ({"unit_price": 10, "unit": "stk"}, "enten «cost_min»/«cost_max» eller «unit_price»/«unit»"),
    ({"trigger": [{"when": {"q": "weather.today", "op": "eq", "value": 1}, "reason": "x"}]},
     "ukjent faktaområde «weather»"),
    ({"trigger": [{"when": {"q": "instrument.XYZ.band", "op": "eq", "value": 1}, "reason": "x"}]},
     "ugyldig faktanøkkel"),
    ({"trigger": [{"when": {"all": []}, "reason": "x"}]}, "ikke-tom liste"),
    ({"trigger": [{"when": {"q": "answer.a", "op": "near", "value": 1}, "reason": "x"}]},
     "ukjent operator"),
    ({"trigger": [{"when": {"q": "answer.a", "op": "answered"}, "reason": "{bogus.key}"}]},
     "ukjent faktaområde «bogus»"),
    ({"kind": "nav_loan"}, "nav_hjelpemiddel"),
    ({"flags": ["maintenance"], "channels": ["kommunalt_tilskudd"]}, "vedlikehold"),
])
def test_invalid_measures_are_reported(changes, fragment):
    problems = _problems(**changes)
    assert any(fragment in p for p in problems), problems
    assert all(p.startswith("catalogue.toml: measure[0]") or "measure (x_measure)" in p
               for p in problems), problems


def test_every_problem_is_collected_not_only_the_first():
    problems = _problems(domain="garden", responsible="x", cost_min=-1)
    assert len(problems) >= 3


def test_broken_copy_is_reported_with_file_and_location(tmp_path: Path, forms_dir):
    copy = tmp_path / "forms"
    shutil.copytree(forms_dir, copy)
    path = copy / "measures" / "catalogue.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('domain = "fire"', 'domain = "flood"', 1)
    text = text.replace("answer.fire_hears_alarm", "answer.no_such_question", 1)
    text = text.replace("check.stair_handrails.result", "check.no_such_check.result", 1)
    path.write_text(text, encoding="utf-8")
    (copy / "measures" / "financing.toml").write_text(
        (copy / "measures" / "financing.toml").read_text(encoding="utf-8").replace(
            'id = "startlan"', 'id = "startlaan"'), encoding="utf-8")
    problems = [str(p) for p in validate_measure_files(copy)]
    assert any("catalogue.toml: measure[" in p and "flood" in p for p in problems)
    assert any("ukjent spørsmål «no_such_question»" in p for p in problems)
    assert any("ukjent boligkontroll «no_such_check»" in p for p in problems)
    assert any(p.startswith("financing.toml") and "startlaan" in p for p in problems)
    with pytest.raises(MeasuresInvalid):
        load_catalogue(copy)


def test_room_question_must_be_asked_in_that_room(tmp_path: Path, forms_dir):
    copy = tmp_path / "forms"
    shutil.copytree(forms_dir, copy)
    path = copy / "measures" / "catalogue.toml"
    text = path.read_text(encoding="utf-8").replace(
        "room.bathroom.housing_bath_nonslip", "room.kitchen.housing_bath_nonslip")
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in validate_measure_files(copy)]
    assert any("stilles ikke i romtypen «kitchen»" in p for p in problems), problems


def test_unreadable_toml_is_a_problem(tmp_path: Path, forms_dir):
    copy = tmp_path / "forms"
    shutil.copytree(forms_dir, copy)
    (copy / "measures" / "kommune.toml").write_text("[kommune\nname=", encoding="utf-8")
    problems = [str(p) for p in validate_measure_files(copy)]
    assert any("ugyldig TOML" in p for p in problems)
