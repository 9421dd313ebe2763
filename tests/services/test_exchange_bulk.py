"""Importing many exchange files in bulk writes the same rows as importing them one by one."""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import text

from boligvurdering.domain.national_id import make_synthetic
from boligvurdering.paths import AppPaths
from boligvurdering.security.categories import is_sealed
from boligvurdering.services import audit, exchange_bulk
from boligvurdering.services.auth import first_start
from boligvurdering.services.demo import demo_documents
from boligvurdering.services.exchange import ExchangeService, read_document
from boligvurdering.store import sync_bulk

NS = uuid.UUID("5a1c0de0-0000-4000-8000-0000000b1c0d")
TABLES = ("team_member", "client", "dwelling", "visit", "status_event", "visit_member", "room", "measure",
          "measure_allocation", "photo", "answer", "assessment", "sync_answer", "sync_device", "follow_up",
          "financing_fact", "household", "visit_statement")
STAMPS = {"created_at", "updated_at", "at", "changed_at"}
RANDOM_ID = ("status_event", "visit_member", "measure_allocation", "financing_fact", "household", "visit_statement",
             "sync_answer", "sync_device")
SET = {"report_sent_at", "signed_at"}  # made of generated stamps: whether set is compared


def _id(name: str) -> str:
    return str(uuid.uuid5(NS, name))


def _jpeg(i: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (10 * i % 250, 120, 30)).save(buf, "JPEG")
    return buf.getvalue()


def _doc(registry: Any, i: int) -> dict[str, Any]:
    """A new visit: visit-level and room answers (health ones among them), measures, plan, photo, known team."""
    doc = copy.deepcopy(demo_documents(registry)[0])
    doc["client"].update(national_id=make_synthetic(date(1938, 3, 1 + i % 28), 100 + i, female=True).value,
                         family_name=f"Øvrebø{i}")
    doc["visit"]["id"] = _id(f"visit{i}")
    for n, room in enumerate(doc["rooms"]):
        room["id"] = _id(f"room{i}.{n}")
    room, measure, jpeg = doc["rooms"][0]["id"], _id(f"measure{i}"), _jpeg(i)
    doc["measures"] = [{"id": measure, "catalogue_id": "step_free_shower", "title": "Trinnfri dusj",
                        "domain": "housing", "status": "accepted", "reason": "Badekarkanten", "room": room,
                        "cost_min": 40000, "cost_max": 60000, "kind": "permanent",
                        "allocations": {"kommunalt_tilskudd": 30000, "startlan": 10000 + i}}]
    doc["plan"] = {"household": {"civil_status": "enke_enkemann", "tenure": "eier", "members": 1,
                                 "gross_income_year": 310917 + i},
                   "statement": f"Trenger trinnfri dusj ({i})."}
    doc["photos"] = [{"id": _id(f"photo{i}"), "sha256": hashlib.sha256(jpeg).hexdigest(), "width": 64, "height": 48,
                      "room": room, "measure": measure, "caption": "Dusjen",
                      "data": base64.b64encode(jpeg).decode("ascii")}]
    return doc


