"""The access log in words: action codes, record kinds and detail keys in Norwegian, record ids
shortened to a reference (the full id stays in the CSV export for investigations)."""

from __future__ import annotations

import re
from typing import Any

from boligvurdering.i18n import tr

KINDS = {
    "access": tr("Tilgang"), "answer": tr("Svar"), "answers": tr("Svar"), "assessment": tr("Kartlegging"),
    "audit": tr("Tilgangslogg"), "backlog": tr("Arbeidsliste"), "backup": tr("Sikkerhetskopi"),
    "client": tr("Bruker"), "dwelling": tr("Bolig"), "exchange": tr("Besøksfil"), "measure": tr("Tiltak"),
    "photo": tr("Bilde"), "plan": tr("Plan"), "privacy": tr("Personvern"), "room": tr("Rom"),
    "score": tr("Risikovurdering"), "screen": tr("Skjerm"), "team_member": tr("Teammedlem"),
    "user": tr("Brukerkonto"), "users": tr("Brukerkontoer"), "visit": tr("Besøk"), "document": tr("Dokument"),
}
VERBS = {
    "add": tr("lagt til"), "anonymise": tr("anonymisert"), "caption": tr("bildetekst endret"),
    "create": tr("opprettet"), "deactivate": tr("deaktivert"), "delete": tr("slettet"),
    "denied": tr("nektet"), "erase": tr("slettet"), "export": tr("eksportert"), "household": tr("husstand lagret"),
    "import": tr("importert"), "list": tr("liste vist"), "password": tr("passord endret"),
    "read": tr("lest"), "rename": tr("nytt navn"), "reset_password": tr("passord tilbakestilt"),
    "restore": tr("gjenopprettet"), "save": tr("lagret"), "search": tr("søk"), "sign": tr("signert"),
    "snapshot": tr("lagret"), "statement": tr("uttalelse lagret"), "status": tr("status endret"),
    "team": tr("team endret"), "unlock": tr("låst opp"), "update": tr("endret"), "view": tr("vist"),
    "write": tr("endret"), "manage": tr("administrert"),
}
DETAIL_KEYS = {
    "results": tr("treff"), "count": tr("antall"), "forms": tr("skjemaer"), "client_id": tr("bruker"),
    "visit_id": tr("besøk"), "status": tr("status"), "kind": tr("type"), "reason": tr("grunn"),
    "question_id": tr("spørsmål"), "room_id": tr("rom"), "fields": tr("felt"), "members": tr("medlemmer"),
    "new": tr("ny"), "changed": tr("endret"),
}
FIELDS = {
    "status": tr("status"), "title": tr("navn"), "reason": tr("begrunnelse"), "cost_min": tr("kostnad"),
    "cost_max": tr("kostnad"), "quantity": tr("antall"), "unit_price": tr("enhetspris"),
    "quote_amount": tr("tilbud"), "quote_date": tr("tilbudsdato"), "quote_supplier": tr("leverandør"),
    "responsible_role": tr("ansvarlig"), "reject_reason": tr("grunn til avvisning"), "visit_date": tr("dato"),
    "phone": tr("telefon"), "address": tr("adresse"), "caption": tr("bildetekst"), "name": tr("navn"),
}
FORMS = {"falls": tr("fall"), "fire": tr("brann"), "housing": tr("bolig"), "nutrition": tr("ernæring"),
         "opening": tr("innledning"), "other": tr("helse og hverdag")}
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def action_text(code: str) -> str:
    """``visit.read`` → «Besøk: lest»; an unknown code is described, never shown raw."""
    kind, _, verb = (code or "").partition(".")
    return f"{KINDS.get(kind, tr('Annet'))}: {VERBS.get(verb, tr('handling'))}"


def reference(value: str) -> str:
    """A short reference instead of a 36-character id."""
    return tr("ref. {ref}", ref=value[:8]) if _ID.match(value or "") else (value or "")


def record_text(kind: str, record_id: str) -> str:
    parts = [KINDS.get(kind, tr("Annet")) if kind else "", reference(record_id)]
    return " ".join(p for p in parts if p)


def details_text(details: Any) -> str:
    """``{"results": 5}`` → «treff: 5»; ids shortened, lists joined."""
    if not details:
        return ""
    if not isinstance(details, dict):
        return str(details)
    out = []
    for key, value in sorted(details.items()):
        name = DETAIL_KEYS.get(key)
        if name is None:
            continue  # an internal detail without a Norwegian name stays in the CSV export only
        out.append(f"{name}: {_value(value)}")
    return "; ".join(out)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return tr("ja") if value else tr("nei")
    if isinstance(value, dict):  # {"field": [old, new]}: which fields, in words
        names = sorted({FIELDS[f] for f in value if f in FIELDS})
        others = sum(1 for f in value if f not in FIELDS)
        return ", ".join(names + ([tr("{n} andre felt", n=others)] if others else []))
    if isinstance(value, list | tuple):
        return ", ".join(FORMS.get(str(v), reference(str(v))) for v in value)
    return reference(str(value)) if value not in (None, "") else "–"
