"""Build a financing plan: allocate every krone of the accepted measures across channels.

Order (reasoning in docs/MEASURES.md): manual allocations → NAV loan (free, returned) →
NAV ramp/lift grant → tilskudd til utredning → tilskudd til prosjektering → kommunalt
tilskudd (needs-tested) → own funds → lån til boligkvalitet → startlån → gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.domain.formatting import format_money
from boligvurdering.i18n import tr
from boligvurdering.measures.costs import measure_warnings, parse_amount
from boligvurdering.measures.model import (
    CHANNEL_IDS,
    KINDS,
    FinancingRules,
    Household,
    KommuneSettings,
)
from boligvurdering.measures.plan import (
    Application,
    ChannelSummary,
    FinancingPlan,
    LoanTerms,
    PlanLine,
    PlanMeasure,
    annuity_payment,
    max_principal,
)

AUTO_ORDER = ("nav_hjelpemiddel", "nav_tilskudd_rampe_heis", "tilskudd_utredning",
              "tilskudd_prosjektering", "kommunalt_tilskudd", "egne_midler", "lan_boligkvalitet",
              "startlan")
LOANS = ("lan_boligkvalitet", "startlan")


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
    warnings: list[str] = field(default_factory=list)
    caps: dict[str, float | None] = field(default_factory=dict)

    def take(self, m: PlanMeasure, channel: str, wanted: float) -> float:
        """Allocate up to ``wanted`` to ``channel`` within every limit; returns the amount."""
        limits = [wanted, self.remaining[m.id], self.limit(m, channel)]
        if self.room.get(channel) is not None:
            limits.append(self.room[channel])
        amount = round(max(0.0, min(limits)), 2)
        if amount <= 0:
            return 0.0
        self.remaining[m.id] = round(self.remaining[m.id] - amount, 2)
        line = self.alloc[m.id]
        line[channel] = round(line.get(channel, 0.0) + amount, 2)
        if self.room.get(channel) is not None:
            self.room[channel] = round(self.room[channel] - amount, 2)
        return amount

    def limit(self, m: PlanMeasure, channel: str) -> float:
        """The most ``channel`` may ever pay for measure ``m`` (before channel caps)."""
        if channel != "egne_midler" and channel not in m.channels:
            return 0.0
        already = self.alloc[m.id].get(channel, 0.0)
        nav_part = max(0.0, m.cost - m.non_nav_cost)
        if channel == "nav_hjelpemiddel":
            ok = m.kind == "nav_loan" and self.household.lasting_reduced_function
            return nav_part - already if ok else 0.0
        if channel == "nav_tilskudd_rampe_heis":
            return max(0.0, self._nav_grant_limit(m, nav_part) - already)
        grant_or_loan = channel in ("kommunalt_tilskudd", "startlan", "lan_boligkvalitet")
        if grant_or_loan and (m.kind != "permanent" or "maintenance" in m.flags):
            return 0.0
        if channel in LOANS and not self.household.owns_home:
            return 0.0
        if channel == "bostotte":
            return 0.0
        return m.cost

    def _nav_grant_limit(self, m: PlanMeasure, nav_part: float) -> float:
        if m.kind != "permanent" or not self.household.lasting_reduced_function:
            return 0.0
        if m.lift:
            return nav_part
        if m.ramp and m.rise_cm is not None:
            return min(nav_part, self.rules.ramp_cap_incl_vat(m.rise_cm))
        return 0.0


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
        cost = parse_amount(m.cost, tr("Kostnaden for «{t}»", t=m.title))
        non_nav = parse_amount(m.non_nav_cost, tr("Kostnaden Nav ikke dekker"))
        rise = None if m.rise_cm is None else parse_amount(m.rise_cm, tr("Høydeforskjellen"))
        allocs = {c: parse_amount(a, tr("Manuell fordeling")) for c, a in m.allocations.items()}
        clean.append(PlanMeasure(m.id, m.title, cost, m.kind, frozenset(m.flags), tuple(m.channels),
                                 rise, m.ramp, m.lift, min(non_nav, cost), allocs))
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


def _income_limit(s: _State) -> float:
    extra = max(0, s.household.members - 1) * s.settings.grant_income_limit_per_member
    return s.settings.grant_income_limit + extra


def _loan_capacity(s: _State) -> float:
    if not s.household.owns_home:
        return 0.0
    margin = s.household.monthly_margin
    return max_principal(margin, s.settings.startlan_rate, s.settings.startlan_max_years)


def _grant_room(s: _State) -> float:
    """Kommunalt tilskudd: full cap under the income limit, else only what loans and savings can't cover."""
    cap = s.settings.grant_cap
    if s.household.gross_income_year <= _income_limit(s):
        return cap
    left = sum(s.remaining.values())
    need = left - s.room.get("egne_midler", 0.0) - _loan_capacity(s)
    if need <= 0:
        s.refusals["kommunalt_tilskudd"] = tr(
            "Inntekten er over grensen ({g}), og egne midler og lån kan dekke resten.",
            g=format_money(_income_limit(s)))
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
    if not energy:
        return tr("Lån til boligkvalitet krever at energitiltak og tilgjengelighetstiltak "
                  "kombineres; planen har ingen energitiltak.")
    return tr("Lån til boligkvalitet krever at energitiltak og tilgjengelighetstiltak "
              "kombineres; planen har ingen tilgjengelighetstiltak.")


