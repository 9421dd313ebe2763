"""Field validation shared by the client register and the exchange-file import."""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Any

from boligvurdering.domain.enums import DwellingType, Sex, Tenure
from boligvurdering.domain.errors import InvalidValue
from boligvurdering.domain.national_id import NationalId
from boligvurdering.i18n import tr

_PHONE = re.compile(r"^\+?[0-9 ]{8,15}$")


#: dates outside these years are typing errors (and 9999-12-31 overflows date arithmetic)
MIN_YEAR, MAX_YEAR = 1880, 2200


def name(value: Any, label: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(tr("{label} må fylles ut.", label=label))
    if len(value) > 200:
        raise InvalidValue(tr("{label} er for langt (høyst 200 tegn).", label=label))
    if any(ord(ch) < 32 for ch in value):
        raise InvalidValue(tr("{label} inneholder kontrolltegn.", label=label))
    return value.strip()


def postal_code(value: Any) -> str:
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d{4}", text):
        raise InvalidValue(tr("Postnummeret må ha fire sifre."))
    return text


def municipality_number(value: Any, *, required: bool = False) -> str:
    """A four-digit kommune number; empty is allowed unless ``required``.

    Args:
        value: The number as typed (text).
        required: Refuse an empty value too (kommune settings need one).

    Raises:
        InvalidValue: The number does not have four digits.
    """
    text = str(value).strip() if isinstance(value, str) else ""
    if (text or required) and not re.fullmatch(r"\d{4}", text):
        raise InvalidValue(tr("Kommunenummeret må ha fire sifre."))
    return text


def phone(value: Any) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or not _PHONE.match(value.strip()):
        raise InvalidValue(tr("Telefonnummeret må ha 8 sifre (eventuelt med landskode, f.eks. +47)."))
    return value.strip()


def national_id(value: Any) -> NationalId:
    if not isinstance(value, str):
        raise InvalidValue(tr("Fødselsnummeret må skrives som tekst med 11 sifre."))
    return NationalId.parse(value)


def sex(value: Any) -> str:
    if value not in (Sex.FEMALE.value, Sex.MALE.value):
        raise InvalidValue(tr("Kjønn må være «F» eller «M»."))
    return str(value)


def iso_date(value: Any, label: str) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InvalidValue(tr("{label} må være en dato (ÅÅÅÅ-MM-DD).", label=label))
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidValue(tr("{label} er ikke en gyldig dato (ÅÅÅÅ-MM-DD).", label=label)) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InvalidValue(tr("{label} må være mellom år {lo} og {hi}.", label=label, lo=MIN_YEAR, hi=MAX_YEAR))
    return day


def enum_value(value: Any, enum: type[Enum], label: str) -> str:
    return one_of(value, [e.value for e in enum], label)


def one_of(value: Any, allowed: list[str] | tuple[str, ...], label: str) -> str:
    if value not in allowed:
        raise InvalidValue(tr("{label} må være en av: {allowed}.", label=label, allowed=", ".join(allowed)))
    return str(value)


def optional_int(value: Any, label: str, lo: int, hi: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise InvalidValue(tr("{label} må være et heltall mellom {lo} og {hi}.", label=label, lo=lo, hi=hi))
    return value


def optional_bool(value: Any, label: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise InvalidValue(tr("{label} må være ja (true) eller nei (false).", label=label))
    return value


DWELLING_TYPES = DwellingType
TENURES = Tenure
