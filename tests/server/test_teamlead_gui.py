"""Arbeidsliste in the window: «Kilde: Teamserveren» shows every laptop's visits; offline it falls back
to this laptop's own list and says so."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

from boligvurdering.services.sync import SyncService


def _cases(qtbot, page, action):
    with qtbot.waitSignal(page.loaded, timeout=30_000, check_params_cb=lambda part: part == "cases"):
        action()
    model = page.cases.model
    return sorted(model.row_at(i).client_name for i in range(model.rowCount()))


def test_lead_switches_the_worklist_to_the_server_and_back_when_it_is_gone(qtbot, server, enrolled, new_visit):
    from boligvurdering.gui.backlog.page import BacklogPage

    a, lead = enrolled("a", "terapeut"), enrolled("lead", "leder")
    new_visit(a, 1, "Aasen")
    new_visit(a, 2, "Berg")
    SyncService(a).run()
    new_visit(lead, 3, "Lund")  # only on the lead's laptop (not synced yet)
    page = BacklogPage(lead, today=date(2026, 11, 30))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.source_row.isVisible, timeout=20_000)  # enrolled: the source can be chosen
    assert _cases(qtbot, page, page.refresh) == ["Test Lund"]
    assert _cases(qtbot, page, lambda: page.source.setCurrentIndex(1)) == ["Test Aasen", "Test Berg"]
    assert page.cases.model.total == 2
    with qtbot.waitSignal(page.loaded, timeout=30_000, check_params_cb=lambda part: part == "figures"):
        page.load_figures(date(2026, 1, 1), date(2026, 12, 31))
    assert "fra teamserveren" in page.message.text() and page.figures.figures.visited_clients == 0
    server.kill()
    assert _cases(qtbot, page, page.refresh) == ["Test Lund"]
    assert page.source.currentData() == "local"
    assert "Får ikke kontakt med serveren" in page.message.text()
    assert "Viser tallene på denne maskinen" in page.message.text()
    page.runner.wait(20_000)
