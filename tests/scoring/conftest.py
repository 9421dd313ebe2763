"""Shared fixtures: the real forms registry and a helper to build visits by instrument code."""

from __future__ import annotations

from datetime import date

import pytest

from boligvurdering.domain.assessment import AssessmentData, RoomAnswers
from boligvurdering.formsengine import FormRegistry, load_registry
from boligvurdering.scoring import score_assessment

VISIT_DATE = date(2026, 3, 2)


@pytest.fixture(scope="session")
def registry() -> FormRegistry:
    return load_registry()


@pytest.fixture
def score(registry):
    """score(codes_or_ids: dict, rooms=(), age=..., sex=..., lives_alone=...) -> ScoreResult."""

    def run(answers=None, rooms=(), age=80, sex="F", lives_alone=None):
        resolved = {}
        for key, value in (answers or {}).items():
            q = registry.resolve(key)
            assert q is not None, key
            resolved[q.id] = q.validate(value)
        room_objs = tuple(RoomAnswers(f"r{i}", t, f"{t} {i}", a) for i, (t, a) in enumerate(rooms))
        data = AssessmentData(resolved, room_objs, age, sex, VISIT_DATE, lives_alone)
        return score_assessment(data, registry)

    return run
