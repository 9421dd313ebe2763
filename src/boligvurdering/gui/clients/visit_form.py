"""Starting a visit: date, team with Lindås roles, the contact person, the referral reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.enums import LINDAAS_ROLES, ReferralSource
from boligvurdering.domain.errors import UserError, ValidationFailed
from boligvurdering.gui.widgets import InlineError, heading
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


def role_combo(selected: str = "") -> QComboBox:
    combo = QComboBox()
    for role in LINDAAS_ROLES:
        combo.addItem(role.label(), role.value)
    index = combo.findData(selected)
    combo.setCurrentIndex(max(index, 0))
    return combo


class TeamPicker(QGroupBox):
    """Team members with a role each and one named contact person; members added inline.

    ``team``/``contact`` preset the choice (editing a visit's team); without them the signed-in
    user is ticked and kontaktperson, as the service would choose.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, team: list[tuple[str, str]] | None = None,
                 contact: str | None = None) -> None:
        super().__init__(tr("Team"), parent)
        self.ctx = ctx
        self.rows: list[tuple[Any, QCheckBox, QComboBox, QRadioButton]] = []
        self.contact_group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        self.empty = QLabel(tr("Ingen teammedlemmer ennå — legg til den første under."))
        layout.addWidget(self.empty)
        add = QHBoxLayout()
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(tr("Navn på nytt teammedlem"))
        self.new_role = role_combo()
        self.new_phone = QLineEdit()
        self.new_phone.setPlaceholderText(tr("Telefon"))
        self.add_button = QPushButton(tr("Legg til"))
        for w in (self.new_name, self.new_role, self.new_phone, self.add_button):
            add.addWidget(w)
        layout.addLayout(add)
        self.add_error = InlineError()
        layout.addWidget(self.add_error)
        self.add_button.clicked.connect(self.add_member)
        self.new_name.returnPressed.connect(self.add_member)  # Enter adds the member
        if team is None:
            me = ctx.team.me()
            team, contact = ([(me.id, me.role)], me.id) if me is not None else ([], None)
        roles = dict(team)
        for member in ctx.visits.members():
            if member.active or member.id in roles:
                self._add_row(member, checked=member.id in roles, role=roles.get(member.id, member.role))
                self.rows[-1][3].setChecked(member.id == contact)

    def _add_row(self, member: Any, checked: bool, role: str = "") -> None:
        row = len(self.rows)
        check = QCheckBox(member.name)
        check.setChecked(checked)
        combo = role_combo(role or member.role)
        contact = QRadioButton(tr("Kontaktperson"))
        self.contact_group.addButton(contact)
        check.toggled.connect(lambda on, c=contact: on or c.setChecked(False))
        contact.toggled.connect(lambda on, c=check: on and c.setChecked(True))
        self.grid.addWidget(check, row, 0)
        self.grid.addWidget(combo, row, 1)
        self.grid.addWidget(contact, row, 2)
        self.rows.append((member, check, combo, contact))
        self.empty.setVisible(not self.rows)

    def add_member(self) -> None:
        try:
            member = self.ctx.visits.add_member(self.new_name.text(), self.new_role.currentData(),
                                                self.new_phone.text())
        except UserError as exc:
            problems = getattr(exc, "problems", None)
            self.add_error.show_message(" ".join(p.message for p in problems) if problems else str(exc))
            return
        self.add_error.show_message("")
        self.new_name.clear()
        self.new_phone.clear()
        self._add_row(member, checked=True)
        if self.contact_group.checkedButton() is None:
            self.rows[-1][3].setChecked(True)

    def team(self) -> tuple[list[tuple[str, str]], str | None]:
        chosen = [(m.id, combo.currentData()) for m, check, combo, _c in self.rows if check.isChecked()]
        contact = next((m.id for m, _ch, _co, c in self.rows if c.isChecked()), None)
        return chosen, contact


class VisitForm(QWidget):
    """Page for a new visit of one client. Emits ``created(VisitRecord)`` or ``cancelled``."""

    created = Signal(object)
    cancelled = Signal()

    def __init__(self, ctx: AppContext, client: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client = ctx, client
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Nytt besøk hos {name}", name=client.full_name), 14))
        form = QFormLayout()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd.MM.yyyy")
        self.source = QComboBox()
        for source in ReferralSource:
            self.source.addItem(source.label(), source.value)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(tr("Hvorfor er brukeren henvist? (f.eks. fall, bekymring fra pårørende)"))
        self.reason.setMaximumHeight(80)
        self.reason.setTabChangesFocus(True)  # Tab goes on to the team, as in every other field
        form.addRow(tr("Besøksdato"), self.date)
        form.addRow(tr("Henvist av"), self.source)
        form.addRow(tr("Henvisningsårsak"), self.reason)
        layout.addLayout(form)
        self.team = TeamPicker(ctx)
        layout.addWidget(self.team)
        self.error = InlineError()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(tr("Avbryt"))
        self.save_button = QPushButton(tr("Opprett besøk"))
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.submit)
        self.save_button.setToolTip(tr("Ctrl+Enter"))
        self.cancel_button.clicked.connect(self.cancelled)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # create without reaching for the mouse
            QShortcut(QKeySequence(keys), self, self.submit,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def submit(self) -> None:
        team, contact = self.team.team()
        if not team:
            self.error.show_message(tr("Velg minst ett teammedlem."))
            return
        data = {"visit_date": self.date.date().toString("yyyy-MM-dd"),
                "referral_reason": self.reason.toPlainText().strip(),
                "referral_source": self.source.currentData()}
        try:
            record = self.ctx.visits.create(self.client.id, data=data, team=team, contact_member_id=contact)
        except ValidationFailed as exc:
            self.error.show_message(" ".join(p.message for p in exc.problems))
            return
        except UserError as exc:
            self.error.show_message(str(exc))
            return
        self.created.emit(record)
