"""A stored score snapshot (codes, no language) shown in one language.

The snapshot (``ScoreResult.to_json``) holds every reason as ``{"code", "params"}``. Views get
``display_json``: the same shape with the reasons, check explanations, follow-up reasons and rule
explanations rendered as text in the requested language (the current one by default), and the
code of each next to it (``codes`` per domain, ``code`` per check, follow-up and rule). A
snapshot saved before codes existed holds bokmål sentences: they are shown as they are
(translated when their template is known, ``i18n.retranslate``), with code ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from boligvurdering.domain.reason_texts import render
from boligvurdering.domain.reasons import Reason, reason_from_json
from boligvurdering.i18n import use_language


def _code(value: Any) -> dict[str, Any] | None:
    typed = reason_from_json(value)
    return typed.to_json() if isinstance(typed, Reason) else None


def _domain(entry: Mapping[str, Any]) -> dict[str, Any]:
    stored = list(entry.get("reasons") or [])
    return {**entry, "reasons": [render(r) for r in stored], "codes": [_code(r) for r in stored]}


def _texted(item: Mapping[str, Any], key: str) -> dict[str, Any]:
    return {**item, key: render(item.get(key)), "code": _code(item.get(key))}


def display_json(snapshot: Mapping[str, Any], language: str | None = None) -> dict[str, Any]:
    """``snapshot`` with every reason in words (``language`` or the current one) and its code."""
    if language is not None:
        with use_language(language):
            return display_json(snapshot)
    if not snapshot:
        return dict(snapshot)
    return {
        **snapshot,
        "domains": {k: _domain(v) for k, v in (snapshot.get("domains") or {}).items()},
        "checks": [_texted(c, "explanation") for c in snapshot.get("checks") or []],
        "follow_up": [_texted(f, "reason") for f in snapshot.get("follow_up") or []],
        "rules": [_texted(r, "explanation") for r in snapshot.get("rules") or []],
    }
