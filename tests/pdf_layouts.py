"""Fact-sheet PDFs in layouts the PDF reader was not built against (independent of tests/pdfgen.py).

Unlike pdfgen.py (platypus frames), this module sets every line itself on a reportlab canvas: its own
line breaker, its own justification (words placed one by one), its own naive hyphenation, and its own
bullet glyphs. Layouts (see LAYOUTS):

  three-col    three narrow Times-Roman columns, title at the top, date at the end of the flow
  side-box     two unequal columns (60/40); the right column of page 1 opens with a shaded box holding
               the bullets of one section, the main flow continues under it; URL/date in a bottom strip
  one-col      one column, large bold headings, a running header on every page, "Page N of M" footers
  justified    two justified columns, long words hyphenated at line ends ("accredi-" / "tation"),
               a full-width banner title
  glyph-bullet two columns, each bullet a filled circle drawn with canvas.circle left of the text
  dingbat      two columns, each bullet a ZapfDingbats character (a filled circle) left of the text

    python tests/pdf_layouts.py NAME.txt OUTDIR      # writes OUTDIR/NAME.<layout>.pdf for every layout
"""

from __future__ import annotations

import io
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

PAGE_W, PAGE_H = A4
BULLET_RE = re.compile(r"^(?:\s*(?:•|▪|·|\uf0b7|\(cid:127\)|-)\s+| (?=\S))")  # " X": a bullet whose glyph was lost
DATE_RE = re.compile(r"^\(?(January|February|March|April|May|June|July|August|September|October|November"
                     r"|December) \d{4}\)?$")
CONTACT_RE = re.compile(r"\d{4} \d{4}|Road|Street|Avenue|Offices|Tamar|Central|Chai|Kowloon|/F|Tower|hotline")
SHADE = Color(0.88, 0.92, 0.97)
DARK = Color(0.1, 0.2, 0.4)


# ---- parsing a fact-sheet text ------------------------------------------------------------------


@dataclass
class Sheet:
    title: str
    subtitle: list[str]
    blocks: list[tuple[str, str]]  # (kind, text): heading, para, bullet
    footer: list[str] = field(default_factory=list)  # URL / hotline / address lines and the date


def _join(lines: list[str]) -> str:
    out = ""
    for ln in (x.strip() for x in lines):
        if not out:
            out = ln
        elif out.endswith("-") and ln[:1].islower() and out[-2:-1].isalpha():
            out = out[:-1] + ln  # a soft hyphen in the source text
        elif out.endswith("-"):
            out += ln
        else:
            out += " " + ln
    return out


def _is_heading_line(ln: str) -> bool:
    s = ln.strip()
    return (0 < len(s) <= 45 and not BULLET_RE.match(s) and s[0].isupper() and s[-1] not in ".,;:-"
            and not DATE_RE.match(s) and "www." not in s)


