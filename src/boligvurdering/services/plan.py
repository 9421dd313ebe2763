"""Measures & financing plan for a visit: proposals from the assessment, costs, who pays."""

from __future__ import annotations

import dataclasses
from functools import cached_property
from typing import TYPE_CHECKING, Any

from boligvurdering.domain import validation
from boligvurdering.domain.enums import MeasureStatus
from boligvurdering.domain.errors import AccessDenied, InvalidValue
from boligvurdering.domain.records import MeasureRecord
from boligvurdering.i18n import tr
from boligvurdering.measures import (
    PLAN_VERSION,
    Household,
    KommuneSettings,
    PlanMeasure,
    build_plan,
    expected_effect,
    load_catalogue,
    load_kommune_settings,
    measure_warnings,
    parse_amount,
    propose,
    ramp_requirement,
)
from boligvurdering.measures.model import TENURES
from boligvurdering.security.categories import HIDDEN
from boligvurdering.services.access import guard
from boligvurdering.services.measures import MeasureService
from boligvurdering.store import extras as repo
from boligvurdering.store import financing as facts_repo
from boligvurdering.store import household as household_repo

if TYPE_CHECKING:
    from boligvurdering.scoring import ScoreResult
    from boligvurdering.services.context import AppContext

SETTINGS_KEY = "kommune_settings"
EDITABLE = {"name": str, "number": str, "grant_cap": float, "grant_income_limit": float,
            "grant_income_limit_per_member": float, "startlan_rate": float, "startlan_years": int,
            "startlan_max_years": int}
# Housing and bank facts: tenure lives on the visit's dwelling, the rest in ``financing_fact``.
FACT_FIELDS = ("tenure", "landlord_consent", "board_consent", "bank_refusal")
HOUSEHOLD_FIELDS = {f.name: f.type for f in dataclasses.fields(Household) if f.name not in FACT_FIELDS}
LEGACY_FIELDS = ("owns_home",)  # before issue 14; accepted from old files and ignored (tenure decides)
# Extra household facts the application (HB 7.S.13) asks for; not used by the plan itself.
CIVIL_STATUSES = ("enslig", "gift", "samboer", "separert", "skilt", "enke_enkemann")
APPLICATION_FIELDS = {"civil_status": CIVIL_STATUSES,
                      "debt": None, "wealth": None, "earlier_husbanken_grants": None, "co_residents": None}
MAX_CO_RESIDENTS = 19
MAX_STATEMENT = 20000
ACTIVE = (MeasureStatus.ACCEPTED.value, MeasureStatus.DONE.value)


def _number(value: Any, label: str, kind: type) -> Any:
    amount = parse_amount(value, label)
    if kind is int:
        if not float(amount).is_integer() or not 1 <= amount <= 50:
            raise InvalidValue(tr("{label} må være et helt antall år mellom 1 og 50.", label=label))
        return int(amount)
    return amount


def _sealed_household() -> AccessDenied:
    return AccessDenied(tr("Husholdningsøkonomien er kryptert, og kontoen din har ikke nøkkelen til den. "
                           "Be en teamleder eller administrator logge inn på denne maskinen, så får du den."))


def stored_household(s: Any, visit_id: str) -> dict[str, Any]:
    """The visit's stored household economy ({} if none); refused when it is sealed for a key
    this account does not hold (``security/categories.py``) — never shown, never overwritten."""
    stored = household_repo.get_household(s, visit_id=visit_id)
    if stored is HIDDEN:
        raise _sealed_household()
    return dict(stored)


def clean_household(values: dict[str, Any]) -> dict[str, Any]:
    """Validated household facts (plan fields and the application's extra facts).

    Raises:
        InvalidValue: An unknown field or a value of the wrong kind (the first one found).
    """
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if key in LEGACY_FIELDS:
            continue
        if key not in HOUSEHOLD_FIELDS and key not in APPLICATION_FIELDS and key not in FACT_FIELDS:
            raise InvalidValue(tr("Ukjent felt i husstandens økonomi: «{k}».", k=key))
        clean[key] = _household_value(key, value)
    return clean


