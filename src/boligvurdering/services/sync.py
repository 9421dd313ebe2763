"""Sync with the team server: enrol this laptop, push then pull, list and resolve conflicts.

The laptop stays offline-first: everything is saved locally first; a sync sends what the
server has not acknowledged and fetches what others changed (docs/SERVER.md).
"""

from __future__ import annotations

import json
import logging
import platform
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.errors import InvalidValue, NotFound, UserError
from boligvurdering.i18n import tr
from boligvurdering.services import audit, sync_steps
from boligvurdering.services.sync_http import ServerClient, ServerRefused
from boligvurdering.store import sync as repo
from boligvurdering.store.sync_track import device, mark_answers

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncReport:
    visits_sent: int
    answers_sent: int
    new_conflicts: int
    visits_received: int
    answers_received: int
    open_conflicts: int
    #: what the user must know about this sync (e.g. changes lost to an anonymisation), in Norwegian
    notices: tuple[str, ...] = ()

    def summary(self) -> str:
        return " ".join((tr("Sendt: {vs} besøk og {as_} svar. Mottatt: {vr} besøk og {ar} svar. Konflikter å løse: {c}.",
                            vs=self.visits_sent, as_=self.answers_sent, vr=self.visits_received,
                            ar=self.answers_received, c=self.open_conflicts), *self.notices))


@dataclass(frozen=True)
class ConflictRecord:
    """One answer changed on two laptops: the value the server kept and the other one."""

    id: str
    visit_id: str
    question_id: str
    question: str
    room_id: str
    kept: Any
    kept_by: str
    kept_at: str
    other: Any
    other_by: str
    other_at: str


def field_label(question_id: str) -> str:
    """«Besøk: status» for the conflict of a visit-level field ``visit:visit/status``."""
    sections = {"visit": tr("Besøk"), "client": tr("Bruker"), "dwelling": tr("Bolig"), "rooms": tr("Rom"),
                "measures": tr("Tiltak"), "photos": tr("Bilder"), "plan": tr("Plan")}
    fields = {"status": tr("status"), "visit_date": tr("besøksdato"), "referral_date": tr("henvisningsdato"),
              "referral_source": tr("henvist fra"), "referral_reason": tr("henvisningsgrunn"),
              "priority": tr("prioritet"), "notes": tr("notater"), "team": tr("teamet"), "signed_at": tr("signert"),
              "contact": tr("kontaktperson"), "phone": tr("telefon"), "address": tr("adresse"),
              "due_date": tr("frist"), "done_at": tr("utført")}
    section, *rest = question_id.removeprefix(repo.VISIT_FIELD).split("/")
    named = [fields.get(part, part) for part in rest if not _is_id(part)]
    return tr("{section}: {field}", section=sections.get(section, section), field=" › ".join(named) or tr("hele"))


def _is_id(part: str) -> bool:
    return len(part) == 36 and part.count("-") == 4


def _quiet(_step: str, _done: int, _total: int) -> None:
    return None


