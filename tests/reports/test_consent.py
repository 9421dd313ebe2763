"""Consent per recipient, refusal of documents without it, documents marked as sent, disclosure log."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.services import audit
from boligvurdering.services.consent import ConsentRefused
from boligvurdering.store import backlog as backlog_repo


def flat_text(pdf: bytes) -> str:
    return " ".join("\n".join(pg.extract_text() for pg in PdfReader(io.BytesIO(pdf)).pages).replace("\xa0", " ").split())


def test_consent_is_stored_per_recipient_and_audited(ctx, visit):
    ctx.consent.record(visit, "fastlege", given=False, given_on="2026-11-03", form="skriftlig")
    stored = ctx.consent.consents(visit)
    assert stored["fastlege"].given is False and stored["fastlege"].form == "skriftlig"
    assert stored["fastlege"].given_on == date(2026, 11, 3)
    assert stored["skattedata"].given is True  # the tax-data consent is its own item
    actions = [(e["action"], e["details"].get("recipient")) for e in audit.entries(ctx)]
    assert ("consent.record", "fastlege") in actions


def test_consent_input_is_refused_in_norwegian(ctx, visit):
    with pytest.raises(InvalidValue, match="Ukjent mottaker"):
        ctx.consent.record(visit, "naboen", given=True, given_on="2026-11-03", form="muntlig")
    with pytest.raises(InvalidValue, match="muntlig eller skriftlig"):
        ctx.consent.record(visit, "nav", given=True, given_on="2026-11-03", form="telepatisk")
    with pytest.raises(InvalidValue, match="etter i dag"):
        ctx.consent.record(visit, "nav", given=True, given_on="2999-01-01", form="muntlig")


@pytest.mark.parametrize("kind,recipient", [("fastlege", "fastlege"), ("brannvesen", "brannvesen"),
                                            ("nav-rampe", "nav"), ("tilskudd", "kommune")])
def test_document_refused_when_consent_refused(ctx, docs, visit, kind, recipient):
    ctx.consent.record(visit, recipient, given=False, given_on="2026-11-03", form="muntlig")
    with pytest.raises(ConsentRefused, match="ikke samtykket"):
        docs.render_bytes(visit, kind)
    assert any("ikke samtykket" in m for m in docs.missing(visit, kind))
    assert docs.render_bytes(visit, "client").startswith(b"%PDF")  # the client's own letter needs none


def test_document_refused_when_no_consent_recorded(ctx, docs, visit):
    from sqlmodel import delete

    from boligvurdering.store.models import Consent

    with ctx.db.transaction() as s:
        s.exec(delete(Consent))
    with pytest.raises(ConsentRefused, match="fastlegen er ikke registrert"):
        docs.render_bytes(visit, "fastlege")
    assert docs.render_bytes(visit, "archive").startswith(b"%PDF")


def test_letter_states_the_recorded_consent(docs, visit):
    text = flat_text(docs.render_bytes(visit, "fastlege"))
    assert "muntlig samtykke 2. november 2026 til at opplysningene sendes til fastlegen" in text


def test_cli_refuses_document_without_consent_with_exit_2(ctx, visit, tmp_path, capsys):
    from boligvurdering.cli.main import main
    from boligvurdering.services.auth import unlock

    ctx.consent.record(visit, "brannvesen", given=False, given_on="2026-11-03", form="muntlig")
    ctx.close()
    out = tmp_path / "brann.pdf"
    args = ["--data-dir", str(ctx.paths.root), "report", visit, "--kind", "brannvesen", "--out", str(out)]
    assert main(args) == 2
    assert "ikke samtykket" in capsys.readouterr().err and not out.exists()
    unlock(ctx.paths, "testadmin", "test-passord-123").close()


def test_mark_sent_logs_and_moves_the_case(ctx, docs, visit):
    ctx.consent.mark_sent(visit, "client", sent_on="2026-11-05", channel="post")
    assert ctx.visits.get(visit).status == "rapport_sendt"
    ctx.consent.mark_sent(visit, "tilskudd", sent_on="2026-11-06", channel="digital_post", amount_applied=61250)
    assert ctx.visits.get(visit).status == "soknad_sendt"
    with ctx.db.transaction() as s:
        apps = backlog_repo.applications_of(s, visit_id=visit)
        assert [(a.channel, a.amount_applied, a.sent_at) for a in apps] == [
            ("kommunalt_tilskudd", 61250, date(2026, 11, 6))]
    log = ctx.consent.disclosures(visit)
    assert [(d.document, d.recipient, d.channel) for d in log] == [
        ("client", "bruker", "post"), ("tilskudd", "kommune", "digital_post")]
    assert [e["details"]["document"] for e in audit.entries(ctx) if e["action"] == "document.sent"] == [
        "client", "tilskudd"]
    text = flat_text(docs.render_bytes(visit, "archive"))
    assert "Utlevering av opplysninger" in text
    assert "6. november 2026" in text and "Digital post" in text and "Kommunen og Husbanken" in text


def test_mark_sent_refused_without_consent_and_out_of_order(ctx, visit):
    ctx.consent.record(visit, "nav", given=False, given_on="2026-11-03", form="muntlig")
    with pytest.raises(ConsentRefused):
        ctx.consent.mark_sent(visit, "nav-rampe", sent_on="2026-11-05", channel="post")
    from boligvurdering.services.pipeline import TransitionRefused

    with pytest.raises(TransitionRefused, match="«Signert» mangler"):  # the team signs, then the report goes first
        ctx.consent.mark_sent(visit, "tilskudd", sent_on="2026-11-05", channel="post")
    assert ctx.consent.disclosures(visit) == []
    assert ctx.visits.get(visit).status == "gjennomfort"
    with pytest.raises(InvalidValue, match="sendes ikke ut"):
        ctx.consent.mark_sent(visit, "archive", sent_on="2026-11-05", channel="post")
