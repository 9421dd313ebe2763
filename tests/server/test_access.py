"""Refused with a clear Norwegian message: deactivated user, revoked device, expired token, wrong team."""

import pytest
from sqlalchemy import update

from boligvurdering.security.keystore import Keystore
from boligvurdering.server import accounts
from boligvurdering.server.db import engine_for, transaction
from boligvurdering.server.models import Device, DeviceToken, utcnow
from boligvurdering.services.sync import SyncService
from boligvurdering.services.sync_http import ServerRefused


def _server_db(server):
    return engine_for(server.env["BOLIGVURDERING_DATABASE_URL"])


def test_deactivated_user_is_refused_and_loses_the_key_on_the_laptop(server, enrolled):
    ctx = enrolled("a", "terapeut")
    SyncService(ctx).run()
    with transaction(_server_db(server)) as s:
        accounts.set_active(s, "terapeut", False)
    with pytest.raises(ServerRefused, match="«terapeut» er deaktivert på serveren") as err:
        SyncService(ctx).run()
    assert err.value.code == "user_deactivated"
    assert not Keystore.load(ctx.paths.keystore).has_user("terapeut")
    assert not SyncService(ctx).enrolled()


def test_revoked_device_is_refused(server, enrolled):
    ctx = enrolled("a", "terapeut")
    with transaction(_server_db(server)) as s:
        s.execute(update(Device).values(revoked_at=utcnow()))
    with pytest.raises(ServerRefused, match="meldt ut av serveren") as err:
        SyncService(ctx).run()
    assert err.value.code == "device_revoked"


def test_expired_token_is_refused(server, enrolled):
    from datetime import timedelta

    ctx = enrolled("a", "terapeut")
    with transaction(_server_db(server)) as s:
        s.execute(update(DeviceToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    with pytest.raises(ServerRefused, match="utløpt. Logg inn på nytt") as err:
        SyncService(ctx).run()
    assert err.value.code == "token_expired"


def test_wrong_team_cannot_push_into_another_teams_visit_nor_see_it(server, enrolled, new_visit):
    from boligvurdering.services.exchange import ExchangeService

    ours = enrolled("a", "terapeut")
    visit = new_visit(ours, 1, "Aasen")
    SyncService(ours).run()
    theirs = enrolled("b", "fremmed")  # team Os
    ExchangeService(theirs).import_document(ExchangeService(ours).export_visit(visit.id))
    with pytest.raises(ServerRefused, match="et annet team") as err:
        SyncService(theirs).run()
    assert err.value.code == "wrong_team"


def test_other_team_receives_nothing_and_a_device_stays_in_its_team(server, enrolled, new_visit):
    ours = enrolled("a", "terapeut")
    new_visit(ours, 1, "Aasen")
    SyncService(ours).run()
    theirs = enrolled("b", "fremmed")
    assert SyncService(theirs).run().visits_received == 0
    ours.actor = "fremmed"  # a user of team Os signs in on a laptop enrolled in team Lindås
    with pytest.raises(ServerRefused, match="et annet team"):
        SyncService(ours).enrol(server.url, "sterkt-passord-1", "a")


def test_bad_password_on_enrolment(server, laptop):
    ctx = laptop("a", "terapeut")
    with pytest.raises(ServerRefused, match="Feil brukernavn eller passord"):
        SyncService(ctx).enrol(server.url, "feil-passord-99", "a")


def test_team_worklist_on_the_server_covers_every_laptop_for_the_lead_only(server, enrolled, new_visit):
    from boligvurdering.services.sync_http import ServerClient
    from boligvurdering.store import sync

    a, b, lead = enrolled("a", "terapeut"), enrolled("b", "konsulent"), enrolled("lead", "leder")
    new_visit(a, 1, "Aasen")
    new_visit(b, 2, "Berg")
    for ctx in (a, b):
        SyncService(ctx).run()

    def cases(ctx, user, **query):
        with ctx.db.transaction() as s:
            url, token = sync.account(s, user)[1:]
        return ServerClient(url, token).call("GET", "/worklist", query=query)["cases"]

    assert sorted(c["client"] for c in cases(lead, "leder")) == ["Test Aasen", "Test Berg"]
    assert [c["client"] for c in cases(a, "terapeut")] == ["Test Aasen"]
    assert cases(lead, "leder", status="avsluttet") == []
