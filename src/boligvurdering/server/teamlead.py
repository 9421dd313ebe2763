"""The team lead's view on the server: the Arbeidsliste and the year's figures over every laptop's visits.

The same filters, sort keys and definitions as the laptop (``store/backlog.py``, ``services/backlog.py``),
as SQL over the read model ``lead_*`` (``server/lead_models.py``) on PostgreSQL. Which rows a caller
sees is decided in ``server/access.py`` (team lead: the whole team; others: the visits they work on).
The per-case facts a laptop alone stores (newest score snapshot, report date, applications, follow-ups)
reach the read model through the synced document's ``facts``; every figure is the laptop's own.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Uuid, and_, case, func, null, select
from sqlalchemy.orm import Session

from boligvurdering.i18n import tr
from boligvurdering.server import errors
from boligvurdering.server.access import require, visible_cases
from boligvurdering.server.accounts import Principal
from boligvurdering.server.lead_models import (
    LeadApplication,
    LeadCase,
    LeadFollowUp,
    LeadMeasure,
    LeadMember,
)
from boligvurdering.services.backlog import Figures, build_figures, split_due, week_end
from boligvurdering.services.pipeline import DeadlineSettings
from boligvurdering.store.backlog import (
    OPEN_STATUSES,
    PIPELINE,
    BacklogQuery,
    DueRow,
    _after,
    _order,
    _prefix,
    follow_up_row,
)

MAX_PAGE = 1000
C = LeadCase
OPEN_ORDERS = tuple(PIPELINE.index(st) for st in OPEN_STATUSES)


def query_of(params: dict[str, Any]) -> BacklogQuery:
    """A ``BacklogQuery`` from request parameters (``status`` may repeat or be comma-separated)."""
    statuses = tuple(s for part in params.get("status") or () for s in part.split(",") if s in PIPELINE)
    return BacklogQuery(statuses=statuses, member_id=params.get("member") or None, area=params.get("area") or "",
                        min_risk=int(params.get("min_risk") or 0), overdue=params.get("overdue") in ("1", "true", True),
                        search=params.get("search") or "", sort=params.get("sort") or "next_due",
                        descending=params.get("descending") in ("1", "true", True))


def _filtered(query: Any, p: Principal, q: BacklogQuery, today: date, *, with_status: bool = True) -> Any:
    """The laptop's filters on the read model. Status is matched by its pipeline position, so counts
    and totals are index-only scans of (team_id, status_order, visit_id)."""
    query = query.where(visible_cases(p))
    if with_status:
        orders = [PIPELINE.index(s) for s in q.statuses or OPEN_STATUSES]
        query = query.where(C.status_order.in_(orders))
        if q.sort == "status":  # the range lets the scan by status (either direction) start at a wanted one
            query = query.where(C.status_order.between(min(orders), max(orders)))
    if q.member_id:
        query = query.where(C.visit_id.in_(select(LeadMember.visit_id).where(LeadMember.member_key == q.member_id)))
    if q.area.strip():
        query = query.where(_prefix(C.postal_code, q.area.strip()))
    if q.min_risk:
        query = query.where(C.risk_rank >= q.min_risk)
    if q.overdue:
        query = query.where(C.next_due < today)
    for word in q.search.casefold().split():
        query = query.where(C.search_key.contains(word, autoescape=True))
    return query


def _order_keys(q: BacklogQuery) -> list[tuple[Any, bool, bool]]:
    """As the laptop's ``store.backlog._order_keys``, on the read model ("team" = the contact person)."""
    keys: dict[str, list[tuple[Any, bool]]] = {
        "status": [(C.status_order, False)], "client": [(C.family_name, False), (C.given_name, False)],
        "area": [(C.postal_code, True)], "team": [(C.contact_name, True)], "risk": [(C.risk_rank, False)],
        "next_due": [(C.next_due, True)], "waiting": [(C.referral_date, True)]}
    exprs = keys.get(q.sort, keys["next_due"])
    descending = q.descending != (q.sort in ("waiting", "risk"))
    return [*((e, descending, nullable) for e, nullable in exprs), (C.visit_id, descending, False)]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def page(s: Session, p: Principal, q: BacklogQuery, *, today: date, offset: int = 0, limit: int = 200,
         after: list[Any] | None = None) -> list[dict[str, Any]]:
    """One page of cases in the query's order, each with its team; ``after`` = a row's ``sort_key`` (keyset)."""
    require(p, "client.read")
    keys = _order_keys(q)
    query = _filtered(select(C.visit_id, C.status, C.given_name, C.family_name, C.postal_code, C.risk_rank,
                             C.next_due, C.referral_date, C.visit_date, C.priority, C.contact_name,
                             *(e for e, _d, _n in keys)), p, q, today)
    if after:
        query = query.where(_after(keys, _typed(keys, after)))
    elif offset:
        query = query.offset(offset)
    rows = s.execute(query.order_by(*_order(keys)).limit(max(1, min(limit, MAX_PAGE)))).all()
    teams: dict[Any, list[list[str]]] = {}
    if rows:
        for vid, name, role in s.execute(select(LeadMember.visit_id, LeadMember.name, LeadMember.role)
                                         .where(LeadMember.visit_id.in_([r[0] for r in rows]))
                                         .order_by(LeadMember.visit_id, LeadMember.role)):
            teams.setdefault(vid, []).append([name, role])
    return [{"id": str(r[0]), "status": r[1], "client": f"{r[2]} {r[3]}", "postal_code": r[4] or "",
             "risk_rank": r[5], "next_due": _iso(r[6]), "referral_date": _iso(r[7]), "visit_date": _iso(r[8]),
             "priority": r[9], "contact_name": r[10] or "", "team": teams.get(r[0], []),
             "sort_key": [str(v) if isinstance(v, uuid.UUID) else _iso(v) for v in r[11:]]} for r in rows]


