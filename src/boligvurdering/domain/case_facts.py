"""Per-case facts the team lead's figures need and the visit document does not carry.

A laptop derives them from what only it stores (its newest score snapshot, the date the report
was sent, the applications) and sends them in the synced visit document under ``facts``, keyed by
the laptop's device id, so each laptop rewrites only its own part and keeps the others' as pulled::

    "facts": {"<device id>": {"snapshot": {"at": …, "nutrition_screened": …, "nutrition_at_risk": …,
                                           "falls_rank": …, "fire_rank": …, "fire7_fail": …,
                                           "risk_rank": …},
                              "report_sent_at": "…", "applications": [{"id": …, "channel": …, …}],
                              "follow_ups": [{"id": …, "kind": …, "due_date": "…", "done": …}]}}

Every part is optional (an empty part is left out). They are derived, never edited: a merge takes
per laptop the side that changed (both changed: the newer snapshot), and never reports a clash.
Combined over every laptop: the newest snapshot, the first report date, every application and
follow-up once (by id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.i18n import tr

FACTS = "facts"
SNAPSHOT_FIELDS = ("nutrition_screened", "nutrition_at_risk", "falls_rank", "fire_rank", "fire7_fail")
APPLICATION_FIELDS = ("id", "channel", "sent_at", "decided_at", "granted", "amount_applied", "amount_granted")
FOLLOW_UP_FIELDS = ("id", "kind", "due_date", "done")
PARTS = {"snapshot", "report_sent_at", "applications", "follow_ups"}


@dataclass(frozen=True)
class CaseFacts:
    """The facts of one case over every laptop that sent some."""

    snapshot_at: datetime | None = None
    snapshot: dict[str, Any] = field(default_factory=dict)  # SNAPSHOT_FIELDS (+ risk_rank) of the newest snapshot
    report_sent_at: datetime | None = None
    applications: list[dict[str, Any]] = field(default_factory=list)
    follow_ups: list[dict[str, Any]] = field(default_factory=list)  # FOLLOW_UP_FIELDS, due_date as text

    def open_follow_up(self) -> date | None:
        """The earliest due date of an open follow-up (what ``next_due`` counts)."""
        days = [date.fromisoformat(f["due_date"]) for f in self.follow_ups if not f["done"]]
        return min(days) if days else None

    def undecided_sent(self) -> date | None:
        """The earliest sending date of an undecided application (what ``next_due`` counts)."""
        days = [date.fromisoformat(a["sent_at"]) for a in self.applications if a["sent_at"] and not a["decided_at"]]
        return min(days) if days else None


def without_facts(doc: Any) -> Any:
    """The document without its ``facts`` (as an exchange file has it); anything else as it is."""
    return {k: v for k, v in doc.items() if k != FACTS} if isinstance(doc, dict) else doc


def utc_naive(value: str) -> datetime:
    """An ISO time as naive UTC (how the laptop stores it)."""
    at = datetime.fromisoformat(value)
    return at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo else at


def _bad(path: str) -> InvalidValue:
    return InvalidValue(tr("facts: ugyldig verdi i «{p}»", p=path))


def _time(value: Any, path: str) -> None:
    try:
        utc_naive(value)
    except (TypeError, ValueError):
        raise _bad(path) from None


def _day(value: Any, path: str) -> None:
    if value is None:
        return
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _bad(path) from None


def _number(value: Any, path: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise _bad(path)


def check(raw: Any) -> None:
    """Refuse a ``facts`` member of the wrong shape (``InvalidValue`` naming the place)."""
    if not isinstance(raw, dict):
        raise _bad(FACTS)
    for source, part in raw.items():
        where = f"{FACTS}/{source}"
        if not isinstance(part, dict) or set(part) - PARTS:
            raise _bad(where)
        snap = part.get("snapshot")
        if snap is not None:
            if not isinstance(snap, dict):
                raise _bad(f"{where}/snapshot")
            _time(snap.get("at"), f"{where}/snapshot/at")
            risk = snap.get("risk_rank")  # optional: laptops before it sent none
            if risk is not None and (isinstance(risk, bool) or risk not in (0, 1, 2, 3)):
                raise _bad(f"{where}/snapshot/risk_rank")
            for key in SNAPSHOT_FIELDS:
                value = snap.get(key)
                if key.endswith("_rank") and not (isinstance(value, int) and not isinstance(value, bool)):
                    raise _bad(f"{where}/snapshot/{key}")
                if not key.endswith("_rank") and not isinstance(value, bool):
                    raise _bad(f"{where}/snapshot/{key}")
        if part.get("report_sent_at") is not None:
            _time(part["report_sent_at"], f"{where}/report_sent_at")
        apps = part.get("applications", [])
        if not isinstance(apps, list):
            raise _bad(f"{where}/applications")
        for n, app in enumerate(apps):
            at = f"{where}/applications/{n}"
            if not isinstance(app, dict) or not isinstance(app.get("id"), str) or not 0 < len(app["id"]) <= 64 \
                    or not isinstance(app.get("channel"), str):
                raise _bad(at)
            _day(app.get("sent_at"), f"{at}/sent_at")
            _day(app.get("decided_at"), f"{at}/decided_at")
            if app.get("granted") is not None and not isinstance(app["granted"], bool):
                raise _bad(f"{at}/granted")
            _number(app.get("amount_applied"), f"{at}/amount_applied")
            _number(app.get("amount_granted"), f"{at}/amount_granted")
        _check_follow_ups(part.get("follow_ups", []), f"{where}/follow_ups")


def _check_follow_ups(items: Any, where: str) -> None:
    if not isinstance(items, list):
        raise _bad(where)
    for n, item in enumerate(items):
        at = f"{where}/{n}"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not 0 < len(item["id"]) <= 64 \
                or not isinstance(item.get("kind"), str) or not 0 < len(item["kind"]) <= 64 \
                or not isinstance(item.get("done"), bool):
            raise _bad(at)
        if item.get("due_date") is None:
            raise _bad(f"{at}/due_date")
        _day(item["due_date"], f"{at}/due_date")


def combine(raw: Any) -> CaseFacts:
    """The case's facts over every laptop: newest snapshot, first report date, applications and
    follow-ups once each (by id; the first laptop in id order that has one)."""
    if not isinstance(raw, dict) or not raw:
        return CaseFacts()
    snapshot_at: datetime | None = None
    snapshot: dict[str, Any] = {}
    reports: list[datetime] = []
    apps: dict[str, dict[str, Any]] = {}
    follow: dict[str, dict[str, Any]] = {}
    for _source, part in sorted(raw.items()):
        snap = part.get("snapshot")
        if snap:
            at = utc_naive(snap["at"])
            if snapshot_at is None or at > snapshot_at:
                snapshot_at, snapshot = at, {k: snap[k] for k in (*SNAPSHOT_FIELDS, "risk_rank") if k in snap}
        if part.get("report_sent_at"):
            reports.append(utc_naive(part["report_sent_at"]))
        for app in part.get("applications") or []:
            apps.setdefault(app["id"], {k: app.get(k) for k in APPLICATION_FIELDS})
        for item in part.get("follow_ups") or []:
            follow.setdefault(item["id"], {k: item[k] for k in FOLLOW_UP_FIELDS})
    return CaseFacts(snapshot_at, snapshot, min(reports) if reports else None, list(apps.values()),
                     list(follow.values()))


def _stamp(part: Any) -> str:
    snap = part.get("snapshot") if isinstance(part, dict) else None
    return str(snap.get("at") or "") if isinstance(snap, dict) else ""


def merge(base: Any, mine: Any, theirs: Any) -> dict[str, Any]:
    """``facts`` of a three-way merge, laptop by laptop: the side that changed a laptop's part wins;
    both changed: the part with the newer snapshot (a tie: ``mine``, the newest derivation)."""
    b, m, t = (x if isinstance(x, dict) else {} for x in (base, mine, theirs))
    out: dict[str, Any] = {}
    for source in sorted(set(m) | set(t)):
        mp, tp, bp = m.get(source), t.get(source), b.get(source)
        if mp == bp:
            chosen = tp
        elif tp == bp:
            chosen = mp
        elif mp is None or tp is None:
            chosen = mp if tp is None else tp  # removed on one side, changed on the other: keep the change
        else:
            chosen = mp if _stamp(mp) >= _stamp(tp) else tp
        if chosen is not None:
            out[source] = chosen
    return out
