"""Accounts: no privilege climbing (issue 19, item 2), atomic creation (item 11), lockout (item 10)."""

import pytest

from boligvurdering.domain.errors import AccessDenied, InvalidValue
from boligvurdering.security.keystore import AuthenticationFailed, Keystore
from boligvurdering.services import audit, auth
from boligvurdering.services.auth import unlock

from .conftest import ADMIN


def _lead(paths, secure):
    auth.add_user(secure, "leder", "passord for leder", "Tea Leder", "teamleder")
    auth.add_user(secure, "kari", "passord for kari", "Kari", "ergoterapeut")
    secure.close()
    return unlock(paths, "leder", "passord for leder")


def test_teamleder_cannot_reset_or_deactivate_an_administrator(paths, secure):
    lead = _lead(paths, secure)
    try:
        with pytest.raises(AccessDenied):
            auth.set_password(lead, "admin", "overtatt passord 1")
        with pytest.raises(AccessDenied):
            auth.deactivate(lead, "admin")
        auth.set_password(lead, "kari", "nytt passord for kari")  # colleagues: still allowed
        actions = [e["action"] for e in audit.entries(lead)]
        assert actions.count("access.denied") == 2
    finally:
        lead.close()
    with pytest.raises(AuthenticationFailed):
        unlock(paths, "admin", "overtatt passord 1")
    admin = unlock(paths, *ADMIN)  # the old password still works, the account is active
    try:
        assert {u.username: u.active for u in auth.users(admin)}["admin"] is True
        unlock_kari = Keystore.load(paths.keystore).unwrap("kari", "nytt passord for kari")
        assert unlock_kari == admin.db.key
    finally:
        admin.close()


def test_an_administrator_cannot_be_deactivated_when_it_is_the_last_one(paths, secure, monkeypatch):
    auth.add_user(secure, "leder", "passord for leder", "Tea Leder", "teamleder")
    from boligvurdering.services import auth as auth_module

    # even an administrator session (here acting under another name) cannot remove the last active one
    monkeypatch.setattr(secure, "actor", "leder")
    with pytest.raises(InvalidValue, match="siste aktive administrator"):
        auth_module.deactivate(secure, "admin")
    from boligvurdering.store import security as repo

    with secure.db.transaction() as s:
        assert repo.get_user(s, username="admin").active


def test_account_creation_is_atomic_when_the_commit_fails(paths, secure, monkeypatch):
    from contextlib import contextmanager

    from boligvurdering.domain.errors import DatabaseError

    real = secure.db.transaction

    @contextmanager
    def commit_fails():
        with real() as s:
            yield s
            raise DatabaseError("Disken er full.")

    monkeypatch.setattr(secure.db, "transaction", commit_fails)
    with pytest.raises(DatabaseError):
        auth.add_user(secure, "kari", "passord for kari", "Kari", "ergoterapeut")
    monkeypatch.undo()
    assert not Keystore.load(paths.keystore).has_user("kari")
    assert "kari" not in {u.username for u in auth.users(secure)}


def test_a_key_without_an_account_can_be_re_added_and_does_not_sign_in(paths, secure):
    auth.add_user(secure, "kari", "passord for kari", "Kari", "ergoterapeut")
    with secure.db.engine.connect() as conn:  # as after restoring a backup older than the account
        conn.exec_driver_sql("DELETE FROM user_account WHERE username = 'kari'")
        conn.commit()
    assert Keystore.load(paths.keystore).has_user("kari")
    auth.add_user(secure, "kari", "nytt passord for kari", "Kari", "ergoterapeut")  # not «already in use»
    secure.close()
    ctx = unlock(paths, "kari", "nytt passord for kari")
    assert ctx.role == "ergoterapeut"
    with ctx.db.engine.connect() as conn:
        conn.exec_driver_sql("DELETE FROM user_account WHERE username = 'kari'")
        conn.commit()
    ctx.close()
    with pytest.raises(AccessDenied, match="finnes ikke i databasen"):
        unlock(paths, "kari", "nytt passord for kari")
    assert not Keystore.load(paths.keystore).has_user("kari")  # the stray wrapping is gone


# -- lockout (item 10) ------------------------------------------------------------------------

def _fail(paths, name, n):
    for i in range(n):
        with pytest.raises(AuthenticationFailed):
            Keystore.load(paths.keystore).unwrap(name, "feil passord 123", now=1000.0 * i)


def test_failures_are_not_in_keys_json_and_edited_counters_are_logged(paths, secure):
    import json

    auth.add_user(secure, "kari", "passord for kari", "Kari", "ergoterapeut")
    secure.close()
    _fail(paths, "kari", 3)
    assert "failures" not in json.loads(paths.keystore.read_text(encoding="utf-8"))
    counters = Keystore.load(paths.keystore).attempts.path
    assert paths.root not in counters.parents  # per device, not in the data folder (nor its backups)
    unlock(paths, *ADMIN).close()  # seals the counters: kari's 3 failures are in the seal
    data = json.loads(counters.read_text(encoding="utf-8"))
    assert data["seal"]["users"]["kari"]["count"] == 3
    data["users"] = {}  # «clearing failures»
    counters.write_text(json.dumps(data), encoding="utf-8")
    assert Keystore.load(paths.keystore).wait_seconds("kari", now=3000.0) == 0  # the edit did clear it …
    unlock(paths, *ADMIN).close()  # … but the next sign-in finds it
    counters.unlink()  # removing the sealed file is found too
    ctx = unlock(paths, *ADMIN)
    try:
        assert [e["action"] for e in audit.entries(ctx)].count("login.attempts_tampered") == 2
    finally:
        ctx.close()


def test_an_unwritable_counter_refuses_before_any_password_work(paths, secure, make_read_only):
    from boligvurdering.domain.errors import UserError

    secure.close()
    counters = Keystore.load(paths.keystore).attempts.path
    counters.parent.mkdir(parents=True, exist_ok=True)
    counters.write_text('{"users": {}}', encoding="utf-8")
    restore = make_read_only(counters.parent)
    try:
        with pytest.raises(UserError, match="kan ikke registreres"):
            Keystore.load(paths.keystore).unwrap("admin", "feil passord 123")
    finally:
        restore()


def test_typing_a_colleagues_name_slows_only_this_device(paths, secure, monkeypatch, tmp_path):
    from boligvurdering.security.keystore import TooManyAttempts

    auth.add_user(secure, "kari", "passord for kari", "Kari", "ergoterapeut")
    secure.close()
    _fail(paths, "kari", 6)
    with pytest.raises(TooManyAttempts):
        Keystore.load(paths.keystore).unwrap("kari", "passord for kari", now=1.0)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "karis-laptop"))  # the same data folder elsewhere
    ctx = unlock(paths, "kari", "passord for kari")
    assert ctx.actor == "kari"
    ctx.close()


def test_deactivation_removes_the_wrapping_from_the_backup_copy_too(paths, secure):
    from boligvurdering.services import backup

    auth.add_user(secure, "kari", "passord for kari", "Kari", "ergoterapeut")
    backup.create_backup(secure)  # copies keys.json beside the backups
    assert Keystore.load(paths.backups / "keys.json").has_user("kari")
    auth.deactivate(secure, "kari")
    assert not Keystore.load(paths.keystore).has_user("kari")
    assert not Keystore.load(paths.backups / "keys.json").has_user("kari")
