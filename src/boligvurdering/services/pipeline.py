"""Status pipeline of a case: allowed moves, refusals with reasons, deadlines and ``next_due``.

Order: henvist → planlagt → gjennomfort → signert → rapport_sendt → soknad_sendt → vedtak →
tiltak_utfort → oppfolging → avsluttet. Every change records who (``ctx.actor``) and when (a
``StatusEvent``) and is written to the audit log (``change_status``). Gjennomført and Signert are
reached by what happens (``services.lifecycle``), not by hand.
Shortcuts (see docs/BACKLOG.md): gjennomfort → oppfolging, rapport_sendt → tiltak_utfort /
oppfolging, vedtak → oppfolging, oppfolging → planlagt (re-visit), and avsluttet from any open
state with a reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.enums import LINDAAS_ROLES, ReferralSource, VisitStatus
from boligvurdering.domain.errors import InvalidValue, NotFound, found
from boligvurdering.i18n import tr
from boligvurdering.measures.model import CHANNEL_IDS
from boligvurdering.services import audit
from boligvurdering.services.access import guard
from boligvurdering.store import backlog as repo
from boligvurdering.store import clients as client_repo
from boligvurdering.store import extras as extras_repo
from boligvurdering.store import visits as visit_repo
from boligvurdering.store.db import Session

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


S = VisitStatus
NEXT: dict[str, tuple[str, ...]] = {
    S.HENVIST: (S.PLANLAGT,),
    S.PLANLAGT: (S.GJENNOMFORT,),
    S.GJENNOMFORT: (S.SIGNERT, S.RAPPORT_SENDT, S.OPPFOLGING),
    S.SIGNERT: (S.RAPPORT_SENDT, S.OPPFOLGING),
    S.RAPPORT_SENDT: (S.SOKNAD_SENDT, S.TILTAK_UTFORT, S.OPPFOLGING),
    S.SOKNAD_SENDT: (S.VEDTAK,),
    S.VEDTAK: (S.TILTAK_UTFORT, S.OPPFOLGING),
    S.TILTAK_UTFORT: (S.OPPFOLGING,),
    S.OPPFOLGING: (S.PLANLAGT,),
    S.AVSLUTTET: (),
}
CHANNELS = tuple(c for c in CHANNEL_IDS if c != "egne_midler")  # one applies to every channel but own funds


def channel_label(channel: str) -> str:
    """Norwegian name of an application channel (ids as in forms/measures/financing.toml)."""
    return {
        "nav_hjelpemiddel": tr("Hjelpemidler fra Nav"), "nav_tilskudd_rampe_heis": tr("Nav-tilskudd rampe/heis"),
        "tilskudd_utredning": tr("Tilskudd til utredning"), "tilskudd_prosjektering": tr("Tilskudd til prosjektering"),
        "kommunalt_tilskudd": tr("Kommunalt tilskudd"), "lan_boligkvalitet": tr("Lån til boligkvalitet"),
        "startlan": tr("Startlån"), "bostotte": tr("Bostøtte"),
    }.get(channel, channel)


@dataclass(frozen=True)
class DeadlineSettings:
    """Answer time for applications, report time after a visit, planning time after a referral (days)."""

    answer_days: int = 28
    report_days: int = 14
    plan_days: int = 14


SETTING_KEYS = {"answer_days": "backlog.answer_days", "report_days": "backlog.report_days",
                "plan_days": "backlog.plan_days"}


class TransitionRefused(InvalidValue):
    """A status move that is not allowed; the message says why (Norwegian)."""


def _label(status: str) -> str:
    return VisitStatus(status).label()


def change_status(ctx: AppContext, s: Session, visit_id: str, target: str, note: str = "") -> None:
    """The one way a case's status changes: a ``StatusEvent`` plus an audit entry."""
    before = visit_repo.get_visit(s, visit_id=visit_id)
    audit.record(ctx, s, "visit.status", visit_id=visit_id,
                 details={"changed": {"status": [before.status if before else None, str(target)]}})
    visit_repo.set_status(s, visit_id=visit_id, status=str(target), by=ctx.actor, note=note)


def load_settings(s: Session) -> DeadlineSettings:
    """Deadline settings stored in ``Setting`` (defaults when absent)."""
    values = {k: extras_repo.get_setting(s, key=key) for k, key in SETTING_KEYS.items()}
    return DeadlineSettings(**{k: int(v) for k, v in values.items() if v is not None})


