"""A stored score snapshot (codes, no language) shown in one language.

The snapshot (``ScoreResult.to_json``) holds every reason as ``{"code", "params"}``, each check
by its id and each instrument's source by its id: no language. Views get ``display_json``: the
same shape with the reasons, check titles, requirements and explanations, instrument sources,
follow-up reasons and rule explanations rendered as text in the requested language (the current
one by default), and the code of each reason next to it (``codes`` per domain, ``code`` per
check, follow-up and rule). A snapshot saved before codes existed holds bokmål sentences: they
are shown as they are (translated when their template is known, ``i18n.retranslate``), with
code ``None``. Check titles and requirements come from the scoring content registered by id
(``scoring.engine.register_scoring_texts``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from boligvurdering.domain.reason_texts import content_text, render, source_text
from boligvurdering.domain.reasons import Reason, reason_from_json
from boligvurdering.i18n import retranslate, tr, use_language


def _code(value: Any) -> dict[str, Any] | None:
    typed = reason_from_json(value)
    return typed.to_json() if isinstance(typed, Reason) else None


def _domain(entry: Mapping[str, Any]) -> dict[str, Any]:
    stored = list(entry.get("reasons") or [])
    return {**entry, "reasons": [render(r) for r in stored], "codes": [_code(r) for r in stored]}


def _texted(item: Mapping[str, Any], key: str) -> dict[str, Any]:
    return {**item, key: render(item.get(key)), "code": _code(item.get(key))}


def _check(item: Mapping[str, Any]) -> dict[str, Any]:
    """A check with its title and requirement from its id (a legacy snapshot's stored texts as fallback)."""
    cid = str(item.get("id", ""))
    title = content_text(f"check.{cid}.title", tr(item["title"]) if item.get("title") else cid)
    requirement = content_text(f"check.{cid}.requirement", retranslate(str(item.get("requirement") or "")))
    shown = {"id": item.get("id"), "title": title, "room_id": item.get("room_id"),
             "room_name": item.get("room_name"), "measured": item.get("measured"), "unit": item.get("unit"),
             "requirement": requirement}
    return {**shown, **{k: v for k, v in item.items() if k not in shown}}


def _instrument(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {**entry, "source": source_text(entry.get("source"))} if "source" in entry else dict(entry)


def display_json(snapshot: Mapping[str, Any], language: str | None = None) -> dict[str, Any]:
    """``snapshot`` with every reason in words (``language`` or the current one) and its code."""
    if language is not None:
        with use_language(language):
            return display_json(snapshot)
    if not snapshot:
        return dict(snapshot)
    return {
        **snapshot,
        "instruments": {k: _instrument(v) for k, v in (snapshot.get("instruments") or {}).items()},
        "domains": {k: _domain(v) for k, v in (snapshot.get("domains") or {}).items()},
        "checks": [_texted(_check(c), "explanation") for c in snapshot.get("checks") or []],
        "follow_up": [_texted(f, "reason") for f in snapshot.get("follow_up") or []],
        "rules": [_texted(r, "explanation") for r in snapshot.get("rules") or []],
    }
