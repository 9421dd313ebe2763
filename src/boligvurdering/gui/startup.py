"""Work done in the background at start-up (no Qt here: it runs in a worker thread)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from boligvurdering.paths import AppPaths

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


def prepare(ctx: AppContext) -> Any:
    """Load the forms and warm imports for an open context, so the first page opens quickly."""
    ctx.registry  # noqa: B018 - load the forms now, off the UI thread
    import boligvurdering.services.assessment  # noqa: F401 - warm scoring for the first risk panel
    return ctx


def lock_minutes(paths: AppPaths) -> float:
    """Idle minutes before the screen locks (``lock_minutes``: machine preset, then settings.json)."""
    from boligvurdering.settings import load

    return float(load(paths.settings).lock_minutes)
