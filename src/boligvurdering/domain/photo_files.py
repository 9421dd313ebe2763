"""How a photo's stored file is bound to its row: the file name starts with the photo's id.

Files are encrypted with their name as associated data, so a file cannot be renamed; a row
whose ``file_name`` does not start with its own id points at someone else's file and is
neither read nor erased through that row.
"""

from __future__ import annotations


def bound_name(photo_id: str, sha256: str) -> str:
    """The file name for a photo brought by an exchange file (id and content hash)."""
    return f"{photo_id}-{sha256[:16]}.jpg"


def is_bound(photo_id: str, file_name: str) -> bool:
    """True when ``file_name`` belongs to the photo row ``photo_id``."""
    name, pid = str(file_name or ""), str(photo_id)
    return bool(pid) and (name == f"{pid}.jpg" or name.startswith(f"{pid}-"))


def synced_name(photo_id: str, sha256: str, file_name: str | None) -> str:
    """The local file of a photo pulled from the team server: its own name when bound to it, else the bound name."""
    return str(file_name) if file_name and is_bound(photo_id, file_name) else bound_name(str(photo_id), str(sha256))
