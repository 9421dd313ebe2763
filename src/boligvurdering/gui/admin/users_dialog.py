"""«Brukerkontoer» (administrator): list, add with a role, reset a password, deactivate.

Called «brukerkontoer», not «brukere»: in this program «bruker» is the person visited."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligvurdering.domain.enums import Role
from boligvurdering.gui.clients.register import _table
from boligvurdering.gui.models import Column, RecordTableModel
from boligvurdering.gui.widgets import OK_STYLE, InlineError, heading
from boligvurdering.gui.workers import TaskRunner
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


def confirm_deactivate(parent: QWidget, username: str) -> bool:
    answer = QMessageBox.question(
        parent, tr("Deaktiver brukerkonto"),
        tr("Vil du deaktivere «{u}»? Kontoen kan ikke lenger logge inn.", u=username),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def user_model(parent: Any = None) -> RecordTableModel:
    """Rows of ``auth.users`` (``UserRecord``)."""
    return RecordTableModel([
        Column(tr("Brukernavn"), lambda u: u.username),
        Column(tr("Navn"), lambda u: u.full_name),
        Column(tr("Rolle"), lambda u: Role(u.role).label() if u.role in set(Role) else u.role),
        Column(tr("Status"), lambda u: tr("Aktiv") if u.active else tr("Deaktivert")),
    ], parent)


def _password() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumHeight(32)
    return edit


class UsersDialog(QDialog):
    """Account administration. Password work (argon2) runs in the worker; ``done`` after each action."""

    done = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, runner: TaskRunner | None = None,
                 confirm: Callable[[QWidget, str], bool] = confirm_deactivate) -> None:
        super().__init__(parent)
        self.ctx, self.confirm = ctx, confirm
        self.runner = runner or TaskRunner(self)
        self.setWindowTitle(tr("Brukerkontoer"))
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Brukerkontoer"), 13))
        self.model = user_model(self)
        self.table = _table(self.model)
        layout.addWidget(self.table, 1)
        self.list_error = InlineError()
        layout.addWidget(self.list_error)
        layout.addLayout(self._selected_row())
        layout.addWidget(self._add_box())
        self.status = QLabel()
        self.status.setStyleSheet(OK_STYLE)
        layout.addWidget(self.status)
        self.refresh()

    def _selected_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_password, self.new_password2 = _password(), _password()
        self.new_password.setPlaceholderText(tr("Nytt passord"))
        self.new_password2.setPlaceholderText(tr("Gjenta nytt passord"))
        self.reset_button = QPushButton(tr("Sett nytt passord"))
        self.deactivate_button = QPushButton(tr("Deaktiver"))
        for w in (QLabel(tr("Valgt konto:")), self.new_password, self.new_password2, self.reset_button,
                  self.deactivate_button):
            w.setMinimumHeight(34)
            row.addWidget(w)
        self.reset_button.clicked.connect(self.reset_password)
        self.deactivate_button.clicked.connect(self.deactivate)
        return row

    def _add_box(self) -> QGroupBox:
        box = QGroupBox(tr("Ny brukerkonto"))
        form = QFormLayout(box)
        self.username, self.full_name = QLineEdit(), QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label(), role.value)
        self.password, self.password2 = _password(), _password()
        for label, widget in ((tr("Brukernavn"), self.username), (tr("Fullt navn"), self.full_name),
                              (tr("Rolle"), self.role), (tr("Passord"), self.password),
                              (tr("Gjenta passordet"), self.password2)):
            widget.setMinimumHeight(32)
            form.addRow(label, widget)
        self.add_error = InlineError()
        self.add_button = QPushButton(tr("Opprett brukerkonto"))
        self.add_button.setMinimumHeight(34)
        form.addRow(self.add_error)
        form.addRow(self.add_button)
        self.add_button.clicked.connect(self.add)
        return box

    def selected(self) -> Any:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def refresh(self, keep: str | None = None) -> None:
        from boligvurdering.domain.errors import UserError
        from boligvurdering.services import auth

        try:
            rows = auth.users(self.ctx)
        except UserError as exc:
            self.list_error.show_message(str(exc))
            return
        self.model.set_rows(rows)
        row = next((i for i, u in enumerate(rows) if u.username == keep), None)
        if row is not None:
            self.table.selectRow(row)

    def _run(self, fn: Callable[..., Any], *args: Any, error: InlineError, ok: str, keep: str = "") -> None:
        self.status.clear()
        error.show_message("")

        def done(_result: Any) -> None:
            if shiboken6.isValid(self):
                self.status.setText(ok)
                self.refresh(keep)
                self.done.emit()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                error.show_message(str(exc))
                self.done.emit()

        self.runner.run(fn, *args, on_done=done, on_error=failed)

    def add(self) -> None:
        from boligvurdering.services import auth

        if self.password.text() != self.password2.text():
            self.add_error.show_message(tr("Passordene er ikke like."))
            return
        name = self.username.text().strip()
        self._run(auth.add_user, self.ctx, name, self.password.text(), self.full_name.text(),
                  self.role.currentData(), error=self.add_error, ok=tr("✓ Brukerkontoen «{u}» er opprettet.", u=name),
                  keep=name)
        self.password.clear()
        self.password2.clear()

    def reset_password(self) -> None:
        from boligvurdering.services import auth

        user = self.selected()
        if user is None:
            self.list_error.show_message(tr("Velg en brukerkonto i listen først."))
            return
        if self.new_password.text() != self.new_password2.text():
            self.list_error.show_message(tr("Passordene er ikke like."))
            return
        self._run(auth.set_password, self.ctx, user.username, self.new_password.text(), error=self.list_error,
                  ok=tr("✓ Nytt passord er satt for «{u}».", u=user.username), keep=user.username)
        self.new_password.clear()
        self.new_password2.clear()

    def deactivate(self) -> None:
        from boligvurdering.services import auth

        user = self.selected()
        if user is None:
            self.list_error.show_message(tr("Velg en brukerkonto i listen først."))
            return
        if not self.confirm(self, user.username):
            return
        self._run(auth.deactivate, self.ctx, user.username, error=self.list_error,
                  ok=tr("✓ «{u}» er deaktivert.", u=user.username), keep=user.username)
