"""The lazily loading backlog model with many rows, and the page driven through its widgets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from boligvurdering.gui.backlog import BacklogPage
from boligvurdering.gui.backlog.model import COLUMNS, ROW_ROLE, BacklogTableModel
from boligvurdering.services.backlog import BacklogRow
from boligvurdering.services.pipeline import PipelineService

TODAY = date(2026, 3, 4)
N = 5_000


def fake_rows(n):
    return [BacklogRow(f"id{i}", "planlagt", f"Bruker {i}", "5914", i % 4, TODAY + timedelta(days=i % 7 - 3),
                       TODAY - timedelta(days=30), None, 2, "", (("Ida", "ergoterapeut"),)) for i in range(n)]


def test_model_fetches_lazily_page_by_page(qtmodeltester):
    rows = fake_rows(N)
    calls = []

    def fetch(offset, limit):
        calls.append((offset, limit))
        return rows[offset:offset + limit]

    model = BacklogTableModel(page_size=200)
    model.reset(rows[:200], N, fetch, TODAY)
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400 and calls == [(200, 200)]
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == N and len(calls) == N // 200 - 1
    qtmodeltester.check(model, force_py=True)


def test_model_marks_overdue_with_icon_and_text(qapp):
    model = BacklogTableModel()
    model.reset(fake_rows(7), 7, None, TODAY)
    due = COLUMNS.index("next_due")
    overdue = model.index(0, due)  # due 3 days ago
    today = model.index(3, due)    # due today: not overdue
    assert model.data(overdue).startswith("Forfalt ")
    assert model.data(overdue, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(today) == "I dag"
    assert model.data(today, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(0, COLUMNS.index("waiting"))) == "30"
    assert model.data(model.index(1, 0), ROW_ROLE).visit_id == "id1"


def test_sort_asks_the_service(qtbot):
    model = BacklogTableModel()
    with qtbot.waitSignal(model.sortRequested) as blocker:
        model.sort(COLUMNS.index("client"), Qt.SortOrder.DescendingOrder)
    assert blocker.args == ["client", True]


@pytest.fixture
def page(qtbot, ctx, make_client, team):
    pipe = PipelineService(ctx)
    for i in range(450):
        vid = pipe.create_referral(make_client(family=f"Navn{i:03d}", postal="5914" if i % 2 else "5918"),
                                   source="gp", reason="r", referral_date=TODAY - timedelta(days=i % 40))
        if i % 3 == 0:
            pipe.plan_visit(vid, visit_date=TODAY + timedelta(days=i % 5 - 2), team=[(team[0], "ergoterapeut")])
    widget = BacklogPage(ctx, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    with qtbot.waitSignals([widget.loaded] * 3, timeout=10_000):
        widget.show()
    qtbot.waitUntil(lambda: widget.cases.model.total == 450, timeout=10_000)
    return widget


def test_page_loads_lazily_and_filters_through_widgets(qtbot, page):
    model = page.cases.model
    assert model.rowCount() == 200 and model.total == 450
    page.cases.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 200, timeout=5_000)
    assert page.cases.chips["henvist"].text() == "Henvist (300)"
    assert page.cases.chips["planlagt"].text() == "Planlagt (150)"
    with qtbot.waitSignal(page.loaded, timeout=5_000):
        page.cases.chips["planlagt"].click()
    assert model.total == 150
    with qtbot.waitSignal(page.loaded, timeout=5_000):
        qtbot.keyClicks(page.cases.search, "navn007")
    assert model.total == 0 and "Ingen saker" in page.cases.summary.text()
    with qtbot.waitSignal(page.loaded, timeout=5_000):
        page.cases.search.clear()
    with qtbot.waitSignal(page.loaded, timeout=5_000):
        page.cases.chips[""].click()
    with qtbot.waitSignal(page.loaded, timeout=5_000):
        page.cases.overdue.setChecked(True)
    overdue = [model.row_at(i) for i in range(model.rowCount())]
    assert overdue and all(r.next_due < TODAY for r in overdue)


def test_page_figures_and_export(qtbot, page, tmp_path):
    page.tabs.setCurrentIndex(3)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.figures._this_year()
    assert page.figures.figures is not None and sum(page.figures.figures.referrals) == 450
    saved = page.export_figures("xlsx", str(tmp_path / "tall.xlsx"))
    assert saved is not None and saved.stat().st_size > 0
    week = page.tabs.tabText(1)
    assert week.startswith("Denne uken")


def test_query_round_trips_sort(page, qtbot):
    with qtbot.waitSignal(page.loaded, timeout=5_000):
        page.cases.model.sort(COLUMNS.index("client"), Qt.SortOrder.AscendingOrder)
    names = [page.cases.model.row_at(i).client_name for i in range(3)]
    assert names == sorted(names) and page.cases.query == replace(page.cases.query, sort="client")