def _household_value(key: str, value: Any) -> Any:
    if key == "civil_status":
        if value not in CIVIL_STATUSES:
            raise InvalidValue(tr("Ukjent sivilstand «{v}».", v=value))
    elif key == "co_residents":
        return _co_residents(value)
    elif key == "earlier_husbanken_grants":
        if not isinstance(value, str) or len(value) > 2000:
            raise InvalidValue(tr("Tidligere lån og tilskudd fra Husbanken må være tekst."))
    elif key == "tenure":
        if value is not None and value not in TENURES:
            raise InvalidValue(tr("Ukjent eierform «{v}».", v=value))
    elif key in ("landlord_consent", "board_consent", "bank_refusal"):
        if value is not None and not isinstance(value, bool):
            raise InvalidValue(tr("«{k}» må være ja eller nei.", k=key))
    elif key == "lasting_reduced_function":
        if not isinstance(value, bool):
            raise InvalidValue(tr("«{k}» må være ja eller nei.", k=key))
    elif key == "members":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 20:
            raise InvalidValue(tr("Antall i husstanden må være mellom 1 og 20."))
    else:
        return parse_amount(value, key)
    return value


def _co_residents(value: Any) -> list[dict[str, Any]]:
    """Other members of the household: name, relation and yearly gross income (HB 7.S.13)."""
    if not isinstance(value, list) or len(value) > MAX_CO_RESIDENTS:
        raise InvalidValue(tr("Husstandsmedlemmene må være en liste (høyst 19 personer)."))
    out = []
    for person in value:
        if not isinstance(person, dict) or not str(person.get("name") or "").strip():
            raise InvalidValue(tr("Hvert husstandsmedlem må ha et navn."))
        income = person.get("income_year")
        out.append({"name": str(person["name"]).strip()[:200], "relation": str(person.get("relation") or "")[:100],
                    "income_year": None if income in (None, "") else parse_amount(income, tr("Inntekt"))})
    return out


def clean_statement(text: Any) -> str:
    """The statement if it is text of at most 20 000 characters; raises ``InvalidValue`` otherwise."""
    if not isinstance(text, str) or len(text) > MAX_STATEMENT:
        raise InvalidValue(tr("Uttalelsen må være tekst (høyst 20 000 tegn)."))
    return text


def store_plan(s: Any, visit_id: str, *, household: dict[str, Any] | None = None,
               statement: str | None = None, by: str = "", local: bool = True, replace: bool = False) -> None:
    """Write already validated plan parts inside the caller's transaction (household is merged).

    Housing and bank facts go to their own columns (dwelling tenure, ``financing_fact``), the rest
    to the visit's ``household`` and ``visit_statement`` rows. ``by`` is who made the change;
    ``local`` is False when the change comes from the team server (not this laptop's change);
    ``replace``: the household given is the whole of it (a visit document from the team server, where
    the last writer of the visit wins), so an empty one erases the one stored here.

    Raises:
        InvalidValue: tenure given for a visit that has no dwelling.
    """
    household = dict(household or {})
    facts = {k: household.pop(k) for k in FACT_FIELDS if k in household}
    if facts:
        try:
            facts_repo.put_facts(s, visit_id=visit_id, **facts)
        except KeyError:
            raise InvalidValue(tr("Besøket er ikke knyttet til en bolig. Registrer boligen hos brukeren "
                                  "før du oppgir eierform.")) from None
    if household or replace:
        try:
            household_repo.put_household(s, visit_id=visit_id, values=household, by=by, local=local, replace=replace)
        except PermissionError:  # sealed for a key this account lacks: refused in words, nothing overwritten
            raise _sealed_household() from None
    if statement is not None:
        household_repo.put_statement(s, visit_id=visit_id, text=statement, by=by, local=local)


