"""Propose measures from a scoring result, and estimate the effect of accepted measures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from boligvurdering.domain.assessment import AssessmentData, RoomAnswers
from boligvurdering.domain.enums import RISK_DOMAINS
from boligvurdering.formsengine.conditions import evaluate, references
from boligvurdering.measures.costs import CostEstimate, estimate_for_measure
from boligvurdering.measures.facts import Score, make_lookup, render_reason, score_facts
from boligvurdering.measures.model import Catalogue, Measure, Trigger

_LEVELS = ("low", "moderate", "high")


@dataclass(frozen=True)
class Proposal:
    """A proposed measure (anbefaling) with why it was proposed.

    Attributes:
        measure_id / title / domain / responsible / kind: from the catalogue.
        reason: the first matching trigger's reason, filled in.
        reasons: every matching trigger's reason (first one included).
        cost: the catalogue estimate (kommune price list applied when given).
        room_id: the room the finding came from, if any.
    """

    measure_id: str
    title: str
    domain: str
    reason: str
    responsible: str
    cost: CostEstimate
    kind: str
    room_id: str | None = None
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form."""
        return asdict(self)


def _room_scoped(trigger: Trigger) -> tuple[set[str], set[str]]:
    """Room types and check ids a trigger reads."""
    types, checks = set(), set()
    for ref in references(trigger.when):
        parts = ref.split(".")
        if parts[0] == "room" and len(parts) == 3:
            types.add(parts[1])
        elif parts[0] == "check" and len(parts) == 3:
            checks.add(parts[1])
    return types, checks


def _candidate_rooms(trigger: Trigger, score: Score,
                     data: AssessmentData) -> list[RoomAnswers] | None:
    """Rooms to test one by one, or ``None`` if the trigger is not about rooms."""
    types, checks = _room_scoped(trigger)
    if not types and not checks:
        return None
    check_rooms = {c.room_id for c in score_facts(score).checks() if c.id in checks}
    return [r for r in data.rooms if r.type in types or "any" in types or r.id in check_rooms]


def _matches(measure: Measure, score: Score,
             data: AssessmentData) -> dict[str | None, list[str]]:
    """Reasons per room id (``None`` = the whole visit) for every trigger that holds."""
    found: dict[str | None, list[str]] = {}
    whole = make_lookup(score, data)
    for trigger in measure.triggers:
        rooms = _candidate_rooms(trigger, score, data)
        hit_room = False
        for room in rooms or ():
            lookup = make_lookup(score, data, room)
            if evaluate(trigger.when, lookup):
                found.setdefault(room.id, []).append(render_reason(trigger.reason, lookup, room))
                hit_room = True
        if not hit_room and evaluate(trigger.when, whole):
            found.setdefault(None, []).append(render_reason(trigger.reason, whole))
    if None in found and len(found) > 1:
        # A room-level proposal already covers it; keep the visit-level reasons on the first room.
        extra = found.pop(None)
        first = next(iter(found))
        found[first] += [r for r in extra if r not in found[first]]
    return found


def propose(score: Score, data: AssessmentData, catalogue: Catalogue,
            price_list: Mapping[str, Mapping[str, float]] | None = None) -> list[Proposal]:
    """Every measure whose triggers hold, in catalogue order (one per room for room findings).

    Args:
        score: scoring's result, or a saved snapshot (see docs/MEASURES.md for the keys read).
        data: the visit's answers.
        catalogue: the measure catalogue.
        price_list: the kommune's local prices (optional).
    """
    out: list[Proposal] = []
    for measure in catalogue.measures:
        for room_id, reasons in _matches(measure, score, data).items():
            unique = tuple(dict.fromkeys(reasons))
            out.append(Proposal(measure.id, measure.title, measure.domain, unique[0],
                                measure.responsible, estimate_for_measure(measure, None, price_list),
                                measure.kind, room_id, unique))
    return out


def _lower(level: str, steps: int) -> str:
    if level not in _LEVELS or steps <= 0:
        return level
    return _LEVELS[max(0, _LEVELS.index(level) - steps)]


def _steps(measures: list[Measure]) -> int:
    """One level down per major measure or pair of minor measures, at most two levels."""
    major = sum(1 for m in measures if m.effect == "major")
    minor = sum(1 for m in measures if m.effect == "minor")
    return min(2, major + minor // 2)


def expected_step(score: Score, data: AssessmentData | None, accepted: list[Measure]) -> int | None:
    """The housing step once the accepted measures are done, from the same rule as the current step.

    Answers the measures change (``resolves_answers``) are replaced, the checks they fix
    (``resolves_checks``) pass, and ``scoring.housing.barriers`` decides. Without the answers
    the step is not predicted to change.
    """
    from boligvurdering.scoring.housing import barriers

    facts = score_facts(score)
    step = facts.housing_step
    if step is None or data is None:
        return step
    fixes: dict[str, Any] = {}
    for m in accepted:
        fixes.update(m.resolves_answers)
    answers = {**data.answers, **{k: v for k, v in fixes.items() if k in data.answers}}
    rooms = [RoomAnswers(r.id, r.type, r.name, {**r.answers, **{k: v for k, v in fixes.items() if k in r.answers}})
             for r in data.rooms]
    fixed = {c for m in accepted for c in m.resolves_checks}
    checks = [(c.id, "pass" if c.id in fixed else c.result, c.room_id) for c in facts.checks()]
    return 2 if barriers(answers.get, rooms, checks) else 1


def expected_effect(score: Score, accepted_measure_ids: Iterable[str],
                    catalogue: Catalogue | None = None, data: AssessmentData | None = None) -> dict[str, Any]:
    """Domain levels and housing step expected after the accepted measures.

    A domain drops one level per measure with a major effect (or two with a minor effect),
    at most two levels and never below low. The housing step is recomputed by
    ``expected_step`` from the visit's answers.

    Args:
        score: scoring's result, or a saved snapshot.
        accepted_measure_ids: ids of measures the team accepted.
        catalogue: the catalogue (the shipped one is loaded when omitted).
        data: the visit's answers (needed to predict the housing step).
    """
    if catalogue is None:
        from boligvurdering.measures.catalogue import load_catalogue

        catalogue = load_catalogue()
    ids = list(dict.fromkeys(accepted_measure_ids))
    accepted = [m for m in (catalogue.get(i) for i in ids) if m]
    facts = score_facts(score)
    domains = {}
    for name in RISK_DOMAINS:
        before = facts.domain_level(name) or "not_assessed"
        after = _lower(before, _steps([m for m in accepted if m.domain == name]))
        domains[name] = {"before": before, "after": after}
    failing = sorted({c.id for c in facts.checks() if c.result == "fail"})
    resolved_ids = {c for m in accepted for c in m.resolves_checks}
    return {
        "domains": domains,
        "housing_step": {"before": facts.housing_step, "after": expected_step(score, data, accepted)},
        "resolved_checks": [c for c in failing if c in resolved_ids],
        "unresolved_checks": [c for c in failing if c not in resolved_ids],
        "accepted": [m.id for m in accepted],
        "unknown": [i for i in ids if catalogue.get(i) is None],
    }