def _set_rooms(s: _State) -> None:
    for ch in s.rules.channels:
        s.room[ch.id] = ch.cap
    s.room["kommunalt_tilskudd"] = s.settings.grant_cap
    s.room["egne_midler"] = max(0.0, s.household.savings - s.settings.own_funds_buffer)
    s.room["bostotte"] = 0.0
    if not s.household.owns_home:
        for ch in LOANS:
            s.refusals[ch] = tr("Lånet krever pant i boligen; brukeren eier ikke boligen.")
            s.room[ch] = 0.0
    reason = _boligkvalitet_refusal(s)
    if reason:
        s.refusals.setdefault("lan_boligkvalitet", reason)
        s.room["lan_boligkvalitet"] = 0.0
    if not s.household.lasting_reduced_function:
        for ch in ("nav_hjelpemiddel", "nav_tilskudd_rampe_heis"):
            if any(ch in m.channels for m in s.measures):
                s.refusals[ch] = tr("Nav krever varig (over 2 år) nedsatt funksjonsevne.")


def _loan_years(s: _State, principal: float) -> int:
    margin, rate = s.household.monthly_margin, s.settings.startlan_rate
    for years in range(s.settings.startlan_years, s.settings.startlan_max_years + 1):
        if annuity_payment(principal, rate, years) <= margin:
            return years
    return s.settings.startlan_max_years


def _allocate(s: _State) -> None:
    _apply_manual(s)
    for channel in AUTO_ORDER:
        if channel == "kommunalt_tilskudd":
            s.room[channel] = min(s.room[channel], _grant_room(s))
        if channel in LOANS:
            used = sum(s.alloc[m.id].get(c, 0.0) for m in s.measures for c in LOANS)
            capacity = max(0.0, _loan_capacity(s) - used)
            s.room[channel] = capacity if s.room[channel] is None else min(s.room[channel], capacity)
            if capacity <= 0 and any(s.remaining.values()) and channel not in s.refusals:
                s.refusals[channel] = tr("Husholdningen har ikke betjeningsevne for mer lån "
                                         "(månedlig margin {m}).", m=format_money(s.household.monthly_margin))
        if (channel == "kommunalt_tilskudd" or channel in LOANS) and s.room[channel] is not None:
            used = sum(s.alloc[m.id].get(channel, 0.0) for m in s.measures)
            s.caps[channel] = round(s.room[channel] + used, 2)
        _fill(s, channel)


