"""Data access for the team lead's backlog, deadlines, workload and period figures.

Portable SQL only (SQLite now, PostgreSQL later): no ``group_concat``, no date functions,
no collations. Date arithmetic happens in Python; queries compare plain dates.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, exists, func, insert, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, delete, select

from boligvurdering.store.models import (
    Application,
    CaseStat,
    Client,
    Dwelling,
    FollowUp,
    Measure,
    ScoreSnapshot,
    StatusEvent,
    TeamMember,
    Visit,
    VisitMember,
    utcnow,
)
from boligvurdering.store.util import as_uuid

PIPELINE = ("henvist", "planlagt", "gjennomfort", "rapport_sendt", "soknad_sendt", "vedtak",
            "tiltak_utfort", "oppfolging", "avsluttet")
OPEN_STATUSES = PIPELINE[:-1]
SORT_KEYS = ("status", "client", "area", "team", "risk", "next_due", "waiting")


@dataclass(frozen=True)
class BacklogQuery:
    """Filters and sort order of the backlog table (all optional).

    ``statuses`` empty means every open status (closed cases only when asked for explicitly).
    ``overdue`` keeps cases whose ``next_due`` is before ``today`` (due today is not overdue).
    """

    statuses: tuple[str, ...] = ()
    member_id: str | None = None
    area: str = ""
    min_risk: int = 0
    overdue: bool = False
    search: str = ""
    sort: str = "next_due"
    descending: bool = False


@dataclass(frozen=True)
class BacklogRow:
    """One case in the backlog table."""

    visit_id: str
    status: str
    client_name: str
    postal_code: str
    risk_rank: int
    next_due: date | None
    referral_date: date | None
    visit_date: date | None
    priority: int
    contact_name: str = ""
    team: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _status_order() -> Any:
    return case({s: i for i, s in enumerate(PIPELINE)}, value=Visit.status, else_=len(PIPELINE))


def _filtered(query: Any, q: BacklogQuery, today: date, *, with_status: bool = True) -> Any:
    statuses = q.statuses or OPEN_STATUSES
    if with_status:
        query = query.where(col(Visit.status).in_(statuses))
    if q.member_id:
        mid = as_uuid(q.member_id)
        in_team = exists().where(VisitMember.visit_id == Visit.id, VisitMember.member_id == mid)
        query = query.where(or_(Visit.contact_member_id == mid, in_team))
    if q.area:
        query = query.where(col(Dwelling.postal_code).startswith(q.area.strip(), autoescape=True))
    if q.min_risk:
        query = query.where(col(Visit.risk_rank) >= q.min_risk)
    if q.overdue:
        query = query.where(col(Visit.next_due) < today)
    for word in q.search.casefold().split():
        query = query.where(col(Client.search_key).contains(word, autoescape=True))
    return query


def _needs_client(q: BacklogQuery) -> bool:
    return bool(q.search.strip()) or q.sort == "client"


def _joins(query: Any, q: BacklogQuery, *, client: bool, dwelling: bool) -> Any:
    if client:
        query = query.join(Client, col(Client.id) == Visit.client_id)
    if dwelling:
        query = query.outerjoin(Dwelling, col(Dwelling.id) == Visit.dwelling_id)
    return query


def _order(q: BacklogQuery) -> list[Any]:
    keys: dict[str, list[Any]] = {
        "status": [_status_order()],
        "client": [col(Client.family_name), col(Client.given_name)],
        "area": [col(Dwelling.postal_code)],
        "team": [col(TeamMember.name)],
        "risk": [col(Visit.risk_rank)],
        "next_due": [col(Visit.next_due)],
        "waiting": [col(Visit.referral_date)],
    }
    exprs = keys.get(q.sort, keys["next_due"])
    # "waiting" ascending = longest wait first is what a lead wants when clicking it first
    descending = q.descending != (q.sort in ("waiting", "risk"))
    out = [e.desc().nulls_last() if descending else e.asc().nulls_last() for e in exprs]
    return [*out, col(Visit.id)]


def backlog_page(session: Session, *, q: BacklogQuery, today: date, offset: int, limit: int) -> list[BacklogRow]:
    """One page of backlog rows in the requested order (team members filled in)."""
    query = (select(Visit.id, Visit.status, Client.given_name, Client.family_name, Dwelling.postal_code,
                    Visit.risk_rank, Visit.next_due, Visit.referral_date, Visit.visit_date, Visit.priority,
                    TeamMember.name)
             .join(Client, col(Client.id) == Visit.client_id)
             .outerjoin(Dwelling, col(Dwelling.id) == Visit.dwelling_id)
             .outerjoin(TeamMember, col(TeamMember.id) == Visit.contact_member_id))
    query = _filtered(query, q, today).order_by(*_order(q)).offset(offset).limit(limit)
    rows = session.exec(query).all()
    teams = team_of(session, visit_ids=[r[0] for r in rows])
    return [BacklogRow(str(vid), status, f"{given} {family}", postal or "", risk, due, ref, vdate, prio,
                       contact or "", tuple(teams.get(vid, ())))
            for vid, status, given, family, postal, risk, due, ref, vdate, prio, contact in rows]


def backlog_count(session: Session, *, q: BacklogQuery, today: date) -> int:
    """How many cases the filters match."""
    query = _joins(select(func.count()).select_from(Visit), q, client=bool(q.search.strip()), dwelling=bool(q.area))
    return int(session.exec(_filtered(query, q, today)).one())


def status_counts(session: Session, *, q: BacklogQuery, today: date) -> dict[str, int]:
    """Cases per status for the chips: every filter except the status filter applies."""
    query = _joins(select(Visit.status, func.count()).select_from(Visit), q,
                   client=bool(q.search.strip()), dwelling=bool(q.area))
    query = _filtered(query, q, today, with_status=False).group_by(Visit.status)
    return {status: int(n) for status, n in session.exec(query)}


def team_of(session: Session, *, visit_ids: list[Any]) -> dict[Any, list[tuple[str, str]]]:
    """(name, role) of the team members of the given visits (one query)."""
    out: dict[Any, list[tuple[str, str]]] = {}
    if not visit_ids:
        return out
    rows = session.exec(select(VisitMember.visit_id, TeamMember.name, VisitMember.role)
                        .join(TeamMember, col(TeamMember.id) == VisitMember.member_id)
                        .where(col(VisitMember.visit_id).in_(visit_ids))
                        .order_by(VisitMember.visit_id, VisitMember.role))
    for vid, name, role in rows:
        out.setdefault(vid, []).append((name, role))
    return out


def areas(session: Session) -> list[str]:
    """Postal codes that have cases (for the area filter)."""
    rows = session.exec(select(Dwelling.postal_code).join(Visit, col(Visit.dwelling_id) == Dwelling.id)
                        .distinct().order_by(Dwelling.postal_code))
    return [p for p in rows if p]


# --- deadlines --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueRow:
    """A dated task: ``kind`` is visit|report|application|follow_up|nutrition."""

    kind: str
    visit_id: str
    client_name: str
    due: date
    detail: str = ""


def _client_name(given: str, family: str) -> str:
    return f"{given} {family}"


def due_visits(session: Session, *, until: date) -> list[DueRow]:
    """Planned visits dated on or before ``until``."""
    rows = session.exec(select(Visit.id, Visit.visit_date, Client.given_name, Client.family_name)
                        .join(Client, col(Client.id) == Visit.client_id)
                        .where(Visit.status == "planlagt", col(Visit.visit_date) <= until))
    return [DueRow("visit", str(v), _client_name(g, f), d) for v, d, g, f in rows]


def due_reports(session: Session, *, visit_date_until: date, report_days: int) -> list[DueRow]:
    """Visits done but not reported whose report deadline is on or before the horizon."""
    from datetime import timedelta

    rows = session.exec(select(Visit.id, Visit.visit_date, Client.given_name, Client.family_name)
                        .join(Client, col(Client.id) == Visit.client_id)
                        .where(Visit.status == "gjennomfort", col(Visit.visit_date) <= visit_date_until))
    return [DueRow("report", str(v), _client_name(g, f), d + timedelta(days=report_days)) for v, d, g, f in rows]


def due_applications(session: Session, *, sent_until: date, answer_days: int) -> list[DueRow]:
    """Undecided applications whose answer is due on or before the horizon."""
    from datetime import timedelta

    rows = session.exec(select(Visit.id, Application.sent_at, Application.channel, Client.given_name,
                               Client.family_name)
                        .join(Visit, col(Visit.id) == Application.visit_id)
                        .join(Client, col(Client.id) == Visit.client_id)
                        .where(col(Application.decided_at).is_(None), col(Application.sent_at) <= sent_until,
                               col(Visit.status) != "avsluttet"))
    return [DueRow("application", str(v), _client_name(g, f), s + timedelta(days=answer_days), ch)
            for v, s, ch, g, f in rows]


def due_follow_ups(session: Session, *, until: date) -> list[DueRow]:
    """Open follow-ups due on or before ``until``; nutrition (re-)screens get kind ``nutrition``."""
    rows = session.exec(select(Visit.id, FollowUp.kind, FollowUp.due_date, FollowUp.reason, Client.given_name,
                               Client.family_name)
                        .join(Visit, col(Visit.id) == FollowUp.visit_id)
                        .join(Client, col(Client.id) == Visit.client_id)
                        .where(col(FollowUp.done_at).is_(None), col(FollowUp.due_date) <= until,
                               col(Visit.status) != "avsluttet"))
    return [DueRow("nutrition" if kind.startswith("nutrition") else "follow_up", str(v), _client_name(g, f), d,
                   kind) for v, kind, d, _reason, g, f in rows]


def open_deadlines(session: Session, *, visit_id: str) -> dict[str, Any]:
    """What ``next_due`` is computed from: status, visit date, open follow-ups, open applications."""
    vid = as_uuid(visit_id)
    visit = session.get(Visit, vid)
    if visit is None:
        raise KeyError(visit_id)
    follow = session.exec(select(func.min(FollowUp.due_date))
                          .where(FollowUp.visit_id == vid, col(FollowUp.done_at).is_(None))).one()
    sent = session.exec(select(func.min(Application.sent_at))
                        .where(Application.visit_id == vid, col(Application.decided_at).is_(None))).one()
    return {"status": visit.status, "visit_date": visit.visit_date, "follow_up": follow, "application_sent": sent}


def set_next_due(session: Session, *, visit_id: str, next_due: date | None) -> None:
    row = session.get(Visit, as_uuid(visit_id))
    if row is not None and row.next_due != next_due:
        row.next_due = next_due
        session.flush()


# --- workload -----------------------------------------------------------------------------------


def workload(session: Session) -> list[tuple[str, str, str, str, int]]:
    """Open cases per team member: (member_id, name, role in the case, status, count)."""
    rows = session.exec(select(TeamMember.id, TeamMember.name, VisitMember.role, Visit.status, func.count())
                        .join(VisitMember, col(VisitMember.member_id) == TeamMember.id)
                        .join(Visit, col(Visit.id) == VisitMember.visit_id)
                        .where(col(Visit.status).in_(OPEN_STATUSES))
                        .group_by(TeamMember.id, TeamMember.name, VisitMember.role, Visit.status)
                        .order_by(TeamMember.name))
    return [(str(mid), name, role, status, int(n)) for mid, name, role, status, n in rows]


# --- pipeline support ---------------------------------------------------------------------------


def add_application(session: Session, *, visit_id: str, channel: str, sent_at: date,
                    amount_applied: float | None) -> str:
    row = Application(visit_id=as_uuid(visit_id), channel=channel, sent_at=sent_at, amount_applied=amount_applied)
    session.add(row)
    session.flush()
    return str(row.id)


def applications_of(session: Session, *, visit_id: str) -> list[Application]:
    return list(session.exec(select(Application).where(Application.visit_id == as_uuid(visit_id))
                             .order_by(Application.sent_at)))


def decide_application(session: Session, *, application_id: str, granted: bool, amount: float | None,
                       decided_at: date) -> str:
    """Record a decision; returns the application's visit id."""
    row = session.get(Application, as_uuid(application_id))
    if row is None:
        raise KeyError(application_id)
    row.granted, row.amount_granted, row.decided_at = granted, amount, decided_at
    session.flush()
    return str(row.visit_id)


