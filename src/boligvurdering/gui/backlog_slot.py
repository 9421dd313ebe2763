"""The work list tab: the team lead's backlog page when installed, else a placeholder."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from boligvurdering.gui.widgets import MessagePage
from boligvurdering.i18n import tr

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext

log = logging.getLogger(__name__)


def backlog_page(ctx: AppContext, parent: QWidget) -> QWidget:
    try:
        from boligvurdering.gui.backlog import BacklogPage
    except ImportError:
        return MessagePage(tr("Arbeidslisten kommer"),
                           tr("Her kommer teamlederens oversikt over alle saker, frister og status."))
    try:
        return BacklogPage(ctx, parent)
    except Exception:  # noqa: BLE001 - another team's page must not stop the app from opening
        log.exception("backlog page failed")
        return MessagePage(tr("Arbeidslisten kunne ikke vises"), tr("Se loggen for detaljer."))


def documents_panel(ctx: AppContext, visit_id: str, parent: QWidget) -> QWidget:
    try:
        from boligvurdering.gui.documents import DocumentsPanel
    except ImportError:
        return MessagePage(tr("Dokumenter kommer"),
                           tr("Her kan du snart lage rapport, brev og søknader for besøket."))
    try:
        return DocumentsPanel(ctx, visit_id, parent)
    except Exception:  # noqa: BLE001
        log.exception("documents panel failed")
        return MessagePage(tr("Dokumentene kunne ikke vises"), tr("Se loggen for detaljer."))
