"""The one text catalogue of score reasons: a code → its bokmål text (the gettext msgid).

``render(reason)`` fills the text in the current language (``i18n.use_language``); nynorsk and
English come from the gettext catalogues in ``resources/locale``. Numbers are formatted per
locale when rendered, never when scored. A reason stored before codes existed is a bokmål
sentence: when it reads as one of the catalogue's texts it is rendered again from that code (its
values as written), otherwise it is shown as it is (``i18n.retranslate`` translates known texts).

Texts of the TOML scoring content (check titles, requirements and sources, rule explanations)
are referred to by id: ``register_content`` records them when scoring reads them, and ``tr``
finds their translations like any TOML text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from boligvurdering.domain.enums import instrument_source
from boligvurdering.domain.formatting import format_number
from boligvurdering.domain.reasons import Reason, reason_from_json
from boligvurdering.i18n import N_, retranslate, tr, use_language


@dataclass(frozen=True)
class Entry:
    """How one code reads: its text(s), decimals for numbers, the text for a missing number."""

    text: str | tuple[str, ...]
    decimals: int = 1
    none: str = "?"
    prefix: str = ""  # a fixed first part, rendered «{p}: {x}»
    join: str = "; "


_PX = "{p}: {x}"
_FIELD = re.compile(r"\{(\w+)\}")
_RAMP = N_("Høydeforskjell {r} cm krever {n} m ved 1:{g} (rampe {run} m, hvilerepos {rest} m og repos "
           "foran døra {door} m); tilgjengelig {a} m")

CATALOGUE: dict[str, Entry] = {
    # falls
    "falls.injury": Entry(N_("Skadet seg ved fall siste år")),
    "falls.count": Entry(N_("Falt {n} ganger siste år")),
    "falls.fallen": Entry(N_("Falt siste år")),
    "falls.unsteady": Entry(N_("Føler seg ustø")),
    "falls.worries": Entry(N_("Bekymret for å falle")),
    "falls.si": Entry(N_("Stay Independent {s} poeng (≥ 4)"), none="≥ 4"),
    "falls.fesi_high": Entry(N_("Stor bekymring for å falle (Short FES-I {s})")),
    "falls.tug": Entry(N_("TUG {s} s (≥ 12 s)")),
    "falls.cst30_below": Entry(N_("Under normen i 30 s reise-seg-test (norm {norm})")),
    "falls.cst30": Entry(N_("Reiste seg {n} ganger på 30 s (norm {norm})")),
    "falls.tandem": Entry(N_("Holdt ikke tandemstilling i 10 s{held}")),
    "falls.dizziness": Entry(N_("Blir svimmel")),
    "falls.footwear_loose": Entry(N_("Løse tøfler eller sko uten hælkappe")),
    "falls.footwear_socks": Entry(N_("Går i sokker eller barbeint")),
    "falls.vision": Entry(N_("Dårlig syn")),
    "falls.hearing": Entry(N_("Dårlig hørsel")),
    "falls.incontinence": Entry(N_("Lekkasje eller må skynde seg på toalettet")),
    "falls.medication": Entry(N_("Bruker sove-, beroligende eller depresjonsmedisin")),
    "falls.alcohol_daily": Entry(N_("Drikker alkohol nesten daglig")),
    "falls.none": Entry(N_("Ingen tegn til økt fallrisiko blant besvarte spørsmål")),
    # nutrition
    "nutrition.severe": Entry(_PX, prefix=N_("Alvorlig underernæring"), join=", "),
    "nutrition.moderate": Entry(_PX, prefix=N_("Moderat underernæring"), join=", "),
    "nutrition.loss_15": Entry(N_("vekttap over 15 % på 3–6 måneder")),
    "nutrition.loss_5_month": Entry(N_("vekttap over 5 % siste måned")),
    "nutrition.loss_10": Entry(N_("vekttap over 10 % på 3–6 måneder")),
    "nutrition.bmi_under": Entry(N_("KMI under {v}")),
    "nutrition.bmi_loss": Entry(N_("KMI under {v} og vekttap over 5 %")),
    "nutrition.intake_quarter": Entry(N_("spiser under en fjerdedel av behovet")),
    "nutrition.intake_half": Entry(N_("spiser under halvparten av behovet")),
    "nutrition.mna_malnourished": Entry(N_("MNA-SF {s} poeng: underernært (0–7)")),
    "nutrition.mst_risk": Entry(N_("MST {s} poeng (≥ 2): risiko for underernæring")),
    "nutrition.mna_risk": Entry(N_("MNA-SF {s} poeng: risiko for underernæring (8–11)")),
    "nutrition.none": Entry(N_("Ingen risiko for underernæring funnet")),
    # fire: § 7 points, recommendations, risk factors
    "fire.legal.every_floor": Entry(N_("Mangler røykvarsler i hver etasje")),
    "fire.legal.coverage": Entry(N_("Røykvarslerne dekker ikke kjøkken, stue og området utenfor soverom")),
    "fire.legal.audible": Entry(N_("Røykvarsleren høres ikke på soverommet med lukket dør")),
    "fire.legal.equipment": Entry(N_("Slokkeutstyret oppfyller ikke minstekravet")),
    "fire.advice.tested": Entry(N_("Røykvarslerne er ikke testet siste måned")),
    "fire.advice.age": Entry(N_("Røykvarslerne er 10 år eller eldre, eller alderen er ukjent")),
    "fire.advice.stove_guard": Entry(N_("Mangler komfyrvakt")),
    "fire.breach": Entry(_PX, prefix=N_("Brudd på § 7")),
    "fire.advice": Entry(_PX, prefix=N_("Anbefaling")),
    "fire.smokes_in_bed": Entry(N_("Røyker i sengen eller i stolen når trøtt")),
    "fire.no_alarm_every_floor": Entry(N_("Mangler røykvarsler i hver etasje")),
    "fire.smokes": Entry(N_("Røyker inne")),
    "fire.candles": Entry(N_("Levende lys kan stå ubevoktet")),
    "fire.heaters": Entry(N_("Løse varmeovner eller overbelastede stikkontakter")),
    "fire.electrical": Entry(N_("Tegn på feil i det elektriske anlegget")),
    "fire.leaves_stove": Entry(N_("Går fra eller glemmer komfyren")),
    "fire.cannot_hear_alarm": Entry(N_("Hører ikke røykvarsleren")),
    "fire.cannot_escape": Entry(N_("Kommer seg ikke ut på egen hånd")),
    "fire.escape_blocked": Entry(N_("Rømningsveiene er ikke frie")),
    "fire.oxygen": Entry(N_("Bruker oksygen hjemme")),
    "fire.pass": Entry(N_("Røykvarslere og slokkeutstyr oppfyller § 7")),
    "fire.none": Entry(N_("Ingen risikofaktorer for brann funnet blant besvarte spørsmål")),
    # housing: barriers (housing-ladder step 2), hazards, checks
    "housing.barrier.main_floor": Entry(N_("Ikke alle hovedfunksjoner på inngangsplanet, og ingen heis")),
    "housing.barrier.step_free": Entry(N_("Ikke trinnfri adkomst til inngangsdøra")),
    "housing.barrier.door": Entry(N_("Inngangsdøra er for smal (under 86 cm)")),
    "housing.barrier.ramp": Entry(N_("Ikke plass til rampe med stigning 1:12 ved inngangen")),
    "housing.barrier.bath_only": Entry(N_("Bare badekar, ingen dusj")),
    "housing.barrier.turning": Entry(N_("Ikke snuareal på badet")),
    "housing.hazard.housing_loose_rugs": Entry(_PX, prefix=N_("Løse tepper"), join=", "),
    "housing.hazard.housing_cables": Entry(_PX, prefix=N_("Ledninger i gangarealet"), join=", "),
    "housing.hazard.housing_slippery_floor": Entry(_PX, prefix=N_("Glatt gulv"), join=", "),
    "housing.hazard.housing_clutter": Entry(_PX, prefix=N_("Rot eller møbler i gangveien"), join=", "),
    "housing.hazard.housing_no_grab_bars": Entry(_PX, prefix=N_("Mangler støttehåndtak"), join=", "),
    "housing.hazard.housing_poor_night_lighting": Entry(_PX, prefix=N_("Mangler nattlys"), join=", "),
    "housing.hazard.housing_stairs_clutter": Entry(_PX, prefix=N_("Ting i trappen"), join=", "),
    "housing.hazard.housing_entrance_slippery": Entry(_PX, prefix=N_("Glatt eller ujevn adkomst"), join=", "),
    "housing.bedroom_upper": Entry(N_("Soverommet ligger i en annen etasje enn inngangen")),
    "housing.no_barriers": Entry(N_("Ingen store hindringer funnet: boligen kan egne seg med tiltak")),
    "housing.none": Entry(N_("Ingen avvik eller farer registrert")),
    "housing.step": Entry(N_("Boligtrapp trinn {n}: {r}")),
    "check.not_measured": Entry(N_("Ikke målt")),
    "check.not_registered": Entry(N_("Ikke registrert")),
    "check.measured": Entry(N_("Målt {v} {u}, krav {sign} {lim} {u}"), decimals=2),
    "check.ramp_unmeasured": Entry(N_("Høydeforskjell eller tilgjengelig lengde er ikke målt")),
    "check.ramp_zero": Entry(N_("Høydeforskjellen er 0 cm: mål høyden fra dørterskel til bakken")),
    "check.ramp": Entry(_RAMP, decimals=2),
    "check.ramp_steep": Entry((_RAMP, N_(" (1:{g} er bare tillatt når rampen er kortere enn {m} m)")), decimals=2),
    "check.missing": Entry(N_("Mangler: {req}")),
    "check.ok": Entry(N_("I orden: {req}")),
    "check.not_ok": Entry(N_("Ikke i orden: {req}")),
    # follow-ups
    "follow_up.nutrition_screen": Entry(N_("Ernæring er ikke kartlagt: screen med MST innen 2 uker")),
    "follow_up.nutrition_risk": Entry(N_("Risiko for underernæring: følg opp ernæringsplan og vekt om en måned")),
    "follow_up.home_nursing": Entry(N_("Ny kartlegging av ernæring hver måned (hjemmesykepleie)")),
    "follow_up.nutrition_6m": Entry(N_("Ny kartlegging av ernæring innen 6 måneder")),
    "follow_up.revisit_high": Entry(N_("Høy risiko: nytt besøk etter tiltak innen 4 uker")),
    "follow_up.revisit_moderate": Entry(N_("Moderat risiko: nytt besøk etter tiltak om 3 måneder")),
    "follow_up.revisit_year": Entry(N_("Nytt forebyggende hjemmebesøk om ett år")),
}

def source_text(source: str | None) -> str:
    """A source citation in the current language; a citation stored as text (older snapshots) as it is."""
    if not source:
        return ""
    return instrument_source(source) or retranslate(source)


_content_lock = threading.Lock()
_content: dict[str, str] = {}


def register_content(key: str, text: str | None) -> None:
    """Record a TOML text by id (``check.<id>.title``, ``rule.<id>.explanation`` …) for rendering."""
    if text:
        with _content_lock:
            _content[key] = text


def content_text(key: str, fallback: str = "") -> str:
    """A registered TOML text in the current language; ``fallback`` if it was never registered."""
    text = _content.get(key)
    return tr(text) if text else fallback


def _value(value: Any, entry: Entry) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_number(value, entry.decimals)
    if value is None:
        return tr(entry.none)
    if isinstance(value, Reason | Mapping):
        return render(value)
    if isinstance(value, list | tuple):
        return entry.join.join(_value(v, entry) for v in value)
    return str(value)


def _check_fields(params: Mapping[str, Any]) -> dict[str, str]:
    check = str(params.get("check", ""))
    return {"req": content_text(f"check.{check}.requirement", check)}


def _special(reason: Reason) -> str | None:
    """Codes whose text is made of other texts."""
    p = reason.params
    if reason.code == "falls.tandem":
        s = p.get("s")
        held = "" if s is None else tr(" ({s} s)", s=format_number(s))
        return tr("Holdt ikke tandemstilling i 10 s{held}", held=held)
    if reason.code == "housing.check_fail":
        check = str(p.get("check", ""))
        title = content_text(f"check.{check}.title", check)
        room = p.get("room")
        return tr(_PX, p=f"{title} ({room})" if room else title, x=render(p.get("x", "")))
    if reason.code == "rule":
        return content_text(f"rule.{p.get('id')}.explanation", str(p.get("id", "")))
    if reason.code == "rule.follow_up":
        return content_text(f"rule.{p.get('id')}.follow_up_reason", str(p.get("id", "")))
    return None


def _explained(reason: Reason) -> str:
    """A check result's explanation, with the check's source after it when it has one."""
    source = content_text(f"check.{reason.params.get('check')}.source")
    text = _fill(reason)
    return f"{text} ({source})" if source else text


def _fill(reason: Reason) -> str:
    entry = CATALOGUE.get(reason.code)
    if entry is None:
        return reason.code  # an unknown code (newer scoring) is shown, never a crash
    fields = {k: _value(v, entry) for k, v in reason.params.items()}
    if reason.code.startswith("check."):
        fields.update(_check_fields(reason.params))
    if entry.prefix:
        fields["p"] = tr(entry.prefix)
    texts = entry.text if isinstance(entry.text, tuple) else (entry.text,)
    for name in _FIELD.findall("".join(texts)):
        fields.setdefault(name, "?")  # a parameter missing from a stored reason never breaks a view
    return "".join(tr(t, **fields) for t in texts)


_legacy: list[tuple[re.Pattern[str], str]] = []


def _legacy_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Bokmål templates of the plain codes as regexes (built once, on first use)."""
    with _content_lock:
        if not _legacy:
            for code, entry in CATALOGUE.items():
                if entry.prefix or isinstance(entry.text, tuple) or code.startswith("check.") or code == "falls.tandem":
                    continue
                parts = re.split(r"\{(\w+)\}", entry.text)
                regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
                _legacy.append((re.compile(regex + r"\Z", re.S), code))
        return _legacy


def parse_legacy(text: str) -> Reason | None:
    """The code of a bokmål sentence stored before codes existed, its values as they were written."""
    for pattern, code in _legacy_patterns():
        match = pattern.match(text)
        if match:
            return Reason(code, match.groupdict())
    return None


def render(reason: Reason | Mapping[str, Any] | str | None, language: str | None = None) -> str:
    """A reason in words: in ``language``, or the current language when not given.

    Args:
        reason: a ``Reason``, its stored JSON, or a legacy bokmål sentence (shown as it is,
            translated when its template is known).
    """
    if language is not None:
        with use_language(language):
            return render(reason)
    typed = reason_from_json(reason)
    if isinstance(typed, str):
        parsed = parse_legacy(typed)
        return _fill(parsed) if parsed else retranslate(typed)
    special = _special(typed)
    if special is not None:
        return special
    if typed.code.startswith("check.") and "check" in typed.params:
        return _explained(typed)
    return _fill(typed)


def render_all(reasons: Any, language: str | None = None) -> list[str]:
    """Every reason of a list in words, each once, in order."""
    return list(dict.fromkeys(render(r, language) for r in reasons or ()))

