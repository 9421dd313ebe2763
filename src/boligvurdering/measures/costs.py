"""Cost estimates (quantity × unit price or a quote), ramp calculation and measure warnings."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.domain.formatting import format_money, format_number, parse_decimal
from boligvurdering.domain.ramp import ramp_geometry
from boligvurdering.i18n import tr
from boligvurdering.measures.model import COST_UNITS, NAV_EXCLUDED_FLAGS, FinancingRules, Measure


def parse_amount(value: Any, label: str | None = None) -> float:
    """A non-negative finite number from a number or a Norwegian text («12 500,50»).

    Raises:
        InvalidValue: non-numeric, NaN/infinite or negative, with a Norwegian message.
    """
    label = label or tr("Beløpet")
    if isinstance(value, bool) or value is None:
        raise InvalidValue(tr("{label} må være et tall.", label=label))
    if isinstance(value, str):
        try:
            value = parse_decimal(value)
        except ValueError:
            raise InvalidValue(tr("{label} må være et tall.", label=label)) from None
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidValue(tr("{label} må være et tall.", label=label))
    if value < 0:
        raise InvalidValue(tr("{label} kan ikke være negativt.", label=label))
    return float(value)


@dataclass(frozen=True)
class CostEstimate:
    """A cost estimate in NOK incl. VAT.

    Attributes:
        amount_min / amount_max: the range (equal for a quote or a priced quantity).
        basis: ``range`` (catalogue range), ``unit`` (quantity × unit price) or ``quote``.
        quantity / unit / unit_price: for ``unit``.
        supplier / quote_date: for ``quote`` (date as ISO text).
    """

    amount_min: float
    amount_max: float
    basis: str
    quantity: float | None = None
    unit: str | None = None
    unit_price: float | None = None
    supplier: str | None = None
    quote_date: str | None = None

    @property
    def amount(self) -> float:
        """The amount to plan with: the upper end of the range (cautious)."""
        return self.amount_max

    def label(self) -> str:
        """«kr 3 000» or «kr 3 000–8 000»."""
        if self.amount_min == self.amount_max:
            return format_money(self.amount_max)
        return f"{format_money(self.amount_min)}–{format_number(round(self.amount_max), 0)}"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        return asdict(self)


def estimate_from_range(cost_min: Any, cost_max: Any) -> CostEstimate:
    """A range estimate; refuses invalid or reversed amounts."""
    lo, hi = parse_amount(cost_min, tr("Laveste kostnad")), parse_amount(cost_max, tr("Høyeste kostnad"))
    if lo > hi:
        raise InvalidValue(tr("Laveste kostnad kan ikke være større enn høyeste kostnad."))
    return CostEstimate(lo, hi, "range")


def estimate_from_quantity(quantity: Any, unit_price: Any, unit: str) -> CostEstimate:
    """Quantity × unit price (``unit`` is stk, m or m2)."""
    if unit not in COST_UNITS:
        raise InvalidValue(tr("Ukjent enhet «{u}».", u=unit))
    qty = parse_amount(quantity, tr("Mengden"))
    price = parse_amount(unit_price, tr("Enhetsprisen"))
    total = round(qty * price, 2)
    return CostEstimate(total, total, "unit", quantity=qty, unit=unit, unit_price=price)


def estimate_from_quote(amount: Any, supplier: str, quote_date: date | str) -> CostEstimate:
    """A binding quote (tilbud) from a supplier on a date."""
    value = parse_amount(amount, tr("Tilbudsbeløpet"))
    if not isinstance(supplier, str) or not supplier.strip():
        raise InvalidValue(tr("Oppgi hvem tilbudet er fra."))
    if isinstance(quote_date, str):
        try:
            quote_date = date.fromisoformat(quote_date)
        except ValueError:
            raise InvalidValue(tr("Ugyldig dato for tilbudet.")) from None
    if not isinstance(quote_date, date):
        raise InvalidValue(tr("Ugyldig dato for tilbudet."))
    return CostEstimate(value, value, "quote", supplier=supplier.strip(),
                        quote_date=quote_date.isoformat())


def estimate_for_measure(measure: Measure, quantity: Any = None,
                         price_list: Mapping[str, Mapping[str, float]] | None = None) -> CostEstimate:
    """Estimate from the catalogue, with the kommune's local price list taking precedence.

    Args:
        measure: the catalogue measure.
        quantity: number of units for unit-priced measures (default 1).
        price_list: local prices by measure id (``unit_price`` or ``cost_min``/``cost_max``).
    """
    local = (price_list or {}).get(measure.id, {})
    if measure.unit is not None:
        price = local.get("unit_price", measure.unit_price)
        return estimate_from_quantity(1 if quantity is None else quantity, price, measure.unit)
    return estimate_from_range(local.get("cost_min", measure.cost_min),
                               local.get("cost_max", measure.cost_max))


@dataclass(frozen=True)
class RampResult:
    """Ramp requirement for a rise (TEK17 § 12-16, ``domain.ramp``) and NAV's grant tier.

    ``length_*`` are the sloping run only; ``total_*`` add the rest landings and the level
    landing at the door.
    """

    rise_cm: float
    available_length_m: float | None
    length_1_15_m: float
    length_1_12_m: float
    landings: int
    landing_length_m: float
    door_landing_m: float
    total_1_15_m: float
    total_1_12_m: float
    fits_1_15: bool
    fits_1_12: bool
    fits: bool | None
    steep_allowed: bool
    nav_tier: str
    nav_cap_excl_vat: float
    nav_cap_incl_vat: float
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        return asdict(self)


def ramp_requirement(rise_cm: Any, available_length_m: Any = None,
                     rules: FinancingRules | None = None) -> RampResult:
    """Length of a ramp at 1:15 and 1:12 with landings, whether it fits, and NAV's tier.

    Args:
        rise_cm: height from door sill to ground in cm (> 0).
        available_length_m: length available for the ramp and its landings, if measured.
        rules: financing rules (NAV tiers); defaults match REFERENCE §3.
    """
    rise = parse_amount(rise_cm, tr("Høydeforskjellen"))
    if rise == 0:
        raise InvalidValue(tr("Høydeforskjellen må være større enn 0 cm."))
    avail = None if available_length_m is None else parse_amount(available_length_m, tr("Tilgjengelig lengde"))
    rules = rules or FinancingRules(channels=())
    g = ramp_geometry(rise, avail)
    low = rise <= rules.ramp_tier_rise_cm
    notes = [tr("Stigning 1:12 er bare tillatt på strekninger kortere enn 3 m; 1:15 er normalkravet."),
             tr("Foran døra trengs et plant repos på minst 1,5 × 1,5 m utenfor dørslaget.")]
    if g.rest_landings:
        notes.append(tr("Rampen trenger {n} hvilerepos på minst 1,5 m (ett per meter stigning).", n=g.rest_landings))
    notes.append(tr("Nav vurderer bare ramper som ikke er brattere enn 1:12, helst 1:15, og vil ha "
                    "en målsatt skisse (skjema T09)."))
    return RampResult(
        rise, avail, g.run_1_15_m, g.run_1_12_m, g.rest_landings, g.rest_landing_m, g.door_landing_m,
        g.total_1_15_m, g.total_1_12_m, g.fits_1_15, g.fits_1_12, g.fits, g.steep_allowed,
        "low" if low else "high", rules.ramp_cap_low if low else rules.ramp_cap_high,
        rules.ramp_cap_incl_vat(rise), tuple(notes),
    )


def ramp_grant_refusal(rise_cm: float | None, available_m: float | None,
                       rules: FinancingRules | None = None) -> str | None:
    """Why NAV's grant instead of a ramp cannot be given for this ramp, or ``None``.

    The grant is for a ramp that can be built: the rise must be measured (> 0) and the ramp
    with its landings must fit the measured length at 1:15, or at 1:12 on a short stretch.
    """
    if rise_cm is None:
        return tr("Kan ikke vurderes ennå – mangler: høydeforskjellen fra dørterskel til bakken. "
                  "Navs tilskudd følger høydeforskjellen (til og med 40 cm eller over).")
    if rise_cm <= 0:
        return tr("Høydeforskjellen er registrert som 0 cm, så det trengs ingen rampe. Mål høyden fra "
                  "dørterskel til bakken på nytt hvis det er trinn ved inngangen.")
    r = ramp_requirement(rise_cm, available_m, rules)
    if r.fits is None:
        return tr("Kan ikke vurderes ennå – mangler: tilgjengelig lengde for rampen. Rampen trenger {n} m "
                  "med repos ved stigning 1:15.", n=format_number(r.total_1_15_m, 2))
    if r.fits:
        return None
    return tr("Rampen får ikke plass: den trenger {n15} m ved 1:15{n12}, og bare {a} m er tilgjengelig. Nav gir "
              "ikke tilskudd til en rampe som ikke kan bygges. Alternativer: løfteplattform (tilskudd eller "
              "utlån fra Nav), en annen inngang uten trinn, eller å flytte til en bolig som passer bedre.",
              n15=format_number(r.total_1_15_m, 2), a=format_number(r.available_length_m, 2),
              n12=tr(" og {n} m ved 1:12", n=format_number(r.total_1_12_m, 2)) if r.steep_allowed
              else tr(" (1:12 er bare tillatt når rampen er kortere enn 3 m)"))


def measure_warnings(kind: str, flags: frozenset[str] | set[str], channels: tuple[str, ...] | list[str],
                     title: str = "") -> list[str]:
    """Warnings for one measure (Norwegian): apply first, NAV loans, NAV exclusions, maintenance."""
    prefix = f"{title}: " if title else ""
    out: list[str] = []
    applied = [c for c in channels if c not in ("egne_midler", "bostotte")]
    if applied:
        out.append(prefix + tr("Søk før arbeidet starter – tilskudd og lån gis ikke for arbeid som er påbegynt."))
    if kind == "nav_loan":
        out.append(prefix + tr("Hjelpemidler fra Nav er utlån og skal leveres tilbake; de er ingen varig løsning i boligen."))
    excluded = [f for f in NAV_EXCLUDED_FLAGS if f in flags]
    if excluded and any(c.startswith("nav_") for c in channels):
        out.append(prefix + tr("Nav dekker ikke elektrikerarbeid, åpning av vegger eller gulv, nye dører "
                               "eller forsterkning av vegger; denne delen må finansieres på annen måte."))
    if "maintenance" in flags:
        out.append(prefix + tr("Vanlig vedlikehold gir ikke rett til tilskudd."))
    return out
