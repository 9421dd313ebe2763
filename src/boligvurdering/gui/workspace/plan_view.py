"""The ramp result and the financing plan in plain Norwegian (read-only views)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from boligvurdering.domain.enums import domain_label, level_label
from boligvurdering.domain.formatting import format_money, format_number
from boligvurdering.gui.widgets import heading
from boligvurdering.i18n import N_, tr


def _m(value: Any) -> str:
    return f"{format_number(value, 2)} m"


def _list(items: list[str]) -> str:
    return "<ul style='margin:0'>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>" if items else ""


def ramp_html(ramp: dict[str, Any] | None) -> str:
    """Rise, lengths at 1:15 and 1:12, landings, whether it fits, NAV tier and cap."""
    if not ramp:
        return escape(tr("Ingen høydeforskjell er målt ved inngangen. Mål høydeforskjellen i rommet "
                         "«Inngang» for å få regnet ut en rampe."))
    avail = ramp.get("available_length_m")
    lines = [tr("Høydeforskjell fra dørterskel til bakken: {rise} cm.", rise=format_number(ramp["rise_cm"])),
             tr("Tilgjengelig lengde: {m}.", m=_m(avail)) if avail is not None
             else tr("Tilgjengelig lengde er ikke målt, så vi vet ikke om rampen får plass.")]
    landings = ramp.get("landings") or 0
    rests = tr(", {n} hvilerepos", n=landings) if landings else ""

    def with_landings(total: float) -> str:
        return tr(" (med repos foran døra{rests}: til sammen {total})", rests=rests, total=_m(total))

    rest = with_landings(ramp["total_1_15_m"])
    fits15 = "" if avail is None else (tr(" ✓ Får plass.") if ramp["fits_1_15"] else tr(" ✗ Får ikke plass."))
    lines.append(tr("Med stigning 1:15 (normalkravet) blir rampen {len} lang", len=_m(ramp["length_1_15_m"]))
                 + rest + "." + fits15)
    if ramp.get("steep_allowed"):
        rest = with_landings(ramp["total_1_12_m"])
        fits12 = "" if avail is None else (tr(" ✓ Får plass.") if ramp["fits_1_12"] else tr(" ✗ Får ikke plass."))
        lines.append(tr("Med stigning 1:12 blir den {len} lang", len=_m(ramp["length_1_12_m"])) + rest + "." + fits12)
    else:
        lines.append(tr("Stigning 1:12 er ikke tillatt her: rampen ville blitt {len} lang, og 1:12 gjelder bare "
                        "strekninger under 3 m.", len=_m(ramp["length_1_12_m"])))
    tier = tr("lav sats (til og med 40 cm)") if ramp.get("nav_tier") == "low" else tr("høy sats (over 40 cm)")
    lines.append(tr("Nav gir tilskudd etter {tier}: inntil {cap} + mva, det vil si {incl} med mva.", tier=tier,
                    cap=format_money(ramp["nav_cap_excl_vat"]), incl=format_money(ramp["nav_cap_incl_vat"])))
    return "<br>".join(escape(line) for line in lines) + _list(list(ramp.get("notes") or ()))


def channels_html(plan: dict[str, Any]) -> str:
    """Per-channel totals with caps, and the gap."""
    rows = []
    for c in plan.get("channels", []):
        if not c.get("amount") and c.get("id") in (plan.get("refusals") or {}):
            continue  # listed under «Ikke brukt» with the reason instead
        cap = tr("ingen fast grense") if c.get("cap") is None else format_money(c["cap"])
        rows.append(f"<tr><td>{escape(tr(c['name']))}</td><td align='right'>{format_money(c['amount'])}</td>"
                    f"<td align='right'>{escape(cap)}</td></tr>")
    head = (f"<tr><th align='left'>{escape(tr('Ordning'))}</th><th align='right'>{escape(tr('Beløp'))}</th>"
            f"<th align='right'>{escape(tr('Grense i planen'))}</th></tr>")
    gap = (f"<tr><td><b>{escape(tr('Ikke finansiert'))}</b></td>"
           f"<td align='right'><b>{format_money(plan.get('gap', 0))}</b></td><td></td></tr>")
    total = (f"<tr><td><b>{escape(tr('Sum tiltak'))}</b> ({escape(basis_text(plan))})</td>"
             f"<td align='right'><b>{format_money(plan.get('total_cost', 0))}</b></td><td></td></tr>")
    return f"<table cellpadding='3' width='100%'>{head}{''.join(rows)}{gap}{total}</table>"


BASIS = {"overslag": N_("overslag"), "tilbud": N_("tilbud")}


def basis_text(plan: dict[str, Any]) -> str:
    """How much of the total is an estimate and how much a quote: «overslag kr 3 000, tilbud kr 0»."""
    by = plan.get("cost_by_basis") or {}
    return tr("overslag {o}, tilbud {t}", o=format_money(by.get("overslag", 0)), t=format_money(by.get("tilbud", 0)))


def missing_html(plan: dict[str, Any]) -> str:
    """What must be recorded before a channel can be assessed."""
    names = {c["id"]: tr(c["name"]) for c in plan.get("channels", [])}
    missing = plan.get("missing") or {}
    if not missing:
        return ""
    return f"<b>{escape(tr('Kan ikke vurderes ennå – dette mangler'))}</b>" + _list(
        [f"{names.get(k, k)}: {', '.join(v)}" for k, v in missing.items()])


def _line_items(line: dict[str, Any], names: dict[str, str]) -> list[str]:
    items = []
    if line.get("non_nav_basis"):
        items.append(tr("Nav kan vurdere {nav}; {other} dekker Nav ikke ({basis}).", nav=format_money(line["nav_share"]),
                        other=format_money(line["non_nav_cost"]), basis=tr(BASIS.get(line["non_nav_basis"], N_("ukjent")))))
    reasons = line.get("reasons") or {}
    for channel, amount in (line.get("allocations") or {}).items():
        items.append(f"{names.get(channel, channel)} {format_money(amount)}: {reasons.get(channel, '')}")
    if line.get("uncovered"):
        items.append(tr("Ikke finansiert {amount}.", amount=format_money(line["uncovered"])))
    for channel, reason in (line.get("refusals") or {}).items():
        items.append(tr("Ikke fra {name}: {reason}", name=names.get(channel, channel), reason=reason))
    return items


def lines_html(plan: dict[str, Any]) -> str:
    """Each measure: cost and its basis, the NAV split, every amount with its reason, every refusal."""
    names = {c["id"]: tr(c["name"]) for c in plan.get("channels", [])}
    parts = []
    for line in plan.get("lines") or ():
        head = tr("{title}: {cost} ({basis})", title=line["title"], cost=format_money(line["cost"]),
                  basis=tr(BASIS.get(line.get("cost_basis"), N_("overslag"))))
        parts.append(f"<b>{escape(head)}</b>" + _list(_line_items(line, names)))
    return "".join(parts)


def refusals_html(plan: dict[str, Any]) -> str:
    names = {c["id"]: tr(c["name"]) for c in plan.get("channels", [])}
    refusals = plan.get("refusals") or {}
    if not refusals:
        return ""
    return f"<b>{escape(tr('Ikke brukt, og hvorfor'))}</b>" + _list(
        [f"{names.get(k, k)}: {v}" for k, v in refusals.items()])


def loans_html(plan: dict[str, Any]) -> str:
    names = {c["id"]: tr(c["name"]) for c in plan.get("channels", [])}
    items = []
    for loan in plan.get("loans") or ():
        ok = tr("✓ kan betjenes") if loan["serviceable"] else tr("✗ kan ikke betjenes")
        items.append(tr("{name} {amount} over {years} år: {pay} per måned; til overs per måned før lånet: "
                        "{margin} — {ok}.", name=names.get(loan["channel"], loan["channel"]),
                        amount=format_money(loan["amount"]), years=loan["years"],
                        pay=format_money(loan["monthly_payment"]), margin=format_money(loan["monthly_margin"]),
                        ok=ok))
    hint = plan.get("bostotte_hint")
    if hint:
        items.append(hint)
    return f"<b>{escape(tr('Lån og bostøtte'))}</b>" + _list(items) if items else ""


def applications_html(plan: dict[str, Any]) -> str:
    apps = plan.get("applications") or ()
    if not apps:
        return escape(tr("Ingen søknader ennå — godta tiltak med kostnad for å få en plan."))
    parts = []
    for a in apps:
        title = tr("{order}. {name}: {amount} — avgjøres av {who}", order=a["order"], name=tr(a["name"]),
                   amount=format_money(a["amount"]), who=a["decided_by"])
        docs = list(a.get("documents") or ())
        parts.append(f"<b>{escape(title)}</b>" + (f"<br>{escape(tr('Dokumenter:'))}" + _list(docs) if docs else ""))
    return "<br>".join(parts)


def warnings_list(plan: dict[str, Any]) -> list[str]:
    """Plan and measure warnings, each once, in order."""
    items = list(plan.get("warnings") or ())
    for line in plan.get("lines") or ():
        items.extend(line.get("warnings") or ())
    for warnings in (plan.get("measure_warnings") or {}).values():
        items.extend(warnings)
    return list(dict.fromkeys(items))


def effect_html(plan: dict[str, Any]) -> str:
    effect = plan.get("expected_effect") or {}
    items = []
    for key, change in (effect.get("domains") or {}).items():
        before, after = (level_label(change[k]).lower() for k in ("before", "after"))
        arrow = tr("{before} → {after}", before=before, after=after) if before != after else tr("uendret ({level})", level=before)
        items.append(f"{domain_label(key)}: {arrow}")
    step = effect.get("housing_step") or {}
    if step:
        def word(s: Any) -> str:
            return tr("trinn {n}", n=s) if s in (1, 2) else tr("ikke vurdert")

        items.append(tr("Boligtrappen: {before} → {after}", before=word(step.get("before")), after=word(step.get("after"))))
    note = escape(tr("Et anslag å drøfte med brukeren, ikke en ny kartlegging."))
    return _list(items) + f"<i>{note}</i>" if items else ""


def financing_text(line: dict[str, Any] | None, names: dict[str, str]) -> str:
    """One measure's financing for the table column: «Startlån kr 5 000; gap kr 1 200»."""
    if line is None:
        return ""
    parts = [f"{names.get(k, k)} {format_money(v)}" for k, v in (line.get("allocations") or {}).items() if v]
    if line.get("uncovered"):
        parts.append(tr("ikke finansiert {amount}", amount=format_money(line["uncovered"])))
    return "; ".join(parts)


