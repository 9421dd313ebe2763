"""The team lead's Arbeidsliste and figures as the team server computes them (every laptop's visits).

Same shapes as ``BacklogService`` (``BacklogOpen``, ``BacklogRow``, ``DueLists``, ``Figures``), so the CLI
and the window show them with the same code; the figures are the ones a laptop holding the same visits
computes (each laptop sends the per-case facts with its visits: ``services/sync_facts.py``).
Needs an enrolled laptop (``boligvurdering sync --server``); offline, ``ServerUnreachable`` says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from boligvurdering.services.access import guard
from boligvurdering.services.backlog import BacklogOpen, DueLists, Figures
from boligvurdering.services.sync import SyncService
from boligvurdering.store.backlog import BacklogQuery, BacklogRow, DueRow

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext
    from boligvurdering.services.sync_http import ServerClient

@dataclass(frozen=True)
class ServerFigures:
    """The period's figures as the team server computed them (the window says where they come from)."""

    figures: Figures


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _params(q: BacklogQuery, today: date) -> dict[str, Any]:
    out: dict[str, Any] = {"today": today.isoformat(), "sort": q.sort, "descending": int(q.descending),
                           "overdue": int(q.overdue), "min_risk": q.min_risk, "area": q.area, "search": q.search}
    if q.statuses:
        out["status"] = ",".join(q.statuses)
    if q.member_id:
        out["member"] = q.member_id
    return out


def row_of(r: dict[str, Any]) -> BacklogRow:
    return BacklogRow(r["id"], r["status"], r["client"], r["postal_code"], r["risk_rank"], _day(r["next_due"]),
                      _day(r["referral_date"]), _day(r["visit_date"]), r["priority"], r["contact_name"],
                      tuple((n, role) for n, role in r["team"]), tuple(r["sort_key"]))


def figures_of(data: dict[str, Any]) -> ServerFigures:
    values = {f.name: data[f.name] for f in fields(Figures)}
    values.update(start=date.fromisoformat(values["start"]), end=date.fromisoformat(values["end"]),
                  measures=[tuple(m) for m in values["measures"]], applications=[tuple(a) for a in values["applications"]],
                  age_bands=[tuple(a) for a in values["age_bands"]])
    return ServerFigures(Figures(**values))


class TeamBacklogService:
    """Read-only views of the team server's Arbeidsliste and figures for the signed-in laptop user."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _client(self) -> ServerClient:
        return SyncService(self.ctx)._client()  # the enrolled account's address and token

    @guard("client.read", "backlog.server")
    def open(self, q: BacklogQuery, *, today: date, page_size: int = 200) -> BacklogOpen:
        data = self._client().call("GET", "/backlog", query={**_params(q, today), "limit": page_size})
        return BacklogOpen([row_of(r) for r in data["rows"]], data["total"], data["counts"])

    @guard("client.read", "backlog.server")
    def page(self, q: BacklogQuery, *, today: date, offset: int = 0, limit: int = 200,
             after: BacklogRow | None = None) -> list[BacklogRow]:
        query = {**_params(q, today), "offset": offset, "limit": limit}
        if after is not None and after.sort_key:
            query["after"] = json.dumps(list(after.sort_key))
        return [row_of(r) for r in self._client().call("GET", "/backlog/page", query=query)["rows"]]

    @guard("client.read", "backlog.server")
    def workload(self) -> list[tuple[str, str, str, str, int]]:
        return [tuple(r) for r in self._client().call("GET", "/backlog/workload")["rows"]]

    @guard("client.read", "backlog.server")
    def due_lists(self, *, today: date) -> DueLists:
        data = self._client().call("GET", "/backlog/due", query={"today": today.isoformat()})

        def rows(items: list[dict[str, Any]]) -> list[DueRow]:
            return [DueRow(i["kind"], i["visit_id"], i["client_name"], date.fromisoformat(i["due"]), i.get("detail", ""))
                    for i in items]

        return DueLists(today, date.fromisoformat(data["week_end"]), rows(data["overdue"]), rows(data["this_week"]))

    @guard("figures.read", "figures.server")
    def figures(self, *, start: date, end: date) -> ServerFigures:
        data = self._client().call("GET", "/figures", query={"start": start.isoformat(), "end": end.isoformat()})
        return figures_of(data)
