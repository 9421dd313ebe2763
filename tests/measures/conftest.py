"""Shared fixtures for measure tests: the shipped forms folder, catalogue and kommune settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from boligvurdering.measures import load_catalogue, load_kommune_settings

FORMS = Path(__file__).resolve().parents[2] / "forms"


@pytest.fixture(scope="session")
def forms_dir() -> Path:
    return FORMS


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue(FORMS)


@pytest.fixture(scope="session")
def settings():
    return load_kommune_settings(FORMS)
