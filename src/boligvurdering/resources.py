"""Locate data shipped with the application: forms, fonts, migrations and licence notices.

One place decides, through ``importlib.resources``. An installed wheel and the PyInstaller
bundle carry the data inside the package (``boligvurdering/_forms``,
``boligvurdering/_resources``, ``boligvurdering/store/migrations``; see ``setup.py`` and
``installer/boligvurdering.spec``). A source checkout or editable install has no ``_forms``
inside the package; there the repository's top-level ``forms/`` and ``resources/`` are used.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

PACKAGE = "boligvurdering"


def _on_disk(resource: object) -> Path:
    """The shipped folder as a real path (Alembic and ReportLab read files, not streams)."""
    return Path(str(resource))


def _packaged_or_checkout(packaged: str, checkout: str) -> Path:
    inside = _on_disk(files(PACKAGE).joinpath(packaged))
    if inside.is_dir():
        return inside
    return _on_disk(files(PACKAGE)).parents[1] / checkout


def forms_dir() -> Path:
    """Folder holding the TOML form, rule and catalogue definitions."""
    override = os.environ.get("BOLIGVURDERING_FORMS_DIR")
    if override:
        return Path(override)
    return _packaged_or_checkout("_forms", "forms")


def resources_dir() -> Path:
    """Folder holding fonts, icons and other binary resources."""
    return _packaged_or_checkout("_resources", "resources")


def font_path(name: str = "DejaVuSans.ttf") -> Path:
    """Path of a bundled TTF font."""
    return resources_dir() / "fonts" / name


def migrations_dir() -> Path:
    """Alembic's script folder (``env.py``, ``versions/``), shipped inside the store package."""
    return _on_disk(files(f"{PACKAGE}.store").joinpath("migrations"))


def licence_texts() -> dict[str, str]:
    """Licence texts of bundled non-Python components (Qt, fonts), by path under ``resources/``."""
    from boligvurdering.notices import EXTRA_COMPONENTS

    texts = {}
    for *_info, names in EXTRA_COMPONENTS:
        for relative in names:
            path = resources_dir() / relative
            if path.is_file():
                texts[relative] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def third_party_notices() -> str:
    """The notices shipped with a bundle, or generated from the installed packages' metadata."""
    from boligvurdering import __version__
    from boligvurdering.notices import NOTICES_FILE, components, notices_text

    shipped = resources_dir() / NOTICES_FILE
    if shipped.is_file():
        return shipped.read_text(encoding="utf-8")
    return notices_text(components(extra_texts=licence_texts()), __version__)
def locale_dir() -> Path:
    """Folder holding the gettext catalogues: ``<lang>/LC_MESSAGES/boligvurdering.po``."""
    return resources_dir() / "locale"
