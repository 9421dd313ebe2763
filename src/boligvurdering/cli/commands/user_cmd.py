"""``boligvurdering user add|list|passwd|reset|deactivate`` and signing in from the command line.

Credentials come from ``BOLIGVURDERING_USER`` / ``BOLIGVURDERING_PASSWORD`` or, when stdin is
a terminal, from a prompt. On a fresh data folder the first credentials create the administrator.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext

ENV_USER = "BOLIGVURDERING_USER"
ENV_PASSWORD = "BOLIGVURDERING_PASSWORD"


def credentials() -> tuple[str, str]:
    """User name and password from the environment or an interactive prompt."""
    from boligvurdering.domain.errors import UserError

    user, password = os.environ.get(ENV_USER, ""), os.environ.get(ENV_PASSWORD, "")
    if user and password:
        return user, password
    if not sys.stdin.isatty():
        raise UserError(tr("Logg inn: sett {u} og {p}, eller kjør kommandoen i en terminal.", u=ENV_USER, p=ENV_PASSWORD))
    user = user or input(tr("Brukernavn: "))
    password = password or getpass.getpass(tr("Passord: "))
    return user, password


def cli_unlock(paths: Any) -> Any:
    """Sign in (or, on a fresh data folder, create the administrator) and return the context."""
    from boligvurdering.services.auth import first_start, needs_first_start, unlock

    user, password = credentials()
    if needs_first_start(paths):
        ctx = first_start(paths, user, password, full_name=user)
        print(tr("Administrator «{u}» er opprettet, og databasen er kryptert.", u=ctx.actor), file=sys.stderr)
        return ctx
    return unlock(paths, user, password)


def register(sub: Any) -> None:
    user = sub.add_parser("user", help=tr("brukerkontoer: opprett, list, bytt passord, deaktiver"))
    us = user.add_subparsers(dest="user_command", metavar="KOMMANDO", required=True)
    add = us.add_parser("add", help=tr("opprett en bruker (teamleder/administrator)"))
    add.add_argument("username", metavar="BRUKERNAVN")
    add.add_argument("--role", required=True, help=tr("ergoterapeut, fysioterapeut, boligkonsulent, byggteknisk, teamleder, administrator"))
    add.add_argument("--name", default="", help=tr("fullt navn"))
    add.set_defaults(func=run_add)
    us.add_parser("list", help=tr("list brukere")).set_defaults(func=run_list)
    us.add_parser("passwd", help=tr("bytt ditt eget passord")).set_defaults(func=run_passwd)
    reset = us.add_parser("reset", help=tr("sett nytt passord for en annen bruker"))
    reset.add_argument("username", metavar="BRUKERNAVN")
    reset.set_defaults(func=run_reset)
    deact = us.add_parser("deactivate", help=tr("deaktiver en bruker"))
    deact.add_argument("username", metavar="BRUKERNAVN")
    deact.set_defaults(func=run_deactivate)


def _new_password(prompt: str) -> str:
    from boligvurdering.domain.errors import UserError

    env = os.environ.get("BOLIGVURDERING_NEW_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty():
        raise UserError(tr("Sett BOLIGVURDERING_NEW_PASSWORD, eller kjør kommandoen i en terminal."))
    first = getpass.getpass(prompt)
    if getpass.getpass(tr("Gjenta passordet: ")) != first:
        raise UserError(tr("Passordene er ikke like."))
    return first


def run_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.auth import add_user

    add_user(ctx.app, args.username, _new_password(tr("Passord for den nye brukeren: ")), args.name, args.role)
    print(tr("Brukeren «{u}» er opprettet.", u=args.username.strip().casefold()))
    return 0


def run_list(_args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.domain.enums import Role
    from boligvurdering.services.auth import users

    for u in users(ctx.app):
        state = tr("aktiv") if u.active else tr("deaktivert")
        print(f"{u.username:20} {Role(u.role).label():22} {state:10} {u.full_name}")
    return 0


def run_passwd(_args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.auth import change_password

    app = ctx.app
    change_password(app, credentials()[1], _new_password(tr("Nytt passord: ")))
    print(tr("Passordet er endret."))
    return 0


def run_reset(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.auth import set_password

    set_password(ctx.app, args.username, _new_password(tr("Nytt passord: ")))
    print(tr("Nytt passord er satt for «{u}».", u=args.username))
    return 0


def run_deactivate(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.auth import deactivate

    deactivate(ctx.app, args.username)
    print(tr("Brukeren «{u}» er deaktivert.", u=args.username))
    return 0
