"""Corrections: clients deactivated (not deleted) once they have visits; team members edited (#13)."""

import pytest

from boligvurdering.domain.errors import ValidationFailed


def audit_actions(ctx):
    from boligvurdering.store import security as repo

    with ctx.db.transaction() as s:
        return [e["action"] for e in repo.iter_audit(s)]


def new_client(ctx, nid="15076500565"):
    return ctx.clients.create({"national_id": nid, "given_name": "Test", "family_name": "Person"},
                              {"address": "Vei 1", "postal_code": "5914"})


def test_client_with_visits_is_deactivated_and_one_without_is_deleted(ctx):
    kept = new_client(ctx)
    member = ctx.visits.add_member("Ada Ergo", "ergoterapeut")
    visit = ctx.visits.create(kept.id, data={"visit_date": "2026-11-20"}, team=[(member.id, "ergoterapeut")])
    mistake = new_client(ctx, "01814020114")
    assert ctx.clients.remove(kept.id) is False
    assert ctx.clients.get(kept.id).active is False
    assert ctx.visits.get(visit.id).client_id == kept.id  # the visit and its record stay
    assert [c.id for c in ctx.clients.search("")] == [mistake.id]  # hidden from the register
    assert ctx.clients.remove(mistake.id) is True
    assert ctx.clients.search("") == []
    assert ctx.clients.reactivate(kept.id).active is True
    actions = audit_actions(ctx)
    assert {"client.deactivate", "client.delete", "client.reactivate"} <= set(actions)


def test_team_member_corrected_and_deactivated(ctx):
    member = ctx.visits.add_member("Ada Ergoo", "ergoterapeut", "40000001")
    fixed = ctx.visits.update_member(member.id, name="Ada Ergo", role="fysioterapeut", phone="40000002")
    assert (fixed.name, fixed.role, fixed.phone) == ("Ada Ergo", "fysioterapeut", "40000002")
    with pytest.raises(ValidationFailed):
        ctx.visits.update_member(member.id, name="", role="kokk")
    ctx.visits.deactivate_member(member.id)
    assert [m.id for m in ctx.visits.members()] == []
    assert {"member.update", "member.deactivate"} <= set(audit_actions(ctx))
