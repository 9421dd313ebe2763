"""Issue #16.5: no English or internal codes where a person looks; «Krav» only for legal
requirements, «Norm» for test norms; one date format; status words and buttons agree."""

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
)
from tests.gui.conftest import open_window
from tests.gui.helpers import every_page, open_workspace, section

CODES = {
    "snake_case code": re.compile(r"\b[a-z]+_[a-z_]+\b"),
    "dotted code": re.compile(r"\b[a-z]{3,}\.[a-z_]{3,}\b"),
    "raw id": re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    "English": re.compile(r"\((gap)\)|\b(severe|moderate|mild|proposed|accepted|rejected)\b"),
    "unknown value": re.compile(r"\s\?\s"),
    "ISO date hint": re.compile(r"ÅÅÅÅ-MM-DD"),
    "ISO date": re.compile(r"\b\d{4}-\d\d-\d\d\b"),  # dates read dd.mm.åååå everywhere
}


def visible_texts(root) -> list[str]:
    texts = []
    for label in root.findChildren(QLabel):
        if label.isVisible():
            texts.append(re.sub(r"<[^>]+>", " ", label.text()))
    for button in root.findChildren(QAbstractButton):
        if button.isVisible():
            texts.append(button.text())
    for edit in root.findChildren(QLineEdit):
        if edit.isVisible():
            texts.append(edit.placeholderText())
    for combo in root.findChildren(QComboBox):
        if combo.isVisible():
            texts += [combo.itemText(i) for i in range(combo.count())]
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisible() and model is not None:
            texts += _model_texts(model)
    return texts


def _model_texts(model, parent=None) -> list[str]:
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    out = []
    for row in range(min(model.rowCount(parent), 200)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            out.append(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
            if column == 0 and model.rowCount(index) > 0:
                out += _model_texts(model, index)
    return out


def codes_in(texts: list[str]) -> list[str]:
    return sorted({f"{kind}: {text[:80]!r}" for text in texts for kind, rx in CODES.items() if rx.search(text)})


def test_no_codes_or_english_on_any_page(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    workspace_pages = 0
    found: dict[str, list[str]] = {}
    for name, show in every_page(window):
        show()
        texts = []
        if name == "measures":  # the proposals with their reasons, the totals and the plan
            page = window.visits_page.workspace.page("measures")
            page.propose()
            qtbot.waitUntil(lambda page=page: page.plan is not None and not page._computing, timeout=20_000)
            page.tabs.setCurrentIndex(page.TAB_FINANCE)
            QApplication.processEvents()
            texts = visible_texts(window)
            page.tabs.setCurrentIndex(page.TAB_MEASURES)
        QApplication.processEvents()
        problems = codes_in(texts + visible_texts(window))
        if problems:
            found[name] = problems
        workspace_pages += name.startswith(("section:", "room:"))
    assert workspace_pages > 20
    assert found == {}


def test_access_log_in_words(qtbot, paths):
    window = open_window(qtbot, paths, ask_demo=lambda _parent: True)
    window.admin_actions["audit"].trigger()
    dialog = window.admin_dialogs["audit"]
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 10, timeout=10_000)
    texts = _model_texts(dialog.model)
    assert codes_in(texts) == []
    assert any(t.startswith("Bruker: ") or t.startswith("Besøk: ") for t in texts)
    assert any(re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d", t) for t in texts)


def test_krav_only_for_legal_requirements_norm_for_tests(qtbot, ctx, runner):
    ws = open_workspace(qtbot, ctx, runner)
    tests = section(ws, "falls_tests")
    assert tests.row("falls_tug_seconds").rule.text() == "Norm: under 12 s"
    assert tests.row("falls_bal_tandem_seconds").rule.text() == "Norm: minst 10 s"
    fire = section(ws, "fire_alarms")
    assert fire.row("fire_alarm_every_floor").rule.text().startswith("Krav: ")
    room = ctx.visits.add_room(ws.visit_id, "entrance")
    ws.controller.rooms = ctx.visits.rooms(ws.visit_id)
    ws.controller.rooms_changed.emit()
    ws.nav.select(f"room:{room.id}")
    door = ws.page(f"room:{room.id}").questions.row("housing_entrance_door_width_cm")
    assert door.rule.text() == "Krav: fri bredde ≥ 86 cm"


def test_status_and_button_use_one_verb(qtbot, ctx, runner):
    from boligvurdering.domain.enums import MeasureStatus

    ws = open_workspace(qtbot, ctx, runner)
    ws.nav.select("measures")
    editor = ws.page("measures").editor
    verb = editor.accept_button.text().removeprefix("✓ ").lower()  # «vedta»
    assert MeasureStatus.ACCEPTED.label().lower().startswith(verb[:-1])  # «vedtatt i teamet»
    assert MeasureStatus.REJECTED.label().lower().startswith(editor.reject_button.text()[2:].lower()[:-1])
