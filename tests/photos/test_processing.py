"""Tests for boligvurdering.photos: orientation, stripping, scaling, refusals and fuzzing."""

from __future__ import annotations

import hashlib
import io
import random
import struct
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, ImageDraw

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.photos import MAX_FILE_BYTES, ProcessedPhoto, process_photo
from boligvurdering.photos import processing as processing_module
from boligvurdering.photos.metadata import parse_exif_datetime
from boligvurdering.photos.sniff import header_size, sniff_format

RED, WHITE, BLUE = (255, 0, 0), (255, 255, 255), (0, 0, 255)


# ---------------------------------------------------------------- helpers


def make_exif(orientation: int | None = None, taken: str | None = None, gps: bool = False):
    exif = Image.Exif()
    exif[0x010F] = "Testkamera AS"  # Make
    if orientation is not None:
        exif[0x0112] = orientation
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken
    if gps:
        gps_ifd = exif.get_ifd(0x8825)
        gps_ifd[1], gps_ifd[2] = "N", (59.0, 54.0, 41.0)
        gps_ifd[3], gps_ifd[4] = "E", (10.0, 45.0, 7.0)
    return exif


def marked_image(size=(400, 200)) -> Image.Image:
    """White image with an 80×80 red block in the stored top-left corner."""
    image = Image.new("RGB", size, WHITE)
    ImageDraw.Draw(image).rectangle((0, 0, 79, 79), fill=RED)
    return image


def to_jpeg(image: Image.Image, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, **params)
    return buffer.getvalue()


def to_png(image: Image.Image, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **params)
    return buffer.getvalue()


def noisy_image(size=(256, 256), seed=1) -> Image.Image:
    rng = random.Random(seed)
    return Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_close(pixel, expected, tolerance=40):
    assert all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=True)), (
        pixel,
        expected,
    )


