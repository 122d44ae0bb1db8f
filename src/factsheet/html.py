"""HTML reading stage: page bytes -> the page's visible text as a reader sees it, one Line per line, with marks.

The page is parsed by lxml (libxml2) and rendered, not interpreted: a paragraph, heading, list item,
<br> line or table row becomes a Line of Document.text with the marks markup gives it (heading level,
list item, table cells, header row); tables and numbers are left to read.structure(). Blank lines
separate blocks. Choices a browser would make too:
  - whitespace in normal flow collapses; &nbsp; is a space that does not (old releases pad columns with
    it); <pre> keeps its text exactly, line by line, with <p> and <br> inside it as line breaks;
  - a flow line typed with columns ("Revenue      52,506.1      232,978.6", a run of 3+ spaces between
    two words of one text node) keeps its spaces too: 1999-2000 releases pasted fixed-width tables into
    flow text without <pre>; the renderer does not judge them, it only keeps what the author typed;
  - a page whose <p> tags are almost never closed uses <p> the HTML 2 way, as a line break ("<p><p>"
    is a blank line), so a table typed one row per <p> stays one row per line;
  - a table is a data table when it is innermost (no table, <pre> or heading inside it), has a row of
    two or more cells and no cell longer than MAX_CELL_CHARS; each row is ONE line, cells joined by
    " | ", Line.cells the span of each cell's text (whitespace folded; a colspan cell's span repeated
    for every column it covers; a rowspan cell stands in its first row, the rows below hold an empty
    cell in its columns). Any other table is page layout: its cells are rendered as flow.
Scripts, styles, noscript, navigation, page header/footer landmarks and menus, form controls, images
(alt text too), comments and hidden elements are dropped.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from factsheet.errors import InputError
from factsheet.model import Document, Line
from factsheet.read import decode_text

MEDIA_TYPE = "text/html"
SNIFF_BYTES = 4096  # where a page's markup and its charset declaration are looked for
MAX_CELL_CHARS = 400  # a longer cell is prose laid out in a table, not a data cell
MAX_SPAN = 1000  # colspan/rowspan cap, as HTML's own (colspan 1000)
CELL_SEPARATOR = " | "

HTML_START = re.compile(r"<!doctype\s+html|<(?:html|head|body|p|table)[\s>/]", re.I)
META_CHARSET = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Labels a browser decodes as another, larger encoding (WHATWG Encoding Standard).
CHARSET_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252", "cp819": "cp1252",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-x-big5": "big5hkscs", "cn-big5": "big5hkscs",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",  # without a BOM a browser ignores these
}
P_OPEN = re.compile(r"<p[\s>/]", re.I)
P_CLOSE = re.compile(r"</p\s*>", re.I)
TYPED_COLUMNS = re.compile(r"\S[ \t]{3,}\S")
COLLAPSIBLE = re.compile(r"[ \t\n\f]+")
HARD_SPACES = str.maketrans({"\xa0": " ", "\u3000": " "})
CONTROLS = dict.fromkeys([*range(0, 9), 11, *range(14, 32), 127])  # never visible; \t \n \f \r are whitespace
EDGE_SPACES = " \t\xa0\u3000"  # after collapsing, what may stand at a text node's edges
SPACE_RUNS = re.compile(r" +|[\xa0\u3000]+")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

DROPPED = frozenset({
    "head", "title", "script", "style", "noscript", "template", "nav", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "math", "canvas", "map", "area", "img", "picture", "audio", "video", "source",
    "input", "button", "select", "option", "optgroup", "datalist", "textarea", "label", "output", "meta", "link",
    "base", "dialog",
})  # <form> itself is kept: ASP.NET pages wrap the whole page in one
LANDMARKS = frozenset({"header", "footer"})  # dropped outside article/main/section, where they are the page's
SECTIONING = frozenset({"article", "main", "section"})
MENU_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar", "toolbar"})
MENU_NAMES = frozenset({
    "nav", "navbar", "navigation", "menu", "menubar", "mainmenu", "topnav", "sidenav", "breadcrumb",
    "breadcrumbs", "header", "footer", "site-header", "site-footer", "site-nav", "global-nav",
    "skiptocontent", "skip-to-content", "skip-link", "skiplink", "langbar", "sitemap",
})  # an id or class that names page furniture
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dir", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "main", "menu", "ol", "p", "section",
    "summary", "table", "tr", "ul", "caption", "legend", "body", "html",
})  # a blank line before and after
LINE_BLOCKS = frozenset({"li", "dt", "dd", "td", "th"})  # a line of their own
PRE = frozenset({"pre", "listing", "xmp", "plaintext"})
HEADINGS = {f"h{n}": n for n in range(1, 7)}
LAYOUT_INSIDE = frozenset({"table", *PRE, *HEADINGS})  # a table holding one of these is page layout


def is_html(data: bytes) -> bool:
    """HTML by content: markup first, and a doctype or an html/head/body/p/table tag near the start.

    Old pages have no doctype; a text or markdown file that merely mentions a tag does not start with one.
    """
    head = _sniff(data).lstrip()
    return head.startswith("<") and bool(HTML_START.search(head))


def read_html(data: bytes, name: str) -> Document:
    """The page's visible text and lines with their marks; a one-line InputError when it cannot be read."""
    text, encoding = decode_html(data, name)
    root = _parse(text, name)
    out = _Writer()
    if root is not None:
        _Renderer(out, _p_is_line_break(text)).render(root)
    document = out.document(encoding)
    if not document.text.strip():
        raise InputError(f"{name}: HTML page with no visible text")
    return document


