"""Atomic, durable file writes: the one helper behind photos, backups, keys, documents and exports."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_durably(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a crash leaves the old file or the new one, never half a file.

    The bytes go to a private temporary file beside ``path`` (mode 0600, name starting with a dot
    and ending in ``.tmp``), are flushed to disk, and the file is renamed over ``path``. The
    temporary file is removed if anything fails.

    Args:
        path: The file to create or replace; its folder must exist.
        data: The complete new content.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
