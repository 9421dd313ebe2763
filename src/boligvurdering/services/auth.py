"""Signing in and user accounts: the database key is unwrapped with the user's password.

``unlock`` and ``first_start`` are the only production ways to an ``AppContext``
(re-exported from ``services.context``). ``open_context`` without a key stays for tests and tools.
"""

from __future__ import annotations

import logging
import os
from typing import NoReturn

from boligvurdering.domain.enums import Role
from boligvurdering.domain.errors import AccessDenied, DatabaseError, UserError
from boligvurdering.i18n import tr
from boligvurdering.paths import AppPaths
from boligvurdering.security.ciphers import FileCipher, file_key, is_encrypted
from boligvurdering.security.instance_lock import InstanceLock
from boligvurdering.security.keystore import AuthenticationFailed, Keystore
from boligvurdering.security.leftovers import remove_leftovers
from boligvurdering.security.passwords import check_password, check_username
from boligvurdering.security.redact import install_log_redaction
from boligvurdering.security.wipe import wipe_file
from boligvurdering.services import audit, category_keys
from boligvurdering.services.auth_users import (  # user administration, re-exported for the GUI and CLI
    add_user,
    change_password,
    deactivate,
    set_password,
    users,
)
from boligvurdering.services.backup import auto_backup as run_auto_backup
from boligvurdering.services.context import AppContext
from boligvurdering.store import extras as extras_repo
from boligvurdering.store import security as repo
from boligvurdering.store.db import Database
from boligvurdering.store.migrate import migrate
from boligvurdering.store.security import (
    UserRecord,
    export_encrypted,
    is_plaintext_sqlite,
    quick_check_ok,
)

__all__ = ["add_user", "change_password", "check_username", "confirm_password", "deactivate", "first_start",
           "needs_first_start", "set_password", "unlock", "users"]

log = logging.getLogger(__name__)


def needs_first_start(paths: AppPaths) -> bool:
    """True when no user exists yet (the GUI then shows «Opprett administrator»)."""
    return not paths.keystore.exists() or not Keystore.load(paths.keystore).users


def wait_seconds(paths: AppPaths, username: str) -> float:
    """Seconds ``username`` must wait before the next sign-in attempt (0 if unknown or unreadable)."""
    try:
        return Keystore.load(paths.keystore).wait_seconds(username)
    except UserError:
        return 0.0


def _open(paths: AppPaths, key: bytes) -> AppContext:
    """Open, integrity-check and migrate the encrypted database."""
    db = Database(paths.database, key)
    try:
        db.check()
        if paths.database.exists() and paths.database.stat().st_size > 0 and not quick_check_ok(db):
            raise DatabaseError(tr("Databasen er skadet. Gjenopprett fra siste sikkerhetskopi med "
                                   "«boligvurdering restore FIL» (sikkerhetskopiene ligger i {d}).", d=paths.backups))
        migrate(db, paths.backups)
    except Exception:
        db.close()
        raise
    return AppContext(paths=paths, db=db)


def _refuse_empty_database(paths: AppPaths) -> None:
    """Accounts exist, so a missing or zero-byte database is lost data: never start a new, empty one over it."""
    size = paths.database.stat().st_size if paths.database.exists() else None
    if size:
        return
    state = tr("er tom (0 byte)") if size == 0 else tr("mangler")
    raise DatabaseError(tr("Databasefilen {p} {state}. Den er ikke erstattet. Gjenopprett fra siste sikkerhetskopi "
                           "med «boligvurdering restore FIL» (sikkerhetskopiene ligger i {d}).",
                           p=paths.database, state=state, d=paths.backups))


def _active_account(ctx: AppContext, username: str) -> UserRecord:
    """The signing-in user's active account (its last sign-in stamped), or a refusal."""
    with ctx.db.transaction() as s:
        user = repo.get_user(s, username=check_username(username))
    if user is None or not user.active:
        _drop_orphan_key(ctx.paths, username, user)
    with ctx.db.transaction() as s:
        repo.touch_login(s, username=user.username)
    return user


def _drop_orphan_key(paths: AppPaths, username: str, user: UserRecord | None) -> NoReturn:
    """The password unwrapped the key, but there is no active account: remove that wrapping and refuse."""
    keystore = Keystore.load(paths.keystore)
    keystore.remove(username)
    keystore.save()
    if user is not None:
        raise AccessDenied(tr("Kontoen er deaktivert."))
    raise AccessDenied(tr("Kontoen «{u}» finnes ikke i databasen (for eksempel etter en gjenoppretting). "
                          "Be en teamleder eller administrator opprette den på nytt.", u=username.strip().casefold()))


def _note_attempt_counters(ctx: AppContext, keystore: Keystore) -> None:
    """Log when this device's failure counters were edited or removed since they were sealed."""
    note = f"attempts.sealed.{keystore.attempts.path.stem}"
    with ctx.db.transaction() as s:
        sealed_before = bool(extras_repo.get_setting(s, key=note))
        if not sealed_before:
            extras_repo.put_setting(s, key=note, value=True)
    if keystore.tampered or (sealed_before and not keystore.had_seal):
        audit.log_separately(ctx, "login.attempts_tampered", details={"device_file": keystore.attempts.path.name})


