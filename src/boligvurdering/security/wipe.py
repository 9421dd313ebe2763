"""Best-effort secure deletion of a file: overwrite with random bytes, fsync, unlink.

On SSDs and copy-on-write file systems an overwrite does not reach every physical copy;
full-disk encryption (BitLocker/FileVault) is still required on laptops (see docs/SECURITY.md).
"""

from __future__ import annotations

import os
from pathlib import Path

CHUNK = 1024 * 1024


def wipe_file(path: Path) -> None:
    path = Path(path)
    if not path.exists():
        return
    try:
        size = path.stat().st_size
        with open(path, "r+b") as fh:
            left = size
            while left > 0:
                n = min(CHUNK, left)
                fh.write(os.urandom(n))
                left -= n
            fh.flush()
            os.fsync(fh.fileno())
    finally:
        path.unlink(missing_ok=True)