def mark_measures_done(session: Session, *, visit_id: str, done_at: date) -> int:
    """Accepted measures of a visit become done; returns how many."""
    rows = session.exec(select(Measure).where(Measure.visit_id == as_uuid(visit_id), Measure.status == "accepted"))
    n = 0
    for m in rows:
        m.status, m.done_at = "done", done_at
        n += 1
    session.flush()
    return n


def add_follow_up(session: Session, *, visit_id: str, kind: str, due: date, reason: str) -> None:
    session.add(FollowUp(visit_id=as_uuid(visit_id), kind=kind, due_date=due, reason=reason))
    session.flush()


def close_follow_ups(session: Session, *, visit_id: str, done_at: date) -> None:
    rows = session.exec(select(FollowUp).where(FollowUp.visit_id == as_uuid(visit_id),
                                               col(FollowUp.done_at).is_(None)))
    for f in rows:
        f.done_at = done_at
    session.flush()


def event_count(session: Session, *, visit_id: str, to_status: str) -> int:
    return int(session.exec(select(func.count()).select_from(StatusEvent)
                            .where(StatusEvent.visit_id == as_uuid(visit_id), StatusEvent.to_status == to_status))
               .one())


# --- figures --------------------------------------------------------------------------------------

VISITED = ("gjennomfort", "rapport_sendt", "soknad_sendt", "vedtak", "tiltak_utfort", "oppfolging")