def swapped_primaries_profile() -> bytes:
    """An RGB ICC profile whose red and blue primaries are swapped (not sRGB)."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    (count,) = struct.unpack(">I", data[128:132])
    entries = {bytes(data[132 + 12 * i : 136 + 12 * i]): 132 + 12 * i for i in range(count)}
    red, blue = entries[b"rXYZ"] + 4, entries[b"bXYZ"] + 4
    data[red : red + 8], data[blue : blue + 8] = data[blue : blue + 8], data[red : red + 8]
    at = data.find("sRGB".encode("utf-16-be"))
    data[at : at + 8] = "Swap".encode("utf-16-be")
    return bytes(data)


def refused(source, **kwargs) -> str:
    with pytest.raises(InvalidValue) as info:
        process_photo(source, **kwargs)
    return str(info.value)


# ---------------------------------------------------------------- orientation


def test_orientation_6_rotates_clockwise():
    source = to_jpeg(marked_image(), exif=make_exif(orientation=6))
    result = process_photo(source)
    out = decoded(result.image_bytes)
    assert (result.width, result.height) == out.size == (200, 400)
    assert_close(out.getpixel((160, 40)), RED)  # stored top-left -> top-right
    assert_close(out.getpixel((40, 40)), WHITE)
    assert_close(out.getpixel((40, 360)), WHITE)


def test_orientation_8_rotates_counter_clockwise():
    source = to_jpeg(marked_image(), exif=make_exif(orientation=8))
    result = process_photo(source)
    out = decoded(result.image_bytes)
    assert out.size == (200, 400)
    assert_close(out.getpixel((40, 360)), RED)  # stored top-left -> bottom-left
    assert_close(out.getpixel((40, 40)), WHITE)
    assert_close(out.getpixel((160, 40)), WHITE)


def test_orientation_applied_after_downscaling_and_in_thumbnail():
    source = to_jpeg(marked_image((4000, 2000)), exif=make_exif(orientation=6))
    result = process_photo(source, max_side=1000, thumb_side=100)
    assert (result.width, result.height) == (500, 1000)
    assert decoded(result.thumb_bytes).size == (50, 100)
    out = decoded(result.image_bytes)
    assert_close(out.getpixel((495, 5)), RED)  # block is 20×20 after scaling
    assert_close(out.getpixel((5, 5)), WHITE)


def test_no_orientation_keeps_layout():
    result = process_photo(to_jpeg(marked_image()))
    out = decoded(result.image_bytes)
    assert out.size == (400, 200)
    assert_close(out.getpixel((40, 40)), RED)


# ---------------------------------------------------------------- metadata stripping


def test_all_metadata_stripped():
    source = to_jpeg(
        marked_image(),
        exif=make_exif(orientation=6, taken="2024:05:17 14:03:22", gps=True),
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret</x:xmpmeta>',
        comment=b"secret comment",
    )
    assert b"GPS" in source or b"\x88\x25" in source  # the source really has GPS
    result = process_photo(source)
    for data in (result.image_bytes, result.thumb_bytes):
        out = decoded(data)
        assert out.format == "JPEG"
        assert len(out.getexif()) == 0
        assert "icc_profile" not in out.info and "xmp" not in out.info
        for needle in (b"Exif", b"GPS", b"ICC_PROFILE", b"xmpmeta", b"adobe", b"secret"):
            assert needle not in data
    assert result.taken_at == datetime(2024, 5, 17, 14, 3, 22)


def test_png_exif_chunk_stripped():
    source = to_png(marked_image(), exif=make_exif(orientation=3, gps=True))
    result = process_photo(source)
    out = decoded(result.image_bytes)
    assert len(out.getexif()) == 0 and b"GPS" not in result.image_bytes
    assert_close(out.getpixel((360, 160)), RED)  # orientation 3 from PNG eXIf = 180°


def test_icc_profile_converted_to_srgb_pixels():
    image = Image.new("RGB", (64, 64), RED)
    result = process_photo(to_jpeg(image, icc_profile=swapped_primaries_profile()))
    out = decoded(result.image_bytes)
    assert "icc_profile" not in out.info
    assert_close(out.getpixel((32, 32)), BLUE)  # "red" in the swapped space is sRGB blue


def test_broken_icc_profile_is_ignored():
    image = Image.new("RGB", (64, 64), RED)
    result = process_photo(to_jpeg(image, icc_profile=b"not an icc profile" * 10))
    assert_close(decoded(result.image_bytes).getpixel((32, 32)), RED)


# ---------------------------------------------------------------- capture time


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024:05:17 14:03:22", datetime(2024, 5, 17, 14, 3, 22)),
        ("2024:05:17 14:03:22\x00", datetime(2024, 5, 17, 14, 3, 22)),
        (b"2023-12-01 08:00:00", datetime(2023, 12, 1, 8, 0, 0)),
        ("0000:00:00 00:00:00", None),
        ("2024:13:40 25:00:00", None),
        ("    :  :     :  :  ", None),
        ("", None),
        (12345, None),
        (None, None),
    ],
)
def test_parse_exif_datetime(raw, expected):
    assert parse_exif_datetime(raw) == expected


def test_taken_at_read_from_exif_and_missing_is_none(tmp_path):
    path = tmp_path / "IMG_0001.JPG"
    path.write_bytes(to_jpeg(marked_image(), exif=make_exif(taken="2025:01:31 23:59:59")))
    result = process_photo(path)
    assert result.taken_at == datetime(2025, 1, 31, 23, 59, 59)
    assert result.original_name == "IMG_0001.JPG"
    assert process_photo(to_jpeg(marked_image())).taken_at is None
    invalid = to_jpeg(marked_image(), exif=make_exif(taken="0000:00:00 00:00:00"))
    assert process_photo(invalid).taken_at is None


# ---------------------------------------------------------------- sizes and formats


def test_downscaled_to_max_side_with_thumbnail():
    image = Image.linear_gradient("L").resize((3000, 1000)).convert("RGB")
    result = process_photo(to_jpeg(image), max_side=1024)
    assert (result.width, result.height) == (1024, 341)
    assert decoded(result.image_bytes).size == (1024, 341)
    assert decoded(result.thumb_bytes).size == (320, 107)


def test_default_sizes_for_phone_photo():
    result = process_photo(to_jpeg(noisy_image((4032, 3024))))
    assert (result.width, result.height) == (2048, 1536)
    assert decoded(result.thumb_bytes).size == (320, 240)


def test_small_image_not_enlarged():
    result = process_photo(to_png(Image.new("RGB", (100, 80), BLUE)))
    assert (result.width, result.height) == (100, 80)
    assert decoded(result.thumb_bytes).size == (100, 80)


def test_result_fields():
    source = to_jpeg(marked_image())
    result = process_photo(source)
    assert isinstance(result, ProcessedPhoto)
    assert result.mime == "image/jpeg"
    assert result.sha256 == hashlib.sha256(result.image_bytes).hexdigest()
    assert result.original_name is None
    assert decoded(result.image_bytes).mode == "RGB"


def test_png_alpha_flattened_on_white():
    image = Image.new("RGBA", (100, 50), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((50, 0, 99, 49), fill=(*BLUE, 255))
    out = decoded(process_photo(to_png(image)).image_bytes)
    assert out.mode == "RGB"
    assert_close(out.getpixel((20, 25)), WHITE, tolerance=8)
    assert_close(out.getpixel((80, 25)), BLUE)


@pytest.mark.parametrize("mode", ["P", "LA", "L", "1", "I;16", "CMYK"])
def test_other_pixel_modes(mode):
    if mode == "I;16":
        image = Image.new("I;16", (60, 40), 65535)
    elif mode == "P":
        image = Image.new("RGB", (60, 40), WHITE).convert("P")
        image.info["transparency"] = 0
    elif mode == "CMYK":
        image = Image.new("CMYK", (60, 40), (0, 0, 0, 0))
    else:
        image = Image.new(mode, (60, 40), 255 if mode != "LA" else (255, 0))
    source = to_jpeg(image) if mode == "CMYK" else to_png(image)
    out = decoded(process_photo(source).image_bytes)
    assert out.mode == "RGB" and out.size == (60, 40)
    assert_close(out.getpixel((30, 20)), WHITE, tolerance=8)


def test_animated_png_and_mpo_use_first_frame():
    frames = [Image.new("RGB", (64, 48), RED), Image.new("RGB", (64, 48), BLUE)]
    for fmt in ("PNG", "MPO"):
        buffer = io.BytesIO()
        frames[0].save(buffer, fmt, save_all=True, append_images=frames[1:])
        assert Image.open(io.BytesIO(buffer.getvalue())).n_frames == 2
        out = decoded(process_photo(buffer.getvalue()).image_bytes)
        assert_close(out.getpixel((32, 24)), RED)


# ---------------------------------------------------------------- refusals


def test_truncated_jpeg_and_png_refused():
    jpeg = to_jpeg(noisy_image())
    assert "skadet" in refused(jpeg[: len(jpeg) * 6 // 10])
    png = to_png(noisy_image())
    assert "skadet" in refused(png[: len(png) // 2])


def test_random_bytes_refused():
    data = random.Random(7).randbytes(5000)
    assert "ikke et bilde" in refused(data)


def test_text_file_refused(tmp_path):
    path = tmp_path / "notat.jpg"
    path.write_text("Brukeren har trapp uten rekkverk.\n" * 20, encoding="utf-8")
    assert "ikke et bilde" in refused(path)


def test_empty_refused(tmp_path):
    assert "tom" in refused(b"")
    (tmp_path / "tom.jpg").write_bytes(b"")
    assert "tom" in refused(tmp_path / "tom.jpg")


def test_missing_file_and_directory_refused(tmp_path):
    assert "Finner ikke filen" in refused(tmp_path / "borte.jpg")
    assert "Kan ikke lese filen" in refused(tmp_path)


@pytest.mark.parametrize("fmt", ["HEIF", "WEBP"])
def test_iphone_heic_and_webp_photos_are_read(fmt):
    """Issue #13: iPhone photos (HEIC) and WebP are read, not refused."""
    from pillow_heif import register_heif_opener

    register_heif_opener()  # only to write the test file; the app registers it itself when needed
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), RED).save(buffer, fmt, quality=90)
    result = process_photo(buffer.getvalue())
    assert (result.width, result.height) == (320, 240)
    with Image.open(io.BytesIO(result.image_bytes)) as stored:
        assert stored.format == "JPEG"
        r, g, b = stored.convert("RGB").getpixel((160, 120))
        assert r > 200 and g < 60 and b < 60  # still red after the round trip
    assert sniff_format(b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heix") == "HEIC"


def test_damaged_heic_refused_in_norwegian():
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100
    assert "skadet" in refused(heic)


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_refused(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), RED).save(buffer, fmt)
    assert f"Bildeformatet {fmt} støttes ikke" in refused(buffer.getvalue())


