"""Load and completely validate questionnaire files; report every problem with its location."""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from boligvurdering.domain.enums import ROOM_TYPES
from boligvurdering.domain.errors import Problem, ValidationFailed
from boligvurdering.formsengine.conditions import references, structure_problems
from boligvurdering.formsengine.model import (
    DOMAINS,
    MEASUREMENT_UNITS,
    QUESTION_TYPES,
    TOOLS,
    Form,
    FormRegistry,
    Option,
    Question,
    Section,
)
from boligvurdering.formsengine.texts import localize
from boligvurdering.i18n import tr

QUESTION_ROOM_TYPES = (*ROOM_TYPES, "*")  # "*": the question is asked in every room
_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")
_FORM_KEYS = {"id", "version", "title", "domain", "order", "intro"}
_SECTION_KEYS = {"id", "title", "help", "room_types", "visible_if", "question"}
_QUESTION_KEYS = {"id", "text", "type", "required", "help", "code", "unit", "min", "max", "decimals",
                  "options", "visible_if", "tool", "rule", "max_length"}


class FormsInvalid(ValidationFailed):
    """One or more form files are invalid; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, tr("Skjemadefinisjonene har feil"))


def read_toml(path: Path) -> tuple[dict[str, Any] | None, bytes, list[Problem]]:
    """Read a TOML file; returns (data or None, raw bytes, problems)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, b"", [Problem(str(path), tr("kan ikke leses: {e}", e=exc.strerror or exc))]
    try:
        return localize(tomllib.loads(raw.decode("utf-8"))), raw, []
    except UnicodeDecodeError:
        return None, raw, [Problem(str(path), tr("filen er ikke UTF-8"))]
    except tomllib.TOMLDecodeError as exc:
        return None, raw, [Problem(str(path), tr("ugyldig TOML: {e}", e=exc))]


def content_hash(raw: bytes) -> str:
    """SHA-256 of a definition, newline-normalised so checkouts on Windows hash the same."""
    return hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest()


