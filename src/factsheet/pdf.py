"""PDF reading stage: page words -> reading-order text with line layout hints and word boxes.

One pdfplumber word pass per page; everything after that is pure-python geometry:
  1. furniture (running headers/footers, page numbers) is found across pages and dropped;
  2. framed boxes (page rects) become atomic regions read on their own;
  3. each region is cut recursively: a vertical gutter no word crosses splits columns; when a few
     full-width elements (a title, a banner, a spanning paragraph) cross an otherwise clean gutter,
     the region is first cut horizontally around them (an XY-cut that tolerates spanning lines);
  4. leaves are grouped into lines (by vertical overlap) and blocks (by vertical gaps), headings are
     flagged from font size/weight relative to the page's body font.
"""

from __future__ import annotations

import io
import logging
import math
import re
import struct
import warnings
import zlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from factsheet.dates import printed_date
from factsheet.errors import InputError
from factsheet.grammar import words as grammar_words
from factsheet.limits import NO_DEADLINE, Deadline, Limits
from factsheet.model import Document, Line, WordBox

MEDIA_TYPE = "application/pdf"

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"}
_LIGATURE_RE = re.compile("[" + "".join(LIGATURES) + "]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f]")  # glyphs with no usable code (NUL from some subset fonts)
BULLET_GLYPHS = "•▪◦‣●○■□▫◆◇►▸▹➢➤✓✔∙·"
DASH_GLYPHS = "-–—"
_CID_RE = re.compile(r"^\(cid:\d+\)$")
_CID_RUN_RE = re.compile(r"^(?:\(cid:\d+\))+$")  # glyphs with no text (a cover set in a font without a map)
_GLUED_BULLET_RE = re.compile(r"^(\(cid:\d+\)|[" + BULLET_GLYPHS + r"])(?=\S)")
_LIST_MARK_RE = re.compile(r"^(\d{1,2}[.)]|\(?[a-z]\)|\(?[ivx]{1,4}\))$")
_PAGE_NUM_RE = re.compile(
    r"^(?:(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,3}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|[-–—]\s*\d{1,4}\s*[-–—])$",
    re.IGNORECASE,
)
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# what a note marker set small and raised says: "1", "1,2", "Note5", "(Note 5)", "*", "†"
_NOTE_MARK_RE = re.compile(r"^(?:\(?note\s?\d{1,3}[a-z]?\)?|\d{1,3}(?:[,–-]\d{1,3})*|[*†‡§¶#^]{1,3})$", re.IGNORECASE)
_EXPONENT_UNIT_RE = re.compile(r"(?<![^\W\d_])(?:[kcmd]?m|ft)$")  # "km2", "m3": an exponent, not a note
_SENTENCE_END_RE = re.compile(r"[.;,]$")

MARGIN_BAND = 0.12  # share of the page height at top and bottom where furniture lives
HEADING_RATIO = 1.15  # a heading's font is at least this much larger than the page's body font
HEADING_WORDS = 30  # a run of heading lines longer than this is prose set large
TITLE_SHARE = 0.65  # a title's other lines are set at least this share of its largest size
TITLE_LINES = 4
SUPERSCRIPT_SIZE = 0.85  # a note marker's font is at most this share of the word it is set against
SUPERSCRIPT_RAISE = 0.15  # ... and its baseline at least this share of that word's size above that word's
NOTE_SIZE = 0.92  # a footnote is set at most this share of the page's body font ...
NOTE_BAND = 0.5  # ... below this share of the page's height, with nothing set larger below it
PAGE_BODY_SHARE = 0.25  # the document's body size still sets this share of a page: it is the page's body too


# ---- records ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    # pieces of a word mixing letters/digits and punctuation: (text, x0, top, x1, bottom); else empty
    pieces: tuple[tuple[str, float, float, float, float], ...]
    base: float = 0.0  # baseline (top-down, like top): a superscript sits on a higher one than its neighbour
    space_before: bool | None = None  # set where a note marker was dropped: the gap before it decides
    ref: str = ""  # the note reference mark set small and raised right after this word ("period1"), dropped
    mark: str = ""  # the note number set small and raised right before this word (a footnote's own), dropped


@dataclass(slots=True)
class _Frag:
    """Words of one visual row with no gutter-wide gap between them: the unit of column analysis."""

    words: list[_Word]
    x0: float
    top: float
    x1: float
    bottom: float
    box: _Box | None = None  # set when the unit is a framed box read as one region
    table: _Table | None = None  # set when the unit is a table read as one block of rows
    row: int = -1  # the visual row of the page's words it was cut from (_fragments)


@dataclass(slots=True)
class _Box:
    x0: float
    top: float
    x1: float
    bottom: float
    words: list[_Word] = field(default_factory=list)
    children: list[_Box] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    lines: int = -1  # rows of text it holds, its children's included (counted when first asked: _box_rows)


@dataclass(slots=True)
class _PageWords:
    number: int
    width: float
    height: float
    words: list[_Word]
    frames: list[tuple[float, float, float, float]]  # candidate boxes: rects and closed curves
    image_area: float  # share of the page covered by its largest image
    grids: list[_Grid] = field(default_factory=list)  # ruled tables: cells and drawn rules


@dataclass(slots=True)
class _Grid:
    """What the table finder made of a ruled table: its cells, and its drawn horizontal rules (x0, x1, y) as
    apart from the sides of shading (Word shades a cell line by line)."""

    cells: list[tuple[float, float, float, float]]
    rules: list[tuple[float, float, float]]


@dataclass(slots=True, eq=False)
class _Cell:
    """A table cell's words; a cell spanning columns is the same record at each column it covers."""

    words: list[_Word]


@dataclass(slots=True)
class _Table:
    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[_Cell | None]]  # by column; a cell spanning rows or columns is at each place it covers
    header: list[bool | None]  # per row: a header row, a data row, or unknown
    contents: bool = False  # a table of contents: its page references are furniture


@dataclass(slots=True)
class _Line:
    words: list[_Word]
    top: float
    bottom: float
    size: float
    bold: bool
    heading: bool | None = None
    level: int | None = None  # 1: the edition's title (first page); 2: the first page's other large headings
    cells: list[_Cell | None] | None = None  # a table row: its cells by column
    header: bool | None = None  # a table row: header, data or unknown
    furniture: bool = False  # a table of contents' row
    note: bool = False  # a footnote's line


# ---- errors -----------------------------------------------------------------------------------


