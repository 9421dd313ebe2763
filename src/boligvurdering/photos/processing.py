"""Turn an imported phone or camera photo into a clean, upright, size-limited JPEG.

``process_photo`` is pure Pillow logic without Qt or database access; the GUI runs it in a
worker thread and the store keeps the returned bytes and metadata. Bad input (not an image,
damaged, too large, HEIC, ...) is refused with ``InvalidValue`` carrying a Norwegian message;
no other exception escapes for bad input.

Pipeline: size checks on the raw bytes -> header dimensions (decompression-bomb guard) ->
``Image.open`` -> EXIF orientation and capture time -> JPEG DCT-domain downscaling with
``draft`` -> full decode -> flatten transparency on white -> resize -> ICC profile to sRGB ->
rotate upright -> re-encode without any metadata -> thumbnail.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.i18n import tr
from boligvurdering.photos.metadata import PhotoMetadata, read_metadata, upright
from boligvurdering.photos.sniff import ACCEPTED_FORMATS, header_size, sniff_format

MAX_FILE_BYTES = 40 * 1024 * 1024
"""Largest accepted file (40 MB)."""
MAX_PIXELS = 50_000_000
"""Largest accepted image (50 megapixels), checked before decoding."""
JPEG_QUALITY = 85
THUMB_QUALITY = 80
PRINT_QUALITY = 82
MIME_JPEG = "image/jpeg"

_WHITE = (255, 255, 255)
_ALPHA_MODES = frozenset({"RGBA", "RGBa", "LA", "La", "PA"})
_SIXTEEN_BIT_MODES = frozenset({"I", "I;16", "I;16L", "I;16B", "I;16N"})
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True, slots=True)
class ProcessedPhoto:
    """A photo ready to be stored.

    Attributes:
        image_bytes: upright sRGB JPEG without any metadata (no EXIF, GPS, XMP or ICC).
        thumb_bytes: JPEG thumbnail of the same picture.
        print_bytes: JPEG at print size (documents embed it without decoding the full image).
        width: pixel width of ``image_bytes``.
        height: pixel height of ``image_bytes``.
        sha256: hex SHA-256 of ``image_bytes``.
        original_name: file name of the source when it was a path, else ``None``.
        taken_at: EXIF DateTimeOriginal (naive, camera local time) or ``None``.
        mime: MIME type of ``image_bytes`` and ``thumb_bytes`` (always ``image/jpeg``).
    """

    image_bytes: bytes
    thumb_bytes: bytes
    print_bytes: bytes
    width: int
    height: int
    sha256: str
    original_name: str | None
    taken_at: datetime | None
    mime: str = MIME_JPEG


def process_photo(
    source: Path | bytes, *, max_side: int = 2048, thumb_side: int = 320, print_side: int = 1024
) -> ProcessedPhoto:
    """Validate, normalise and strip a photo.

    Args:
        source: path to the file (``str`` is accepted too) or its bytes.
        max_side: longest side of the stored image in pixels; smaller images are not enlarged.
        thumb_side: longest side of the thumbnail in pixels.
        print_side: longest side of the copy embedded in PDF documents.

    Returns:
        The processed photo.

    Raises:
        InvalidValue: the file is missing, unreadable, empty, larger than 40 MB, over
            50 megapixels, damaged, not an image, or not JPEG, PNG, HEIC/HEIF or WebP.
        ValueError: ``max_side`` or ``thumb_side`` is not positive (programming error).
    """
    if max_side < 1 or thumb_side < 1 or print_side < 1:
        raise ValueError("max_side, thumb_side and print_side must be positive")
    data, original_name = _read_source(source)
    fmt = _supported_format(data)
    size = header_size(data, fmt)
    if size is not None:
        _check_pixels(size)

    try:
        picture, meta = _decode(data, fmt, max_side)
        picture = upright(picture, meta.orientation)
        image_bytes = _encode(picture, JPEG_QUALITY)
        thumb_bytes = _encode(_shrink(picture, thumb_side), THUMB_QUALITY)
        printable = picture if max(picture.size) <= print_side else _shrink(picture, print_side)
        print_bytes = image_bytes if printable is picture else _encode(printable, PRINT_QUALITY)
    except MemoryError as exc:
        raise InvalidValue(tr("Det er ikke nok minne til å behandle bildet.")) from exc
    return ProcessedPhoto(
        image_bytes=image_bytes,
        thumb_bytes=thumb_bytes,
        print_bytes=print_bytes,
        width=picture.width,
        height=picture.height,
        sha256=hashlib.sha256(image_bytes).hexdigest(),
        original_name=original_name,
        taken_at=meta.taken_at,
    )


def _supported_format(data: bytes) -> str:
    """The Pillow format name of an accepted photo; anything else is refused with a reason."""
    fmt = sniff_format(data[:64])
    if fmt == "UNKNOWN":
        raise InvalidValue(tr("Filen er ikke et bilde. Bruk JPEG, PNG, HEIC eller WebP."))
    if fmt not in ACCEPTED_FORMATS:
        raise InvalidValue(
            tr("Bildeformatet {format} støttes ikke. Bruk JPEG, PNG, HEIC eller WebP.", format=fmt)
        )
    if fmt == "HEIC":
        _register_heif()
        return "HEIF"  # the name pillow-heif's opener registers
    return fmt


@lru_cache(maxsize=1)
def _register_heif() -> None:
    """Teach Pillow HEIC/HEIF (iPhone photos) on first use: pillow-heif wraps libheif."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


