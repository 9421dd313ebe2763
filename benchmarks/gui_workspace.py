"""Visit workspace speed and memory (offscreen, in-process).

Run: .venv/bin/python benchmarks/gui_workspace.py [--photos 30] [--runs 5]

Uses the fullest demo visit plus N generated 12-megapixel photos. Prints medians of:
switching sections (first and later visits of a page; goal ≤ 100 ms), an answer reflected in the
risk panel (save + score + panel; goal ≤ 50 ms), importing one 12 MP photo in the worker
(goal ≤ 300 ms), and peak memory with every page and all photos open (goal ≤ 250 MB).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


MAKE_PHOTOS = """
import sys
from pathlib import Path
from PIL import Image
base = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
for i in range(int(sys.argv[2])):
    base.rotate(i * 7, expand=False).save(Path(sys.argv[1]) / f"photo_{i:02d}.jpg", quality=90)
"""


def make_photos(folder: Path, n: int) -> list[Path]:
    """Generated in a child process, so this process's memory is the app's."""
    import subprocess

    subprocess.run([sys.executable, "-c", MAKE_PHOTOS, str(folder), str(n)], check=True)
    return sorted(folder.glob("photo_*.jpg"))


def current_rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values):7.1f} ms (n={len(values)}, max {max(values):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from PySide6.QtCore import QEventLoop

    from boligvurdering.gui.app import create_application
    from boligvurdering.gui.workers import TaskRunner
    from boligvurdering.gui.workspace.workspace import VisitWorkspace
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import open_context
    from boligvurdering.services.demo import create_demo

    app = create_application()
    tmp = Path(tempfile.mkdtemp())
    ctx = open_context(AppPaths(tmp / "data"))
    visit_id = create_demo(ctx)[0]
    photos = make_photos(tmp, args.photos)
    runner = TaskRunner()

    imports = []
    room = ctx.visits.rooms(visit_id)[0]
    for path in photos:
        loop = QEventLoop()
        start = time.perf_counter()
        runner.run(ctx.photos.import_photo, visit_id, path, on_done=lambda _r, lp=loop: lp.quit(),
                   on_error=lambda e, lp=loop: (print("import failed:", e), lp.quit()))
        loop.exec()
        imports.append((time.perf_counter() - start) * 1000)
    ctx.photos.set_caption(ctx.photos.list(visit_id)[0].id, "Bad")
    del room

    ws = VisitWorkspace(ctx, visit_id, runner)
    ws.resize(1366, 720)
    ws.show()
    ws.start()
    keys = list(ws.nav.items)
    first, later = [], []
    for _ in range(args.runs):
        for key in keys:
            ws.nav.select(keys[0] if key != keys[0] else keys[1])
            app.processEvents()
            ws.nav.select(key)
            app.processEvents()
            (later if key in ws.pages and len(first) >= len(keys) else first).append(ws.switch_ms)
    section = "section:falls_key_questions"
    ws.nav.select(section)
    view = ws.page(section).questions
    row = view.row("falls_worries")
    answers = []
    for i in range(args.runs * 10):
        start = time.perf_counter()
        view.save(row, i % 2 == 0)
        app.processEvents()
        answers.append((time.perf_counter() - start) * 1000)
    ws.nav.select("photos")
    app.processEvents()
    import gc

    gc.collect()
    before_trim = current_rss_mb()
    from boligvurdering.gui.workspace.photos import release_memory

    release_memory()
    rss_mb = current_rss_mb()
    print(f"(before returning freed memory to the system: {before_trim:.0f} MB)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"photo import (12 MP, worker) {median_ms(imports)}   goal ≤ 300 ms")
    print(f"section switch, first visit {median_ms(first)}   goal ≤ 100 ms")
    print(f"section switch, later       {median_ms(later or first)}   goal ≤ 100 ms")
    print(f"answer → risk panel         {median_ms(answers)}   goal ≤ 50 ms"
          f"  (scoring alone {ws.controller.score_ms:.1f} ms)")
    print(f"memory, {len(ctx.photos.list(visit_id))} photos, all pages open: {rss_mb:.0f} MB"
          f" (peak during imports {peak_mb:.0f} MB)   goal ≤ 250 MB")
    runner.wait()
    ctx.close()


if __name__ == "__main__":
    main()
