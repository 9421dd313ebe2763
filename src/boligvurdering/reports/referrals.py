"""Referral letters (henvisninger) to the GP and to the fire and rescue service.

Each letter carries only what its recipient needs: ``reports.minimise`` builds a copy of the
visit data with everything else removed before the renderer sees it (the fire service never
gets nutrition, medication or mood data; the GP only what the referral is about).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import KeepTogether

from boligvurdering.domain.enums import instrument_label, level_label
from boligvurdering.reports.base import Renderer
from boligvurdering.reports.flow import bullets, gap, kv_table, p
from boligvurdering.reports.model import DocumentData
from boligvurdering.reports.texts import t

GP_MEDICATION = ("falls_med_count", "falls_med_sleep_mood", "falls_med_review_last_year", "falls_si_10",
                 "falls_si_11", "falls_alcohol_frequency", "falls_dizziness")
GP_NUTRITION = ("nutrition_mst_weight_loss", "nutrition_mst_appetite", "nutrition_weight_kg",
                "nutrition_weight_earlier_kg", "nutrition_height_cm", "nutrition_intake_vs_need",
                "nutrition_chewing_swallowing", "nutrition_oral_problems", "nutrition_home_nursing")
# «Trist eller nedfor» from the fall screening (falls_si_12) is left out: the mood question itself is asked.
GP_MOOD = ("other_low_mood", "other_lonely", "other_memory_concern", "other_alcohol_concern")
GP_FALLS = ("falls_fallen_past_year", "falls_fall_count", "falls_fall_injury", "falls_unsteady")
FIRE_ESCAPE = ("opening_lives_alone", "falls_walking_aids", "housing_bedroom_upper_floor", "housing_stair_lift",
               "housing_floors", "falls_hearing", "opening_safety_alarm")
FIRE_ACCESS = "fire_access_"  # key box, relative, best time: their own block, not among the findings
TAIL_KEPT = 2  # the last heading and its table
GP_INSTRUMENTS = ("MST", "MNA-SF", "TUG", "SI", "STEADI", "CST30", "BAL4")


def _medication_count(data: DocumentData) -> int:
    count = data.facts.get("falls_med_count", ("", ""))[1]
    try:
        return int(count.split()[0]) if count else 0
    except ValueError:
        return 0


def gp_topics(data: DocumentData) -> set[str]:
    """What the GP is asked about: medication, nutrition, mood, memory (empty: no reason to refer)."""
    facts, out = data.facts, set()
    if _medication_count(data) >= 4 or any(f.kind == "gp_medication_review" for f in data.follow_ups):
        out.add("medication")
    nutrition = data.finding("nutrition")
    if nutrition is not None and nutrition.level in ("moderate", "high"):
        out.add("nutrition")
    for topic, qid in (("mood", "other_low_mood"), ("memory", "other_memory_concern")):
        if facts.get(qid, ("", ""))[1] == t("common.yes"):
            out.add(topic)
    return out


def gp_reasons(data: DocumentData) -> list[str]:
    """What the GP is asked to do, in words, in a fixed order."""
    topics, n = gp_topics(data), _medication_count(data)
    out = []
    if "medication" in topics:
        out.append(t("ref.gp_request.medication", n=n) if n else t("ref.gp_request.medication_nocount"))
    out += [t(f"ref.gp_request.{topic}") for topic in ("nutrition", "mood", "memory") if topic in topics]
    return out


class _Letter(Renderer):
    body_size = 11
    footer_client = True

    with_national_id = True

    def head(self, to: str) -> list[Any]:
        s, d = self.styles, self.data
        rows = [(t("common.name"), d.client.name), (t("common.birth_date"), d.client.birth_date),
                (t("common.national_id"), d.client.national_id if self.with_national_id else ""),
                (t("common.address"), f"{d.client.address}, {d.client.postal}".strip(", ")),
                (t("common.phone"), d.client.phone), (t("common.visit_date"), d.visit_date)]
        out = [p(self.title, s["title"]), p(to, s["bold"]), gap(2), p(t("ref.about"), s["h2"]),
               kv_table([r for r in rows if r[1]], s, self.width)]
        if d.contact:
            out += [p(t("ref.from"), s["h2"]),
                    kv_table([(t("common.contact"), f"{d.contact.name}, {d.contact.role}"),
                              (t("common.phone"), d.contact.phone)], s, self.width)]
        return out

    def fact_block(self, title: str, ids: tuple[str, ...]) -> list[Any]:
        rows = [self.data.facts[i] for i in ids if i in self.data.facts]
        return [p(title, self.styles["h2"]), kv_table(rows, self.styles, self.width, 0.6)] if rows else []

    def findings_block(self) -> list[Any]:
        s = self.styles
        out: list[Any] = [p(t("ref.why"), s["h1"])]
        for f in self.data.findings:
            if f.level == "not_assessed":
                continue
            out.append(p(f"{t(f'area.{f.domain}')}: {level_label(f.level).lower()}", s["bold"]))
            out += bullets(f.reasons, s["bullet"])
        for i in self.data.instruments:
            if i.band != "not_assessed":
                out.append(p(f"{instrument_label(i.id)[0]}: {i.score} – {i.band_label}", s["body"]))
        return out

    def closing(self) -> list[Any]:
        """Consent, where the reply goes and the signature (kept together by ``story``; never nest KeepTogether)."""
        s, c = self.styles, self.data.contact
        block = [gap(3), p(self.data.consent_note, s["body"]), p(t("ref.reply"), s["body"])]
        if c is not None:
            block += [gap(8), p(f"{c.name}, {c.role}", s["bold"]), p(c.phone, s["body"])]
        return block

    def story(self) -> list[Any]:
        """The sections in order, the last heading and table kept on the page of the closing and signature.

        So no page holds only the closing words and a name: when the signature does not fit,
        the letter's last section moves over with it. (A KeepTogether inside a KeepTogether
        measures as endless and always breaks the page, so the closing is a plain list.)
        """
        *body, closing = self.sections()
        out: list[Any] = []
        for section in body:
            out += section()
        tail = out[-TAIL_KEPT:]
        return [*out[:-TAIL_KEPT], KeepTogether([*tail, *closing()])]


class GpReferral(_Letter):
    """Henvisning til fastlege: medication review, nutrition risk, mood and memory."""

    title_key = "ref.gp_title"

    def sections(self) -> tuple[Any, ...]:
        c = self.data.client
        to = t("ref.to_gp_named", gp=c.gp_name, name=c.name) if c.gp_name else t("ref.to_gp", name=c.name)
        return (lambda: self.head(to), self.ask, self.findings_block,
                lambda: self.fact_block(t("ref.medication_head"), GP_MEDICATION),
                lambda: self.fact_block(t("ref.nutrition_head"), GP_NUTRITION), self.derived_block,
                lambda: self.fact_block(t("ref.mood_head"), GP_MOOD),
                lambda: self.fact_block(t("ref.falls_head"), GP_FALLS), self.closing)

    def ask(self) -> list[Any]:
        s, nutrition = self.styles, self.data.finding("nutrition")
        urgent = [p(t("ref.gp_urgent"), s["bold"])] if nutrition is not None and nutrition.level == "high" else []
        return [p(t("ref.gp_ask"), s["h1"]), *urgent, *bullets(gp_reasons(self.data), s["bullet"])]

    def derived_block(self) -> list[Any]:
        return [kv_table(self.data.derived, self.styles, self.width, 0.6)] if self.data.derived else []


class FireReferral(_Letter):
    """Henvisning til brann- og redningsvesenet: home fire-safety visit. No health data beyond escape."""

    title_key = "ref.fire_title"
    with_national_id = False

    def sections(self) -> tuple[Any, ...]:
        fire_ids = tuple(k for k in self.data.facts if k.startswith("fire_") and not k.startswith(FIRE_ACCESS))
        return (lambda: self.head(t("ref.to_fire")), self.ask, self.access, self.arranged, self.findings_block,
                lambda: self.fact_block(t("ref.fire_head"), fire_ids),
                lambda: self.fact_block(t("ref.escape_head"), FIRE_ESCAPE), self.closing)

    def ask(self) -> list[Any]:
        return [p(t("ref.fire_ask"), self.styles["h1"]), p(t("ref.fire_request"), self.styles["body"])]

    def access(self) -> list[Any]:
        """How the fire service gets in: key box and where, a relative to call, the best time to come."""
        facts, s = self.data.facts, self.styles

        def answer(qid: str) -> str:
            return facts.get(f"{FIRE_ACCESS}{qid}", ("", ""))[1].strip()

        key_box, where = answer("key_box"), answer("key_box_where")
        if key_box and where and key_box == t("common.yes"):
            key_box = t("ref.access_key_box_where", answer=key_box, where=where)
        relative = ", ".join(x for x in (answer("relative_name"), answer("relative_phone")) if x)
        rows = [(t("ref.access_key_box"), key_box), (t("ref.access_relative"), relative),
                (t("ref.access_best_time"), answer("best_time"))]
        rows = [r for r in rows if r[1]]
        body = kv_table(rows, s, self.width, 0.38) if rows else p(t("ref.access_none"), s["body"])
        return [p(t("ref.access_head"), s["h2"]), body]

    def arranged(self) -> list[Any]:
        """What the kommune already arranges (accepted fire measures), so the visit builds on it."""
        titles = [m.title for m in self.data.measures if m.accepted]
        if not titles:
            return []
        return [p(t("ref.fire_arranged"), self.styles["h2"]), *bullets(titles, self.styles["bullet"])]
