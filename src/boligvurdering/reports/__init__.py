"""PDF documents of a visit. The only package that imports ReportLab (and pikepdf).

``render_document(data)`` picks the renderer for ``data.kind`` and returns PDF bytes; archive
and application packages come back as validated PDF/A-2b. ReportLab is imported lazily so
that importing this package stays cheap.
"""

from __future__ import annotations

from typing import Any

from boligvurdering.reports.model import DocumentData

_RENDERERS = {
    "client": ("boligvurdering.reports.client", "ClientReport"),
    "archive": ("boligvurdering.reports.archive", "ArchiveReport"),
    "tilskudd": ("boligvurdering.reports.applications", "TilskuddPackage"),
    "nav-rampe": ("boligvurdering.reports.applications", "NavRampPackage"),
    "fastlege": ("boligvurdering.reports.referrals", "GpReferral"),
    "brannvesen": ("boligvurdering.reports.referrals", "FireReferral"),
}
PDFA_KINDS = frozenset({"archive", "tilskudd", "nav-rampe"})


def renderer_for(kind: str) -> Any:
    """The renderer class for a document kind; ``KeyError`` for an unknown kind."""
    import importlib

    module, name = _RENDERERS[kind]
    return getattr(importlib.import_module(module), name)


def render_document(data: DocumentData) -> bytes:
    """Render ``data``; every recipient gets only what it needs (``reports.minimise``)."""
    from boligvurdering.reports.minimise import minimise

    data = minimise(data)
    return renderer_for(data.kind)(data).render()


__all__ = ["PDFA_KINDS", "DocumentData", "render_document", "renderer_for"]
