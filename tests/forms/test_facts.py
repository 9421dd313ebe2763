"""One facts namespace for scoring rules and measure triggers (issue #12 item 2): one syntax, one validator."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from boligvurdering.domain.assessment import AssessmentData, RoomAnswers
from boligvurdering.formsengine.check import check_all
from boligvurdering.formsengine.facts import (
    KnownIds,
    fact_key_problem,
    make_lookup,
    reference_problem,
)
from boligvurdering.measures import validate_measure_files
from boligvurdering.resources import forms_dir
from boligvurdering.scoring import validate_scoring_files


@pytest.mark.parametrize("key", [
    "answer.fire_smoker", "room.any.housing_threshold_mm", "room.bathroom.housing_threshold_mm.max",
    "room.any.housing_door_width_cm.min", "instrument.TUG.band", "instrument.MST.missing", "instrument.FIRE-7.score",
    "domain.falls.level", "check.threshold_inside.result", "check.threshold_inside.measured", "derived.bmi",
    "client.age", "client.lives_alone", "client.sex", "housing.step",
])
def test_one_syntax_accepts_every_fact_either_side_used(key):
    assert fact_key_problem(key) is None


@pytest.mark.parametrize(("key", "fragment"), [
    ("housing_step", "ukjent faktaområde"), ("room.any.x.median", "ugyldig faktanøkkel"),
    ("room.garage.x", "ugyldig faktanøkkel"), ("instrument.XYZ.band", "ugyldig faktanøkkel"),
    ("derived.shoe_size", "ugyldig faktanøkkel"), ("client.name", "ugyldig faktanøkkel"),
    ("weather.today", "ukjent faktaområde «weather»"),
])
def test_one_syntax_refuses(key, fragment):
    assert fragment in (fact_key_problem(key) or "")


def test_references_are_checked_against_questions_rooms_and_checks():
    known = KnownIds({"visit_q": (), "bath_q": ("bathroom",), "any_q": ("*",)}, {"c1"})
    assert reference_problem("answer.visit_q", known) is None
    assert "ukjent spørsmål «nope»" in reference_problem("answer.nope", known)
    assert "stilles per rom" in reference_problem("answer.bath_q", known)
    assert reference_problem("room.bathroom.bath_q.max", known) is None
    assert reference_problem("room.kitchen.any_q", known) is None
    assert "stilles ikke i romtypen «kitchen»" in reference_problem("room.kitchen.bath_q", known)
    assert "ukjent boligkontroll «c2»" in reference_problem("check.c2.result", known)


class _Score:
    housing_step = 2

    def instrument(self, ident, attr):
        return {"TUG": {"band": "at_risk", "score": 14.2, "missing": []}}.get(ident, {}).get(attr)

    def domain_level(self, domain):
        return {"falls": "high"}.get(domain)

    def checks(self):
        from types import SimpleNamespace as C
        return [C(id="thr", room_id="b", result="pass", measured=10.0),
                C(id="thr", room_id="h", result="fail", measured=40.0)]

    def derived(self, name):
        return {"bmi": 19.5}.get(name)


def test_one_lookup_reads_rooms_checks_and_room_views():
    rooms = (RoomAnswers("b", "bathroom", "Bad", {"t": 10, "rug": False, "m": ["a"]}),
             RoomAnswers("h", "hall", "Gang", {"t": 40, "rug": True, "m": ["b", "a"]}))
    data = AssessmentData({"opening_lives_alone": True, "x": 1}, rooms, 86, "F")
    whole = make_lookup(_Score(), data)
    assert [whole(k) for k in ("room.any.t.min", "room.any.t.max", "room.any.rug", "room.bathroom.rug")] == [
        10, 40, True, False]
    assert whole("room.any.m") == ["a", "b"]
    assert whole("check.thr.result") == "fail" and whole("check.thr.measured") == 40.0
    assert whole("instrument.TUG.missing") == [] and whole("domain.falls.level") == "high"
    assert (whole("housing.step"), whole("housing_step"), whole("client.sex")) == (2, None, "F")
    assert whole("client.lives_alone") is True and whole("derived.bmi") == 19.5 and whole("answer.x") == 1
    bath = make_lookup(_Score(), data, rooms[0])
    assert bath("room.any.t") == 10 and bath("check.thr.result") == "pass" and bath("room.hall.t") == 40


def test_forms_check_reports_a_bad_reference_with_file_and_key(tmp_path: Path):
    copy = tmp_path / "forms"
    shutil.copytree(forms_dir(), copy)
    rules = copy / "scoring" / "rules.toml"
    rules.write_text(rules.read_text(encoding="utf-8").replace('"client.lives_alone"', '"client.lives_alon"', 1),
                     encoding="utf-8")
    report = check_all(copy, (validate_scoring_files, validate_measure_files))
    bad = [str(p) for p in report.problems if "client.lives_alon" in str(p)]
    assert len(bad) == 1 and bad[0].startswith("rules.toml: rule[")
    assert bad[0].endswith(").when: ugyldig faktanøkkel «client.lives_alon»")
