"""The production start path: sign in (first start creates the administrator), idle lock."""

from boligvurdering.gui.main_window import MainWindow
from boligvurdering.gui.startup import lock_minutes
from boligvurdering.services.auth import first_start

ADMIN = ("ada", "et-langt-passord-1")


def test_signed_in_window_locks_and_unlocks_without_losing_state(qtbot, paths):
    ctx = first_start(paths, *ADMIN, "Ada Admin")
    window = MainWindow(paths, ask_demo=lambda _w: True)
    qtbot.addWidget(window)
    window.show()
    window.ctx = ctx
    window.lock_when_idle(10)
    with qtbot.waitSignal(window.ready, timeout=30_000):
        window.start(ctx)
    assert len(ctx.visits.list()) == 5  # demo data created after the question on an empty database
    window.tabs.setCurrentIndex(1)
    lock = window.idle_lock
    lock.lock_now()
    assert lock.is_locked and not window.centralWidget().isVisible()
    assert lock.try_password("feil passord") is False and lock.is_locked
    assert lock.try_password(ADMIN[1]) is True
    assert not lock.is_locked and window.centralWidget().isVisible()
    assert window.tabs.currentIndex() == 1  # nothing on screen was lost


def test_lock_minutes_setting(paths):
    paths.root.mkdir(parents=True)
    assert lock_minutes(paths) == 10
    paths.settings.write_text('{"lock_minutes": 3}', encoding="utf-8")
    assert lock_minutes(paths) == 3
    paths.settings.write_text('{"lock_minutes": "soon"}', encoding="utf-8")
    assert lock_minutes(paths) == 10
