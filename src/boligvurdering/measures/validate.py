"""Validate every measure file and its references to questionnaires and housing checks."""

from __future__ import annotations

from pathlib import Path

from boligvurdering.domain.errors import Problem
from boligvurdering.formsengine.conditions import references
from boligvurdering.formsengine.facts import KnownIds, reference_problem
from boligvurdering.formsengine.loader import load_form_file, questionnaire_files, read_toml
from boligvurdering.i18n import tr
from boligvurdering.measures.catalogue import CATALOGUE_FILE, load_catalogue_file
from boligvurdering.measures.facts import template_fields
from boligvurdering.measures.model import Catalogue
from boligvurdering.measures.settings import (
    FINANCING_FILE,
    KOMMUNE_FILE,
    parse_financing,
    parse_kommune,
)


def _question_rooms(folder: Path) -> dict[str, tuple[str, ...]] | None:
    """Question id → room types ('' for visit-level); ``None`` when no questionnaires exist."""
    files = questionnaire_files(folder)
    if not files:
        return None
    out: dict[str, tuple[str, ...]] = {}
    for path in files:
        form, _problems = load_form_file(path)  # their own problems are reported by the forms check
        for section in form.sections if form else ():
            for q in section.questions:
                out[q.id] = q.room_types
    return out


def _check_ids(folder: Path) -> set[str] | None:
    path = folder / "scoring" / "checks.toml"
    if not path.is_file():
        return None
    data, _raw, _problems = read_toml(path)
    checks = (data or {}).get("check", [])
    return {c["id"] for c in checks if isinstance(c, dict) and isinstance(c.get("id"), str)}


def reference_problems(catalogue: Catalogue, folder: Path) -> list[Problem]:
    """Triggers that point at questions or checks that do not exist (where those files exist)."""
    questions, checks = _question_rooms(folder), _check_ids(folder)
    known = KnownIds(questions, checks)
    problems: list[Problem] = []
    for m in catalogue.measures:
        for i, trigger in enumerate(m.triggers):
            where = f"{CATALOGUE_FILE}: measure ({m.id}).trigger[{i}]"
            refs = list(references(trigger.when)) + [f for f in template_fields(trigger.reason) if f != "room"]
            for ref in dict.fromkeys(refs):
                msg = reference_problem(ref, known)
                if msg:
                    problems.append(Problem(where, msg))
        for qid in m.resolves_answers:
            if questions is not None and qid not in questions:
                problems.append(Problem(f"{CATALOGUE_FILE}: measure ({m.id})",
                                        tr("ukjent spørsmål «{q}» i «resolves_answers»", q=qid)))
        for check in m.resolves_checks:
            if checks is not None and check not in checks:
                problems.append(Problem(f"{CATALOGUE_FILE}: measure ({m.id})",
                                        tr("ukjent boligkontroll «{c}» i «resolves_checks»", c=check)))
    return problems


def validate_measure_files(forms_folder: Path | str) -> list[Problem]:
    """Every problem in ``measures/catalogue.toml``, ``financing.toml`` and ``kommune.toml``.

    Args:
        forms_folder: the forms folder (holding ``measures/``, ``questionnaires/``, ``scoring/``).

    Returns:
        Problems with file and location; empty when everything is valid.
    """
    folder = Path(forms_folder)
    sub = folder / "measures"
    catalogue, problems = load_catalogue_file(sub / CATALOGUE_FILE)
    data, _raw, found = read_toml(sub / FINANCING_FILE)
    problems += found
    rules = None
    if data is not None:
        rules, found = parse_financing(data)
        problems += found
    data, _raw, found = read_toml(sub / KOMMUNE_FILE)
    problems += found
    if data is not None:
        settings, found = parse_kommune(data, rules)
        problems += found
        if catalogue is not None:
            for mid in settings.price_list:
                if catalogue.get(mid) is None:
                    problems.append(Problem(f"{KOMMUNE_FILE}: [prices.{mid}]",
                                            tr("ukjent tiltak «{id}»", id=mid)))
    if catalogue is not None:
        problems += reference_problems(catalogue, folder)
    return problems