def _typed(keys: list[tuple[Any, bool, bool]], values: list[Any]) -> tuple[Any, ...]:
    """A ``sort_key`` back from JSON: dates as dates, the case id as a UUID."""
    if len(values) != len(keys):
        raise errors.invalid(tr("Ugyldig side i arbeidslisten."))
    out = []
    for (e, _d, _n), v in zip(keys, values, strict=True):
        if v is not None and isinstance(e.type, Date):
            v = date.fromisoformat(v)
        elif v is not None and isinstance(e.type, Uuid):
            v = uuid.UUID(v)
        out.append(v)
    return tuple(out)


def open_list(s: Session, p: Principal, q: BacklogQuery, *, today: date, limit: int = 200) -> dict[str, Any]:
    """What the Arbeidsliste shows on opening: the first page, the total and the counts per status."""
    rows = page(s, p, q, today=today, limit=limit)
    total = len(rows) if len(rows) < limit else s.execute(_filtered(select(func.count()).select_from(C), p, q,
                                                                    today)).scalar_one()
    counts = s.execute(_filtered(select(C.status_order, func.count()).select_from(C), p, q, today,
                                 with_status=False).group_by(C.status_order)).all()
    return {"rows": rows, "total": int(total),
            "counts": {PIPELINE[k]: int(v) for k, v in counts if k < len(PIPELINE)}}


def workload(s: Session, p: Principal) -> list[list[Any]]:
    """Open cases per team member: [member, name, role, status, count], by name (as the laptop)."""
    require(p, "client.read")
    rows = s.execute(select(LeadMember.member_key, LeadMember.name, LeadMember.role, C.status, func.count())
                     .join(C, C.visit_id == LeadMember.visit_id)
                     .where(visible_cases(p), C.status_order.in_(OPEN_ORDERS))
                     .group_by(LeadMember.member_key, LeadMember.name, LeadMember.role, C.status)).all()
    out = [[m, n, role, st, int(k)] for m, n, role, st, k in rows]
    out.sort(key=lambda r: (r[1], r[0], r[2], PIPELINE.index(r[3])))
    return out


