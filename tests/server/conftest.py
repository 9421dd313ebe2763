"""A real PostgreSQL per test: a uniquely named database, migrated, dropped afterwards.

The server is ``BOLIGVURDERING_TEST_PG`` (default: the local one with trust auth; ``.ci/postgres.sh``
starts one where none runs).
"""

import os
import sys
import uuid

import pytest
from sqlalchemy import create_engine, text

ADMIN_URL = os.environ.get("BOLIGVURDERING_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _admin_exec(sql: str) -> None:
    engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


@pytest.fixture
def pg_url():
    """An empty PostgreSQL database for this test."""
    name = f"bv_test_{uuid.uuid4().hex[:12]}"
    _admin_exec(f'CREATE DATABASE "{name}"')
    url = ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    yield url
    from boligvurdering.server.db import engine_for

    engine_for(url).dispose()
    engine_for.cache_clear()
    _admin_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server_db(pg_url):
    """A migrated server database."""
    from boligvurdering.server.db import migrate

    migrate(pg_url)
    return pg_url


PASSWORD = "sterkt-passord-1"
USERS = (("leder", "teamleder", "Lindås"), ("terapeut", "ergoterapeut", "Lindås"),
         ("konsulent", "boligkonsulent", "Lindås"), ("fremmed", "ergoterapeut", "Os"))


def _drain(stream) -> None:
    for _line in stream:
        pass


class LiveServer:
    """``boligvurdering server run`` in a child process on a free loopback port."""

    def __init__(self, db_url: str) -> None:
        import socket
        from pathlib import Path

        import boligvurdering

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        src = str(Path(boligvurdering.__file__).resolve().parents[1])
        self.env = {**os.environ, "BOLIGVURDERING_DATABASE_URL": db_url, "BOLIGVURDERING_PORT": str(self.port),
                    "BOLIGVURDERING_HOST": "127.0.0.1",
                    "PYTHONPATH": os.pathsep.join(filter(None, (src, os.environ.get("PYTHONPATH"))))}
        self.proc = None

    def start(self) -> "LiveServer":
        import subprocess
        import threading

        env = {**self.env, "BOLIGVURDERING_LOG_LEVEL": "info"}  # Uvicorn says when it listens
        self.proc = subprocess.Popen([sys.executable, "-m", "boligvurdering", "server", "run"], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seen = []
        for line in self.proc.stderr:  # blocks until the child writes or exits: no polling
            seen.append(line)
            if "Uvicorn running on" in line:
                # keep draining, or a full pipe would block the server's logging
                threading.Thread(target=_drain, args=(self.proc.stderr,), daemon=True).start()
                return self
        self.proc.wait()
        raise RuntimeError(f"server did not start (exit {self.proc.returncode}):\n" + "".join(seen))

    def kill(self) -> None:
        """kill -9: no shutdown handlers, no flushing."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def server(server_db):
    """A running server with the team of USERS."""
    from boligvurdering.server import accounts
    from boligvurdering.server.db import engine_for, transaction

    with transaction(engine_for(server_db)) as s:
        for name, role, team in USERS:
            accounts.add_user(s, username=name, password=PASSWORD, role=role, team=team)
    live = LiveServer(server_db).start()
    yield live
    live.kill()


@pytest.fixture
def laptop(tmp_path):
    """``laptop(name, user)``: an encrypted laptop data folder signed in as ``user``."""
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.auth import first_start

    opened = []

    def make(name: str, user: str):
        ctx = first_start(AppPaths(tmp_path / name), user, PASSWORD, full_name=user)
        opened.append(ctx)
        return ctx

    yield make
    for ctx in opened:
        ctx.close()


@pytest.fixture
def enrolled(laptop, server):
    """``enrolled(name, user)``: a laptop enrolled on ``server`` as ``user``."""
    from boligvurdering.services.sync import SyncService

    def make(name: str, user: str):
        ctx = laptop(name, user)
        SyncService(ctx).enrol(server.url, PASSWORD, name)
        return ctx

    return make


@pytest.fixture
def new_visit():
    """``new_visit(ctx, n, family_name)``: a client with a dwelling and a visit (n picks the national id)."""
    return _new_visit


def _new_visit(ctx, n: int, family_name: str):
    from datetime import date

    from boligvurdering.domain.national_id import make_synthetic

    national_id = make_synthetic(date(1941, 3, 4), 100 + n * 7, female=True).value
    client = ctx.clients.create({"national_id": national_id, "given_name": "Test", "family_name": family_name},
                                {"address": "Vei 1", "postal_code": "5914"})
    member = ctx.visits.add_member(f"{ctx.actor} {family_name}", "ergoterapeut", "40000001")
    return ctx.visits.create(client.id, data={"visit_date": "2026-11-20", "referral_reason": "Fall"},
                             team=[(member.id, "ergoterapeut")], contact_member_id=member.id)
