"""Locate data shipped with the application: form definitions and resources (fonts, icons).

In a source checkout or editable install they are the top-level ``forms/`` and ``resources/``
folders. A PyInstaller bundle places them under ``boligvurdering/_forms`` and
``boligvurdering/_resources`` next to the package.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def forms_dir() -> Path:
    """Folder holding the TOML form, rule and catalogue definitions."""
    override = os.environ.get("BOLIGVURDERING_FORMS_DIR")
    if override:
        return Path(override)
    return _first_existing(_PACKAGE_DIR / "_forms", _PACKAGE_DIR.parents[1] / "forms")


def resources_dir() -> Path:
    """Folder holding fonts and other binary resources."""
    return _first_existing(_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parents[1] / "resources")


def font_path(name: str = "DejaVuSans.ttf") -> Path:
    """Path of a bundled TTF font."""
    return resources_dir() / "fonts" / name
