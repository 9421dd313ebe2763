"""Every file-based setting, declared once: typed key, default, validation and where it is stored.

Two files are read, in this order, each overriding the one before:

1. the **machine-wide preset** that IT installs (``preset.json`` in the platform's site config
   folder: ``C:\\ProgramData\\boligvurdering\\preset.json`` on Windows, ``/etc/xdg/boligvurdering``
   on Linux; ``BOLIGVURDERING_PRESET`` names another file), read-only for the program;
2. the **user's** ``settings.json`` in the data folder, written by «Innstillinger».

An invalid value in either file is ignored (the earlier value stays) and reported in
``Settings.problems``; the program always starts. This is the only module that parses these
files. The kommune's own settings (grant limits, startlån …) are shared by the team and live in
the database (``services.plan``); the preset's ``kommune_name``/``kommune_number`` are their
defaults on a new machine.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boligvurdering import APP_NAME
from boligvurdering.domain.errors import InvalidValue
from boligvurdering.i18n import LANGUAGES, N_, tr

PRESET_ENV = "BOLIGVURDERING_PRESET"
PRESET_FILE = "preset.json"
MACHINE, USER = "machine", "user"  # where a setting may be stored


def _minutes(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 240:
        raise InvalidValue(tr("Skriv et antall minutter mellom 1 og 240."))
    return int(value) if float(value).is_integer() else float(value)


def _folder(value: Any) -> Path | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not Path(os.path.expandvars(value)).expanduser().is_absolute():
        raise InvalidValue(tr("Sikkerhetskopimappen må være en full sti, for eksempel D:\\Sikkerhetskopi."))
    return Path(os.path.expandvars(value)).expanduser()


def _kommune_number(value: Any) -> str | None:
    from boligvurdering.domain import validation

    return validation.municipality_number(str(value), required=True) if value not in (None, "") else None


def _text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidValue(tr("Skriv en tekst."))
    return value.strip() or None if value else None


def _language(value: Any) -> str | None:
    if value is None:
        return None
    if value not in LANGUAGES:
        raise InvalidValue(tr("Ukjent språk «{v}» (nb, nn eller en).", v=value))
    return str(value)


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    parse: Callable[[Any], Any]  # returns the typed value or raises InvalidValue (Norwegian)
    stored: frozenset[str]       # MACHINE (preset.json) and/or USER (settings.json)
    label: str


SETTINGS: tuple[Setting, ...] = (
    Setting("lock_minutes", 10, _minutes, frozenset({MACHINE, USER}),
            N_("Lås skjermen etter (minutter uten bruk)")),
    Setting("backup_folder", None, _folder, frozenset({MACHINE, USER}), N_("Mappe for sikkerhetskopier")),
    Setting("kommune_number", None, _kommune_number, frozenset({MACHINE}), N_("Kommunenummer")),
    Setting("kommune_name", None, _text, frozenset({MACHINE}), N_("Kommunens navn")),
    Setting("ui_language", None, _language, frozenset({USER}), N_("Språket i vinduet sist brukt her")),
)
BY_KEY = {s.key: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """The effective values (attribute per setting), where each came from, and what was ignored."""

    lock_minutes: float = 10
    backup_folder: Path | None = None
    kommune_number: str | None = None
    kommune_name: str | None = None
    ui_language: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # key → "default" | MACHINE | USER
    problems: tuple[str, ...] = ()


def preset_path() -> Path:
    """The machine-wide preset file (IT writes it; the program only reads it)."""
    override = os.environ.get(PRESET_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / PRESET_FILE


def _read(path: Path) -> tuple[dict[str, Any], list[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, ValueError) as exc:
        return {}, [tr("{file} kan ikke leses og er hoppet over ({e}).", file=path, e=exc)]
    if not isinstance(data, dict):
        return {}, [tr("{file} skal inneholde et JSON-objekt; hoppet over.", file=path)]
    return data, []


def load(user_file: Path, preset_file: Path | None = None) -> Settings:
    """Defaults, then the machine preset, then the user's settings.json."""
    values = {s.key: s.default for s in SETTINGS}
    sources = dict.fromkeys(values, "default")
    problems: list[str] = []
    for scope, path in ((MACHINE, preset_file or preset_path()), (USER, user_file)):
        data, read_problems = _read(path)
        problems += read_problems
        for key, raw in data.items():
            setting = BY_KEY.get(key)
            if setting is None or scope not in setting.stored:
                continue  # unknown keys and keys another file owns are left alone
            try:
                values[key], sources[key] = setting.parse(raw), scope
            except InvalidValue as exc:
                problems.append(f"{path}: {key}: {exc}")
    return Settings(**values, sources=sources, problems=tuple(problems))


def save(user_file: Path, key: str, value: Any) -> Any:
    """Validate and store one user setting in settings.json, keeping the other keys; atomic."""
    setting = BY_KEY.get(key)
    if setting is None or USER not in setting.stored:
        raise InvalidValue(tr("Innstillingen «{k}» kan ikke endres her.", k=key))
    typed = setting.parse(value)
    data, _problems = _read(user_file)
    data[key] = str(typed) if isinstance(typed, Path) else typed
    user_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = user_file.with_name(user_file.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(user_file)
    return typed
