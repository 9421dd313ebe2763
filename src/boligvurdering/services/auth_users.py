"""User administration: accounts exist in two places, kept in step.

An account is a row in the user table (role, active flag) and a wrapping of the master key in
``keys.json``. Creating one writes the wrapping before the row commits and takes it back if the
commit fails, so a full disk never leaves half an account; a wrapping without a row (an old
backup, a crash) does not block the name and is replaced when the account is made again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from boligvurdering.domain.enums import Role
from boligvurdering.domain.errors import AccessDenied, InvalidValue
from boligvurdering.i18n import tr
from boligvurdering.security.keystore import Keystore
from boligvurdering.security.passwords import check_password, check_username
from boligvurdering.services import audit, category_keys
from boligvurdering.services.access import require
from boligvurdering.store import security as repo
from boligvurdering.store.db import Session
from boligvurdering.store.security import UserRecord

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


def _require_may_manage(ctx: AppContext, session: Session, name: str) -> UserRecord | None:
    """The target account (or ``None``); only an administrator manages administrators (logged refusal)."""
    target = repo.get_user(session, username=name)
    if target is not None and target.role == Role.ADMINISTRATOR.value and ctx.role != Role.ADMINISTRATOR.value:
        audit.log_separately(ctx, "access.denied", record_type="user", record_id=name,
                             details={"permission": "users.manage:administrator"})
        raise AccessDenied(tr("Bare en administrator kan endre eller deaktivere en administrator."))
    return target


def add_user(ctx: AppContext, username: str, password: str, full_name: str, role: str) -> None:
    """Create an account: the database key is wrapped under the new user's password."""
    require(ctx, "users.manage")
    name = check_username(username)
    check_password(password, name)
    try:
        role = Role(role).value
    except ValueError:
        raise InvalidValue(tr("Ukjent rolle «{r}».", r=role)) from None
    if role == Role.ADMINISTRATOR.value and ctx.role != Role.ADMINISTRATOR.value:
        raise AccessDenied(tr("Bare en administrator kan opprette administratorer."))
    keystore = Keystore.load(ctx.paths.keystore)
    wrapped = False
    try:
        with ctx.db.transaction() as s:
            if repo.get_user(s, username=name) is not None:
                raise InvalidValue(tr("Brukernavnet «{u}» er allerede i bruk.", u=name))
            orphan = keystore.has_user(name)  # a wrapping without an account: replaced, and logged
            repo.add_user(s, username=name, full_name=(full_name or "").strip()[:200], role=role)
            audit.record(ctx, s, "user.create", record_type="user", record_id=name,
                         details={"role": role, "replaced_orphan_key": orphan})
            keystore.wrap(name, password, ctx.master_key)
            category_keys.grant_for(ctx, keystore, name, role)
            keystore.save()  # before the commit: an account that commits can always sign in
            wrapped = True
    except BaseException:
        if wrapped:  # the commit failed: take the wrapping back, so no half account remains
            keystore = Keystore.load(ctx.paths.keystore)
            keystore.remove(name)
            keystore.save()
        raise


def change_password(ctx: AppContext, old_password: str, new_password: str) -> None:
    """The signed-in user changes their own password (re-wraps the key)."""
    check_password(new_password, ctx.actor)
    keystore = Keystore.load(ctx.paths.keystore)
    keystore.unwrap(ctx.actor, old_password)
    keystore.wrap(ctx.actor, new_password, ctx.master_key, box=keystore.open_box(ctx.actor))
    keystore.save()
    audit.log_separately(ctx, "user.password", record_type="user", record_id=ctx.actor)


def set_password(ctx: AppContext, username: str, new_password: str) -> None:
    """Team lead/administrator sets a new password for someone who forgot theirs."""
    require(ctx, "users.manage")
    name = check_username(username)
    check_password(new_password, name)
    with ctx.db.transaction() as s:
        target = _require_may_manage(ctx, s, name)
    keystore = Keystore.load(ctx.paths.keystore)
    if not keystore.has_user(name):
        raise InvalidValue(tr("Fant ikke brukeren «{u}».", u=name))
    keystore.wrap(name, new_password, ctx.master_key)  # a new box: the old one's grants are gone
    if target is not None and target.active:
        category_keys.grant_for(ctx, keystore, name, target.role)
    keystore.save()
    keystore.attempts.succeed(name, ctx.master_key)  # a new password lifts the wait on this device
    audit.log_separately(ctx, "user.reset_password", record_type="user", record_id=name)


def deactivate(ctx: AppContext, username: str) -> list[str]:
    """Close an account: the wrapped keys are removed, the account marked inactive and the category
    keys it held rotated (returns those rotated now; the rest at the next holder's sign-in)."""
    require(ctx, "users.manage")
    name = check_username(username)
    if name == ctx.actor:
        raise InvalidValue(tr("Du kan ikke deaktivere din egen konto."))
    with ctx.db.transaction() as s:
        target = _require_may_manage(ctx, s, name)
        if target is None:
            raise InvalidValue(tr("Fant ikke brukeren «{u}».", u=name))
        admins = [u for u in repo.list_users(s) if u.active and u.role == Role.ADMINISTRATOR.value]
        if target.role == Role.ADMINISTRATOR.value and [u.username for u in admins] == [name]:
            raise InvalidValue(tr("«{u}» er den siste aktive administratoren og kan ikke deaktiveres.", u=name))
        repo.update_user(s, username=name, active=False)
        audit.record(ctx, s, "user.deactivate", record_type="user", record_id=name)
    rotated = category_keys.revoke_and_rotate(ctx, name)  # before the wrapping goes: it names what they held
    for path in (ctx.paths.keystore, ctx.paths.backups / "keys.json"):  # the copy beside the backups too
        if path.exists():
            keystore = Keystore.load(path)
            keystore.remove(name)  # the master key's wrapping, the box and every category grant
            keystore.save()
    return rotated


def users(ctx: AppContext) -> list[UserRecord]:
    require(ctx, "users.manage")
    with ctx.db.transaction() as s:
        return repo.list_users(s)
