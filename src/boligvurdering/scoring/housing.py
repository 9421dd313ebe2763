"""Housing: TEK17/NS 11001-2 checks per room, the housing domain and the housing-ladder step."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from boligvurdering.domain.assessment import RoomAnswers
from boligvurdering.domain.ramp import STEEP_MAX_STRETCH_M, ramp_geometry
from boligvurdering.domain.reasons import Reason
from boligvurdering.formsengine.conditions import evaluate
from boligvurdering.scoring.context import Visit
from boligvurdering.scoring.result import CheckResult, DomainResult

ROOM_HAZARDS = ("housing_loose_rugs", "housing_cables", "housing_slippery_floor", "housing_clutter",
                "housing_no_grab_bars", "housing_poor_night_lighting", "housing_stairs_clutter",
                "housing_entrance_slippery")
"""Room questions whose «yes» is a hazard (reason code ``housing.hazard.<question id>``)."""
Outcome = tuple[Any, str, str, dict[str, Any]]  # measured, result, reason code, its parameters


def _compare(check: dict[str, Any], room: RoomAnswers) -> Outcome:
    value, limit, unit = room.answers.get(check["question"]), check["limit"], check["unit"]
    if value is None:
        return None, "not_measured", "check.not_measured", {}
    ok = value >= limit if check["kind"] == "min" else value <= limit
    sign = "≥" if check["kind"] == "min" else "≤"
    return value, "pass" if ok else "fail", "check.measured", {"v": value, "u": unit, "sign": sign, "lim": limit}


def _ramp(check: dict[str, Any], room: RoomAnswers) -> Outcome:
    """Room for a ramp at the check's gradient, landings included (``domain.ramp``)."""
    rise, length = room.answers.get(check["rise_question"]), room.answers.get(check["length_question"])
    if rise is None or length is None:
        return length, "not_measured", "check.ramp_unmeasured", {}
    if rise <= 0:
        return length, "not_measured", "check.ramp_zero", {}
    g = ramp_geometry(rise, length)
    gradient = check["gradient"]
    needed = g.needed_m(gradient)
    params = {"r": rise, "n": needed, "g": gradient, "run": g.run_1_15_m if gradient == 15 else g.run_1_12_m,
              "rest": g.rest_landing_m, "door": g.door_landing_m, "a": length}
    if gradient == 12 and not g.steep_allowed:
        return length, "fail", "check.ramp_steep", {**params, "m": STEEP_MAX_STRETCH_M}
    return length, "pass" if length >= needed else "fail", "check.ramp", params


def _all_yes(check: dict[str, Any], room: RoomAnswers) -> Outcome:
    values = [room.answers.get(q) for q in check["questions"]]
    if False in values:
        return None, "fail", "check.missing", {}
    if None in values:
        return None, "not_measured", "check.not_registered", {}
    return None, "pass", "check.ok", {}


def _one_of(check: dict[str, Any], room: RoomAnswers) -> Outcome:
    value = room.answers.get(check["question"])
    if value is None:
        return None, "not_measured", "check.not_registered", {}
    if value in check["allowed"]:
        return None, "pass", "check.ok", {}
    return None, "fail", "check.not_ok", {}


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
            measured, result, code, params = _KINDS[check["kind"]](check, room)
            results.append(CheckResult(check["id"], room.id, room.name, measured, check.get("unit", ""), result,
                                       Reason(code, {**params, "check": check["id"]})))
    return results


def barriers(answer: Callable[[str], Any], rooms: Sequence[RoomAnswers],
             checks: Iterable[tuple[str, str, str | None]]) -> list[Reason]:
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
        out.append(Reason("housing.barrier.main_floor"))
    if answer("housing_step_free_access") is False:
        out.append(Reason("housing.barrier.step_free"))
    failed = {cid for cid, result, _room in checks if result == "fail"}
    if "door_width_entrance" in failed:
        out.append(Reason("housing.barrier.door"))
    if {"ramp_gradient_1_15", "ramp_gradient_1_12"} <= failed:
        out.append(Reason("housing.barrier.ramp"))
    if any(r.type == "bathroom" and r.answers.get("housing_bath_shower") == "bath_only" for r in rooms):
        out.append(Reason("housing.barrier.bath_only"))
    bathrooms = {r.id for r in rooms if r.type == "bathroom"}
    if any(cid == "turning_space" and result == "fail" and room in bathrooms for cid, result, room in checks):
        out.append(Reason("housing.barrier.turning"))
    return out


def _barriers(visit: Visit, checks: list[CheckResult]) -> list[Reason]:
    return barriers(visit.answer, visit.data.rooms, [(c.id, c.result, c.room_id) for c in checks])


def _hazards(visit: Visit) -> list[Reason]:
    found: dict[str, list[str]] = {}
    for room in visit.data.rooms:
        for qid in ROOM_HAZARDS:
            if room.answers.get(qid) is True:
                found.setdefault(qid, []).append(room.name)
    return [Reason(f"housing.hazard.{qid}", {"x": rooms}) for qid, rooms in found.items()]


def housing_domain(visit: Visit, checks: list[CheckResult],
                   assessed: bool) -> tuple[DomainResult, int | None, list[Reason]]:
    """Domain level, housing-ladder step (1/2, None if not assessed) and the step reasons.

    High: two or more major barriers, or six or more failed checks and hazards together.
    Moderate: any barrier, failed check or hazard. Step 2 when any major barrier exists.
    """
    if not assessed:
        return DomainResult(), None, []
    barriers = _barriers(visit, checks)
    fails = [Reason("housing.check_fail", {"check": c.id, "room": c.room_name, "x": c.reason})
             for c in checks if c.result == "fail"]
    hazards = _hazards(visit)
    if visit.answer("housing_bedroom_upper_floor") is True:
        hazards.append(Reason("housing.bedroom_upper"))
    reasons = barriers + fails + hazards
    step = 2 if barriers else 1
    step_reasons = barriers or [Reason("housing.no_barriers")]
    if len(barriers) >= 2 or len(fails) + len(hazards) >= 6:
        return DomainResult("high", reasons), step, step_reasons
    if reasons:
        return DomainResult("moderate", reasons), step, step_reasons
    return DomainResult("low", [Reason("housing.none")]), step, step_reasons
