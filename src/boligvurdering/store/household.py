"""Data access for a visit's household economy and the therapist's statement (their own tables).

:func:`get_household` / :func:`put_household` are the ONE pair every household read and write
goes through (services/plan.py, exchange, sync, erasure). With the ``economy`` category key
(``store/sealing.py``) the whole household is stored sealed in ``extra_json`` and the typed
columns stay empty; without a key in this session a sealed household reads as ``HIDDEN``.
Values come in already validated (services/plan.py ``clean_household``/``clean_statement``).
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from boligvurdering.security.categories import HIDDEN, is_sealed
from boligvurdering.store import sealing
from boligvurdering.store.models import utcnow
from boligvurdering.store.plan_models import HouseholdEconomy, PlanRow, VisitStatement
from boligvurdering.store.sync_track import device
from boligvurdering.store.util import as_uuid

COLUMNS = ("members", "gross_income_year", "net_income_month", "living_costs_month", "housing_costs_month",
           "savings", "lasting_reduced_function", "civil_status", "debt", "wealth", "earlier_husbanken_grants")


def _row(session: Session, table: type[PlanRow], visit_id: str) -> Any:
    return session.exec(select(table).where(table.visit_id == as_uuid(visit_id))).first()


def _values(row: HouseholdEconomy) -> dict[str, Any]:
    out = {k: getattr(row, k) for k in COLUMNS if getattr(row, k) is not None}
    if row.co_residents_json is not None:
        out["co_residents"] = json.loads(row.co_residents_json)
    return {**json.loads(row.extra_json or "{}"), **out}


def get_household(session: Session, *, visit_id: str) -> dict[str, Any] | Any:
    """The recorded household facts of the visit (absent = not recorded; ``{}`` when none or erased);
    ``HIDDEN`` when they are sealed and this session holds no key for them."""
    row = _row(session, HouseholdEconomy, visit_id)
    if row is None or row.deleted:
        return {}
    values = _values(row)
    return sealing.open_household(session, visit_id, values) if is_sealed(values) else values


def _write(session: Session, row: HouseholdEconomy, visit_id: str, merged: dict[str, Any]) -> None:
    """The typed columns, or (with the economy key) one sealed value and empty columns."""
    sealed = sealing.seal_household(session, visit_id, merged)
    if sealed is not None:
        _fill(row, {}, sealed)
    else:
        _fill(row, merged, {k: v for k, v in merged.items() if k not in COLUMNS and k != "co_residents"})


def _fill(row: HouseholdEconomy, plain: dict[str, Any], extra: dict[str, Any]) -> None:
    """Typed columns from ``plain`` (absent = empty), the rest (or the sealed value) in ``extra_json``."""
    for key in COLUMNS:
        setattr(row, key, plain.get(key))
    co = plain.get("co_residents")
    row.co_residents_json = None if co is None else json.dumps(co, ensure_ascii=False)
    row.extra_json = json.dumps(extra, ensure_ascii=False, sort_keys=True)


def _changed(session: Session, row: PlanRow, by: str, local: bool) -> None:
    """Record a change: who and when, and for a change made here this device's id and next counter."""
    now = utcnow()
    row.changed_at, row.changed_by, row.deleted, row.deleted_at = now, by, False, None
    if local:
        dev = device(session)
        dev.counter += 1
        row.device_id, row.counter = dev.id, dev.counter
    else:
        row.device_id, row.counter = None, 0
    session.add(row)
    session.flush()


def put_household(session: Session, *, visit_id: str, values: dict[str, Any], by: str = "",
                  local: bool = True, replace: bool = False) -> None:
    """Merge ``values`` into the stored household; nothing is written when nothing changes.

    ``local``: a change made on this laptop (False when applied from the team server).
    ``replace``: ``values`` is the whole household (a visit document from the team server);
    an empty one leaves a tombstone where a household was.

    Raises:
        PermissionError: a merge into a household sealed for a key this session does not hold.
    """
    stored = get_household(session, visit_id=visit_id)
    if stored is HIDDEN and not replace:
        raise PermissionError("household sealed for a key this session does not hold")
    merged = dict(values) if replace else {**stored, **values}
    row = _row(session, HouseholdEconomy, visit_id)
    if merged == stored and (row is not None or not merged):
        return
    if not merged:
        erase(session, visit_ids=[visit_id], by=by, tables=(HouseholdEconomy,), local=local)
        return
    row = row or HouseholdEconomy(visit_id=as_uuid(visit_id))
    _write(session, row, visit_id, merged)
    _changed(session, row, by, local)


def seal_all(session: Session) -> int:
    """Seal health answers and households still in the clear, and re-seal those under an older key,
    where this session holds the category's key; no change is recorded (the values are the same).
    Returns how many rows changed."""
    n = sealing.seal_answers(session)
    needs = sealing.household_resealer(session)
    if needs is None:
        return n
    for row in session.exec(select(HouseholdEconomy).where(col(HouseholdEconomy.deleted) == False)):  # noqa: E712
        values = _values(row)
        fresh = needs(values, str(row.visit_id))
        if fresh is not None:
            _fill(row, {}, fresh)
            session.add(row)
            n += 1
    session.flush()
    return n


def get_statement(session: Session, *, visit_id: str) -> str:
    """The therapist's statement ("" when none or erased)."""
    row = _row(session, VisitStatement, visit_id)
    return "" if row is None or row.deleted else row.text


def put_statement(session: Session, *, visit_id: str, text: str, by: str = "", local: bool = True) -> None:
    """Store the statement; nothing is written when it is unchanged."""
    row = _row(session, VisitStatement, visit_id)
    if row is not None and not row.deleted and row.text == text:
        return
    if row is None and text == "":
        return
    row = row or VisitStatement(visit_id=as_uuid(visit_id))
    row.text = text
    _changed(session, row, by, local)


def erase(session: Session, *, visit_ids: list[str], by: str = "",
          tables: tuple[type[PlanRow], ...] = (HouseholdEconomy, VisitStatement), local: bool = True) -> int:
    """Clear the household economy and statement of these visits, leaving tombstones; returns rows erased."""
    ids = [as_uuid(v) for v in visit_ids]
    n = 0
    for table in tables:
        for row in session.exec(select(table).where(col(table.visit_id).in_(ids), col(table.deleted) == False)):  # noqa: E712
            fresh = table(id=row.id, visit_id=row.visit_id, created_at=row.created_at)
            for key in table.model_fields:
                if key not in ("id", "visit_id", "created_at", "updated_at"):
                    setattr(row, key, getattr(fresh, key))
            _changed(session, row, by, local)
            row.deleted, row.deleted_at = True, row.changed_at
            n += 1
    session.flush()
    return n


def change_stamps(session: Session, visit_ids: list[Any] | None = None) -> list[tuple[str, str, Any]]:
    """(visit id, table name, updated_at) of every household and statement row (for sync signatures)."""
    out = []
    for table in (HouseholdEconomy, VisitStatement):
        query = select(table.visit_id, table.updated_at)
        if visit_ids is not None:
            query = query.where(col(table.visit_id).in_([as_uuid(v) for v in visit_ids]))
        out += [(str(v), table.__tablename__, stamp) for v, stamp in session.exec(query)]
    return out
