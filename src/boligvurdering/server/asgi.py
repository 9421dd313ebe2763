"""ASGI entry for Uvicorn workers: ``boligvurdering.server.asgi:app`` (configured by environment)."""

from boligvurdering.server.app import create_app
from boligvurdering.server.config import ServerConfig

app = create_app(ServerConfig.from_env())
