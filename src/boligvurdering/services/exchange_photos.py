"""Photos in exchange files: they travel inside the file and are bound to their visit.

An import stores the bytes a file brings under a name made of the photo's id and content hash
(``domain/photo_files.py``). A photo without bytes is accepted only when this visit already has
that very photo (same id and hash); the ``file_name`` in a file is never used to find a file.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.errors import Problem, UserError, ValidationFailed
from boligvurdering.domain.photo_files import bound_name, is_bound
from boligvurdering.i18n import tr
from boligvurdering.services.photos import stored_files
from boligvurdering.store import extras as extras_repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext
    from boligvurdering.services.exchange_parse import ParsedVisit


def refused_title() -> str:
    """The one title of a refused exchange file."""
    return tr("Besøksfilen er avvist, ingenting er lagret")


def _file_for(ctx: AppContext, s: Any, p: ParsedVisit, i: int, ph: dict[str, Any],
              existing: dict[str, Any], written: list[str]) -> str | Problem:
    old, data = existing.get(ph["id"]), ph["data"]
    if old is not None and old.sha256 == ph["sha256"] and is_bound(old.id, old.file_name) \
            and ctx.files.exists(old.file_name):
        return str(old.file_name)  # the visit's own photo, unchanged
    if data is None:
        return Problem(f"photos[{i}]", tr("bildet følger ikke med filen («data»), og besøket har det ikke fra før"))
    owner = extras_repo.get_photo(s, photo_id=ph["id"])
    if owner is not None and owner.visit_id != p.visit_id:
        return Problem(f"photos[{i}].id", tr("bilde-id-en brukes allerede av et annet besøk"))
    name = bound_name(ph["id"], ph["sha256"])
    ctx.files.write(name, data)
    written.append(name)
    return name


def write_photos(ctx: AppContext, s: Any, p: ParsedVisit, written: list[str]) -> list[str]:
    """Replace the visit's photo rows with the file's; returns the visit's files no longer used."""
    existing = {ph.id: ph for ph in extras_repo.photos_of(s, visit_id=p.visit_id)}
    rows, problems = [], []
    for i, ph in enumerate(p.photos):
        name = _file_for(ctx, s, p, i, ph, existing, written)
        if isinstance(name, Problem):
            problems.append(name)
            continue
        fields = {k: v for k, v in ph.items() if k != "data"}
        old_size = existing[ph["id"]].size_bytes if ph["id"] in existing else 0
        rows.append({**fields, "file_name": name, "size_bytes": len(ph["data"]) if ph["data"] else old_size})
    if problems:
        raise ValidationFailed(problems, refused_title())
    extras_repo.clear_photos(s, visit_id=p.visit_id)
    for row in rows:
        extras_repo.add_photo(s, visit_id=p.visit_id, **row)
    keep = {row["file_name"] for row in rows}
    return [ph.file_name for ph in existing.values() if ph.file_name not in keep and is_bound(ph.id, ph.file_name)]


def remove_photo_files(ctx: AppContext, names: list[str]) -> None:
    for name in names:
        for file_name in stored_files(name):
            ctx.files.delete(file_name)


def photos_with_data(ctx: AppContext, photos: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each exported photo with its bytes; a photo whose file this machine lacks is left out."""
    out = []
    for ph in photos:
        try:
            data = ctx.photos.image_bytes(ph["id"])
        except (UserError, OSError):
            continue
        out.append({**ph, "data": base64.b64encode(data).decode("ascii")})
    return out