def _visited_clause(start: date, end: date) -> Any:
    """Visited in [start, end]: visit date in the period and the visit carried out.

    A closed case counts when it has a score snapshot (closed after a visit).
    """
    snap = aliased(ScoreSnapshot)
    closed_after_visit = and_(Visit.status == "avsluttet", exists().where(snap.visit_id == Visit.id))
    return and_(col(Visit.visit_date) >= start, col(Visit.visit_date) <= end,
                or_(col(Visit.status).in_(VISITED), closed_after_visit))


def referral_dates(session: Session, *, start: date, end: date) -> list[date]:
    return list(session.exec(select(Visit.referral_date)
                             .where(col(Visit.referral_date) >= start, col(Visit.referral_date) <= end)))


def visited_cases(session: Session, *, start: date, end: date) -> list[tuple[Any, ...]]:
    """(visit_id, client_id, referral_date, visit_date, birth_date, sex, nutrition_screened,
    nutrition_at_risk, falls_rank, fire_rank, fire7_fail, has_nutrition_plan) per visited case."""
    plan = exists().where(Measure.visit_id == Visit.id, Measure.domain == "nutrition",
                          col(Measure.status).in_(("accepted", "done")))
    query = (select(Visit.id, Visit.client_id, Visit.referral_date, Visit.visit_date, Client.birth_date,
                    Client.sex, CaseStat.nutrition_screened, CaseStat.nutrition_at_risk, CaseStat.falls_rank,
                    CaseStat.fire_rank, CaseStat.fire7_fail, case((plan, 1), else_=0))
             .join(Client, col(Client.id) == Visit.client_id)
             .outerjoin(CaseStat, col(CaseStat.visit_id) == Visit.id)
             .where(_visited_clause(start, end)))
    return [tuple(r) for r in session.exec(query)]


