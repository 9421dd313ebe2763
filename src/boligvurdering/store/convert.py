"""Table rows → domain records (the only place that knows both)."""

from __future__ import annotations

import json

from boligvurdering.domain import records as r
from boligvurdering.store import models as m


def sid(value: object) -> str | None:
    return None if value is None else str(value)


def client(row: m.Client) -> r.ClientRecord:
    return r.ClientRecord(str(row.id), row.national_id, row.given_name, row.family_name,
                          row.birth_date, row.sex, row.phone, row.lives_alone, row.notes, row.gp_name, row.active,
                          row.malform)


def dwelling(row: m.Dwelling) -> r.DwellingRecord:
    return r.DwellingRecord(str(row.id), str(row.client_id), row.address, row.postal_code,
                            row.postal_place, row.municipality_number, row.dwelling_type, row.floors,
                            row.entrance_floor, row.has_lift, row.tenure, row.year_built, row.gnr, row.bnr)


def member(row: m.TeamMember) -> r.MemberRecord:
    return r.MemberRecord(str(row.id), row.name, row.role, row.phone, row.email, row.active, row.username)


def room(row: m.Room) -> r.RoomRecord:
    return r.RoomRecord(str(row.id), str(row.visit_id), row.type, row.name, row.floor, row.sort_order)


def visit(row: m.Visit, members: tuple[r.VisitMemberRecord, ...] = ()) -> r.VisitRecord:
    return r.VisitRecord(
        id=str(row.id), client_id=str(row.client_id), dwelling_id=sid(row.dwelling_id),
        status=row.status, visit_date=row.visit_date, referral_date=row.referral_date,
        referral_source=row.referral_source, referral_reason=row.referral_reason,
        priority=row.priority, contact_member_id=sid(row.contact_member_id), notes=row.notes,
        risk_rank=row.risk_rank, next_due=row.next_due, members=members, updated_at=row.updated_at,
        condition=row.condition,
    )


def photo(row: m.Photo) -> r.PhotoRecord:
    return r.PhotoRecord(str(row.id), str(row.visit_id), row.file_name, row.caption, sid(row.room_id),
                         row.question_id, sid(row.measure_id), row.width, row.height, row.sha256,
                         row.original_name, row.taken_at, row.size_bytes)


def measure(row: m.Measure, allocations: dict[str, float] | None = None) -> r.MeasureRecord:
    return r.MeasureRecord(
        id=str(row.id), visit_id=str(row.visit_id), title=row.title, domain=row.domain,
        status=row.status, catalogue_id=row.catalogue_id, reason=row.reason,
        reject_reason=row.reject_reason, priority=row.priority,
        responsible_role=row.responsible_role, responsible_member_id=sid(row.responsible_member_id),
        due_date=row.due_date, room_id=sid(row.room_id), quantity=row.quantity, unit=row.unit,
        unit_price=row.unit_price, quote_amount=row.quote_amount, quote_supplier=row.quote_supplier,
        quote_date=row.quote_date, cost_min=row.cost_min, cost_max=row.cost_max, kind=row.kind,
        details=json.loads(row.details_json or "{}"), allocations=dict(allocations or {}),
        done_at=row.done_at, non_nav_cost=row.non_nav_cost,
    )
