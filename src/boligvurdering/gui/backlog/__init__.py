"""The team lead's backlog page (embedded by the main window as «Arbeidsliste»)."""

from boligvurdering.gui.backlog.page import BacklogPage

__all__ = ["BacklogPage"]
