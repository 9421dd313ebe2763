"""A visit with rooms, measurements, measures, photos and household data in a temporary data dir."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from visitdata import VISIT, visit_document, write_photos

from boligvurdering.paths import AppPaths
from boligvurdering.services.context import open_context
from boligvurdering.services.documents import DocumentService
from boligvurdering.services.exchange import ExchangeService


@pytest.fixture
def ctx(tmp_path):
    context = open_context(AppPaths.resolve(tmp_path / "data"), role="administrator")
    yield context
    context.close()


@pytest.fixture
def visit(ctx):
    photos = write_photos(ctx.paths.photos, 4)
    ExchangeService(ctx).import_document(visit_document(photos))
    ctx.plan.save_household(VISIT, {"members": 1, "gross_income_year": 312000, "net_income_month": 21000,
                                    "housing_costs_month": 4200, "savings": 150000,
                                    "bank_refusal": True, "lasting_reduced_function": True})
    ctx.visits.update(VISIT, {"condition": "Hjerneslag i 2024 med svekket venstre side"})
    for recipient in ("fastlege", "brannvesen", "nav", "kommune", "skattedata"):
        ctx.consent.record(VISIT, recipient, given=True, given_on="2026-11-02", form="muntlig")
    return VISIT


@pytest.fixture
def docs(ctx):
    return DocumentService(ctx)
