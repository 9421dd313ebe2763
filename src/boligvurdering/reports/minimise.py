"""Data minimisation: each recipient gets a copy of the visit data holding only what it needs.

- Nav and the kommune (tilskudd): function and housing findings that bear on the measures —
  never fire habits, memory, mood, nutrition or BMI.
- The GP: only what the referral asks about (medication, nutrition, mood, memory).
- The fire service: fire safety and what matters for escape, nothing else.
The client letter and the archive report get everything.
"""

from __future__ import annotations

from dataclasses import replace

from boligvurdering.reports.model import DocumentData
from boligvurdering.reports.referrals import (
    FIRE_ESCAPE,
    GP_FALLS,
    GP_INSTRUMENTS,
    GP_MEDICATION,
    GP_MOOD,
    GP_NUTRITION,
    gp_topics,
)

#: Function facts an application may carry (besides every ``housing_*`` answer).
APPLICATION_FACTS = ("falls_walking_aids", "falls_mobility_aid", "falls_fallen_past_year", "falls_unsteady",
                     "falls_fall_count", "falls_fall_injury", "falls_dizziness", "falls_pain", "falls_vision",
                     "falls_fear_limits_activity")
APPLICATION_INSTRUMENTS = ("TUG", "CST30", "BAL4", "STEADI", "SI", "FES-I-SHORT")
_EMPTY = dict(checks=(), rules=(), derived=(), answer_groups=(), room_groups=(), measures=(), photos=(), plan=None,
              ramp=None, household=(), statement="", attachments=(), entrance=(), what_matters="", referral=(),
              follow_ups=(), disclosures=(), consents=(), fullmakt=None, fullmakt_note="")


def _application(data: DocumentData) -> DocumentData:
    facts = {k: v for k, v in data.facts.items() if k.startswith("housing_") or k in APPLICATION_FACTS}
    return replace(data, facts=facts, findings=tuple(f for f in data.findings if f.domain in ("falls", "housing")),
                   instruments=tuple(i for i in data.instruments if i.id in APPLICATION_INSTRUMENTS),
                   derived=(), rules=(), answer_groups=(), room_groups=(), follow_ups=(), disclosures=(),
                   consents=())


def _gp(data: DocumentData) -> DocumentData:
    topics = gp_topics(data)
    wanted = set(GP_MEDICATION + GP_FALLS if "medication" in topics else ())
    wanted |= set(GP_NUTRITION if "nutrition" in topics else ())
    wanted |= set(GP_MOOD if topics & {"mood", "memory"} else ())
    domains = {"falls"} if "medication" in topics else set()
    domains |= {"nutrition"} if "nutrition" in topics else set()
    nutrition_ids = ("MST", "MNA-SF")
    instruments = tuple(i for i in data.instruments if i.id in GP_INSTRUMENTS and (
        ("nutrition" in topics) if i.id in nutrition_ids else ("medication" in topics)))
    return replace(data, **{**_EMPTY, "facts": {k: v for k, v in data.facts.items() if k in wanted},
                            "findings": tuple(f for f in data.findings if f.domain in domains),
                            "instruments": instruments,
                            "derived": data.derived if "nutrition" in topics else (),
                            "follow_ups": tuple(f for f in data.follow_ups if f.kind == "gp_medication_review"),
                            "consent_note": data.consent_note})


def _fire(data: DocumentData) -> DocumentData:
    keep = {k: v for k, v in data.facts.items() if k.startswith("fire_") or k in FIRE_ESCAPE}
    return replace(data, **{**_EMPTY, "facts": keep, "findings": tuple(f for f in data.findings if f.domain == "fire"),
                            "instruments": tuple(i for i in data.instruments if i.id in ("FIRE-7", "FIRE-ADVICE")),
                            "measures": tuple(m for m in data.measures if m.domain == "fire" and m.accepted)})


def minimise(data: DocumentData) -> DocumentData:
    """The copy of ``data`` its recipient may see (``data.kind`` decides)."""
    if data.kind in ("tilskudd", "nav-rampe"):
        return _application(data)
    if data.kind == "fastlege":
        return _gp(data)
    if data.kind == "brannvesen":
        return _fire(data)
    return data
