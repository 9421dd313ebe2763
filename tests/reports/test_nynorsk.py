"""Documents in the kommune's målform: nynorsk catalogue complete, every kind in nb and nn, no bokmål in nn letters."""

from __future__ import annotations

import io
import re
import string

import pytest
from pypdf import PdfReader

from boligvurdering import i18n
from boligvurdering.reports.texts import TEXTS
from boligvurdering.reports.texts_nn import NN_TEXTS
from boligvurdering.services.language import LanguageService

KINDS = ("client", "archive", "tilskudd", "nav-rampe", "fastlege", "brannvesen")
# Words that give bokmål away in a nynorsk text (NYNORSK.md); none of them is a nynorsk word.
BOKMAL_ONLY = {
    "ikke", "jeg", "hva", "hvem", "hvor", "hvorfor", "hvordan", "fra", "uten", "selv", "bare", "mye", "noen",
    "mulig", "vanlig", "ansvarlig", "sammen", "hele", "trenger", "gjør", "ønsker", "hjemme", "hjem", "bolig",
    "boligen", "tilskudd", "røykvarsler", "røykvarslere", "anbefaler", "anbefaling", "brukeren", "bruker",
    "søker", "henvisning", "pårørende", "husstand", "egne", "tilbud", "høy", "lav", "høyde", "legemidler",
    "sykdom", "sykehus", "bekymret", "alene", "stue", "vindu", "bilde", "bilder", "navn", "mottatt", "forrige",
    "åpne", "uke", "måned", "ganger", "mangler", "hvis", "mer", "kommer", "ennå",
}
# What the team or the client typed (names, rooms, the client's own words, the team's own measure
# texts in visitdata.py) is printed as written.
USER_TEXT = re.compile(r"«[^»]*»|Ærlige Åse Øvrebø|Hovedinngang|Bad i første etasje|Ingrid Fjellstøl|"
                       r"Lars Håvardsholm|Rampe til hovedinngangen|Trinnfri adkomst slik at Åse kommer inn og ut "
                       r"med rullator\.|Kan ikke gå over badekarkanten uten å falle\.")


def text_of(pdf: bytes) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\u00a0", " ").split())


def bokmal_words(text: str) -> set[str]:
    words = re.findall(r"[a-zæøåA-ZÆØÅ]+", USER_TEXT.sub(" ", text))
    return {w.lower() for w in words} & BOKMAL_ONLY


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_document_text_has_a_nynorsk_entry_with_the_same_fields():
    missing = sorted(set(TEXTS) - set(NN_TEXTS))
    assert not missing, f"nynorsk mangler for: {missing}"
    assert not sorted(set(NN_TEXTS) - set(TEXTS))
    assert [k for k in TEXTS if fields(TEXTS[k]) != fields(NN_TEXTS[k])] == []
    assert not [k for k, v in NN_TEXTS.items() if bokmal_words(v)], "bokmål i texts_nn"


@pytest.fixture
def both(docs, visit):
    return {(kind, lang): text_of(docs.render_bytes(visit, kind, language=lang))
            for kind in KINDS for lang in ("nb", "nn")}


def test_every_document_kind_renders_in_bokmal_and_nynorsk(both):
    from boligvurdering.reports.texts import t

    for kind in KINDS:
        nb, nn = both[(kind, "nb")], both[(kind, "nn")]
        assert nb != nn, kind
        assert "Ærlige Åse Øvrebø" in nn, kind
        with i18n.use_language("nn"):
            assert t(f"kind.{kind}").split(":")[0] in nn or kind == "client", kind
        assert "Side 1 av" in nn and "Laga " in nn, kind
    assert "Kva fann vi?" in both[("client", "nn")] and "Hva fant vi?" in both[("client", "nb")]
    assert "Søkjar" in both[("tilskudd", "nn")] and "Tilvising til fastlege" in both[("fastlege", "nn")]


