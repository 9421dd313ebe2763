"""The main window, log-in, client register and visit workspace in nynorsk and English: no untranslated text."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from boligvurdering import i18n
from boligvurdering.i18n import has_translation

TAGS = re.compile(r"<[^>]+>")
BREAKS = re.compile(r"<br\s*/?>|</?(?:p|div|li|ul|ol|tr|td|th|table|h\d)\b[^>]*>|\n")  # rich text's lines
FIELD = re.compile(r"\{[A-Za-z_][\w.]*\}")


def _sources() -> tuple[set[str], list[tuple[re.Pattern[str], str]]]:
    """Every bokmål source text (catalogue msgids and TOML texts); templates as regexes."""
    from babel.messages.pofile import read_po

    from boligvurdering.resources import locale_dir

    with (locale_dir() / "nn" / "LC_MESSAGES" / "boligvurdering.po").open("rb") as handle:
        ids = {m.id for m in read_po(handle) if m.id and isinstance(m.id, str)}
    ids |= i18n.content_sources()
    templates = [(re.compile(FIELD.sub("(.+?)", re.escape(s).replace(r"\{", "{").replace(r"\}", "}")) + r"\Z"), s)
                 for s in ids if FIELD.search(s)]
    return {s for s in ids if not FIELD.search(s)}, templates


def visible_texts(root) -> list[str]:
    """The texts a user can see in ``root``: labels, buttons, fields, lists, tabs, tree items, headers."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMenuBar,
        QTabBar,
        QTreeWidget,
        QWidget,
    )

    out: list[str] = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel):
            out += [TAGS.sub("", part) for part in BREAKS.split(w.text())]
        elif isinstance(w, QAbstractButton):
            out.append(w.text().replace("&", ""))
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QMenuBar):  # the menus and every entry in them
            for action in w.actions():
                out.append(action.text().replace("&", ""))
                if action.menu() is not None:
                    out += [a.text().replace("&", "") for a in action.menu().actions()]
        elif isinstance(w, QGroupBox):
            out.append(w.title())
        elif isinstance(w, QTabBar):
            out += [w.tabText(i).replace("&", "") for i in range(w.count())]
        if isinstance(w, QTreeWidget):
            it = w.invisibleRootItem()
            stack = [it.child(i) for i in range(it.childCount())]
            while stack:
                item = stack.pop()
                out.append(item.text(0))
                stack += [item.child(i) for i in range(item.childCount())]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            out += [str(model.headerData(c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) or "")
                    for c in range(model.columnCount())]
    return [" ".join(t.replace("\u00a0", " ").split()).removesuffix(" *") for t in out if t and t.strip()]


def untranslated(texts: list[str], lang: str) -> list[str]:
    plain, templates = _sources()
    found = []
    for text in dict.fromkeys(texts):
        if text in plain and not has_translation(lang, text):
            found.append(text)
        elif text not in plain:  # a filled template: fails only if no matching template is translated
            matching = [s for pattern, s in templates if pattern.match(text)]
            if matching and not any(has_translation(lang, s) for s in matching):
                found.append(matching[0])
    return found


@pytest.fixture
def ui_language():
    yield i18n.set_ui_language
    i18n.set_ui_language("nb")


WORKSPACE = ("section:opening_goals", "section:opening_living", "section:falls_key_questions",
             "section:falls_tests", "rooms", "photos", "signoff")


def _screens(qtbot, paths):
    """Yield (name, widget, visible texts) for each covered screen, the window at 1093×614."""
    from boligvurdering.gui.login import LoginDialog
    from boligvurdering.gui.main_window import MainWindow

    login = LoginDialog(paths)
    qtbot.addWidget(login)
    login.show()
    yield "login", login, visible_texts(login)
    window = MainWindow(paths, ask_demo=None)
    qtbot.addWidget(window)
    window.resize(1093, 614)
    window.show()
    from boligvurdering.services.context import open_context

    with qtbot.waitSignal(window.ready, timeout=60_000):
        window.start(open_context(paths, role="administrator"))
    window.resize(1093, 614)
    window.tabs.setCurrentIndex(0)
    window.clients_page.table.selectRow(0)
    yield "brukere", window, visible_texts(window)
    window.clients_page.show_new_client()
    window.clients_page.form.submit()  # empty: every refusal under its field
    yield "ny-bruker", window, visible_texts(window)
    window.tabs.setCurrentIndex(1)
    window.visits_page.show_list()
    yield "alle-besok", window, visible_texts(window)
    window.open_visit(window.ctx.visits.list()[0].id if hasattr(window, "ctx") else "")
    for key in WORKSPACE:
        window.visits_page.workspace.nav.select(key)
        yield key.replace("section:", "besok-"), window, visible_texts(window)
    window.state.last_visit_id = None


@pytest.mark.parametrize("lang", ["nn", "en"])
def test_covered_screens_have_no_untranslated_text(qtbot, demo_ctx, paths, ui_language, lang):
    from PySide6.QtWidgets import QApplication

    demo_ctx.close()
    ui_language(lang)
    shots = os.environ.get("BOLIGVURDERING_LANGUAGE_SHOTS")  # a folder: save each screen for review
    problems = {}
    for name, widget, texts in _screens(qtbot, paths):
        assert texts, name
        QApplication.processEvents()
        if shots:
            Path(shots, lang).mkdir(parents=True, exist_ok=True)
            widget.grab().save(str(Path(shots, lang, f"{name}.png")))
        bad = untranslated(texts, lang)
        if bad:
            problems[name] = bad
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_the_walk_catches_an_untranslated_string(qtbot, ui_language):
    from boligvurdering.formsengine.texts import localize

    localize({"text": {"nb": "Et spørsmål bare testen stiller.", "nn": "Eit spørsmål berre testen stiller."}})
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    ui_language("en")
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    layout.addWidget(QLabel(i18n.tr("Lagre")))  # translated: «Save»
    layout.addWidget(QLabel("Et spørsmål bare testen stiller."))  # a question nobody translated into English
    layout.addWidget(QLabel("Lagret kl. 12:00"))  # a filled template with an English entry: fine
    layout.addWidget(QLabel("Sist synkronisert 12:00"))  # no such text in the catalogue: not ours to judge
    root.show()
    assert untranslated(visible_texts(root), "en") == ["Et spørsmål bare testen stiller."]
