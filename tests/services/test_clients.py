import pytest

from boligvurdering.domain.errors import ValidationFailed

CLIENT = {"national_id": "15076500565", "given_name": "Ærlig Åsmund", "family_name": "Øvrebø", "phone": "40 00 00 00"}
DWELLING = {"address": "Blåbærveien 3", "postal_code": "5914", "postal_place": "Isdalstø"}


def test_create_and_search_with_norwegian_letters(ctx):
    record = ctx.clients.create(CLIENT, DWELLING)
    assert record.sex == "M" and str(record.birth_date) == "1965-07-15"
    for text in ("øvre", "ÆRLIG", "blåbær", "150765", "5914", "åsmund øvrebø"):
        assert [c.id for c in ctx.clients.search(text)] == [record.id], text
    assert ctx.clients.search("nobody") == []


def test_wrong_check_digit_and_other_problems_listed(ctx):
    with pytest.raises(ValidationFailed) as info:
        ctx.clients.create({**CLIENT, "national_id": "15076500566", "given_name": " ", "phone": "12"},
                           {**DWELLING, "postal_code": "123"})
    problems = {p.where: p.message for p in info.value.problems}
    assert "kontrollsiffer" in problems["national_id"]
    assert "given_name" in problems and "phone" in problems and "postal_code" in problems
    assert ctx.clients.search("") == []


def test_duplicate_national_id_refused(ctx):
    ctx.clients.create(CLIENT)
    with pytest.raises(ValidationFailed, match="finnes allerede"):
        ctx.clients.create(CLIENT)


def test_odd_text_is_stored_exactly(ctx):
    notes = "Linje 1\nLinje 2\t\u200f\u05e9\u05dc\u05d5\u05dd 👵🏻 e\u0301 " + "x" * 3000
    record = ctx.clients.create({**CLIENT, "notes": notes})
    assert ctx.clients.get(record.id).notes == notes
