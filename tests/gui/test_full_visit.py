"""End to end: a whole visit through the real widgets of the main window, with the traps of
issue #13 (a hidden follow-up answered, no kontaktperson chosen, sign-off before consent, a
second member signing as themselves, a WebP photo), then checked through the services on a
freshly opened context (what a restart would see): stored answers, the score, the client letter."""

import io
from datetime import date

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from tests.gui.helpers import sign_in

from boligvurdering.domain.national_id import make_synthetic

NATIONAL_ID = make_synthetic(date(1939, 5, 17), 412, female=True).value


def click(qtbot, widget, pos=None):
    if pos is None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def type_into(qtbot, edit, text):
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def commit_number(qtbot, row, text):
    edit = row.input.edit
    edit.clear()
    type_into(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # Enter finishes the edit and saves


def register_client(qtbot, window):
    page = window.clients_page
    window.tabs.setCurrentIndex(0)
    click(qtbot, page.new_button)
    form = page.form
    assert page.right.currentWidget() is form
    fields = form.fields.widgets
    for key, text in (("given_name", "Gudrun"), ("family_name", "Heltvisit"), ("national_id", NATIONAL_ID),
                      ("phone", "40 00 00 99"), ("address", "Testvegen 7"), ("postal_code", "5914"),
                      ("postal_place", "Isdalstø"), ("floors", "2")):
        type_into(qtbot, fields[key], text)
    fields["lives_alone"].setCurrentIndex(fields["lives_alone"].findData(True))
    click(qtbot, form.save_button)
    assert form.general_error.isHidden(), form.general_error.text()
    assert page.right.currentWidget() is page.card
    assert page.card.title.text() == "Gudrun Heltvisit"
    return page.client


def open_signed_in_window(qtbot, paths):
    """The window after Bjørn's account exists and Eva has signed in (``run_gui`` passes the context)."""
    from boligvurdering.gui.main_window import MainWindow
    from boligvurdering.services.context import open_context

    ctx = open_context(paths)
    sign_in(ctx, "bjorn", "Bjørn Bygg", "byggteknisk")
    eva = sign_in(ctx, "eva", "Eva Ergo", "ergoterapeut")
    ctx.visits.update_member(eva.id, name="Eva Ergo", role="ergoterapeut", phone="41 00 00 01")  # her phone
    window = MainWindow(paths, ask_demo=None)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.ready, timeout=20_000):
        window.start(ctx)
    return window


