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