def test_file_over_40_mb_refused(tmp_path):
    assert "for stor" in refused(b"\xff\xd8\xff\xe0" + b"\x00" * MAX_FILE_BYTES)
    path = tmp_path / "stor.jpg"
    with path.open("wb") as handle:  # sparse file: nothing is written or read
        handle.write(b"\xff\xd8\xff\xe0")
        handle.truncate(MAX_FILE_BYTES + 1)
    assert "for stor" in refused(path)


def with_sof_size(jpeg: bytes, width: int, height: int) -> bytes:
    """Patch a baseline JPEG's SOF0 header to claim another size (no pixels added)."""
    at = jpeg.index(b"\xff\xc0")
    return jpeg[: at + 5] + struct.pack(">HH", height, width) + jpeg[at + 9 :]


def test_100_megapixel_images_refused_before_decoding(monkeypatch):
    # 10000×10000 1-bit PNG: ~12 kB file, would need 300 MB as RGB.
    bomb_png = to_png(Image.new("1", (10000, 10000)))
    assert len(bomb_png) < 100_000
    assert "megapiksler" in refused(bomb_png)
    bomb_jpeg = with_sof_size(to_jpeg(marked_image()), 10000, 10000)
    assert header_size(bomb_jpeg, "JPEG") == (10000, 10000)
    assert "megapiksler" in refused(bomb_jpeg)
    # Our own limit applies even when Pillow's global guard is disabled ...
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    assert "megapiksler" in refused(with_sof_size(to_jpeg(marked_image()), 8000, 7000))
    # ... and the size Pillow reads is checked too, if the header pre-check found nothing.
    monkeypatch.setattr(processing_module, "header_size", lambda data, fmt: None)
    assert "megapiksler" in refused(with_sof_size(to_jpeg(marked_image()), 8000, 7000))
    assert "megapiksler" in refused(bomb_png)


