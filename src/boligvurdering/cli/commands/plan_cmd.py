"""``boligvurdering plan VISIT_ID``: the financing plan of a visit as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext


def register(sub: Any) -> None:
    plan = sub.add_parser("plan", help=tr("skriv finansieringsplanen for et besøk som JSON"))
    plan.add_argument("visit_id", metavar="BESØK_ID")
    plan.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    app = ctx.app
    app.visits.get(args.visit_id)  # NotFound → clear message
    sys.stdout.write(json.dumps(app.plan.plan(args.visit_id), ensure_ascii=False, indent=2, default=str) + "\n")
    return 0
