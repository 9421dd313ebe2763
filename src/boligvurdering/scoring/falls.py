"""Falls instruments: STEADI key questions, Stay Independent, TUG, 30-s chair stand,
4-stage balance and Short FES-I, each scored exactly as published."""

from __future__ import annotations

from boligvurdering.scoring.context import Visit, banded_sum, round_up
from boligvurdering.scoring.result import NOT_ASSESSED, InstrumentResult

SRC_STEADI = "STEADI"  # source: domain.enums.instrument_source
SRC_SI = "SI"  # source: domain.enums.instrument_source
SRC_TUG = "TUG"  # source: domain.enums.instrument_source
SRC_CST30 = "CST30"  # source: domain.enums.instrument_source
SRC_BAL4 = "BAL4"  # source: domain.enums.instrument_source
SRC_FESI = "FES-I-SHORT"  # source: domain.enums.instrument_source

STEADI_CODES = ("STEADI.FALLEN", "STEADI.UNSTEADY", "STEADI.WORRIES")
SI_CODES = tuple(f"SI.{i}" for i in range(1, 13))
FESI_CODES = tuple(f"FESI.{i}" for i in range(1, 8))
TUG_CUTOFF = 12.0
BAL4_CUTOFF = 10.0

# (lowest age, men, women) for the 30-second chair stand; 90-94 also used for 95+.
CST30_NORMS = ((60, 14, 12), (65, 12, 11), (70, 12, 10), (75, 11, 10),
               (80, 10, 9), (85, 8, 8), (90, 7, 4))


def _yes_points(visit: Visit, code: str, weight: int) -> int | None:
    value = visit.code(code)
    return None if value is None else (weight if value is True else 0)


def score_steadi(visit: Visit) -> InstrumentResult:
    """Any yes → positive; all three no → negative. Score = number of yes answers."""
    items = [(c, _yes_points(visit, c, 1), 1) for c in STEADI_CODES]
    return banded_sum(items, lambda s: "positive" if s >= 1 else "negative", SRC_STEADI)


def score_stay_independent(visit: Visit) -> InstrumentResult:
    """Items 1–2 score 2, items 3–12 score 1; 4 or more = at risk (0–14)."""
    items = [(c, _yes_points(visit, c, 2 if i < 2 else 1), 2 if i < 2 else 1)
             for i, c in enumerate(SI_CODES)]
    return banded_sum(items, lambda s: "at_risk" if s >= 4 else "low", SRC_SI)


def score_tug(visit: Visit) -> InstrumentResult:
    """Seconds; 12 s or more = increased fall risk."""
    seconds = visit.code("TUG.SECONDS")
    if seconds is None:
        return InstrumentResult(None, NOT_ASSESSED, ["TUG.SECONDS"], SRC_TUG)
    return InstrumentResult(seconds, "at_risk" if seconds >= TUG_CUTOFF else "low", [], SRC_TUG)


def cst30_norm(age: int | None, sex: str | None) -> int | None:
    """Published norm (lowest normal count) for age and sex, ``None`` if not defined."""
    if age is None or sex not in ("M", "F") or age < CST30_NORMS[0][0]:
        return None
    row = [r for r in CST30_NORMS if r[0] <= age][-1]
    return row[1] if sex == "M" else row[2]


def score_chair_stand(visit: Visit) -> InstrumentResult:
    """Count in 30 s (0 if arms were used) against the age/sex norm."""
    count, arms = visit.code("CST30.COUNT"), visit.code("CST30.ARMS_USED")
    norm = cst30_norm(visit.data.age, visit.data.sex)
    missing = [c for c, v in (("CST30.COUNT", count), ("CST30.ARMS_USED", arms)) if v is None]
    if visit.data.age is None:
        missing.append("CLIENT.AGE")
    if visit.data.sex not in ("M", "F"):
        missing.append("CLIENT.SEX")
    score = 0 if arms is True else (count if count is not None and arms is False else None)
    if score is None and count is not None and arms is None and norm is not None and count < norm:
        return InstrumentResult(None, "below_norm", missing, SRC_CST30)  # arms can only lower it
    if score is None or norm is None:
        return InstrumentResult(score, NOT_ASSESSED, missing, SRC_CST30)
    return InstrumentResult(score, "below_norm" if score < norm else "normal", missing, SRC_CST30)


def score_balance(visit: Visit) -> InstrumentResult:
    """Cannot hold tandem stance 10 s = increased risk. Score = seconds in tandem."""
    seconds, stage = visit.code("BAL4.TANDEM_SECONDS"), visit.code("BAL4.STAGE")
    if seconds is not None:
        return InstrumentResult(seconds, "at_risk" if seconds < BAL4_CUTOFF else "low", [], SRC_BAL4)
    if stage is not None:
        band = "at_risk" if int(stage) < 3 else "low"
        return InstrumentResult(None, band, ["BAL4.TANDEM_SECONDS"], SRC_BAL4)
    return InstrumentResult(None, NOT_ASSESSED, ["BAL4.TANDEM_SECONDS"], SRC_BAL4)


def fesi_band(total: int) -> str:
    """Delbaere 2010: low 7–8, moderate 9–13, high 14–28."""
    return "low" if total <= 8 else "moderate" if total <= 13 else "high"


def score_fesi(visit: Visit) -> InstrumentResult:
    """Sum 7–28; one missing item → sum ÷ 6 × 7 rounded up; more missing → no score."""
    points = {c: visit.points(c) for c in FESI_CODES}
    missing = [c for c, p in points.items() if p is None]
    known = sum(p for p in points.values() if p is not None)
    if len(missing) > 1:
        return InstrumentResult(None, NOT_ASSESSED, missing, SRC_FESI)
    total = known if not missing else round_up(known / 6 * 7)
    return InstrumentResult(total, fesi_band(total), missing, SRC_FESI)


def score_falls_instruments(visit: Visit) -> dict[str, InstrumentResult]:
    """All falls instruments by instrument id."""
    return {
        "STEADI": score_steadi(visit),
        "SI": score_stay_independent(visit),
        "TUG": score_tug(visit),
        "CST30": score_chair_stand(visit),
        "BAL4": score_balance(visit),
        "FES-I-SHORT": score_fesi(visit),
    }
