"""Turn records, answers and the scoring result into the plain document model (pure functions)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from boligvurdering.domain.enums import (
    RISK_DOMAINS,
    DwellingType,
    MeasureStatus,
    RiskLevel,
    Role,
    Tenure,
    band_label,
)
from boligvurdering.domain.formatting import format_date, format_money, format_number
from boligvurdering.domain.reason_texts import render
from boligvurdering.domain.records import ClientRecord, DwellingRecord, MeasureRecord, RoomRecord
from boligvurdering.i18n import retranslate, tr
from boligvurdering.reports.model import (
    AnswerGroup,
    CheckLine,
    ClientInfo,
    Finding,
    FollowUpLine,
    InstrumentLine,
    MeasureLine,
    PlanApplicationLine,
    PlanChannelLine,
    PlanLine,
    PlanView,
    RampView,
)
from boligvurdering.reports.texts import TEXTS, t
from boligvurdering.scoring.result import DomainResult, ScoreResult

DOMAIN_ORDER = RISK_DOMAINS


def label(key: str, fallback: str = "") -> str:
    """A catalogue text if the key exists, else ``fallback`` (unknown ids never crash a document)."""
    return t(key) if key in TEXTS else fallback


def _enum_label(enum: Any, value: str) -> str:
    try:
        return enum(value).label()
    except ValueError:
        return value


def role_label(role: str) -> str:
    """A responsible role in words; roles outside the team (``other_service``) from the catalogue."""
    if not role:
        return ""
    return label(f"role.{role}", "") or _enum_label(Role, role)


def client_info(client: ClientRecord, dwelling: DwellingRecord | None, day: date,
                floors_seen: Any = None) -> ClientInfo:
    """The client and dwelling for print; floors counted on the visit win over the register."""
    d = dwelling
    return ClientInfo(
        name=client.full_name, national_id=client.national_id, birth_date=format_date(client.birth_date),
        age=client.age_on(day), phone=client.phone,
        address=d.address if d else "", postal=f"{d.postal_code} {d.postal_place}".strip() if d else "",
        municipality_number=d.municipality_number if d else "",
        dwelling_type=_enum_label(DwellingType, d.dwelling_type) if d else "",
        tenure=_enum_label(Tenure, d.tenure) if d and d.tenure else "",
        floors=format_number(floors_seen) if isinstance(floors_seen, int | float) and not isinstance(floors_seen, bool)
        else (str(d.floors) if d and d.floors is not None else ""),
        year_built=str(d.year_built) if d and d.year_built else "", lives_alone=client.lives_alone,
        gp_name=client.gp_name, gnr=d.gnr if d else "", bnr=d.bnr if d else "")


def findings(result: ScoreResult) -> tuple[Finding, ...]:
    """Each risk domain's level and reasons in words (the current language)."""
    out = []
    for domain in DOMAIN_ORDER:
        entry = result.domains.get(domain) or DomainResult()
        out.append(Finding(domain, entry.level, _enum_label(RiskLevel, entry.level), tuple(entry.reasons)))
    return tuple(out)


def instruments(result: ScoreResult) -> tuple[InstrumentLine, ...]:
    out = []
    for iid, r in result.instruments.items():
        value = r.score
        text = format_number(value) if isinstance(value, int | float) and not isinstance(value, bool) else ""
        word = band_label(r.band, iid)  # FIRE-7 fail: «brudd på § 7 i forskrift om brannforebygging»
        word = word[:1].upper() + word[1:]
        out.append(InstrumentLine(iid, text, r.band, word, r.source_text, len(r.missing), value))
    return tuple(out)


def checks(result: ScoreResult) -> tuple[CheckLine, ...]:
    out = []
    for c in result.checks:
        measured = c.measured
        text = format_number(measured) if isinstance(measured, int | float) and not isinstance(measured, bool) \
            else ("" if measured is None else str(measured))
        out.append(CheckLine(c.title, c.room_name or "", f"{text} {c.unit or ''}".strip() if text else "",
                             c.requirement, c.result, c.explanation))
    return tuple(out)


def rules(result: ScoreResult) -> tuple[str, ...]:
    """The explanations of the rules that fired, in words."""
    return tuple(r.explanation for r in result.rules)


def _iso_to_text(value: Any) -> str:
    if isinstance(value, date | datetime):
        return format_date(value)
    try:
        return format_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value or "")


def not_before(due: date | None, start: date | None, today: date) -> date | None:
    """A due date that has passed is counted again from ``today`` (same interval as from ``start``)."""
    if due is None or due >= today:
        return due
    interval = (due - start).days if start is not None and due >= start else 0
    return today + timedelta(days=max(interval, 14))


