"""Foundation figures: durable answer save latency, bulk exchange-file import, bulk sync apply.

Run: .venv/bin/python benchmarks/foundation.py [--files 1000] [--runs 3] [--apply 500]
Prints medians and the 99th percentile; a script, not a test (these machines are noisy).
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from boligvurdering.domain.national_id import make_synthetic
from boligvurdering.paths import AppPaths
from boligvurdering.services.context import open_context
from boligvurdering.services.demo import demo_documents
from boligvurdering.services.exchange import ExchangeService


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def bench_answer_save(root: Path, n: int = 500) -> None:
    ctx = open_context(AppPaths(root / "save"), role="administrator")
    doc = demo_documents(ctx.registry)[0]
    visit_id = ExchangeService(ctx).import_document(doc).visit_id
    timings = []
    for i in range(n):
        value = 5.0 + (i % 200) / 10
        start = time.perf_counter()
        ctx.answers.save(visit_id, "falls_tug_seconds", value)
        timings.append((time.perf_counter() - start) * 1000)
    ctx.close()
    print(f"answer save (durable, synchronous=FULL), n={n}: median {statistics.median(timings):.2f} ms, "
          f"p99 {percentile(timings, 99):.2f} ms, max {max(timings):.2f} ms  (goal p99 <= 15 ms)")


def bench_import(root: Path, files: int, runs: int = 3) -> None:
    """``visit import`` of many exchange files (each a visit of its own client, with its answers), in bulk."""
    from boligvurdering.services.exchange_bulk import PAGE

    per_file, refused = [], 0
    for run in range(runs):
        ctx = open_context(AppPaths(root / f"import{run}"), role="administrator")
        template = demo_documents(ctx.registry)[0]
        folder = root / f"files{run}"
        folder.mkdir()
        for i in range(files):
            doc = copy.deepcopy(template)
            nid = make_synthetic(template_birth(i), i % 250, female=bool(i % 2))
            doc["client"]["national_id"] = nid.value
            doc["visit"]["id"] = str(uuid.uuid4())
            for room in doc["rooms"]:
                room["id"] = str(uuid.uuid4())
            (folder / f"visit-{i:05d}.json").write_text(json.dumps(doc), encoding="utf-8")
        paths = sorted(folder.glob("*.json"))
        start = time.perf_counter()
        outcomes = ExchangeService(ctx).import_paths(paths)
        per_file.append((time.perf_counter() - start) / files * 1000)
        ctx.close()
        refused += sum(o.status != "new" for o in outcomes)
    print(f"bulk import of {files} exchange files (pages of {PAGE}), median of {runs} runs: "
          f"{statistics.median(per_file):.1f} ms per file (runs: {', '.join(f'{t:.1f}' for t in per_file)}), "
          f"{refused} not new  (goal <= 10 ms per file)")


def bench_apply(root: Path, visits: int) -> None:
    """Visits applied in bulk as a team-server pull applies them (one transaction per page, no network)."""
    from boligvurdering.services import sync_steps

    ctx = open_context(AppPaths(root / "apply"), role="administrator")
    template = demo_documents(ctx.registry)[0]
    items = []
    for i in range(visits):
        doc = copy.deepcopy(template)
        doc["client"]["national_id"] = make_synthetic(template_birth(i), i % 250, female=bool(i % 2)).value
        doc["visit"]["id"] = str(uuid.uuid4())
        doc["answers"], doc["forms"] = {}, []
        for room in doc["rooms"]:
            room["id"], room["answers"] = str(uuid.uuid4()), {}
        items.append({"id": doc["visit"]["id"], "seq": i + 1, "doc": doc})
    start = time.perf_counter()
    for first in range(0, visits, sync_steps.PULL_LIMIT):
        with ctx.db.transaction() as s:
            sync_steps.apply_visits(ctx, s, items[first:first + sync_steps.PULL_LIMIT])
    elapsed = time.perf_counter() - start
    ctx.close()
    print(f"sync apply of {visits} visits in bulk: {elapsed:.1f} s total, {elapsed / visits * 1000:.1f} ms per visit "
          "(goal <= 10 ms)")


def template_birth(i: int):
    from datetime import date

    return date(1930 + i % 20, 1 + i % 12, 1 + i % 28)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="import runs (the median is printed)")
    parser.add_argument("--apply", type=int, default=500, help="visits applied in bulk as a sync pull does")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bench_answer_save(root)
        bench_import(root, args.files, args.runs)
        bench_apply(root, args.apply)


if __name__ == "__main__":
    main()
