"""Erasure on request: deletion and anonymisation leave no personal data, and are audited."""

import pytest

from boligvurdering.domain.errors import AccessDenied, NotFound
from boligvurdering.services import audit, auth, privacy
from boligvurdering.services.auth import unlock

from .conftest import new_client, new_visit


def _jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), (200, 120, 40)).save(out, "JPEG", quality=90)
    return out.getvalue()


def test_delete_client_removes_everything_and_audits_without_personal_data(paths, secure):
    client = new_client(secure)
    visit = new_visit(secure, client)
    secure.answers.save(visit.id, "falls_fallen_past_year", True)
    photo = secure.photos.import_photo(visit.id, _jpeg())
    secure.plan.save_household(visit.id, {"savings": 150000})
    secure.plan.save_statement(visit.id, "Zyxwar trenger rampe.")
    privacy.delete_client(secure, client.id, reason="brukeren ba om det")
    with pytest.raises(NotFound):
        secure.clients.get(client.id)
    assert secure.visits.list() == []
    assert not any(secure.paths.photos.glob(f"{photo.id}*"))  # image, thumbnail and print copy
    assert secure.plan.household(visit.id) == {} and secure.plan.statement(visit.id) == ""
    entries = audit.entries(secure)
    erase = [e for e in entries if e["action"] == "privacy.delete"]
    assert erase and erase[0]["client_id"] == client.id
    assert all("Zyxwar" not in str(e) and client.national_id not in str(e) for e in entries)
    assert audit.verify(secure).ok


def test_anonymise_keeps_case_without_identity(paths, secure):
    client = new_client(secure)
    visit = new_visit(secure, client)
    photo = secure.photos.import_photo(visit.id, _jpeg())
    secure.plan.save_household(visit.id, {"savings": 150000})
    secure.plan.save_statement(visit.id, "Zyxwar trenger rampe.")
    privacy.anonymise_client(secure, client.id)
    assert not any(secure.paths.photos.glob(f"{photo.id}*"))
    assert secure.plan.household(visit.id) == {} and secure.plan.statement(visit.id) == ""
    anon = secure.clients.get(client.id)
    assert anon.given_name == "Anonymisert" and anon.national_id.startswith("ANONYM-")
    assert anon.birth_date.month == 1 and anon.birth_date.day == 1
    assert secure.clients.dwellings(client.id)[0].address == "Anonymisert"
    assert secure.visits.get(visit.id).client_id == client.id


def test_only_lead_or_admin_may_erase(paths, secure):
    client = new_client(secure)
    auth.add_user(secure, "ergo", "ergo passord 1", "Ergo", "ergoterapeut")
    secure.close()
    ctx = unlock(paths, "ergo", "ergo passord 1")
    try:
        with pytest.raises(AccessDenied):
            privacy.delete_client(ctx, client.id)
    finally:
        ctx.close()
