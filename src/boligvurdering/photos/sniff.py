"""Cheap checks on raw photo bytes, done before Pillow decodes anything.

The format is recognised from the magic bytes, and the pixel dimensions are read straight
from the PNG ``IHDR`` chunk or the JPEG ``SOFn`` segment. This lets ``process_photo`` refuse
decompression bombs with its own limit, independent of Pillow's global
``Image.MAX_IMAGE_PIXELS`` (which other code may change, and which only warns up to twice
its value).
"""

from __future__ import annotations

import struct
from typing import Literal

PhotoFormat = Literal["JPEG", "PNG", "HEIC", "GIF", "BMP", "TIFF", "WEBP", "AVIF", "UNKNOWN"]

#: The formats a photo may have, and the file endings the file dialog offers for them.
ACCEPTED_FORMATS: tuple[PhotoFormat, ...] = ("JPEG", "PNG", "HEIC", "WEBP")
ACCEPTED_EXTENSIONS = ("jpg", "jpeg", "png", "heic", "heif", "webp")

_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# ISO-BMFF brands used by HEIC/HEIF photos (iPhone, newer Android phones).
_HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
)
# JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic); not DHT/JPG/DAC.
_SOF_MARKERS = frozenset(
    {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
)
# Markers without a length field.
_STANDALONE_MARKERS = frozenset({0x01, *range(0xD0, 0xD8)})


def sniff_format(data: bytes) -> PhotoFormat:
    """Recognise the container format from the first bytes.

    Args:
        data: the start of the file (at least 12 bytes to recognise HEIC).

    Returns:
        ``"JPEG"`` or ``"PNG"`` (supported), ``"HEIC"`` or another recognised but unsupported
        image format, or ``"UNKNOWN"`` when the bytes do not look like an image at all.
    """
    if data.startswith(_JPEG_MAGIC):
        return "JPEG"
    if data.startswith(_PNG_MAGIC):
        return "PNG"
    if is_heif(data):
        return "HEIC"
    return _other_image_format(data)


def is_heif(data: bytes) -> bool:
    """Tell whether the bytes start like a HEIC/HEIF file (``ftyp`` box with a HEIF brand)."""
    if len(data) < 12 or data[4:8] != b"ftyp":
        return False
    box_size = int.from_bytes(data[0:4], "big")
    brands = [data[8:12]]
    # Compatible brands follow the major brand and the 4-byte minor version.
    end = min(box_size, len(data), 64) if box_size >= 16 else min(len(data), 64)
    brands.extend(data[i : i + 4] for i in range(16, end - 3, 4))
    return any(brand in _HEIF_BRANDS for brand in brands)


def _other_image_format(data: bytes) -> PhotoFormat:
    """Recognise common image formats that are not supported, for a clearer refusal."""
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "AVIF"
    # "BM" alone is too weak (a text file may start with it): also check the DIB header size.
    dib_header_size = int.from_bytes(data[14:18], "little")
    if data.startswith(b"BM") and dib_header_size in (12, 40, 52, 56, 64, 108, 124):
        return "BMP"
    return "UNKNOWN"


def header_size(data: bytes, fmt: PhotoFormat) -> tuple[int, int] | None:
    """Read the pixel dimensions from the file header without decoding.

    Args:
        data: the whole file.
        fmt: the format found by :func:`sniff_format`.

    Returns:
        ``(width, height)``, or ``None`` if the header cannot be read (Pillow then decides).
    """
    if fmt == "PNG":
        # Signature (8) + chunk length (4) + b"IHDR" (4) + width (4) + height (4).
        if len(data) >= 24 and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
            return width, height
        return None
    if fmt == "JPEG":
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk the JPEG marker segments up to the first start-of-frame segment."""
    pos = 2
    length = len(data)
    while pos + 1 < length:
        if data[pos] != 0xFF:
            return None
        # Any number of 0xFF fill bytes may precede a marker.
        while pos < length and data[pos] == 0xFF:
            pos += 1
        if pos >= length:
            return None
        marker = data[pos]
        pos += 1
        if marker in _STANDALONE_MARKERS:
            continue
        if marker in (0xD9, 0xDA) or pos + 2 > length:  # end of image / start of scan
            return None
        segment_length = int.from_bytes(data[pos : pos + 2], "big")
        if segment_length < 2:
            return None
        if marker in _SOF_MARKERS:
            if pos + 7 > length:
                return None
            height, width = struct.unpack(">HH", data[pos + 3 : pos + 7])
            return width, height
        pos += segment_length
    return None
