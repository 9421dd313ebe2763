"""Norwegian national identity numbers (fødselsnummer, D-nummer, synthetic test numbers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from boligvurdering.domain.dates import age_on
from boligvurdering.domain.errors import InvalidValue
from boligvurdering.i18n import tr

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def _century(individual: int, yy: int) -> int | None:
    if individual <= 499:
        return 1900
    if individual <= 749 and yy >= 54:
        return 1800
    if individual >= 900 and yy >= 40:
        return 1900
    if individual >= 500 and yy <= 39:
        return 2000
    return None


@dataclass(frozen=True)
class NationalId:
    """A validated 11-digit national ID. Construct with :meth:`parse`."""

    value: str
    birth_date: date
    is_d_number: bool
    is_synthetic: bool

    @classmethod
    def parse(cls, text: str) -> NationalId:
        """Validate and return a national ID; raises ``InvalidValue`` with a Norwegian message."""
        digits = "".join(ch for ch in str(text) if not ch.isspace())
        if len(digits) != 11 or not (digits.isascii() and digits.isdigit()):  # not «²», «①» or full-width digits
            raise InvalidValue(tr("Fødselsnummeret må ha 11 sifre."))
        k1 = _check_digit(digits[:9], _W1)
        k2 = _check_digit(digits[:10], _W2)
        if k1 is None or k2 is None or k1 != int(digits[9]) or k2 != int(digits[10]):
            raise InvalidValue(tr("Fødselsnummeret har feil kontrollsiffer."))
        day, month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
        is_d = day > 40
        if is_d:
            day -= 40
        synthetic = month > 80
        if synthetic:
            month -= 80
        elif month > 40:  # H-numbers (help numbers) and Skatteetaten's older test series
            month -= 40
        century = _century(int(digits[6:9]), yy)
        try:
            if century is None:
                raise ValueError
            born = date(century + yy, month, day)
        except ValueError:
            raise InvalidValue(tr("Fødselsnummeret inneholder ingen gyldig dato.")) from None
        return cls(digits, born, is_d, synthetic)

    @property
    def sex(self) -> str:
        """``"F"`` (female) or ``"M"`` (male), from the third individual digit."""
        return "M" if int(self.value[8]) % 2 else "F"

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day``."""
        return age_on(self.birth_date, day)

    def masked(self) -> str:
        """Birth date part only, for lists where the full number is not needed."""
        return f"{self.value[:6]} *****"

    def __str__(self) -> str:
        return self.value


def make_synthetic(born: date, individual: int, *, female: bool) -> NationalId:
    """Build a valid synthetic national ID (month + 80) for demo and test data."""
    for ind in range(individual, individual + 200):
        ind = ind % 1000
        if (ind % 2 == 1) == female:
            continue
        yy = born.year % 100
        base = f"{born.day:02d}{born.month + 80:02d}{yy:02d}{ind:03d}"
        k1 = _check_digit(base, _W1)
        if k1 is None:
            continue
        k2 = _check_digit(base + str(k1), _W2)
        if k2 is None:
            continue
        candidate = base + str(k1) + str(k2)
        try:
            nid = NationalId.parse(candidate)
        except InvalidValue:
            continue
        if nid.birth_date == born:
            return nid
    raise ValueError("no synthetic number found")  # pragma: no cover - only for absurd input
