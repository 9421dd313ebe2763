"""Anonymised visits on the team server: a laptop's anonymisation travels as the anonymise mark.

The first push with the mark anonymises the server's copy with the laptop's rule
(``domain.anonymise``): the document, the free-text answers (deleted, so the deletion travels),
the conflicts (they hold both values) and the photos no other visit names. A row in
``visit_anonymised`` tells the team's laptops at their next pull, and every later push of the
visit — a laptop offline meanwhile sends its old document — is anonymised again before it is stored.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from boligvurdering.domain.anonymise import (
    anonymise_document,
    is_pseudonym,
    photo_shas,
    text_questions,
)
from boligvurdering.i18n import tr
from boligvurdering.server import blobs, errors
from boligvurdering.server.accounts import Principal
from boligvurdering.server.db import next_seq
from boligvurdering.server.models import Answer, Conflict, VisitAnonymised, utcnow

log = logging.getLogger(__name__)


def text_question_ids() -> set[str]:
    from boligvurdering.server.sync import registry

    return text_questions(registry().questions())


def pseudonym_of(s: Session, visit_id: uuid.UUID, item: dict[str, Any]) -> tuple[str | None, bool]:
    """(the visit's pseudonym, whether this push anonymises it first); ``None``: not anonymised."""
    row = s.get(VisitAnonymised, visit_id)
    if row is not None:
        return row.pseudonym, False
    if not item.get("anonymise"):
        return None, False
    doc = item.get("doc")
    client = doc.get("client") if isinstance(doc, dict) else None
    pseudonym = client.get("national_id") if isinstance(client, dict) else None
    if not is_pseudonym(pseudonym):
        raise errors.invalid(tr("Et anonymisert besøk må ha et anonymt fødselsnummer («ANONYM-…»)."))
    return str(pseudonym), True


def anonymised(doc: Any, pseudonym: str) -> Any:
    return anonymise_document(doc, pseudonym, text_question_ids())


def anonymised_visits(s: Session, visit_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """visit id → the seq of its anonymisation, for those of ``visit_ids`` that are anonymised."""
    if not visit_ids:
        return {}
    return dict(s.execute(select(VisitAnonymised.visit_id, VisitAnonymised.seq)
                          .where(VisitAnonymised.visit_id.in_(visit_ids))).tuples().all())


def record(s: Session, p: Principal, visit_id: uuid.UUID, pseudonym: str, seq: int, old_doc: dict[str, Any]) -> None:
    """The server's copy anonymised (its document is stored already): answers, conflicts, photos, the row."""
    s.execute(insert(VisitAnonymised).values(visit_id=visit_id, team_id=p.team_id, seq=seq, pseudonym=pseudonym,
                                             anonymised_by=p.username, anonymised_at=utcnow())
              .on_conflict_do_nothing())
    text = text_question_ids()
    for answer in s.scalars(select(Answer).where(Answer.visit_id == visit_id, Answer.question_id.in_(text),
                                                 Answer.deleted.is_(False))):
        answer.value_json, answer.deleted, answer.seq = None, True, next_seq(s)
        answer.changed_by, answer.changed_at = p.username, utcnow()
    s.execute(delete(Conflict).where(Conflict.visit_id == visit_id))
    s.flush()
    blobs.drop_unshared(s, photo_shas(old_doc))
    log.info("visit %s anonymised by %s (device %s)", visit_id, p.username, p.device_id)


def pulled(s: Session, team_id: uuid.UUID, cursor: int, limit: int) -> list[Any]:
    """(visit id, seq, pseudonym) of the team's anonymisations after ``cursor``."""
    return list(s.execute(select(VisitAnonymised.visit_id, VisitAnonymised.seq, VisitAnonymised.pseudonym).where(
        VisitAnonymised.team_id == team_id, VisitAnonymised.seq > cursor).order_by(VisitAnonymised.seq)
        .limit(limit)).all())

