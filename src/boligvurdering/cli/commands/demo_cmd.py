"""``boligvurdering demo``: create fictitious demo clients and visits."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext


def register(sub: Any) -> None:
    demo = sub.add_parser("demo", help=tr("lag demodata (fiktive brukere med syntetiske fødselsnumre)"))
    demo.set_defaults(func=run)


def run(_args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.demo import create_demo

    ids = create_demo(ctx.app)
    print(tr("Demodata klar: {n} besøk i {path}", n=len(ids), path=ctx.paths.root))
    return 0
