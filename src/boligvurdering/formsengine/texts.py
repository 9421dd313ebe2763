"""Translatable texts in the TOML definitions: a plain string (bokmål) or a table ``{nb, nn, en}``.

``read_toml`` hands every parsed file through ``localize``: each ``{nb = …, nn = …, en = …}``
table becomes its bokmål text (the msgid, as for ``tr``), and the translations are registered
with ``i18n.add_content`` so that ``tr(text)`` returns the text for the current language.
``missing_translations`` counts, per language, the user-visible texts that have no translation
(``forms check`` reports the counts as warnings). A text with no word in it (a citation such as
«TEK17 § 12-13 / NS 11001-2») reads the same in every language and needs no translation.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from boligvurdering.i18n import LANGUAGES, add_content

#: Keys whose string values a user or client reads.
TEXT_KEYS = frozenset({"title", "text", "help", "label", "explanation", "reason", "intro", "note",
                       "decided_by", "requirement", "unit_label", "name", "documents", "source",
                       "follow_up_reason"})
TRANSLATED = tuple(code for code in LANGUAGES if code != "nb")
_WORD = re.compile(r"[^\W\d_][^\W\d_A-ZÆØÅ]")  # a letter and a lower-case letter: a word of some language


def needs_translation(text: str) -> bool:
    """Whether a plain text has words in it (a bare citation or code needs no translation)."""
    return bool(_WORD.search(text))


def is_localized(value: Any) -> bool:
    """Whether ``value`` is a ``{nb, nn, en}`` text table (``nb`` required)."""
    return (isinstance(value, dict) and "nb" in value and set(value) <= set(LANGUAGES)
            and all(isinstance(v, str) for v in value.values()))


def _walk(value: Any, found: dict[str, dict[str, str]], sources: set[str], key: str = "") -> Any:
    if is_localized(value):
        for code in TRANSLATED:
            if value.get(code, "").strip():
                found[code][value["nb"]] = value[code]
        sources.add(value["nb"])
        return value["nb"]
    if isinstance(value, str) and key in TEXT_KEYS:
        sources.add(value)
    if isinstance(value, dict):
        return {k: _walk(v, found, sources, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, found, sources, key) for v in value]
    return value


def localize(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with every text table replaced by its bokmål text; translations registered."""
    found: dict[str, dict[str, str]] = {code: {} for code in TRANSLATED}
    sources: set[str] = set()
    plain = _walk(data, found, sources)
    add_content(found, sources)
    return plain


def missing_translations(data: Any, key: str = "") -> Counter[str]:
    """Per language: how many user-visible texts in ``data`` (raw TOML) lack a translation."""
    missing: Counter[str] = Counter()
    if is_localized(data):
        missing.update(code for code in TRANSLATED if not data.get(code, "").strip())
    elif isinstance(data, str):
        if key in TEXT_KEYS and needs_translation(data):
            missing.update(TRANSLATED)
    elif isinstance(data, dict):
        for k, v in data.items():
            missing += missing_translations(v, k)
    elif isinstance(data, list):
        for v in data:
            missing += missing_translations(v, key)
    return missing
