"""Two writers never collide: UI-thread calls while a worker thread writes the audit log (issue #13)."""

import threading

from boligvurdering.domain.errors import DatabaseError
from boligvurdering.services import audit


def _visit(ctx):
    client = ctx.clients.create({"national_id": "15076500565", "given_name": "Test", "family_name": "Person"},
                                {"address": "Vei 1", "postal_code": "5914"})
    member = ctx.visits.add_member("Ingrid Fjell", "ergoterapeut", "40000001")
    return ctx.visits.create(client.id, data={"visit_date": "2026-11-20", "referral_reason": "Fall"},
                             team=[(member.id, "ergoterapeut")], contact_member_id=member.id)


def test_300_ui_calls_while_the_worker_writes_the_audit_log(ctx):
    visit = _visit(ctx)
    stop, written, worker_errors = threading.Event(), [], []

    def worker() -> None:  # the background thread: one audit entry per transaction, back to back
        while not stop.is_set():
            try:
                with ctx.db.transaction() as s:
                    audit.record(ctx, s, "test.background", visit_id=visit.id)
                written.append(1)
            except DatabaseError as exc:
                worker_errors.append(exc.message)

    thread = threading.Thread(target=worker)
    thread.start()
    busy = []
    try:
        for i in range(300):  # what the UI thread does: reads, and reads that write an answer + audit
            try:
                if i % 3 == 0:
                    ctx.answers.save(visit.id, "falls_worries", bool(i % 2))
                elif i % 3 == 1:
                    ctx.answers.answers(visit.id)
                else:
                    ctx.visits.get(visit.id)
            except DatabaseError as exc:
                busy.append(exc.message)
    finally:
        stop.set()
        thread.join()
    assert busy == [] and worker_errors == []
    assert len(written) > 0
    assert ctx.answers.answers(visit.id)[0]["falls_worries"] is True  # the last save (i = 297) holds
    assert audit.verify(ctx).ok
