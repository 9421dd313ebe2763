"""Norwegian formatting of dates, numbers and money («1. desember 2026», «kr 29 700», «12,5 s»)."""

from __future__ import annotations

from datetime import date, datetime

from boligvurdering.i18n import tr

_MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)

NBSP = "\u00a0"


def format_date(day: date | datetime | None) -> str:
    """«1. desember 2026»; empty string for ``None``."""
    if day is None:
        return ""
    return f"{day.day}. {tr(_MONTHS[day.month - 1])} {day.year}"


def format_date_short(day: date | datetime | None) -> str:
    """«01.12.2026»; empty string for ``None``."""
    return "" if day is None else f"{day.day:02d}.{day.month:02d}.{day.year}"


def _group(integer: int) -> str:
    text = f"{abs(integer):,}".replace(",", NBSP)
    return ("-" if integer < 0 else "") + text


def format_number(value: float | int | None, decimals: int = 1) -> str:
    """Decimal comma and thin grouping: «12,5», «1 250»; trailing ``,0`` dropped."""
    if value is None:
        return ""
    if isinstance(value, int) or float(value).is_integer():
        return _group(int(round(value)))
    text = f"{value:.{decimals}f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    grouped = _group(int(whole)) if whole not in ("-0",) else "-0"
    return f"{grouped},{frac}" if frac else grouped


def format_money(amount: float | int | None) -> str:
    """«kr 29 700» (whole kroner, rounded)."""
    if amount is None:
        return ""
    return f"kr{NBSP}{_group(int(round(amount)))}"


def parse_decimal(text: str) -> float:
    """Parse «12,5» or «12.5» (spaces allowed); raises ``ValueError``."""
    cleaned = str(text).strip().replace(NBSP, "").replace(" ", "").replace(",", ".")
    if not cleaned:
        raise ValueError("empty")
    return float(cleaned)
