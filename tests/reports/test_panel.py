"""The documents panel: missing list, statement, render in a thread, preview, save."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from boligvurdering.gui.documents import DocumentsPanel


def test_panel_renders_previews_and_saves(qtbot, ctx, visit, tmp_path):
    panel = DocumentsPanel(ctx, visit)
    qtbot.addWidget(panel)
    panel.kind.setCurrentIndex(list(panel.service.kinds()).index("tilskudd"))
    assert "Rampe til hovedinngangen" in panel.statement.toPlainText()
    panel.statement.setPlainText("Åse trenger rampe.")
    panel.start_render()
    qtbot.waitUntil(lambda: panel.pdf is not None, timeout=30000)
    assert panel.wait_for_render()
    assert panel.pages.count() >= 3
    out = panel.save_as(str(tmp_path / "søknad.pdf"))
    assert out is not None and out.read_bytes().startswith(b"%PDF")


def test_panel_lists_missing_data(qtbot, ctx, visit):
    ctx.visits.set_team(visit, [], None)
    panel = DocumentsPanel(ctx, visit)
    qtbot.addWidget(panel)
    assert "kontaktperson" in panel.missing.text()
    assert not panel.render_button.isEnabled()



def test_panel_records_consent_and_marks_sent(qtbot, ctx, visit):
    from datetime import date

    from sqlmodel import delete

    from boligvurdering.store.models import Consent

    with ctx.db.transaction() as s:
        s.exec(delete(Consent))
    panel = DocumentsPanel(ctx, visit)
    qtbot.addWidget(panel)
    panel.kind.setCurrentIndex(list(panel.service.kinds()).index("fastlege"))
    assert "ikke registrert" in panel.missing.text() and not panel.render_button.isEnabled()
    state, form, when = panel.consent.rows["fastlege"]
    state.setCurrentIndex(state.findData("refused"))
    panel.consent.save.click()
    assert ctx.consent.consents(visit)["fastlege"].given is False
    assert "ikke samtykket" in panel.missing.text()
    state.setCurrentIndex(state.findData("given"))
    form.setCurrentIndex(form.findData("skriftlig"))
    panel.consent.save.click()
    stored = ctx.consent.consents(visit)["fastlege"]
    assert stored.given and stored.form == "skriftlig" and stored.given_on == date.today()
    assert panel.render_button.isEnabled()
    panel.kind.setCurrentIndex(list(panel.service.kinds()).index("client"))
    panel.sent.button.click()
    assert ctx.visits.get(visit).status == "rapport_sendt"
    assert [d.document for d in ctx.consent.disclosures(visit)] == ["client"]


def test_panel_saves_the_condition(qtbot, ctx, visit):
    panel = DocumentsPanel(ctx, visit)
    qtbot.addWidget(panel)
    panel.kind.setCurrentIndex(list(panel.service.kinds()).index("nav-rampe"))
    panel.condition.setText("Parkinsons sykdom")
    panel.condition.editingFinished.emit()
    assert ctx.visits.get(visit).condition == "Parkinsons sykdom"


def test_panel_drafts_and_renders_in_the_letters_malform(qtbot, ctx, visit):
    import io

    from pypdf import PdfReader

    from boligvurdering.services.language import LanguageService

    LanguageService(ctx).set_kommune_malform("nn")  # the window stays bokmål
    panel = DocumentsPanel(ctx, visit)
    qtbot.addWidget(panel)
    panel.kind.setCurrentIndex(list(panel.service.kinds()).index("tilskudd"))
    draft = panel.statement.toPlainText()
    assert "Forventa utvikling" in draft and "Forventet" not in draft and "Brukeren" not in draft
    panel.start_render()
    qtbot.waitUntil(lambda: panel.pdf is not None, timeout=30000)
    assert panel.wait_for_render()
    text = " ".join(pg.extract_text() for pg in PdfReader(io.BytesIO(panel.pdf)).pages)
    assert "Fråsegn frå ergoterapeut" in text and "Forventa utvikling" in text and "Forventet" not in text
