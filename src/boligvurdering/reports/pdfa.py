"""PDF/A-2b conversion of a ReportLab PDF with pikepdf (validated on save)."""

from __future__ import annotations

import io


def to_pdfa(pdf: bytes) -> bytes:
    """Return ``pdf`` as validated PDF/A-2b bytes.

    ReportLab writes an empty ``/Trans`` dictionary on every page, which the validator does not
    accept; it is removed first. ``pikepdf.pdfa.save`` validates what it wrote and raises
    ``pikepdf.pdfa.PdfaError`` if the result does not pass: callers never get an unchecked file.
    """
    import pikepdf
    import pikepdf.pdfa

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            if "/Trans" in page.obj:
                del page.obj["/Trans"]
        out = io.BytesIO()
        pikepdf.pdfa.save(doc, out, "2b")
        return out.getvalue()


def validate(pdf: bytes) -> str:
    """The validator's verdict for PDF/A-2b bytes (``"pass"`` when valid); raises ``PdfaError``."""
    import pikepdf.pdfa

    report = pikepdf.pdfa.validate_written(io.BytesIO(pdf), "2b")
    return str(getattr(report, "verdict", report))
