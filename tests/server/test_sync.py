"""Two laptop data folders and one server: visits on both, synced; team lead sees all; conflicts."""

from boligvurdering.services.sync import SyncService


def test_visits_from_two_laptops_reach_the_team_lead(enrolled, new_visit):
    a = enrolled("a", "terapeut")
    b = enrolled("b", "konsulent")
    lead = enrolled("lead", "leder")
    va, vb = new_visit(a, 1, "Aasen"), new_visit(b, 2, "Berg")
    a.answers.save(va.id, "falls_tug_seconds", 14.2)
    bath = b.visits.add_room(vb.id, "bathroom")
    b.answers.save(vb.id, "housing_wc_free_side_cm", 60, room_id=bath.id)

    report_a = SyncService(a).run()
    assert (report_a.visits_sent, report_a.answers_sent) == (1, 1)
    SyncService(b).run()
    report_lead = SyncService(lead).run()

    assert report_lead.visits_received == 2
    assert {v.id for v in lead.visits.list()} == {va.id, vb.id}
    assert lead.answers.answers(va.id)[0] == {"falls_tug_seconds": 14.2}
    assert lead.answers.answers(vb.id)[1] == {bath.id: {"housing_wc_free_side_cm": 60.0}}
    # the therapist gets only the visits she works on, not the consultant's
    SyncService(a).run()
    assert {v.id for v in a.visits.list()} == {va.id}
    # a second sync sends and receives nothing new
    again = SyncService(lead).run()
    assert (again.visits_sent, again.answers_sent, again.visits_received, again.answers_received) == (0, 0, 0, 0)


def test_same_answer_changed_on_two_laptops_is_a_conflict_then_resolved(enrolled, new_visit):
    a = enrolled("a", "terapeut")
    lead = enrolled("lead", "leder")
    visit = new_visit(a, 3, "Dahl")
    a.answers.save(visit.id, "falls_tug_seconds", 14.2)
    SyncService(a).run()
    SyncService(lead).run()
    a.answers.save(visit.id, "falls_tug_seconds", 20.0)  # both offline, same answer
    lead.answers.save(visit.id, "falls_tug_seconds", 11.0)

    first = SyncService(a).run()
    second = SyncService(lead).run()
    assert (first.new_conflicts, second.new_conflicts) == (0, 1)
    [conflict] = SyncService(lead).conflicts()
    assert (conflict.kept, conflict.kept_by, conflict.other, conflict.other_by) == (20.0, "terapeut", 11.0, "leder")
    assert conflict.kept_at and conflict.other_at
    assert lead.answers.answers(visit.id)[0]["falls_tug_seconds"] == 20.0  # the server's value, nothing silent:
    SyncService(a).run()
    assert [c.id for c in SyncService(a).conflicts()] == [conflict.id]  # both laptops show the conflict

    SyncService(lead).resolve(conflict.id, "other")
    SyncService(lead).run()
    assert SyncService(lead).conflicts() == []
    SyncService(a).run()
    assert SyncService(a).conflicts() == []
    assert a.answers.answers(visit.id)[0]["falls_tug_seconds"] == 11.0


def test_deleted_answer_travels_as_a_tombstone(enrolled, new_visit):
    a = enrolled("a", "terapeut")
    lead = enrolled("lead", "leder")
    visit = new_visit(a, 4, "Eide")
    a.answers.save(visit.id, "falls_worries", True)
    SyncService(a).run()
    SyncService(lead).run()
    assert lead.answers.answers(visit.id)[0] == {"falls_worries": True}
    a.answers.save(visit.id, "falls_worries", None)
    SyncService(a).run()
    SyncService(lead).run()
    assert lead.answers.answers(visit.id)[0] == {}


def test_later_changes_to_a_visit_travel_and_unsent_local_changes_are_kept(enrolled, new_visit):
    a = enrolled("a", "terapeut")
    lead = enrolled("lead", "leder")
    visit = new_visit(a, 5, "Foss")
    SyncService(a).run()
    SyncService(lead).run()
    room = a.visits.add_room(visit.id, "bathroom", "Bad oppe")
    a.answers.save(visit.id, "housing_wc_free_side_cm", 45, room_id=room.id)
    assert SyncService(a).run().visits_sent == 1
    assert SyncService(a).run().visits_sent == 0  # nothing changed since
    SyncService(lead).run()
    assert [r.name for r in lead.visits.rooms(visit.id)] == ["Bad oppe"]
    assert lead.answers.answers(visit.id)[1] == {room.id: {"housing_wc_free_side_cm": 45.0}}

    a.visits.rename_room(room.id, "Bad nede")
    SyncService(a).run()
    lead.visits.add_room(visit.id, "kitchen", "Kjøkken")  # the lead's own change, not yet sent
    from boligvurdering.services import sync_steps
    from boligvurdering.services.sync_http import ServerClient

    with lead.db.transaction() as s:
        from boligvurdering.store import sync as repo

        url, token = repo.account(s, "leder")[1:]
    sync_steps.pull(lead, ServerClient(url, token), lambda *_: None)  # pull alone: must not drop the kitchen
    assert sorted(r.name for r in lead.visits.rooms(visit.id)) == ["Bad oppe", "Kjøkken"]
    SyncService(lead).run()
    SyncService(a).run()
    # merged field by field: the therapist's new room name and the lead's kitchen both survive
    assert sorted(r.name for r in a.visits.rooms(visit.id)) == ["Bad nede", "Kjøkken"]
    assert sorted(r.name for r in lead.visits.rooms(visit.id)) == ["Bad nede", "Kjøkken"]


