"""GP and fire-service letters: the GP by name, urgency, what the kommune arranges, no needless referral."""

from __future__ import annotations

from dataclasses import asdict, replace

from test_consent import flat_text

from boligvurdering.reports import render_document
from boligvurdering.reports.model import InstrumentLine, MeasureLine
from boligvurdering.reports.requirements import missing_for


def test_gp_letter_names_the_gp_and_says_why_now(ctx, docs, visit):
    client = ctx.clients.get(ctx.visits.get(visit).client_id)
    ctx.clients.update(client.id, {**asdict(client), "gp_name": "Dr. Kari Legevakt"})
    text = flat_text(docs.render_bytes(visit, "fastlege"))
    assert "Til: Dr. Kari Legevakt, fastlege for Ærlige Åse Øvrebø" in text
    assert "Vi ber om rask vurdering" in text
    assert "muntlig samtykke" in text and "Ingrid Fjellstøl" in text.split("Svar sendes til kontaktpersonen")[1]


def test_fire_letter_lists_what_the_kommune_arranges(docs, visit):
    data = docs.gather(visit, "brannvesen")
    stove = MeasureLine("Komfyrvakt", "fire", "accepted", "Vedtatt")
    text = flat_text(render_document(replace(data, measures=(*data.measures, stove))))
    assert "Dette ordner kommunen allerede" in text and "Komfyrvakt" in text


def test_no_fire_referral_when_every_minimum_requirement_passes(docs, visit):
    data = docs.gather(visit, "brannvesen")
    passing = tuple(replace(i, band="pass") if i.id == "FIRE-7" else i for i in data.instruments)
    if not any(i.id == "FIRE-7" for i in passing):
        passing += (InstrumentLine("FIRE-7", "7", "pass", "Bestått", ""),)
    assert any("ikke grunn til henvisning" in m for m in missing_for(replace(data, instruments=passing), "brannvesen"))
    assert not any("ikke grunn" in m for m in missing_for(data, "brannvesen"))


ACCESS = {"fire_access_key_box": True, "fire_access_key_box_where": "Bak søppelskuret",
          "fire_access_relative_name": "Per Øvrebø (sønn)", "fire_access_relative_phone": "41 22 33 44",
          "fire_access_best_time": "Etter klokka 14"}


def test_fire_letter_prints_access_details_that_travel_with_the_visit(ctx, docs, visit, tmp_path):
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import open_context
    from boligvurdering.services.documents import DocumentService
    from boligvurdering.services.exchange import ExchangeService

    assert "Ingen opplysninger om tilgang" in flat_text(docs.render_bytes(visit, "brannvesen", language="nb"))
    for qid, value in ACCESS.items():
        ctx.answers.save(visit, qid, value)
    text = flat_text(docs.render_bytes(visit, "brannvesen", language="nb"))
    access = text.split("Tilgang til boligen")[1].split("Hva fant vi?")[0]
    assert "Nøkkelboks Ja. Bak søppelskuret" in access
    assert "Pårørende å kontakte Per Øvrebø (sønn), 41 22 33 44" in access and "Etter klokka 14" in access
    assert text.count("Bak søppelskuret") == 1  # not repeated among the fire findings
    for kind in ("tilskudd", "nav-rampe", "fastlege"):  # the other recipients never get them
        assert "41 22 33 44" not in flat_text(docs.render_bytes(visit, kind, language="nb")), kind
    exported = ExchangeService(ctx).export_visit(visit)
    other = open_context(AppPaths.resolve(tmp_path / "other"), role="administrator")
    try:
        assert ExchangeService(other).import_document(exported).status == "new"
        assert {k: other.answers.answers(visit)[0].get(k) for k in ACCESS} == ACCESS
        for recipient in ("brannvesen",):
            other.consent.record(visit, recipient, given=True, given_on="2026-11-02", form="muntlig")
        nn = flat_text(DocumentService(other).render_bytes(visit, "brannvesen", language="nn"))
        assert "Tilgjenge til bustaden" in nn and "Ja. Bak søppelskuret" in nn
    finally:
        other.close()


def test_access_answers_refuse_bad_input_and_keep_what_was_saved(ctx, visit):
    from boligvurdering.domain.errors import UserError

    ctx.answers.save(visit, "fire_access_relative_phone", "41 22 33 44")
    for bad in ("x" * 41, 12):
        try:
            ctx.answers.save(visit, "fire_access_relative_phone", bad)
        except UserError as exc:
            assert "Traceback" not in str(exc)
        else:
            raise AssertionError(f"accepted {bad!r}")
    assert ctx.answers.answers(visit)[0]["fire_access_relative_phone"] == "41 22 33 44"
