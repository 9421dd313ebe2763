"""Signing in, need-to-know access, the audit log, backups and plaintext migration — via the services."""

import sqlite3

import pytest

from boligvurdering.domain.errors import AccessDenied, DatabaseError, UserError
from boligvurdering.security.instance_lock import AlreadyRunning
from boligvurdering.security.keystore import AuthenticationFailed
from boligvurdering.services import audit, auth, backup
from boligvurdering.services.auth import first_start, unlock
from boligvurdering.services.context import open_context

from .conftest import ADMIN, new_client, new_visit


def test_first_start_then_unlock(paths, secure):
    client = new_client(secure)
    secure.close()
    with pytest.raises(AuthenticationFailed):
        unlock(paths, "admin", "feil passord 123")
    ctx = unlock(paths, *ADMIN)
    try:
        assert ctx.actor == "admin" and ctx.role == "administrator"
        assert ctx.clients.get(client.id).given_name == "Zyxwar"
        assert ctx.db.key is not None and ctx.file_cipher is not None
        with pytest.raises(AlreadyRunning):
            unlock(paths, *ADMIN)
        with pytest.raises(UserError):
            first_start(paths, "other", "et annet passord", "X")
    finally:
        ctx.close()
    assert paths.database.read_bytes()[:16] != b"SQLite format 3\x00"


def test_added_user_can_sign_in_deactivated_cannot(paths, secure):
    auth.add_user(secure, "bygg", "byggmester 2026", "Bo Bygg", "byggteknisk")
    with pytest.raises(UserError):
        auth.add_user(secure, "kort", "kort", "", "ergoterapeut")
    secure.close()
    ctx = unlock(paths, "bygg", "byggmester 2026")
    assert ctx.role == "byggteknisk"
    with pytest.raises(AccessDenied):
        auth.add_user(ctx, "x2", "passord passord", "", "ergoterapeut")
    ctx.close()
    admin = unlock(paths, *ADMIN)
    auth.deactivate(admin, "bygg")
    admin.close()
    with pytest.raises(AuthenticationFailed):
        unlock(paths, "bygg", "byggmester 2026")


def _as(paths, secure, username, role):
    auth.add_user(secure, username, "passord for " + username, username, role)


def test_need_to_know_byggteknisk(paths, secure):
    client = new_client(secure)
    visit = new_visit(secure, client)
    secure.answers.save(visit.id, "falls_fallen_past_year", True)
    room = secure.visits.add_room(visit.id, "bathroom")
    _as(paths, secure, "bygg", "byggteknisk")
    secure.close()
    ctx = unlock(paths, "bygg", "passord for bygg")
    try:
        visit_level, _rooms = ctx.answers.answers(visit.id)
        assert "falls_fallen_past_year" not in visit_level  # health answers filtered out
        with pytest.raises(AccessDenied) as exc:
            ctx.answers.save(visit.id, "falls_fallen_past_year", False)
        assert "Ingen tilgang" in exc.value.message
        with pytest.raises(AccessDenied):
            ctx.assessment.score(visit.id)
        housing_q = next(q for q in ctx.registry.form("housing").questions() if q.room_scoped and
                         ("*" in q.room_types or "bathroom" in q.room_types) and q.type == "yes_no")
        ctx.answers.save(visit.id, housing_q.id, True, room_id=room.id)  # the dwelling is theirs
        with pytest.raises(AccessDenied):
            audit.entries(ctx)
    finally:
        ctx.close()
    admin = unlock(paths, *ADMIN)
    actions = [e["action"] for e in audit.entries(admin)]
    admin.close()
    assert "access.denied" in actions and "answer.save" in actions


def test_matrix_covers_every_role():
    from boligvurdering.domain.enums import Role
    from boligvurdering.services.access import HEALTH_DOMAINS, MATRIX

    assert set(MATRIX) == set(Role)
    for role in ("byggteknisk", "boligkonsulent"):
        assert not any(f"answers.read:{d}" in MATRIX[role] for d in HEALTH_DOMAINS)
        assert "score.read" not in MATRIX[role]
    for role in ("ergoterapeut", "fysioterapeut", "teamleder"):
        assert all(f"answers.read:{d}" in MATRIX[role] for d in HEALTH_DOMAINS)
    assert "audit.read" not in MATRIX["ergoterapeut"] and "users.manage" in MATRIX["teamleder"]


