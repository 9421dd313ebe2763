"""Identical measures across rooms are one row; different status or own titles stay apart."""

from boligvurdering.domain.records import MeasureRecord
from boligvurdering.measures.grouping import group_measures


def m(mid, title, room=None, status="proposed", catalogue="threshold_remove", cost=None):
    return MeasureRecord(mid, "v", title, "housing", status, catalogue_id=catalogue, room_id=room,
                         reason=f"Terskel i {room}", quote_amount=cost)


def test_same_measure_in_three_rooms_is_one_group_with_the_rooms_listed():
    rows = [m("1", "Fjerne dørterskel", "r1", cost=3200), m("2", "Fjerne dørterskel", "r2", cost=3200),
            m("3", "Nattlys", "r1", catalogue="night_light"), m("4", "Fjerne dørterskel", "r3")]
    groups = group_measures(rows, {"r1": "Bad", "r2": "Stue", "r3": "Kjøkken"})
    assert [g.ids for g in groups] == [("1", "2", "4"), ("3",)]
    assert groups[0].title == "Fjerne dørterskel — Bad, Stue, Kjøkken"
    assert groups[0].cost == 6400
    assert groups[1].title == "Nattlys"  # one room: no list
    assert groups[0].member("2").id == "2" and groups[0].member("x").id == "1"


def test_decided_and_proposed_stay_apart_and_own_titles_group_by_title():
    rows = [m("1", "Fjerne dørterskel", "r1", status="accepted"), m("2", "Fjerne dørterskel", "r2"),
            m("3", "Flytte sengen", catalogue=None), m("4", "flytte sengen", catalogue=None)]
    groups = group_measures(rows, {})
    assert [g.ids for g in groups] == [("1",), ("2",), ("3", "4")]
