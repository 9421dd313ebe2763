"""Engine and sessions for the embedded database (SQLite, optionally SQLCipher-encrypted)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as _Session
from sqlalchemy.pool import QueuePool
from sqlmodel import Session as Session  # re-exported: the type of a transaction for the services

from boligvurdering.domain.errors import DatabaseError
from boligvurdering.i18n import tr
from boligvurdering.store.models import Base, utcnow

#: How long a writer waits for another writer's transaction to end before giving up (ms).
BUSY_TIMEOUT_MS = 10_000


def _connect_plain(path: Path) -> Any:
    return sqlite3.connect(str(path), check_same_thread=False, isolation_level=None,
                           timeout=BUSY_TIMEOUT_MS / 1000)


def _connect_cipher(path: Path, key: bytes) -> Any:
    import sqlcipher3

    conn = sqlcipher3.dbapi2.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    """Create an engine whose every connection has WAL, foreign keys and full sync on.

    Args:
        path: the database file.
        key: a raw 256-bit key for SQLCipher, or ``None`` for a plain SQLite file.
    """
    if key is not None and len(key) != 32:
        raise ValueError("SQLCipher key must be 32 bytes")

    def creator() -> Any:
        return _connect_cipher(path, key) if key is not None else _connect_plain(path)

    # A file database shared by the UI thread and workers: a real queue pool. (The bare "sqlite://"
    # URL would pick SingletonThreadPool, which closes connections other threads still use.)
    engine = create_engine("sqlite://", creator=creator, poolclass=QueuePool, pool_size=4, max_overflow=8,
                           pool_pre_ping=False)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = FULL")  # an answer shown as saved survives power loss
        cur.execute("PRAGMA recursive_triggers = ON")  # INSERT OR REPLACE fires the audit log's delete guard
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # pysqlite's implicit transactions are off (isolation_level=None); start our own.
        # Use cases read and then write (audit entries, hash chain): a deferred BEGIN takes a read
        # snapshot, and when another thread commits first the later write fails at once with
        # SQLITE_BUSY (the busy timeout cannot help a stale snapshot). IMMEDIATE takes the write
        # lock up front, so writers queue behind each other for up to the busy timeout instead.
        # Readers are never blocked by it (WAL); the checks and checkpoint below use a plain BEGIN.
        deferred = conn.get_execution_options().get("deferred", False)
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

    return engine


@event.listens_for(_Session, "before_flush")
def _stamp_updated(session: _Session, _ctx: Any, _instances: Any) -> None:
    now = utcnow()
    for obj in session.dirty:
        if isinstance(obj, Base) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now


def after_commit(session: Session, key: str, fn: Any) -> None:
    """Run ``fn()`` once after ``session`` commits (registered once per ``key``)."""
    if session.info.get(key):
        return
    session.info[key] = True
    event.listen(session, "after_commit", lambda _s: fn(), once=True)


class Database:
    """An open database. Services use :meth:`transaction`; nothing else holds sessions."""

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self.path = Path(path)
        self.key = key
        self.sealer: Any = None  # store.sealing.Sealer of the signed-in session (category keys)
        self.engine = make_engine(self.path, key)
        self._local = threading.local()  # per thread: open transactions and work waiting for them

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error."""
        session = Session(self.engine, expire_on_commit=False)
        session.info["sealer"] = self.sealer
        self._local.depth = getattr(self._local, "depth", 0) + 1
        try:
            yield session
            session.commit()
        except BaseException as exc:
            with suppress(*_driver_errors()):
                session.rollback()
            if is_database_error(exc):
                raise translate_db_error(exc, self.path) from exc
            raise
        finally:
            session.close()
            self._local.depth -= 1
            if self._local.depth == 0:
                self._run_waiting()

    def after_transaction(self, work: Callable[[], None]) -> None:
        """Run ``work`` now, or, inside a transaction of this thread, right after it ends.

        Writes started inside another transaction would wait for its write lock (BEGIN IMMEDIATE)
        until the busy timeout: a refusal logged in its own transaction is such a write.
        """
        if getattr(self._local, "depth", 0):
            self._local.__dict__.setdefault("waiting", []).append(work)
        else:
            work()

    def _run_waiting(self) -> None:
        waiting, self._local.waiting = getattr(self._local, "waiting", []), []
        for work in waiting:
            work()

    def _reader(self) -> Any:
        """A connection whose transactions start with a plain (deferred) BEGIN: checks, checkpoint."""
        return self.engine.execution_options(deferred=True).connect()

    def check(self) -> None:
        """Open a connection and read the schema; raises ``DatabaseError`` if unusable."""
        try:
            with self._reader() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        except Exception as exc:
            if is_database_error(exc):
                raise translate_db_error(exc, self.path) from exc
            raise

    def integrity_ok(self, *, full: bool = False) -> bool:
        """Run SQLite's quick integrity check (``full``: the complete, slower ``integrity_check``)."""
        pragma = "integrity_check" if full else "quick_check"
        with self._reader() as conn:
            return conn.exec_driver_sql(f"PRAGMA {pragma}").scalar() == "ok"

    def table_count(self) -> int:
        """How many tables the schema has."""
        with self._reader() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type='table'").scalar())

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file (before the file is replaced)."""
        with self._reader() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self.engine.dispose()


def _driver_errors() -> tuple[type[BaseException], ...]:
    import sqlcipher3

    return (sqlite3.Error, sqlcipher3.dbapi2.Error, DBAPIError)


def is_database_error(exc: BaseException) -> bool:
    """True for both drivers' (sqlite3, SQLCipher) errors, raw or wrapped by SQLAlchemy."""
    return isinstance(exc, _driver_errors())


