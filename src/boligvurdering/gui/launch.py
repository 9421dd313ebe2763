"""Start the desktop application (placeholder until the main window lands)."""

from __future__ import annotations

from boligvurdering.paths import AppPaths


def run_gui(paths: AppPaths) -> int:
    from boligvurdering.gui.app import run

    return run(paths)
