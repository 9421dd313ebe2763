"""Fire: FIRE-7 (the legal minimum of § 7 in forskrift om brannforebygging), FIRE-ADVICE (the
recommendations: testing, alarm age, komfyrvakt) and the fire domain."""

from __future__ import annotations

from boligvurdering.domain.reasons import Reason
from boligvurdering.scoring.context import Visit
from boligvurdering.scoring.result import NOT_ASSESSED, DomainResult, InstrumentResult

SRC_FIRE7 = "FIRE-7"  # source: domain.enums.instrument_source
SRC_FIRE_ADVICE = "FIRE-ADVICE"  # source: domain.enums.instrument_source
COVERAGE = ("FIRE.ALARM_KITCHEN", "FIRE.ALARM_LIVING", "FIRE.ALARM_BEDROOMS")
MINIMUM_EQUIPMENT = ("hose", "powder", "foam_water")
Point = tuple[Reason, tuple[str, ...], bool | None]


def _legal_points(visit: Visit) -> list[Point]:
    """§ 7 of forskrift om brannforebygging: (failure reason, codes, passed or None if unanswered)."""
    cov = [visit.code(c) for c in COVERAGE]
    coverage = False if False in cov else (None if None in cov else True)
    kind, ok = visit.code("FIRE.EXTINGUISHER_TYPE"), visit.code("FIRE.EXTINGUISHER_OK")
    if kind is None:
        equipment = None
    elif kind not in MINIMUM_EQUIPMENT:
        equipment = False
    else:
        equipment = ok
    return [
        (Reason("fire.legal.every_floor"), ("FIRE.ALARM_EVERY_FLOOR",), visit.code("FIRE.ALARM_EVERY_FLOOR")),
        (Reason("fire.legal.coverage"), COVERAGE, coverage),
        (Reason("fire.legal.audible"), ("FIRE.ALARM_AUDIBLE",), visit.code("FIRE.ALARM_AUDIBLE")),
        (Reason("fire.legal.equipment"), ("FIRE.EXTINGUISHER_TYPE", "FIRE.EXTINGUISHER_OK"), equipment),
    ]


def _advice_points(visit: Visit) -> list[Point]:
    """Recommendations beyond the law: monthly test, alarms under 10 years, stove guard."""
    tested, age = visit.code("FIRE.ALARM_TESTED"), visit.code("FIRE.ALARM_AGE")
    return [
        (Reason("fire.advice.tested"), ("FIRE.ALARM_TESTED",), None if tested is None else tested == "last_month"),
        (Reason("fire.advice.age"), ("FIRE.ALARM_AGE",), None if age is None else age == "under_10"),
        (Reason("fire.advice.stove_guard"), ("FIRE.STOVE_GUARD",), visit.code("FIRE.STOVE_GUARD")),
    ]


def _score(visit: Visit, points: list[Point], source: str) -> tuple[InstrumentResult, list[Reason]]:
    failures, missing, passed = [], [], 0
    for reason, codes, ok in points:
        if ok is None:
            missing += [c for c in codes if visit.code(c) is None] or list(codes)
        elif ok:
            passed += 1
        else:
            failures.append(reason)
    score = passed if not missing else None
    band = "fail" if failures else ("pass" if not missing else NOT_ASSESSED)
    return InstrumentResult(score, band, missing, source), failures


def score_fire7(visit: Visit) -> tuple[InstrumentResult, list[Reason]]:
    """FIRE-7: the legal minimum of § 7 (four points; score = points passed when all are answered).

    Band ``fail`` as soon as one point fails (a legal shortfall: «brudd på § 7»), ``pass`` only
    when all four pass, otherwise ``not_assessed``. Returns the result and the failure reasons.
    """
    return _score(visit, _legal_points(visit), SRC_FIRE7)


def score_fire_advice(visit: Visit) -> tuple[InstrumentResult, list[Reason]]:
    """FIRE-ADVICE: the recommendations (three points), scored apart from the law; ``fail`` means
    a recommendation is not followed, never a breach."""
    return _score(visit, _advice_points(visit), SRC_FIRE_ADVICE)


_HIGH_FACTORS = (
    ("fire_smokes_in_bed", True, "fire.smokes_in_bed"),
    ("fire_alarm_every_floor", False, "fire.no_alarm_every_floor"),
)
_MODERATE_FACTORS = (
    ("fire_smokes", True, "fire.smokes"),
    ("fire_candles", "unattended", "fire.candles"),
    ("fire_heaters_overloaded", True, "fire.heaters"),
    ("fire_electrical_warning", True, "fire.electrical"),
    ("fire_leaves_stove", True, "fire.leaves_stove"),
    ("fire_hears_alarm", False, "fire.cannot_hear_alarm"),
    ("fire_can_escape_unaided", False, "fire.cannot_escape"),
    ("fire_escape_routes_clear", False, "fire.escape_blocked"),
    ("fire_oxygen", True, "fire.oxygen"),
)


def fire_domain(visit: Visit, fire7: InstrumentResult, failures: list[Reason], assessed: bool,
                advice: list[Reason] | None = None) -> DomainResult:
    """Level: high for the gravest factors, moderate for any § 7 shortfall, recommendation not
    followed or risk factor. Reasons say which are «brudd på § 7» and which are recommendations."""
    if not assessed:
        return DomainResult()
    high = visit.factors(_HIGH_FACTORS)
    moderate = visit.factors(_MODERATE_FACTORS)
    legal = [Reason("fire.breach", {"x": f}) for f in failures]
    advised = [Reason("fire.advice", {"x": f}) for f in advice or ()]
    reasons = list(dict.fromkeys(high + legal + advised + moderate))
    if high:
        return DomainResult("high", reasons)
    if reasons:
        return DomainResult("moderate", reasons)
    if fire7.band == "pass":
        return DomainResult("low", [Reason("fire.pass")])
    return DomainResult("low", [Reason("fire.none")])
