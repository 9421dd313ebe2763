"""Tables for syncing with the team server (issue 17). Migration: versions/0008_sync.py.

``sync_answer`` is the per-answer change record: the server version last seen (``seq``), and,
while ``dirty``, the local change not yet acknowledged (device counter, who, when, deleted =
tombstone). ``sync_visit`` remembers the visit document last exchanged (its hash, and itself as the base of a merge).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, String, Text, UniqueConstraint
from sqlmodel import Field

from boligvurdering.store.models import Base


class SyncDevice(Base, table=True):
    """This laptop: its device id (``id``), the server and the per-device counter."""

    __tablename__ = "sync_device"
    server_url: str = ""
    name: str = ""
    counter: int = 0
    audit_sent: int = 0  # the last access-log entry the server has


class SyncAccount(Base, table=True):
    """A server token for one local user (kept inside the encrypted database) and where their pull is.

    The cursor is per user: what the server sends depends on who asks (team, role).
    """

    __tablename__ = "sync_account"
    username: str = Field(unique=True)
    token: str
    cursor: int = 0
    role: str = ""
    team_id: str = ""


class SyncAnswer(Base, table=True):
    __tablename__ = "sync_answer"
    __table_args__ = (UniqueConstraint("visit_id", "question_id", "scope"),)
    visit_id: uuid.UUID = Field(index=True)
    question_id: str
    scope: str = ""
    seq: int = 0
    dirty: bool = Field(default=False, index=True)
    counter: int = 0
    deleted: bool = False
    changed_at: datetime | None = None
    changed_by: str = ""
    resolves: str | None = None


class SyncVisit(Base, table=True):
    __tablename__ = "sync_visit"
    visit_id: uuid.UUID = Field(unique=True)
    seq: int = 0
    doc_hash: str = ""
    signature: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    pending_hash: str = ""
    pending_counter: int = 0
    #: the document of version ``seq`` as last exchanged: the base the server merges this laptop's changes on
    base_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    #: a pending push other than a plain change: ``erase`` (privacy erasure) or ``force`` (anonymised: wins whole)
    action: str = Field(default="", sa_column=Column(String, nullable=False, server_default=""))


class SyncConflict(Base, table=True):
    """A conflict reported by the server: the value it kept and the other one, who and when."""

    __tablename__ = "sync_conflict"
    conflict_id: str = Field(unique=True)
    visit_id: uuid.UUID = Field(index=True)
    question_id: str
    scope: str = ""
    kept_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    kept_by: str = ""
    kept_at: str = ""
    other_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    other_by: str = ""
    other_at: str = ""
    resolved: bool = False
    resolved_by: str = ""
