"""Import validation with limits; each file its own outcome; fuzzed files never crash (issue 19, item 6)."""

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boligvurdering.cli.main import main
from boligvurdering.domain.errors import ValidationFailed
from boligvurdering.services.demo import demo_documents
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.store.models import Answer, Client, Measure, Photo, Room, Visit

MODELS = (Client, Visit, Room, Answer, Measure, Photo)


def counts(ctx):
    from sqlmodel import func, select

    with ctx.db.transaction() as s:
        return {m.__tablename__: s.exec(select(func.count()).select_from(m)).one() for m in MODELS}


@pytest.fixture
def base(ctx):
    return demo_documents(ctx.registry)[0]


def _refused(ctx, doc):
    before = counts(ctx)
    with pytest.raises(ValidationFailed) as exc:
        ExchangeService(ctx).import_document(doc)
    assert counts(ctx) == before
    return " ".join(str(p) for p in exc.value.problems)


@pytest.mark.parametrize("nid", ["1507650056²", "150765005①6", "１５０７６５００５６６", "15076500566\ud800"])
def test_national_id_only_ascii_digits(ctx, base, nid):
    doc = copy.deepcopy(base)
    doc["client"]["national_id"] = nid
    _refused(ctx, doc)


@pytest.mark.parametrize("where,value", [
    (("client", "given_name"), "Kari\ud800"),            # lone surrogate
    (("rooms", 0, "floor"), 2**63),
    (("rooms", 0, "floor"), 10**400),
    (("visit", "visit_date"), "9999-12-31"),
    (("visit", "team", 0, "signed_at"), "9999-12-31T23:59:59-23:59"),  # time-zone overflow
    (("client",), []),                                   # a list where an object is expected
    (("rooms", 0), []),
    (("visit", "notes"), [[[[[[[[[[[["dypt"]]]]]]]]]]]]),
    (("client", "notes"), "x" * 20_000),
])
def test_values_outside_the_limits_are_refused(ctx, base, where, value):
    doc = copy.deepcopy(base)
    doc.setdefault("visit", {}).setdefault("team", [{"name": "Kari", "role": "ergoterapeut"}])
    node = doc
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    assert _refused(ctx, doc)


def test_too_many_measures_are_refused_before_parsing(ctx, base):
    doc = copy.deepcopy(base)
    doc["measures"] = [{"title": f"T{i}", "domain": "housing"} for i in range(50_000)]
    assert "høyst 300" in _refused(ctx, doc)


def test_duplicate_room_and_photo_ids_are_refused(ctx, base):
    doc = copy.deepcopy(base)
    room = {"id": "6f1c3c52-8f55-4b8e-9a55-0f6d1b0c2a99", "type": "bathroom", "name": "Bad"}
    doc["rooms"] = [room, dict(room, name="Bad 2")]
    assert "rom-id" in _refused(ctx, doc)


@pytest.mark.parametrize("key", ["answers", "measures", "photos"])
def test_null_on_reimport_is_refused_and_deletes_nothing(ctx, base, key):
    outcome = ExchangeService(ctx).import_document(copy.deepcopy(base))
    assert outcome.status == "new"
    doc = copy.deepcopy(base)
    doc[key] = None
    assert "null" in _refused(ctx, doc)


def test_deep_nesting_in_a_file_is_refused_not_a_crash(capsys, tmp_path):
    deep = tmp_path / "dyp.json"
    deep.write_text('{"format": "boligvurdering.visit", "x": ' + "[" * 990 + "]" * 990 + "}", encoding="utf-8")
    huge = tmp_path / "stor.json"
    huge.write_text('{"format": "boligvurdering.visit", "version": 1' + ", \"n\": 1" + "0" * 400 + "}", encoding="utf-8")
    code = main(["--data-dir", str(tmp_path / "d"), "visit", "import", str(deep), str(huge)])
    out = capsys.readouterr().out
    assert code == 1 and out.count("AVVIST") == 2 and "nesting" in out


