"""Falls and nutrition domain levels with reasons (codes, ``domain.reason_texts``) traceable to answers."""

from __future__ import annotations

from typing import Any

from boligvurdering.domain.reasons import Reason
from boligvurdering.scoring.context import Visit
from boligvurdering.scoring.falls import cst30_norm
from boligvurdering.scoring.result import DomainResult, InstrumentResult

_FALL_FACTORS = (
    ("falls_dizziness", True, "falls.dizziness"),
    ("falls_footwear", "loose", "falls.footwear_loose"),
    ("falls_footwear", "socks", "falls.footwear_socks"),
    ("falls_vision", "poor", "falls.vision"),
    ("falls_hearing", "poor", "falls.hearing"),
    ("falls_incontinence", True, "falls.incontinence"),
    ("falls_med_sleep_mood", True, "falls.medication"),
    ("falls_alcohol_frequency", "daily", "falls.alcohol_daily"),
)


def _falls_test_reasons(visit: Visit, ins: dict[str, InstrumentResult]) -> list[Reason]:
    reasons = []
    if ins["TUG"].band == "at_risk":
        reasons.append(Reason("falls.tug", {"s": ins["TUG"].score}))
    cst = ins["CST30"]
    if cst.band == "below_norm":
        norm = cst30_norm(visit.data.age, visit.data.sex)
        if cst.score is None:  # never «Reiste seg ? ganger»
            reasons.append(Reason("falls.cst30_below", {"norm": norm}))
        else:
            reasons.append(Reason("falls.cst30", {"n": cst.score, "norm": norm}))
    bal = ins["BAL4"]
    if bal.band == "at_risk":
        reasons.append(Reason("falls.tandem", {"s": bal.score}))
    return reasons


def falls_domain(visit: Visit, ins: dict[str, InstrumentResult], assessed: bool) -> DomainResult:
    """High: injurious or repeated falls, or screen positive with two failed tests.

    Moderate: screen positive, Stay Independent ≥ 4, a failed test, high fear of falling,
    or another risk factor. Low otherwise.
    """
    if not assessed:
        return DomainResult()
    count, injury = visit.answer("falls_fall_count"), visit.answer("falls_fall_injury")
    serious = []
    if injury is True:
        serious.append(Reason("falls.injury"))
    if isinstance(count, int) and count >= 2:
        serious.append(Reason("falls.count", {"n": count}))
    tests = _falls_test_reasons(visit, ins)
    screen = []
    repeated = isinstance(count, int) and count >= 2  # «Falt 2 ganger siste år» says it already
    if (visit.code("STEADI.FALLEN") is True or visit.code("SI.1") is True) and not repeated:
        screen.append(Reason("falls.fallen"))
    if visit.code("STEADI.UNSTEADY") is True:
        screen.append(Reason("falls.unsteady"))
    if visit.code("STEADI.WORRIES") is True:
        screen.append(Reason("falls.worries"))
    if ins["SI"].band == "at_risk":
        screen.append(Reason("falls.si", {"s": ins["SI"].score}))
    if ins["FES-I-SHORT"].band == "high":
        screen.append(Reason("falls.fesi_high", {"s": ins["FES-I-SHORT"].score}))
    factors = visit.factors(_FALL_FACTORS)
    reasons = serious + screen + tests + factors
    positive = ins["STEADI"].band == "positive"
    if serious or (positive and len(tests) >= 2):
        return DomainResult("high", reasons)
    if reasons:
        return DomainResult("moderate", reasons)
    return DomainResult("low", [Reason("falls.none")])


def nutrition_domain(ins: dict[str, InstrumentResult], derived: dict[str, Any], criteria: list[Reason],
                     assessed: bool) -> DomainResult:
    """High: moderate/severe undernutrition or MNA-SF malnourished. Moderate: MST/MNA-SF risk."""
    if not assessed:
        return DomainResult()
    degree = derived.get("undernutrition_degree")
    reasons = []
    if degree in ("moderate", "severe"):
        reasons.append(Reason(f"nutrition.{degree}", {"x": list(criteria)}))
    if ins["MNA-SF"].band == "malnourished":
        reasons.append(Reason("nutrition.mna_malnourished", {"s": ins["MNA-SF"].score}))
    high = bool(reasons)
    if ins["MST"].band == "at_risk":
        reasons.append(Reason("nutrition.mst_risk", {"s": ins["MST"].score}))
    if ins["MNA-SF"].band == "at_risk":
        reasons.append(Reason("nutrition.mna_risk", {"s": ins["MNA-SF"].score}))
    if high:
        return DomainResult("high", reasons)
    if reasons:
        return DomainResult("moderate", reasons)
    return DomainResult("low", [Reason("nutrition.none")])
