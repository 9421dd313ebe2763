"""``boligvurdering server migrate|run|create-admin|add-user|deactivate-user|revoke-device`` (docs/SERVER.md).

Configured by environment: ``BOLIGVURDERING_DATABASE_URL`` (PostgreSQL), ``BOLIGVURDERING_HOST``,
``BOLIGVURDERING_PORT``, ``BOLIGVURDERING_TLS_CERT``/``_KEY``. Needs the ``server`` extra.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext

ROLES = "ergoterapeut, fysioterapeut, boligkonsulent, byggteknisk, teamleder, administrator"


def register(sub: Any) -> None:
    server = sub.add_parser("server", help=tr("teamserveren (PostgreSQL): migrer, start, brukere"))
    ss = server.add_subparsers(dest="server_command", metavar="KOMMANDO", required=True)
    ss.add_parser("migrate", help=tr("opprett eller oppdater serverdatabasen")).set_defaults(func=run_migrate)
    ss.add_parser("run", help=tr("start serveren")).set_defaults(func=run_run)
    admin = ss.add_parser("create-admin", help=tr("opprett en administrator på serveren"))
    admin.add_argument("username", metavar="BRUKERNAVN")
    admin.add_argument("--team", required=True, help=tr("teamets navn"))
    admin.set_defaults(func=run_create_user, role="administrator", name="")
    add = ss.add_parser("add-user", help=tr("opprett en bruker på serveren"))
    add.add_argument("username", metavar="BRUKERNAVN")
    add.add_argument("--team", required=True, help=tr("teamets navn"))
    add.add_argument("--role", required=True, help=ROLES)
    add.add_argument("--name", default="", help=tr("fullt navn"))
    add.set_defaults(func=run_create_user)
    deact = ss.add_parser("deactivate-user", help=tr("deaktiver en bruker (mister tilgang ved neste synkronisering)"))
    deact.add_argument("username", metavar="BRUKERNAVN")
    deact.set_defaults(func=run_deactivate)
    revoke = ss.add_parser("revoke-device", help=tr("meld ut en maskin"))
    revoke.add_argument("device_id", metavar="MASKIN-ID")
    revoke.set_defaults(func=run_revoke)
    ss.add_parser("verify-audit", help=tr("kontroller tilgangsloggene fra alle maskiner")).set_defaults(
        func=run_verify_audit)


def _config() -> Any:
    from boligvurdering.server.config import ServerConfig

    return ServerConfig.from_env()


def run_migrate(_args: argparse.Namespace, _ctx: CliContext) -> int:
    from boligvurdering.server.admin import run_migrate as migrate

    print(tr("Serverdatabasen er på skjema {rev}.", rev=migrate(_config())))
    return 0


def run_run(_args: argparse.Namespace, _ctx: CliContext) -> int:
    from boligvurdering.server.admin import run_server

    run_server(_config())
    return 0


def run_create_user(args: argparse.Namespace, _ctx: CliContext) -> int:
    from boligvurdering.cli.commands.user_cmd import _new_password
    from boligvurdering.server.admin import create_user

    password = _new_password(tr("Passord for {u}: ", u=args.username))
    create_user(_config(), username=args.username, password=password, role=args.role, team=args.team,
                full_name=args.name)
    print(tr("Brukeren «{u}» er opprettet i teamet «{t}».", u=args.username, t=args.team), file=sys.stderr)
    return 0


def run_deactivate(args: argparse.Namespace, _ctx: CliContext) -> int:
    from boligvurdering.server.admin import set_user_active

    set_user_active(_config(), args.username, False)
    print(tr("Brukeren «{u}» er deaktivert.", u=args.username), file=sys.stderr)
    return 0


def run_revoke(args: argparse.Namespace, _ctx: CliContext) -> int:
    from boligvurdering.server.admin import revoke_device

    revoke_device(_config(), args.device_id)
    print(tr("Maskinen er meldt ut."), file=sys.stderr)
    return 0


def run_verify_audit(_args: argparse.Namespace, _ctx: CliContext) -> int:
    from boligvurdering.server.admin import verify_audit

    broken = 0
    for device, (ok, checked) in verify_audit(_config()).items():
        state = tr("i orden") if ok else tr("BRUTT")
        print(tr("Maskin {d}: {n} oppføringer, kjeden er {s}.", d=device, n=checked, s=state))
        broken += not ok
    return 1 if broken else 0
