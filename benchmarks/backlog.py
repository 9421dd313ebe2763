"""Backlog and figures at scale: 100 000 cases, 50 000 clients.

Run: .venv/bin/python benchmarks/backlog.py [--cases 100000] [--clients 50000] [--runs 7]

The data is generated in a child process with plain ``executemany`` into a database migrated
by the application, so the measuring process's peak memory is the app's, not the generator's.
Prints medians (ms) of the service calls (SQLModel/SQLAlchemy), the lazily loading Qt model
(offscreen), and the same queries written in plain sqlite3 SQL. A script, not a test.

``--cold-runs 3``: the year's figures in 3 fresh processes, the OS page cache dropped before each
(``/proc/sys/vm/drop_caches``, needs root; otherwise a printed note says the cache stayed warm);
with ``--cipher`` also on an SQLCipher copy of the database, as the laptop stores it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

TODAY = date(2026, 3, 2)
STATUSES = ("henvist", "planlagt", "gjennomfort", "rapport_sendt", "soknad_sendt", "vedtak", "tiltak_utfort",
            "oppfolging", "avsluttet")
WEIGHTS = (3, 4, 3, 3, 3, 2, 2, 6, 74)
POSTAL = [f"59{i:02d}" for i in range(10, 40)]
GIVEN = ["Astrid", "Bjarne", "Signe", "Olav", "Åse", "Kari", "Per", "Ingrid", "Lars", "Marit", "Knut", "Solveig"]
FAMILY = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
          "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
          "Jacobsen", "Dahl", "Jørgensen", "Henriksen", "Lund", "Halvorsen", "Sørensen", "Strand", "Øvrebø"]
ROLES = ("ergoterapeut", "fysioterapeut", "boligkonsulent", "byggteknisk")


def _u() -> str:
    return uuid.uuid4().hex


def _ts(day: date) -> str:
    return datetime(day.year, day.month, day.day, 9, 0).strftime("%Y-%m-%d %H:%M:%S.%f")


def _snapshot(rng: random.Random) -> str:
    band = rng.choice(["low", "low", "at_risk", "not_assessed"])
    level = lambda: rng.choice(["low", "moderate", "high", "low"])  # noqa: E731
    return json.dumps({"instruments": {"MST": {"band": band}, "FIRE-7": {"band": rng.choice(["pass", "fail"])}},
                       "domains": {"falls": {"level": level()}, "fire": {"level": level()}}})


def _put(con: sqlite3.Connection, table: str, rows: list) -> None:
    """Insert rows given in the table's column order; columns added by later migrations keep their defaults."""
    if not rows:
        return
    names = [r[1] for r in con.execute(f"PRAGMA table_info({table})")][:len(rows[0])]
    con.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", rows)


