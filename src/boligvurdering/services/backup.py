"""Encrypted, rotated backups with SQLite's online backup API, and verified restore.

A backup is the SQLCipher database copied page by page (online backup API, so saving can go
on), then the whole file sealed with AES-256-GCM under a key derived from the master key.
No step writes plaintext. ``keys.json`` is copied beside the backups: without it no backup
can be opened.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from boligvurdering.domain.errors import DatabaseError, UserError
from boligvurdering.fileio import write_durably as _write_durably
from boligvurdering.i18n import tr
from boligvurdering.paths import AppPaths
from boligvurdering.security.ciphers import (
    DecryptionFailed,
    FileCipher,
    encrypt_with_password,
    file_key,
)
from boligvurdering.security.passwords import check_password
from boligvurdering.services import audit, audit_anchor
from boligvurdering.services.access import permissions, require
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.store import household as household_repo
from boligvurdering.store import security as repo
from boligvurdering.store.db import Database
from boligvurdering.store.migrate import backup_copy, current_revision, known_revisions, migrate

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

KEEP = 10
SUFFIX = ".bvbak"
AUTO_EVERY = timedelta(hours=12)
_AAD = b"boligvurdering/backup/v1"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str | None
    tables: int


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")


def backups(paths: AppPaths, label: str | None = None) -> list[Path]:
    """Backup files, newest first."""
    pattern = f"boligvurdering-{label}-*{SUFFIX}" if label else f"*{SUFFIX}"
    return sorted(paths.backups.glob(pattern), key=lambda p: p.name.rsplit("-", 1)[-1], reverse=True)


def create_backup(ctx: AppContext, label: str = "manual", *, check_access: bool = True) -> Path:
    """Copy the open database into an encrypted backup file and rotate (keep 10 per label)."""
    if check_access:
        require(ctx, "backup.create")
    if ctx.db.key is None:
        raise UserError(tr("Sikkerhetskopi krever en kryptert database (logg inn)."))
    ctx.paths.backups.mkdir(parents=True, exist_ok=True)
    raw = backup_copy(ctx.db, ctx.paths.backups / ".work", "copy")  # SQLCipher file, same key
    try:
        sealed = FileCipher(file_key(ctx.db.key)).encrypt(raw.read_bytes(), _AAD)
    finally:
        shutil.rmtree(raw.parent, ignore_errors=True)
    target = ctx.paths.backups / f"boligvurdering-{label}-{_stamp()}{SUFFIX}"
    _write_durably(target, sealed)
    if ctx.paths.keystore.exists():
        _write_durably(ctx.paths.backups / "keys.json", ctx.paths.keystore.read_bytes())
    for old in backups(ctx.paths, label)[KEEP:]:
        old.unlink(missing_ok=True)
    audit.log_separately(ctx, "backup.create", record_type="backup", record_id=target.name)
    return target


def auto_backup(ctx: AppContext) -> Path | None:
    """A backup when the newest automatic one is older than 12 hours; failures never stop the work."""
    latest = backups(ctx.paths, "auto")
    if latest and datetime.now(UTC).timestamp() - latest[0].stat().st_mtime < AUTO_EVERY.total_seconds():
        return None
    try:
        return create_backup(ctx, "auto", check_access=False)
    except (OSError, UserError):
        return None


def _decrypt_to(file: Path, key: bytes, target: Path) -> None:
    try:
        data = FileCipher(file_key(key)).decrypt(Path(file).read_bytes(), _AAD)
    except OSError as exc:
        raise UserError(tr("Kan ikke lese sikkerhetskopien: {e}", e=exc.strerror or exc)) from None
    except DecryptionFailed:
        raise UserError(tr("Sikkerhetskopien kan ikke dekrypteres med denne nøkkelen, eller filen er skadet.")) from None
    _write_durably(target, data)


def verify_backup(file: Path, key: bytes, work_dir: Path, *, keep: Path | None = None) -> BackupInfo:
    """Decrypt, run SQLite's full integrity check and check the schema revision is one we know."""
    work_dir.mkdir(parents=True, exist_ok=True)
    target = keep or work_dir / f".verify-{_stamp()}.db"
    _decrypt_to(file, key, target)
    db = Database(target, key)
    try:
        db.check()
        if not db.integrity_ok(full=True):
            raise DatabaseError(tr("Sikkerhetskopien er skadet (integritetskontrollen feilet)."))
        revision = current_revision(db)
        if revision not in known_revisions()[0]:
            raise DatabaseError(tr("Sikkerhetskopien har et ukjent skjema ({rev}).", rev=revision))
        return BackupInfo(Path(file), revision, db.table_count())
    finally:
        db.close()
        if keep is None:
            for side in ("", "-wal", "-shm"):
                Path(str(target) + side).unlink(missing_ok=True)


