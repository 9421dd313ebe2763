"""The one rule of what anonymising removes from a visit document (laptop and team server alike)."""

import copy

from boligvurdering.domain.anonymise import (
    anonymise_document,
    is_pseudonym,
    new_pseudonym,
    photo_shas,
)

DOC = {
    "client": {"national_id": "04034110066", "given_name": "Kari", "family_name": "Zyxwar", "birth_date": "1941-03-04",
               "sex": "F", "phone": "40000000", "notes": "hund", "malform": "nn", "lives_alone": True},
    "dwelling": {"address": "Vei 1", "postal_code": "5914", "postal_place": "Isdalstø", "floors": 2},
    "visit": {"status": "planlagt", "visit_date": "2026-11-20", "referral_reason": "Fall", "notes": "n", "team": []},
    "answers": {}, "rooms": [{"id": "r", "type": "bathroom", "answers": {"other_notes": "x", "wc_cm": 60}}],
    "measures": [{"title": "Rampe", "status": "proposed", "reason": "r", "reject_reason": "", "quote_supplier": "s"}],
    "photos": [{"id": "p", "sha256": "a" * 64}], "plan": {"household": {"savings": 1}, "statement": "s"},
}


def test_the_rule_removes_identity_and_free_text_and_keeps_the_figures():
    before = copy.deepcopy(DOC)
    pseudonym = new_pseudonym()
    out = anonymise_document(DOC, pseudonym, {"other_notes"})
    assert before == DOC  # the input is left as it was
    assert is_pseudonym(pseudonym) and not is_pseudonym("04034110066")
    assert out["client"] == {"national_id": pseudonym, "given_name": "Anonymisert", "family_name": "",
                             "birth_date": "1941-01-01", "sex": "F", "phone": "", "notes": "", "malform": "",
                             "lives_alone": True}
    assert out["dwelling"] == {"address": "Anonymisert", "postal_code": "5914", "postal_place": "", "floors": 2}
    assert out["visit"] == {"status": "planlagt", "visit_date": "2026-11-20", "referral_reason": "", "notes": "",
                            "team": []}
    assert out["rooms"][0]["answers"] == {"wc_cm": 60}
    assert out["measures"] == [{"title": "Rampe", "status": "proposed", "reason": "", "reject_reason": "",
                                "quote_supplier": ""}]
    assert out["photos"] == [] and out["plan"] == {"household": {}, "statement": ""} and photo_shas(DOC) == {"a" * 64}
    assert anonymise_document(out, pseudonym, {"other_notes"}) == out  # applied again: the same
