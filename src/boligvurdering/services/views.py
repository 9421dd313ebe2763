"""Read models for the GUI: what the windows show, computed from the form definitions and from
records a guarded service has already handed out.

The GUI imports only services, domain, i18n and paths (tests/test_layering.py); these thin
functions are its door to the form engine, the measure grouping, the photo formats and the
document renderer. None of them reads client data from the database, so none needs an access
check of its own: the records they work on came through a guarded service method.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from boligvurdering.formsengine.active import active_answers, question_visible
from boligvurdering.i18n import use_language
from boligvurdering.measures.grouping import MeasureGroup, group_measures
from boligvurdering.photos.sniff import ACCEPTED_EXTENSIONS

if TYPE_CHECKING:
    from boligvurdering.reports.model import DocumentData

log = logging.getLogger(__name__)

__all__ = ["ACCEPTED_EXTENSIONS", "active_answers", "check_questions", "detach_photos", "measure_groups",
           "question_visible", "render_gathered"]


def check_questions() -> dict[str, str]:
    """Housing check id → the question it measures (from the scoring content); {} if unreadable."""
    try:
        from boligvurdering.resources import forms_dir
        from boligvurdering.scoring.content import load_scoring_content

        _rules, checks = load_scoring_content(forms_dir())
        return {c["id"]: c["question"] for c in checks if c.get("question")}
    except Exception:
        log.warning("could not read housing checks", exc_info=True)
        return {}


def measure_groups(measures: Iterable[Any], room_names: Mapping[str, str]) -> list[MeasureGroup]:
    """The measures of a visit as the rows of the measures table (same measure in several rooms: one row)."""
    return group_measures(measures, room_names)


def detach_photos(data: DocumentData) -> DocumentData:
    """``data`` with every photo's bytes read now, so a rendering thread never touches the database."""
    from boligvurdering.reports.model import PhotoItem

    photos = []
    for ph in data.photos:
        content = ph.load()
        photos.append(PhotoItem(ph.caption, ph.room, _constant(content)))
    return replace(data, photos=tuple(photos))


def render_gathered(data: DocumentData, language: str) -> bytes:
    """The PDF of already gathered (and detached) ``data``, its fixed texts in ``language`` (nb/nn)."""
    from boligvurdering.reports import render_document

    with use_language(language):
        return render_document(data)


def _constant(content: bytes) -> Callable[[], bytes]:
    """A loader that returns bytes already read."""
    return lambda: content