def _recover_interrupted_encryption(paths: AppPaths) -> None:
    old = paths.database.with_name(paths.database.name + ".plain-old")
    if old.exists() and not paths.database.exists():
        os.replace(old, paths.database)


def encrypt_existing(paths: AppPaths, master: bytes) -> bool:
    """Encrypt a plaintext database (and plaintext migration backups) in place. True if one was found."""
    _recover_interrupted_encryption(paths)
    found = False
    for plain in [paths.database, *sorted(paths.backups.glob("*.db"))]:
        if not is_plaintext_sqlite(plain):
            continue
        found = True
        tmp = plain.with_name(plain.name + ".enc-tmp")
        tmp.unlink(missing_ok=True)
        export_encrypted(plain, tmp, master)
        for side in ("-wal", "-shm"):
            wipe_file(plain.with_name(plain.name + side))
        old = plain.with_name(plain.name + ".plain-old")
        os.replace(plain, old)
        os.replace(tmp, plain)
        wipe_file(old)
    return found


def encrypt_plain_photos(paths: AppPaths, cipher: FileCipher) -> int:
    """Encrypt photo and thumbnail files written before encryption was turned on."""
    n = 0
    for folder in (paths.photos, paths.thumbnails):
        for path in sorted(folder.glob("*")):
            if not path.is_file() or path.name.endswith(".tmp") or path.name.startswith("."):
                continue
            data = path.read_bytes()
            if is_encrypted(data):
                continue
            tmp = path.with_name(path.name + ".tmp")
            with open(tmp, "wb") as fh:
                fh.write(cipher.encrypt(data, path.name.encode()))
                fh.flush()
                os.fsync(fh.fileno())
            wipe_file(path)
            os.replace(tmp, path)
            n += 1
    return n


def _attach(ctx: AppContext, lock: InstanceLock, username: str, role: str) -> FileCipher:
    ctx.actor, ctx.role = username, role
    cipher = ctx.file_cipher = FileCipher(file_key(ctx.master_key))  # ctx.files is rebuilt with the cipher
    ctx.instance_lock = lock
    return cipher


def unlock(paths: AppPaths, username: str, password: str, *, auto_backup: bool = True) -> AppContext:
    """Sign in: unwrap the database key with the password, open the database, set actor and role.

    Raises:
        AuthenticationFailed, TooManyAttempts: wrong name/password, or wait before trying again.
        AlreadyRunning: another instance has this data folder open.
        DatabaseError: the database is damaged (the message names the way back).
    """
    install_log_redaction()
    paths.ensure()
    lock = InstanceLock(paths.lock_file).acquire()
    try:
        remove_leftovers(paths)
        if needs_first_start(paths):
            raise UserError(tr("Ingen brukere er opprettet ennå. Opprett administrator først."))
        keystore = Keystore.load(paths.keystore)
        master = keystore.unwrap(username, password)
        encrypt_existing(paths, master)  # finishes an interrupted first start
        _refuse_empty_database(paths)
        ctx = _open(paths, master)
        try:
            user = _active_account(ctx, username)
            _attach(ctx, lock, user.username, user.role)
            audit.log_separately(ctx, "login")
            category_keys.attach(ctx, keystore, user.username)
            _note_attempt_counters(ctx, keystore)
            if auto_backup:

                run_auto_backup(ctx)
        except BaseException:
            ctx.db.close()
            raise
    except BaseException:
        lock.release()
        raise
    return ctx


def first_start(paths: AppPaths, username: str, password: str, full_name: str) -> AppContext:
    """Create the first administrator and the encrypted database (encrypting an existing plaintext one)."""
    install_log_redaction()
    name = check_username(username)
    check_password(password, name)
    paths.ensure()
    lock = InstanceLock(paths.lock_file).acquire()
    try:
        if not needs_first_start(paths):
            raise UserError(tr("Administrator er allerede opprettet. Logg inn."))

        if paths.database.exists() and paths.database.stat().st_size > 0 and not is_plaintext_sqlite(paths.database):
            raise DatabaseError(tr("Filen er ikke en Boligvurdering-database, eller den er kryptert og nøkkelfilen "
                                   "(keys.json) mangler. Legg tilbake keys.json fra sikkerhetskopimappen."))
        master = os.urandom(32)
        keystore = Keystore.load(paths.keystore)
        keystore.wrap(name, password, master)
        keystore.save()  # first: a key that is lost would make the data unreadable
        encrypt_existing(paths, master)
        ctx = _open(paths, master)
        with ctx.db.transaction() as s:
            repo.add_user(s, username=name, full_name=(full_name or "").strip()[:200], role=Role.ADMINISTRATOR.value)
        cipher = _attach(ctx, lock, name, Role.ADMINISTRATOR.value)
        encrypt_plain_photos(paths, cipher)
        audit.log_separately(ctx, "first_start", record_type="user", record_id=name)
        category_keys.attach(ctx, keystore, name)
    except BaseException:
        lock.release()
        raise
    return ctx


def confirm_password(ctx: AppContext, password: str) -> None:
    """Check the signed-in user's password again (screen lock). Same delays as signing in."""
    master = Keystore.load(ctx.paths.keystore).unwrap(ctx.actor, password)
    if master != ctx.db.key:
        raise AuthenticationFailed()
    audit.log_separately(ctx, "screen.unlock")
