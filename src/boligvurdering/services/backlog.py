"""The team lead's backlog: cases page by page, counts, due lists, workload, assignment, figures.

Every method takes ``today`` explicitly where day boundaries matter: a task due today is *due*,
not overdue; overdue means due before today. "This week" runs from today to Sunday (ISO week).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from boligvurdering.domain.dates import age_on
from boligvurdering.domain.enums import LINDAAS_ROLES, RiskLevel
from boligvurdering.domain.errors import InvalidValue, NotFound
from boligvurdering.i18n import tr
from boligvurdering.services.access import guard
from boligvurdering.services.pipeline import load_settings, refresh_next_due
from boligvurdering.store import backlog as repo
from boligvurdering.store import clients as client_repo
from boligvurdering.store import figures as figures_repo
from boligvurdering.store import visits as visit_repo
from boligvurdering.store.backlog import BacklogQuery, BacklogRow, DueRow

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

__all__ = ["BacklogQuery", "BacklogRow", "BacklogService", "DueLists", "DueRow", "Figures", "BacklogOpen"]
LOCAL_TZ = ZoneInfo("Europe/Oslo")
NATIONAL_2021 = {"screened": 18.1, "at_risk": 37.0, "plan": 40.2}
AGE_BANDS = ((0, 66, "under 67"), (67, 74, "67–74"), (75, 79, "75–79"), (80, 84, "80–84"), (85, 89, "85–89"),
             (90, 200, "90+"))


@dataclass(frozen=True)
class BacklogOpen:
    """What the backlog shows on opening: the first page, the total and the counts per status."""

    rows: list[BacklogRow]
    total: int
    counts: dict[str, int]


@dataclass(frozen=True)
class DueLists:
    """Tasks overdue (due before today) and due from today to Sunday, each sorted by date."""

    today: date
    week_end: date
    overdue: list[DueRow]
    this_week: list[DueRow]


def split_due(today: date, until: date, items: list[DueRow]) -> DueLists:
    """``items`` in the due lists' order (``store.backlog.due_order``), split at ``today``."""
    items = sorted(items, key=repo.due_order)
    return DueLists(today, until, [d for d in items if d.due < today], [d for d in items if d.due >= today])


@dataclass
class Figures:
    """Figures for one period (see docs/BACKLOG.md for every definition)."""

    start: date
    end: date
    months: list[str]
    referrals: list[int]
    visits: list[int]
    median_referral_to_visit: float | None
    median_visit_to_report: float | None
    visited_clients: int
    screened: int
    at_risk: int
    with_plan: int
    high_falls: int
    high_fire: int
    fire7_failures: int
    measures: list[tuple[str, int, int, int]] = field(default_factory=list)  # domain, proposed, accepted, done
    applications: list[tuple[str, int, int, int, float, float]] = field(default_factory=list)
    age_bands: list[tuple[str, int]] = field(default_factory=list)

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        """Percentage rounded to one decimal, ``None`` when the base is zero."""
        return round(100.0 * part / whole, 1) if whole else None


def week_end(today: date) -> date:
    """The Sunday of ``today``'s ISO week."""
    return today + timedelta(days=6 - today.weekday())


def months_between(start: date, end: date) -> list[str]:
    """``YYYY-MM`` for every month touched by [start, end]."""
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def snapshot_facts(result: dict[str, Any]) -> dict[str, Any]:
    """The ``case_stat`` facts of one score snapshot (see docs/CONTENT-IDS.md)."""
    inst = result.get("instruments") or {}
    domains = result.get("domains") or {}
    bands = [(inst.get(i) or {}).get("band", "not_assessed") for i in ("MST", "MNA-SF")]
    return {
        "nutrition_screened": any(b not in ("not_assessed", None) for b in bands),
        "nutrition_at_risk": any(b in ("at_risk", "malnourished") for b in bands),
        "falls_rank": RiskLevel.rank_of((domains.get("falls") or {}).get("level")),
        "fire_rank": RiskLevel.rank_of((domains.get("fire") or {}).get("level")),
        "fire7_fail": (inst.get("FIRE-7") or {}).get("band") == "fail",
    }


