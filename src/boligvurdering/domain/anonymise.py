"""What anonymising a client removes: one rule for the laptop's rows and the team server's documents.

Kept for the figures: status, dates, postcode, sex, year of birth, rooms, measures' structure and
every answer that is not free text. Removed: names, national ID (replaced by a pseudonym shared by
every copy of the client), contact data, free text, household economy and statement, and photos.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Iterable
from contextlib import suppress
from datetime import date
from typing import Any

ANONYMOUS = "Anonymisert"
PSEUDONYM_PREFIX = "ANONYM-"
_PSEUDONYM = re.compile(r"ANONYM-[0-9a-f]{12}")

#: field → value after anonymising, for the client, its dwelling, the visit and each measure
CLIENT_CLEARED: dict[str, str] = {"given_name": ANONYMOUS, "family_name": "", "phone": "", "notes": "",
                                  "malform": "", "gp_name": ""}
DWELLING_CLEARED: dict[str, str] = {"address": ANONYMOUS, "postal_place": ""}
VISIT_CLEARED: dict[str, str] = {"notes": "", "referral_reason": ""}
MEASURE_CLEARED: dict[str, str] = {"reason": "", "reject_reason": "", "quote_supplier": ""}


def new_pseudonym() -> str:
    """The stand-in for the national ID of an anonymised client (random: nothing leads back)."""
    return f"{PSEUDONYM_PREFIX}{uuid.uuid4().hex[:12]}"


def is_pseudonym(value: object) -> bool:
    return isinstance(value, str) and _PSEUDONYM.fullmatch(value) is not None


def first_of_year(born: date) -> date:
    return date(born.year, 1, 1)


def text_questions(questions: Iterable[Any]) -> set[str]:
    """The ids of the free-text questions (their answers go)."""
    return {q.id for q in questions if q.type == "text"}


def _cleared(part: Any, fields: dict[str, str], always: tuple[str, ...] = ()) -> Any:
    if not isinstance(part, dict):
        return part
    return {**part, **{k: v for k, v in fields.items() if k in part or k in always}}


def _without(answers: Any, text_question_ids: set[str]) -> Any:
    if not isinstance(answers, dict):
        return answers
    return {k: v for k, v in answers.items() if k not in text_question_ids}


def anonymise_document(doc: Any, pseudonym: str, text_question_ids: set[str]) -> Any:
    """A visit document (exchange format) anonymised; the input is left as it was.

    Answers keyed by a code instead of the question id are the exchange file's business, not the
    sync's: a synced document carries answers by id (and none at all at the visit level).
    """
    if not isinstance(doc, dict):
        return doc
    out = copy.deepcopy(doc)
    client = out.get("client")
    if isinstance(client, dict):
        client = out["client"] = _cleared(client, CLIENT_CLEARED, ("given_name", "family_name"))
        client["national_id"] = pseudonym
        with suppress(KeyError, TypeError, ValueError):  # no date to keep a year of: left to the document check
            client["birth_date"] = first_of_year(date.fromisoformat(client["birth_date"])).isoformat()
    out["dwelling"] = _cleared(out.get("dwelling"), DWELLING_CLEARED)
    out["visit"] = _cleared(out.get("visit"), VISIT_CLEARED)
    if isinstance(out.get("measures"), list):
        out["measures"] = [_cleared(m, MEASURE_CLEARED) for m in out["measures"]]
    if "photos" in out:
        out["photos"] = []
    if "answers" in out:
        out["answers"] = _without(out["answers"], text_question_ids)
    for room in out.get("rooms") or []:
        if isinstance(room, dict) and "answers" in room:
            room["answers"] = _without(room["answers"], text_question_ids)
    if isinstance(out.get("plan"), dict):  # household economy and statement: empty (a pulled empty one erases)
        out["plan"] = {k: {} if k == "household" else "" for k in out["plan"]}
    return out


def photo_shas(doc: Any) -> set[str]:
    """The SHA-256 sums of the photos a document names."""
    photos = doc.get("photos") if isinstance(doc, dict) else None
    return {str(p["sha256"]) for p in photos or [] if isinstance(p, dict) and p.get("sha256")}
