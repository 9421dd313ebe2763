"""Data access for consent per recipient and the disclosure log (issue 15)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from boligvurdering.domain.consent import ConsentRecord, DisclosureRecord
from boligvurdering.store.models import Consent, Disclosure
from boligvurdering.store.util import as_uuid


def _consent(row: Consent) -> ConsentRecord:
    return ConsentRecord(str(row.visit_id), row.recipient, row.given, row.given_on, row.form, row.recorded_by)


def put_consent(session: Session, *, visit_id: str, recipient: str, given: bool, given_on: date, form: str,
                recorded_by: str) -> tuple[ConsentRecord | None, ConsentRecord]:
    """Insert or replace one recipient's consent; returns (before, after)."""
    vid = as_uuid(visit_id)
    row = session.exec(select(Consent).where(Consent.visit_id == vid, Consent.recipient == recipient)).first()
    before = _consent(row) if row else None
    if row is None:
        row = Consent(visit_id=vid, recipient=recipient, given=given, given_on=given_on, form=form,
                      recorded_by=recorded_by)
        session.add(row)
    else:
        row.given, row.given_on, row.form, row.recorded_by = given, given_on, form, recorded_by
    session.flush()
    return before, _consent(row)


def consents_of(session: Session, *, visit_id: str) -> list[ConsentRecord]:
    rows = session.exec(select(Consent).where(Consent.visit_id == as_uuid(visit_id)).order_by(Consent.recipient))
    return [_consent(row) for row in rows]


def add_disclosure(session: Session, *, visit_id: str, document: str, recipient: str, sent_on: date, channel: str,
                   sent_by: str) -> DisclosureRecord:
    row = Disclosure(visit_id=as_uuid(visit_id), document=document, recipient=recipient, sent_on=sent_on,
                     channel=channel, sent_by=sent_by)
    session.add(row)
    session.flush()
    return _disclosure(row)


def _disclosure(row: Disclosure) -> DisclosureRecord:
    return DisclosureRecord(str(row.id), str(row.visit_id), row.document, row.recipient, row.sent_on, row.channel,
                            row.sent_by)


def disclosures_of(session: Session, *, visit_id: str) -> list[DisclosureRecord]:
    rows = session.exec(select(Disclosure).where(Disclosure.visit_id == as_uuid(visit_id))
                        .order_by(Disclosure.sent_on, Disclosure.created_at))
    return [_disclosure(row) for row in rows]
