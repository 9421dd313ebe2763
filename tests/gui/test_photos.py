"""Photos: imported in a worker, thumbnails with captions, refusals inline in Norwegian."""

from PIL import Image
from tests.gui.helpers import new_visit

from boligvurdering.gui.workspace.photos import PhotoGrid


def test_import_a_photo_and_refuse_a_corrupt_file(qtbot, ctx, runner, tmp_path):
    visit_id = new_visit(ctx)
    room = ctx.visits.add_room(visit_id, "bathroom")
    good = tmp_path / "bad.jpg"
    Image.new("RGB", (1200, 900), (120, 160, 200)).save(good, quality=85)
    broken = tmp_path / "ødelagt.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 10)
    grid = PhotoGrid(ctx, visit_id, runner, room.id)
    qtbot.addWidget(grid)
    assert not grid.empty.isHidden()
    with qtbot.waitSignals([grid.imported, grid.refused], timeout=20_000):
        grid.import_files([good, broken])
    assert len(grid.tiles) == 1
    assert not grid.tiles[0].image.pixmap().isNull()
    assert "ødelagt.jpg" in grid.error.text() and "Traceback" not in grid.error.text()
    assert grid.progress.isHidden() and grid.add_button.isEnabled()
    assert ctx.photos.list(visit_id)[0].room_id == room.id

    tile = grid.tiles[0]
    tile.caption.setText("Badet sett fra døra")
    tile.caption.editingFinished.emit()
    assert ctx.photos.list(visit_id)[0].caption == "Badet sett fra døra"
    assert runner.errors == []


def test_file_dialog_offers_only_what_is_read_and_photos_can_be_enlarged_and_deleted(qtbot, ctx, runner, tmp_path):
    from boligvurdering.gui.workspace.photos import photo_filter

    patterns = photo_filter().split("(")[-1].rstrip(")").split()
    assert {p.lower() for p in patterns} == {"*.jpg", "*.jpeg", "*.png", "*.heic", "*.heif", "*.webp"}
    visit_id = new_visit(ctx)
    photo = tmp_path / "trapp.webp"
    Image.new("RGB", (800, 600), (30, 140, 60)).save(photo, "WEBP")
    grid = PhotoGrid(ctx, visit_id, runner)
    qtbot.addWidget(grid)
    with qtbot.waitSignal(grid.imported, timeout=20_000):
        grid.import_files([photo])
    tile = grid.tiles[0]
    tile.enlarge()
    assert tile.viewer is not None and tile.viewer.image.pixmap().width() == 800
    tile.viewer.close()
    tile.confirm = lambda _parent: False  # «Nei»: nothing is lost
    tile.delete()
    assert len(ctx.photos.list(visit_id)) == 1
    tile.confirm = lambda _parent: True
    tile.delete()
    assert ctx.photos.list(visit_id) == [] and grid.tiles == []
    assert runner.errors == []
