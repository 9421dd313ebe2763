"""The audit log's head anchored outside the database (issue 19, item 4)."""

import itertools
import json
from datetime import date, timedelta

import pytest

from boligvurdering.domain.national_id import make_synthetic
from boligvurdering.security.audit_chain import GENESIS, link
from boligvurdering.services import audit, backup
from boligvurdering.services.auth import unlock
from boligvurdering.store.db import Database

from .conftest import ADMIN


def _raw(paths, key):
    """What someone with the database key and the project's own code can do to the file."""
    db = Database(paths.database, key)
    conn = db.engine.raw_connection()
    return db, conn


_NUMBERS = itertools.count(0)


def _some_work(ctx, n=3):
    for _ in range(n):
        born = date(1930, 1, 1) + timedelta(days=next(_NUMBERS))
        ctx.clients.create({"national_id": make_synthetic(born, 123, female=True).value, "given_name": "Navn",
                            "family_name": "Loggsen"}, {"address": "Storgata 1", "postal_code": "5000"})


def _rewrite_from(conn, seq):
    """Recompute every hash from ``seq`` on, as a forger with the code would."""
    rows = conn.execute("SELECT seq, at, actor, role, action, record_type, record_id, client_id, details_json "
                        "FROM audit_entry WHERE seq >= ? ORDER BY seq", (seq,)).fetchall()
    prev = conn.execute("SELECT hash FROM audit_entry WHERE seq = ?", (seq - 1,)).fetchone()
    prev = prev[0] if prev else GENESIS
    for row in rows:
        entry = dict(zip(("seq", "at", "actor", "role", "action", "record_type", "record_id", "client_id"), row[:8],
                         strict=True), details=json.loads(row[8]))
        h = link(prev, entry)
        conn.execute("UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, row[0]))
        prev = h


def test_truncation_is_detected(paths, secure):
    _some_work(secure)
    key = secure.db.key
    secure.close()
    db, conn = _raw(paths, key)
    conn.execute("DROP TRIGGER audit_entry_no_delete")
    top = conn.execute("SELECT max(seq) FROM audit_entry").fetchone()[0]
    conn.execute("DELETE FROM audit_entry WHERE seq > ?", (top - 3,))
    conn.commit()
    conn.close()
    db.close()
    ctx = unlock(paths, *ADMIN)
    try:
        report = audit.verify(ctx)
        assert not report.ok and "avkortet" in report.reason
    finally:
        ctx.close()
    ctx = unlock(paths, *ADMIN)  # signing in again does not move the anchor onto the shorter log
    try:
        assert not audit.verify(ctx).ok
    finally:
        ctx.close()


def test_insert_or_replace_is_refused_and_a_rewritten_chain_detected(paths, secure):
    _some_work(secure)
    key = secure.db.key
    secure.close()
    db, conn = _raw(paths, key)
    with pytest.raises(Exception):  # noqa: B017 - the delete guard fires for REPLACE's implicit delete
        conn.execute("INSERT OR REPLACE INTO audit_entry (id, seq, at, actor, role, action, record_type, record_id, "
                     "client_id, details_json, prev_hash, hash, created_at, updated_at) SELECT id, seq, at, 'mallory', "
                     "role, action, record_type, record_id, client_id, details_json, prev_hash, hash, created_at, "
                     "updated_at FROM audit_entry WHERE seq = 2")
    conn.rollback()
    conn.execute("DROP TRIGGER audit_entry_no_update")
    conn.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 2")
    _rewrite_from(conn, 2)
    conn.commit()
    conn.close()
    db.close()
    ctx = unlock(paths, *ADMIN)
    try:
        report = audit.verify(ctx)
        assert not report.ok and "skrevet om" in report.reason
    finally:
        ctx.close()


def test_copying_an_old_database_back_is_detected_restore_is_logged(paths, secure, tmp_path):
    _some_work(secure, 1)
    made = backup.create_backup(secure)
    _some_work(secure, 2)
    backup.restore(secure, made)  # the way back that is allowed: logged as a rollback
    entries = audit.entries(secure)
    rollback = [e for e in entries if e["action"] == "audit.rollback"]
    assert len(rollback) == 1 and rollback[0]["details"]["rolled_back"]["anchored_entries"] > \
        rollback[0]["details"]["rolled_back"]["entries_in_backup"]
    assert audit.verify(secure).ok
    old_copy = tmp_path / "old.db"
    secure.db.checkpoint()
    old_copy.write_bytes(paths.database.read_bytes())
    _some_work(secure, 2)
    secure.close()
    paths.database.write_bytes(old_copy.read_bytes())  # a silent rollback
    ctx = unlock(paths, *ADMIN)
    try:
        report = audit.verify(ctx)
        assert not report.ok and ("avkortet" in report.reason or "skrevet om" in report.reason)
    finally:
        ctx.close()


def test_a_colleague_with_the_database_key_cannot_forge_the_lead_anchor(paths, secure):
    """Item 2: the lead anchor's key is random and wrapped only to team leads and administrators."""
    from boligvurdering.security import audit_anchor as anchors
    from boligvurdering.services import auth

    auth.add_user(secure, "bygg", "passord for bygg", "Bygg", "byggteknisk")
    _some_work(secure)
    secure.close()
    keys = json.loads(paths.keystore.read_text())
    assert "bygg" not in keys["categories"]["audit"]["keys"][keys["categories"]["audit"]["current"]]["grants"]
    bygg = unlock(paths, "bygg", "passord for bygg")
    key = bygg.db.key
    bygg.close()
    lead_before = anchors.load(paths.keystore, anchors.LEAD_SLOT)
    db, conn = _raw(paths, key)  # Bygg removes the last entries and re-signs the anchor Bygg can sign
    conn.execute("DROP TRIGGER audit_entry_no_delete")
    top = conn.execute("SELECT max(seq) FROM audit_entry").fetchone()[0]
    conn.execute("DELETE FROM audit_entry WHERE seq > ?", (top - 4,))
    count, head = conn.execute("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1").fetchone()
    conn.commit()
    conn.close()
    db.close()
    for path in (paths.keystore, paths.backups / "keys.json"):
        if path.exists():
            anchors.store(path, anchors.Anchor.signed(anchors.anchor_key(key), count, head))
    assert lead_before is not None and lead_before.count > count
    ctx = unlock(paths, *ADMIN)
    try:
        report = audit.verify(ctx)
        assert not report.ok and "avkortet" in report.reason
    finally:
        ctx.close()
