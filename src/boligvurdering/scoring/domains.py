"""Falls and nutrition domain levels with plain-Norwegian reasons traceable to answers."""

from __future__ import annotations

from typing import Any

from boligvurdering.domain.formatting import format_number
from boligvurdering.i18n import tr
from boligvurdering.scoring.context import Visit
from boligvurdering.scoring.falls import cst30_norm
from boligvurdering.scoring.result import DomainResult, InstrumentResult

_FALL_FACTORS = (
    ("falls_dizziness", True, "Blir svimmel"),
    ("falls_footwear", "loose", "Løse tøfler eller sko uten hælkappe"),
    ("falls_footwear", "socks", "Går i sokker eller barbeint"),
    ("falls_vision", "poor", "Dårlig syn"),
    ("falls_hearing", "poor", "Dårlig hørsel"),
    ("falls_incontinence", True, "Lekkasje eller må skynde seg på toalettet"),
    ("falls_med_sleep_mood", True, "Bruker sove-, beroligende eller depresjonsmedisin"),
    ("falls_alcohol_frequency", "daily", "Drikker alkohol nesten daglig"),
)


def _falls_test_reasons(visit: Visit, ins: dict[str, InstrumentResult]) -> list[str]:
    reasons = []
    if ins["TUG"].band == "at_risk":
        reasons.append(tr("TUG {s} s (≥ 12 s)", s=format_number(ins["TUG"].score)))
    cst = ins["CST30"]
    if cst.band == "below_norm":
        norm = cst30_norm(visit.data.age, visit.data.sex)
        if cst.score is None:  # never «Reiste seg ? ganger»
            reasons.append(tr("Under normen i 30 s reise-seg-test (norm {norm})", norm=norm))
        else:
            reasons.append(tr("Reiste seg {n} ganger på 30 s (norm {norm})", n=format_number(cst.score), norm=norm))
    bal = ins["BAL4"]
    if bal.band == "at_risk":
        held = "" if bal.score is None else tr(" ({s} s)", s=format_number(bal.score))
        reasons.append(tr("Holdt ikke tandemstilling i 10 s{held}", held=held))
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
        serious.append(tr("Skadet seg ved fall siste år"))
    if isinstance(count, int) and count >= 2:
        serious.append(tr("Falt {n} ganger siste år", n=count))
    tests = _falls_test_reasons(visit, ins)
    screen = []
    repeated = isinstance(count, int) and count >= 2  # «Falt 2 ganger siste år» says it already
    if (visit.code("STEADI.FALLEN") is True or visit.code("SI.1") is True) and not repeated:
        screen.append(tr("Falt siste år"))
    if visit.code("STEADI.UNSTEADY") is True:
        screen.append(tr("Føler seg ustø"))
    if visit.code("STEADI.WORRIES") is True:
        screen.append(tr("Bekymret for å falle"))
    if ins["SI"].band == "at_risk":
        score = ins["SI"].score
        screen.append(tr("Stay Independent {s} poeng (≥ 4)", s="≥ 4" if score is None else score))
    if ins["FES-I-SHORT"].band == "high":
        screen.append(tr("Stor bekymring for å falle (Short FES-I {s})", s=ins["FES-I-SHORT"].score))
    factors = visit.factors(_FALL_FACTORS)
    reasons = serious + screen + tests + factors
    positive = ins["STEADI"].band == "positive"
    if serious or (positive and len(tests) >= 2):
        return DomainResult("high", reasons)
    if reasons:
        return DomainResult("moderate", reasons)
    return DomainResult("low", [tr("Ingen tegn til økt fallrisiko blant besvarte spørsmål")])


def nutrition_domain(ins: dict[str, InstrumentResult], derived: dict[str, Any], criteria: list[str],
                     assessed: bool) -> DomainResult:
    """High: moderate/severe undernutrition or MNA-SF malnourished. Moderate: MST/MNA-SF risk."""
    if not assessed:
        return DomainResult()
    degree = derived.get("undernutrition_degree")
    reasons = []
    if degree in ("moderate", "severe"):
        label = tr("Alvorlig underernæring") if degree == "severe" else tr("Moderat underernæring")
        reasons.append(f"{label}: {', '.join(criteria)}")
    if ins["MNA-SF"].band == "malnourished":
        reasons.append(tr("MNA-SF {s} poeng: underernært (0–7)", s=_score(ins["MNA-SF"])))
    high = bool(reasons)
    if ins["MST"].band == "at_risk":
        reasons.append(tr("MST {s} poeng (≥ 2): risiko for underernæring", s=_score(ins["MST"])))
    if ins["MNA-SF"].band == "at_risk":
        reasons.append(tr("MNA-SF {s} poeng: risiko for underernæring (8–11)", s=_score(ins["MNA-SF"])))
    if high:
        return DomainResult("high", reasons)
    if reasons:
        return DomainResult("moderate", reasons)
    return DomainResult("low", [tr("Ingen risiko for underernæring funnet")])


def _score(result: InstrumentResult) -> str:
    return "?" if result.score is None else format_number(result.score)