def _shrink(picture: Image.Image, side: int) -> Image.Image:
    """A copy that fits within ``side``×``side`` (thumbnail and print sizes)."""
    return picture.resize(_fit(picture.size, side), Image.Resampling.BICUBIC, reducing_gap=2.0)


def _read_source(source: Path | bytes | str) -> tuple[bytes, str | None]:
    """Return the file's bytes and name, refusing empty and oversized files early."""
    if isinstance(source, bytes | bytearray | memoryview):
        data, name = bytes(source), None
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        name = path.name
        try:
            file_size = path.stat().st_size
            if file_size > MAX_FILE_BYTES:
                raise _too_large_file(file_size)
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise InvalidValue(tr("Finner ikke filen {name}.", name=name)) from None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise InvalidValue(
                tr("Kan ikke lese filen {name}: {reason}.", name=name, reason=reason)
            ) from exc
    else:
        raise TypeError(f"source must be a path or bytes, not {type(source).__name__}")
    if not data:
        raise InvalidValue(tr("Filen er tom."))
    if len(data) > MAX_FILE_BYTES:
        raise _too_large_file(len(data))
    return data, name


def _too_large_file(size: int) -> InvalidValue:
    megabytes = round(size / (1024 * 1024))
    return InvalidValue(
        tr(
            "Filen er for stor ({size} MB). Største tillatte filstørrelse er {limit} MB.",
            size=megabytes,
            limit=MAX_FILE_BYTES // (1024 * 1024),
        )
    )


def _check_pixels(size: tuple[int, int]) -> None:
    """Refuse images over ``MAX_PIXELS`` (decompression-bomb guard)."""
    width, height = size
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(width, height)


def _too_many_pixels(width: int, height: int) -> InvalidValue:
    return InvalidValue(
        tr(
            "Bildet er for stort ({width} × {height} piksler, {mp} megapiksler). "
            "Største tillatte er {limit} megapiksler.",
            width=width,
            height=height,
            mp=round(width * height / 1_000_000),
            limit=MAX_PIXELS // 1_000_000,
        )
    )


def _decode(data: bytes, fmt: str, max_side: int) -> tuple[Image.Image, PhotoMetadata]:
    """Open, fully decode and normalise the first frame to RGB, at most ``max_side`` wide/high.

    Pillow's decoders raise a zoo of exception types on hostile input (OSError, SyntaxError,
    ValueError, struct.error, EOFError, IndexError, ...); all of them mean "damaged file".
    """
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as image:
            _check_pixels(image.size)
            meta = read_metadata(image)
            icc = image.info.get("icc_profile")
            target = _fit(image.size, max_side)
            if image.format in ("JPEG", "MPO"):
                # Let libjpeg scale by 1/2, 1/4 or 1/8 in the DCT domain (much faster).
                image.draft("RGB", target)
            image.load()
            picture = _flatten(image)
    except InvalidValue:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InvalidValue(
            tr(
                "Bildet er for stort. Største tillatte er {limit} megapiksler.",
                limit=MAX_PIXELS // 1_000_000,
            )
        ) from exc
    except MemoryError:
        raise
    except Exception as exc:  # see docstring: any decoder failure means a damaged file
        raise InvalidValue(tr("Bildet er skadet eller ufullstendig og kan ikke leses.")) from exc
    if picture.size != target:
        picture = picture.resize(target, Image.Resampling.BICUBIC, reducing_gap=3.0)
    return _to_srgb(picture, icc if isinstance(icc, bytes) else None), meta


def _fit(size: tuple[int, int], side: int) -> tuple[int, int]:
    """Size that fits within ``side``×``side`` keeping the aspect ratio; never enlarges."""
    width, height = size
    longest = max(width, height)
    if longest <= side:
        return width, height
    scale = side / longest
    return max(1, round(width * scale)), max(1, round(height * scale))


def _flatten(image: Image.Image) -> Image.Image:
    """Convert to L, RGB or CMYK (kept for the ICC transform), with alpha flattened on white."""
    mode = image.mode
    if mode in _ALPHA_MODES or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, _WHITE)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if mode in ("L", "RGB", "CMYK"):
        return image
    if mode in _SIXTEEN_BIT_MODES:
        # 16-bit greyscale PNG: scale 0..65535 down to 0..255 instead of clipping.
        return image.convert("I").point(lambda value: value / 257).convert("L")
    if mode == "1":
        return image.convert("L")
    return image.convert("RGB")


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert pixels from the embedded ICC profile to sRGB; returns an RGB image."""
    if icc and image.mode in ("L", "RGB", "CMYK"):
        transform = _transform_to_srgb(icc, image.mode)
        if transform is not None:
            try:
                return transform.apply(image)
            except (ImageCms.PyCMSError, OSError, ValueError):
                pass  # treat the pixels as sRGB, as browsers do with broken profiles
    return image if image.mode == "RGB" else image.convert("RGB")


@lru_cache(maxsize=16)
def _transform_to_srgb(icc: bytes, mode: str) -> ImageCms.ImageCmsTransform | None:
    """Build (and cache) a transform from an embedded profile; ``None`` if not needed/usable."""
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if mode == "RGB" and ImageCms.getProfileDescription(profile).strip().startswith("sRGB"):
            return None  # already sRGB: the pixels are kept as they are
        return ImageCms.buildTransform(
            profile, _SRGB, mode, "RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None  # damaged or mismatching profile: treat the pixels as sRGB


def _encode(image: Image.Image, quality: int) -> bytes:
    """Encode as baseline JPEG with no metadata at all."""
    image.info = {}  # nothing from the source (exif, icc_profile, dpi, xmp) may travel along
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()
