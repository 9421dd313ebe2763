"""Data-driven questionnaires: model, loader/validator, conditions and answer validation.

Forms are TOML files in ``forms/questionnaires``. See ``docs/FORMS.md`` for the format.
"""

from boligvurdering.formsengine.conditions import evaluate
from boligvurdering.formsengine.loader import FormsInvalid, load_form_file, load_registry
from boligvurdering.formsengine.model import Form, FormRegistry, Option, Question, Section

__all__ = [
    "Form", "FormRegistry", "FormsInvalid", "Option", "Question", "Section",
    "evaluate", "load_form_file", "load_registry",
]
