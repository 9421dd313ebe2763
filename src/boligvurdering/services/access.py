"""Need-to-know access control: which role may do what, as data, checked in the services.

Permissions are plain strings. Answers are guarded per form domain
(``answers.read:falls``, ``answers.write:housing`` …) so reads can be filtered and writes
refused. ``require`` raises ``AccessDenied`` with a Norwegian message and writes the refusal
to the audit log.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from boligvurdering.domain.enums import FORM_DOMAINS, Role
from boligvurdering.domain.errors import AccessDenied
from boligvurdering.i18n import N_, tr
from boligvurdering.services import audit_log

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

ALL_DOMAINS = FORM_DOMAINS
HEALTH_DOMAINS = ("falls", "nutrition", "other")

_CASE = {"client.read", "client.write", "visit.read", "visit.write", "measure.read", "measure.write",
         "photo.read", "photo.write"}
_CLINICAL = _CASE | {"score.read", "score.write", "exchange.import", "exchange.export", "backup.create", "figures.read"}
_LEAD = {"users.manage", "audit.read", "privacy.erase", "backlog.read", "backup.restore", "settings.write",
         "figures.read"}


def _answers(domains: Iterable[str], write: bool = True) -> set[str]:
    out = {f"answers.read:{d}" for d in domains}
    return out | ({f"answers.write:{d}" for d in domains} if write else set())


#: The need-to-know matrix. Change it here; tests/security/test_access.py reads it back.
MATRIX: dict[str, frozenset[str]] = {
    Role.ERGOTERAPEUT: frozenset(_CLINICAL | _answers(ALL_DOMAINS)),
    Role.FYSIOTERAPEUT: frozenset(_CLINICAL | _answers(ALL_DOMAINS)),
    # economy, household and plans (opening form), the dwelling, fire safety and measures; no health screens
    Role.BOLIGKONSULENT: frozenset(_CASE | {"backup.create"} | _answers(("opening", "housing", "fire"))),
    # the dwelling, rooms, measurements, photos and measures only
    Role.BYGGTEKNISK: frozenset(_CASE | {"backup.create"} | _answers(("housing", "fire"))),
    Role.TEAMLEDER: frozenset(_CLINICAL | _LEAD | _answers(ALL_DOMAINS)),
    # Deliberate choice (docs/SECURITY.md): the administrator is the system owner in a small team
    # and has every permission; each read is still in the access log.
    Role.ADMINISTRATOR: frozenset(_CLINICAL | _LEAD | _answers(ALL_DOMAINS)),
}

_LABELS = {
    "client": N_("brukerregisteret"), "visit": N_("besøk"), "measure": N_("tiltak"), "photo": N_("bilder"),
    "score": N_("kartleggingsresultater"), "exchange": N_("besøksfiler"), "backup": N_("sikkerhetskopier"),
    "users": N_("brukerkontoer"), "audit": N_("tilgangsloggen"), "privacy": N_("sletting og anonymisering"),
    "backlog": N_("saksoversikten"), "answers": N_("svar i skjemaet"), "settings": N_("kommuneinnstillingene"),
    "figures": N_("nøkkeltallene"),
}


def permissions(role: str) -> frozenset[str]:
    return MATRIX.get(role, frozenset())


def allowed(ctx: AppContext, permission: str) -> bool:
    return permission in permissions(ctx.role)


def require(ctx: AppContext, permission: str, **where: Any) -> None:
    """Raise ``AccessDenied`` (and log the refusal) unless the signed-in role has ``permission``."""
    if allowed(ctx, permission):
        return
    audit_log.log_separately(ctx, "access.denied", details={"permission": permission, **where})
    area = tr(_LABELS.get(permission.split(".")[0], permission))
    if permission.startswith("answers.") and ":" in permission:
        area = tr("skjemaet «{d}»", d=permission.split(":", 1)[1])
    role = Role(ctx.role).label() if ctx.role in Role.__members__.values() else ctx.role
    raise AccessDenied(tr("Ingen tilgang: rollen {role} har ikke tilgang til {area}.", role=role, area=area))


F = TypeVar("F", bound=Callable[..., Any])


def guard(permission: str, action: str | None = None) -> Callable[[F], F]:
    """The one guard on a service entry point: ``require`` first (a refusal is logged), then,
    with ``action``, an access-log entry naming the visit or client the call is about.

    The method's ``__permission__`` is what tests/security/test_guard.py walks against ``MATRIX``.
    """
    def wrap(method: F) -> F:
        params = list(inspect.signature(method).parameters)[1:]

        @functools.wraps(method)
        def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
            require(self.ctx, permission)
            if action:
                _log_call(self.ctx, action, dict(zip(params, args, strict=False)) | kwargs)
            return method(self, *args, **kwargs)

        guarded.__permission__ = permission  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]
    return wrap


def _log_call(ctx: AppContext, action: str, arguments: dict[str, Any]) -> None:
    ids = {k: str(arguments[k]) for k in ("visit_id", "client_id") if isinstance(arguments.get(k), str)}
    audit_log.log_separately(ctx, action, **ids)


#: Category keys (security/categories.py): a role holds a category's key only with all these permissions.
CATEGORY_READ: dict[str, frozenset[str]] = {
    "health": frozenset(f"answers.read:{d}" for d in HEALTH_DOMAINS),  # falls, nutrition, mood/memory, medication
    "economy": frozenset({"answers.read:opening"}),  # the household economy (plan.household)
    "audit": frozenset({"audit.read"}),  # the lead audit anchor's key (services/audit_anchor.py)
}


def may_hold(role: str, category: str) -> bool:
    """Whether ``role`` may hold the key that opens ``category``."""
    return CATEGORY_READ[category] <= permissions(role)


def question_category(ctx: AppContext) -> Callable[[str], str | None]:
    """question id → the category its answers are sealed under (``health`` for the health forms)."""
    cache: dict[str, str | None] = {}

    def category(question_id: str) -> str | None:
        if question_id not in cache:
            cache[question_id] = "health" if domain_of(ctx, question_id) in HEALTH_DOMAINS else None
        return cache[question_id]
    return category


def plain_questions(ctx: AppContext) -> frozenset[str]:
    """The questions whose answers are kept in the clear (not in a health domain)."""
    return frozenset(q.id for q in ctx.registry.questions() if question_category(ctx)(q.id) is None)


def readable_domains(ctx: AppContext) -> frozenset[str]:
    perms = permissions(ctx.role)
    return frozenset(d for d in ALL_DOMAINS if f"answers.read:{d}" in perms)


def domain_of(ctx: AppContext, question_id: str) -> str:
    q = ctx.registry.resolve(question_id)
    form = ctx.registry.form(q.form_id) if q is not None else None
    return form.domain if form is not None else "other"


def require_answer_write(ctx: AppContext, question_id: str) -> None:
    require(ctx, f"answers.write:{domain_of(ctx, question_id)}", question=question_id)


def filter_answers(ctx: AppContext, visit_level: dict[str, Any],
                   per_room: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Drop the answers whose form domain the role may not read."""
    domains = readable_domains(ctx)
    if domains == frozenset(ALL_DOMAINS):
        return visit_level, per_room

    def keep(answers: dict[str, Any]) -> dict[str, Any]:
        return {q: v for q, v in answers.items() if domain_of(ctx, q) in domains}

    return keep(visit_level), {room: keep(a) for room, a in per_room.items()}