def parse(text: str) -> Sheet:
    """Title, blocks and footer lines of a fact-sheet text (blank-line separated, or PDF-like without blanks)."""
    raw = [ln.rstrip() for ln in text.splitlines()]
    counts = Counter(ln.strip() for ln in raw if ln.strip())
    first = next(ln.strip() for ln in raw if ln.strip())
    lines = []
    for i, ln in enumerate(raw):
        s = ln.strip()
        # page furniture left in a PDF-derived text: page numbers, repeated title/URL lines
        lone_url = re.fullmatch(r"(?:https?://|www\.)\S+", s) and i < len(raw) - 6  # a running footer URL
        if s.isdigit() or lone_url or (i > 2 and s and counts[s] > 1 and not BULLET_RE.match(s) and len(s) < 60
                           and (s == first or "www." in s)):
            continue
        lines.append(ln)
    while lines and not lines[-1].strip():
        lines.pop()
    # footer: the date line and the contact/URL lines just before it (after the last sentence)
    footer: list[str] = []
    if lines and DATE_RE.match(lines[-1].strip()):
        footer.insert(0, lines.pop().strip())
        while lines and lines[-1].strip() and not BULLET_RE.match(lines[-1]) and (
                "www." in lines[-1] or ":" in lines[-1] or CONTACT_RE.search(lines[-1])) \
                and not lines[-1].strip().endswith("."):
            footer.insert(0, lines.pop().strip())
        while lines and not lines[-1].strip():
            lines.pop()
    # title: leading short lines
    title_lines = []
    while lines and len(title_lines) < 2 and (not lines[0].strip() or (
            len(lines[0].strip()) <= 45 and not lines[0].strip().endswith((".", "-")))):
        if lines[0].strip():
            title_lines.append(lines[0].strip())
        lines.pop(0)
        if title_lines and lines and not lines[0].strip():
            break
    title, subtitle = title_lines[0], title_lines[1:]
    blocks: list[tuple[str, str]] = []
    cur: list[str] = []
    kind = ""

    def flush() -> None:
        nonlocal cur, kind
        if cur:
            blocks.append((kind, _join(cur)))
        cur, kind = [], ""

    if sum(1 for ln in lines if not ln.strip()) >= 4:  # blank-line separated groups
        groups: list[list[str]] = [[]]
        for ln in lines:
            if ln.strip():
                groups[-1].append(ln)
            elif groups[-1]:
                groups.append([])
        for g in groups:
            texts = [x.strip() for x in g]
            if texts and all(len(t) <= 45 for t in texts) and texts[0][0].isupper() \
                    and texts[-1][-1] not in ".,;:" and not BULLET_RE.match(g[0]) \
                    and not any("....." in t for t in texts):
                blocks.append(("heading", " ".join(texts)))  # a heading, or a slogan of short lines
                continue
            if len(g) > 1 and _is_heading_line(g[0]) and (BULLET_RE.match(g[1]) or len(texts[0]) <= 35 < len(texts[1])):
                blocks.append(("heading", texts[0]))  # a heading with no blank line after it
                g = g[1:]
            for ln in g:
                s = ln.strip()
                m = BULLET_RE.match(ln)
                if "....." in s:  # a dotted table row keeps its own line
                    flush()
                    blocks.append(("para", s))
                elif m:
                    flush()
                    kind, cur = "bullet", [ln[m.end():]]
                elif not cur:
                    kind, cur = "para", [s]
                else:
                    cur.append(s)
            flush()
        return Sheet(title, subtitle, blocks, footer)
    prev_end = True  # the previous line ended a sentence
    for ln in lines:
        s = ln.strip()
        m = BULLET_RE.match(ln)
        if m:
            flush()
            kind, cur = "bullet", [ln[m.end():].strip()]
        elif prev_end and _is_heading_line(s):
            flush()
            blocks.append(("heading", s))
        elif not cur:
            kind, cur = "para", [s]
        else:
            cur.append(s)
        prev_end = s.endswith((".", "?", "!"))
    flush()
    return Sheet(title, subtitle, blocks, footer)


# ---- line setting ---------------------------------------------------------------------------------


def hyphenate(word: str, font: str, size: float, room: float) -> tuple[str, str] | None:
    """Split a long alphabetic word so that its head plus "-" fits in room; None if no split fits."""
    core = re.match(r"^([A-Za-z]+)([A-Za-z,.;:)]*)$", word)
    if not core or len(core.group(1)) < 7:
        return None
    letters = core.group(1)
    for cut in range(len(letters) - 3, 2, -1):
        head = letters[:cut] + "-"
        if stringWidth(head, font, size) <= room:
            return head, word[cut:]
    return None


def wrap(text: str, font: str, size: float, width: float, hyph: bool = False) -> list[list[str]]:
    """Greedy line breaking; with hyph, a word that does not fit is split with a hyphen when possible."""
    words = text.split()
    space = stringWidth(" ", font, size)
    lines: list[list[str]] = []
    cur: list[str] = []
    used = 0.0
    i = 0
    while i < len(words):
        w = words[i]
        ww = stringWidth(w, font, size)
        need = ww + (space if cur else 0)
        if used + need <= width or not cur:
            cur.append(w)
            used += need
            i += 1
            continue
        if hyph:
            split = hyphenate(w, font, size, width - used - space)
            if split:
                cur.append(split[0])
                words[i] = split[1]
        lines.append(cur)
        cur, used = [], 0.0
    if cur:
        lines.append(cur)
    return lines


@dataclass
class Style:
    font: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    size: float = 10.0
    head_size: float = 11.5
    leading: float = 1.3
    justify: bool = False
    hyphenate: bool = False
    bullet: str = "char"  # char: "•" in the body font; circle: canvas.circle; dingbat: ZapfDingbats
    indent: float = 11.0


@dataclass
class Op:
    page: int
    kind: str  # text, circle, rect
    x: float
    y: float
    s: str = ""
    font: str = ""
    size: float = 0.0
    w: float = 0.0
    h: float = 0.0
    fill: Color = black


Column = tuple[float, float, float, float]  # x, top, width, bottom


