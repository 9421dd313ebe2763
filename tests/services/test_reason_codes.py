"""Scores speak in codes: snapshots hold codes and no language; every view renders its own (issue #12/#18)."""

from __future__ import annotations

import json
import re

import pytest
from sqlmodel import select

from boligvurdering.domain.reason_texts import CATALOGUE, render
from boligvurdering.domain.reasons import Reason, reason_from_json
from boligvurdering.i18n import set_ui_language, ui_language, use_language
from boligvurdering.services.demo import demo_documents
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.store import answers as answer_repo
from boligvurdering.store.models import ScoreSnapshot

CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_-]+)*$")
BOKMAL = ("ikke", "ganger", "hver", "fra", "uten", "bare", "noen", "høy", "lav", "bolig", "boligen", "mangler",
          "røykvarsler", "røykvarslerne", "slokkeutstyr", "bekymret", "hjemme", "måned", "uker")


@pytest.fixture
def visit_id(ctx):
    outcome = ExchangeService(ctx).import_document(demo_documents(ctx.registry)[0])
    assert outcome.status == "new"
    ctx.assessment.save_snapshot(outcome.visit_id)
    return outcome.visit_id


def _stored(ctx, visit_id) -> dict:
    with ctx.db.transaction() as s:
        return answer_repo.latest_snapshot(s, visit_id=visit_id)


def _reasons(snapshot: dict) -> list:
    out = [r for d in snapshot["domains"].values() for r in d["reasons"]]
    out += [c["explanation"] for c in snapshot["checks"]]
    out += [f["reason"] for f in snapshot["follow_up"]] + [r["explanation"] for r in snapshot["rules"]]
    return out