# --- bytes -> text -------------------------------------------------------------------------------------


def _sniff(data: bytes) -> str:
    """The start of the page as text, good enough to look for markup (any ASCII-compatible encoding)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom) : SNIFF_BYTES].decode(codec, "ignore")
    return data[:SNIFF_BYTES].decode("latin-1")


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """Text and encoding as a browser picks them: BOM, then the page's meta charset, then utf-8/big5/cp1252.

    A declared charset the bytes break is retried as UTF-8 (a common mislabel), else decoded with
    replacement characters, as a browser shows it. Line ends become "\\n".
    """
    text: str | None = None
    for bom, codec in BOMS:
        if data.startswith(bom):
            text, encoding = data[len(bom) :].decode(codec, "replace"), codec
            break
    if text is None:
        if b"\x00" in data[:SNIFF_BYTES]:
            raise InputError(f"{name}: binary file, not HTML")
        declared = _declared_charset(data[:SNIFF_BYTES])
        if declared is None:
            return decode_text(data, name)
        text, encoding = _decode_declared(data, declared)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _declared_charset(head: bytes) -> str | None:
    """The Python codec of the first <meta charset> / http-equiv content charset, if it names a known one."""
    match = META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    label = CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_declared(data: bytes, codec: str) -> tuple[str, str]:
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode(codec, "replace"), codec


def _parse(text: str, name: str) -> Any:  # noqa: ANN401 - lxml's element type is not importable eagerly
    """lxml's tree of the page (None when it holds no element); a page too deep to parse whole is refused."""
    from lxml import etree  # only when an HTML page is read

    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True,
                              no_network=True)
    try:
        root = etree.fromstring(text.translate(CONTROLS).encode("utf-8"), parser=parser)
    except etree.LxmlError as exc:  # pragma: no cover - libxml2 recovers from malformed markup
        raise InputError(f"{name}: HTML that cannot be parsed ({exc})") from None
    for error in parser.error_log:
        if error.level_name == "FATAL":
            raise InputError(f"{name}: HTML that cannot be read whole ({error.message.split(',')[0]})")
    return root


def _p_is_line_break(text: str) -> bool:
    """True for pages written the HTML 2 way: <p> as a separator, almost never closed."""
    opened = len(P_OPEN.findall(text))
    return opened > 0 and len(P_CLOSE.findall(text)) * 4 < opened


# --- the writer: Document.text and its Lines, built in one pass ---------------------------------------


