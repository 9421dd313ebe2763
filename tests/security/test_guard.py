"""Every service entry point checks the role first and logs a refusal (issue 19, item 3).

The test walks every public method of every service class: with a role that has no permission
each one refuses before doing anything; for every role, a method guarded with ``access.guard``
refuses exactly when the matrix lacks its permission.
"""

import inspect

import pytest

from boligvurdering.domain.errors import AccessDenied
from boligvurdering.services import audit
from boligvurdering.services.access import MATRIX
from boligvurdering.services.answers import AnswerService
from boligvurdering.services.assessment import AssessmentService
from boligvurdering.services.backlog import BacklogService
from boligvurdering.services.clients import ClientService
from boligvurdering.services.documents import DocumentService
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.services.measures import MeasureService
from boligvurdering.services.photos import PhotoService
from boligvurdering.services.pipeline import PipelineService
from boligvurdering.services.plan import PlanService
from boligvurdering.services.team_backlog import TeamBacklogService
from boligvurdering.services.visits import VisitService

from .conftest import new_client, new_visit

SERVICES = (ClientService, VisitService, AnswerService, PhotoService, AssessmentService, PlanService,
            ExchangeService, MeasureService, BacklogService, PipelineService, DocumentService, TeamBacklogService)
#: public methods that read no client data and change nothing (form definitions, labels)
OPEN = {("AnswerService", "question"), ("DocumentService", "kinds"), ("ExchangeService", "import_paths")}


def entry_points():
    for cls in SERVICES:
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            if name.startswith("_") or isinstance(inspect.getattr_static(cls, name), staticmethod):
                continue
            if (cls.__name__, name) not in OPEN:
                yield cls, name, member


def _dummy_call(service, name):
    method = getattr(service, name)
    params = inspect.signature(method).parameters.values()
    args = [None for p in params if p.kind == p.POSITIONAL_OR_KEYWORD and p.default is p.empty]
    kwargs = {p.name: None for p in params if p.kind == p.KEYWORD_ONLY and p.default is p.empty}
    return method(*args, **kwargs)


def _denials(ctx):
    role, ctx.role = ctx.role, "administrator"
    try:
        return sum(1 for e in audit.entries(ctx) if e["action"] == "access.denied")
    finally:
        ctx.role = role


def test_every_public_service_method_refuses_a_role_without_permissions(ctx):
    points = list(entry_points())
    assert len(points) > 50
    before = _denials(ctx)
    ctx.role = "ingen"
    unchecked = []
    for cls, name, _ in points:
        try:
            _dummy_call(cls(ctx), name)
            unchecked.append(f"{cls.__name__}.{name}: ran")
        except AccessDenied:
            continue
        except Exception as exc:  # noqa: BLE001 - did something before checking the role
            unchecked.append(f"{cls.__name__}.{name}: {type(exc).__name__} before the check")
    assert unchecked == [], "\n".join(unchecked)
    assert _denials(ctx) - before >= len(points)  # every refusal is in the access log


@pytest.mark.parametrize("role", sorted(MATRIX))
def test_guarded_methods_follow_the_matrix_for_every_role(ctx, role):
    ctx.role = role
    for cls, name, member in entry_points():
        permission = getattr(member, "__permission__", None)
        if permission is None or permission in MATRIX[role]:
            continue
        with pytest.raises(AccessDenied):
            _dummy_call(cls(ctx), name)


def test_byggteknisk_reaches_no_economy_settings_or_figures_and_reads_are_logged(ctx):
    from datetime import date

    client = new_client(ctx)
    visit = new_visit(ctx, client)
    ctx.plan.save_household(visit.id, {"gross_income_year": 250000})
    ctx.role, ctx.actor = "byggteknisk", "bygg"
    for call in (lambda: ctx.plan.household(visit.id), lambda: ctx.plan.save_statement(visit.id, "x"),
                 lambda: ctx.plan.save_settings({"name": "X"}),
                 lambda: BacklogService(ctx).figures(start=date(2026, 1, 1), end=date(2026, 12, 31))):
        with pytest.raises(AccessDenied):
            call()
    ctx.role, ctx.actor = "ergoterapeut", "kari"
    assert ctx.plan.household(visit.id)["gross_income_year"] == 250000
    ctx.role = "administrator"
    actions = [(e["action"], e["actor"]) for e in audit.entries(ctx)]
    assert actions.count(("access.denied", "bygg")) == 4
    assert ("plan.household.read", "kari") in actions
