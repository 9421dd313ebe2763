"""Nutrition: MST, MNA®-SF, BMI, weight loss and degree of undernutrition (IS-1580)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from boligvurdering.domain.reasons import Reason
from boligvurdering.scoring.context import Visit, banded_sum
from boligvurdering.scoring.result import NOT_ASSESSED, InstrumentResult

SRC_MST = "MST"  # source: domain.enums.instrument_source
SRC_MNA = "MNA-SF"  # source: domain.enums.instrument_source
MNA_ITEMS = ("MNA-SF.A", "MNA-SF.B", "MNA-SF.C", "MNA-SF.D", "MNA-SF.E")
INTAKE_SEVERE = ("lt_25",)
INTAKE_MODERATE = ("25_50",)


def bmi(visit: Visit) -> float | None:
    """BMI rounded to one decimal (as displayed and banded), ``None`` if height/weight missing."""
    height, weight = visit.code("BODY.HEIGHT_CM"), visit.code("BODY.WEIGHT_KG")
    if not height or not weight:
        return None
    return float(round(weight / (height / 100) ** 2, 1))


def loss_percent(visit: Visit, earlier_code: str) -> float | None:
    """Weight loss in percent since an earlier weight (negative = gain), one decimal."""
    now, before = visit.code("BODY.WEIGHT_KG"), visit.code(earlier_code)
    if not now or not before:
        return None
    return float(round((before - now) / before * 100, 1))


def score_mst(visit: Visit) -> InstrumentResult:
    """Weight-loss points + appetite points; 2 or more = at risk."""
    items = [(c, visit.points(c), visit.max_points(c)) for c in ("MST.WEIGHT_LOSS", "MST.APPETITE")]
    return banded_sum(items, lambda s: "at_risk" if s >= 2 else "low", SRC_MST)


def mna_f1(value: float) -> int:
    """MNA-SF F1 points from BMI: < 19: 0, 19–< 21: 1, 21–< 23: 2, ≥ 23: 3."""
    return 0 if value < 19 else 1 if value < 21 else 2 if value < 23 else 3


def mna_band(total: int) -> str:
    """12–14 normal, 8–11 at risk, 0–7 malnourished."""
    return "normal" if total >= 12 else "at_risk" if total >= 8 else "malnourished"


def score_mna_sf(visit: Visit, bmi_value: float | None) -> InstrumentResult:
    """A–E plus F1 (BMI) or, only when there is no BMI, F2 (calf circumference)."""
    items: list[tuple[str, int | None, int]] = [(c, visit.points(c), visit.max_points(c)) for c in MNA_ITEMS]
    if bmi_value is not None:
        items.append(("MNA-SF.F1", mna_f1(bmi_value), 3))
    else:
        calf = visit.code("MNA-SF.F2")
        items.append(("MNA-SF.F2", None if calf is None else (3 if calf >= 31 else 0), 3))
    result = banded_sum(items, mna_band, SRC_MNA)
    if bmi_value is None and "MNA-SF.F2" in result.missing:
        result = replace(result, missing=[m for m in result.missing if m != "MNA-SF.F2"] + [
            "BODY.HEIGHT_CM", "BODY.WEIGHT_KG", "MNA-SF.F2"])
    return result


def _thresholds(age: int | None) -> dict[str, float]:
    """BMI limits for undernutrition; the stricter set applies above 70 years."""
    if age is not None and age > 70:
        return {"sev_bmi": 18.5, "sev_bmi_loss": 20, "mod_bmi": 20, "mod_bmi_loss": 22}
    return {"sev_bmi": 16, "sev_bmi_loss": 18.5, "mod_bmi": 18.5, "mod_bmi_loss": 20}


def undernutrition(visit: Visit, bmi_value: float | None, loss: float | None,
                   loss_1m: float | None) -> tuple[str | None, list[Reason]]:
    """Degree by Helsedirektoratet's criteria (any one criterion) and the criteria met.

    ``loss`` is the loss since 3–6 months ago, ``loss_1m`` since about one month ago. Loss over
    3–6 months also stands in for the "> 5 % in 3/6 months" combinations with BMI.
    Returns (None, []) when no criterion can be evaluated.
    """
    intake = visit.code("NUTR.INTAKE")
    if bmi_value is None and loss is None and loss_1m is None and intake is None:
        return None, []
    t = _thresholds(visit.data.age)
    severe = _criteria([
        (loss is not None and loss > 15, Reason("nutrition.loss_15")),
        (loss_1m is not None and loss_1m > 5, Reason("nutrition.loss_5_month")),
        (bmi_value is not None and bmi_value < t["sev_bmi"], Reason("nutrition.bmi_under", {"v": t["sev_bmi"]})),
        (bmi_value is not None and loss is not None and bmi_value < t["sev_bmi_loss"] and loss > 5,
         Reason("nutrition.bmi_loss", {"v": t["sev_bmi_loss"]})),
        (intake in INTAKE_SEVERE, Reason("nutrition.intake_quarter")),
    ])
    if severe:
        return "severe", severe
    moderate = _criteria([
        (loss is not None and loss > 10, Reason("nutrition.loss_10")),
        (bmi_value is not None and bmi_value < t["mod_bmi"], Reason("nutrition.bmi_under", {"v": t["mod_bmi"]})),
        (bmi_value is not None and loss is not None and bmi_value < t["mod_bmi_loss"] and loss > 5,
         Reason("nutrition.bmi_loss", {"v": t["mod_bmi_loss"]})),
        (intake in INTAKE_MODERATE, Reason("nutrition.intake_half")),
    ])
    return ("moderate", moderate) if moderate else ("none", [])


def _criteria(pairs: list[tuple[bool, Reason]]) -> list[Reason]:
    return [reason for met, reason in pairs if met]


def score_nutrition(visit: Visit) -> tuple[dict[str, InstrumentResult], dict[str, Any], list[Reason]]:
    """Nutrition instruments, derived values and the undernutrition criteria met."""
    bmi_value = bmi(visit)
    loss = loss_percent(visit, "BODY.WEIGHT_3_6M_KG")
    degree, criteria = undernutrition(visit, bmi_value, loss, loss_percent(visit, "BODY.WEIGHT_1M_KG"))
    instruments = {"MST": score_mst(visit), "MNA-SF": score_mna_sf(visit, bmi_value)}
    derived = {"bmi": bmi_value, "weight_loss_percent": loss, "undernutrition_degree": degree}
    return instruments, derived, criteria


__all__ = ["NOT_ASSESSED", "bmi", "loss_percent", "mna_band", "mna_f1", "score_mna_sf", "score_mst",
           "score_nutrition", "undernutrition"]
