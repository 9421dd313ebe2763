"""GUI tests run offscreen with a temporary data folder each."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from boligvurdering.gui.qtfix import protect_none
from boligvurdering.paths import AppPaths

protect_none()  # before pytest-qt's event processing starts (see gui/qtfix.py)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "data")


@pytest.fixture
def ctx(paths: AppPaths):
    from boligvurdering.services.context import open_context

    context = open_context(paths, role="administrator")
    yield context
    context.close()


@pytest.fixture
def demo_ctx(ctx):
    from boligvurdering.services.demo import create_demo

    create_demo(ctx)
    return ctx


@pytest.fixture
def runner(qapp):
    from boligvurdering.gui.workers import TaskRunner

    errors: list[BaseException] = []
    task_runner = TaskRunner(unexpected=errors.append)
    task_runner.errors = errors
    yield task_runner
    task_runner.wait(10_000)


class FakeClock:
    """Milliseconds that only move when a test says so."""

    def __init__(self) -> None:
        self.now = 0

    def __call__(self) -> int:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += int(seconds * 1000)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def open_window(qtbot, paths: AppPaths, ask_demo=None, *, ctx=None, role: str = "administrator"):
    """A main window on an open context (``role`` when none is given); waits on the ``ready`` signal."""
    from boligvurdering.gui.main_window import MainWindow
    from boligvurdering.services.context import open_context

    window = MainWindow(paths, ask_demo=ask_demo)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.ready, timeout=20_000):
        window.start(ctx if ctx is not None else open_context(paths, role=role))
    return window
