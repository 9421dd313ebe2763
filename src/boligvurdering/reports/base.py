"""Base renderer: A4, embedded DejaVu fonts, named styles, first/later page templates, footer.

A document is a small subclass that sets its title and builds its story from section
functions; ``render()`` returns the PDF bytes (PDF/A-2b when ``pdfa`` is set).
"""

from __future__ import annotations

import io
import threading
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

from boligvurdering.reports.model import DocumentData
from boligvurdering.reports.pdfa import to_pdfa
from boligvurdering.reports.texts import kommune_name, t
from boligvurdering.resources import font_path

FONT, BOLD, ITALIC = "Body", "Body-Bold", "Body-Italic"
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#ececec")
_font_lock = threading.Lock()
_fonts_ready = False


def register_fonts() -> None:
    """Register the bundled DejaVu TTFs once and make them the canvas default.

    ``canvas_basefontname`` replaces ReportLab's unembedded Helvetica (which breaks PDF/A);
    ``useA85 = 0`` stores images without ASCII85 (smaller and much faster).
    """
    global _fonts_ready
    with _font_lock:
        if not _fonts_ready:
            for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"),
                               (ITALIC, "DejaVuSans-Oblique.ttf")):
                pdfmetrics.registerFont(TTFont(name, str(font_path(file))))
            pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
            _fonts_ready = True
        rl_config.canvas_basefontname = FONT
        rl_config.useA85 = 0


def document_language() -> str:
    """The PDF's /Lang: «nn» when documents are made in nynorsk, otherwise «nb»."""
    from boligvurdering.i18n import language

    return "nn" if language() == "nn" else "nb"


