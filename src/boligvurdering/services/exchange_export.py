"""Build an exchange document from the store (the inverse of the import)."""

from __future__ import annotations

from typing import Any

from boligvurdering.domain.errors import found
from boligvurdering.formsengine.active import active_answers
from boligvurdering.formsengine.model import FormRegistry
from boligvurdering.i18n import tr
from boligvurdering.security.categories import HIDDEN
from boligvurdering.services.exchange_parse import FORMAT, VERSION
from boligvurdering.store import answers as answer_repo
from boligvurdering.store import clients as client_repo
from boligvurdering.store import extras as extras_repo
from boligvurdering.store import financing as financing_repo
from boligvurdering.store import household as household_repo
from boligvurdering.store import visits as visit_repo


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def _client(c: Any) -> dict[str, Any]:
    return {"national_id": c.national_id, "given_name": c.given_name, "family_name": c.family_name,
            "birth_date": c.birth_date.isoformat(), "sex": c.sex, "phone": c.phone,
            "lives_alone": c.lives_alone, "notes": c.notes, "malform": c.malform}


def _dwelling(d: Any) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"address": d.address, "postal_code": d.postal_code, "postal_place": d.postal_place,
            "municipality_number": d.municipality_number, "dwelling_type": d.dwelling_type,
            "floors": d.floors, "entrance_floor": d.entrance_floor, "has_lift": d.has_lift,
            "tenure": d.tenure or None, "year_built": d.year_built}


def _visit(v: Any) -> dict[str, Any]:
    team = [{"id": m.member.id, "name": m.member.name, "role": m.role, "phone": m.member.phone or None,
             "contact": m.member.id == v.contact_member_id, "signed_at": _iso(m.signed_at)} for m in v.members]
    return {"id": v.id, "status": v.status, "visit_date": _iso(v.visit_date), "referral_date": _iso(v.referral_date),
            "referral_source": v.referral_source or None, "referral_reason": v.referral_reason,
            "priority": v.priority, "notes": v.notes, "team": team}


def _measure(m: Any) -> dict[str, Any]:
    return {"id": m.id, "catalogue_id": m.catalogue_id, "title": m.title, "domain": m.domain, "status": m.status,
            "reason": m.reason, "reject_reason": m.reject_reason, "priority": m.priority,
            "responsible_role": m.responsible_role, "due_date": _iso(m.due_date), "room": m.room_id,
            "quantity": m.quantity, "unit": m.unit, "unit_price": m.unit_price, "quote_amount": m.quote_amount,
            "quote_supplier": m.quote_supplier, "quote_date": _iso(m.quote_date), "cost_min": m.cost_min,
            "cost_max": m.cost_max, "kind": m.kind, "details": m.details, "allocations": m.allocations,
            "done_at": _iso(m.done_at), "non_nav_cost": m.non_nav_cost}


def _plan(s: Any, visit_id: str) -> dict[str, Any]:
    """The household and the statement; a household this account cannot open is left out (which an
    import reads as «unchanged»), never sent half."""
    plan: dict[str, Any] = {"statement": household_repo.get_statement(s, visit_id=visit_id)}
    stored = household_repo.get_household(s, visit_id=visit_id)
    if stored is not HIDDEN:
        plan["household"] = _household(s, visit_id, stored)
    return dict(sorted(plan.items()))


def _household(s: Any, visit_id: str, stored: dict[str, Any]) -> dict[str, Any]:
    """Economy (as stored) and consent/bank facts; tenure travels with the dwelling."""
    facts = {k: v for k, v in financing_repo.get_facts(s, visit_id=visit_id).items() if k != "tenure"}
    return {**{k: v for k, v in stored.items() if k != "owns_home"}, **facts}


def _photo(p: Any) -> dict[str, Any]:
    return {"id": p.id, "file_name": p.file_name, "caption": p.caption, "room": p.room_id,
            "question_id": p.question_id, "measure": p.measure_id, "width": p.width, "height": p.height,
            "sha256": p.sha256, "taken_at": _iso(p.taken_at), "size_bytes": p.size_bytes}


def build_document(s: Any, visit_id: str, registry: FormRegistry) -> dict[str, Any]:
    """The exchange document of one visit; hidden (inactive) answers are not exported."""
    visit = found(visit_repo.get_visit(s, visit_id=visit_id), tr("Fant ikke besøket."))
    client = client_repo.get_client(s, client_id=visit.client_id)
    dwelling = client_repo.get_dwelling(s, dwelling_id=visit.dwelling_id) if visit.dwelling_id else None
    visit_answers, per_room = active_answers(registry, *answer_repo.answers_of(s, visit_id=visit_id))
    rooms = visit_repo.rooms_of(s, visit_id=visit_id)
    return {
        "format": FORMAT,
        "version": VERSION,
        "client": _client(client),
        "dwelling": _dwelling(dwelling),
        "visit": _visit(visit),
        "answers": dict(sorted(visit_answers.items())),
        "rooms": [{"id": r.id, "type": r.type, "name": r.name, "floor": r.floor,
                   "answers": dict(sorted(per_room.get(r.id, {}).items()))} for r in rooms],
        "measures": [_measure(m) for m in extras_repo.measures_of(s, visit_id=visit_id)],
        "photos": [_photo(p) for p in extras_repo.photos_of(s, visit_id=visit_id)],
        "forms": [{"id": f, "version": ver, "hash": h} for f, ver, h in answer_repo.assessments_of(s, visit_id=visit_id)],
        "plan": _plan(s, visit_id),
    }
