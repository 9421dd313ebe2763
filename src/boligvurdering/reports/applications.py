"""Application packages: kommunalt tilskudd til tilpasning + startlån, and Nav tilskudd i stedet for rampe.

Both are meant to be sent as they come out: applicant data, reasons, the therapist's
statement, cost estimate, financing plan, photos, attachment checklist and signature fields.
"""

from __future__ import annotations

from typing import Any

from boligvurdering.domain.formatting import format_money, format_number
from boligvurdering.reports.base import Renderer
from boligvurdering.reports.flow import (
    bullets,
    checklist,
    grid,
    kv_table,
    p,
    photo_grid,
    plan_section,
    signature_fields,
)
from boligvurdering.reports.model import Attachment, MeasureLine
from boligvurdering.reports.texts import kommune_name, t

GRANT, LOAN, NAV_GRANT = "kommunalt_tilskudd", "startlan", "nav_tilskudd_rampe_heis"


class _Package(Renderer):
    pdfa = True
    body_size = 10.5

    def therapist(self) -> str:
        return next((f"{m.name}, {m.role}" for m in self.data.team if m.role.lower() == "ergoterapeut"), "")

    def applicant(self) -> list[Any]:
        s, c, d = self.styles, self.data.client, self.data
        rows = [(t("common.name"), c.name), (t("common.national_id"), c.national_id),
                (t("common.address"), f"{c.address}, {c.postal}".strip(", ")), (t("common.phone"), c.phone)]
        if d.contact:
            rows.append((t("common.contact"), f"{d.contact.name}, {d.contact.role}, {d.contact.phone}"))
        return [p(t("app.applicant_head"), s["h1"]), kv_table([r for r in rows if r[1]], s, self.width)]

    def statement(self) -> list[Any]:
        s = self.styles
        out: list[Any] = [p(t("app.statement_head"), s["h1"])]
        out += [p(par, s["body"]) for par in self.data.statement.split("\n\n") if par.strip()]
        if self.therapist():
            out.append(p(self.therapist(), s["bold"]))
        return out

    def costs(self, measures: tuple[MeasureLine, ...], title_key: str = "app.cost_head") -> list[Any]:
        s, w = self.styles, self.width
        rows = [(m.title, m.cost_basis, format_money(m.cost)) for m in measures]
        quoted = sum(m.cost or 0 for m in measures if m.quoted)
        estimated = sum(m.cost or 0 for m in measures) - quoted
        rows.append((t("common.sum"), t("app.cost_sum_basis", estimate=format_money(estimated), quote=format_money(quoted)),
                     format_money(sum(m.cost or 0 for m in measures))))
        return [p(t(title_key), s["h1"]),
                grid([t("archive.measure"), "", t("common.amount")], rows, s, [w * 0.42, w * 0.38, w * 0.2],
                     right=(2,), bold_last=True)]

    def plan(self, title_key: str = "plan.head") -> list[Any]:
        if self.data.plan is None:
            return []
        return [p(t(title_key), self.styles["h1"]), *plan_section(self.data.plan, self.styles, self.width)]

    def photos(self, room_hint: str = "") -> list[Any]:
        photos = self.data.photos
        if room_hint:
            chosen = tuple(ph for ph in photos if room_hint.lower() in ph.room.lower())
            photos = chosen or photos
        if not photos:
            return []
        return [p(t("app.photos_head"), self.styles["h1"]), *photo_grid(photos, self.styles, self.width)]

    def attachments(self) -> list[Any]:
        return [p(t("app.attachments_head"), self.styles["h1"]),
                checklist(self.attachment_list(), self.styles, self.width)]

    def attachment_list(self) -> list[Attachment]:
        raise NotImplementedError

    def signatures(self) -> list[Any]:
        s = self.styles
        # heading and declaration stay with the signature fields (h1 and «lead» keep with what follows)
        return [p(t("app.signatures_head"), s["h1"]), p(t("app.confirm"), s["lead"]),
                signature_fields([t("app.sign_applicant"), t("app.sign_therapist")], s, self.width)]

    def quotes_present(self, measures: tuple[MeasureLine, ...]) -> bool:
        return bool(measures) and all(m.supplier for m in measures)


