"""Schema migrations run from code at start-up: back up first, refuse a newer database.

The current revision is read with one query and compared with the head found by scanning
the shipped revision files, so Alembic itself is imported only when a migration is due.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from boligvurdering.domain.errors import DatabaseError
from boligvurdering.i18n import tr
from boligvurdering.resources import migrations_dir
from boligvurdering.store.db import Database, is_database_error, translate_db_error

log = logging.getLogger(__name__)
MIGRATIONS_DIR = migrations_dir()
_REV = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(None|['\"]([^'\"]+)['\"])", re.M)


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def known_revisions() -> tuple[list[str], str]:
    """All shipped revisions and the head, by reading the revision files (no Alembic import)."""
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev, down = _REV.search(text), _DOWN.search(text)
        if rev and down:
            revisions[rev.group(1)] = down.group(2)
    parents = {d for d in revisions.values() if d}
    heads = [r for r in revisions if r not in parents]
    if len(heads) != 1:
        raise RuntimeError(f"expected one migration head, found {heads}")
    return sorted(revisions), heads[0]


def current_revision(db: Database) -> str | None:
    """The database's Alembic revision, or ``None`` for a new, empty database."""
    try:
        with db.engine.connect() as conn:
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                if tables - {"sqlite_sequence"}:
                    raise DatabaseError(tr("Filen inneholder en ukjent database som ikke er laget av Boligvurdering."))
                return None
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except Exception as exc:
        if is_database_error(exc):
            raise translate_db_error(exc, db.path) from exc
        raise


def backup_copy(db: Database, folder: Path, label: str) -> Path:
    """Copy the database with SQLite's online backup API into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"boligvurdering-{label}-{stamp}.db"
    source = db.engine.raw_connection()
    try:
        dest_db = Database(target, db.key)
        dest = dest_db.engine.raw_connection()
        try:
            source.driver_connection.backup(dest.driver_connection)
        finally:
            dest.close()
            dest_db.close()
    finally:
        source.close()
    return target


def migrate(db: Database, backup_dir: Path) -> MigrationResult | None:
    """Bring the schema to head. Returns ``None`` if it already was.

    Raises:
        DatabaseError: the file is not ours, is damaged, or is from a newer version.
    """
    revisions, head = known_revisions()
    current = current_revision(db)
    if current == head:
        return None
    if current is not None and current not in revisions:
        raise DatabaseError(tr(
            "Databasen er laget av en nyere versjon av Boligvurdering (skjema {rev}). "
            "Oppdater programmet før du åpner den.", rev=current))
    backup = backup_copy(db, backup_dir, f"before-{head}") if current is not None else None
    _run_alembic(db, head)
    log.info("migrated database from %s to %s (backup %s)", current, head, backup)
    return MigrationResult(current, head, backup)


def _run_alembic(db: Database, head: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with db.engine.connect() as conn:
        # Batch migrations recreate tables; foreign keys must be off, outside any transaction.
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, head)
            conn.commit()
            bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            conn.commit()
            if bad:
                raise DatabaseError(tr("Migreringen ga brudd på fremmednøkler; databasen er ikke endret."))
        finally:
            if conn.in_transaction():
                conn.rollback()
            raw.execute("PRAGMA foreign_keys = ON")
    db.engine.dispose()  # every later connection starts with the normal pragmas
