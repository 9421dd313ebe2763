"""Keeps the team lead's read model (``lead_*`` tables) equal to the visit documents on the server.

A listener on ``Visit`` rewrites a case's rows in the same flush whenever its document changes,
so every path that stores a document (sync push, tools) keeps them current; ``rebuild`` fills
them for visits stored before (the migration) or loaded in bulk (the benchmark).
The values are the ones a laptop derives when it imports the same document: client found by
national id, search key, pipeline position, ``next_due`` with the default deadlines (counting the open
follow-ups and undecided applications of the facts); the figures' facts as the owning laptop's
``case_stat``, ``report_sent_at`` and applications (``domain/case_facts.py``); the open follow-ups.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date
from typing import Any

from sqlalchemy import delete, event, insert, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from boligvurdering.domain.anonymise import is_pseudonym
from boligvurdering.domain.case_facts import FACTS, combine
from boligvurdering.server.lead_models import (
    LeadApplication,
    LeadCase,
    LeadFollowUp,
    LeadMeasure,
    LeadMember,
)
from boligvurdering.server.models import Visit

BATCH = 2000


def _day(text: Any) -> date | None:
    return date.fromisoformat(text) if text else None


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


Rows = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]


def rows_of(visit_id: uuid.UUID, team_id: uuid.UUID, risk_rank: int, doc: dict[str, Any]) -> Rows | None:
    """(case, members, measure counts, applications, open follow-ups) of one document; ``None`` for an
    empty placeholder."""
    from boligvurdering.services.pipeline import DeadlineSettings, compute_next_due
    from boligvurdering.store.backlog import PIPELINE
    from boligvurdering.store.figures import VISITED

    client, visit, dwelling = doc.get("client"), doc.get("visit"), doc.get("dwelling") or {}
    if not client or not visit:
        return None
    status = visit.get("status") or "henvist"
    referral, visited = _day(visit.get("referral_date")), _day(visit.get("visit_date"))
    address = " ".join(dwelling.get(k) or "" for k in ("address", "postal_code", "postal_place")) if dwelling else ""
    nid = "" if is_pseudonym(client["national_id"]) else client["national_id"]  # anonymised: «Anonymisert» only
    search = " ".join(filter(None, (client["given_name"], client["family_name"], nid))) \
        + (" " + address if dwelling else "")
    team = visit.get("team") or []
    case = {"visit_id": visit_id, "team_id": team_id, "client_key": _key(client["national_id"]),
            "given_name": client["given_name"], "family_name": client["family_name"],
            "search_key": search.casefold(), "birth_date": _day(client["birth_date"]),
            "postal_code": dwelling.get("postal_code") if dwelling else None,
            "status": status, "status_order": PIPELINE.index(status) if status in PIPELINE else len(PIPELINE),
            "priority": int(visit.get("priority") or 2),
            "referral_date": referral, "visit_date": visited,
            "contact_name": next((m["name"] for m in team if m.get("contact")), None)}
    facts = combine(doc.get(FACTS))
    # the worst domain level of the newest snapshot on any laptop (the server's own column otherwise)
    case["risk_rank"] = facts.snapshot.get("risk_rank", risk_rank or 0)
    case["next_due"] = compute_next_due({"status": status, "visit_date": visited, "follow_up": facts.open_follow_up(),
                                         "application_sent": facts.undecided_sent()}, DeadlineSettings(), referral)
    counted = status in VISITED or (status == "avsluttet" and facts.snapshot_at is not None)
    snap = facts.snapshot
    case.update(counted=counted, report_sent_at=facts.report_sent_at, snapshot_at=facts.snapshot_at,
                nutrition_screened=snap.get("nutrition_screened"), nutrition_at_risk=snap.get("nutrition_at_risk"),
                falls_rank=snap.get("falls_rank"), fire_rank=snap.get("fire_rank"), fire7_fail=snap.get("fire7_fail"),
                nutrition_plan=any(m["domain"] == "nutrition" and m["status"] in ("accepted", "done")
                                   for m in doc.get("measures") or []))
    members = {(m.get("id") or _key(f"{m['name']}|{m['role']}"), m["role"]): m["name"] for m in team}
    counts: dict[tuple[str, str], int] = {}
    for m in doc.get("measures") or []:
        counts[(m["domain"], m["status"])] = counts.get((m["domain"], m["status"]), 0) + 1
    return (case,
            [{"visit_id": visit_id, "member_key": k, "role": r, "name": n} for (k, r), n in members.items()],
            [{"visit_id": visit_id, "domain": d, "status": st, "n": n, "team_id": team_id, "visit_date": visited,
              "case_status": status, "counted": counted} for (d, st), n in counts.items()],
            [{"visit_id": visit_id, "application_id": a["id"], "team_id": team_id, "channel": a["channel"],
              "sent_at": _day(a["sent_at"]), "decided_at": _day(a["decided_at"]), "granted": a["granted"],
              "amount_applied": a["amount_applied"], "amount_granted": a["amount_granted"]}
             for a in facts.applications],
            [{"visit_id": visit_id, "follow_up_id": f["id"], "team_id": team_id, "kind": f["kind"],
              "due_date": _day(f["due_date"])} for f in facts.follow_ups if not f["done"]])


def write(conn: Connection | Session, items: list[tuple[uuid.UUID, uuid.UUID, int, dict[str, Any]]]) -> int:
    """Replace the read-model rows of (visit_id, team_id, risk_rank, document) items; returns cases written."""
    cases, members, measures, apps, follow = [], [], [], [], []
    for item in items:
        out = rows_of(*item)
        if out is not None:
            cases.append(out[0])
            members += out[1]
            measures += out[2]
            apps += out[3]
            follow += out[4]
    conn.execute(delete(LeadCase).where(LeadCase.visit_id.in_([i[0] for i in items])))
    for table, rows in ((LeadCase, cases), (LeadMember, members), (LeadMeasure, measures), (LeadApplication, apps),
                        (LeadFollowUp, follow)):
        if rows:
            conn.execute(insert(table), rows)
    return len(cases)


def rebuild(s: Session) -> int:
    """Rewrite the read model of every visit on the server (in batches); returns cases written."""
    done, after = 0, None
    while True:
        query = select(Visit.id, Visit.team_id, Visit.risk_rank, Visit.doc_json).order_by(Visit.id).limit(BATCH)
        batch = s.execute(query if after is None else query.where(Visit.id > after)).all()
        if not batch:
            return done
        done += write(s, [(v, t, r, json.loads(d)) for v, t, r, d in batch])
        after = batch[-1][0]


def _changed(target: Visit) -> bool:
    state = inspect(target)
    return any(state.attrs[name].history.has_changes() for name in ("doc_json", "risk_rank", "team_id"))


@event.listens_for(Visit, "after_insert")
def _inserted(_mapper: Any, conn: Connection, target: Visit) -> None:
    write(conn, [(target.id, target.team_id, target.risk_rank, json.loads(target.doc_json))])


@event.listens_for(Visit, "after_update")
def _updated(_mapper: Any, conn: Connection, target: Visit) -> None:
    if _changed(target):
        write(conn, [(target.id, target.team_id, target.risk_rank, json.loads(target.doc_json))])
