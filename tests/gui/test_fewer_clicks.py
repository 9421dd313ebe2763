"""Issue #16.4: fewer clicks — «Bor alene» asked once; identical proposals grouped."""

from datetime import date

from PySide6.QtCore import Qt
from tests.gui.helpers import open_workspace, section

from boligvurdering.domain.national_id import make_synthetic


def _visit(ctx, lives_alone, individual=400):
    client = ctx.clients.create(
        {"given_name": "Berit", "family_name": "Prøvesen", "lives_alone": lives_alone,
         "national_id": make_synthetic(date(1940, 2, 2), individual, female=True).value},
        {"address": "Prøvevegen 4", "postal_code": "5914"})
    member = ctx.visits.add_member("Ingrid Fjell", "ergoterapeut")
    visit = ctx.visits.create(client.id, data={"visit_date": "2026-11-20", "referral_reason": "Fall"},
                              team=[(member.id, "ergoterapeut")], contact_member_id=member.id)
    return client, visit.id


def test_lives_alone_from_the_client_card_is_not_asked_again(qtbot, ctx, runner):
    _client, visit_id = _visit(ctx, True)
    ws = open_workspace(qtbot, ctx, runner, visit_id=visit_id)
    assert ctx.answers.answers(visit_id)[0]["opening_lives_alone"] is True
    row = section(ws, "opening_living").row("opening_lives_alone")
    assert row.input.current is True and row.input.button(True).isChecked()


def test_lives_alone_answered_in_the_visit_goes_to_the_card(qtbot, ctx, runner):
    client, visit_id = _visit(ctx, None, individual=401)
    ws = open_workspace(qtbot, ctx, runner, visit_id=visit_id)
    assert "opening_lives_alone" not in ctx.answers.answers(visit_id)[0]
    row = section(ws, "opening_living").row("opening_lives_alone")
    qtbot.mouseClick(row.input.button(False), Qt.MouseButton.LeftButton)
    assert ctx.clients.get(client.id).lives_alone is False
    member = ctx.visits.add_member("Lars Havn", "boligkonsulent")
    second = ctx.visits.create(client.id, data={"visit_date": "2026-12-20", "referral_reason": "Oppfølging"},
                               team=[(member.id, "boligkonsulent")], contact_member_id=member.id)
    open_workspace(qtbot, ctx, runner, visit_id=second.id)
    assert ctx.answers.answers(second.id)[0]["opening_lives_alone"] is False


def test_identical_proposals_are_one_row_and_several_are_accepted_at_once(qtbot, demo_ctx, runner):
    from PySide6.QtCore import QItemSelectionModel

    ctx = demo_ctx
    visit_id = max(ctx.visits.list(), key=lambda v: len(ctx.visits.rooms(v.id))).id
    ws = open_workspace(qtbot, ctx, runner, visit_id=visit_id)
    ws.nav.select("measures")
    page = ws.page("measures")
    page.propose()
    measures = page.service.list(visit_id)
    groups = [page.model.record(r) for r in range(page.model.rowCount())]
    assert sum(len(g.members) for g in groups) == len(measures)
    grouped = [g for g in groups if len(g.members) > 1]
    assert grouped, "some measure applies in more than one room"
    assert all(" — " in g.title and all(room in g.title for room in g.rooms) for g in grouped)
    proposed = [r for r, g in enumerate(groups) if g.status == "proposed" and len(g.members) > 1][:2]
    chosen = {m.id for r in proposed for m in groups[r].members}
    assert len(chosen) >= 3  # two rows, more measures
    selection = page.table.selectionModel()
    page.table.setCurrentIndex(page.model.index(proposed[0], 0))
    for r in proposed:
        selection.select(page.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.mouseClick(page.editor.accept_button, Qt.MouseButton.LeftButton)  # one click
    status = {m.id: m.status for m in page.service.list(visit_id)}
    assert {status[i] for i in chosen} == {"accepted"}


class Keyboard:
    """Sends keys to whatever has the focus and counts them (the «after» figures in the note)."""

    def __init__(self, qtbot, window):
        from PySide6.QtWidgets import QApplication

        self.qtbot, self.window, self.keys = qtbot, window, 0
        window.windowHandle().requestActivate()  # shortcuts need the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier, times=1):
        for _ in range(times):
            self.qtbot.keyClick(self.window.focusWidget() or self.window, key, modifier)
            self.keys += 1

    def type(self, text):
        self.qtbot.keyClicks(self.window.focusWidget(), text)
        self.keys += len(text)


def test_ten_yes_no_questions_take_ten_keys_and_no_clicks(qtbot, ctx, runner):
    ws = open_workspace(qtbot, ctx, runner)
    keyboard = Keyboard(qtbot, ws)
    ws.nav.select("section:falls_key_questions")
    ws.focus_step(0)
    keyboard.press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # «Neste del»: Stay Independent
    assert ws.nav.current_key() == "section:falls_stay_independent"
    start = keyboard.keys
    for i in range(10):
        keyboard.press(Qt.Key.Key_J if i % 3 == 0 else Qt.Key.Key_N)
    answers = ctx.answers.answers(ws.visit_id)[0]
    questions = [q.id for q in ws.page("section:falls_stay_independent").questions.rows[:10]
                 for q in [q.question]]
    assert [answers.get(q) for q in questions] == [i % 3 == 0 for i in range(10)]
    assert keyboard.keys - start == 10


def test_new_client_and_new_visit_by_keyboard_only(qtbot, paths):
    from tests.gui.conftest import open_window

    window = open_window(qtbot, paths, ask_demo=lambda _parent: False)
    keyboard = Keyboard(qtbot, window)
    keyboard.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Fil → Ny bruker
    nid = make_synthetic(date(1938, 3, 14), 420, female=True).value
    for text in ("Åse", "Øvrebø", nid, "40000000"):
        keyboard.type(text)
        keyboard.press(Qt.Key.Key_Tab)
    keyboard.press(Qt.Key.Key_J)  # Bor alene: Ja
    keyboard.press(Qt.Key.Key_Tab, times=2)  # past «Foretrukket målform» (the kommune's by default)
    for text in ("Prøvevegen 2", "5914"):
        keyboard.type(text)
        keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("Isdalstø")
    keyboard.press(Qt.Key.Key_Return)  # Enter registers
    form = window.clients_page.form
    assert not form.general_error.text(), [e.text() for e in form.fields.errors.values()] + [form.fields.value(k) for k in form.fields.widgets]
    client = window.ctx.clients.search("Øvrebø")[0]
    assert client.lives_alone is True and window.ctx.clients.dwellings(client.id)[0].postal_code == "5914"
    client_keys, keyboard.keys = keyboard.keys, 0
    keyboard.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    form = window.clients_page.right.currentWidget()
    assert form.date.hasFocus()
    keyboard.type("20112026")
    keyboard.press(Qt.Key.Key_Tab, times=2)
    keyboard.type("Fall")
    keyboard.press(Qt.Key.Key_Tab)  # on to the team: the first member is added by name
    keyboard.type("Ingrid Fjell")
    keyboard.press(Qt.Key.Key_Return)  # added, chosen and kontaktperson
    keyboard.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Opprett besøk
    visit = window.ctx.visits.list(client.id)[0]
    assert visit.visit_date.isoformat() == "2026-11-20"
    assert window.ctx.visits.get(visit.id).contact.name == "Ingrid Fjell"
    assert (client_keys, keyboard.keys) == (63, 30)  # and no clicks (see the note for before/after)