def test_audit_records_reads_changes_and_consent_without_health_values(paths, secure):
    client = new_client(secure)
    visit = new_visit(secure, client)
    secure.answers.save(visit.id, "opening_consent_visit", True)
    secure.answers.save(visit.id, "falls_fallen_past_year", True)
    secure.clients.update(client.id, {"national_id": client.national_id, "given_name": "Annet",
                                      "family_name": "Qlompeheim"})
    secure.clients.get(client.id)
    entries = audit.entries(secure)
    by_action = {e["action"]: e for e in entries}
    assert by_action["consent.visit"]["details"]["value"] is True
    assert by_action["answer.save"]["details"] == {"question": "falls_fallen_past_year", "cleared": False}
    assert by_action["client.update"]["details"] == {"changed": {"given_name": None}}  # names never logged
    assert by_action["client.read"]["client_id"] == client.id
    assert all("Zyxwar" not in str(e) and client.national_id not in str(e) for e in entries)
    assert audit.verify(secure).ok


def test_audit_tampering_is_detected_and_named(paths, secure):
    new_client(secure)
    with secure.db.engine.connect() as conn, pytest.raises(Exception):  # noqa: B017 - the trigger refuses updates
        conn.exec_driver_sql("UPDATE audit_entry SET actor='mallory' WHERE seq=2")
        conn.commit()
    with secure.db.engine.connect() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
        conn.exec_driver_sql("UPDATE audit_entry SET actor='mallory' WHERE seq=2")
        conn.commit()
    report = audit.verify(secure)
    assert not report.ok and report.broken_seq == 2


def test_backup_restore_round_trip(paths, secure, tmp_path):
    client = new_client(secure)
    made = backup.create_backup(secure)
    assert made.read_bytes()[:4] == b"BVE1"
    info = backup.verify_backup(made, secure.db.key, tmp_path / "work")
    from boligvurdering.store.migrate import known_revisions

    assert info.revision == known_revisions()[1]
    new_client(secure, "Etter", "Kopien", n=130)
    backup.restore(secure, made)
    names = {c.given_name for c in secure.clients.search("")}
    assert names == {client.given_name}
    for _ in range(12):
        backup.create_backup(secure, "auto", check_access=False)
    assert len(backup.backups(paths, "auto")) == backup.KEEP


def test_restore_refuses_damaged_backup_and_keeps_database(paths, secure):
    new_client(secure)
    made = backup.create_backup(secure)
    broken = made.with_name("broken.bvbak")
    data = bytearray(made.read_bytes())
    data[len(data) // 2] ^= 0xFF
    broken.write_bytes(bytes(data))
    with pytest.raises(UserError):
        backup.restore(secure, broken)
    assert len(secure.clients.search("")) == 1


def test_damaged_database_is_reported_with_the_way_back(paths, secure):
    new_client(secure)
    secure.close()
    raw = bytearray(paths.database.read_bytes())
    raw[4096 * 3 + 100: 4096 * 3 + 200] = b"\0" * 100
    paths.database.write_bytes(bytes(raw))
    with pytest.raises(DatabaseError) as exc:
        unlock(paths, *ADMIN)
    assert "restore" in exc.value.message or "ikke en Boligvurdering" in exc.value.message
    assert paths.database.read_bytes() == bytes(raw)  # never silently replaced


def test_plaintext_database_and_photos_are_encrypted_on_first_start(paths):
    ctx = open_context(paths, role="administrator")
    client = new_client(ctx)
    ctx.files.write("old.jpg", b"\xff\xd8 plain photo bytes")
    ctx.close()
    assert paths.database.read_bytes()[:16] == b"SQLite format 3\x00"
    ctx = first_start(paths, *ADMIN, "Ada")
    try:
        assert ctx.clients.get(client.id).family_name == "Qlompeheim"
        assert ctx.files.read("old.jpg") == b"\xff\xd8 plain photo bytes"
    finally:
        ctx.close()
    assert b"plain photo" not in (paths.photos / "old.jpg").read_bytes()
    assert paths.database.read_bytes()[:16] != b"SQLite format 3\x00"
    assert not list(paths.root.glob("*.plain-old"))
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(paths.database).execute("select count(*) from sqlite_master").fetchall()


def test_read_only_folder_gives_a_clear_message_and_keeps_data(paths, secure, make_read_only):
    client = new_client(secure)
    secure.close()
    for folder in (paths.root, paths.backups, paths.logs):
        restore = make_read_only(folder)
    with pytest.raises(UserError) as exc:
        unlock(paths, *ADMIN)
    assert "skrivebeskyttet" in exc.value.message or "tilgang" in exc.value.message
    restore()
    ctx = unlock(paths, *ADMIN)
    assert ctx.clients.get(client.id)
    ctx.close()