def generate(path: Path, n_cases: int, n_clients: int, seed: int = 7) -> None:
    """Fill a migrated database with synthetic data (plain sqlite3, executemany)."""
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    now = _ts(TODAY)
    members = [(_u(), f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {i}", ROLES[i % 4]) for i in range(12)]
    _put(con, "team_member", [(m, now, now, name, role, "", "", 1) for m, name, role in members])
    clients, dwellings = [], []
    for i in range(n_clients):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        born = date(1925, 1, 1) + timedelta(days=rng.randrange(365 * 35))
        cid = _u()
        clients.append((cid, now, now, f"X{i:010d}", given, family, born.isoformat(), rng.choice("FM"), "", None, "",
                        f"{given} {family}".casefold()))
        dwellings.append((_u(), now, now, cid, "Testvegen 1", rng.choice(POSTAL), "", "4631", "enebolig", None, None,
                          None, "", None))
    _put(con, "client", clients)
    _put(con, "dwelling", dwellings)
    _cases(con, rng, n_cases, clients, dwellings, members)
    fill_case_stat(con)
    con.commit()
    con.execute("ANALYZE")
    con.close()


def _cases(con: sqlite3.Connection, rng: random.Random, n: int, clients: list, dwellings: list, members: list) -> None:
    visits, team, events, snaps, measures, apps, follows = [], [], [], [], [], [], []
    for _ in range(n):
        k = rng.randrange(len(clients))
        vid, status = _u(), rng.choices(STATUSES, WEIGHTS)[0]
        step = STATUSES.index(status)
        ref = TODAY - timedelta(days=rng.randrange(5 * 365) if status == "avsluttet" else rng.randrange(200))
        vdate = ref + timedelta(days=rng.randrange(5, 60)) if step >= 1 else None
        a, b = rng.sample(members, 2)
        due = (None if status == "avsluttet" else vdate if step == 1 else
               ref + timedelta(days=14) if step == 0 else (vdate or ref) + timedelta(days=rng.randrange(14, 120)))
        reported = _ts(ref + timedelta(days=3 * 9)) if step >= 3 else None  # the rapport_sendt event below
        visits.append((vid, _ts(ref), _ts(ref), clients[k][0], dwellings[k][0], status, vdate and vdate.isoformat(),
                       ref.isoformat(), "gp", "Forebyggende hjemmebesøk", rng.randint(1, 3), a[0],
                       rng.randint(0, 3) if step >= 2 else 0, due and due.isoformat(), "", step, reported))
        stamp = _ts(ref)
        team.append((_u(), stamp, stamp, vid, a[0], a[2], None))
        team.append((_u(), stamp, stamp, vid, b[0], b[2] if b[2] != a[2] else "boligkonsulent", None))
        for i in range(min(step, 4) + 1):
            events.append((_u(), _ts(ref), _ts(ref), vid, STATUSES[i - 1] if i else None,
                           STATUSES[i] if i < 4 or step < 8 else "avsluttet", _ts(ref + timedelta(days=i * 9)), "bench", ""))
        if step >= 2:
            snaps.append((_u(), _ts(vdate), _ts(vdate), vid, "1", _snapshot(rng)))
            for dom in rng.sample(["falls", "fire", "nutrition", "housing"], 2):
                measures.append((_u(), stamp, stamp, vid, None, "Tiltak", dom, rng.choice(["proposed", "accepted", "done"]),
                                 "", "", 2, "", None, None, None, None, "", None, None, "", None, None, None, "permanent",
                                 "{}", None))
        if step >= 4 and rng.random() < 0.6:
            decided = step >= 5
            apps.append((_u(), stamp, stamp, vid, rng.choice(["startlan", "kommunalt_tilskudd", "nav_hjelpemiddel"]),
                         50000.0, (vdate + timedelta(days=20)).isoformat(),
                         (vdate + timedelta(days=45)).isoformat() if decided else None,
                         rng.random() < 0.7 if decided else None, 30000.0 if decided else None))
        if status == "oppfolging":
            follows.append((_u(), stamp, stamp, vid, rng.choice(["revisit", "nutrition_rescreen"]), due.isoformat(), "", None))
    con.executemany("INSERT INTO visit (id, created_at, updated_at, client_id, dwelling_id, status, visit_date, "
                    "referral_date, referral_source, referral_reason, priority, contact_member_id, risk_rank, "
                    f"next_due, notes, status_order, report_sent_at) VALUES ({','.join('?' * 17)})", visits)
    _put(con, "visit_member", team)
    _put(con, "status_event", events)
    _put(con, "score_snapshot", snaps)
    _put(con, "measure", measures)
    _put(con, "application", apps)
    _put(con, "follow_up", follows)


def fill_case_stat(con: sqlite3.Connection) -> int:
    """What the app writes with every snapshot: the ``case_stat`` row of each case's newest snapshot.

    Facts from the app's own ``snapshot_facts``; only cases without a row get one (also used to
    restore the rows after timing the one-time fill of an upgraded database).
    """
    from boligvurdering.services.backlog import snapshot_facts

    newest = con.execute("SELECT x.visit_id, x.created_at, x.result_json FROM score_snapshot x "
                         "JOIN (SELECT visit_id, max(created_at) AS at FROM score_snapshot GROUP BY visit_id) n "
                         "ON n.visit_id = x.visit_id AND n.at = x.created_at "
                         "WHERE NOT EXISTS (SELECT 1 FROM case_stat s WHERE s.visit_id = x.visit_id)").fetchall()
    rows, seen, now = [], set(), _ts(TODAY)
    for vid, at, encoded in newest:
        if vid not in seen:  # two snapshots in the same instant: keep one, as the app does
            seen.add(vid)
            f = snapshot_facts(json.loads(encoded))
            rows.append((_u(), now, now, vid, at, f["nutrition_screened"], f["nutrition_at_risk"], f["falls_rank"],
                         f["fire_rank"], f["fire7_fail"]))
    _put(con, "case_stat", rows)
    return len(rows)


def timed(fn, runs: int) -> float:
    """Median milliseconds of ``runs`` calls (after one warm-up call)."""
    fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return statistics.median(out)


OPEN_IN = "('henvist','planlagt','gjennomfort','rapport_sendt','soknad_sendt','vedtak','tiltak_utfort','oppfolging')"
PLAIN_PAGE = """
SELECT v.id, v.status, c.given_name, c.family_name, d.postal_code, v.risk_rank, v.next_due, v.referral_date,
       v.visit_date, v.priority, tm.name
FROM visit v JOIN client c ON c.id = v.client_id LEFT JOIN dwelling d ON d.id = v.dwelling_id
LEFT JOIN team_member tm ON tm.id = v.contact_member_id
WHERE v.status IN """ + OPEN_IN + """
{extra} ORDER BY {order} LIMIT 200"""
PLAIN_COUNT = "SELECT count(*) FROM visit v WHERE v.status IN " + OPEN_IN
PLAIN_COUNTS = "SELECT status, count(*) FROM visit GROUP BY status"
PLAIN_AREA_COUNT = ("SELECT count(*) FROM visit v LEFT JOIN dwelling d ON d.id = v.dwelling_id WHERE v.status IN "
                    + OPEN_IN + " AND d.postal_code >= '5920' AND d.postal_code < '5921'")
PLAIN_AREA_COUNTS = ("SELECT v.status, count(*) FROM visit v LEFT JOIN dwelling d ON d.id = v.dwelling_id "
                     "WHERE d.postal_code >= '5920' AND d.postal_code < '5921' GROUP BY v.status")
VISITED = """v.visit_date BETWEEN :a AND :b AND (v.status IN ('gjennomfort','rapport_sendt','soknad_sendt','vedtak',
       'tiltak_utfort','oppfolging') OR (v.status = 'avsluttet' AND EXISTS (SELECT 1 FROM score_snapshot x
       WHERE x.visit_id = v.id)))"""
PLAIN_FIGURES = [  # what BacklogService.figures runs (0004): four queries, the stale check folded in
    "SELECT referral_date, count(*) FROM visit WHERE referral_date BETWEEN :a AND :b GROUP BY referral_date",
    """SELECT v.client_id, v.referral_date, v.visit_date, c.birth_date, v.report_sent_at, s.nutrition_screened,
       s.nutrition_at_risk, s.falls_rank, s.fire_rank, s.fire7_fail,
       EXISTS (SELECT 1 FROM measure m WHERE m.visit_id = v.id AND m.domain = 'nutrition'
               AND m.status IN ('accepted','done')),
       CASE WHEN (s.id IS NULL AND EXISTS (SELECT 1 FROM score_snapshot y WHERE y.visit_id = v.id))
            OR s.snapshot_at < (SELECT max(x.created_at) FROM score_snapshot x WHERE x.visit_id = v.id)
            THEN v.id END
       FROM visit v JOIN client c ON c.id = v.client_id LEFT JOIN case_stat s ON s.visit_id = v.id
       WHERE """ + VISITED,
    """SELECT m.domain, m.status, count(*) FROM measure m JOIN visit v ON v.id = m.visit_id
       WHERE """ + VISITED + " GROUP BY m.domain, m.status",
    """SELECT channel, count(*), sum(CASE WHEN decided_at IS NOT NULL THEN 1 ELSE 0 END),
       sum(CASE WHEN granted THEN 1 ELSE 0 END), coalesce(sum(amount_applied), 0), coalesce(sum(amount_granted), 0)
       FROM application WHERE sent_at BETWEEN :a AND :b GROUP BY channel ORDER BY channel""",
]
PLAIN_WORKLOAD = ("SELECT vm.member_id, vm.role, v.status, count(*) FROM visit v JOIN visit_member vm "
                  "ON vm.visit_id = v.id WHERE v.status IN " + OPEN_IN + " GROUP BY vm.member_id, vm.role, v.status")


def bench_plain(path: Path, runs: int, member: str) -> dict[str, float]:
    con = sqlite3.connect(path)
    page = lambda extra="", order="v.next_due NULLS LAST, v.id", params=(): con.execute(  # noqa: E731
        PLAIN_PAGE.format(extra=extra, order=order), params).fetchall()
    year = {"a": (TODAY - timedelta(days=365)).isoformat(), "b": TODAY.isoformat()}
    row = page(order="v.next_due NULLS LAST, v.id LIMIT 1 OFFSET 9999 --")[0]
    # bound parameters, as the service sends them (literals lead SQLite to a MULTI-INDEX OR plan here)
    after, after_params = (("AND (v.next_due > ? OR v.next_due IS NULL OR v.next_due = ? AND v.id > ?)",
                            (row[6], row[6], row[0])) if row[6] else ("AND v.next_due IS NULL AND v.id > ?", (row[0],)))
    out = {
        "open": timed(lambda: (page(), con.execute(PLAIN_COUNT).fetchall(), con.execute(PLAIN_COUNTS).fetchall()), runs),
        "filter person": timed(lambda: page(f"AND (v.contact_member_id = '{member}' OR EXISTS (SELECT 1 FROM "
                                            f"visit_member m WHERE m.visit_id = v.id AND m.member_id = '{member}'))"), runs),
        "filter area": timed(lambda: page("AND d.postal_code >= '5920' AND d.postal_code < '5921'"), runs),
        "filter overdue": timed(lambda: page(f"AND v.next_due < '{TODAY.isoformat()}'"), runs),
        "search": timed(lambda: page("AND v.client_id IN (SELECT id FROM client WHERE search_key LIKE '%øvre%')"), runs),
        "sort client": timed(lambda: page(order="c.family_name, c.given_name, v.id"), runs),
        "sort status": timed(lambda: page(order="v.status_order, v.id"), runs),
        "sort risk": timed(lambda: page(order="v.risk_rank DESC, v.id DESC"), runs),
        "page 50 (offset 10 000)": timed(lambda: page(order="v.next_due NULLS LAST, v.id LIMIT 200 "
                                                      "OFFSET 10000 --"), runs),
        "page 50 (keyset after row 10 000)": timed(lambda: page(after, params=after_params), runs),
        "filter+count (area)": timed(lambda: (page("AND d.postal_code >= '5920' AND d.postal_code < '5921'"),
                                              con.execute(PLAIN_AREA_COUNT).fetchall(),
                                              con.execute(PLAIN_AREA_COUNTS).fetchall()), runs),
        "workload": timed(lambda: con.execute(PLAIN_WORKLOAD).fetchall(), runs),
        "figures year": timed(lambda: [con.execute(q, year).fetchall() for q in PLAIN_FIGURES], runs),
    }
    con.close()
    return out


def bench_service(root: Path, runs: int) -> tuple[dict[str, float], str, object]:
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.backlog import BacklogQuery, BacklogService
    from boligvurdering.services.context import open_context

    ctx = open_context(AppPaths.resolve(str(root)), role="administrator")
    svc = BacklogService(ctx)
    member = svc.members()[0][0]
    start, end = TODAY - timedelta(days=365), TODAY
    # a database upgraded from before case_stat existed: the first figures fill the year's rows once
    with sqlite3.connect(ctx.db.path) as con:
        con.execute("DELETE FROM case_stat")
    t = time.perf_counter()
    svc.figures(start=start, end=end)
    fill = (time.perf_counter() - t) * 1000
    with sqlite3.connect(ctx.db.path) as con:
        fill_case_stat(con)  # the other years' rows, as the app had written them
    q = BacklogQuery
    row_10k = svc.page(q(), today=TODAY, offset=9_999, limit=1)[0]
    assert svc.page(q(), today=TODAY, after=row_10k) == svc.page(q(), today=TODAY, offset=10_000)
    out = {
        "open": timed(lambda: svc.open(q(), today=TODAY), runs),
        "filter person": timed(lambda: svc.page(q(member_id=member), today=TODAY, offset=0), runs),
        "filter area": timed(lambda: svc.page(q(area="5920"), today=TODAY, offset=0), runs),
        "filter overdue": timed(lambda: svc.page(q(overdue=True), today=TODAY, offset=0), runs),
        "search": timed(lambda: svc.page(q(search="øvre"), today=TODAY, offset=0), runs),
        "sort client": timed(lambda: svc.page(q(sort="client"), today=TODAY, offset=0), runs),
        "sort status": timed(lambda: svc.page(q(sort="status"), today=TODAY, offset=0), runs),
        "sort risk": timed(lambda: svc.page(q(sort="risk"), today=TODAY, offset=0), runs),
        "page 50 (offset 10 000)": timed(lambda: svc.page(q(), today=TODAY, offset=10_000), runs),
        "page 50 (keyset after row 10 000)": timed(lambda: svc.page(q(), today=TODAY, after=row_10k), runs),
        "filter+count (area)": timed(lambda: svc.open(q(area="5920"), today=TODAY), runs),
        "due lists": timed(lambda: svc.due_lists(today=TODAY), runs),
        "workload": timed(svc.workload, runs),
        "figures year, upgraded db: one-time case_stat fill (once)": fill,
        "figures year": timed(lambda: svc.figures(start=start, end=end), runs),
    }
    return out, member, (ctx, svc)


def bench_qt(svc, runs: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from boligvurdering.gui.backlog.model import BacklogTableModel
    from boligvurdering.services.backlog import BacklogQuery

    app = QApplication.instance() or QApplication([])
    model = BacklogTableModel()
    view = QTableView()
    view.setModel(model)
    view.resize(1300, 700)
    q = BacklogQuery()

    def load() -> None:
        res = svc.open(q, today=TODAY)
        model.reset(res.rows, res.total, lambda o, n: svc.page(q, today=TODAY, offset=o, limit=n,
                                                               after=model.row_at(o - 1) if o else None), TODAY)

    def scroll() -> None:
        load()
        for _ in range(5):
            model.fetchMore()
        view.scrollToBottom()
        app.processEvents()

    return {"qt model open (first page)": timed(load, runs), "qt model + 5 fetchMore (1 200 rows)": timed(scroll, runs),
            "qt rows loaded after scrolling": model.rowCount(), "qt total rows": model.total}


def drop_os_cache() -> str | None:
    """Write back and drop the OS page cache (Linux, root); returns why not when it cannot."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("1\n")
    except OSError as exc:
        return f"OS page cache not dropped ({exc.strerror or exc}); cold runs read from a warm OS cache"
    return None


CIPHER_KEY = bytes(range(32))  # the benchmark's SQLCipher copy only


def cipher_copy(root: Path) -> Path:
    """An SQLCipher copy of the data folder's database (as on the laptop), made once next to it.

    ``sqlcipher_export`` writes every table and index in one piece: the copy is less scattered
    than a database that grew case by case.
    """
    import sqlcipher3

    target = root.with_name(root.name + "-cipher")
    if not (target / "boligvurdering.db").exists():
        target.mkdir(exist_ok=True)
        src = sqlcipher3.dbapi2.connect(str(root / "boligvurdering.db"), isolation_level=None)
        src.execute(f"ATTACH DATABASE '{target / 'boligvurdering.db'}' AS enc KEY \"x'{CIPHER_KEY.hex()}'\"")
        src.execute("SELECT sqlcipher_export('enc')")
        src.execute(f"PRAGMA enc.user_version = {int(src.execute('PRAGMA user_version').fetchone()[0])}")
        src.execute("DETACH DATABASE enc")
        src.close()
    return target


def cold_child(root: Path, runs: int, cipher: bool = False) -> None:
    """In a fresh process: open the app, time the year's figures once (cold) and then ``runs`` times (warm)."""
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.backlog import BacklogService
    from boligvurdering.services.context import open_context

    t = time.perf_counter()
    ctx = open_context(AppPaths.resolve(str(root)), key=CIPHER_KEY if cipher else None, role="administrator")
    svc = BacklogService(ctx)
    opened = (time.perf_counter() - t) * 1000
    start, end = TODAY - timedelta(days=365), TODAY
    t = time.perf_counter()
    first = svc.figures(start=start, end=end)
    cold = (time.perf_counter() - t) * 1000
    warm = []
    for _ in range(runs):
        t = time.perf_counter()
        again = svc.figures(start=start, end=end)
        warm.append((time.perf_counter() - t) * 1000)
        assert again == first
    ctx.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"open": opened, "cold": cold, "warm": statistics.median(warm), "peak": peak,
                      "visited": first.visited_clients}))


