"""Reusable story pieces: escaped paragraphs, tables, photos, checklists, signature fields."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from xml.sax.saxutils import escape

from PIL import Image as PILImage
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from boligvurdering.domain.formatting import format_money
from boligvurdering.reports.base import BOLD, FONT, RULE, SHADE
from boligvurdering.reports.model import Attachment, PhotoItem, PlanView
from boligvurdering.reports.texts import t

PHOTO_MAX_SIDE = 1024  # half of the stored 2048 px: JPEG draft mode decodes at 1/2 scale, ~325 dpi at 8 cm
PHOTO_QUALITY = 80


def p(text: str, style: Any) -> Paragraph:
    """A paragraph of plain (user) text: markup characters are escaped, newlines kept."""
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def unbroken(text: str) -> str:
    """Text that must stay on one line («2. desember 2026»): spaces become non-breaking."""
    return text.replace(" ", "\u00a0")


def bullets(items: Iterable[str], style: Any) -> list[Paragraph]:
    return [Paragraph(escape(i), style, bulletText="•") for i in items if i]


def _style(extra: Sequence[tuple[Any, ...]] = (), header: bool = True) -> TableStyle:
    cmds: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    return TableStyle(cmds + list(extra))


def kv_table(rows: Iterable[tuple[str, str]], styles: dict[str, Any], width: float, label_share: float = 0.38) -> Table:
    """Two columns: bold label, value. Empty values are left out by the caller, not here."""
    data = [[p(k, styles["cellbold"]), p(v, styles["cell"])] for k, v in rows]
    table = Table(data, colWidths=[width * label_share, width * (1 - label_share)])
    table.setStyle(_style(header=False))
    return table


def grid(header: Sequence[str], rows: Iterable[Sequence[str]], styles: dict[str, Any], widths: Sequence[float],
         extra: Sequence[tuple[Any, ...]] = (), right: Iterable[int] = (), bold_last: bool = False) -> Table:
    """A table with a shaded header row repeated on every page.

    Columns in ``right`` (amounts) are right-aligned; ``bold_last`` sets the sum row in bold.
    """
    right = set(right)
    rows = list(rows)

    def cell(text: str, col: int, bold: bool) -> Paragraph:
        name = ("cellbold" if bold else "cell") + ("right" if col in right else "")
        return p(text, styles[name])

    data = [[cell(h, i, True) for i, h in enumerate(header)]]
    data += [[cell(c, i, bold_last and r == len(rows) - 1) for i, c in enumerate(row)] for r, row in enumerate(rows)]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(_style(extra))
    return table


def downscale(jpeg: bytes, max_side: int = PHOTO_MAX_SIDE) -> tuple[bytes, int, int]:
    """Shrink a photo for print (draft mode decodes JPEGs at reduced size: fast).

    A JPEG that is already small enough (the stored print copy) is embedded as it is.
    """
    with PILImage.open(io.BytesIO(jpeg)) as im:
        if im.format == "JPEG" and im.mode == "RGB" and max(im.size) <= max_side:
            return jpeg, im.width, im.height
        im.draft("RGB", (max_side, max_side))
        im = im.convert("RGB")
        im.thumbnail((max_side, max_side))
        out = io.BytesIO()
        im.save(out, "JPEG", quality=PHOTO_QUALITY, optimize=False)
        return out.getvalue(), im.width, im.height


class _JpegReader(ImageReader):
    """An ``ImageReader`` for JPEG bytes whose identity is their hash.

    ``canvas.drawImage`` names an image by digesting its decoded RGB pixels, which decodes every
    photo once more only to name it; the JPEG itself is embedded as it is (DCTDecode) anyway.
    """

    def __init__(self, jpeg: bytes) -> None:
        super().__init__(io.BytesIO(jpeg))
        self._identity = hashlib.sha1(jpeg).digest()
        self._dataA = None  # photos have no alpha channel

    def getRGBData(self) -> bytes:  # noqa: N802 - ReportLab API; only used to name the image
        return self._identity


class JpegImage(Image):
    """A photo embedded from its JPEG bytes without decoding it again (see ``_JpegReader``)."""

    def __init__(self, jpeg: bytes, width: float, height: float) -> None:
        super().__init__(io.BytesIO(jpeg), width=width, height=height)
        self._jpeg = jpeg

    def draw(self) -> None:
        self.canv.drawImage(_JpegReader(self._jpeg), getattr(self, "_offs_x", 0), getattr(self, "_offs_y", 0),
                            self.drawWidth, self.drawHeight)


def photo_cell(photo: PhotoItem, scaled: tuple[bytes, int, int], styles: dict[str, Any], width: float,
               max_height: float) -> list[Any]:
    data, w, h = scaled
    scale = min(width / w, max_height / h)
    caption = photo.caption or t("common.photo_caption_missing")
    if photo.room:
        caption = f"{photo.room}: {caption}"
    return [JpegImage(data, width=w * scale, height=h * scale), Spacer(1, 1.5 * mm),
            p(caption, styles["caption"])]


def photo_grid(photos: Sequence[PhotoItem], styles: dict[str, Any], width: float, columns: int = 2) -> list[Any]:
    """Photos two to a row, each kept together with its caption."""
    if not photos:
        return []
    gap = 5 * mm
    cell_w = (width - gap * (columns - 1)) / columns
    originals = [ph.load() for ph in photos]  # sequential: loaders may use the database
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        scaled = list(pool.map(downscale, originals))  # Pillow releases the GIL while decoding
    cells = [photo_cell(ph, sc, styles, cell_w, cell_w * 0.8) for ph, sc in zip(photos, scaled, strict=True)]
    out: list[Any] = []
    for i in range(0, len(cells), columns):
        row = cells[i:i + columns] + [[]] * (columns - len(cells[i:i + columns]))
        table = Table([row], colWidths=[cell_w + gap] * (columns - 1) + [cell_w])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm)]))
        out.append(KeepTogether(table))
    return out


def checklist(items: Sequence[Attachment], styles: dict[str, Any], width: float) -> Table:
    """Attachments with a box: ☑ included, ☐ missing (in words too, not only a mark)."""
    rows = [[p("☑" if a.present else "☐", styles["body"]), p(a.label, styles["cell"]),
             p(t("app.att.included") if a.present else t("app.att.missing"),
               styles["cell"] if a.present else styles["cellbold"])] for a in items]
    table = Table(rows, colWidths=[8 * mm, width * 0.6, width - 8 * mm - width * 0.6])
    table.setStyle(_style(header=False))
    return table


def signature_fields(labels: Sequence[str], styles: dict[str, Any], width: float) -> Table:
    """Side-by-side boxes: place and date, signature line, printed name."""
    col = width / len(labels)
    blank = Spacer(1, 14 * mm)
    rows = [[p(label, styles["bold"]) for label in labels],
            [blank for _ in labels],
            [p(t("common.signature"), styles["small"]) for _ in labels],
            [Spacer(1, 8 * mm) for _ in labels],
            [p(t("common.place_date"), styles["small"]) for _ in labels]]
    table = Table(rows, colWidths=[col] * len(labels))
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("LINEABOVE", (0, 2), (-1, 2), 0.6, RULE), ("LINEABOVE", (0, 4), (-1, 4), 0.6, RULE),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether(table)


def plan_section(plan: PlanView, styles: dict[str, Any], width: float) -> list[Any]:
    """The financing plan: channels with caps, totals and gap, applications in order, warnings."""
    rows = [(c.name, format_money(c.amount), format_money(c.cap) if c.cap is not None else "", c.note)
            for c in plan.channels]
    rows.append((t("plan.total"), format_money(plan.total), "", ""))
    rows.append((t("plan.covered"), format_money(plan.covered), "", ""))
    rows.append((t("plan.gap"), format_money(plan.gap), "", ""))
    n = len(rows)
    out: list[Any] = [grid([t("plan.channel"), t("common.amount"), t("plan.cap"), ""], rows, styles,
                           [width * 0.34, width * 0.18, width * 0.18, width * 0.30], right=(1, 2),
                           extra=[("FONTNAME", (0, n - 2), (-1, n), BOLD),
                                  ("LINEABOVE", (0, n - 2), (-1, n - 2), 0.8, RULE)])]
    if plan.note:
        out.append(p(plan.note, styles["small"]))
    if plan.loans:
        out += [p(t("plan.loans"), styles["h2"]), *bullets(plan.loans, styles["bullet"])]
    if plan.applications:
        out.append(p(t("plan.applications"), styles["h2"]))
        for a in plan.applications:
            line = f"{a.order}. {a.name}: {format_money(a.amount)}"
            if a.decided_by:
                line += f". {t('plan.decided_by', who=a.decided_by)}"
            if a.documents:
                line += f". {t('plan.documents', docs=', '.join(a.documents))}"
            out.append(p(line, styles["body"]))
    if plan.warnings:
        out += [p(t("plan.warnings"), styles["h2"]), *bullets(plan.warnings, styles["bullet"])]
    return out


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
