"""``boligvurdering figures --from --to --out tall.xlsx|tall.csv``: the kommune's period figures."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("ugyldig dato «{t}» (bruk ÅÅÅÅ-MM-DD)", t=text)) from None


def register(sub: Any) -> None:
    fig = sub.add_parser("figures", help=tr("tall for en periode til kommunen (Excel eller CSV)"))
    fig.add_argument("--from", dest="start", type=_day, required=True, metavar="ÅÅÅÅ-MM-DD")
    fig.add_argument("--to", dest="end", type=_day, required=True, metavar="ÅÅÅÅ-MM-DD")
    fig.add_argument("--out", type=Path, required=True, metavar="FIL", help=tr("filnavn som slutter på .xlsx eller .csv"))
    fig.set_defaults(func=run_figures)


def run_figures(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.backlog import BacklogService
    from boligvurdering.services.figures_export import export

    figures = BacklogService(ctx.app).figures(start=args.start, end=args.end)
    path = export(figures, args.out)
    print(tr("Skrev {path}: {v} besøkte brukere, {r} henvisninger.", path=path, v=figures.visited_clients,
             r=sum(figures.referrals)))
    return 0
