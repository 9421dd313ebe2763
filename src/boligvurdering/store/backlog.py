"""Data access for the team lead's backlog, deadlines and workload (figures: ``store/figures.py``).

Portable SQL only (SQLite now, PostgreSQL later): no ``group_concat``, no date functions,
no collations. Date arithmetic happens in Python; queries compare plain dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, false, func, or_
from sqlmodel import Session, col, select

from boligvurdering.store.models import (
    Application,
    Client,
    Dwelling,
    FollowUp,
    Measure,
    TeamMember,
    Visit,
    VisitMember,
)
from boligvurdering.store.util import as_uuid

PIPELINE = ("henvist", "planlagt", "gjennomfort", "signert", "rapport_sendt", "soknad_sendt", "vedtak",
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
    sort_key: tuple[Any, ...] = field(default=(), repr=False, compare=False)  # keyset paging: this row's order values


def _prefix(column: Any, prefix: str) -> Any:
    """``column`` starts with ``prefix`` as an index-friendly range (portable, unlike LIKE with ESCAPE).

    Both SQLite (BINARY) and PostgreSQL order digits the same in any collation; postal codes are digits.
    """
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def _filtered(query: Any, q: BacklogQuery, today: date, *, with_status: bool = True) -> Any:
    statuses = q.statuses or OPEN_STATUSES
    if with_status:
        query = query.where(col(Visit.status).in_(statuses))
    if q.member_id:
        mid = as_uuid(q.member_id)
        in_team = exists().where(VisitMember.visit_id == Visit.id, VisitMember.member_id == mid)
        query = query.where(or_(Visit.contact_member_id == mid, in_team))
    if q.area.strip():
        query = query.where(_prefix(col(Dwelling.postal_code), q.area.strip()))
    if q.min_risk:
        query = query.where(col(Visit.risk_rank) >= q.min_risk)
    if q.overdue:
        query = query.where(col(Visit.next_due) < today)
    words = q.search.casefold().split()
    if words:
        # Find the (few) matching clients first, then their cases through ix_visit_client_id.
        matching = select(Client.id).where(*(col(Client.search_key).contains(w, autoescape=True) for w in words))
        query = query.where(col(Visit.client_id).in_(matching))
    return query


def _joins(query: Any, q: BacklogQuery, *, dwelling: bool) -> Any:
    if dwelling:
        query = query.outerjoin(Dwelling, col(Dwelling.id) == Visit.dwelling_id)
    return query


def _order_keys(q: BacklogQuery) -> list[tuple[Any, bool, bool]]:
    """(expression, descending, nullable) per sort key; the case id breaks ties in the same direction.

    Non-null keys get no NULLS LAST so an index on (key, id) can deliver the order without sorting;
    ``status`` sorts by the stored pipeline position ``status_order`` (no CASE expression).
    """
    keys: dict[str, list[tuple[Any, bool]]] = {
        "status": [(col(Visit.status_order), False)],
        "client": [(col(Client.family_name), False), (col(Client.given_name), False)],
        "area": [(col(Dwelling.postal_code), True)],
        "team": [(col(TeamMember.name), True)],
        "risk": [(col(Visit.risk_rank), False)],
        "next_due": [(col(Visit.next_due), True)],
        "waiting": [(col(Visit.referral_date), True)],
    }
    exprs = keys.get(q.sort, keys["next_due"])
    # "waiting" ascending = longest wait first is what a lead wants when clicking it first
    descending = q.descending != (q.sort in ("waiting", "risk"))
    return [*((e, descending, nullable) for e, nullable in exprs), (col(Visit.id), descending, False)]


def _order(keys: list[tuple[Any, bool, bool]]) -> list[Any]:
    out = []
    for e, desc, nullable in keys:
        term = e.desc() if desc else e.asc()
        out.append(term.nulls_last() if nullable else term)
    return out


def _after(keys: list[tuple[Any, bool, bool]], values: tuple[Any, ...]) -> Any:
    """Rows that come after ``values`` in the order of ``keys`` (keyset paging, NULLs last).

    Written out as (k1 > v1) OR (k1 = v1 AND k2 > v2) … so it is plain SQL on both databases;
    the leading key also gets a redundant range bound so the index can start at the right place.
    """
    alternatives, equal = [], []
    for (e, desc, nullable), v in zip(keys, values, strict=True):
        if v is None:  # NULLs sort last: only further NULLs (decided by later keys) come after
            equal.append(e.is_(None))
            continue
        later = e < v if desc else e > v
        alternatives.append(and_(*equal, or_(later, e.is_(None)) if nullable else later))
        equal.append(e == v)
    cond = or_(*alternatives) if alternatives else false()
    lead, desc, nullable = keys[0]
    if values[0] is not None and not nullable:
        cond = and_(lead <= values[0] if desc else lead >= values[0], cond)
    return cond


def backlog_page(session: Session, *, q: BacklogQuery, today: date, offset: int = 0, limit: int,
                 after: tuple[Any, ...] | None = None) -> list[BacklogRow]:
    """One page of backlog rows in the requested order (team members filled in).

    ``after`` (a row's ``sort_key``) pages by keyset: the rows following that row, whatever its
    position; otherwise ``offset`` is used (slow for deep pages: every skipped row is read).
    """
    keys = _order_keys(q)
    query = (select(Visit.id, Visit.status, Client.given_name, Client.family_name, Dwelling.postal_code,
                    Visit.risk_rank, Visit.next_due, Visit.referral_date, Visit.visit_date, Visit.priority,
                    TeamMember.name, *(e for e, _d, _n in keys))
             .join(Client, col(Client.id) == Visit.client_id)
             .outerjoin(Dwelling, col(Dwelling.id) == Visit.dwelling_id)
             .outerjoin(TeamMember, col(TeamMember.id) == Visit.contact_member_id))
    query = _filtered(query, q, today)
    if after is not None:
        query = query.where(_after(keys, tuple(after)))
    elif offset:
        query = query.offset(offset)
    rows = session.exec(query.order_by(*_order(keys)).limit(limit)).all()
    teams = team_of(session, visit_ids=[r[0] for r in rows])
    return [BacklogRow(str(r[0]), r[1], f"{r[2]} {r[3]}", r[4] or "", r[5], r[6], r[7], r[8], r[9], r[10] or "",
                       tuple(teams.get(r[0], ())), tuple(r[11:]))
            for r in rows]


def backlog_count(session: Session, *, q: BacklogQuery, today: date) -> int:
    """How many cases the filters match."""
    query = _joins(select(func.count()).select_from(Visit), q, dwelling=bool(q.area.strip()))
    return int(session.exec(_filtered(query, q, today)).one())


def status_counts(session: Session, *, q: BacklogQuery, today: date) -> dict[str, int]:
    """Cases per status for the chips: every filter except the status filter applies."""
    query = _joins(select(Visit.status, func.count()).select_from(Visit), q, dwelling=bool(q.area.strip()))
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


DUE_KINDS = ("visit", "report", "application", "follow_up", "nutrition")


def due_order(row: DueRow) -> tuple[Any, ...]:
    """The due lists' order: by date, client, kind, case, detail (a total order, so the server's lists
    equal the laptop's whatever order the database returns the rows in)."""
    return (row.due, row.client_name, DUE_KINDS.index(row.kind), row.visit_id, row.detail)


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
                        .where(col(Visit.status).in_(("gjennomfort", "signert")),
                               col(Visit.visit_date) <= visit_date_until))
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
    return [follow_up_row(str(v), _client_name(g, f), d, kind) for v, kind, d, _reason, g, f in rows]


