"""Demo data: realistic, clearly fictitious clients and visits in various states.

National IDs are synthetic (month + 80), so they can never belong to a real person.
The visits go through the same import path as exchange files.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.errors import ValidationFailed
from boligvurdering.domain.national_id import make_synthetic
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.services.exchange_parse import FORMAT, VERSION
from boligvurdering.services.language import LanguageService
from boligvurdering.services.measures import MeasureService

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

FIRE_POOR = {
    "fire_alarm_every_floor": False, "fire_alarm_kitchen": True, "fire_alarm_living_room": True,
    "fire_alarm_outside_bedrooms": False, "fire_alarm_audible": False, "fire_alarm_last_tested": "longer",
    "fire_alarm_age": "over_10", "fire_alarm_interconnected": False, "fire_alarm_to_safety_alarm": False,
    "fire_extinguisher_type": "none", "fire_extinguisher_meets_minimum": False, "fire_stove_guard": False,
    "fire_leaves_stove": True, "fire_smokes": False, "fire_candles": "unattended", "fire_heaters_overloaded": True,
    "fire_oxygen": False, "fire_reduced_cognition": False, "fire_hears_alarm": True, "fire_can_escape_unaided": False,
    "fire_escape_routes_clear": False,
    "fire_access_key_box": True, "fire_access_key_box_where": "På veggen til venstre for inngangsdøra",
    "fire_access_relative_name": "Kari Demosen (datter)", "fire_access_relative_phone": "40 00 00 99",
    "fire_access_best_time": "Hverdager før klokka 12",
}
FIRE_GOOD = {
    "fire_alarm_every_floor": True, "fire_alarm_kitchen": True, "fire_alarm_living_room": True,
    "fire_alarm_outside_bedrooms": True, "fire_alarm_audible": True, "fire_alarm_last_tested": "last_month",
    "fire_alarm_age": "under_10", "fire_alarm_interconnected": True, "fire_extinguisher_type": "powder",
    "fire_extinguisher_meets_minimum": True, "fire_extinguisher_can_use": True, "fire_stove_guard": True,
    "fire_smokes": False, "fire_candles": "supervised", "fire_heaters_overloaded": False, "fire_reduced_cognition": False,
    "fire_hears_alarm": True, "fire_can_escape_unaided": True, "fire_escape_routes_clear": True,
}
HIGH = {
    "opening_lives_alone": True, "opening_consent_visit": True, "opening_consent_relatives": True,
    "opening_what_matters": "Å klare meg selv hjemme og komme meg ut i hagen.",
    "opening_safety_alarm": False,
    "STEADI.FALLEN": True, "STEADI.UNSTEADY": True, "STEADI.WORRIES": True, "FALLS.COUNT": 2,
    "SI.1": True, "SI.2": True, "SI.3": True, "SI.4": True, "SI.5": True, "SI.6": True,
    "SI.7": False, "SI.8": True, "SI.9": False, "SI.10": False, "SI.11": True, "SI.12": False,
    "TUG.SECONDS": 16.4, "CST30.COUNT": 6, "CST30.ARMS_USED": False, "BAL4.TANDEM_SECONDS": 4.0,
    "falls_walking_aids": ["rollator_inside", "rollator_outside"], "falls_mobility_aid": "rollator",
    "MST.WEIGHT_LOSS": "yes_6_10", "MST.APPETITE": "yes", "BODY.HEIGHT_CM": 162.0, "BODY.WEIGHT_KG": 51.0,
    "BODY.WEIGHT_3_6M_KG": 57.0, "NUTR.INTAKE": "50_75", "nutrition_eats_alone": True,
    "nutrition_shopping_cooking": "with_help", "nutrition_meals_per_day": 2, "NUTR.HOME_NURSING": False,
    "MED.COUNT": 7, **FIRE_POOR,
    "housing_floors": 2, "HOUSING.MAIN_FUNCTIONS_ENTRANCE_FLOOR": False, "HOUSING.BEDROOM_UPPER_FLOOR": True,
    "housing_lift": False, "HOUSING.STAIR_LIFT": False, "HOUSING.STEP_FREE_ACCESS": False,
    "other_lonely": "often", "other_low_mood": True, "other_memory_concern": False,
    "other_housing_plans": "stay_adapt",
}
MODERATE = {
    "opening_lives_alone": False, "opening_consent_visit": True,
    "opening_what_matters": "Fortsette å gå turer med mannen min.",
    "STEADI.FALLEN": False, "STEADI.UNSTEADY": True, "STEADI.WORRIES": False,
    "TUG.SECONDS": 12.8, "CST30.COUNT": 10, "CST30.ARMS_USED": False, "BAL4.TANDEM_SECONDS": 10.0,
    "MST.WEIGHT_LOSS": "no", "MST.APPETITE": "no", "BODY.HEIGHT_CM": 158.0, "BODY.WEIGHT_KG": 63.5,
    "MED.COUNT": 4, **FIRE_GOOD, "fire_stove_guard": False,
    "housing_floors": 1, "HOUSING.MAIN_FUNCTIONS_ENTRANCE_FLOOR": True, "HOUSING.STEP_FREE_ACCESS": False,
}
LOW = {
    "opening_lives_alone": True, "opening_consent_visit": True,
    "opening_what_matters": "At huset fungerer også om noen år.",
    "STEADI.FALLEN": False, "STEADI.UNSTEADY": False, "STEADI.WORRIES": False,
    "TUG.SECONDS": 8.9, "CST30.COUNT": 14, "CST30.ARMS_USED": False, "BAL4.TANDEM_SECONDS": 10.0,
    "MST.WEIGHT_LOSS": "no", "MST.APPETITE": "no", "MED.COUNT": 2, **FIRE_GOOD,
    "housing_floors": 1, "HOUSING.MAIN_FUNCTIONS_ENTRANCE_FLOOR": True, "HOUSING.STEP_FREE_ACCESS": True,
}
CONDITIONS = {True: "Hjerneslag i 2023 med nedsatt kraft i venstre side og svekket balanse",
              False: "Artrose i begge knær; går kortere strekninger med stokk"}
ANSWER_SETS = {"high": HIGH, "moderate": MODERATE, "low": LOW, "none": {}}

ENTRANCE_STEPS: dict[str, Any] = {"type": "entrance", "name": "Inngangsparti", "answers": {
    "housing_entrance_door_width_cm": 82.0, "housing_entrance_threshold_mm": 40.0,
    "housing_entrance_rise_cm": 45.0, "housing_entrance_available_length_m": 9.0, "housing_entrance_steps": 3,
    "housing_entrance_handrail_both_sides": False, "housing_entrance_lighting_ok": False,
    "housing_entrance_slippery": True, "housing_entrance_door_swing": "outward", "housing_entrance_door_landing": False,
    "housing_entrance_path_width_m": 1.5, "housing_entrance_path_slope": "gentle",
    "housing_entrance_path_surface": "loose"}}
BATH_OLD = {"type": "bathroom", "name": "Bad 1. etasje", "answers": {
    "housing_door_width_cm": 70.0, "housing_threshold_mm": 30.0, "housing_turning_space_cm": 120.0,
    "housing_bath_shower": "bath_only", "housing_toilet_height_cm": 40.0, "housing_wc_free_side_cm": 60.0,
    "housing_bath_nonslip": False, "housing_bath_walls_reinforced": "unknown", "housing_no_grab_bars": True,
    "housing_loose_rugs": True, "housing_lighting_ok": True}}
STAIRS_ONE = {"type": "stairs", "name": "Trapp til 2. etasje", "answers": {
    "housing_stairs_handrail_left": True, "housing_stairs_handrail_right": False, "housing_stairs_steps": 14,
    "housing_stairs_switch_both_ends": False, "housing_stairs_edges_marked": False, "housing_stairs_clutter": True}}
BEDROOM_UP = {"type": "bedroom", "name": "Soverom 2. etasje", "answers": {
    "housing_door_width_cm": 78.0, "housing_threshold_mm": 15.0, "housing_bed_height_cm": 44.0,
    "housing_bedside_lamp": True, "housing_bed_support": False, "housing_poor_night_lighting": True,
    "housing_loose_rugs": True, "housing_cables": True}}
LIVING = {"type": "living_room", "name": "Stue", "answers": {
    "housing_door_width_cm": 80.0, "housing_threshold_mm": 20.0, "housing_turning_space_cm": 160.0,
    "housing_chair_height_cm": 42.0, "housing_chair_armrests": False, "housing_loose_rugs": True,
    "housing_cables": True, "housing_clutter": False, "housing_lighting_ok": True}}
KITCHEN = {"type": "kitchen", "name": "Kjøkken", "answers": {
    "housing_door_width_cm": 80.0, "housing_threshold_mm": 0.0, "housing_turning_space_cm": 140.0,
    "housing_kitchen_reach": False, "housing_kitchen_climbs": "chair_or_unstable", "housing_lighting_ok": True}}
BATH_GOOD = {"type": "bathroom", "name": "Bad", "answers": {
    "housing_door_width_cm": 86.0, "housing_threshold_mm": 0.0, "housing_turning_space_cm": 150.0,
    "housing_bath_shower": "step_free_shower", "housing_toilet_height_cm": 46.0, "housing_wc_free_side_cm": 90.0,
    "housing_bath_nonslip": True, "housing_no_grab_bars": False}}
ENTRANCE_GOOD = {"type": "entrance", "name": "Inngang", "answers": {
    "housing_entrance_door_width_cm": 90.0, "housing_entrance_threshold_mm": 20.0, "housing_entrance_rise_cm": 0.0,
    "housing_entrance_steps": 0, "housing_entrance_lighting_ok": True, "housing_entrance_slippery": False}}
ROOM_SETS: dict[str, list[dict[str, Any]]] = {
    "high": [ENTRANCE_STEPS, STAIRS_ONE, LIVING, KITCHEN, BATH_OLD, BEDROOM_UP],
    "moderate": [dict(ENTRANCE_STEPS, answers={**ENTRANCE_STEPS["answers"], "housing_entrance_rise_cm": 30.0,
                                               "housing_entrance_available_length_m": 5.0}), LIVING, BATH_GOOD],
    "low": [ENTRANCE_GOOD, BATH_GOOD, KITCHEN],
    "none": [],
}


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
    exchange = ExchangeService(ctx)
    ids = []
    for doc in demo_documents(ctx.registry):
        outcome = exchange.import_document(doc, source="demo")
        if outcome.visit_id is None:
            raise ValidationFailed(list(outcome.problems))
        visit_id = outcome.visit_id
        if doc["answers"]:
            ctx.assessment.save_snapshot(visit_id)
            if doc["visit"]["status"] != "planlagt":
                _demo_plan(ctx, visit_id)
        ids.append(visit_id)
    _demo_languages(ctx, ids)
    return ids


def _demo_languages(ctx: AppContext, visit_ids: list[str]) -> None:
    """The demo kommune is Alver, which writes nynorsk; the second client prefers bokmål."""
    languages = LanguageService(ctx)
    languages.set_kommune_malform("nn")
    if len(visit_ids) > 1:
        languages.set_client_malform(ctx.visits.get(visit_ids[1]).client_id, "nb")


def _demo_plan(ctx: AppContext, visit_id: str) -> None:
    """Proposals from the assessment; the team accepts one of each kind, with a household budget."""
    measures = MeasureService(ctx)
    if measures.list(visit_id):
        return
    seen: set[str] = set()
    for record in ctx.plan.generate_proposals(visit_id):
        if record.catalogue_id == "outdoor_ramp":  # the ramp visit: every document kind can be made from demo data
            fields = {k: getattr(record, k) for k in ("title", "domain", "kind", "catalogue_id", "reason",
                                                       "responsible_role", "details")}
            measures.save(visit_id, {**fields, "status": "accepted", "quote_amount": 58000.0,
                                     "quote_supplier": "Demo Bygg AS", "quote_date": date.today().isoformat(),
                                     "room_id": record.room_id}, record.id)
        elif record.catalogue_id is not None and record.catalogue_id not in seen and len(seen) < 8:
            seen.add(record.catalogue_id)
            measures.set_status(record.id, "accepted")
    _demo_household(ctx, visit_id)


def _demo_household(ctx: AppContext, visit_id: str) -> None:
    """Household (consistent with «bor alene»), diagnosis, consent given orally and a written fullmakt."""
    visit = ctx.visits.get(visit_id)
    alone = ctx.clients.get(visit.client_id).lives_alone is not False
    household: dict[str, Any] = {"members": 1 if alone else 2, "gross_income_year": 310000, "net_income_month": 21000,
                                 "living_costs_month": 9500, "housing_costs_month": 4200, "savings": 40000,
                                 "civil_status": "enke_enkemann" if alone else "gift", "debt": 0,
                                 "lasting_reduced_function": True}
    if not alone:
        household["co_residents"] = [{"name": "Einar Testli (demo)", "relation": "ektefelle", "income_year": 265000}]
    ctx.plan.save_household(visit_id, household)
    ctx.visits.update(visit_id, {"condition": CONDITIONS[visit.priority == 1]})
    actor, ctx.actor = ctx.actor, ctx.actor or TEAM[0]["name"]  # recorded by the demo ergoterapeut, not «ukjent»
    try:
        for recipient in ("fastlege", "brannvesen", "nav", "kommune", "parorende", "skattedata"):
            ctx.consent.record(visit_id, recipient, given=True, given_on=visit.visit_date or date.today(),
                               form="muntlig")
        ctx.consent.record(visit_id, "fullmakt", given=True, given_on=visit.visit_date or date.today(), form="skriftlig")
    finally:
        ctx.actor = actor
