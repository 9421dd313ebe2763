"""Durable autosave: a process killed with SIGKILL at random moments loses no acknowledged answer."""

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from boligvurdering.services.auth import unlock

from .conftest import ADMIN, new_client, new_visit
from .kill9_child import plan, slot

CHILD = Path(__file__).with_name("kill9_child.py")
TRIALS = int(os.environ.get("BOLIGVURDERING_KILL9_TRIALS", "20"))


def run_trials(paths, trials: int, rng: random.Random) -> tuple[int, int, int]:
    """Returns (trials, acknowledged answers, lost answers)."""
    acked_total, lost, start = 0, 0, 0
    env = {**os.environ, "PYTHONPATH": str(CHILD.parent.parent.parent / "src")}
    for _ in range(trials):
        proc = subprocess.Popen([sys.executable, str(CHILD), str(paths.root), *ADMIN, str(start)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        acked = []
        line = proc.stdout.readline()  # wait for the first save: the child is running
        deadline = time.monotonic() + rng.uniform(0.0, 0.4)
        while line.startswith("SAVED"):
            acked.append(int(line.split()[1]))
            if time.monotonic() >= deadline:
                break
            line = proc.stdout.readline()
        proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: neither can be caught
        proc.wait()
        rest = proc.stdout.read()  # lines already written before the kill were acknowledged too
        acked += [int(x.split()[1]) for x in rest.splitlines() if x.startswith("SAVED")]
        proc.stdout.close()
        proc.stderr.close()
        ctx = unlock(paths, *ADMIN, auto_backup=False)
        try:
            visits, questions = sorted(v.id for v in ctx.visits.list()), plan(ctx)
            stored = {v: ctx.answers.stored_answers(v)[0] for v in visits}  # hidden ones too
            for n in acked:
                visit_id, qid = slot(n, visits, questions)
                lost += stored[visit_id].get(qid) is not True
            start = (max(acked) + 1) if acked else start
        finally:
            ctx.close()
        acked_total += len(acked)
    return trials, acked_total, lost


def test_kill9_loses_no_acknowledged_answer(paths, secure):
    client = new_client(secure)
    for _ in range(5):
        new_visit(secure, client)
    secure.close()
    trials, acked, lost = run_trials(paths, TRIALS, random.Random(9))
    assert acked > trials  # the children really saved something
    assert lost == 0
