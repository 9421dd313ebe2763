"""The little EXIF metadata that is kept from a photo: orientation and capture time.

Everything else (GPS position, camera serial numbers, XMP, thumbnails) is dropped when the
photo is re-encoded. Metadata is read before that, from the opened (not yet decoded) image.
Damaged metadata never refuses a photo; it is simply treated as absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PIL import Image

_TAG_ORIENTATION = 0x0112
_IFD_EXIF = 0x8769
_TAG_DATETIME_ORIGINAL = 0x9003
_EARLIEST_YEAR = 1900

# EXIF Orientation -> the transpose that makes the image upright (as ImageOps.exif_transpose).
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True, slots=True)
class PhotoMetadata:
    """Metadata read from a photo before it is stripped.

    Attributes:
        orientation: EXIF Orientation 1–8 (1 = already upright).
        taken_at: EXIF DateTimeOriginal as a naive datetime in the camera's local time.
    """

    orientation: int = 1
    taken_at: datetime | None = None


def read_metadata(image: Image.Image) -> PhotoMetadata:
    """Read orientation and capture time from an opened image.

    Args:
        image: an image from ``Image.open`` (JPEG APP1 EXIF or PNG ``eXIf`` chunk).

    Returns:
        The metadata; defaults when there is no EXIF or it cannot be parsed.
    """
    try:
        exif = image.getexif()
        orientation = exif.get(_TAG_ORIENTATION)
        raw_taken = exif.get_ifd(_IFD_EXIF).get(_TAG_DATETIME_ORIGINAL)
    except Exception:  # hostile EXIF can raise anything; metadata is optional
        return PhotoMetadata()
    if not isinstance(orientation, int) or orientation not in _TRANSPOSE:
        orientation = 1
    return PhotoMetadata(orientation=orientation, taken_at=parse_exif_datetime(raw_taken))


def parse_exif_datetime(value: object) -> datetime | None:
    """Parse an EXIF date/time such as ``"2024:05:17 14:03:22"``.

    Args:
        value: the raw tag value (str or bytes; may carry NUL padding).

    Returns:
        The datetime, or ``None`` for missing, blank (``"0000:00:00 00:00:00"``) or invalid values.
    """
    if isinstance(value, bytes):
        value = value.decode("ascii", errors="replace")
    if not isinstance(value, str):
        return None
    text = value.strip("\x00 \t\r\n")[:19]
    if len(text) != 19:
        return None
    # Some software writes the date part with dashes; EXIF mandates colons.
    text = text[:10].replace("-", ":") + text[10:]
    try:
        parsed = datetime.strptime(text, "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    return parsed if parsed.year >= _EARLIEST_YEAR else None


def upright(image: Image.Image, orientation: int) -> Image.Image:
    """Return ``image`` turned upright for the given EXIF orientation."""
    method = _TRANSPOSE.get(orientation)
    return image.transpose(method) if method is not None else image
