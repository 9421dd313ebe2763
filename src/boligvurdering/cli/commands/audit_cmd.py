"""``boligvurdering audit verify|export``: check the access log's hash chain, export it as CSV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext


def register(sub: Any) -> None:
    audit = sub.add_parser("audit", help=tr("tilgangsloggen: kontroller eller eksporter"))
    aus = audit.add_subparsers(dest="audit_command", metavar="KOMMANDO", required=True)
    aus.add_parser("verify", help=tr("kontroller at ingen oppføringer er endret eller slettet")).set_defaults(func=run_verify)
    exp = aus.add_parser("export", help=tr("eksporter loggen til CSV (teamleder/administrator)"))
    exp.add_argument("--out", type=Path, required=True, metavar="FIL")
    exp.set_defaults(func=run_export)


def run_verify(_args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.audit import verify

    report = verify(ctx.app)
    if report.ok:
        print(tr("Tilgangsloggen er hel: {n} oppføringer kontrollert.", n=report.checked))
        return 0
    print(tr("Tilgangsloggen er endret: oppføring nr. {seq} stemmer ikke ({why}).", seq=report.broken_seq, why=report.reason))
    return 1


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.audit import export_csv

    n = export_csv(ctx.app, args.out)
    print(tr("Skrev {n} oppføringer til {path}", n=n, path=args.out))
    return 0
