"""Fixtures for backlog tests: a fresh migrated database per test, a team and a client factory."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools
from datetime import date, timedelta

import pytest

from boligvurdering.domain.national_id import make_synthetic
from boligvurdering.paths import AppPaths
from boligvurdering.services.context import open_context

_serial = itertools.count(1)


@pytest.fixture
def ctx(tmp_path):
    context = open_context(AppPaths.resolve(str(tmp_path / "data")), role="administrator")
    context.actor = "Tove Teamleder"
    yield context
    context.close()


@pytest.fixture
def team(ctx):
    """Two team members: (ergoterapeut id, boligkonsulent id)."""
    ot = ctx.visits.add_member("Ida Ergo", "ergoterapeut")
    bk = ctx.visits.add_member("Bo Konsulent", "boligkonsulent")
    return ot.id, bk.id


@pytest.fixture
def make_client(ctx):
    """make_client(born=date, female=True, postal='5914', family='Testesen') -> client id."""
    used: set[str] = set()

    def make(born: date | None = None, female: bool = True, postal: str = "5914",
             family: str = "Testesen", given: str = "Kari") -> str:
        if born is None:  # spread birth dates so synthetic numbers never run out
            born = date(1940, 5, 1) + timedelta(days=next(_serial) % 3000)
        nid = make_synthetic(born, next(_serial) * 13 % 450, female=female)
        while nid.value in used:
            nid = make_synthetic(born, next(_serial) * 13 % 450, female=female)
        used.add(nid.value)
        record = ctx.clients.create(
            {"national_id": nid.value, "given_name": given, "family_name": family},
            {"address": "Prøveveien 1", "postal_code": postal, "postal_place": "Isdalstø"})
        return record.id

    return make
