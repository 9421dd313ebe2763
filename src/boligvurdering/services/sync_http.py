"""The laptop's HTTP client for the team server (standard library only; no extra dependency).

Plain ``http://`` is allowed only to this machine (loopback); anything else must be ``https://``.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import tr

API = "/api/v1"
TIMEOUT = 60


class ServerRefused(UserError):
    """The server refused the request; ``code`` says why (``user_deactivated``, ``wrong_team`` …)."""

    def __init__(self, code: str, message: str, status: int) -> None:
        super().__init__(message)
        self.code, self.status = code, status


class ServerUnreachable(UserError):
    """No answer from the server (offline, server down, connection dropped)."""


def check_url(url: str) -> str:
    """Normalise ``url``; refuse plain HTTP to another machine."""
    parts = urllib.parse.urlsplit(url.strip().rstrip("/"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError(tr("Ugyldig serveradresse «{u}». Eksempel: https://server.kommune.no", u=url))
    if parts.scheme == "http" and parts.hostname not in ("localhost", "127.0.0.1", "::1"):
        raise UserError(tr("Serveren må nås med https:// (kryptert forbindelse)."))
    return urllib.parse.urlunsplit(parts)


class ServerClient:
    def __init__(self, base_url: str, token: str = "") -> None:
        self.base = check_url(base_url) + API
        self.token = token

    def call(self, method: str, path: str, body: Any = None, *, raw: bytes | None = None,
             query: dict[str, Any] | None = None) -> Any:
        """One request; returns the decoded JSON (or bytes for ``.../content``)."""
        url = self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode("utf-8"))
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Content-Type", "application/octet-stream" if raw is not None else "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                payload = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            raise _refusal(exc) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise ServerUnreachable(tr("Får ikke kontakt med serveren ({e}). Arbeidet er lagret på "
                                       "maskinen; prøv igjen senere.", e=getattr(exc, "reason", exc))) from None
        return json.loads(payload) if kind.startswith("application/json") else payload


def _refusal(exc: urllib.error.HTTPError) -> UserError:
    try:
        body = json.loads(exc.read() or b"{}")
    except (ValueError, OSError):
        body = {}
    if exc.code >= 500 and body.get("code") in (None, "server_error"):
        return ServerUnreachable(tr("Serveren svarte med en feil ({c}). Prøv igjen senere.", c=exc.code))
    return ServerRefused(str(body.get("code", "refused")), str(body.get("message") or tr("Serveren avviste forespørselen.")), exc.code)
