"""Data access for user accounts, the audit log and privacy operations (deletion, anonymisation)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, delete, select, update

from boligvurdering.domain.anonymise import (
    CLIENT_CLEARED,
    DWELLING_CLEARED,
    MEASURE_CLEARED,
    VISIT_CLEARED,
    first_of_year,
)
from boligvurdering.domain.photo_files import is_bound
from boligvurdering.security.audit_chain import GENESIS, link
from boligvurdering.store.models import (
    Answer,
    AuditEntry,
    Client,
    Dwelling,
    FinancingFact,
    Measure,
    Photo,
    UserAccount,
    Visit,
    utcnow,
)
from boligvurdering.store.sync_track import device
from boligvurdering.store.util import as_uuid


@dataclass(frozen=True)
class UserRecord:
    id: str
    username: str
    full_name: str
    role: str
    active: bool


def _user(row: UserAccount) -> UserRecord:
    return UserRecord(str(row.id), row.username, row.full_name, row.role, row.active)


def add_user(session: Session, *, username: str, full_name: str, role: str) -> UserRecord:
    row = UserAccount(username=username, full_name=full_name, role=role)
    session.add(row)
    session.flush()
    return _user(row)


def get_user(session: Session, *, username: str) -> UserRecord | None:
    row = session.exec(select(UserAccount).where(UserAccount.username == username)).first()
    return _user(row) if row else None


def list_users(session: Session) -> list[UserRecord]:
    return [_user(r) for r in session.exec(select(UserAccount).order_by(UserAccount.username))]


def update_user(session: Session, *, username: str, **fields: Any) -> UserRecord:
    row = session.exec(select(UserAccount).where(UserAccount.username == username)).one()
    for key, value in fields.items():
        setattr(row, key, value)
    session.flush()
    return _user(row)


def touch_login(session: Session, *, username: str) -> None:
    session.exec(update(UserAccount).where(col(UserAccount.username) == username).values(last_login_at=utcnow()))


# -- audit -------------------------------------------------------------------------------

def this_device(session: Session) -> str:
    """This laptop's device id: the chain its access-log entries extend."""
    return str(device(session).id)


def _last(session: Session, device_id: str) -> tuple[int, str] | None:
    return session.exec(select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.device_id == device_id)
                        .order_by(col(AuditEntry.seq).desc()).limit(1)).first()


def append_audit(session: Session, *, actor: str, role: str, action: str, record_type: str = "",
                 record_id: str = "", client_id: str = "", details: dict[str, Any] | None = None) -> int:
    """Append one entry chained to this device's last one (in the caller's transaction). Returns its seq."""
    return append_audit_many(session, actor=actor, role=role, entries=[{
        "action": action, "record_type": record_type, "record_id": record_id, "client_id": client_id,
        "details": details}])


def append_audit_many(session: Session, *, actor: str, role: str, entries: list[dict[str, Any]]) -> int:
    """Append entries in order, each chained to the one before as :func:`append_audit` chains one.

    ``entries``: dicts with ``action`` and optionally ``record_type``, ``record_id``, ``client_id``,
    ``details``. Returns the last one's seq.
    """
    dev = this_device(session)
    last = _last(session, dev)
    seq, prev = (last[0], last[1]) if last else (0, GENESIS)
    for item in entries:
        seq += 1
        entry = {"seq": seq, "at": utcnow().isoformat(timespec="microseconds"), "actor": actor, "role": role,
                 "action": item["action"], "record_type": item.get("record_type", ""),
                 "record_id": str(item.get("record_id") or ""), "client_id": str(item.get("client_id") or ""),
                 "details": item.get("details") or {}}
        digest = link(prev, entry)
        session.add(AuditEntry(**{k: v for k, v in entry.items() if k != "details"}, device_id=dev,
                               details_json=json.dumps(entry["details"], sort_keys=True, ensure_ascii=False,
                                                       default=str),
                               prev_hash=prev, hash=digest))
        prev = digest
    session.flush()
    return seq


def audit_devices(session: Session) -> list[str]:
    """The devices whose chains the log holds, this laptop's first (also when it has none yet)."""
    dev = this_device(session)
    others = session.exec(select(AuditEntry.device_id).where(AuditEntry.device_id != dev).distinct()).all()
    return [dev, *sorted(others)]


def audit_head(session: Session, device_id: str | None = None) -> tuple[int, str]:
    """The last entry's number and hash in this device's chain (``0`` and the genesis hash when empty)."""
    last = _last(session, device_id or this_device(session))
    return (last[0], last[1]) if last else (0, GENESIS)


def audit_hash_at(session: Session, seq: int, device_id: str | None = None) -> str | None:
    if seq == 0:
        return GENESIS
    return session.exec(select(AuditEntry.hash).where(AuditEntry.device_id == (device_id or this_device(session)),
                                                       AuditEntry.seq == seq)).first()


def iter_audit(session: Session, *, batch: int = 2000, after: int = 0,
               device_id: str | None = None) -> Iterator[dict[str, Any]]:
    """The entries of one device's chain (default: this laptop's) after ``seq`` ``after``, in order,
    as dicts with the hashed fields plus ``device_id``, ``prev_hash`` and ``hash``."""
    dev = device_id or this_device(session)
    while True:
        rows = session.exec(select(AuditEntry).where(AuditEntry.device_id == dev, AuditEntry.seq > after)
                            .order_by(AuditEntry.seq).limit(batch)).all()
        if not rows:
            return
        for row in rows:
            yield {"seq": row.seq, "at": row.at, "actor": row.actor, "role": row.role, "action": row.action,
                   "record_type": row.record_type, "record_id": row.record_id, "client_id": row.client_id,
                   "details": json.loads(row.details_json), "device_id": row.device_id, "prev_hash": row.prev_hash,
                   "hash": row.hash}
        after = rows[-1].seq


