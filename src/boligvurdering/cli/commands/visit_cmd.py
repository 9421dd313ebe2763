"""``boligvurdering visit import|export|list``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.errors import UserError
from boligvurdering.domain.formatting import format_date_short
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext


def register(sub: Any) -> None:
    visit = sub.add_parser("visit", help=tr("importer, eksporter og list besøk"))
    vs = visit.add_subparsers(dest="visit_command", metavar="KOMMANDO", required=True)
    imp = vs.add_parser("import", help=tr("importer besøksfiler (JSON, eller kryptert .bvx); hver fil valideres helt først"))
    imp.add_argument("files", nargs="+", type=Path, metavar="FIL")
    imp.set_defaults(func=run_import)
    exp = vs.add_parser("export", help=tr("eksporter et besøk til en besøksfil"))
    exp.add_argument("visit_id", metavar="BESØK_ID")
    exp.add_argument("--out", type=Path, metavar="FIL",
                     help=tr("filnavn; filen krypteres med et passord for transport (.bvx), passordet fra "
                             "BOLIGVURDERING_EXPORT_PASSWORD eller spørsmål"))
    exp.add_argument("--encrypt", action="store_true", help=tr("kryptert fil (standard, kan utelates)"))
    exp.add_argument("--plain", action="store_true",
                     help=tr("ukryptert JSON (til skjermen uten --out); bare når mottakeren ikke kan lese .bvx"))
    exp.set_defaults(func=run_export)
    lst = vs.add_parser("list", help=tr("list besøk"))
    lst.set_defaults(func=run_list)


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.services.exchange import ExchangeService

    files: list[Path] = []
    for path in args.files:
        files += sorted([*path.glob("*.json"), *path.glob("*.bvx")]) if path.is_dir() else [path]
    if not files:
        print(tr("Ingen .json-filer funnet i {where}.", where=", ".join(str(p) for p in args.files)))
        return 1
    outcomes = ExchangeService(ctx.app).import_paths(files, password=_once(lambda: _export_password(confirm=False)))
    labels = {"new": tr("ny"), "updated": tr("oppdatert"), "refused": tr("AVVIST"), "error": tr("FEIL")}
    for o in outcomes:
        print(f"{labels[o.status]:10} {o.source}  {o.client_name}".rstrip())
        for problem in o.problems:
            print(f"           - {problem}")
    counts = {k: sum(1 for o in outcomes if o.status == k) for k in labels}
    print(tr("Ferdig: {new} nye, {updated} oppdatert, {refused} avvist.", **counts))
    return import_exit_code(outcomes)


def import_exit_code(outcomes: list[Any]) -> int:
    """0 all stored, 1 some refused, 70 when a file hit a bug (the others were still imported)."""
    from boligvurdering.cli.main import EXIT_CRASH

    if any(o.status == "error" for o in outcomes):
        return EXIT_CRASH
    return 1 if any(o.status == "refused" for o in outcomes) else 0


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    """Sealed (.bvx, password) by default; readable JSON only with ``--plain`` and a warning."""
    if not args.plain:
        from boligvurdering.services.backup import export_visit_encrypted

        if not args.out:
            raise UserError(tr("Oppgi filnavn med --out (filen krypteres), eller --plain for ukryptert JSON."))
        out = export_visit_encrypted(ctx.app, args.visit_id, args.out.with_suffix(".bvx"), _export_password(confirm=True))
        print(tr("Skrev kryptert fil {path}", path=out))
        return 0
    from boligvurdering.fileio import write_durably
    from boligvurdering.services.exchange import ExchangeService

    document = ExchangeService(ctx.app).export_visit(args.visit_id)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    print(tr("Advarsel: ukryptert fil med navn, fødselsnummer og helseopplysninger. Slett den når den er "
             "brukt, og send den aldri på e-post."), file=sys.stderr)
    if args.out:
        write_durably(args.out, text.encode("utf-8"))  # 0600: only this user can read it
        print(tr("Skrev {path}", path=args.out))
    else:
        sys.stdout.write(text)
    return 0


def run_list(_args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.domain.enums import VisitStatus

    visits = ctx.app.visits.list()
    if not visits:
        print(tr("Ingen besøk ennå. Opprett et besøk i programmet, eller kjør «boligvurdering demo»."))
    for v in visits:
        print(f"{v.id}  {format_date_short(v.visit_date) or '-':10}  {VisitStatus(v.status).label():14}  {v.client_name}")
    return 0


def _export_password(*, confirm: bool) -> str:
    """The transport password: BOLIGVURDERING_EXPORT_PASSWORD, or asked in the terminal."""
    import getpass
    import os

    env = os.environ.get("BOLIGVURDERING_EXPORT_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty():
        raise UserError(tr("Sett BOLIGVURDERING_EXPORT_PASSWORD, eller kjør kommandoen i en terminal."))
    password = getpass.getpass(tr("Passord for den krypterte filen: "))
    if confirm and getpass.getpass(tr("Gjenta passordet: ")) != password:
        raise UserError(tr("Passordene er ikke like."))
    return password


def _once(func: Any) -> Any:
    """Ask for the password the first time a .bvx file needs it, then reuse it."""
    cache: list[str] = []

    def get() -> str:
        if not cache:
            cache.append(func())
        return cache[0]
    return get
