"""``boligvurdering forms check [PATH]``: validate every definition file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import ntr, tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext


def register(sub: Any) -> None:
    forms = sub.add_parser("forms", help=tr("skjemadefinisjoner"))
    forms_sub = forms.add_subparsers(dest="forms_command", metavar="KOMMANDO", required=True)
    check = forms_sub.add_parser("check", help=tr("valider alle skjemaer, regler og tiltakskatalogen"))
    check.add_argument("path", nargs="?", help=tr("mappe med definisjoner (standard: den innebygde)"))
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace, _ctx: CliContext) -> int:
    from boligvurdering.formsengine.check import check_all
    from boligvurdering.measures import validate_measure_files
    from boligvurdering.resources import forms_dir
    from boligvurdering.scoring import validate_scoring_files

    folder = Path(args.path) if args.path else forms_dir()
    report = check_all(folder, (validate_scoring_files, validate_measure_files))
    for problem in report.problems:
        print(tr("FEIL {problem}", problem=problem))
    names = {"nn": tr("nynorsk"), "en": tr("engelsk")}
    for code, count in report.untranslated.items():
        if count:
            print(ntr("ADVARSEL {n} tekst mangler oversettelse til {language}",
                      "ADVARSEL {n} tekster mangler oversettelse til {language}", count, language=names[code]))
    print(tr("{n} filer kontrollert, {p} feil.", n=report.files, p=len(report.problems)))
    return 1 if report.problems else 0
