"""Consent per recipient and the disclosure log: recipients, forms of consent, send channels.

Which document goes to which recipient is fixed here, so services, reports and the GUI agree:
the client letter and the archive report need no consent (the person themself, the journal);
every other document is refused unless the recipient's consent is recorded as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from boligvurdering.i18n import tr


class Recipient(StrEnum):
    """Who may receive information from the visit (and the tax-data consent and the fullmakt, own items)."""

    FASTLEGE = "fastlege"
    BRANNVESEN = "brannvesen"
    NAV = "nav"
    KOMMUNE = "kommune"
    PARORENDE = "parorende"
    SKATTEDATA = "skattedata"
    FULLMAKT = "fullmakt"  # power of attorney to the therapist for the applications (Nav, kommune)

    def label(self) -> str:
        return {
            Recipient.FASTLEGE: tr("Fastlegen"),
            Recipient.BRANNVESEN: tr("Brann- og redningsvesenet"),
            Recipient.NAV: tr("Nav Hjelpemiddelsentral"),
            Recipient.KOMMUNE: tr("Kommunen og Husbanken (tilskudd og startlån)"),
            Recipient.PARORENDE: tr("Pårørende"),
            Recipient.SKATTEDATA: tr("Innhenting av skatteopplysninger til behovsprøving"),
            Recipient.FULLMAKT: tr("Fullmakt til ergoterapeuten (søknader)"),
        }[self]

    def phrase(self) -> str:
        """The recipient inside a sentence («… sendes til fastlegen»)."""
        return {
            Recipient.FASTLEGE: tr("fastlegen"),
            Recipient.BRANNVESEN: tr("brann- og redningsvesenet"),
            Recipient.NAV: tr("Nav Hjelpemiddelsentral"),
            Recipient.KOMMUNE: tr("kommunen og Husbanken"),
            Recipient.PARORENDE: tr("pårørende"),
            Recipient.SKATTEDATA: tr("kommunen (skatteopplysninger)"),
            Recipient.FULLMAKT: tr("ergoterapeuten (fullmakt)"),
        }[self]


class ConsentForm(StrEnum):
    """How consent was given."""

    MUNTLIG = "muntlig"
    SKRIFTLIG = "skriftlig"

    def label(self) -> str:
        return {ConsentForm.MUNTLIG: tr("Muntlig"), ConsentForm.SKRIFTLIG: tr("Skriftlig")}[self]


class SendChannel(StrEnum):
    """How a document left the kommune."""

    POST = "post"
    DIGITAL_POST = "digital_post"
    HELSENETT = "helsenett"
    EPOST = "epost"
    OVERLEVERT = "overlevert"

    def label(self) -> str:
        return {
            SendChannel.POST: tr("Brev i posten"),
            SendChannel.DIGITAL_POST: tr("Digital post"),
            SendChannel.HELSENETT: tr("Helsenettet (e-melding)"),
            SendChannel.EPOST: tr("Kryptert e-post"),
            SendChannel.OVERLEVERT: tr("Levert personlig"),
        }[self]


#: Document kind → the recipient whose consent it needs (None: no consent needed).
DOCUMENT_RECIPIENT: dict[str, Recipient | None] = {
    "client": None,
    "archive": None,
    "tilskudd": Recipient.KOMMUNE,
    "nav-rampe": Recipient.NAV,
    "fastlege": Recipient.FASTLEGE,
    "brannvesen": Recipient.BRANNVESEN,
}


def recipient_label(kind: str) -> str:
    """Who receives document ``kind``, in words («Brukeren selv» for the letter, «Arkivet»)."""
    recipient = DOCUMENT_RECIPIENT.get(kind)
    if recipient is not None:
        return recipient.label()
    return tr("Brukeren selv") if kind == "client" else tr("Journal og arkiv")


@dataclass(frozen=True)
class ConsentRecord:
    """One recipient's consent on one visit."""

    visit_id: str
    recipient: str
    given: bool
    given_on: date
    form: str
    recorded_by: str = ""


@dataclass(frozen=True)
class DisclosureRecord:
    """One document marked as sent: what, to whom, when, how, by whom."""

    id: str
    visit_id: str
    document: str
    recipient: str
    sent_on: date
    channel: str
    sent_by: str = ""
