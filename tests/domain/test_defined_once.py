"""Shared vocabularies are defined once, in domain/enums.py (issue #12 item 2)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import boligvurdering
from boligvurdering.domain.enums import INSTRUMENT_IDS, ROOM_TYPES
from boligvurdering.formsengine import facts
from boligvurdering.formsengine.loader import QUESTION_ROOM_TYPES

ROOT = Path(boligvurdering.__file__).parent
ONCE = ("INSTRUMENT_IDS", "ROOM_TYPES", "RISK_DOMAINS", "FORM_DOMAINS")


def _module_level_definitions(name: str) -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, ast.AnnAssign) else []
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                found.append(str(path.relative_to(ROOT)))
    return found


def test_vocabularies_are_defined_only_in_domain_enums():
    for name in ONCE:
        assert _module_level_definitions(name) == ["domain/enums.py"], name


def test_every_user_sees_the_same_room_types_and_instruments():
    assert (*ROOM_TYPES, "*") == QUESTION_ROOM_TYPES
    assert facts.INSTRUMENT_IDS is INSTRUMENT_IDS
    assert "bathroom" in ROOM_TYPES and "FIRE-7" in INSTRUMENT_IDS


# -- labels of risk levels, instrument bands and instruments (issue #12 item 1) ---------------
LEVEL_KEYS = {"not_assessed", "low", "moderate", "high", 0, 1, 2, 3}
BAND_KEYS = {"positive", "negative", "at_risk", "normal", "below_norm", "malnourished", "pass", "fail"}
LABEL_HOME = "domain/enums.py"
_WORD = re.compile(r"^[A-Za-zÆØÅæøå][\w \-–(),.§:]*$")


def _is_words(node: ast.AST) -> bool:
    """A value that reads as words: ``N_("…")``/``tr("…")`` or a plain text constant."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("N_", "tr"):
        return True
    if isinstance(node, ast.Tuple):
        return any(_is_words(e) for e in node.elts)
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and _WORD.match(node.value)):
        return False
    return node.value != node.value.lower() or " " in node.value or not node.value.isascii()  # not an id


def _label_tables(tree: ast.AST) -> list[str]:
    """Dict literals that give levels, bands or instruments words (keys ≥ 3 of one vocabulary),
    and sets that sort bands (≥ 3 band ids)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Set):  # a band classification (which bands are «bad»)
            members = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            if len(members & BAND_KEYS) >= 3:
                found.append(f"line {node.lineno}")
            continue
        if not isinstance(node, ast.Dict):
            continue
        keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
        if not any(len(keys & vocabulary) >= 3 for vocabulary in (LEVEL_KEYS, BAND_KEYS, set(INSTRUMENT_IDS))):
            continue
        if any(_is_words(v) for v in node.values):
            found.append(f"line {node.lineno}")
    return found


def test_level_band_and_instrument_words_are_defined_only_in_domain_enums():
    offenders = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        if rel == LABEL_HOME:
            continue
        tables = _label_tables(ast.parse(path.read_text(encoding="utf-8")))
        if tables:
            offenders[rel] = tables
    assert offenders == {}, "use domain.enums (RiskLevel.label, band_label, instrument_label)"


def test_the_document_catalogues_hold_no_copy_of_those_words():
    from boligvurdering.reports.texts import TEXTS
    from boligvurdering.reports.texts_nn import NN_TEXTS

    copies = [k for k in (*TEXTS, *NN_TEXTS) if k.split(".")[0] in ("level", "band", "inst")]
    assert copies == []


def test_a_copy_coming_back_is_caught():
    copy = ast.parse('BANDS = {"at_risk": N_("økt risiko"), "below_norm": "under normen", "pass": "i orden"}\n'
                     'RISK_TEXT = {0: "Ikke kartlagt", 1: "Lav", 2: "Moderat", 3: "Høy"}\n'
                     'STYLE = {"high": ("▲", "#a40000"), "moderate": ("■", "#8a5a00"), "low": ("●", "#1b5e20")}\n'
                     'BAD_BANDS = {"at_risk", "below_norm", "positive", "fail"}\n')
    assert _label_tables(copy) == ["line 1", "line 2", "line 4"]
