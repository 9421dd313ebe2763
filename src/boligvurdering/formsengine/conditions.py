"""Visibility and trigger conditions as data: ``all``/``any`` of comparisons, never ``eval``.

A condition is one of::

    {all = [cond, ...]}       every sub-condition holds
    {any = [cond, ...]}       at least one holds
    {not = cond}              the sub-condition does not hold
    {q = "question_id", op = "eq", value = ...}

Operators: eq, ne, lt, le, gt, ge, in, not_in, contains, answered, unanswered.
An unanswered question makes every comparison false except ``unanswered`` and ``ne``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

OPERATORS = ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "contains", "answered", "unanswered")
NO_VALUE_OPS = ("answered", "unanswered")


def _ordered(a: Any, b: Any, test: Callable[[Any, Any], bool]) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    try:
        return test(a, b)
    except TypeError:
        return False


def _compare(op: str, actual: Any, expected: Any) -> bool:
    if op == "answered":
        return actual is not None
    if op == "unanswered":
        return actual is None
    if actual is None:
        return op == "ne"
    match op:
        case "eq":
            return actual == expected
        case "ne":
            return actual != expected
        case "lt":
            return _ordered(actual, expected, lambda a, b: a < b)
        case "le":
            return _ordered(actual, expected, lambda a, b: a <= b)
        case "gt":
            return _ordered(actual, expected, lambda a, b: a > b)
        case "ge":
            return _ordered(actual, expected, lambda a, b: a >= b)
        case "in":
            return actual in (expected or ())
        case "not_in":
            return actual not in (expected or ())
        case "contains":
            return isinstance(actual, list | tuple) and expected in actual
    return False


def evaluate(condition: Mapping[str, Any] | None, lookup: Mapping[str, Any] | Callable[[str], Any]) -> bool:
    """Evaluate a condition against answers. ``None`` (no condition) is true.

    Args:
        condition: the condition data.
        lookup: a mapping from question id to value, or a function returning the value
            (or ``None`` when unanswered) for a reference key.
    """
    if condition is None:
        return True
    get = lookup.get if isinstance(lookup, Mapping) else lookup
    if "all" in condition:
        return all(evaluate(c, get) for c in condition["all"])
    if "any" in condition:
        return any(evaluate(c, get) for c in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], get)
    return _compare(condition["op"], get(condition["q"]), condition.get("value"))


def references(condition: Mapping[str, Any] | None) -> Iterator[str]:
    """Every reference key a condition reads."""
    if not condition:
        return
    for key in ("all", "any"):
        for sub in condition.get(key, ()):
            yield from references(sub)
    if "not" in condition:
        yield from references(condition["not"])
    if "q" in condition:
        yield condition["q"]


def structure_problems(condition: Any, where: str) -> list[tuple[str, str]]:
    """Shape errors in a condition as (location, message) pairs (Norwegian messages)."""
    from boligvurdering.i18n import tr

    if not isinstance(condition, Mapping):
        return [(where, tr("en betingelse må være en tabell"))]
    keys = set(condition)
    if keys & {"all", "any"}:
        key = "all" if "all" in keys else "any"
        items = condition[key]
        if len(keys) != 1 or not isinstance(items, list) or not items:
            return [(where, tr("«{key}» må være en ikke-tom liste og stå alene", key=key))]
        problems: list[tuple[str, str]] = []
        for i, sub in enumerate(items):
            problems += structure_problems(sub, f"{where}.{key}[{i}]")
        return problems
    if keys == {"not"}:
        return structure_problems(condition["not"], f"{where}.not")
    if "q" not in keys or "op" not in keys:
        return [(where, tr("en sammenligning trenger «q» og «op»"))]
    if not isinstance(condition["q"], str):
        return [(where, tr("«q» må være en tekst"))]
    unknown = keys - {"q", "op", "value"}
    if unknown:
        return [(where, tr("ukjente nøkler: {keys}", keys=", ".join(sorted(unknown))))]
    op = condition["op"]
    if op not in OPERATORS:
        return [(where, tr("ukjent operator «{op}»", op=op))]
    if op not in NO_VALUE_OPS and "value" not in condition:
        return [(where, tr("operatoren «{op}» trenger «value»", op=op))]
    if op in ("in", "not_in") and not isinstance(condition.get("value"), list):
        return [(where, tr("«{op}» trenger en liste som «value»", op=op))]
    return []