class TilskuddPackage(_Package):
    """Søknadspakke: tilskudd til tilpasning av bolig (and startlån only when the plan has one)."""

    title_key = "kind.tilskudd"

    @property
    def grant(self) -> float:
        return self.data.plan.channel_amount(GRANT) if self.data.plan else 0.0

    @property
    def loan(self) -> float:
        return self.data.plan.channel_amount(LOAN) if self.data.plan else 0.0

    @property
    def title(self) -> str:
        return t("kind.tilskudd" if self.loan > 0 else "kind.tilskudd_grant")

    def sections(self) -> tuple[Any, ...]:
        return (self.heading, self.applicant, self.dwelling, self.household, self.purpose, self.unsuitable,
                self.statement, self.applied, self.plan, self.photos, self.attachments, self.signatures)

    def heading(self) -> list[Any]:
        s, k = self.styles, self.data.kommune
        out = [p(t("app.title" if self.loan > 0 else "app.title_grant"), s["title"])]
        if k:
            out.append(p(t("app.to" if self.loan > 0 else "app.to_grant", kommune=kommune_name(k)), s["bold"]))
        return out

    def dwelling(self) -> list[Any]:
        c = self.data.client
        cadastre = t("app.cadastre_value", gnr=c.gnr, bnr=c.bnr) if c.gnr and c.bnr else ""
        rows = [(t("app.dwelling_type"), c.dwelling_type), (t("app.tenure"), c.tenure), (t("app.floors"), c.floors),
                (t("app.year_built"), c.year_built), (t("app.cadastre"), cadastre)]
        return [p(t("app.dwelling"), self.styles["h2"]), kv_table([r for r in rows if r[1]], self.styles, self.width)]

    def household(self) -> list[Any]:
        return [p(t("app.household_head"), self.styles["h1"]), kv_table(self.data.household, self.styles, self.width)]

    def purpose(self) -> list[Any]:
        s, d = self.styles, self.data
        out = [p(t("app.purpose_head"), s["h1"]), p(t("app.purpose_grant", amount=format_money(self.grant)), s["body"])]
        if self.loan > 0:
            out.append(p(t("app.purpose_loan", amount=format_money(self.loan)), s["body"]))
        if d.tax_consent is not None:
            out.append(p(t("consent.tax_given" if d.tax_consent else "consent.tax_refused"), s["body"]))
        if d.consent_note:
            out.append(p(d.consent_note, s["body"]))
        if d.fullmakt_note:
            out.append(p(d.fullmakt_note, s["body"]))
        return out

    def unsuitable(self) -> list[Any]:
        s, d = self.styles, self.data
        lines = [t("app.unsuitable_line" if c.measured else "app.unsuitable_line_plain", room=c.room, title=c.title,
                   measured=c.measured, requirement=c.requirement) for c in d.checks if c.result == "fail"]
        if d.housing_step:
            lines.append(d.housing_step)
        body = bullets(lines, s["bullet"]) if lines else [p(t("app.unsuitable_none"), s["body"])]
        return [p(t("app.unsuitable_head"), s["h1"]), *body]

    def applied(self) -> list[Any]:
        """Cost per measure (inkl. mva) with the amount applied for; totals in the last row."""
        s, w, loan = self.styles, self.width, self.loan > 0
        lines = list(self.data.plan.lines if self.data.plan else ())
        rows = []
        for m in self.data.accepted_measures:
            line = next((ln for ln in lines if ln.title == m.title), None)
            if line is not None:
                lines.remove(line)
            shares = [line.share(GRANT) if line else 0.0] + ([line.share(LOAN) if line else 0.0] if loan else [])
            rows.append((f"{m.title}\n{m.cost_basis}", format_money(m.cost), *map(format_money, shares)))
        total = sum(m.cost or 0 for m in self.data.accepted_measures)
        rows.append((t("common.sum"), format_money(total), format_money(self.grant),
                     *([format_money(self.loan)] if loan else [])))
        head = [t("archive.measure"), t("app.cost_incl_vat"), t("app.applied_grant")]
        widths = [w * 0.46, w * 0.18, w * 0.18, w * 0.18] if loan else [w * 0.52, w * 0.24, w * 0.24]
        return [p(t("app.cost_head"), s["h1"]),
                grid(head + ([t("app.applied_loan")] if loan else []), rows, s, widths[:len(head) + loan],
                     right=range(1, len(head) + loan), bold_last=True)]

    def attachment_list(self) -> list[Attachment]:
        d = self.data
        tax = Attachment(t("app.att.tax_fetched"), True) if d.tax_consent else Attachment(t("app.att.tax"), False)
        return [Attachment(t("app.att.statement"), bool(d.statement.strip())),
                Attachment(t("app.att.quotes"), self.quotes_present(d.accepted_measures)),
                Attachment(t("app.att.plan"), d.plan is not None),
                Attachment(t("app.att.photos"), bool(d.photos)),
                Attachment(t("app.att.household"), bool(d.household)), tax,
                Attachment(t("app.att.income"), False), Attachment(t("app.att.debt"), False),
                Attachment(t("app.att.drawings"), False), Attachment(t("app.att.fullmakt"), bool(d.fullmakt))]


