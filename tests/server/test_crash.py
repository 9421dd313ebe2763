"""kill -9 of the server at random points of a sync and of a photo upload (20 times): afterwards every
acknowledged change is on the server exactly once, nothing made on a laptop is missing, and both
laptops' data verify."""

import io
import os
import random
import threading

from PIL import Image
from sqlalchemy import func, select

from boligvurdering.server.accounts import token_hash
from boligvurdering.server.db import engine_for, transaction
from boligvurdering.server.models import Answer, Change, DeviceToken, PhotoBlob, PhotoChunk, Visit
from boligvurdering.services import audit, sync_steps
from boligvurdering.services.sync import SyncService
from boligvurdering.services.sync_http import ServerClient, ServerUnreachable

ROUNDS = 20
QUESTIONS = ("falls_tug_seconds", "falls_bal_tandem_seconds", "falls_fall_count")


def _photo_bytes(seed: int) -> bytes:
    rnd = random.Random(seed)
    img = Image.frombytes("RGB", (640, 480), rnd.randbytes(640 * 480 * 3))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


class Chaos:
    """Kills the server a random moment after the k-th request of a sync (k random)."""

    def __init__(self, server, rnd):
        self.server, self.rnd, self.calls, self.kill_at = server, rnd, 0, None
        self.acked = []  # (device counter) of every answer change the server acknowledged
        self.real_call = ServerClient.call
        self.timers = []

    def settle(self):
        """Cancel a kill not yet fired (and wait for one firing), so it cannot hit the next server."""
        for timer in self.timers:
            timer.cancel()
            timer.join()
        self.timers = []

    def call(self, client, method, path, body=None, **kw):
        self.calls += 1
        if self.calls == self.kill_at:
            timer = threading.Timer(self.rnd.uniform(0, 0.03), self.server.kill)
            self.timers.append(timer)
            timer.start()
        result = self.real_call(client, method, path, body, **kw)
        if path == "/push" and body.get("answers"):
            self.acked += [(client.token, a["counter"]) for a in result["answers"]]
        return result


def _edit(ctx, visit_id, rnd, round_no):
    for q in QUESTIONS:
        ctx.answers.save(visit_id, q, {"falls_fall_count": rnd.randint(0, 9)}.get(q, round(rnd.uniform(1, 10), 1)))
    if round_no % 4 == 0:
        ctx.photos.import_photo(visit_id, _photo_bytes(round_no), caption=f"runde {round_no}")


def test_kill_minus_9_mid_sync_and_mid_upload_loses_and_duplicates_nothing(server, enrolled, new_visit, monkeypatch):
    rnd = random.Random(int.from_bytes(os.urandom(4), "big"))
    monkeypatch.setattr(sync_steps, "CHUNK", 32 * 1024)  # many requests per photo: kills land mid-upload
    monkeypatch.setattr(sync_steps, "ANSWER_BATCH", 2)
    a, b = enrolled("a", "terapeut"), enrolled("b", "konsulent")
    laptops = [(a, new_visit(a, 1, "Aasen").id), (b, new_visit(b, 2, "Berg").id)]
    chaos = Chaos(server, rnd)
    monkeypatch.setattr(ServerClient, "call", lambda client, *args, **kw: chaos.call(client, *args, **kw))
    interrupted = 0
    for round_no in range(ROUNDS):
        ctx, visit_id = laptops[round_no % 2]
        _edit(ctx, visit_id, rnd, round_no)
        chaos.calls, chaos.kill_at = 0, rnd.randint(1, 12)
        try:
            SyncService(ctx).run()
        except ServerUnreachable:
            interrupted += 1
        chaos.settle()  # a kill timer still pending would hit the restarted server
        server.kill()
        server.start()
    chaos.kill_at = None
    for ctx in (a, b):
        SyncService(ctx).run()
    assert interrupted > 0

    engine = engine_for(server.env["BOLIGVURDERING_DATABASE_URL"])
    with transaction(engine) as s:
        # every acknowledged change once (the (device, counter) key) and every laptop value on the server
        changes = s.execute(select(Change.device_id, Change.counter, func.count()).group_by(
            Change.device_id, Change.counter)).all()
        assert all(n == 1 for _d, _c, n in changes)
        device_of = {t.token_hash: t.device_id for t in s.scalars(select(DeviceToken))}
        stored_changes = {(d, c) for d, c, _n in changes}
        acked = {(device_of[token_hash(t)], c) for t, c in chaos.acked}
        assert acked and acked <= stored_changes
        stored = {(str(r.visit_id), r.question_id): r.value_json for r in s.scalars(select(Answer))}
        assert s.scalar(select(func.count()).select_from(Visit)) == 2
        assert s.scalar(select(func.count()).select_from(PhotoChunk)) == 0
        blobs = set(s.scalars(select(PhotoBlob.sha256)))
    for ctx, visit_id in laptops:
        local, _rooms = ctx.answers.stored_answers(visit_id)  # hidden answers are stored and synced too
        assert len(local) == len(QUESTIONS)
        for q, value in local.items():
            assert float(stored[(visit_id, q)]) == value
        assert {p.sha256 for p in ctx.photos.list(visit_id)} <= blobs
        assert ctx.db.integrity_ok(full=True)
        assert audit.verify(ctx).ok
