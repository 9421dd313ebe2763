"""The documents panel speaks the UI language; the documents it makes stay in the client's målform."""

from __future__ import annotations

import io
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pypdf import PdfReader

from boligvurdering import i18n
from boligvurdering.gui.documents import DocumentsPanel


@pytest.fixture
def english_ui():
    i18n.set_ui_language("en")
    yield
    i18n.set_ui_language("nb")


def test_missing_data_is_listed_in_english_under_an_english_ui(qtbot, ctx, visit, english_ui):
    ctx.visits.set_team(visit, [], None)
    panel = DocumentsPanel(ctx, visit)
    qtbot.addWidget(panel)
    text = panel.missing.text()
    assert "Missing before the document can be made:" in text
    assert "The visit has no contact person. Choose a contact person in the team." in text
    assert "kontaktperson" not in text
    assert "Archive report" in [panel.kind.itemText(i) for i in range(panel.kind.count())]


@pytest.mark.parametrize(("malform", "ui", "expect", "absent"), [
    ("nn", "en", "Kva fann vi?", "What did we find"),
    ("nb", "nn", "Hva fant vi?", "Kva fann vi?"),
])
def test_the_letter_is_in_the_clients_malform_whatever_the_ui_speaks(qtbot, ctx, visit, malform, ui, expect,
                                                                     absent):
    from boligvurdering.services.language import LanguageService

    LanguageService(ctx).set_kommune_malform(malform)
    i18n.set_ui_language(ui)
    try:
        panel = DocumentsPanel(ctx, visit)
        qtbot.addWidget(panel)
        panel.kind.setCurrentIndex(panel.kind.findData("client"))
        panel.start_render()
        qtbot.waitUntil(lambda: panel.pdf is not None, timeout=30000)
        assert panel.wait_for_render()
    finally:
        i18n.set_ui_language("nb")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(panel.pdf)).pages)
    assert expect in text and absent not in text
