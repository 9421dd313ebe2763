"""Build a financing plan: allocate every krone of the accepted measures across channels.

Order (reasoning in docs/MEASURES.md): manual allocations → the kommune as landlord (kommunal
utleiebolig) → NAV loan (free, returned) → NAV ramp/lift grant → tilskudd til utredning →
tilskudd til prosjektering → kommunalt tilskudd (needs-tested) → own funds → lån til
boligkvalitet → startlån → gap. Who may use a channel at all is decided in ``eligibility``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.domain.formatting import format_money
from boligvurdering.i18n import tr
from boligvurdering.measures import eligibility as el
from boligvurdering.measures.costs import measure_warnings, parse_amount, ramp_grant_refusal
from boligvurdering.measures.model import (
    CHANNEL_IDS,
    IMPLICIT_CHANNELS,
    KINDS,
    NAV_EXCLUDED_FLAGS,
    FinancingRules,
    Household,
    KommuneSettings,
)
from boligvurdering.measures.plan import (
    COST_BASES,
    FinancingPlan,
    PlanLine,
    PlanMeasure,
    max_principal,
)
from boligvurdering.measures.plan_parts import (
    applications,
    channel_summaries,
    income_limit,
    line_reasons,
    loans,
)

# The rules' version, in every plan (like scoring_version on a score); raise it when a rule changes.
PLAN_VERSION = "2.0.0"
AUTO_ORDER = ("kommunen_som_utleier", "nav_hjelpemiddel", "nav_tilskudd_rampe_heis", "tilskudd_utredning",
              "tilskudd_prosjektering", "kommunalt_tilskudd", "egne_midler", "lan_boligkvalitet", "startlan")
LOANS = ("lan_boligkvalitet", "startlan")
NAV = ("nav_hjelpemiddel", "nav_tilskudd_rampe_heis")
NOT_LISTED = ""  # the channel does not apply to the measure at all: nothing to explain


@dataclass
class _State:
    """Mutable bookkeeping while allocating."""

    measures: list[PlanMeasure]
    settings: KommuneSettings
    household: Household
    rules: FinancingRules
    remaining: dict[str, float] = field(default_factory=dict)
    alloc: dict[str, dict[str, float]] = field(default_factory=dict)
    room: dict[str, float | None] = field(default_factory=dict)
    refusals: dict[str, str] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    caps: dict[str, float | None] = field(default_factory=dict)
    non_nav_basis: dict[str, str] = field(default_factory=dict)
    manual: dict[str, set[str]] = field(default_factory=dict)

    def take(self, m: PlanMeasure, channel: str, wanted: float) -> float:
        """Allocate up to ``wanted`` to ``channel`` within every limit; returns the amount."""
        limits = [wanted, self.remaining[m.id], self.limit(m, channel)]
        room = self.room.get(channel)
        if room is not None:
            limits.append(room)
        amount = round(max(0.0, min(limits)), 2)
        if amount <= 0:
            return 0.0
        self.remaining[m.id] = round(self.remaining[m.id] - amount, 2)
        line = self.alloc[m.id]
        line[channel] = round(line.get(channel, 0.0) + amount, 2)
        if room is not None:
            self.room[channel] = round(room - amount, 2)
        return amount

    def limit(self, m: PlanMeasure, channel: str) -> float:
        """The most ``channel`` may ever pay for measure ``m`` (before channel caps)."""
        if measure_refusal(self, m, channel) is not None:
            return 0.0
        already = self.alloc[m.id].get(channel, 0.0)
        nav_part = max(0.0, m.cost - (m.non_nav_cost or 0.0))
        if channel == "nav_hjelpemiddel":
            return max(0.0, nav_part - already)
        if channel == "nav_tilskudd_rampe_heis":
            cap = nav_part if m.lift else min(nav_part, self.rules.ramp_cap_incl_vat(m.rise_cm or 0.0))
            return max(0.0, cap - already)
        return m.cost


def measure_refusal(s: _State, m: PlanMeasure, channel: str) -> str | None:
    """Why ``channel`` may not pay for ``m`` (``NOT_LISTED`` when it never applies), or ``None``."""
    if channel not in IMPLICIT_CHANNELS and channel not in m.channels:
        return NOT_LISTED
    if channel == "bostotte":
        return NOT_LISTED
    if channel == "kommunen_som_utleier":
        return None if m.kind == "permanent" and s.household.tenure == el.MUNICIPAL_TENANT else NOT_LISTED
    if m.kind == "permanent":
        change = el.permanent_change(s.household)
        if change.allowed is not True:
            return change.reason
    if channel in NAV:
        return _nav_refusal(s, m, channel)
    if channel in ("kommunalt_tilskudd", *LOANS):
        if m.kind != "permanent":
            return NOT_LISTED
        if "maintenance" in m.flags:
            return tr("Vanlig vedlikehold gir ikke rett til tilskudd eller lån.")
    return None


def _nav_refusal(s: _State, m: PlanMeasure, channel: str) -> str | None:
    if channel == "nav_hjelpemiddel" and m.kind != "nav_loan":
        return NOT_LISTED
    if channel == "nav_tilskudd_rampe_heis" and (m.kind != "permanent" or not (m.ramp or m.lift)):
        return NOT_LISTED
    if not s.household.lasting_reduced_function:
        return tr("Nav krever varig (over 2 år) nedsatt funksjonsevne.")
    if s.non_nav_basis.get(m.id) == "ukjent":
        return tr("Kostnaden Nav ikke dekker (elektriker, montering, vegger, dører) er ikke skilt ut; "
                  "be om et tilbud som skiller den ut.")
    if channel == "nav_tilskudd_rampe_heis" and m.ramp:
        return ramp_grant_refusal(m.rise_cm, m.available_m, s.rules)
    return None


def _non_nav(m: PlanMeasure) -> tuple[float, str]:
    """The part NAV never funds and where the figure comes from."""
    if m.non_nav_cost is not None:
        return min(m.non_nav_cost, m.cost), "tilbud"
    needs_split = m.lift or any(f in NAV_EXCLUDED_FLAGS for f in m.flags)
    if not needs_split or not any(c in NAV for c in m.channels):
        return 0.0, ""
    if m.non_nav_share is None:
        return 0.0, "ukjent"
    return round(m.cost * m.non_nav_share, 2), "overslag"


def _validate(measures: list[PlanMeasure]) -> list[PlanMeasure]:
    clean, seen = [], set()
    for m in measures:
        if m.id in seen:
            raise InvalidValue(tr("Tiltaket «{t}» står to ganger i planen.", t=m.title))
        seen.add(m.id)
        if m.kind not in KINDS:
            raise InvalidValue(tr("Ukjent type tiltak «{k}».", k=m.kind))
        unknown = [c for c in list(m.channels) + list(m.allocations) if c not in CHANNEL_IDS]
        if unknown:
            raise InvalidValue(tr("Ukjent finansieringsordning «{c}».", c=unknown[0]))
        if m.cost_basis not in COST_BASES:
            raise InvalidValue(tr("Ukjent kostnadsgrunnlag «{b}».", b=m.cost_basis))
        cost = parse_amount(m.cost, tr("Kostnaden for «{t}»", t=m.title))
        non_nav = None if m.non_nav_cost is None else parse_amount(m.non_nav_cost, tr("Kostnaden Nav ikke dekker"))
        rise = None if m.rise_cm is None else parse_amount(m.rise_cm, tr("Høydeforskjellen"))
        avail = None if m.available_m is None else parse_amount(m.available_m, tr("Tilgjengelig lengde"))
        allocs = {c: parse_amount(a, tr("Manuell fordeling")) for c, a in m.allocations.items()}
        clean.append(dataclasses.replace(m, cost=cost, flags=frozenset(m.flags), channels=tuple(m.channels),
                                         rise_cm=rise, non_nav_cost=non_nav, available_m=avail,
                                         allocations=allocs))
    return clean


def _rules(settings: KommuneSettings) -> FinancingRules:
    if settings.rules is not None:
        return settings.rules
    from boligvurdering.measures.settings import load_financing

    return load_financing()


def _apply_manual(s: _State) -> None:
    for m in s.measures:
        for channel, wanted in m.allocations.items():
            got = s.take(m, channel, wanted)
            if got > 0:
                s.manual.setdefault(m.id, set()).add(channel)
            if got + 0.005 < wanted:
                s.warnings.append(tr(
                    "{t}: manuell fordeling til {c} er redusert fra {a} til {b} (grense for ordningen "
                    "eller kostnaden).", t=m.title, c=s.rules.channel(channel).name,
                    a=format_money(wanted), b=format_money(got)))


def _fill(s: _State, channel: str) -> None:
    # Measures with the fewest other options first, so scarce money goes where it is needed.
    def options(m: PlanMeasure) -> int:
        return sum(1 for c in AUTO_ORDER if c != channel and s.limit(m, c) > 0)

    for m in sorted(s.measures, key=options):
        s.take(m, channel, s.remaining[m.id])


def _loan_capacity(s: _State) -> float:
    """The largest loan the monthly margin carries over the longest term (any lender, owners only)."""
    margin = s.household.monthly_margin
    if margin is None or el.ownership(s.household).allowed is not True:
        return 0.0
    return max_principal(margin, s.settings.startlan_rate, s.settings.startlan_max_years)


def _grant_room(s: _State) -> float:
    """Kommunalt tilskudd: full cap under the income limit, else only what loans and savings can't cover."""
    cap, income = s.settings.grant_cap, s.household.gross_income_year
    if income is None:
        return 0.0
    if income <= income_limit(s):
        return cap
    left = sum(s.remaining.values())
    need = left - (s.room.get("egne_midler") or 0.0) - _loan_capacity(s)
    if need <= 0:
        s.refusals["kommunalt_tilskudd"] = tr(
            "Inntekten er over grensen ({g}), og egne midler og lån kan dekke resten.",
            g=format_money(income_limit(s)))
        return 0.0
    s.warnings.append(tr("Kommunalt tilskudd er regnet som toppfinansiering: inntekten er over "
                         "grensen, men lån og egne midler strekker ikke til."))
    return min(cap, round(need, 2))


