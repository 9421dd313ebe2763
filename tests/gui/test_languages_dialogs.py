"""Every window and dialog in bokmål, nynorsk and English: no catalogue text left untranslated (issue 18).

tests/gui/test_languages.py walks the main screens; this walk opens everything else a user can
reach: every page of a visit (each section, room, photos, measures and plan, documents,
sign-off), the work list's tabs, the administration dialogs (settings, access log, user
accounts), «Synkroniser» with its conflict table, «Om», «Språk og målform», the keyboard
help, first start, the screen lock, the crash dialog, the enlarged photo, the work list's
«Tildel person» and «Flytt besøksdato» and the confirmation questions. Modal dialogs are walked
when they would block (``exec`` and ``QMessageBox.question`` are replaced by a recorder).
"""

from __future__ import annotations

import pytest
from tests.gui.test_languages import untranslated, visible_texts

from boligvurdering import i18n


class Recorder:
    """Stands in for blocking dialogs: records what they show, answers «no»/«cancel»."""

    def __init__(self) -> None:
        self.seen: dict[str, list[str]] = {}

    def exec(self, dialog) -> int:
        dialog.show()
        self.seen[f"modal:{dialog.windowTitle()}"] = visible_texts(dialog)
        dialog.hide()
        return 0

    def question(self, _parent, title, text, *_args, **_kwargs):
        from PySide6.QtWidgets import QMessageBox

        self.seen[f"question:{title}"] = [title, text]
        return QMessageBox.StandardButton.No


@pytest.fixture
def recorder(monkeypatch):
    from PySide6.QtWidgets import QDialog, QMessageBox

    rec = Recorder()
    monkeypatch.setattr(QDialog, "exec", lambda dialog, *_a: rec.exec(dialog))
    monkeypatch.setattr(QMessageBox, "question", rec.question)
    return rec


def _settle(qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    from boligvurdering.gui.workers import TaskRunner

    TaskRunner.wait_all(20_000)
    QApplication.processEvents()
    qtbot.wait(1)


def _dialog(qtbot, dialog, name: str):
    qtbot.addWidget(dialog)
    dialog.show()
    _settle(qtbot)
    texts = visible_texts(dialog)
    dialog.close()
    return name, texts


def _png() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#887766"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _walk(qtbot, paths, recorder):  # noqa: PLR0915 - one straight walk through the program
    from boligvurdering.gui.about import AboutDialog
    from boligvurdering.gui.crash import CrashDialog
    from boligvurdering.gui.idle_lock import UnlockDialog
    from boligvurdering.gui.language_dialog import LanguageDialog
    from boligvurdering.gui.login import FirstStartDialog
    from boligvurdering.gui.main_window import TAB_BACKLOG, MainWindow, ask_demo_dialog
    from boligvurdering.gui.workspace.measures import MeasuresPage
    from boligvurdering.gui.workspace.photos import PhotoViewer
    from boligvurdering.services.context import open_context
    from boligvurdering.services.measures import MeasureService

    yield _dialog(qtbot, FirstStartDialog(paths), "first-start")
    window = MainWindow(paths, ask_demo=None)
    qtbot.addWidget(window)
    window.resize(1093, 614)
    window.show()
    with qtbot.waitSignal(window.ready, timeout=60_000):
        window.start(open_context(paths, role="administrator"))
    ctx = window.ctx
    ask_demo_dialog(window)  # recorded by the question stand-in
    # every page of a visit with photos, measures and a plan
    visit = next(v for v in ctx.visits.list() if MeasureService(ctx).list(v.id))
    ctx.photos.import_photo(visit.id, _png(), caption="Trapp til kjelleren")
    window.open_visit(visit.id)
    workspace = window.visits_page.workspace
    for key in list(workspace.nav.items):
        workspace.nav.select(key)
        _settle(qtbot)
        yield f"visit:{key}", visible_texts(window)
    workspace.nav.select("measures")
    _settle(qtbot)
    measures = workspace.findChild(MeasuresPage)
    measures.table.selectRow(0)
    _settle(qtbot)
    yield "visit:measures-selected", visible_texts(window)
    measures.delete_current()  # the question is recorded and answered «no»
    photo = ctx.photos.list(visit.id)[0]
    yield _dialog(qtbot, PhotoViewer(ctx.photos.image_bytes(photo.id), "", window), "photo-viewer")
    # the work list and its tabs, and its two small dialogs
    with qtbot.waitSignal(window.backlog.loaded, timeout=20_000, check_params_cb=lambda part: part == "cases"):
        window.tabs.setCurrentIndex(TAB_BACKLOG)
    backlog = window.backlog
    for i in range(backlog.tabs.count()):
        backlog.tabs.setCurrentIndex(i)
        _settle(qtbot)
        yield f"backlog:{i}", visible_texts(window)
    backlog.tabs.setCurrentIndex(0)
    backlog.cases.table.setCurrentIndex(backlog.cases.model.index(0, 1))
    backlog.assign_dialog()
    backlog.date_dialog()
    # menus → dialogs
    for key in ("admin_settings", "admin_audit", "admin_users"):
        window.menu_actions[key].trigger()
        _settle(qtbot)
    for key, dialog in list(window.admin_dialogs.items()):
        yield f"admin:{key}", visible_texts(dialog)
    window.sync_action.trigger()
    _settle(qtbot)
    yield "sync", visible_texts(window.admin_dialogs["sync"])
    window.menu_actions["shortcuts"].trigger()
    yield "shortcuts", visible_texts(window.shortcuts_box)
    window.shortcuts_box.close()
    yield _dialog(qtbot, AboutDialog(paths, window), "about")
    yield _dialog(qtbot, LanguageDialog(ctx, paths, window), "language")
    yield _dialog(qtbot, UnlockDialog(ctx, window), "unlock")
    yield _dialog(qtbot, CrashDialog("Traceback (most recent call last): …"), "crash")
    yield from recorder.seen.items()
    window.state.last_visit_id = None


@pytest.fixture
def ui_language():
    yield i18n.set_ui_language
    i18n.set_ui_language("nb")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_dialog_and_window_speaks_the_ui_language(qtbot, demo_ctx, paths, ui_language, recorder, lang):
    demo_ctx.close()
    ui_language(lang)
    problems, names = {}, []
    for name, texts in _walk(qtbot, paths, recorder):
        assert texts, name
        names.append(name)
        bad = untranslated(texts, lang) if lang != "nb" else []
        if bad:
            problems[name] = bad
    expected = {"first-start", "visit:photos", "visit:measures", "visit:documents", "visit:signoff", "visit:rooms",
                "photo-viewer", "backlog:3", "admin:settings", "admin:audit", "admin:users", "sync", "shortcuts",
                "about", "language", "unlock", "crash"}
    assert expected <= set(names), expected - set(names)
    assert any(n.startswith("modal:") for n in names) and any(n.startswith("question:") for n in names), names
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
