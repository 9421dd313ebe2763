"""Load and validate the scoring data files ``forms/scoring/rules.toml`` and ``checks.toml``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from boligvurdering.domain.errors import Problem
from boligvurdering.formsengine.conditions import references, structure_problems
from boligvurdering.formsengine.facts import KnownIds, reference_problem
from boligvurdering.formsengine.loader import QUESTION_ROOM_TYPES as ROOM_TYPES
from boligvurdering.formsengine.loader import FormsInvalid, load_registry, read_toml
from boligvurdering.formsengine.model import FormRegistry
from boligvurdering.i18n import tr
from boligvurdering.scoring.result import DOMAIN_NAMES, LEVELS

RULE_KEYS = {"id", "explanation", "when", "raise_domain", "raise_to",
             "follow_up_kind", "follow_up_days", "follow_up_reason"}
CHECK_KEYS = {"id", "title", "kind", "room_types", "question", "questions", "limit", "unit",
              "requirement", "source", "rise_question", "length_question", "gradient",
              "max_length_m", "applies_if", "allowed"}
CHECK_REQUIRED = {"min": ("question", "limit"), "max": ("question", "limit"),
                  "ramp": ("rise_question", "length_question", "gradient"), "all_yes": ("questions",),
                  "one_of": ("question", "allowed")}


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def load_scoring_content(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rules and checks from ``<folder>/scoring`` (cached until the files change)."""
    sub = Path(folder) / "scoring"
    return _load(sub, _mtime(sub / "rules.toml"), _mtime(sub / "checks.toml"))


@lru_cache(maxsize=8)
def _load(sub: Path, _rules_mtime: float, _checks_mtime: float) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rules, _, _ = read_toml(sub / "rules.toml")
    checks, _, _ = read_toml(sub / "checks.toml")
    return list((rules or {}).get("rule", [])), list((checks or {}).get("check", []))


def _check_problems(checks: list[Any], registry: FormRegistry) -> list[Problem]:
    problems, seen = [], set()
    for i, c in enumerate(checks):
        where = f"checks.toml: check[{i}] ({c.get('id', '?') if isinstance(c, dict) else '?'})"
        if not isinstance(c, dict):
            problems.append(Problem(where, tr("må være en tabell")))
            continue
        problems += [Problem(where, tr("ukjent nøkkel «{key}»", key=k)) for k in sorted(set(c) - CHECK_KEYS)]
        for key in ("id", "title", "kind", "room_types", "requirement"):
            if key not in c:
                problems.append(Problem(where, tr("mangler «{key}»", key=key)))
        if c.get("id") in seen:
            problems.append(Problem(where, tr("dobbel id «{id}»", id=c.get("id"))))
        seen.add(c.get("id"))
        kind = c.get("kind")
        if kind not in CHECK_REQUIRED:
            problems.append(Problem(where, tr("ukjent type «{t}»", t=kind)))
            continue
        problems += [Problem(where, tr("mangler «{key}»", key=k)) for k in CHECK_REQUIRED[kind] if k not in c]
        qids = [str(c[k]) for k in ("question", "rise_question", "length_question") if c.get(k)]
        qids += list(c.get("questions", []))
        problems += [Problem(where, tr("ukjent spørsmål «{q}»", q=q)) for q in qids if not registry.question(q)]
        question = registry.question(c.get("question", "")) if kind == "one_of" else None
        if question is not None:
            options = {o.value for o in question.options}
            problems += [Problem(where, tr("ukjent svaralternativ «{v}»", v=v)) for v in c.get("allowed", [])
                         if v not in options]
        if not isinstance(c.get("room_types", []), list) or any(r not in ROOM_TYPES for r in c.get("room_types", [])):
            problems.append(Problem(where, tr("ugyldige romtyper {r}", r=c.get("room_types"))))
        if "applies_if" in c:
            problems += [Problem(loc, msg) for loc, msg in structure_problems(c["applies_if"], f"{where}.applies_if")]
            problems += [Problem(where, tr("ukjent spørsmål «{q}»", q=q))
                         for q in references(c["applies_if"]) if not registry.question(q)]
    return problems


def _rule_problems(rules: list[Any], registry: FormRegistry, check_ids: set[str]) -> list[Problem]:
    problems, seen = [], set()
    known = KnownIds.of(registry, check_ids)
    for i, r in enumerate(rules):
        where = f"rules.toml: rule[{i}] ({r.get('id', '?') if isinstance(r, dict) else '?'})"
        if not isinstance(r, dict):
            problems.append(Problem(where, tr("må være en tabell")))
            continue
        problems += [Problem(where, tr("ukjent nøkkel «{key}»", key=k)) for k in sorted(set(r) - RULE_KEYS)]
        problems += [Problem(where, tr("mangler «{key}»", key=k)) for k in ("id", "explanation", "when") if k not in r]
        if r.get("id") in seen:
            problems.append(Problem(where, tr("dobbel id «{id}»", id=r.get("id"))))
        seen.add(r.get("id"))
        if "when" in r:
            problems += [Problem(loc, msg) for loc, msg in structure_problems(r["when"], f"{where}.when")]
            for ref in references(r["when"]):
                msg = reference_problem(ref, known)
                if msg:
                    problems.append(Problem(f"{where}.when", msg))
        if ("raise_domain" in r) != ("raise_to" in r):
            problems.append(Problem(where, tr("«raise_domain» og «raise_to» må stå sammen")))
        if "raise_domain" in r and r["raise_domain"] not in DOMAIN_NAMES:
            problems.append(Problem(where, tr("ukjent domene «{d}»", d=r["raise_domain"])))
        if "raise_to" in r and r["raise_to"] not in LEVELS[1:]:
            problems.append(Problem(where, tr("ukjent nivå «{n}»", n=r["raise_to"])))
        fu = [k for k in ("follow_up_kind", "follow_up_days", "follow_up_reason") if k in r]
        if fu and len(fu) != 3:
            problems.append(Problem(where, tr("oppfølging trenger «follow_up_kind», «follow_up_days» og «follow_up_reason»")))
        if "follow_up_days" in r and (not isinstance(r["follow_up_days"], int) or r["follow_up_days"] < 0):
            problems.append(Problem(where, tr("«follow_up_days» må være et heltall ≥ 0")))
        if "raise_domain" not in r and not fu:
            problems.append(Problem(where, tr("regelen har ingen virkning")))
    return problems


def validate_scoring_files(forms_folder: Path) -> list[Problem]:
    """Every problem in ``scoring/rules.toml`` and ``scoring/checks.toml`` under a forms folder.

    Args:
        forms_folder: the forms folder (holding ``questionnaires/`` and ``scoring/``).

    Returns:
        Problems with their location; empty when both files are valid.
    """
    try:
        registry = load_registry(Path(forms_folder))
    except FormsInvalid as exc:
        return list(exc.problems)
    problems: list[Problem] = []
    data = {}
    for name, table in (("rules.toml", "rule"), ("checks.toml", "check")):
        doc, _, found = read_toml(Path(forms_folder) / "scoring" / name)
        problems += found
        doc = doc or {}
        problems += [Problem(name, tr("ukjent tabell «{key}»", key=k)) for k in sorted(set(doc) - {table})]
        items = doc.get(table, [])
        data[table] = items if isinstance(items, list) else []
    check_ids = {c["id"] for c in data["check"] if isinstance(c, dict) and isinstance(c.get("id"), str)}
    problems += _check_problems(data["check"], registry)
    problems += _rule_problems(data["rule"], registry, check_ids)
    return problems