def compute_next_due(info: dict[str, Any], cfg: DeadlineSettings, referral_date: date | None = None) -> date | None:
    """The earliest open deadline of a case (``None`` when closed or nothing is dated)."""
    status = info["status"]
    if status == S.AVSLUTTET:
        return None
    candidates = [info.get("follow_up")]
    visit_date = info.get("visit_date")
    if status == S.HENVIST and referral_date:
        candidates.append(referral_date + timedelta(days=cfg.plan_days))
    elif status == S.PLANLAGT:
        candidates.append(visit_date)
    elif status in (S.GJENNOMFORT, S.SIGNERT) and visit_date:
        candidates.append(visit_date + timedelta(days=cfg.report_days))
    if info.get("application_sent") and status in (S.SOKNAD_SENDT, S.VEDTAK):
        candidates.append(info["application_sent"] + timedelta(days=cfg.answer_days))
    dated = [c for c in candidates if c is not None]
    return min(dated) if dated else None


def new_case_due(cfg: DeadlineSettings) -> Callable[[str, date | None, date | None], date | None]:
    """``next_due`` of a case just written (no follow-ups or applications yet) from its status and dates."""
    def due(status: str, visit_date: date | None, referral_date: date | None) -> date | None:
        info = {"status": status, "visit_date": visit_date, "follow_up": None, "application_sent": None}
        return compute_next_due(info, cfg, referral_date)

    return due


def refresh_next_due(s: Session, visit_id: str, cfg: DeadlineSettings | None = None) -> date | None:
    """Recompute and store ``Visit.next_due`` for one case."""
    cfg = cfg or load_settings(s)
    info = repo.open_deadlines(s, visit_id=visit_id)
    record = visit_repo.get_visit(s, visit_id=visit_id)
    due = compute_next_due(info, cfg, record.referral_date if record else None)
    repo.set_next_due(s, visit_id=visit_id, next_due=due)
    return due


def refresh_next_due_many(s: Session, visit_ids: Iterable[str]) -> None:
    """``refresh_next_due`` for several cases in the caller's transaction (settings read once).

    For services that change a case outside the pipeline (scoring adds follow-ups, the exchange
    import writes status, dates and follow-ups): call it inside their own transaction, after writing.
    """
    cfg = load_settings(s)
    for visit_id in dict.fromkeys(str(v) for v in visit_ids):
        refresh_next_due(s, visit_id, cfg)