@contextmanager
def _quiet() -> Iterator[None]:
    """pdfminer logs and warns on damaged files; the user gets one InputError line, not that noise."""
    loggers = [logging.getLogger(n) for n in ("pdfminer", "pdfplumber")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _library_errors() -> tuple[type[BaseException], ...]:
    """What pdfplumber/pdfminer raise on a malformed file.

    Their own exceptions, plus the built-in ones their parsing lets escape on bad objects (pdfplumber
    raises TypeError for a page without a usable MediaBox, pdfminer zlib/struct errors on bad streams).
    These are caught only around statements that run library code alone, so a bug of ours still
    surfaces as a traceback in the tests instead of passing for a bad file.
    """
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    return (PdfminerException, MalformedPDFException, PSException, ArithmeticError, AssertionError,
            AttributeError, LookupError, TypeError, ValueError, RecursionError, zlib.error, struct.error)


def _as_input_error(name: str, exc: BaseException) -> InputError:
    """One line naming the file: encryption is told apart from damage."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc
    while inner.args and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    if isinstance(inner, PDFPasswordIncorrect):
        return InputError(f"{name}: encrypted: password required")
    if isinstance(inner, PDFEncryptionError):
        return InputError(f"{name}: encrypted with an unsupported method")
    detail = " ".join(str(inner).split())[:60]
    if type(inner).__module__ == "builtins":  # KeyError(4) says little without its type
        detail = f"{type(inner).__name__}: {detail}" if detail else type(inner).__name__
    detail = detail or type(inner).__name__
    return InputError(f"{name}: truncated or corrupt PDF ({detail})")


# ---- reading ----------------------------------------------------------------------------------


def read_pdf(data: bytes, name: str, limits: Limits | None = None, deadline: Deadline = NO_DEADLINE) -> Document:
    """The document's text in reading order, one Line per text line, one WordBox per emitted word.

    Within `limits` (pages, decompressed stream size, glyphs per page; default: Limits.from_env());
    `deadline` is checked per page.
    """
    limits = limits or Limits.from_env()
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{name}: not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-1024:]:  # the rule PDF readers apply: the end marker is in the last 1 KB
        raise InputError(f"{name}: truncated or corrupt PDF (no %%EOF end marker)")
    _check_raw_streams(data, name, limits.max_stream_bytes)
    pages = _read_pages(data, name, limits, deadline)
    if not any(p.words for p in pages):
        if any(p.image_area > 0 for p in pages):
            raise InputError(f"{name}: no text layer (scanned image?); OCR is needed")
        raise InputError(f"{name}: no text found (blank pages or text drawn as outlines)")
    for p in pages:
        if not p.words and p.image_area >= 0.5:
            raise InputError(f"{name}: page {p.number} has no text layer (scanned image?); OCR is needed")
    furniture, frags = _furniture(pages)
    contents = _contents(pages, frags)
    doc_body = _body_size([w for p in pages for w in p.words])[0]
    laid = []
    for p, f in zip(pages, frags):
        deadline.check()
        laid.append(_layout_page(p, [w for w in p.words if id(w) not in furniture], f, contents, doc_body))
    _mark_title(laid, doc_body)
    return _assemble(laid, len(pages))


def _read_pages(data: bytes, name: str, limits: Limits, deadline: Deadline) -> list[_PageWords]:
    """Open once, check the page count and every stream's decompressed size, then one extract_words pass
    per page (its glyphs counted as they are read)."""
    max_pages = limits.max_pages
    import pdfplumber
    from pdfplumber.utils.text import WordExtractor

    extractor = WordExtractor(extra_attrs=["fontname", "size"], use_text_flow=False, keep_blank_chars=False,
                              x_tolerance_ratio=0.15)
    errors = _library_errors()
    out: list[_PageWords] = []
    with _quiet():
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except errors as exc:
            raise _as_input_error(name, exc) from None
        try:
            declared = _declared_pages(pdf)
            if declared is not None and declared > max_pages:
                raise InputError(f"{name}: {declared} pages, over the limit of {max_pages} (setting max_pages)")
            try:
                plumber_pages = pdf.pages
            except errors as exc:
                raise _as_input_error(name, exc) from None
            if not plumber_pages:
                raise InputError(f"{name}: PDF has no pages")
            if len(plumber_pages) > max_pages:
                raise InputError(
                    f"{name}: {len(plumber_pages)} pages, over the limit of {max_pages} (setting max_pages)")
            try:
                _check_streams(pdf.doc, name, limits.max_stream_bytes)
            except errors as exc:
                raise _as_input_error(name, exc) from None
            for page in plumber_pages:
                deadline.check()
                try:  # library code only: parse the page's objects once
                    _interpret(page, name, limits.max_chars_per_page, deadline)
                    chars, rects, curves, images = page.chars, page.rects, page.curves, page.images
                    width, height = float(page.width), float(page.height)
                    grids = _grids(page, _rulings(rects, page.lines))
                except errors as exc:
                    raise _as_input_error(name, exc) from None
                # page.extract_words(...) as a stream of (word, chars) pairs, consumed at once so no
                # char list outlives its word (live objects slow every garbage collection)
                words = _words(extractor.iter_extract_tuples(chars))
                image = max((_area(i) for i in images), default=0.0) / (width * height or 1.0)
                out.append(_PageWords(page.page_number, width, height, words, _frames(rects, curves), image, grids))
                page.close()
        finally:
            with suppress(*errors):  # closing re-reads the page tree, which may be what is broken
                pdf.close()
    return out


class _TooMany(Exception):
    """Raised from inside pdfminer's interpreter to stop a page with too many glyphs at once."""


def _interpret(page: Any, name: str, max_chars: int, deadline: Deadline) -> None:
    """pdfplumber's page layout, made here with a device that counts glyphs as they are drawn.

    A page over `max_chars` glyphs (200,000 tiny glyphs on one row) is refused as soon as it goes over,
    before pdfminer has built them all; the deadline is checked every thousand glyphs or paths.
    """
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent
    from pdfplumber.utils.exceptions import PdfminerException

    class Counting(PDFPageAggregatorWithMarkedContent):
        glyphs = 0
        paths = 0

        def render_char(self, *args: object, **kwargs: object) -> float:
            self.glyphs += 1
            if self.glyphs > max_chars:
                raise _TooMany
            if self.glyphs % 1000 == 0:
                deadline.check()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args: object, **kwargs: object) -> None:
            self.paths += 1
            if self.paths % 1000 == 0:  # a page of vector graphics draws no glyph, but takes time too
                deadline.check()
            super().paint_path(*args, **kwargs)

    device = Counting(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except _TooMany:
        raise InputError(f"{name}: page {page.page_number} has over {max_chars} characters, over the limit "
                         f"(setting max_chars_per_page)") from None
    except InputError:
        raise
    except Exception as exc:  # what pdfplumber's own Page.layout wraps
        raise PdfminerException(exc) from None
    page._layout = device.get_result()  # what pdfplumber's Page.layout would have made


_STREAM_RE = re.compile(rb"(?<!end)stream\r?\n")


def _check_raw_streams(data: bytes, name: str, limit: int) -> None:
    """Refuse a PDF any of whose zlib streams (content, object or cross-reference streams) expands past
    `limit` bytes: a decompression bomb. Each is inflated in bounded steps before pdfminer, which would
    inflate it whole in memory, opens the file; data that is not zlib stops at its first bytes."""
    for m in _STREAM_RE.finditer(data):
        head = data[m.end() : m.end() + 2]
        if len(head) < 2 or head[0] & 0x0F != 8 or (head[0] << 8 | head[1]) % 31:
            continue  # no zlib header (an image, an encrypted stream): nothing to inflate
        end = data.find(b"endstream", m.end())
        if _inflated_size(data[m.end() : end if end >= 0 else len(data)], limit) > limit:
            raise _bomb(name, limit)


def _bomb(name: str, limit: int) -> InputError:
    return InputError(f"{name}: a compressed stream expands to over {limit} bytes, over the limit "
                      f"(setting max_stream_bytes)")


def _check_streams(doc: Any, name: str, limit: int) -> None:
    """_check_raw_streams for what it cannot see: streams of an encrypted PDF (zlib once deciphered) and
    zlib behind a text encoding (ReportLab writes ASCII85 over Flate), decoded up to their first Flate.

    Streams are direct objects, so the direct objects of every cross-reference section are all there is to see.
    """
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.pdftypes import LITERALS_ASCII85_DECODE, LITERALS_ASCIIHEX_DECODE, LITERALS_FLATE_DECODE, PDFStream

    text_decoders = {**{f: ascii85decode for f in LITERALS_ASCII85_DECODE},
                     **{f: asciihexdecode for f in LITERALS_ASCIIHEX_DECODE}}  # they only shrink data
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            try:
                in_stream, _, _ = xref.get_pos(objid)
            except KeyError:
                continue
            if in_stream is not None:
                continue
            obj = doc.getobj(objid)
            if not isinstance(obj, PDFStream) or obj.rawdata is None:
                continue
            filters = [f for f, _ in obj.get_filters()]
            if not doc.decipher and filters[:1] and filters[0] in LITERALS_FLATE_DECODE:
                continue  # plain zlib: already counted before the file was opened
            data = obj.rawdata
            if obj.decipher:
                data = obj.decipher(obj.objid, obj.genno, data, obj.attrs)
            for f in filters:
                if f in text_decoders:
                    data = text_decoders[f](data)
                    continue
                if f in LITERALS_FLATE_DECODE and _inflated_size(data, limit) > limit:
                    raise _bomb(name, limit)
                break


def _inflated_size(data: bytes, limit: int) -> int:
    """Bytes zlib `data` inflates to, counted in 1 MB steps and no further than limit + 1 (what follows the
    zlib stream is ignored; damaged data counts what inflated before the damage)."""
    inflater = zlib.decompressobj()
    size = 0
    chunk = data
    try:
        while chunk and size <= limit and not inflater.eof:
            out = len(inflater.decompress(chunk, 1 << 20))
            if not out and len(inflater.unconsumed_tail) == len(chunk):
                break  # no progress: nothing more will come out
            size, chunk = size + out, inflater.unconsumed_tail
    except zlib.error:
        return size  # damaged: pdfminer recovers what it can, no more than was counted
    return size


def _declared_pages(pdf: object) -> int | None:
    """/Count of the page tree, so an oversized file is refused before its pages are parsed."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])  # type: ignore[attr-defined]
    except _library_errors():
        return None
    return count if isinstance(count, int) else None


def _area(obj: dict) -> float:
    return max(0.0, float(obj["x1"]) - float(obj["x0"])) * max(0.0, float(obj["bottom"]) - float(obj["top"]))


def _frames(rects: Sequence[dict], curves: Sequence[dict]) -> list[tuple[float, float, float, float]]:
    """Rectangles (and closed curves such as rounded boxes) big enough to frame text."""
    out = []
    for obj in list(rects) + [c for c in curves if _closed(c)]:
        x0, top, x1, bottom = (float(obj[k]) for k in ("x0", "top", "x1", "bottom"))
        if x1 - x0 >= 40 and bottom - top >= 16:
            out.append((x0, top, x1, bottom))
    return sorted(set(out))


def _closed(curve: dict) -> bool:
    pts = curve.get("pts") or []
    return len(pts) >= 4 and abs(pts[0][0] - pts[-1][0]) < 1 and abs(pts[0][1] - pts[-1][1]) < 1


def _words(raw: Iterable[tuple[dict, list[dict]]]) -> list[_Word]:
    """pdfplumber (word, chars) pairs as records: upright only, ligatures expanded, overprints dropped."""
    out: list[_Word] = []
    seen: set[tuple[str, int, int]] = set()
    for w, chars in raw:
        if not w.get("upright", True):
            continue
        text = _clean(w["text"]).strip()
        if not text:
            continue
        if _SYMBOL_FONT_RE.search(str(w.get("fontname") or "")) and len(text) == 1:
            text = "•"  # a ZapfDingbats/Symbol/Wingdings glyph ("n" is a filled square there) is a bullet
        key = (text, round(float(w["x0"])), round(float(w["top"])))
        if key in seen:
            continue
        seen.add(key)
        out.append(_Word(text, float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]),
                         float(w.get("size") or (float(w["bottom"]) - float(w["top"]))),
                         bool(_BOLD_RE.search(str(w.get("fontname") or ""))), _char_pieces(text, chars),
                         _baseline(w, chars)))
    return out


def _baseline(word: dict, chars: list[dict]) -> float:
    """Where the word's first glyph sits (top-down): its origin from the text matrix, else its bbox bottom."""
    c = chars[0] if chars else None
    if c is None or not c.get("matrix") or c.get("y1") is None:
        return float(word["bottom"])
    return float(c["top"]) + float(c["y1"]) - float(c["matrix"][5])


_SYMBOL_FONT_RE = re.compile(r"Dingbats|Symbol|Wingdings|Webdings", re.I)


def _clean(text: str) -> str:
    """Ligatures expanded, control characters (unmapped glyphs) dropped."""
    return _CONTROL_RE.sub("", _LIGATURE_RE.sub(lambda m: LIGATURES[m.group()], text))


def _char_pieces(text: str, word_chars: list[dict]) -> tuple[tuple[str, float, float, float, float], ...]:
    """The word cut where letters/digits meet punctuation, each piece with the bbox of its chars.

    Figures start and end at such cuts ("(up 68%)", "world."), so a span's bbox is exact. Kept as
    small tuples (not pdfplumber's char dicts), and only for the words that mix the two.
    """
    if text.isalnum() or not word_chars or not any(ch.isalnum() for ch in text):
        return ()
    chars = [(_clean(c["text"]), c["x0"], c["top"], c["x1"], c["bottom"]) for c in word_chars]
    chars = [c for c in chars if c[0].strip()]
    if "".join(c[0] for c in chars) != text:  # chars do not spell the word: keep it whole
        return ()
    out = []
    run: list[tuple[str, float, float, float, float]] = []
    kind = None
    for c in chars:
        k = c[0][:1].isalnum()
        if run and k != kind:
            out.append(_piece(run))
            run = []
        run.append(c)
        kind = k
    if run:
        out.append(_piece(run))
    return tuple(out)


def _pieces(word: _Word) -> tuple[tuple[str, float, float, float, float], ...]:
    return word.pieces or ((word.text, word.x0, word.top, word.x1, word.bottom),)


def _piece(chars: list[tuple[str, float, float, float, float]]) -> tuple[str, float, float, float, float]:
    return ("".join(c[0] for c in chars), min(c[1] for c in chars), min(c[2] for c in chars),
            max(c[3] for c in chars), max(c[4] for c in chars))


# ---- grouping primitives ----------------------------------------------------------------------


class _RowSpans:
    """The x extents of a row's members, sorted by x0, so 'does a new item overlap a member?' is a
    bisection and a short walk instead of a comparison with every member (200,000 glyphs on one row)."""

    def __init__(self) -> None:
        self.x0s: list[float] = []
        self.x1s: list[float] = []
        self.max_x1 = float("-inf")
        self.max_width = 0.0

    def overlaps(self, x0: float, x1: float) -> bool:
        """A member m with m.x0 < x1 - 0.5 and x0 < m.x1 - 0.5."""
        a, b = x1 - 0.5, x0 + 0.5
        if self.max_x1 <= b:
            return False  # the usual case: the item lies right of every member
        j = bisect_left(self.x0s, a)
        if j == len(self.x0s):
            return True  # every member starts before a, and one ends after b
        # members starting at or before b - max_width end at or before b: the walk stops there
        for i in range(j - 1, -1, -1):
            if self.x0s[i] <= b - self.max_width:
                return False
            if self.x1s[i] > b:
                return True
        return False

    def add(self, x0: float, x1: float) -> None:
        i = bisect_right(self.x0s, x0)
        self.x0s.insert(i, x0)
        self.x1s.insert(i, x1)
        self.max_x1 = max(self.max_x1, x1)
        self.max_width = max(self.max_width, x1 - x0)


def _rows(items: Sequence, min_overlap: float = 0.5) -> list[list]:
    """Items (words or fragments) clustered into visual rows.

    An item joins a row when it overlaps the row's reference extent vertically by at least half the
    smaller height and does not overlap a member horizontally (that would be another line).
    """
    rows: list[list] = []
    spans: list[_RowSpans] = []
    refs: list[tuple[float, float]] = []
    active: list[int] = []
    for it in sorted(items, key=lambda i: (i.top, i.x0, i.x1)):
        active = [r for r in active if refs[r][1] > it.top]
        placed = False
        for r in active:
            top, bottom = refs[r]
            h = min(it.bottom - it.top, bottom - top)
            overlap = min(it.bottom, bottom) - max(it.top, top)
            if overlap >= min_overlap * max(h, 0.1) and not spans[r].overlaps(it.x0, it.x1):
                rows[r].append(it)
                spans[r].add(it.x0, it.x1)
                if it.bottom - it.top > bottom - top:
                    refs[r] = (it.top, it.bottom)
                placed = True
                break
        if not placed:
            rows.append([it])
            spans.append(_RowSpans())
            spans[-1].add(it.x0, it.x1)
            refs.append((it.top, it.bottom))
            active.append(len(rows) - 1)
    for row in rows:
        row.sort(key=lambda i: (i.x0, i.top))
    rows.sort(key=lambda row: (min(i.top for i in row), row[0].x0))
    return rows


def _is_marker(text: str) -> bool:
    """A list marker word: a bullet glyph, an unmapped glyph (cid:N), a dash or "1." / "(a)"."""
    return (len(text) == 1 and text in BULLET_GLYPHS + DASH_GLYPHS) or bool(_CID_RE.match(text)) \
        or bool(_LIST_MARK_RE.match(text))


def _fragments(words: Sequence[_Word], gmin: float) -> list[_Frag]:
    """Rows split where a gap could be a gutter; a list marker stays glued to its text."""
    frags: list[_Frag] = []
    for k, row in enumerate(_rows(words)):
        cur = [row[0]]
        for w in row[1:]:
            prev = cur[-1]
            if w.x0 - prev.x1 >= gmin and not (len(cur) == 1 and _is_marker(prev.text)
                                               and w.x0 - prev.x1 < 3 * prev.size):
                frags.append(_frag(cur, k))
                cur = [w]
            else:
                cur.append(w)
        frags.append(_frag(cur, k))
    return frags


def _frag(words: list[_Word], row: int = -1) -> _Frag:
    return _Frag(words, min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words),
                 max(w.bottom for w in words), row=row)


