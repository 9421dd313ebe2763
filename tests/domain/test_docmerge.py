"""Three-way merge of visit documents: field by field, clashes reported with both values."""

from boligvurdering.domain.docmerge import changed_paths, get_path, merge, set_path

M1, M2 = "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"
BASE = {"visit": {"status": "henvist", "notes": "", "team": [{"id": M1, "signed_at": None}]},
        "measures": [{"id": M2, "status": "foreslatt", "title": "Rampe"}], "answers": {}}


def _copy(doc):
    import copy

    return copy.deepcopy(doc)


def test_changes_on_different_fields_are_all_kept():
    mine, theirs = _copy(BASE), _copy(BASE)
    mine["visit"]["team"][0]["signed_at"] = "2026-11-30T10:00:00"
    theirs["visit"]["notes"] = "Ring først"
    theirs["measures"][0]["status"] = "innvilget"
    merged, clashes = merge(BASE, mine, theirs)
    assert clashes == []
    assert get_path(merged, f"visit/team/{M1}/signed_at") == "2026-11-30T10:00:00"
    assert (merged["visit"]["notes"], get_path(merged, f"measures/{M2}/status")) == ("Ring først", "innvilget")
    assert merged["answers"] == {}


def test_the_same_field_changed_to_different_values_is_a_clash_keeping_the_current_value():
    mine, theirs = _copy(BASE), _copy(BASE)
    mine["visit"]["status"], theirs["visit"]["status"] = "planlagt", "gjennomfort"
    merged, clashes = merge(BASE, mine, theirs)
    assert clashes == [("visit/status", "gjennomfort", "planlagt")]
    assert merged["visit"]["status"] == "gjennomfort"
    same, none = merge(BASE, theirs, _copy(theirs))
    assert none == [] and same == theirs  # the same change on both sides is no clash


def test_an_item_removed_on_one_side_and_changed_on_the_other_is_a_clash():
    mine, theirs = _copy(BASE), _copy(BASE)
    mine["measures"] = []
    theirs["measures"][0]["status"] = "innvilget"
    merged, clashes = merge(BASE, mine, theirs)
    assert clashes == [(f"measures/{M2}", theirs["measures"][0], None)]
    assert merged["measures"] == theirs["measures"]
    added = _copy(BASE)
    added["measures"].append({"id": M1, "status": "foreslatt", "title": "Håndlist"})
    merged, clashes = merge(BASE, added, _copy(BASE))
    assert clashes == [] and [m["id"] for m in merged["measures"]] == [M2, M1]


def test_without_a_base_every_differing_field_clashes():
    mine, theirs = _copy(BASE), _copy(BASE)
    mine["visit"]["notes"], theirs["visit"]["notes"] = "a", "b"
    _merged, clashes = merge(None, mine, theirs)
    assert clashes == [("visit/notes", "b", "a")]


def test_paths_changed_and_set_again():
    mine = _copy(BASE)
    mine["visit"]["status"] = "planlagt"
    mine["measures"] = []
    assert changed_paths(BASE, mine) == ["visit/status", f"measures/{M2}"]
    set_path(mine, f"measures/{M2}", BASE["measures"][0])
    set_path(mine, "visit/status", "henvist")
    assert mine == BASE
    set_path(mine, f"measures/{M2}", None)
    assert mine["measures"] == []


def _facts(at, falls=3):
    return {"snapshot": {"at": at, "nutrition_screened": True, "nutrition_at_risk": False, "falls_rank": falls,
                         "fire_rank": 1, "fire7_fail": False}}


def test_derived_facts_merge_laptop_by_laptop_the_newer_snapshot_wins_and_never_clash():
    from boligvurdering.domain.case_facts import combine

    base = {**_copy(BASE), "facts": {"A": _facts("2026-11-01T10:00:00")}}
    mine, theirs = _copy(base), _copy(base)
    mine["facts"]["A"] = _facts("2026-11-20T10:00:00", falls=1)  # a's newer snapshot
    theirs["facts"]["B"] = _facts("2026-11-10T10:00:00")  # b's first one
    merged, clashes = merge(base, mine, theirs)
    assert clashes == [] and merged["facts"] == {"A": mine["facts"]["A"], "B": theirs["facts"]["B"]}
    assert combine(merged["facts"]).snapshot["falls_rank"] == 1  # the newest over both laptops
    # a's part changed on both sides (a stale base): the newer snapshot wins, either way round
    older, newer = _copy(base), _copy(base)
    older["facts"]["A"], newer["facts"]["A"] = _facts("2026-11-05T10:00:00"), _facts("2026-11-06T10:00:00", falls=2)
    for m, t in ((older, newer), (newer, older)):
        merged, clashes = merge(base, m, t)
        assert clashes == [] and merged["facts"]["A"] == newer["facts"]["A"]
    # a laptop that has none of a's facts and never had them keeps them; without a base no clash either
    lead = {k: v for k, v in _copy(base).items() if k != "facts"}
    lead["visit"]["status"] = "avsluttet"
    merged, clashes = merge(None, lead, base)
    assert merged["facts"] == base["facts"] and [c[0] for c in clashes] == ["visit/status"]
    assert changed_paths(BASE, mine) == []  # facts are no user's change
