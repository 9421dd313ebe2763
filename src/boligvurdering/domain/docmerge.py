"""Three-way merge of a visit document (the team server's visit-level fields).

Two laptops change the same visit offline: every field (status, dates, referral, contact, a
team member's sign-off, a measure's status …) is merged on its own against the version both
started from. A field changed on one side only takes that side's value; a field changed on both
sides to different values is a *clash*: the current value is kept and the other one reported, so
nothing is overwritten silently.

Dictionaries merge key by key; lists whose items all carry an ``id`` (rooms, measures, photos,
team members) merge item by item, each item's fields again key by key; anything else is one value.
A field's path is its keys and item ids joined by ``/`` (``visit/status``, ``measures/<id>/status``).
The derived ``facts`` (``domain/case_facts.py``) merge laptop by laptop and never clash; they are
no change of the user's either (``changed_paths`` leaves them out).
"""

from __future__ import annotations

from typing import Any

from boligvurdering.domain import case_facts

MISSING: Any = object()
Clash = tuple[str, Any, Any]  # path, kept (current) value, the other value (None: absent)


def _keyed(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(i, dict) and "id" in i for i in value)


def _index(items: Any) -> dict[str, Any]:
    return {str(i["id"]): i for i in items} if isinstance(items, list) else {}


def _out(value: Any) -> Any:
    return None if value is MISSING else value


def _merge(base: Any, mine: Any, theirs: Any, path: str, clashes: list[Clash]) -> Any:
    if mine in (base, theirs):
        return theirs
    if theirs == base:
        return mine
    if isinstance(mine, dict) and isinstance(theirs, dict) and isinstance(base, dict | type(MISSING)):
        b = base if isinstance(base, dict) else {}
        keys = list(theirs) + [k for k in mine if k not in theirs]
        merged = {k: _merge(b.get(k, MISSING), mine.get(k, MISSING), theirs.get(k, MISSING), f"{path}/{k}".lstrip("/"),
                            clashes) for k in keys}
        return {k: v for k, v in merged.items() if v is not MISSING}
    if _keyed(mine) and _keyed(theirs) and (base is MISSING or _keyed(base)):
        b, m, t = _index(base), _index(mine), _index(theirs)
        ids = list(t) + [i for i in m if i not in t]
        items = [_merge(b.get(i, MISSING), m.get(i, MISSING), t.get(i, MISSING), f"{path}/{i}", clashes) for i in ids]
        return [item for item in items if item is not MISSING]
    clashes.append((path, _out(theirs), _out(mine)))
    return theirs


def merge(base: dict[str, Any] | None, mine: dict[str, Any], theirs: dict[str, Any]) -> tuple[dict[str, Any], list[Clash]]:
    """(merged document, clashes): ``mine`` applied onto ``theirs`` field by field since ``base``.

    Without a base (the visit reached both laptops another way), every differing field clashes.
    """
    clashes: list[Clash] = []
    key = case_facts.FACTS
    plain = [case_facts.without_facts(d) for d in (base, mine, theirs)]
    merged = _merge(MISSING if plain[0] is None else plain[0], plain[1], plain[2], "", clashes)
    facts = case_facts.merge((base or {}).get(key), mine.get(key), theirs.get(key))
    if facts:
        merged[key] = facts
    return merged, clashes


def _diff(base: Any, mine: Any, path: str, out: list[str]) -> None:
    if base == mine:
        return
    if isinstance(mine, dict) and isinstance(base, dict | type(MISSING)):
        b = base if isinstance(base, dict) else {}
        for k in list(mine) + [k for k in b if k not in mine]:
            _diff(b.get(k, MISSING), mine.get(k, MISSING), f"{path}/{k}".lstrip("/"), out)
    elif _keyed(mine) and (base is MISSING or _keyed(base)):
        b, m = _index(base), _index(mine)
        for i in list(m) + [i for i in b if i not in m]:
            if i in b and i in m:
                _diff(b[i], m[i], f"{path}/{i}", out)
            else:  # an item added or removed is one change
                out.append(f"{path}/{i}")
    else:
        out.append(path)


def changed_paths(base: dict[str, Any] | None, mine: dict[str, Any]) -> list[str]:
    """The paths ``mine`` changed since ``base`` (every path of ``mine`` without a base)."""
    out: list[str] = []
    _diff(MISSING if base is None else base, mine, "", out)
    return [p for p in out if p != case_facts.FACTS and not p.startswith(case_facts.FACTS + "/")]


def get_path(doc: dict[str, Any], path: str) -> Any:
    """The value at ``path`` (``None`` if absent)."""
    node: Any = doc
    for part in path.split("/"):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list):
            node = _index(node).get(part)
        else:
            return None
    return node


def set_path(doc: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at ``path``; ``None`` for a list item removes it, a new item is appended."""
    *parents, last = path.split("/")
    node: Any = doc
    for part in parents:
        node = node.setdefault(part, {}) if isinstance(node, dict) else _index(node)[part]
    if isinstance(node, dict):
        node[last] = value
        return
    kept = [i for i in node if str(i["id"]) != last]
    position = next((n for n, i in enumerate(node) if str(i["id"]) == last), len(kept))
    if value is not None:
        kept.insert(position, value)
    node[:] = kept
