"""Limits on an exchange document, checked before anything else looks at it.

Size, nesting depth, number of values, string lengths, integer range, finite numbers,
text that is valid Unicode (no lone surrogates) and how many rooms, measures, photos,
answers and team members one visit may have. The walk is iterative, so no input can
exhaust the stack. ``None`` is refused where a list or an object is expected: a file must
leave a part out to keep it unchanged, never null it.
"""

from __future__ import annotations

import json
import math
from typing import Any

from boligvurdering.domain.errors import Problem, ValidationFailed
from boligvurdering.i18n import tr

MAX_FILE_BYTES = 64 * 1024 * 1024  # photos travel inside the file
MAX_DEPTH = 10
MAX_VALUES = 100_000
MAX_STRING = 10_000
MAX_PHOTO_DATA = 20 * 1024 * 1024  # base64 characters, ≈ 15 MB of JPEG
MAX_INT = 2**53  # what every JSON reader and the team server's database keep exactly
MAX_INT_DIGITS = 20
MAX_PROBLEMS = 50
#: list or object → most entries one visit may have
COUNTS = {"rooms": 100, "measures": 300, "photos": 200, "answers": 2000, "team": 30}
NOT_NULL = ("answers", "rooms", "measures", "photos")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(text[:10])
    return int(text)


def _no_constant(name: str) -> float:
    raise ValueError(name)


def decode(raw: bytes) -> Any:
    """``json.loads`` that refuses NaN/Infinity and integers too long to convert (never a crash)."""
    return json.loads(raw.decode("utf-8"), parse_int=_bounded_int, parse_constant=_no_constant)


def _leaf_problem(value: Any, path: str) -> str | None:
    if isinstance(value, str):
        limit = MAX_PHOTO_DATA if path.startswith("photos[") and path.endswith(".data") else MAX_STRING
        if len(value) > limit:
            return tr("teksten er for lang (høyst {n} tegn)", n=limit)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return tr("teksten inneholder ugyldige tegn (enslige surrogater)")
    elif isinstance(value, bool) or value is None:
        return None
    elif isinstance(value, int) and abs(value) >= MAX_INT:
        return tr("tallet er for stort (høyst {n})", n=MAX_INT - 1)
    elif isinstance(value, float) and not math.isfinite(value):
        return tr("tallet må være endelig")
    elif not isinstance(value, int | float):
        return tr("ukjent verditype")
    return None


def _container_problem(node: Any, path: str, depth: int) -> str | None:
    if depth > MAX_DEPTH:
        return tr("for dyp nesting (høyst {n} nivåer)", n=MAX_DEPTH)
    limit = COUNTS.get(path.rsplit(".", 1)[-1].split("[")[0])
    if limit is not None and len(node) > limit:
        return tr("for mange oppføringer ({n}, høyst {m})", n=len(node), m=limit)
    if isinstance(node, dict) and any(not isinstance(k, str) or len(k) > 200 for k in node):
        return tr("ugyldig feltnavn")
    return None


def _walk(document: Any) -> list[Problem]:
    problems: list[Problem] = []
    stack: list[tuple[Any, str, int]] = [(document, "", 0)]
    seen = 0
    while stack and len(problems) < MAX_PROBLEMS:
        node, path, depth = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            return [*problems, Problem("", tr("filen har for mange verdier (høyst {n})", n=MAX_VALUES))]
        if not isinstance(node, dict | list):
            message = _leaf_problem(node, path)
        else:
            message = _container_problem(node, path, depth)
            if message is None and isinstance(node, dict):
                stack.extend((child, f"{path}.{k}" if path else k, depth + 1) for k, child in node.items())
            elif message is None:
                stack.extend((child, f"{path}[{i}]", depth + 1) for i, child in enumerate(node))
        if message:
            problems.append(Problem(path, message))
    return problems


def check_document(document: Any) -> None:
    """Raise ``ValidationFailed`` when the document breaks a limit (nothing is parsed further)."""
    problems = []
    if isinstance(document, dict):
        problems = [Problem(key, tr("null er ikke tillatt; utelat feltet for å beholde det som er lagret"))
                    for key in NOT_NULL if key in document and document[key] is None]
        listed = document.get("rooms")
        rooms = listed if isinstance(listed, list) else []
        problems += [Problem(f"rooms[{i}].answers", tr("null er ikke tillatt; utelat feltet for å beholde det som er lagret"))
                     for i, room in enumerate(rooms) if isinstance(room, dict) and "answers" in room and room["answers"] is None]
    problems += _walk(document)
    if problems:
        raise ValidationFailed(problems[:MAX_PROBLEMS], tr("Besøksfilen er avvist, ingenting er lagret"))
