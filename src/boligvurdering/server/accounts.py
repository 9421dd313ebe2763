"""Teams, users, enrolled devices and bearer tokens on the server.

A laptop is enrolled by a user's own sign-in (username + password on the server); it gets a
device id and a token for that user. Every request is checked here: token known and not
expired, device not revoked, user active, user and device in the same team.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligvurdering.domain.enums import Role
from boligvurdering.i18n import tr
from boligvurdering.security.passwords import check_password
from boligvurdering.server import errors
from boligvurdering.server.models import Device, DeviceToken, Team, User, utcnow


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of one request."""

    user_id: uuid.UUID
    username: str
    role: str
    team_id: uuid.UUID
    device_id: uuid.UUID

    @property
    def sees_whole_team(self) -> bool:
        return self.role in (Role.TEAMLEDER, Role.ADMINISTRATOR)


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=2, memory_cost=32 * 1024, parallelism=2)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def ensure_team(s: Session, name: str) -> Team:
    team = s.scalar(select(Team).where(Team.name == name))
    if team is None:
        team = Team(name=name)
        s.add(team)
        s.flush()
    return team


def add_user(s: Session, *, username: str, password: str, role: str, team: str, full_name: str = "") -> User:
    """Create a user in ``team`` (created if new). Raises ``Refused`` with a Norwegian reason."""
    if role not in Role.__members__.values():
        raise errors.invalid(tr("Ukjent rolle «{r}».", r=role))
    username = username.strip().casefold()
    if not username:
        raise errors.invalid(tr("Brukernavnet kan ikke være tomt."))
    check_password(password, username)
    if s.scalar(select(User).where(User.username == username)) is not None:
        raise errors.invalid(tr("Brukeren «{u}» finnes allerede.", u=username))
    user = User(username=username, full_name=full_name or username, role=role, team_id=ensure_team(s, team).id,
                password_hash=_hasher().hash(password), active=True)
    s.add(user)
    s.flush()
    return user


def set_active(s: Session, username: str, active: bool) -> None:
    user = s.scalar(select(User).where(User.username == username))
    if user is None:
        raise errors.invalid(tr("Fant ikke brukeren «{u}».", u=username))
    user.active = active


def revoke_device(s: Session, device_id: uuid.UUID) -> None:
    device = s.get(Device, device_id)
    if device is None:
        raise errors.invalid(tr("Fant ikke maskinen {d}.", d=device_id))
    device.revoked_at = utcnow()


def _verify_password(user: User | None, password: str) -> User:
    from argon2.exceptions import VerificationError

    if user is None:
        raise errors.bad_login()
    try:
        _hasher().verify(user.password_hash, password)
    except VerificationError:
        raise errors.bad_login() from None
    if not user.active:
        raise errors.user_deactivated(user.username)
    return user


def enrol(s: Session, *, username: str, password: str, device_id: uuid.UUID, device_name: str,
          token_days: int) -> tuple[str, Principal]:
    """Sign in on a laptop: register the device (first time) and issue a token for the user."""
    user = _verify_password(s.scalar(select(User).where(User.username == username.strip().casefold())), password)
    device = s.get(Device, device_id)
    if device is None:
        device = Device(id=device_id, name=device_name, team_id=user.team_id, enrolled_by=user.id)
        s.add(device)
        s.flush()
    _check_device(device, user)
    token = secrets.token_urlsafe(32)
    s.add(DeviceToken(device_id=device.id, user_id=user.id, token_hash=token_hash(token),
                      expires_at=utcnow() + timedelta(days=token_days)))
    s.flush()
    return token, Principal(user.id, user.username, user.role, user.team_id, device.id)


def _check_device(device: Device, user: User) -> None:
    if device.revoked_at is not None:
        raise errors.device_revoked()
    if device.team_id != user.team_id:
        raise errors.wrong_team()


def authenticate(s: Session, token: str) -> Principal:
    """The caller behind a bearer token, or ``Refused`` saying plainly why not."""
    row = s.scalar(select(DeviceToken).where(DeviceToken.token_hash == token_hash(token))) if token else None
    if row is None:
        raise errors.token_unknown()
    user, device = s.get(User, row.user_id), s.get(Device, row.device_id)
    if not user.active:
        raise errors.user_deactivated(user.username)
    _check_device(device, user)
    if row.expires_at <= utcnow():
        raise errors.token_expired()
    return Principal(user.id, user.username, user.role, user.team_id, device.id)


def team_users(s: Session, p: Principal) -> list[dict[str, str]]:
    """The active users of ``p``'s team (whom a visit can be given to)."""
    users = s.scalars(select(User).where(User.team_id == p.team_id, User.active.is_(True)).order_by(User.username))
    return [{"username": u.username, "full_name": u.full_name, "role": u.role} for u in users]
