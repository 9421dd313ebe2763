"""``boligvurdering screenshots --out DIR``: render the main screens to PNG (offscreen, demo data)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext


def register(sub: Any) -> None:
    cmd = sub.add_parser("screenshots", help=tr("lagre skjermbilder av hovedvinduet med demodata (PNG)"))
    cmd.add_argument("--out", required=True, metavar="MAPPE", help=tr("mappe for PNG-filene"))
    cmd.add_argument("--scale", type=float, default=1.0, help=tr("skalering, f.eks. 1.25 for store skrifter"))
    cmd.set_defaults(func=run)


def run(args: argparse.Namespace, _ctx: CliContext) -> int:
    from boligvurdering.gui.screenshots import render_all

    for path in render_all(Path(args.out), args.scale):
        print(path)
    return 0
