"""«Bor alene» is asked once: the client card holds it, and a visit reuses it.

A new visit fills in «Bor du alene?» from the card when the card knows it; an answer given in
a visit goes back to the card, so the next visit does not ask again (issue #16.4)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.errors import UserError

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

QUESTION = "opening_lives_alone"


def reuse_on_visit(ctx: AppContext, visit_id: str, answered: Any) -> bool | None:
    """Fill the visit's answer from the client card when it is unanswered; returns the value
    filled in, or ``None`` when nothing was done. ``answered`` is the visit's current answer."""
    if answered is not None:
        return None
    visit = ctx.visits.get(visit_id)
    client = ctx.clients.get(visit.client_id)
    if client.lives_alone is None:
        return None
    try:
        ctx.answers.save(visit_id, QUESTION, client.lives_alone)
    except UserError:  # e.g. a visit that can no longer be changed: it stays unanswered
        return None
    return client.lives_alone


def remember_on_card(ctx: AppContext, visit_id: str, value: Any) -> None:
    """Put an answer given in the visit on the client card (when it changes something)."""
    if not isinstance(value, bool):
        return
    client = ctx.clients.get(ctx.visits.get(visit_id).client_id)
    if client.lives_alone is value:
        return
    data = {k: v for k, v in asdict(client).items() if k != "id"}
    data["lives_alone"] = value
    data["birth_date"] = client.birth_date.isoformat() if client.birth_date else None
    ctx.clients.update(client.id, data)