def _numbered_canvas(footer: Any) -> type[Canvas]:
    """A canvas class that knows the page count when drawing each footer («Side x av y»)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                footer(self, self._pageNumber, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


class Renderer:
    """Common page geometry, styles and page furniture. Subclasses implement ``story()``."""

    page_size = A4
    margin_x = 20 * mm
    margin_top = 22 * mm
    margin_bottom = 22 * mm
    body_size = 10.5
    footer_size = 8.5
    pdfa = False
    footer_client = True
    title_key = "kind.archive"

    def __init__(self, data: DocumentData) -> None:
        register_fonts()
        self.data = data
        self.styles = self.make_styles()

    @property
    def title(self) -> str:
        return t(self.title_key)

    @property
    def width(self) -> float:
        return self.page_size[0] - 2 * self.margin_x

    def make_styles(self) -> dict[str, ParagraphStyle]:
        """Named paragraph styles scaled from ``body_size``."""
        b = self.body_size
        base = ParagraphStyle("body", fontName=FONT, fontSize=b, leading=b * 1.35, textColor=INK,
                              alignment=TA_LEFT, spaceAfter=b * 0.45, bulletFontName=FONT,
                              bulletFontSize=b, splitLongWords=0)  # never «Boligkonsule nt» or «kr 111 2 50»
        return {
            "body": base,
            "bold": ParagraphStyle("bold", parent=base, fontName=BOLD),
            "small": ParagraphStyle("small", parent=base, fontSize=b * 0.85, leading=b * 1.15, spaceAfter=2),
            "cell": ParagraphStyle("cell", parent=base, fontSize=b * 0.85, leading=b * 1.1, spaceAfter=0),
            "cellbold": ParagraphStyle("cellbold", parent=base, fontName=BOLD, fontSize=b * 0.85,
                                       leading=b * 1.1, spaceAfter=0),
            "caption": ParagraphStyle("caption", parent=base, fontName=ITALIC, fontSize=b * 0.8,
                                      leading=b, textColor=MUTED, spaceAfter=0),
            "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=b * 1.8,
                                    leading=b * 2.2, spaceAfter=b * 0.6),
            "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=b * 1.35, leading=b * 1.7,
                                 spaceBefore=b * 0.9, spaceAfter=b * 0.35, keepWithNext=1),
            "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=b * 1.1, leading=b * 1.4,
                                 spaceBefore=b * 0.6, spaceAfter=b * 0.25, keepWithNext=1),
            "bullet": ParagraphStyle("bullet", parent=base, leftIndent=b * 1.2, bulletIndent=b * 0.2),
            "muted": ParagraphStyle("muted", parent=base, textColor=MUTED),
            "cellright": ParagraphStyle("cellright", parent=base, fontSize=b * 0.85, leading=b * 1.1, spaceAfter=0,
                                        alignment=TA_RIGHT),
            "cellboldright": ParagraphStyle("cellboldright", parent=base, fontName=BOLD, fontSize=b * 0.85,
                                            leading=b * 1.1, spaceAfter=0, alignment=TA_RIGHT),
            "item": ParagraphStyle("item", parent=base, fontName=BOLD, keepWithNext=1),
            "lead": ParagraphStyle("lead", parent=base, keepWithNext=1),  # «Det er fordi:» stays with its list
        }

    # -- page furniture --------------------------------------------------------------------
    def header_first(self, canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(BOLD, self.footer_size + 1)
        canvas.setFillColor(MUTED)
        top = self.page_size[1] - 12 * mm
        if self.data.kommune:
            canvas.drawString(self.margin_x, top, kommune_name(self.data.kommune))
        canvas.setFont(FONT, self.footer_size + 1)
        canvas.drawRightString(self.page_size[0] - self.margin_x, top, t("common.created", date=self.data.created))
        canvas.restoreState()

    def header_later(self, canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, self.footer_size)
        canvas.setFillColor(MUTED)
        top = self.page_size[1] - 12 * mm
        canvas.drawString(self.margin_x, top, self.title)
        canvas.setStrokeColor(RULE)
        canvas.line(self.margin_x, top - 2 * mm, self.page_size[0] - self.margin_x, top - 2 * mm)
        canvas.restoreState()

    def footer(self, canvas: Canvas, page: int, pages: int) -> None:
        """«Side x av y», visit id and (where required) the client's name on every page."""
        canvas.saveState()
        canvas.setFont(FONT, self.footer_size)
        canvas.setFillColor(MUTED)
        y = 11 * mm
        canvas.setStrokeColor(RULE)
        canvas.line(self.margin_x, y + 4 * mm, self.page_size[0] - self.margin_x, y + 4 * mm)
        left = self.data.client.name if self.footer_client else ""
        canvas.drawString(self.margin_x, y, left)
        canvas.drawCentredString(self.page_size[0] / 2, y, t("footer.visit", visit=self.data.visit_id[:8]))
        canvas.drawRightString(self.page_size[0] - self.margin_x, y, t("footer.page", page=page, pages=pages))
        canvas.restoreState()

    # -- building --------------------------------------------------------------------------
    def story(self) -> list[Any]:
        """The flowables: by default every section function's output, in order."""
        out: list[Any] = []
        for section in self.sections():
            out += section()
        return out

    def sections(self) -> tuple[Any, ...]:
        """Small functions that each return the flowables of one section."""
        raise NotImplementedError

    def _templates(self) -> list[PageTemplate]:
        w, h = self.page_size
        frame = Frame(self.margin_x, self.margin_bottom, self.width, h - self.margin_top - self.margin_bottom,
                      id="main", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        return [PageTemplate(id="first", frames=[frame], onPage=self.header_first),
                PageTemplate(id="later", frames=[frame], onPage=self.header_later)]

    def render(self) -> bytes:
        """Build the PDF and return its bytes (validated PDF/A-2b when ``pdfa`` is set)."""
        buffer = io.BytesIO()
        doc = BaseDocTemplate(buffer, pagesize=self.page_size, title=self.title, lang=document_language(),
                              author=kommune_name(self.data.kommune) if self.data.kommune else "",
                              subject=self.data.client.name, creator="Boligvurdering",
                              leftMargin=self.margin_x, rightMargin=self.margin_x,
                              topMargin=self.margin_top, bottomMargin=self.margin_bottom)
        doc.addPageTemplates(self._templates())
        story = [NextPageTemplate("later"), *self.story()]
        doc.build(story, canvasmaker=_numbered_canvas(self.footer))
        pdf = buffer.getvalue()
        return to_pdfa(pdf) if self.pdfa else pdf
