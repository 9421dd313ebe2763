"""Server configuration (TLS outside loopback) and the ``server`` commands."""

import pytest
from sqlalchemy import select

from boligvurdering.cli.main import main
from boligvurdering.domain.errors import UserError
from boligvurdering.server.config import ServerConfig
from boligvurdering.services.sync_http import check_url


def test_tls_required_outside_loopback():
    ServerConfig.from_env({"BOLIGVURDERING_HOST": "127.0.0.1"}).check_tls()
    with pytest.raises(UserError, match="TLS kreves"):
        ServerConfig.from_env({"BOLIGVURDERING_HOST": "0.0.0.0"}).check_tls()
    ServerConfig.from_env({"BOLIGVURDERING_HOST": "10.0.0.5", "BOLIGVURDERING_TLS_CERT": "c.pem",
                           "BOLIGVURDERING_TLS_KEY": "k.pem"}).check_tls()
    ServerConfig.from_env({"BOLIGVURDERING_HOST": "0.0.0.0", "BOLIGVURDERING_TLS_PROXY": "1"}).check_tls()
    url = ServerConfig.from_env({"BOLIGVURDERING_DATABASE_URL": "postgresql://u@db/bv"}).database_url
    assert url == "postgresql+psycopg://u@db/bv"


def test_laptop_refuses_plain_http_to_another_machine():
    assert check_url("http://127.0.0.1:8443/") == "http://127.0.0.1:8443"
    assert check_url("https://bv.kommune.no") == "https://bv.kommune.no"
    with pytest.raises(UserError, match="https://"):
        check_url("http://bv.kommune.no")


def test_server_commands_migrate_create_admin_and_refuse_unmigrated_run(pg_url, monkeypatch, capsys):
    from boligvurdering.server.db import engine_for, transaction
    from boligvurdering.server.models import Team, User

    monkeypatch.setenv("BOLIGVURDERING_DATABASE_URL", pg_url)
    monkeypatch.setenv("BOLIGVURDERING_NEW_PASSWORD", "sterkt-passord-1")
    assert main(["server", "run"]) == 2
    assert "Kjør «boligvurdering server migrate» først" in capsys.readouterr().err
    assert main(["server", "migrate"]) == 0
    assert main(["server", "create-admin", "Anne", "--team", "Lindås"]) == 0
    assert main(["server", "add-user", "per", "--team", "Lindås", "--role", "sjef"]) == 2
    assert "Ukjent rolle «sjef»" in capsys.readouterr().err
    with transaction(engine_for(pg_url)) as s:
        user = s.scalar(select(User))
        assert (user.username, user.role, s.get(Team, user.team_id).name) == ("anne", "administrator", "Lindås")
    monkeypatch.setenv("BOLIGVURDERING_HOST", "0.0.0.0")
    assert main(["server", "run"]) == 2
    assert "TLS kreves" in capsys.readouterr().err
