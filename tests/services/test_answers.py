import pytest

from boligvurdering.domain.errors import InvalidValue


@pytest.fixture
def visit(ctx):
    client = ctx.clients.create({"national_id": "15076500565", "given_name": "Test", "family_name": "Person"},
                                {"address": "Vei 1", "postal_code": "5914"})
    member = ctx.visits.add_member("Ingrid Fjell", "ergoterapeut", "40000001")
    return ctx.visits.create(client.id, data={"visit_date": "2026-11-20", "referral_reason": "Fall"},
                             team=[(member.id, "ergoterapeut")], contact_member_id=member.id)


def test_answer_is_committed_and_pinned_to_form_version(ctx, visit):
    assert ctx.answers.save(visit.id, "falls_tug_seconds", 14.2) == 14.2
    answers, _ = ctx.answers.answers(visit.id)
    assert answers == {"falls_tug_seconds": 14.2}
    from boligvurdering.store import answers as repo

    with ctx.db.transaction() as s:
        pins = repo.assessments_of(s, visit_id=visit.id)
    form = ctx.registry.form("falls")
    assert pins == [("falls", form.version, form.content_hash)]


def test_out_of_range_refused_and_previous_value_kept(ctx, visit):
    ctx.answers.save(visit.id, "falls_tug_seconds", 14.2)
    with pytest.raises(InvalidValue, match="mellom 1 og 300 s"):
        ctx.answers.save(visit.id, "falls_tug_seconds", 301)
    assert ctx.answers.answers(visit.id)[0]["falls_tug_seconds"] == 14.2


def test_clearing_an_answer(ctx, visit):
    ctx.answers.save(visit.id, "falls_worries", True)
    ctx.answers.save(visit.id, "falls_worries", None)
    assert ctx.answers.answers(visit.id)[0] == {}


def test_room_scope_is_enforced(ctx, visit):
    bath = ctx.visits.add_room(visit.id, "bathroom")
    kitchen = ctx.visits.add_room(visit.id, "kitchen", "Kjøkken")
    ctx.answers.save(visit.id, "housing_wc_free_side_cm", 60, room_id=bath.id)
    with pytest.raises(InvalidValue, match="velg rommet"):
        ctx.answers.save(visit.id, "housing_wc_free_side_cm", 60)
    with pytest.raises(InvalidValue, match="romtypen"):
        ctx.answers.save(visit.id, "housing_wc_free_side_cm", 60, room_id=kitchen.id)
    with pytest.raises(InvalidValue, match="hele besøket"):
        ctx.answers.save(visit.id, "falls_worries", True, room_id=bath.id)
    _, rooms = ctx.answers.answers(visit.id)
    assert rooms == {bath.id: {"housing_wc_free_side_cm": 60.0}}
    assert bath.name == "Bad og toalett"


def test_unknown_question(ctx, visit):
    with pytest.raises(InvalidValue, match="Ukjent spørsmål"):
        ctx.answers.save(visit.id, "nope", 1)


def test_visit_team_contact_and_sign_off(ctx, visit):
    assert visit.contact.name == "Ingrid Fjell"
    with pytest.raises(InvalidValue, match="ikke med i teamet"):  # nobody signed in: nobody signs
        ctx.signoff.sign(visit.id, signed=False)


def test_contact_must_be_in_team(ctx, visit):
    from boligvurdering.domain.errors import ValidationFailed

    other = ctx.visits.add_member("Ola Utenfor", "byggteknisk")
    with pytest.raises(ValidationFailed, match="Kontaktpersonen"):
        ctx.visits.create(visit.client_id, data={}, team=[], contact_member_id=other.id)


def test_scoring_snapshot_updates_case(ctx, visit):
    ctx.answers.save(visit.id, "falls_fallen_past_year", True)
    ctx.answers.save(visit.id, "falls_tug_seconds", 15.2)
    result = ctx.assessment.save_snapshot(visit.id)
    assert result.instruments["TUG"].band == "at_risk"
    assert ctx.visits.get(visit.id).risk_rank >= 2
    snapshot = ctx.assessment.latest_snapshot(visit.id)
    assert snapshot["instruments"]["TUG"]["score"] == 15.2
    assert {kind for kind, *_ in ctx.assessment.follow_ups(visit.id)} >= {"revisit"}
