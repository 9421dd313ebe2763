"""«Gi saken til en kollega …» on the Arbeidsliste: the team lead gives a visit to a colleague on the team server.

The same service as ``boligvurdering sync assign``: the colleague's laptop receives the whole visit at
its next sync. Shown only to a team lead (or administrator) on a laptop enrolled on the team server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QWidget,
)

from boligvurdering.i18n import tr
from boligvurdering.services.sync import SyncService

if TYPE_CHECKING:
    from boligvurdering.gui.backlog.page import BacklogPage

LEAD_ROLES = ("teamleder", "administrator")


class ServerAssignDialog(QDialog):
    """Choose the colleague (the team's users on the server; a name can also be typed)."""

    def __init__(self, parent: QWidget, client_name: str, users: list[tuple[str, str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Gi saken til en kollega – {c}", c=client_name))
        form = QFormLayout(self)
        self.person = QComboBox(self)
        self.person.setEditable(True)
        for username, full_name, role in users:
            self.person.addItem(tr("{u} – {name} ({role})", u=username, name=full_name or username, role=role), username)
        self.person.setAccessibleName(tr("Kollega"))
        form.addRow(tr("Kollega:"), self.person)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form.addRow(buttons)

    def username(self) -> str:
        text = self.person.currentText().strip()
        index = self.person.findText(text)
        return str(self.person.itemData(index)) if index >= 0 else text.split(" ", 1)[0]


def server_assign_button(page: BacklogPage, parent: QWidget) -> QPushButton | None:
    """The button for the team lead of an enrolled laptop, or ``None``."""
    service = SyncService(page.ctx)
    if page.ctx.role not in LEAD_ROLES or not service.enrolled():
        return None
    button = QPushButton(tr("Gi saken til en kollega …"), parent)
    button.setMinimumHeight(32)
    button.clicked.connect(lambda: start(page, service))
    return button


def start(page: BacklogPage, service: SyncService) -> None:
    row = page.cases.current_row()
    if row is None:
        page._info(tr("Velg en sak i tabellen først."))
        return
    page.runner.run(service.team_users, on_done=lambda users: _choose(page, service, row, users),
                    on_error=page._error)


def _choose(page: BacklogPage, service: SyncService, row: Any, users: list[tuple[str, str, str]]) -> None:
    dialog = ServerAssignDialog(page, row.client_name, users)
    page.server_assign_dialog = dialog  # kept (and reachable for tests) while open

    def accepted() -> None:
        username, visit_id = dialog.username(), str(row.visit_id)
        page.runner.run(service.assign, visit_id, username,
                        on_done=lambda fresh: page._info(
                            tr("{u} får saken ved neste synkronisering.", u=username) if fresh
                            else tr("{u} har saken allerede.", u=username)),
                        on_error=page._error)

    dialog.accepted.connect(accepted)
    dialog.open()