def _files(folder: Path, registry: Any) -> tuple[list[dict[str, Any]], list[Path]]:
    """(documents imported before, the batch's files): a mixed batch."""
    seeded = [_doc(registry, 90), _doc(registry, 91)]
    same_client = _doc(registry, 92)  # a new visit of a client already here
    same_client["client"] = copy.deepcopy(seeded[0]["client"])
    same_client["client"]["phone"] = "99 99 99 99"
    updated = copy.deepcopy(seeded[1])  # a visit already here: changed answers, status and photos
    updated["visit"]["status"] = "rapport_sendt"
    updated["answers"]["TUG.SECONDS"] = 21.5
    del updated["rooms"][1]
    updated["photos"] = []
    twice = _doc(registry, 3)
    again = copy.deepcopy(twice)  # the same visit a second time in the batch
    again["answers"]["TUG.SECONDS"] = 9.5
    again["plan"]["statement"] = "Endret."
    no_bytes = _doc(registry, 5)  # a new visit whose photo does not travel with it: refused
    del no_bytes["photos"][0]["data"]
    newcomer = _doc(registry, 6)  # a team member not known here yet
    newcomer["visit"]["team"].append({"id": _id("nils"), "name": "Nils Nymann", "role": "fysioterapeut",
                                      "phone": "55 00 00 09", "contact": False})
    homeless = _doc(registry, 8)  # housing facts without a dwelling: refused
    homeless["dwelling"] = None
    homeless["measures"], homeless["photos"] = [], []
    batch = [_doc(registry, 0), _doc(registry, 1), same_client, updated, "not json {", twice, no_bytes, again,
             newcomer, homeless, _doc(registry, 7)]
    paths = []
    for n, doc in enumerate(batch):
        path = folder / f"visit-{n:02d}.json"
        path.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return seeded, paths


def _import(root: Path, bulk: bool) -> tuple[dict[str, list], list, list[exchange_bulk.ImportOutcome], Any]:
    ctx = first_start(AppPaths(root), "admin", "korrekt hest batteri", "Ada Admin")
    service = ExchangeService(ctx)
    folder = root / "files"
    folder.mkdir()
    seeded, paths = _files(folder, ctx.registry)
    for doc in seeded:
        assert service.import_document(doc).status == "new"
    if bulk:
        outcomes = service.import_paths(paths)
    else:  # one by one, as before: each file in its own transaction
        outcomes = []
        for path in paths:
            try:
                outcomes.append(service.import_document(read_document(path), source=str(path)))
            except Exception as exc:
                outcomes.append(exchange_bulk.failed(str(path), exc))
    with ctx.db.transaction() as s:
        dump = {table: _rows(s, table) for table in TABLES}
        log = [tuple(row) for row in s.execute(text(
            "SELECT a.seq, a.action, a.record_type, a.record_id, c.national_id, a.details_json "
            "FROM audit_entry a LEFT JOIN client c ON replace(c.id, '-', '') = replace(a.client_id, '-', '') "
            "ORDER BY a.seq"))]
    return dump, log, outcomes, ctx


def _plain(value: Any) -> Any:
    """A sealed value (each database has its own keys) compared as sealed or not."""
    if isinstance(value, str) and value.startswith("{"):
        try:
            return "<sealed>" if is_sealed(json.loads(value)) else value
        except ValueError:
            return value
    return value


def _rows(s: Any, table: str) -> list[str]:
    """The table's rows without generated stamps, random ids named by what they belong to."""
    names = {row[0]: f"client:{row[1]}" for row in s.execute(text("SELECT id, national_id FROM client"))}
    names |= {row[0]: f"dwelling:{names[row[1]]}" for row in s.execute(text("SELECT id, client_id FROM dwelling"))}
    names |= {row[0]: f"assessment:{row[1]}:{row[2]}"
              for row in s.execute(text("SELECT id, visit_id, form_id FROM assessment"))}
    names |= {row[0]: "this device" for row in s.execute(text("SELECT id FROM sync_device"))}
    result = s.execute(text(f"SELECT * FROM {table}"))  # noqa: S608 - fixed table names
    keys = list(result.keys())
    return sorted(repr(tuple((k, (v is not None) if k in SET else names.get(v, _plain(v)))
                             for k, v in zip(keys, row, strict=True)
                             if k not in STAMPS and not (table in RANDOM_ID and k == "id"))) for row in result)


def _photo_files_kept(ctx: Any) -> bool:
    """Every photo row's file is there; the refused file's photo was not written."""
    with ctx.db.transaction() as s:
        files = [name for (name,) in s.execute(text("SELECT file_name FROM photo"))]
    return len(files) == 7 and all(ctx.files.exists(name) for name in files) \
        and not any(_id("photo5") in path.name for path in ctx.files.root.iterdir())


