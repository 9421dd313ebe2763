"""The layers in docs/ARCHITECTURE.md, checked by walking every module's imports."""

import ast
from pathlib import Path

import boligvurdering

PACKAGE = Path(boligvurdering.__file__).parent

RULES = {
    # forbidden top-level import → packages allowed to use it
    "PySide6": {"gui"},
    "sqlmodel": {"store"},
    "sqlalchemy": {"store", "server"},
    "alembic": {"store", "server"},
    "fastapi": {"server"},
    "uvicorn": {"server"},
    "psycopg": {"server"},
    "reportlab": {"reports"},
    "pikepdf": {"reports"},
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_layering():
    violations = []
    for path in PACKAGE.rglob("*.py"):
        sub = path.relative_to(PACKAGE).parts[0]
        for name in _imports(path):
            top = name.split(".")[0]
            if top in RULES and sub not in RULES[top]:
                violations.append(f"{path.relative_to(PACKAGE)} imports {name}")
            if name.startswith("boligvurdering.gui") and sub not in {"gui", "cli"}:
                violations.append(f"{path.relative_to(PACKAGE)} imports the GUI")
            if name.startswith("boligvurdering.server") and sub not in {"server", "cli"}:
                violations.append(f"{path.relative_to(PACKAGE)} imports the team server")
    assert violations == []


def test_lower_layers_do_not_import_services():
    lower = {"domain", "store", "formsengine", "scoring", "measures", "photos"}
    bad = [f"{p.relative_to(PACKAGE)} → {n}" for p in PACKAGE.rglob("*.py")
           if p.relative_to(PACKAGE).parts[0] in lower
           for n in _imports(p) if n.startswith("boligvurdering.services")]
    assert bad == []
