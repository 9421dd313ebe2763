"""Housing: TEK17/NS 11001-2 checks per room, the housing domain and the housing-ladder step."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from boligvurdering.domain.assessment import RoomAnswers
from boligvurdering.domain.formatting import format_number
from boligvurdering.domain.ramp import STEEP_MAX_STRETCH_M, ramp_geometry
from boligvurdering.formsengine.conditions import evaluate
from boligvurdering.i18n import N_, tr
from boligvurdering.scoring.context import Visit
from boligvurdering.scoring.result import CheckResult, DomainResult

ROOM_HAZARDS = (
    ("housing_loose_rugs", N_("Løse tepper")), ("housing_cables", N_("Ledninger i gangarealet")),
    ("housing_slippery_floor", N_("Glatt gulv")), ("housing_clutter", N_("Rot eller møbler i gangveien")),
    ("housing_no_grab_bars", N_("Mangler støttehåndtak")), ("housing_poor_night_lighting", N_("Mangler nattlys")),
    ("housing_stairs_clutter", N_("Ting i trappen")), ("housing_entrance_slippery", N_("Glatt eller ujevn adkomst")),
)


def _num(value: Any) -> str:
    return format_number(value, 2)


def _compare(check: dict[str, Any], room: RoomAnswers) -> tuple[float | None, str, str]:
    value, limit, unit = room.answers.get(check["question"]), check["limit"], check["unit"]
    if value is None:
        return None, "not_measured", tr("Ikke målt")
    ok = value >= limit if check["kind"] == "min" else value <= limit
    sign = "≥" if check["kind"] == "min" else "≤"
    text = tr("Målt {v} {u}, krav {sign} {lim} {u}", v=_num(value), u=unit, sign=sign, lim=_num(limit))
    return value, "pass" if ok else "fail", text


def _ramp(check: dict[str, Any], room: RoomAnswers) -> tuple[float | None, str, str]:
    """Room for a ramp at the check's gradient, landings included (``domain.ramp``)."""
    rise, length = room.answers.get(check["rise_question"]), room.answers.get(check["length_question"])
    if rise is None or length is None:
        return length, "not_measured", tr("Høydeforskjell eller tilgjengelig lengde er ikke målt")
    if rise <= 0:
        return length, "not_measured", tr("Høydeforskjellen er 0 cm: mål høyden fra dørterskel til bakken")
    g = ramp_geometry(rise, length)
    gradient = check["gradient"]
    needed = g.needed_m(gradient)
    text = tr("Høydeforskjell {r} cm krever {n} m ved 1:{g} (rampe {run} m, hvilerepos {rest} m og repos "
              "foran døra {door} m); tilgjengelig {a} m", r=_num(rise), n=_num(needed), g=gradient,
              run=_num(g.run_1_15_m if gradient == 15 else g.run_1_12_m), rest=_num(g.rest_landing_m),
              door=_num(g.door_landing_m), a=_num(length))
    if gradient == 12 and not g.steep_allowed:
        return length, "fail", text + tr(" (1:{g} er bare tillatt når rampen er kortere enn {m} m)",
                                         g=gradient, m=_num(STEEP_MAX_STRETCH_M))
    return length, "pass" if length >= needed else "fail", text


def _all_yes(check: dict[str, Any], room: RoomAnswers) -> tuple[float | None, str, str]:
    values = [room.answers.get(q) for q in check["questions"]]
    if False in values:
        return None, "fail", tr("Mangler: {req}", req=check["requirement"])
    if None in values:
        return None, "not_measured", tr("Ikke registrert")
    return None, "pass", tr("I orden: {req}", req=check["requirement"])


def _one_of(check: dict[str, Any], room: RoomAnswers) -> tuple[float | None, str, str]:
    value = room.answers.get(check["question"])
    if value is None:
        return None, "not_measured", tr("Ikke registrert")
    if value in check["allowed"]:
        return None, "pass", tr("I orden: {req}", req=check["requirement"])
    return None, "fail", tr("Ikke i orden: {req}", req=check["requirement"])


_KINDS = {"min": _compare, "max": _compare, "ramp": _ramp, "all_yes": _all_yes, "one_of": _one_of}


