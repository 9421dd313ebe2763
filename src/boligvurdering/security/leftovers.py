"""Files a crash can leave behind: removed (overwritten first) at every sign-in.

Only names this program creates are touched: partial writes (``.NAME.xxxx.tmp`` from
``fileio.write_durably``, ``NAME.tmp`` from photo re-encryption), backup and restore work files
(``.work/``, ``.verify-…``, ``.restore-…``) and documents opened in an outside viewer
(``previews/``). The previews folder is (re)made private (0700).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from boligvurdering.paths import AppPaths
from boligvurdering.security.wipe import wipe_file

_WORK_PREFIXES = (".verify-", ".restore-")


def _is_leftover(path: Path) -> bool:
    name = path.name
    return name.endswith(".tmp") or (path.parent.name == "backups" and name.startswith(_WORK_PREFIXES))


def remove_leftovers(paths: AppPaths) -> int:
    """Wipe what an interrupted run left; returns how many files were removed. Call with the instance lock held."""
    removed = 0
    for folder in (paths.root, paths.backups, paths.photos, paths.thumbnails):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if not (path.is_file() and _is_leftover(path)):
                continue
            whole = path.with_name(path.name[:-4])
            if folder in (paths.photos, paths.thumbnails) and not path.name.startswith(".") and not whole.exists():
                os.replace(path, whole)  # re-encryption had written and synced it before the original went
                continue
            wipe_file(path)
            removed += 1
    work = paths.backups / ".work"
    if work.is_dir():
        shutil.rmtree(work, ignore_errors=True)
    paths.previews.mkdir(mode=0o700, exist_ok=True)
    os.chmod(paths.previews, 0o700)
    for path in paths.previews.rglob("*"):
        if path.is_file():
            wipe_file(path)
            removed += 1
    return removed
