"""A rich visit as an exchange document (æøå in names, rooms with measurements, measures, photos)."""

from __future__ import annotations

import base64
import hashlib
import io
import uuid
from pathlib import Path
from typing import Any

from PIL import Image

NS = uuid.UUID("b0a1c2d3-0000-4000-8000-0000000000aa")
ENTRANCE = str(uuid.uuid5(NS, "entrance"))
BATHROOM = str(uuid.uuid5(NS, "bathroom"))
RAMP = str(uuid.uuid5(NS, "ramp"))
GRAB = str(uuid.uuid5(NS, "grab"))
SHOWER = str(uuid.uuid5(NS, "shower"))
VISIT = str(uuid.uuid5(NS, "visit"))


def make_jpeg(seed: int, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A photo-like JPEG (gradient + noise so it does not compress to nothing)."""
    im = Image.effect_noise(size, 40 + seed % 20).convert("RGB")
    overlay = Image.linear_gradient("L").resize(size).convert("RGB")
    out = io.BytesIO()
    Image.blend(im, overlay, 0.5).save(out, "JPEG", quality=85)
    return out.getvalue()


def write_photos(folder: Path, count: int, size: tuple[int, int] = (1600, 1200)) -> list[dict[str, Any]]:
    """JPEG files in ``folder`` plus their exchange entries (each carries its bytes: photos travel in the file)."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for i in range(count):
        data = make_jpeg(i, size)
        name = f"foto-{i:02d}.jpg"
        (folder / name).write_bytes(data)
        entries.append({"id": str(uuid.uuid5(NS, f"photo{i}")), "file_name": name,
                        "caption": f"Bilde {i + 1}: trappen ved inngangen, sett fra gårdsplassen",
                        "room": ENTRANCE if i % 2 == 0 else BATHROOM, "sha256": hashlib.sha256(data).hexdigest(),
                        "width": size[0], "height": size[1], "data": base64.b64encode(data).decode("ascii")})
    return entries


def visit_document(photos: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "format": "boligvurdering.visit", "version": 1,
        "client": {"national_id": "14834012473", "given_name": "Ærlige Åse", "family_name": "Øvrebø",
                   "phone": "40 00 00 99", "lives_alone": True},
        "dwelling": {"address": "Blåbærstien 7", "postal_code": "5914", "postal_place": "Isdalstø",
                     "municipality_number": "4631", "dwelling_type": "enebolig", "floors": 2,
                     "entrance_floor": 1, "has_lift": False, "tenure": "eier", "year_built": 1972},
        "visit": {"id": VISIT, "status": "gjennomfort", "visit_date": "2026-11-02", "referral_date": "2026-10-01",
                  "referral_source": "home_care", "referral_reason": "Fall på badet i september",
                  "team": [{"name": "Ingrid Fjellstøl", "role": "ergoterapeut", "phone": "55 11 22 33", "contact": True,
                            "signed_at": "2026-11-03T10:00:00+00:00"},
                           {"name": "Lars Håvardsholm", "role": "boligkonsulent", "phone": "55 11 22 44"}]},
        "answers": {
            "opening_what_matters": "Å bo hjemme og komme meg ut i hagen på egen hånd.",
            "STEADI.FALLEN": True, "STEADI.UNSTEADY": True, "STEADI.WORRIES": True,
            "TUG.SECONDS": 16.4, "CST30.COUNT": 6, "CST30.ARMS_USED": False, "BAL4.TANDEM_SECONDS": 4.0,
            "MST.WEIGHT_LOSS": 2, "MST.APPETITE": 1, "BODY.HEIGHT_CM": 162.0, "BODY.WEIGHT_KG": 51.0,
            "MED.COUNT": 7, "falls_walking_aids": ["rollator_inside"], "falls_mobility_aid": "rollator",
            "other_low_mood": True, "other_memory_concern": False,
            "fire_alarm_every_floor": False, "fire_stove_guard": False, "fire_smokes": False,
            "fire_can_escape_unaided": False, "fire_reduced_cognition": False,
        },
        "rooms": [
            {"id": ENTRANCE, "type": "entrance", "name": "Hovedinngang",
             "answers": {"housing_entrance_door_width_cm": 80, "housing_entrance_threshold_mm": 40,
                         "housing_entrance_rise_cm": 45, "housing_entrance_available_length_m": 9,
                         "housing_entrance_steps": 3, "housing_entrance_handrail_both_sides": False,
                         "housing_entrance_door_swing": "outward", "housing_entrance_door_landing": False,
                         "housing_entrance_path_width_m": 1.4, "housing_entrance_path_slope": "gentle",
                         "housing_entrance_path_surface": "firm"}},
            {"id": BATHROOM, "type": "bathroom", "name": "Bad i første etasje",
             "answers": {"housing_door_width_cm": 70, "housing_wc_free_side_cm": 60, "housing_no_grab_bars": True}},
        ],
        "measures": [
            {"id": RAMP, "catalogue_id": "outdoor_ramp", "title": "Rampe til hovedinngangen", "domain": "housing",
             "status": "accepted", "reason": "Trinnfri adkomst slik at Åse kommer inn og ut med rullator.",
             "responsible_role": "boligkonsulent", "due_date": "2027-01-15", "room": ENTRANCE,
             "quote_amount": 61250, "quote_supplier": "Snekker Sæbø AS", "quote_date": "2026-11-10",
             "kind": "permanent", "allocations": {"nav_tilskudd_rampe_heis": 37125, "kommunalt_tilskudd": 24125},
             "details": {"door_swing": "Slår utover, hengslet på venstre side"}},
            {"id": SHOWER, "catalogue_id": "step_free_shower", "title": "Trinnfri dusj", "domain": "housing",
             "status": "accepted", "reason": "Kan ikke gå over badekarkanten uten å falle.",
             "responsible_role": "byggteknisk", "room": BATHROOM, "cost_min": 40000, "cost_max": 60000,
             "kind": "permanent", "allocations": {"kommunalt_tilskudd": 30000}},
            {"id": GRAB, "catalogue_id": "grab_bar_toilet", "title": "Støttehåndtak ved toalettet", "domain": "housing",
             "status": "proposed", "reason": "Støtte når hun reiser seg.", "cost_min": 800, "cost_max": 1500,
             "kind": "own_purchase"},
        ],
        "photos": photos or [],
    }
