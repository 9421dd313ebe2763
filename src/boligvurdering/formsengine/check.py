"""Check every definition under a forms folder: questionnaires, scoring rules, measures."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from boligvurdering.domain.errors import Problem
from boligvurdering.formsengine.loader import cross_check, load_form_file, questionnaire_files
from boligvurdering.i18n import tr

# Validators for other kinds of definition files: (module, function) taking the forms
# folder and returning problems.
EXTRA_VALIDATORS = (
    ("boligvurdering.scoring", "validate_scoring_files"),
    ("boligvurdering.measures", "validate_measure_files"),
)


@dataclass
class CheckReport:
    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: language → number of user-visible texts without a translation (warnings, not errors)
    untranslated: dict[str, int] = field(default_factory=dict)


def untranslated_texts(folder: Path) -> dict[str, int]:
    """Per language (nn, en): texts in the forms, measures and scoring files lacking a translation."""
    import tomllib

    from boligvurdering.formsengine.texts import TRANSLATED, missing_translations

    total = {code: 0 for code in TRANSLATED}
    for path in sorted(folder.rglob("*.toml")):
        if path.name == "kommune.toml":  # names and amounts of one kommune, nothing to translate
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # reported as a problem by the validators
        for code, count in missing_translations(data).items():
            total[code] += count
    return total


def check_all(folder: Path) -> CheckReport:
    """Validate all definitions; never raises for bad content, only reports."""
    report = CheckReport()
    if not folder.is_dir():
        report.problems.append(Problem(str(folder), tr("mappen finnes ikke")))
        return report
    files = questionnaire_files(folder)
    if not files:
        report.problems.append(Problem(str(folder), tr("fant ingen skjemaer i questionnaires/")))
    forms = []
    for path in files:
        form, problems = load_form_file(path)
        report.problems += problems
        if form:
            forms.append(form)
    report.problems += cross_check(forms)
    report.files = len(list(folder.rglob("*.toml")))
    for module_name, func_name in EXTRA_VALIDATORS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        validator = getattr(module, func_name, None)
        if validator is not None:
            report.problems += validator(folder)
    report.untranslated = untranslated_texts(folder)
    return report
