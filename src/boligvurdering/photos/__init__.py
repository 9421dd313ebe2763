"""Processing of photos imported from phones and cameras during a home visit.

Pure Pillow logic: validate, rotate upright, downscale, strip every piece of metadata and
make a thumbnail. See :func:`process_photo`.
"""

from boligvurdering.photos.processing import (
    MAX_FILE_BYTES,
    MAX_PIXELS,
    ProcessedPhoto,
    process_photo,
)

__all__ = ["MAX_FILE_BYTES", "MAX_PIXELS", "ProcessedPhoto", "process_photo"]
