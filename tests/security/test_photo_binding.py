"""Photos are bound to their visit; an import never references a file it didn't bring (issue 19, item 5)."""

import base64
import io
from datetime import date

import pytest
from PIL import Image

from boligvurdering.domain.errors import UserError, ValidationFailed
from boligvurdering.domain.national_id import make_synthetic
from boligvurdering.services import privacy
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.store import extras as extras_repo

from .conftest import new_client, new_visit


def _jpeg(colour):
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buf, "JPEG")
    return buf.getvalue()


def _victim(secure):
    client = new_client(secure, "Offer", "Klientsen", n=123)
    visit = new_visit(secure, client)
    photo = secure.photos.import_photo(visit.id, _jpeg((200, 10, 10)))
    return visit, photo, secure.photos.image_bytes(photo.id)


def _intruder_document(photo):
    nid = make_synthetic(date(1941, 5, 6), 140, female=False).value
    return {"format": "boligvurdering.visit", "version": 1,
            "client": {"national_id": nid, "given_name": "Inntrenger", "family_name": "Fil"},
            "visit": {"visit_date": "2026-11-21"},
            "photos": [{"file_name": photo.file_name, "sha256": photo.sha256, "width": 64, "height": 48}]}


def test_an_import_cannot_point_at_another_clients_photo(secure):
    _visit, photo, original = _victim(secure)
    service = ExchangeService(secure)
    with pytest.raises(ValidationFailed) as exc:
        service.import_document(_intruder_document(photo))
    assert any("photos[0]" in p.where for p in exc.value.problems)
    assert [c.given_name for c in secure.clients.search("")] == ["Offer"]  # nothing stored

    own = _jpeg((10, 200, 10))
    import hashlib

    doc = _intruder_document(photo)  # brings its own bytes, still names the victim's file
    doc["photos"][0].update(data=base64.b64encode(own).decode(), sha256=hashlib.sha256(own).hexdigest())
    outcome = service.import_document(doc)
    with secure.db.transaction() as s:
        stored = extras_repo.photos_of(s, visit_id=outcome.visit_id)
    assert len(stored) == 1 and stored[0].file_name != photo.file_name
    assert secure.photos.image_bytes(stored[0].id) == own
    intruder = next(c for c in secure.clients.search("") if c.given_name == "Inntrenger")
    privacy.delete_client(secure, intruder.id, "test")
    assert secure.photos.image_bytes(photo.id) == original  # the victim keeps the photo


def test_a_row_naming_another_visits_file_is_not_read_nor_erased(secure):
    _visit, photo, original = _victim(secure)
    other = new_client(secure, "Annen", "Klient", n=140)
    other_visit = new_visit(secure, other)
    with secure.db.transaction() as s:  # as an earlier import would have stored it
        row = extras_repo.add_photo(s, visit_id=other_visit.id, file_name=photo.file_name, sha256=photo.sha256,
                                    width=64, height=48, size_bytes=len(original))
    with pytest.raises(UserError):
        secure.photos.image_bytes(row.id)
    with pytest.raises(UserError):
        secure.photos.print_bytes(row.id)
    privacy.delete_client(secure, other.id, "test")
    assert secure.photos.image_bytes(photo.id) == original


def test_photos_travel_inside_the_exchange_file(secure, tmp_path):
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.auth import first_start

    visit, photo, original = _victim(secure)
    document = ExchangeService(secure).export_visit(visit.id)
    assert base64.b64decode(document["photos"][0]["data"]) == original
    other = first_start(AppPaths(tmp_path / "other"), "admin", "korrekt hest batteri", "B")
    try:
        outcome = ExchangeService(other).import_document(document)
        again = ExchangeService(other).import_document(document)  # re-import keeps the same photo
        with other.db.transaction() as s:
            rows = extras_repo.photos_of(s, visit_id=outcome.visit_id)
        assert again.status == "updated" and len(rows) == 1
        assert other.photos.image_bytes(rows[0].id) == original
        del document["photos"][0]["data"]  # metadata of the photo it already has: kept
        ExchangeService(other).import_document(document)
        assert other.photos.image_bytes(rows[0].id) == original
    finally:
        other.close()
