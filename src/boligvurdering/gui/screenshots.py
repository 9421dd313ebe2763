"""Render the main screens offscreen to PNG with demo data (for review and documentation)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (1366, 768)
SIZES = ((1366, 768), (1093, 614))  # a 14-inch laptop, and the same at 125 % scaling (logical px)


def demo_photo(path: Path) -> Path:
    """A generated «photo» of a bathroom wall with a grab bar (no real person or home)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (2400, 1800), (214, 206, 190))
    draw = ImageDraw.Draw(image)
    for y in range(0, 1800, 150):
        draw.line([(0, y), (2400, y)], fill=(190, 184, 170), width=6)
    for x in range(0, 2400, 150):
        draw.line([(x, 0), (x, 1800)], fill=(190, 184, 170), width=6)
    draw.rectangle([300, 1100, 1100, 1800], fill=(245, 245, 245), outline=(150, 150, 150), width=10)
    draw.rounded_rectangle([1400, 700, 2100, 780], radius=40, fill=(120, 120, 128))
    draw.rectangle([0, 1600, 2400, 1800], fill=(150, 120, 90))
    image.save(path, quality=88)
    return path


def _wait(app: Any, signal: Any, fail: Any) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    fail.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()


def _settle(app: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(5):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def render_all(out: Path, scale: float = 1.0, sizes: tuple[tuple[int, int], ...] = SIZES) -> list[Path]:
    """Write the screenshots to ``out/<width>x<height>/`` for each size and return their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(scale)
    from boligvurdering.gui.app import create_application
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import open_context
    from boligvurdering.services.demo import create_demo

    app = create_application()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="boligvurdering-shots-") as tmp:
        paths = AppPaths(Path(tmp) / "data")
        ctx = open_context(paths, role="administrator")
        visit_id = create_demo(ctx)[0]
        rooms = ctx.visits.rooms(visit_id)
        room = next((r for r in rooms if r.type == "bathroom"), rooms[0] if rooms else None)
        if room is None:
            room = ctx.visits.add_room(visit_id, "bathroom")
        ctx.photos.import_photo(visit_id, demo_photo(Path(tmp) / "bad.jpg"), room_id=room.id,
                                caption="Badet: støttehåndtak ved dusjen")
        ctx.close()
        written: list[Path] = []
        for width, height in sizes:
            folder = out / f"{width}x{height}"
            folder.mkdir(parents=True, exist_ok=True)
            written += _render_size(app, paths, visit_id, room.id, folder, (width, height))
    return written


def _render_size(app: Any, paths: Any, visit_id: str, room_id: str, folder: Path,
                 size: tuple[int, int]) -> list[Path]:
    from PySide6.QtWidgets import QWidget

    from boligvurdering.gui.main_window import MainWindow
    from boligvurdering.services.context import open_context

    window = MainWindow(paths, ask_demo=None)
    window.resize(*size)
    window.show()
    window.start(open_context(paths, role="administrator"))  # each window closes its own context
    _wait(app, window.ready, window.open_failed)
    window.resize(*size)  # after restoring the saved geometry of the previous size
    written = []
    for name, prepare in _shots(window, visit_id, room_id):
        shown = prepare()
        widget = shown if isinstance(shown, QWidget) else window  # a dialog is grabbed on its own
        if widget is not window:
            widget.resize(min(widget.width(), size[0]), min(widget.height(), size[1]))
        _settle(app)
        path = folder / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)
    window.state.last_visit_id = None
    window.close()
    return written


def _audit(window: Any) -> Any:
    """The access log, checked, in a dialog the size of a small laptop screen's window."""
    window.admin_actions["audit"].trigger()
    dialog = window.admin_dialogs["audit"]
    dialog.resize(1280, 700)
    _wait_signal(dialog.loaded, dialog.model.rowCount() > 0)
    dialog.verify()
    _wait_signal(dialog.verified, False)
    return dialog


def _wait_signal(signal: Any, already: bool) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    if already:
        return
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()


def _shots(window: Any, visit_id: str, room_id: str) -> list[tuple[str, Callable[[], Any]]]:
    def clients() -> None:
        window.tabs.setCurrentIndex(0)
        window.clients_page.table.selectRow(0)

    def new_client() -> None:
        window.tabs.setCurrentIndex(0)
        window.clients_page.show_new_client()
        fields = window.clients_page.form.fields.widgets
        fields["given_name"].setText("Åse")
        fields["family_name"].setText("Øvrebø")
        fields["national_id"].setText("14838812346")
        window.clients_page.form.submit()

    def section(key: str) -> Callable[[], None]:
        def show() -> None:
            window.open_visit(visit_id)
            window.visits_page.workspace.nav.select(key)
        return show

    def plan() -> None:
        section("measures")()
        page = window.visits_page.workspace.page("measures")
        page.tabs.setCurrentIndex(page.TAB_FINANCE)
        _wait_plan(page)
        page.finance.scroll_to(os.environ.get("BOLIGVURDERING_SHOT_SCROLL", "household"))

    return [
        ("01-brukere", clients),
        ("02-ny-bruker-med-feil", new_client),
        ("03-besok-fall-og-risiko", section("section:falls_tests")),
        ("04-besok-noekkelsporsmal", section("section:falls_key_questions")),
        ("05-rom-for-rom", section("rooms")),
        ("06-rom-bad", section(f"room:{room_id}")),
        ("07-bilder", section("photos")),
        ("08-tiltak-og-plan", section("measures")),
        ("09-signering", section("signoff")),
        ("10-alle-besok", lambda: (window.tabs.setCurrentIndex(1), window.visits_page.show_list())),
        ("11-arbeidsliste", lambda: window.tabs.setCurrentIndex(2)),
        ("12-plan-og-finansiering", plan),
        ("13-tilgangslogg", lambda: _audit(window)),
    ]


def _wait_plan(page: Any) -> None:
    """Wait for the plan computed in the background (at most a minute)."""
    _wait_signal(page.plan_ready, page.plan is not None and not page._computing)
