"""Fact-sheet-like PDFs rendered with reportlab at test time, so no binary fixture is committed.

Every builder returns the PDF bytes (and render_factsheet writes a file). Layouts are built from
platypus frames the way real two-column government fact sheets are: a title banner, flowing
columns, an optional boxed side panel, running header/footer and page numbers drawn per page.
Standard Type1 fonts are used on purpose: their "•" bullet comes out of pdfplumber as "(cid:127)".
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, white
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
)

PAGE_W, PAGE_H = A4
NAVY = Color(0.05, 0.2, 0.45)
PANEL_FILL = Color(0.92, 0.95, 0.99)

# A ranking bullet, the default content of a side panel: "placed Hong Kong 1st", "No.3 in the world".
RANK_RE = re.compile(r"\b(\d+(st|nd|rd|th)\s+(in|globally|worldwide)|No\.\s?\d+\b)")


@dataclass(frozen=True)
class Block:
    """One piece of content: kind is heading, para, bullet or date; text is plain (not markup)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Layout:
    """Page geometry and furniture; every fact-sheet variant in the tests is one of these."""

    columns: int = 2
    gutter: float = 18.0
    margin: float = 40.0
    panel_width: float = 0.0  # 0: no side panel
    panel_side: str = "right"  # right or left
    panel_title: str = "Rankings"
    banner: bool = True
    footer: tuple[str, ...] = ("www.info.gov.hk",)
    page_number: str = "{n}"  # format of the page number in the footer; "" for none
    header: str = ""  # running header on every page, "" for none
    body_size: float = 9.5
    justify: bool = False
    font: str = "Helvetica"
    bold_font: str = "Helvetica-Bold"
    pages: int = 0  # >0: force at least this many pages (a page break between halves of the story)


def _styles(lay: Layout) -> dict[str, ParagraphStyle]:
    size = lay.body_size
    align = TA_JUSTIFY if lay.justify else TA_LEFT
    body = ParagraphStyle("body", fontName=lay.font, fontSize=size, leading=size * 1.3, alignment=align,
                          spaceAfter=size * 0.7)
    return {
        "para": body,
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=size * 1.1, bulletIndent=0,
                                 bulletFontName=lay.font, bulletFontSize=size, spaceAfter=size * 0.35),
        "heading": ParagraphStyle("heading", fontName=lay.bold_font, fontSize=size * 1.35,
                                  leading=size * 1.6, spaceBefore=size * 0.6, spaceAfter=size * 0.5,
                                  textColor=NAVY),
        "date": ParagraphStyle("date", parent=body, spaceBefore=size),
        "panel_title": ParagraphStyle("panel_title", fontName=lay.bold_font, fontSize=size * 1.1,
                                      leading=size * 1.4, spaceAfter=size * 0.5, textColor=NAVY),
        "panel": ParagraphStyle("panel", fontName=lay.font, fontSize=size * 0.9, leading=size * 1.15,
                                leftIndent=size, bulletIndent=0, bulletFontName=lay.font,
                                bulletFontSize=size * 0.9, spaceAfter=size * 0.6),
    }


def _markup(text: str) -> str:
    """Plain text as Paragraph markup; a "\n" inside a block is a forced line break."""
    return "<br/>".join(escape(part) for part in text.split("\n"))


def _flowable(block: Block, styles: dict[str, ParagraphStyle]) -> Flowable:
    if block.kind == "bullet":
        return Paragraph(_markup(block.text), styles["bullet"], bulletText="•")
    return Paragraph(_markup(block.text), styles[block.kind])


