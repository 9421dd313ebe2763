"""Data access for the team lead's period figures (referrals, visits, measures, applications).

Portable SQL only (SQLite now, PostgreSQL later): no ``group_concat``, no date functions,
no collations. Per-case facts from scoring snapshots are cached in ``case_stat``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, and_, case, exists, func, insert, or_, type_coerce
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, delete, select

from boligvurdering.store.models import (
    Application,
    CaseStat,
    Client,
    FollowUp,
    Measure,
    ScoreSnapshot,
    Visit,
    utcnow,
)
from boligvurdering.store.util import as_uuid

#: The figures read touches every case of the period in indexes keyed by random ids (tens of MB at
#: 100 000 cases). For that read only, a page cache of up to 64 MiB: each page of the encrypted file
#: is read and decrypted once per read, not again after every eviction from the default 2 MB cache.
#: Reset when the read ends. (A memory map would help a plain SQLite file only — SQLCipher cannot
#: map — and its pages count in the resident size, so it is not used.)
CACHE_KIB = 64 * 1024

VISITED = ("gjennomfort", "signert", "rapport_sendt", "soknad_sendt", "vedtak", "tiltak_utfort", "oppfolging")


def _visited_clause(start: date, end: date) -> Any:
    """Visited in [start, end]: visit date in the period and the visit carried out.

    A closed case counts when it has a score snapshot (closed after a visit).
    """
    snap = aliased(ScoreSnapshot)
    closed_after_visit = and_(Visit.status == "avsluttet", exists().where(snap.visit_id == Visit.id))
    return and_(col(Visit.visit_date) >= start, col(Visit.visit_date) <= end,
                or_(col(Visit.status).in_(VISITED), closed_after_visit))


@contextmanager
def wide_read(session: Session) -> Iterator[None]:
    """Within ``session``'s transaction: the larger page cache above (SQLite only)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
    try:
        yield
    finally:
        if not conn.closed and not conn.invalidated:  # the pooled connection reads as before
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")


def referral_counts(session: Session, *, start: date, end: date) -> list[tuple[date, int]]:
    """(referral date, cases) for every day in the period with referrals (index-only, ≤ 366 rows a year)."""
    rows = session.exec(select(Visit.referral_date, func.count())
                        .where(col(Visit.referral_date) >= start, col(Visit.referral_date) <= end)
                        .group_by(Visit.referral_date))
    return [(d, int(n)) for d, n in rows]


# Positions in a ``visited_cases`` row.
VC_CLIENT, VC_REFERRAL, VC_VISIT, VC_BORN, VC_REPORT, VC_SCREENED, VC_AT_RISK, VC_FALLS, VC_FIRE, VC_FIRE7, \
    VC_PLAN, VC_STALE = range(12)


def visited_cases(session: Session, *, start: date, end: date) -> list[tuple[Any, ...]]:
    """One row per visited case: (client_id, referral_date, visit_date, birth_date, report_sent_at,
    nutrition_screened, nutrition_at_risk, falls_rank, fire_rank, fire7_fail, has_nutrition_plan,
    stale) — positions ``VC_*``.

    ``has_nutrition_plan`` is looked up only for a case screened and at risk (else 0): the figures
    count a plan for no other case. ``stale`` is the case id when it has a score snapshot and no
    ``case_stat`` row, or one newer than its row (refresh those and ask again), else ``None``. Every probe is index-only: ix_visit_figures,
    ix_client_id_birth_date, ix_measure_visit_domain_status, ix_score_snapshot_visit_created.
    """
    # the plan only counts for a screened case at risk: the probe is skipped for every other case
    plan = and_(col(CaseStat.nutrition_screened).is_(True), col(CaseStat.nutrition_at_risk).is_(True),
                exists().where(Measure.visit_id == Visit.id, Measure.domain == "nutrition",
                               col(Measure.status).in_(("accepted", "done"))))
    # one probe: a snapshot of the case and no row for it, or one newer than its row
    snap = aliased(ScoreSnapshot)
    stale = exists().where(snap.visit_id == Visit.id,
                           or_(col(CaseStat.id).is_(None), col(snap.created_at) > CaseStat.snapshot_at))
    # the client id only groups rows: skip building UUID objects for it
    query = (select(type_coerce(Visit.client_id, String), Visit.referral_date, Visit.visit_date, Client.birth_date, Visit.report_sent_at,
                    CaseStat.nutrition_screened, CaseStat.nutrition_at_risk, CaseStat.falls_rank,
                    CaseStat.fire_rank, CaseStat.fire7_fail, case((plan, 1), else_=0),
                    case((stale, Visit.id), else_=None))
             .join(Client, col(Client.id) == Visit.client_id)
             .outerjoin(CaseStat, col(CaseStat.visit_id) == Visit.id)
             .where(_visited_clause(start, end)))
    return [tuple(r) for r in session.exec(query)]


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
    ids = [r[VC_STALE] for r in visited_cases(session, start=start, end=end) if r[VC_STALE] is not None]
    return newest_snapshots(session, visit_ids=ids)


def newest_snapshots(session: Session, *, visit_ids: list[Any]) -> list[tuple[Any, datetime, dict[str, Any]]]:
    """(visit_id, created_at, decoded result) of the newest snapshot of each given case."""
    seen: dict[Any, tuple[Any, datetime, dict[str, Any]]] = {}
    for i in range(0, len(visit_ids), 500):
        chunk = visit_ids[i:i + 500]
        latest = (select(ScoreSnapshot.visit_id, func.max(ScoreSnapshot.created_at).label("at"))
                  .where(col(ScoreSnapshot.visit_id).in_(chunk)).group_by(ScoreSnapshot.visit_id).subquery())
        query = (select(ScoreSnapshot.visit_id, ScoreSnapshot.created_at, ScoreSnapshot.result_json)
                 .join(latest, and_(latest.c.visit_id == ScoreSnapshot.visit_id,
                                    latest.c.at == ScoreSnapshot.created_at)))
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


def case_facts(session: Session, *, visit_id: str) -> tuple[datetime | None, tuple[Any, datetime, dict[str, Any]] | None,
                                                          list[Application], list[FollowUp]]:
    """What the synced document's ``facts`` are made of: (report_sent_at, newest snapshot, applications,
    follow-ups)."""
    vid = as_uuid(visit_id)
    report = session.exec(select(Visit.report_sent_at).where(Visit.id == vid)).first()
    newest = newest_snapshots(session, visit_ids=[vid])
    apps = list(session.exec(select(Application).where(Application.visit_id == vid).order_by(col(Application.id))))
    follow = list(session.exec(select(FollowUp).where(FollowUp.visit_id == vid).order_by(col(FollowUp.id))))
    return report, (newest[0] if newest else None), apps, follow
