"""Figures against a small hand-counted data set; CSV and XLSX content read back."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from boligvurdering.services.backlog import BacklogService, snapshot_facts
from boligvurdering.services.figures_export import export, figure_tables
from boligvurdering.services.pipeline import PipelineService
from boligvurdering.store import answers as answer_repo
from boligvurdering.store import extras

START, END = date(2026, 1, 1), date(2026, 3, 31)


def snap(ctx, vid, *, mst=None, mna=None, falls="low", fire="low", fire7="pass"):
    inst = {"FIRE-7": {"band": fire7}}
    if mst:
        inst["MST"] = {"band": mst}
    if mna:
        inst["MNA-SF"] = {"band": mna}
    result = {"instruments": inst, "domains": {"falls": {"level": falls}, "fire": {"level": fire}}}
    with ctx.db.transaction() as s:
        answer_repo.save_snapshot(s, visit_id=vid, scoring_version="t", result=result)


def visit(pipe, make_client, team, *, born, ref, day, sex=True):
    vid = pipe.create_referral(make_client(born=born, female=sex), source="gp", reason="r", referral_date=ref)
    pipe.plan_visit(vid, visit_date=day, team=[(team[0], "ergoterapeut")])
    pipe.mark_visited(vid, today=day)
    return vid


def report_at(ctx, vid, at):
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE status_event SET at = :at WHERE visit_id = :v AND to_status = 'rapport_sendt'"),
                     {"at": at.strftime("%Y-%m-%d %H:%M:%S.%f"), "v": vid.replace("-", "")})
        # the denormalised copy (migration 0004) follows the first rapport_sendt event
        conn.execute(text("UPDATE visit SET report_sent_at = :at WHERE id = :v"),
                     {"at": at.strftime("%Y-%m-%d %H:%M:%S.%f"), "v": vid.replace("-", "")})


@pytest.fixture
def figures(ctx, make_client, team):
    pipe = PipelineService(ctx)
    a = visit(pipe, make_client, team, born=date(1940, 2, 10), ref=date(2026, 1, 5), day=date(2026, 1, 20))
    pipe.send_report(a)
    report_at(ctx, a, datetime(2026, 1, 30, 10, 0, tzinfo=UTC))  # 10 days
    snap(ctx, a, mst="at_risk", falls="high", fire="moderate", fire7="fail")
    with ctx.db.transaction() as s:
        extras.upsert_measure(s, visit_id=a, title="Kostplan", domain="nutrition", status="accepted")
        extras.upsert_measure(s, visit_id=a, title="Håndlist", domain="falls", status="proposed")
        extras.upsert_measure(s, visit_id=a, title="Sklisikring", domain="falls", status="done")
    app = pipe.send_application(a, channel="kommunalt_tilskudd", sent_at=date(2026, 2, 1), amount_applied=40000)
    pipe.record_decision(app, granted=True, amount_granted=30000, decided_at=date(2026, 2, 20))
    b = visit(pipe, make_client, team, born=date(1945, 2, 14), ref=date(2026, 1, 10), day=date(2026, 2, 14))
    pipe.send_report(b)
    report_at(ctx, b, datetime(2026, 2, 14, 23, 30, tzinfo=UTC))  # 00:30 on 15 Feb in Norway: 1 day
    snap(ctx, b, mna="normal", fire="high")
    pipe.send_application(b, channel="startlan", sent_at=date(2026, 2, 20), amount_applied=100000)
    visit(pipe, make_client, team, born=date(1959, 6, 1), ref=date(2026, 2, 1), day=date(2026, 3, 3))
    e = visit(pipe, make_client, team, born=date(1951, 1, 8), ref=date(2025, 12, 20), day=date(2026, 1, 8))
    snap(ctx, e, mst="low")
    pipe.close(e, reason="Ingen behov", today=date(2026, 1, 9))
    pipe.create_referral(make_client(), source="self", reason="r", referral_date=date(2026, 3, 10))
    f = pipe.create_referral(make_client(), source="self", reason="r", referral_date=date(2026, 3, 1))
    pipe.plan_visit(f, visit_date=date(2026, 3, 20), team=[(team[0], "ergoterapeut")])
    visit(pipe, make_client, team, born=date(1940, 1, 1), ref=date(2026, 3, 15), day=date(2026, 4, 2))
    return BacklogService(ctx).figures(start=START, end=END)


def test_hand_counted_figures(figures):
    f = figures
    assert f.months == ["2026-01", "2026-02", "2026-03"]
    assert f.referrals == [2, 1, 3]
    assert f.visits == [2, 1, 1]
    assert f.median_referral_to_visit == 24.5  # 15, 35, 30, 19
    assert f.median_visit_to_report == 5.5     # 10 and 1 (Norwegian local date)
    assert f.visited_clients == 4
    assert (f.screened, f.at_risk, f.with_plan) == (3, 1, 1)
    assert (f.high_falls, f.high_fire, f.fire7_failures) == (1, 1, 1)
    assert f.measures == [("falls", 2, 1, 1), ("nutrition", 1, 1, 0)]
    assert f.applications == [("kommunalt_tilskudd", 1, 1, 1, 40000.0, 30000.0),
                              ("startlan", 1, 0, 0, 100000.0, 0.0)]
    assert dict(f.age_bands) == {"under 67": 1, "67–74": 0, "75–79": 1, "80–84": 1, "85–89": 1, "90+": 0}


def test_nutrition_table_has_national_comparison(figures):
    nutrition = next(t for t in figure_tables(figures) if t.key == "nutrition")
    assert [r[3] for r in nutrition.rows] == [75.0, 33.3, 100.0]
    assert [r[4] for r in nutrition.rows] == [18.1, 37.0, 40.2]


def test_xlsx_content(figures, tmp_path):
    path = export(figures, tmp_path / "tall.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Henvisninger og besøk per måned"
    ws = wb["Henvisninger og besøk per måned"]
    rows = [tuple(r) for r in ws.iter_rows(min_row=3, values_only=True)]
    assert rows == [("Måned", "Henvisninger", "Besøk"), ("2026-01", 2, 2), ("2026-02", 1, 1), ("2026-03", 3, 1),
                    ("Sum", 6, 4)]
    apps = [tuple(r) for r in wb["Søknader per kanal"].iter_rows(min_row=4, values_only=True)]
    assert apps[0] == ("Kommunalt tilskudd", 1, 1, 1, 40000, 30000)
    nut = [tuple(r) for r in wb["Ernæring"].iter_rows(min_row=4, values_only=True)]
    assert nut[0][1:] == (3, 4, 75.0, 18.1)


def test_csv_content(figures, tmp_path):
    path = export(figures, tmp_path / "tall.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so Excel reads æøå
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Periode: 2026-01-01 – 2026-03-31"]
    i = rows.index(["Henvisninger og besøk per måned"])
    assert rows[i + 1:i + 6] == [["Måned", "Henvisninger", "Besøk"], ["2026-01", "2", "2"], ["2026-02", "1", "1"],
                                 ["2026-03", "3", "1"], ["Sum", "6", "4"]]
    times = rows[rows.index(["Ventetid (median, dager)"]) + 2]
    assert times == ["Fra henvisning til besøk", "24,5"]


def test_export_refuses_unknown_suffix(figures, tmp_path):
    with pytest.raises(Exception, match=".xlsx eller .csv"):
        export(figures, tmp_path / "tall.pdf")


def test_stats_cache_refreshes_on_new_snapshot(ctx, figures):
    svc = BacklogService(ctx)
    assert svc.refresh_stats(start=START, end=END) == 0  # up to date after the first figures run


def test_a_scored_snapshot_writes_its_case_stat_at_once(ctx, make_client, team):
    """Write-through: the first figures of a year find nothing stale to parse (the cold-cache case)."""
    from sqlmodel import select

    from boligvurdering.store.models import CaseStat, ScoreSnapshot

    pipe = PipelineService(ctx)
    vid = visit(pipe, make_client, team, born=date(1940, 2, 10), ref=date(2026, 1, 5), day=date(2026, 1, 20))
    ctx.answers.save(vid, "falls_tug_seconds", 21.0)
    result = ctx.assessment.save_snapshot(vid)
    with ctx.db.transaction() as s:
        stat = s.exec(select(CaseStat)).one()
        taken = s.exec(select(ScoreSnapshot.created_at)).one()
    assert (str(stat.visit_id), stat.snapshot_at) == (vid, taken)
    assert stat.falls_rank == snapshot_facts(result.to_json())["falls_rank"]
    assert BacklogService(ctx).refresh_stats(start=START, end=END) == 0


def test_a_newer_snapshot_without_its_row_is_parsed_and_the_plan_counts_only_at_risk(ctx, make_client, team):
    """The one stale probe finds a snapshot newer than the case's row; a plan is counted only for a case at risk."""
    pipe, svc = PipelineService(ctx), BacklogService(ctx)
    vid = visit(pipe, make_client, team, born=date(1940, 2, 10), ref=date(2026, 1, 5), day=date(2026, 1, 20))
    with ctx.db.transaction() as s:
        extras.upsert_measure(s, visit_id=vid, title="Kostplan", domain="nutrition", status="accepted")
    snap(ctx, vid, mst="low")
    first = svc.figures(start=START, end=END)
    assert (first.screened, first.at_risk, first.with_plan, first.high_falls) == (1, 0, 0, 0)
    snap(ctx, vid, mst="at_risk", falls="high")  # stored without its case_stat row (an older app, a restore)
    again = svc.figures(start=START, end=END)
    assert (again.screened, again.at_risk, again.with_plan, again.high_falls) == (1, 1, 1, 1)
    assert svc.refresh_stats(start=START, end=END) == 0


