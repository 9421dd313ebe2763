"""Sealed values in the database: health answers and the household economy (``security/categories.py``).

The signed-in session's ``Sealer`` rides on every session (``Database.sealer`` → ``session.info``).
Without one (a context opened with the database key alone) nothing sealed can be opened: it reads
as ``HIDDEN``, and what is written stays as it is until the next sign-in seals it (:func:`seal_all`).
The household economy is read and written through :func:`get_household` / :func:`put_household` only.
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
from boligvurdering.store.extras import get_setting, put_setting
from boligvurdering.store.models import Answer, Setting
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
    """Settings key of a visit's household economy."""
    return f"household:{visit_id}"


def get_household(session: Session, visit_id: str) -> dict[str, Any] | Any | None:
    """The visit's household economy; ``None`` if none is stored, ``HIDDEN`` if this session may not open it."""
    value = get_setting(session, key=household_key(visit_id))
    if value is None or not is_sealed(value):
        return value
    s = sealer(session)
    return s.keyring.open(value, household_key(visit_id)) if s else HIDDEN


def put_household(session: Session, visit_id: str, value: dict[str, Any]) -> None:
    """Store the visit's household economy, sealed when the economy category has a key."""
    s = sealer(session)
    stored = s.keyring.seal(HOUSEHOLD, value, household_key(visit_id)) if s else value
    put_setting(session, key=household_key(visit_id), value=stored)


def seal_all(session: Session) -> int:
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
    settings = select(Setting).where(col(Setting.key).startswith("household:"))
    if HOUSEHOLD in ring.public:
        settings = settings.where(col(Setting.value_json).not_like(_current_prefix(ring, HOUSEHOLD)))
    for row in session.exec(settings).all():
        fresh = _resealed(ring, HOUSEHOLD, json.loads(row.value_json), row.key)
        if fresh is not None:
            row.value_json = json.dumps(fresh)
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