class PipelineService:
    """Use cases that move a case through the pipeline."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- reading --------------------------------------------------------------------------
    @guard("visit.read")
    def allowed_moves(self, visit_id: str) -> tuple[str, ...]:
        """Statuses the case may move to next (closing is always possible while open)."""
        status = self._status_of(visit_id)
        return NEXT[status] + ((S.AVSLUTTET.value,) if status != S.AVSLUTTET else ())

    @guard("visit.write")
    def refresh_next_due(self, visit_id: str) -> date | None:
        """Recompute ``next_due`` of one case in a transaction of its own (callers without a session)."""
        with self.ctx.db.transaction() as s:
            self._status(s, visit_id)  # NotFound for an unknown case
            return refresh_next_due(s, visit_id)

    @guard("client.read")
    def settings(self) -> DeadlineSettings:
        with self.ctx.db.transaction() as s:
            return load_settings(s)

    @guard("settings.write", "settings.save")
    def set_answer_weeks(self, weeks: int) -> None:
        """Kommune answer time for applications, in weeks (1–26)."""
        if not isinstance(weeks, int) or not 1 <= weeks <= 26:
            raise InvalidValue(tr("Svartiden må være mellom 1 og 26 uker."))
        with self.ctx.db.transaction() as s:
            extras_repo.put_setting(s, key=SETTING_KEYS["answer_days"], value=weeks * 7)

    # -- moves ----------------------------------------------------------------------------
    @guard("client.write")
    def create_referral(self, client_id: str, *, source: str, reason: str, priority: int = 2,
                        referral_date: date) -> str:
        """Register a referral (status henvist); returns the new case id."""
        if source not in {r.value for r in ReferralSource}:
            raise InvalidValue(tr("Ukjent henvisende instans «{s}».", s=source))
        if not reason.strip():
            raise InvalidValue(tr("Skriv inn årsaken til henvisningen."))
        if priority not in (1, 2, 3):
            raise InvalidValue(tr("Prioritet må være 1, 2 eller 3."))
        with self.ctx.db.transaction() as s:

            if client_repo.get_client(s, client_id=client_id) is None:
                raise NotFound(tr("Fant ikke brukeren."))
            dwellings = client_repo.dwellings_of(s, client_id=client_id)
            record = visit_repo.add_visit(
                s, client_id=client_id, dwelling_id=dwellings[0].id if dwellings else None,
                status=S.HENVIST.value, referral_date=referral_date, referral_source=source,
                referral_reason=reason.strip(), priority=priority, by=self.ctx.actor)
            refresh_next_due(s, record.id)
            return record.id

    @guard("visit.write")
    def plan_visit(self, visit_id: str, *, visit_date: date, team: list[tuple[str, str]],
                   contact_member_id: str | None = None) -> None:
        """Set the visit date and team; moves henvist/oppfolging → planlagt (re-visit)."""
        roles = {r.value for r in LINDAAS_ROLES}
        if not team:
            raise TransitionRefused(tr("Velg minst én person i teamet før besøket planlegges."))
        if any(role not in roles for _m, role in team):
            raise InvalidValue(tr("Ukjent rolle i teamet."))
        contact = contact_member_id or team[0][0]
        if contact not in {m for m, _ in team}:
            raise InvalidValue(tr("Kontaktpersonen må være med i teamet."))
        with self.ctx.db.transaction() as s:
            status = self._status(s, visit_id)
            if status != S.PLANLAGT:
                self._check(status, S.PLANLAGT)
            visit_repo.set_team(s, visit_id=visit_id, team=team)
            visit_repo.update_visit(s, visit_id=visit_id, visit_date=visit_date, contact_member_id=contact)
            if status != S.PLANLAGT:
                self._set(s, visit_id, S.PLANLAGT, "")
            refresh_next_due(s, visit_id)

    @guard("visit.write")
    def mark_visited(self, visit_id: str, *, today: date) -> None:
        """planlagt → gjennomfort; refused before the visit date."""
        with self.ctx.db.transaction() as s:
            self._check(self._status(s, visit_id), S.GJENNOMFORT)
            record = found(visit_repo.get_visit(s, visit_id=visit_id), tr("Fant ikke besøket."))
            if record.visit_date is None or record.visit_date > today:
                raise TransitionRefused(tr("Besøket kan ikke markeres som gjennomført før besøksdatoen."))
            self._set(s, visit_id, S.GJENNOMFORT, "")
            refresh_next_due(s, visit_id)

    @guard("visit.write")
    def send_report(self, visit_id: str) -> None:
        """gjennomfort → rapport_sendt."""
        self.move(visit_id, S.RAPPORT_SENDT)

    @guard("visit.write")
    def send_application(self, visit_id: str, *, channel: str, sent_at: date,
                         amount_applied: float | None = None) -> str:
        """Record an application to one channel; the case moves to (or stays in) soknad_sendt."""
        if channel not in CHANNELS:
            raise InvalidValue(tr("Ukjent finansieringskanal «{c}».", c=channel))
        if amount_applied is not None and amount_applied < 0:
            raise InvalidValue(tr("Beløpet kan ikke være negativt."))
        with self.ctx.db.transaction() as s:
            status = self._status(s, visit_id)
            if status != S.SOKNAD_SENDT:
                self._check(status, S.SOKNAD_SENDT)
                self._set(s, visit_id, S.SOKNAD_SENDT, channel)
            app_id = repo.add_application(s, visit_id=visit_id, channel=channel, sent_at=sent_at,
                                          amount_applied=amount_applied)
            refresh_next_due(s, visit_id)
            return app_id

    @guard("visit.write")
    def record_decision(self, application_id: str, *, granted: bool, amount_granted: float | None,
                        decided_at: date) -> None:
        """Vedtak on one application; the case moves to vedtak when every application is decided."""
        if granted and (amount_granted is None or amount_granted < 0):
            raise InvalidValue(tr("Oppgi innvilget beløp."))
        with self.ctx.db.transaction() as s:
            try:
                visit_id = repo.decide_application(s, application_id=application_id, granted=granted,
                                                   amount=amount_granted if granted else 0.0, decided_at=decided_at)
            except KeyError:
                raise NotFound(tr("Fant ikke søknaden.")) from None
            status = self._status(s, visit_id)
            pending = [a for a in repo.applications_of(s, visit_id=visit_id) if a.decided_at is None]
            if status == S.SOKNAD_SENDT and not pending:
                self._set(s, visit_id, S.VEDTAK, tr("innvilget") if granted else tr("avslått"))
            refresh_next_due(s, visit_id)

    @guard("visit.write")
    def measures_done(self, visit_id: str, *, done_at: date) -> int:
        """Accepted measures are done; the case moves to tiltak_utfort. Returns how many measures."""
        with self.ctx.db.transaction() as s:
            self._check(self._status(s, visit_id), S.TILTAK_UTFORT)
            n = repo.mark_measures_done(s, visit_id=visit_id, done_at=done_at)
            self._set(s, visit_id, S.TILTAK_UTFORT, "")
            refresh_next_due(s, visit_id)
            return n

    @guard("visit.write")
    def set_follow_up(self, visit_id: str, *, due: date, kind: str = "revisit", reason: str = "") -> None:
        """Add a follow-up date; the case moves to oppfolging if that is an allowed next step."""
        with self.ctx.db.transaction() as s:
            status = self._status(s, visit_id)
            if status == S.AVSLUTTET:
                raise TransitionRefused(tr("Saken er avsluttet."))
            repo.add_follow_up(s, visit_id=visit_id, kind=kind, due=due, reason=reason)
            if S.OPPFOLGING in NEXT[status]:
                self._set(s, visit_id, S.OPPFOLGING, reason)
            refresh_next_due(s, visit_id)

    @guard("visit.write")
    def close(self, visit_id: str, *, reason: str, today: date) -> None:
        """Close a case from any open state; a reason is required. Open follow-ups are closed."""
        if not reason.strip():
            raise TransitionRefused(tr("Skriv inn en begrunnelse for å avslutte saken."))
        with self.ctx.db.transaction() as s:
            if self._status(s, visit_id) == S.AVSLUTTET:
                raise TransitionRefused(tr("Saken er allerede avsluttet."))
            repo.close_follow_ups(s, visit_id=visit_id, done_at=today)
            self._set(s, visit_id, S.AVSLUTTET, reason.strip())
            refresh_next_due(s, visit_id)

    @guard("visit.write")
    def move(self, visit_id: str, to_status: str, *, note: str = "") -> None:
        """A plain move without extra data (e.g. rapport_sendt, oppfolging after tiltak)."""
        target = VisitStatus(to_status)
        if target in (S.PLANLAGT, S.SOKNAD_SENDT, S.VEDTAK, S.AVSLUTTET, S.GJENNOMFORT, S.SIGNERT):
            raise TransitionRefused(tr("«{t}» krever flere opplysninger; bruk egen handling.", t=target.label()))
        with self.ctx.db.transaction() as s:
            status = self._status(s, visit_id)
            self._check(status, target)
            if target == S.OPPFOLGING and repo.open_deadlines(s, visit_id=visit_id)["follow_up"] is None:
                raise TransitionRefused(tr("Sett en dato for oppfølging først."))
            self._set(s, visit_id, target, note)
            refresh_next_due(s, visit_id)

    # -- helpers --------------------------------------------------------------------------
    def _status_of(self, visit_id: str) -> str:
        with self.ctx.db.transaction() as s:
            return self._status(s, visit_id)

    @staticmethod
    def _status(s: Session, visit_id: str) -> str:
        record = visit_repo.get_visit(s, visit_id=visit_id)
        if record is None:
            raise NotFound(tr("Fant ikke saken."))
        return record.status

    @staticmethod
    def _check(status: str, target: str) -> None:
        if target in NEXT[status]:
            return
        if status == S.AVSLUTTET:
            raise TransitionRefused(tr("Saken er avsluttet og kan ikke flyttes."))
        order = list(VisitStatus)
        needed = [st for st in order if order.index(st) < order.index(VisitStatus(target))
                  and order.index(st) > order.index(VisitStatus(status))]
        why = (tr("trinnet «{n}» mangler", n=needed[0].label()) if needed
               else tr("saken er allerede kommet lenger"))
        raise TransitionRefused(tr("Kan ikke gå fra «{a}» til «{b}»: {why}.", a=_label(status),
                                   b=_label(target), why=why))

    def _set(self, s: Session, visit_id: str, target: str, note: str) -> None:
        change_status(self.ctx, s, visit_id, target, note)


def check_move(status: str, target: str) -> None:
    """Raise ``TransitionRefused`` with the reason unless ``status`` → ``target`` is an allowed move."""
    PipelineService._check(status, target)
