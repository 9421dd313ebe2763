"""Draft of the therapist's statement (uttalelse fra ergoterapeut) from structured findings.

The draft is plain text the therapist edits before printing: function, risks, the home today,
and how each accepted measure meets a need. Nothing here is invented: every sentence comes
from the visit's answers, scores, checks and measures.
"""

from __future__ import annotations

from boligvurdering.reports.model import DocumentData
from boligvurdering.reports.texts import t

_FUNCTION_FACTS = ("falls_walking_aids", "falls_fallen_past_year", "falls_unsteady", "falls_fall_count",
                   "falls_dizziness", "falls_pain", "falls_vision", "falls_fear_limits_activity",
                   "housing_bedroom_upper_floor", "housing_step_free_access")
_FUNCTION_INSTRUMENTS = ("TUG", "CST30", "BAL4", "SI", "FES-I-SHORT")


def _function_text(data: DocumentData) -> str:
    parts = []
    for inst in data.instruments:
        if inst.id in _FUNCTION_INSTRUMENTS and inst.score:
            parts.append(f"{t(f'inst.{inst.id}')}: {inst.score} ({inst.band_label.lower()})")
    for qid in _FUNCTION_FACTS:
        if qid in data.facts:
            question, answer = data.facts[qid]
            parts.append(f"{question.rstrip('?')}: {answer.lower()}")
    return "; ".join(parts) + "." if parts else ""


def _lower_first(text: str) -> str:
    """«Falt siste år» → «falt siste år», but «TUG 16,4 s» stays as it is."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _risk_text(data: DocumentData) -> str:
    lines = []
    for f in data.findings:
        if f.level in ("high", "moderate") and f.domain != "housing":
            reasons = ", ".join(_lower_first(r) for r in f.reasons) or t("level." + f.level)
            lines.append(t("st.risk_line", area=t(f"area.{f.domain}"), level=t(f"level.{f.level}"), reasons=reasons))
    return " ".join(lines)


def _housing_text(data: DocumentData) -> str:
    fails = [f"{c.room}: {c.title.lower()} {c.measured} ({c.requirement})" for c in data.checks if c.result == "fail"]
    if data.housing_step:
        fails.append(data.housing_step)
    return "; ".join(fails) + "." if fails else ""


def draft_statement(data: DocumentData) -> str:
    """The statement as editable plain text (paragraphs separated by blank lines)."""
    c = data.client
    living = "" if c.lives_alone is None else t("st.lives_alone" if c.lives_alone else "st.lives_with")
    paragraphs = [t("st.intro", name=c.name, age=c.age if c.age is not None else "?",
                    date=data.visit_date or "?", living=living).strip()]
    if data.what_matters:
        paragraphs.append(t("st.matters", text=data.what_matters))
    for key, text in (("st.function", _function_text(data)), ("st.risks", _risk_text(data)),
                      ("st.housing", _housing_text(data))):
        if text:
            paragraphs.append(t(key, text=text))
    measures = data.accepted_measures
    if measures:
        lines = [t("st.measures_head")]
        lines += ["– " + t("st.measure", title=m.title, reason=(m.reason or t("st.default_reason")).rstrip("."))
                  + "." for m in measures]
        paragraphs.append("\n".join(lines))
    paragraphs.append(t("st.closing"))
    return "\n\n".join(paragraphs)
