"""Start the desktop application; refuse clearly when there is no screen to show it on."""

from __future__ import annotations

import os
import sys

from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import tr
from boligvurdering.paths import AppPaths


def has_display(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """False on Linux without X11/Wayland and without an explicit Qt platform (Qt would abort)."""
    env = os.environ if environ is None else environ
    if (platform or sys.platform) != "linux":
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def run_gui(paths: AppPaths, language: str | None = None) -> int:
    if not has_display():
        raise UserError(tr("Fant ingen skjerm å vise vinduet på (DISPLAY er ikke satt). Start programmet fra "
                           "skrivebordet, eller bruk en underkommando – se «boligvurdering --help»."))
    from boligvurdering.gui.app import run

    return run(paths, language)