def _seal_before_restore(paths: AppPaths, key: bytes) -> None:
    """Seal the current database, with the last commits folded in from its write-ahead log.

    A database too damaged to checkpoint is sealed as it is, and its log sealed beside it
    (``….bvbak-wal``), so nothing that was committed is thrown away.
    """
    wal = Path(str(paths.database) + "-wal")
    if wal.exists():
        db = Database(paths.database, key)
        try:
            db.checkpoint()
        except Exception:
            pass
        finally:
            db.close()
    cipher, target = FileCipher(file_key(key)), paths.backups / f"boligvurdering-before-restore-{_stamp()}{SUFFIX}"
    if wal.exists() and wal.stat().st_size > 0:
        _write_durably(Path(str(target) + "-wal"), cipher.encrypt(wal.read_bytes(), _AAD))
    _write_durably(target, cipher.encrypt(paths.database.read_bytes(), _AAD))


def restore_file(paths: AppPaths, key: bytes, file: Path, *, actor_role_check: str | None = None) -> BackupInfo:
    """Replace the database with a verified backup. The current file is kept as a backup first.

    The caller holds the instance lock and has no open connection to the database.
    ``actor_role_check`` is a user name who must be a team lead/administrator in the backup.
    """
    staged = paths.backups / f".restore-{_stamp()}.db"
    info = verify_backup(file, key, paths.backups, keep=staged)
    try:
        if actor_role_check is not None:
            db = Database(staged, key)
            try:
                with db.transaction() as s:
                    user = repo.get_user(s, username=actor_role_check)
            finally:
                db.close()

            if user is None or not user.active or "backup.restore" not in permissions(user.role):
                raise UserError(tr("Bare teamleder eller administrator kan gjenopprette en sikkerhetskopi."))
        if paths.database.exists():  # keep what is there (even a damaged file) as a sealed copy
            _seal_before_restore(paths, key)
        for side in ("-wal", "-shm"):
            Path(str(paths.database) + side).unlink(missing_ok=True)
        for side in ("-wal", "-shm"):
            Path(str(staged) + side).unlink(missing_ok=True)
        os.replace(staged, paths.database)
    finally:
        for side in ("", "-wal", "-shm"):
            Path(str(staged) + side).unlink(missing_ok=True)
    return info


def restore(ctx: AppContext, file: Path) -> BackupInfo:
    """Restore while signed in: verify, close the database, replace, reopen (migrating if older)."""
    require(ctx, "backup.restore")
    key = ctx.master_key
    verify_backup(file, key, ctx.paths.backups)
    audit_anchor.advance(ctx, force=True)  # so a rollback past the last entries is seen and logged
    ctx.db.checkpoint()
    ctx.db.close()
    info = restore_file(ctx.paths, key, file)
    migrate(ctx.db, ctx.paths.backups)
    audit.rebase_after_restore(ctx, Path(file).name)
    with ctx.db.transaction() as s:  # rows of the backup sealed under a retired key, or in the clear
        household_repo.seal_all(s)
    return info


# -- encrypted exchange files ------------------------------------------------------------

ENCRYPTED_EXPORT_SUFFIX = ".bvx"


def export_visit_encrypted(ctx: AppContext, visit_id: str, out: Path, password: str) -> Path:
    """Export a visit as an exchange document sealed with a password the user chooses (argon2id + AES-GCM)."""


    check_password(password)
    document = ExchangeService(ctx).export_visit(visit_id)
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    _write_durably(Path(out), encrypt_with_password(data, password))
    return Path(out)