def _text_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PlanView(QWidget):
    """Ramp, channels, refusals, loans, applications, warnings and expected effect."""

    SECTIONS = ("ramp", "missing", "channels", "lines", "refusals", "loans", "applications", "warnings", "effect")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        titles = {"ramp": tr("Rampe ved inngangen"), "channels": tr("Finansiering per ordning"),
                  "lines": tr("Finansiering per tiltak, med begrunnelse"),
                  "applications": tr("Søknader i rekkefølge"), "warnings": tr("Viktig å vite"),
                  "effect": tr("Forventet effekt")}
        self.labels: dict[str, QLabel] = {}
        self.headings: dict[str, QLabel] = {}
        for key in self.SECTIONS:
            if key in titles:
                self.headings[key] = heading(titles[key], 12)
                layout.addWidget(self.headings[key])
            self.labels[key] = _text_label()
            layout.addWidget(self.labels[key])
        self.labels["channels"].setText(escape(tr("Regner ut finansieringsplanen …")))

    def show_ramp(self, ramp: dict[str, Any] | None) -> None:
        self.labels["ramp"].setText(ramp_html(ramp))

    def show_plan(self, plan: dict[str, Any]) -> None:
        self.show_ramp(plan.get("ramp"))
        warnings = warnings_list(plan)
        texts = {"missing": missing_html(plan), "channels": channels_html(plan), "lines": lines_html(plan),
                 "refusals": refusals_html(plan), "loans": loans_html(plan),
                 "applications": applications_html(plan),
                 "warnings": _list(warnings) or escape(tr("Ingen advarsler.")), "effect": effect_html(plan)}
        for key, text in texts.items():
            self.labels[key].setText(text)
            self.labels[key].setVisible(bool(text))

    def show_error(self, message: str) -> None:
        self.labels["channels"].setText("⚠ " + escape(message))

    def text(self) -> str:
        """Everything shown, as plain text (tests, copy)."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        parts = []
        for key in self.SECTIONS:
            doc.setHtml(self.labels[key].text())
            parts.append(doc.toPlainText())
        return "\n".join(parts)
