"""Data minimisation per recipient: applications, GP and fire service get only what they need."""

from __future__ import annotations

from dataclasses import replace

from test_consent import flat_text

from boligvurdering.reports.minimise import minimise
from boligvurdering.reports.referrals import gp_topics

# Words that only fire habits, memory, mood, nutrition or BMI would bring into a document.
NOT_FOR_APPLICATIONS = ("KMI", "kroppsmasseindeks", "Ernæring", "ernæring", "Brannrisiko", "komfyrvakt", "røyk",
                        "hukommelse", "Hukommelse", "nedfor", "legemidler", "Malnutrition", "MST", "vekt")


def test_applications_carry_no_fire_memory_mood_or_nutrition(docs, visit):
    for kind in ("tilskudd", "nav-rampe"):
        text = flat_text(docs.render_bytes(visit, kind))
        for word in NOT_FOR_APPLICATIONS:
            assert word not in text, (kind, word)
        assert "Timed Up and Go" in text or "rullator" in text.lower(), kind  # function stays


def test_application_data_keeps_function_and_housing_only(docs, visit):
    data = minimise(docs.gather(visit, "tilskudd"))
    assert {f.domain for f in data.findings} == {"falls", "housing"}
    assert not any(k.startswith(("fire_", "nutrition_", "other_")) for k in data.facts)
    assert data.derived == () and "falls_walking_aids" in data.facts


def test_gp_letter_gets_only_what_the_referral_is_about(docs, visit):
    full = docs.gather(visit, "fastlege")
    assert gp_topics(full) == {"medication", "nutrition", "mood"}
    only_mood = replace(full, follow_ups=(), findings=tuple(f for f in full.findings if f.domain != "nutrition"),
                        facts={k: v for k, v in full.facts.items() if k != "falls_med_count"})
    data = minimise(only_mood)
    assert gp_topics(data) == {"mood"}
    assert set(data.facts) <= {"other_low_mood", "other_lonely", "other_memory_concern", "other_alcohol_concern"}
    assert data.findings == () and data.derived == () and data.instruments == ()


def test_gp_letter_prints_no_contradicting_mood_answers(docs, visit):
    text = flat_text(docs.render_bytes(visit, "fastlege"))
    assert "trist eller nedfor" not in text and "nedfor" in text


def test_fire_letter_is_lean(docs, visit):
    data = minimise(docs.gather(visit, "brannvesen"))
    assert {f.domain for f in data.findings} == {"fire"}
    assert data.photos == () and data.plan is None and data.household == () and data.derived == ()
