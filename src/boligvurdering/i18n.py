"""Translation entry point for every user-visible string (gettext catalogues through Babel).

The source language is Norwegian bokmål: the bokmål text of ``tr("…")`` is the msgid. Nynorsk
(``nn``) and English (``en``) come from ``resources/locale/<lang>/LC_MESSAGES/boligvurdering.po``,
compiled in memory with Babel when a language is first used. A missing entry falls back to the
bokmål source text.

The language is per call, not one global: ``use_language("nn")`` sets it for the current
context (thread or task) — a nynorsk letter is rendered inside ``use_language("nn")`` while the
window around it stays English. Outside any ``use_language`` the session's UI language applies
(``set_ui_language``, the logged-in user's choice; ``nb`` by default).

Texts from the TOML forms, measures and financing files may carry ``{nb, nn, en}``; their
loaders register the translations with ``add_content`` (keyed by the bokmål text, like the
catalogues), and ``tr`` finds them the same way.
"""

from __future__ import annotations

import gettext
import io
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("nb", "nn", "en")
DOCUMENT_LANGUAGES = ("nb", "nn")  # documents to Norwegian recipients stay bokmål or nynorsk
DOMAIN = "boligvurdering"
BABEL_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}

_lock = threading.Lock()
_current: ContextVar[str | None] = ContextVar("boligvurdering_language", default=None)
_session = {"ui": "nb"}
_compiled: dict[str, gettext.NullTranslations] = {}
_translated: dict[str, frozenset[str]] = {}  # msgids with a translation (even an identical one), per language
_content: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
_templates: dict[str, list[tuple[re.Pattern[str], str]]] = {lang: [] for lang in LANGUAGES}
_content_sources: set[str] = set()  # every bokmål text the TOML files show, translated or not
_FIELD = re.compile(r"\{([A-Za-z_][\w.]*)\}")


def check_language(code: str) -> str:
    """``code`` if it is one of ``LANGUAGES``; raises ``ValueError`` otherwise."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    return code


def set_ui_language(code: str) -> None:
    """The session's UI language (the logged-in user's choice), used outside ``use_language``."""
    _session["ui"] = check_language(code)


def ui_language() -> str:
    """The session's UI language."""
    return _session["ui"]


def current_language() -> str:
    """The language of the current context: ``use_language`` if active, else the UI language."""
    return _current.get() or _session["ui"]


@contextmanager
def use_language(code: str) -> Iterator[str]:
    """Render everything inside the block in ``code`` (this context only)."""
    token = _current.set(check_language(code))
    try:
        yield code
    finally:
        _current.reset(token)


def _compile(code: str) -> gettext.NullTranslations:
    """Read the ``.po`` catalogue with Babel and compile it to an in-memory ``.mo``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from boligvurdering.resources import locale_dir

    path = locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == "nb" or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=BABEL_LOCALES[code])
    _translated[code] = frozenset(m.id if isinstance(m.id, str) else m.id[0]
                                  for m in catalog if m.id and m.string and not m.fuzzy)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``code`` (loaded once)."""
    with _lock:
        if code not in _compiled:
            _compiled[code] = _compile(check_language(code))
        return _compiled[code]


def _lookup(code: str, text: str) -> str:
    if code == "nb" or not text:
        return text
    found = translations(code).gettext(text)
    if found != text:
        return found
    return _content[code].get(text, text)


def tr(text: str, /, **fields: object) -> str:
    """Translate ``text`` into the current language and fill ``{named}`` fields.

    Args:
        text: the bokmål source text, used as the msgid.
        **fields: values for ``{name}`` placeholders in the text.
    """
    translated = _lookup(current_language(), text)
    return translated.format(**fields) if fields else translated


def N_(text: str, /) -> str:
    """Mark a constant for the catalogue without translating it now; ``tr(text)`` translates it later."""
    return text


def tr_in(code: str, text: str, /, **fields: object) -> str:
    """``tr`` in an explicitly given language."""
    with use_language(code):
        return tr(text, **fields)


def ntr(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """Plural-aware ``tr``: ``ntr("{n} dag", "{n} dager", n)``; ``{n}`` is filled with ``n``."""
    code = current_language()
    if code == "nb":
        text = singular if n == 1 else plural
    else:
        text = translations(code).ngettext(singular, plural, n)
    return text.format(n=n, **fields)


def add_content(translations_by_language: Mapping[str, Mapping[str, str]], sources: Iterable[str] = ()) -> None:
    """Register translations of TOML content: ``{"nn": {bokmål: nynorsk}, "en": {…}}``.

    ``sources`` are all the user-visible bokmål texts of the file, translated or not.
    """
    with _lock:
        _content_sources.update(sources)
        for code, mapping in translations_by_language.items():
            for source, target in mapping.items():
                if not target or _content[code].get(source) == target:
                    continue
                _content[code][source] = target
                if _FIELD.search(source):
                    _templates[code].append((_pattern(source), target))


def _pattern(template: str) -> re.Pattern[str]:
    """A regex matching ``template`` filled in; groups are named after the fields."""
    parts, last, seen = [], 0, set()
    for match in _FIELD.finditer(template):
        parts.append(re.escape(template[last:match.start()]))
        name = "f_" + match.group(1).replace(".", "__")
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts) + r"\Z", re.S)


def retranslate(text: str) -> str:
    """A text filled in bokmål earlier (e.g. a stored measure reason) in the current language.

    Exact catalogue entries are translated directly; otherwise the registered templates are
    matched and the translated template is filled with the same values; reasons joined with
    «; » are translated one by one. Unknown text is kept as it is.
    """
    code = current_language()
    direct = _lookup(code, text)
    if direct != text or code == "nb" or not text:
        return direct
    for pattern, target in _templates[code]:
        match = pattern.match(text)
        if match:
            return _fill(target, match.groupdict())
    if "; " in text:
        return "; ".join(retranslate(part) for part in text.split("; "))
    return text


def _fill(template: str, values: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: values.get("f_" + m.group(1).replace(".", "__"), m.group(0)), template)


def content_sources() -> frozenset[str]:
    """The bokmål texts of the loaded TOML files (for completeness checks)."""
    return frozenset(_content_sources)


def has_translation(code: str, text: str) -> bool:
    """Whether ``text`` has an entry in the catalogue (or the TOML content) of ``code``."""
    if code == "nb":
        return True
    translations(code)
    return text in _translated.get(code, frozenset()) or text in _content[code]


# -- kept for older callers ------------------------------------------------------------------
def language() -> str:
    """The language of the current context (same as ``current_language``)."""
    return current_language()
