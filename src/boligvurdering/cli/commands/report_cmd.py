"""``boligvurdering report VISIT_ID --kind KIND --out FILE.pdf [--mark-sent --channel C]``: make one document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.cli.commands.consent_cmd import add_sent_arguments, mark_sent, sent_channel
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext

KIND_CHOICES = ("client", "archive", "tilskudd", "nav-rampe", "fastlege", "brannvesen")


def register(sub: Any) -> None:
    report = sub.add_parser("report", help=tr("lag et dokument (PDF) for et besøk"))
    report.add_argument("visit_id", metavar="BESØK")
    report.add_argument("--kind", required=True, choices=KIND_CHOICES,
                        help=tr("dokument: client, archive, tilskudd, nav-rampe, fastlege eller brannvesen"))
    report.add_argument("--out", required=True, type=Path, metavar="FIL.pdf")
    report.add_argument("--statement", type=Path, metavar="FIL.txt",
                        help=tr("uttalelse fra ergoterapeut (tekstfil) i stedet for utkastet"))
    report.add_argument("--mark-sent", action="store_true",
                        help=tr("marker dokumentet som sendt (føres i utleveringsloggen); krever --channel"))
    add_sent_arguments(report, kind_required=False)
    report.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """Exit 0 with the path written; a missing-data refusal is a ``UserError`` (exit 2)."""
    from boligvurdering.services.documents import DocumentService

    if args.mark_sent:
        sent_channel(args.channel)  # a bad channel is refused before anything is written
    statement = args.statement.read_text(encoding="utf-8") if args.statement else None
    path = DocumentService(ctx.app).render(args.visit_id, args.kind, args.out, statement=statement)
    sys.stdout.write(tr("Skrev {path}", path=path) + "\n")
    if args.mark_sent:
        mark_sent(ctx, args.visit_id, args.kind, args.channel, args.sent_on)
    return 0
