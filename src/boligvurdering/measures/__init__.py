"""Measures (tiltak): catalogue, proposals, cost estimates, ramps and financing plans.

Pure logic: no Qt, no database, no ReportLab. See docs/MEASURES.md.
"""

from boligvurdering.measures.catalogue import MeasuresInvalid, load_catalogue
from boligvurdering.measures.costs import (
    CostEstimate,
    RampResult,
    estimate_for_measure,
    estimate_from_quantity,
    estimate_from_quote,
    estimate_from_range,
    measure_warnings,
    parse_amount,
    ramp_requirement,
)
from boligvurdering.measures.facts import make_lookup
from boligvurdering.measures.financing import PLAN_VERSION, build_plan
from boligvurdering.measures.model import (
    Catalogue,
    Channel,
    FinancingRules,
    Household,
    KommuneSettings,
    Measure,
    Trigger,
)
from boligvurdering.measures.plan import (
    Application,
    ChannelSummary,
    FinancingPlan,
    LoanTerms,
    PlanLine,
    PlanMeasure,
    annuity_payment,
)
from boligvurdering.measures.propose import Proposal, expected_effect, propose
from boligvurdering.measures.settings import load_financing, load_kommune_settings
from boligvurdering.measures.validate import validate_measure_files

__all__ = [
    "PLAN_VERSION", "Application", "Catalogue", "Channel", "ChannelSummary", "CostEstimate", "FinancingPlan",
    "FinancingRules", "Household", "KommuneSettings", "LoanTerms", "Measure", "MeasuresInvalid",
    "PlanLine", "PlanMeasure", "Proposal", "RampResult", "Trigger", "annuity_payment", "build_plan",
    "estimate_for_measure", "estimate_from_quantity", "estimate_from_quote", "estimate_from_range",
    "expected_effect", "load_catalogue", "load_financing", "load_kommune_settings", "make_lookup",
    "measure_warnings", "parse_amount", "propose", "ramp_requirement", "validate_measure_files",
]
