"""Work done in the background at start-up (no Qt here: it runs in a worker thread)."""

from __future__ import annotations

from typing import Any

from boligvurdering.paths import AppPaths


def open_data(paths: AppPaths) -> Any:
    """Open and migrate the database and load the forms, so the first page opens quickly."""
    from boligvurdering.services.context import open_context

    ctx = open_context(paths)
    ctx.registry  # noqa: B018 - load the forms now, off the UI thread
    import boligvurdering.scoring  # noqa: F401 - warm the import for the first risk panel
    return ctx
