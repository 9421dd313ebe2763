"""Sealed values in the database: health answers and the household economy (``security/categories.py``).

The signed-in session's ``Sealer`` rides on every session (``Database.sealer`` → ``session.info``).
Without one (a context opened with the database key alone) nothing sealed can be opened: it reads
as ``HIDDEN``, and what is written stays as it is until the next sign-in seals it (:func:`seal_all`).
The household economy is sealed and opened here for ``store/household.py`` (its one get/put pair).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from boligvurdering.security.categories import (
    HIDDEN,
    MARKER,
    PREFIX,
    Keyring,
    is_sealed,
    token_category,
)
from boligvurdering.store.models import Answer
from boligvurdering.store.util import as_uuid

HOUSEHOLD = "economy"


@dataclass
class Sealer:
    keyring: Keyring
    #: question id → its category (``"health"``) or ``None`` (kept in the clear)
    question_category: Callable[[str], str | None]
    #: the questions kept in the clear (lets :func:`seal_all` skip them in SQL)
    plain_questions: frozenset[str] = frozenset()


def sealer(session: Session) -> Sealer | None:
    return session.info.get("sealer")


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def answer_row(visit_id: Any, question_id: str, scope: str) -> str:
    return f"answer/{as_uuid(visit_id)}/{question_id}/{scope or ''}"


def encode_answer(session: Session, visit_id: Any, question_id: str, scope: str, value: Any) -> tuple[str, float | None]:
    """(value_json, num_value) to store: sealed (no number beside it) when the question's category has a key."""
    s = sealer(session)
    category = s.question_category(question_id) if s else None
    if s is not None and category in s.keyring.public:
        return json.dumps(s.keyring.seal(category, value, answer_row(visit_id, question_id, scope))), None
    return json.dumps(value, ensure_ascii=False), _num(value)


def decode_answer(session: Session, visit_id: Any, question_id: str, scope: str, encoded: str) -> Any:
    """The stored answer, or ``HIDDEN`` when it is sealed and this session holds no key for it."""
    value = json.loads(encoded)
    if not is_sealed(value):
        return value
    s = sealer(session)
    return s.keyring.open(value, answer_row(visit_id, question_id, scope)) if s else HIDDEN


def household_key(visit_id: str) -> str:
    """What a sealed household is bound to (its visit)."""
    return f"household:{visit_id}"


def open_household(session: Session, visit_id: str, value: Any) -> Any:
    """A sealed household opened, or ``HIDDEN`` when this session holds no key for it."""
    s = sealer(session)
    return s.keyring.open(value, household_key(visit_id)) if s else HIDDEN


def seal_household(session: Session, visit_id: str, values: dict[str, Any]) -> dict[str, Any] | None:
    """The household sealed when this session has the economy category's key, else ``None`` (kept in the clear)."""
    s = sealer(session)
    if s is None or HOUSEHOLD not in s.keyring.public:
        return None
    sealed: dict[str, Any] = s.keyring.seal(HOUSEHOLD, values, household_key(visit_id))
    return sealed


def household_resealer(session: Session) -> Callable[[Any, str], Any | None] | None:
    """For ``store/household.reseal``: value, visit id → the value sealed under the current key, or ``None``
    when it already is (or cannot be opened here)."""
    s = sealer(session)
    if s is None:
        return None
    ring = s.keyring
    return lambda value, visit_id: _resealed(ring, HOUSEHOLD, value, household_key(visit_id))


def seal_answers(session: Session) -> int:
    """Seal what is still in the clear (rows from before category keys, or written without a key) and
    re-seal what an older key id holds and this session can open (after a rotation or a restore).

    Returns how many rows changed. Values are unchanged, so nothing is marked for the team server.
    """
    s = sealer(session)
    if s is None:
        return 0
    ring, n = s.keyring, 0
    answers = select(Answer.id, Answer.visit_id, Answer.question_id, Answer.scope, Answer.value_json)
    if "health" in ring.public:  # only rows not yet under the current key: a sign-in reads no more than it must
        answers = answers.where(col(Answer.value_json).not_like(_current_prefix(ring, "health")))
    if s.plain_questions:
        answers = answers.where(col(Answer.question_id).not_in(sorted(s.plain_questions)))
    for rid, vid, qid, scope, encoded in session.exec(answers).all():
        fresh = _resealed(ring, s.question_category(qid), json.loads(encoded), answer_row(vid, qid, scope))
        if fresh is not None:
            session.execute(update(Answer).where(col(Answer.id) == rid).values(value_json=json.dumps(fresh),
                                                                                 num_value=None))
            n += 1
    session.flush()
    return n


def _current_prefix(ring: Keyring, category: str) -> str:
    """How a value sealed under the category's current key starts (a LIKE pattern)."""
    return json.dumps({MARKER: f"{PREFIX}:{category}:{ring.current_id(category)}:"})[:-2] + "%"


def _resealed(ring: Keyring, category: str | None, value: Any, row: str) -> Any | None:
    if category is None or category not in ring.public:
        return None
    where = token_category(value)
    if where is None:
        return None if is_sealed(value) else ring.seal(category, value, row)
    if where[1] == ring.current_id(category):
        return None
    plain = ring.open(value, row)
    return None if plain is HIDDEN else ring.seal(category, plain, row)
