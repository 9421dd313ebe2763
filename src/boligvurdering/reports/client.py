"""The client's own report: plain language, large type, short sentences, questions as headings."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Table, TableStyle

from boligvurdering.domain.enums import band_of_concern
from boligvurdering.domain.formatting import format_money
from boligvurdering.reports.base import RULE, SHADE, Renderer
from boligvurdering.reports.flow import bullets, gap, p, unbroken
from boligvurdering.reports.model import Finding
from boligvurdering.reports.texts import t

_PLAIN_INSTRUMENTS = {"TUG": "falls", "CST30": "falls", "BAL4": "falls", "SI": "falls", "FES-I-SHORT": "falls",
                      "MST": "nutrition", "MNA-SF": "nutrition", "FIRE-7": "fire",
                      "FIRE-ADVICE": "fire"}
_ORDER = {"high": 0, "moderate": 1, "low": 2}


class ClientReport(Renderer):
    """Rapport til bruker: readable for a person of 85 (body 14 pt)."""

    title_key = "kind.client"
    body_size = 14
    footer_size = 11
    margin_x = 22 * mm

    def footer(self, canvas: Any, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont("Body", self.footer_size)
        canvas.drawRightString(self.page_size[0] - self.margin_x, 11 * mm, t("footer.page", page=page, pages=pages))
        canvas.drawString(self.margin_x, 11 * mm, self.data.client.name)
        canvas.restoreState()

    def story(self) -> list[Any]:
        out: list[Any] = []
        for section in (self.opening, self.contact_box, self.what_matters, self.found, self.recommend,
                        self.who_does_what, self.next_steps, self.closing):
            out += section()
        return out

    def opening(self) -> list[Any]:
        s, d = self.styles, self.data
        intro = t("client.intro", date=d.visit_date) if d.visit_date else t("client.intro_nodate")
        return [p(t("client.title"), s["title"]), p(t("client.greeting", name=d.client.name), s["body"]),
                p(intro, s["body"])]

    def contact_box(self) -> list[Any]:
        s, c = self.styles, self.data.contact
        if c is None:
            return []
        rows = [[p(t("client.contact_head"), s["h2"])],
                [p(t("client.contact_line", name=c.name, role=c.role.lower()), s["body"])],
                [p(t("client.contact_phone", phone=c.phone), s["title"])]]
        box = Table(rows, colWidths=[self.width])
        box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Body"), ("BOX", (0, 0), (-1, -1), 1.5, RULE), ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm), ("TOPPADDING", (0, 0), (0, 0), 3 * mm)]))
        return [gap(3), box, gap(2)]

    def what_matters(self) -> list[Any]:
        if not self.data.what_matters:
            return []
        s = self.styles
        return [p(t("client.matters_head"), s["h1"]), p(t("client.matters_line", text=self.data.what_matters), s["body"])]

    def _plain_reasons(self, finding: Finding) -> list[str]:
        """Why, in «du» form: test results in plain words, never the team's third-person reasons."""
        reasons = [t(f"client.plain.{inst.id}", value=inst.score) for inst in self.data.instruments
                   if _PLAIN_INSTRUMENTS.get(inst.id) == finding.domain and band_of_concern(inst.band)]
        if finding.domain == "housing":
            reasons += [t("client.plain.check", room=c.room, title=c.title.lower()) for c in self.data.checks
                        if c.result == "fail"]
        return list(dict.fromkeys(reasons)) or [t(f"client.why.{finding.domain}")]

    def found(self) -> list[Any]:
        s = self.styles
        out: list[Any] = [p(t("client.found_head"), s["h1"])]
        if not self._risky():
            out.append(p(t("client.found_none"), s["body"]))
        for f in sorted((f for f in self.data.findings if f.level in _ORDER), key=lambda f: _ORDER[f.level]):
            out.append(p(t(f"client.level.{f.level}", area=t(f"client.area.{f.domain}")), s["h2"]))
            if f.level != "low":
                out += [p(t("client.because"), s["lead"]), *bullets(self._plain_reasons(f), s["bullet"])]
        return out

    def _risky(self) -> list[Finding]:
        return sorted((f for f in self.data.findings if f.level in ("high", "moderate")), key=lambda f: _ORDER[f.level])

    def recommend(self) -> list[Any]:
        """Per risk domain: what was agreed, or advice from the catalogue («du») when nothing is agreed yet."""
        s, d = self.styles, self.data
        out: list[Any] = [p(t("client.recommend_head"), s["h1"])]
        domains = [f.domain for f in self._risky()]
        domains += [m.domain for m in d.accepted_measures if m.domain not in domains]
        if not domains:
            return out + [p(t("client.recommend_none"), s["body"])]
        for domain in dict.fromkeys(domains):
            out.append(p(t("client.advice_head", area=t(f"client.area.{domain}")), s["h2"]))
            agreed = [m for m in d.accepted_measures if m.domain == domain]
            for m in agreed:
                out.append(p(m.title, s["item"]))
                out += [p(m.explanation, s["body"])] if m.explanation else []
                if m.kind == "own_purchase" and m.cost:
                    out.append(p(t("client.cost", amount=format_money(m.cost)), s["body"]))
            if not agreed:
                out += self._advice(domain)
        return out

    def _advice(self, domain: str) -> list[Any]:
        s = self.styles
        items = [t("client.advice_line", title=a.title, text=a.text) for a in self.data.advice if a.domain == domain]
        if not items:
            return [p(t(f"client.advice.{domain}"), s["body"])]
        return [p(t("client.advice_help"), s["lead"]), *bullets(items[:3], s["bullet"]),
                p(t("client.advice_talk"), s["body"])]

    def who_does_what(self) -> list[Any]:
        s, d = self.styles, self.data
        if not d.accepted_measures:
            return []
        out: list[Any] = [p(t("client.who_head"), s["h1"])]
        for m in d.accepted_measures:
            who = t("client.who_you") if m.kind == "own_purchase" and not m.responsible else (
                t("client.who_line", who=m.responsible) if m.responsible else "")
            future = m.due and (m.due_date is None or d.created_on is None or m.due_date >= d.created_on)
            lines = [who, t("client.who_due", date=unbroken(m.due)) if future else ""]
            out.append(p(m.title, s["item"]))
            out += [p(line, s["body"]) for line in lines if line]
        return out

    def next_steps(self) -> list[Any]:
        s = self.styles
        items = [t("client.next_line", text=t(f"client.followup.{f.kind}"), date=unbroken(f.due))
                 for f in self.data.follow_ups if f"client.followup.{f.kind}" in _followup_keys()]
        if not items:
            return []
        return [p(t("client.next_head"), s["h1"]), *bullets(items, s["bullet"])]

    def closing(self) -> list[Any]:
        s, c = self.styles, self.data.contact
        block = [p(t("client.closing"), s["body"])]
        if c is not None:
            block.append(p(f"{c.name}, {c.phone}", s["bold"]))
        return [gap(4), KeepTogether(block)]  # never a page holding only a name


def _followup_keys() -> set[str]:
    from boligvurdering.reports.texts import TEXTS

    return {k for k in TEXTS if k.startswith("client.followup.")}
