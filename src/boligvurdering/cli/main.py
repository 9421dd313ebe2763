"""Entry point ``boligvurdering``: the desktop window by default, subcommands for the rest."""

from __future__ import annotations

import argparse
import errno
import importlib
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from boligvurdering import __version__
from boligvurdering.cli.commands import COMMAND_MODULES
from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import LANGUAGES, set_ui_language, tr
from boligvurdering.paths import AppPaths

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)
EXIT_USER_ERROR = 2
EXIT_CRASH = 70
EXCHANGE_SUFFIXES = (".bvx", ".json")


@dataclass
class CliContext:
    """What a command gets: the resolved data paths and a lazily opened application context."""

    paths: AppPaths

    @cached_property
    def app(self) -> AppContext:  # opened on first use, so commands that need no database stay fast
        from boligvurdering.cli.commands.user_cmd import cli_unlock

        return cli_unlock(self.paths)  # signs in (env vars or prompt); first start creates the administrator


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boligvurdering",
        description=tr("Boligvurdering – forebyggende hjemmebesøk og boligtilpasning. "
                       "Uten underkommando åpnes programvinduet."),
    )
    parser.add_argument("--version", action="version", version=f"boligvurdering {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=tr("mappe for database, bilder, logger og innstillinger (bærbar bruk)"))
    parser.add_argument("--lang", choices=LANGUAGES, metavar="SPRÅK",
                        help=tr("språk i vinduet og på kommandolinjen: nb, nn eller en (standard: brukerens eget)"))
    sub = parser.add_subparsers(dest="command", title=tr("underkommandoer"), metavar="KOMMANDO")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_ui_language(args.lang)
    paths: AppPaths | None = None
    try:
        paths = AppPaths.resolve(args.data_dir)
        if args.command is None:
            from boligvurdering.gui.launch import run_gui

            return run_gui(paths, language=args.lang)
        from boligvurdering.logging_setup import setup_logging

        setup_logging(paths.logs)
        ctx = CliContext(paths)
        try:
            return int(args.func(args, ctx) or 0)
        finally:
            if "app" in ctx.__dict__:
                ctx.app.close()
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the one crash path of the CLI: log it, say it plainly
        from boligvurdering.store.db import is_database_error, translate_db_error

        if is_database_error(exc):  # a driver error that escaped a service: still words, not a crash
            log.warning("database error: %s", type(exc).__name__)
            print(str(translate_db_error(exc, paths.database if paths else None)), file=sys.stderr)
            return EXIT_USER_ERROR
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            print(tr("Disken er full. Det som allerede var lagret, er beholdt. Frigjør plass og prøv igjen."),
                  file=sys.stderr)
            return EXIT_USER_ERROR
        log.exception("unexpected error")
        print(tr("Uventet feil. Detaljer er skrevet til loggen i datamappen (logs/boligvurdering.log)."),
              file=sys.stderr)
        return EXIT_CRASH


def windowed_main(argv: Sequence[str] | None = None) -> int:
    """Entry of the windowed ``Boligvurdering`` program (Start menu, .bvx files).

    ``[--data-dir DIR] [FILE.bvx|FILE.json]`` opens the window (and offers to import the file);
    any other arguments are commands, which belong to the console program ``boligvurdering-cli``.
    Where the windowed program has a terminal (Linux, macOS), commands simply run here.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    data_dir, rest = _take_data_dir(args)
    opened = Path(rest[0]) if len(rest) == 1 and rest[0].lower().endswith(EXCHANGE_SUFFIXES) else None
    if rest and opened is None:
        if sys.stdout is not None:
            return main(args)
        from boligvurdering.gui.launch import tell_use_console

        return tell_use_console()
    try:
        from boligvurdering.gui.launch import run_gui

        return run_gui(AppPaths.resolve(data_dir), open_file=opened)
    except UserError as exc:
        from boligvurdering.gui.launch import tell

        return tell(str(exc), EXIT_USER_ERROR)


def _take_data_dir(args: list[str]) -> tuple[str | None, list[str]]:
    """Split ``--data-dir DIR`` / ``--data-dir=DIR`` off the argument list."""
    data_dir, rest, i = None, [], 0
    while i < len(args):
        if args[i] == "--data-dir" and i + 1 < len(args):
            data_dir, i = args[i + 1], i + 2
            continue
        if args[i].startswith("--data-dir="):
            data_dir = args[i].split("=", 1)[1]
        else:
            rest.append(args[i])
        i += 1
    return data_dir, rest
