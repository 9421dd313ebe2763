"""Scoring a stored visit: live results, snapshots, and the case's risk and follow-up dates."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.enums import RiskLevel
from boligvurdering.domain.errors import AccessDenied
from boligvurdering.domain.reason_texts import render
from boligvurdering.domain.reasons import reason_to_text_column
from boligvurdering.i18n import tr
from boligvurdering.scoring import SCORING_VERSION, ScoreResult, score_assessment
from boligvurdering.scoring.display import display_json
from boligvurdering.services import audit
from boligvurdering.services.access import guard, require
from boligvurdering.services.answers import load_assessment
from boligvurdering.services.backlog import snapshot_facts
from boligvurdering.services.pipeline import refresh_next_due
from boligvurdering.store import answers as answer_repo
from boligvurdering.store import extras as extras_repo
from boligvurdering.store import figures as figures_repo
from boligvurdering.store import visits as visit_repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext



def highest_rank(result: ScoreResult) -> int:
    """0 not assessed, 1 low, 2 moderate, 3 high — the worst domain level."""
    return RiskLevel.highest_rank(d.level for d in result.domains.values())


class AssessmentService:
    """Scores are pure and fast; a snapshot records them with the scoring version."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def result(self, visit_id: str) -> ScoreResult:
        """The current typed result for a visit (nothing is written); reasons are codes."""
        require(self.ctx, "score.read")
        with self.ctx.db.transaction() as s:
            if answer_repo.hidden_answers(s, visit_id=visit_id):
                raise AccessDenied(tr("Helsesvarene i besøket er kryptert, og kontoen din har ikke nøkkelen til dem "
                                      "ennå, så resultatet kan ikke regnes ut. Be en teamleder eller administrator "
                                      "logge inn på denne maskinen."))
        return score_assessment(self.ctx.answers.assessment_data(visit_id), self.ctx.registry)

    def score(self, visit_id: str) -> dict[str, Any]:
        """The current result for a visit, reasons in words in the current language (``display_json``)."""
        return display_json(self.result(visit_id).to_json())

    def save_snapshot(self, visit_id: str) -> ScoreResult:
        """Score, store the snapshot (codes), and update the case's risk level and follow-up dates."""
        result = self.result(visit_id)
        with self.ctx.db.transaction() as s:
            self._store(s, visit_id, result)
        return result

    @guard("visit.write")
    def record_snapshot(self, s: Any, visit_id: str) -> ScoreResult | None:
        """The system's snapshot in the caller's transaction (a visit signed by the whole team).

        Scored from every active answer, whatever the signing member's role may read: the
        follow-up dates must not depend on who signed last. Nothing of it is shown to them.
        A signer whose account cannot open the sealed health answers keeps the last snapshot (``None``).
        """
        if answer_repo.hidden_answers(s, visit_id=visit_id):
            # sealed answers this account cannot open: scored by the next holder, not from half the answers
            audit.record(self.ctx, s, "score.snapshot_deferred", visit_id=visit_id)
            return None
        result = score_assessment(load_assessment(self.ctx, s, visit_id, role_filter=False), self.ctx.registry)
        self._store(s, visit_id, result)
        return result

    def _store(self, s: Any, visit_id: str, result: ScoreResult) -> None:
        """The snapshot and the follow-up rows hold reason codes, no language."""
        follow_ups = [(f.kind, f.due, reason_to_text_column(f.reason)) for f in result.follow_up]
        audit.record(self.ctx, s, "score.snapshot", visit_id=visit_id)
        snapshot = result.to_json()
        at = answer_repo.save_snapshot(s, visit_id=visit_id, scoring_version=SCORING_VERSION, result=snapshot)
        # write-through of the figures' per-case facts: the year's figures find nothing stale to parse
        figures_repo.put_stats(s, items=[(visit_id, at, snapshot_facts(snapshot))])
        extras_repo.replace_follow_ups(s, visit_id=visit_id, items=follow_ups)
        visit_repo.update_visit(s, visit_id=visit_id, risk_rank=highest_rank(result))
        refresh_next_due(s, visit_id)  # earliest open deadline: follow-ups, applications, reports

    def latest_snapshot(self, visit_id: str, language: str | None = None) -> dict[str, Any] | None:
        """The newest stored snapshot shown in ``language`` (the current one by default)."""
        require(self.ctx, "score.read")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "score.read", visit_id=visit_id)
            stored = answer_repo.latest_snapshot(s, visit_id=visit_id)
        if stored is None:
            return None
        from boligvurdering.scoring.engine import register_scoring_texts

        register_scoring_texts(self.ctx.registry)  # rule and check texts for a snapshot read before any scoring
        return display_json(stored, language)

    @guard("score.read")
    def follow_ups(self, visit_id: str) -> list[tuple[str, date, str, date | None]]:
        """Open and done follow-ups; the reason in words in the current language."""
        with self.ctx.db.transaction() as s:
            rows = extras_repo.follow_ups_of(s, visit_id=visit_id)
        return [(kind, due, render(reason), done) for kind, due, reason, done in rows]
