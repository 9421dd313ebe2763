"""Risk panel: words first, numbers second; levels as icon + text + colour (greyscale-safe)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from boligvurdering.domain.enums import RiskLevel, band_label, instrument_label
from boligvurdering.domain.formatting import format_date, format_number
from boligvurdering.gui.widgets import heading
from boligvurdering.i18n import N_, retranslate, tr

LEVEL_STYLE = {  # icon and colour; the words are RiskLevel.label
    "high": ("▲", "#a40000"),
    "moderate": ("■", "#8a5a00"),
    "low": ("●", "#1b5e20"),
    "not_assessed": ("○", "#555555"),
}
DOMAINS = (
    ("falls", N_("fallrisiko")),
    ("fire", N_("brannrisiko")),
    ("nutrition", N_("ernæringsrisiko")),
    ("housing", N_("risiko i boligen")),
)
FOLLOW_UP = {"revisit": N_("Nytt besøk"), "nutrition_rescreen": N_("Ny ernæringsscreening"),
             "nutrition_screen": N_("Ernæringsscreening"), "gp_medication_review": N_("Legemiddelgjennomgang")}


def level_text(domain: str, result: dict[str, Any]) -> str:
    """«▲ Høy fallrisiko — fordi: …» (plain text, used by tests and screen readers)."""
    text = f"{_icon(result)} {_phrase(domain, result)}"
    # a line once, however many rules give it; a stored bokmål reason in the UI language
    reasons = list(dict.fromkeys(retranslate(r) for r in result.get("reasons") or []))
    return text + (tr(" — fordi: {r}", r="; ".join(reasons)) if reasons else "")


def _style(result: dict[str, Any]) -> tuple[str, str]:
    return LEVEL_STYLE.get(result.get("level", "not_assessed"), LEVEL_STYLE["not_assessed"])


def _icon(result: dict[str, Any]) -> str:
    return _style(result)[0]


def _phrase(domain: str, result: dict[str, Any]) -> str:
    """«Høy fallrisiko», «Fallrisiko ikke kartlagt»."""
    level = result.get("level", "not_assessed")
    name = tr(dict(DOMAINS)[domain])
    if level not in ("high", "moderate", "low"):
        return tr("{name} ikke kartlagt", name=name[:1].upper() + name[1:])
    return f"{RiskLevel(level).label()} {name}"


def _instrument_line(key: str, result: dict[str, Any]) -> str | None:
    band = result.get("band", "not_assessed")
    if band == "not_assessed":
        return None
    name, unit = instrument_label(key)
    score = result.get("score")
    number = f"{format_number(score, 1)} {unit}".strip() if score is not None else ""
    word = band_label(band, key)
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
        colour = _style(result)[1]
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
            items = "<br>".join(html.escape(f"✗ {tr(c['title'])} ({c['room_name']}): {c['explanation']}") for c in failed)
            parts.append(f"<b>{tr('Boligen oppfyller ikke')}</b><br>{items}")
        step = score.get("housing_step")
        if step:
            parts.append(f"<b>{tr('Boligtrapp')}</b><br>" + html.escape(tr("Trinn {n}", n=step)))
        follow = score.get("follow_up") or []
        if follow:
            items = "<br>".join(html.escape(tr("{what} innen {date}", what=tr(FOLLOW_UP.get(f["kind"], f["kind"])),
                                               date=format_date(_day(f.get("due")))))
                                for f in follow)
            parts.append(f"<b>{tr('Oppfølging')}</b><br>{items}")
        return "<br><br>".join(parts)


def _day(text: str | None) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
