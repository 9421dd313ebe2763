"""Check every definition under a forms folder: questionnaires, scoring rules, measures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from boligvurdering.domain.errors import Problem
from boligvurdering.formsengine.loader import cross_check, load_form_file, questionnaire_files
from boligvurdering.i18n import tr

#: A validator for another kind of definition file (scoring rules, measures): forms folder → problems.
Validator = Callable[[Path], list[Problem]]


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


def check_all(folder: Path, validators: Sequence[Validator] = ()) -> CheckReport:
    """Validate all definitions; never raises for bad content, only reports.

    Args:
        folder: the forms folder.
        validators: checks of the other definition files, given by the caller so that this
            layer imports none of scoring and measures (the CLI passes both).
    """
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
    for validator in validators:
        report.problems += validator(folder)
    report.untranslated = untranslated_texts(folder)
    return report