def test_the_figures_read_widens_the_cache_and_the_pooled_connection_reads_as_before(ctx):
    from boligvurdering.store import figures as figures_repo

    pragmas = ("PRAGMA mmap_size", "PRAGMA cache_size")
    with ctx.db.transaction() as s:
        before = [s.connection().exec_driver_sql(p).scalar() for p in pragmas]
        with figures_repo.wide_read(s):
            inside = [s.connection().exec_driver_sql(p).scalar() for p in pragmas]
        after = [s.connection().exec_driver_sql(p).scalar() for p in pragmas]
    assert inside == [0, -figures_repo.CACHE_KIB]  # no memory map: its pages would count as resident
    assert after == before == [0, -2000]


def test_the_wide_read_on_an_encrypted_database(paths):
    from boligvurdering.services.context import open_context

    ctx = open_context(paths, key=bytes(range(32)), role="administrator")
    try:
        with ctx.db.transaction() as s:
            before = s.connection().exec_driver_sql("PRAGMA cache_size").scalar()
        figures = BacklogService(ctx).figures(start=START, end=END)
        with ctx.db.transaction() as s:
            after = s.connection().exec_driver_sql("PRAGMA cache_size").scalar()
    finally:
        ctx.close()
    assert (figures.visited_clients, figures.referrals, after) == (0, [0, 0, 0], before)