def follow_up_row(visit_id: str, client_name: str, due: date, kind: str) -> DueRow:
    """A follow-up in the due lists: nutrition (re-)screens get kind ``nutrition``; the detail is its kind."""
    return DueRow("nutrition" if kind.startswith("nutrition") else "follow_up", visit_id, client_name, due, kind)


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
    """Open cases per team member: (member_id, name, role in the case, status, count), by name.

    Driven from the open cases (ix_visit_status_id) into the team rows (the unique
    (visit_id, member_id, role) index covers them); names are looked up once per member.
    """
    rows = session.exec(select(VisitMember.member_id, VisitMember.role, Visit.status, func.count())
                        .select_from(Visit)
                        .join(VisitMember, col(VisitMember.visit_id) == Visit.id)
                        .where(col(Visit.status).in_(OPEN_STATUSES))
                        .group_by(VisitMember.member_id, VisitMember.role, Visit.status)).all()
    names = {mid: name for mid, name in session.exec(select(TeamMember.id, TeamMember.name))}
    out = [(str(mid), names.get(mid, ""), role, status, int(n)) for mid, role, status, n in rows]
    out.sort(key=lambda r: (r[1], r[0], r[2], PIPELINE.index(r[3])))
    return out


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


# --- figures --------------------------------------------------------------------------------------
