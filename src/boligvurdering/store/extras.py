"""Data access for photos, measures with allocations, follow-ups and settings."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlmodel import Session, col, delete, select

from boligvurdering.domain import records as r
from boligvurdering.store import convert
from boligvurdering.store.models import FollowUp, Measure, MeasureAllocation, Photo, Setting
from boligvurdering.store.util import as_uuid as _uuid
from boligvurdering.store.util import assign, make


def _fix(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if "details" in out:
        out["details_json"] = json.dumps(out.pop("details"), ensure_ascii=False)
    return out


def add_photo(session: Session, *, visit_id: str, id: str | None = None, **fields: Any) -> r.PhotoRecord:
    row = make(Photo, {"id": id, "visit_id": visit_id, **fields})
    session.add(row)
    session.flush()
    return convert.photo(row)


def update_photo(session: Session, *, photo_id: str, **fields: Any) -> None:
    row = session.get(Photo, _uuid(photo_id))
    if row is None:
        raise KeyError(photo_id)
    assign(row, fields)
    session.flush()


def delete_photo(session: Session, *, photo_id: str) -> None:
    session.exec(delete(Photo).where(col(Photo.id) == _uuid(photo_id)))


def photos_of(session: Session, *, visit_id: str) -> list[r.PhotoRecord]:
    rows = session.exec(select(Photo).where(Photo.visit_id == _uuid(visit_id)).order_by(Photo.created_at))
    return [convert.photo(row) for row in rows]


def get_photo(session: Session, *, photo_id: str) -> r.PhotoRecord | None:
    row = session.get(Photo, _uuid(photo_id))
    return convert.photo(row) if row else None


def upsert_measure(session: Session, *, visit_id: str, id: str | None = None, **fields: Any) -> r.MeasureRecord:
    row = session.get(Measure, _uuid(id)) if id else None
    if row is None:
        row = make(Measure, {"id": id, "visit_id": visit_id, **_fix(fields)})
        session.add(row)
    else:
        assign(row, _fix(fields))
    session.flush()
    return convert.measure(row, _allocations(session, row.id))


def _allocations(session: Session, measure_id: Any) -> dict[str, float]:
    rows = session.exec(select(MeasureAllocation).where(MeasureAllocation.measure_id == measure_id))
    return {a.channel: a.amount for a in rows}


def set_allocations(session: Session, *, measure_id: str, allocations: dict[str, float]) -> None:
    mid = _uuid(measure_id)
    session.exec(delete(MeasureAllocation).where(col(MeasureAllocation.measure_id) == mid))
    for channel, amount in allocations.items():
        session.add(MeasureAllocation(measure_id=mid, channel=channel, amount=amount))
    session.flush()


def measures_of(session: Session, *, visit_id: str) -> list[r.MeasureRecord]:
    rows = session.exec(select(Measure).where(Measure.visit_id == _uuid(visit_id)).order_by(Measure.priority, Measure.created_at))
    return [convert.measure(row, _allocations(session, row.id)) for row in rows]


def get_measure(session: Session, *, measure_id: str) -> r.MeasureRecord | None:
    row = session.get(Measure, _uuid(measure_id))
    return convert.measure(row, _allocations(session, row.id)) if row else None


def delete_measure(session: Session, *, measure_id: str) -> None:
    session.exec(delete(Measure).where(col(Measure.id) == _uuid(measure_id)))


def replace_follow_ups(session: Session, *, visit_id: str, items: list[tuple[str, date, str]]) -> None:
    """Replace open follow-ups computed by scoring with ``(kind, due_date, reason)``."""
    vid = _uuid(visit_id)
    session.exec(delete(FollowUp).where(col(FollowUp.visit_id) == vid, col(FollowUp.done_at).is_(None)))
    for kind, due, reason in items:
        session.add(FollowUp(visit_id=vid, kind=kind, due_date=due, reason=reason))
    session.flush()


def follow_ups_of(session: Session, *, visit_id: str) -> list[tuple[str, date, str, date | None]]:
    rows = session.exec(select(FollowUp).where(FollowUp.visit_id == _uuid(visit_id)).order_by(FollowUp.due_date))
    return [(f.kind, f.due_date, f.reason, f.done_at) for f in rows]


def get_setting(session: Session, *, key: str) -> Any:
    row = session.exec(select(Setting).where(Setting.key == key)).first()
    return json.loads(row.value_json) if row else None


def put_setting(session: Session, *, key: str, value: Any) -> None:
    row = session.exec(select(Setting).where(Setting.key == key)).first()
    encoded = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value_json=encoded))
    else:
        row.value_json = encoded
    session.flush()


def clear_measures(session: Session, *, visit_id: str) -> None:
    session.exec(delete(Measure).where(col(Measure.visit_id) == _uuid(visit_id)))


def clear_photos(session: Session, *, visit_id: str) -> None:
    session.exec(delete(Photo).where(col(Photo.visit_id) == _uuid(visit_id)))
