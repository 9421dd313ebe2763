"""Photos through the service: stored copies, print copy for documents, refusals store nothing."""

import io

import pytest
from PIL import Image

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.services.demo import create_demo


def _jpeg(size=(3000, 2000)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture
def visit_id(ctx):
    return create_demo(ctx)[0]


def test_import_stores_image_thumbnail_and_print_copy(ctx, visit_id):
    record = ctx.photos.import_photo(visit_id, _jpeg(), caption="Trapp ved inngangen")
    assert (record.width, record.height) == (2048, 1365)
    with Image.open(io.BytesIO(ctx.photos.print_bytes(record.id))) as im:
        assert max(im.size) == 1024
    with Image.open(io.BytesIO(ctx.photos.thumbnail_bytes(record.id))) as im:
        assert max(im.size) == 320
    assert [p.caption for p in ctx.photos.list(visit_id)] == ["Trapp ved inngangen"]
    ctx.photos.delete(record.id)
    assert ctx.photos.list(visit_id) == []
    assert not any(ctx.paths.photos.glob(f"{record.id}*"))


@pytest.mark.parametrize("payload", [b"", b"not an image at all", _jpeg()[:5000]])
def test_corrupt_files_refused_and_nothing_stored(ctx, visit_id, payload):
    with pytest.raises(InvalidValue):
        ctx.photos.import_photo(visit_id, payload)
    assert ctx.photos.list(visit_id) == []
    assert not any(ctx.paths.photos.glob("*.jpg"))


def test_caption_too_long_refused(ctx, visit_id):
    with pytest.raises(InvalidValue, match="Bildeteksten"):
        ctx.photos.import_photo(visit_id, _jpeg((400, 300)), caption="x" * 501)
