"""A first sync writes the visits new on this laptop in bulk: the same rows as the per-visit path."""

from __future__ import annotations

import copy
import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from boligvurdering.domain.national_id import make_synthetic
from boligvurdering.paths import AppPaths
from boligvurdering.services import sync_steps
from boligvurdering.services.context import open_context
from boligvurdering.services.demo import demo_documents
from boligvurdering.store import sync_bulk

NS = uuid.UUID("5a1c0de0-0000-4000-8000-00000000b01c")
TABLES = ("team_member", "client", "dwelling", "visit", "status_event", "visit_member", "room", "measure",
          "measure_allocation", "photo", "sync_visit", "answer", "assessment", "follow_up", "financing_fact",
          "household", "visit_statement")
STAMPS = {"created_at", "updated_at", "at", "changed_at"}
SET = {"report_sent_at", "signed_at", "signature"}  # made of generated stamps: whether set is compared


def _id(name: str) -> str:
    return str(uuid.uuid5(NS, name))


def _rich(i: int) -> dict[str, Any]:
    """A synced visit (no answers) with a signed team, rooms, measures with allocations and photos."""
    room, measure = _id(f"room{i}"), _id(f"measure{i}")
    return {
        "format": "boligvurdering.visit", "version": 1,
        "client": {"national_id": make_synthetic(date(1938, 3, 1 + i), 100 + i, female=True).value,
                   "given_name": "Ærlige Åse", "family_name": f"Øvrebø{i}", "phone": "40 00 00 99",
                   "lives_alone": True},
        "dwelling": {"address": "Blåbærstien 7", "postal_code": "5914", "postal_place": "Isdalstø",
                     "municipality_number": "4631", "dwelling_type": "enebolig", "floors": 2, "has_lift": False},
        "visit": {"id": _id(f"visit{i}"), "status": ["gjennomfort", "rapport_sendt", "henvist"][i % 3],
                  "visit_date": "2026-11-02", "referral_date": "2026-10-01", "referral_source": "home_care",
                  "referral_reason": "Fall på badet",
                  "team": [{"id": _id("ingrid"), "name": "Ingrid Fjellstøl", "role": "ergoterapeut",
                            "phone": "55 11 22 33", "contact": True, "signed_at": "2026-11-03T10:00:00+00:00"},
                           {"id": _id(f"lars{i % 2}"), "name": "Lars Håvardsholm", "role": "boligkonsulent",
                            "phone": "55 11 22 44"}]},
        "answers": {},
        "rooms": [{"id": room, "type": "bathroom", "name": "Bad", "answers": {}},
                  {"id": _id(f"hall{i}"), "type": "hall", "name": "Gang", "floor": 1, "answers": {}}],
        "measures": [{"id": measure, "catalogue_id": "step_free_shower", "title": "Trinnfri dusj", "domain": "housing",
                      "status": "accepted", "reason": "Badekarkanten", "room": room, "cost_min": 40000,
                      "cost_max": 60000, "kind": "permanent", "allocations": {"kommunalt_tilskudd": 30000},
                      "details": {"door_swing": "utover"}}],
        "plan": {"household": {"civil_status": "enke_enkemann", "tenure": "eier"} if i % 2 else {},
                 "statement": f"Trenger trinnfri dusj ({i})."},
        "photos": [{"id": _id(f"photo{i}"), "file_name": f"{_id(f'photo{i}')}.jpg", "sha256": "ab" * 32,
                    "width": 64, "height": 48, "room": room, "measure": measure, "caption": "Dusjen"}],
    }


def _page(registry: Any) -> list[dict[str, Any]]:
    docs = [_rich(i) for i in range(4)]
    again = copy.deepcopy(docs[0])  # the same client's second visit: not new to this laptop's clients
    again["visit"]["id"], again["rooms"], again["measures"], again["photos"] = _id("again"), [], [], []
    docs.append(again)
    for doc in demo_documents(registry):
        doc["answers"], doc["forms"] = {}, []
        for room in doc["rooms"]:
            room["answers"] = {}
        docs.append(doc)
    return [{"id": doc["visit"]["id"], "seq": n + 1, "doc": doc} for n, doc in enumerate(docs)]


def _apply(root: Any, bulk: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, list], int]:
    with monkeypatch.context() as m:
        if not bulk:
            m.setattr(sync_steps, "bulk_candidates", lambda _s, parsed: [False] * len(parsed))
        ctx = open_context(AppPaths(root), role="administrator")
        items = _page(ctx.registry)
        with ctx.db.transaction() as s:
            took = sum(sync_bulk.bulk_candidates(s, [sync_steps.parse_exchange(i["doc"], ctx.registry)
                                                     for i in items]))
            assert sync_steps.apply_visits(ctx, s, items) == len(items)
        with ctx.db.transaction() as s:
            dump = {table: _rows(s, table) for table in TABLES}
        ctx.close()
    return dump, took


def _rows(s: Any, table: str) -> list:
    """The table's rows without generated stamps, random ids named by what they belong to."""
    names = {row[0]: f"client:{row[1]}" for row in s.execute(text("SELECT id, national_id FROM client"))}
    names |= {row[0]: f"dwelling:{names[row[1]]}" for row in s.execute(text("SELECT id, client_id FROM dwelling"))}
    result = s.execute(text(f"SELECT * FROM {table}"))  # noqa: S608 - fixed table names
    keys = list(result.keys())
    random_id = table in ("status_event", "visit_member", "measure_allocation", "sync_visit", "financing_fact", "household",
                         "visit_statement")
    return sorted(repr(tuple((k, (v is not None) if k in SET else names.get(v, v)) for k, v in zip(keys, row, strict=True)
                             if k not in STAMPS and not (random_id and k == "id"))) for row in result)


def test_a_page_of_new_visits_written_in_bulk_has_the_rows_of_the_per_visit_path(tmp_path, monkeypatch):
    bulk, took = _apply(tmp_path / "bulk", True, monkeypatch)
    orm, _ = _apply(tmp_path / "orm", False, monkeypatch)
    assert took == 9  # every new client's visit; the second visit of a client takes the per-visit path
    assert len(bulk["visit"]) == 10 and len(bulk["photo"]) == 4 and len(bulk["measure_allocation"]) == 4
    assert sum("('signed_at', True)" in row for row in bulk["visit_member"]) == 5
    assert len(bulk["visit_statement"]) == 5 and len(bulk["household"]) == 2
    for table in TABLES:
        assert bulk[table] == orm[table], table