def follow_ups(result: ScoreResult, visit_date: date | None = None,
               today: date | None = None) -> tuple[FollowUpLine, ...]:
    """Follow-ups in date order; none is ever printed with a date before the document date."""
    today = today or date.today()
    lines = []
    for f in result.follow_up:
        due = not_before(f.due, visit_date, today)
        lines.append(FollowUpLine(f.kind, format_date(due) if due else "", render(f.reason), due))
    return tuple(sorted(lines, key=lambda ln: ln.due_date or date.max))


def derived(result: ScoreResult) -> tuple[tuple[str, str], ...]:
    d = result.derived
    rows = []
    if d.get("age") is not None:
        rows.append((t("archive.age"), str(d["age"])))
    if d.get("bmi") is not None:
        rows.append((t("archive.bmi"), format_number(d["bmi"])))
    if d.get("weight_loss_percent") is not None:
        rows.append((t("archive.weight_loss"), f"{format_number(d['weight_loss_percent'])} %"))
    if d.get("undernutrition_degree"):
        rows.append((t("archive.undernutrition"), label(f"undernutrition.{d['undernutrition_degree']}")))
    return tuple(rows)


def answer_text(q: Any, value: Any) -> str:
    """An answer as a person reads it: «Ja», option labels, «12,5 s»."""
    if value is None:
        return ""
    if q.type == "yes_no" or isinstance(value, bool):
        return t("common.yes") if value else t("common.no")
    if q.type == "single_choice":
        opt = q.option(str(value))
        return tr(opt.label) if opt else str(value)
    if q.type == "multi_choice":
        return ", ".join((tr(q.option(str(v)).label) if q.option(str(v)) else str(v)) for v in value)
    if q.type in ("measurement", "decimal", "integer"):
        return f"{format_number(value)} {q.unit or ''}".strip()
    if q.type == "date":
        return _iso_to_text(value)
    return str(value)


def answer_groups(registry: Any, answers: Mapping[str, Any]) -> tuple[AnswerGroup, ...]:
    """Visit-level answers grouped by form section, in form order."""
    groups = []
    for section in registry.visit_sections():
        rows = tuple((tr(q.text), answer_text(q, answers[q.id])) for q in section.questions
                     if answers.get(q.id) is not None)
        if rows:
            groups.append(AnswerGroup(tr(section.title), rows))
    return tuple(groups)


def room_groups(registry: Any, rooms: Iterable[RoomRecord], per_room: Mapping[str, Mapping[str, Any]]) -> tuple[AnswerGroup, ...]:
    groups = []
    for room in rooms:
        answers = per_room.get(room.id, {})
        rows = tuple((tr(q.text), answer_text(q, answers[q.id])) for s in registry.room_sections(room.type)
                     for q in s.questions if answers.get(q.id) is not None)
        groups.append(AnswerGroup(room.name, rows))
    return tuple(groups)