def _strings(value, key=""):
    """Every string in a stored reason except room names (the team's own words)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str) and key not in ("room", "x", "u", "sign"):
        yield value


def test_the_stored_snapshot_holds_codes_and_params_and_no_sentence(ctx, visit_id):
    stored = _stored(ctx, visit_id)
    reasons = _reasons(stored)
    assert len(reasons) > 15  # the demo visit has reasons in every domain, checks, follow-ups and rules
    assert all(isinstance(r, dict) and set(r) == {"code", "params"} for r in reasons)
    assert {r["code"] for r in reasons} <= {*CATALOGUE, "housing.check_fail", "rule", "rule.follow_up"}
    assert all(CODE.match(s) for r in reasons for s in _strings(r)), [s for r in reasons for s in _strings(r)
                                                                       if not CODE.match(s)]
    text = json.dumps(_reasons(stored), ensure_ascii=False)
    for sentence in ("Falt 2 ganger siste år", "Brudd på § 7", "Ny kartlegging av ernæring", "Boligtrapp trinn"):
        assert sentence not in text
    with ctx.db.transaction() as s:  # the follow-up rows hold codes too
        from boligvurdering.store.models import FollowUp

        rows = [f.reason for f in s.exec(select(FollowUp)).all()]
    assert rows and all(isinstance(reason_from_json(r), Reason) for r in rows)


def test_reasons_render_in_bokmal_nynorsk_and_english(ctx, visit_id):
    shown = {lang: ctx.assessment.latest_snapshot(visit_id, lang) for lang in ("nb", "nn", "en")}
    per_language = {lang: _reasons(s) for lang, s in shown.items()}
    assert all(all(isinstance(r, str) and r for r in rs) for rs in per_language.values())
    nb, nn, en = per_language["nb"], per_language["nn"], per_language["en"]
    assert len(nb) == len(nn) == len(en) > 15
    assert "Falt 2 ganger siste år" in nb and "Fall 2 gonger siste året" in nn and "Fell 2 times in the last year" in en
    assert nb != nn and nb != en and nn != en
    assert sum(a != b for a, b in zip(nb, nn, strict=True)) > len(nb) // 2
    assert sum(a != b for a, b in zip(nb, en, strict=True)) > len(nb) // 2
    ours = [r for d in ("falls", "fire", "nutrition") for r in shown["nn"]["domains"][d]["reasons"]]
    ours += [f["reason"] for f in shown["nn"]["follow_up"] if f["kind"] != "gp_medication_review"]
    assert len(ours) > 8  # the texts of the code catalogue (TOML texts carry their own translations)
    words = {w.lower() for r in ours for w in re.findall(r"[\wæøåÆØÅ]+", r)}
    assert words.isdisjoint(BOKMAL), sorted(words & set(BOKMAL))
    codes = shown["nb"]["domains"]["falls"]["codes"]
    assert {"code": "falls.count", "params": {"n": 2}} in codes  # each reason with its code


def test_a_nynorsk_document_shows_nynorsk_reasons_while_the_window_is_english(ctx, visit_id):
    from boligvurdering.services.documents import DocumentService

    before = ui_language()
    set_ui_language("en")
    try:
        with use_language("nn"):
            data = DocumentService(ctx).gather(visit_id, "archive")
        english = ctx.assessment.score(visit_id)
    finally:
        set_ui_language(before)
    falls = next(f for f in data.findings if f.domain == "falls")
    assert "Fall 2 gonger siste året" in falls.reasons
    assert "Fri breidd i inngangsdør" in {c.title for c in data.checks}  # from the check id, in nynorsk
    fire = next(i for i in data.instruments if i.id == "FIRE-7")
    assert "røykvarslar i kvar etasje" in fire.source
    assert "Fell 2 times in the last year" in english["domains"]["falls"]["reasons"]


def test_a_snapshot_stored_before_codes_still_loads_and_shows_its_sentences(ctx, visit_id):
    legacy = {"scoring_version": "1.0.0", "instruments": {}, "housing_step": None, "derived": {},
              "domains": {"falls": {"level": "high", "reasons": ["Falt 2 ganger siste år", "Noe helt eget"]}},
              "checks": [{"id": "door_width_entrance", "result": "fail", "explanation": "Målt 80 cm, krav ≥ 86 cm"}],
              "follow_up": [{"kind": "revisit", "due": "2027-01-01", "reason": "Nytt forebyggende hjemmebesøk om ett år"}],
              "rules": [{"id": "old_rule", "explanation": "En gammel regel"}]}
    with ctx.db.transaction() as s:
        for row in s.exec(select(ScoreSnapshot)).all():
            s.delete(row)
        answer_repo.save_snapshot(s, visit_id=visit_id, scoring_version="1.0.0", result=legacy)
    nb = ctx.assessment.latest_snapshot(visit_id, "nb")
    assert nb["domains"]["falls"]["reasons"] == ["Falt 2 ganger siste år", "Noe helt eget"]  # as it was
    assert nb["domains"]["falls"]["codes"] == [None, None]
    assert nb["checks"][0]["explanation"] == "Målt 80 cm, krav ≥ 86 cm"
    assert nb["rules"][0]["explanation"] == "En gammel regel"
    nn = ctx.assessment.latest_snapshot(visit_id, "nn")
    assert nn["domains"]["falls"]["reasons"] == ["Fall 2 gonger siste året", "Noe helt eget"]  # known template
    assert nn["follow_up"][0]["reason"] == render("Nytt forebyggende hjemmebesøk om ett år", "nn") != ""


def test_every_code_renders_in_every_language():
    for code in CATALOGUE:
        texts = {lang: render(Reason(code, {"n": 2, "s": 3, "v": 18.5, "x": [Reason("falls.unsteady")]}), lang)
                 for lang in ("nb", "nn", "en")}
        assert all(texts.values()), code
        assert "{" not in "".join(texts.values()), (code, texts)


def _all_strings(value, key=""):
    """Every string of a stored snapshot, keys included, except room names (the team's own words)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _all_strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _all_strings(v, key)
    elif isinstance(value, str) and key not in ("room_name", "room", "x"):
        yield value


def test_the_stored_snapshot_holds_no_language_at_all(ctx, visit_id):
    stored = _stored(ctx, visit_id)
    strings = list(_all_strings(stored))
    assert len(strings) > 200
    norwegian = [s for s in strings if re.search(r"[æøåÆØÅ]", s)]
    assert norwegian == []
    sentences = [s for s in strings if " " in s.strip()]
    assert sentences == []  # ids, codes, units, dates and numbers only
    assert all("title" not in c and "requirement" not in c for c in stored["checks"])
    assert {i["source"] for i in stored["instruments"].values()} <= set(stored["instruments"])


def test_check_titles_requirements_and_sources_render_from_ids_in_each_language(ctx, visit_id):
    shown = {lang: ctx.assessment.latest_snapshot(visit_id, lang) for lang in ("nb", "nn", "en")}
    door = {lang: next(c for c in s["checks"] if c["id"] == "door_width_entrance") for lang, s in shown.items()}
    assert door["nb"]["title"] == "Fri bredde i inngangsdør" and door["nb"]["requirement"] == "fri bredde ≥ 86 cm"
    assert door["nn"]["title"] != door["nb"]["title"] and door["en"]["title"] not in (door["nb"]["title"],
                                                                                      door["nn"]["title"])
    assert door["nn"]["requirement"] and door["en"]["requirement"] != door["nb"]["requirement"]
    fire = {lang: s["instruments"]["FIRE-7"]["source"] for lang, s in shown.items()}
    assert fire["nb"].startswith("Forskrift om brannforebygging § 7 (røykvarsler i hver etasje")
    assert "røykvarslar i kvar etasje" in fire["nn"] and "smoke alarms" in fire["en"]
    steep = [c for s in [shown["nn"]] for c in s["checks"] if c["id"] == "ramp_gradient_1_12"]
    assert all("Nav godtek ikkje brattare enn 1:12" in c["explanation"] for c in steep)


def test_a_legacy_snapshot_with_check_texts_and_sources_still_shows_them(ctx, visit_id):
    legacy = {"scoring_version": "1.0.0", "housing_step": None, "derived": {}, "domains": {}, "follow_up": [],
              "rules": [], "instruments": {"XYZ": {"score": 1, "band": "low", "missing": [],
                                                   "source": "En gammel kilde"}},
              "checks": [{"id": "gone_check", "title": "En gammel kontroll", "room_id": None, "room_name": "Bad",
                          "measured": None, "unit": "", "requirement": "et gammelt krav", "result": "pass",
                          "explanation": "I orden"}]}
    with ctx.db.transaction() as s:
        for row in s.exec(select(ScoreSnapshot)).all():
            s.delete(row)
        answer_repo.save_snapshot(s, visit_id=visit_id, scoring_version="1.0.0", result=legacy)
    nb = ctx.assessment.latest_snapshot(visit_id, "nb")
    assert nb["checks"][0]["title"] == "En gammel kontroll" and nb["checks"][0]["requirement"] == "et gammelt krav"
    assert nb["instruments"]["XYZ"]["source"] == "En gammel kilde"
