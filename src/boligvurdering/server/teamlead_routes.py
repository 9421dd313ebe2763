"""HTTP routes of the team lead's view: ``/worklist``, ``/backlog`` (+ ``/page``, ``/workload``, ``/due``), ``/figures``.

Query parameters mirror the laptop's ``BacklogQuery``: ``status`` (repeat or comma-separate), ``member``,
``area``, ``min_risk``, ``overdue``, ``search``, ``sort``, ``descending``; ``today`` is the laptop's date
(day boundaries are the caller's), ``after`` a row's ``sort_key`` as JSON (keyset paging).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter, Request

from boligvurdering.i18n import tr
from boligvurdering.server import teamlead
from boligvurdering.server.accounts import Principal
from boligvurdering.server.errors import invalid

Authed = Callable[[Request, Callable[[Any, Principal], Any]], Any]


def _day(value: str | None, default: date | None = None) -> date:
    if not value and default is not None:
        return default
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        raise invalid(tr("ugyldig dato «{t}» (bruk ÅÅÅÅ-MM-DD)", t=value or "")) from None


def _query(request: Request) -> Any:
    params = request.query_params
    try:
        return teamlead.query_of({**params, "status": params.getlist("status")})
    except ValueError:
        raise invalid(tr("Ugyldig filter i arbeidslisten.")) from None


def routes(authed: Authed) -> APIRouter:
    router = APIRouter()

    @router.get("/worklist")
    def team_worklist(request: Request, status: str = "", limit: int = 200) -> dict[str, Any]:
        return authed(request, lambda s, p: teamlead.worklist(s, p, status=status, limit=limit))

    @router.get("/backlog")
    def backlog_open(request: Request, today: str = "", limit: int = 200) -> dict[str, Any]:
        q, day = _query(request), _day(today, date.today())
        return authed(request, lambda s, p: teamlead.open_list(s, p, q, today=day, limit=limit))

    @router.get("/backlog/page")
    def backlog_page(request: Request, today: str = "", offset: int = 0, limit: int = 200,
                     after: str = "") -> dict[str, Any]:
        q, day = _query(request), _day(today, date.today())
        try:
            key = json.loads(after) if after else None
        except ValueError:
            raise invalid(tr("Ugyldig side i arbeidslisten.")) from None
        return authed(request, lambda s, p: {"rows": teamlead.page(s, p, q, today=day, offset=offset, limit=limit,
                                                                   after=key)})

    @router.get("/backlog/workload")
    def backlog_workload(request: Request) -> dict[str, Any]:
        return authed(request, lambda s, p: {"rows": teamlead.workload(s, p)})

    @router.get("/backlog/due")
    def backlog_due(request: Request, today: str = "") -> dict[str, Any]:
        day = _day(today, date.today())
        return authed(request, lambda s, p: teamlead.due(s, p, today=day))

    @router.get("/figures")
    def team_figures(request: Request, start: str, end: str) -> dict[str, Any]:
        first, last = _day(start), _day(end)
        if last < first:
            raise invalid(tr("Sluttdatoen må være etter startdatoen."))
        return authed(request, lambda s, p: teamlead.figures_json(teamlead.figures(s, p, start=first, end=last)))

    return router
