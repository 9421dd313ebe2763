"""Immutable in-memory model of loaded forms."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from boligvurdering.domain.enums import FORM_DOMAINS

QUESTION_TYPES = (
    "yes_no", "single_choice", "multi_choice", "integer", "decimal",
    "text", "date", "measurement", "photo",
)
MEASUREMENT_UNITS = ("mm", "cm", "m", "N", "s")
DOMAINS = FORM_DOMAINS
TOOLS = ("stopwatch", "countdown30", "counter")


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    points: int | None = None


@dataclass(frozen=True)
class Question:
    """One question. ``form_id``/``section_id`` locate it; ``room_types`` set when room-scoped."""

    id: str
    text: str
    type: str
    form_id: str
    section_id: str
    required: bool = False
    help: str = ""
    code: str | None = None
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    decimals: int = 1
    options: tuple[Option, ...] = ()
    visible_if: Mapping[str, Any] | None = None
    tool: str | None = None
    rule: str = ""
    max_length: int = 4000
    room_types: tuple[str, ...] = ()

    @property
    def room_scoped(self) -> bool:
        return bool(self.room_types)

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def points_of(self, value: Any) -> int | None:
        """Published points of a chosen option (instrument items), else ``None``."""
        opt = self.option(value) if isinstance(value, str) else None
        return opt.points if opt else None

    def validate(self, value: Any) -> Any:
        """Normalise an answer or raise ``InvalidValue`` with a Norwegian message."""
        from boligvurdering.formsengine.values import validate_answer

        return validate_answer(self, value)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    form_id: str
    questions: tuple[Question, ...]
    help: str = ""
    room_types: tuple[str, ...] = ()
    visible_if: Mapping[str, Any] | None = None

    @property
    def room_scoped(self) -> bool:
        return bool(self.room_types)

    def applies_to_room(self, room_type: str) -> bool:
        return "*" in self.room_types or room_type in self.room_types


@dataclass(frozen=True)
class Form:
    """A questionnaire with its identity (id, version, content hash)."""

    id: str
    version: str
    title: str
    domain: str
    order: int
    sections: tuple[Section, ...]
    content_hash: str
    source: str = ""
    intro: str = ""

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions


@dataclass
class FormRegistry:
    """All loaded forms, indexed by form id, question id and instrument code."""

    forms: list[Form] = field(default_factory=list)
    _questions: dict[str, Question] = field(default_factory=dict, repr=False)
    _codes: dict[str, Question] = field(default_factory=dict, repr=False)
    _forms: dict[str, Form] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.forms.sort(key=lambda f: (f.order, f.id))
        for form in self.forms:
            self._forms[form.id] = form
            for q in form.questions():
                self._questions[q.id] = q
                if q.code:
                    self._codes[q.code] = q

    def form(self, form_id: str) -> Form | None:
        return self._forms.get(form_id)

    def form_of(self, question: Question) -> Form:
        """The form a question of this registry belongs to (always loaded with it)."""
        return self._forms[question.form_id]

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    def by_code(self, code: str) -> Question | None:
        return self._codes.get(code)

    def resolve(self, key: str) -> Question | None:
        """A question by id, or by its instrument ``code``."""
        return self._questions.get(key) or self._codes.get(key)

    def questions(self) -> Iterator[Question]:
        return iter(self._questions.values())

    def visit_sections(self) -> Iterator[Section]:
        for form in self.forms:
            yield from (s for s in form.sections if not s.room_scoped)

    def room_sections(self, room_type: str) -> Iterator[Section]:
        for form in self.forms:
            yield from (s for s in form.sections if s.room_scoped and s.applies_to_room(room_type))
