"""Archive report: everything recorded on the visit, for the journal (PDF/A-2b)."""

from __future__ import annotations

from typing import Any

from boligvurdering.domain.enums import instrument_label
from boligvurdering.domain.formatting import format_money
from boligvurdering.reports.base import Renderer
from boligvurdering.reports.collect import label
from boligvurdering.reports.flow import bullets, gap, grid, kv_table, p, photo_grid, plan_section
from boligvurdering.reports.texts import t

_RESULT_MARK = {"pass": "✓ ", "fail": "✗ ", "not_measured": "– "}


class ArchiveReport(Renderer):
    """Arkivrapport: per domain and room, instruments with sources, checks, measures, plan, photos."""

    title_key = "archive.title"
    pdfa = True

    def story(self) -> list[Any]:
        out: list[Any] = []
        for section in (self.client_section, self.visit_section, self.risk_section, self.instrument_section,
                        self.check_section, self.answer_section, self.room_section, self.measure_section,
                        self.plan_part, self.followup_section, self.signoff_section, self.disclosure_section,
                        self.photo_section):
            out += section()
        return out

    def client_section(self) -> list[Any]:
        s, c = self.styles, self.data.client
        rows = [(t("common.name"), c.name), (t("common.national_id"), c.national_id),
                (t("common.birth_date"), c.birth_date), (t("archive.age"), str(c.age or "")),
                (t("common.phone"), c.phone), (t("common.address"), f"{c.address}, {c.postal}".strip(", ")),
                (t("app.dwelling_type"), c.dwelling_type), (t("app.tenure"), c.tenure),
                (t("app.floors"), c.floors), (t("app.year_built"), c.year_built),
                (t("lives_alone.label"), t(f"lives_alone.{str(c.lives_alone).lower()}") if c.lives_alone is not None else "")]
        return [p(self.title, s["title"]), kv_table([r for r in rows if r[1]], s, self.width)]

    def visit_section(self) -> list[Any]:
        s, d = self.styles, self.data
        rows = [(t("common.visit_date"), d.visit_date), *d.referral]
        if d.contact:
            rows.append((t("common.contact"), f"{d.contact.name}, {d.contact.role}, {d.contact.phone}"))
        rows.append((t("archive.team"), "; ".join(f"{m.name} ({m.role})" for m in d.team)))
        out = [p(t("archive.visit_head"), s["h1"]), kv_table([r for r in rows if r[1]], s, self.width)]
        if d.what_matters:
            out += [p(t("archive.matters"), s["h2"]), p(f"«{d.what_matters}»", s["body"])]
        return out

    def risk_section(self) -> list[Any]:
        s, d = self.styles, self.data
        rows = [(t(f"domain.{f.domain}"), f.level_label, "\n".join(f.reasons)) for f in d.findings]
        out = [p(t("archive.domains_head"), s["h1"]),
               grid(["", t("common.level"), t("archive.reason")], rows, s,
                    [self.width * 0.18, self.width * 0.17, self.width * 0.65])]
        if d.housing_step:
            out.append(p(d.housing_step, s["body"]))
        if d.rules:
            out += [p(t("archive.rules_head"), s["h2"]), *bullets(d.rules, s["bullet"])]
        if d.derived:
            out += [p(t("archive.derived_head"), s["h2"]), kv_table(d.derived, s, self.width)]
        return out

    def instrument_section(self) -> list[Any]:
        s, w = self.styles, self.width
        rows = []
        for i in self.data.instruments:
            band = i.band_label + (f" ({t('archive.missing_items', n=i.missing)})" if i.missing else "")
            rows.append((instrument_label(i.id)[0], i.score, band, i.source))
        return [p(t("archive.instruments_head"), s["h1"]),
                grid([t("archive.instrument"), t("archive.score"), t("archive.band"), t("archive.source")], rows, s,
                     [w * 0.27, w * 0.1, w * 0.22, w * 0.41])]

    def check_section(self) -> list[Any]:
        s, w = self.styles, self.width
        if not self.data.checks:
            return []
        rows = [(c.title, c.room, c.measured, c.requirement, _RESULT_MARK.get(c.result, "") + t(f"archive.check.{c.result}"))
                for c in self.data.checks]
        return [p(t("archive.checks_head"), s["h1"]),
                grid([t("archive.check"), t("common.room"), t("archive.measured"), t("archive.requirement"),
                      t("archive.result")], rows, s, [w * 0.27, w * 0.2, w * 0.13, w * 0.22, w * 0.18])]

    def answer_section(self) -> list[Any]:
        s = self.styles
        out: list[Any] = [p(t("archive.answers_head"), s["h1"])]
        for g in self.data.answer_groups:
            out += [p(g.title, s["h2"]), kv_table(g.rows, s, self.width, 0.6)]
        return out

    def room_section(self) -> list[Any]:
        s = self.styles
        groups = [g for g in self.data.room_groups if g.rows]
        if not groups:
            return []
        out: list[Any] = [p(t("archive.rooms_head"), s["h1"])]
        for g in groups:
            out += [p(g.title, s["h2"]), kv_table(g.rows, s, self.width, 0.6)]
        return out

    def measure_section(self) -> list[Any]:
        s, w = self.styles, self.width
        measures = self.data.measures
        if not measures:
            return []
        rows = [(f"{m.title}\n{t(f'domain.{m.domain}')}{', ' + m.room if m.room else ''}", m.status_label, m.reason,
                 "\n".join(x for x in (m.responsible, m.due) if x), f"{format_money(m.cost)}\n{m.cost_basis}"
                 if m.cost is not None else m.cost_basis) for m in measures]
        total = sum(m.cost or 0 for m in self.data.accepted_measures)
        rows.append((t("common.sum"), "", "", "", format_money(total)))
        return [p(t("archive.measures_head"), s["h1"]),
                grid([t("archive.measure"), t("archive.status"), t("archive.reason"), t("archive.responsible"),
                      t("archive.cost")], rows, s, [w * 0.23, w * 0.12, w * 0.27, w * 0.18, w * 0.2],
                     bold_last=True)]

    def plan_part(self) -> list[Any]:
        if self.data.plan is None:
            return []
        return [p(t("plan.head"), self.styles["h1"]), *plan_section(self.data.plan, self.styles, self.width)]

    def followup_section(self) -> list[Any]:
        s, w = self.styles, self.width
        if not self.data.follow_ups:
            return []
        rows = [(label(f"followup.{f.kind}", f.kind), f.due, f.reason) for f in self.data.follow_ups]
        return [p(t("archive.followup_head"), s["h1"]),
                grid(["", t("common.due"), t("archive.reason")], rows, s, [w * 0.3, w * 0.2, w * 0.5])]

    def signoff_section(self) -> list[Any]:
        s = self.styles
        rows = [(f"{m.name} ({m.role})", t("archive.signed", date=m.signed) if m.signed else t("archive.not_signed"))
                for m in self.data.team]
        return [p(t("archive.signoff_head"), s["h1"]), kv_table(rows, s, self.width, 0.5)] if rows else []

    def disclosure_section(self) -> list[Any]:
        """Consent per recipient and every document marked as sent (what, to whom, when, how)."""
        s, w, d = self.styles, self.width, self.data
        out: list[Any] = [p(t("consent.head"), s["h1"]), kv_table(d.consents, s, w, 0.5)] if d.consents else []
        out.append(p(t("disclosure.head"), s["h1"]))
        if not d.disclosures:
            return [*out, p(t("disclosure.none"), s["body"])]
        rows = [(x.document, x.recipient, x.sent_on, x.channel, x.sent_by) for x in d.disclosures]
        return [*out, grid([t("disclosure.document"), t("disclosure.recipient"), t("disclosure.sent_on"),
                            t("disclosure.channel"), t("disclosure.by")], rows, s,
                           [w * 0.3, w * 0.22, w * 0.16, w * 0.17, w * 0.15])]

    def photo_section(self) -> list[Any]:
        if not self.data.photos:
            return []
        return [p(t("archive.photos_head"), self.styles["h1"]), gap(1),
                *photo_grid(self.data.photos, self.styles, self.width)]
