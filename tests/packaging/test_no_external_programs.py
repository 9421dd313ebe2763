"""A fresh machine has only Python: tests start no program that nothing installs (issue #11.1)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
SPAWNERS = {"run", "Popen", "call", "check_call", "check_output", "system", "which"}


def _spawned_programs(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in SPAWNERS or not isinstance(node.func.value, ast.Name):
            continue
        if node.func.value.id not in {"subprocess", "os", "shutil"} or not node.args:
            continue
        first = node.args[0]
        program = first.elts[0] if isinstance(first, ast.List | ast.Tuple) and first.elts else first
        if not (isinstance(program, ast.Attribute) and ast.unparse(program) == "sys.executable"):
            found.append((node.lineno, ast.unparse(program)))
    return found


def test_tests_only_start_this_python():
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        for line, program in _spawned_programs(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(TESTS)}:{line} starts {program}")
    assert not offenders, offenders


def test_detector_sees_an_external_program():
    tree = ast.parse('import subprocess\nsubprocess.run(["some-tool", "x.pdf"], check=True)\n')
    assert _spawned_programs(tree) == [(2, "'some-tool'")]