class Flow:
    """Places lines into a sequence of columns given by cols(page) -> list of Column."""

    def __init__(self, cols: Callable[[int], list[Column]], style: Style) -> None:
        self.cols, self.st = cols, style
        self.ops: list[Op] = []
        self.page, self.ci = 0, 0
        self.y = self.col[1]

    @property
    def col(self) -> Column:
        return self.cols(self.page)[self.ci]

    def advance(self) -> None:
        self.ci += 1
        if self.ci >= len(self.cols(self.page)):
            self.page, self.ci = self.page + 1, 0
        self.y = self.col[1]

    def room(self, h: float) -> None:
        if self.y - h < self.col[3]:
            self.advance()

    def gap(self, h: float) -> None:
        if self.y != self.col[1]:
            self.y -= h

    def words_line(self, words: list[str], x: float, width: float, font: str, size: float, justify: bool) -> None:
        if not justify or len(words) < 2:
            self.ops.append(Op(self.page, "text", x, self.y, " ".join(words), font, size))
            return
        widths = [stringWidth(w, font, size) for w in words]
        extra = (width - sum(widths)) / (len(words) - 1)
        for w, ww in zip(words, widths):
            self.ops.append(Op(self.page, "text", x, self.y, w, font, size))
            x += ww + extra

    def block(self, kind: str, text: str) -> None:
        st = self.st
        if kind == "heading":
            lead = st.head_size * 1.25
            lines = wrap(text, st.bold, st.head_size, self.col[2])
            self.gap(st.size * 0.8)
            self.room(lead * len(lines) + st.size * st.leading * 2)  # keep with the next two lines
            for ln in lines:
                self.y -= lead
                self.ops.append(Op(self.page, "text", self.col[0], self.y, " ".join(ln), st.bold, st.head_size))
            self.y -= st.size * 0.3
            return
        indent = st.indent if kind == "bullet" else 0.0
        lead = st.size * st.leading
        x0, _, width, _ = self.col
        lines = wrap(text, st.font, st.size, width - indent, st.hyphenate)
        self.gap(st.size * (0.35 if kind == "bullet" else 0.6))
        for n, ln in enumerate(lines):
            self.room(lead)
            x0, _, width, _ = self.col
            self.y -= lead
            if n == 0 and kind == "bullet":
                self.bullet(x0, self.y)
            self.words_line(ln, x0 + indent, width - indent, st.font, st.size, st.justify and n < len(lines) - 1)

    def bullet(self, x: float, y: float) -> None:
        st = self.st
        if st.bullet == "circle":
            self.ops.append(Op(self.page, "circle", x + 3, y + st.size * 0.33, w=st.size * 0.17))
        elif st.bullet == "dingbat":
            self.ops.append(Op(self.page, "text", x, y + 0.5, "l", "ZapfDingbats", st.size * 0.55))
        else:
            self.ops.append(Op(self.page, "text", x, y, "•", st.font, st.size))

    def line(self, text: str, font: str, size: float) -> None:
        self.room(size * 1.3)
        self.y -= size * 1.3
        self.ops.append(Op(self.page, "text", self.col[0], self.y, text, font, size))


def _bottom(base: float, page: int, photo: float) -> float:
    return base + photo + 14 if page == 0 and photo else base


def draw(ops: list[Op], n_pages: int, furniture: Callable[[Canvas, int, int], None], title: str,
         photo: float = 0.0) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    for p in range(n_pages):
        furniture(c, p, n_pages)
        if p == 0 and photo:
            c.setFillColor(Color(0.75, 0.75, 0.75))
            c.rect(40, 40 + 24, PAGE_W - 80, photo - 24, stroke=0, fill=1)
        for op in (o for o in ops if o.page == p):
            if op.kind == "rect":
                c.setFillColor(op.fill)
                c.rect(op.x, op.y, op.w, op.h, stroke=0, fill=1)
            elif op.kind == "circle":
                c.setFillColor(black)
                c.circle(op.x, op.y, op.w, stroke=0, fill=1)
            else:
                c.setFillColor(op.fill)
                c.setFont(op.font, op.size)
                c.drawString(op.x, op.y, op.s)
        c.showPage()
    c.save()
    return buf.getvalue()


def _pages(ops: list[Op]) -> int:
    return max(o.page for o in ops) + 1


def _columns(n: int, left: float, right: float, gutter: float, top: float, bottom: float,
             fractions: tuple[float, ...] | None = None) -> list[Column]:
    usable = right - left - gutter * (n - 1)
    fr = fractions or tuple(1 / n for _ in range(n))
    out, x = [], left
    for f in fr:
        out.append((x, top, usable * f, bottom))
        x += usable * f + gutter
    return out


def _no_furniture(c: Canvas, p: int, n: int) -> None:
    return None


