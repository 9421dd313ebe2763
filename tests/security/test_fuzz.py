"""Fuzzing the two parsers that read outside input: exchange files and questionnaire TOML.

No crash, no partial write (row counts unchanged after a refusal), every refusal explained.
Odd but legal text (RTL marks, emoji, combining characters, very long text) is stored and read
back exactly; NUL is refused.
"""

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boligvurdering.domain.errors import UserError, ValidationFailed
from boligvurdering.formsengine.loader import load_form_file
from boligvurdering.services.demo import demo_documents
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.store.models import Answer, Client, Dwelling, Measure, Photo, Room, Visit

EXAMPLES = 500
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
MODELS = (Client, Dwelling, Visit, Room, Answer, Measure, Photo)

ODD_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=300) | st.sampled_from([
    "\u202eRTL-tekst\u202c", "emoji 👵🏻🏠🔥", "e\u0301\u0301\u0301 kombinert", "\u200b\ufeff usynlig", "ÆØÅ æøå",
    "x" * 5000, "\t\r\n kontroll \x07\x1b",
])
JSON_LEAF = st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=True) | ODD_TEXT
JSON = st.recursive(JSON_LEAF, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=12)


def counts(ctx):
    from sqlmodel import func, select

    with ctx.db.transaction() as s:
        return {m.__tablename__: s.exec(select(func.count()).select_from(m)).one() for m in MODELS}


@pytest.fixture
def base_doc(ctx):
    return demo_documents(ctx.registry)[0]


def _paths(doc):
    """Every (container, key) in a document, for targeted mutation."""
    out = []
    stack = [doc]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, value in items:
            out.append((node, key))
            stack.append(value)
    return out


def _check_import(ctx, doc):
    before = counts(ctx)
    try:
        ExchangeService(ctx).import_document(doc)
    except ValidationFailed as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        assert counts(ctx) == before  # nothing written
        return "refused"
    except UserError as exc:  # e.g. NotFound / InvalidValue: still a Norwegian message, never a traceback
        assert exc.message
        assert counts(ctx) == before
        return "refused"
    return "stored"


@SETTINGS
@given(st.data())
def test_fuzz_mutated_exchange_documents(ctx, base_doc, data):
    doc = copy.deepcopy(base_doc)
    for _ in range(data.draw(st.integers(1, 4))):
        spots = _paths(doc)
        container, key = spots[data.draw(st.integers(0, len(spots) - 1))]
        action = data.draw(st.sampled_from(["replace", "delete", "odd_text"]))
        if action == "delete" and isinstance(container, dict):
            del container[key]
        elif action == "odd_text":
            container[key] = data.draw(ODD_TEXT)
        else:
            container[key] = data.draw(JSON)
    _check_import(ctx, json.loads(json.dumps(doc, allow_nan=True)))


@SETTINGS
@given(JSON)
def test_fuzz_random_exchange_documents(ctx, doc):
    assert _check_import(ctx, doc) == "refused"


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=4000))
def test_odd_unicode_notes_round_trip_exactly(ctx, base_doc, text):
    client = ctx.clients.search("")[0] if ctx.clients.search("") else None
    if client is None:
        ExchangeService(ctx).import_document(copy.deepcopy(base_doc))
        client = ctx.clients.search("")[0]
    fields = {"national_id": client.national_id, "given_name": client.given_name,
              "family_name": client.family_name, "notes": text}
    ctx.clients.update(client.id, fields)
    assert ctx.clients.get(client.id).notes == text


def test_nul_in_names_is_refused(ctx):
    with pytest.raises(ValidationFailed) as exc:
        ctx.clients.create({"national_id": "04834012664", "given_name": "Ka\x00ri", "family_name": "N"})
    assert exc.value.problems


VALID_TOML = '''[form]
id = "fuzz"
version = "1.0.0"
title = "Fuzz"
domain = "other"
order = 99

[[section]]
id = "fuzz_s"
title = "Seksjon"

[[section.question]]
id = "fuzz_q"
text = "Spørsmål?"
type = "yes_no"
'''


@SETTINGS
@given(st.data())
def test_fuzz_form_loader(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("forms") / "fuzz.toml"
    kind = data.draw(st.sampled_from(["bytes", "mutate", "splice"]))
    raw = VALID_TOML.encode()
    if kind == "bytes":
        raw = data.draw(st.binary(max_size=600))
    elif kind == "mutate":
        raw = bytearray(raw)
        for _ in range(data.draw(st.integers(1, 8))):
            i = data.draw(st.integers(0, len(raw) - 1))
            raw[i] = data.draw(st.integers(0, 255))
        raw = bytes(raw)
    else:
        lines = VALID_TOML.splitlines()
        i = data.draw(st.integers(0, len(lines) - 1))
        lines[i] = data.draw(st.sampled_from(['type = "nope"', "id = 5", "[[section]]", 'order = "x"', "= =",
                                              'domain = ""', "[form]", 'id = "fuzz_q"', "text = '''"]))
        raw = "\n".join(lines).encode()
    path.write_bytes(raw)
    form, problems = load_form_file(path)
    assert form is not None or problems  # a refusal is always explained
    assert all(str(p) for p in problems)
