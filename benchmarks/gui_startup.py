"""Start to interactive window: median of N fresh processes (offscreen).

Run: .venv/bin/python benchmarks/gui_startup.py [--runs 9]

Each child process imports the app, shows the main window and prints when the event loop has
painted it («interactive»), then when the database is open and the pages are built («ready»).
The data folder is prepared once with demo data, so migrations are not part of the figure.
Goal: interactive ≤ 1.0 s. A script, not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys, time
t0 = float(sys.argv[2])
from pathlib import Path
from PySide6.QtCore import QTimer
from boligvurdering.gui.app import create_application
from boligvurdering.gui.main_window import MainWindow
from boligvurdering.paths import AppPaths
app = create_application()
window = MainWindow(AppPaths(Path(sys.argv[1])), ask_demo=None)
window.show()
window.start()
QTimer.singleShot(0, lambda: print("interactive", time.time() - t0, flush=True))
def ready():
    print("ready", time.time() - t0, flush=True)
    window.close()
    app.quit()
window.ready.connect(ready)
window.open_failed.connect(lambda m: (print("failed", m), app.quit()))
app.exec()
"""


def prepare(root: Path) -> None:
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import open_context
    from boligvurdering.services.demo import create_demo

    ctx = open_context(AppPaths(root))
    create_demo(ctx)
    ctx.close()


def run_once(root: Path) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHILD, str(root), repr(time.time())], env=env,
                         capture_output=True, text=True, timeout=120).stdout
    figures = {}
    for line in out.splitlines():
        name, _, value = line.partition(" ")
        if name in ("interactive", "ready"):
            figures[name] = float(value)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        prepare(root)
        run_once(root)  # warm the page cache
        runs = [run_once(root) for _ in range(args.runs)]
    for key in ("interactive", "ready"):
        values = [r[key] for r in runs if key in r]
        print(f"{key:12s} median {statistics.median(values) * 1000:7.0f} ms  "
              f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f}, n={len(values)})")
    print("goal: interactive ≤ 1000 ms")


if __name__ == "__main__":
    main()
