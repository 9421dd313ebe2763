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

#: what the GUI may import from the package (issue 12, item 6): the services are its only door to
#: scoring, the form engine, the documents, the store and security
GUI_MAY_IMPORT = {"services", "domain", "i18n", "paths"}
#: leaf modules the GUI may use too: plain utilities that reach no client data and no lower layer
#: (settings.json with typed keys, the shipped resource folders and licence notices, log set-up,
#: atomic file writes);
#: test_plain_utilities_stay_plain holds them to that
PLAIN_UTILITIES = {"settings", "resources", "notices", "logging_setup", "fileio"}


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


def _package_imports(path: Path):
    """(imported sub-package or module of boligvurdering, full name); the bare package gives ''."""
    for name in _imports(path):
        if name == "boligvurdering" or name.startswith("boligvurdering."):
            parts = name.split(".")
            yield (parts[1] if len(parts) > 1 else ""), name


def test_gui_reaches_lower_layers_only_through_the_services():
    allowed = GUI_MAY_IMPORT | PLAIN_UTILITIES | {"gui", ""}  # "": APP_NAME and __version__
    bad = [f"{p.relative_to(PACKAGE)} imports {name}" for p in (PACKAGE / "gui").rglob("*.py")
           for sub, name in _package_imports(p) if sub not in allowed]
    assert bad == []


def test_plain_utilities_stay_plain():
    """The utilities the GUI may import lean on nothing but the standard library, domain, i18n and each other."""
    bad = [f"{module} imports {name}" for module in sorted(PLAIN_UTILITIES)
           for sub, name in _package_imports(PACKAGE / f"{module}.py") if sub not in {"", "domain", "i18n"} | PLAIN_UTILITIES]
    assert bad == []