def test_nynorsk_client_letter_has_no_bokmal_words(both):
    text = both[("client", "nn")]
    assert "Kva tilrår vi?" in text and "Kven gjer kva?" in text
    assert bokmal_words(text) == set(), text
    assert bokmal_words(both[("client", "nb")])  # the check can fail: the bokmål letter is caught


def test_kommune_malform_is_the_default_and_a_client_can_prefer_another(ctx, docs, visit):
    languages = LanguageService(ctx)
    client_id = ctx.visits.get(visit).client_id
    assert "Hva fant vi?" in text_of(docs.render_bytes(visit, "client"))
    languages.set_kommune_malform("nn")
    assert "Kva fann vi?" in text_of(docs.render_bytes(visit, "client"))
    languages.set_client_malform(client_id, "nb")
    assert "Hva fant vi?" in text_of(docs.render_bytes(visit, "client"))
    languages.set_client_malform(client_id, "")
    assert docs.language(visit) == "nn"


def test_nynorsk_letter_while_the_ui_is_english(ctx, docs, visit):
    LanguageService(ctx).set_kommune_malform("nn")
    i18n.set_ui_language("en")
    try:
        text = text_of(docs.render_bytes(visit, "client"))
        assert i18n.tr("Planlagt") == "Planned"
    finally:
        i18n.set_ui_language("nb")
    assert "Kva fann vi?" in text and bokmal_words(text) == set()
    assert "Planned" not in text and "December" not in text


def test_malform_choices_are_validated(ctx, visit):
    from boligvurdering.domain.errors import ValidationFailed

    languages = LanguageService(ctx)
    with pytest.raises(ValidationFailed, match="Bokmål eller Nynorsk"):
        languages.set_kommune_malform("en")  # English is for the screens only
    assert languages.kommune_malform() == "nb"


def test_alver_demo_client_letters_come_out_in_nynorsk(ctx, docs):
    from boligvurdering.services.demo import create_demo

    ids = create_demo(ctx)
    assert LanguageService(ctx).kommune_malform() == "nn"
    text = text_of(docs.render_bytes(ids[0], "client"))
    assert "Alver kommune" in text and "Kva fann vi?" in text
    assert docs.language(ids[1]) == "nb"  # the second demo client prefers bokmål


# Bokmål forms the therapist's statement used to let through in a nynorsk application.
STATEMENT_BOKMAL = {"forventet", "brukeren", "fikk", "forebyggende", "hjemmebesøk", "tiltakene", "behovene",
                    "boligen", "nødvendige", "sekunder", "funksjonsnedsettelsen", "ikke", "mulig", "dekker",
                    "viktigste", "bor", "alene"} - {"bor"}


def statement_markers(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[a-zæøåA-ZÆØÅ]+", USER_TEXT.sub(" ", text))} & STATEMENT_BOKMAL


def test_nynorsk_statement_has_no_bokmal_markers_and_no_empty_paragraph(ctx, docs, visit):
    LanguageService(ctx).set_kommune_malform("nn")
    draft = docs.statement(visit)  # asked while the window is bokmål: drafted in the letter's målform
    assert "Forventa utvikling" in draft and "Slik dekkjer tiltaka behova." in draft
    assert statement_markers(draft) == set(), draft
    assert all(par.strip() for par in draft.split("\n\n")) and "\n\n\n" not in draft
    assert "behova.\n" not in draft and "behova. \n" not in draft  # the measures follow on the same line
    for kind in ("tilskudd", "nav-rampe"):
        text = text_of(docs.render_bytes(visit, kind, language="nn"))
        start = text.index(" fekk førebyggjande heimebesøk") - 40  # the statement's first sentence
        section = text[start:text.index("Etter mi vurdering", start)]
        assert "Forventa utvikling" in section and statement_markers(section) == set(), (kind, section)
    with i18n.use_language("nb"):
        assert statement_markers(docs.statement(visit)) == set()  # nb client would still get nn (kommune nn)
    LanguageService(ctx).set_kommune_malform("nb")
    assert {"forventet", "brukeren"} <= statement_markers(docs.statement(visit))  # the check can fail
