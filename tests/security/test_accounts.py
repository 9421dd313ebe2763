"""Accounts: no privilege climbing (issue 19, item 2), atomic creation (item 11), lockout (item 10)."""

import pytest

from boligvurdering.domain.errors import AccessDenied, InvalidValue
from boligvurdering.security.keystore import AuthenticationFailed, Keystore
from boligvurdering.services import audit, auth
from boligvurdering.services.context import unlock

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
