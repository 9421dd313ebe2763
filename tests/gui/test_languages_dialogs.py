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

import contextlib
import json
import re
from functools import cache

import pytest
from tests.gui.conftest import open_window
from tests.gui.test_languages import _sources, untranslated, visible_texts

from boligvurdering import i18n

FIELD = re.compile(r"\{[A-Za-z_][\w.]*\}")
#: where a window joins catalogue texts, data and numbers into one line: first the separators,
#: then (if the parts are still unknown) commas and parentheses
JOINS = (re.compile(r"\s*(?: · | – | — | / |: |:|; | \(|\n|→|←|✓|✗|●|■|▲|◐|○|\*)\s*"),
         re.compile(r"\s*(?:, |\(|\))\s*"))
#: numbers, dates, times, amounts, units, key names, legal references and addresses: no language in them
NEUTRAL = re.compile(r"[\d\s.,:%/+\-–−×²³#?!…≥≤Ø]*(kr|NOK|s|m|mm|cm|kg|m²|%|°)?[\d\s.,]*|https?://\S+|"
                     r"\d{1,2}\.? \w+ \d{4}|[\w.-]+@[\w.-]+|Python [\d.]+|Qt [\d.]+|OK|Enter|Delete|"
                     r"(?:(?:Ctrl|Alt|Shift)\+)+\w+(?: / (?:(?:Ctrl|Alt|Shift)\+)+\w+)?|"
                     r"(?:TEK17|NS [\d-]+)?(?:[ ,/]*(?:§ [\d-]+|NS [\d-]+|TEK17|og|and))*")


def _norm(text: str) -> str:
    return " ".join(text.replace("&", "").replace("\u00a0", " ").split())


def rendered_catalogue(lang: str) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """Every catalogue and TOML text as ``lang`` shows it (lines of multi-line texts too); templates as regexes."""
    plain, templates = _sources()
    ids = plain | {source for _pattern, source in templates}
    texts, patterns = set(), []
    for msgid in ids:
        shown = i18n.tr_in(lang, msgid)  # no fields given: templates stay templates
        for text in {shown, *shown.split("\n")}:
            text = _norm(text)
            if FIELD.search(text):
                patterns += _patterns(text)
            elif text:
                texts |= {text, text.strip(" –·:;()")}  # « – ikke signert» is appended to a name
    return frozenset(texts), tuple(patterns)


def _patterns(text: str) -> list[re.Pattern[str]]:
    """``text`` with fields as a regex, also without the separators it is glued on with («(1:{g} …)»)."""
    out = []
    for variant in dict.fromkeys((text, text.strip(" –·:;()"))):
        escaped = FIELD.split(variant)
        if len(re.sub(r"\W", "", "".join(escaped))) >= 2:  # «{a} {b}» would match any text
            out.append(re.compile("(.*?)".join(re.escape(part) for part in escaped) + r"\Z", re.S))
    return out


def _fields(record) -> list[str]:
    import dataclasses

    return [v for f in dataclasses.fields(record) if isinstance(v := getattr(record, f.name), str)]


def data_strings(ctx) -> frozenset[str]:
    """Every text stored in the database (names, addresses, rooms, free-text answers): data, not UI."""
    from sqlalchemy import select
    from sqlmodel import SQLModel

    found: set[str] = set()

    def collect(value) -> None:
        if isinstance(value, str):
            found.add(_norm(value))
            if value[:1] in '[{"':
                with contextlib.suppress(ValueError):
                    collect(json.loads(value))
        elif isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, list | tuple):
            for v in value:
                collect(v)

    with ctx.db.transaction() as s:
        for table in SQLModel.metadata.sorted_tables:
            for row in s.execute(select(table)):
                collect(tuple(row))
    for client in ctx.clients.search("", limit=1000):  # names and addresses are stored encrypted
        collect([f"{client.given_name} {client.family_name}", *_fields(client)])
        for dwelling in ctx.clients.dwellings(client.id):
            collect(_fields(dwelling))
    for summary in ctx.visits.list():
        visit = ctx.visits.get(summary.id)
        collect([*_fields(summary), *_fields(visit), *(m.member.name for m in visit.members),
                 *(r.name for r in ctx.visits.rooms(summary.id))])
    return frozenset(t for t in found if t)


