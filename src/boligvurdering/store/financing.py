"""Data access for the household facts that decide financing: tenure (on the visit's dwelling)
and the landlord's/board's consent and bank refusal (``financing_fact``, one row per visit)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from boligvurdering.store.models import Dwelling, FinancingFact, Visit
from boligvurdering.store.util import as_uuid

FACT_FIELDS = ("landlord_consent", "board_consent", "bank_refusal")


def _dwelling(session: Session, visit_id: str) -> Dwelling | None:
    visit = session.get(Visit, as_uuid(visit_id))
    if visit is None or visit.dwelling_id is None:
        return None
    return session.get(Dwelling, visit.dwelling_id)


def get_facts(session: Session, *, visit_id: str) -> dict[str, Any]:
    """Recorded facts of the visit: ``tenure`` ("" → absent) and the consent/bank facts (``None`` → absent)."""
    out: dict[str, Any] = {}
    dwelling = _dwelling(session, visit_id)
    if dwelling is not None and dwelling.tenure:
        out["tenure"] = dwelling.tenure
    row = session.exec(select(FinancingFact).where(FinancingFact.visit_id == as_uuid(visit_id))).first()
    if row is not None:
        out.update({k: getattr(row, k) for k in FACT_FIELDS if getattr(row, k) is not None})
    return out


def put_facts(session: Session, *, visit_id: str, **facts: Any) -> None:
    """Store facts; ``tenure`` goes to the visit's dwelling (KeyError when the visit has none)."""
    if "tenure" in facts:
        dwelling = _dwelling(session, visit_id)
        if dwelling is None:
            raise KeyError("dwelling")
        dwelling.tenure = facts.pop("tenure") or ""
        session.add(dwelling)
    if facts:
        row = session.exec(select(FinancingFact).where(FinancingFact.visit_id == as_uuid(visit_id))).first()
        if row is None:
            row = FinancingFact(visit_id=as_uuid(visit_id))
        for key, value in facts.items():
            setattr(row, key, value)
        session.add(row)
    session.flush()
