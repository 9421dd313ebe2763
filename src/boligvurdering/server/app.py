"""HTTP interface (FastAPI): thin routers over accounts, sync and blobs.

Stateless: every request opens its own transaction on PostgreSQL and commits before it
answers, so an acknowledged change is stored; any number of workers can run side by side.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.engine import Engine

from boligvurdering import __version__
from boligvurdering.i18n import tr
from boligvurdering.server import accounts, blobs, sync
from boligvurdering.server.accounts import Principal
from boligvurdering.server.config import ServerConfig
from boligvurdering.server.db import engine_for, transaction
from boligvurdering.server.errors import Refused, invalid
from boligvurdering.server.teamlead_routes import routes as teamlead_routes

log = logging.getLogger(__name__)
API = "/api/v1"
Authed = Callable[[Request, Callable[[Any, Principal], Any]], Any]


def create_app(config: ServerConfig) -> FastAPI:
    app = FastAPI(title="Boligvurdering teamserver", version=__version__, docs_url=None, redoc_url=None)
    engine = engine_for(config.database_url)

    def authed(request: Request, work: Callable[[Any, Principal], Any]) -> Any:
        header = request.headers.get("authorization", "")
        token = header[7:] if header.lower().startswith("bearer ") else ""
        with transaction(engine) as s:
            return work(s, accounts.authenticate(s, token))

    @app.exception_handler(Refused)
    async def _refused(_request: Request, exc: Refused) -> JSONResponse:
        return JSONResponse({"code": exc.code, "message": exc.message}, status_code=exc.status)

    @app.exception_handler(Exception)
    async def _crash(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected server error")
        return JSONResponse({"code": "server_error", "message": tr("Uventet feil på serveren. Prøv igjen.")},
                            status_code=500)

    app.include_router(_account_routes(engine, config, authed), prefix=API)
    app.include_router(_sync_routes(authed), prefix=API)
    app.include_router(_photo_routes(authed), prefix=API)
    app.include_router(teamlead_routes(authed), prefix=API)
    return app


def _account_routes(engine: Engine, config: ServerConfig, authed: Authed) -> APIRouter:
    router = APIRouter()

    @router.get("/health")
    def health() -> dict[str, Any]:
        return {"ok": True, "version": __version__}

    @router.post("/enrol")
    def enrol(body: dict[str, Any]) -> dict[str, Any]:
        with transaction(engine) as s:
            token, p = accounts.enrol(s, username=str(body.get("username", "")), password=str(body.get("password", "")),
                                      device_id=_uuid(body.get("device_id")), device_name=str(body.get("device_name", "")),
                                      token_days=config.token_days)
        return {"token": token, **_who(p)}

    @router.get("/me")
    def me(request: Request) -> dict[str, Any]:
        return authed(request, lambda _s, p: _who(p))

    return router


def _sync_routes(authed: Authed) -> APIRouter:
    router = APIRouter()

    @router.post("/push")
    def push(request: Request, body: dict[str, Any]) -> dict[str, Any]:
        return authed(request, lambda s, p: sync.push(s, p, body))

    @router.get("/pull")
    def pull(request: Request, cursor: int = 0, limit: int = 1000) -> dict[str, Any]:
        return authed(request, lambda s, p: sync.pull(s, p, cursor, limit))

    @router.post("/assign")
    def assign(request: Request, body: dict[str, Any]) -> dict[str, Any]:
        return authed(request, lambda s, p: sync.assign(s, p, body))

    @router.get("/users")
    def team_users(request: Request) -> dict[str, Any]:
        return authed(request, lambda s, p: {"users": accounts.team_users(s, p)})

    return router


def _photo_routes(authed: Authed) -> APIRouter:
    router = APIRouter()

    @router.get("/photos/{sha}")
    def photo_status(request: Request, sha: str) -> dict[str, Any]:
        complete, got = authed(request, lambda s, _p: blobs.received(s, sha))
        return {"complete": complete, "received": got}

    @router.put("/photos/{sha}")
    async def photo_chunk(request: Request, sha: str, offset: int, total: int) -> dict[str, Any]:
        data = await request.body()
        complete, got = authed(request, lambda s, _p: blobs.put_chunk(s, sha, offset, total, data))
        return {"complete": complete, "received": got}

    @router.get("/photos/{sha}/content")
    def photo_content(request: Request, sha: str) -> Response:
        data = authed(request, lambda s, _p: blobs.content(s, sha))
        return Response(content=data, media_type="application/octet-stream")

    return router


def _who(p: Principal) -> dict[str, Any]:
    return {"username": p.username, "role": p.role, "team_id": str(p.team_id), "device_id": str(p.device_id)}


def _uuid(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise invalid(tr("Ugyldig maskin-id.")) from None
