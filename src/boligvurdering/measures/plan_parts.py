"""Parts of a finished financing plan: why each amount comes from its channel, channel
summaries, loans and the ordered applications. Called by ``financing.build_plan``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from boligvurdering.domain.formatting import format_money, format_number
from boligvurdering.i18n import tr
from boligvurdering.measures.plan import (
    Application,
    ChannelSummary,
    LoanTerms,
    PlanMeasure,
    annuity_payment,
)

if TYPE_CHECKING:
    from boligvurdering.measures.financing import _State

LOANS = ("lan_boligkvalitet", "startlan")


def income_limit(s: _State) -> float:
    """The needs test's income limit for this household (one person + per extra member)."""
    extra = max(0, s.household.members - 1) * s.settings.grant_income_limit_per_member
    return s.settings.grant_income_limit + extra


def loan_years(s: _State, principal: float) -> int:
    """The shortest term from the default up to the longest that the margin can carry."""
    margin, rate = s.household.monthly_margin or 0.0, s.settings.startlan_rate
    for years in range(s.settings.startlan_years, s.settings.startlan_max_years + 1):
        if annuity_payment(principal, rate, years) <= margin:
            return years
    return s.settings.startlan_max_years


def _nav_reason(s: _State, m: PlanMeasure, channel: str) -> str:
    split = tr(" Kostnaden Nav ikke dekker ({x}, {b}) er holdt utenfor.", x=format_money(m.non_nav_cost or 0.0),
               b=s.non_nav_basis.get(m.id)) if s.non_nav_basis.get(m.id) else ""
    if channel == "nav_hjelpemiddel":
        return tr("Utlån fra Nav ved varig nedsatt funksjonsevne; skal leveres tilbake.") + split
    if m.lift:
        return tr("Navs tilskudd i stedet for heis: prisen på heisen uten montering.") + split
    rules = s.rules
    low = (m.rise_cm or 0.0) <= rules.ramp_tier_rise_cm
    return tr("Navs tilskudd i stedet for rampe: høydeforskjell {r} cm gir {tier} sats, {cap} + {vat} % mva = "
              "{incl}, aldri mer enn kostnaden.", r=format_number(m.rise_cm), vat=format_number(rules.vat_rate * 100),
              tier=tr("lav") if low else tr("høy"), cap=format_money(rules.ramp_cap_low if low else rules.ramp_cap_high),
              incl=format_money(rules.ramp_cap_incl_vat(m.rise_cm or 0.0))) + split


def _grant_reason(s: _State) -> str:
    income, limit = s.household.gross_income_year or 0.0, income_limit(s)
    if income <= limit:
        return tr("Behovsprøvd: inntekten ({i}) er ikke over grensen ({g}); høyst {c} per husstand.",
                  i=format_money(income), g=format_money(limit), c=format_money(s.settings.grant_cap))
    return tr("Toppfinansiering: inntekten ({i}) er over grensen ({g}), men egne midler og lån strekker ikke til.",
              i=format_money(income), g=format_money(limit))


def _reason(s: _State, m: PlanMeasure, channel: str) -> str:
    if channel in ("nav_hjelpemiddel", "nav_tilskudd_rampe_heis"):
        return _nav_reason(s, m, channel)
    if channel == "kommunalt_tilskudd":
        return _grant_reason(s)
    if channel in LOANS:
        return tr("Betjeningsevne: månedlig margin {m} bærer lånet ved {r} % rente.",
                  m=format_money(s.household.monthly_margin or 0.0), r=format_number(s.settings.startlan_rate, 2))
    if channel == "egne_midler":
        return tr("Oppsparte midler ({x}) utover bufferen på {b}.", x=format_money(s.household.savings or 0.0),
                  b=format_money(s.settings.own_funds_buffer))
    if channel == "kommunen_som_utleier":
        return tr("Kommunal utleiebolig: faste endringer er kommunens ansvar som utleier.")
    cap = s.rules.channel(channel).cap
    return tr("Øremerket tilskudd, høyst {c} per plan.", c=format_money(cap)) if cap else s.rules.channel(channel).note


def line_reasons(s: _State, m: PlanMeasure) -> dict[str, str]:
    """Channel → why this measure's amount comes from it (manual allocations say so)."""
    out = {}
    for channel, amount in s.alloc[m.id].items():
        if amount > 0:
            manual = tr("Manuell fordeling. ") if channel in s.manual.get(m.id, ()) else ""
            out[channel] = manual + _reason(s, m, channel)
    if s.remaining[m.id] > 0:
        out["gap"] = tr("Ikke finansiert: ingen ordning kan dekke resten innenfor sine regler (se avslagene).")
    return out


def channel_summaries(s: _State, totals: dict[str, float]) -> tuple[ChannelSummary, ...]:
    """Per-channel totals with caps and notes, in application order."""
    return tuple(ChannelSummary(ch.id, ch.name, totals.get(ch.id, 0.0), s.caps.get(ch.id), ch.note)
                 for ch in s.rules.channels)


def loans(s: _State, totals: dict[str, float]) -> tuple[LoanTerms, ...]:
    """Loan terms: one term for the loans together, lengthened until the margin carries them."""
    principal = sum(totals.get(c, 0.0) for c in LOANS)
    if principal <= 0:
        return ()
    years = loan_years(s, principal)
    rate, margin = s.settings.startlan_rate, s.household.monthly_margin or 0.0
    out = []
    for channel in LOANS:
        amount = totals.get(channel, 0.0)
        if amount > 0:
            pay = annuity_payment(amount, rate, years)
            out.append(LoanTerms(channel, amount, rate, years, pay, margin,
                                 annuity_payment(principal, rate, years) <= margin))
    return tuple(out)


def applications(s: _State, totals: dict[str, float], hint: str | None) -> tuple[Application, ...]:
    """The applications to send, in order, with their documents."""
    out: list[Application] = []
    for ch in s.rules.channels:
        used = totals.get(ch.id, 0.0) > 0 or (ch.id == "bostotte" and hint)
        if ch.id == "egne_midler" or not used:
            continue
        docs = ch.documents
        if ch.id == "startlan":
            docs = (*docs, tr("Avslag på vanlig banklån"))
        out.append(Application(len(out) + 1, ch.id, ch.name, totals.get(ch.id, 0.0), ch.decided_by, docs, ch.note))
    return tuple(out)