@dataclass
class _Writer:
    """Document.text written piece by piece (joined once), each Line closed at its newline with its marks.

    Breaks and spaces are pending until visible text follows, so no line starts or ends with collapsed
    whitespace and no blank lines pile up at the start or end.
    """

    parts: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    pos: int = 0
    line_start: int = 0
    started: bool = False  # anything visible written yet
    breaks: int = 0  # newlines owed before the next visible text
    spaces: list[str] = field(default_factory=list)  # spaces owed before the next visible text on this line
    soft_last: bool = False  # the last owed space is collapsible (another one merges into it)
    level: int | None = None  # marks of the line being written
    item: bool = False
    cells: tuple[tuple[int, int], ...] = ()
    header: bool | None = None

    def soft_space(self) -> None:
        """Collapsible whitespace: one space at most, none at the start of a line."""
        if (self.spaces or not self.breaks and self.pos > self.line_start) and not self.soft_last:
            self.spaces.append(" ")
            self.soft_last = True

    def hard_space(self, run: str) -> None:
        """Spaces that do not collapse (&nbsp;, <pre>, typed columns); dropped only at a line's end."""
        self.spaces.append(run)
        self.soft_last = False

    def line_break(self, exact: bool = False) -> None:
        """<br>, a newline in <pre>: one more newline owed; in flow, one blank line at most (exact: as many)."""
        if self.started:
            self.breaks = self.breaks + 1 if exact else min(self.breaks + 1, 2)
        self.spaces, self.soft_last = [], False

    def block(self, newlines: int = 2) -> None:
        """A block boundary: at least this many newlines owed (2: a blank line)."""
        if self.started:
            self.breaks = max(self.breaks, newlines)
        self.spaces, self.soft_last = [], False

    def write(self, text: str, level: int | None, item: bool) -> bool:
        """Visible text in flow; True when it opened a new line (whose marks it set)."""
        opened = self._open(level, item)
        if self.spaces:
            self._append("".join(self.spaces))
            self.spaces, self.soft_last = [], False
        self._append(text)
        return opened

    def row(self, cells: list[_Cell], header: bool | None) -> None:
        """A table row: one line of its own, its cells' text joined by CELL_SEPARATOR; Line.cells is the
        row's grid, a cell's span at every column it covers (a rowspan cell's below its first row too)."""
        self.block(1)
        self._open(None, False)
        for i, cell in enumerate(c for c in cells if c.span is None):
            if i:
                self._append(CELL_SEPARATOR)
            cell.span = (self.pos, self.pos + len(cell.text))
            self._append(cell.text)
        self.cells, self.header = tuple(c.span or (self.pos, self.pos) for c in cells), header
        self.block(1)

    def document(self, encoding: str) -> Document:
        """The finished Document: text ends with a newline, one Line per line of it (as Document.from_text)."""
        if self.started:
            self._close()
            self._newline()
        self.lines.append(Line(self.pos, self.pos))
        return Document(text="".join(self.parts), lines=tuple(self.lines), media_type=MEDIA_TYPE,
                        encoding=encoding)

    def _open(self, level: int | None, item: bool) -> bool:
        if self.started and not self.breaks:
            return False
        if self.started:
            self._close()
            self._newline()
            for _ in range(self.breaks - 1):
                self.lines.append(Line(self.pos, self.pos))
                self._newline()
        self.started, self.breaks = True, 0
        self.line_start = self.pos
        self.level, self.item, self.cells, self.header = level, item, (), None
        return True

    def _close(self) -> None:
        self.lines.append(Line(self.line_start, self.pos, heading=True if self.level else None, level=self.level,
                               cells=self.cells, header=self.header, item=self.item))

    def _newline(self) -> None:
        self._append("\n")
        self.line_start = self.pos

    def _append(self, piece: str) -> None:
        self.parts.append(piece)
        self.pos += len(piece)


# --- the renderer: lxml tree -> writer ------------------------------------------------------------------


@dataclass
class _State:
    """What the elements around a node say about its text."""

    level: int | None = None  # inside h1-h6 (or the title)
    pre: bool = False
    in_item: bool = False  # inside a list item: its blocks stay on consecutive lines
    sectioned: bool = False  # inside article/main/section: header/footer are content there