def bench_cold(root: Path, runs: int, cipher: bool = False) -> dict[str, float]:
    """The year's figures in ``runs`` fresh processes, the OS page cache dropped before each (medians)."""
    out: list[dict[str, float]] = []
    for _ in range(runs):
        note = drop_os_cache()
        if note and not out:
            print(note)
        child = subprocess.run([sys.executable, __file__, "--cold-child", str(root), "--runs", "3"]
                               + (["--cipher"] if cipher else []), check=True, capture_output=True, text=True)
        out.append(json.loads(child.stdout.strip().splitlines()[-1]))
    med = lambda k: statistics.median(r[k] for r in out)  # noqa: E731
    return {"figures year, fresh process, OS cache dropped (cold)": med("cold"),
            "figures year, same process afterwards (warm)": med("warm"),
            "open_context in that fresh process": med("open"),
            "peak resident MB of that process": med("peak")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, help="use/keep this data folder")
    parser.add_argument("--cold-runs", type=int, default=0,
                        help="also time the year's figures in this many fresh processes, OS page cache dropped")
    parser.add_argument("--cold-only", action="store_true", help="only the --cold-runs figures")
    parser.add_argument("--cipher", action="store_true",
                        help="with --cold-runs: also on an SQLCipher copy of the database (as on the laptop)")
    parser.add_argument("--cold-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        cold_child(args.cold_child, args.runs, args.cipher)
        return
    if args.generate:
        generate(args.generate, args.cases, args.clients)
        return
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-backlog-"))
    db = root / "boligvurdering.db"
    if not db.exists():
        from boligvurdering.paths import AppPaths
        from boligvurdering.services.context import open_context

        open_context(AppPaths.resolve(str(root))).close()
        db = next(root.rglob("*.db"))
        t = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--generate", str(db), "--cases", str(args.cases),
                        "--clients", str(args.clients)], check=True)
        print(f"generated {args.cases} cases, {args.clients} clients in {time.perf_counter() - t:.1f} s ({db})")
    if args.cold_runs:
        print(f"\n{'year figures, ' + str(args.cold_runs) + ' fresh processes':58} {'median ms':>10}")
        for name, ms in bench_cold(root, args.cold_runs).items():
            print(f"{name:58} {ms:10.1f}")
        if args.cipher:
            copy = cipher_copy(root)
            print(f"SQLCipher copy ({copy}):")
            for name, ms in bench_cold(copy, args.cold_runs, cipher=True).items():
                print(f"{name:58} {ms:10.1f}")
        if args.cold_only:
            return
    service, member, (ctx, svc) = bench_service(root, args.runs)
    qt = bench_qt(svc, args.runs)
    plain = bench_plain(db, args.runs, uuid.UUID(member).hex)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{'query':58} {'service (ORM) ms':>18} {'plain sqlite3 ms':>18}")
    for name, ms in service.items():
        p = plain.get(name)
        print(f"{name:58} {ms:18.1f} {p if p is None else round(p, 1)!s:>18}")
    for name, value in qt.items():
        print(f"{name:58} {value:18.1f}")
    print(f"\npeak memory (ru_maxrss): {peak:.0f} MB")
    print(f"load average at the end: {Path('/proc/loadavg').read_text().split()[:3] if Path('/proc/loadavg').exists() else '?'}")
    print("targets: open ≤ 300 ms, filter/sort ≤ 100 ms, figures for a year ≤ 1000 ms, memory ≤ 300 MB")
    ctx.close()


if __name__ == "__main__":
    main()
