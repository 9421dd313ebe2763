"""Fullmakt (power of attorney to the therapist) recorded on the visit and printed in both applications."""

from __future__ import annotations

from test_consent import flat_text

KINDS = ("tilskudd", "nav-rampe")


def test_fullmakt_missing_then_refused_then_given(ctx, docs, visit):
    for kind in KINDS:
        text = flat_text(docs.render_bytes(visit, kind, language="nb"))
        assert "Fullmakt til ergoterapeut: mangler." in text, kind
        assert "Fullmakt til ergoterapeut MANGLER – må ettersendes" in text, kind
    ctx.consent.record(visit, "fullmakt", given=False, given_on="2026-11-02", form="muntlig")
    text = flat_text(docs.render_bytes(visit, "nav-rampe", language="nb"))
    assert "mangler (søkeren har ikke gitt fullmakt, 2. november 2026)" in text
    ctx.consent.record(visit, "fullmakt", given=True, given_on="2026-11-03", form="skriftlig")
    for kind in KINDS:
        text = flat_text(docs.render_bytes(visit, kind, language="nb"))
        assert "Fullmakt til ergoterapeut: foreligger (skriftlig, gitt 3. november 2026)." in text, kind
        assert "Fullmakt til ergoterapeut Ligger ved" in text, kind
    nn = flat_text(docs.render_bytes(visit, "nav-rampe", language="nn"))
    assert "Fullmakt til ergoterapeut: ligg føre (skriftleg, gitt 3. november 2026)." in nn
    for kind in ("fastlege", "brannvesen"):  # the letters to others never mention it
        assert "Fullmakt" not in flat_text(docs.render_bytes(visit, kind, language="nb")), kind


def test_fullmakt_is_recorded_like_a_consent_and_refuses_bad_input(ctx, visit):
    import pytest

    from boligvurdering.domain.errors import UserError

    ctx.consent.record(visit, "fullmakt", given=True, given_on="2026-11-03", form="skriftlig")
    with pytest.raises(UserError):
        ctx.consent.record(visit, "fullmakt", given=True, given_on="2999-01-01", form="skriftlig")
    with pytest.raises(UserError):
        ctx.consent.record(visit, "fullmakt", given="ja", given_on="2026-11-03", form="skriftlig")
    record = ctx.consent.consents(visit)["fullmakt"]
    assert record.given and record.form == "skriftlig" and record.given_on.isoformat() == "2026-11-03"


def test_fullmakt_is_entered_in_the_documents_panel(qtbot, ctx, docs, visit):
    from datetime import date

    from boligvurdering.gui.documents import DocumentsPanel

    panel = DocumentsPanel(ctx, visit)
    qtbot.addWidget(panel)
    state, form, _when = panel.consent.rows["fullmakt"]
    assert state.currentIndex() == 0  # «Ikke registrert»
    state.setCurrentIndex(state.findData("given"))
    form.setCurrentIndex(form.findData("skriftlig"))
    panel.consent.save.click()
    stored = ctx.consent.consents(visit)["fullmakt"]
    assert stored.given and stored.form == "skriftlig" and stored.given_on == date.today()
    assert "Fullmakt til ergoterapeut: foreligger (skriftlig" in flat_text(docs.render_bytes(visit, "nav-rampe",
                                                                                              language="nb"))
