"""Entry point: score one visit into instruments, domains, checks, rules and follow-ups."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from boligvurdering.domain.assessment import AssessmentData
from boligvurdering.domain.reason_texts import register_content
from boligvurdering.domain.reasons import Reason
from boligvurdering.formsengine.conditions import evaluate
from boligvurdering.formsengine.model import FormRegistry
from boligvurdering.scoring.content import load_scoring_content
from boligvurdering.scoring.context import Visit
from boligvurdering.scoring.domains import falls_domain, nutrition_domain
from boligvurdering.scoring.facts import make_lookup
from boligvurdering.scoring.falls import score_falls_instruments
from boligvurdering.scoring.fire import fire_domain, score_fire7, score_fire_advice
from boligvurdering.scoring.housing import housing_domain, run_checks
from boligvurdering.scoring.nutrition import score_nutrition
from boligvurdering.scoring.result import DomainResult, FiredRule, FollowUp, ScoreResult, level_rank

SCORING_VERSION = "1.1.0"  # 1.1.0: ramp landings (domain/ramp.py), FIRE-7 = § 7 only + FIRE-ADVICE


def _forms_folder(registry: FormRegistry) -> Path | None:
    source = next((f.source for f in registry.forms if f.source), "")
    return Path(source).parent.parent if source else None


def _register(rules: list[dict[str, Any]], checks: list[dict[str, Any]]) -> None:
    """Rule and check texts by id, for rendering reasons that refer to them (``domain.reason_texts``)."""
    for rule in rules:
        for part in ("explanation", "follow_up_reason"):
            register_content(f"rule.{rule['id']}.{part}", rule.get(part))
    for check in checks:
        for part in ("title", "requirement", "source"):
            register_content(f"check.{check['id']}.{part}", check.get(part))


def register_scoring_texts(registry: FormRegistry) -> None:
    """Register the texts of the scoring content next to the forms (a snapshot shown before scoring)."""
    folder = _forms_folder(registry)
    if folder:
        _register(*load_scoring_content(folder))


def _assessed_domains(visit: Visit) -> set[str]:
    """Domains with at least one answer (visit-level or in a room)."""
    found = set()
    for key in visit.data.answers:
        q = visit.registry.question(key)
        if q is not None and visit.data.answers[key] is not None:
            found.add(visit.registry.form_of(q).domain)
    for room in visit.data.rooms:
        for key, value in room.answers.items():
            q = visit.registry.question(key)
            if q is not None and value is not None:
                found.add(visit.registry.form_of(q).domain)
    return found


def _home_nursing(visit: Visit) -> bool:
    services = visit.answer("opening_home_services")
    return visit.code("NUTR.HOME_NURSING") is True or (isinstance(services, list) and "home_nursing" in services)


def _follow_ups(visit: Visit, domains: dict[str, DomainResult], any_answer: bool) -> list[FollowUp]:
    """Nutrition re-screen and re-visit dates counted from the visit date."""
    if not any_answer:
        return []
    start, out = visit.data.visit_date, []
    nutrition = domains["nutrition"].level
    if nutrition == "not_assessed":
        out.append(FollowUp("nutrition_screen", start + timedelta(days=14), Reason("follow_up.nutrition_screen")))
    elif nutrition in ("moderate", "high"):
        out.append(FollowUp("nutrition_rescreen", start + timedelta(days=30), Reason("follow_up.nutrition_risk")))
    elif _home_nursing(visit):
        out.append(FollowUp("nutrition_rescreen", start + timedelta(days=30), Reason("follow_up.home_nursing")))
    else:
        out.append(FollowUp("nutrition_rescreen", start + timedelta(days=182), Reason("follow_up.nutrition_6m")))
    top = max((d.level for d in domains.values()), key=level_rank)
    days, code = {"high": (28, "follow_up.revisit_high"),
                  "moderate": (91, "follow_up.revisit_moderate")}.get(top, (365, "follow_up.revisit_year"))
    out.append(FollowUp("revisit", start + timedelta(days=days), Reason(code)))
    return out


def _apply_rules(rules: list[dict[str, Any]], lookup: Any, domains: dict[str, DomainResult],
                 start: date) -> tuple[list[FiredRule], list[FollowUp]]:
    fired, follow = [], []
    for rule in rules:
        if not evaluate(rule.get("when"), lookup):
            continue
        fired.append(FiredRule(rule["id"]))
        if "raise_domain" in rule:
            name = rule["raise_domain"]
            domains[name] = domains[name].raised_to(rule["raise_to"], Reason("rule", {"id": rule["id"]}))
        if "follow_up_kind" in rule:
            follow.append(FollowUp(rule["follow_up_kind"], start + timedelta(days=rule["follow_up_days"]),
                                   Reason("rule.follow_up", {"id": rule["id"]})))
    return fired, follow


def score_assessment(data: AssessmentData, registry: FormRegistry, *, today: date | None = None,
                     rules: list[dict[str, Any]] | None = None,
                     checks: list[dict[str, Any]] | None = None) -> ScoreResult:
    """Score one visit.

    Args:
        data: the visit's answers, rooms and client facts.
        registry: the loaded forms (instrument items are found by their ``code``).
        today: reference date for follow-ups when the visit date is not set; the visit date
            is used otherwise.
        rules: cross-domain rules (default: ``scoring/rules.toml`` next to the forms).
        checks: housing check definitions (default: ``scoring/checks.toml``).

    Returns:
        The full result; ``to_json()`` gives the saved snapshot.
    """
    if rules is None or checks is None:
        folder = _forms_folder(registry)
        loaded = load_scoring_content(folder) if folder else ([], [])
        rules = loaded[0] if rules is None else rules
        checks = loaded[1] if checks is None else checks
    if data.visit_date is None and today is not None:  # pragma: no cover - defensive
        data = AssessmentData(data.answers, data.rooms, data.age, data.sex, today, data.lives_alone)
    _register(rules, checks)
    visit = Visit(data, registry)
    assessed = _assessed_domains(visit)
    instruments = score_falls_instruments(visit)
    nutrition_ins, derived, criteria = score_nutrition(visit)
    instruments.update(nutrition_ins)
    fire7, failures = score_fire7(visit)
    instruments["FIRE-7"] = fire7
    instruments["FIRE-ADVICE"], advice = score_fire_advice(visit)
    derived["age"] = data.age
    check_results = run_checks(visit, checks)
    housing, step, step_reasons = housing_domain(visit, check_results, "housing" in assessed)
    if step is not None:
        housing = housing.with_reason(Reason("housing.step", {"n": step, "r": step_reasons}))
    domains = {
        "falls": falls_domain(visit, instruments, "falls" in assessed),
        "fire": fire_domain(visit, fire7, failures, "fire" in assessed, advice),
        "nutrition": nutrition_domain(instruments, derived, criteria, "nutrition" in assessed),
        "housing": housing,
    }
    lookup = make_lookup(visit, instruments, domains, check_results, derived, step)
    fired, rule_follow = _apply_rules(rules, lookup, domains, data.visit_date)
    follow = _follow_ups(visit, domains, bool(assessed)) + rule_follow
    return ScoreResult(SCORING_VERSION, instruments, domains, check_results, step, follow, fired, derived)
