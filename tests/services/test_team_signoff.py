"""Kontaktperson by default, the team edited inside the visit, sign-off as oneself, status moves (#13)."""

from datetime import date, timedelta

import pytest

from boligvurdering.domain.errors import InvalidValue, ValidationFailed

REQUIRED = {"opening_consent_visit": True, "opening_lives_alone": False, "falls_fallen_past_year": False,
            "falls_unsteady": False, "falls_worries": False, "nutrition_mst_weight_loss": "no",
            "nutrition_mst_appetite": "no"}


def sign_in(ctx, username, full_name, role="ergoterapeut"):
    """What auth.unlock does to the context, without the key derivation (fast)."""
    from boligvurdering.store import security as repo

    with ctx.db.transaction() as s:
        if repo.get_user(s, username=username) is None:
            repo.add_user(s, username=username, full_name=full_name, role=role)
    ctx.actor, ctx.role = username, role
    return ctx.team.me()


def audit_entries(ctx, action):
    from boligvurdering.store import security as repo

    with ctx.db.transaction() as s:
        return [e for e in repo.iter_audit(s) if e["action"] == action]


@pytest.fixture
def client(ctx):
    return ctx.clients.create({"national_id": "15076500565", "given_name": "Test", "family_name": "Person"},
                              {"address": "Vei 1", "postal_code": "5914"})


def test_new_visit_makes_the_creating_user_kontaktperson(ctx, client):
    other = ctx.visits.add_member("Per Fysio", "fysioterapeut")
    me = sign_in(ctx, "ingrid", "Ingrid Fjell")
    assert me.name == "Ingrid Fjell" and me.username == "ingrid"
    visit = ctx.visits.create(client.id, data={"visit_date": "2026-11-20"},
                              team=[(other.id, "fysioterapeut"), (me.id, "ergoterapeut")])
    assert visit.contact.id == me.id
    third = ctx.visits.add_member("Kari Bygg", "byggteknisk")
    without_me = ctx.visits.create(client.id, data={"visit_date": "2026-11-21"},
                                   team=[(other.id, "fysioterapeut"), (third.id, "byggteknisk")])
    assert without_me.contact.id == other.id  # the first member


def test_team_is_editable_inside_the_visit(ctx, client):
    a = ctx.visits.add_member("Ada Ergo", "ergoterapeut")
    b = ctx.visits.add_member("Bo Fysio", "fysioterapeut")
    visit = ctx.visits.create(client.id, data={"visit_date": "2026-11-20"}, team=[(a.id, "ergoterapeut")])
    visit = ctx.team.add(visit.id, b.id, "fysioterapeut")
    assert {m.member.name for m in visit.members} == {"Ada Ergo", "Bo Fysio"}
    visit = ctx.team.set_role(visit.id, b.id, "boligkonsulent")
    assert {m.member.id: m.role for m in visit.members}[b.id] == "boligkonsulent"
    visit = ctx.team.set_contact(visit.id, b.id)
    assert visit.contact.id == b.id
    visit = ctx.team.remove(visit.id, b.id)  # the kontaktperson leaves: the next one takes over
    assert [m.member.id for m in visit.members] == [a.id] and visit.contact.id == a.id
    with pytest.raises(InvalidValue, match="Ukjent rolle"):
        ctx.team.set_role(visit.id, a.id, "kokk")
    assert len(audit_entries(ctx, "visit.team")) == 4


def test_sign_off_lists_what_is_missing_and_each_member_signs_as_themselves(ctx, client):
    first = sign_in(ctx, "ingrid", "Ingrid Fjell")
    second = sign_in(ctx, "per", "Per Fysio", "fysioterapeut")
    next_month = (date.today() + timedelta(days=31)).isoformat()
    visit = ctx.visits.create(client.id, data={"visit_date": next_month},
                              team=[(first.id, "ergoterapeut"), (second.id, "fysioterapeut")])
    with pytest.raises(ValidationFailed) as refused:
        ctx.signoff.sign(visit.id)
    text = " ".join(p.message for p in refused.value.problems)
    assert "ikke kommet ennå" in text and "Samtykke" in text and "Påkrevde spørsmål" in text
    assert all(m.signed_at is None for m in ctx.visits.get(visit.id).members)

    ctx.visits.update(visit.id, {"visit_date": (date.today() - timedelta(days=1)).isoformat()})
    for qid, value in REQUIRED.items():
        ctx.answers.save(visit.id, qid, value)
    assert ctx.signoff.missing(visit.id) == []
    assert ctx.visits.get(visit.id).status == "gjennomfort"  # date reached + answers recorded

    signed = ctx.signoff.sign(visit.id)  # signed in as «per»: only Per's part is signed
    assert {m.member.id: m.signed_at is not None for m in signed.members} == {first.id: False, second.id: True}
    assert signed.status == "gjennomfort"
    sign_in(ctx, "ingrid", "Ingrid Fjell")
    signed = ctx.signoff.sign(visit.id)
    assert signed.status == "signert"
    assert [e["actor"] for e in audit_entries(ctx, "visit.sign")] == ["per", "ingrid"]
    moves = [e["details"]["changed"]["status"] for e in audit_entries(ctx, "visit.status")]
    assert moves == [["planlagt", "gjennomfort"], ["gjennomfort", "signert"]]
    assert ctx.assessment.follow_ups(visit.id)  # follow-up dates from scoring


def test_sign_off_refused_for_someone_not_on_the_team(ctx, client):
    member = ctx.visits.add_member("Ada Ergo", "ergoterapeut")
    visit = ctx.visits.create(client.id, data={"visit_date": "2026-11-20"}, team=[(member.id, "ergoterapeut")])
    for qid, value in REQUIRED.items():
        ctx.answers.save(visit.id, qid, value)
    sign_in(ctx, "utenfor", "Ola Utenfor")
    with pytest.raises(InvalidValue, match="ikke med i teamet"):
        ctx.signoff.sign(visit.id)
