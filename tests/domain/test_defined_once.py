"""Shared vocabularies are defined once, in domain/enums.py (issue #12 item 2)."""

from __future__ import annotations

import ast
from pathlib import Path

import boligvurdering
from boligvurdering.domain.enums import INSTRUMENT_IDS, ROOM_TYPES
from boligvurdering.formsengine.loader import QUESTION_ROOM_TYPES
from boligvurdering.scoring import content

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
    assert content.INSTRUMENT_IDS is INSTRUMENT_IDS
    assert "bathroom" in ROOM_TYPES and "FIRE-7" in INSTRUMENT_IDS
