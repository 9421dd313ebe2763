"""Demo data: realistic, clearly fictitious clients and visits in various states.

National IDs are synthetic (month + 80), so they can never belong to a real person.
The visits go through the same import path as exchange files.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.national_id import make_synthetic
from boligvurdering.services.exchange_parse import FORMAT, VERSION

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

DEMO_NS = uuid.UUID("0d3c5b1e-7a43-4c55-8d7e-2f0c6b9e4a10")
TEAM = [
    {"name": "Ingrid Fjell (demo)", "role": "ergoterapeut", "phone": "55 00 00 01"},
    {"name": "Lars Havn (demo)", "role": "boligkonsulent", "phone": "55 00 00 02"},
    {"name": "Kari Bru (demo)", "role": "byggteknisk", "phone": "55 00 00 03"},
    {"name": "Per Nordli (demo)", "role": "fysioterapeut", "phone": "55 00 00 04"},
]

# (given, family, born, female, address, postal code, place, status, days from today, answer set)
PEOPLE = [
    ("Astrid", "Demosen", date(1938, 3, 14), True, "Fiktivveien 3", "5914", "Isdalstø", "gjennomfort", -7, "high"),
    ("Bjarne", "Prøvestad", date(1942, 11, 2), False, "Eksempelgata 12 B", "5915", "Hjelmås", "planlagt", 5, "none"),
    ("Signe", "Testli", date(1945, 6, 30), True, "Øvingsbakken 7", "5918", "Frekhaug", "rapport_sendt", -30, "moderate"),
    ("Olav", "Øvrebø-Demo", date(1936, 1, 9), False, "Lekeplassen 1", "5912", "Seim", "henvist", None, "none"),
    ("Åse", "Fiksjonsen", date(1940, 9, 21), True, "Skisseveien 44", "5914", "Isdalstø", "gjennomfort", -2, "low"),
]

HIGH = {
    "opening_lives_alone": True, "opening_consent_visit": True,
    "opening_what_matters": "Å klare meg selv hjemme og komme meg ut i hagen.",
    "STEADI.FALLEN": True, "STEADI.UNSTEADY": True, "STEADI.WORRIES": True,
    "SI.1": True, "SI.2": True, "SI.3": True, "SI.4": True, "SI.5": True, "SI.6": True,
    "SI.7": False, "SI.8": True, "SI.9": False, "SI.10": False, "SI.11": True, "SI.12": False,
    "TUG.SECONDS": 16.4, "CST30.COUNT": 6, "CST30.ARMS_USED": False, "BAL4.TANDEM_SECONDS": 4.0,
    "MST.WEIGHT_LOSS": 2, "MST.APPETITE": 1, "BODY.HEIGHT_CM": 162.0, "BODY.WEIGHT_KG": 51.0,
    "MED.COUNT": 7,
}
MODERATE = {
    "opening_lives_alone": False, "opening_consent_visit": True,
    "opening_what_matters": "Fortsette å gå turer med mannen min.",
    "STEADI.FALLEN": False, "STEADI.UNSTEADY": True, "STEADI.WORRIES": False,
    "TUG.SECONDS": 12.8, "CST30.COUNT": 10, "CST30.ARMS_USED": False, "BAL4.TANDEM_SECONDS": 10.0,
    "MST.WEIGHT_LOSS": 0, "MST.APPETITE": 0, "BODY.HEIGHT_CM": 158.0, "BODY.WEIGHT_KG": 63.5, "MED.COUNT": 4,
}
LOW = {
    "opening_lives_alone": True, "opening_consent_visit": True,
    "opening_what_matters": "At huset fungerer også om noen år.",
    "STEADI.FALLEN": False, "STEADI.UNSTEADY": False, "STEADI.WORRIES": False,
    "TUG.SECONDS": 8.9, "CST30.COUNT": 14, "CST30.ARMS_USED": False, "BAL4.TANDEM_SECONDS": 10.0,
    "MST.WEIGHT_LOSS": 0, "MST.APPETITE": 0, "MED.COUNT": 2,
}
ANSWER_SETS = {"high": HIGH, "moderate": MODERATE, "low": LOW, "none": {}}
ROOM_SETS: dict[str, list[dict[str, Any]]] = {"high": [], "moderate": [], "low": [], "none": []}


def _known(answers: dict[str, Any], registry: Any) -> dict[str, Any]:
    """Keep only keys the current forms know (demo data survives form changes)."""
    return {k: v for k, v in answers.items() if registry.resolve(k) is not None}


def demo_documents(registry: Any, today: date | None = None) -> list[dict[str, Any]]:
    """The demo visits as exchange documents (deterministic ids: running twice updates)."""
    today = today or date.today()
    team = [{**m, "id": str(uuid.uuid5(DEMO_NS, m["name"]))} for m in TEAM]
    docs = []
    for i, (given, family, born, female, address, postal, place, status, offset, answer_set) in enumerate(PEOPLE):
        nid = make_synthetic(born, 100 + i * 7, female=female)
        visit_date = today + timedelta(days=offset) if offset is not None else None
        members = [dict(m, contact=(j == i % 2)) for j, m in enumerate(team[:3])]
        rooms = [dict(r, answers=_known(r.get("answers", {}), registry)) for r in ROOM_SETS[answer_set]]
        docs.append({
            "format": FORMAT, "version": VERSION,
            "client": {"national_id": nid.value, "given_name": given, "family_name": family,
                       "phone": f"40 00 00 {10 + i:02d}", "lives_alone": ANSWER_SETS[answer_set].get("opening_lives_alone")},
            "dwelling": {"address": address, "postal_code": postal, "postal_place": place,
                         "municipality_number": "4631", "dwelling_type": "enebolig" if i % 2 == 0 else "leilighet",
                         "floors": 2 if i % 2 == 0 else 1, "entrance_floor": 1, "has_lift": False,
                         "tenure": "eier", "year_built": 1968 + i * 5},
            "visit": {"id": str(uuid.uuid5(DEMO_NS, nid.value)), "status": status,
                      "visit_date": visit_date.isoformat() if visit_date else None,
                      "referral_date": (today - timedelta(days=40 - i * 3)).isoformat(),
                      "referral_source": ["home_care", "gp", "relative", "self", "hospital"][i],
                      "referral_reason": "Fall i hjemmet og bekymring fra pårørende" if answer_set == "high"
                      else "Forebyggende hjemmebesøk, 80-årsgruppen",
                      "priority": 1 if answer_set == "high" else 2, "team": members},
            "answers": _known(ANSWER_SETS[answer_set], registry),
            "rooms": rooms,
        })
    return docs


def create_demo(ctx: AppContext) -> list[str]:
    """Create (or refresh) the demo data; returns the visit ids."""
    from boligvurdering.services.exchange import ExchangeService

    exchange = ExchangeService(ctx)
    return [exchange.import_document(doc, source="demo").visit_id for doc in demo_documents(ctx.registry)]