def _boligkvalitet_refusal(s: _State) -> str | None:
    using = [m for m in s.measures if "lan_boligkvalitet" in m.channels]
    energy = any("energy" in m.flags for m in using)
    access = any("accessibility" in m.flags for m in using)
    if energy and access:
        return None
    lacking = tr("energitiltak") if not energy else tr("tilgjengelighetstiltak")
    return tr("Lån til boligkvalitet krever at energitiltak og tilgjengelighetstiltak "
              "kombineres; planen har ingen {x}.", x=lacking)


def _refuse(s: _State, channel: str, verdict: el.Verdict) -> None:
    """Record a channel-level verdict that is not «allowed»; the channel gets no room."""
    if verdict.allowed is True or channel in s.refusals:
        return
    s.refusals[channel] = verdict.reason
    if verdict.missing:
        s.missing[channel] = list(verdict.missing)
    s.room[channel] = 0.0


def _channel_verdicts(s: _State) -> None:
    h = s.household
    listed = {c for m in s.measures for c in m.channels}
    if "kommunalt_tilskudd" in listed:
        _refuse(s, "kommunalt_tilskudd", el.grant_economy(h))
    for ch in LOANS:
        if ch in listed:
            _refuse(s, ch, el.ownership(h))
            _refuse(s, ch, el.loan_economy(h))
    if "startlan" in listed:
        bank = el.bank_condition(h, s.settings)
        _refuse(s, "startlan", bank)
        if bank.allowed and h.bank_refusal is None:
            s.warnings.append(tr("Startlån: {r}", r=bank.reason))
    if "lan_boligkvalitet" in listed:
        reason = _boligkvalitet_refusal(s)
        if reason:
            _refuse(s, "lan_boligkvalitet", el.Verdict(False, reason))
    if s.measures and h.savings is None:
        _refuse(s, "egne_midler", el.pending(h.missing("savings")))
    if not h.lasting_reduced_function:
        for ch in NAV:
            if ch in listed:
                s.refusals[ch] = tr("Nav krever varig (over 2 år) nedsatt funksjonsevne.")


