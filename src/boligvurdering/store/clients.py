"""Data access for clients, dwellings and team members."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from boligvurdering.domain import records as r
from boligvurdering.store import convert
from boligvurdering.store.models import Client, Dwelling, TeamMember
from boligvurdering.store.util import as_uuid, assign, make

_uuid = as_uuid


def _refresh_search_key(session: Session, row: Client) -> None:
    """Casefolded name, national ID and addresses: portable search without DB collations."""
    addresses = session.exec(select(Dwelling.address, Dwelling.postal_code, Dwelling.postal_place)
                             .where(Dwelling.client_id == row.id)).all()
    parts = [row.given_name, row.family_name, row.national_id, *(" ".join(a) for a in addresses)]
    row.search_key = " ".join(parts).casefold()


def add_client(session: Session, *, id: str | None = None, **fields: Any) -> r.ClientRecord:
    row = make(Client, {"id": id, **fields})
    session.add(row)
    session.flush()
    _refresh_search_key(session, row)
    return convert.client(row)


def update_client(session: Session, *, client_id: str, **fields: Any) -> r.ClientRecord:
    row = session.get(Client, _uuid(client_id))
    if row is None:
        raise KeyError(client_id)
    assign(row, fields)
    session.flush()
    _refresh_search_key(session, row)
    return convert.client(row)


def get_client(session: Session, *, client_id: str) -> r.ClientRecord | None:
    row = session.get(Client, _uuid(client_id))
    return convert.client(row) if row else None


def client_by_national_id(session: Session, *, national_id: str) -> r.ClientRecord | None:
    row = session.exec(select(Client).where(Client.national_id == national_id)).first()
    return convert.client(row) if row else None


def search_clients(session: Session, *, text: str = "", limit: int = 200,
                   include_inactive: bool = False) -> list[r.ClientRecord]:
    """Clients whose name, national ID or address contains every word of ``text`` (active ones by default)."""
    query = select(Client)
    if not include_inactive:
        query = query.where(Client.active == True)  # noqa: E712
    for word in text.casefold().split():
        query = query.where(col(Client.search_key).contains(word, autoescape=True))
    query = query.order_by(Client.family_name, Client.given_name).limit(limit)
    return [convert.client(row) for row in session.exec(query)]


def delete_client(session: Session, *, client_id: str) -> None:
    row = session.get(Client, _uuid(client_id))
    if row is not None:
        session.delete(row)
        session.flush()


def upsert_dwelling(session: Session, *, client_id: str, id: str | None = None, **fields: Any) -> r.DwellingRecord:
    """Update the dwelling ``id`` (or the client's first dwelling) or create one."""
    row = session.get(Dwelling, _uuid(id)) if id else None
    if row is None and id is None:
        row = session.exec(select(Dwelling).where(Dwelling.client_id == _uuid(client_id))).first()
    if row is None:
        row = make(Dwelling, {"id": id, "client_id": client_id, **fields})
        session.add(row)
    else:
        assign(row, fields)
    session.flush()
    client_row = session.get(Client, row.client_id)
    if client_row is not None:
        _refresh_search_key(session, client_row)
    return convert.dwelling(row)


def get_dwelling(session: Session, *, dwelling_id: str) -> r.DwellingRecord | None:
    row = session.get(Dwelling, _uuid(dwelling_id))
    return convert.dwelling(row) if row else None


def dwellings_of(session: Session, *, client_id: str) -> list[r.DwellingRecord]:
    rows = session.exec(select(Dwelling).where(Dwelling.client_id == _uuid(client_id)))
    return [convert.dwelling(row) for row in rows]


def add_member(session: Session, *, id: str | None = None, **fields: Any) -> r.MemberRecord:
    row = make(TeamMember, {"id": id, **fields})
    session.add(row)
    session.flush()
    return convert.member(row)


def get_member(session: Session, *, member_id: str) -> r.MemberRecord | None:
    row = session.get(TeamMember, _uuid(member_id))
    return convert.member(row) if row else None


def list_members(session: Session, *, active_only: bool = True) -> list[r.MemberRecord]:
    query = select(TeamMember).order_by(TeamMember.name)
    if active_only:
        query = query.where(TeamMember.active == True)  # noqa: E712
    return [convert.member(row) for row in session.exec(query)]
