"""Registering a new client with the dwelling; every refusal shown under its field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.enums import DwellingType, Tenure
from boligvurdering.domain.errors import ValidationFailed
from boligvurdering.gui.clients.fields import FieldSet, yes_no_unknown
from boligvurdering.gui.widgets import InlineError, heading
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


class ClientForm(QWidget):
    """Page for a new client. Emits ``created(ClientRecord)`` or ``cancelled``."""

    created = Signal(object)
    cancelled = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.addWidget(heading(tr("Ny bruker"), 14))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        form = QFormLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.fields = f = FieldSet(form)
        f.line("given_name", tr("Fornavn"))
        f.line("family_name", tr("Etternavn"))
        f.line("national_id", tr("Fødselsnummer"), tr("11 siffer"))
        f.line("phone", tr("Telefon"))
        f.combo("lives_alone", tr("Bor alene"), yes_no_unknown())
        form.addRow(heading(tr("Bolig"), 11))
        f.line("address", tr("Adresse"))
        f.line("postal_code", tr("Postnummer"), tr("4 siffer"))
        f.line("postal_place", tr("Poststed"))
        f.combo("dwelling_type", tr("Boligtype"), [(t.value, t.label()) for t in DwellingType])
        f.line("floors", tr("Antall etasjer"))
        f.combo("has_lift", tr("Heis"), yes_no_unknown())
        f.combo("tenure", tr("Eierform"), [("", tr("Ikke oppgitt"))] + [(t.value, t.label()) for t in Tenure])
        self.general_error = InlineError()
        outer.addWidget(self.general_error)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(tr("Registrer bruker"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Avbryt"))
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancelled)
        for widget in f.widgets.values():  # Enter in any field registers (no reach for the mouse)
            if isinstance(widget, QLineEdit):
                widget.returnPressed.connect(self.submit)

    def client_data(self) -> dict[str, Any]:
        f = self.fields
        return {k: f.value(k) for k in ("given_name", "family_name", "national_id", "phone", "lives_alone")}

    def dwelling_data(self) -> dict[str, Any]:
        f = self.fields
        floors = f.value("floors")
        data = {k: f.value(k) for k in ("address", "postal_code", "postal_place", "dwelling_type", "has_lift", "tenure")}
        data["floors"] = int(floors) if floors.isdigit() else (floors or None)
        return data

    def submit(self) -> None:
        self.fields.clear_errors()
        self.general_error.show_message("")
        try:
            record = self.ctx.clients.create(self.client_data(), self.dwelling_data())
        except ValidationFailed as exc:
            rest = self.fields.show_problems(exc.problems)
            self.general_error.show_message(" ".join(rest) or exc.title)
            widget = self.fields.first_error_widget()
            if widget is not None:
                widget.setFocus()
            return
        self.created.emit(record)

    def reset(self) -> None:
        self.fields.clear_errors()
        self.general_error.show_message("")
        for widget in self.fields.widgets.values():
            if hasattr(widget, "setCurrentIndex"):
                widget.setCurrentIndex(0)
            elif hasattr(widget, "clear"):
                widget.clear()
        self.fields.widgets["given_name"].setFocus()
