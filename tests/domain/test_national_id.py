from datetime import date

import pytest

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.domain.national_id import _W1, _W2, NationalId, _check_digit, make_synthetic


def _with_check_digits(body: str) -> str | None:
    k1 = _check_digit(body, _W1)
    k2 = _check_digit(body + str(k1), _W2) if k1 is not None else None
    return None if k2 is None else body + str(k1) + str(k2)


def test_known_valid_fodselsnummer():
    nid = NationalId.parse("15076500565")
    assert nid.birth_date == date(1965, 7, 15)
    assert not nid.is_d_number and not nid.is_synthetic
    assert nid.sex == "M"  # the 9th digit (5) is odd


def test_whitespace_is_ignored():
    assert NationalId.parse("150765 00565").value == "15076500565"


@pytest.mark.parametrize("bad", ["15076500566", "15076500575", "15076500564"])
def test_wrong_check_digit_refused(bad):
    with pytest.raises(InvalidValue, match="kontrollsiffer"):
        NationalId.parse(bad)


@pytest.mark.parametrize("bad", ["", "1234567890", "123456789012", "1507650056a"])
def test_wrong_length_refused(bad):
    with pytest.raises(InvalidValue, match="11 sifre"):
        NationalId.parse(bad)


def test_synthetic_numbers_are_valid_and_recognised():
    nid = make_synthetic(date(1938, 3, 14), 100, female=True)
    assert nid.is_synthetic
    assert nid.value[2:4] == "83"  # month + 80
    assert nid.birth_date == date(1938, 3, 14)
    assert nid.sex == "F"
    assert NationalId.parse(nid.value) == nid


def test_d_number_recognised():
    number = next(n for ind in range(100, 500) if (n := _with_check_digits(f"440550{ind:03d}")))
    nid = NationalId.parse(number)
    assert nid.is_d_number and nid.birth_date == date(1950, 5, 4)


def test_impossible_date_refused():
    number = next(n for ind in range(100, 500) if (n := _with_check_digits(f"310250{ind:03d}")))
    with pytest.raises(InvalidValue, match="dato"):
        NationalId.parse(number)


def test_age_on():
    nid = NationalId.parse("15076500565")
    assert nid.age_on(date(2026, 7, 14)) == 60
    assert nid.age_on(date(2026, 7, 15)) == 61