def facts(registry: Any, answers: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """Visit-level answers by question id: (question text, answer text)."""
    out = {}
    for qid, value in answers.items():
        q = registry.question(qid)
        if q is not None and value is not None:
            out[qid] = (tr(q.text), answer_text(q, value))
    return out


def cost_basis(m: MeasureRecord) -> str:
    if m.quote_amount is not None:
        when = format_date(m.quote_date).replace(" ", "\u00a0")  # a date is never split across lines
        return t("app.cost_basis.quote", supplier=m.quote_supplier or "?", date=when)
    if m.quantity is not None and m.unit_price is not None:
        return t("app.cost_basis.quantity", qty=format_number(m.quantity), unit=m.unit, price=format_money(m.unit_price))
    if m.cost_min is not None and m.cost_max is not None:
        return t("app.cost_basis.range", low=format_money(m.cost_min), high=format_money(m.cost_max))
    return t("app.cost_basis.none")


def is_ramp(m: MeasureRecord) -> bool:
    """The catalogue's outdoor ramp, or a measure recorded as a ramp."""
    return m.catalogue_id == "outdoor_ramp" or bool(m.details.get("ramp"))


def measure_line(m: MeasureRecord, room_names: Mapping[str, str], explanation: str = "") -> MeasureLine:
    return MeasureLine(
        title=tr(m.title), domain=m.domain, status=m.status, status_label=_enum_label(MeasureStatus, m.status),
        reason=retranslate(m.reason), responsible=role_label(m.responsible_role), due=format_date(m.due_date), cost=m.cost,
        cost_basis=cost_basis(m), room=room_names.get(m.room_id or "", ""), kind=m.kind, supplier=m.quote_supplier,
        ramp=is_ramp(m), quoted=m.cost_basis == "tilbud", explanation=explanation or str(m.details.get("explanation") or ""),
        due_date=m.due_date)


def _f(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def plan_view(plan: Mapping[str, Any]) -> PlanView:
    """A financing plan dict (``FinancingPlan.to_dict()``) as print rows."""
    channels = tuple(PlanChannelLine(tr(c.get("name", c.get("id", ""))), _f(c.get("amount")),
                                     None if c.get("cap") is None else _f(c.get("cap")), retranslate(c.get("note", "")),
                                     c.get("id", ""))
                     for c in plan.get("channels", ()) if _f(c.get("amount")) > 0)
    lines = tuple(PlanLine(tr(ln.get("title", "")), _f(ln.get("cost")),
                           tuple((str(k), _f(v)) for k, v in (ln.get("allocations") or {}).items()))
                  for ln in plan.get("lines", ()))
    apps = tuple(PlanApplicationLine(int(a.get("order", i + 1)), tr(a.get("name", "")), _f(a.get("amount")),
                                     tr(a.get("decided_by", "")), tuple(tr(d) for d in a.get("documents", ())),
                                     retranslate(a.get("note", "")))
                 for i, a in enumerate(plan.get("applications", ())))
    loans = tuple(t("plan.loan_line", name=tr(ln.get("channel", "")), amount=format_money(ln.get("amount")),
                    years=ln.get("years", ""), monthly=format_money(ln.get("monthly_payment")))
                  for ln in plan.get("loans", ()))
    warnings = list(plan.get("warnings", ()))
    if plan.get("bostotte_hint"):
        warnings.append(plan["bostotte_hint"])
    total = _f(plan.get("total_cost"))
    gap = _f(plan.get("gap"))
    by = plan.get("cost_by_basis") or {}
    note = t("plan.basis", estimate=format_money(_f(by.get("overslag"))), quote=format_money(_f(by.get("tilbud"))))
    return PlanView(total, _f(plan.get("covered", total - gap)), gap, channels, apps, loans,
                    tuple(dict.fromkeys(warnings)), note, lines=lines)


def ramp_view(r: Mapping[str, Any]) -> RampView:
    """The ramp calculation of the plan (domain/ramp.py: rest landings and the level landing at the door)."""
    avail = r.get("available_length_m")
    total_15, total_12 = _f(r.get("total_1_15_m")), _f(r.get("total_1_12_m"))
    fits_15, fits_12, notes = bool(r.get("fits_1_15")), bool(r.get("fits_1_12")), list(r.get("notes", ()))
    return RampView(_f(r.get("rise_cm")), None if avail is None else _f(avail), _f(r.get("length_1_15_m")),
                    _f(r.get("length_1_12_m")), int(r.get("landings") or 0), total_15, total_12, fits_15, fits_12,
                    _f(r.get("nav_cap_excl_vat")), _f(r.get("nav_cap_incl_vat")), tuple(notes))


_HOUSEHOLD_KEYS = (("civil_status", "app.household.civil", "civil"),
                   ("gross_income_year", "app.household.income", "money"),
                   ("net_income_month", "app.household.net_income", "money"),
                   ("living_costs_month", "app.household.living_costs", "money"),
                   ("housing_costs_month", "app.household.housing_costs", "money"),
                   ("savings", "app.household.wealth", "money"),
                   ("wealth", "app.household.other_wealth", "money"),
                   ("debt", "app.household.debt", "money"),
                   ("earlier_husbanken_grants", "app.household.earlier", "text"),
                   ("board_consent", "app.household.board_consent", "bool"),
                   ("landlord_consent", "app.household.landlord_consent", "bool"),
                   ("bank_refusal", "app.household.bank_refusal", "bool"),
                   ("lasting_reduced_function", "app.household.lasting", "bool"))


def household_size(h: Mapping[str, Any] | None) -> int | None:
    """Persons in the household: the recorded count, never fewer than the members named."""
    if not h:
        return None
    named = len(h.get("co_residents") or ())
    members = h.get("members")
    if members is None and not named:
        return None
    return max(int(members or 1), 1 + named)


def persons(n: int) -> str:
    """«1 person», «2 personer»."""
    return t("app.household.persons_one") if n == 1 else t("app.household.persons", n=n)


def _household_value(kind: str, value: Any) -> str:
    if kind == "bool":
        return t("common.yes") if value else t("common.no")
    if kind == "money":
        return format_money(_f(value))
    if kind == "civil":
        return label(f"civil.{value}", str(value))
    return str(value)


def household_rows(h: Mapping[str, Any] | None) -> tuple[tuple[str, str], ...]:
    """HB 7.S.13 household fields that are known, as (label, value); each co-resident with income."""
    if not h:
        return ()
    size = household_size(h)
    rows = [(t("app.household.members"), persons(size))] if size else []
    for person in h.get("co_residents") or ():
        who = f"{person.get('name', '')} ({person['relation']})" if person.get("relation") else person.get("name", "")
        income = person.get("income_year")
        rows.append((t("app.household.member"), who if income is None else
                     t("app.household.member_income", who=who, amount=format_money(_f(income)))))
    for key, text_key, kind in _HOUSEHOLD_KEYS:
        value = h.get(key)
        if value not in (None, ""):
            rows.append((t(text_key), _household_value(kind, value)))
    return tuple(rows)
