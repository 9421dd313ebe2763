"""Dates, numbers and money per locale through Babel — the one place that formats them.

Bokmål and nynorsk: «1. desember 2026», «kr 29 700», «12,5»; English: «1 December 2026»,
«NOK 29,700», «12.5». The language is the current one (``i18n.current_language``) unless given.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from boligvurdering.i18n import BABEL_LOCALES, current_language

NBSP = "\u00a0"


def _locale(language: str | None) -> str:
    return BABEL_LOCALES[language or current_language()]


def format_date(day: date | datetime | None, language: str | None = None) -> str:
    """«1. desember 2026» (long form); empty string for ``None``."""
    if day is None:
        return ""
    day = day.date() if isinstance(day, datetime) else day
    return _babel_date(day, "long", locale=_locale(language))


def format_date_short(day: date | datetime | None, language: str | None = None) -> str:
    """«01.12.2026» (English: «01/12/2026»); empty string for ``None``."""
    if day is None:
        return ""
    day = day.date() if isinstance(day, datetime) else day
    return _babel_date(day, "dd.MM.y" if (language or current_language()) != "en" else "dd/MM/y",
                       locale=_locale(language))


def format_number(value: float | int | None, decimals: int = 1, language: str | None = None) -> str:
    """Decimal comma and grouping per locale: «12,5», «1 250»; trailing zeros dropped."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return format_decimal(value, pattern, locale=_locale(language))


def format_money(amount: float | int | None, language: str | None = None) -> str:
    """«kr 29 700» (whole kroner, rounded); English «NOK 29,700»."""
    if amount is None:
        return ""
    whole = format_decimal(int(round(amount)), "#,##0", locale=_locale(language))
    return f"NOK {whole}" if (language or current_language()) == "en" else f"kr{NBSP}{whole}"


def parse_decimal(text: str) -> float:
    """Parse «12,5» or «12.5» (spaces allowed); raises ``ValueError``."""
    cleaned = str(text).strip().replace(NBSP, "").replace(" ", "").replace(",", ".")
    if not cleaned:
        raise ValueError("empty")
    return float(cleaned)
