"""Expected failures with Norwegian messages for the user.

Every error a user can cause derives from ``UserError``; its ``str()`` is the message to
show. ``ValidationFailed`` carries every problem found, so a refusal can list them all.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from boligvurdering.i18n import tr

T = TypeVar("T")


class UserError(Exception):
    """An expected failure whose message (Norwegian) can be shown as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Problem:
    """One validation problem: where (field path or file location) and what is wrong."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ValidationFailed(UserError):
    """Input refused; ``problems`` lists every problem that was found."""

    def __init__(self, problems: list[Problem], title: str | None = None) -> None:
        self.problems = list(problems)
        self.title = title or tr("Ugyldige data")
        lines = [self.title + ":"] + [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class InvalidValue(UserError):
    """A single value is refused (e.g. an answer out of range)."""


class NotFound(UserError):
    """A record the user asked for does not exist."""


def found(record: T | None, message: str) -> T:
    """``record``, or ``NotFound(message)`` when it is ``None`` (a lookup by id that must succeed)."""
    if record is None:
        raise NotFound(message)
    return record


class AccessDenied(UserError):
    """The signed-in user's role does not allow this."""


class DataDirError(UserError):
    """The data folder cannot be created or written to."""

    def __init__(self, path: Path, exc: OSError) -> None:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason = tr("mappen er skrivebeskyttet eller du mangler tilgang")
        elif exc.errno == errno.ENOSPC:
            reason = tr("disken er full")
        else:
            reason = exc.strerror or str(exc)
        super().__init__(tr("Kan ikke bruke datamappen {path}: {reason}.", path=path, reason=reason))


class DatabaseError(UserError):
    """The database cannot be opened or is damaged."""
