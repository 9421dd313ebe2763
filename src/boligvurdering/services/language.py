"""Which language a user's screens and a client's documents are in.

* UI language per user (nb, nn, en): chosen under Innstillinger, stored per user name.
* Document language per document: the client's «foretrukket målform» if recorded, else the
  kommune's målform (a kommune setting). Documents are bokmål or nynorsk only.

The user's and the kommune's choices are settings (``ui_language.<user>``, ``kommune_malform``);
the client's is a column of the client (``client.malform``), so it is exchanged, synced and
erased with the client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from boligvurdering.domain.errors import Problem, ValidationFailed
from boligvurdering.i18n import DOCUMENT_LANGUAGES, LANGUAGES, tr
from boligvurdering.services.access import require
from boligvurdering.store import clients as client_repo
from boligvurdering.store import extras as repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

KOMMUNE_KEY = "kommune_malform"


def language_names() -> dict[str, str]:
    """Language code → name, in the current language (for choosers)."""
    return {"nb": tr("Bokmål"), "nn": tr("Nynorsk"), "en": tr("Engelsk")}


def _check(code: str, allowed: tuple[str, ...], label: str) -> str:
    if code not in allowed:
        names = language_names()
        raise ValidationFailed([Problem("language", tr("{label} må være {choices}.", label=label,
                                                           choices=tr(" eller ").join(names[c] for c in allowed if c)))])
    return code


class LanguageService:
    """Read and change the UI language of users and the målform of documents."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _get(self, key: str) -> str:
        with self.ctx.db.transaction() as s:
            return str(repo.get_setting(s, key=key) or "")

    def _put(self, key: str, value: str) -> None:
        with self.ctx.db.transaction() as s:
            repo.put_setting(s, key=key, value=value)

    # -- UI language per user ------------------------------------------------------------------
    def user_language(self, username: str | None = None) -> str:
        """The UI language of ``username`` (default: the signed-in user); ``nb`` if not chosen."""
        return self._get(f"ui_language.{username or self.ctx.actor}") or "nb"

    def set_user_language(self, code: str, username: str | None = None) -> str:
        self._put(f"ui_language.{username or self.ctx.actor}", _check(code, LANGUAGES, tr("Språk")))
        return code

    # -- målform of documents ------------------------------------------------------------------
    def kommune_malform(self) -> str:
        """The kommune's official målform (``nb`` until set)."""
        return self._get(KOMMUNE_KEY) or "nb"

    def set_kommune_malform(self, code: str) -> str:
        require(self.ctx, "users.manage")
        self._put(KOMMUNE_KEY, _check(code, DOCUMENT_LANGUAGES, tr("Målform")))
        return code

    def client_malform(self, client_id: str) -> str:
        """The client's «foretrukket målform»; empty when the kommune's applies (or no such client)."""
        with self.ctx.db.transaction() as s:
            client = client_repo.get_client(s, client_id=client_id)
        return client.malform if client is not None else ""

    def set_client_malform(self, client_id: str, code: str) -> str:
        """Record the client's preferred målform; ``""`` goes back to the kommune's."""
        require(self.ctx, "client.write")
        self.ctx.clients.get(client_id)  # refuses an unknown client
        code = _check(code, ("", *DOCUMENT_LANGUAGES), tr("Målform"))
        with self.ctx.db.transaction() as s:
            client_repo.update_client(s, client_id=client_id, malform=code)
        return code

    def document_language(self, client_id: str) -> str:
        """The language of a document to this client: their own målform, else the kommune's."""
        return self.client_malform(client_id) or self.kommune_malform()
