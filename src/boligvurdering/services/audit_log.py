"""The access-log writer: one entry appended in the caller's transaction, or in its own.

What is recorded (docs/SECURITY.md): the action, the record and the client it belongs to (UUIDs),
the names of changed fields, and old/new values only for fields that are neither health data nor
identifying (status, dates, counts …). Health answers are logged by question id, never by value.
Below ``access`` (a refusal is logged) and ``audit`` (reading the log needs a permission).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import TYPE_CHECKING, Any

from boligvurdering.services import audit_anchor
from boligvurdering.store import security as repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)

#: Fields whose values may be written to the log (everything else: field name only).
VALUE_FIELDS = frozenset({
    "status", "visit_date", "referral_date", "referral_source", "priority", "risk_rank", "next_due",
    "dwelling_type", "floors", "entrance_floor", "has_lift", "tenure", "year_built", "municipality_number",
    "domain", "kind", "catalogue_id", "quantity", "unit", "unit_price", "quote_amount", "cost_min", "cost_max",
    "non_nav_cost", "landlord_consent", "board_consent", "bank_refusal",
    "due_date", "quote_date", "done_at", "responsible_role", "type", "floor", "role", "active",
})
CONSENT_QUESTIONS = {"opening_consent_visit": "consent.visit", "opening_consent_relatives": "consent.relatives"}


def _actor(ctx: AppContext) -> tuple[str, str]:
    return (ctx.actor or "(system)", ctx.role or "")


#: A repeated read of the same record by the same user within this window is not logged again
#: (live rescoring reads a visit's answers on every change; one entry per sitting is what matters).
READ_REPEAT_SECONDS = 300.0
_READ_SUFFIXES = (".read", ".list", ".view")


def _repeated_read(ctx: AppContext, action: str, key: str) -> bool:
    if not action.endswith(_READ_SUFFIXES):
        return False
    seen = ctx.audit_reads
    now = time.monotonic()
    if now - seen.get((action, key), -READ_REPEAT_SECONDS) < READ_REPEAT_SECONDS:
        return True
    seen[(action, key)] = now
    return False


def record(ctx: AppContext, session: Any, action: str, details: dict[str, Any] | None = None, *, client_id: str = "",
           visit_id: str = "", record_type: str = "", record_id: str = "") -> None:
    """Append an entry in the caller's transaction (so it commits or rolls back with the change)."""
    if _repeated_read(ctx, action, f"{ctx.actor}|{visit_id}|{record_id}|{client_id}|{details}"):
        return
    if visit_id and not client_id:
        client_id = repo.client_of_visit(session, visit_id=str(visit_id))
    if visit_id and not record_id:
        record_type, record_id = record_type or "visit", str(visit_id)
    actor, role = _actor(ctx)
    repo.append_audit(session, actor=actor, role=role, action=action, record_type=record_type,
                      record_id=str(record_id), client_id=str(client_id), details=details)
    audit_anchor.schedule(ctx, session)


def record_many(ctx: AppContext, session: Any, action: str, visits: list[tuple[str, str, dict[str, Any]]]) -> None:
    """One entry per (client id, visit id, details), in order, chained as :func:`record` chains one each."""
    if not visits:
        return
    actor, role = _actor(ctx)
    repo.append_audit_many(session, actor=actor, role=role, entries=[
        {"action": action, "record_type": "visit", "record_id": str(visit_id), "client_id": str(client_id),
         "details": details} for client_id, visit_id, details in visits])
    audit_anchor.schedule(ctx, session)


def log_separately(ctx: AppContext, action: str, **fields: Any) -> None:
    """An entry in its own transaction (refusals, logins); never lets a logging failure escape.

    Inside a transaction (a refusal found while checking) it is written when that one ends,
    committed or rolled back, so it neither waits for that transaction's lock nor is undone by it.
    """
    def write() -> None:
        try:
            with ctx.db.transaction() as s:
                record(ctx, s, action, **fields)
        except Exception:  # the refusal itself must still reach the user
            log.warning("could not write audit entry %s", action)

    ctx.db.after_transaction(write)


def _fields(record: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return dataclasses.asdict(record)
    return dict(record)


def changes(before: Any, after: Any) -> dict[str, Any]:
    """Changed fields of two records: ``{field: [old, new]}`` for value fields, ``{field: None}`` otherwise."""
    if before is None or after is None:
        return {}
    old, new = _fields(before), _fields(after)
    out: dict[str, Any] = {}
    for key in sorted(set(old) | set(new)):
        if key in ("id", "updated_at", "created_at") or old.get(key) == new.get(key):
            continue
        out[key] = [old.get(key), new.get(key)] if key in VALUE_FIELDS else None
    return {"changed": out}


def answer_details(question_id: str, value: Any) -> tuple[str, dict[str, Any]]:
    """Action and details for a saved answer: consent answers keep their value, others only the id."""
    if question_id in CONSENT_QUESTIONS:
        return CONSENT_QUESTIONS[question_id], {"question": question_id, "value": value}
    return "answer.save", {"question": question_id, "cleared": value is None}