class _Doc(BaseDocTemplate):
    """A document whose first page has the banner (and panel), later pages only columns."""

    def __init__(self, buf: io.BytesIO, title: str, lay: Layout, panel: Sequence[Block]) -> None:
        super().__init__(buf, pagesize=A4, leftMargin=lay.margin, rightMargin=lay.margin,
                         topMargin=lay.margin, bottomMargin=lay.margin, invariant=1, title=title)
        self.lay, self.title_text, self.styles = lay, title, _styles(lay)
        self.panel: list[Flowable] = []
        if panel:
            self.panel = [Paragraph(_markup(lay.panel_title), self.styles["panel_title"])] + [
                Paragraph(_markup(b.text), self.styles["panel"], bulletText="•") for b in panel]
        banner_h = 70.0 if lay.banner and title else 0.0
        top_first = PAGE_H - lay.margin - (banner_h + 14 if banner_h else 0) - (14 if lay.header else 0)
        top_later = PAGE_H - lay.margin - (14 if lay.header else 0)
        bottom = lay.margin + 14 * max(1, len(lay.footer)) + 8
        self.panel_rect: tuple[float, float, float, float] | None = None
        left, right = lay.margin, PAGE_W - lay.margin
        first_left, first_right = left, right
        if lay.panel_width:
            if lay.panel_side == "right":
                px = right - lay.panel_width
                first_right = px - lay.gutter
            else:
                px = left
                first_left = left + lay.panel_width + lay.gutter
            self.panel_rect = (px, bottom + 150, lay.panel_width, top_first - bottom - 150)
        self.addPageTemplates([
            PageTemplate("first", self._frames(first_left, first_right, bottom, top_first), onPage=self._furniture),
            PageTemplate("later", self._frames(left, right, bottom, top_later), onPage=self._furniture),
        ])

    def _frames(self, left: float, right: float, bottom: float, top: float) -> list[Frame]:
        cols, gutter = self.lay.columns, self.lay.gutter
        width = (right - left - gutter * (cols - 1)) / cols
        return [Frame(left + i * (width + gutter), bottom, width, top - bottom, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0) for i in range(cols)]

    def _furniture(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Banner, panel, header and footer: drawn per page, outside the text flow."""
        lay, n = self.lay, canv.getPageNumber()
        left, right = lay.margin, PAGE_W - lay.margin
        if n == 1 and lay.banner and self.title_text:
            canv.setFillColor(NAVY)
            canv.rect(left, PAGE_H - lay.margin - 70 - (14 if lay.header else 0), right - left, 70, stroke=0, fill=1)
            canv.setFillColor(white)
            canv.setFont(lay.bold_font, 24)
            canv.drawString(left + 16, PAGE_H - lay.margin - 44 - (14 if lay.header else 0), self.title_text)
        if n == 1 and self.panel_rect and self.panel:
            x, y, w, h = self.panel_rect
            canv.setFillColor(PANEL_FILL)
            canv.setStrokeColor(NAVY)
            canv.rect(x, y, w, h, stroke=1, fill=1)
            frame = Frame(x, y, w, h, leftPadding=8, rightPadding=8, topPadding=8, bottomPadding=8)
            left_over = list(self.panel)
            frame.addFromList(left_over, canv)
            if left_over:
                raise ValueError("side panel content does not fit its box")
        canv.setFillColor(Color(0.3, 0.3, 0.3))
        canv.setFont(lay.font, 7.5)
        if lay.header:
            canv.drawString(left, PAGE_H - lay.margin + 2, lay.header)
        for i, line in enumerate(lay.footer):
            canv.drawString(left, lay.margin + 14 * (len(lay.footer) - 1 - i), line)
        if lay.page_number:
            canv.drawRightString(right, lay.margin, lay.page_number.format(n=n))


def build_pdf(title: str, blocks: Sequence[Block], lay: Layout = Layout(),
              panel: Sequence[Block] = ()) -> bytes:
    """The PDF of a fact sheet: title in the banner (or as a first heading), blocks flowing in columns."""
    buf = io.BytesIO()
    doc = _Doc(buf, title, lay, panel)
    story: list[Flowable] = [NextPageTemplate("later")]
    if title and not lay.banner:
        story.append(Paragraph(_markup(title), ParagraphStyle("title", parent=doc.styles["heading"],
                                                              fontSize=lay.body_size * 2,
                                                              leading=lay.body_size * 2.4)))
    flow = [_flowable(b, doc.styles) for b in blocks]
    if lay.pages > 1:
        per = max(1, len(flow) // lay.pages)
        for i in range(lay.pages - 1, 0, -1):
            flow.insert(i * per, PageBreak())
    story.extend(flow)
    doc.build(story)
    return buf.getvalue()


def paras(texts: Sequence[str]) -> list[Block]:
    """Paragraph blocks from plain strings."""
    return [Block("para", t) for t in texts]


# ---- the small layouts the read tests use -----------------------------------------------------


def one_column(texts: Sequence[str], title: str = "One Column Facts") -> bytes:
    """Single column, title banner, footer URL and page number."""
    return build_pdf(title, paras(texts), Layout(columns=1))


def two_column(texts: Sequence[str], title: str = "Two Column Facts") -> bytes:
    """Two flowing columns under a full-width banner."""
    return build_pdf(title, paras(texts), Layout(columns=2))


def two_column_panel(texts: Sequence[str], rankings: Sequence[str], title: str = "Panel Facts",
                     panel_width: float = 130.0, side: str = "right") -> bytes:
    """Two columns and a narrow framed side panel of ranking bullets on page 1."""
    lay = Layout(columns=2, panel_width=panel_width, panel_side=side)
    return build_pdf(title, paras(texts), lay, panel=[Block("bullet", r) for r in rankings])


def three_column(texts: Sequence[str], title: str = "Three Column Facts") -> bytes:
    """Three narrow flowing columns: column finding must not assume two."""
    return build_pdf(title, paras(texts), Layout(columns=3, body_size=8.5, gutter=14.0))


def spanning(top: Sequence[str], middle: str, bottom: Sequence[str], title: str = "Spanning Facts") -> bytes:
    """Two columns, a full-width paragraph across both, then two more columns, all on page 1.

    Reading order is top-left, top-right, middle, bottom-left, bottom-right.
    """
    lay = Layout(columns=2)
    buf = io.BytesIO()
    doc = _Doc(buf, title, lay, ())
    left, right, gutter = lay.margin, PAGE_W - lay.margin, lay.gutter
    width = (right - left - gutter) / 2
    y_top, y_mid, y_low, y_bottom = PAGE_H - lay.margin - 84, 560.0, 470.0, lay.margin + 30
    pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    frames = [Frame(left, y_mid, width, y_top - y_mid, **pad),
              Frame(left + width + gutter, y_mid, width, y_top - y_mid, **pad),
              Frame(left, y_low, right - left, y_mid - y_low - 12, **pad),
              Frame(left, y_bottom, width, y_low - y_bottom - 12, **pad),
              Frame(left + width + gutter, y_bottom, width, y_low - y_bottom - 12, **pad)]
    doc.pageTemplates = []
    doc.addPageTemplates([PageTemplate("spanning", frames, onPage=doc._furniture)])
    style = doc.styles["para"]
    half_top, half_bottom = (len(top) + 1) // 2, (len(bottom) + 1) // 2
    story: list[Flowable] = []
    for group in (top[:half_top], top[half_top:], [middle], bottom[:half_bottom], bottom[half_bottom:]):
        story += [Paragraph(_markup(t), style) for t in group]
        story.append(FrameBreak())
    doc.build(story[:-1])
    return buf.getvalue()


def running_footer(texts: Sequence[str], footer: Sequence[str] = ("Hong Kong: The Facts", "www.gov.hk"),
                   page_number: str = "Page {n}", header: str = "Innovation and Technology") -> bytes:
    """Two pages (at least) with a running header, a footer and page numbers on each."""
    lay = Layout(columns=2, footer=tuple(footer), page_number=page_number, header=header, pages=2)
    return build_pdf("Footer Facts", paras(texts), lay)


def bullets(intro: str, items: Sequence[str], glyph: str = "•") -> bytes:
    """A paragraph and a bullet list drawn with `glyph` (the Type1 "•" is read back as (cid:127))."""
    lay = Layout(columns=1)
    buf = io.BytesIO()
    doc = _Doc(buf, "Bullet Facts", lay, ())
    style = doc.styles["bullet"]
    story: list[Flowable] = [Paragraph(_markup(intro), doc.styles["para"])]
    story += [Paragraph(_markup(item), style, bulletText=glyph) for item in items]
    doc.build(story)
    return buf.getvalue()


def hyphenated(lines: Sequence[str], size: float = 10.0) -> bytes:
    """Lines drawn exactly as given (so a line may end in a hyphen), one column."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    canv.setFont("Helvetica", size)
    y = PAGE_H - 72
    for line in lines:
        if line:
            canv.drawString(72, y, line)
        y -= size * 1.3
    canv.showPage()
    canv.save()
    return buf.getvalue()


def headings(sections: Sequence[tuple[str, Sequence[str]]], title: str = "Heading Facts") -> bytes:
    """Bold, larger headings each followed by paragraphs, in two columns."""
    blocks: list[Block] = []
    for head, texts in sections:
        blocks.append(Block("heading", head))
        blocks += paras(texts)
    return build_pdf(title, blocks, Layout(columns=2))


def ligatures(text: str) -> bytes:
    """`text` in a TrueType font that has ﬁ/ﬂ glyphs, so ligature code points reach the PDF."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Vera", str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")))
    return hyphenated_font(text.split("\n"), "Vera")


def hyphenated_font(lines: Sequence[str], font: str, size: float = 10.0) -> bytes:
    """Like hyphenated() with a chosen registered font."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    canv.setFont(font, size)
    y = PAGE_H - 72
    for line in lines:
        canv.drawString(72, y, line)
        y -= size * 1.3
    canv.showPage()
    canv.save()
    return buf.getvalue()


SUPER_RE = re.compile(r"\^\{([^}]*)\}")


def superscripts(lines: Sequence[str | tuple[str, float]], size: float = 12.0, font: str = "Helvetica") -> bytes:
    """Lines drawn as given, where "^{...}" is a run set small (2/3 size) and raised (1/3 size), as Word sets
    note references: "14^{Note5} weeks'" is 14 with note 5 glued to it. A (text, size) line has its own size."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    y = PAGE_H - 72
    for line in lines:
        text, line_size = line if isinstance(line, tuple) else (line, size)
        _draw_runs(canv, 72.0, y, text, line_size, font)
        y -= line_size * 1.5
    canv.showPage()
    canv.save()
    return buf.getvalue()


def _draw_runs(canv: Canvas, x: float, baseline: float, text: str, size: float, font: str) -> None:
    """A line's runs from x on: a "^{...}" run small (2/3 size) and raised (1/3 size), the others as they are."""
    for i, part in enumerate(SUPER_RE.split(text)):
        if not part:
            continue
        small = i % 2 == 1
        run_size = size * 2 / 3 if small else size
        canv.setFont(font, run_size)
        canv.drawString(x, baseline + (size / 3 if small else 0), part)
        x += canv.stringWidth(part, font, run_size)


def placed(pages: Sequence[Sequence[tuple[float, float, str]]], size: float = 10.0, font: str = "Helvetica") -> bytes:
    """Pages of strings each drawn at (x, top) in points from the page's top left, as a layout program places
    words: table cells aligned on columns, a footer row with a date code at its right end."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    for page in pages:
        canv.setFont(font, size)
        for x, top, text in page:
            canv.drawString(x, PAGE_H - top - size, text)
        canv.showPage()
    canv.save()
    return buf.getvalue()


def sized(pages: Sequence[Sequence[tuple[float, float, str, float]]], font: str = "Helvetica") -> bytes:
    """Pages of runs each drawn at (x, top) in points from the page's top left in its own size, where "^{...}" is
    set small (2/3 size) and raised (1/3 size) as in `superscripts`: a page of body text with note references
    and footnotes set small at its foot, or a contents page with its page numbers in a column."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    for page in pages:
        for x, top, text, size in page:
            _draw_runs(canv, x, PAGE_H - top - size, text, size, font)
        canv.showPage()
    canv.save()
    return buf.getvalue()


A5_W = PAGE_H / 2  # an A5 page: half a landscape A4 sheet
SPREAD_BLEED = (20.0, 90.0)  # a booklet page's white sheet runs this far past its outer and inner edge


Runs = Sequence[tuple[float, float, str, float]]  # (x, top, text, size) of each run on a page


def spread(sheets: Sequence[tuple[Runs, Runs]], font: str = "Helvetica") -> bytes:
    """Landscape A4 sheets each holding two A5 pages side by side, as a booklet is put on the screen: each A5 page
    sits on a white sheet of its own that bleeds past its edges, so the left page's sheet runs under the right
    page's text (a real Labour Department booklet is drawn so). `sheets` are (left page, right page), each a list of
    runs as in `sized` at (x, top) in points from that A5 page's top left."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(PAGE_H, PAGE_W), invariant=1)
    outer, inner = SPREAD_BLEED
    for left, right in sheets:
        canv.setFillColor(white)
        canv.rect(-outer, -outer, A5_W + outer + inner, PAGE_W + 2 * outer, stroke=0, fill=1)
        canv.rect(A5_W - outer, -outer, A5_W + outer + inner, PAGE_W + 2 * outer, stroke=0, fill=1)
        canv.setFillColor(Color(0, 0, 0))
        for origin, runs in ((0.0, left), (A5_W, right)):
            for x, top, text, size in runs:
                _draw_runs(canv, origin + x, PAGE_W - top - size, text, size, font)
        canv.showPage()
    canv.save()
    return buf.getvalue()


def ruled_table(rows: Sequence[Sequence[str]], widths: Sequence[float], spans: Sequence[tuple[int, int, int, int]] = (),
                header_rows: int = 1, before: Sequence[str] = (), after: Sequence[str] = (), grid: bool = True,
                fills: bool = False) -> bytes:
    """A page with paragraphs, a reportlab table and more paragraphs. Cells wrap (Paragraph cells); the first
    `header_rows` rows are bold. `spans` are merged cells (col0, row0, col1, row1), drawn as the table's SPAN
    style does. grid: ruled with lines; fills: each cell a coloured box with white gaps and no lines (a form)."""
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=60,
                            invariant=1)
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
    bold = ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold")
    data = [[Paragraph(escape(text), bold if i < header_rows else body) for text in row] for i, row in enumerate(rows)]
    style = [("VALIGN", (0, 0), (-1, -1), "TOP")] + [("SPAN", (a, b), (c, d)) for a, b, c, d in spans]
    if grid:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, Color(0, 0, 0)))
    if fills:
        style += [("BACKGROUND", (0, 0), (-1, header_rows - 1), Color(0.98, 0.85, 0.85)),
                  ("BACKGROUND", (0, header_rows), (-1, -1), Color(0.85, 0.95, 0.85)),
                  ("LINEBELOW", (0, 0), (-1, -1), 2, white), ("LINEAFTER", (0, 0), (-1, -1), 2, white)]
    table = Table(data, colWidths=list(widths))
    table.setStyle(TableStyle(style))
    story: list[Flowable] = [Paragraph(escape(t), body) for t in before] + [Spacer(1, 8), table, Spacer(1, 8)]
    story += [Paragraph(escape(t), body) for t in after]
    doc.build(story)
    return buf.getvalue()


def shaded_cells(rows: Sequence[tuple[str, Sequence[str], str]], size: float = 10.0) -> bytes:
    """A ruled three-column table whose middle cells hold several lines, each line on its own shaded box as
    Word shades a paragraph: the boxes' sides fall between the lines of one cell."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    xs = (72.0, 110.0, 320.0, 520.0)
    top = PAGE_H - 100
    lead = size * 1.3
    canv.setFont("Helvetica", size)
    canv.drawString(72, top + 20, "The calculation is as follows:")
    for label, lines, value in rows:
        height = lead * len(lines) + 6
        canv.setFillColor(Color(0.85, 0.92, 0.98))
        for i in range(len(lines)):
            canv.rect(xs[1] + 2, top - 3 - lead * (i + 1), xs[2] - xs[1] - 4, lead, stroke=0, fill=1)
        canv.setFillColor(Color(0, 0, 0))
        canv.setLineWidth(0.5)
        for x in xs:
            canv.line(x, top, x, top - height)
        canv.line(xs[0], top, xs[-1], top)
        canv.line(xs[0], top - height, xs[-1], top - height)
        canv.drawString(xs[0] + 3, top - 3 - size, label)
        for i, line in enumerate(lines):
            canv.drawString(xs[1] + 3, top - 3 - size - lead * i, line)
        canv.drawString(xs[2] + 3, top - 3 - size, value)
        top -= height
    canv.drawString(72, top - 30, "The amounts above are examples.")
    canv.showPage()
    canv.save()
    return buf.getvalue()


def cover(lines: Sequence[tuple[str, float]], body: Sequence[str], garbled: float = 0.0) -> bytes:
    """A cover page of (text, size) lines set one under the other, then a page of 10 pt body lines. With
    `garbled`, a run of that size whose codes Helvetica's encoding does not map opens the cover, as a title set
    in a font without a text map: pdfplumber reads it as "(cid:127)(cid:129)..."."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    canv.setFont("Helvetica", 10)  # Helvetica is the page's font F1 from here on
    y = PAGE_H - 120
    if garbled:
        canv._code.append(f"BT /F1 {garbled:g} Tf 72 {y:g} Td <7f818d8f90818d> Tj ET")
        y -= garbled * 1.4
    for text, size in lines:
        canv.setFont("Helvetica-Bold" if size > 14 else "Helvetica", size)
        canv.drawString(72, y, text)
        y -= size * 1.4
    canv.showPage()
    canv.setFont("Helvetica", 10)
    y = PAGE_H - 72
    for text in body:
        canv.drawString(72, y, text)
        y -= 14
    canv.showPage()
    canv.save()
    return buf.getvalue()


# ---- whole fact sheets from their text ---------------------------------------------------------

URL_RE = re.compile(r"^(https?://)?www\.[\w.-]+\.\w+/?$")
DATE_RE = re.compile(r"^\((January|February|March|April|May|June|July|August|September|October|November"
                     r"|December)?\s*\d{4}\)$")


def parse_factsheet(text: str) -> tuple[str, list[Block], list[str]]:
    """Title, content blocks and URL lines of a fact sheet in the plain-text genre of the seed file.

    Blocks are separated by blank lines; a "• " line starts a bullet; a short block with no sentence
    punctuation is a heading; a bare URL block is page furniture (it goes to the footer).
    """
    raw_blocks = [b for b in re.split(r"\n\s*\n", text.strip("\n")) if b.strip()]
    title = ""
    blocks: list[Block] = []
    urls: list[str] = []
    for raw in raw_blocks:
        lines = [ln.strip() for ln in raw.split("\n") if ln.strip()]
        trailing_date = len(lines) > 1 and DATE_RE.match(lines[-1])
        if trailing_date:
            lines = lines[:-1]
        if not title:
            title, lines = lines[0], lines[1:]
            if not lines:
                continue
        if len(lines) == 1 and URL_RE.match(lines[0]):
            urls.append(lines[0])
            continue
        if len(lines) == 1 and DATE_RE.match(lines[0]):
            blocks.append(Block("date", lines[0]))
            continue
        if not any(ln.startswith("•") for ln in lines) and len(lines) <= 4 and all(len(ln) <= 40 for ln in lines) \
                and not re.search(r"[.,;:]$", lines[-1]):
            blocks.append(Block("heading", "\n".join(lines)))
            continue
        current: list[str] = []
        kind = "para"
        for ln in lines:
            if ln.startswith("•"):
                if current:
                    blocks.append(Block(kind, _join(current)))
                current, kind = [ln.lstrip("•").strip()], "bullet"
            else:
                current.append(ln)
        if current:
            blocks.append(Block(kind, _join(current)))
        if trailing_date:
            blocks.append(Block("date", raw.strip().split("\n")[-1].strip()))
    return title, blocks, urls


def _join(lines: Sequence[str]) -> str:
    """Wrapped lines as one string: a line ending in a hyphen runs on into the next word."""
    out = ""
    for ln in lines:
        out = out + ln if (not out or out.endswith("-")) else out + " " + ln
    return out


FACTSHEET_LAYOUTS: dict[str, Layout] = {
    "one-column": Layout(columns=1),
    "two-column": Layout(columns=2),
    "two-column-panel": Layout(columns=2, panel_width=135.0),
}


def factsheet_pdf(text: str, layout: str | Layout = "two-column", panel_re: re.Pattern[str] = RANK_RE) -> bytes:
    """Fact-sheet text as a government-style PDF.

    With a side panel, bullets matching `panel_re` (rankings by default) move into the panel.
    URL blocks of the text become the footer (with page numbers) on every page.
    """
    lay = FACTSHEET_LAYOUTS[layout] if isinstance(layout, str) else layout
    title, blocks, urls = parse_factsheet(text)
    panel: list[Block] = []
    if lay.panel_width:
        panel = [b for b in blocks if b.kind == "bullet" and panel_re.search(b.text)]
        blocks = [b for b in blocks if b not in panel]
    if urls and lay.footer == Layout().footer:
        lay = replace(lay, footer=tuple(urls[:1]))
    return build_pdf(title, blocks, lay, panel)


def render_factsheet(text: str, path: Path | str, layout: str | Layout = "two-column",
                     panel_re: re.Pattern[str] = RANK_RE) -> Path:
    """Render fact-sheet text as a government-style PDF at `path` and return the path."""
    out = Path(path)
    out.write_bytes(factsheet_pdf(text, layout, panel_re))
    return out


# ---- bad PDFs for the error tests ---------------------------------------------------------------


def pages_of_text(n: int, text: str = "A line of text on page {n}.") -> bytes:
    """n pages with one line each: cheap, for page-count limits and truncation."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    for i in range(1, n + 1):
        canv.setFont("Helvetica", 11)
        canv.drawString(72, PAGE_H - 72, text.format(n=i))
        canv.showPage()
    canv.save()
    return buf.getvalue()


def encrypted(user_password: str = "secret", owner_password: str = "owner") -> bytes:
    """A text PDF encrypted by reportlab; with a user password it cannot be opened without it."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1,
                  encrypt=StandardEncryption(user_password, ownerPassword=owner_password))
    canv.setFont("Helvetica", 11)
    canv.drawString(72, PAGE_H - 72, "Confidential: 44,500 hotspots.")
    canv.showPage()
    canv.save()
    return buf.getvalue()


def scanned(pages: int = 1, text_pages: Sequence[int] = ()) -> bytes:
    """Pages that are only a raster image of a page (as a scanner makes); `text_pages` get real text."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (420, 594), 255)
    draw = ImageDraw.Draw(img)
    for y in range(60, 560, 14):  # grey bars where a scan would show lines of print
        draw.rectangle((40, y, 40 + (y * 37) % 300 + 60, y + 6), fill=60)
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    for i in range(1, pages + 1):
        if i in text_pages:
            canv.setFont("Helvetica", 11)
            canv.drawString(72, PAGE_H - 72, f"Typed text on page {i}.")
        else:
            canv.drawImage(ImageReader(img), 0, 0, width=PAGE_W, height=PAGE_H)
        canv.showPage()
    canv.save()
    return buf.getvalue()


def zero_pages() -> bytes:
    """A well-formed PDF whose page tree is empty, written by hand with a correct xref table."""
    return hand_written([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"])


def no_mediabox() -> bytes:
    """A page with text but no MediaBox anywhere in its page tree (pdfplumber trips on it)."""
    content = b"BT /F1 12 Tf 72 700 Td (Over 44,500 hotspots.) Tj ET"
    return hand_written([
        b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ])


def hand_written(objects: Sequence[bytes]) -> bytes:
    """A PDF of the given objects (1 is the catalog) with a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def zeros_deflated(size: int) -> bytes:
    """A zlib stream of `size` zero bytes (a multiple of 1 MB), built in well under a second: one raw
    deflate block of 1 MB of zeros, fully flushed so that it can be repeated, then a checksum."""
    mb = 1 << 20
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflater.compress(bytes(mb)) + deflater.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(size // mb):
        checksum = zlib.adler32(bytes(mb), checksum)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # an empty final block
    return b"\x78\xda" + block * (size // mb) + end + struct.pack(">I", checksum)


def decompression_bomb(size: int = 1 << 30) -> bytes:
    """A one-page PDF whose content stream is `size` zero bytes deflated (1 GB in about 1 MB)."""
    stream = zeros_deflated(size)
    return hand_written([
        b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>",
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(stream) + stream + b"\nendstream",
    ])


def many_glyphs(n: int, size: float | None = None) -> bytes:
    """One row of n glyphs "x" set so small that they fit across an A4 page (a few KB of PDF)."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    canv.setFont("Helvetica", size or 500 / (n * 0.556))
    canv.drawString(40, PAGE_H / 2, "x" * n)
    canv.showPage()
    canv.save()
    return buf.getvalue()


def word_grid(rows: int, per_row: int, text: str = "44,500") -> bytes:
    """One page of rows x per_row small words in a grid, e.g. a dense statistical table."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    size = min(8.0, (PAGE_H - 80) / rows / 1.2, (PAGE_W - 80) / per_row / (len(text) * 0.7))
    canv.setFont("Helvetica", size)
    for r in range(rows):
        y = PAGE_H - 40 - r * size * 1.2
        canv.drawString(40, y, " ".join([text] * per_row))
    canv.showPage()
    canv.save()
    return buf.getvalue()


def many_words(n: int) -> bytes:
    """One row of n distinct short words across an A4 page: a row that is clustered word by word."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    text = " ".join(f"w{i}" for i in range(n))
    canv.setFont("Helvetica", (PAGE_W - 80) / (len(text) * 0.556))
    canv.drawString(40, PAGE_H / 2, text)
    canv.showPage()
    canv.save()
    return buf.getvalue()
