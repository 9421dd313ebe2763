"""``boligvurdering score FILE.json``: score an exchange file without touching the database."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext


def register(sub: Any) -> None:
    score = sub.add_parser("score", help=tr("beregn risiko for en besøksfil (uten database), skriv JSON"))
    score.add_argument("file", type=Path, metavar="FIL")
    score.set_defaults(func=run)


def run(args: argparse.Namespace, _ctx: CliContext) -> int:
    from boligvurdering.formsengine import load_registry
    from boligvurdering.scoring import score_assessment
    from boligvurdering.scoring.display import display_json
    from boligvurdering.services.exchange import read_document
    from boligvurdering.services.exchange_limits import check_document
    from boligvurdering.services.exchange_parse import parse_exchange, to_assessment

    registry = load_registry()
    document = read_document(args.file)
    check_document(document)
    parsed = parse_exchange(document, registry)
    data = to_assessment(parsed, registry, today=date.today())
    result = score_assessment(data, registry)
    shown = display_json(result.to_json(), "nb")  # reasons in bokmål, each with its code
    sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2) + "\n")
    return 0