def due(s: Session, p: Principal, *, today: date) -> dict[str, Any]:
    """Visits, reports, applications and follow-ups overdue (before today) and due from today to Sunday,
    as the laptop's ``due_lists`` (same kinds, dates, details and order)."""
    require(p, "client.read")
    cfg = DeadlineSettings()
    until, report_days, answer_days = week_end(today), cfg.report_days, cfg.answer_days
    open_case = and_(visible_cases(p), C.status != "avsluttet")
    visits = s.execute(select(C.visit_id, C.visit_date, C.given_name, C.family_name)
                       .where(visible_cases(p), C.status == "planlagt", C.visit_date <= until)).all()
    reports = s.execute(select(C.visit_id, C.visit_date, C.given_name, C.family_name)
                        .where(visible_cases(p), C.status.in_(("gjennomfort", "signert")),
                               C.visit_date <= until - timedelta(days=report_days))).all()
    a, f = LeadApplication, LeadFollowUp
    apps = s.execute(select(C.visit_id, a.sent_at, a.channel, C.given_name, C.family_name)
                     .join(a, a.visit_id == C.visit_id)
                     .where(open_case, visible_cases(p, a), a.decided_at.is_(None),
                            a.sent_at <= until - timedelta(days=answer_days))).all()
    follow = s.execute(select(C.visit_id, f.due_date, f.kind, C.given_name, C.family_name)
                       .join(f, f.visit_id == C.visit_id)
                       .where(open_case, visible_cases(p, f), f.due_date <= until)).all()
    items = [DueRow("visit", str(v), f"{g} {n}", d) for v, d, g, n in visits] \
        + [DueRow("report", str(v), f"{g} {n}", d + timedelta(days=report_days)) for v, d, g, n in reports] \
        + [DueRow("application", str(v), f"{g} {n}", d + timedelta(days=answer_days), ch) for v, d, ch, g, n in apps] \
        + [follow_up_row(str(v), f"{g} {n}", d, kind) for v, d, kind, g, n in follow]
    lists = split_due(today, until, items)

    def rows(part: list[DueRow]) -> list[dict[str, Any]]:
        return [{"kind": r.kind, "visit_id": r.visit_id, "due": r.due.isoformat(), "client_name": r.client_name,
                 "detail": r.detail} for r in part]

    return {"today": today.isoformat(), "week_end": until.isoformat(), "overdue": rows(lists.overdue),
            "this_week": rows(lists.this_week)}


def figures(s: Session, p: Principal, *, start: date, end: date) -> Figures:
    """The period's figures over the visible cases, assembled by the laptop's own ``build_figures``."""
    require(p, "figures.read")
    conn = s.connection()  # Core rows: no ORM row processing for ~20 000 cases
    visible = visible_cases(p)
    visited = and_(visible, C.visit_date >= start, C.visit_date <= end, C.counted)
    referrals = conn.execute(select(C.referral_date, func.count())
                             .where(visible, C.referral_date >= start, C.referral_date <= end)
                             .group_by(C.referral_date)).all()
    # rows shaped as the laptop's ``store.figures.visited_cases`` (VC_* positions; never stale here)
    cases = conn.execute(select(C.client_key, C.referral_date, C.visit_date, C.birth_date, C.report_sent_at,
                                C.nutrition_screened, C.nutrition_at_risk, C.falls_rank, C.fire_rank, C.fire7_fail,
                                C.nutrition_plan, null()).where(visited)).all()
    m = LeadMeasure
    measures = conn.execute(select(m.domain, m.status, func.sum(m.n))
                            .where(visible_cases(p, m), m.visit_date >= start, m.visit_date <= end, m.counted)
                            .group_by(m.domain, m.status)).all()
    a = LeadApplication
    apps = conn.execute(select(a.channel, func.count(), func.count(a.decided_at),
                               func.sum(case((a.granted.is_(True), 1), else_=0)),
                               func.coalesce(func.sum(a.amount_applied), 0), func.coalesce(func.sum(a.amount_granted), 0))
                        .where(visible_cases(p, a), a.sent_at >= start, a.sent_at <= end)
                        .group_by(a.channel)).all()
    return build_figures(start, end, [(d, int(n)) for d, n in referrals], [tuple(c) for c in cases],
                         [(d, st, int(n)) for d, st, n in measures],
                         sorted((ch, int(n), int(dc), int(g), float(ap), float(gr))  # code point order, as SQLite
                                for ch, n, dc, g, ap, gr in apps))


def figures_json(fig: Figures) -> dict[str, Any]:
    return {k: _iso(v) for k, v in dataclasses.asdict(fig).items()}


def worklist(s: Session, p: Principal, *, status: str = "", limit: int = 200) -> dict[str, Any]:
    """Open cases (or one status), highest risk first: the short list ``GET /worklist`` gives."""
    q = BacklogQuery(statuses=(status,) if status else (), sort="risk")
    return {"cases": page(s, p, q, today=date.today(), limit=limit)}
