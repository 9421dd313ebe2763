"""The work list and documents tabs, built on first show; a page that fails to build says so."""

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
    from boligvurdering.gui.backlog import BacklogPage  # built when the tab is first shown

    try:
        return BacklogPage(ctx, parent)
    except Exception:
        log.exception("backlog page failed")
        return MessagePage(tr("Arbeidslisten kunne ikke vises"), tr("Se loggen for detaljer."))


def documents_panel(ctx: AppContext, visit_id: str, parent: QWidget) -> QWidget:
    from boligvurdering.gui.documents import DocumentsPanel  # built when the tab is first shown

    try:
        return DocumentsPanel(ctx, visit_id, parent)
    except Exception:
        log.exception("documents panel failed")
        return MessagePage(tr("Dokumentene kunne ikke vises"), tr("Se loggen for detaljer."))
