"""Every document kind for every demo visit: rendered, read as text, checked as its recipient would."""

from __future__ import annotations

import io
import re
from datetime import date

import pikepdf
import pytest
from dates import DATE_RE, MONTHS, dates_after
from pypdf import PdfReader

from boligvurdering.domain import consent, enums
from boligvurdering.domain.errors import UserError
from boligvurdering.measures.model import KINDS as MEASURE_KINDS
from boligvurdering.services.demo import create_demo
from boligvurdering.services.documents import KINDS, DocumentService

ENGLISH = ("none", "true", "false", "None", "True", "False", "severe", "moderate", "grade", "other_service",
           "proposed", "accepted", "rejected", "not_assessed", "unknown")


def deny_list() -> set[str]:
    """Internal ids from the code's enums (a value that its own Norwegian label does not contain)."""
    words = set(ENGLISH) | set(MEASURE_KINDS)
    for module in (enums, consent):
        for enum in vars(module).values():
            if isinstance(enum, type) and issubclass(enum, enums.StrEnum) and enum is not enums.StrEnum:
                words |= {m.value for m in enum if m.value.lower() not in m.label().lower()}
    return words


def pages_of(pdf: bytes) -> list[str]:
    return [pg.extract_text() for pg in PdfReader(io.BytesIO(pdf)).pages]


def broken_amounts(pages: list[str]) -> list[str]:
    """Lines where «kr 15 000» is cut: a line ending in «kr», or «kr 15» followed by «000»."""
    out = []
    for page in pages:
        lines = [ln.replace("\xa0", " ").strip() for ln in page.splitlines()]
        for line, nxt in zip(lines, [*lines[1:], ""], strict=True):
            if re.search(r"\bkr$", line) or (re.search(r"\bkr \d{1,3}$", line) and re.match(r"\d{3}\b", nxt)):
                out.append(f"{line} / {nxt}")
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from boligvurdering.paths import AppPaths
    from boligvurdering.services.context import open_context

    ctx = open_context(AppPaths.resolve(tmp_path_factory.mktemp("demo") / "data"), role="administrator")
    ids = create_demo(ctx)
    docs = DocumentService(ctx)
    rendered: dict[tuple[str, str], bytes] = {}
    for visit_id in ids:
        for kind in KINDS:
            if not docs.missing(visit_id, kind):
                # bokmål here (the demo's Alver writes nynorsk by default; tests/reports/test_nynorsk.py covers nn)
                rendered[(visit_id, kind)] = docs.render_bytes(visit_id, kind, language="nb")
    yield ctx, ids, rendered
    ctx.close()


def test_every_kind_renders_from_demo_data(demo):
    ctx, ids, rendered = demo
    assert {kind for _v, kind in rendered} == set(KINDS)
    not_visited = [v for v in ids if ctx.visits.get(v).status in ("henvist", "planlagt")]
    assert not_visited and not any(v in not_visited for v, _k in rendered)  # refused, never made from empty data


def test_no_english_or_internal_ids_in_any_document(demo):
    _ctx, _ids, rendered = demo
    banned = deny_list()
    assert {"rapport_sendt", "high", "own_purchase", "not_assessed", "digital_post"} <= banned
    assert "ergoterapeut" not in banned and "muntlig" not in banned
    for (visit_id, kind), pdf in rendered.items():
        words = set(re.findall(r"\w+", " ".join(pages_of(pdf))))
        assert not words & banned, (visit_id[:8], kind, words & banned)


def test_no_amount_broken_across_a_line(demo):
    _ctx, _ids, rendered = demo
    for (visit_id, kind), pdf in rendered.items():
        assert broken_amounts(pages_of(pdf)) == [], (visit_id[:8], kind)


def test_no_follow_up_date_before_the_document_date(demo):
    _ctx, _ids, rendered = demo
    today = date.today()
    for (visit_id, kind), pdf in rendered.items():
        text = " ".join(" ".join(pages_of(pdf)).replace("\xa0", " ").split())
        assert all(d >= today for d in dates_after(text, "innen")), (visit_id[:8], kind)
        if kind == "archive" and "Oppfølging" in text:
            section = text.split("Oppfølging")[-1].split("Signering")[0]
            found = [date(int(y), MONTHS.index(m) + 1, int(d)) for d, m, y in DATE_RE.findall(section)]
            assert all(d >= today for d in found), (visit_id[:8], found)


def test_tilskudd_states_the_applied_amount(demo):
    _ctx, _ids, rendered = demo
    texts = [" ".join(" ".join(pages_of(pdf)).replace("\xa0", " ").split())
             for (_v, kind), pdf in rendered.items() if kind == "tilskudd"]
    assert texts and all(re.search(r"Det søkes om kr \d[\d ]* i tilskudd", t) for t in texts)


def test_metadata_title_author_and_language(demo):
    _ctx, _ids, rendered = demo
    for (_v, kind), pdf in rendered.items():
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            assert str(doc.Root.Lang) == "nb", kind
            assert str(doc.docinfo["/Title"]) and str(doc.docinfo["/Author"]).endswith("kommune"), kind


def test_consent_refused_means_document_refused(demo):
    ctx, _ids, rendered = demo
    docs = DocumentService(ctx)
    for (visit_id, kind) in list(rendered):
        recipient = consent.DOCUMENT_RECIPIENT[kind]
        if recipient is None:
            continue
        before = ctx.consent.consents(visit_id)[recipient.value]
        ctx.consent.record(visit_id, recipient.value, given=False, given_on=date.today(), form="muntlig")
        with pytest.raises(UserError, match="ikke samtykket"):
            docs.render_bytes(visit_id, kind, language="nb")
        ctx.consent.record(visit_id, recipient.value, given=True, given_on=before.given_on, form=before.form)


MIN_LAST_PAGE_WORDS = 40  # consent line, reply line and signature alone came to 31 (brannvesen, high risk)


def body_words(pages: list[str], index: int) -> list[str]:
    """The words of page ``index`` outside the running header and footer (lines every page repeats)."""
    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.split()))

    others = [{shape(ln) for ln in pg.splitlines()} for i, pg in enumerate(pages) if i != index]
    lines = [ln for ln in pages[index].splitlines() if not others or not all(shape(ln) in o for o in others)]
    return re.findall(r"\w+", " ".join(lines))


def test_no_last_page_holding_only_a_closing_or_a_name(demo):
    _ctx, _ids, rendered = demo
    for (visit_id, kind), pdf in rendered.items():
        pages = pages_of(pdf)
        if len(pages) > 1:
            words = body_words(pages, len(pages) - 1)
            assert len(words) >= MIN_LAST_PAGE_WORDS, (visit_id[:8], kind, words)


def test_the_page_check_catches_a_signature_alone():
    pages = ["Brev\nHei\n" + "ord " * 80 + "\nSide 1 av 2", "Brev\nMed hilsen\nIngrid Fjell, Ergoterapeut\nSide 2 av 2"]
    assert body_words(pages, 1) == ["Med", "hilsen", "Ingrid", "Fjell", "Ergoterapeut"]
