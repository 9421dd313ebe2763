"""Start the desktop application; refuse clearly when there is no screen to show it on."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import tr
from boligvurdering.paths import AppPaths


def has_display(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """False on Linux without X11/Wayland and without an explicit Qt platform (Qt would abort)."""
    env = os.environ if environ is None else environ
    if (platform or sys.platform) != "linux":
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def run_gui(paths: AppPaths, open_file: Path | None = None, language: str | None = None) -> int:
    """Show the window; ``open_file`` (an exchange file) is offered for import after sign-in."""
    if not has_display():
        raise UserError(tr("Fant ingen skjerm å vise vinduet på (DISPLAY er ikke satt). Start programmet fra "
                           "skrivebordet, eller bruk en underkommando – se «boligvurdering --help»."))
    from boligvurdering.gui.app import run

    return run(paths, open_file=open_file, language=language)


def tell(message: str, code: int) -> int:
    """Show ``message`` in a message box (the windowed program has no terminal); returns ``code``."""
    from PySide6.QtWidgets import QMessageBox

    from boligvurdering.gui.app import create_application

    create_application()
    QMessageBox.information(None, tr("Boligvurdering"), message)
    return code


def tell_use_console() -> int:
    """Commands given to the windowed program: say which program runs them (exit 2)."""
    return tell(tr("Dette programmet åpner vinduet. Kommandoer kjøres med «boligvurdering-cli» i et "
                   "ledetekstvindu, for eksempel «boligvurdering-cli --help»."), 2)
