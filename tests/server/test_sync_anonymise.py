"""Anonymisation travels: the team lead's laptop anonymises, the server and the therapist's laptop follow.

Real PostgreSQL, a live server and two laptops (tests/server/conftest.py).
"""

import json
import uuid

from sqlalchemy import func, select

from boligvurdering.services.measures import MeasureService
from boligvurdering.services.privacy import anonymise_client
from boligvurdering.services.sync import SyncService

FREE_TEXT = ("har hund", "snakker lite", "faller på", "Bygg AS", "ringte igjen", "ikke ha besøk", "Fall")


def _jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 120, 40)).save(out, "JPEG", quality=90)
    return out.getvalue()


def _server(server):
    from boligvurdering.server.db import engine_for, transaction

    return transaction(engine_for(server.env["BOLIGVURDERING_DATABASE_URL"]))


def _audit_actions(ctx) -> list[str]:
    from boligvurdering.services import audit

    return [e["action"] for e in audit.entries(ctx)]


def test_anonymisation_reaches_the_server_and_the_other_laptops(server, enrolled, new_visit):
    from boligvurdering.server.lead_models import LeadCase
    from boligvurdering.server.models import Answer, AuditEvent, PhotoBlob, Visit, VisitAnonymised

    therapist, lead = enrolled("t", "terapeut"), enrolled("lead", "leder")
    visit = new_visit(therapist, 11, "Zyxwar")
    national_id = therapist.clients.get(visit.client_id).national_id
    therapist.visits.update(visit.id, {"notes": "Zyxwar har hund"})
    therapist.answers.save(visit.id, "other_notes", "Zyxwar snakker lite")  # free text
    therapist.answers.save(visit.id, "falls_tug_seconds", 14.2)  # a figure
    MeasureService(therapist).save(visit.id, {"title": "Rampe", "reason": "Zyxwar faller på trappa",
                                              "quote_supplier": "Zyxwar Bygg AS"})
    photo = therapist.photos.import_photo(visit.id, _jpeg())
    SyncService(therapist).run()
    SyncService(lead).run()
    with _server(server) as s:
        assert s.scalar(select(func.count()).select_from(PhotoBlob)) == 1
    # the therapist is offline and changes the referral reason and a free-text answer
    therapist.visits.update(visit.id, {"referral_reason": "Zyxwar ringte igjen"})
    therapist.answers.save(visit.id, "other_notes", "Zyxwar vil ikke ha besøk")

    status = therapist.visits.get(visit.id).status
    anonymise_client(lead, lead.visits.get(visit.id).client_id)
    assert SyncService(lead).run().notices == ()  # nothing of the lead's was lost

    with _server(server) as s:
        row = s.get(Visit, uuid.UUID(visit.id))
        doc = json.loads(row.doc_json)
        assert not any(text in row.doc_json for text in (*FREE_TEXT, national_id))
        assert "Zyxwar" not in json.dumps(doc["client"])  # (the fixture's team member is «terapeut Zyxwar»)
        pseudonym = doc["client"]["national_id"]
        assert pseudonym.startswith("ANONYM-") and doc["client"]["given_name"] == "Anonymisert"
        assert doc["client"]["birth_date"] == "1941-01-01" and row.client_name == "Anonymisert"
        assert doc["visit"]["referral_reason"] == "" and doc["visit"]["notes"] == ""
        assert doc["photos"] == [] and doc["plan"] == {"household": {}, "statement": ""}
        assert [(m["title"], m["reason"], m["quote_supplier"]) for m in doc["measures"]] == [("Rampe", "", "")]
        assert s.scalar(select(func.count()).select_from(PhotoBlob)) == 0
        answers = {a.question_id: (a.deleted, a.value_json) for a in s.scalars(
            select(Answer).where(Answer.visit_id == uuid.UUID(visit.id)))}
        assert answers == {"other_notes": (True, None), "falls_tug_seconds": (False, "14.2")}
        mark = s.get(VisitAnonymised, uuid.UUID(visit.id))
        assert (mark.pseudonym, mark.anonymised_by) == (pseudonym, "leder") and mark.seq < row.seq
        case = s.get(LeadCase, uuid.UUID(visit.id))
        assert (case.given_name, case.family_name) == ("Anonymisert", "")
        assert national_id not in case.search_key and "zyxwar" not in case.search_key
        # the lead laptop's access log reached the server with the anonymisation in it
        logged = s.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.anonymise")).all()
        assert [e.client_id for e in logged] == [lead.visits.get(visit.id).client_id]

    report = SyncService(therapist).run()  # pushes the stale edit first, then learns of the anonymisation

    assert report.notices and any("anonymisert" in n for n in report.notices)
    assert "anonymisert" in report.summary()
    client = therapist.clients.get(visit.client_id)
    assert (client.national_id, client.given_name, client.family_name) == (pseudonym, "Anonymisert", "")
    kept = therapist.visits.get(visit.id)
    assert (kept.referral_reason, kept.notes, kept.status, str(kept.visit_date)) == ("", "", status, "2026-11-20")
    assert therapist.answers.answers(visit.id)[0] == {"falls_tug_seconds": 14.2}
    assert [(m.title, m.reason) for m in MeasureService(therapist).list(visit.id)] == [("Rampe", "")]
    assert not any(therapist.paths.photos.glob(f"{photo.id}*"))
    assert "sync.anonymised" in _audit_actions(therapist)
    with _server(server) as s:  # the stale edit did not bring the text back
        row = s.get(Visit, uuid.UUID(visit.id))
        assert not any(text in row.doc_json for text in (*FREE_TEXT, national_id))
        notes = s.get(Answer, (uuid.UUID(visit.id), "other_notes", ""))
        assert (notes.deleted, notes.value_json) == (True, None)
    # both laptops settle on the same anonymised visit; nothing more travels
    SyncService(lead).run()
    again = SyncService(therapist).run()
    assert (again.visits_sent, again.answers_sent, again.notices) == (0, 0, ())
    assert lead.clients.get(lead.visits.get(visit.id).client_id).national_id == pseudonym
    # a later change of the anonymised visit travels as any other, without a word about anonymisation
    therapist.visits.update(visit.id, {"priority": 1})
    later = SyncService(therapist).run()
    assert (later.visits_sent, later.notices) == (1, ())
    SyncService(lead).run()
    assert lead.visits.get(visit.id).priority == 1


