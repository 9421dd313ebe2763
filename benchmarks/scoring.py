"""Benchmark: score a full visit (every question answered, 9 rooms) ~200 times.

Run: ``.venv/bin/python benchmarks/scoring.py``. Prints median and p95 in ms (goal ≤ 5 ms).
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from boligvurdering.domain.assessment import AssessmentData, RoomAnswers
from boligvurdering.formsengine import load_registry
from boligvurdering.formsengine.model import Question
from boligvurdering.scoring import score_assessment

ROOMS = ("entrance", "stairs", "hall", "living_room", "kitchen", "bathroom", "bedroom", "laundry", "balcony")


def sample(q: Question):
    """A valid answer for any question."""
    match q.type:
        case "yes_no":
            return True
        case "single_choice":
            return q.options[-1].value
        case "multi_choice":
            return [q.options[0].value]
        case "integer":
            return int(q.minimum or 0) + 1
        case "decimal" | "measurement":
            return float((q.minimum or 0) + 1)
        case "date":
            return "2026-01-01"
        case _:
            return "tekst"


def main(runs: int = 200) -> None:
    registry = load_registry()
    answers = {q.id: sample(q) for q in registry.questions() if not q.room_scoped}
    rooms = tuple(
        RoomAnswers(f"r{i}", t, t, {q.id: sample(q) for s in registry.room_sections(t) for q in s.questions})
        for i, t in enumerate(ROOMS))
    data = AssessmentData(answers, rooms, 82, "F", date(2026, 3, 2), True)
    score_assessment(data, registry)  # warm the rules/checks cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        score_assessment(data, registry)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"score_assessment, full visit, 9 rooms, {runs} runs: "
          f"median {statistics.median(times):.3f} ms, p95 {p95:.3f} ms (goal ≤ 5 ms)")


if __name__ == "__main__":
    main()
