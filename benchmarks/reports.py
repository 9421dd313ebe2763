"""Document rendering benchmark: archive with 20 photos from 12-MP JPEGs, and the client report.

Run: ``python -m benchmarks.reports``. Prints medians; targets: archive ≤ 2.5 s, client ≤ 0.3 s,
and the archive at most 1.3× a bare ReportLab build of the same 20 print copies with the same text
(side by side in one run, so the ratio is what counts on a noisy machine).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reports"))

from visitdata import VISIT, visit_document, write_photos  # noqa: E402

from boligvurdering.paths import AppPaths  # noqa: E402
from boligvurdering.services.context import open_context  # noqa: E402
from boligvurdering.services.documents import DocumentService  # noqa: E402
from boligvurdering.services.exchange import ExchangeService  # noqa: E402


def _median(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bare_reportlab(pdf: bytes, photos: list[Path]) -> bytes:
    """The same text and the same print copies laid out by plain ReportLab (no PDF/A, no decryption).

    The copies are given as files, ReportLab's fastest path (JPEG embedded as it is).
    """
    import io

    from pypdf import PdfReader
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate

    from boligvurdering.reports.base import register_fonts

    register_fonts()
    style = getSampleStyleSheet()["BodyText"]
    style.fontName = "Body"
    lines = [ln for page in PdfReader(io.BytesIO(pdf)).pages for ln in page.extract_text().splitlines()]
    story = [Paragraph(ln.replace("&", "&amp;").replace("<", "&lt;"), style) for ln in lines]
    story += [Image(str(path), width=220, height=165) for path in photos]
    out = io.BytesIO()
    SimpleDocTemplate(out).build(story)
    return out.getvalue()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(AppPaths.resolve(Path(tmp) / "data"))
        ExchangeService(ctx).import_document(visit_document([]))
        raw = Path(tmp) / "camera"
        start = time.perf_counter()
        originals = write_photos(raw, 20, size=(2048, 1536))  # stored copies are ≤ 2048 px anyway
        print(f"made 20 camera JPEGs 2048x1536 in {time.perf_counter() - start:.1f} s "
              f"({sum((raw / p['file_name']).stat().st_size for p in originals) / 1e6:.0f} MB)")
        # The real flow: photos are imported once on the visit (rotated, stripped, <= 2048 px) ...
        start = time.perf_counter()
        for entry in originals:
            ctx.photos.import_photo(VISIT, raw / entry["file_name"], room_id=entry["room"], caption=entry["caption"])
        print(f"imported 20 photos through PhotoService in {time.perf_counter() - start:.1f} s "
              f"({(time.perf_counter() - start) / 20 * 1000:.0f} ms each, off the UI thread in the app)")
        # ... and the documents are made from the stored copies.
        docs = DocumentService(ctx)
        archive_s, pdf = _median(lambda: docs.render_bytes(VISIT, "archive"), 5)
        copies = []
        for i, record in enumerate(ctx.photos.list(VISIT)):
            copies.append(Path(tmp) / f"copy-{i}.jpg")
            copies[-1].write_bytes(ctx.photos.print_bytes_of(record))
        bare_s, _ = _median(lambda: bare_reportlab(pdf, copies), 5)
        client_s, _ = _median(lambda: docs.render_bytes(VISIT, "client"), 9)
        print(f"archive, 20 photos, PDF/A-2b: median {archive_s:.2f} s, {len(pdf) / 1e6:.1f} MB (target ≤ 2.5 s, < 6 MB)")
        print(f"client report:                median {client_s * 1000:.0f} ms (target ≤ 300 ms)")
        print(f"bare ReportLab, same text and 20 print copies: median {bare_s:.2f} s")
        print(f"archive / bare ReportLab ratio: {archive_s / bare_s:.2f}x (target ≤ 1.3x)")
        ctx.close()


if __name__ == "__main__":
    main()
