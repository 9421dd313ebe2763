"""Client register: search-as-you-type, the client card with its visits, new client, new visit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.enums import DwellingType
from boligvurdering.domain.formatting import format_date
from boligvurdering.gui.clients.client_form import ClientForm
from boligvurdering.gui.clients.visit_form import VisitForm
from boligvurdering.gui.models import ROW_ROLE, client_model, visit_model
from boligvurdering.gui.widgets import MessagePage, discard, heading
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


def _table(model: Any) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table


class ClientCard(QWidget):
    """One client: facts, dwelling, visits; «Nytt besøk»."""

    new_visit = Signal()
    open_visit = Signal(str)
    edit_client = Signal()
    remove_client = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = heading("", 14)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        self.client: Any = None
        self._facts: list[str] = []
        self.reveal_button = QPushButton(tr("Vis fødselsnummer"))
        self.reveal_button.setCheckable(True)
        self.reveal_button.setToolTip(tr("Det fulle nummeret vises bare når du ber om det"))
        self.reveal_button.toggled.connect(self._reveal)
        layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.addWidget(heading(tr("Besøk"), 12))
        row.addStretch(1)
        self.new_visit_button = QPushButton(tr("Nytt besøk"))
        self.edit_button = QPushButton(tr("Endre bruker"))
        self.remove_button = QPushButton(tr("Fjern bruker"))
        self.remove_button.setToolTip(tr("En bruker med besøk blir deaktivert, ikke slettet."))
        for button in (self.edit_button, self.remove_button, self.new_visit_button):
            row.addWidget(button)
        self.edit_button.clicked.connect(self.edit_client)
        self.remove_button.clicked.connect(self.remove_client)
        layout.addLayout(row)
        self.visits = visit_model(self)
        self.table = _table(self.visits)
        self.table.setAccessibleName(tr("Brukerens besøk"))
        layout.addWidget(self.table, 1)
        self.empty = QLabel(tr("Ingen besøk ennå — opprett et nytt besøk."))
        layout.addWidget(self.empty)
        self.open_button = QPushButton(tr("Åpne besøket"))
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        self.new_visit_button.clicked.connect(self.new_visit)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.open_button.clicked.connect(lambda: self._open_index(self.table.currentIndex()))

    def show_client(self, client: Any, dwellings: list[Any], visits: list[Any]) -> None:
        self.title.setText(client.full_name)
        if self.client is None or self.client.id != client.id:
            self.reveal_button.setChecked(False)  # another client: hidden again
        self.client = client
        lines: list[str] = []
        if client.phone:
            lines.append(tr("Telefon {phone}", phone=client.phone))
        for d in dwellings:
            kind = DwellingType(d.dwelling_type).label() if d.dwelling_type in DwellingType._value2member_map_ else d.dwelling_type
            lines.append(f"{d.address}, {d.postal_code} {d.postal_place} · {kind}")
        self._facts = lines
        self._reveal(self.reveal_button.isChecked())
        self.visits.set_rows(visits)
        self.empty.setVisible(not visits)
        self.table.setVisible(bool(visits))
        self.open_button.setVisible(bool(visits))
        if visits:
            self.table.selectRow(0)

    def _reveal(self, shown: bool) -> None:
        """Birth date by default; the full fødselsnummer only on request."""
        if self.client is None:
            return
        born = format_date(self.client.birth_date)
        first = (tr("Født {date} · fødselsnummer {nid}", date=born, nid=self.client.national_id) if shown
                 else tr("Født {date} · fødselsnummer skjult", date=born))
        self.facts.setText("\n".join([first, *self._facts]))
        self.reveal_button.setText(tr("Skjul fødselsnummer") if shown else tr("Vis fødselsnummer"))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_visit.emit(self.visits.record(index.row()).id)


def confirm_client_delete(parent: QWidget, name: str) -> bool:
    """The one confirmation: a client without visits is deleted for good."""
    answer = QMessageBox.question(parent, tr("Slette brukeren?"),
                                  tr("{name} har ingen besøk og slettes for godt. Vil du slette?", name=name))
    return answer == QMessageBox.StandardButton.Yes


class ClientRegisterPage(QWidget):
    """The «Brukere» tab."""

    open_visit = Signal(str)
    visits_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client: Any = None
        split = QSplitter(Qt.Orientation.Horizontal)
        QVBoxLayout(self).addWidget(split)
        split.addWidget(self._build_list())
        self.right = QStackedWidget()
        self.empty_card = MessagePage(tr("Velg en bruker"), tr("Søk etter en bruker til venstre, eller registrer en ny bruker."))
        self.card = ClientCard()
        self.form = ClientForm(ctx)
        for w in (self.empty_card, self.card, self.form):
            self.right.addWidget(w)
        split.addWidget(self.right)
        split.setSizes([560, 800])
        self._search_timer = QTimer(self, singleShot=True, interval=150, timeout=self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.new_button.clicked.connect(self.show_new_client)
        self.form.created.connect(self._client_created)
        self.form.cancelled.connect(lambda: self.right.setCurrentWidget(self.card if self.client else self.empty_card))
        self.card.new_visit.connect(self.show_new_visit)
        self.card.open_visit.connect(self.open_visit)
        self.card.edit_client.connect(self.edit_client)
        self.card.remove_client.connect(self.remove_client)
        self.confirm_delete = confirm_client_delete  # tests replace it
        self.refresh()

    def edit_client(self) -> None:
        if self.client is not None:
            dwellings = self.ctx.clients.dwellings(self.client.id)
            self.form.edit(self.client, dwellings[0] if dwellings else None)
            self.right.setCurrentWidget(self.form)

    def remove_client(self) -> None:
        """Deactivate a client with visits (nothing is lost, no question); delete one without after asking."""
        if self.client is None:
            return
        if not self.ctx.visits.list(self.client.id, limit=1) and not self.confirm_delete(self, self.client.full_name):
            return
        self.ctx.clients.remove(self.client.id)
        self.client = None
        self.right.setCurrentWidget(self.empty_card)
        self.refresh()
        self.visits_changed.emit()

    def _build_list(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Søk på navn, fødselsnummer eller adresse (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(32)
        self.new_button = QPushButton(tr("Ny bruker"))
        row.addWidget(self.search, 1)
        row.addWidget(self.new_button)
        layout.addLayout(row)
        self.model = client_model(self)
        self.table = _table(self.model)
        self.table.setAccessibleName(tr("Brukere"))
        layout.addWidget(self.table, 1)
        self.empty = QLabel(tr("Ingen brukere ennå — registrer en ny bruker med «Ny bruker»."))
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        return box

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        text = self.search.text()
        rows = self.ctx.clients.search(text)
        self.model.set_rows(rows)
        if not rows:
            self.empty.setText(tr("Ingen treff på «{text}».", text=text) if text.strip()
                               else tr("Ingen brukere ennå — registrer en ny bruker med «Ny bruker»."))
        self.empty.setVisible(not rows)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_client(current.data(ROW_ROLE))

    def show_client(self, client: Any) -> None:
        self.client = client
        self.card.show_client(client, self.ctx.clients.dwellings(client.id), self.ctx.visits.list(client.id))
        self.right.setCurrentWidget(self.card)

    def refresh_card(self) -> None:
        if self.client is not None and self.right.currentWidget() is self.card:
            self.show_client(self.client)

    def show_new_client(self) -> None:
        self.form.reset()
        self.right.setCurrentWidget(self.form)
        self.form.fields.widgets["given_name"].setFocus()  # type at once

    def _client_created(self, client: Any) -> None:
        self.search.blockSignals(True)
        self.search.setText(client.national_id)
        self.search.blockSignals(False)
        self.refresh()
        self.table.selectRow(0)
        self.show_client(client)

    def show_new_visit(self) -> None:
        if self.client is None:
            return
        form = VisitForm(self.ctx, self.client)
        self.right.addWidget(form)
        self.right.setCurrentWidget(form)
        form.date.setFocus()  # type the date at once
        form.cancelled.connect(lambda: self._close_form(form))
        form.created.connect(lambda visit: self._visit_created(form, visit))

    def _close_form(self, form: QWidget) -> None:
        self.right.setCurrentWidget(self.card)
        self.right.removeWidget(form)
        discard(form)

    def _visit_created(self, form: QWidget, visit: Any) -> None:
        self._close_form(form)
        self.show_client(self.client)
        self.visits_changed.emit()
        self.open_visit.emit(visit.id)
