"""The server's PostgreSQL tables (own metadata: the laptop's SQLite schema is separate).

Every synced row carries ``seq`` from one sequence, so a pull is "everything after my cursor".
Writers take one advisory lock, so sequence numbers become visible in order (no gaps skipped).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Sequence,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

metadata = MetaData()
SYNC_SEQ = Sequence("sync_seq", metadata=metadata)


def utcnow() -> datetime:
    return datetime.now(UTC)


class ServerBase(DeclarativeBase):
    metadata = metadata


def _id() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


def _at() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)


class Team(ServerBase):
    __tablename__ = "team"
    id: Mapped[uuid.UUID] = _id()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = _at()


class User(ServerBase):
    __tablename__ = "app_user"
    id: Mapped[uuid.UUID] = _id()
    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(40))
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("team.id"), index=True)
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = _at()


class Device(ServerBase):
    """An enrolled laptop; its id is the one the laptop stamps on every change."""

    __tablename__ = "device"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("team.id"), index=True)
    enrolled_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    enrolled_at: Mapped[datetime] = _at()
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class DeviceToken(ServerBase):
    """A bearer token for one user on one device; only its SHA-256 is stored."""

    __tablename__ = "device_token"
    id: Mapped[uuid.UUID] = _id()
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("device.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = _at()


class Visit(ServerBase):
    """A visit's document (exchange format without answers), last writer wins per visit."""

    __tablename__ = "visit"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("team.id"), index=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    doc_json: Mapped[str] = mapped_column(Text)
    doc_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(40), default="henvist")
    status_order: Mapped[int] = mapped_column(Integer, default=0)
    risk_rank: Mapped[int] = mapped_column(Integer, default=0)
    visit_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    client_name: Mapped[str] = mapped_column(String(200), default="")
    updated_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    updated_at: Mapped[datetime] = _at()


class VisitAssignment(ServerBase):
    """Who works on a visit (gets it on their laptop): who has pushed it, or was assigned to it.

    ``seq`` is when the assignment was made: the next pull after it brings the whole visit.
    """

    __tablename__ = "visit_assignment"
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), primary_key=True, index=True)
    seq: Mapped[int] = mapped_column(BigInteger)


class Answer(ServerBase):
    """One answer by its natural key; ``deleted`` is the tombstone."""

    __tablename__ = "answer"
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    value_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    counter: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    changed_by: Mapped[str] = mapped_column(String(100))


class Change(ServerBase):
    """Every change a device pushed, once: (device, counter) makes a retried push a no-op."""

    __tablename__ = "change"
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    counter: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    visit_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    seq: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = _at()


class Conflict(ServerBase):
    """The same answer changed on two devices from the same base: both values, who and when."""

    __tablename__ = "conflict"
    id: Mapped[uuid.UUID] = _id()
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(100))
    scope: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    kept_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    kept_by: Mapped[str] = mapped_column(String(100))
    kept_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    other_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    other_by: Mapped[str] = mapped_column(String(100))
    other_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resolved_by: Mapped[str] = mapped_column(String(100), default="")


class PhotoChunk(ServerBase):
    """Part of a photo upload in progress; the upload resumes after the last stored chunk."""

    __tablename__ = "photo_chunk"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PhotoBlob(ServerBase):
    """A complete photo, addressed by the SHA-256 of its bytes (verified on completion)."""

    __tablename__ = "photo_blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = _at()


Index("ix_visit_team_status_order", Visit.team_id, Visit.status_order, Visit.id)
Index("ix_visit_team_risk", Visit.team_id, Visit.risk_rank, Visit.id)
Index("ix_answer_visit_seq", Answer.visit_id, Answer.seq)


class AuditEvent(ServerBase):
    """A laptop's access-log entry, chained per device exactly as on the laptop (verified on arrival)."""

    __tablename__ = "audit_event"
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(80), index=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(80))
    client_id: Mapped[str] = mapped_column(String(80))
    details_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class VisitTombstone(ServerBase):
    """A visit erased on a laptop (privacy): gone from the server, and from the team's laptops at their next sync."""

    __tablename__ = "visit_tombstone"
    visit_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("team.id"), index=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    erased_by: Mapped[str] = mapped_column(String(100))
    erased_at: Mapped[datetime] = _at()


class VisitAnonymised(ServerBase):
    """A visit whose client was anonymised on a laptop: the server's copy is anonymised too (and stays so:
    every later push is anonymised again), and the team's laptops anonymise theirs at their next sync."""

    __tablename__ = "visit_anonymised"
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), primary_key=True)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("team.id"), index=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    #: the stand-in for the national ID, the same on every copy of the client
    pseudonym: Mapped[str] = mapped_column(String(40))
    anonymised_by: Mapped[str] = mapped_column(String(100))
    anonymised_at: Mapped[datetime] = _at()


from boligvurdering.server import lead_models as _lead_models  # noqa: E402,F401  (tables of the same metadata)