_DAMAGED = "Databasen er skadet. Gjenopprett fra siste sikkerhetskopi med «boligvurdering restore FIL». " \
           "Den skadde filen er ikke endret."
_FULL = "Disken er full. Det som allerede var lagret, er beholdt. Frigjør plass og prøv igjen."
#: driver message fragment → what the user reads (bokmål source text for ``tr``; first match wins)
_MESSAGES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("not a database", "file is encrypted"), "Filen er ikke en Boligvurdering-database, eller nøkkelen er feil. "
                                              "Den er ikke endret."),
    (("malformed", "corrupt"), _DAMAGED),
    (("disk is full", "database or disk is full"), _FULL),
    (("readonly", "read-only"), "Databasen er skrivebeskyttet. Sjekk tilgangen til datamappen."),
    (("locked", "busy"), "Databasen er opptatt av et annet program. Prøv igjen."),
    (("unable to open",), "Kan ikke åpne databasefilen. Sjekk at mappen finnes og er skrivbar."),
    (("unique constraint",), "Lagringen ble avvist: en post med samme nøkkel finnes allerede. Ingenting er endret."),
    (("foreign key constraint",), "Lagringen ble avvist: posten viser til noe som ikke finnes. Ingenting er endret."),
    (("constraint",), "Lagringen ble avvist av en regel i databasen. Ingenting er endret."),
)


def _disk_nearly_full(path: Path | None) -> bool:
    import shutil

    try:
        return path is not None and shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def translate_db_error(exc: BaseException, path: Path | None = None) -> DatabaseError:
    """Map a driver error (SQLAlchemy-wrapped or raw) to a Norwegian ``DatabaseError``."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if ("disk i/o" in text or "i/o error" in text) and _disk_nearly_full(path):
        return DatabaseError(tr(_FULL))
    for fragments, message in _MESSAGES:
        if any(f in text for f in fragments):
            return DatabaseError(tr(message))
    if "i/o error" in text:
        return DatabaseError(tr("Kunne ikke lese eller skrive databasefilen (disken svarer ikke, eller den er full). "
                                "Det som allerede var lagret, er beholdt."))
    return DatabaseError(tr("Databasefeil: {e}", e=str(getattr(exc, "orig", None) or exc)[:200]))