class SyncService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def enrol(self, server_url: str, password: str, device_name: str = "") -> str:
        """Sign in on the server as the signed-in user; registers this laptop. Returns the team id."""
        with self.ctx.db.transaction() as s:
            device_id = str(device(s).id)
        client = ServerClient(server_url)
        who = client.call("POST", "/enrol", {"username": self.ctx.actor, "password": password,
                                             "device_id": device_id, "device_name": device_name or platform.node()})
        with self.ctx.db.transaction() as s:
            repo.save_account(s, server_url=client.base.removesuffix("/api/v1"), name=device_name or platform.node(),
                              username=self.ctx.actor, token=who["token"], role=who["role"], team_id=who["team_id"])
            audit.record(self.ctx, s, "sync.enrol", details={"server": server_url})
        return str(who["team_id"])

    def enrolled(self) -> bool:
        with self.ctx.db.transaction() as s:
            return repo.account(s, self.ctx.actor) is not None

    def _client(self) -> ServerClient:
        with self.ctx.db.transaction() as s:
            found = repo.account(s, self.ctx.actor)
        if found is None:
            raise UserError(tr("Maskinen er ikke meldt inn på teamserveren for «{u}». Kjør «boligvurdering sync "
                               "--server ADRESSE» eller bruk Synkroniser i vinduet.", u=self.ctx.actor))
        return ServerClient(found[1], found[2])

    def run(self, progress: sync_steps.Progress = _quiet) -> SyncReport:
        """Push local changes, then pull the others'. Safe to repeat or to interrupt at any point."""
        client = self._client()
        try:
            client.call("GET", "/me")
            notices: list[str] = []
            visits_sent = sync_steps.push_visits(self.ctx, client, progress, notices)
            answers_sent, conflicts = sync_steps.push_answers(self.ctx, client, progress)
            visits_in, answers_in = sync_steps.pull(self.ctx, client, progress, notices)
            sync_steps.push_audit(self.ctx, client, progress)
        except ServerRefused as exc:
            if exc.code == "user_deactivated":
                self._lock_out()
            raise
        with self.ctx.db.transaction() as s:
            open_now = len(repo.conflicts(s))
            audit.record(self.ctx, s, "sync.run", details={"sent": answers_sent, "received": answers_in})
        return SyncReport(visits_sent, answers_sent, conflicts, visits_in, answers_in, open_now,
                          tuple(dict.fromkeys(notices)))

    def _lock_out(self) -> None:
        """Deactivated on the server: this user's key and token leave the laptop."""
        from boligvurdering.security.keystore import Keystore

        with self.ctx.db.transaction() as s:
            repo.forget_account(s, self.ctx.actor)
            audit.record(self.ctx, s, "sync.locked_out", record_type="user", record_id=self.ctx.actor)
        keystore = Keystore.load(self.ctx.paths.keystore)
        if keystore.has_user(self.ctx.actor):
            keystore.remove(self.ctx.actor)
            keystore.save()
        log.warning("user %s deactivated on the server; local key removed", self.ctx.actor)

    def assign(self, visit_id: str, username: str) -> bool:
        """Give a colleague in the team this visit on their laptop (from their next sync)."""
        result = self._client().call("POST", "/assign", {"visit_id": visit_id, "username": username})
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "sync.assign", visit_id=visit_id, details={"user": username})
        return bool(result["assigned"])

    def team_users(self) -> list[tuple[str, str, str]]:
        """(username, full name, role) of the team's active users on the server."""
        return [(u["username"], u["full_name"], u["role"]) for u in self._client().call("GET", "/users")["users"]]

    def conflicts(self) -> list[ConflictRecord]:
        with self.ctx.db.transaction() as s:
            rows = repo.conflicts(s)
        return [self._record(c) for c in rows]

    def _record(self, c: Any) -> ConflictRecord:
        q = self.ctx.registry.resolve(c.question_id)

        def val(raw: str | None) -> Any:
            return None if raw is None else json.loads(raw)

        label = field_label(c.question_id) if c.question_id.startswith(repo.VISIT_FIELD) else (q.text if q else c.question_id)
        return ConflictRecord(c.conflict_id, str(c.visit_id), c.question_id, label, c.scope,
                              val(c.kept_json), c.kept_by, c.kept_at, val(c.other_json), c.other_by, c.other_at)

    def resolve(self, conflict_id: str, keep: str) -> None:
        """Settle a conflict with the value kept by the server (``kept``) or the other one (``other``)."""
        if keep not in ("kept", "other"):
            raise InvalidValue(tr("Velg hvilken verdi som skal gjelde."))
        with self.ctx.db.transaction() as s:
            c = repo.conflict(s, conflict_id)
            if c is None or c.resolved:
                raise NotFound(tr("Fant ikke konflikten (den kan allerede være løst)."))
            raw = c.kept_json if keep == "kept" else c.other_json
            value = None if raw is None else json.loads(raw)
            if c.question_id.startswith(repo.VISIT_FIELD):  # a visit-level field: the visit goes out again
                sync_steps.set_visit_field(self.ctx, s, str(c.visit_id), c.question_id.removeprefix(repo.VISIT_FIELD),
                                           value)
                repo.push_again(s, str(c.visit_id))
                c.resolved, c.resolved_by = True, self.ctx.actor
            else:
                sync_steps.write_answer(self.ctx, s, str(c.visit_id), c.question_id, c.scope, value, self.ctx.actor)
                mark_answers(s, str(c.visit_id), [(c.question_id, c.scope, raw is None)], self.ctx.actor)
                repo.mark_resolving(s, c, self.ctx.actor)
            audit.record(self.ctx, s, "sync.resolve", visit_id=str(c.visit_id), details={"question": c.question_id})
