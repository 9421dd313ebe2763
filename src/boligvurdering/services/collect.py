"""Gathering every validation problem of one input under its field path."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from boligvurdering.domain.errors import InvalidValue, Problem, ValidationFailed

T = TypeVar("T")


class Collector:
    """Runs field validators and gathers every problem under its field path."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.problems: list[Problem] = []

    def field(self, path: str, check: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """``check(*args, **kwargs)``, or ``None`` with its refusal noted as a problem at ``path``."""
        try:
            return check(*args, **kwargs)
        except InvalidValue as exc:
            self.problems.append(Problem(f"{self.prefix}{path}", exc.message))
            return None

    def raise_if_any(self, title: str | None = None) -> None:
        if self.problems:
            raise ValidationFailed(self.problems, title)
