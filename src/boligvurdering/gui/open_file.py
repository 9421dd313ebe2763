"""An exchange file opened with the program (double-click on a .bvx file): offer to import it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from boligvurdering.domain.errors import UserError
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


def offer_import_when_ready(window: Any, path: Path) -> None:
    """Once the window's data is open (after sign-in), ask whether to import ``path``."""

    def once() -> None:
        window.ready.disconnect(once)
        offer_import(window, path)

    window.ready.connect(once)


def import_summary(ctx: AppContext, path: Path, password: Callable[[], str]) -> str:
    """Import one file and describe the outcome in Norwegian (every problem of a refused file)."""
    from boligvurdering.services.exchange import ExchangeService

    try:
        outcome = ExchangeService(ctx).import_paths([path], password=password)[0]
    except UserError as exc:
        return str(exc)
    if outcome.status == "refused":
        problems = "\n".join(f"• {p}" for p in outcome.problems)
        return tr("Filen ble avvist, og ingenting er lagret:\n{problems}", problems=problems)
    if outcome.status == "new":
        return tr("Besøket for {name} er importert.", name=outcome.client_name)
    return tr("Besøket for {name} er oppdatert fra filen.", name=outcome.client_name)


def offer_import(window: QWidget, path: Path) -> None:
    answer = QMessageBox.question(window, tr("Importer besøk"),
                                  tr("Vil du importere besøksfilen «{name}»?", name=path.name))
    if answer != QMessageBox.StandardButton.Yes:
        return

    def password() -> str:
        text, ok = QInputDialog.getText(window, tr("Kryptert besøksfil"), tr("Passord for filen:"),
                                        QLineEdit.EchoMode.Password)
        if not ok:
            raise UserError(tr("Importen ble avbrutt; ingenting er lagret."))
        return text

    message = import_summary(window.ctx, path, password)  # type: ignore[attr-defined]
    QMessageBox.information(window, tr("Importer besøk"), message)
    visits = getattr(window, "visits_page", None)
    if visits is not None:
        visits.refresh()
