"""Validation and normalisation of one answer value against its question."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.domain.formatting import format_number
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.formsengine.model import Question


def _range_message(q: Question) -> str:
    unit = f" {q.unit}" if q.unit else ""
    lo, hi = q.minimum, q.maximum
    if lo is not None and hi is not None:
        return tr("Verdien må være mellom {lo} og {hi}{unit}.",
                  lo=format_number(lo, 2), hi=format_number(hi, 2), unit=unit)
    if lo is not None:
        return tr("Verdien må være minst {lo}{unit}.", lo=format_number(lo, 2), unit=unit)
    return tr("Verdien kan være høyst {hi}{unit}.", hi=format_number(hi, 2), unit=unit)


def _number(q: Question, value: Any, integer: bool) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(tr("Svaret må være et helt tall.") if integer else tr("Svaret må være et tall."))
    if integer and isinstance(value, float):
        if not value.is_integer():
            raise InvalidValue(tr("Svaret må være et helt tall."))
        value = int(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidValue(tr("Svaret må være et tall."))
    if (q.minimum is not None and value < q.minimum) or (q.maximum is not None and value > q.maximum):
        raise InvalidValue(_range_message(q))
    return value if integer else float(value)


def _choice(q: Question, value: Any) -> str:
    if not isinstance(value, str) or q.option(value) is None:
        allowed = ", ".join(f"«{o.value}»" for o in q.options)
        raise InvalidValue(tr("Ugyldig valg. Tillatte verdier: {allowed}.", allowed=allowed))
    return value


def _text(q: Question, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValue(tr("Svaret må være tekst."))
    if "\x00" in value:
        raise InvalidValue(tr("Teksten inneholder et ugyldig tegn (NUL)."))
    if len(value) > q.max_length:
        raise InvalidValue(tr("Teksten er for lang (høyst {n} tegn).", n=q.max_length))
    return value


def validate_answer(q: Question, value: Any) -> Any:
    """Return the normalised value or raise ``InvalidValue`` (Norwegian message)."""
    match q.type:
        case "yes_no":
            if not isinstance(value, bool):
                raise InvalidValue(tr("Svaret må være ja eller nei."))
            return value
        case "single_choice":
            return _choice(q, value)
        case "multi_choice":
            if not isinstance(value, list):
                raise InvalidValue(tr("Svaret må være en liste med valg."))
            chosen = [_choice(q, v) for v in value]
            if len(set(chosen)) != len(chosen):
                raise InvalidValue(tr("Det samme valget er gitt flere ganger."))
            return chosen
        case "integer":
            return _number(q, value, integer=True)
        case "decimal" | "measurement":
            return _number(q, value, integer=False)
        case "text":
            return _text(q, value)
        case "date":
            if not isinstance(value, str):
                raise InvalidValue(tr("Datoen må skrives som ÅÅÅÅ-MM-DD."))
            try:
                return date.fromisoformat(value).isoformat()
            except ValueError:
                raise InvalidValue(tr("Ugyldig dato «{v}» (bruk ÅÅÅÅ-MM-DD).", v=value[:20])) from None
        case "photo":
            if not isinstance(value, str) or not value:
                raise InvalidValue(tr("Svaret må være en bilde-id."))
            return value
    raise InvalidValue(tr("Ukjent spørsmålstype."))  # pragma: no cover - loader refuses these