def test_out_of_memory_becomes_invalid_value(monkeypatch):
    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(processing_module, "_decode", exhausted)
    assert "ikke nok minne" in refused(to_jpeg(marked_image()))


def test_invalid_sizes_are_programming_errors():
    with pytest.raises(ValueError):
        process_photo(to_jpeg(marked_image()), max_side=0)


# ---------------------------------------------------------------- fuzzing

SEEDS = [
    to_jpeg(marked_image((64, 48)), exif=make_exif(orientation=6, taken="2024:01:01 10:00:00")),
    to_jpeg(noisy_image((40, 30)), progressive=True),
    to_png(Image.new("RGBA", (32, 24), (10, 200, 30, 128))),
    to_png(Image.new("RGB", (30, 20), RED).convert("P")),
]


def check_outcome(data: bytes) -> None:
    try:
        result = process_photo(data, max_side=64, thumb_side=16)
    except InvalidValue as exc:
        assert str(exc)
        return
    assert isinstance(result, ProcessedPhoto)
    out = decoded(result.image_bytes)
    assert out.format == "JPEG" and out.size == (result.width, result.height)
    assert max(out.size) <= 64 and len(out.getexif()) == 0


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from([b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"]))
def test_fuzz_random_bytes(data, prefix):
    check_outcome(prefix + data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(SEEDS),
    edits=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8),
    cut=st.one_of(st.none(), st.integers(0, 10_000)),
)
def test_fuzz_mutated_images(seed, edits, cut):
    data = bytearray(seed)
    for position, value in edits:
        data[position % len(data)] = value
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    check_outcome(bytes(data))


def test_str_path_accepted(tmp_path):
    path = tmp_path / "bilde.png"
    path.write_bytes(to_png(marked_image()))
    result = process_photo(str(path))
    assert result.original_name == "bilde.png"
    assert (result.width, result.height) == (400, 200)
