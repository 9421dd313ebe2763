"""Refusals the server sends with a Norwegian message, an HTTP status and a stable code."""

from __future__ import annotations

from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import tr


class Refused(UserError):
    status = 403

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.status = status or type(self).status


def bad_login() -> Refused:
    return Refused("bad_login", tr("Feil brukernavn eller passord."), 401)


def user_deactivated(username: str) -> Refused:
    return Refused("user_deactivated", tr(
        "Brukeren «{u}» er deaktivert på serveren. Kontakt teamlederen.", u=username))


def device_revoked() -> Refused:
    return Refused("device_revoked", tr(
        "Denne maskinen er meldt ut av serveren og kan ikke synkronisere. Kontakt administratoren."))


def token_expired() -> Refused:
    return Refused("token_expired", tr("Påloggingen til serveren er utløpt. Logg inn på nytt."), 401)


def token_unknown() -> Refused:
    return Refused("token_unknown", tr("Ukjent pålogging. Meld inn maskinen på nytt."), 401)


def wrong_team() -> Refused:
    return Refused("wrong_team", tr("Ingen tilgang: dette hører til et annet team."))


def invalid(message: str) -> Refused:
    return Refused("invalid", message, 422)