class NavRampPackage(_Package):
    """Søknadspakke til Nav: tilskudd i stedet for rampe, with measurements and ramp calculation."""

    title_key = "kind.nav-rampe"

    def sections(self) -> tuple[Any, ...]:
        ramp_measures = tuple(m for m in self.data.accepted_measures if m.ramp)
        return (self.heading, self.applicant, self.function, self.measured, self.calculation,
                lambda: self.costs(ramp_measures, "nav.quotes_head"), lambda: self.plan("nav.plan_head"),
                lambda: self.photos(t("nav.entrance_hint")), self.attachments, self.signatures)

    def heading(self) -> list[Any]:
        s, applied = self.styles, self.data.plan.channel_amount(NAV_GRANT) if self.data.plan else 0.0
        return [p(t("nav.title"), s["title"]), p(t("nav.to"), s["bold"]),
                p(t("nav.applied", amount=format_money(applied)), s["body"]),
                *[p(note, s["body"]) for note in (self.data.consent_note, self.data.fullmakt_note) if note]]

    def function(self) -> list[Any]:
        s, d = self.styles, self.data
        lasting = "" if d.lasting is None else t("nav.lasting_yes" if d.lasting else "nav.lasting_no")
        rows = [(t("nav.condition"), d.condition), (t("nav.lasting"), lasting)]
        out: list[Any] = [p(t("nav.function_head"), s["h1"]), kv_table([r for r in rows if r[1]], s, self.width)]
        out += [p(par, s["body"]) for par in self.data.statement.split("\n\n") if par.strip()]
        if self.therapist():
            out.append(p(self.therapist(), s["bold"]))
        return out

    def measured(self) -> list[Any]:
        return [p(t("nav.measured_head"), self.styles["h1"]), kv_table(self.data.entrance, self.styles, self.width, 0.5)]

    def calculation(self) -> list[Any]:
        r = self.data.ramp
        if r is None:
            return []
        yes, no = t("common.yes"), t("common.no")
        rows = [(t("nav.rise"), f"{format_number(r.rise_cm)} cm"),
                (t("nav.available"), f"{format_number(r.available_m)} m" if r.available_m is not None else ""),
                (t("nav.len_115"), f"{format_number(r.length_1_15_m, 2)} m"),
                (t("nav.len_112"), f"{format_number(r.length_1_12_m, 2)} m"),
                (t("nav.landings"), str(r.landings)),
                (t("nav.total"), f"1:15: {format_number(r.total_1_15_m, 2)} m · 1:12: {format_number(r.total_1_12_m, 2)} m"),
                (t("nav.fits"), f"1:15: {yes if r.fits_1_15 else no} · 1:12: {yes if r.fits_1_12 else no}"),
                (t("nav.tier"), t("nav.tier_value", excl=format_money(r.nav_cap_excl_vat),
                                  incl=format_money(r.nav_cap_incl_vat)))]
        return [p(t("nav.calc_head"), self.styles["h1"]), kv_table([x for x in rows if x[1]], self.styles, self.width, 0.5),
                *bullets(r.notes, self.styles["bullet"])]

    def attachment_list(self) -> list[Attachment]:
        d = self.data
        ramp_measures = tuple(m for m in d.accepted_measures if m.ramp)
        swing = any(k == t("nav.door_swing") for k, _ in d.entrance)
        return [Attachment(t("app.att.statement"), bool(d.statement.strip())),
                Attachment(t("app.att.quotes"), self.quotes_present(ramp_measures)),
                Attachment(t("app.att.plan"), d.plan is not None),
                Attachment(t("app.att.photos"), bool(d.photos)),
                Attachment(t("app.att.sketch"), swing),
                Attachment(t("app.att.extra_form"), False), Attachment(t("app.att.fullmakt"), bool(d.fullmakt))]