def report_times(session: Session, *, start: date, end: date) -> list[tuple[date, datetime]]:
    """(visit_date, first time the report was sent) for cases visited in the period."""
    first = (select(StatusEvent.visit_id, func.min(StatusEvent.at).label("at"))
             .where(StatusEvent.to_status == "rapport_sendt").group_by(StatusEvent.visit_id).subquery())
    rows = session.exec(select(Visit.visit_date, first.c.at).join(first, first.c.visit_id == Visit.id)
                        .where(_visited_clause(start, end)))
    return [(d, at) for d, at in rows]


def measure_counts(session: Session, *, start: date, end: date) -> list[tuple[str, str, int]]:
    """(domain, status, count) of measures on cases visited in the period."""
    rows = session.exec(select(Measure.domain, Measure.status, func.count())
                        .join(Visit, col(Visit.id) == Measure.visit_id)
                        .where(_visited_clause(start, end)).group_by(Measure.domain, Measure.status))
    return [(d, s, int(n)) for d, s, n in rows]


def application_sums(session: Session, *, start: date, end: date) -> list[tuple[Any, ...]]:
    """Per channel for applications sent in the period: sent, decided, granted, applied and granted sums."""
    granted = case((col(Application.granted).is_(True), 1), else_=0)
    decided = case((col(Application.decided_at).is_not(None), 1), else_=0)
    rows = session.exec(select(Application.channel, func.count(), func.sum(decided), func.sum(granted),
                               func.coalesce(func.sum(Application.amount_applied), 0),
                               func.coalesce(func.sum(Application.amount_granted), 0))
                        .where(col(Application.sent_at) >= start, col(Application.sent_at) <= end)
                        .group_by(Application.channel).order_by(Application.channel))
    return [(ch, int(n), int(d or 0), int(g or 0), float(a), float(ga)) for ch, n, d, g, a, ga in rows]


