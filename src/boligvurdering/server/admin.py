"""What ``boligvurdering server …`` does: migrate, run, and manage accounts from the shell."""

from __future__ import annotations

import uuid

from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import tr
from boligvurdering.server import accounts
from boligvurdering.server.config import ServerConfig
from boligvurdering.server.db import current_revision, engine_for, migrate, transaction


def run_migrate(config: ServerConfig) -> str:
    return migrate(config.database_url)


def run_server(config: ServerConfig) -> None:
    """Serve with Uvicorn; refuses without TLS off loopback and on an unmigrated database."""
    import uvicorn
    from alembic.script import ScriptDirectory

    from boligvurdering.server.db import alembic_config

    config.check_tls()
    head = ScriptDirectory.from_config(alembic_config(config.database_url)).get_current_head()
    if current_revision(engine_for(config.database_url)) != head:
        raise UserError(tr("Serverdatabasen er ikke oppdatert. Kjør «boligvurdering server migrate» først."))
    uvicorn.run("boligvurdering.server.asgi:app", host=config.host, port=config.port, workers=config.workers,
                ssl_certfile=config.tls_cert or None, ssl_keyfile=config.tls_key or None, log_level=config.log_level)


def create_user(config: ServerConfig, *, username: str, password: str, role: str, team: str, full_name: str = "") -> None:
    with transaction(engine_for(config.database_url)) as s:
        accounts.add_user(s, username=username, password=password, role=role, team=team, full_name=full_name)


def set_user_active(config: ServerConfig, username: str, active: bool) -> None:
    with transaction(engine_for(config.database_url)) as s:
        accounts.set_active(s, username, active)


def revoke_device(config: ServerConfig, device_id: str) -> None:
    try:
        did = uuid.UUID(device_id)
    except ValueError:
        raise UserError(tr("Ugyldig maskin-id «{d}».", d=device_id)) from None
    with transaction(engine_for(config.database_url)) as s:
        accounts.revoke_device(s, did)


def verify_audit(config: ServerConfig) -> dict[str, tuple[bool, int]]:
    """device id → (chain intact, entries checked) for every laptop's access log on the server."""
    from boligvurdering.server.audit import verify_all

    with transaction(engine_for(config.database_url)) as s:
        return {str(d): (r.ok, r.checked) for d, r in verify_all(s).items()}
