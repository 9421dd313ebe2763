"""Who may use which financing channel: tenure and consents, missing economy, bank loan, bostøtte.

Each rule returns a ``Verdict``: allowed, refused with a reason, or «kan ikke vurderes ennå»
with the missing facts listed. A missing figure is never read as 0. Sources in docs/MEASURES.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from boligvurdering.domain.formatting import format_money, format_number
from boligvurdering.i18n import tr
from boligvurdering.measures.model import MARGIN_FIELDS, Household, KommuneSettings

OWNER, SHARE_OWNER = "eier", "borettslag"
PRIVATE_TENANT, MUNICIPAL_TENANT = "leier_privat", "leier_kommunal"


@dataclass(frozen=True)
class Verdict:
    """``allowed``: True, False (refused) or None (kan ikke vurderes ennå); ``reason`` in Norwegian."""

    allowed: bool | None
    reason: str = ""
    missing: tuple[str, ...] = ()


ALLOWED = Verdict(True)


def pending(missing: list[str]) -> Verdict:
    """«Kan ikke vurderes ennå» with what is missing."""
    return Verdict(None, tr("Kan ikke vurderes ennå – mangler: {m}.", m=", ".join(missing)), tuple(missing))


def ownership(h: Household) -> Verdict:
    """Startlån and lån til boligkvalitet: selveier, or an andel in a borettslag with the board's consent."""
    if h.tenure is None:
        return pending(h.missing("tenure"))
    if h.tenure == OWNER:
        return ALLOWED
    if h.tenure == SHARE_OWNER:
        if h.board_consent is None:
            return pending(h.missing("board_consent"))
        if h.board_consent:
            return ALLOWED
        return Verdict(False, tr("Styret i borettslaget har ikke samtykket; lån til andelen krever styrets samtykke."))
    return Verdict(False, tr("Lån gis bare til den som eier boligen (selveier, eller andel i borettslag med "
                             "styrets samtykke); brukeren leier boligen."))


def permanent_change(h: Household) -> Verdict:
    """Permanent changes: the tenure must be known; a tenant needs the landlord's consent;
    in a kommunal utleiebolig they are the kommune's as landlord."""
    if h.tenure is None:
        return pending(h.missing("tenure"))
    if h.tenure == PRIVATE_TENANT:
        if h.landlord_consent is None:
            return pending(h.missing("landlord_consent"))
        if not h.landlord_consent:
            return Verdict(False, tr("Utleier har ikke samtykket til faste endringer i boligen."))
    if h.tenure == MUNICIPAL_TENANT:
        return Verdict(False, tr("Faste endringer i en kommunal utleiebolig er kommunens ansvar som utleier."))
    return ALLOWED


def grant_economy(h: Household) -> Verdict:
    """The needs test of tilskudd til tilpasning reads the gross income."""
    missing = h.missing("gross_income_year")
    return pending(missing) if missing else ALLOWED


def loan_economy(h: Household) -> Verdict:
    """Serviceability reads net income, living costs and housing costs."""
    missing = h.missing(*MARGIN_FIELDS)
    return pending(missing) if missing else ALLOWED


def bank_condition(h: Household, settings: KommuneSettings) -> Verdict:
    """Startlån is for those who cannot get an ordinary bank loan.

    A recorded bank refusal (or an assessment that a bank would lend) decides; otherwise a
    gross income above the kommune's limit is taken to mean a bank would lend.
    """
    if h.bank_refusal is True:
        return Verdict(True, tr("Avslag på vanlig banklån er registrert."))
    if h.bank_refusal is False:
        return Verdict(False, tr("Husstanden kan få vanlig banklån (vurdert); startlån er for den som ikke får lån i bank."))
    if h.gross_income_year is None:
        return pending(h.missing("gross_income_year"))
    limit = settings.startlan_bank_income_limit
    if h.gross_income_year > limit:
        return Verdict(False, tr("Inntekten ({i}) er over {l}: vi regner med at husstanden kan få vanlig banklån. "
                                 "Registrer avslaget hvis banken har sagt nei.",
                                 i=format_money(h.gross_income_year), l=format_money(limit)))
    return Verdict(True, tr("Inntekten ({i}) er ikke over {l}: vi regner med at husstanden ikke får vanlig "
                            "banklån. Legg ved avslag fra banken.", i=format_money(h.gross_income_year),
                            l=format_money(limit)))


def bostotte(h: Household, settings: KommuneSettings) -> tuple[str | None, Verdict]:
    """A bostøtte hint from income against housing costs, as the scheme works; never money.

    Returns the hint (or ``None``) and the verdict with the reason when there is no hint.
    """
    missing = h.missing("gross_income_year", "housing_costs_month")
    if missing:
        return None, pending(missing)
    income, yearly = h.gross_income_year or 0.0, (h.housing_costs_month or 0.0) * 12
    limit, share = settings.bostotte_income_limit, settings.bostotte_cost_share
    percent = format_number(100 * yearly / income, 0) if income else "100"
    if income > limit:
        return None, Verdict(False, tr("Inntekten ({i}) er over grensen for å foreslå bostøtte ({l}).",
                                       i=format_money(income), l=format_money(limit)))
    if income and yearly < share * income:
        return None, Verdict(False, tr("Boutgiftene er {p} % av inntekten; bostøtte foreslås fra {s} %.",
                                       p=percent, s=format_number(100 * share, 0)))
    hint = tr("Boutgiftene ({b} i året) er {p} % av inntekten ({i}). Det kan gi rett til bostøtte: sjekk på "
              "Husbankens bostøttekalkulator og søk via kommunen, og beskriv tilpasningene hvis boligen er "
              "spesielt tilpasset. Dette er et hint, ikke en beregning.",
              b=format_money(yearly), p=percent, i=format_money(income))
    return hint, ALLOWED