class _Renderer:
    """Walks the tree once, without recursion (pages nest deep), writing what a reader sees."""

    def __init__(self, out: _Writer, p_is_line_break: bool) -> None:
        self.out = out
        self.p_is_line_break = p_is_line_break
        self.item_pending = False  # the next line opened is a list item's first
        self.layout: set[Any] = set()

    def render(self, root: Any) -> None:  # noqa: ANN401
        """The page: its <title> as a level-1 heading line, then the body."""
        self.layout = _layout_tables(root)
        title = _fold(" ".join(root.xpath("/html/head/title//text()")))
        first_h1 = next((t for t in (_fold(" ".join(h.itertext())) for h in root.iter("h1")) if t), "")
        if title and title != first_h1:
            self.out.write(title, 1, False)
            self.out.block()
        self._walk(root, _State())

    def _walk(self, root: Any, state: _State) -> None:  # noqa: ANN401
        stack: list[tuple[str, Any, _State]] = [("enter", root, state)]
        while stack:
            action, node, st = stack.pop()
            if action == "text":
                self._text(node, st)
            elif action == "exit":
                self._exit(node, st)
            else:
                self._enter(node, st, stack)

    def _enter(self, el: Any, st: _State, stack: list[tuple[str, Any, _State]]) -> None:  # noqa: ANN401
        if el.tail:
            stack.append(("text", el.tail, st))
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if not tag or _dropped(el, tag, st):
            return
        if tag == "br":
            self.out.line_break()
            return
        if tag == "table" and el not in self.layout and self._table(el, st):
            return
        inner = self._open(el, tag, st)
        stack.append(("exit", el, inner))
        for child in reversed(el):
            stack.append(("enter", child, inner))
        if el.text:
            text = el.text[1:] if tag in PRE and el.text.startswith("\n") else el.text
            stack.append(("text", text, inner))

    def _open(self, el: Any, tag: str, st: _State) -> _State:  # noqa: ANN401
        """Start an element: its block boundary, and the state its content is read in."""
        inner = st
        if tag in HEADINGS:
            inner = replace(st, level=HEADINGS[tag])
        elif tag in PRE:
            inner = replace(st, pre=True)
        elif tag == "li":
            inner = replace(st, in_item=True)
        elif tag in SECTIONING and not st.sectioned:
            inner = replace(st, sectioned=True)
        if tag == "p" and (self.p_is_line_break or st.pre):
            self.out.line_break()
        elif tag in BLOCKS or tag in HEADINGS or tag in PRE:
            self.out.block(1 if st.in_item else 2)
        elif tag in LINE_BLOCKS:
            self.out.block(1)
        if tag == "li":
            self.item_pending = True
        return inner

    def _exit(self, el: Any, st: _State) -> None:  # noqa: ANN401
        tag = el.tag.lower()
        if tag == "p" and (self.p_is_line_break or st.pre):
            return
        if tag in BLOCKS or tag in HEADINGS or tag in PRE:
            self.out.block(1 if st.in_item else 2)
        elif tag in LINE_BLOCKS:
            self.out.block(1)
        if tag == "li":
            self.item_pending = False

    def _text(self, text: str, st: _State) -> None:
        if st.pre or TYPED_COLUMNS.search(text):  # the author's layout: newlines break lines, spaces stay
            for n, line in enumerate((text if st.pre else text.strip("\n").rstrip()).split("\n")):
                if n:
                    self.out.line_break()
                self._run(line, st, hard=True)
        else:
            self._run(COLLAPSIBLE.sub(" ", text), st, hard=False)

    def _run(self, text: str, st: _State, hard: bool) -> None:
        """Text of one line: its middle written at once, spaces inside it as they stand; the spaces at its
        edges owed, so they collapse with their neighbours' (soft) or vanish at a line's end."""
        start = len(text) - len(text.lstrip(EDGE_SPACES))
        end = len(text.rstrip(EDGE_SPACES))
        self._spaces(text[:start], hard)
        if end > start:
            middle = text[start:end]
            self._visible(middle.translate(HARD_SPACES) if "\xa0" in middle or "\u3000" in middle else middle, st)
            self._spaces(text[end:], hard)

    def _spaces(self, spaces: str, hard: bool) -> None:
        if hard:
            if spaces:
                self.out.hard_space(spaces.translate(HARD_SPACES))
            return
        for run in SPACE_RUNS.findall(spaces):
            if run[0] == " ":
                self.out.soft_space()
            else:
                self.out.hard_space(" " * len(run))

    def _visible(self, token: str, st: _State) -> None:
        if self.out.write(token, st.level, self.item_pending):
            self.item_pending = False  # a list item's mark is on its first line only

    def _table(self, table: Any, st: _State) -> bool:  # noqa: ANN401
        """Write a data table's rows (True), or leave a layout table to the flow (False)."""
        rows = list(_rows(table))
        if not rows or max(len(r.cells) for r in rows) < 2 or _stray_text(table) or any(
            len(c.text) > MAX_CELL_CHARS for r in rows for c in r.cells
        ):
            return False
        self.out.block(1 if st.in_item else 2)
        caption = next((c for c in table if isinstance(c.tag, str) and c.tag.lower() == "caption"), None)
        if caption is not None and (text := _cell_text(caption)):
            self.out.write(text, None, False)
            self.out.block(1)
        marked = any(r.marked for r in rows)
        for r in rows:
            if any(c.text for c in r.cells):
                self.out.row(r.grid, True if r.header else (False if marked else None))
        self.out.block(1 if st.in_item else 2)
        return True


# --- tables ----------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    span: tuple[int, int] | None = None  # where its text was written in Document.text


