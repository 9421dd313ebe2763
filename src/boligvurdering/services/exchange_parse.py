"""Validate a visit exchange file completely before anything is written.

Every problem is reported with its field path (``rooms[2].answers.SI.3``) in Norwegian.
The result is a ``ParsedVisit`` with clean values and answers keyed by question id.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from boligvurdering.domain import validation as v
from boligvurdering.domain.assessment import AssessmentData, RoomAnswers
from boligvurdering.domain.dates import age_on
from boligvurdering.domain.enums import MeasureStatus, Role, RoomType
from boligvurdering.domain.errors import InvalidValue, Problem, ValidationFailed
from boligvurdering.domain.photo_files import synced_name
from boligvurdering.formsengine.active import active_answers
from boligvurdering.i18n import tr
from boligvurdering.photos.sniff import sniff_format
from boligvurdering.services.clients import clean_client, clean_dwelling
from boligvurdering.services.collect import Collector
from boligvurdering.services.measures import clean_measure
from boligvurdering.services.plan import clean_household, clean_statement
from boligvurdering.services.visits import clean_visit

if TYPE_CHECKING:
    from boligvurdering.formsengine.model import FormRegistry, Question

FORMAT = "boligvurdering.visit"
VERSION = 1
NAMESPACE = uuid.UUID("6f1c3c52-8f55-4b8e-9a55-0f6d1b0c2a11")
_TOP_KEYS = {"format", "version", "client", "dwelling", "visit", "answers", "rooms", "measures", "photos", "forms",
             "plan"}
MAX_PHOTO_BASE64 = 20 * 1024 * 1024  # ≈ 15 MB of JPEG
MEASURE_FIELDS = {
    "id", "catalogue_id", "title", "domain", "status", "reason", "reject_reason", "priority",
    "responsible_role", "due_date", "room", "quantity", "unit", "unit_price", "quote_amount",
    "quote_supplier", "quote_date", "cost_min", "cost_max", "kind", "details", "allocations", "done_at",
    "non_nav_cost",
}


@dataclass
class ParsedVisit:
    visit_id: str
    client: dict[str, Any]
    dwelling: dict[str, Any] | None
    visit: dict[str, Any]
    team: list[dict[str, Any]]
    answers: dict[str, Any]
    rooms: list[dict[str, Any]]
    measures: list[dict[str, Any]] = field(default_factory=list)
    photos: list[dict[str, Any]] = field(default_factory=list)
    plan: dict[str, Any] = field(default_factory=dict)


def _uuid_or_none(value: Any, path: str, c: Collector) -> str | None:
    if value is None:
        return None
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        c.problems.append(Problem(path, tr("ugyldig id (UUID forventet)")))
        return None


def _resolve_value(q: Question, key: str, value: Any) -> Any:
    """A code key with an integer for a pointed choice means 'the option with these points'."""
    if key == q.code and q.type == "single_choice" and isinstance(value, int) and not isinstance(value, bool):
        match = next((o for o in q.options if o.points == value), None)
        if match is None:
            allowed = sorted({o.points for o in q.options if o.points is not None})
            raise InvalidValue(tr("Ugyldig poengverdi {v}; tillatt: {a}.", v=value, a=allowed))
        return match.value
    return q.validate(value)


def parse_answers(raw: Any, path: str, registry: FormRegistry, room_type: str | None, c: Collector) -> dict[str, Any]:
    """Answers keyed by question id or code → {question_id: clean value}."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        c.problems.append(Problem(path, tr("må være et objekt (spørsmål → svar)")))
        return {}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        where = f"{path}.{key}"
        q = registry.resolve(key)
        if q is None:
            c.problems.append(Problem(where, tr("ukjent spørsmål eller kode")))
            continue
        if room_type is None and q.room_scoped:
            c.problems.append(Problem(where, tr("spørsmålet gjelder et rom og må stå under «rooms»")))
            continue
        if room_type is not None and not q.room_scoped:
            c.problems.append(Problem(where, tr("spørsmålet gjelder hele besøket og må stå under «answers»")))
            continue
        if room_type is not None and "*" not in q.room_types and room_type not in q.room_types:
            c.problems.append(Problem(where, tr("spørsmålet hører ikke til romtypen «{t}»", t=room_type)))
            continue
        if q.id in out:
            c.problems.append(Problem(where, tr("spørsmålet er besvart to ganger (id og kode)")))
            continue
        if value is None:
            continue
        try:
            out[q.id] = _resolve_value(q, key, value)
        except InvalidValue as exc:
            c.problems.append(Problem(where, exc.message))
    return out