def _body(flow: Flow, sheet: Sheet, skip: set[int] = frozenset()) -> None:
    for i, (kind, text) in enumerate(sheet.blocks):
        if i not in skip:
            flow.block(kind, text)


# ---- the layouts ------------------------------------------------------------------------------------


def three_col(sheet: Sheet, photo: float = 0.0) -> bytes:
    m = 48.0
    st = Style(font="Times-Roman", bold="Times-Bold", size=10.5, head_size=11, leading=1.45, indent=9)
    top1 = PAGE_H - m - 30 - 14 * len(sheet.subtitle) - 10
    cols = lambda p: _columns(3, m, PAGE_W - m, 13, top1 if p == 0 else PAGE_H - m, _bottom(m, p, photo))  # noqa: E731
    f = Flow(cols, st)
    f.ops.append(Op(0, "text", m, PAGE_H - m - 22, sheet.title, "Times-Bold", 20))
    for i, s in enumerate(sheet.subtitle):
        f.ops.append(Op(0, "text", m, PAGE_H - m - 40 - 14 * i, s, "Times-Bold", 12))
    _body(f, sheet)
    f.gap(8)
    for ln in sheet.footer:
        f.line(ln, "Times-Italic", 9)
    return draw(f.ops, _pages(f.ops), _no_furniture, sheet.title, photo)


