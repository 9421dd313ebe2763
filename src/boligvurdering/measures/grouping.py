"""Identical measures across rooms shown as one row: «Fjerne dørterskel — Bad, Stue, Kjøkken».

«Foreslå tiltak» proposes a measure once per room where it applies; deciding on them one by
one costs a click per room. A group holds every measure with the same catalogue entry (or,
for own measures, the same title) and the same status; deciding on the group decides on all
of them (issue #16.4). Pure logic: the GUI shows the groups, the service stores each measure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from boligvurdering.domain.records import MeasureRecord


@dataclass(frozen=True)
class MeasureGroup:
    """Measures that differ only in their room. Reads like one ``MeasureRecord`` (the first)."""

    members: tuple[MeasureRecord, ...]
    rooms: tuple[str, ...] = ()

    @property
    def first(self) -> MeasureRecord:
        return self.members[0]

    @property
    def id(self) -> str:
        return self.first.id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.members)

    @property
    def title(self) -> str:
        """The title, with the rooms when there is more than one measure."""
        if len(self.members) < 2 or not self.rooms:
            return self.first.title
        return f"{self.first.title} — {', '.join(self.rooms)}"

    @property
    def status(self) -> str:
        return self.first.status

    @property
    def reason(self) -> str:
        return " ".join(dict.fromkeys(m.reason for m in self.members if m.reason))

    @property
    def reject_reason(self) -> str:
        return self.first.reject_reason

    @property
    def responsible_role(self) -> str:
        return self.first.responsible_role

    @property
    def cost(self) -> float | None:
        costs = [m.cost for m in self.members if m.cost is not None]
        return sum(costs) if costs else None

    @property
    def allocations(self) -> dict[str, float]:
        total: dict[str, float] = {}
        for m in self.members:
            for channel, amount in m.allocations.items():
                total[channel] = total.get(channel, 0.0) + amount
        return total

    def member(self, measure_id: str | None) -> MeasureRecord:
        """The member with ``measure_id``, else the first."""
        return next((m for m in self.members if m.id == measure_id), self.first)


def group_key(measure: MeasureRecord) -> tuple[str, str, str]:
    return (measure.catalogue_id or f"title:{measure.title.casefold()}", measure.status, measure.responsible_role)


def group_measures(measures: Iterable[MeasureRecord], room_names: Mapping[str, str]) -> list[MeasureGroup]:
    """Groups in the order their first measure comes; rooms named, in that order, once each."""
    groups: dict[tuple[str, str, str], list[MeasureRecord]] = {}
    for measure in measures:
        groups.setdefault(group_key(measure), []).append(measure)
    out = []
    for members in groups.values():
        rooms = tuple(dict.fromkeys(room_names[m.room_id] for m in members
                                    if m.room_id is not None and m.room_id in room_names))
        out.append(MeasureGroup(tuple(members), rooms))
    return out
