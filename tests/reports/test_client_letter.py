"""The letter to the client: advice for every serious risk, plain «du» language, no past dates."""

from __future__ import annotations

from datetime import date

from dates import dates_after
from test_consent import flat_text


def test_every_high_risk_domain_gets_plain_advice(docs, visit):
    data = docs.gather(visit, "client")
    high = [f.domain for f in data.findings if f.level == "high"]
    assert {"falls", "fire", "nutrition"} <= set(high)
    assert not [m for m in data.accepted_measures if m.domain in ("fire", "nutrition")]  # nothing agreed there
    text = flat_text(docs.render_bytes(visit, "client"))
    for area in ("Fall", "Brann", "Mat og vekt", "Boligen"):
        assert f"{area}: dette anbefaler vi" in text, area
    assert "Komfyrvakt. Komfyrvakten slår av komfyren" in text  # the catalogue's «du» explanation
    assert "Ernæringsplan og oppfølging av vekt" in text


def test_no_rule_text_no_third_person_no_internal_wording(docs, visit):
    text = flat_text(docs.render_bytes(visit, "client"))
    for banned in ("krav:", "(krav", "Brukeren", "brukeren", "Åse kommer", "Føler seg", "Falt siste år",
                   "Kommer seg ikke", "Mangler støttehåndtak", "badekarkanten uten"):
        assert banned not in text, banned


def test_follow_up_dates_are_never_before_the_letter(docs, visit):
    text = flat_text(docs.render_bytes(visit, "client"))
    dates = dates_after(text, "innen")
    assert dates and all(d >= date.today() for d in dates), dates
