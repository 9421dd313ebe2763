"""Refresh the gettext catalogues from the source: ``python tools/update_catalogues.py``.

Extracts every ``tr("…")``, ``ntr("…", "…", n)`` and ``tr_in(lang, "…")`` from ``src/`` (the
bokmål text is the msgid) and merges them into ``resources/locale/{nn,en}/LC_MESSAGES/
boligvurdering.po``: new texts get an empty translation, translations of texts that are gone
are dropped. Translators fill ``msgstr``; the app compiles the ``.po`` files when it loads them.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "resources" / "locale"
KEYWORDS = {"tr": None, "N_": None, "ntr": (1, 2), "tr_in": (2,)}
LOCALES = {"nn": "nn_NO", "en": "en_GB"}


def template() -> Catalog:
    """Every msgid in ``src/``."""
    pot = Catalog(project="boligvurdering", fuzzy=False)
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / "src", method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=(), strip_comment_tags=True):
        pot.add(message)
    return pot


def update(code: str, pot: Catalog) -> Path:
    path = LOCALE / code / "LC_MESSAGES" / "boligvurdering.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=LOCALES[code])
    else:
        catalog = Catalog(locale=LOCALES[code], project="boligvurdering", fuzzy=False)
    catalog.update(pot, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    with path.open("wb") as handle:
        write_po(handle, catalog, no_location=True, sort_output=True, width=100)
    return path


if __name__ == "__main__":
    messages = template()
    for lang in LOCALES:
        print(update(lang, messages))
