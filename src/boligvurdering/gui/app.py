"""Application start: Qt, font, logging, crash handler; show the window, then open the data."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from boligvurdering.paths import AppPaths

log = logging.getLogger(__name__)


def create_application() -> QApplication:
    """The one ``QApplication`` with the bundled font (no boxes on machines without fonts)."""
    from boligvurdering.gui.qtfix import protect_none

    protect_none()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Boligvurdering")
    app.setOrganizationName("Boligvurdering")
    load_font(app)
    from PySide6.QtGui import QIcon

    from boligvurdering.resources import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "boligvurdering.png")))
    from boligvurdering.gui import qt_texts

    app._qt_texts = qt_texts.install(app)  # type: ignore[attr-defined]
    return app  # type: ignore[return-value]


def load_font(app: QApplication) -> None:
    from boligvurdering.resources import font_path

    family = None
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(font_path(name)))
        if font_id >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else None
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    else:
        log.warning("bundled font could not be loaded")


def run(paths: AppPaths, open_file: Any = None, language: str | None = None) -> int:
    """Start the desktop application and return its exit code.

    ``open_file``: an exchange file offered for import after sign-in; ``language``: the UI language
    (else the user's own).
    """
    from boligvurdering.gui.crash import CrashHandler
    from boligvurdering.gui.main_window import MainWindow
    from boligvurdering.gui.startup import lock_minutes
    from boligvurdering.gui.ui_language import after_sign_in, before_sign_in
    from boligvurdering.logging_setup import setup_logging

    setup_logging(paths.logs)
    before_sign_in(paths, language)
    app = create_application()
    crash = CrashHandler()
    crash.install()
    window = MainWindow(paths, crash=crash)
    window.show()
    ctx = _sign_in(paths, window)
    if ctx is None:
        return 0
    window.ctx = ctx
    after_sign_in(ctx, paths)
    window.lock_when_idle(lock_minutes(paths))
    if open_file is not None:
        from boligvurdering.gui.open_file import offer_import_when_ready

        offer_import_when_ready(window, open_file)
    window.start(ctx)
    return app.exec()


def _sign_in(paths: AppPaths, window: Any) -> Any:
    """Log-in (or create the administrator on first start); a refusal is shown, not raised."""
    from boligvurdering.domain.errors import UserError
    from boligvurdering.gui.login import sign_in

    try:
        return sign_in(paths, window)
    except UserError as exc:  # e.g. another instance holds the data folder, damaged database
        window._failed(exc)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(window, "Boligvurdering", str(exc))
        return None
