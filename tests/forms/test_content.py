"""Every form loads; required instrument codes exist with the right types; ranges are enforced."""

from __future__ import annotations

import pytest

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.formsengine import load_registry

REGISTRY = load_registry()

REQUIRED = {
    **{c: "yes_no" for c in ("STEADI.FALLEN", "STEADI.UNSTEADY", "STEADI.WORRIES", "CST30.ARMS_USED")},
    **{f"SI.{i}": "yes_no" for i in range(1, 13)},
    **{f"MNA-SF.{x}": "single_choice" for x in "ABCDE"},
    **{f"FESI.{i}": "single_choice" for i in range(1, 8)},
    "TUG.SECONDS": "measurement", "CST30.COUNT": "integer", "BAL4.TANDEM_SECONDS": "measurement",
    "MST.WEIGHT_LOSS": "single_choice", "MST.APPETITE": "single_choice", "BODY.HEIGHT_CM": "measurement",
    "BODY.WEIGHT_KG": "decimal", "MNA-SF.F2": "measurement", "MED.COUNT": "integer",
}


def test_every_form_loads():
    assert {f.id for f in REGISTRY.forms} == {"opening", "falls", "fire", "nutrition", "housing", "other"}


@pytest.mark.parametrize(("code", "qtype"), sorted(REQUIRED.items()))
def test_required_codes(code, qtype):
    q = REGISTRY.by_code(code)
    assert q is not None and q.type == qtype


def test_si_published_order():
    ids = [REGISTRY.by_code(f"SI.{i}").id for i in range(1, 13)]
    section = REGISTRY.form("falls").sections[1]
    assert [q.id for q in section.questions] == ids


def test_published_points():
    assert [o.points for o in REGISTRY.by_code("MST.WEIGHT_LOSS").options] == [0, 2, 1, 2, 3, 4, 2]
    assert [o.points for o in REGISTRY.by_code("MNA-SF.B").options] == [0, 1, 2, 3]
    for i in range(1, 8):
        assert [o.points for o in REGISTRY.by_code(f"FESI.{i}").options] == [1, 2, 3, 4]


@pytest.mark.parametrize(("code", "value", "range_text"), [
    ("TUG.SECONDS", 0.0, "mellom 1 og 300 s"), ("TUG.SECONDS", 301.0, "mellom 1 og 300 s"),
    ("BODY.HEIGHT_CM", 99.0, "mellom 100 og 230 cm"), ("BODY.HEIGHT_CM", 231.0, "mellom 100 og 230 cm"),
    ("BODY.WEIGHT_KG", 24.0, "mellom 25 og 300 kg"), ("BODY.WEIGHT_KG", 301.0, "mellom 25 og 300 kg"),
    ("CST30.COUNT", 61, "mellom 0 og 60"), ("CST30.COUNT", -1, "mellom 0 og 60"),
])
def test_implausible_values_refused_with_range(code, value, range_text):
    with pytest.raises(InvalidValue) as exc:
        REGISTRY.by_code(code).validate(value)
    assert range_text in str(exc.value)


def test_negative_measurements_refused():
    with pytest.raises(InvalidValue):
        REGISTRY.question("housing_door_width_cm").validate(-5.0)
    assert REGISTRY.by_code("TUG.SECONDS").validate(12) == 12.0
