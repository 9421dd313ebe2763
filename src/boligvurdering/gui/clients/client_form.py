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
from boligvurdering.i18n import DOCUMENT_LANGUAGES, tr
from boligvurdering.services.language import LanguageService, language_names


def malform_choices() -> list[tuple[str, str]]:
    """«Som kommunen», then bokmål and nynorsk: the målform of letters to this client."""
    names = language_names()
    return [("", tr("Som kommunen"))] + [(code, names[code]) for code in DOCUMENT_LANGUAGES]

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

CLIENT_KEYS = ("given_name", "family_name", "national_id", "phone", "lives_alone", "gp_name")
DWELLING_KEYS = ("address", "postal_code", "postal_place", "dwelling_type", "floors", "has_lift", "tenure", "gnr", "bnr")


class ClientForm(QWidget):
    """Page for a new client, or for correcting one (``edit``). Emits ``created(ClientRecord)`` or ``cancelled``."""

    created = Signal(object)
    cancelled = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        self.heading = heading(tr("Ny bruker"), 14)
        outer.addWidget(self.heading)
        self.editing: tuple[str, str | None] | None = None  # (client id, dwelling id) when correcting
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
        f.combo("malform", tr("Foretrukket målform"), malform_choices())
        form.addRow(heading(tr("Bolig"), 11))
        f.line("address", tr("Adresse"))
        f.line("postal_code", tr("Postnummer"), tr("4 siffer"))
        f.line("postal_place", tr("Poststed"))
        f.combo("dwelling_type", tr("Boligtype"), [(t.value, t.label()) for t in DwellingType])
        f.line("floors", tr("Antall etasjer"))
        f.combo("has_lift", tr("Heis"), yes_no_unknown())
        f.combo("tenure", tr("Eierform"), [("", tr("Ikke oppgitt"))] + [(t.value, t.label()) for t in Tenure])
        f.line("gnr", tr("Gårdsnummer (gnr.)"), tr("f.eks. 137"))
        f.line("bnr", tr("Bruksnummer (bnr.)"), tr("f.eks. 45"))
        form.addRow(heading(tr("Fastlege"), 11))  # last: registering by keyboard needs no extra Tab
        f.line("gp_name", tr("Fastlegens navn"), tr("Navn på fastlegen, f.eks. Dr. Kari Lege"))
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
        return {k: f.value(k) for k in CLIENT_KEYS}

    def dwelling_data(self) -> dict[str, Any]:
        f = self.fields
        floors = f.value("floors")
        data = {k: f.value(k) for k in DWELLING_KEYS if k != "floors"}
        data["floors"] = int(floors) if floors.isdigit() else (floors or None)
        return data

    def submit(self) -> None:
        self.fields.clear_errors()
        self.general_error.show_message("")
        try:
            if self.editing is None:
                record = self.ctx.clients.create(self.client_data(), self.dwelling_data())
            else:
                client_id, dwelling_id = self.editing
                record = self.ctx.clients.update(client_id, self.client_data())
                self.ctx.clients.save_dwelling(client_id, self.dwelling_data(), dwelling_id)
        except ValidationFailed as exc:
            rest = self.fields.show_problems(exc.problems)
            self.general_error.show_message(" ".join(rest) or exc.title)
            widget = self.fields.first_error_widget()
            if widget is not None:
                widget.setFocus()
            return
        if self.fields.value("malform"):
            LanguageService(self.ctx).set_client_malform(record.id, self.fields.value("malform"))
        self.created.emit(record)

    def edit(self, client: Any, dwelling: Any | None) -> None:
        """Fill the form with a client to correct; «Lagre endringer» updates it (audited)."""
        self.reset()
        self.editing = (client.id, dwelling.id if dwelling else None)
        self.heading.setText(tr("Endre {name}", name=client.full_name))
        self.save_button.setText(tr("Lagre endringer"))
        for key in CLIENT_KEYS:
            self.fields.set_value(key, getattr(client, key))
        if dwelling is not None:
            for key in DWELLING_KEYS:
                self.fields.set_value(key, getattr(dwelling, key))

    def reset(self) -> None:
        self.editing = None
        self.heading.setText(tr("Ny bruker"))
        self.save_button.setText(tr("Registrer bruker"))
        self.fields.clear_errors()
        self.general_error.show_message("")
        for widget in self.fields.widgets.values():
            if hasattr(widget, "setCurrentIndex"):
                widget.setCurrentIndex(0)
            elif hasattr(widget, "clear"):
                widget.clear()
        self.fields.widgets["given_name"].setFocus()