def _frag_rows(frags: Sequence[_Frag]) -> list[list[_Frag]]:
    """Fragments grouped back into the visual rows _fragments cut them from, top to bottom."""
    rows: dict[int, list[_Frag]] = {}
    for f in frags:
        rows.setdefault(f.row, []).append(f)
    return [rows[k] for k in sorted(rows)]


# ---- furniture --------------------------------------------------------------------------------


def _furniture(pages: Sequence[_PageWords]) -> tuple[set[int], list[list[_Frag]]]:
    """ids of words in running headers/footers and page numbers (margin-band rows only), and each
    page's fragments (reused by the layout, so rows are clustered once per page)."""
    out: set[int] = set()
    seen: list[list[tuple[str, _Frag]]] = []
    page_frags: list[list[_Frag]] = []
    numbered: set[int] = set()  # ids of band fragments sharing their row with a page number
    for p in pages:
        gmin = _gutter_min(p.words)
        band: list[tuple[str, _Frag]] = []
        frags = _fragments(p.words, gmin)
        page_frags.append(frags)
        number_rows: set[int] = set()
        for f in frags:
            if f.top < p.height * MARGIN_BAND or f.bottom > p.height * (1 - MARGIN_BAND):
                text = " ".join(w.text for w in f.words)
                if printed_date(text) and p.number in (1, len(pages)):
                    continue  # the edition's date on the cover or back page ("12/2025"): content, not furniture
                if _PAGE_NUM_RE.match(text):
                    out.update(id(w) for w in f.words)
                    number_rows.add(f.row)
                else:
                    band.append((re.sub(r"\d+", "#", text.lower()), f))
        numbered.update(id(f) for _, f in band if f.row in number_rows)
        seen.append(band)
    if len(pages) >= 2:
        _repeated(seen, len(pages), out, numbered)
    return out, [[f for f in frags if id(f.words[0]) not in out] for frags in page_frags]


