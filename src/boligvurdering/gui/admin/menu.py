"""The «Administrasjon» menu: shown only to the roles that may use it (services check again)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QMainWindow

from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

LEADS = ("teamleder", "administrator")


def _open(window: Any, key: str, make: Callable[[], QDialog]) -> QDialog:
    dialog = window.admin_dialogs.get(key)
    if dialog is None:
        dialog = make()
        window.admin_dialogs[key] = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def install_admin_menu(window: QMainWindow) -> dict[str, Any]:
    """Add the menu for ``window.ctx.role``; returns the actions by key (none for other roles)."""
    from boligvurdering.gui.admin.audit_dialog import AuditDialog
    from boligvurdering.gui.admin.settings_dialog import SettingsDialog
    from boligvurdering.gui.admin.users_dialog import UsersDialog

    ctx: AppContext = window.ctx
    window.admin_dialogs = {}
    role = getattr(ctx, "role", "")
    if role not in LEADS:
        return {}
    menu = window.menuBar().addMenu(tr("&Administrasjon"))
    menu.setObjectName("menuAdmin")
    actions = {
        "settings": menu.addAction(tr("&Innstillinger …"), lambda: _open(
            window, "settings", lambda: SettingsDialog(ctx, window.paths, window, idle_lock=window.idle_lock))),
        "audit": menu.addAction(tr("&Tilgangslogg …"), lambda: _open(
            window, "audit", lambda: AuditDialog(ctx, window, runner=window.runner))),
    }
    if role == "administrator":
        actions["users"] = menu.addAction(tr("&Brukerkontoer …"), lambda: _open(
            window, "users", lambda: UsersDialog(ctx, window, runner=window.runner)))
    return actions
