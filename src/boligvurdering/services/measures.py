"""Measures (tiltak) of a visit: validation, storing, accepting/rejecting, costs, allocations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from boligvurdering.domain import validation as v
from boligvurdering.domain.enums import RISK_DOMAINS, MeasureStatus
from boligvurdering.domain.errors import InvalidValue, NotFound, Problem, found
from boligvurdering.domain.records import MeasureRecord
from boligvurdering.i18n import tr
from boligvurdering.measures.costs import parse_amount
from boligvurdering.services import audit
from boligvurdering.services.access import guard, require
from boligvurdering.services.collect import Collector
from boligvurdering.store import extras as repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

DOMAINS = (*RISK_DOMAINS, "referral", "other")
KINDS = ("nav_loan", "permanent", "service", "own_purchase")
MAX_AMOUNT = 20_000_000


def money(value: Any, label: str, *, allow_none: bool = True) -> float | None:
    """A non-negative amount in NOK; refuses text, NaN, negatives and absurd values."""
    if value is None and allow_none:
        return None
    if isinstance(value, str):  # stored amounts come as numbers; text is parsed by the forms
        raise InvalidValue(tr("{label} må være et tall.", label=label))
    amount = parse_amount(value, label)
    if amount > MAX_AMOUNT:
        raise InvalidValue(tr("{label} er urimelig høyt (over kr 20 000 000).", label=label))
    return amount


def _text(data: dict[str, Any], key: str, label: str, c: Collector, limit: int = 2000) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        c.problems.append(Problem(f"{c.prefix}{key}", tr("{label} må være tekst (høyst {n} tegn).", label=label, n=limit)))
        return ""
    return value


def clean_measure(data: dict[str, Any], c: Collector) -> dict[str, Any]:
    """Validate the editable fields of a measure, collecting every problem."""
    out: dict[str, Any] = {
        "title": c.field("title", lambda: v.name(data.get("title"), tr("Tittel"))),
        "domain": c.field("domain", lambda: v.one_of(data.get("domain", "other"), DOMAINS, tr("Område"))),
        "kind": c.field("kind", lambda: v.one_of(data.get("kind", "permanent"), KINDS, tr("Type tiltak"))),
        "catalogue_id": data.get("catalogue_id") if isinstance(data.get("catalogue_id"), str) else None,
        "priority": c.field("priority", lambda: v.optional_int(data.get("priority", 2), tr("Prioritet"), 1, 3)) or 2,
        "responsible_role": _text(data, "responsible_role", tr("Ansvarlig rolle"), c, 40),
        "unit": _text(data, "unit", tr("Enhet"), c, 20),
        "quote_supplier": _text(data, "quote_supplier", tr("Leverandør"), c, 200),
    }
    for key, label in (("reason", tr("Begrunnelse")), ("reject_reason", tr("Grunn til avvisning"))):
        out[key] = _text(data, key, label, c)
    labels = {"quantity": tr("Antall"), "unit_price": tr("Enhetspris"), "quote_amount": tr("Tilbudsbeløp"),
              "cost_min": tr("Laveste kostnad"), "cost_max": tr("Høyeste kostnad"),
              "non_nav_cost": tr("Kostnaden Nav ikke dekker")}
    for key, label in labels.items():
        out[key] = c.field(key, money, data.get(key), label)
    if out["cost_min"] is not None and out["cost_max"] is not None and out["cost_min"] > out["cost_max"]:
        c.problems.append(Problem(f"{c.prefix}cost_min", tr("Laveste kostnad er høyere enn høyeste.")))
    for key, label in (("due_date", tr("Frist")), ("quote_date", tr("Tilbudsdato")), ("done_at", tr("Utført dato"))):
        out[key] = c.field(key, v.iso_date, data[key], label) if data.get(key) else None
    details = data.get("details", {})
    out["details"] = details if isinstance(details, dict) else {}
    allocations = data.get("allocations", {}) or {}
    if not isinstance(allocations, dict):
        c.problems.append(Problem(f"{c.prefix}allocations", tr("må være et objekt (ordning → beløp)")))
        allocations = {}
    out["allocations"] = {str(k): c.field(f"allocations.{k}", money, a, tr("Beløp"), allow_none=False)
                          for k, a in allocations.items()}
    return out


class MeasureService:
    """Store and edit the measures of a visit."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @guard("measure.write")
    def save(self, visit_id: str, data: dict[str, Any], measure_id: str | None = None) -> MeasureRecord:
        """Create or update a measure; raises ``ValidationFailed`` listing every problem."""
        c = Collector()
        clean = clean_measure(data, c)
        status = data.get("status", MeasureStatus.PROPOSED.value)
        clean["status"] = c.field("status", lambda: v.enum_value(status, MeasureStatus, tr("Status")))
        if clean["status"] == MeasureStatus.REJECTED.value and not clean["reject_reason"].strip():
            c.problems.append(Problem("reject_reason", tr("Skriv hvorfor tiltaket avvises.")))
        clean["room_id"] = data.get("room_id")
        clean["responsible_member_id"] = data.get("responsible_member_id")
        c.raise_if_any(tr("Tiltaket kan ikke lagres"))
        allocations = clean.pop("allocations")
        require(self.ctx, "measure.write")
        with self.ctx.db.transaction() as s:
            before = repo.get_measure(s, measure_id=measure_id) if measure_id else None
            audit.record(self.ctx, s, "measure.save", visit_id=visit_id, record_type="measure", record_id=measure_id or "(ny)",
                         details=audit.changes({k: getattr(before, k, None) for k in clean}, clean))
            record = repo.upsert_measure(s, visit_id=visit_id, id=measure_id, **clean)
            repo.set_allocations(s, measure_id=record.id, allocations=allocations)
            return found(repo.get_measure(s, measure_id=record.id), tr("Fant ikke tiltaket."))

    @guard("measure.write")
    def set_status(self, measure_id: str, status: str, reject_reason: str = "") -> MeasureRecord:
        status = v.enum_value(status, MeasureStatus, tr("Status"))
        if status == MeasureStatus.REJECTED.value and not reject_reason.strip():
            raise InvalidValue(tr("Skriv hvorfor tiltaket avvises."))
        require(self.ctx, "measure.write")
        with self.ctx.db.transaction() as s:
            record = repo.get_measure(s, measure_id=measure_id)
            if record is None:
                raise NotFound(tr("Fant ikke tiltaket."))
            audit.record(self.ctx, s, "measure.status", visit_id=record.visit_id, record_type="measure", record_id=measure_id, details={"changed": {"status": [record.status, status]}})
            repo.upsert_measure(s, visit_id=record.visit_id, id=measure_id, status=status, reject_reason=reject_reason)
            return found(repo.get_measure(s, measure_id=measure_id), tr("Fant ikke tiltaket."))

    def list(self, visit_id: str) -> list[MeasureRecord]:
        require(self.ctx, "measure.read")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "measure.list", visit_id=visit_id)
            return repo.measures_of(s, visit_id=visit_id)

    def delete(self, measure_id: str) -> None:
        require(self.ctx, "measure.write")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "measure.delete", record_type="measure", record_id=measure_id)
            repo.delete_measure(s, measure_id=measure_id)
