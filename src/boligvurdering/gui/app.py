"""Application start: Qt, font, logging, crash handler; show the window, then open the data."""

from __future__ import annotations

import logging
import sys

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


def run(paths: AppPaths) -> int:
    """Start the desktop application and return its exit code."""
    from boligvurdering.gui.crash import CrashHandler
    from boligvurdering.gui.main_window import MainWindow
    from boligvurdering.logging_setup import setup_logging

    setup_logging(paths.logs)
    app = create_application()
    crash = CrashHandler()
    crash.install()
    window = MainWindow(paths, crash=crash)
    window.show()
    window.start()
    return app.exec()