def create_visit(qtbot, window):
    page = window.clients_page
    click(qtbot, page.card.new_visit_button)
    form = page.right.currentWidget()
    team = form.team
    type_into(qtbot, form.reason, "Falt på badet i høst")
    rows = {m.name: (check, combo, contact) for m, check, combo, contact in team.rows}
    eva, bjorn = rows["Eva Ergo"], rows["Bjørn Bygg"]
    assert eva[0].isChecked() and eva[2].isChecked()  # the signed-in user: on the team, kontaktperson
    assert not bjorn[0].isChecked()
    click(qtbot, bjorn[0], pos=QPoint(8, bjorn[0].height() // 2))  # tick Bjørn; no kontaktperson chosen
    assert bjorn[0].isChecked() and bjorn[1].currentData() == "byggteknisk"
    click(qtbot, form.save_button)  # opens the workspace in «Besøk»
    assert form.error.isHidden(), form.error.text()
    assert window.tabs.currentIndex() == 1
    return window.visits_page.workspace


def section(ws, section_id):
    ws.nav.select(f"section:{section_id}")
    return ws.page(f"section:{section_id}").questions


def yes_no(qtbot, view, question_id, value):
    click(qtbot, view.row(question_id).input.button(value))


def add_room(qtbot, ws, room_type, name):
    ws.nav.select("rooms")
    rooms = ws.page("rooms")
    rooms.type_combo.setCurrentIndex(rooms.type_combo.findData(room_type))
    type_into(qtbot, rooms.name_edit, name)
    click(qtbot, rooms.add_button)
    key = ws.nav.current_key()
    assert key.startswith("room:")
    return ws.page(key)


def test_a_whole_visit_from_new_client_to_signed_off(qtbot, paths, clock, tmp_path):
    window = open_signed_in_window(qtbot, paths)
    window.visits_page.clock = clock  # the stopwatch reads this clock in the workspace
    client = register_client(qtbot, window)
    ws = create_visit(qtbot, window)
    visit_id = ws.visit_id
    assert ws.title.text() == "Gudrun Heltvisit"

    # sign-off too early: refused, with what is missing listed ------------------------------
    ws.nav.select("signoff")
    signoff = ws.page("signoff")
    click(qtbot, signoff.sign_button)
    assert "Samtykke til besøket er ikke registrert." in signoff.error.text()
    assert "Påkrevde spørsmål er ikke besvart" in signoff.error.text()
    assert all(m.signed_at is None for m in window.ctx.visits.get(visit_id).members)

    # opening ---------------------------------------------------------------------------------
    goals = section(ws, "opening_goals")
    yes_no(qtbot, goals, "opening_consent_visit", True)
    what = goals.row("opening_what_matters").input
    type_into(qtbot, what.edit, "Å kunne dusje selv")
    what.flush()  # what leaving the field does (and the typing pause after 1,2 s)
    living = section(ws, "opening_living")
    yes_no(qtbot, living, "opening_lives_alone", True)
    click(qtbot, living.row("opening_relatives_nearby").input.button("weekly"))

    # falls, incl. TUG by the stopwatch -------------------------------------------------------
    key = section(ws, "falls_key_questions")
    with qtbot.waitSignal(ws.saved, timeout=1000):
        yes_no(qtbot, key, "falls_fallen_past_year", True)
    commit_number(qtbot, key.row("falls_fall_count"), "2")
    assert "Falt 2 ganger siste år" in ws.risk.texts["falls"]
    yes_no(qtbot, key, "falls_fallen_past_year", False)  # trap: the answered follow-up is now hidden
    assert key.row("falls_fall_count").isHidden()
    assert "Falt 2 ganger" not in ws.risk.texts["falls"]
    yes_no(qtbot, key, "falls_unsteady", True)
    yes_no(qtbot, key, "falls_worries", False)
    tests = section(ws, "falls_tests")
    tug = tests.row("falls_tug_seconds")
    click(qtbot, tug.tool.button)  # start
    assert tug.tool.running
    clock.advance(16.34)
    click(qtbot, tug.tool.button)  # stop: the time fills the field and is saved
    assert not tug.tool.running
    assert tug.input.edit.text() == "16,3"
    assert tug.rule.text().startswith("✗")
    falls_text = ws.risk.texts["falls"]

    # fire and nutrition ----------------------------------------------------------------------
    fire = section(ws, "fire_alarms")
    yes_no(qtbot, fire, "fire_alarm_every_floor", False)
    nutrition = section(ws, "nutrition_mst")
    combo = nutrition.row("nutrition_mst_weight_loss").input.combo
    combo.setCurrentIndex(combo.findData("yes_6_10"))
    combo.activated.emit(combo.currentIndex())
    click(qtbot, nutrition.row("nutrition_mst_appetite").input.button("yes"))
    body = section(ws, "nutrition_body")
    commit_number(qtbot, body.row("nutrition_weight_kg"), "58,5")
    risk_texts = dict(ws.risk.texts)

    # rooms with measurements and a photo -----------------------------------------------------
    entrance = add_room(qtbot, ws, "entrance", "Hovedinngang")
    door = entrance.questions.row("housing_entrance_door_width_cm")
    commit_number(qtbot, door, "80")
    assert door.rule.text().startswith("✗ Oppfyller ikke kravet")
    commit_number(qtbot, entrance.questions.row("housing_entrance_threshold_mm"), "40")
    bathroom = add_room(qtbot, ws, "bathroom", "Bad oppe")
    bath_door = bathroom.questions.row("housing_door_width_cm")
    commit_number(qtbot, bath_door, "70")
    assert bath_door.rule.text().startswith("✗")
    commit_number(qtbot, bathroom.questions.row("housing_threshold_mm"), "20")
    photo = tmp_path / "bad.webp"  # a phone format: read, not refused
    Image.new("RGB", (1600, 1200), (90, 140, 200)).save(photo, "WEBP", quality=85)
    grid = bathroom.photos
    with qtbot.waitSignal(grid.imported, timeout=20_000):
        grid.import_files([photo])
    assert len(grid.tiles) == 1 and not grid.tiles[0].image.pixmap().isNull()
    assert "boligen" in ws.risk.texts["housing"]

    # measures: propose, accept two, reject one with a reason ---------------------------------
    ws.nav.select("measures")
    measures = ws.page("measures")
    with qtbot.waitSignal(measures.plan_ready, timeout=20_000):
        click(qtbot, measures.propose_button)
    assert measures.model.rowCount() >= 3
    decided = {}
    for row, status in ((0, "accepted"), (1, "accepted"), (2, "rejected")):
        measures.table.selectRow(row)
        m = measures.current()
        editor = measures.editor
        assert editor.title.text() == m.title
        with qtbot.waitSignal(measures.plan_ready, timeout=20_000):
            if status == "accepted":
                click(qtbot, editor.accept_button)
            else:
                type_into(qtbot, editor.reject_reason, "Brukeren ønsker ikke dette nå")
                click(qtbot, editor.reject_button)
        assert measures.current().id == m.id and measures.current().status == status
        decided[m.id] = (m.title, status)
    accepted_title = next(title for title, status in decided.values() if status == "accepted")
    assert "Sum tiltak" in measures.totals.text()

    # documents: the client report, rendered in the worker ------------------------------------
    ws.nav.select("documents")
    docs = ws.page("documents")
    docs.kind.setCurrentIndex(docs.kind.findData("client"))
    assert docs.render_button.isEnabled(), docs.missing.text()
    with qtbot.waitSignal(docs.document_ready, timeout=30_000) as rendered:
        click(qtbot, docs.render_button)
    pdf = rendered.args[0]
    assert docs.pdf == pdf and docs.save_button.isEnabled()
    assert docs.pages.count() >= 1
    qtbot.waitUntil(lambda: docs.render_button.isEnabled(), timeout=10_000)  # worker finished

    # sign-off: each member as themselves -------------------------------------------------------
    ws.nav.select("signoff")
    signoff = ws.page("signoff")
    signoff.refresh()
    assert signoff.missing_label.text() == ""
    assert "Eva Ergo – Ergoterapeut (kontaktperson) – ikke signert" in signoff.members_label.text()
    with qtbot.waitSignal(ws.saved, timeout=5000):
        click(qtbot, signoff.sign_button)  # Eva, signed in
    assert "Eva Ergo – Ergoterapeut (kontaktperson) – signert" in signoff.members_label.text()
    assert "Bjørn Bygg – Byggteknisk rådgiver – ikke signert" in signoff.members_label.text()
    assert window.ctx.visits.get(visit_id).status == "gjennomfort"  # date reached, answers recorded
    sign_in(window.ctx, "bjorn", "Bjørn Bygg", "byggteknisk")  # Bjørn signs in on the same laptop
    signoff.refresh()
    assert signoff.sign_button.text() == "Signer min del"
    click(qtbot, signoff.sign_button)
    assert signoff.error.isHidden(), signoff.error.text()
    assert "Bjørn Bygg – Byggteknisk rådgiver – signert" in signoff.members_label.text()

    window.close()
    assert window.ctx is None

    # what a restart sees ---------------------------------------------------------------------
    from boligvurdering.services.context import open_context
    from boligvurdering.services.measures import MeasureService

    ctx = open_context(paths, role="administrator")
    try:
        stored = ctx.clients.get(client.id)
        assert stored.full_name == "Gudrun Heltvisit" and stored.national_id == NATIONAL_ID
        visit = ctx.visits.get(visit_id)
        assert visit.client_id == client.id
        roles = {vm.member.name: vm.role for vm in visit.members}
        assert roles == {"Eva Ergo": "ergoterapeut", "Bjørn Bygg": "byggteknisk"}
        assert visit.contact is not None and visit.contact.name == "Eva Ergo"
        assert all(vm.signed_at is not None for vm in visit.members)
        assert visit.status == "signert"
        moves = [(a, b) for a, b, *_rest in ctx.visits.status_history(visit_id)]
        assert moves[-2:] == [("planlagt", "gjennomfort"), ("gjennomfort", "signert")]
        from boligvurdering.store import security as audit_repo

        with ctx.db.transaction() as s:
            signers = [e["actor"] for e in audit_repo.iter_audit(s) if e["action"] == "visit.sign"]
        assert signers == ["eva", "bjorn"]
        assert ctx.assessment.follow_ups(visit_id)  # follow-up dates from the score
        score = ctx.assessment.score(visit_id)
        assert score["instruments"]["TUG"]["band"] == "at_risk"
        assert not any("Falt" in r for r in score["domains"]["falls"]["reasons"])
        assert ctx.answers.stored_answers(visit_id)[0]["falls_fall_count"] == 2  # kept, inactive

        visit_answers, room_answers = ctx.answers.answers(visit_id)
        assert visit_answers["opening_consent_visit"] is True
        assert visit_answers["opening_what_matters"] == "Å kunne dusje selv"
        assert visit_answers["opening_lives_alone"] is True
        assert visit_answers["opening_relatives_nearby"] == "weekly"
        assert visit_answers["falls_fallen_past_year"] is False
        assert "falls_fall_count" not in visit_answers  # hidden: not counted
        assert visit_answers["falls_unsteady"] is True
        assert visit_answers["falls_tug_seconds"] == 16.3
        assert visit_answers["fire_alarm_every_floor"] is False
        assert visit_answers["nutrition_mst_weight_loss"] == "yes_6_10"
        assert visit_answers["nutrition_mst_appetite"] == "yes"
        assert visit_answers["nutrition_weight_kg"] == 58.5

        rooms = {r.name: r for r in ctx.visits.rooms(visit_id)}
        assert {n: r.type for n, r in rooms.items()} == {"Hovedinngang": "entrance", "Bad oppe": "bathroom"}
        assert room_answers[rooms["Hovedinngang"].id] == {"housing_entrance_door_width_cm": 80.0,
                                                         "housing_entrance_threshold_mm": 40.0}
        assert room_answers[rooms["Bad oppe"].id] == {"housing_door_width_cm": 70.0, "housing_threshold_mm": 20.0}

        photos = ctx.photos.list(visit_id)
        assert len(photos) == 1 and photos[0].room_id == rooms["Bad oppe"].id
        assert Image.open(io.BytesIO(ctx.photos.image_bytes(photos[0].id))).size[0] > 0

        saved = {m.id: m for m in MeasureService(ctx).list(visit_id)}
        for measure_id, (title, status) in decided.items():
            assert saved[measure_id].title == title and saved[measure_id].status == status
        rejected = next(saved[i] for i, (_t, s) in decided.items() if s == "rejected")
        assert rejected.reject_reason == "Brukeren ønsker ikke dette nå"
    finally:
        ctx.close()

    # the risk panel spoke in words: a level and why
    assert falls_text.startswith(("▲ Høy fallrisiko — fordi:", "■ Moderat fallrisiko — fordi:")), falls_text
    assert "Falt" not in falls_text and "TUG 16,3 s" in falls_text
    assert risk_texts["fire"].startswith(("▲ Høy", "■ Moderat")) and "fordi:" in risk_texts["fire"]
    assert risk_texts["nutrition"].startswith(("▲ Høy", "■ Moderat")) and "fordi:" in risk_texts["nutrition"]

    from pypdf import PdfReader

    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert "Gudrun Heltvisit" in flat
    assert "Kontaktpersonen din er Eva Ergo" in flat
    assert "Du brukte 16,3 sekunder" in flat
    assert "Falt 2 ganger" not in flat and "Falt siste år" not in flat
    assert " ".join(accepted_title.split()) in flat