def run_checks(visit: Visit, checks: list[dict[str, Any]]) -> list[CheckResult]:
    """One result per check and applicable room, in room order."""
    results = []
    for room in visit.data.rooms:
        for check in checks:
            if room.type not in check["room_types"]:
                continue
            if not evaluate(check.get("applies_if"), room.answers):
                continue
            measured, result, text = _KINDS[check["kind"]](check, room)
            results.append(CheckResult(check["id"], check["title"], room.id, room.name, measured,
                                       check.get("unit", ""), check["requirement"], result,
                                       f"{text} ({check['source']})" if check.get("source") else text))
    return results


def barriers(answer: Callable[[str], Any], rooms: Sequence[RoomAnswers],
             checks: Iterable[tuple[str, str, str | None]]) -> list[str]:
    """Major barriers that make a home unsuitable (housing ladder step 2).

    The one rule for the step, used for the current step and for the step expected after the
    accepted measures (``measures.propose.expected_effect``).

    Args:
        answer: visit-level answer by question id.
        rooms: the rooms with their answers.
        checks: (check id, result, room id) of every check result.
    """
    checks = list(checks)
    out = []
    lift = answer("housing_lift") is True or answer("housing_stair_lift") is True
    if answer("housing_main_functions_entrance_floor") is False and not lift:
        out.append(tr("Ikke alle hovedfunksjoner på inngangsplanet, og ingen heis"))
    if answer("housing_step_free_access") is False:
        out.append(tr("Ikke trinnfri adkomst til inngangsdøra"))
    failed = {cid for cid, result, _room in checks if result == "fail"}
    if "door_width_entrance" in failed:
        out.append(tr("Inngangsdøra er for smal (under 86 cm)"))
    if {"ramp_gradient_1_15", "ramp_gradient_1_12"} <= failed:
        out.append(tr("Ikke plass til rampe med stigning 1:12 ved inngangen"))
    if any(r.type == "bathroom" and r.answers.get("housing_bath_shower") == "bath_only" for r in rooms):
        out.append(tr("Bare badekar, ingen dusj"))
    bathrooms = {r.id for r in rooms if r.type == "bathroom"}
    if any(cid == "turning_space" and result == "fail" and room in bathrooms for cid, result, room in checks):
        out.append(tr("Ikke snuareal på badet"))
    return out


def _barriers(visit: Visit, checks: list[CheckResult]) -> list[str]:
    return barriers(visit.answer, visit.data.rooms, [(c.id, c.result, c.room_id) for c in checks])


def _hazards(visit: Visit) -> list[str]:
    found: dict[str, list[str]] = {}
    for room in visit.data.rooms:
        for qid, label in ROOM_HAZARDS:
            if room.answers.get(qid) is True:
                found.setdefault(tr(label), []).append(room.name)
    return [f"{label}: {', '.join(rooms)}" for label, rooms in found.items()]


def housing_domain(visit: Visit, checks: list[CheckResult], assessed: bool) -> tuple[DomainResult, int | None, list[str]]:
    """Domain level, housing-ladder step (1/2, None if not assessed) and the step reasons.

    High: two or more major barriers, or six or more failed checks and hazards together.
    Moderate: any barrier, failed check or hazard. Step 2 when any major barrier exists.
    """
    if not assessed:
        return DomainResult(), None, []
    barriers = _barriers(visit, checks)
    fails = [f"{c.title}{' (' + c.room_name + ')' if c.room_name else ''}: {c.explanation}"
             for c in checks if c.result == "fail"]
    hazards = _hazards(visit)
    if visit.answer("housing_bedroom_upper_floor") is True:
        hazards.append(tr("Soverommet ligger i en annen etasje enn inngangen"))
    reasons = barriers + fails + hazards
    step = 2 if barriers else 1
    step_reasons = barriers or [tr("Ingen store hindringer funnet: boligen kan egne seg med tiltak")]
    if len(barriers) >= 2 or len(fails) + len(hazards) >= 6:
        return DomainResult("high", reasons), step, step_reasons
    if reasons:
        return DomainResult("moderate", reasons), step, step_reasons
    return DomainResult("low", [tr("Ingen avvik eller farer registrert")]), step, step_reasons
