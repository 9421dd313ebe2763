"""Every literal the code passes to ``tr``/``ntr``/``N_`` has a nynorsk and an English entry (issue 18)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import boligvurdering
from boligvurdering.i18n import has_translation

PACKAGE = Path(boligvurdering.__file__).parent
CALLS = {"tr": 1, "N_": 1, "ntr": 1}  # the plural of ``ntr`` lives under its singular msgid


def _msgids(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        for arg in node.args[:CALLS.get(name, 0)]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                out.append((node.lineno, arg.value))
    return out


def literal_msgids() -> list[tuple[str, str]]:
    return [(f"{path.relative_to(PACKAGE)}:{line}", text) for path in sorted(PACKAGE.rglob("*.py"))
            for line, text in _msgids(ast.parse(path.read_text(encoding="utf-8")))]


@pytest.mark.parametrize("lang", ["nn", "en"])
def test_every_literal_ui_text_has_a_translation(lang):
    found = literal_msgids()
    assert len(found) > 1000  # the walk sees the code's texts
    missing = [f"{where}: {text!r}" for where, text in found if not has_translation(lang, text)]
    assert missing == [], "\n".join(missing)


def test_the_scan_finds_tr_ntr_and_n_literals():
    tree = ast.parse('tr("Lagre")\nN_("Avvist")\nntr("{n} rom", "{n} rom", 2)\ni18n.tr(x)\nfoo("Ikke")')
    assert [t for _line, t in _msgids(tree)] == ["Lagre", "Avvist", "{n} rom"]