def _repeated(seen: list[list[tuple[str, _Frag]]], n_pages: int, out: set[int], numbered: set[int]) -> None:
    """Add to `out` the words of margin-band fragments that recur at the same place on enough pages: half the
    document's, or two for one set beside a page number (a chapter's running head, "4   Obligations of Employers",
    recurs on its chapter's pages only)."""
    need = max(2, (n_pages + 1) // 2)
    for i, band in enumerate(seen):
        for key, f in band:
            hits = 1 + sum(1 for j, other in enumerate(seen) if j != i and any(
                k == key and abs(g.top - f.top) <= 4 and (abs(g.x0 - f.x0) <= 10 or abs(g.x1 - f.x1) <= 10)
                for k, g in other))
            if hits >= (2 if id(f) in numbered else need):
                out.update(id(w) for w in f.words)


# ---- tables of contents -------------------------------------------------------------------------
#
# A table of contents is told by its shape, not by a table finder: rows that end in a page number set apart from
# their title (by a gutter-wide gap or dot leaders), the numbers aligned in one column and in page order. Three
# or more such rows are a table of contents when the page says so (a "Contents" heading), when most of them
# have dot leaders, or when their titles come back as lines of later pages (the chapters' own headings). Its
# rows, and the rows between them that have no page number (sub-entries, titles set on two lines), are
# furniture: their numbers are page references and chapter numbers, no figures.

MIN_CONTENTS = 3  # page-referencing rows a table of contents has at least
CONTENTS_ALIGN = 3.0  # pt: the page numbers' right edges (or left edges, or centres) are this close
_PAGE_REF_RE = re.compile(r"^\d{1,4}$")
_LEADER_GLYPHS = ".…·_"  # dot leaders run from a contents entry's title to its page number


@dataclass(slots=True)
class _PageRef:
    """A row of a page that ends in a page number: its place in the page's rows, the number and where it is set,
    and where its title starts."""

    row: int
    number: int
    x0: float
    x1: float
    leader: bool
    title: str
    start: float


TITLE_REACH = 6  # fragments a contents entry's title may span, read leftwards from its page number


def _contents(pages: Sequence[_PageWords], page_frags: Sequence[list[_Frag]]) -> set[int]:
    """ids of the words of every table of contents of the document (see above)."""
    out: set[int] = set()
    later: dict[int, set[str]] = {}  # each page's rows and fragments as letters only, made when first asked about

    def comes_back(title: str, after: int) -> bool:
        for j in range(after + 1, len(pages)):
            if j not in later:
                parts = [*_frag_rows(page_frags[j]), *([f] for f in page_frags[j])]
                later[j] = {_letters(_row_text(part)) for part in parts}
            if title in later[j]:
                return True
        return False

    for i, frags in enumerate(page_frags):
        rows = _frag_rows(frags)
        refs = _aligned([r for k, row in enumerate(rows) for r in _page_refs(k, row)])
        if len(refs) < MIN_CONTENTS or any(b.number < a.number for a, b in zip(refs, refs[1:])):
            continue
        headed = any(_row_text(part).strip(" :").lower() in _CONTENTS
                     for row in rows for part in (row, *([f] for f in row)))
        if not headed:
            if max(r.number for r in refs) > 2 * len(pages) + 20:
                continue  # no page of this document: a column of figures, not page numbers
            titles = [t for r in refs if len(t := _letters(r.title)) >= 4]
            led = sum(r.leader for r in refs) * 2 >= len(refs)
            if not led and sum(comes_back(t, i) for t in titles) < max(2, (len(refs) + 1) // 2):
                continue
        left = min(r.start for r in refs)
        right = max(r.x1 for r in refs)
        for row in rows[refs[0].row : refs[-1].row + 1]:
            out.update(id(w) for f in row if f.x0 >= left - 1 and f.x1 <= right + 1 for w in f.words)
    return out


def _page_refs(k: int, row: list[_Frag]) -> list[_PageRef]:
    """The page numbers of a row, each set apart from a title with letters by a gap or by dot leaders: one per
    column of entries (a spread sets a contents page beside another page, whose words share its rows)."""
    out = []
    for j, frag in enumerate(row):
        if frag.words[-1].text[-1:].isdigit() and (ref := _page_ref(k, row, j)) is not None:
            out.append(ref)
    return out


def _page_ref(k: int, row: list[_Frag], j: int) -> _PageRef | None:
    """The page number fragment `j` of a row ends with, its title the fragments before it up to a gap wider than
    the one between title and number (a gutter to the next column); None when it is no page reference."""
    last = row[j]
    end = last.words[-1].text
    if j >= 1 and len(last.words) == 1 and _PAGE_REF_RE.match(end):  # a number apart: "Introduction   3"
        number, x0 = end, last.x0
        i, reach = j - 1, max(last.x0 - row[j - 1].x1, 4 * last.words[0].size)
    else:  # leaders run up to it: "Introduction ........ 3", "Introduction........3"
        number, x0 = "", last.x0
        i, reach = j, 4 * last.words[-1].size
    while i > 0 and j - i < TITLE_REACH and row[i].x0 - row[i - 1].x1 <= reach:
        i -= 1
    if number:
        title, leader = _leaders(_row_text(row[i:j]))
    else:
        text = _row_text(row[i : j + 1])
        head = text.rstrip("0123456789")
        number = text[len(head) :]
        title, leader = _leaders(head)
        if not leader or len(number) > 4:
            return None
        x0 = last.x1 - (last.words[-1].x1 - last.words[-1].x0) * len(number) / len(end)
    if not any(ch.isalpha() for ch in title):
        return None
    return _PageRef(k, int(number), x0, last.x1, leader, title, row[i].x0)


def _leaders(head: str) -> tuple[str, bool]:
    """A contents entry's title without the dot leaders after it, and whether it had them."""
    title = head.rstrip().rstrip(_LEADER_GLYPHS)
    run = head.rstrip()[len(title) :]
    return title.rstrip(), len(run) >= 3 or "…" in run


def _aligned(refs: list[_PageRef]) -> list[_PageRef]:
    """The largest set of page references whose numbers share a right edge, a left edge or a centre, in row order."""
    best: list[_PageRef] = []
    for edge in (lambda r: r.x1, lambda r: r.x0, lambda r: r.x0 + r.x1):
        for r in refs:
            group = [o for o in refs if abs(edge(o) - edge(r)) <= CONTENTS_ALIGN]
            if len(group) > len(best):
                best = group
    return best


def _row_text(row: Sequence[_Frag]) -> str:
    return " ".join(w.text for f in row for w in f.words)


def _letters(text: str) -> str:
    """Only the letters, lower-cased: how a contents entry and the heading it points at are compared."""
    return "".join(ch for ch in text.lower() if ch.isalpha())


def _mostly(table: _Table, words: set[int]) -> bool:
    """Most of a table's words are among `words`."""
    ids = [id(w) for row in table.rows for c in row if c is not None for w in c.words]
    return bool(ids) and sum(i in words for i in ids) >= 0.8 * len(ids)


# ---- page layout ------------------------------------------------------------------------------


def _body_size(words: Sequence[_Word]) -> tuple[float, float]:
    """The page's dominant font size (by characters) and the share of characters set in it."""
    sizes: Counter[float] = Counter()
    for w in words:
        sizes[round(w.size * 4) / 4] += len(w.text)
    if not sizes:
        return 10.0, 0.0
    size, n = max(sizes.items(), key=lambda kv: (kv[1], -kv[0]))
    return size, n / sum(sizes.values())


def _page_body(words: Sequence[_Word], doc_body: float) -> tuple[float, float]:
    """The page's body font size and its share: the page's dominant size, unless footnotes set smaller
    outweigh the body text on it while the document's body size still sets a good share of the page (a
    worked example with long notes): then the document's, so that the body is not read as headings."""
    size, share = _body_size(words)
    if size >= doc_body:
        return size, share
    sizes: Counter[float] = Counter()
    for w in words:
        sizes[round(w.size * 4) / 4] += len(w.text)
    doc_share = sizes[doc_body] / (sum(sizes.values()) or 1)
    return (doc_body, doc_share) if doc_share >= PAGE_BODY_SHARE else (size, share)


def _gutter_min(words: Sequence[_Word]) -> float:
    """Narrowest gap that may be a column gutter: wider than any word space of the body font."""
    return max(6.0, 0.8 * _body_size(words)[0])


def _layout_page(page: _PageWords, words: list[_Word], frags: list[_Frag],
                 contents: set[int] = frozenset(), doc_body: float = 0.0) -> tuple[int, list[list[_Line]]]:
    """(page number, blocks of lines in reading order); `frags` are the page's fragments of `words`; `contents`
    the ids of the words of tables of contents (their lines are furniture); `doc_body` the document's body size."""
    if not words:
        return page.number, []
    body, share = _page_body(words, doc_body)
    gmin = max(6.0, 0.8 * body)
    tables = [t for grid in page.grids if (t := _grid_table(grid, words)) is not None]
    in_tables = {id(w) for t in tables for row in t.rows for c in row if c is not None for w in c.words}
    if in_tables:
        words = [w for w in words if id(w) not in in_tables]
        frags = [f for f in frags if not any(id(w) in in_tables for w in f.words)]
    root = _box_tree(page, words)
    in_root = {id(w) for w in root.words}
    root_frags = [f for f in frags if all(id(w) in in_root for w in f.words)]
    covered = {id(w) for f in root_frags for w in f.words}
    root_frags += _fragments([w for w in root.words if id(w) not in covered], gmin)
    unruled = _unruled_tables(root_frags, body)
    if unruled:
        in_unruled = {id(w) for t in unruled for row in t.rows for c in row if c is not None for w in c.words}
        root_frags = [f for f in root_frags if id(f.words[0]) not in in_unruled]
        tables += unruled
    for t in tables:
        t.contents = _mostly(t, contents)
    if tables:
        _place_tables(root, tables)
    header, footer = _margin_frags(root_frags, page.height, body)
    margin = {id(f) for f in header + footer}
    body_frags = [f for f in root_frags if id(f) not in margin]
    leaves = _read_region(root, gmin, header, children=False) + _read_region(root, gmin, body_frags) + \
        _read_region(root, gmin, footer, children=False)
    lines_by_leaf = [_table_lines(leaf[0].table) if leaf[0].table is not None else
                     [_make_line(part) for row in _rows(leaf)
                      for part in _date_apart(_clean_row(sorted((w for f in row for w in f.words),
                                                                key=lambda w: (w.x0, w.top))), gmin)]
                     for leaf in leaves]
    lines_by_leaf = [[ln for ln in lines if not _decoration(ln, body)] for lines in lines_by_leaf]
    for lines in lines_by_leaf:
        for ln in lines:
            ln.furniture = ln.furniture or all(id(w) in contents for w in ln.words)
    body_bold = sum(len(w.text) for w in words if w.bold) > 0.5 * sum(len(w.text) for w in words)
    for lines in lines_by_leaf:
        for ln in lines:
            ln.heading = False if ln.cells is not None else _is_heading(ln, body, share, body_bold)
        _prose_not_heading(lines)
    normal = _normal_gap([lines for lines in lines_by_leaf if not (lines and lines[0].cells is not None)], body)
    blocks: list[list[_Line]] = []
    for lines in lines_by_leaf:
        if lines and lines[0].cells is not None:  # a table's rows are one block
            blocks.append(lines)
            continue
        cur: list[_Line] = []
        for ln in lines:
            if cur:
                prev = cur[-1]
                gap = ln.top - prev.bottom
                if gap > normal + 0.45 * body or ln.heading != prev.heading \
                        or abs(ln.size - prev.size) > 0.2 * max(ln.size, prev.size):
                    blocks.append(cur)
                    cur = []
            cur.append(ln)
        if cur:
            blocks.append(cur)
    return page.number, _footnotes(blocks, body, page.height)


def _footnotes(blocks: list[list[_Line]], body: float, height: float) -> list[list[_Line]]:
    """The page's blocks with each footnote a block of its own, its lines marked `note` and its number dropped.

    A footnote block is set small at the foot of the page (nothing larger below it) and starts with a note
    number: one set small and raised (already dropped, kept as the word's `mark`), or one set as text that a
    reference mark of the page repeats ("as defined2" ... "2 According to EO") or that hangs out of the note's
    other lines. A number of a note's text after its number is the note's own and stays.
    """
    lines = [ln for b in blocks for ln in b]
    refs = {w.ref for ln in lines for w in ln.words if w.ref}
    out: list[list[_Line]] = []
    for block in blocks:
        starts = [i for i, ln in enumerate(block) if _note_start(ln, block, refs)] \
            if _foot_block(block, lines, body, height) else []
        if not starts:
            out.append(block)
            continue
        if starts[0]:
            out.append(block[: starts[0]])
        for a, b in zip(starts, starts[1:] + [len(block)]):
            first = block[a]
            if not first.words[0].mark:  # a number set as text goes as a raised one does
                first.words = first.words[1:]
                first.words[0].space_before = False
            for ln in block[a:b]:
                ln.note, ln.heading, ln.level = True, False, None
            out.append(block[a:b])
    return out


def _foot_block(block: list[_Line], lines: list[_Line], body: float, height: float) -> bool:
    """A block of text set small at the foot of the page: no table row, nothing set larger below it."""
    top, bottom = min(ln.top for ln in block), max(ln.bottom for ln in block)
    small = NOTE_SIZE * body
    return top >= NOTE_BAND * height and all(ln.cells is None and ln.size <= small for ln in block) and \
        all(ln.size <= small for ln in lines if ln.top >= bottom)


def _note_start(ln: _Line, block: list[_Line], refs: set[str]) -> bool:
    """The line starts a footnote: after a raised note number, or with one set as text that the page refers to
    or that hangs out of the block's other lines (they start where the note's text does)."""
    first = ln.words[0]
    if first.mark:
        return True
    if len(ln.words) < 2 or not _NOTE_MARK_RE.match(first.text):
        return False
    if first.text in refs:
        return True
    others = [o.words[0] for o in block if o is not ln]
    text_at = ln.words[1].x0
    return any(abs(w.x0 - text_at) <= 1.5 for w in others) and \
        all(abs(w.x0 - first.x0) > 1.5 or _NOTE_MARK_RE.match(w.text) for w in others)


def _margin_frags(frags: list[_Frag], height: float, body: float) -> tuple[list[_Frag], list[_Frag]]:
    """Header and footer fragments: in the margin band, set apart from the body by a clear horizontal
    gap and either a smaller font or a wide gap, so they are read before/after the columns."""
    found: list[list[_Frag]] = []
    for bottom_side in (False, True):
        inband = [f for f in frags if (f.bottom > height * (1 - MARGIN_BAND) if bottom_side
                                       else f.top < height * MARGIN_BAND)]
        band_ids = {id(f) for f in inband}
        rest = [f for f in frags if id(f) not in band_ids]
        # walk from the page edge inwards; cut at the innermost clean gap that qualifies
        inband.sort(key=lambda f: -f.top if bottom_side else f.bottom)
        # extents of the inner part (inband[k:] + rest) for each k, gathered from the page's middle out
        inner_top, inner_bottom = [math.inf] * (len(inband) + 1), [-math.inf] * (len(inband) + 1)
        inner_top[-1] = min((f.top for f in rest), default=math.inf)
        inner_bottom[-1] = max((f.bottom for f in rest), default=-math.inf)
        for k in range(len(inband) - 1, -1, -1):
            inner_top[k] = min(inner_top[k + 1], inband[k].top)
            inner_bottom[k] = max(inner_bottom[k + 1], inband[k].bottom)
        chosen = 0
        outer_top, outer_bottom, outer_size = math.inf, -math.inf, -math.inf
        for k in range(1, len(inband) + 1):
            if k == len(inband) and not rest:
                break  # nothing inside
            f = inband[k - 1]
            outer_top, outer_bottom = min(outer_top, f.top), max(outer_bottom, f.bottom)
            outer_size = max(outer_size, max(w.size for w in f.words))
            gap = outer_top - inner_bottom[k] if bottom_side else inner_top[k] - outer_bottom
            if gap >= 2.5 * body or (gap >= 0.8 * body and outer_size < 0.95 * body):
                chosen = k
        found.append(inband[:chosen])
    return found[0], found[1]


def _clean_row(words: list[_Word]) -> list[_Word]:
    """A row's words without its note markers and unmapped glyph runs.

    A note marker is a run set small and raised against the word it touches ("141 weeks'" is 14 weeks with
    note 1, "period1", "5Note8 days'", "received*", a footnote's own number before its text); the word after
    it keeps the spacing it had after the marker, and the word it touches keeps the mark (`ref`, `mark`).
    Glyphs with no text ("(cid:12)(cid:40)", a cover title in a font without a map) say nothing; a single one
    that starts the row is a bullet and stays.
    """
    if all(_CID_RUN_RE.match(w.text) for w in words):
        return []
    out: list[_Word] = []
    dropped: _Word | None = None
    for i, w in enumerate(words):
        if _CID_RUN_RE.match(w.text) and (i > 0 or not _CID_RE.match(w.text)):
            dropped = w
            continue
        anchor = _note_anchor(w, out[-1] if out else None, words[i + 1] if i + 1 < len(words) else None)
        if anchor is not None:
            if out and anchor is out[-1]:
                anchor.ref = w.text
            else:
                anchor.mark = w.text
            dropped = w
            continue
        if dropped is not None:
            w.space_before = w.x0 - dropped.x1 > 0.12 * min(w.size, dropped.size)
            dropped = None
        out.append(w)
    return out


def _date_apart(words: list[_Word], gmin: float) -> list[list[_Word]]:
    """A row as lines: one line, except that a printed date set apart by a gutter-wide gap ("Labour Department
    ... (12/2025)") is a line of its own, so that it reads as the edition's date."""
    if not words:
        return []
    chunks = [[words[0]]]
    for w in words[1:]:
        if w.x0 - chunks[-1][-1].x1 >= gmin:
            chunks.append([w])
        else:
            chunks[-1].append(w)
    if len(chunks) == 1:
        return [words]
    dated = [printed_date(" ".join(w.text for w in c)) is not None for c in chunks]
    if not any(dated):
        return [words]
    out: list[list[_Word]] = []
    run: list[_Word] = []
    for chunk, date in zip(chunks, dated):
        if date:
            out.extend(r for r in (run, chunk) if r)
            run = []
        else:
            run = run + chunk
    if run:
        out.append(run)
    return out


def _note_anchor(w: _Word, left: _Word | None, right: _Word | None) -> _Word | None:
    """The word a note mark is set small and raised against: the word it is glued to (left: a reference to a
    note), else the word it stands before (right: a footnote's own number); None when `w` is no note mark (a
    unit's exponent, "km2", is none)."""
    if not _NOTE_MARK_RE.match(w.text):
        return None
    if left is not None and w.x0 - left.x1 <= 0.5 * left.size:
        ref = left
        if _EXPONENT_UNIT_RE.search(left.text) and w.text in ("2", "3"):
            return None
    elif right is not None and right.x0 - w.x1 <= 2.0 * right.size:
        ref = right
    else:
        return None
    return ref if w.size <= SUPERSCRIPT_SIZE * ref.size and ref.base - w.base >= SUPERSCRIPT_RAISE * ref.size else None


def _make_line(words: list[_Word]) -> _Line:
    chars: Counter[float] = Counter()
    for w in words:
        chars[w.size] += len(w.text)
    size = max(chars.items(), key=lambda kv: (kv[1], kv[0]))[0]
    content = [w for w in words if not _is_marker(w.text)] or words
    return _Line(words, min(w.top for w in words), max(w.bottom for w in words), size,
                 all(w.bold for w in content))


def _is_heading(ln: _Line, body: float, share: float, body_bold: bool) -> bool | None:
    """Larger than the body font, or bold and short when the body is not bold; None when unclear."""
    text = " ".join(w.text for w in ln.words)
    if not re.search(r"[^\W\d_]", text) or _is_marker(ln.words[0].text) or _GLUED_BULLET_RE.match(text):
        return False
    if text.endswith(":"):
        return None  # "Points to note:", "12 Statutory Holidays:": a lead-in, as a text line is read
    if ln.size >= body * HEADING_RATIO and ln.size >= body + 1.0:
        return True
    if ln.bold and not body_bold and len(ln.words) <= 12 and not _SENTENCE_END_RE.search(text):
        return True
    if share < 0.4:
        return None  # no dominant body font on the page: size says nothing
    return False


def _decoration(ln: _Line, body: float) -> bool:
    """A large glyph with no letter or digit (the "$" of an icon beside a form): art, not text."""
    return ln.cells is None and ln.size >= body * HEADING_RATIO and ln.size >= body + 1.0 and \
        not any(ch.isalnum() for w in ln.words for ch in w.text)


def _prose_not_heading(lines: list[_Line]) -> None:
    """Runs of heading lines that read as prose (two sentences, or a long one) are body text set large: a
    panel's lead paragraph, not a heading."""
    run: list[_Line] = []
    for ln in [*lines, None]:
        if ln is not None and ln.heading:
            run.append(ln)
            continue
        text = " ".join(w.text for r in run for w in r.words)
        words = len(text.split())
        if run and (words > HEADING_WORDS or re.search(r"[.!?]\s+[A-Z]", text) or words >= 10 and text.endswith(".")):
            for r in run:
                r.heading = False
        run = []


def _normal_gap(leaves: Sequence[Sequence[_Line]], body: float) -> float:
    """The usual space between consecutive body lines of a paragraph on this page."""
    gaps = sorted(b.top - a.bottom for lines in leaves for a, b in zip(lines, lines[1:])
                  if abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6 and b.top - a.bottom > -body)
    if not gaps:
        return 0.25 * body
    return max(0.0, gaps[len(gaps) // 4])


# ---- regions: boxes, gutters, bands -----------------------------------------------------------


def _box_tree(page: _PageWords, words: list[_Word]) -> _Box:
    """The page as a root box; framed boxes that cleanly hold words become nested child boxes."""
    root = _Box(0.0, 0.0, page.width, page.height)
    chosen: list[_Box] = []
    for x0, top, x1, bottom in sorted(page.frames, key=lambda r: -(r[2] - r[0]) * (r[3] - r[1])):
        box = _Box(x0, top, x1, bottom)
        inside = [w for w in words if _center_in(w, box)]
        if not inside or len(inside) == len(words):
            continue
        if any(_overlaps(w, box) and not _within(w, box) for w in words):
            continue  # a word straddles the frame: a highlight or a cell, not a box of its own
        if any(_overlaps(c, box) and not (_within(box, c) or _within(c, box)) for c in chosen):
            continue
        if any(abs(c.x0 - x0) < 2 and abs(c.top - top) < 2 and abs(c.x1 - x1) < 2 and abs(c.bottom - bottom) < 2
               for c in chosen):
            continue
        chosen.append(box)
    for box in chosen:  # largest first: parent is the smallest earlier box containing it
        parents = [c for c in chosen if c is not box and _within(box, c)]
        parent = min(parents, key=lambda c: (c.x1 - c.x0) * (c.bottom - c.top)) if parents else root
        parent.children.append(box)
    for w in words:
        holders = [c for c in chosen if _center_in(w, c)]
        holder = min(holders, key=lambda c: (c.x1 - c.x0) * (c.bottom - c.top)) if holders else root
        holder.words.append(w)
    return root


def _center_in(w: _Word, box: _Box) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box.x0 <= cx <= box.x1 and box.top <= cy <= box.bottom


def _overlaps(a: _Word | _Box, b: _Box) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def _within(a: _Word | _Box, b: _Box, tol: float = 1.0) -> bool:
    return a.x0 >= b.x0 - tol and a.x1 <= b.x1 + tol and a.top >= b.top - tol and a.bottom <= b.bottom + tol


def _read_region(box: _Box, gmin: float, frags: list[_Frag] | None = None,
                 children: bool = True) -> list[list[_Frag]]:
    """Leaves (lists of fragments) of a box in reading order; child boxes are read where they sit.

    `frags`: the box's fragments when already known (the page root), else made from its words.
    """
    if frags is None:
        frags = _fragments(box.words, gmin)
    units = frags + [_Frag([], c.x0, c.top, c.x1, c.bottom, box=c) for c in box.children if children] + \
        [_Frag([], t.x0, t.top, t.x1, t.bottom, table=t) for t in box.tables if children]
    if not units:
        return []
    out: list[list[_Frag]] = []
    for leaf in _segment(units, gmin):
        text: list[_Frag] = []
        for u in sorted(leaf, key=lambda u: (u.top, u.x0)):
            if u.box is None and u.table is None:
                text.append(u)
                continue
            if text:
                out.append(text)
                text = []
            if u.table is not None:
                out.append([u])
            else:
                out.extend(_read_region(u.box, gmin))
        if text:
            out.append(text)
    return out


def _segment(units: list[_Frag], gmin: float) -> list[list[_Frag]]:
    """Recursive XY-cut: columns at clean gutters, bands around the few elements spanning a gutter."""
    if len(units) <= 1:
        return [units]
    rows = _rows(units)
    if len(rows) <= 1:
        return [units]
    split = _vertical_split(units, gmin)
    if split:
        return [leaf for part in split for leaf in _segment(part, gmin)]
    bands = _bands(units, gmin)
    if bands:
        return [leaf for band in bands for leaf in _segment(band, gmin)]
    return [units]


def _vertical_split(units: list[_Frag], gmin: float) -> tuple[list[_Frag], list[_Frag]] | None:
    """Left and right of the leftmost clean gutter, when both sides are real columns."""
    ordered = sorted(units, key=lambda u: (u.x0, u.top))
    reach = ordered[0].x1
    for i in range(1, len(ordered)):
        gap = ordered[i].x0 - reach
        if gap >= gmin:
            left, right = ordered[:i], ordered[i:]
            nl, nr = _side_rows(left), _side_rows(right)
            if (nl >= 2 and nr >= 2) or (max(nl, nr) >= 2 and gap >= 2 * gmin):
                return left, right
        reach = max(reach, ordered[i].x1)
    return None


def _side_rows(units: list[_Frag]) -> int:
    """Rows of text on one side of a gutter: a framed box counts the rows it holds, so a page of a spread set in a
    frame of its own (an A5 page beside another) is a column, not one row."""
    return len(_rows(units)) + sum(_box_rows(u.box) - 1 for u in units if u.box is not None)


def _box_rows(box: _Box) -> int:
    """Rows of text a box holds, its children's included (at least 1); counted once per box."""
    if box.lines < 0:
        words: list[_Word] = []
        stack = [box]
        while stack:
            b = stack.pop()
            words.extend(b.words)
            stack.extend(b.children)
        box.lines = max(1, len(_rows(words)))
    return box.lines


def _bands(units: list[_Frag], gmin: float) -> list[list[_Frag]] | None:
    """Horizontal bands that let a gutter crossed only by a few spanning elements split columns."""
    x_lo, x_hi = min(u.x0 for u in units), max(u.x1 for u in units)
    xs = sorted({u.x0 for u in units} | {u.x1 for u in units})
    cells: list[tuple[float, float, int]] = []
    starts, ends = sorted(u.x0 for u in units), sorted(u.x1 for u in units)
    for a, b in zip(xs, xs[1:]):
        if b - a > 0.01:
            mid = (a + b) / 2  # units with x0 < mid < x1, counted by bisection (each unit has x0 <= x1)
            cells.append((a, b, bisect_left(starts, mid) - bisect_right(ends, mid)))
    limit = max(1, len(_rows(units)) // 2)
    for t in sorted({c[2] for c in cells if 0 < c[2] <= limit}):
        for a, b in _runs(cells, t):
            if b - a < gmin or a <= x_lo + 0.01 or b >= x_hi - 0.01:
                continue
            crossing = {id(u) for u in units if u.x0 < b - 0.5 and u.x1 > a + 0.5}
            bands = _band_split(units, crossing, gmin)
            if bands:
                return bands
    return None


def _runs(cells: Sequence[tuple[float, float, int]], t: int) -> Iterator[tuple[float, float]]:
    """Maximal x-intervals whose cells are covered by at most t units."""
    start: float | None = None
    end = 0.0
    for a, b, n in cells:
        if n <= t:
            if start is None:
                start = a
            end = b
        elif start is not None:
            yield start, end
            start = None
    if start is not None:
        yield start, end


def _band_split(units: list[_Frag], crossing: set[int], gmin: float) -> list[list[_Frag]] | None:
    """Cut above and below the crossing units; keep only cuts that free a band with real columns."""
    bands: list[list[_Frag]] = []
    kinds: list[bool] = []  # True: crossing band
    bottom = float("-inf")
    for u in sorted(units, key=lambda u: (u.top, u.x0)):
        kind = id(u) in crossing
        if bands and (kinds[-1] == kind or u.top < bottom - 1.0):
            bands[-1].append(u)
            kinds[-1] = kinds[-1] or kind
        else:
            bands.append([u])
            kinds.append(kind)
        bottom = max(bottom, u.bottom)
    # a band without crossing units is a column band only if it really splits; else it rejoins
    columns = [not k and _vertical_split(b, gmin) is not None for b, k in zip(bands, kinds)]
    if not any(columns):
        return None
    merged: list[list[_Frag]] = []
    merged_cols: list[bool] = []
    for band, col in zip(bands, columns):
        if merged and not col and not merged_cols[-1]:
            merged[-1].extend(band)
        else:
            merged.append(list(band))
            merged_cols.append(col)
    return merged if len(merged) > 1 else None


# ---- tables -----------------------------------------------------------------------------------
#
# A ruled table is what pdfplumber's table finder makes of the page's rulings (rect sides and straight lines;
# curves are art); an unruled one is a run of rows whose fragments keep clear of shared x-gaps, with a column of
# figures. Either is read as one block of rows, each row one line of text (cells joined by " | ", as the HTML
# reader writes them) whose Line.cells are the cells' spans: a merged cell is written once and its span stands
# at every column and row it covers. A grid whose cells hold prose is page layout, read as flow.

MAX_RULINGS = 200_000  # vertical x horizontal rulings a page may pair up when its crossings are counted
MAX_CROSSINGS = 3000  # crossings of rulings the table finder is given (its cell search grows as their square)
MAX_CELL_WORDS = 14  # a table with a column whose body cells are longer on average is text laid out in a grid
MAX_LABEL_WORDS = 15  # ... or with a longer row label (its figures would be read as no cell's)
RULED_RUN_ON = 0.6  # a ruled row this close (in body sizes) below the one above, with no first cell, goes on in it
UNRULED_RUN_ON = 0.8
MIN_ROWS = 3  # rows of two or more cells an unruled table has at least
MAX_COLUMNS = 30  # an unruled run with more column gaps is words spaced out, not a table
NUMERIC_SHARE = 0.6  # an unruled table has a column whose filled cells are at least this share figures
ROW_GAP = 3.5  # an unruled table's consecutive rows are at most this many body sizes apart
CELL_SEPARATOR = " | "
_FIGURE_CELL_RE = re.compile(r"^[(\[]?[-−–+]?(?:[A-Z]{0,3}\$\s?)?\d[\d,.]*\s?%?[)\]]?$")
_CONTENTS = frozenset(grammar_words("contents_headings"))


def _rulings(rects: Sequence[dict], lines: Sequence[dict]) -> list[dict]:
    """Horizontal and vertical rulings of at least 3 pt, as edge records pdfplumber's table finder takes: rect
    sides and straight lines (curves are art: wavy bands and hatching cut a grid's cells apart)."""
    segments: list[tuple[float, float, float, float, bool]] = []  # ..., drawn: a rule, not the side of a fill
    for r in rects:
        x0, top, x1, bottom = (float(r[k]) for k in ("x0", "top", "x1", "bottom"))
        drawn = bool(r.get("stroke")) or min(x1 - x0, bottom - top) < 2.0
        segments += [(x0, top, x1, top, drawn), (x0, bottom, x1, bottom, drawn), (x0, top, x0, bottom, drawn),
                     (x1, top, x1, bottom, drawn)]
    for ln in lines:
        segments.append((*(float(ln[k]) for k in ("x0", "top", "x1", "bottom")), True))  # type: ignore[arg-type]
    out = []
    for x0, top, x1, bottom, drawn in segments:
        if bottom - top < 2.0 and x1 - x0 >= 3:
            out.append({"object_type": "rule_edge", "orientation": "h", "x0": x0, "x1": x1, "top": top,
                        "bottom": top, "doctop": top, "width": x1 - x0, "height": 0.0, "drawn": drawn})
        elif x1 - x0 < 0.5 and bottom - top >= 3:
            out.append({"object_type": "rule_edge", "orientation": "v", "x0": x0, "x1": x0, "top": top,
                        "bottom": bottom, "doctop": top, "width": 0.0, "height": bottom - top})
    return out


def _grids(page: Any, rulings: list[dict]) -> list[_Grid]:  # noqa: ANN401
    """The cells of each ruled table pdfplumber's table finder sees in `rulings`; none when the rulings cross
    too often to be a table's (a page of hatching)."""
    from pdfplumber.table import edges_to_intersections, merge_edges

    if sum(e["orientation"] == "v" for e in rulings) < 2 or sum(e["orientation"] == "h" for e in rulings) < 2:
        return []
    merged = merge_edges(rulings, 3, 3, 3, 3)
    v = [e for e in merged if e["orientation"] == "v" and e["height"] >= 3]
    h = [e for e in merged if e["orientation"] == "h" and e["width"] >= 3]
    if len(v) < 2 or len(h) < 2 or len(v) * len(h) > MAX_RULINGS or \
            len(edges_to_intersections(v + h, 3, 3)) > MAX_CROSSINGS:
        return []
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": v, "explicit_horizontal_lines": h}
    rules = [(e["x0"], e["x1"], e["top"]) for e in rulings if e["orientation"] == "h" and e["drawn"]]
    return [_Grid([tuple(float(x) for x in c) for c in t.cells], rules) for t in page.find_tables(settings)]


def _grid_table(found: _Grid, words: list[_Word]) -> _Table | None:
    """A ruled table's rows from its cells and the words set in them; None for prose laid out in a grid."""
    cells = found.cells
    xs = _snap(sorted({c[0] for c in cells} | {c[2] for c in cells}))
    ys = _snap(sorted({c[1] for c in cells} | {c[3] for c in cells}))
    grid: list[list[_Cell | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for x0, top, x1, bottom in cells:
        c0, c1, r0, r1 = _at(xs, x0), _at(xs, x1), _at(ys, top), _at(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        cell = _Cell([])
        for r in range(r0, r1):
            for c in range(c0, c1):
                grid[r][c] = cell
    bx0, btop, bx1, bbottom = xs[0], ys[0], xs[-1], ys[-1]
    for w in words:  # each word into the cell at its centre, found by bisection on the grid lines
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        if not (bx0 <= cx <= bx1 and btop <= cy <= bbottom):
            continue
        cell = grid[min(bisect_right(ys, cy), len(ys) - 1) - 1][min(bisect_right(xs, cx), len(xs) - 1) - 1]
        if cell is not None:
            cell.words.append(w)
    ruled = [any(abs(y - ys[r]) <= 1.5 and a < xs[-1] and b > xs[0] for a, b, y in found.rules) if r else True
             for r in range(len(grid))]
    return _table(grid, bx0, btop, bx1, bbottom, RULED_RUN_ON, ruled)


def _snap(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _at(edges: list[float], v: float) -> int:
    """Index of the grid line nearest v (edges sorted)."""
    i = bisect_left(edges, v)
    return i if i == 0 or i < len(edges) and edges[i] - v < v - edges[i - 1] else i - 1


def _table(grid: list[list[_Cell | None]], x0: float, top: float, x1: float, bottom: float,
           run_on: float, ruled: list[bool] | None = None) -> _Table | None:
    """Rows and columns that hold words, with their header marks; None when fewer than two of either remain
    or when a column's body cells (below the first row, when headers are unknown) are prose. A row with no
    first cell and no figure, within `run_on` body sizes of the row above and with no rule drawn between them
    (`ruled`, per grid row), is that row's next line."""
    def filled(c: _Cell | None) -> bool:
        return c is not None and bool(c.words)

    kept = [i for i, r in enumerate(grid) if any(filled(c) for c in r)]
    rows = _join_run_ons([grid[i] for i in kept], run_on,
                         [ruled[i] for i in kept] if ruled is not None else [False] * len(kept))
    keep = [j for j in range(len(grid[0]) if grid else 0) if any(filled(r[j]) for r in rows)]
    rows = [[r[j] for j in keep] for r in rows]
    if len(rows) < 2 or len(keep) < 2:
        return None
    header = _headers(rows)
    body = [r for i, (r, h) in enumerate(zip(rows, header)) if h is False or h is None and i > 0]
    for j in range(len(keep)):
        sizes = [len(r[j].words) for r in body if r[j] is not None and r[j].words]
        if sizes and j == 0 and max(sizes) > MAX_LABEL_WORDS:
            return None
        if sizes and sum(sizes) > MAX_CELL_WORDS * len(sizes) and not _figure_column(body):
            return None  # prose in a grid; beside short labels and a column of figures, a table's notes column
    return _Table(x0, top, x1, bottom, rows, header)


def _headers(rows: list[list[_Cell | None]]) -> list[bool | None]:
    """Header rows: the bold rows at the top of a table whose other rows are not bold; else the rows above the
    first row with a figure beside its label. None for every row when neither says."""
    def bold(row: list[_Cell | None]) -> bool:
        return all(w.bold for c in row if c is not None for w in c.words)

    def figure(row: list[_Cell | None]) -> bool:
        return any(c is not None and any(ch.isdigit() for w in c.words for ch in w.text) for c in row[1:])

    marks = [bold(r) for r in rows]
    first = marks.index(False) if False in marks else 0
    if first == 0:
        first = next((i for i, r in enumerate(rows) if figure(r)), -1)
    if first < 0:
        return [None] * len(rows)
    return [i < first for i in range(len(rows))]


def _unruled_tables(frags: list[_Frag], body: float) -> list[_Table]:
    """Tables set without rulings: runs of rows whose fragments keep clear of shared x-gaps (the columns),
    with at least MIN_ROWS rows of two or more cells and a column of figures."""
    rows = _rows(frags)
    out: list[_Table] = []
    i = 0
    while i < len(rows):  # each row is looked at in one run only: linear in the page's rows
        if len(rows[i]) < 2:
            i += 1
            continue
        table, used = _unruled_from(rows, i, body)
        if table is not None:
            out.append(table)
        i += used
    return out


def _unruled_from(rows: list[list[_Frag]], i: int, body: float) -> tuple[_Table | None, int]:
    """The run of rows from rows[i] that keep clear of shared column gaps, as a table (None when it is none)
    and how many rows it takes."""
    gaps = [(a.x1, b.x0) for a, b in zip(rows[i], rows[i][1:])]
    if len(gaps) >= MAX_COLUMNS:
        return None, 1
    run = [rows[i]]
    j = i + 1
    while j < len(rows) and min(f.top for f in rows[j]) - max(f.bottom for f in run[-1]) <= ROW_GAP * body:
        narrowed = _narrow(gaps, rows[j], body) if len(rows[j]) <= MAX_COLUMNS else None
        if narrowed is not None and len(narrowed) < MAX_COLUMNS:
            gaps = narrowed
            run.append(rows[j])
            j += 1
            continue
        after = rows[j + 1] if j + 1 < len(rows) else None
        if len(rows[j]) == 1 and after is not None and len(after) >= 2 and _narrow(gaps, after, body) is not None \
                and min(f.top for f in after) - max(f.bottom for f in rows[j]) <= ROW_GAP * body:
            run.append(rows[j])  # a cell spanning columns between two rows that keep them
            j += 1
            continue
        break
    if len(run) < MIN_ROWS:
        return None, len(run)
    bounds = [float("-inf")] + [x for gap in gaps for x in gap] + [float("inf")]
    columns = list(zip(bounds[::2], bounds[1::2]))
    grid: list[list[_Cell | None]] = []
    for row in run:
        cells: list[_Cell | None] = [None] * len(columns)
        for f in row:
            span = [k for k, (lo, hi) in enumerate(columns) if f.x0 < hi and f.x1 > lo] or \
                [min(range(len(columns)), key=lambda k: min(abs(f.x0 - columns[k][1]), abs(f.x1 - columns[k][0])))]
            cell = cells[span[0]] if len(span) == 1 and cells[span[0]] is not None else _Cell([])
            cell.words.extend(f.words)
            for k in span:
                cells[k] = cell
        grid.append(cells)
    multi = sum(1 for r in grid if len({id(c) for c in r if c is not None}) >= 2)
    if multi < MIN_ROWS or not _figure_column(grid):
        return None, len(run)
    return _table(grid, min(f.x0 for r in run for f in r), min(f.top for f in run[0]),
                  max(f.x1 for r in run for f in r), max(f.bottom for f in run[-1]), UNRULED_RUN_ON), len(run)


def _join_run_ons(rows: list[list[_Cell | None]], run_on: float, ruled: list[bool]) -> list[list[_Cell | None]]:
    """Rows with each cell's next lines joined to it: "Chapter 13 | Employers' Criminal Liability in" over
    "| Award of the Labour Tribunal" is one row (a shaded line, or no ruling, between a cell's lines)."""
    out: list[list[_Cell | None]] = []
    bottom = float("-inf")
    seen: set[int] = set()
    for row, rule in zip(rows, ruled):
        own = list({id(c): c for c in row if c is not None and id(c) not in seen}.values())  # cells starting here
        seen.update(id(c) for c in own)
        words = [w for c in own for w in c.words]
        if not words:  # nothing but cells spanning down from above
            continue
        size = max(w.size for w in words)
        top = min(w.top for w in words)
        labelled = row[0] is not None and bool(row[0].words) and any(row[0] is c for c in own)
        label_goes_on = labelled and len(own) == 1 and row[0].words[0].text[:1].islower()  # "9 or above," / "and over"
        if out and not rule and (not labelled or label_goes_on) and top - bottom <= run_on * size and not any(
                _FIGURE_CELL_RE.match(" ".join(w.text for w in c.words)) for c in own):
            _run_on(out[-1], row)
        else:
            out.append(list(row))
        bottom = max(w.bottom for w in words)
    return out


def _run_on(row: list[_Cell | None], more: list[_Cell | None]) -> None:
    """The next line of a row's cells: its words go on in the cells of their columns."""
    for k, cell in enumerate(more):
        if cell is None or not cell.words or (k and more[k - 1] is cell):
            continue
        if row[k] is None:
            row[k] = cell
        elif row[k] is not cell:
            row[k].words.extend(cell.words)


def _narrow(gaps: list[tuple[float, float]], row: list[_Frag], body: float) -> list[tuple[float, float]] | None:
    """The column gaps once `row` is laid over them (a fragment inside a gap cuts it in two: a column the rows
    before did not use), or None when the row closes one of them."""
    out = []
    for gap in gaps:
        pieces = [gap]
        for f in row:
            cut = []
            for lo, hi in pieces:
                cut += [(lo, hi)] if f.x1 <= lo or f.x0 >= hi else [(lo, f.x0), (f.x1, hi)]
            pieces = cut
        pieces = sorted(p for p in pieces if p[1] - p[0] >= 0.4 * body)
        if not pieces:
            return None
        out.extend(pieces)
    return out


def _figure_column(grid: list[list[_Cell | None]]) -> bool:
    """Some column after the first is mostly figures: what sets a table apart from text set in columns."""
    for k in range(1, len(grid[0])):
        texts = [" ".join(w.text for w in r[k].words) for r in grid if r[k] is not None and r[k].words]
        figures = sum(1 for t in texts if _FIGURE_CELL_RE.match(t))
        if figures >= 2 and figures >= NUMERIC_SHARE * len(texts):
            return True
    return False


def _place_tables(root: _Box, tables: list[_Table]) -> None:
    """Each table into the smallest framed box that holds its centre: read where it sits."""
    for t in tables:
        cx, cy = (t.x0 + t.x1) / 2, (t.top + t.bottom) / 2
        box = root
        while True:
            inner = [c for c in box.children if c.x0 <= cx <= c.x1 and c.top <= cy <= c.bottom]
            if not inner:
                break
            box = min(inner, key=lambda c: (c.x1 - c.x0) * (c.bottom - c.top))
        box.tables.append(t)


def _table_lines(table: _Table) -> list[_Line]:
    """A table's rows as lines: each a _Line of the words of its own cells (not those spanning down from
    above), with its cells and header mark."""
    out = []
    seen: set[int] = set()
    for row, header in zip(table.rows, table.header):
        distinct = {id(c): c for c in row if c is not None and id(c) not in seen}
        seen.update(distinct)
        words = [w for c in distinct.values() for w in c.words]
        if not words:
            continue
        ln = _make_line(sorted(words, key=lambda w: (w.top, w.x0)))
        ln.cells, ln.header, ln.furniture, ln.heading = row, header, table.contents, False
        out.append(ln)
    return out


def _row_pieces(cells: list[_Cell | None], spans: list[tuple[int, int]], start: int,
                done: dict[int, tuple[int, int]]) -> Iterator[tuple[str, _Word | None]]:
    """A table row's text: its cells joined by CELL_SEPARATOR; each cell's span (from `start`, where the row
    begins in the text) is appended to `spans`. A cell spanning columns or rows is written once, where it
    starts, and its span (kept in `done`, the cells written so far) stands at every place it covers, as the
    HTML reader does."""
    pos = start
    first = True
    for cell in cells:
        if cell is not None and id(cell) in done:
            spans.append(done[id(cell)])
            continue
        if not first:
            yield CELL_SEPARATOR, None
            pos += len(CELL_SEPARATOR)
        first = False
        begin = pos
        for piece, word in _cell_pieces(cell):
            yield piece, word
            pos += len(piece)
        spans.append((begin, pos))
        if cell is not None:
            done[id(cell)] = (begin, pos)


def _cell_pieces(cell: _Cell | None) -> Iterator[tuple[str, _Word | None]]:
    """A cell's lines as one line of text: note markers dropped, a space between lines (none after a hyphen)."""
    if cell is None:
        return
    last = ""
    for row in _rows(cell.words):
        kept = _clean_row(sorted(row, key=lambda w: (w.x0, w.top)))
        if not kept:
            continue
        if last and not (last.endswith("-") and last[-2:-1].isalpha()):  # "non-" + "MPF", but "-" + "( 0 )"
            yield " ", None
        for piece, word in _line_pieces(_make_line(kept)):
            yield piece, word
            last = piece


# ---- title ------------------------------------------------------------------------------------


def _mark_title(pages: list[tuple[int, list[list[_Line]]]], body: float) -> None:
    """The edition's title on the first page with text, as one line of level 1: the page's largest readable
    text, joined with the lines right above and below it set nearly as large ("A Concise Guide to the" 32 pt
    over "Employment Ordinance" 42 pt). The page's other headings larger than the body are level 2. Front
    matter ("Table of Contents", "Foreword") and glyphs without text are no title. Nothing is marked when
    nothing on the page is set larger than the document's body."""
    blocks = next((b for _, b in pages if b), None)
    if not blocks:
        return
    flat = [ln for block in blocks for ln in block]
    size = max((ln.size for ln in flat if _title_text(ln)), default=0.0)
    if size < body * HEADING_RATIO or size < body + 1.0:
        return
    first = next(i for i, ln in enumerate(flat) if _title_text(ln) and ln.size >= size - 0.01)
    lo = hi = first
    while lo > 0 and hi - lo + 1 < TITLE_LINES and _title_goes_on(flat[lo - 1], flat[lo], size):
        lo -= 1
    while hi + 1 < len(flat) and hi - lo + 1 < TITLE_LINES and _title_goes_on(flat[hi], flat[hi + 1], size):
        hi += 1
    parts = flat[lo : hi + 1]
    for ln in parts[1:]:
        ln.words[0].space_before = True  # the title's lines are one line of text
    title = _Line([w for ln in parts for w in ln.words], min(ln.top for ln in parts),
                  max(ln.bottom for ln in parts), size, all(ln.bold for ln in parts), True, 1)
    for ln in flat:
        if ln.heading is not False and ln.size >= body * HEADING_RATIO and ln.size >= body + 1.0 and _title_text(ln):
            ln.heading, ln.level = True, 2
    taken = {id(ln) for ln in parts}
    out: list[list[_Line]] = []
    for block in blocks:
        at = next((i for i, ln in enumerate(block) if ln is parts[0]), None)
        if at is not None:
            before = [ln for ln in block[:at] if id(ln) not in taken]
            out.extend(b for b in (before, [title]) if b)
            block = block[at:]
        rest = [ln for ln in block if id(ln) not in taken]
        if rest:
            out.append(rest)
    blocks[:] = out


def _title_text(ln: _Line) -> bool:
    """Readable words that may be a title: a few words with letters, no sentence end, no unmapped glyphs, no
    bullet, no front-matter heading, no table row."""
    if ln.cells is not None:
        return False
    text = " ".join(w.text for w in ln.words)
    return bool(re.search(r"[^\W\d_]{2}", text)) and "(cid:" not in text and not _is_marker(ln.words[0].text) \
        and text.strip(" :").lower() not in _FRONT_MATTER and len(ln.words) <= 12 and not _SENTENCE_END_RE.search(text)


def _title_goes_on(a: _Line, b: _Line, size: float) -> bool:
    """b is the next line of a title a is part of: set nearly as large, right below a, side by side with it."""
    return (_title_text(a) and _title_text(b) and min(a.size, b.size) >= TITLE_SHARE * size
            and -1.0 <= b.top - a.bottom <= 0.75 * max(a.size, b.size)
            and a.words[0].x0 < b.words[-1].x1 and b.words[0].x0 < a.words[-1].x1)


_FRONT_MATTER = frozenset(grammar_words("front_matter"))


# ---- text -------------------------------------------------------------------------------------


def _assemble(pages: Sequence[tuple[int, list[list[_Line]]]], n_pages: int) -> Document:
    """Text with blank lines between blocks and pages; Line and WordBox records pointing into it."""
    parts: list[str] = []
    lines: list[Line] = []
    boxes: list[WordBox] = []
    written: dict[int, tuple[int, int]] = {}  # table cells written so far: their spans
    pos = 0
    last_page = 1

    def newline(page: int | None) -> None:
        nonlocal pos
        parts.append("\n")
        pos += 1

    def blank(page: int) -> None:
        nonlocal pos
        lines.append(Line(pos, pos, page))
        parts.append("\n")
        pos += 1

    first = True
    for number, blocks in pages:
        for block in _heading_blocks(blocks):
            if not first:
                blank(last_page)
            first = False
            for ln in block:
                start = pos
                spans: list[tuple[int, int]] = []
                for piece, word in _line_pieces(ln) if ln.cells is None else \
                        _row_pieces(ln.cells, spans, pos, written):
                    if word is not None:
                        at = pos
                        for text, x0, top, x1, bottom in _pieces(word):
                            boxes.append(WordBox(at, at + len(text), number, x0, top, x1, bottom))
                            at += len(text)
                    parts.append(piece)
                    pos += len(piece)
                lines.append(Line(start, pos, number, ln.heading, level=ln.level, cells=tuple(spans),
                                  header=ln.header, furniture=ln.furniture, note=ln.note))
                newline(number)
            last_page = number
    lines.append(Line(pos, pos, last_page))
    return Document(text="".join(parts), lines=tuple(lines), media_type=MEDIA_TYPE, encoding="utf-8",
                    pages=n_pages, boxes=tuple(boxes))


def _heading_blocks(blocks: Sequence[list[_Line]]) -> Iterator[list[_Line]]:
    """Blocks split so that heading lines stand apart, with a blank line before and after them."""
    for block in blocks:
        cur: list[_Line] = []
        for ln in block:
            if cur and bool(ln.heading) != bool(cur[-1].heading):
                yield cur
                cur = []
            cur.append(ln)
        if cur:
            yield cur


def _line_pieces(ln: _Line) -> Iterator[tuple[str, _Word | None]]:
    """The line's text in pieces: a normalised "• " marker, words (with their record) and spaces."""
    words = ln.words
    first = words[0]
    rest = words
    if len(words) > 1 and _is_marker(first.text) and not _LIST_MARK_RE.match(first.text):
        gap = words[1].x0 - first.x1
        if first.text not in DASH_GLYPHS or gap >= 0.4 * first.size:
            yield "• ", None
            rest = words[1:]
    else:
        glued = _GLUED_BULLET_RE.match(first.text)
        if glued:
            yield "• ", None
            cut = len(glued.group(1))
            pieces = first.pieces[1:] if first.pieces and first.pieces[0][0] == first.text[:cut] else ()
            x0 = pieces[0][1] if pieces else first.x0 + (first.x1 - first.x0) * cut / len(first.text)
            tail = _Word(first.text[cut:], x0, first.top, first.x1, first.bottom, first.size, first.bold, pieces)
            rest = [tail] + words[1:]
    prev: _Word | None = None
    for w in rest:
        spaced = w.space_before if w.space_before is not None else w.x0 - prev.x1 > 0.12 * min(w.size, prev.size) \
            if prev is not None else False
        if prev is not None and spaced:
            yield " ", None
        yield w.text, w
        prev = w
