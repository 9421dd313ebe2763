"""Visit-level fields on two laptops: merged field by field; the same field changed on both is a conflict.

And a visit erased on one laptop (privacy) is erased on the server and on the team's other laptops.
"""

from sqlalchemy import text

from boligvurdering.services.sync import SyncService


def test_same_visit_field_changed_on_two_laptops_is_a_conflict_then_resolved(enrolled, new_visit):
    a = enrolled("a", "terapeut")
    lead = enrolled("lead", "leder")
    visit = new_visit(a, 11, "Lunde")
    SyncService(a).run()
    SyncService(lead).run()
    a.visits.update(visit.id, {"notes": "Ringer først", "referral_reason": "Fall i trapp"})  # both offline
    lead.visits.update(visit.id, {"notes": "Nøkkel hos nabo", "priority": 1})

    first, second = SyncService(a).run(), SyncService(lead).run()
    assert (first.new_conflicts, second.new_conflicts) == (0, 0)  # visit conflicts arrive with the pull
    [conflict] = SyncService(lead).conflicts()
    assert conflict.question == "Besøk: notater"
    assert (conflict.kept, conflict.kept_by, conflict.other, conflict.other_by) == (
        "Ringer først", "terapeut", "Nøkkel hos nabo", "leder")
    assert conflict.kept_at and conflict.other_at
    merged = lead.visits.get(visit.id)  # the other fields were merged, not overwritten
    assert (merged.notes, merged.referral_reason, merged.priority) == ("Ringer først", "Fall i trapp", 1)
    SyncService(a).run()
    assert [c.id for c in SyncService(a).conflicts()] == [conflict.id]  # both laptops show it
    assert (a.visits.get(visit.id).priority, a.visits.get(visit.id).notes) == (1, "Ringer først")

    SyncService(lead).resolve(conflict.id, "other")
    assert lead.visits.get(visit.id).notes == "Nøkkel hos nabo"
    SyncService(lead).run()
    assert SyncService(lead).conflicts() == []
    SyncService(a).run()
    assert SyncService(a).conflicts() == []
    assert a.visits.get(visit.id).notes == "Nøkkel hos nabo"
    # settled: nothing more goes back and forth
    assert (SyncService(a).run().visits_sent, SyncService(lead).run().visits_received) == (0, 0)


def test_keeping_the_current_value_settles_the_conflict_everywhere(enrolled, new_visit):
    a = enrolled("a", "terapeut")
    lead = enrolled("lead", "leder")
    visit = new_visit(a, 12, "Moe")
    SyncService(a).run()
    SyncService(lead).run()
    a.visits.update(visit.id, {"visit_date": "2026-12-01"})
    lead.visits.update(visit.id, {"visit_date": "2026-12-03"})
    SyncService(a).run()
    SyncService(lead).run()
    [conflict] = SyncService(lead).conflicts()
    assert (conflict.kept, conflict.other) == ("2026-12-01", "2026-12-03")
    SyncService(lead).resolve(conflict.id, "kept")
    SyncService(lead).run()
    SyncService(a).run()
    assert SyncService(a).conflicts() == [] and SyncService(lead).conflicts() == []
    assert str(a.visits.get(visit.id).visit_date) == str(lead.visits.get(visit.id).visit_date) == "2026-12-01"


def test_a_visit_erased_on_a_laptop_is_erased_on_the_server_and_the_other_laptops(server, enrolled, new_visit):
    from boligvurdering.server.db import engine_for, transaction
    from boligvurdering.services.privacy import delete_client
    from boligvurdering.store import security

    a = enrolled("a", "terapeut")
    lead = enrolled("lead", "leder")
    erased, kept = new_visit(a, 13, "Nes"), new_visit(a, 14, "Olsen")
    a.answers.save(erased.id, "falls_tug_seconds", 30.0)
    SyncService(a).run()
    SyncService(lead).run()
    assert {v.id for v in lead.visits.list()} == {erased.id, kept.id}

    delete_client(lead, lead.visits.get(erased.id).client_id, "krav om sletting")  # client ids are per laptop
    SyncService(lead).run()
    with transaction(engine_for(server.env["BOLIGVURDERING_DATABASE_URL"])) as s:
        left = {str(v) for v in s.execute(text("SELECT id FROM visit")).scalars()}
        answers = s.execute(text("SELECT count(*) FROM answer WHERE visit_id = :v"), {"v": erased.id}).scalar()
        tombstones = [str(v) for v in s.execute(text("SELECT visit_id FROM visit_tombstone")).scalars()]
    assert (left, answers, tombstones) == ({kept.id}, 0, [erased.id])

    a.visits.update(erased.id, {"notes": "Endret før slettingen nådde hit"})  # unsent changes to the erased visit
    a.answers.save(erased.id, "falls_tug_seconds", 31.0)
    SyncService(a).run()
    assert [v.id for v in a.visits.list()] == [kept.id]
    with transaction(engine_for(server.env["BOLIGVURDERING_DATABASE_URL"])) as s:  # not brought back
        assert s.execute(text("SELECT count(*) FROM visit WHERE id = :v"), {"v": erased.id}).scalar() == 0
        assert s.execute(text("SELECT count(*) FROM answer WHERE visit_id = :v"), {"v": erased.id}).scalar() == 0
    with a.db.transaction() as s:
        entries = [e for e in security.iter_audit(s) if e["action"] == "sync.erased"]
        assert security.visit_ids_of_client(s, client_id=erased.client_id) == []
    assert [(e["record_id"], e["client_id"]) for e in entries] == [(erased.id, erased.client_id)]
    assert SyncService(a).run().visits_received == 0  # erased once, not again
