"""Exchange files: complete validation before writing, idempotent import, exact round trip."""

import copy
import json

import pytest

from boligvurdering.domain.errors import ValidationFailed
from boligvurdering.services.demo import create_demo, demo_documents
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.store.models import Answer, Client, Room, Visit


def _count(ctx, model):
    from sqlmodel import func, select

    with ctx.db.transaction() as s:
        return s.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def doc(ctx):
    return copy.deepcopy(demo_documents(ctx.registry)[0])


def test_import_then_export_round_trip(ctx, doc):
    service = ExchangeService(ctx)
    outcome = service.import_document(doc)
    assert outcome.status == "new"
    exported = service.export_visit(outcome.visit_id)
    assert exported["client"]["national_id"] == doc["client"]["national_id"]
    assert exported["answers"]["falls_tug_seconds"] == 16.4
    assert len(exported["rooms"]) == len(doc["rooms"])
    # Import the export into a second, empty database: exporting again gives the same document.
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import open_context

    other = open_context(AppPaths(ctx.paths.root.parent / "other"), role="administrator")
    try:
        again = ExchangeService(other)
        assert again.import_document(json.loads(json.dumps(exported))).status == "new"
        assert again.export_visit(outcome.visit_id) == exported
    finally:
        other.close()


def test_import_twice_updates_instead_of_duplicating(ctx, doc):
    service = ExchangeService(ctx)
    assert service.import_document(doc).status == "new"
    doc["answers"]["TUG.SECONDS"] = 13.1
    assert service.import_document(doc).status == "updated"
    assert _count(ctx, Visit) == 1 and _count(ctx, Client) == 1
    visit_answers, _ = ctx.answers.answers(doc["visit"]["id"])
    assert visit_answers["falls_tug_seconds"] == 13.1


def test_codes_are_accepted_in_place_of_ids(ctx, doc):
    doc["answers"] = {"STEADI.FALLEN": True, "MNA-SF.A": 1, "MST.WEIGHT_LOSS": 2}
    visit_id = ExchangeService(ctx).import_document(doc).visit_id
    answers, _ = ctx.answers.answers(visit_id)
    assert answers["falls_fallen_past_year"] is True
    assert ctx.registry.question("nutrition_mna_a").points_of(answers["nutrition_mna_a"]) == 1
    assert ctx.registry.question("nutrition_mst_weight_loss").points_of(answers["nutrition_mst_weight_loss"]) == 2


def test_invalid_file_lists_every_problem_and_stores_nothing(ctx, doc):
    doc["client"]["national_id"] = "15076500566"  # wrong check digit
    doc["dwelling"]["postal_code"] = "59A4"
    doc["answers"]["TUG.SECONDS"] = -3
    doc["answers"]["no_such_question"] = True
    doc["rooms"][0]["answers"]["housing_entrance_door_width_cm"] = "wide"
    doc["rooms"][1]["type"] = "garage"
    with pytest.raises(ValidationFailed) as info:
        ExchangeService(ctx).import_document(doc)
    where = {p.where for p in info.value.problems}
    assert {"client.national_id", "dwelling.postal_code", "answers.TUG.SECONDS",
            "answers.no_such_question", "rooms[0].answers.housing_entrance_door_width_cm",
            "rooms[1].type"} <= where
    messages = " ".join(p.message for p in info.value.problems)
    assert "kontrollsiffer" in messages and "fire sifre" in messages and "mellom 1 og 300 s" in messages
    assert _count(ctx, Client) == 0 and _count(ctx, Visit) == 0 and _count(ctx, Answer) == 0


def test_room_question_at_visit_level_is_refused(ctx, doc):
    doc["answers"]["housing_threshold_mm"] = 20
    with pytest.raises(ValidationFailed) as info:
        ExchangeService(ctx).import_document(doc)
    assert any("må stå under «rooms»" in p.message for p in info.value.problems)


@pytest.mark.parametrize("broken", [
    [], "text", {"format": "other", "version": 1, "client": {}, "visit": {}},
    {"format": "boligvurdering.visit", "version": 2, "client": {}, "visit": {}},
    {"format": "boligvurdering.visit", "version": 1},
])
def test_wrong_shapes_refused(ctx, broken):
    with pytest.raises(ValidationFailed):
        ExchangeService(ctx).import_document(broken)
    assert _count(ctx, Visit) == 0


def test_failure_inside_the_write_leaves_nothing(ctx, doc, monkeypatch):
    from boligvurdering.store import answers as repo

    def boom(*_a, **_k):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(repo, "replace_all", boom)
    with pytest.raises(RuntimeError):
        ExchangeService(ctx).import_document(doc)
    assert _count(ctx, Visit) == 0 and _count(ctx, Room) == 0 and _count(ctx, Client) == 0


def test_import_paths_reports_refused_files(ctx, doc, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(doc), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    outcomes = ExchangeService(ctx).import_paths([good, bad])
    assert [o.status for o in outcomes] == ["new", "refused"]
    assert "ugyldig JSON" in outcomes[1].problems[0].message


def test_demo_creates_visits_in_various_states(ctx):
    ids = create_demo(ctx)
    statuses = {v.status for v in ctx.visits.list()}
    assert len(ids) == 5 and len(statuses) >= 4
    assert all(ctx.clients.get(v.client_id).national_id[2] in "89" for v in ctx.visits.list())
    assert create_demo(ctx) == ids  # running twice updates, no duplicates
    assert len(ctx.visits.list()) == 5


def test_exported_documents_match_the_published_schema(ctx):
    from pathlib import Path

    import jsonschema

    schema = json.loads((Path(__file__).parents[2] / "docs" / "visit-exchange.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    service = ExchangeService(ctx)
    for visit_id in create_demo(ctx):
        jsonschema.validate(service.export_visit(visit_id), schema)


def test_measures_costs_and_plan_round_trip(ctx, tmp_path):
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import open_context

    ids = create_demo(ctx)
    visit_id = next(i for i in ids if ctx.plan.household(i))
    exported = ExchangeService(ctx).export_visit(visit_id)
    assert any(m["status"] == "accepted" for m in exported["measures"])
    assert exported["plan"]["household"]["net_income_month"] == 21000
    other = open_context(AppPaths(tmp_path / "other"), role="administrator")
    try:
        ExchangeService(other).import_document(json.loads(json.dumps(exported)))
        assert ExchangeService(other).export_visit(visit_id) == exported
        assert other.plan.plan(visit_id)["total_cost"] == ctx.plan.plan(visit_id)["total_cost"]
    finally:
        other.close()


def test_naive_signed_at_is_taken_as_utc_and_bad_one_refused(ctx, doc):
    doc["visit"]["team"][0]["signed_at"] = "2026-11-20T10:15:00"
    visit_id = ExchangeService(ctx).import_document(doc).visit_id
    member = ctx.visits.get(visit_id).members[0]
    assert member.signed_at.isoformat().startswith("2026-11-20T10:15:00")
    doc["visit"]["team"][0]["signed_at"] = "i går"
    with pytest.raises(ValidationFailed) as info:
        ExchangeService(ctx).import_document(doc)
    assert any("signed_at" in p.where for p in info.value.problems)