def _timestamp(value: Any, path: str, c: Collector) -> str | None:
    """An ISO timestamp; one without a time zone is taken as UTC."""
    if value is None:
        return None
    try:
        stamp = datetime.fromisoformat(str(value))
        stamp = (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone(UTC)
        if not v.MIN_YEAR <= stamp.year <= v.MAX_YEAR:
            raise ValueError
    except (ValueError, OverflowError):
        c.problems.append(Problem(path, tr("ugyldig tidspunkt (ISO 8601 mellom år {lo} og {hi} forventet)",
                                           lo=v.MIN_YEAR, hi=v.MAX_YEAR)))
        return None
    return stamp.isoformat()


def _parse_team(raw: Any, c: Collector) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.problems.append(Problem("visit.team", tr("må være en liste")))
        return []
    team = []
    for i, m in enumerate(raw):
        p = f"visit.team[{i}]"
        if not isinstance(m, dict):
            c.problems.append(Problem(p, tr("må være et objekt")))
            continue
        team.append({
            "id": _uuid_or_none(m.get("id"), f"{p}.id", c),
            "name": c.field(f"team[{i}].name", v.name, m.get("name"), tr("Navn")),
            "role": c.field(f"team[{i}].role", v.enum_value, m.get("role"), Role, tr("Rolle")),
            "phone": c.field(f"team[{i}].phone", v.phone, m.get("phone")),
            "contact": m.get("contact") is True,
            "signed_at": _timestamp(m.get("signed_at"), f"{p}.signed_at", c),
        })
    if sum(1 for m in team if m["contact"]) > 1:
        c.problems.append(Problem("visit.team", tr("bare én person kan være kontaktperson")))
    return team


def _parse_rooms(raw: Any, visit_id: str, registry: FormRegistry, c: Collector) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.problems.append(Problem("rooms", tr("må være en liste")))
        return []
    rooms: list[dict[str, Any]] = []
    for i, room in enumerate(raw):
        p = f"rooms[{i}]"
        if not isinstance(room, dict):
            c.problems.append(Problem(p, tr("må være et objekt")))
            continue
        rtype = c.field(f"{p}.type", v.enum_value, room.get("type"), RoomType, tr("Romtype"))
        name = room.get("name") or (RoomType(rtype).label() if rtype else "")
        if not isinstance(name, str) or len(name) > 100:
            c.problems.append(Problem(f"{p}.name", tr("må være tekst (høyst 100 tegn)")))
        rid = _uuid_or_none(room.get("id"), f"{p}.id", c) or str(uuid.uuid5(NAMESPACE, f"{visit_id}|room|{i}|{rtype}|{name}"))
        floor = c.field(f"{p}.floor", v.optional_int, room.get("floor"), tr("Etasje"), -2, 30)
        answers = parse_answers(room.get("answers"), f"{p}.answers", registry, rtype or "other", c) if rtype else {}
        if rid in {r["id"] for r in rooms}:
            c.problems.append(Problem(f"{p}.id", tr("samme rom-id står to ganger")))
        rooms.append({"id": rid, "type": rtype, "name": name, "floor": floor, "answers": answers})
    return rooms


def _parse_measures(raw: Any, rooms: list[dict[str, Any]], c: Collector) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.problems.append(Problem("measures", tr("må være en liste")))
        return []
    out: list[dict[str, Any]] = []
    for i, m in enumerate(raw):
        p = f"measures[{i}]"
        if not isinstance(m, dict):
            c.problems.append(Problem(p, tr("må være et objekt")))
            continue
        for key in sorted(set(m) - MEASURE_FIELDS):
            c.problems.append(Problem(f"{p}.{key}", tr("ukjent felt")))
        sub = Collector(f"{p}.")
        clean = clean_measure(m, sub)
        clean["id"] = _uuid_or_none(m.get("id"), f"{p}.id", c) or str(uuid.uuid4())
        clean["status"] = sub.field("status", v.enum_value, m.get("status", "proposed"), MeasureStatus, tr("Status"))
        room = m.get("room")
        if room is not None and room not in {r["id"] for r in rooms}:
            sub.problems.append(Problem(f"{p}.room", tr("viser til et rom som ikke finnes i filen")))
        clean["room_id"] = room
        if clean["id"] in {o["id"] for o in out}:
            sub.problems.append(Problem(f"{p}.id", tr("samme tiltak-id står to ganger")))
        c.problems += sub.problems
        out.append(clean)
    return out


def _photo_data(raw: Any, sha: Any, p: str, c: Collector) -> bytes | None:
    """The photo's own bytes (base64 JPEG) when the file brings them; their hash must be ``sha256``."""
    if raw is None:
        return None
    try:
        if not isinstance(raw, str) or len(raw) > MAX_PHOTO_BASE64:
            raise ValueError
        data = base64.b64decode(raw, validate=True)
    except ValueError:
        c.problems.append(Problem(f"{p}.data", tr("må være et JPEG-bilde i base64 (høyst 15 MB)")))
        return None
    if sniff_format(data) != "JPEG":
        c.problems.append(Problem(f"{p}.data", tr("er ikke et JPEG-bilde")))
    elif hashlib.sha256(data).hexdigest() != sha:
        c.problems.append(Problem(f"{p}.sha256", tr("stemmer ikke med bildet i «data»")))
    return data


def _parse_photo(ph: dict[str, Any], p: str, room_ids: set[str], measure_ids: set[str], c: Collector) -> dict[str, Any]:
    name = ph.get("file_name")  # informative only: a file is never looked up by this name
    if name is not None and (not isinstance(name, str) or not name or "/" in name or "\\" in name or name.startswith(".")):
        c.problems.append(Problem(f"{p}.file_name", tr("må være et filnavn uten mappe")))
    sha = ph.get("sha256")
    if not isinstance(sha, str) or len(sha) != 64 or any(ch not in "0123456789abcdef" for ch in sha):
        c.problems.append(Problem(f"{p}.sha256", tr("må være en SHA-256-sum (64 heksadesimale tegn)")))
    data = _photo_data(ph.get("data"), sha, p, c)
    dims = {k: c.field(f"photos.{k}", v.optional_int, ph.get(k), k, 1, 100_000) for k in ("width", "height")}
    caption = ph.get("caption") or ""
    if not isinstance(caption, str) or len(caption) > 500:
        c.problems.append(Problem(f"{p}.caption", tr("må være tekst (høyst 500 tegn)")))
    if ph.get("room") is not None and ph.get("room") not in room_ids:
        c.problems.append(Problem(f"{p}.room", tr("viser til et rom som ikke finnes i filen")))
    if ph.get("measure") is not None and ph.get("measure") not in measure_ids:
        c.problems.append(Problem(f"{p}.measure", tr("viser til et tiltak som ikke finnes i filen")))
    taken = _timestamp(ph.get("taken_at"), f"{p}.taken_at", c)
    pid = _uuid_or_none(ph.get("id"), f"{p}.id", c) or str(uuid.uuid4())
    return {"id": pid, "data": data, "file_name": synced_name(pid, str(sha), name if isinstance(name, str) else None),
            "caption": caption if isinstance(caption, str) else "", "room_id": ph.get("room"),
            "question_id": ph.get("question_id") if isinstance(ph.get("question_id"), str) else None,
            "measure_id": ph.get("measure"), "sha256": sha, "width": dims["width"] or 1, "height": dims["height"] or 1,
            "taken_at": datetime.fromisoformat(taken) if taken else None,
            "size_bytes": ph.get("size_bytes") if isinstance(ph.get("size_bytes"), int) else 0}


def _parse_photos(raw: Any, rooms: list[dict[str, Any]], measures: list[dict[str, Any]], c: Collector) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.problems.append(Problem("photos", tr("må være en liste")))
        return []
    room_ids, measure_ids = {r["id"] for r in rooms}, {m["id"] for m in measures}
    out = []
    for i, ph in enumerate(raw):
        if not isinstance(ph, dict):
            c.problems.append(Problem(f"photos[{i}]", tr("må være et objekt")))
            continue
        out.append(_parse_photo(ph, f"photos[{i}]", room_ids, measure_ids, c))
        if out[-1]["id"] in {o["id"] for o in out[:-1]}:
            c.problems.append(Problem(f"photos[{i}].id", tr("samme bilde-id står to ganger")))
    return out


def _parse_plan(raw: Any, c: Collector) -> dict[str, Any]:
    """The household economy and the therapist's statement behind the financing plan.

    Checked with the plan service's own rules, so a file is refused before anything is written.
    """
    if raw is None:
        return {}
    if not isinstance(raw, dict) or set(raw) - {"household", "statement"}:
        c.problems.append(Problem("plan", tr("må være et objekt med «household» og «statement»")))
        return {}
    household = raw.get("household") or {}
    if not isinstance(household, dict) or not all(  # co-residents: a list, checked by clean_household
            isinstance(v, int | float | bool | str) or (k == "co_residents" and isinstance(v, list))
            for k, v in household.items()):
        c.problems.append(Problem("plan.household", tr("må være et objekt med tall, tekst og ja/nei-verdier")))
        household = {}
    household = c.field("plan.household", lambda: clean_household(household)) or {}
    statement = c.field("plan.statement", lambda: clean_statement(raw.get("statement") or "")) or ""
    return {"household": household, "statement": statement}


def parse_exchange(data: Any, registry: FormRegistry, *, anonymised: bool = False) -> ParsedVisit:
    """Validate a decoded exchange document. Raises ``ValidationFailed`` with every problem.

    ``anonymised``: the team server marks the visit anonymised, so a pseudonym stands for the national ID.
    """
    c = Collector()
    if not isinstance(data, dict):
        raise ValidationFailed([Problem("", tr("filen må inneholde et JSON-objekt"))], tr("Ugyldig besøksfil"))
    if data.get("format") != FORMAT:
        c.problems.append(Problem("format", tr("må være «{f}»", f=FORMAT)))
    if data.get("version") != VERSION:
        c.problems.append(Problem("version", tr("versjon {v} støttes ikke (forventet {e})", v=data.get("version"), e=VERSION)))
    for key in sorted(set(data) - _TOP_KEYS):
        c.problems.append(Problem(key, tr("ukjent felt")))
    for key in ("client", "visit"):
        if not isinstance(data.get(key), dict):
            c.problems.append(Problem(key, tr("mangler eller er ikke et objekt")))
    if c.problems and not all(isinstance(data.get(k), dict) for k in ("client", "visit")):
        raise ValidationFailed(c.problems, tr("Ugyldig besøksfil"))
    cc = Collector("client.")
    client = clean_client(data["client"], cc, anonymised=anonymised)
    c.problems += cc.problems
    dwelling = None
    if data.get("dwelling") is not None:
        dc = Collector("dwelling.")
        dwelling = clean_dwelling(data["dwelling"], dc) if isinstance(data["dwelling"], dict) else None
        c.problems += dc.problems if isinstance(data["dwelling"], dict) else [Problem("dwelling", tr("må være et objekt"))]
    vc = Collector("visit.")
    visit = clean_visit(data["visit"], vc)
    c.problems += vc.problems
    vid = _uuid_or_none(data["visit"].get("id"), "visit.id", c) or str(
        uuid.uuid5(NAMESPACE, f"{client.get('national_id')}|{data['visit'].get('visit_date')}"))
    tc = Collector("visit.")
    team = _parse_team(data["visit"].get("team"), tc)
    c.problems += tc.problems
    answers = parse_answers(data.get("answers"), "answers", registry, None, c)
    rooms = _parse_rooms(data.get("rooms"), vid, registry, c)
    measures = _parse_measures(data.get("measures"), rooms, c)
    photos = _parse_photos(data.get("photos"), rooms, measures, c)
    plan = _parse_plan(data.get("plan"), c)
    c.raise_if_any(tr("Besøksfilen er avvist, ingenting er lagret"))
    return ParsedVisit(vid, client, dwelling, visit, team, answers, rooms, measures, photos, plan)


def to_assessment(parsed: ParsedVisit, registry: FormRegistry, today: Any = None) -> Any:
    """Scoring input from a parsed file (age and sex from the client part); hidden answers left out."""
    from datetime import date


    day = parsed.visit.get("visit_date") or today or date.today()
    born = parsed.client["birth_date"]
    age = age_on(born, day)
    answers, per_room = active_answers(registry, parsed.answers, {r["id"]: r["answers"] for r in parsed.rooms})
    return AssessmentData(
        answers=answers,
        rooms=tuple(RoomAnswers(r["id"], r["type"], r["name"], per_room[r["id"]]) for r in parsed.rooms),
        age=age, sex=parsed.client["sex"], visit_date=day, lives_alone=parsed.client.get("lives_alone"),
    )