def _statuses(outcomes: list[exchange_bulk.ImportOutcome]) -> list[tuple[str, str, str]]:
    return [(Path(o.source).name, o.status, o.client_name) for o in outcomes]


def test_a_mixed_batch_imported_in_bulk_has_the_rows_of_importing_file_by_file(tmp_path):
    bulk, bulk_log, outcomes, ctx = _import(tmp_path / "bulk", True)
    try:
        single, single_log, expected, other = _import(tmp_path / "single", False)
        other.close()
        assert _statuses(outcomes) == _statuses(expected)
        assert [o.status for o in outcomes] == ["new", "new", "new", "updated", "refused", "new", "refused",
                                                "updated", "new", "refused", "new"]
        assert outcomes[2].client_name == "Astrid Øvrebø90" and "data" in outcomes[6].problems[0].message
        assert len(bulk["visit"]) == 8 and len(bulk["photo"]) == 7 and len(bulk["measure_allocation"]) == 16
        assert sum("<sealed>" in row for row in bulk["answer"]) > 9  # health answers sealed, in bulk too
        assert len(bulk["household"]) == 8 and any("'Endret.'" in row for row in bulk["visit_statement"])
        # every answer tracked (the removed room's answers went with it, their rows stay, as one by one)
        assert len(bulk["sync_answer"]) == len(bulk["answer"]) + 6
        for table in TABLES:
            assert bulk[table] == single[table], table
        assert [row[1:] for row in bulk_log] == [row[1:] for row in single_log]
        assert [row[1] for row in bulk_log].count("exchange.import") == 10  # 2 seeded + 8 imported
        assert audit.verify(ctx).ok
        assert _photo_files_kept(ctx)
    finally:
        ctx.close()


def test_a_page_whose_bulk_insert_fails_is_imported_file_by_file(tmp_path, monkeypatch):
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("bulk insert failed")

    monkeypatch.setattr(exchange_bulk, "insert_new_visits", broken)
    monkeypatch.setattr(exchange_bulk, "PAGE", 4)
    bulk, bulk_log, outcomes, ctx = _import(tmp_path / "bulk", True)
    try:
        single, single_log, expected, other = _import(tmp_path / "single", False)
        other.close()
        assert _statuses(outcomes) == _statuses(expected)
        assert [o.status for o in outcomes].count("new") == 6 and _photo_files_kept(ctx)
        for table in TABLES:
            assert bulk[table] == single[table], table
        assert [row[1:] for row in bulk_log] == [row[1:] for row in single_log]
        assert audit.verify(ctx).ok
    finally:
        ctx.close()


def test_the_bulk_writer_takes_the_new_visits_and_leaves_the_rest(tmp_path, monkeypatch):
    took: list[list[bool]] = []
    real = sync_bulk.bulk_candidates

    def spy(*args: Any, **kwargs: Any) -> list[bool]:
        took.append(real(*args, **kwargs))
        return took[-1]

    monkeypatch.setattr(exchange_bulk, "bulk_candidates", spy)
    _bulk, _log, _outcomes, ctx = _import(tmp_path / "bulk", True)
    ctx.close()
    # files 0, 1, 5 (first of the twice-imported visit), 8 and 10 go in bulk; file 4 never parsed
    assert took == [[True, True, False, False, True, False, False, True, False, True]]


def test_files_are_written_in_pages_of_a_bounded_count_and_size(tmp_path, monkeypatch):
    sizes = [10, 10, 10, 50, 10, 90, 10]
    paths = []
    for n, size in enumerate(sizes):
        paths.append(tmp_path / f"{n}.json")
        paths[-1].write_bytes(b" " * size)
    paths.append(tmp_path / "missing.json")
    monkeypatch.setattr(exchange_bulk, "PAGE", 3)
    monkeypatch.setattr(exchange_bulk, "PAGE_BYTES", 60)
    assert [[p.name for p in page] for page in exchange_bulk.pages(paths)] == [
        ["0.json", "1.json", "2.json"], ["3.json", "4.json"], ["5.json"], ["6.json", "missing.json"]]
