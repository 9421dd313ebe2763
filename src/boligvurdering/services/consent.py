"""Consent per recipient, documents marked as sent (disclosure log) and the status moves they cause.

A document to a recipient other than the client and the archive is made only on recorded,
given consent. Marking a document sent logs what, to whom, when, how and by whom, audited in
the same transaction, and moves the case: the client letter → Rapport sendt; an application →
Søknad sendt (with the applied amount recorded as the application).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.consent import (
    DOCUMENT_RECIPIENT,
    ConsentForm,
    ConsentRecord,
    DisclosureRecord,
    Recipient,
    SendChannel,
)
from boligvurdering.domain.enums import VisitStatus
from boligvurdering.domain.errors import InvalidValue, NotFound
from boligvurdering.domain.formatting import format_date
from boligvurdering.i18n import tr
from boligvurdering.services import audit
from boligvurdering.services.pipeline import NEXT, change_status, check_move, refresh_next_due
from boligvurdering.store import backlog as backlog_repo
from boligvurdering.store import consent as repo
from boligvurdering.store import visits as visit_repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

S = VisitStatus
#: Application documents → the financing channel their application is recorded under.
APPLICATION_CHANNEL = {"tilskudd": "kommunalt_tilskudd", "nav-rampe": "nav_tilskudd_rampe_heis"}


class ConsentRefused(InvalidValue):
    """A document to a recipient without given consent (the message names the recipient)."""


def consent_problem(kind: str, consents: dict[str, ConsentRecord]) -> str:
    """Why document ``kind`` may not be sent ("" when it may): no consent recorded, or refused."""
    recipient = DOCUMENT_RECIPIENT.get(kind)
    if recipient is None:
        return ""
    record = consents.get(recipient.value)
    if record is None:
        return tr("Samtykke til å sende opplysninger til {who} er ikke registrert. "
                  "Registrer samtykket under Samtykke.", who=recipient.phrase())
    if not record.given:
        return tr("Brukeren har ikke samtykket til at opplysninger sendes til {who} "
                  "(registrert {date}). Dokumentet lages ikke.", who=recipient.phrase(),
                  date=format_date(record.given_on))
    return ""


def _clean_date(value: Any, label: str, today: date) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise InvalidValue(tr("{label} må være en dato (ÅÅÅÅ-MM-DD).", label=label)) from None
    if not isinstance(value, date):
        raise InvalidValue(tr("{label} må være en dato (ÅÅÅÅ-MM-DD).", label=label))
    if value > today:
        raise InvalidValue(tr("{label} kan ikke være etter i dag.", label=label))
    return value


class ConsentService:
    """Record consent, check it before a document is made, and log documents sent."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _visit(self, s: Any, visit_id: str) -> Any:
        try:
            record = visit_repo.get_visit(s, visit_id=visit_id)
        except ValueError:
            record = None
        if record is None:
            raise NotFound(tr("Fant ikke besøket {id}.", id=visit_id))
        return record

    def record(self, visit_id: str, recipient: str, *, given: bool, given_on: Any, form: str,
               today: date | None = None) -> ConsentRecord:
        """Store one recipient's consent (given or refused), date and form; audited."""
        if recipient not in {r.value for r in Recipient}:
            raise InvalidValue(tr("Ukjent mottaker for samtykke."))
        if form not in {f.value for f in ConsentForm}:
            raise InvalidValue(tr("Velg om samtykket er muntlig eller skriftlig."))
        if not isinstance(given, bool):
            raise InvalidValue(tr("Velg om samtykket er gitt eller nektet."))
        day = _clean_date(given_on, tr("Datoen for samtykket"), today or date.today())
        with self.ctx.db.transaction() as s:
            self._visit(s, visit_id)
            before, after = repo.put_consent(s, visit_id=visit_id, recipient=recipient, given=given, given_on=day,
                                             form=form, recorded_by=self.ctx.actor or "")
            audit.record(self.ctx, s, "consent.record", visit_id=visit_id, details={
                "recipient": recipient, "given": given, "form": form, "given_on": day.isoformat(),
                "before": None if before is None else before.given})
        return after

    def log_refusal(self, visit_id: str, kind: str) -> None:
        """Audit a document refused for want of consent (its own transaction)."""
        audit.log_separately(self.ctx, "document.refused_consent", visit_id=visit_id, details={"document": kind})

    def consents(self, visit_id: str) -> dict[str, ConsentRecord]:
        """The visit's consents by recipient id."""
        with self.ctx.db.transaction() as s:
            self._visit(s, visit_id)
            return {c.recipient: c for c in repo.consents_of(s, visit_id=visit_id)}

    def disclosures(self, visit_id: str) -> list[DisclosureRecord]:
        """Documents marked as sent, oldest first."""
        with self.ctx.db.transaction() as s:
            self._visit(s, visit_id)
            return repo.disclosures_of(s, visit_id=visit_id)

    def mark_sent(self, visit_id: str, kind: str, *, sent_on: Any, channel: str, amount_applied: float | None = None,
                  today: date | None = None) -> DisclosureRecord:
        """Log document ``kind`` as sent and move the case; refused without consent or out of order."""
        if kind not in DOCUMENT_RECIPIENT or kind == "archive":
            raise InvalidValue(tr("Dette dokumentet sendes ikke ut."))
        if channel not in {c.value for c in SendChannel}:
            raise InvalidValue(tr("Velg hvordan dokumentet ble sendt."))
        day = _clean_date(sent_on, tr("Sendt-datoen"), today or date.today())
        with self.ctx.db.transaction() as s:
            visit = self._visit(s, visit_id)
            problem = consent_problem(kind, {c.recipient: c for c in repo.consents_of(s, visit_id=visit_id)})
            if problem:
                raise ConsentRefused(problem)
            self._move(s, visit_id, visit.status, kind, day, amount_applied)
            recipient = DOCUMENT_RECIPIENT[kind]
            record = repo.add_disclosure(s, visit_id=visit_id, document=kind,
                                         recipient=recipient.value if recipient else "bruker", sent_on=day,
                                         channel=channel, sent_by=self.ctx.actor or "")
            audit.record(self.ctx, s, "document.sent", visit_id=visit_id, details={
                "document": kind, "recipient": record.recipient, "channel": channel, "sent_on": day.isoformat()})
            refresh_next_due(s, visit_id)
        return record

    def _move(self, s: Any, visit_id: str, status: str, kind: str, day: date, amount: float | None) -> None:
        """The status move a sent document causes (none when the case is already further on)."""
        order = list(S)
        if kind == "client":
            target = S.RAPPORT_SENDT
        elif kind in APPLICATION_CHANNEL:
            target = S.SOKNAD_SENDT
        else:
            return
        if status == target or (target not in NEXT[status] and order.index(S(status)) > order.index(target)):
            pass  # already there or further on: the document is logged, the case stays
        else:
            check_move(status, target)
            change_status(self.ctx, s, visit_id, target.value, tr("Dokument sendt"))
        if target == S.SOKNAD_SENDT:
            backlog_repo.add_application(s, visit_id=visit_id, channel=APPLICATION_CHANNEL[kind], sent_at=day,
                                         amount_applied=amount)