def test_a_laptop_that_never_had_the_visit_gets_it_anonymised(server, enrolled, new_visit):
    therapist, lead = enrolled("t", "terapeut"), enrolled("lead", "leder")
    visit = new_visit(therapist, 12, "Qvistad")
    SyncService(therapist).run()
    SyncService(lead).run()
    anonymise_client(lead, lead.visits.get(visit.id).client_id)
    SyncService(lead).run()
    newcomer = enrolled("lead2", "leder")  # the same lead on a new laptop

    assert SyncService(newcomer).run().visits_received == 1

    client = newcomer.clients.get(newcomer.visits.get(visit.id).client_id)
    assert client.national_id.startswith("ANONYM-") and client.given_name == "Anonymisert"
    assert newcomer.visits.get(visit.id).status == therapist.visits.get(visit.id).status


def test_the_server_refuses_an_anonymised_document_without_the_mark(server, enrolled, new_visit):
    import pytest

    from boligvurdering.services.exchange import ExchangeService
    from boligvurdering.services.sync_http import ServerClient, ServerRefused
    from boligvurdering.store import sync

    a = enrolled("a", "terapeut")
    visit = new_visit(a, 13, "Rusten")
    doc = ExchangeService(a).export_visit(visit.id)
    doc["client"].update(national_id="ANONYM-0123456789ab", given_name="Anonymisert", family_name="")
    with a.db.transaction() as s:
        url, token = sync.account(s, "terapeut")[1:]
    with pytest.raises(ServerRefused, match="client.national_id"):
        ServerClient(url, token).call("POST", "/push", {"visits": [{"id": visit.id, "counter": 999, "doc": doc,
                                                                    "hash": "x"}]})
    doc["client"]["national_id"] = "12345678901"
    with pytest.raises(ServerRefused, match="ANONYM"):
        ServerClient(url, token).call("POST", "/push", {"visits": [{"id": visit.id, "counter": 998, "doc": doc,
                                                                    "hash": "x", "anonymise": True}]})


def test_unsent_free_text_is_lost_to_an_anonymisation_pulled_first(server, enrolled, new_visit):
    from boligvurdering.server.models import Visit
    from boligvurdering.services import sync_steps
    from boligvurdering.services.sync_http import ServerClient
    from boligvurdering.store import sync as repo

    therapist, lead = enrolled("t", "terapeut"), enrolled("lead", "leder")
    visit = new_visit(therapist, 14, "Ulvestad")
    SyncService(therapist).run()
    SyncService(lead).run()
    therapist.visits.update(visit.id, {"referral_reason": "Ulvestad ringte igjen", "priority": 1})  # offline
    therapist.answers.save(visit.id, "other_notes", "Ulvestad vil ikke ha besøk")
    anonymise_client(lead, lead.visits.get(visit.id).client_id)
    SyncService(lead).run()
    with therapist.db.transaction() as s:
        url, token = repo.account(s, "terapeut")[1:]
    notices: list[str] = []

    sync_steps.pull(therapist, ServerClient(url, token), lambda *_: None, notices)  # before any push

    assert notices and "slettet" in notices[0]
    kept = therapist.visits.get(visit.id)
    assert (kept.referral_reason, kept.priority) == ("", 1)  # the free text is gone, the figure stays
    assert therapist.answers.answers(visit.id)[0] == {}
    report = SyncService(therapist).run()  # the visit goes out with the anonymise mark: accepted as it is
    assert report.visits_sent == 1 and report.notices == ()
    with _server(server) as s:
        row = s.get(Visit, uuid.UUID(visit.id))
        assert "Ulvestad ringte" not in row.doc_json and json.loads(row.doc_json)["visit"]["priority"] == 1
