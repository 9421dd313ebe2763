"""``boligvurdering sync`` (push then pull), ``sync conflicts``, ``sync resolve`` (docs/SERVER.md).

Enrol once with ``--server URL``; the server password comes from ``BOLIGVURDERING_SERVER_PASSWORD``
or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext


def register(sub: Any) -> None:
    sync = sub.add_parser("sync", help=tr("synkroniser med teamserveren (send, så hent)"))
    sync.add_argument("--server", metavar="ADRESSE", help=tr("meld inn maskinen på denne serveren først"))
    sync.add_argument("--device-name", default="", help=tr("navn på maskinen (vises for administratoren)"))
    sync.set_defaults(func=run_sync)
    ss = sync.add_subparsers(dest="sync_command", metavar="KOMMANDO")
    ss.add_parser("conflicts", help=tr("list konflikter som må løses")).set_defaults(func=run_conflicts)
    res = ss.add_parser("resolve", help=tr("løs en konflikt"))
    res.add_argument("conflict_id", metavar="ID")
    res.add_argument("--keep", required=True, choices=("kept", "other"),
                     help=tr("kept: verdien serveren beholdt; other: den andre verdien"))
    res.set_defaults(func=run_resolve)
    give = ss.add_parser("assign", help=tr("gi en kollega i teamet et besøk (kommer ved neste synkronisering)"))
    give.add_argument("visit_id", metavar="BESØK")
    give.add_argument("username", metavar="BRUKERNAVN")
    give.set_defaults(func=run_assign)


def _server_password() -> str:
    from boligvurdering.domain.errors import UserError

    password = os.environ.get("BOLIGVURDERING_SERVER_PASSWORD", "")
    if password:
        return password
    if not sys.stdin.isatty():
        raise UserError(tr("Sett BOLIGVURDERING_SERVER_PASSWORD, eller kjør kommandoen i en terminal."))
    return getpass.getpass(tr("Passord på serveren: "))


def _progress(step: str, done: int, total: int) -> None:
    print(f"{step}: {done}/{total}", file=sys.stderr)


def run_sync(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.sync import SyncService

    service = SyncService(ctx.app)
    if args.server:
        service.enrol(args.server, _server_password(), args.device_name)
        print(tr("Maskinen er meldt inn på {s}.", s=args.server), file=sys.stderr)
    print(service.run(_progress).summary())
    return 0


def run_conflicts(_args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.sync import SyncService

    for c in SyncService(ctx.app).conflicts():
        print(f"{c.id}  {c.question}")
        print("   " + tr("beholdt: {v} ({who}, {at})", v=json.dumps(c.kept, ensure_ascii=False), who=c.kept_by, at=c.kept_at))
        print("   " + tr("annen: {v} ({who}, {at})", v=json.dumps(c.other, ensure_ascii=False), who=c.other_by, at=c.other_at))
    return 0


def run_resolve(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.sync import SyncService

    service = SyncService(ctx.app)
    service.resolve(args.conflict_id, args.keep)
    print(service.run(_progress).summary())
    return 0


def run_assign(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.sync import SyncService

    SyncService(ctx.app).assign(args.visit_id, args.username)
    print(tr("«{u}» får besøket ved neste synkronisering.", u=args.username))
    return 0
