"""The composition root: paths, the open database, the loaded forms, the signed-in actor and the services.

Every service is a typed attribute built on first use (``ctx.clients``, ``ctx.visits``, ...). A context
made by ``open_context`` has no signed-in user and no role (so no permissions) unless one is given;
``services.auth.unlock``/``first_start`` are the production ways to a signed-in one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property

from boligvurdering.domain.errors import UserError
from boligvurdering.formsengine import load_registry
from boligvurdering.formsengine.model import FormRegistry
from boligvurdering.i18n import tr
from boligvurdering.paths import AppPaths
from boligvurdering.security.ciphers import FileCipher
from boligvurdering.security.instance_lock import InstanceLock
from boligvurdering.services.answers import AnswerService
from boligvurdering.services.assessment import AssessmentService
from boligvurdering.services.audit_anchor import advance
from boligvurdering.services.clients import ClientService
from boligvurdering.services.consent import ConsentService
from boligvurdering.services.files import FileStore
from boligvurdering.services.photos import PhotoService
from boligvurdering.services.plan import PlanService
from boligvurdering.services.signoff import SignoffService
from boligvurdering.services.team import TeamService
from boligvurdering.services.visits import VisitService
from boligvurdering.store.db import Database
from boligvurdering.store.migrate import migrate as run_migrations

__all__ = ["AppContext", "open_context"]

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """Everything a use case needs: paths, the open database, the loaded forms, the actor."""

    paths: AppPaths
    db: Database
    actor: str = ""
    role: str = ""  # no signed-in role: no permissions (never an administrator by default)
    file_cipher: FileCipher | None = None
    instance_lock: InstanceLock | None = field(default=None, repr=False)  # held while signed in
    #: (action, record key) -> monotonic time of the last logged read (services.audit)
    audit_reads: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)
    #: monotonic time the audit anchor last moved (services.audit_anchor)
    audit_anchor_at: float = field(default=0.0, repr=False)
    _registry: FormRegistry | None = field(default=None, repr=False)
    _files: FileStore | None = field(default=None, repr=False)

    @property
    def registry(self) -> FormRegistry:
        if self._registry is None:
            self._registry = load_registry()
        return self._registry

    @property
    def master_key(self) -> bytes:
        """The database key of a signed-in context (accounts, backups and photo encryption need it)."""
        if self.db.key is None:
            raise UserError(tr("Dette krever en kryptert database (logg inn)."))
        return self.db.key

    @cached_property
    def clients(self) -> ClientService:
        return ClientService(self)

    @cached_property
    def visits(self) -> VisitService:
        return VisitService(self)

    @cached_property
    def answers(self) -> AnswerService:
        return AnswerService(self)

    @property
    def files(self) -> FileStore:
        """The photo file store, encrypting with ``file_cipher`` (rebuilt when the cipher changes)."""
        store = self._files
        if store is None or store.cipher is not self.file_cipher:
            store = self._files = FileStore(self.paths.photos, self.file_cipher)
        return store

    @cached_property
    def photos(self) -> PhotoService:
        return PhotoService(self)

    @cached_property
    def team(self) -> TeamService:
        return TeamService(self)

    @cached_property
    def signoff(self) -> SignoffService:
        return SignoffService(self)

    @cached_property
    def assessment(self) -> AssessmentService:
        return AssessmentService(self)

    @cached_property
    def plan(self) -> PlanService:
        return PlanService(self)

    @cached_property
    def consent(self) -> ConsentService:
        return ConsentService(self)

    def close(self) -> None:
        if self.db.key is not None:  # anchor the audit log's last head outside the database
            advance(self, force=True)
        self.db.close()
        if self.instance_lock is not None:
            self.instance_lock.release()
            self.instance_lock = None


def open_context(paths: AppPaths, *, key: bytes | None = None, migrate: bool = True,
                 actor: str = "", role: str = "") -> AppContext:
    """Create folders, open and migrate the database. Raises ``UserError`` subclasses.

    Without ``role`` the context may do nothing that needs a permission (tests and tools pass one).
    """
    paths.ensure()
    db = Database(paths.database, key)
    db.check()
    if migrate:
        result = run_migrations(db, paths.backups)
        if result:
            log.info("database migrated %s -> %s", result.from_revision, result.to_revision)
    return AppContext(paths=paths, db=db, actor=actor, role=role)
