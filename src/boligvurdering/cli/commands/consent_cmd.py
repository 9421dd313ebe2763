"""``boligvurdering consent set|list|sent``: consent per recipient and documents marked as sent.

``consent set VISIT RECIPIENT --given|--refused [--how muntlig|skriftlig] [--date ÅÅÅÅ-MM-DD]``
records one recipient's consent; ``consent list VISIT`` prints every recipient's consent and the
disclosure log; ``consent sent VISIT --kind KIND --channel post|...`` marks a document as sent
(refused, exit 2, without given consent). ``report --mark-sent`` uses the same path.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.cli.main import CliContext

#: Spellings accepted on the command line → stored values (English and hyphenated forms too).
FORM_ALIASES = {"muntlig": "muntlig", "oral": "muntlig", "skriftlig": "skriftlig", "written": "skriftlig"}
CHANNEL_ALIASES = {"post": "post", "brev": "post", "digital_post": "digital_post", "digital-post": "digital_post",
                   "digitalpost": "digital_post", "helsenett": "helsenett", "e-melding": "helsenett",
                   "epost": "epost", "e-post": "epost", "email": "epost", "overlevert": "overlevert",
                   "personlig": "overlevert"}
RECIPIENT_ALIASES = {"pårørende": "parorende", "skatt": "skattedata"}


def register(sub: Any) -> None:
    consent = sub.add_parser("consent", help=tr("samtykke per mottaker og dokumenter markert som sendt"))
    cs = consent.add_subparsers(dest="consent_command", metavar="KOMMANDO", required=True)
    put = cs.add_parser("set", help=tr("registrer samtykke (gitt eller nektet) for én mottaker"))
    put.add_argument("visit_id", metavar="BESØK")
    put.add_argument("recipient", metavar="MOTTAKER",
                     help=tr("fastlege, brannvesen, nav, kommune, parorende, skattedata eller fullmakt"))
    which = put.add_mutually_exclusive_group(required=True)
    which.add_argument("--given", dest="given", action="store_true", help=tr("samtykket er gitt"))
    which.add_argument("--refused", dest="refused", action="store_true", help=tr("samtykket er nektet"))
    put.add_argument("--how", default="muntlig", metavar="MÅTE", help=tr("muntlig (standard) eller skriftlig"))
    put.add_argument("--date", default=None, metavar="ÅÅÅÅ-MM-DD", help=tr("datoen for samtykket (standard: i dag)"))
    put.set_defaults(func=run_set)
    lst = cs.add_parser("list", help=tr("vis samtykkene og utleveringsloggen for et besøk"))
    lst.add_argument("visit_id", metavar="BESØK")
    lst.set_defaults(func=run_list)
    sent = cs.add_parser("sent", help=tr("marker et dokument som sendt (føres i utleveringsloggen)"))
    sent.add_argument("visit_id", metavar="BESØK")
    add_sent_arguments(sent, kind_required=True)
    sent.set_defaults(func=run_sent)


def add_sent_arguments(parser: argparse.ArgumentParser, *, kind_required: bool) -> None:
    """``--kind``/``--channel``/``--sent-on``, shared with ``report --mark-sent``."""
    if kind_required:
        parser.add_argument("--kind", required=True, metavar="DOKUMENT",
                            help=tr("client, tilskudd, nav-rampe, fastlege eller brannvesen"))
    parser.add_argument("--channel", default=None, metavar="KANAL",
                        help=tr("post, digital_post, helsenett, epost eller overlevert"))
    parser.add_argument("--sent-on", default=None, metavar="ÅÅÅÅ-MM-DD", help=tr("sendt-dato (standard: i dag)"))


def _pick(value: str, aliases: dict[str, str], message: str) -> str:
    picked = aliases.get(value.strip().lower())
    if picked is None:
        raise UserError(message)
    return picked


def _recipient(value: str) -> str:
    from boligvurdering.domain.consent import Recipient

    known = [r.value for r in Recipient]
    value = RECIPIENT_ALIASES.get(value.strip().lower(), value.strip().lower())
    if value not in known:
        raise UserError(tr("Ukjent mottaker «{value}». Velg en av: {known}.", value=value, known=", ".join(known)))
    return value


def run_set(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.domain.consent import ConsentForm, Recipient

    recipient = _recipient(args.recipient)
    form = _pick(args.how, FORM_ALIASES, tr("Ugyldig måte «{value}»: bruk muntlig eller skriftlig.", value=args.how))
    record = ctx.app.consent.record(args.visit_id, recipient, given=bool(args.given),
                                    given_on=args.date or date.today(), form=form)
    state = tr("gitt") if record.given else tr("nektet")
    print(tr("Samtykke for {who}: {state} ({form}, {date}).", who=Recipient(recipient).label(), state=state,
             form=ConsentForm(record.form).label().lower(), date=record.given_on.isoformat()))
    return 0


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from boligvurdering.domain.consent import ConsentForm, Recipient, SendChannel, recipient_label

    consents = ctx.app.consent.consents(args.visit_id)
    disclosures = ctx.app.consent.disclosures(args.visit_id)  # both read before printing: a bad id says so once
    for r in Recipient:
        c = consents.get(r.value)
        text = tr("ikke spurt") if c is None else tr("{state}, {form}, {date}, registrert av {by}",
                                                      state=tr("gitt") if c.given else tr("nektet"),
                                                      form=ConsentForm(c.form).label().lower(),
                                                      date=c.given_on.isoformat(), by=c.recorded_by or "-")
        print(f"{r.value:11} {text}")
    print(tr("Utleveringslogg:") if disclosures else tr("Utleveringslogg: ingen dokumenter er markert som sendt."))
    for d in disclosures:
        print(f"  {d.sent_on.isoformat()}  {d.document:10}  {recipient_label(d.document)}  "
              f"({SendChannel(d.channel).label()}, {d.sent_by or '-'})")
    return 0


def sent_channel(channel: str | None) -> str:
    """The stored channel for ``--channel`` (checked before a document is written)."""
    if not channel:
        raise UserError(tr("Oppgi hvordan dokumentet ble sendt med --channel "
                           "(post, digital_post, helsenett, epost eller overlevert)."))
    return _pick(channel, CHANNEL_ALIASES, tr("Ukjent kanal «{value}»: bruk post, digital_post, helsenett, "
                                              "epost eller overlevert.", value=channel))


def mark_sent(ctx: CliContext, visit_id: str, kind: str, channel: str | None, sent_on: str | None) -> None:
    """Log ``kind`` as sent (with the applied amount for an application); raises ``UserError`` on refusal."""
    from boligvurdering.services.documents import KINDS, DocumentService

    picked = sent_channel(channel)
    if kind not in KINDS or kind == "archive":
        raise UserError(tr("Dokumentet «{kind}» sendes ikke ut. Velg client, tilskudd, nav-rampe, fastlege "
                           "eller brannvesen.", kind=kind))
    amount = DocumentService(ctx.app).applied_amount(visit_id, kind)
    record = ctx.app.consent.mark_sent(visit_id, kind, sent_on=sent_on or date.today(), channel=picked,
                                       amount_applied=amount)
    print(tr("Markert som sendt {date}: {kind}.", date=record.sent_on.isoformat(), kind=kind))


def run_sent(args: argparse.Namespace, ctx: CliContext) -> int:
    mark_sent(ctx, args.visit_id, args.kind, args.channel, args.sent_on)
    return 0
