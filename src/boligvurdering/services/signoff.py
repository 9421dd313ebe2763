"""Sign-off as the signed-in user, what is missing first, and the status moves that follow.

Status moves by what happens (``advance``): a planned visit whose date has come and that has
answers becomes «Gjennomført»; a completed visit whose whole team has signed becomes «Signert»
(and its score snapshot fixes the follow-up dates). Each move is audited by
``pipeline.change_status``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.enums import VisitStatus
from boligvurdering.domain.errors import InvalidValue, NotFound, Problem, ValidationFailed, found
from boligvurdering.domain.records import VisitRecord
from boligvurdering.formsengine.active import active_answers, question_visible
from boligvurdering.i18n import tr
from boligvurdering.services import audit
from boligvurdering.services.access import require
from boligvurdering.services.pipeline import change_status, refresh_next_due
from boligvurdering.store import answers as answer_repo
from boligvurdering.store import visits as repo
from boligvurdering.store.db import Session

if TYPE_CHECKING:
    from boligvurdering.formsengine.model import FormRegistry
    from boligvurdering.services.context import AppContext

S = VisitStatus
CONSENT_QUESTION = "opening_consent_visit"


def missing_items(registry: FormRegistry, visit: VisitRecord, stored: tuple[dict[str, Any], dict[str, dict[str, Any]]], today: date) -> list[str]:
    """What stops a sign-off, in Norwegian (empty when the visit may be signed)."""
    out: list[str] = []
    if visit.visit_date is None:
        out.append(tr("Besøket har ingen besøksdato."))
    elif visit.visit_date > today:
        out.append(tr("Besøksdatoen {d} er ikke kommet ennå.", d=visit.visit_date.strftime("%d.%m.%Y")))
    answers, _rooms = active_answers(registry, *stored)
    if answers.get(CONSENT_QUESTION) is not True:
        out.append(tr("Samtykke til besøket er ikke registrert."))
    for section in registry.visit_sections():
        unanswered = [q for q in section.questions if q.required and q.id != CONSENT_QUESTION
                      and answers.get(q.id) is None and question_visible(registry, q, answers)]
        if unanswered:
            out.append(tr("Påkrevde spørsmål er ikke besvart i «{s}» ({n}).", s=section.title, n=len(unanswered)))
    return out


def advance(ctx: AppContext, s: Session, visit_id: str, today: date | None = None) -> str | None:
    """Apply the automatic status moves in the caller's transaction; returns the new status if moved."""
    today = today or date.today()
    visit = repo.get_visit(s, visit_id=visit_id)
    moved = None
    if (visit is not None and visit.status == S.PLANLAGT and visit.visit_date is not None
            and visit.visit_date <= today and any(answer_repo.answers_of(s, visit_id=visit_id))):
        change_status(ctx, s, visit_id, S.GJENNOMFORT, tr("besøksdatoen er nådd og svar er registrert"))
        moved, visit = S.GJENNOMFORT.value, repo.get_visit(s, visit_id=visit_id)
    if (visit is not None and visit.status == S.GJENNOMFORT and visit.members
            and all(m.signed_at is not None for m in visit.members)):
        change_status(ctx, s, visit_id, S.SIGNERT, tr("alle i teamet har signert"))
        moved = S.SIGNERT.value
    if moved:
        refresh_next_due(s, visit_id)
    return moved


class SignoffService:
    """Each member signs as themselves; refused while something is missing."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def missing(self, visit_id: str, today: date | None = None) -> list[str]:
        """What must be fixed before the visit can be signed (Norwegian sentences)."""
        require(self.ctx, "visit.read")
        with self.ctx.db.transaction() as s:
            visit = repo.get_visit(s, visit_id=visit_id)
            if visit is None:
                raise NotFound(tr("Fant ikke besøket."))
            stored = answer_repo.answers_of(s, visit_id=visit_id)
        return missing_items(self.ctx.registry, visit, stored, today or date.today())

    def sign(self, visit_id: str, signed: bool = True, today: date | None = None) -> VisitRecord:
        """Sign (or withdraw) the signed-in user's part; the whole team signed → «Signert».

        Raises:
            InvalidValue: the signed-in user is not on the team.
            ValidationFailed: something is missing (each item listed).
        """
        require(self.ctx, "visit.write")
        today = today or date.today()
        mine = self.ctx.team.me()
        if signed:
            problems = self.missing(visit_id, today)
            if problems:
                raise ValidationFailed([Problem("signoff", p) for p in problems],
                                       tr("Besøket kan ikke signeres ennå"))
        with self.ctx.db.transaction() as s:
            if mine is None or mine.id not in {m.member.id for m in found(repo.get_visit(s, visit_id=visit_id), tr("Fant ikke besøket.")).members}:
                raise InvalidValue(tr("Du er ikke med i teamet for dette besøket. Legg deg til i teamet først."))
            audit.record(self.ctx, s, "visit.sign", visit_id=visit_id, details={"member": mine.id, "signed": signed})
            repo.sign(s, visit_id=visit_id, member_id=mine.id, signed=signed)
            if advance(self.ctx, s, visit_id, today) == S.SIGNERT:
                self.ctx.assessment.record_snapshot(s, visit_id)  # follow-up dates from scoring
        return self.ctx.visits.get(visit_id)