class BacklogService:
    """Read models and assignment use cases for the backlog page and the CLI."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- table ----------------------------------------------------------------------------
    @guard("client.read", "backlog.list")
    def open(self, q: BacklogQuery, *, today: date, page_size: int = 200) -> BacklogOpen:
        """First page, total and counts per status in one read transaction."""
        with self.ctx.db.transaction() as s:
            rows = repo.backlog_page(s, q=q, today=today, offset=0, limit=page_size)
            total = len(rows) if len(rows) < page_size else repo.backlog_count(s, q=q, today=today)
            return BacklogOpen(rows, total, repo.status_counts(s, q=q, today=today))

    @guard("client.read", "backlog.list")
    def page(self, q: BacklogQuery, *, today: date, offset: int = 0, limit: int = 200,
             after: BacklogRow | None = None) -> list[BacklogRow]:
        """The next ``limit`` rows in the query's order.

        With ``after`` (the last row already shown) the page is fetched by keyset — as fast at row
        100 000 as at row 200; ``offset`` alone is kept for callers that have no row at hand.
        """
        with self.ctx.db.transaction() as s:
            return repo.backlog_page(s, q=q, today=today, offset=offset, limit=limit,
                                     after=after.sort_key if after is not None and after.sort_key else None)

    @guard("client.read")
    def areas(self) -> list[str]:
        with self.ctx.db.transaction() as s:
            return repo.areas(s)

    @guard("client.read")
    def members(self) -> list[tuple[str, str, str]]:
        """Active team members as (id, name, role)."""
        with self.ctx.db.transaction() as s:
            return [(m.id, m.name, m.role) for m in client_repo.list_members(s)]

    # -- deadlines ------------------------------------------------------------------------
    @guard("client.read", "backlog.list")
    def due_lists(self, *, today: date) -> DueLists:
        """Overdue tasks and tasks due this week: visits, reports, applications, follow-ups, nutrition."""
        until = week_end(today)
        with self.ctx.db.transaction() as s:
            cfg = load_settings(s)
            items = (repo.due_visits(s, until=until)
                     + repo.due_reports(s, visit_date_until=until - timedelta(days=cfg.report_days),
                                        report_days=cfg.report_days)
                     + repo.due_applications(s, sent_until=until - timedelta(days=cfg.answer_days),
                                             answer_days=cfg.answer_days)
                     + repo.due_follow_ups(s, until=until))
        return split_due(today, until, items)

    # -- workload and assignment ----------------------------------------------------------
    @guard("client.read")
    def workload(self) -> list[tuple[str, str, str, str, int]]:
        """Open cases per team member: (member_id, name, role, status, count)."""
        with self.ctx.db.transaction() as s:
            return repo.workload(s)

    @guard("visit.write")
    def assign(self, visit_id: str, *, member_id: str, role: str, contact: bool = False,
               replace_role: bool = True) -> None:
        """Put a member on a case in a role (replacing whoever had that role); optionally as contact."""
        if role not in {r.value for r in LINDAAS_ROLES}:
            raise InvalidValue(tr("Ukjent rolle «{r}».", r=role))
        with self.ctx.db.transaction() as s:
            record = visit_repo.get_visit(s, visit_id=visit_id)
            if record is None:
                raise NotFound(tr("Fant ikke saken."))
            if client_repo.get_member(s, member_id=member_id) is None:
                raise NotFound(tr("Fant ikke teammedlemmet."))
            team = [(m.member.id, m.role) for m in record.members if not (replace_role and m.role == role)]
            team = list(dict.fromkeys([*team, (member_id, role)]))
            visit_repo.set_team(s, visit_id=visit_id, team=team)
            contact_id = record.contact_member_id
            if contact or contact_id not in {m for m, _ in team}:
                contact_id = member_id
            visit_repo.update_visit(s, visit_id=visit_id, contact_member_id=contact_id)

    @guard("visit.write")
    def set_visit_date(self, visit_id: str, *, visit_date: date) -> None:
        """Move a planned visit to another date (status unchanged)."""
        with self.ctx.db.transaction() as s:
            record = visit_repo.get_visit(s, visit_id=visit_id)
            if record is None:
                raise NotFound(tr("Fant ikke saken."))
            if record.status != "planlagt":
                raise InvalidValue(tr("Bare planlagte besøk kan flyttes til en ny dato."))
            visit_repo.update_visit(s, visit_id=visit_id, visit_date=visit_date)
            refresh_next_due(s, visit_id)

    # -- figures ---------------------------------------------------------------------------
    @guard("figures.read")
    def refresh_stats(self, *, start: date, end: date) -> int:
        """Bring the ``case_stat`` cache up to date for cases visited in the period."""
        with self.ctx.db.transaction() as s:
            return _put_facts(s, figures_repo.stale_stats(s, start=start, end=end))

    @guard("figures.read", "figures.read")
    def figures(self, *, start: date, end: date) -> Figures:
        """Figures for [start, end] (both inclusive).

        One pass over the visited cases also says which cached snapshot facts are stale; only
        then are those refreshed (in the same transaction) and the cases read again.
        """
        if end < start:
            raise InvalidValue(tr("Sluttdatoen må være etter startdatoen."))
        with self.ctx.db.transaction() as s, figures_repo.wide_read(s):
            cases = figures_repo.visited_cases(s, start=start, end=end)
            stale = [c[figures_repo.VC_STALE] for c in cases if c[figures_repo.VC_STALE] is not None]
            if stale:
                _put_facts(s, figures_repo.newest_snapshots(s, visit_ids=stale))
                cases = figures_repo.visited_cases(s, start=start, end=end)
            referrals = figures_repo.referral_counts(s, start=start, end=end)
            measures = figures_repo.measure_counts(s, start=start, end=end)
            apps = figures_repo.application_sums(s, start=start, end=end)
        return build_figures(start, end, referrals, cases, measures, apps)


def _put_facts(s: Any, snapshots: list[tuple[Any, datetime, dict[str, Any]]]) -> int:
    """Store the ``case_stat`` facts of (visit_id, snapshot_at, result) snapshots; returns how many."""
    return figures_repo.put_stats(s, items=[(v, at, snapshot_facts(res)) for v, at, res in snapshots])


def _per_month(months: list[str], days: list[tuple[date, int]]) -> list[int]:
    counts: Counter[str] = Counter()
    for d, n in days:
        counts[f"{d.year:04d}-{d.month:02d}"] += n
    return [counts.get(m, 0) for m in months]


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _local_date(at: datetime) -> date:
    return (at if at.tzinfo else at.replace(tzinfo=ZoneInfo("UTC"))).astimezone(LOCAL_TZ).date()


def build_figures(start: date, end: date, referrals: list[tuple[date, int]], cases: list[tuple[Any, ...]],
                   measures: list[tuple[str, str, int]], apps: list[tuple[Any, ...]]) -> Figures:
    C, REF, VIS, BORN, REP = figures_repo.VC_CLIENT, figures_repo.VC_REFERRAL, figures_repo.VC_VISIT, figures_repo.VC_BORN, figures_repo.VC_REPORT
    months = months_between(start, end)
    latest: dict[Any, tuple[Any, ...]] = {}
    for c in sorted(cases, key=lambda c: c[VIS]):
        latest[c[C]] = c  # per client, the last visit in the period
    clients = list(latest.values())
    waits = [(c[VIS] - c[REF]).days for c in cases if c[REF] is not None and c[REF] <= c[VIS]]
    reported = ((c[VIS], _local_date(c[REP])) for c in cases if c[REP] is not None)
    to_report = [(sent - d).days for d, sent in reported if sent >= d]
    visits = Counter(c[VIS] for c in cases)
    bands: Counter[str] = Counter()
    for c in clients:
        age = age_on(c[BORN], c[VIS])
        bands[next(label for lo, hi, label in AGE_BANDS if lo <= age <= hi)] += 1
    by_domain: dict[str, list[int]] = {}
    for domain, status, n in measures:
        row = by_domain.setdefault(domain, [0, 0, 0])
        row[0] += n
        row[1] += n if status in ("accepted", "done") else 0
        row[2] += n if status == "done" else 0
    return Figures(
        start, end, months, _per_month(months, referrals), _per_month(months, list(visits.items())),
        _median(waits), _median(to_report), len(clients),
        screened=sum(1 for c in clients if c[figures_repo.VC_SCREENED]),
        at_risk=sum(1 for c in clients if c[figures_repo.VC_SCREENED] and c[figures_repo.VC_AT_RISK]),
        with_plan=sum(1 for c in clients if c[figures_repo.VC_SCREENED] and c[figures_repo.VC_AT_RISK] and c[figures_repo.VC_PLAN]),
        high_falls=sum(1 for c in clients if c[figures_repo.VC_FALLS] == 3),
        high_fire=sum(1 for c in clients if c[figures_repo.VC_FIRE] == 3),
        fire7_failures=sum(1 for c in clients if c[figures_repo.VC_FIRE7]),
        measures=sorted((d, v[0], v[1], v[2]) for d, v in by_domain.items()),
        applications=list(apps),
        age_bands=[(label, bands.get(label, 0)) for _lo, _hi, label in AGE_BANDS],
    )
