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
