"""Load and completely validate ``forms/measures/catalogue.toml``; report every problem."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from boligvurdering.domain.errors import Problem, ValidationFailed
from boligvurdering.formsengine.conditions import references, structure_problems
from boligvurdering.formsengine.facts import fact_key_problem
from boligvurdering.formsengine.loader import content_hash, read_toml
from boligvurdering.i18n import tr
from boligvurdering.measures.facts import template_fields
from boligvurdering.measures.model import (
    CHANNEL_IDS,
    COST_UNITS,
    EFFECTS,
    FLAGS,
    KINDS,
    MEASURE_DOMAINS,
    NAV_EXCLUDED_FLAGS,
    RESPONSIBLE_ROLES,
    Catalogue,
    Measure,
    Trigger,
)

CATALOGUE_FILE = "catalogue.toml"
_MEASURE_KEYS = {
    "id", "title", "explanation", "domain", "responsible", "kind", "cost_min", "cost_max",
    "unit_price", "unit", "flags", "channels", "trigger", "ramp", "lift", "resolves_checks", "effect",
    "non_nav_share", "resolves_answers",
}
_TRIGGER_KEYS = {"when", "reason"}
_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")


class MeasuresInvalid(ValidationFailed):
    """Measure or financing files are invalid; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, tr("Tiltakskatalogen eller finansieringsreglene har feil"))


def is_number(value: Any) -> bool:
    """True for a finite int/float that is not a bool."""
    return (not isinstance(value, bool) and isinstance(value, int | float)
            and math.isfinite(value))