def test_a_file_that_hits_a_bug_does_not_stop_the_folder(capsys, tmp_path, monkeypatch, base):
    from boligvurdering.services import exchange

    folder = tmp_path / "inn"
    folder.mkdir()
    real = exchange.parse_exchange

    def parse(data, registry):
        if data["client"]["given_name"] == "Bug":
            raise RuntimeError("simulated bug")
        return real(data, registry)

    monkeypatch.setattr(exchange, "parse_exchange", parse)
    bug = copy.deepcopy(base)
    bug["client"]["given_name"] = "Bug"
    (folder / "a-bug.json").write_text(json.dumps(bug), encoding="utf-8")
    (folder / "b-ok.json").write_text(json.dumps(base), encoding="utf-8")
    code = main(["--data-dir", str(tmp_path / "d"), "visit", "import", str(folder)])
    out = capsys.readouterr().out
    assert code == 70 and "FEIL" in out and "b-ok.json" in out and "1 nye" in out


# -- fuzzing whole files through the command line ------------------------------------------

LEAF = st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False) | st.text(max_size=40) \
    | st.sampled_from(["1507650056²", "１５０７６５００５６６", "9999-12-31", "2026-01-01T00:00:00+23:59", "\ud800", "",
                       "x" * 11_000, 2**63, -(2**63)])
VALUE = st.recursive(LEAF, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                     max_leaves=8)
FILES_PER_EXAMPLE = 15
LAST_COUNTS: dict = {}  # rows stored after the previous example (one shared data folder)
FUZZ = settings(max_examples=20, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def mutate(data, doc):
    spots, stack = [], [doc]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, value in items:
            spots.append((node, key))
            stack.append(value)
    for _ in range(data.draw(st.integers(1, 3))):
        container, key = spots[data.draw(st.integers(0, len(spots) - 1))]
        if data.draw(st.booleans()) and isinstance(container, dict):
            container.pop(key, None)
        else:
            container[key] = data.draw(VALUE)
    return doc


def write_file(data, folder, i, base_docs):
    kind = data.draw(st.sampled_from(["mutated", "mutated", "random", "bytes", "deep"]))
    if kind == "mutated":
        text = json.dumps(mutate(data, copy.deepcopy(data.draw(st.sampled_from(base_docs)))), ensure_ascii=True)
    elif kind == "random":
        text = json.dumps(data.draw(VALUE))
    elif kind == "deep":
        n = data.draw(st.integers(5, 3000))
        text = '{"format": "boligvurdering.visit", "client": ' + "[" * n + "]" * n + "}"
    else:
        (folder / f"{i:03d}.json").write_bytes(data.draw(st.binary(max_size=200)))
        return
    (folder / f"{i:03d}.json").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def base_docs():
    from boligvurdering.formsengine import load_registry

    return demo_documents(load_registry())


def _status_lines(out, folder):
    labels = ("ny", "oppdatert", "AVVIST", "FEIL")
    return [line.split()[0] for line in out.splitlines()
            if line.split()[:1] and line.split()[0] in labels and f" {folder}/" in line]


def _stored_counts(work):
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.auth import unlock

    ctx = unlock(AppPaths(work), "testadmin", "test-passord-123", auto_backup=False)
    try:
        return counts(ctx)
    finally:
        ctx.close()


@FUZZ
@given(st.data())
def test_fuzzed_files_exit_1_or_2_and_store_nothing_when_refused(capsys, fuzz_dir, base_docs, data):
    folder = Path(fuzz_dir) / f"case-{len(list(Path(fuzz_dir).glob('case-*')))}"
    folder.mkdir()
    for i in range(FILES_PER_EXAMPLE):
        write_file(data, folder, i, base_docs)
    work = Path(fuzz_dir) / "data"
    before = dict(LAST_COUNTS)
    code = main(["--data-dir", str(work), "visit", "import", str(folder)])
    out, err = capsys.readouterr()
    assert code in (0, 1), out + err  # 2 would be a refusal of the whole run; 70 a crash
    assert "Uventet feil" not in err and "Traceback" not in out + err
    statuses = _status_lines(out, folder)
    assert len(statuses) == FILES_PER_EXAMPLE and "FEIL" not in statuses
    after = _stored_counts(work)
    LAST_COUNTS.update(after)
    new = statuses.count("ny")
    assert after["visit"] - before.get("visit", 0) == new  # refused files added no visit …
    assert after["client"] - before.get("client", 0) <= new  # … and no client