class PlanService:
    """Proposals, ramp calculation, financing plan and the kommune's settings."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @cached_property
    def _default_settings(self) -> KommuneSettings:
        """The shipped kommune defaults and financing rules, read from disk once, with the
        machine preset's kommune name and number (boligvurdering.settings) applied."""
        from boligvurdering.settings import load

        machine = load(self.ctx.paths.settings)
        shipped = load_kommune_settings()
        return dataclasses.replace(shipped, name=machine.kommune_name or shipped.name,
                                   number=machine.kommune_number or shipped.number)

    @cached_property
    def catalogue(self) -> Any:
        return load_catalogue()

    def _setting(self, key: str) -> Any:
        with self.ctx.db.transaction() as s:
            return repo.get_setting(s, key=key)

    def _put_setting(self, key: str, value: Any) -> None:
        with self.ctx.db.transaction() as s:
            repo.put_setting(s, key=key, value=value)

    @guard("client.read")
    def settings(self) -> KommuneSettings:
        """The shipped defaults with the kommune's stored overrides applied."""
        base = self._default_settings
        stored = self._setting(SETTINGS_KEY) or {}
        return dataclasses.replace(base, **{k: v for k, v in stored.items() if k in EDITABLE})

    @guard("settings.write", "settings.save")
    def save_settings(self, values: dict[str, Any]) -> KommuneSettings:
        """Validate and store kommune settings (name, number, cap, startlån terms)."""
        clean = {}
        for key, value in values.items():
            if key not in EDITABLE:
                raise InvalidValue(tr("Ukjent innstilling «{k}».", k=key))
            clean[key] = str(value).strip() if EDITABLE[key] is str else _number(value, key, EDITABLE[key])
        if "number" in clean:
            clean["number"] = validation.municipality_number(clean["number"], required=True)
        self._put_setting(SETTINGS_KEY, {**(self._setting(SETTINGS_KEY) or {}), **clean})
        return self.settings()

    @guard("answers.read:opening", "plan.household.read")
    def household(self, visit_id: str) -> dict[str, Any]:
        """The household economy and housing facts recorded for the visit (absent = not recorded)."""
        with self.ctx.db.transaction() as s:
            stored = stored_household(s, visit_id)
            facts = facts_repo.get_facts(s, visit_id=visit_id)
        return {**{k: v for k, v in stored.items() if k not in LEGACY_FIELDS}, **facts}

    @guard("answers.write:opening", "plan.household.save")
    def save_household(self, visit_id: str, values: dict[str, Any]) -> dict[str, Any]:
        """Validate and merge household facts into what is stored; returns the stored whole."""
        clean = clean_household(values)
        with self.ctx.db.transaction() as s:
            store_plan(s, visit_id, household=clean, by=self.ctx.actor)
        return self.household(visit_id)

    @guard("answers.read:opening", "plan.statement.read")
    def statement(self, visit_id: str) -> str:
        """The therapist's stored statement ("" when none)."""
        with self.ctx.db.transaction() as s:
            return household_repo.get_statement(s, visit_id=visit_id)

    @guard("answers.write:opening", "plan.statement.save")
    def save_statement(self, visit_id: str, text: str) -> None:
        """Validate and store the therapist's statement."""
        clean = clean_statement(text)
        with self.ctx.db.transaction() as s:
            store_plan(s, visit_id, statement=clean, by=self.ctx.actor)

    @guard("measure.write")
    def generate_proposals(self, visit_id: str) -> list[MeasureRecord]:
        """Add proposals for triggered catalogue measures not already on the visit."""
        score = self.ctx.assessment.result(visit_id)
        data = self.ctx.answers.assessment_data(visit_id)
        measures = MeasureService(self.ctx)
        existing = {(m.catalogue_id, m.room_id) for m in measures.list(visit_id)}
        created = []
        for p in propose(score, data, self.catalogue, self.settings().price_list):
            if (p.measure_id, p.room_id) in existing:
                continue
            entry = self.catalogue.get(p.measure_id)
            created.append(measures.save(visit_id, {
                "catalogue_id": p.measure_id, "title": p.title, "domain": p.domain, "status": "proposed",
                "reason": "; ".join(p.reasons) if p.reasons else p.reason, "responsible_role": p.responsible,
                "kind": p.kind, "cost_min": p.cost.amount_min, "cost_max": p.cost.amount_max,
                "quantity": p.cost.quantity, "unit_price": p.cost.unit_price, "unit": p.cost.unit or "",
                "details": {"explanation": getattr(entry, "explanation", "")},
                "room_id": p.room_id,
            }))
        return created

    def _entrance(self, visit_id: str) -> tuple[float | None, float | None]:
        """Rise (cm) and available length (m) measured at the entrance (the first entrance with a rise)."""
        for room in self.ctx.answers.assessment_data(visit_id).rooms:
            rise = room.answers.get("housing_entrance_rise_cm")
            if room.type == "entrance" and rise is not None:
                return rise, room.answers.get("housing_entrance_available_length_m")
        return None, None

    @guard("answers.read:housing")
    def ramp(self, visit_id: str) -> dict[str, Any] | None:
        """Ramp length at 1:15 and 1:12 for the measured entrance rise, and whether it fits."""
        rise, available = self._entrance(visit_id)
        if not rise or rise <= 0:
            return None
        return ramp_requirement(rise, available, self.settings().rules).to_dict()

    def _plan_measure(self, m: MeasureRecord, entrance: tuple[float | None, float | None]) -> PlanMeasure | None:
        cost = m.cost
        if cost is None:
            return None
        entry = self._entry(m.catalogue_id)
        if entry is not None:  # one plan line per stored measure (a measure may repeat per room)
            rise, available = entrance if entry.ramp else (None, None)
            line = PlanMeasure.from_measure(entry, cost, rise_cm=rise, available_m=available,
                                            non_nav_cost=m.non_nav_cost, allocations=m.allocations,
                                            cost_basis=m.cost_basis)
            return dataclasses.replace(line, id=m.id, title=m.title)
        return PlanMeasure(m.id, m.title, parse_amount(cost), m.kind, frozenset(), (), allocations=m.allocations,
                           non_nav_cost=m.non_nav_cost, cost_basis=m.cost_basis)

    def _entry(self, catalogue_id: str | None) -> Any:
        return self.catalogue.get(catalogue_id) if catalogue_id else None

    @guard("measure.read")
    def plan(self, visit_id: str, *, score: ScoreResult | None = None,
             measures: list[MeasureRecord] | None = None) -> dict[str, Any]:
        """The financing plan for accepted measures, with warnings and the expected effect.

        Args:
            visit_id: The visit.
            score: The visit's current scoring result, when the caller has already computed it.
            measures: The visit's measures (all statuses), when the caller has already read them.
        """
        if measures is None:
            measures = MeasureService(self.ctx).list(visit_id)
        measures = [m for m in measures if m.status in ACTIVE]
        entrance = self._entrance(visit_id)
        plan_measures = [pm for m in measures if (pm := self._plan_measure(m, entrance))]
        recorded = self.household(visit_id)
        household = Household(**{k: v for k, v in recorded.items() if k in HOUSEHOLD_FIELDS or k in FACT_FIELDS})
        plan = {"plan_version": PLAN_VERSION, **build_plan(plan_measures, self.settings(), household).to_dict()}
        plan["uncosted"] = [m.title for m in measures if m.cost is None]
        plan["measure_warnings"] = {
            m.title: measure_warnings(e.kind, e.flags, e.channels, e.title)
            for m in measures if (e := self._entry(m.catalogue_id)) is not None
        }
        if score is None:
            score = self.ctx.assessment.result(visit_id)
        plan["expected_effect"] = expected_effect(score, [m.catalogue_id for m in measures if m.catalogue_id],
                                                  self.catalogue, self.ctx.answers.assessment_data(visit_id))
        plan["ramp"] = self.ramp(visit_id)
        return plan
