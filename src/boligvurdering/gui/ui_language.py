"""Which language the window speaks: ``--lang``, else the signed-in user's choice, else the last one used.

Before sign-in the database (and so the user's choice) is locked; the log-in window uses the
language last used on this machine (``ui_language`` in settings.json). After sign-in the user's
own choice (Innstillinger → Språk) applies and is remembered for the next log-in window.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from boligvurdering import settings
from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import LANGUAGES, set_ui_language

if TYPE_CHECKING:
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import AppContext

KEY = "ui_language"
_forced: dict[str, str | None] = {"code": None}


def remember(paths: AppPaths, code: str) -> None:
    """Store the last UI language in settings.json (through the one settings module)."""
    settings.save(paths.settings, KEY, code)


def before_sign_in(paths: AppPaths, forced: str | None = None) -> str:
    """The log-in window's language: ``--lang`` if given, else the last one used here."""
    _forced["code"] = forced
    stored = settings.load(paths.settings).ui_language
    code = forced or (stored if stored in LANGUAGES else "nb")
    set_ui_language(code)
    return code


def after_sign_in(ctx: AppContext, paths: AppPaths) -> str:
    """The signed-in user's language (unless ``--lang`` was given); remembered for next time."""
    from boligvurdering.services.language import LanguageService

    code = _forced["code"] or LanguageService(ctx).user_language()
    set_ui_language(code)
    with contextlib.suppress(OSError, UserError):  # only a convenience for the next log-in window
        remember(paths, code)
    return code