def stale_stats(session: Session, *, start: date, end: date) -> list[tuple[Any, datetime, dict[str, Any]]]:
    """Cases visited in the period whose newest snapshot is newer than their ``case_stat`` row."""
    latest = (select(ScoreSnapshot.visit_id, func.max(ScoreSnapshot.created_at).label("at"))
              .group_by(ScoreSnapshot.visit_id).subquery())
    query = (select(Visit.id, latest.c.at, ScoreSnapshot.result_json)
             .join(latest, latest.c.visit_id == Visit.id)
             .join(ScoreSnapshot, and_(col(ScoreSnapshot.visit_id) == Visit.id,
                                       col(ScoreSnapshot.created_at) == latest.c.at))
             .outerjoin(CaseStat, col(CaseStat.visit_id) == Visit.id)
             .where(_visited_clause(start, end),
                    or_(col(CaseStat.id).is_(None), col(CaseStat.snapshot_at) < latest.c.at)))
    seen: dict[Any, tuple[Any, datetime, dict[str, Any]]] = {}
    for vid, at, encoded in session.exec(query):
        seen[vid] = (vid, at, json.loads(encoded))  # two snapshots in the same instant: keep one
    return list(seen.values())


def put_stats(session: Session, *, items: list[tuple[Any, datetime, dict[str, Any]]]) -> int:
    """Replace ``case_stat`` rows from (visit_id, snapshot_at, facts) in bulk."""
    ids = [v if isinstance(v, uuid.UUID) else as_uuid(v) for v, _at, _f in items]
    for i in range(0, len(ids), 500):
        session.exec(delete(CaseStat).where(col(CaseStat.visit_id).in_(ids[i:i + 500])))
    rows = [{"id": uuid.uuid4(), "created_at": utcnow(), "updated_at": utcnow(), "visit_id": vid,
             "snapshot_at": at, **facts} for vid, (_v, at, facts) in zip(ids, items, strict=True)]
    if rows:
        session.execute(insert(CaseStat), rows)
    session.flush()
    return len(rows)
