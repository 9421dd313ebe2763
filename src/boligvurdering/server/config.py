"""Server configuration from the environment (12-factor: nothing is kept on the server host)."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import tr

ENV_URL = "BOLIGVURDERING_DATABASE_URL"
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/boligvurdering"


@dataclass(frozen=True)
class ServerConfig:
    database_url: str
    host: str = "127.0.0.1"
    port: int = 8443
    tls_cert: str = ""
    tls_key: str = ""
    behind_tls_proxy: bool = False
    token_days: int = 90
    workers: int = 1
    log_level: str = "warning"  # Uvicorn's; «info» also announces «Uvicorn running on …» once it listens

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> ServerConfig:
        e = os.environ if env is None else env
        try:
            return cls(
                database_url=normalise_url(e.get(ENV_URL, DEFAULT_URL)),
                host=e.get("BOLIGVURDERING_HOST", "127.0.0.1"),
                port=int(e.get("BOLIGVURDERING_PORT", "8443")),
                tls_cert=e.get("BOLIGVURDERING_TLS_CERT", ""),
                tls_key=e.get("BOLIGVURDERING_TLS_KEY", ""),
                behind_tls_proxy=e.get("BOLIGVURDERING_TLS_PROXY", "") in ("1", "ja", "true"),
                token_days=int(e.get("BOLIGVURDERING_TOKEN_DAYS", "90")),
                workers=int(e.get("BOLIGVURDERING_WORKERS", "1")),
                log_level=e.get("BOLIGVURDERING_LOG_LEVEL", "warning"),
            )
        except ValueError as exc:
            raise UserError(tr("Ugyldig tall i serverinnstillingene: {e}", e=exc)) from None

    def check_tls(self) -> None:
        """TLS is required unless the server listens on loopback only."""
        if is_loopback(self.host) or self.behind_tls_proxy:
            return
        if not (self.tls_cert and self.tls_key):
            raise UserError(tr(
                "Serveren lytter på {h}, som ikke er lokal: TLS kreves. Sett BOLIGVURDERING_TLS_CERT og "
                "BOLIGVURDERING_TLS_KEY, eller BOLIGVURDERING_TLS_PROXY=1 bak en TLS-proxy.", h=self.host))


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgresql://`` URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
