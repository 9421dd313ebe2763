"""Date arithmetic shared by every layer."""

from __future__ import annotations

from datetime import date


def age_on(born: date, day: date) -> int:
    """Age in whole years on ``day`` (the birthday itself counts)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