class _CatalogueParser:
    """Parses the catalogue, collecting problems instead of stopping at the first."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(f"{self.name}: {where}" if where else self.name, message))

    def text(self, data: dict[str, Any], key: str, where: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(where, tr("mangler «{key}» (ikke-tom tekst)", key=key))
            return ""
        return value

    def choice(self, data: dict[str, Any], key: str, allowed: tuple[str, ...], where: str) -> str:
        value = data.get(key)
        if value not in allowed:
            self.problem(where, tr("ugyldig «{key}» «{v}» (lovlig: {ok})",
                                   key=key, v=value, ok=", ".join(allowed)))
            return ""
        return str(value)

    def str_list(self, data: dict[str, Any], key: str, allowed: tuple[str, ...] | None,
                 where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(where, tr("«{key}» må være en liste med tekster", key=key))
            return ()
        for v in value:
            if allowed is not None and v not in allowed:
                self.problem(where, tr("ukjent verdi «{v}» i «{key}»", v=v, key=key))
        return tuple(v for v in value if allowed is None or v in allowed)

    def money(self, data: dict[str, Any], key: str, where: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if not is_number(value):
            self.problem(where, tr("«{key}» må være et tall", key=key))
            return None
        if value < 0:
            self.problem(where, tr("«{key}» kan ikke være negativ", key=key))
            return None
        return float(value)

    def flag(self, data: dict[str, Any], key: str, where: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.problem(where, tr("«{key}» må være true eller false", key=key))
            return False
        return value

    def costs(self, data: dict[str, Any], where: str) -> dict[str, Any]:
        lo, hi = self.money(data, "cost_min", where), self.money(data, "cost_max", where)
        price, unit = self.money(data, "unit_price", where), data.get("unit")
        has_range = "cost_min" in data or "cost_max" in data
        has_unit = "unit_price" in data or "unit" in data
        if has_range == has_unit:
            self.problem(where, tr("oppgi enten «cost_min»/«cost_max» eller «unit_price»/«unit»"))
        if has_range and (lo is None or hi is None):
            self.problem(where, tr("et kostnadsområde trenger både «cost_min» og «cost_max»"))
        if lo is not None and hi is not None and lo > hi:
            self.problem(where, tr("«cost_min» er større enn «cost_max»"))
        if has_unit and (price is None or unit not in COST_UNITS):
            self.problem(where, tr("enhetspris trenger «unit_price» og «unit» ({u})",
                                   u=", ".join(COST_UNITS)))
        return {"cost_min": lo, "cost_max": hi, "unit_price": price,
                "unit": unit if unit in COST_UNITS else None}

    def trigger(self, data: Any, where: str) -> Trigger | None:
        if not isinstance(data, dict):
            self.problem(where, tr("må være en tabell"))
            return None
        for key in sorted(set(data) - _TRIGGER_KEYS):
            self.problem(where, tr("ukjent nøkkel «{key}»", key=key))
        reason = self.text(data, "reason", where)
        when = data.get("when")
        if when is None:
            self.problem(where, tr("mangler «when»"))
            return None
        shape = structure_problems(when, f"{where}.when")
        for loc, msg in shape:
            self.problem(loc, msg)
        if shape:
            return None
        for ref in references(when):
            problem = fact_key_problem(ref)
            if problem:
                self.problem(f"{where}.when", problem)
        for name in template_fields(reason):
            problem = None if name == "room" else fact_key_problem(name)
            if problem:
                self.problem(f"{where}.reason", problem)
        return Trigger(when, reason)

    def measure(self, index: int, data: Any) -> Measure | None:
        where = f"measure[{index}]"
        if not isinstance(data, dict):
            self.problem(where, tr("må være en tabell"))
            return None
        where = f"measure[{index}] ({data.get('id', '?')})"
        for key in sorted(set(data) - _MEASURE_KEYS):
            self.problem(where, tr("ukjent nøkkel «{key}»", key=key))
        mid = self.text(data, "id", where)
        if mid and not (mid[0].isalpha() and set(mid) <= _ID_CHARS):
            self.problem(where, tr("ugyldig id «{id}» (små bokstaver, tall og _)", id=mid))
        raw_triggers = data.get("trigger", [])
        if not isinstance(raw_triggers, list):
            self.problem(where, tr("«trigger» må være [[measure.trigger]]-tabeller"))
            raw_triggers = []
        triggers = [self.trigger(t, f"{where}.trigger[{i}]") for i, t in enumerate(raw_triggers)]
        return Measure(
            id=mid, title=self.text(data, "title", where),
            explanation=self.text(data, "explanation", where),
            domain=self.choice(data, "domain", MEASURE_DOMAINS, where),
            responsible=self.choice(data, "responsible", RESPONSIBLE_ROLES, where),
            kind=self.choice(data, "kind", KINDS, where), **self.costs(data, where),
            flags=frozenset(self.str_list(data, "flags", FLAGS, where)),
            channels=self.str_list(data, "channels", CHANNEL_IDS, where),
            triggers=tuple(t for t in triggers if t), ramp=self.flag(data, "ramp", where),
            lift=self.flag(data, "lift", where),
            resolves_checks=self.str_list(data, "resolves_checks", None, where),
            effect=self.choice({"effect": data.get("effect", "minor")}, "effect", EFFECTS, where),
            non_nav_share=self.share(data, "non_nav_share", where),
            resolves_answers=self.answers(data, where),
        )

    def answers(self, data: dict[str, Any], where: str) -> dict[str, Any]:
        value = data.get("resolves_answers", {})
        if not isinstance(value, dict) or not all(isinstance(v, bool | str | int | float) for v in value.values()):
            self.problem(where, tr("«resolves_answers» må være en tabell med spørsmål og svar"))
            return {}
        return dict(value)

    def share(self, data: dict[str, Any], key: str, where: str) -> float | None:
        value = self.money(data, key, where)
        if value is not None and value > 1:
            self.problem(where, tr("«{key}» må være en andel mellom 0 og 1", key=key))
            return None
        return value

    def consistency(self, measures: list[Measure]) -> None:
        seen: set[str] = set()
        for m in measures:
            where = f"measure ({m.id})"
            if m.id in seen:
                self.problem(where, tr("id «{id}» er brukt flere ganger", id=m.id))
            seen.add(m.id)
            if not m.channels:
                self.problem(where, tr("tiltaket har ingen finansieringsordning («channels»)"))
            if m.kind == "nav_loan" and "nav_hjelpemiddel" not in m.channels:
                self.problem(where, tr("et utlån fra Nav må ha «nav_hjelpemiddel» i «channels»"))
            if "nav_tilskudd_rampe_heis" in m.channels and not (m.ramp or m.lift):
                self.problem(where, tr("Navs tilskudd til rampe/heis gjelder bare ramper og heiser"))
            nav_excluded = m.lift or any(f in NAV_EXCLUDED_FLAGS for f in m.flags)
            if nav_excluded and any(c.startswith("nav_") for c in m.channels) and m.non_nav_share is None:
                self.problem(where, tr("tiltaket har deler Nav ikke dekker; oppgi «non_nav_share» (andel av kostnaden)"))
            if "maintenance" in m.flags and "kommunalt_tilskudd" in m.channels:
                self.problem(where, tr("vanlig vedlikehold gir ikke rett til tilskudd"))


def parse_catalogue(data: dict[str, Any], name: str = CATALOGUE_FILE) -> tuple[list[Measure], list[Problem]]:
    """Parse catalogue data; returns the measures that could be read and every problem."""
    parser = _CatalogueParser(name)
    for key in sorted(set(data) - {"catalogue", "measure"}):
        parser.problem("", tr("ukjent tabell «{key}»", key=key))
    raw = data.get("measure")
    if not isinstance(raw, list) or not raw:
        parser.problem("", tr("katalogen har ingen [[measure]]"))
        raw = []
    measures = [m for m in (parser.measure(i, d) for i, d in enumerate(raw)) if m]
    parser.consistency(measures)
    return measures, parser.problems


def load_catalogue_file(path: Path) -> tuple[Catalogue | None, list[Problem]]:
    """Read one catalogue file; returns the catalogue (if readable) and its problems."""
    data, raw, problems = read_toml(path)
    if data is None:
        return None, problems
    measures, found = parse_catalogue(data, path.name)
    head = data.get("catalogue")
    if not isinstance(head, dict):
        head = {}
    return Catalogue(tuple(measures), str(head.get("version", "")), content_hash(raw)), problems + found


def load_catalogue(folder: Path | None = None) -> Catalogue:
    """Load ``measures/catalogue.toml`` under a forms folder; raise ``MeasuresInvalid`` on problems."""
    from boligvurdering.resources import forms_dir

    path = Path(folder or forms_dir()) / "measures" / CATALOGUE_FILE
    catalogue, problems = load_catalogue_file(path)
    if problems or catalogue is None:
        raise MeasuresInvalid(problems)
    return catalogue
