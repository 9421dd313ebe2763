"""The one ramp calculation (TEK17 § 12-16 and NAV's measuring guide), used by checks, plans and documents.

A ramp for a rise *h* at gradient 1:n has a run of h·n. It needs a level rest landing of at
least 1.5 m for every 1.0 m of rise (one between each full metre of rise) and a level landing
of at least 1.5 × 1.5 m in front of the door, outside the door swing. 1:15 is the normal
requirement; 1:12 is allowed only on stretches shorter than 3.0 m. NAV considers ramps no
steeper than 1:12, preferably 1:15.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GRADIENTS = (15, 12)
STEEP_MAX_STRETCH_M = 3.0
LANDING_M = 1.5
LANDING_EVERY_RISE_CM = 100.0
DOOR_LANDING_M = 1.5
MIN_WIDTH_M = 0.9


@dataclass(frozen=True)
class RampGeometry:
    """Lengths a ramp needs for a rise, and whether it fits the length available.

    Attributes:
        rise_cm: height from the door sill to the ground (> 0).
        available_m: length available for ramp and landings (``None`` = not measured).
        run_1_15_m / run_1_12_m: the sloping run at each gradient.
        rest_landings: level rest landings between the runs (one per full metre of rise
            after the first).
        rest_landing_m: their total length.
        door_landing_m: the level landing in front of the door.
        total_1_15_m / total_1_12_m: run + rest landings + door landing.
        steep_allowed: 1:12 is allowed (the run at 1:12 is under 3.0 m).
        fits_1_15 / fits_1_12: the total fits the available length (never true when not measured).
    """

    rise_cm: float
    available_m: float | None
    run_1_15_m: float
    run_1_12_m: float
    rest_landings: int
    rest_landing_m: float
    door_landing_m: float
    total_1_15_m: float
    total_1_12_m: float
    steep_allowed: bool
    fits_1_15: bool
    fits_1_12: bool

    @property
    def fits(self) -> bool | None:
        """Fits at some allowed gradient; ``None`` when the available length is not measured."""
        if self.available_m is None:
            return None
        return self.fits_1_15 or self.fits_1_12

    def needed_m(self, gradient: int) -> float:
        """Total length needed at 1:``gradient`` (15 or 12)."""
        return self.total_1_15_m if gradient == 15 else self.total_1_12_m


def ramp_geometry(rise_cm: float, available_m: float | None = None) -> RampGeometry:
    """Compute the ramp for ``rise_cm`` (> 0, already validated) and an optional available length.

    Example: 110 cm at 1:15 is a 16.5 m run, one rest landing (1.5 m) and the door landing
    (1.5 m): 19.5 m in all.
    """
    run15, run12 = (round(rise_cm / 100 * n, 2) for n in GRADIENTS)
    rests = max(0, math.ceil(rise_cm / LANDING_EVERY_RISE_CM) - 1)
    rest_m = round(rests * LANDING_M, 2)
    total15 = round(run15 + rest_m + DOOR_LANDING_M, 2)
    total12 = round(run12 + rest_m + DOOR_LANDING_M, 2)
    steep = run12 < STEEP_MAX_STRETCH_M
    return RampGeometry(
        rise_cm, available_m, run15, run12, rests, rest_m, DOOR_LANDING_M, total15, total12, steep,
        available_m is not None and total15 <= available_m,
        available_m is not None and steep and total12 <= available_m,
    )
