"""Scoring a stored visit: live results, snapshots, and the case's risk and follow-up dates."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.enums import RiskLevel
from boligvurdering.domain.errors import AccessDenied
from boligvurdering.i18n import tr
from boligvurdering.scoring import SCORING_VERSION, score_assessment
from boligvurdering.services import audit
from boligvurdering.services.access import guard, require
from boligvurdering.services.pipeline import refresh_next_due
from boligvurdering.store import answers as answer_repo
from boligvurdering.store import extras as extras_repo
from boligvurdering.store import visits as visit_repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext



def highest_rank(result: dict[str, Any]) -> int:
    """0 not assessed, 1 low, 2 moderate, 3 high — the worst domain level."""
    return max((RiskLevel.rank_of(d.get("level")) for d in result.get("domains", {}).values()), default=0)


class AssessmentService:
    """Scores are pure and fast; a snapshot records them with the scoring version."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def score(self, visit_id: str) -> dict[str, Any]:
        """The current result for a visit (nothing is written)."""
        require(self.ctx, "score.read")
        with self.ctx.db.transaction() as s:
            if answer_repo.hidden_answers(s, visit_id=visit_id):
                raise AccessDenied(tr("Helsesvarene i besøket er kryptert, og kontoen din har ikke nøkkelen til dem "
                                      "ennå, så resultatet kan ikke regnes ut. Be en teamleder eller administrator "
                                      "logge inn på denne maskinen."))
        return score_assessment(self.ctx.answers.assessment_data(visit_id), self.ctx.registry).to_json()

    def save_snapshot(self, visit_id: str) -> dict[str, Any]:
        """Score, store the snapshot, and update the case's risk level and follow-up dates."""
        result = self.score(visit_id)
        with self.ctx.db.transaction() as s:
            self._store(s, visit_id, result)
        return result

    @guard("visit.write")
    def record_snapshot(self, s: Any, visit_id: str) -> dict[str, Any]:
        """The system's snapshot in the caller's transaction (a visit signed by the whole team).

        Scored from every active answer, whatever the signing member's role may read: the
        follow-up dates must not depend on who signed last. Nothing of it is shown to them.
        A signer whose account cannot open the sealed health answers keeps the last snapshot.
        """
        from boligvurdering.services.answers import load_assessment

        if answer_repo.hidden_answers(s, visit_id=visit_id):
            # sealed answers this account cannot open: scored by the next holder, not from half the answers
            audit.record(self.ctx, s, "score.snapshot_deferred", visit_id=visit_id)
            return answer_repo.latest_snapshot(s, visit_id=visit_id) or {}
        result = score_assessment(load_assessment(self.ctx, s, visit_id, role_filter=False), self.ctx.registry).to_json()
        self._store(s, visit_id, result)
        return result

    def _store(self, s: Any, visit_id: str, result: dict[str, Any]) -> None:
        follow_ups = [(f["kind"], date.fromisoformat(f["due"]), f.get("reason", "")) for f in result.get("follow_up", [])]
        audit.record(self.ctx, s, "score.snapshot", visit_id=visit_id)
        answer_repo.save_snapshot(s, visit_id=visit_id, scoring_version=SCORING_VERSION, result=result)
        extras_repo.replace_follow_ups(s, visit_id=visit_id, items=follow_ups)
        visit_repo.update_visit(s, visit_id=visit_id, risk_rank=highest_rank(result))
        refresh_next_due(s, visit_id)  # earliest open deadline: follow-ups, applications, reports

    def latest_snapshot(self, visit_id: str) -> dict[str, Any] | None:
        require(self.ctx, "score.read")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "score.read", visit_id=visit_id)
            return answer_repo.latest_snapshot(s, visit_id=visit_id)

    @guard("score.read")
    def follow_ups(self, visit_id: str) -> list[tuple[str, date, str, date | None]]:
        with self.ctx.db.transaction() as s:
            return extras_repo.follow_ups_of(s, visit_id=visit_id)
