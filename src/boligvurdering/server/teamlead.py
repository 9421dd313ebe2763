"""The team lead's view on the server: the work list across every laptop's visits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligvurdering.server.access import visible_visits
from boligvurdering.server.accounts import Principal
from boligvurdering.server.models import Visit


def worklist(s: Session, p: Principal, *, status: str = "", limit: int = 200) -> dict[str, Any]:
    """Open cases, highest risk first (a page of ``limit``), optionally one status only."""
    query = select(Visit.id, Visit.client_name, Visit.status, Visit.risk_rank, Visit.visit_date).where(
        Visit.id.in_(visible_visits(p)), Visit.status != "avsluttet")
    if status:
        query = query.where(Visit.status == status)
    rows = s.execute(query.order_by(Visit.risk_rank.desc(), Visit.id).limit(max(1, min(limit, 1000)))).all()
    return {"cases": [{"id": str(r[0]), "client": r[1], "status": r[2], "risk_rank": r[3], "visit_date": r[4]}
                      for r in rows]}
