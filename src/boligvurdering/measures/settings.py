"""Load ``financing.toml`` (channels and rules) and ``kommune.toml`` (default kommune settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from boligvurdering.domain.errors import Problem
from boligvurdering.formsengine.loader import read_toml
from boligvurdering.i18n import tr
from boligvurdering.measures.catalogue import MeasuresInvalid, is_number
from boligvurdering.measures.model import CHANNEL_IDS, Channel, FinancingRules, KommuneSettings

FINANCING_FILE = "financing.toml"
KOMMUNE_FILE = "kommune.toml"
_CHANNEL_KEYS = {"id", "name", "decided_by", "order", "cap", "caps_exclude_vat", "documents",
                 "hint_only", "note"}
_RULE_KEYS = {"vat_rate", "ramp_tier_rise_cm", "ramp_cap_low", "ramp_cap_high"}
_KOMMUNE_KEYS = {"name", "number", "grant_cap", "grant_income_limit", "grant_income_limit_per_member",
                 "own_funds_buffer", "bostotte_income_limit", "bostotte_cost_share"}
_STARTLAN_KEYS = {"rate_percent", "years", "max_years", "bank_income_limit"}
_PRICE_KEYS = {"unit_price", "cost_min", "cost_max"}


class _Problems:
    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(Problem(f"{self.name}: {where}" if where else self.name, message))

    def unknown(self, table: dict[str, Any], allowed: set[str], where: str) -> None:
        for key in sorted(set(table) - allowed):
            self.add(where, tr("ukjent nøkkel «{key}»", key=key))

    def amount(self, table: dict[str, Any], key: str, where: str, default: float | None = None,
               required: bool = False) -> float | None:
        value = table.get(key)
        if value is None:
            if required:
                self.add(where, tr("mangler «{key}»", key=key))
            return default
        if not is_number(value) or value < 0:
            self.add(where, tr("«{key}» må være et tall som ikke er negativt", key=key))
            return default
        return float(value)


def _channel(p: _Problems, index: int, data: Any) -> Channel | None:
    where = f"channel[{index}]"
    if not isinstance(data, dict):
        p.add(where, tr("må være en tabell"))
        return None
    where = f"channel[{index}] ({data.get('id', '?')})"
    p.unknown(data, _CHANNEL_KEYS, where)
    if data.get("id") not in CHANNEL_IDS:
        p.add(where, tr("ukjent finansieringsordning «{id}»", id=data.get("id")))
        return None
    for key in ("name", "decided_by"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            p.add(where, tr("mangler «{key}» (ikke-tom tekst)", key=key))
    order = data.get("order")
    if not isinstance(order, int) or isinstance(order, bool):
        p.add(where, tr("«order» må være et heltall"))
        order = 99
    docs = data.get("documents", [])
    if not isinstance(docs, list) or not all(isinstance(d, str) for d in docs):
        p.add(where, tr("«documents» må være en liste med tekster"))
        docs = []
    flags = {k: data.get(k, False) for k in ("caps_exclude_vat", "hint_only")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            p.add(where, tr("«{key}» må være true eller false", key=key))
    return Channel(data["id"], str(data.get("name", "")), str(data.get("decided_by", "")), order,
                   p.amount(data, "cap", where), flags["caps_exclude_vat"] is True, tuple(docs),
                   flags["hint_only"] is True, str(data.get("note", "")))


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    """A TOML table by key, empty when it is missing or not a table."""
    table = data.get(key)
    return table if isinstance(table, dict) else {}


def parse_financing(data: dict[str, Any], name: str = FINANCING_FILE) -> tuple[FinancingRules, list[Problem]]:
    """Parse financing data; returns the rules (defaults where invalid) and every problem."""
    p = _Problems(name)
    for key in sorted(set(data) - {"rules", "channel"}):
        p.add("", tr("ukjent tabell «{key}»", key=key))
    rules = _table(data, "rules")
    p.unknown(rules, _RULE_KEYS, "[rules]")
    raw = data.get("channel")
    raw = raw if isinstance(raw, list) else []
    channels = [c for c in (_channel(p, i, d) for i, d in enumerate(raw)) if c]
    ids = [c.id for c in channels]
    for cid in CHANNEL_IDS:
        if ids.count(cid) != 1:
            p.add("", tr("finansieringsordningen «{id}» må være definert én gang", id=cid))
    vat = p.amount(rules, "vat_rate", "[rules]", 0.25)
    result = FinancingRules(
        tuple(sorted(channels, key=lambda c: c.order)), vat if vat is not None else 0.25,
        p.amount(rules, "ramp_tier_rise_cm", "[rules]", 40.0) or 40.0,
        p.amount(rules, "ramp_cap_low", "[rules]", 29_700.0) or 29_700.0,
        p.amount(rules, "ramp_cap_high", "[rules]", 53_000.0) or 53_000.0,
    )
    return result, p.items


def _prices(p: _Problems, data: Any) -> dict[str, dict[str, float]]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        p.add("[prices]", tr("må være en tabell"))
        return {}
    prices: dict[str, dict[str, float]] = {}
    for mid, entry in data.items():
        where = f"[prices.{mid}]"
        if not isinstance(entry, dict):
            p.add(where, tr("må være en tabell"))
            continue
        p.unknown(entry, _PRICE_KEYS, where)
        values = {k: p.amount(entry, k, where) for k in _PRICE_KEYS if k in entry}
        prices[mid] = {k: v for k, v in values.items() if v is not None}
        if ("cost_min" in entry) != ("cost_max" in entry):
            p.add(where, tr("et kostnadsområde trenger både «cost_min» og «cost_max»"))
    return prices


def _share(p: _Problems, head: dict[str, Any]) -> float:
    share = p.amount(head, "bostotte_cost_share", "[kommune]", 0.25)
    if share is None or share > 1:
        p.add("[kommune]", tr("«bostotte_cost_share» må være en andel mellom 0 og 1"))
        return 0.25
    return share


def parse_kommune(data: dict[str, Any], rules: FinancingRules | None = None,
                  name: str = KOMMUNE_FILE) -> tuple[KommuneSettings, list[Problem]]:
    """Parse kommune settings; returns settings (defaults where invalid) and every problem."""
    p = _Problems(name)
    for key in sorted(set(data) - {"kommune", "startlan", "prices"}):
        p.add("", tr("ukjent tabell «{key}»", key=key))
    head, loan = _table(data, "kommune"), _table(data, "startlan")
    p.unknown(head, _KOMMUNE_KEYS, "[kommune]")
    p.unknown(loan, _STARTLAN_KEYS, "[startlan]")
    number = str(head.get("number", ""))
    if not (len(number) == 4 and number.isdigit()):
        p.add("[kommune]", tr("kommunenummeret må ha fire sifre"))
    years = loan.get("years", 30)
    max_years = loan.get("max_years", 50)
    if not (isinstance(years, int) and isinstance(max_years, int) and 1 <= years <= max_years):
        p.add("[startlan]", tr("«years» og «max_years» må være heltall med 1 ≤ years ≤ max_years"))
        years, max_years = 30, 50
    settings = KommuneSettings(
        name=str(head.get("name", "")), number=number,
        grant_cap=p.amount(head, "grant_cap", "[kommune]", 0.0, True) or 0.0,
        grant_income_limit=p.amount(head, "grant_income_limit", "[kommune]", 0.0, True) or 0.0,
        grant_income_limit_per_member=p.amount(head, "grant_income_limit_per_member", "[kommune]", 0.0) or 0.0,
        startlan_rate=p.amount(loan, "rate_percent", "[startlan]", 5.0, True) or 0.0,
        startlan_years=years, startlan_max_years=max_years,
        own_funds_buffer=p.amount(head, "own_funds_buffer", "[kommune]", 0.0) or 0.0,
        bostotte_income_limit=p.amount(head, "bostotte_income_limit", "[kommune]", 0.0) or 0.0,
        bostotte_cost_share=_share(p, head),
        startlan_bank_income_limit=p.amount(loan, "bank_income_limit", "[startlan]", 600_000.0) or 0.0,
        price_list=_prices(p, data.get("prices")), rules=rules,
    )
    return settings, p.items


def _read(folder: Path, name: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    data, _raw, problems = read_toml(folder / "measures" / name)
    return data, problems


def load_financing(folder: Path | None = None) -> FinancingRules:
    """Load ``measures/financing.toml``; raise ``MeasuresInvalid`` listing every problem."""
    from boligvurdering.resources import forms_dir

    data, problems = _read(Path(folder or forms_dir()), FINANCING_FILE)
    if data is None:
        raise MeasuresInvalid(problems)
    rules, found = parse_financing(data)
    if found:
        raise MeasuresInvalid(found)
    return rules


def load_kommune_settings(folder: Path | None = None) -> KommuneSettings:
    """Load the default kommune settings (with financing rules); raise ``MeasuresInvalid``."""
    from boligvurdering.resources import forms_dir

    folder = Path(folder or forms_dir())
    rules = load_financing(folder)
    data, problems = _read(folder, KOMMUNE_FILE)
    if data is None:
        raise MeasuresInvalid(problems)
    settings, found = parse_kommune(data, rules)
    if found:
        raise MeasuresInvalid(found)
    return settings
