"""Security figures: encrypted open per connection, unlock (argon2id), kill -9 trials, fuzz cases.

Run: .venv/bin/python benchmarks/security.py [--opens 200] [--unlocks 15] [--kill9 200] [--fuzz 2000]
     [--fuzz-files 10000]

A script, not a test: prints medians; these machines are noisy.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "korrekt hest batteri"


def _load(name: str, path: Path):  # noqa: ANN202 - loads the test helpers without making tests a package
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def open_times(paths, key: bytes, n: int) -> float:
    from boligvurdering.store.db import _connect_cipher

    times = []
    for _ in range(n):
        t = time.perf_counter()
        conn = _connect_cipher(paths.database, key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        times.append(time.perf_counter() - t)
        conn.close()
    return statistics.median(times) * 1000


def unlock_times(paths, n: int) -> tuple[float, float]:
    from boligvurdering.security.keystore import Keystore
    from boligvurdering.services.auth import unlock

    unwrap, full = [], []
    for _ in range(n):
        t = time.perf_counter()
        Keystore.load(paths.keystore).unwrap("admin", PASSWORD)
        unwrap.append(time.perf_counter() - t)
        t = time.perf_counter()
        unlock(paths, "admin", PASSWORD, auto_backup=False).close()
        full.append(time.perf_counter() - t)
    return statistics.median(unwrap) * 1000, statistics.median(full) * 1000


def fuzz(n: int, seed: int = 1) -> dict[str, int]:
    from boligvurdering.domain.errors import UserError, ValidationFailed
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import open_context
    from boligvurdering.services.demo import demo_documents
    from boligvurdering.services.exchange import ExchangeService

    rng = random.Random(seed)
    odd = ["\u202e", "👵🏻", "e\u0301", "\x00", "x" * 5000, None, -1, 1e308, [], {}, True, "", "2026-13-45"]
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(AppPaths(Path(tmp)), role="administrator")
        base = demo_documents(ctx.registry)
        service = ExchangeService(ctx)
        out = {"cases": 0, "stored": 0, "refused": 0, "crashed": 0, "unexplained": 0}
        for _ in range(n):
            doc = copy.deepcopy(rng.choice(base))
            for _ in range(rng.randint(1, 4)):
                spots, stack = [], [doc]
                while stack:
                    node = stack.pop()
                    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
                    for k, v in items:
                        spots.append((node, k))
                        stack.append(v)
                if not spots:
                    break
                container, key = rng.choice(spots)
                if isinstance(container, dict) and rng.random() < 0.3:
                    del container[key]
                else:
                    container[key] = copy.deepcopy(rng.choice(odd))
            out["cases"] += 1
            try:
                service.import_document(json.loads(json.dumps(doc)))
                out["stored"] += 1
            except ValidationFailed as exc:
                out["refused"] += 1
                out["unexplained"] += not exc.problems
            except UserError:
                out["refused"] += 1
            except Exception:  # noqa: BLE001 - counted, that is the point
                out["crashed"] += 1
        ctx.close()
    return out


def fuzz_files(n: int, per_batch: int = 50) -> dict[int, int]:
    """``n`` hypothesis-generated files (the suite's generator) through a folder import: outcomes by exit code.

    Exit code per file as ``boligvurdering visit import FILE`` gives it: 0 stored, 1 refused, 70 a bug.
    """
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from boligvurdering.formsengine import load_registry
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import open_context
    from boligvurdering.services.demo import demo_documents
    from boligvurdering.services.exchange import ExchangeService

    sys.path.insert(0, str(ROOT / "tests" / "security"))
    limits = _load("import_limits_test", ROOT / "tests" / "security" / "test_import_limits.py")
    base = demo_documents(load_registry())
    by_code = {0: 0, 1: 0, 2: 0, 70: 0}
    exit_code = {"new": 0, "updated": 0, "refused": 1, "error": 70}
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(AppPaths(Path(tmp) / "data"), role="administrator")
        service = ExchangeService(ctx)

        @settings(max_examples=max(1, n // per_batch), deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(st.data())
        def batch(data: object) -> None:
            folder = Path(tempfile.mkdtemp(dir=tmp))
            for i in range(per_batch):
                limits.write_file(data, folder, i, base)
            for outcome in service.import_paths(sorted(folder.iterdir())):
                by_code[exit_code[outcome.status]] += 1

        batch()
        ctx.close()
    return by_code


def report_fuzz_files(n: int) -> None:
    t = time.perf_counter()
    by_code = fuzz_files(n)
    print(f"fuzz files (hypothesis, tests/security/test_import_limits.py generator): {sum(by_code.values())} files "
          f"tried; outcomes by exit code {by_code} ({time.perf_counter() - t:.0f} s; goal: no 70)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opens", type=int, default=200)
    parser.add_argument("--unlocks", type=int, default=15)
    parser.add_argument("--kill9", type=int, default=50)
    parser.add_argument("--fuzz", type=int, default=2000)
    parser.add_argument("--fuzz-files", type=int, default=10_000)
    args = parser.parse_args()

    from boligvurdering.domain.national_id import make_synthetic
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import first_start

    with tempfile.TemporaryDirectory() as tmp:
        paths = AppPaths(Path(tmp) / "data")
        ctx = first_start(paths, "admin", PASSWORD, "Ada")
        client = ctx.clients.create({"national_id": make_synthetic(date(1940, 3, 4), 123, female=True).value,
                                     "given_name": "Bench", "family_name": "Mark"})
        for _ in range(5):
            ctx.visits.create(client.id, data={})
        key = ctx.db.key
        ctx.close()
        print(f"encrypted open per connection (raw key), median: {open_times(paths, key, args.opens):.2f} ms "
              f"(n={args.opens}, goal < 1 ms)")
        unwrap, full = unlock_times(paths, args.unlocks)
        print(f"unlock: argon2id unwrap median {unwrap:.0f} ms; full unlock (open, quick_check, audit) median "
              f"{full:.0f} ms (n={args.unlocks})")
        if args.kill9:
            sys.path.insert(0, str(ROOT / "tests" / "security"))
            _load("kill9_child", ROOT / "tests" / "security" / "kill9_child.py")
            sys.modules["tests.security.kill9_child"] = sys.modules["kill9_child"]
            src = (ROOT / "tests" / "security" / "test_kill9.py").read_text()
            src = src.replace("from .conftest import ADMIN, new_client, new_visit\n", "")
            src = src.replace("from .kill9_child import plan, slot", "from kill9_child import plan, slot")
            namespace = {"__name__": "kill9_bench", "__file__": str(ROOT / "tests" / "security" / "test_kill9.py"),
                         "ADMIN": ("admin", PASSWORD)}
            exec(compile(src, "test_kill9.py", "exec"), namespace)  # noqa: S102 - reuse the test's trial loop
            t = time.perf_counter()
            trials, acked, lost = namespace["run_trials"](paths, args.kill9, random.Random(2026))
            print(f"kill -9: {trials} trials, {acked} acknowledged answers, {lost} lost "
                  f"({time.perf_counter() - t:.0f} s)")
    if args.fuzz:
        t = time.perf_counter()
        result = fuzz(args.fuzz)
        print(f"fuzz (mutated exchange files through import): {result} ({time.perf_counter() - t:.0f} s); "
              f"the test suite adds 1 500 hypothesis cases (exchange ×2, form loader) + 100 Unicode round trips")
    if args.fuzz_files:
        report_fuzz_files(args.fuzz_files)


if __name__ == "__main__":
    main()