def _set_rooms(s: _State) -> None:
    for ch in s.rules.channels:
        s.room[ch.id] = ch.cap
    s.room["kommunalt_tilskudd"] = s.settings.grant_cap
    s.room["egne_midler"] = max(0.0, (s.household.savings or 0.0) - s.settings.own_funds_buffer)
    s.room["bostotte"] = 0.0
    _channel_verdicts(s)


def _allocate(s: _State) -> None:
    _apply_manual(s)
    for channel in AUTO_ORDER:
        room = s.room[channel]
        if channel == "kommunalt_tilskudd" and room is not None and room != 0.0:
            room = s.room[channel] = min(room, _grant_room(s))
        if channel in LOANS and channel not in s.refusals:
            used = sum(s.alloc[m.id].get(c, 0.0) for m in s.measures for c in LOANS)
            capacity = max(0.0, _loan_capacity(s) - used)
            room = s.room[channel] = capacity if room is None else min(room, capacity)
            if capacity <= 0 and any(s.remaining.values()):
                s.refusals[channel] = tr("Husholdningen har ikke betjeningsevne for mer lån "
                                         "(månedlig margin {m}).", m=format_money(s.household.monthly_margin))
        if (channel == "kommunalt_tilskudd" or channel in LOANS) and room is not None:
            used = sum(s.alloc[m.id].get(channel, 0.0) for m in s.measures)
            s.caps[channel] = round(room + used, 2)
        _fill(s, channel)


