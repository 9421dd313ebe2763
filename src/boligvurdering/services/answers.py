"""Saving answers one at a time (autosave) and reading a visit's assessment data."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.assessment import AssessmentData, RoomAnswers
from boligvurdering.domain.errors import InvalidValue, NotFound
from boligvurdering.formsengine.active import active_answers
from boligvurdering.i18n import tr
from boligvurdering.services import access, audit
from boligvurdering.services.access import guard
from boligvurdering.services.signoff import advance
from boligvurdering.store import answers as repo
from boligvurdering.store import clients as client_repo
from boligvurdering.store import visits as visit_repo

if TYPE_CHECKING:
    from boligvurdering.formsengine.model import Question
    from boligvurdering.services.context import AppContext


class AnswerService:
    """Each answer is validated and committed on its own: nothing waits for a save button."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def question(self, question_id: str) -> Question:
        q = self.ctx.registry.resolve(question_id)
        if q is None:
            raise InvalidValue(tr("Ukjent spørsmål «{q}».", q=question_id))
        return q

    @guard("visit.write")
    def save(self, visit_id: str, question_id: str, value: Any, room_id: str | None = None) -> Any:
        """Validate and commit one answer; ``None`` clears it. Returns the stored value.

        Raises:
            InvalidValue: the value is refused (message says why and the allowed range).
        """
        q = self.question(question_id)
        clean = None if value is None else q.validate(value)
        form = self.ctx.registry.form_of(q)
        access.require_answer_write(self.ctx, q.id)
        with self.ctx.db.transaction() as s:
            self._check_scope(s, visit_id, q, room_id)
            audit.record(self.ctx, s, *audit.answer_details(q.id, clean), visit_id=visit_id)
            if clean is None:
                repo.delete_answer(s, visit_id=visit_id, question_id=q.id, room_id=room_id, by=self.ctx.actor)
            else:
                assessment = repo.ensure_assessment(s, visit_id=visit_id, form_id=form.id,
                                                    form_version=form.version, form_hash=form.content_hash)
                repo.put_answer(s, visit_id=visit_id, assessment_id=assessment, question_id=q.id, value=clean,
                                room_id=room_id, unit=q.unit if q.type in ("measurement", "decimal") else None,
                                by=self.ctx.actor)
                advance(self.ctx, s, visit_id)  # planlagt → gjennomført once the date has come
        return clean

    def _check_scope(self, session: Any, visit_id: str, q: Question, room_id: str | None) -> None:
        if not visit_repo.visit_exists(session, visit_id=visit_id):
            raise NotFound(tr("Fant ikke besøket."))
        if q.room_scoped:
            room = visit_repo.get_room(session, room_id=room_id) if room_id else None
            if room is None or room.visit_id != str(visit_id):
                raise InvalidValue(tr("Spørsmålet gjelder et rom; velg rommet først."))
            if "*" not in q.room_types and room.type not in q.room_types:
                raise InvalidValue(tr("Spørsmålet hører ikke til denne romtypen."))
        elif room_id:
            raise InvalidValue(tr("Spørsmålet gjelder hele besøket, ikke ett rom."))

    @guard("visit.read")
    def answers(self, visit_id: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """The answers that count (hidden ones left out), only the forms the signed-in role may read.

        Returns:
            (visit-level answers, {room_id: answers}).
        """
        return active_answers(self.ctx.registry, *self.stored_answers(visit_id))

    @guard("visit.read")
    def stored_answers(self, visit_id: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """Every stored answer, hidden (inactive) ones included: for showing them again in the form."""
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "answers.read", visit_id=visit_id, details={"forms": sorted(access.readable_domains(self.ctx))})
            return access.filter_answers(self.ctx, *repo.answers_of(s, visit_id=visit_id))

    @guard("visit.read")
    def assessment_data(self, visit_id: str) -> AssessmentData:
        """Answers plus the client facts scoring needs (age and sex from the client record)."""
        with self.ctx.db.transaction() as s:
            data = load_assessment(self.ctx, s, visit_id, role_filter=True)
            audit.record(self.ctx, s, "answers.read", visit_id=visit_id, details={"forms": sorted(access.readable_domains(self.ctx))})
        return data


def load_assessment(ctx: AppContext, s: Any, visit_id: str, *, role_filter: bool) -> AssessmentData:
    """Scoring input read in the caller's transaction: the active answers and the client facts.

    Args:
        role_filter: leave out the forms the signed-in role may not read (what a person sees);
            ``False`` only for what the system records itself (the snapshot when a visit is signed).
    """
    visit = visit_repo.get_visit(s, visit_id=visit_id)
    if visit is None:
        raise NotFound(tr("Fant ikke besøket."))
    client = client_repo.get_client(s, client_id=visit.client_id)
    stored = repo.answers_of(s, visit_id=visit_id)
    visit_answers, per_room = active_answers(ctx.registry, *(access.filter_answers(ctx, *stored) if role_filter else stored))
    rooms = visit_repo.rooms_of(s, visit_id=visit_id)
    day = visit.visit_date or date.today()
    return AssessmentData(
        answers=visit_answers,
        rooms=tuple(RoomAnswers(r.id, r.type, r.name, per_room.get(r.id, {})) for r in rooms),
        age=client.age_on(day) if client else None,
        sex=client.sex if client else None,
        visit_date=day,
        lives_alone=client.lives_alone if client else None,
    )