def _box_section(sheet: Sheet) -> tuple[int, list[int]]:
    """The heading index and bullet indexes of the section put in the side box (a middle one, 2-5 bullets)."""
    cands = []
    for i, (kind, _) in enumerate(sheet.blocks):
        if kind != "heading":
            continue
        j, items = i + 1, []
        while j < len(sheet.blocks) and sheet.blocks[j][0] != "heading":
            items.append(j)
            j += 1
        if 2 <= len(items) <= 5 and all(sheet.blocks[k][0] == "bullet" for k in items):
            cands.append((i, items))
    if not cands:
        return -1, []
    return cands[len(cands) // 2]


def side_box(sheet: Sheet, photo: float = 0.0) -> bytes:
    m = 40.0
    st = Style(font="Helvetica", size=10.5, head_size=12, leading=1.45)
    hi, items = _box_section(sheet)
    top1 = PAGE_H - m - 40 - 14 * len(sheet.subtitle)
    left, right = _columns(2, m, PAGE_W - m, 18, top1, _bottom(m + 40, 0, photo), (0.6, 0.4))
    # the box: its own small flow in the right column, measured first
    bst = Style(font="Helvetica", size=8.5, head_size=10, indent=9)
    box_ops: list[Op] = []
    box_bottom = right[1]
    if items:
        bx = Flow(lambda p: [(right[0] + 8, right[1] - 8, right[2] - 16, 0.0)], bst)
        bx.block("heading", sheet.blocks[hi][1])
        for k in items:
            bx.block("bullet", sheet.blocks[k][1])
        box_bottom = bx.y - 8
        box_ops = [Op(0, "rect", right[0], box_bottom, w=right[2], h=right[1] - box_bottom, fill=SHADE)] + bx.ops

    def cols(p: int) -> list[Column]:
        if p == 0:
            return [left, (right[0], box_bottom - 14, right[2], right[3])]
        return _columns(2, m, PAGE_W - m, 18, PAGE_H - m, m + 40, (0.6, 0.4))

    f = Flow(cols, st)
    f.ops.extend(box_ops)
    f.ops.append(Op(0, "text", m, PAGE_H - m - 24, sheet.title, "Helvetica-Bold", 18, fill=DARK))
    for i, s in enumerate(sheet.subtitle):
        f.ops.append(Op(0, "text", m, PAGE_H - m - 40 - 14 * i, s, "Helvetica-Bold", 11, fill=DARK))
    _body(f, sheet, {hi, *items} if items else set())
    n = _pages(f.ops)
    for i, ln in enumerate(sheet.footer):  # a strip at the bottom of the last page
        f.ops.append(Op(n - 1, "text", m, m + 8 + 11 * (len(sheet.footer) - 1 - i), ln, "Helvetica", 8.5))
    return draw(f.ops, n, _no_furniture, sheet.title, photo)


def one_col(sheet: Sheet, photo: float = 0.0) -> bytes:
    m = 64.0
    st = Style(font="Helvetica", size=11, head_size=15, leading=1.5, indent=13)
    header = f"{sheet.title} | Hong Kong Government Fact Sheet"
    f = Flow(lambda p: [(m, PAGE_H - m - 20 - (50 if p == 0 else 0), PAGE_W - 2 * m, _bottom(m + 24, p, photo))], st)
    f.ops.append(Op(0, "text", m, PAGE_H - m - 44, sheet.title, "Helvetica-Bold", 20))
    for s in sheet.subtitle:
        f.block("heading", s)
    _body(f, sheet)
    f.gap(10)
    for ln in sheet.footer:
        f.line(ln, "Helvetica", 9)

    def furniture(c: Canvas, p: int, n: int) -> None:
        c.setFillColor(Color(0.35, 0.35, 0.35))
        c.setFont("Helvetica", 8.5)
        c.drawString(m, PAGE_H - m + 6, header)
        c.line(m, PAGE_H - m + 2, PAGE_W - m, PAGE_H - m + 2)
        c.drawCentredString(PAGE_W / 2, m - 4, f"Page {p + 1} of {n}")

    return draw(f.ops, _pages(f.ops), furniture, sheet.title, photo)


def justified(sheet: Sheet, photo: float = 0.0) -> bytes:
    m = 38.0
    st = Style(font="Times-Roman", bold="Helvetica-Bold", size=11, head_size=11, leading=1.4, justify=True,
               hyphenate=True)
    banner_h = 56 + 14 * len(sheet.subtitle)
    top1 = PAGE_H - m - banner_h - 16
    f = Flow(lambda p: _columns(2, m, PAGE_W - m, 20, top1 if p == 0 else PAGE_H - m, _bottom(m, p, photo)), st)
    f.ops.append(Op(0, "rect", 0, PAGE_H - m - banner_h, w=PAGE_W, h=banner_h + m, fill=DARK))
    f.ops.append(Op(0, "text", m, PAGE_H - m - 34, sheet.title, "Helvetica-Bold", 22, fill=white))
    for i, s in enumerate(sheet.subtitle):
        f.ops.append(Op(0, "text", m, PAGE_H - m - 52 - 14 * i, s, "Helvetica", 11, fill=white))
    _body(f, sheet)
    f.gap(8)
    for ln in sheet.footer:
        f.line(ln, "Times-Italic", 9.5)
    return draw(f.ops, _pages(f.ops), _no_furniture, sheet.title, photo)


def _glyph(sheet: Sheet, bullet: str, font: str, bold: str, photo: float) -> bytes:
    m = 42.0
    st = Style(font=font, bold=bold, size=10.5, head_size=11.5, leading=1.45, bullet=bullet, indent=11)
    top1 = PAGE_H - m - 36 - 14 * len(sheet.subtitle)
    f = Flow(lambda p: _columns(2, m, PAGE_W - m, 22, top1 if p == 0 else PAGE_H - m, _bottom(m, p, photo)), st)
    f.ops.append(Op(0, "text", m, PAGE_H - m - 22, sheet.title, bold, 19))
    for i, s in enumerate(sheet.subtitle):
        f.ops.append(Op(0, "text", m, PAGE_H - m - 38 - 14 * i, s, bold, 11))
    _body(f, sheet)
    f.gap(8)
    for ln in sheet.footer:
        f.line(ln, font, 9)
    return draw(f.ops, _pages(f.ops), _no_furniture, sheet.title, photo)


def glyph_bullet(sheet: Sheet, photo: float = 0.0) -> bytes:
    return _glyph(sheet, "circle", "Helvetica", "Helvetica-Bold", photo)


def dingbat(sheet: Sheet, photo: float = 0.0) -> bytes:
    return _glyph(sheet, "dingbat", "Times-Roman", "Times-Bold", photo)


LAYOUTS: dict[str, Callable[[Sheet], bytes]] = {
    "three-col": three_col,
    "side-box": side_box,
    "one-col": one_col,
    "justified": justified,
    "glyph-bullet": glyph_bullet,
    "dingbat": dingbat,
}


def render(text: str, layout: str, min_pages: int = 2) -> bytes:
    """The PDF bytes of a fact-sheet text in one of LAYOUTS; a grey photo placeholder across the foot of
    page 1 grows until the sheet takes at least min_pages pages (so text crosses a page break)."""
    sheet = parse(text)
    for photo in (0.0, 120.0, 200.0, 280.0, 360.0, 440.0, 520.0, 580.0):
        pdf = LAYOUTS[layout](sheet, photo)
        if int(re.search(rb"/Count (\d+)", pdf).group(1)) >= min_pages:
            break
    return pdf


def render_all(txt: Path, out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    text = txt.read_text(encoding="utf-8")
    paths = {}
    for name in LAYOUTS:
        p = out_dir / f"{txt.stem}.{name}.pdf"
        p.write_bytes(render(text, name))
        paths[name] = p
    return paths


if __name__ == "__main__":
    for name, path in render_all(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(name, path)
