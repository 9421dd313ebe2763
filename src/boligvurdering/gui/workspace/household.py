"""«Husstandens økonomi»: the boligkonsulent's household figures, saved as they are entered."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.enums import Tenure
from boligvurdering.domain.errors import AccessDenied, UserError
from boligvurdering.domain.formatting import format_number, parse_decimal
from boligvurdering.gui.widgets import InlineError, heading
from boligvurdering.gui.workspace.co_residents import CoResidentsEditor
from boligvurdering.i18n import N_, tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

MIN_HEIGHT = 32
MONEY = {
    "gross_income_year": N_("Brutto inntekt per år (kr)"),
    "net_income_month": N_("Netto inntekt per måned (kr)"),
    "living_costs_month": N_("Levekostnader per måned (kr)"),
    "housing_costs_month": N_("Boutgifter per måned (kr)"),
    "savings": N_("Oppsparte midler (kr)"),
    "debt": N_("Gjeld (kr)"),
    "wealth": N_("Formue (kr)"),
}
YES_NO = {
    "lasting_reduced_function": N_("Varig nedsatt funksjonsevne (over 2 år)"),
}
# Housing and bank facts that decide which financing may be used (issue 14).
CONSENTS = {
    "board_consent": N_("Styret har samtykket (andel i borettslag)"),
    "landlord_consent": N_("Utleier har samtykket til faste endringer (leier privat)"),
}
BANK_CHOICES = ((None, N_("Ikke registrert – inntekten avgjør")), (True, N_("Banken har avslått vanlig lån")),
                (False, N_("Kan få vanlig banklån (vurdert)")))
CIVIL_STATUS = (("enslig", N_("Enslig")), ("gift", N_("Gift")), ("samboer", N_("Samboer")),
                ("separert", N_("Separert")), ("skilt", N_("Skilt")), ("enke_enkemann", N_("Enke/enkemann")))


class _Field(QWidget):
    """A widget with its own inline error under it."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.widget = widget
        layout.addWidget(widget)
        self.error = InlineError()
        layout.addWidget(self.error)


class YesNo(QWidget):
    """Two toggle buttons; clicking the chosen one again clears the answer."""

    committed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.value: bool | None = None
        self.yes, self.no = QPushButton(tr("Ja")), QPushButton(tr("Nei"))
        for value, button in ((True, self.yes), (False, self.no)):
            button.setCheckable(True)
            button.setMinimumHeight(MIN_HEIGHT)
            button.setMinimumWidth(72)
            button.clicked.connect(lambda _on, v=value: self._clicked(v))
            row.addWidget(button)
        row.addStretch(1)

    def _clicked(self, value: bool) -> None:
        self.set_value(value)  # no «clear»: the plan would fall back to «ja» unseen
        self.committed.emit(value)

    def set_value(self, value: bool | None) -> None:
        self.value = value
        for v, button in ((True, self.yes), (False, self.no)):
            button.setChecked(value is v)
            button.setText(("✓ " if value is v else "") + (tr("Ja") if v else tr("Nei")))


