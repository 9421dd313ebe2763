"""Draft of the therapist's statement (uttalelse fra ergoterapeut), written as prose.

The draft is plain text the therapist edits and signs: who and how the person lives, the
diagnosis or condition, function in sentences (never raw questions and answers), why the
reduced function is lasting, what in the home is in the way, how each accepted measure meets a
need, and the expected development. Every sentence comes from the visit's recorded data.
"""

from __future__ import annotations

from boligvurdering.domain.enums import band_of_concern
from boligvurdering.reports.model import DocumentData
from boligvurdering.reports.texts import t

_TEST_INSTRUMENTS = ("TUG", "CST30", "BAL4", "FES-I-SHORT")


def _answer(data: DocumentData, qid: str) -> str:
    return data.facts.get(qid, ("", ""))[1]


def _function_text(data: DocumentData) -> str:
    """Walking aids, falls and test results as sentences."""
    sentences = []
    aids = _answer(data, "falls_walking_aids")
    if aids and aids != t("common.none"):
        sentences.append(t("st.aids", aids=aids.lower()))
    if _answer(data, "falls_fallen_past_year") == t("common.yes"):
        sentences.append(t("st.fallen"))
    if _answer(data, "falls_unsteady") == t("common.yes"):
        sentences.append(t("st.unsteady"))
    tests = [t(f"st.inst.{i.id}", value=i.score) for i in data.instruments
             if i.id in _TEST_INSTRUMENTS and i.score and band_of_concern(i.band)]
    if tests:
        sentences.append(t("st.tests", text="; ".join(tests)))
    return " ".join(sentences)


def _housing_text(data: DocumentData) -> str:
    fails = [f"{c.room}: {c.title.lower()} {c.measured} ({c.requirement})".replace("  ", " ")
             for c in data.checks if c.result == "fail"]
    return t("st.housing", text="; ".join(fails)) if fails else ""


def _measures_text(data: DocumentData) -> str:
    sentences = [t("st.measure", title=m.title, reason=(m.reason or t("st.default_reason")).rstrip("."))
                 for m in data.accepted_measures]
    return t("st.measures_head", text=" ".join(sentences)) if sentences else ""


def draft_statement(data: DocumentData) -> str:
    """The statement as editable plain text (paragraphs separated by blank lines)."""
    c = data.client
    living = "" if c.lives_alone is None else t("st.lives_alone" if c.lives_alone else "st.lives_with")
    condition = t("st.condition", text=data.condition.strip().rstrip(".")) if data.condition.strip() \
        else t("st.condition_missing")
    paragraphs = [t("st.intro", name=c.name, age=c.age if c.age is not None else "?",
                    date=data.visit_date or "?", living=living).strip(),
                  f"{condition} {t('st.lasting')}" if data.lasting is not False else condition]
    if data.what_matters:
        paragraphs.append(t("st.matters", text=data.what_matters))
    paragraphs += [text for text in (_function_text(data), _housing_text(data), _measures_text(data)) if text]
    paragraphs += [t("st.development"), t("st.closing")]
    return "\n\n".join(paragraphs)