@dataclass
class _Row:
    cells: list[_Cell]  # as written in the row
    header: bool  # all th, or in thead
    marked: bool  # markup says header or data (a th, or a thead)
    grid: list[_Cell] = field(default_factory=list)  # by column: spanning cells repeated


def _rows(table: Any) -> Iterator[_Row]:  # noqa: ANN401
    """The table's rows in order (thead, tbody, tfoot as written), cells' text folded, laid out in columns."""
    above: dict[int, tuple[_Cell, int]] = {}  # column -> (cell, rows it still covers) from a rowspan above
    for tr in table.iter("tr"):
        elements = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        parent = tr.getparent()
        in_head = parent is not None and isinstance(parent.tag, str) and parent.tag.lower() == "thead"
        ths = sum(1 for c in elements if c.tag.lower() == "th")
        cells = [_Cell(_cell_text(c), _span(c.get("colspan")), _span(c.get("rowspan"), zero=MAX_SPAN))
                 for c in elements]
        row = _Row(cells, header=in_head or (bool(cells) and ths == len(cells)), marked=in_head or ths > 0)
        row.grid, above = _lay_out(cells, above)
        yield row


def _lay_out(cells: list[_Cell], above: dict[int, tuple[_Cell, int]]) -> tuple[list[_Cell], dict]:
    """A row's cells by column, with the columns that rowspans above still hold; what it leaves below."""
    grid: list[_Cell] = []
    below: dict[int, tuple[_Cell, int]] = {}

    def place(cell: _Cell, rows_left: int) -> None:
        if rows_left > 1:
            below[len(grid)] = (cell, rows_left - 1)
        grid.append(cell)

    def fill_from_above() -> None:
        while len(grid) in above and len(grid) < MAX_SPAN:
            place(*above[len(grid)])

    for cell in cells:
        fill_from_above()
        for _ in range(cell.colspan):
            if len(grid) < MAX_SPAN:
                place(cell, cell.rowspan)
    fill_from_above()
    return grid, below


def _span(value: str | None, zero: int = 1) -> int:
    """A colspan/rowspan attribute as HTML reads it: digits, at least 1 (rowspan 0: to the table's end)."""
    match = re.match(r"\s*(\d+)", value or "")
    if not match:
        return 1
    n = int(match.group(1))
    return min(n if n > 0 else zero, MAX_SPAN)


def _cell_text(cell: Any) -> str:  # noqa: ANN401
    """A cell's visible text on one line: every break and run of whitespace (&nbsp; too) one space."""
    pieces: list[str] = []
    stack: list[tuple[Any, bool]] = [(cell, True)]
    while stack:
        node, is_element = stack.pop()
        if not is_element:
            pieces.append(node)
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if node is not cell and node.tail:
            stack.append((node.tail, False))
        if not tag or (node is not cell and _dropped(node, tag, _State(sectioned=True))):
            continue
        pieces.append(" ")
        for child in reversed(node):
            stack.append((child, True))
        if node.text:
            stack.append((node.text, False))
    return _fold("".join(pieces))


def _stray_text(table: Any) -> bool:  # noqa: ANN401
    """Text outside the cells (broken markup): rendering the table as flow keeps it."""
    for el in table.iter("table", "thead", "tbody", "tfoot", "tr"):
        if (el.text or "").strip() or any((child.tail or "").strip() for child in el):
            return True
    return False


def _fold(text: str) -> str:
    return " ".join(text.split())


def _layout_tables(root: Any) -> set[Any]:  # noqa: ANN401
    """Tables that hold another table, a <pre> or a heading: page layout, whatever their cells."""
    from lxml import etree

    layout: set[Any] = set()
    open_tables: list[Any] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in LAYOUT_INSIDE and open_tables:
                layout.add(open_tables[-1])
            if tag == "table":
                open_tables.append(el)
        elif tag == "table":
            open_tables.pop()
    return layout


def _dropped(el: Any, tag: str, st: _State) -> bool:  # noqa: ANN401
    """Not content: scripts, forms' controls, images, navigation and page furniture, hidden elements."""
    if tag in DROPPED:
        return True
    if tag in LANDMARKS and not st.sectioned:
        return True
    attrib = el.attrib
    if not attrib:
        return False
    if "hidden" in attrib or HIDDEN_STYLE.search(attrib.get("style", "")):
        return True
    if attrib.get("role", "").lower() in MENU_ROLES and not st.sectioned:
        return True
    names = {attrib.get("id", "").lower(), *attrib.get("class", "").lower().split()}
    return not st.sectioned and not names.isdisjoint(MENU_NAMES)
