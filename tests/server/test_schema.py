"""The server's Alembic migrations on PostgreSQL: empty database, database with data, models match."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from boligvurdering.server.db import current_revision, engine_for, migrate
from boligvurdering.server.models import metadata


def test_migrate_empty_database_and_models_match(pg_url):
    head = migrate(pg_url)
    assert head == current_revision(engine_for(pg_url))
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
        assert diff == []
        assert conn.execute(text("SELECT nextval('sync_seq')")).scalar() == 1
    engine.dispose()


def test_migrate_is_repeatable_and_keeps_data(pg_url):
    from boligvurdering.server import accounts
    from boligvurdering.server.db import transaction
    from boligvurdering.server.models import User

    migrate(pg_url)
    with transaction(engine_for(pg_url)) as s:
        accounts.add_user(s, username="Kari", password="sterkt-passord-1", role="teamleder", team="Lindås")
    migrate(pg_url)  # a database with data at head: nothing changes, nothing lost
    with transaction(engine_for(pg_url)) as s:
        user = s.query(User).one()
        assert (user.username, user.role) == ("kari", "teamleder")


def test_upgrade_of_a_database_with_data_from_the_first_revision(pg_url):
    from alembic import command

    from boligvurdering.server import accounts
    from boligvurdering.server.db import alembic_config, transaction
    from boligvurdering.server.models import Team

    command.upgrade(alembic_config(pg_url), "s0001")
    with transaction(engine_for(pg_url)) as s:
        s.execute(text("INSERT INTO team (id, name, created_at) VALUES (gen_random_uuid(), 'Lindås', now())"))
    migrate(pg_url)
    with transaction(engine_for(pg_url)) as s:
        assert [t.name for t in s.query(Team)] == ["Lindås"]
        accounts.add_user(s, username="kari", password="sterkt-passord-1", role="teamleder", team="Lindås")
        assert s.execute(text("SELECT count(*) FROM audit_event")).scalar() == 0
