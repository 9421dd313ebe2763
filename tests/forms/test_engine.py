"""The questionnaire loader reports every problem with its location; conditions are data."""

from pathlib import Path

import pytest

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.formsengine import FormsInvalid, evaluate, load_registry
from boligvurdering.formsengine.check import check_all
from boligvurdering.formsengine.loader import load_form_file

GOOD = """
[form]
id = "t"
version = "1"
title = "Test"
domain = "falls"

[[section]]
id = "s"
title = "S"

[[section.question]]
id = "t_a"
text = "A?"
type = "yes_no"

[[section.question]]
id = "t_b"
text = "B"
type = "measurement"
unit = "cm"
min = 0
max = 300
visible_if = { q = "t_a", op = "eq", value = true }
"""


def _write(folder: Path, name: str, text: str) -> Path:
    (folder / "questionnaires").mkdir(parents=True, exist_ok=True)
    path = folder / "questionnaires" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_form_loads_with_hash_and_version(tmp_path):
    _write(tmp_path, "t.toml", GOOD)
    registry = load_registry(tmp_path)
    form = registry.form("t")
    assert form.version == "1" and len(form.content_hash) == 64
    assert registry.question("t_b").unit == "cm"


def test_malformed_toml_reports_file_and_line(tmp_path):
    path = _write(tmp_path, "bad.toml", "[form\nid = 1")
    form, problems = load_form_file(path)
    assert form is None
    assert "bad.toml" in problems[0].where and "ugyldig TOML" in problems[0].message
    assert "line 1" in problems[0].message


def test_every_problem_is_reported(tmp_path):
    text = GOOD.replace('type = "yes_no"', 'type = "stopwatch"').replace("max = 300", "max = -5")
    text += '\n[[section.question]]\nid = "t_b"\ntext = "dup"\ntype = "text"\nbogus = 1\n'
    _write(tmp_path, "t.toml", text)
    with pytest.raises(FormsInvalid) as info:
        load_registry(tmp_path)
    messages = [str(p) for p in info.value.problems]
    assert any("ukjent type «stopwatch»" in m and "question[0]" in m for m in messages)
    assert any("ugyldig område" in m for m in messages)
    assert any("ukjent nøkkel «bogus»" in m for m in messages)
    assert any("«t_b» er også brukt" in m for m in messages)


def test_dangling_reference_in_condition(tmp_path):
    _write(tmp_path, "t.toml", GOOD.replace('q = "t_a"', 'q = "nope"'))
    with pytest.raises(FormsInvalid) as info:
        load_registry(tmp_path)
    assert any("ukjent spørsmål «nope»" in str(p) for p in info.value.problems)


def test_bad_condition_operator(tmp_path):
    _write(tmp_path, "t.toml", GOOD.replace('op = "eq"', 'op = "like"'))
    with pytest.raises(FormsInvalid) as info:
        load_registry(tmp_path)
    assert any("ukjent operator «like»" in str(p) for p in info.value.problems)


def test_check_all_counts_problems_without_raising(tmp_path):
    _write(tmp_path, "t.toml", GOOD.replace('domain = "falls"', 'domain = "space"'))
    report = check_all(tmp_path)
    assert any("ukjent domene «space»" in str(p) for p in report.problems)


def test_shipped_forms_check_clean():
    from boligvurdering.measures import validate_measure_files
    from boligvurdering.resources import forms_dir
    from boligvurdering.scoring import validate_scoring_files

    report = check_all(forms_dir(), (validate_scoring_files, validate_measure_files))
    assert report.problems == []
    assert report.files >= 6


@pytest.mark.parametrize(("cond", "answers", "expected"), [
    ({"q": "a", "op": "eq", "value": True}, {"a": True}, True),
    ({"q": "a", "op": "eq", "value": True}, {}, False),
    ({"q": "a", "op": "ne", "value": True}, {}, True),
    ({"q": "n", "op": "ge", "value": 12}, {"n": 12.0}, True),
    ({"q": "n", "op": "gt", "value": 12}, {"n": 12.0}, False),
    ({"q": "n", "op": "lt", "value": 12}, {"n": "x"}, False),
    ({"q": "m", "op": "contains", "value": "x"}, {"m": ["x", "y"]}, True),
    ({"q": "c", "op": "in", "value": ["a", "b"]}, {"c": "b"}, True),
    ({"all": [{"q": "a", "op": "answered"}, {"not": {"q": "b", "op": "answered"}}]}, {"a": 1}, True),
    ({"any": [{"q": "a", "op": "eq", "value": 2}, {"q": "b", "op": "unanswered"}]}, {"a": 1, "b": 2}, False),
])
def test_conditions(cond, answers, expected):
    assert evaluate(cond, answers) is expected


def test_answer_validation_messages(tmp_path):
    _write(tmp_path, "t.toml", GOOD)
    q = load_registry(tmp_path).question("t_b")
    assert q.validate(12) == 12.0
    with pytest.raises(InvalidValue, match="mellom 0 og 300 cm"):
        q.validate(301)
    with pytest.raises(InvalidValue, match="tall"):
        q.validate("tolv")
    with pytest.raises(InvalidValue, match="tall"):
        q.validate(True)
    with pytest.raises(InvalidValue):
        q.validate(float("nan"))
