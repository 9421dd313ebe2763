"""Opening the application's data: folders, database (migrated), forms. Wires services."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from boligvurdering.paths import AppPaths

if TYPE_CHECKING:
    from boligvurdering.formsengine.model import FormRegistry
    from boligvurdering.store.db import Database

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """Everything a use case needs: paths, the open database, the loaded forms, the actor."""

    paths: AppPaths
    db: Database
    actor: str = ""
    role: str = "administrator"
    file_cipher: Any = None
    _registry: FormRegistry | None = field(default=None, repr=False)

    @property
    def registry(self) -> FormRegistry:
        if self._registry is None:
            from boligvurdering.formsengine import load_registry

            self._registry = load_registry()
        return self._registry

    @cached_property
    def clients(self):  # noqa: ANN201 - service objects are wired lazily
        from boligvurdering.services.clients import ClientService

        return ClientService(self)

    @cached_property
    def visits(self):  # noqa: ANN201
        from boligvurdering.services.visits import VisitService

        return VisitService(self)

    @cached_property
    def answers(self):  # noqa: ANN201
        from boligvurdering.services.answers import AnswerService

        return AnswerService(self)

    @cached_property
    def files(self):  # noqa: ANN201
        from boligvurdering.services.files import FileStore

        return FileStore(self.paths.photos, self.file_cipher)

    @cached_property
    def photos(self):  # noqa: ANN201
        from boligvurdering.services.photos import PhotoService

        return PhotoService(self)

    @cached_property
    def team(self):  # noqa: ANN201
        from boligvurdering.services.team import TeamService

        return TeamService(self)

    @cached_property
    def signoff(self):  # noqa: ANN201
        from boligvurdering.services.signoff import SignoffService

        return SignoffService(self)

    @cached_property
    def assessment(self):  # noqa: ANN201
        from boligvurdering.services.assessment import AssessmentService

        return AssessmentService(self)

    @cached_property
    def plan(self):  # noqa: ANN201
        from boligvurdering.services.plan import PlanService

        return PlanService(self)

    @cached_property
    def consent(self):  # noqa: ANN201
        from boligvurdering.services.consent import ConsentService

        return ConsentService(self)

    def close(self) -> None:
        if self.db.key is not None:  # anchor the audit log's last head outside the database
            from boligvurdering.services.audit_anchor import advance

            advance(self, force=True)
        self.db.close()
        lock = self.__dict__.get("instance_lock")  # set by unlock()/first_start()
        if lock is not None:
            lock.release()


def open_context(paths: AppPaths, *, key: bytes | None = None, migrate: bool = True) -> AppContext:
    """Create folders, open and migrate the database. Raises ``UserError`` subclasses."""
    from boligvurdering.store.db import Database
    from boligvurdering.store.migrate import migrate as run_migrations

    paths.ensure()
    db = Database(paths.database, key)
    db.check()
    if migrate:
        result = run_migrations(db, paths.backups)
        if result:
            log.info("database migrated %s -> %s", result.from_revision, result.to_revision)
    return AppContext(paths=paths, db=db)


def unlock(paths: AppPaths, username: str, password: str) -> AppContext:
    """Sign in and open the encrypted database (see ``services.auth.unlock``)."""
    from boligvurdering.services.auth import unlock as _unlock

    return _unlock(paths, username, password)


def first_start(paths: AppPaths, username: str, password: str, full_name: str) -> AppContext:
    """Create the first administrator and the encrypted database (see ``services.auth.first_start``)."""
    from boligvurdering.services.auth import first_start as _first_start

    return _first_start(paths, username, password, full_name)
