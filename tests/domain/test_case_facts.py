"""Follow-ups in a document's ``facts``: shape refused with the place named, combined once each by id,
and what ``next_due`` counts from them and from the applications."""

from datetime import date

import pytest

from boligvurdering.domain.case_facts import check, combine
from boligvurdering.domain.errors import InvalidValue


def _follow(fid, due, done=False, kind="revisit"):
    return {"id": fid, "kind": kind, "due_date": due, "done": done}


def _app(aid, sent, decided=None):
    return {"id": aid, "channel": "startlan", "sent_at": sent, "decided_at": decided, "granted": None,
            "amount_applied": None, "amount_granted": None}


def test_follow_ups_combine_once_each_and_next_due_counts_the_open_ones():
    facts = {"B": {"follow_ups": [_follow("f1", "2026-12-01"), _follow("f2", "2026-11-20", done=True)],
                   "applications": [_app("a1", "2026-10-20", "2026-11-01"), _app("a2", "2026-11-02")]},
             "A": {"follow_ups": [_follow("f3", "2026-12-24", kind="nutrition_rescreen"), _follow("f1", "2026-12-01")],
                   "applications": [_app("a3", None)]}}
    check(facts)
    combined = combine(facts)
    assert [(f["id"], f["kind"], f["due_date"], f["done"]) for f in combined.follow_ups] == [
        ("f3", "nutrition_rescreen", "2026-12-24", False), ("f1", "revisit", "2026-12-01", False),
        ("f2", "revisit", "2026-11-20", True)]
    assert combined.open_follow_up() == date(2026, 12, 1)  # the done one (20 November) does not count
    assert combined.undecided_sent() == date(2026, 11, 2)  # decided and unsent ones do not count
    assert (combine({}).open_follow_up(), combine({}).undecided_sent()) == (None, None)


@pytest.mark.parametrize(("part", "place"), [
    ({"follow_ups": {}}, "facts/A/follow_ups"),
    ({"follow_ups": [{"id": "f1", "kind": "revisit", "due_date": "2026-12-01"}]}, "facts/A/follow_ups/0"),
    ({"follow_ups": [_follow("", "2026-12-01")]}, "facts/A/follow_ups/0"),
    ({"follow_ups": [_follow("f1", "2026-12-01", kind=7)]}, "facts/A/follow_ups/0"),
    ({"follow_ups": [_follow("f1", "1. desember")]}, "facts/A/follow_ups/0/due_date"),
    ({"follow_ups": [_follow("f1", None)]}, "facts/A/follow_ups/0/due_date"),
    ({"follow_up": []}, "facts/A"),
])
def test_follow_ups_of_the_wrong_shape_are_refused_naming_the_place(part, place):
    with pytest.raises(InvalidValue, match=f"«{place}»"):
        check({"A": part})
