"""Which stored answers count: the one rule every consumer of answers goes through.

An answer is *active* when its question is visible: the question's ``visible_if`` and its
section's ``visible_if`` both hold, evaluated against the other **active** answers (visit-level
answers, plus the room's own answers for a room question). An inactive answer stays stored, so
it comes back when its condition turns true again, but it is never scored, reported, exported or
counted as progress (ODK's "non-relevant" fields behave the same way). See ``docs/FORMS.md``.

Visibility can chain (a follow-up of a follow-up), so the rule is applied until nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from boligvurdering.formsengine.conditions import evaluate
from boligvurdering.formsengine.model import FormRegistry, Question


def _lookup(registry: FormRegistry, answers: Mapping[str, Any]) -> Callable[[str], Any]:
    """Condition references may name a question id or an instrument code."""
    def get(key: str) -> Any:
        if key in answers:
            return answers[key]
        q = registry.resolve(key)
        return answers.get(q.id) if q is not None else None
    return get


def question_visible(registry: FormRegistry, question: Question, answers: Mapping[str, Any]) -> bool:
    """The question and its section are visible, given the answers in scope (already active)."""
    form = registry.form(question.form_id)
    section = next((s for s in form.sections if s.id == question.section_id), None) if form else None
    get = _lookup(registry, answers)
    if section is not None and section.visible_if and not evaluate(section.visible_if, get):
        return False
    return not question.visible_if or evaluate(question.visible_if, get)


def _settle(registry: FormRegistry, stored: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, Any]:
    """The stored answers that stay visible; ``base`` is the fixed context (visit answers for a room)."""
    active = dict(stored)
    for _ in range(len(stored) + 1):  # each pass can only drop answers, so this ends
        scope = {**base, **active}
        kept = {qid: v for qid, v in stored.items()
                if (q := registry.question(qid)) is None or question_visible(registry, q, scope)}
        if kept == active:
            break
        active = kept
    return active


def active_answers(registry: FormRegistry, visit_level: Mapping[str, Any],
                   per_room: Mapping[str, Mapping[str, Any]]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The answers that count: (visit-level answers, {room id: answers}) without hidden ones.

    Args:
        registry: the loaded forms (unknown question ids are kept as they are).
        visit_level: stored visit-level answers by question id.
        per_room: stored room answers by room id.
    """
    visit_active = _settle(registry, visit_level, {})
    return visit_active, {room: _settle(registry, answers, visit_active) for room, answers in per_room.items()}



def hidden_to_keep(registry: FormRegistry, stored: tuple[Mapping[str, Any], Mapping[str, Mapping[str, Any]]],
                   incoming: tuple[Mapping[str, Any], Mapping[str, Mapping[str, Any]]]) -> list[tuple[str | None, str, Any]]:
    """Stored answers an incoming visit leaves out only because they are hidden under its answers.

    An export leaves inactive answers out; importing it again must not delete them, or they could
    not come back when their condition turns true. Returns ``(room id or None, question id, value)``.
    """
    (stored_visit, stored_rooms), (new_visit, new_rooms) = stored, incoming
    out: list[tuple[str | None, str, Any]] = []
    scopes = [(None, stored_visit, dict(new_visit), new_visit)]
    scopes += [(room, stored_rooms.get(room, {}), {**new_visit, **answers}, answers) for room, answers in new_rooms.items()]
    for room, old, scope, new in scopes:
        for qid, value in old.items():
            q = registry.question(qid)
            if qid not in new and q is not None and not question_visible(registry, q, scope):
                out.append((room, qid, value))
    return out
