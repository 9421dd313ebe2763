"""Category keys at sign-in and in user administration (``security/categories.py``).

At every sign-in the user's box is opened, categories that have no key yet get one (made by a role
that may hold it), colleagues still waiting for a key they may hold are granted it, the session's
sealer is attached to the database, and rows still in the clear (from before category keys, or
written by a tool without a key) are sealed — the migration of existing data. Deactivating a
user removes their wrappings and rotates every key they held: a new key pair, every row
re-sealed, the new key wrapped for the remaining holders. A rotation the acting account cannot do
(it lacks the key) is marked and done at the next sign-in of one who holds it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from boligvurdering.security.categories import CATEGORIES, Keyring, public_of
from boligvurdering.security.keystore import Keystore, norm
from boligvurdering.services import audit
from boligvurdering.services.access import may_hold, plain_questions, question_category
from boligvurdering.store import household as household_repo
from boligvurdering.store import sealing
from boligvurdering.store import security as repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


def _roles(ctx: AppContext) -> dict[str, str]:
    """Active accounts → role."""
    with ctx.db.transaction() as s:
        return {norm(u.username): u.role for u in repo.list_users(s) if u.active}


def keyring(ctx: AppContext) -> Keyring | None:
    return ctx.db.sealer.keyring if ctx.db.sealer is not None else None


def attach(ctx: AppContext, keystore: Keystore, username: str) -> None:
    """Sign-in: the session's keys (see the module text). ``keystore`` has just unwrapped ``username``."""
    before = json.dumps(keystore.data, sort_keys=True)
    box = keystore.open_box(username)
    roles = _roles(ctx)
    for category in CATEGORIES:
        if category not in keystore.categories and may_hold(ctx.role, category):
            kid, private = keystore.new_category_key(category)
            for name, role in roles.items():
                if may_hold(role, category):
                    keystore.grant(category, kid, private, name)
    ring = keystore.keyring(username, box)
    changed = _grant_waiting(keystore, ring, roles)
    if changed or before != json.dumps(keystore.data, sort_keys=True):
        keystore.save()
    ctx.db.sealer = sealing.Sealer(ring, question_category(ctx), plain_questions(ctx))
    _rotate_marked(ctx, keystore, ring, roles)
    with ctx.db.transaction() as s:
        sealed = household_repo.seal_all(s)
    if sealed:
        audit.log_separately(ctx, "keys.sealed", details={"rows": sealed})


def _grant_waiting(keystore: Keystore, ring: Keyring, roles: dict[str, str]) -> bool:
    """Wrap each key this session holds for active accounts that may hold it and lack it."""
    changed = False
    for category in keystore.categories:
        if not ring.can_open(category):
            continue
        kid = ring.current_id(category)
        if kid is None:
            continue
        for name, role in roles.items():
            if may_hold(role, category) and name not in keystore.holders(category):
                changed |= keystore.grant(category, kid, ring.private[(category, kid)], name)
    return changed


def grant_for(ctx: AppContext, keystore: Keystore, username: str, role: str) -> None:
    """A new account or a new password (a new box): wrap the keys its role may hold (not saved)."""
    ring = keyring(ctx)
    for category in keystore.categories:
        kid = ring.current_id(category) if ring is not None and ring.can_open(category) else None
        if ring is not None and kid is not None and may_hold(role, category):
            keystore.grant(category, kid, ring.private[(category, kid)], username)


def revoke_and_rotate(ctx: AppContext, username: str) -> list[str]:
    """Deactivation: the user's wrappings removed (keys file and the copy beside the backups, done
    by the caller) and every category they held rotated. Returns the categories rotated now."""
    keystore = Keystore.load(ctx.paths.keystore)
    held = [c for c, entry in keystore.categories.items()
            if any(norm(username) in key["grants"] for key in entry["keys"].values())]
    keystore.revoke(username)
    for category in held:
        keystore.categories[category]["rotate"] = True
    keystore.save()
    ring = keyring(ctx)
    if ring is None:
        return []
    return _rotate_marked(ctx, keystore, ring, _roles(ctx))


def _rotate_marked(ctx: AppContext, keystore: Keystore, ring: Keyring, roles: dict[str, str]) -> list[str]:
    """Rotate the categories marked for it whose key this session holds: new pair, grants for the
    active accounts that may hold it, then every row re-sealed under it."""
    done = []
    for category, entry in list(keystore.categories.items()):
        if not entry.get("rotate") or not ring.can_open(category):
            continue
        kid, private = keystore.new_category_key(category)
        for name, role in roles.items():
            if may_hold(role, category):
                keystore.grant(category, kid, private, name)
        entry.pop("rotate", None)
        keystore.save()  # the new key first: rows are never sealed under a key that is not kept
        ring.public[category] = (kid, public_of(private))
        ring.private[(category, kid)] = private
        done.append(category)
    if done:
        with ctx.db.transaction() as s:
            rows = household_repo.seal_all(s)
        audit.log_separately(ctx, "keys.rotated", details={"categories": done, "rows": rows})
    return done
