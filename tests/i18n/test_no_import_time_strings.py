"""No text is translated at import time: a module-level ``tr()`` would freeze one language for the process."""

from __future__ import annotations

import ast
from pathlib import Path

import boligvurdering

SRC = Path(boligvurdering.__file__).parent


def _module_level_calls(tree: ast.AST) -> list[int]:
    found: list[int] = []

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue  # runs when called, in the caller's language
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in ("tr", "ntr"):
                found.append(child.lineno)
            walk(child)

    walk(tree)
    return found


def test_no_tr_call_runs_at_import_time():
    offenders = [f"{path.relative_to(SRC)}:{line}" for path in sorted(SRC.rglob("*.py"))
                 for line in _module_level_calls(ast.parse(path.read_text(encoding="utf-8")))]
    assert offenders == [], "mark constants with N_() and call tr() where they are shown"


def test_the_check_finds_a_module_level_call():
    assert _module_level_calls(ast.parse('X = {"a": tr("Ja")}\ndef f():\n    return tr("Nei")\n')) == [1]
