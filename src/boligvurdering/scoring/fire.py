"""Fire: FIRE-7 (legal minimum and core advice, pass/fail per point) and the fire domain."""

from __future__ import annotations

from boligvurdering.i18n import N_, tr
from boligvurdering.scoring.context import Visit
from boligvurdering.scoring.result import NOT_ASSESSED, DomainResult, InstrumentResult

SRC_FIRE7 = "Forskrift om brannforebygging § 7 og DSBs råd (røykvarsler, slokkeutstyr, komfyrvakt)"
COVERAGE = ("FIRE.ALARM_KITCHEN", "FIRE.ALARM_LIVING", "FIRE.ALARM_BEDROOMS")
MINIMUM_EQUIPMENT = ("hose", "powder", "foam_water")


def _points(visit: Visit) -> list[tuple[str, tuple[str, ...], bool | None]]:
    """(failure text, codes, passed or None if unanswered) for the seven points."""
    cov = [visit.code(c) for c in COVERAGE]
    coverage = False if False in cov else (None if None in cov else True)
    tested = visit.code("FIRE.ALARM_TESTED")
    age = visit.code("FIRE.ALARM_AGE")
    kind, ok = visit.code("FIRE.EXTINGUISHER_TYPE"), visit.code("FIRE.EXTINGUISHER_OK")
    if kind is None:
        equipment = None
    elif kind not in MINIMUM_EQUIPMENT:
        equipment = False
    else:
        equipment = ok
    return [
        (tr("Mangler røykvarsler i hver etasje"), ("FIRE.ALARM_EVERY_FLOOR",), visit.code("FIRE.ALARM_EVERY_FLOOR")),
        (tr("Røykvarslerne dekker ikke kjøkken, stue og området utenfor soverom"), COVERAGE, coverage),
        (tr("Røykvarsleren høres ikke på soverommet med lukket dør"), ("FIRE.ALARM_AUDIBLE",),
         visit.code("FIRE.ALARM_AUDIBLE")),
        (tr("Røykvarslerne er ikke testet siste måned"), ("FIRE.ALARM_TESTED",),
         None if tested is None else tested == "last_month"),
        (tr("Røykvarslerne er 10 år eller eldre, eller alderen er ukjent"), ("FIRE.ALARM_AGE",),
         None if age is None else age == "under_10"),
        (tr("Slokkeutstyret oppfyller ikke minstekravet"), ("FIRE.EXTINGUISHER_TYPE", "FIRE.EXTINGUISHER_OK"),
         equipment),
        (tr("Mangler komfyrvakt"), ("FIRE.STOVE_GUARD",), visit.code("FIRE.STOVE_GUARD")),
    ]


def score_fire7(visit: Visit) -> tuple[InstrumentResult, list[str]]:
    """Seven pass/fail points; score = points passed (only when all are answered).

    Returns the result and the failure texts. Band ``fail`` as soon as one point fails,
    ``pass`` only when all seven pass, otherwise ``not_assessed``.
    """
    failures, missing, passed = [], [], 0
    for text, codes, ok in _points(visit):
        if ok is None:
            missing += [c for c in codes if visit.code(c) is None] or list(codes)
        elif ok:
            passed += 1
        else:
            failures.append(text)
    score = passed if not missing else None
    band = "fail" if failures else ("pass" if not missing else NOT_ASSESSED)
    return InstrumentResult(score, band, missing, SRC_FIRE7), failures


_HIGH_FACTORS = (
    ("fire_smokes_in_bed", True, N_("Røyker i sengen eller i stolen når trøtt")),
    ("fire_alarm_every_floor", False, N_("Mangler røykvarsler i hver etasje")),
)
_MODERATE_FACTORS = (
    ("fire_smokes", True, N_("Røyker inne")),
    ("fire_candles", "unattended", N_("Levende lys kan stå ubevoktet")),
    ("fire_heaters_overloaded", True, N_("Løse varmeovner eller overbelastede stikkontakter")),
    ("fire_electrical_warning", True, N_("Tegn på feil i det elektriske anlegget")),
    ("fire_leaves_stove", True, N_("Går fra eller glemmer komfyren")),
    ("fire_hears_alarm", False, N_("Hører ikke røykvarsleren")),
    ("fire_can_escape_unaided", False, N_("Kommer seg ikke ut på egen hånd")),
    ("fire_escape_routes_clear", False, N_("Rømningsveiene er ikke frie")),
    ("fire_oxygen", True, N_("Bruker oksygen hjemme")),
)


def fire_domain(visit: Visit, fire7: InstrumentResult, failures: list[str], assessed: bool) -> DomainResult:
    """Level: high for the gravest factors, moderate for any FIRE-7 failure or risk factor."""
    if not assessed:
        return DomainResult()
    high = visit.factors(_HIGH_FACTORS)
    moderate = visit.factors(_MODERATE_FACTORS)
    reasons = list(dict.fromkeys(high + failures + moderate))
    if high:
        return DomainResult("high", reasons)
    if reasons:
        return DomainResult("moderate", reasons)
    if fire7.band == "pass":
        return DomainResult("low", [tr("Røykvarslere, slokkeutstyr og komfyrvakt er i orden")])
    return DomainResult("low", [tr("Ingen risikofaktorer for brann funnet blant besvarte spørsmål")])
