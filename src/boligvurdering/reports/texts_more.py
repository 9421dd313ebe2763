"""More document texts (consent, disclosure, applied amounts, advice): merged into ``texts.TEXTS``.

Kept apart only to keep each catalogue module short; look texts up with ``texts.t(key)``.
"""

from __future__ import annotations

MORE_TEXTS: dict[str, str] = {
    # consent and disclosure
    "consent.note": "Brukeren har gitt {form} samtykke {date} til at opplysningene sendes til {who} "
                    "(registrert av {by}).",
    "consent.head": "Samtykke",
    "consent.recipient": "Mottaker",
    "consent.state": "Samtykke",
    "consent.given": "Gitt",
    "consent.refused": "Nektet",
    "consent.not_asked": "Ikke registrert",
    "consent.line": "{state}, {form}, {date}",
    "consent.tax_given": "Brukeren samtykker til at kommunen henter skatteopplysninger til behovsprøvingen.",
    "consent.tax_refused": "Brukeren har ikke samtykket til at kommunen henter skatteopplysninger; "
                           "skattemeldingen må legges ved.",
    "disclosure.head": "Utlevering av opplysninger",
    "disclosure.document": "Dokument",
    "disclosure.recipient": "Mottaker",
    "disclosure.sent_on": "Sendt",
    "disclosure.channel": "Kanal",
    "disclosure.by": "Sendt av",
    "disclosure.none": "Ingen dokumenter er registrert som sendt.",
}