def client_of_visit(session: Session, *, visit_id: str) -> str:
    try:
        cid = session.exec(select(Visit.client_id).where(Visit.id == as_uuid(visit_id))).first()
    except ValueError:
        return ""
    return str(cid) if cid else ""


# -- privacy -----------------------------------------------------------------------------

def photo_files_of_client(session: Session, *, client_id: str) -> list[str]:
    """The client's own photo files (a row naming another photo's file never gets it erased)."""
    rows = session.exec(select(Photo.id, Photo.file_name).join(Visit, col(Photo.visit_id) == Visit.id)
                        .where(Visit.client_id == as_uuid(client_id)))
    return [name for pid, name in rows if is_bound(str(pid), name)]


def visit_ids_of_client(session: Session, *, client_id: str) -> list[str]:
    """Ids of every visit of the client."""
    return [str(v) for v in session.exec(select(Visit.id).where(Visit.client_id == as_uuid(client_id)))]


def delete_client_everything(session: Session, *, client_id: str) -> bool:
    """Delete the client; dwellings, visits, answers, photos rows … go by ON DELETE CASCADE."""
    row = session.get(Client, as_uuid(client_id))
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def erase_visit(session: Session, *, visit_id: str, photo_files: list[str]) -> str | None:
    """Delete one visit with everything (ON DELETE CASCADE), and its client if no visit is left.

    Appends the visit's photo file names to ``photo_files``; returns the client id (``None``: not here).
    """
    visit = session.get(Visit, as_uuid(visit_id))
    if visit is None:
        return None
    client_id = visit.client_id
    photo_files += [p for p in session.exec(select(Photo.file_name).where(Photo.visit_id == visit.id)) if p]
    session.exec(delete(Visit).where(col(Visit.id) == visit.id))
    if session.exec(select(Visit.id).where(Visit.client_id == client_id)).first() is None:
        session.exec(delete(Client).where(col(Client.id) == client_id))
    session.expire_all()
    return str(client_id)


def anonymise_client(session: Session, *, client_id: str, text_question_ids: set[str], pseudonym: str) -> bool:
    """Remove identifying data, keep the case's structure and figures (the rule: ``domain.anonymise``)."""
    row = session.get(Client, as_uuid(client_id))
    if row is None:
        return False
    cid = row.id
    for key, value in CLIENT_CLEARED.items():
        setattr(row, key, value)
    row.national_id, row.birth_date, row.search_key = pseudonym, first_of_year(row.birth_date), "anonymisert"
    session.exec(update(Dwelling).where(col(Dwelling.client_id) == cid).values(**DWELLING_CLEARED))
    visit_ids = list(session.exec(select(Visit.id).where(Visit.client_id == cid)))
    if visit_ids:
        session.exec(update(Visit).where(col(Visit.id).in_(visit_ids)).values(**VISIT_CLEARED))
        session.exec(update(Measure).where(col(Measure.visit_id).in_(visit_ids)).values(**MEASURE_CLEARED))
        session.exec(delete(Photo).where(col(Photo.visit_id).in_(visit_ids)))
        session.exec(delete(FinancingFact).where(col(FinancingFact.visit_id).in_(visit_ids)))  # the household's
        if text_question_ids:
            session.exec(delete(Answer).where(col(Answer.visit_id).in_(visit_ids),
                                              col(Answer.question_id).in_(sorted(text_question_ids))))
    session.flush()
    return True


def national_id_of(session: Session, *, client_id: str) -> str:
    return session.exec(select(Client.national_id).where(Client.id == as_uuid(client_id))).first() or ""


# -- encrypting an existing plaintext database -------------------------------------------

SQLITE_HEADER = b"SQLite format 3\x00"


def is_plaintext_sqlite(path: Any) -> bool:
    """True if the file starts with SQLite's clear-text header (an unencrypted database)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _table_counts(conn: Any, schema: str = "main") -> dict[str, int]:
    names = [r[0] for r in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type='table'")]
    return {n: conn.execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0] for n in names}


def export_encrypted(plain: Any, target: Any, key: bytes) -> dict[str, int]:
    """Copy a plaintext SQLite file into a new SQLCipher file (``sqlcipher_export``) and verify it.

    Returns the verified table row counts. Raises ``RuntimeError`` if the copy differs.
    """
    import sqlcipher3

    src = sqlcipher3.dbapi2.connect(str(plain), isolation_level=None)
    try:
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if src.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise RuntimeError("source database fails quick_check")
        counts = _table_counts(src)
        version = src.execute("PRAGMA user_version").fetchone()[0]
        src.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(target),))
        src.execute("SELECT sqlcipher_export('enc')")
        src.execute(f"PRAGMA enc.user_version = {int(version)}")
        src.execute("DETACH DATABASE enc")
    finally:
        src.close()
    dst = sqlcipher3.dbapi2.connect(str(target), isolation_level=None)
    try:
        dst.execute("PRAGMA cipher_log_level = NONE")
        dst.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok" or _table_counts(dst) != counts:
            raise RuntimeError("encrypted copy does not match")
        dst.execute("PRAGMA journal_mode = WAL")
    finally:
        dst.close()
    return counts


def quick_check_ok(db: Any) -> bool:
    """``PRAGMA quick_check`` is ``ok``; a damaged file gives ``False`` instead of a driver error."""
    try:
        return db.integrity_ok()
    except Exception:  # SQLAlchemy or the driver itself (errors while fetching are not wrapped)
        return False
