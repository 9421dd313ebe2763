"""A room deleted on one laptop takes its answers with it on the server and on every other laptop."""

from sqlalchemy import select

from boligvurdering.server.db import engine_for, transaction
from boligvurdering.server.models import Answer
from boligvurdering.services.sync import SyncService


def test_deleted_room_answers_are_deleted_everywhere(server, enrolled, new_visit):
    a = enrolled("a", "terapeut")
    lead = enrolled("lead", "leder")
    visit = new_visit(a, 5, "Fjell")
    bath = a.visits.add_room(visit.id, "bathroom")
    a.answers.save(visit.id, "housing_wc_free_side_cm", 60, room_id=bath.id)
    a.answers.save(visit.id, "falls_tug_seconds", 12.5)
    SyncService(a).run()
    SyncService(lead).run()
    assert lead.answers.answers(visit.id)[1] == {bath.id: {"housing_wc_free_side_cm": 60.0}}

    a.visits.delete_room(bath.id)
    SyncService(a).run()
    with transaction(engine_for(server.env["BOLIGVURDERING_DATABASE_URL"])) as s:
        live = {(r.question_id, r.scope) for r in s.scalars(select(Answer).where(Answer.deleted.is_(False)))}
    assert live == {("falls_tug_seconds", "")}
    SyncService(lead).run()
    assert lead.answers.answers(visit.id) == ({"falls_tug_seconds": 12.5}, {})
