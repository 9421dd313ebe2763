"""Why a score came out as it did: a reason is a code with parameters, never a sentence.

Scoring emits ``Reason("falls.count", {"n": 2})``; the saved snapshot holds
``{"code": "falls.count", "params": {"n": 2}}`` and no language. Every view renders the code
in its own language with ``domain.reason_texts.render`` (the one text catalogue).

Parameters are simple JSON values (numbers, strings, booleans, ``None``), other reasons, or
lists of those (a housing-ladder step lists its barriers).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Reason:
    """One reason: a catalogue ``code`` and the ``params`` its text is filled with."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __hash__(self) -> int:
        return hash((self.code, json.dumps(self.to_json()["params"], sort_keys=True, default=str)))

    def to_json(self) -> dict[str, Any]:
        """``{"code": …, "params": {…}}``: the stored form."""
        return {"code": self.code, "params": {k: _plain(v) for k, v in self.params.items()}}


def _plain(value: Any) -> Any:
    if isinstance(value, Reason):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _typed(value: Any) -> Any:
    if isinstance(value, Mapping) and "code" in value:
        return reason_from_json(value)
    if isinstance(value, list | tuple):
        return [_typed(v) for v in value]
    return value


def reason_from_json(value: Any) -> Reason | str:
    """A stored reason back as a ``Reason``; a legacy sentence (snapshots before codes) stays a string."""
    if isinstance(value, Reason):
        return value
    if isinstance(value, Mapping) and isinstance(value.get("code"), str):
        params = value.get("params") or {}
        return Reason(value["code"], {str(k): _typed(v) for k, v in params.items()})
    if isinstance(value, str) and value.startswith("{"):
        try:
            return reason_from_json(json.loads(value))
        except ValueError:
            return value
    return "" if value is None else str(value)


def reason_to_text_column(reason: Reason | str) -> str:
    """A reason for a plain text column (follow-up rows): its JSON, no language."""
    return json.dumps(reason.to_json(), ensure_ascii=False, sort_keys=True) if isinstance(reason, Reason) else reason
