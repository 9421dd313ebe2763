"""Per-call language: gettext catalogues through Babel, contexts, plurals, TOML texts, formatting."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from boligvurdering import i18n
from boligvurdering.domain.formatting import format_date, format_money, format_number
from boligvurdering.formsengine.texts import localize, missing_translations
from boligvurdering.i18n import current_language, ntr, retranslate, tr, tr_in, use_language


@pytest.fixture(autouse=True)
def _bokmal_session():
    i18n.set_ui_language("nb")
    yield
    i18n.set_ui_language("nb")


def test_bokmal_text_is_the_msgid_and_other_languages_come_from_the_catalogues():
    assert tr("Avvist") == "Avvist"
    with use_language("nn"):
        assert tr("Avvist") == "Avvist" and tr("Planlagt") == "Planlagd"
        assert tr("Falt {n} ganger siste år", n=2) == "Fall 2 gonger siste året"
    with use_language("en"):
        assert tr("Planlagt") == "Planned"
    assert tr("en tekst som ikke finnes i katalogen") == "en tekst som ikke finnes i katalogen"


def test_language_is_per_context_not_global():
    i18n.set_ui_language("en")
    assert tr("Planlagt") == "Planned"
    with use_language("nn"):  # a nynorsk letter while the window is English
        assert tr("Planlagt") == "Planlagd"
        with use_language("nb"):
            assert tr("Planlagt") == "Planlagt"
        assert current_language() == "nn"
    assert tr("Planlagt") == "Planned"
    assert tr_in("nn", "Planlagt") == "Planlagd"


def test_a_thread_rendering_nynorsk_does_not_change_another_threads_language():
    seen: dict[str, str] = {}
    inside, release = threading.Event(), threading.Event()

    def letter() -> None:
        with use_language("nn"):
            inside.set()
            release.wait(5)
            seen["letter"] = tr("Planlagt")

    worker = threading.Thread(target=letter)
    worker.start()
    inside.wait(5)
    seen["ui"] = tr("Planlagt")
    release.set()
    worker.join(5)
    assert seen == {"letter": "Planlagd", "ui": "Planlagt"}


def test_unknown_language_is_refused():
    with pytest.raises(ValueError), use_language("sv"):
        pass
    with pytest.raises(ValueError):
        i18n.set_ui_language("de")


def test_plural_forms_through_ngettext():
    one, many = "ADVARSEL {n} tekst mangler oversettelse til {language}", \
        "ADVARSEL {n} tekster mangler oversettelse til {language}"
    assert ntr(one, many, 1, language="nynorsk") == "ADVARSEL 1 tekst mangler oversettelse til nynorsk"
    assert ntr(one, many, 3, language="x") == "ADVARSEL 3 tekster mangler oversettelse til x"
    with use_language("en"):
        assert ntr(one, many, 1, language="Nynorsk") == "WARNING 1 text lacks a translation into Nynorsk"
        assert ntr(one, many, 2, language="Nynorsk") == "WARNING 2 texts lack a translation into Nynorsk"
    with use_language("nn"):
        assert ntr(one, many, 2, language="engelsk") == "ÅTVARING 2 tekstar manglar omsetjing til engelsk"


def test_forms_check_cli_speaks_the_chosen_language(capsys, tmp_path):
    import shutil

    from boligvurdering.cli.main import main
    from boligvurdering.resources import forms_dir

    forms = shutil.copytree(forms_dir(), tmp_path / "forms")
    falls = forms / "questionnaires" / "falls.toml"
    text = falls.read_text(encoding="utf-8")
    english = ', en = "I have fallen in the past year." }'
    assert english in text
    falls.write_text(text.replace(english, " }"), encoding="utf-8")  # one question without English
    assert main(["--lang", "en", "forms", "check", str(forms)]) == 0
    out = capsys.readouterr().out
    assert "WARNING 1 text lacks a translation into English" in out
    assert "files checked, 0 errors." in out and "mangler" not in out and "Nynorsk" not in out


def test_stored_bokmal_reason_is_rendered_again_from_the_translated_template():
    localize({"reason": {"nb": "Terskel på {check.x.measured} mm i {room} (krav: høyst 25 mm).",
                         "nn": "Terskel på {check.x.measured} mm i {room} (krav: høgst 25 mm)."}})
    stored = "Terskel på 30 mm i Bad oppe (krav: høyst 25 mm)."
    with use_language("nn"):
        assert retranslate(stored) == "Terskel på 30 mm i Bad oppe (krav: høgst 25 mm)."
        assert retranslate(stored + "; Falt siste år") == ("Terskel på 30 mm i Bad oppe (krav: høgst 25 mm).; "
                                                          "Fall siste året")
        assert retranslate("Fritekst fra teamet") == "Fritekst fra teamet"
    assert retranslate(stored) == stored


def test_toml_text_tables_become_bokmal_with_translations_registered():
    data = localize({"title": {"nb": "Dørterskel i gangen", "nn": "Dørterskel i gangen (nn)", "en": "Door sill"},
                     "option": [{"label": "Ja"}]})
    assert data == {"title": "Dørterskel i gangen", "option": [{"label": "Ja"}]}
    assert tr_in("nn", "Dørterskel i gangen") == "Dørterskel i gangen (nn)"
    assert tr_in("en", "Dørterskel i gangen") == "Door sill"


def test_missing_translations_are_counted_per_language():
    raw = {"question": [{"id": "a", "text": "Bor du alene?"},
                        {"id": "b", "text": {"nb": "Har du falt?", "nn": "Har du falle?"}},
                        {"id": "c", "text": {"nb": "Røyker du?", "nn": "Røykjer du?", "en": "Do you smoke?"}}]}
    assert missing_translations(raw) == {"nn": 1, "en": 2}


def test_forms_check_reports_untranslated_texts_as_warnings_not_errors(tmp_path):
    from boligvurdering.formsengine.check import untranslated_texts
    from boligvurdering.resources import forms_dir

    assert untranslated_texts(forms_dir()) == {"nn": 0, "en": 0}  # every shipped text in three languages
    (tmp_path / "x.toml").write_text('title = { nb = "Hei", nn = "Hei" }\nid = "alver"\n', encoding="utf-8")
    assert untranslated_texts(tmp_path) == {"nn": 0, "en": 1}


@pytest.mark.parametrize(("lang", "day", "number", "money"), [
    ("nb", "1. desember 2026", "1\u00a0250,5", "kr\u00a029\u00a0700"),
    ("nn", "1. desember 2026", "1\u00a0250,5", "kr\u00a029\u00a0700"),
    ("en", "1 December 2026", "1,250.5", "NOK 29,700"),
])
def test_dates_numbers_and_money_per_locale(lang, day, number, money):
    with use_language(lang):
        assert format_date(date(2026, 12, 1)) == day
        assert format_number(1250.5) == number
        assert format_money(29_700.4) == money
    assert format_number(12.0) == "12" and format_number(None) == ""