def _loans(s: _State, totals: dict[str, float]) -> tuple[LoanTerms, ...]:
    principal = sum(totals.get(c, 0.0) for c in LOANS)
    if principal <= 0:
        return ()
    years = _loan_years(s, principal)
    rate, margin = s.settings.startlan_rate, s.household.monthly_margin
    out = []
    for channel in LOANS:
        amount = totals.get(channel, 0.0)
        if amount > 0:
            pay = annuity_payment(amount, rate, years)
            out.append(LoanTerms(channel, amount, rate, years, pay, margin,
                                 annuity_payment(principal, rate, years) <= margin))
    return tuple(out)


def _applications(s: _State, totals: dict[str, float], hint: str | None) -> tuple[Application, ...]:
    out = []
    for ch in s.rules.channels:
        used = totals.get(ch.id, 0.0) > 0 or (ch.id == "bostotte" and hint)
        if ch.id == "egne_midler" or not used:
            continue
        out.append(Application(len(out) + 1, ch.id, ch.name, totals.get(ch.id, 0.0),
                               ch.decided_by, ch.documents, ch.note))
    return tuple(out)


def _bostotte_hint(s: _State) -> str | None:
    limit = s.settings.bostotte_income_limit
    if limit and s.household.gross_income_year <= limit:
        return tr("Inntekten er lav i forhold til boutgiftene: søk bostøtte hos kommunen, og beskriv "
                  "tilpasningene hvis boligen er spesielt tilpasset.")
    return None


def build_plan(measures: list[PlanMeasure], settings: KommuneSettings,
               household: Household) -> FinancingPlan:
    """Allocate every krone of ``measures`` across financing channels.

    Args:
        measures: accepted measures with agreed costs (NOK incl. VAT).
        settings: kommune settings (``settings.rules`` or the shipped financing.toml).
        household: the household's economy.

    Raises:
        InvalidValue: invalid cost, unknown kind or channel, duplicate measure.
    """
    clean = _validate(list(measures))
    s = _State(clean, settings, household, _rules(settings))
    s.remaining = {m.id: m.cost for m in clean}
    s.alloc = {m.id: {} for m in clean}
    _set_rooms(s)
    s.caps = dict(s.room)
    for channel in ("nav_hjelpemiddel", "nav_tilskudd_rampe_heis"):
        s.caps[channel] = round(sum(s.limit(m, channel) for m in clean), 2)
    _allocate(s)
    totals = {c: round(sum(s.alloc[m.id].get(c, 0.0) for m in clean), 2) for c in CHANNEL_IDS}
    lines = tuple(PlanLine(m.id, m.title, m.cost, dict(s.alloc[m.id]), s.remaining[m.id],
                           tuple(measure_warnings(m.kind, m.flags, tuple(s.alloc[m.id]), m.title)))
                  for m in clean)
    for m in clean:
        if m.non_nav_cost == 0 and any(f in m.flags for f in ("electrical_work", "opens_walls", "new_door")) \
                and s.alloc[m.id].get("nav_hjelpemiddel", 0) + s.alloc[m.id].get("nav_tilskudd_rampe_heis", 0):
            s.warnings.append(tr("{t}: skill ut kostnaden Nav ikke dekker (elektriker, vegger, dører) "
                                 "i tilbudet.", t=m.title))
    hint = _bostotte_hint(s)
    summaries = tuple(ChannelSummary(ch.id, ch.name, totals.get(ch.id, 0.0), s.caps.get(ch.id), ch.note)
                      for ch in s.rules.channels)
    if totals.get("nav_tilskudd_rampe_heis"):
        s.warnings.append(tr("Navs tilskudd til rampe eller heis må inngå i en samlet finansieringsplan; "
                             "arbeidet kan først starte etter vedtak."))
    return FinancingPlan(
        settings.name, round(sum(m.cost for m in clean), 2), lines, summaries,
        round(sum(s.remaining.values()), 2), _loans(s, totals), _applications(s, totals, hint),
        dict(s.refusals), tuple(dict.fromkeys(s.warnings)), hint)