def test_access_logs_of_every_laptop_reach_the_server_and_verify_there(server, enrolled, new_visit, capsys):
    import pytest

    from boligvurdering.cli.main import main
    from boligvurdering.server.audit import verify_all
    from boligvurdering.server.db import engine_for, transaction
    from boligvurdering.services.sync_http import ServerClient, ServerRefused
    from boligvurdering.store import security, sync

    a, b = enrolled("a", "terapeut"), enrolled("b", "konsulent")
    new_visit(a, 6, "Gran")
    for ctx in (a, b, a):
        SyncService(ctx).run()
    with transaction(engine_for(server.env["BOLIGVURDERING_DATABASE_URL"])) as s:
        reports = verify_all(s)
    with a.db.transaction() as s:
        sent = sync.device(s).audit_sent
        url, token = sync.account(s, "terapeut")[1:]
        first = next(security.iter_audit(s))
    assert len(reports) == 2 and all(r.ok for r in reports.values())
    assert sent > 0 and sent in {r.checked for r in reports.values()}
    # a forged entry does not extend the chain
    forged = {**first, "seq": sent + 1, "prev_hash": first["hash"], "action": "forged"}
    with pytest.raises(ServerRefused, match="henger ikke sammen"):
        ServerClient(url, token).call("POST", "/push", {"audit": [forged]})
    import os

    os.environ["BOLIGVURDERING_DATABASE_URL"] = server.env["BOLIGVURDERING_DATABASE_URL"]
    try:
        assert main(["server", "verify-audit"]) == 0
    finally:
        del os.environ["BOLIGVURDERING_DATABASE_URL"]
    assert capsys.readouterr().out.count("kjeden er i orden") == 2


def test_assigned_visit_reaches_the_consultant_without_the_health_answers(enrolled, new_visit):
    import pytest

    from boligvurdering.services.sync_http import ServerRefused

    therapist, consultant = enrolled("a", "terapeut"), enrolled("b", "konsulent")
    visit = new_visit(therapist, 7, "Hauge")
    therapist.answers.save(visit.id, "falls_tug_seconds", 14.2)  # health: not for the consultant
    bath = therapist.visits.add_room(visit.id, "bathroom")
    therapist.answers.save(visit.id, "housing_wc_free_side_cm", 55, room_id=bath.id)
    SyncService(therapist).run()
    SyncService(consultant).run()
    assert consultant.visits.list() == []  # not hers yet
    assert SyncService(therapist).assign(visit.id, "konsulent") is True
    with pytest.raises(ServerRefused, match="et annet team"):
        SyncService(therapist).assign(visit.id, "fremmed")
    report = SyncService(consultant).run()
    assert report.visits_received == 1
    assert [v.id for v in consultant.visits.list()] == [visit.id]
    with consultant.db.transaction() as s:
        from boligvurdering.store import answers as repo

        visit_level, rooms = repo.answers_of(s, visit_id=visit.id)
    assert visit_level == {} and rooms == {bath.id: {"housing_wc_free_side_cm": 55.0}}


def test_a_client_erased_on_the_laptop_does_not_block_the_sync(enrolled, new_visit):
    from boligvurdering.services.privacy import delete_client

    a = enrolled("a", "terapeut")
    kept, erased = new_visit(a, 8, "Iversen"), new_visit(a, 9, "Jakobsen")
    a.answers.save(kept.id, "falls_tug_seconds", 12.0)
    a.answers.save(erased.id, "falls_tug_seconds", 30.0)
    delete_client(a, erased.client_id, "feilregistrert")
    report = SyncService(a).run()
    assert (report.visits_sent, report.answers_sent) == (1, 1)


def test_server_refuses_a_visit_document_that_is_not_valid(server, enrolled, new_visit):
    import pytest

    from boligvurdering.services.exchange import ExchangeService
    from boligvurdering.services.sync_http import ServerClient, ServerRefused
    from boligvurdering.store import sync

    a = enrolled("a", "terapeut")
    visit = new_visit(a, 10, "Kvam")
    doc = ExchangeService(a).export_visit(visit.id)
    doc["client"]["national_id"] = "15076500566"  # wrong check digit
    with a.db.transaction() as s:
        url, token = sync.account(s, "terapeut")[1:]
    with pytest.raises(ServerRefused, match="client.national_id") as err:
        ServerClient(url, token).call("POST", "/push", {"visits": [{"id": visit.id, "counter": 999, "doc": doc,
                                                                    "hash": "x"}]})
    assert err.value.code == "invalid"
    assert SyncService(a).run().visits_sent == 1  # the laptop's own, valid document goes through
