"""The ``facts`` member of a synced visit document (see ``domain/case_facts.py``).

This laptop's part is derived afresh from what it stores (newest score snapshot, report date,
applications, follow-ups); the other laptops' parts are kept as last exchanged with the server. A change of
any of them moves the visit's signature (``store/sync_signature.py``) and so its document hash.
"""

from __future__ import annotations

from typing import Any

from boligvurdering.domain.case_facts import FACTS
from boligvurdering.domain.enums import RiskLevel
from boligvurdering.services.backlog import snapshot_facts
from boligvurdering.store import figures as figures_repo
from boligvurdering.store import sync as sync_repo
from boligvurdering.store.sync_track import device


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def own_facts(s: Any, visit_id: str) -> dict[str, Any]:
    """This laptop's facts of one case (empty parts left out)."""
    report, newest, apps, follow = figures_repo.case_facts(s, visit_id=visit_id)
    out: dict[str, Any] = {}
    if newest is not None:
        _vid, at, result = newest
        levels = (d.get("level") for d in (result.get("domains") or {}).values() if isinstance(d, dict))
        out["snapshot"] = {"at": at.isoformat(), **snapshot_facts(result), "risk_rank": RiskLevel.highest_rank(levels)}
    if report is not None:
        out["report_sent_at"] = report.isoformat()
    if apps:
        out["applications"] = [{"id": str(a.id), "channel": a.channel, "sent_at": _iso(a.sent_at),
                                "decided_at": _iso(a.decided_at), "granted": a.granted,
                                "amount_applied": a.amount_applied, "amount_granted": a.amount_granted}
                               for a in apps]
    if follow:
        out["follow_ups"] = [{"id": str(f.id), "kind": f.kind, "due_date": f.due_date.isoformat(),
                              "done": f.done_at is not None} for f in follow]
    return out


def add_facts(s: Any, doc: dict[str, Any], visit_id: str) -> None:
    """Put ``facts`` into ``doc``: the other laptops' parts as last exchanged, this laptop's own afresh."""
    source = str(device(s).id)
    base = sync_repo.base_document(sync_repo.visit_state(s, visit_id)) or {}
    facts = {k: v for k, v in (base.get(FACTS) or {}).items() if k != source}
    own = own_facts(s, visit_id)
    if own:
        facts[source] = own
    if facts:
        doc[FACTS] = dict(sorted(facts.items()))

