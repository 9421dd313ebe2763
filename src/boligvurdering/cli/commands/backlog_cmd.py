"""``boligvurdering figures --from --to --out tall.xlsx|tall.csv [--server]``: the kommune's period figures;
``boligvurdering backlog [--server] [filters]``: the first page of the Arbeidsliste.

``--server`` asks the team server (every laptop's visits the user may see) instead of this laptop.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.enums import VisitStatus
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
    fig.add_argument("--server", action="store_true", help=tr("tall fra teamserveren (hele teamet)"))
    fig.set_defaults(func=run_figures)
    log = sub.add_parser("backlog", help=tr("arbeidslisten: første side med antall per status"))
    log.add_argument("--server", action="store_true", help=tr("arbeidslisten på teamserveren (hele teamet)"))
    log.add_argument("--status", action="append", default=[], choices=[s.value for s in VisitStatus], metavar="STATUS",
                     help=tr("bare denne statusen (kan gjentas)"))
    log.add_argument("--search", default="", help=tr("søk på navn, fødselsnummer eller adresse"))
    log.add_argument("--area", default="", metavar="POSTNR", help=tr("postnummer (eller begynnelsen av det)"))
    log.add_argument("--overdue", action="store_true", help=tr("bare forfalte"))
    log.add_argument("--sort", default="next_due", metavar="NØKKEL",
                     help="status, client, area, team, risk, next_due, waiting")
    log.add_argument("--limit", type=int, default=20)
    log.set_defaults(func=run_backlog)


def run_figures(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.backlog import BacklogService
    from boligvurdering.services.figures_export import export

    if args.server:
        from boligvurdering.services.team_backlog import TeamBacklogService

        figures = TeamBacklogService(ctx.app).figures(start=args.start, end=args.end).figures
    else:
        figures = BacklogService(ctx.app).figures(start=args.start, end=args.end)
    path = export(figures, args.out)
    print(tr("Skrev {path}: {v} besøkte brukere, {r} henvisninger.", path=path, v=figures.visited_clients,
             r=sum(figures.referrals)))
    if args.server:
        print(tr("Kilde: teamserveren"))
    return 0


def run_backlog(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.backlog import BacklogQuery, BacklogService

    q = BacklogQuery(statuses=tuple(args.status), search=args.search, area=args.area, overdue=args.overdue,
                     sort=args.sort)
    if args.server:
        from boligvurdering.services.team_backlog import TeamBacklogService

        opened = TeamBacklogService(ctx.app).open(q, today=date.today(), page_size=max(1, args.limit))
    else:
        opened = BacklogService(ctx.app).open(q, today=date.today(), page_size=max(1, args.limit))
    print(tr("Kilde: teamserveren") if args.server else tr("Kilde: denne maskinen"))
    print(tr("{n} saker.", n=opened.total) + " " + ", ".join(
        f"{VisitStatus(s).label()}: {n}" for s, n in sorted(opened.counts.items(), key=lambda i: [s.value for s in VisitStatus].index(i[0]))))
    for r in opened.rows:
        due = r.next_due.isoformat() if r.next_due else "–"
        print(f"{due:10}  {VisitStatus(r.status).label():16}  {r.client_name:30}  {r.postal_code:4}  {r.contact_name}")
    return 0