def _valid_id(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and value[0].isalpha() and set(value) <= _ID_CHARS


class _FormParser:
    """Parses one form document, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(f"{self.path.name}: {where}" if where else self.path.name, message))

    def _unknown_keys(self, table: dict[str, Any], allowed: set[str], where: str) -> None:
        for key in sorted(set(table) - allowed):
            self.problem(where, tr("ukjent nøkkel «{key}»", key=key))

    def _text(self, table: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(where, tr("mangler «{key}»", key=key))
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(where, tr("«{key}» må være en ikke-tom tekst", key=key))
            return ""
        return value

    def _condition(self, table: dict[str, Any], where: str) -> dict[str, Any] | None:
        cond = table.get("visible_if")
        if cond is None:
            return None
        for loc, msg in structure_problems(cond, f"{where}.visible_if"):
            self.problem(loc, msg)
        return cond

    def parse(self, raw: bytes) -> Form | None:
        head = self.data.get("form")
        if not isinstance(head, dict):
            self.problem("", tr("mangler tabellen [form]"))
            return None
        self._unknown_keys(head, _FORM_KEYS, "[form]")
        form_id = self._text(head, "id", "[form]")
        if form_id and not _valid_id(form_id):
            self.problem("[form]", tr("ugyldig id «{id}» (små bokstaver, tall og _)", id=form_id))
        version = self._text(head, "version", "[form]")
        title = self._text(head, "title", "[form]")
        domain = head.get("domain")
        if domain not in DOMAINS:
            self.problem("[form]", tr("ukjent domene «{d}»", d=domain))
        order = head.get("order", 100)
        if not isinstance(order, int) or isinstance(order, bool):
            self.problem("[form]", tr("«order» må være et heltall"))
            order = 100
        sections_data = self.data.get("section")
        if not isinstance(sections_data, list) or not sections_data:
            self.problem("", tr("skjemaet har ingen [[section]]"))
            sections_data = []
        parsed = (self._section(form_id, i, sd) for i, sd in enumerate(sections_data))
        sections = [s for s in parsed if s]
        for key in sorted(set(self.data) - {"form", "section"}):
            self.problem("", tr("ukjent tabell «{key}»", key=key))
        return Form(form_id, version, title, str(domain), order, tuple(sections),
                    content_hash(raw), str(self.path), head.get("intro", "") or "")

    def _section(self, form_id: str, index: int, data: Any) -> Section | None:
        where = f"section[{index}]"
        if not isinstance(data, dict):
            self.problem(where, tr("må være en tabell"))
            return None
        where = f"section[{index}] ({data.get('id', '?')})"
        self._unknown_keys(data, _SECTION_KEYS, where)
        sid = self._text(data, "id", where)
        if sid and not _valid_id(sid):
            self.problem(where, tr("ugyldig id «{id}»", id=sid))
        title = self._text(data, "title", where)
        room_types = data.get("room_types", [])
        if not isinstance(room_types, list) or any(r not in QUESTION_ROOM_TYPES for r in room_types):
            self.problem(where, tr("ugyldige romtyper {r}", r=room_types))
            room_types = []
        cond = self._condition(data, where)
        questions_data = data.get("question")
        if not isinstance(questions_data, list) or not questions_data:
            self.problem(where, tr("seksjonen har ingen spørsmål"))
            questions_data = []
        questions = []
        for qi, qd in enumerate(questions_data):
            q = self._question(form_id, sid, tuple(room_types), f"{where}.question[{qi}]", qd)
            if q:
                questions.append(q)
        return Section(sid, title, form_id, tuple(questions), data.get("help", "") or "",
                       tuple(room_types), cond)

    def _number(self, data: dict[str, Any], key: str, where: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(where, tr("«{key}» må være et tall", key=key))
            return None
        return value

    def _options(self, data: dict[str, Any], qtype: str, where: str) -> tuple[Option, ...]:
        raw = data.get("options")
        if qtype not in ("single_choice", "multi_choice"):
            if raw is not None:
                self.problem(where, tr("«options» gjelder bare valgspørsmål"))
            return ()
        if not isinstance(raw, list) or len(raw) < 2:
            self.problem(where, tr("et valgspørsmål trenger minst to «options»"))
            return ()
        options, seen = [], set()
        for i, od in enumerate(raw):
            loc = f"{where}.options[{i}]"
            if not isinstance(od, dict) or not isinstance(od.get("value"), str) \
                    or not isinstance(od.get("label"), str) or not od["value"]:
                self.problem(loc, tr("et valg trenger «value» og «label» som tekst"))
                continue
            points = od.get("points")
            if points is not None and (isinstance(points, bool) or not isinstance(points, int)):
                self.problem(loc, tr("«points» må være et heltall"))
                points = None
            if od["value"] in seen:
                self.problem(loc, tr("dobbelt valg «{v}»", v=od["value"]))
            seen.add(od["value"])
            options.append(Option(od["value"], od["label"], points))
        return tuple(options)

    def _question(self, form_id: str, section_id: str, room_types: tuple[str, ...],
                  where: str, data: Any) -> Question | None:
        if not isinstance(data, dict):
            self.problem(where, tr("må være en tabell"))
            return None
        where = f"{where} ({data.get('id', '?')})"
        self._unknown_keys(data, _QUESTION_KEYS, where)
        qid = self._text(data, "id", where)
        if qid and not _valid_id(qid):
            self.problem(where, tr("ugyldig id «{id}»", id=qid))
        text = self._text(data, "text", where)
        qtype = data.get("type")
        if qtype not in QUESTION_TYPES:
            self.problem(where, tr("ukjent type «{t}»", t=qtype))
            return None
        unit = data.get("unit")
        if qtype == "measurement" and unit not in MEASUREMENT_UNITS:
            self.problem(where, tr("en måling trenger enhet ({units})", units=", ".join(MEASUREMENT_UNITS)))
        if unit is not None and not isinstance(unit, str):
            self.problem(where, tr("«unit» må være tekst"))
            unit = None
        lo, hi = self._number(data, "min", where), self._number(data, "max", where)
        if (lo is not None or hi is not None) and qtype not in ("integer", "decimal", "measurement"):
            self.problem(where, tr("«min»/«max» gjelder bare tall og målinger"))
        if lo is not None and hi is not None and lo >= hi:
            self.problem(where, tr("ugyldig område: min {lo} er ikke mindre enn max {hi}", lo=lo, hi=hi))
        tool = data.get("tool")
        if tool is not None and tool not in TOOLS:
            self.problem(where, tr("ukjent verktøy «{t}»", t=tool))
        code = data.get("code")
        if code is not None and (not isinstance(code, str) or not code.strip()):
            self.problem(where, tr("«code» må være en ikke-tom tekst"))
            code = None
        required = data.get("required", False)
        if not isinstance(required, bool):
            self.problem(where, tr("«required» må være true eller false"))
            required = False
        return Question(
            id=qid, text=text, type=qtype, form_id=form_id, section_id=section_id,
            required=required, help=data.get("help", "") or "", code=code, unit=unit,
            minimum=lo, maximum=hi, decimals=int(data.get("decimals", 1) or 0),
            options=self._options(data, qtype, where), visible_if=self._condition(data, where),
            tool=tool, rule=data.get("rule", "") or "", max_length=int(data.get("max_length", 4000)),
            room_types=room_types,
        )


def load_form_file(path: Path) -> tuple[Form | None, list[Problem]]:
    """Parse one questionnaire file; returns the form (if readable) and its own problems."""
    data, raw, problems = read_toml(path)
    if data is None:
        return None, problems
    parser = _FormParser(path, data)
    form = parser.parse(raw)
    return form, problems + parser.problems


def cross_check(forms: Iterable[Form]) -> list[Problem]:
    """Problems across forms: duplicate ids and codes, dangling references in conditions."""
    problems: list[Problem] = []
    form_ids: dict[str, str] = {}
    seen: dict[str, str] = {}
    codes: dict[str, str] = {}
    forms = list(forms)
    for form in forms:
        name = Path(form.source).name
        if form.id in form_ids:
            problems.append(Problem(name, tr("skjema-id «{id}» er også brukt i {other}", id=form.id, other=form_ids[form.id])))
        form_ids[form.id] = name
        for section in form.sections:
            for q in section.questions:
                if q.id in seen:
                    problems.append(Problem(name, tr("spørsmåls-id «{id}» er også brukt i {other}", id=q.id, other=seen[q.id])))
                seen[q.id] = name
                if q.code:
                    if q.code in codes:
                        problems.append(Problem(name, tr("koden «{c}» er også brukt på «{other}»", c=q.code, other=codes[q.code])))
                    codes[q.code] = q.id
    known = set(seen) | set(codes)
    for form in forms:
        name = Path(form.source).name
        for section in form.sections:
            for ref in references(section.visible_if):
                if ref not in known:
                    problems.append(Problem(f"{name}: section ({section.id}).visible_if",
                                            tr("viser til ukjent spørsmål «{r}»", r=ref)))
            for q in section.questions:
                for ref in references(q.visible_if):
                    if ref not in known:
                        problems.append(Problem(f"{name}: question ({q.id}).visible_if",
                                                tr("viser til ukjent spørsmål «{r}»", r=ref)))
                    elif ref == q.id:
                        problems.append(Problem(f"{name}: question ({q.id}).visible_if",
                                                tr("et spørsmål kan ikke vise til seg selv")))
    return problems


def questionnaire_files(folder: Path) -> list[Path]:
    """Questionnaire files under a forms folder (``questionnaires/*.toml``)."""
    sub = folder / "questionnaires"
    return sorted(sub.glob("*.toml")) if sub.is_dir() else []


def load_registry(folder: Path | None = None) -> FormRegistry:
    """Load every questionnaire; raises ``FormsInvalid`` listing all problems if any."""
    from boligvurdering.resources import forms_dir

    folder = Path(folder) if folder else forms_dir()
    forms, problems = [], []
    files = questionnaire_files(folder)
    if not files:
        raise FormsInvalid([Problem(str(folder), tr("fant ingen skjemaer i questionnaires/"))])
    for path in files:
        form, found = load_form_file(path)
        problems += found
        if form:
            forms.append(form)
    problems += cross_check(forms)
    if problems:
        raise FormsInvalid(problems)
    return FormRegistry(forms)
