"""Consent per recipient and «Marker som sendt», shown beside the documents they govern."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.consent import ConsentForm, Recipient, SendChannel
from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

_NOT_ASKED, _GIVEN, _REFUSED = "", "given", "refused"


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setMaximumDate(QDate.currentDate())
    return edit


def _py_date(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


class ConsentBox(QGroupBox):
    """One row per recipient: given / refused / not recorded, oral or written, and the date."""

    changed = Signal()  # consent was saved; documents must be checked again

    def __init__(self, ctx: AppContext, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(tr("Samtykke fra brukeren"), parent)
        self.ctx, self.visit_id = ctx, visit_id
        self.rows: dict[str, tuple[QComboBox, QComboBox, QDateEdit]] = {}
        grid = QGridLayout(self)
        for col, head in enumerate((tr("Mottaker"), tr("Samtykke"), tr("Form"), tr("Dato"))):
            grid.addWidget(QLabel(f"<b>{head}</b>"), 0, col)
        for row, recipient in enumerate(Recipient, start=1):
            state, form = QComboBox(), QComboBox()
            for text, value in ((tr("Ikke registrert"), _NOT_ASKED), (tr("Gitt"), _GIVEN), (tr("Nektet"), _REFUSED)):
                state.addItem(text, value)
            for f in ConsentForm:
                form.addItem(f.label(), f.value)
            state.setAccessibleName(tr("Samtykke: {who}", who=recipient.label()))
            when = _date_edit(date.today())
            when.setAccessibleName(tr("Dato for samtykke: {who}", who=recipient.label()))
            form.setAccessibleName(tr("Form på samtykke: {who}", who=recipient.label()))
            for col, widget in enumerate((QLabel(recipient.label()), state, form, when)):
                grid.addWidget(widget, row, col)
            self.rows[recipient.value] = (state, form, when)
        self.save = QPushButton(tr("Lagre samtykke"))
        self.save.clicked.connect(self.save_all)
        self.status = QLabel()
        self.status.setWordWrap(True)
        grid.addWidget(self.save, len(self.rows) + 1, 0)
        grid.addWidget(self.status, len(self.rows) + 1, 1, 1, 3)
        self.load()

    def load(self) -> None:
        """Show what is stored."""
        stored = self.ctx.consent.consents(self.visit_id)
        for recipient, (state, form, when) in self.rows.items():
            record = stored.get(recipient)
            state.setCurrentIndex(state.findData(_NOT_ASKED if record is None else _GIVEN if record.given else _REFUSED))
            if record is not None:
                form.setCurrentIndex(form.findData(record.form))
                when.setDate(QDate(record.given_on.year, record.given_on.month, record.given_on.day))

    def save_all(self) -> None:
        """Store every row that is given or refused; problems are shown, nothing is lost."""
        stored = self.ctx.consent.consents(self.visit_id)
        try:
            for recipient, (state, form, when) in self.rows.items():
                value = state.currentData()
                if value == _NOT_ASKED:
                    continue
                given, day, how = value == _GIVEN, _py_date(when), form.currentData()
                old = stored.get(recipient)
                if old is None or (old.given, old.given_on, old.form) != (given, day, how):
                    self.ctx.consent.record(self.visit_id, recipient, given=given, given_on=day, form=how)
        except UserError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(tr("Samtykket er lagret."))
        self.changed.emit()


class SentBox(QWidget):
    """«Marker som sendt»: date and channel for the chosen document; moves the case."""

    sent = Signal()

    def __init__(self, ctx: AppContext, visit_id: str, kind_of: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.visit_id, self.kind_of = ctx, visit_id, kind_of
        self.channel = QComboBox()
        for c in SendChannel:
            self.channel.addItem(c.label(), c.value)
        self.channel.setAccessibleName(tr("Sendt med"))
        self.when = _date_edit(date.today())
        self.when.setAccessibleName(tr("Dato sendt"))
        self.button = QPushButton(tr("Marker som sendt"))
        self.button.clicked.connect(self.mark)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        for w in (QLabel(tr("Sendt:")), self.when, QLabel(tr("med")), self.channel, self.button):
            row.addWidget(w)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)

    def mark(self) -> None:
        kind = self.kind_of()
        try:
            self.ctx.consent.mark_sent(self.visit_id, kind, sent_on=_py_date(self.when),
                                       channel=self.channel.currentData(), amount_applied=self._applied(kind))
        except UserError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(tr("Registrert som sendt {date} ({how}).", date=_py_date(self.when).strftime("%d.%m.%Y"),
                               how=self.channel.currentText().lower()))
        self.sent.emit()

    def _applied(self, kind: str) -> float | None:
        from boligvurdering.services.documents import DocumentService

        return DocumentService(self.ctx).applied_amount(self.visit_id, kind)
