"""Translation entry point for every user-visible string.

The source language is Norwegian bokmål. ``tr()`` looks a text up in the active catalogue
(e.g. English UI, nynorsk documents) and falls back to the bokmål source text. Catalogues are
plain dicts so that every layer, including pure logic, can use them without Qt.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_catalogue: dict[str, str] = {}
_language = "nb"


def set_language(language: str, catalogue: dict[str, str] | None = None) -> None:
    """Activate a language; ``catalogue`` maps bokmål source texts to translations."""
    global _language, _catalogue
    with _lock:
        _language = language
        _catalogue = dict(catalogue or {})


def language() -> str:
    """Return the active language code (``nb`` by default)."""
    return _language


def tr(text: str, /, **fields: object) -> str:
    """Translate ``text`` and fill ``{named}`` fields.

    Args:
        text: the bokmål source text, used as the catalogue key.
        **fields: values for ``{name}`` placeholders in the text.
    """
    translated = _catalogue.get(text, text)
    return translated.format(**fields) if fields else translated
