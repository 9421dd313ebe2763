"""The access log in words: action codes, record kinds and detail keys in Norwegian, record ids
shortened to a reference (the full id stays in the CSV export for investigations)."""

from __future__ import annotations

import re
from typing import Any

from boligvurdering.i18n import N_, tr

KINDS = {
    "access": N_("Tilgang"), "answer": N_("Svar"), "answers": N_("Svar"), "assessment": N_("Kartlegging"),
    "audit": N_("Tilgangslogg"), "backlog": N_("Arbeidsliste"), "backup": N_("Sikkerhetskopi"),
    "client": N_("Bruker"), "dwelling": N_("Bolig"), "exchange": N_("Besøksfil"), "measure": N_("Tiltak"),
    "photo": N_("Bilde"), "plan": N_("Plan"), "privacy": N_("Personvern"), "room": N_("Rom"),
    "score": N_("Risikovurdering"), "screen": N_("Skjerm"), "team_member": N_("Teammedlem"),
    "user": N_("Brukerkonto"), "users": N_("Brukerkontoer"), "visit": N_("Besøk"), "document": N_("Dokument"),
}
VERBS = {
    "add": N_("lagt til"), "anonymise": N_("anonymisert"), "anonymised": N_("anonymisert"),
    "caption": N_("bildetekst endret"), "erased": N_("slettet"),
    "create": N_("opprettet"), "deactivate": N_("deaktivert"), "delete": N_("slettet"),
    "denied": N_("nektet"), "erase": N_("slettet"), "export": N_("eksportert"), "household": N_("husstand lagret"),
    "import": N_("importert"), "list": N_("liste vist"), "password": N_("passord endret"),
    "read": N_("lest"), "rename": N_("nytt navn"), "reset_password": N_("passord tilbakestilt"),
    "restore": N_("gjenopprettet"), "save": N_("lagret"), "search": N_("søk"), "sign": N_("signert"),
    "snapshot": N_("lagret"), "statement": N_("uttalelse lagret"), "status": N_("status endret"),
    "team": N_("team endret"), "unlock": N_("låst opp"), "update": N_("endret"), "view": N_("vist"),
    "write": N_("endret"), "manage": N_("administrert"),
}
DETAIL_KEYS = {
    "results": N_("treff"), "count": N_("antall"), "forms": N_("skjemaer"), "client_id": N_("bruker"),
    "visit_id": N_("besøk"), "status": N_("status"), "kind": N_("type"), "reason": N_("grunn"),
    "question_id": N_("spørsmål"), "room_id": N_("rom"), "fields": N_("felt"), "members": N_("medlemmer"),
    "new": N_("ny"), "changed": N_("endret"),
}
FIELDS = {
    "status": N_("status"), "title": N_("navn"), "reason": N_("begrunnelse"), "cost_min": N_("kostnad"),
    "cost_max": N_("kostnad"), "quantity": N_("antall"), "unit_price": N_("enhetspris"),
    "quote_amount": N_("tilbud"), "quote_date": N_("tilbudsdato"), "quote_supplier": N_("leverandør"),
    "responsible_role": N_("ansvarlig"), "reject_reason": N_("grunn til avvisning"), "visit_date": N_("dato"),
    "phone": N_("telefon"), "address": N_("adresse"), "caption": N_("bildetekst"), "name": N_("navn"),
}
FORMS = {"falls": N_("fall"), "fire": N_("brann"), "housing": N_("bolig"), "nutrition": N_("ernæring"),
         "opening": N_("innledning"), "other": N_("helse og hverdag")}
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def action_text(code: str) -> str:
    """``visit.read`` → «Besøk: lest»; an unknown code is described, never shown raw."""
    kind, _, verb = (code or "").partition(".")
    return f"{tr(KINDS.get(kind, N_('Annet')))}: {tr(VERBS.get(verb, N_('handling')))}"


def reference(value: str) -> str:
    """A short reference instead of a 36-character id."""
    return tr("ref. {ref}", ref=value[:8]) if _ID.match(value or "") else (value or "")


def record_text(kind: str, record_id: str) -> str:
    parts = [tr(KINDS.get(kind, N_("Annet"))) if kind else "", reference(record_id)]
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
        out.append(f"{tr(name)}: {_value(value)}")
    return "; ".join(out)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return tr("ja") if value else tr("nei")
    if isinstance(value, dict):  # {"field": [old, new]}: which fields, in words
        names = sorted({tr(FIELDS[f]) for f in value if f in FIELDS})
        others = sum(1 for f in value if f not in FIELDS)
        return ", ".join(names + ([tr("{n} andre felt", n=others)] if others else []))
    if isinstance(value, list | tuple):
        return ", ".join(tr(FORMS[str(v)]) if str(v) in FORMS else reference(str(v)) for v in value)
    return reference(str(value)) if value not in (None, "") else "–"
