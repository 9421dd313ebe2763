"""Gathering every validation problem of one input under its field path."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from boligvurdering.domain.errors import InvalidValue, Problem, ValidationFailed


class Collector:
    """Runs field validators and gathers every problem under its field path."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.problems: list[Problem] = []

    def field(self, path: str, check: Callable[[], Any]) -> Any:
        try:
            return check()
        except InvalidValue as exc:
            self.problems.append(Problem(f"{self.prefix}{path}", exc.message))
            return None

    def raise_if_any(self, title: str | None = None) -> None:
        if self.problems:
            raise ValidationFailed(self.problems, title)
