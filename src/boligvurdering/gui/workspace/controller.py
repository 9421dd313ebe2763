"""The logic of one open visit: answers cache, autosave, visibility, completion, live score.

No widgets here. Every answer is committed by ``ctx.answers.save`` the moment it is given;
the cache only mirrors what the database holds.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from boligvurdering.domain.enums import band_outcome
from boligvurdering.domain.errors import InvalidValue
from boligvurdering.i18n import tr
from boligvurdering.services import lives_alone
from boligvurdering.services.views import active_answers, check_questions, question_visible

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Completion:
    answered: int
    visible: int
    required_answered: int
    required: int

    @property
    def mark(self) -> str:
        if self.visible and self.answered >= self.visible:
            return "✓"
        return "◐" if self.answered else "○"

    def text(self) -> str:
        return f"{self.mark} {self.answered}/{self.visible}"

    def __add__(self, other: Completion) -> Completion:
        return Completion(self.answered + other.answered, self.visible + other.visible,
                          self.required_answered + other.required_answered, self.required + other.required)


NO_COMPLETION = Completion(0, 0, 0, 0)


class VisitController(QObject):
    """Owns the state of one visit in the workspace."""

    answer_saved = Signal(str, object)   # question id, room id (or None)
    scored = Signal(object)              # the score dict
    rooms_changed = Signal()
    error = Signal(str)

    def __init__(self, ctx: AppContext, visit_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.visit_id = ctx, visit_id
        self.registry = ctx.registry
        self.visit = ctx.visits.get(visit_id)
        self.visit_answers: dict[str, Any] = {}
        self.room_answers: dict[str, dict[str, Any]] = {}
        self.active: tuple[dict[str, Any], dict[str, dict[str, Any]]] = ({}, {})
        self.rooms: list[Any] = []
        self.score: dict[str, Any] = {}
        self.score_ms = 0.0
        self._check_question = check_questions()
        self.last_change: tuple[str, str | None, Any] | None = None  # for «Angre siste svar»
        self.reload()
        if lives_alone.reuse_on_visit(ctx, visit_id, self.value(lives_alone.QUESTION)) is not None:
            self.reload()  # «Bor alene» is on the client card: not asked again

    # reading --------------------------------------------------------------------------------
    def reload(self) -> None:
        # stored answers, hidden ones included: a hidden answer shows again when its condition holds
        self.visit_answers, self.room_answers = self.ctx.answers.stored_answers(self.visit_id)
        self.rooms = self.ctx.visits.rooms(self.visit_id)
        self.rescore()

    def active_for(self, room_id: str | None) -> dict[str, Any]:
        """The answers that count in a scope (the same rule as scoring and reports)."""
        visit_level, per_room = self.active
        return visit_level if room_id is None else per_room.get(room_id, {})

    def answers_for(self, room_id: str | None) -> dict[str, Any]:
        visit_level = self.active[0]
        return visit_level if room_id is None else {**visit_level, **self.active_for(room_id)}

    def value(self, question_id: str, room_id: str | None = None) -> Any:
        source = self.room_answers.get(room_id, {}) if room_id else self.visit_answers
        return source.get(question_id)

    def visible(self, question: Any, room_id: str | None = None) -> bool:
        return question_visible(self.registry, question, self.answers_for(room_id))

    def completion(self, section: Any, room_id: str | None = None) -> Completion:
        """Progress counts only visible questions and active answers."""
        answered = visible = req_answered = req = 0
        answers = self.active_for(room_id)
        for q in section.questions:
            if not self.visible(q, room_id):
                continue
            has = answers.get(q.id) is not None
            visible += 1
            answered += has
            if q.required:
                req += 1
                req_answered += has
        return Completion(answered, visible, req_answered, req)

    # writing --------------------------------------------------------------------------------
    def save(self, question_id: str, value: Any, room_id: str | None = None) -> Any:
        """Commit one answer now. Raises ``InvalidValue`` (the old answer stays)."""
        previous = self.value(question_id, room_id)
        stored = self.ctx.answers.save(self.visit_id, question_id, value, room_id=room_id)
        if stored != previous:
            self.last_change = (question_id, room_id, previous)
        if question_id == lives_alone.QUESTION and room_id is None:
            lives_alone.remember_on_card(self.ctx, self.visit_id, stored)
        target = self.room_answers.setdefault(room_id, {}) if room_id else self.visit_answers
        if stored is None:
            target.pop(question_id, None)
        else:
            target[question_id] = stored
        self.rescore()
        self.answer_saved.emit(question_id, room_id)
        return stored

    def undo_last(self) -> tuple[str, str | None] | None:
        """«Angre siste svar»: put the answer changed last back as it was (one level)."""
        if self.last_change is None:
            return None
        question_id, room_id, previous = self.last_change
        self.save(question_id, previous, room_id)
        self.last_change = None
        return question_id, room_id

    def refused_message(self, exc: InvalidValue, question_id: str, room_id: str | None) -> str:
        previous = self.value(question_id, room_id)
        if previous is None:
            return exc.message
        from boligvurdering.gui.workspace.question_row import display_value

        question = self.registry.question(question_id)
        return tr("{message} Forrige svar beholdes: {value}.", message=exc.message,
                  value=display_value(question, previous))

    def add_room(self, room_type: str, name: str = "") -> Any:
        room = self.ctx.visits.add_room(self.visit_id, room_type, name)
        self.rooms = self.ctx.visits.rooms(self.visit_id)
        self.rooms_changed.emit()
        return room

    def rename_room(self, room_id: str, name: str) -> None:
        self.ctx.visits.rename_room(room_id, name)
        self.rooms = self.ctx.visits.rooms(self.visit_id)
        self.rooms_changed.emit()

    def delete_room(self, room_id: str) -> None:
        self.ctx.visits.delete_room(room_id)
        self.room_answers.pop(room_id, None)
        self.rooms = self.ctx.visits.rooms(self.visit_id)
        self.rescore()
        self.rooms_changed.emit()

    # scoring --------------------------------------------------------------------------------
    def rescore(self) -> None:
        self.active = active_answers(self.registry, self.visit_answers, self.room_answers)
        start = time.perf_counter()
        try:
            self.score = live_score(self.ctx, self.visit_id)
        except Exception:
            log.exception("scoring failed")
            self.score = {}
        self.score_ms = (time.perf_counter() - start) * 1000
        self.scored.emit(self.score)

    def measurement_status(self, question: Any, room_id: str | None) -> tuple[str, str] | None:
        """(``pass``/``fail``/``warn``, text) for a number with a rule, from the live score."""
        if room_id is not None:
            for check in self.score.get("checks", []):
                if check.get("room_id") == room_id and self._check_question.get(check.get("id")) == question.id:
                    result = check.get("result")
                    if result == "pass":
                        return "pass", tr("✓ Oppfyller kravet ({req})", req=check.get("requirement", ""))
                    if result == "fail":
                        return "fail", tr("✗ Oppfyller ikke kravet ({req})", req=check.get("requirement", ""))
            return None
        if not question.code or self.value(question.id) is None:
            return None
        instrument = self.score.get("instruments", {}).get(question.code.split(".")[0])
        outcome = band_outcome(instrument.get("band")) if instrument else None
        if outcome == "bad":
            return "fail", tr("✗ Utenfor grensen ({rule})", rule=question.rule) if question.rule else tr("✗ Økt risiko")
        if outcome == "good":
            return "pass", tr("✓ Innenfor grensen ({rule})", rule=question.rule) if question.rule else tr("✓ Normal")
        return None


def live_score(ctx: AppContext, visit_id: str) -> dict[str, Any]:
    """The current score of a visit (the assessment service)."""
    return ctx.assessment.score(visit_id)
