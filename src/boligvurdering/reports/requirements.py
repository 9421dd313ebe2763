"""What each document needs before it can be made; missing data is listed, never printed empty."""

from __future__ import annotations

from boligvurdering.reports.collect import persons
from boligvurdering.reports.model import DocumentData
from boligvurdering.reports.referrals import gp_reasons
from boligvurdering.reports.texts import t


def _common(data: DocumentData) -> list[str]:
    out = []
    if data.contact is None:
        out.append(t("miss.contact"))
    elif not data.contact.phone:
        out.append(t("miss.contact_phone", name=data.contact.name))
    if not data.visit_date:
        out.append(t("miss.visit_date"))
    recorded = bool(data.facts) or any(g.rows for g in data.room_groups)
    future = data.visit_on is not None and data.created_on is not None and data.visit_on > data.created_on
    if data.status in ("henvist", "planlagt") and (future or not recorded):
        out.append(t("miss.not_visited"))  # never a document from a visit that has not taken place
    return out


def _has_therapist(data: DocumentData) -> bool:
    return any(m.role.lower() == "ergoterapeut" for m in data.team)


def _application(data: DocumentData) -> list[str]:
    out = [] if data.condition.strip() else [t("miss.condition")]
    if not data.client.address:
        out.append(t("miss.dwelling"))
    if not data.accepted_measures:
        out.append(t("miss.measures"))
    out += [t("miss.measure_cost", title=m.title) for m in data.accepted_measures if m.cost is None]
    if not _has_therapist(data):
        out.append(t("miss.therapist"))
    if not data.household:
        out.append(t("miss.household"))
    out += household_conflicts(data)
    if data.plan is not None and data.accepted_measures and data.plan.channel_amount("kommunalt_tilskudd") <= 0 \
            and data.plan.channel_amount("startlan") <= 0:
        out.append(t("miss.nothing_granted", loan=t("miss.nothing_granted_loan")))
    return out


def household_conflicts(data: DocumentData) -> list[str]:
    """Household size and «bor alene» must agree wherever they are printed."""
    size, alone = data.household_size, data.client.lives_alone
    if size is None or alone is None:
        return []
    if alone and size > 1:
        return [t("miss.household_alone", n=persons(size))]
    if not alone and size == 1:
        return [t("miss.household_together")]
    return []


def _ramp(data: DocumentData) -> list[str]:
    out = [] if data.condition.strip() else [t("miss.condition")]
    facts = dict(data.entrance)
    if t("nav.rise") not in facts:
        out.append(t("miss.rise"))
    if t("nav.available") not in facts:
        out.append(t("miss.available_length"))
    if not any(m.ramp for m in data.accepted_measures):
        out.append(t("miss.ramp_measure"))
    elif data.plan is not None and data.plan.channel_amount("nav_tilskudd_rampe_heis") <= 0:
        out.append(t("miss.nav_nothing"))
    if not _has_therapist(data):
        out.append(t("miss.therapist"))
    return out


def missing_for(data: DocumentData, kind: str) -> list[str]:
    """Norwegian sentences naming what is missing for document ``kind`` (empty: ready)."""
    out = _common(data)
    if kind == "client" and not data.facts and not data.room_groups:
        out.append(t("miss.answers"))
    elif kind == "tilskudd":
        out += _application(data)
    elif kind == "nav-rampe":
        out += _ramp(data)
    elif kind == "fastlege" and not gp_reasons(data):
        out.append(t("miss.gp_reason"))
    elif kind == "brannvesen":
        fire = data.finding("fire")
        if not any(k.startswith("fire_") for k in data.facts) and (fire is None or fire.level == "not_assessed"):
            out.append(t("miss.fire_answers"))
        if not data.client.address:
            out.append(t("miss.dwelling"))
        if any(i.id == "FIRE-7" and i.band == "pass" for i in data.instruments):
            out.append(t("miss.fire_all_pass"))
    return out
