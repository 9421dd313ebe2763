"""Immutable model of the measure catalogue, financing channels and kommune settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from boligvurdering.domain.enums import RISK_DOMAINS
from boligvurdering.i18n import tr

MEASURE_DOMAINS = (*RISK_DOMAINS, "referral")
RESPONSIBLE_ROLES = ("ergoterapeut", "fysioterapeut", "boligkonsulent", "byggteknisk", "other_service")
KINDS = ("nav_loan", "permanent", "service", "own_purchase")
COST_UNITS = ("stk", "m", "m2")
FLAGS = (
    "electrical_work", "opens_walls", "new_door", "wall_reinforcement", "maintenance",
    "energy", "accessibility",
)
# NAV funds none of these parts of a job (REFERENCE §3).
NAV_EXCLUDED_FLAGS = ("electrical_work", "opens_walls", "new_door", "wall_reinforcement")
EFFECTS = ("major", "minor", "none")
CHANNEL_IDS = (
    "nav_hjelpemiddel", "nav_tilskudd_rampe_heis", "kommunalt_tilskudd", "tilskudd_utredning",
    "tilskudd_prosjektering", "startlan", "lan_boligkvalitet", "bostotte", "egne_midler",
    "kommunen_som_utleier",
)
# Channels a measure need not list: own funds, and the kommune as landlord of a kommunal bolig.
IMPLICIT_CHANNELS = ("egne_midler", "kommunen_som_utleier")


@dataclass(frozen=True)
class Trigger:
    """When a measure is proposed, and the reason shown (template with ``{fact.key}`` fields)."""

    when: Mapping[str, Any]
    reason: str


@dataclass(frozen=True)
class Measure:
    """One catalogue entry.

    Attributes:
        id: stable identifier.
        title: Norwegian title.
        explanation: plain-language explanation for the bruker («du»).
        domain: falls, fire, nutrition, housing or referral.
        responsible: role that follows the measure up.
        kind: nav_loan, permanent, service or own_purchase.
        cost_min / cost_max: price range in NOK incl. VAT (range pricing).
        unit_price / unit: price per stk/m/m2 in NOK incl. VAT (unit pricing).
        flags: electrical_work, opens_walls, new_door, wall_reinforcement, maintenance,
            energy, accessibility.
        channels: financing channels that may pay for it.
        triggers: when to propose it.
        ramp / lift: marks ramps and lifts (NAV grant instead of a loaned ramp/lift).
        resolves_checks: housing check ids this measure fixes.
        effect: expected risk effect in its domain: major, minor or none.
        resolves_answers: answers as they will be once the measure is done (question id →
            value), for the expected housing step.
        non_nav_share: estimated share of the cost NAV never funds (installation, electrical
            work, walls, doors, reinforcement), used until a quote gives the amount.
    """

    id: str
    title: str
    explanation: str
    domain: str
    responsible: str
    kind: str
    cost_min: float | None = None
    cost_max: float | None = None
    unit_price: float | None = None
    unit: str | None = None
    flags: frozenset[str] = frozenset()
    channels: tuple[str, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    ramp: bool = False
    lift: bool = False
    resolves_checks: tuple[str, ...] = ()
    effect: str = "minor"
    non_nav_share: float | None = None
    resolves_answers: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalogue:
    """All measures, in file order, with lookup by id."""

    measures: tuple[Measure, ...]
    version: str = ""
    content_hash: str = ""

    def get(self, measure_id: str) -> Measure | None:
        """The measure with ``measure_id``, or ``None``."""
        return next((m for m in self.measures if m.id == measure_id), None)

    def __len__(self) -> int:
        return len(self.measures)


@dataclass(frozen=True)
class Channel:
    """One financing channel (finansieringsordning).

    Attributes:
        id: channel id.
        name: Norwegian name.
        decided_by: who decides (Norwegian).
        order: application order (lower first).
        cap: fixed cap in NOK (``None`` = no fixed cap, or cap from settings/rules).
        caps_exclude_vat: caps are stated without VAT.
        documents: attachments to send with the application.
        hint_only: gives advice but never money (bostøtte).
        note: a short rule text shown with the plan.
    """

    id: str
    name: str
    decided_by: str
    order: int
    cap: float | None = None
    caps_exclude_vat: bool = False
    documents: tuple[str, ...] = ()
    hint_only: bool = False
    note: str = ""


@dataclass(frozen=True)
class FinancingRules:
    """Channel definitions plus numeric rules from ``financing.toml``."""

    channels: tuple[Channel, ...]
    vat_rate: float = 0.25
    ramp_tier_rise_cm: float = 40.0
    ramp_cap_low: float = 29_700.0
    ramp_cap_high: float = 53_000.0

    def channel(self, channel_id: str) -> Channel:
        """The channel with ``channel_id`` (KeyError if unknown)."""
        for ch in self.channels:
            if ch.id == channel_id:
                return ch
        raise KeyError(channel_id)

    def ramp_cap_incl_vat(self, rise_cm: float) -> float:
        """NAV ramp grant cap incl. VAT for a rise in cm (≤ 40 cm low tier, else high tier)."""
        base = self.ramp_cap_low if rise_cm <= self.ramp_tier_rise_cm else self.ramp_cap_high
        return round(base * (1 + self.vat_rate), 2)


@dataclass(frozen=True)
class KommuneSettings:
    """Local settings for one kommune (defaults in ``forms/measures/kommune.toml``).

    Attributes:
        name / number: kommune name and 4-digit number.
        grant_cap: max kommunalt tilskudd per household (NOK).
        grant_income_limit: gross yearly income limit for a one-person household.
        grant_income_limit_per_member: added per extra household member.
        startlan_rate: annual nominal interest rate in percent.
        startlan_years / startlan_max_years: default and longest repayment period.
        own_funds_buffer: savings the household keeps (not used in a plan).
        bostotte_income_limit: gross yearly income under which a bostøtte hint is given.
        bostotte_cost_share: yearly housing costs as a share of gross income from which the
            bostøtte hint is given (the scheme supports high housing costs against income).
        startlan_bank_income_limit: gross yearly income above which the household is assumed
            to get an ordinary bank loan (startlån refused) unless a bank refusal is recorded.
        price_list: local unit prices / ranges by measure id (overrides the catalogue).
        rules: financing rules (channels, VAT, NAV ramp tiers).
    """

    name: str
    number: str
    grant_cap: float
    grant_income_limit: float
    grant_income_limit_per_member: float
    startlan_rate: float
    startlan_years: int = 30
    startlan_max_years: int = 50
    own_funds_buffer: float = 0.0
    bostotte_income_limit: float = 0.0
    bostotte_cost_share: float = 0.25
    startlan_bank_income_limit: float = 600_000.0
    price_list: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    rules: FinancingRules | None = None


TENURES = ("eier", "borettslag", "leier_privat", "leier_kommunal")
# Household facts a plan reads, with the Norwegian name used when one is missing.
ECONOMY_LABELS = {
    "gross_income_year": "brutto inntekt per år", "net_income_month": "netto inntekt per måned",
    "living_costs_month": "levekostnader per måned", "housing_costs_month": "boutgifter per måned",
    "savings": "oppsparte midler", "tenure": "eierform", "board_consent": "styrets samtykke",
    "landlord_consent": "utleiers samtykke",
}
MARGIN_FIELDS = ("net_income_month", "living_costs_month", "housing_costs_month")


@dataclass(frozen=True)
class Household:
    """The household's economy and housing facts as recorded (NOK); ``None`` = not recorded.

    A missing figure is never read as 0: the channels that need it are «kan ikke vurderes ennå».

    Attributes:
        members: persons in the household.
        gross_income_year: gross yearly income of the household.
        net_income_month: monthly income after tax.
        living_costs_month: ordinary living costs (e.g. SIFO reference budget).
        housing_costs_month: current housing costs (rent, fees, power, existing loans).
        savings: money in the bank.
        lasting_reduced_function: reduced function expected to last over 2 years (NAV).
        tenure: eier (selveier), borettslag (andel), leier_privat or leier_kommunal.
        board_consent: the borettslag board has consented (to the changes and the pledge).
        landlord_consent: the landlord has consented to permanent changes.
        bank_refusal: True = a bank has refused an ordinary loan; False = the household can get
            an ordinary bank loan (assessed); None = not recorded (an income rule decides).
    """

    members: int = 1
    gross_income_year: float | None = None
    net_income_month: float | None = None
    living_costs_month: float | None = None
    housing_costs_month: float | None = None
    savings: float | None = None
    lasting_reduced_function: bool = True
    tenure: str | None = None
    board_consent: bool | None = None
    landlord_consent: bool | None = None
    bank_refusal: bool | None = None

    def missing(self, *names: str) -> list[str]:
        """The Norwegian names of the listed facts that are not recorded."""
        return [tr(ECONOMY_LABELS[n]) for n in names if getattr(self, n) is None]

    @property
    def monthly_margin(self) -> float | None:
        """What is left each month for new loan payments (``None`` when a figure is missing)."""
        if self.missing(*MARGIN_FIELDS):
            return None
        return self.net_income_month - self.living_costs_month - self.housing_costs_month  # type: ignore[operator]
