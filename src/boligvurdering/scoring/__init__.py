"""Pure-Python scoring of a visit: instruments, domain levels, housing checks, rules, follow-ups.

No Qt, no database, no ReportLab. See ``docs/FORMS.md`` and ``docs/CONTENT-IDS.md``.
"""

from boligvurdering.scoring.content import validate_scoring_files
from boligvurdering.scoring.engine import SCORING_VERSION, score_assessment
from boligvurdering.scoring.result import (
    CheckResult,
    DomainResult,
    FiredRule,
    FollowUp,
    InstrumentResult,
    ScoreResult,
)

__all__ = [
    "SCORING_VERSION", "CheckResult", "DomainResult", "FiredRule", "FollowUp", "InstrumentResult",
    "ScoreResult", "score_assessment", "validate_scoring_files",
]