def _line_refusals(s: _State, m: PlanMeasure) -> dict[str, str]:
    out = {}
    for channel in CHANNEL_IDS:
        if s.alloc[m.id].get(channel):
            continue
        reason = measure_refusal(s, m, channel)
        if reason:
            out[channel] = reason
    return out


def _split_warnings(s: _State) -> None:
    for m in s.measures:
        nav = sum(s.alloc[m.id].get(c, 0.0) for c in NAV)
        if nav and s.non_nav_basis.get(m.id) == "overslag":
            s.warnings.append(tr("{t}: {x} av kostnaden er et overslag over arbeid Nav ikke dekker (elektriker, "
                                 "montering, vegger, dører); be om et tilbud som skiller det ut.",
                                 t=m.title, x=format_money(m.non_nav_cost or 0.0)))


def _lines(s: _State) -> tuple[PlanLine, ...]:
    return tuple(PlanLine(
        m.id, m.title, m.cost, dict(s.alloc[m.id]), s.remaining[m.id],
        tuple(measure_warnings(m.kind, m.flags, tuple(s.alloc[m.id]), m.title)),
        round(m.cost - (m.non_nav_cost or 0.0), 2) if s.non_nav_basis.get(m.id) else 0.0,
        m.non_nav_cost or 0.0, s.non_nav_basis.get(m.id, ""),
        line_reasons(s, m), _line_refusals(s, m), m.cost_basis) for m in s.measures)


def _start(measures: list[PlanMeasure], settings: KommuneSettings, household: Household) -> _State:
    clean = _validate(list(measures))
    s = _State([], settings, household, _rules(settings))
    for m in clean:
        amount, basis = _non_nav(m)
        s.non_nav_basis[m.id] = basis
        s.measures.append(dataclasses.replace(m, non_nav_cost=amount) if basis else m)
    s.remaining = {m.id: m.cost for m in s.measures}
    s.alloc = {m.id: {} for m in s.measures}
    return s


def build_plan(measures: list[PlanMeasure], settings: KommuneSettings,
               household: Household) -> FinancingPlan:
    """Allocate every krone of ``measures`` across financing channels.

    Args:
        measures: accepted measures with agreed costs (NOK incl. VAT).
        settings: kommune settings (``settings.rules`` or the shipped financing.toml).
        household: the household's economy and housing facts (missing = ``None``).

    Raises:
        InvalidValue: invalid cost, unknown kind or channel, duplicate measure.
    """
    s = _start(measures, settings, household)
    _set_rooms(s)
    s.caps = dict(s.room)
    for channel in NAV:
        s.caps[channel] = round(sum(s.limit(m, channel) for m in s.measures), 2)
    _allocate(s)
    totals = {c: round(sum(s.alloc[m.id].get(c, 0.0) for m in s.measures), 2) for c in CHANNEL_IDS}
    _split_warnings(s)
    hint, verdict = el.bostotte(household, settings)
    if hint is None and s.measures:
        s.refusals["bostotte"] = verdict.reason
        if verdict.missing:
            s.missing["bostotte"] = list(verdict.missing)
    if totals.get("nav_tilskudd_rampe_heis"):
        s.warnings.append(tr("Navs tilskudd til rampe eller heis må inngå i en samlet finansieringsplan; "
                             "arbeidet kan først starte etter vedtak."))
    by_basis = {b: round(sum(m.cost for m in s.measures if m.cost_basis == b), 2) for b in COST_BASES}
    return FinancingPlan(
        settings.name, round(sum(m.cost for m in s.measures), 2), _lines(s), channel_summaries(s, totals),
        round(sum(s.remaining.values()), 2), loans(s, totals), applications(s, totals, hint),
        dict(s.refusals), tuple(dict.fromkeys(s.warnings)), hint, dict(s.missing), by_basis)
