"""Documents of a visit: choose, check what is missing, edit the statement, render, preview, save."""

from boligvurdering.gui.documents.panel import DocumentsPanel

__all__ = ["DocumentsPanel"]