def unknown(texts: list[str], lang: str, data: frozenset[str]) -> list[str]:
    """Visible texts that are neither a catalogue text in ``lang`` nor data nor numbers (parts of joined lines too).

    A line may join catalogue texts, data and numbers with separators, or put two catalogue texts
    side by side («Lav» «fallrisiko»); anything else that is not in the catalogue is reported.
    """
    plain, patterns = rendered_catalogue(lang)
    if lang != "nb":  # a stored bokmål catalogue sentence (a rule's explanation) is not data: it has a translation
        data = data - {t for t in rendered_catalogue("nb")[0] - plain if t.count(" ") >= 2}  # «Kjøkken»: a room's name

    def single(text: str) -> bool:
        return (not text or text in plain or text in data or NEUTRAL.fullmatch(text) is not None
                or any(p.match(text) for p in patterns))

    def two(text: str) -> bool:  # two catalogue texts side by side: «Lav» «fallrisiko», «14» «ganger»
        words = text.split(" ")
        return any(single(" ".join(words[:i])) and single(" ".join(words[i:])) for i in range(1, len(words)))

    @cache
    def known(text: str, level: int = 0) -> bool:
        """``text`` split at the separators of ``level`` into spans that are each known (dynamic programming)."""
        text = _norm(text)
        if single(text) or two(text):
            return True
        if level == len(JOINS):
            return False
        tokens = re.split(f"({JOINS[level].pattern})", text)
        atoms = len(tokens[0::2])
        if atoms == 1:
            return known(text, level + 1)
        ok = [True] + [False] * atoms
        for j in range(1, atoms + 1):
            ok[j] = any(ok[i] and known("".join(tokens[2 * i:2 * j - 1]), level + 1 if (i, j) == (0, atoms) else level)
                        for i in range(j))
        return ok[atoms]

    return [t for t in dict.fromkeys(texts) if not known(t)]


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
    from boligvurdering.gui.main_window import TAB_BACKLOG, ask_demo_dialog
    from boligvurdering.gui.workspace.measures import MeasuresPage
    from boligvurdering.gui.workspace.photos import PhotoViewer
    from boligvurdering.services.measures import MeasureService

    yield _dialog(qtbot, FirstStartDialog(paths), "first-start")
    window = open_window(qtbot, paths)
    window.resize(1093, 614)
    ctx = window.ctx
    ask_demo_dialog(window)  # recorded by the question stand-in
    # every page of a visit with photos, measures and a plan
    # the visit with measures that gives the most reasons (fire-law breaches, falls, housing checks)
    visit = max((v for v in ctx.visits.list() if MeasureService(ctx).list(v.id)),
                key=lambda v: sum(len(d.get("reasons") or []) for d in ctx.assessment.score(v.id)["domains"].values()))
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
    ctx.actor = ctx.actor or "admin"  # the lock names the signed-in user
    yield _dialog(qtbot, UnlockDialog(ctx, window), "unlock")
    yield _dialog(qtbot, CrashDialog("Traceback (most recent call last): …"), "crash")
    yield from recorder.seen.items()
    window.state.last_visit_id = None


@pytest.fixture
def ui_language(qapp):
    from boligvurdering.gui.qt_texts import install

    translator = install(qapp)  # Qt's own buttons (OK, Cancel …) as the program shows them
    yield i18n.set_ui_language
    qapp.removeTranslator(translator)
    i18n.set_ui_language("nb")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_dialog_and_window_speaks_the_ui_language(qtbot, demo_ctx, paths, ui_language, recorder, lang):
    data = data_strings(demo_ctx)
    demo_ctx.close()
    ui_language(lang)
    screens = list(_walk(qtbot, paths, recorder))  # the walk loads every catalogue (forms, measures)
    problems, names = {}, []
    for name, texts in screens:
        assert texts, name
        names.append(name)
        for text in (untranslated(texts, lang) if lang != "nb" else []) + unknown(texts, lang, data):
            problems.setdefault(text, name)  # each text once, with the first screen that shows it
    expected = {"first-start", "visit:photos", "visit:measures", "visit:documents", "visit:signoff", "visit:rooms",
                "photo-viewer", "backlog:3", "admin:settings", "admin:audit", "admin:users", "sync", "shortcuts",
                "about", "language", "unlock", "crash"}
    assert expected <= set(names), expected - set(names)
    assert any(n.startswith("modal:") for n in names) and any(n.startswith("question:") for n in names), names
    assert problems == {}, "\n".join(f"{where}: {text}" for text, where in problems.items())


def test_the_check_reports_text_outside_the_catalogue_but_not_data_or_joined_texts():
    texts = ["Lagre", "Dette står rett i koden, ikke i katalogen", "● Lav fallrisiko", "Åse Demo (kontaktperson)",
             "28. november 2026 · Lagret kl. 12:00", "Ctrl+Shift+N", "Trinn 2"]
    assert unknown(texts, "nb", frozenset({"Åse Demo"})) == ["Dette står rett i koden, ikke i katalogen"]
    assert unknown(["Save", "Lagre"], "en", frozenset()) == ["Lagre"]
