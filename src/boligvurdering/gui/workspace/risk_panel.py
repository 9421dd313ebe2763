"""Risk panel: words first, numbers second; levels as icon + text + colour (greyscale-safe)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from boligvurdering.domain.formatting import format_date, format_number
from boligvurdering.gui.widgets import heading
from boligvurdering.i18n import tr

LEVELS = {
    "high": ("▲", tr("Høy"), "#a40000"),
    "moderate": ("■", tr("Moderat"), "#8a5a00"),
    "low": ("●", tr("Lav"), "#1b5e20"),
    "not_assessed": ("○", tr("Ikke kartlagt"), "#555555"),
}
DOMAINS = (
    ("falls", tr("fallrisiko")),
    ("fire", tr("brannrisiko")),
    ("nutrition", tr("ernæringsrisiko")),
    ("housing", tr("risiko i boligen")),
)
INSTRUMENTS = {
    "STEADI": (tr("Tre nøkkelspørsmål om fall"), ""),
    "SI": (tr("Stay Independent"), tr("poeng")),
    "TUG": (tr("Timed Up and Go"), "s"),
    "CST30": (tr("Reise seg fra stol på 30 s"), tr("ganger")),
    "BAL4": (tr("Balanse (tandemstilling)"), "s"),
    "FES-I-SHORT": (tr("Bekymring for å falle (Short FES-I)"), tr("poeng")),
    "MST": (tr("Ernæring (MST)"), tr("poeng")),
    "MNA-SF": (tr("Ernæring (MNA-SF)"), tr("poeng")),
    "FIRE-7": (tr("Brannsikring etter § 7"), tr("av 4 krav")),
    "FIRE-ADVICE": (tr("Brannråd (test, alder, komfyrvakt)"), tr("av 3 råd")),
}
BANDS = {
    "positive": tr("minst ett ja – test gange og balanse"), "negative": tr("ingen tegn på fallrisiko"),
    "at_risk": tr("økt risiko"), "low": tr("lav risiko"), "normal": tr("normalt"),
    "below_norm": tr("under normen"), "malnourished": tr("underernært"), "moderate": tr("moderat"),
    "high": tr("høy"), "pass": tr("i orden"), "fail": tr("mangler"), "not_assessed": tr("ikke kartlagt"),
}
# Bands whose words depend on the instrument: only FIRE-7 can be a breach of the law.
INSTRUMENT_BANDS = {("FIRE-7", "fail"): tr("brudd på § 7"), ("FIRE-ADVICE", "fail"): tr("anbefaling ikke fulgt")}
FOLLOW_UP = {"revisit": tr("Nytt besøk"), "nutrition_rescreen": tr("Ny ernæringsscreening"),
             "nutrition_screen": tr("Ernæringsscreening"), "gp_medication_review": tr("Legemiddelgjennomgang")}


def level_text(domain: str, result: dict[str, Any]) -> str:
    """«▲ Høy fallrisiko — fordi: …» (plain text, used by tests and screen readers)."""
    text = f"{_icon(result)} {_phrase(domain, result)}"
    reasons = list(dict.fromkeys(result.get("reasons") or []))  # a line once, however many rules give it
    return text + (tr(" — fordi: {r}", r="; ".join(reasons)) if reasons else "")


def _icon(result: dict[str, Any]) -> str:
    return LEVELS.get(result.get("level", "not_assessed"), LEVELS["not_assessed"])[0]


def _phrase(domain: str, result: dict[str, Any]) -> str:
    """«Høy fallrisiko», «Fallrisiko ikke kartlagt»."""
    level = result.get("level", "not_assessed")
    name = dict(DOMAINS)[domain]
    if level not in ("high", "moderate", "low"):
        return tr("{name} ikke kartlagt", name=name[:1].upper() + name[1:])
    return f"{LEVELS[level][1]} {name}"


def _instrument_line(key: str, result: dict[str, Any]) -> str | None:
    band = result.get("band", "not_assessed")
    if band == "not_assessed":
        return None
    name, unit = INSTRUMENTS.get(key, (key, ""))
    score = result.get("score")
    number = f"{format_number(score, 1)} {unit}".strip() if score is not None else ""
    word = INSTRUMENT_BANDS.get((key, band), BANDS.get(band, band))
    return f"{name}: {word}" + (f" ({number})" if number else "")


class RiskPanel(QScrollArea):
    """Shows the live score of the open visit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(260)
        inner = QWidget()
        self.box = QVBoxLayout(inner)
        self.box.addWidget(heading(tr("Risiko"), 14))
        self.domain_labels: dict[str, QLabel] = {}
        for domain, _name in DOMAINS:
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            self.domain_labels[domain] = label
            self.box.addWidget(label)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.box.addWidget(self.details)
        self.box.addStretch(1)
        self.setWidget(inner)
        self.texts: dict[str, str] = {}

    def show_score(self, score: dict[str, Any]) -> None:
        domains = score.get("domains", {})
        if not score:
            self.details.setText(tr("Risikoen kan ikke beregnes akkurat nå. Svarene er lagret."))
        for domain, _name in DOMAINS:
            result = domains.get(domain, {"level": "not_assessed", "reasons": []})
            self.texts[domain] = level_text(domain, result)
            self.domain_labels[domain].setText(self._domain_html(domain, result))
        self.details.setText(self._details_html(score))

    def _domain_html(self, domain: str, result: dict[str, Any]) -> str:
        colour = LEVELS.get(result.get("level", "not_assessed"), LEVELS["not_assessed"])[2]
        reasons = "".join(f"<li>{html.escape(r)}</li>" for r in dict.fromkeys(result.get("reasons") or []))
        body = tr("fordi:") + f"<ul style='margin:0'>{reasons}</ul>" if reasons else ""
        return (f"<p style='margin-top:6px'><span style='color:{colour}; font-size:large'><b>{_icon(result)} "
                f"{html.escape(_phrase(domain, result))}</b></span><br>{body}</p>")

    def _details_html(self, score: dict[str, Any]) -> str:
        parts = []
        lines = [line for k, r in score.get("instruments", {}).items() if (line := _instrument_line(k, r))]
        if lines:
            parts.append(f"<b>{tr('Tester og skjema')}</b><br>" + "<br>".join(html.escape(x) for x in lines))
        failed = [c for c in score.get("checks", []) if c.get("result") == "fail"]
        if failed:
            items = "<br>".join(html.escape(f"✗ {c['title']} ({c['room_name']}): {c['explanation']}") for c in failed)
            parts.append(f"<b>{tr('Boligen oppfyller ikke')}</b><br>{items}")
        step = score.get("housing_step")
        if step:
            parts.append(f"<b>{tr('Boligtrapp')}</b><br>" + html.escape(tr("Trinn {n}", n=step)))
        follow = score.get("follow_up") or []
        if follow:
            items = "<br>".join(html.escape(f"{FOLLOW_UP.get(f['kind'], f['kind'])} innen {format_date(_day(f.get('due')))}")
                                for f in follow)
            parts.append(f"<b>{tr('Oppfølging')}</b><br>{items}")
        return "<br><br>".join(parts)


def _day(text: str | None) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