class HouseholdEditor(QWidget):
    """Edits ``ctx.plan.household(visit_id)``; every field is saved when it is left.

    Emits ``saved`` after a change was stored (the page then recomputes the plan).
    """

    saved = Signal()

    def __init__(self, ctx: AppContext, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.visit_id = ctx, visit_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(tr("Husstandens økonomi"), 12))
        columns = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        self.fields: dict[str, _Field] = {}
        self.labels: dict[str, str] = {}
        members = QLineEdit()
        members.setPlaceholderText(tr("f.eks. 2"))
        self._add(left, "members", tr("Personer i husstanden"), members)
        for i, (key, label) in enumerate(MONEY.items()):
            edit = QLineEdit()
            edit.setPlaceholderText(tr("kr, f.eks. 12 500"))
            self._add(left if i < 4 else right, key, tr(label), edit)
        for key, label in YES_NO.items():
            yes_no = YesNo()
            yes_no.committed.connect(lambda v, k=key: self._save(k, v))
            self._add(right, key, tr(label), yes_no)
        self._combo(right, "civil_status", tr("Sivilstand"),
                    [(None, tr("— Velg —")), *((value, tr(label)) for value, label in CIVIL_STATUS)])
        self.co_residents = CoResidentsEditor(ctx, visit_id)
        self.co_residents.saved.connect(self.saved)
        layout.addWidget(self.co_residents)
        self._housing_facts(layout)
        grants = QLineEdit()
        grants.setPlaceholderText(tr("f.eks. «Startlån 2015, kr 400 000» eller «ingen»"))
        self._add(layout, "earlier_husbanken_grants", tr("Tidligere lån og tilskudd fra Husbanken"), grants)
        for key, field in self.fields.items():
            if isinstance(field.widget, QLineEdit):
                field.widget.setMinimumHeight(MIN_HEIGHT)
                field.widget.editingFinished.connect(lambda k=key: self._edited(k))

    def _combo(self, layout: Any, key: str, label: str, choices: list[tuple[Any, str]]) -> None:
        combo = QComboBox()
        combo.setMinimumHeight(MIN_HEIGHT)
        for value, text in choices:
            combo.addItem(text, value)
        combo.activated.connect(lambda i, k=key: self._chosen(k, combo.itemData(i)))
        self._add(layout, key, label, combo)

    def _housing_facts(self, layout: QVBoxLayout) -> None:
        """Tenure (saved on the dwelling), consents and the bank's answer."""
        layout.addWidget(heading(tr("Bolig og bank"), 12))
        form = QFormLayout()
        layout.addLayout(form)
        tenures = [(None, tr("— Ikke oppgitt —"))] + [(t.value, t.label()) for t in Tenure]
        self._combo(form, "tenure", tr("Eierform"), tenures)
        for key, label in CONSENTS.items():
            yes_no = YesNo()
            yes_no.committed.connect(lambda v, k=key: self._save(k, v))
            self._add(form, key, tr(label), yes_no)
        self._combo(form, "bank_refusal", tr("Vanlig banklån"), [(value, tr(label)) for value, label in BANK_CHOICES])

    def _add(self, layout: Any, key: str, label: str, widget: QWidget) -> None:
        field = _Field(widget)
        self.fields[key] = field
        self.labels[key] = label.removesuffix(" (kr)")
        if isinstance(layout, QFormLayout):
            layout.addRow(label, field)
        else:
            form = QFormLayout()
            form.addRow(label, field)
            layout.addLayout(form)

    def edit(self, key: str) -> Any:
        """The input widget of ``key`` (tests and focus)."""
        return self.fields[key].widget

    def load(self) -> None:
        """Show the stored values."""
        try:
            values = self.ctx.plan.household(self.visit_id)
        except AccessDenied as exc:  # the role may not see the household economy (need to know)
            self.setEnabled(False)
            self.setToolTip(str(exc))
            return
        self.co_residents.load()
        for key, field in self.fields.items():
            field.error.show_message("")
            value = values.get(key)
            widget = field.widget
            if isinstance(widget, YesNo):
                widget.set_value(value)
                widget.setToolTip("" if value is not None else tr("Ikke oppgitt: planen sier «kan ikke vurderes ennå»."))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            elif key == "earlier_husbanken_grants":
                widget.setText(value or "")
            else:
                widget.setText("" if value is None else format_number(value, 2))

    def _edited(self, key: str) -> None:
        widget = self.fields[key].widget
        text = widget.text().strip()
        if key == "earlier_husbanken_grants":
            self._save(key, text)
            return
        if not text:
            return  # an empty field keeps the stored figure; a figure never given is «ikke oppgitt», not 0
        try:
            value: Any = parse_decimal(text)
        except ValueError:
            self.fields[key].error.show_message(tr("Skriv et tall, for eksempel 12 500 eller 2,5."))
            return
        if key == "members":
            if not float(value).is_integer():
                self.fields[key].error.show_message(tr("Antall i husstanden må være et helt tall."))
                return
            value = int(value)
        self._save(key, value)

    def _chosen(self, key: str, value: Any) -> None:
        if value is not None or key != "civil_status":  # «— Velg —» is no civil status to store
            self._save(key, value)

    def _save(self, key: str, value: Any) -> None:
        field = self.fields[key]
        try:
            stored = self.ctx.plan.save_household(self.visit_id, {key: value})
        except UserError as exc:  # the service names the field by its key: say it in words
            field.error.show_message(str(exc).replace(key, f"«{self.labels[key]}»"))
            return
        field.error.show_message("")
        if isinstance(field.widget, QLineEdit) and key != "earlier_husbanken_grants":
            field.widget.setText(format_number(stored.get(key), 2))
        self.saved.emit()
