"""Tables laid out with whitespace ('Revenue      33,358.7     225,022.1'): found by the shape of their lines.

Proportional-font pages (`<br>` and `&nbsp;` layouts) misalign columns by position, so a row is read by
its tokens instead: a label, then the trailing numeric cells; header lines above map their tokens onto
those cells from the right. The result is marks on the document's lines (Line.cells, Line.header), the
same marks the HTML and PDF readers set, so one table mechanism serves every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from factsheet.grammar import alternation, tables, words
from factsheet.model import Document, Line, Statement

LIST_MARKER = re.compile(r"\(\d{1,2}\)")
GAP = re.compile(r"(?:[ \t\u00a0]{2,}|\t)")  # what separates columns: two spaces or a tab
CELL_NUMBER = re.compile(r"\([-−–]?\$?(?:\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.\d+)?%?\)"
                         r"|[-−–+]?\$?(?:\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.\d+)?%?|[-−–]{1,2}|NIL|N\.?A\.?",
                         re.I)
UNITS = re.compile(r"^\(?(?:(?:HK|US|RMB|A|S|NT)?\s?\$|RMB|HKD|USD)\s*(?:'000|thousand|million|billion|m|mn|bn)?\)?$"
                   r"|^\(?(?:'000|%|per cent|percent|number|no\.)\)?$", re.I)
YEAR = re.compile(r"(?:19|20)\d\d")
_PLAIN = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# a range of two amounts in one cell ('93.2 - 137.8', '41.5 – 74.8', '3 to 5'); a hyphen with no space
# around it is no range ('2010-11' is a fiscal year)
CELL_RANGE = re.compile(rf"(?P<low>{_PLAIN})(?:\s+[-−–—]\s+|\s*[–—]\s*|\s+to\s+)(?P<high>{_PLAIN})", re.I)
RULE = re.compile(r"^[\s\-=_*~.·]{3,}$")
WRAPPED_RULE = re.compile(r"\s*[-=_]{1,2}\s*")  # "--" alone on a line: the end of a rule that wrapped
UNITS_IN = re.compile(r"\(?(?P<units>(?:(?:HK|US|A|S|NT)?\s?\$|RMB|HKD|USD)\s*(?:'000|thousand|million|billion|mn|bn|m)"
                      r"|'000|%)\)?\s*$", re.I)
NOTE_REF = re.compile(r"\(\s*notes?\s*\d+[a-z]?\s*\)", re.I)
CAPTION = re.compile(r"^\s*(?:table|chart|figure|exhibit)\s*[\dIVX]+\b", re.I)
MAX_GAP_LINES = 5  # label lines allowed between two rows of one table
BLANK_REACH = 3  # with blank lines and rules, a gap spans at most this many times as many lines
MAX_HEADER_LINES = 6
MAX_LABEL_WORDS = 8


@dataclass(frozen=True)
class _Shape:
    """One line read as a possible table row: the label's span and the numeric cells' spans."""

    kind: str  # "row", "rule", "blank", "label", "header" or "prose"
    label: tuple[int, int] = (0, 0)
    cells: tuple[tuple[int, int], ...] = ()


def _is_cell(token: str) -> bool:
    return bool(CELL_NUMBER.fullmatch(token)) and not YEAR.fullmatch(token)


def is_range(token: str) -> bool:
    """A cell holding a range of two amounts ('93.2 - 137.8'), not a span of years ('2010 - 2015')."""
    m = CELL_RANGE.fullmatch(token.strip())
    return bool(m) and not (YEAR.fullmatch(m.group("low")) and YEAR.fullmatch(m.group("high")))


def _is_value(token: str) -> bool:
    """A value cell of a row: a number, a dash or a range of two numbers."""
    return _is_cell(token) or is_range(token)


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the runs of text between column gaps (two spaces or a tab)."""
    spans, pos = [], start
    for gap in GAP.finditer(text, start, end):
        if text[pos : gap.start()].strip():
            spans.append(_stripped(text, pos, gap.start()))
        pos = gap.end()
    if text[pos:end].strip():
        spans.append(_stripped(text, pos, end))
    return spans


def _stripped(text: str, a: int, b: int) -> tuple[int, int]:
    piece = text[a:b]
    return a + len(piece) - len(piece.lstrip()), b - len(piece) + len(piece.rstrip())


def _shape(text: str, line: Line) -> _Shape:
    """Classify a line: a row ends with numeric cells set apart by gaps, else what it is."""
    body = text[line.start : line.end]
    if not body.strip():
        return _Shape("blank")
    if RULE.match(body) or WRAPPED_RULE.fullmatch(body):
        return _Shape("rule")
    if CAPTION.match(body):
        return _Shape("caption")  # "TABLE 2.  CONSOLIDATED ...": the next table starts
    chunks = _chunks(text, line.start, line.end)
    while chunks and (RULE.match(text[chunks[-1][0] : chunks[-1][1]])  # "end of period   -------   -------"
                      or NOTE_REF.fullmatch(text[chunks[-1][0] : chunks[-1][1]])):  # "315,471.1 (Note 5)"
        chunks.pop()
    if chunks and (note := NOTE_REF.search(text, chunks[-1][0], chunks[-1][1])) and note.end() == chunks[-1][1] \
            and note.start() > chunks[-1][0]:
        chunks[-1] = _stripped(text, chunks[-1][0], note.start())
    if not chunks:
        return _Shape("rule")
    cells: list[tuple[int, int]] = []
    while chunks and _is_value(text[chunks[-1][0] : chunks[-1][1]]):
        cells.insert(0, chunks.pop())
    if chunks and cells:  # 'Sector(Note 1) (2,072.5)', '(Deficit)(9,137.9)': a cell after one space or ')'
        a, b = chunks[-1]
        tail = re.search(r"(?:\s|(?<=[)/]))(\(?[-−]?\$?[\d,]+(?:\.\d+)?\)?)$", text[a:b])
        if tail and _is_cell(tail.group(1)):
            cells.insert(0, (a + tail.start(1), b))
            chunks[-1] = _stripped(text, a, a + tail.start(1))
    label = (chunks[0][0], chunks[-1][1]) if chunks else (line.start, line.start)
    if not chunks and len(cells) == 1 and LIST_MARKER.fullmatch(text[cells[0][0] : cells[0][1]]):
        return _Shape("prose")  # "(1)" alone on its line: the marker of a list item below, no table cell
    if cells and (len(cells) >= 2 or any(c.isdigit() for c in text[cells[0][0] : cells[0][1]])):
        return _Shape("row", label, tuple(cells))
    words = body.split()
    if len(chunks) >= 2 and len(words) <= 4 * MAX_LABEL_WORDS:
        return _Shape("header")
    if len(words) <= MAX_LABEL_WORDS and text[label[0] : label[1]].rstrip()[-1:] not in ".;!?":
        return _Shape("label", label)
    return _Shape("prose")


def _regions(shapes: list[_Shape]) -> list[tuple[int, int, int]]:
    """(first, last, columns) of each run of rows with one column count, gaps of a few other lines allowed."""
    regions: list[tuple[int, int, int]] = []
    start = last = None
    width = gap = 0
    for i, s in enumerate(shapes):
        if s.kind == "row":
            if start is not None and (len(s.cells) != width or gap > MAX_GAP_LINES
                                      or i - last > BLANK_REACH * (MAX_GAP_LINES + 1)):
                regions.append((start, last, width))
                start = None
            if start is None:
                start, width = i, len(s.cells)
            last, gap = i, 0
        elif s.kind not in ("blank", "rule"):
            gap += 1  # blank lines and rules of a double-spaced layout do not part a table; words do
        if s.kind in ("prose", "caption") and start is not None:
            regions.append((start, last, width))
            start = None
    if start is not None:
        regions.append((start, last, width))
    return [(a, b, w) for a, b, w in regions if sum(shapes[i].kind == "row" for i in range(a, b + 1)) >= 2]


def _header_cells(text: str, line: Line, width: int) -> tuple[tuple[int, int], ...] | None:
    """A header line's chunks (split at gaps) as cells, right-aligned onto the table's columns."""
    chunks, pos = [], line.start
    body = text[line.start : line.end]
    for piece in GAP.split(body):
        at = body.find(piece, pos - line.start) + line.start if piece.strip() else -1
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            chunks.append((at + lead, at + len(piece.rstrip())))
            pos = at + len(piece)
    if not chunks or len(chunks) > width + 1:
        return None
    if len(chunks) < min(width, 2) and not UNITS.match(text[chunks[0][0] : chunks[0][1]]):
        return None
    label = chunks[0] if len(chunks) == width + 1 else (line.start, line.start)
    columns = chunks[1:] if len(chunks) == width + 1 else chunks
    empty = (label[1], label[1])
    return (label, *([empty] * (width - len(columns))), *columns)


def mark_text_tables(document: Document) -> Document:
    """The document with every whitespace-laid table's lines marked: cells on rows and headers, rules as furniture."""
    if any(line.cells for line in document.lines):
        return document  # the reader already marked its tables (HTML, PDF)
    text = document.text
    shapes = [_shape(text, line) for line in document.lines]
    lines = list(document.lines)
    for first, last, width in _regions(shapes):
        wraps = _wraps_labels(shapes, first, last)
        while last + 1 < len(lines) and shapes[last + 1].kind == "label" and (
                text[lines[last + 1].start : lines[last + 1].end].strip()[:1].islower()
                or wraps and _ends_row(shapes, last + 1)):
            last += 1  # "Fiscal Reserves at  310,656.1" / "end of period": the label goes on below
        while last + 1 < len(lines) and shapes[last + 1].kind == "rule":
            last += 1  # "Total  (9,947.0)" / "-------------": the rule that closes the table is its furniture
        for i in range(first, last + 1):
            lines[i] = _marked(text, lines[i], shapes[i], width)
        top = first
        while (above := _label_above(text, lines, shapes, top)) is not None:
            top = above  # "Fiscal Reserves at" / " start of period  435,502.2", maybe a blank line between
            lines[top] = _marked(text, lines[top], shapes[top], width)
        said = 0  # header lines above, blank and rule lines not counted (double-spaced pages)
        for i in range(top - 1, -1, -1):
            if CAPTION.match(text[lines[i].start : lines[i].end]) or said == MAX_HEADER_LINES:
                break
            if shapes[i].kind in ("rule", "blank"):
                lines[i] = replace(lines[i], furniture=shapes[i].kind == "rule" or lines[i].furniture)
                continue
            cells = _header_cells(text, lines[i], width) if shapes[i].kind in ("header", "label") else None
            if cells is None and shapes[i].kind == "label" and said == 0 and \
                    _header_above(text, lines, shapes, i, width):
                lines[i] = _marked(text, lines[i], shapes[i], width)  # 'Operating Revenue': a group under the header
                continue
            if cells is None:
                break
            lines[i] = replace(lines[i], cells=cells, header=True)
            said += 1
    return replace(document, lines=tuple(lines))


def _ends_row(shapes: list[_Shape], i: int) -> bool:
    """A label line right under a row with a blank line, a rule or nothing below: the rest of the row's label
    ('Profits  137.8  136.1' / 'Tax' / ''), not the heading of rows that would follow it."""
    return shapes[i - 1].kind == "row" and shapes[i].kind == "label" and (
        i + 1 == len(shapes) or shapes[i + 1].kind in ("blank", "rule"))


def _wraps_labels(shapes: list[_Shape], first: int, last: int) -> bool:
    """A table whose rows put the rest of their labels on the line below (two rows or more do)."""
    return sum(_ends_row(shapes, i) for i in range(first + 1, last + 1)) >= 2


def _header_above(text: str, lines: list[Line], shapes: list[_Shape], i: int, width: int) -> bool:
    """A header line (cells under the table's columns) above line i, past blank lines and rules only."""
    for j in range(i - 1, max(i - 1 - BLANK_REACH, -1), -1):
        if shapes[j].kind in ("rule", "blank"):
            continue
        return shapes[j].kind == "header" and _header_cells(text, lines[j], width) is not None
    return False


def _label_above(text: str, lines: list[Line], shapes: list[_Shape], top: int) -> int | None:
    """The label line that starts the table's first row: right above it, or one blank line above a row whose
    label goes on from it ('Fiscal Reserves at' / '' / 'start of period  304,774.1')."""
    if top > 0 and shapes[top - 1].kind == "label":
        return top - 1
    if top > 1 and shapes[top - 1].kind == "blank" and shapes[top - 2].kind == "label":
        label = shapes[top - 2].label
        goes_on = text[shapes[top].label[0] : shapes[top].label[1]][:1].islower() or CONNECTOR.search(
            text[label[0] : label[1]])
        return top - 2 if goes_on else None
    return None


def _marked(text: str, line: Line, shape: _Shape, width: int) -> Line:
    """A line inside a table: a row's label and cells, a label line's label, rules as furniture."""
    if shape.kind == "row":
        return replace(line, cells=(shape.label, *shape.cells), header=False)
    if shape.kind == "rule":
        return replace(line, furniture=True)
    if shape.kind in ("label", "header"):
        body = text[line.start : line.end]
        lead = len(body) - len(body.lstrip())
        span = shape.label if shape.kind == "label" else (line.start + lead, line.start + len(body.rstrip()))
        return replace(line, cells=(span, *[(span[1], span[1])] * width), header=False)
    return line


# --- reading a marked table into cell statements ---------------------------------------------------------

CONNECTOR = re.compile(r"(?:\b(?:at|of|for|in|with|and|to|from|on|by)|[/(&,-])$", re.I)


@dataclass
class _Row:
    """A data row being read: its label pieces (document spans), its indent and its line."""

    line: Line
    indent: int
    label: list[tuple[int, int]]
    parents: list[tuple[int, int]]


def _indent(text: str, line: Line) -> int:
    body = text[line.start : line.end].expandtabs(8)
    return len(body) - len(body.lstrip())


WORDED_FIGURE = re.compile(r"(?:HK|US|RMB|A|S)?\$\s?\d|\d[\d,.]*\s*(?:%|per\s?cent|thousand|million|billion)", re.I)


def _is_data(text: str, line: Line) -> bool:
    """A row with a figure in a value cell, a number or a written amount ('HK$1,500 million'); 'Month ended
    March 31, 2017 HK$ million' is a header, not data."""
    return any(b > a and any(c.isdigit() for c in text[a:b])
               and (_is_value(text[a:b].strip()) or WORDED_FIGURE.search(text, a, b) is not None)
               for a, b in line.cells[1:])


def _header_lines(text: str, lines: list[Line]) -> list[Line]:
    """Rows marked as header, or, where the markup says nothing, the rows above the first row of data."""
    first = next((i for i, ln in enumerate(lines) if _is_data(text, ln) and ln.header is not True), len(lines))
    return [ln for i, ln in enumerate(lines) if ln.header or (ln.header is None and i < first)]


def _rows(text: str, lines: list[Line]) -> list[_Row]:
    """Data rows with their whole labels: wrapped labels joined, group labels above (by indent) as parents."""
    rows: list[_Row] = []
    parents: list[tuple[int, tuple[int, int]]] = []  # (indent, span) of group labels in force
    pending: list[tuple[int, tuple[int, int]]] = []  # label-only lines right above, not yet placed
    previous: str = "blank"
    wraps = False  # a row's label went on under it, before a blank line: so may the last row's, before the end
    for n, line in enumerate(lines):
        if line.furniture or not text[line.start : line.end].strip():
            parents.extend(pending)
            pending, previous = [], "blank"
            continue
        indent, label = _indent(text, line), line.cells[0] if line.cells else (line.start, line.end)
        words = text[label[0] : label[1]]
        if not any(text[a:b].strip() for a, b in line.cells[1:]):
            rest = _last_of_row(text, lines, n, wraps)
            if previous == "row" and (words[:1].islower() or words[:1] in "/(" or rest):
                rows[-1].label.append(label)  # "Fiscal Reserves at  308,012.2" / "start of period"
                wraps = wraps or rest
            elif pending and (words[:1].islower() or CONNECTOR.search(text[pending[-1][1][0] : pending[-1][1][1]])):
                pending[-1] = (pending[-1][0], (pending[-1][1][0], label[1]))  # one label wrapped over two lines
            else:
                parents = [(i, s) for i, s in parents if i < indent]
                pending.append((indent, label))
            previous = "label"
            continue
        own = [label] if label[1] > label[0] else []
        if pending and (not own or words[:1].islower() or words[:1] == "(" or
                        CONNECTOR.search(text[pending[-1][1][0] : pending[-1][1][1]])):
            indent, first = pending.pop()
            own = [first, *own]
        parents.extend(pending)
        pending = []
        parents = [(i, s) for i, s in parents if i < indent]
        rows.append(_Row(line, indent, own, [s for _, s in parents]))
        previous = "row"
    return rows


def _last_of_row(text: str, lines: list[Line], n: int, wraps: bool) -> bool:
    """A label-only line with a blank line or a rule below it: the rest of the row above's label ('Profits  137.8' /
    'Tax' / ''), since a heading of rows has rows under it. At the table's end only in a table whose rows wrap so
    (`wraps`): a note closing an HTML table is no part of its last row."""
    if n + 1 == len(lines):
        return wraps
    return lines[n + 1].furniture or not text[lines[n + 1].start : lines[n + 1].end].strip()


def _columns(text: str, headers: list[Line], width: int) -> tuple[list[list[tuple[int, int]]], list[str]]:
    """Per column: the spans of its header text (top to bottom) and its units ('HK$ million'), if any."""
    spans: list[list[tuple[int, int]]] = [[] for _ in range(width)]
    units = [""] * width
    for line in headers:
        for j, (a, b) in enumerate(line.cells[:width]):
            words = text[a:b].strip()
            if not words or RULE.match(words):
                continue
            found = UNITS_IN.search(text, a, b)
            if found:  # 'Month ended March 31, 2017 HK$ million': the period, then the units
                units[j] = found.group("units")
                b = found.start() if found.start() > a else b
                if found.start() == a:
                    continue
            spans[j].append(_stripped(text, a, b))
    return spans, units


class _Text:
    """A statement's text built from pieces of the document: every char keeps its document offset."""

    def __init__(self, doc: str) -> None:
        self.doc, self.chars, self.offsets = doc, [], []

    def add(self, span: tuple[int, int] | None = None, literal: str = "") -> None:
        piece = self.doc[span[0] : span[1]] if span else literal
        for i, ch in enumerate(piece):
            if ch.isspace() and (not self.chars or self.chars[-1] == " "):
                continue
            self.chars.append(" " if ch.isspace() else ch)
            self.offsets.append(span[0] + i if span else -1)

    def text(self) -> str:
        return "".join(self.chars)


def table_statements(text: str, lines: list[Line], section: str, caption: str = "") -> list[Statement]:
    """One statement per numeric cell: 'Row label, column header (units): cell', with its row and column."""
    width = max(len(line.cells) for line in lines)
    headers = _header_lines(text, lines)
    columns, units = _columns(text, headers, width)
    if _is_calendar(text, columns):
        return []
    caption_units = next((m.group(0).strip("()") for m in re.finditer(r"\([^()]{1,20}\)", caption)
                          if UNITS.match(m.group(0))), "")
    statements: list[Statement] = []
    seen: set[tuple[int, int]] = set()
    seen_labels: set[tuple[tuple[int, int], ...]] = set()  # a label spanning rows (rowspan) states its figure once
    for row in _rows(text, [ln for ln in lines if ln not in headers]):
        period = _row_period(text, row.line)
        if row.label and tuple(row.label) not in seen_labels:
            seen_labels.add(tuple(row.label))
            statements.extend(_label_statement(text, row, row.label, columns[0] if columns else [], section))
        for j, (a, b) in enumerate(row.line.cells[1:], 1):
            if b <= a or not any(c.isdigit() for c in text[a:b]) or (a, b) in seen:
                continue  # a cell spanning columns (colspan) or rows (rowspan) is one figure
            seen.add((a, b))
            if columns[0] and columns[j] == columns[0]:  # under the first column's header: a sub-row label
                statements.extend(_label_statement(text, row, [(a, b)], columns[0], section))
            elif _is_value(text[a:b].strip()):
                statements.append(_cell_statement(text, row, (a, b), columns[j], units[j] or caption_units,
                                                  section, period))
            elif (lone := _lone_figure(text, a, b)) is not None:  # 'Sundays ( 4 )', 'Food allowance HK$1,037'
                statements.append(_cell_statement(text, row, lone, columns[j], units[j] or caption_units, section,
                                                  period))
            else:  # 'Debts Guaranteed by Government | HK$24,694.1 million': a key and its value in words
                statements.append(_value_statement(text, row, (a, b), columns[j], section))
        statements.extend(_dated_statements(text, row, columns, section))
    return statements


def _is_calendar(text: str, columns: list[list[tuple[int, int]]]) -> bool:
    """Whether the column headers name the days of the week (words.toml [calendar_days]): a month's grid, whose day
    numbers are dates of that month, not figures."""
    days = _calendar_days()
    named = sum(1 for spans in columns if " ".join(text[a:b] for a, b in spans).strip(" .").lower() in days)
    return named >= tables()["calendar_days"]["least"]


@cache
def _calendar_days() -> frozenset[str]:
    return frozenset(words("calendar_days"))


def _dated_statements(text: str, row: _Row, columns: list[list[tuple[int, int]]], section: str) -> list[Statement]:
    """The dates a table gives as happenings', by its structure: a date in a cell under a header naming dates
    ('Amount and date of wages received*' over 'HK$5,347 ( 1.4.2017 )'), and a row a date keys whose cells are words
    (a chronology: '1 March 2021' | 'Faster Payment System extended to merchants')."""
    out = []
    for j, (a, b) in enumerate(row.line.cells[1:], 1):
        column = columns[j] if j < len(columns) else []
        if b > a and _date_header().search(" ".join(text[x:y] for x, y in column)):
            out.extend(_dated_statement(text, row, column, date, section) for date in _cell_dates(text, a, b))
    if row.label and _is_date(text[row.label[0][0] : row.label[-1][1]]) and not _is_data(text, row.line):
        described = [(a, b) for a, b in row.line.cells[1:] if re.search(r"[^\W\d_]{2,}", text[a:b])]
        if described:
            out.append(_chronology_statement(text, row, described, columns[0] if columns else [], section))
    return out


@cache
def _date_header() -> re.Pattern[str]:
    """A header naming dates (events.toml [event_fields]), compiled once."""
    from factsheet.events import grammar

    return re.compile(rf"\b(?:{alternation(grammar()['event_fields']['words'])})\b", re.I)


def _is_date(phrase: str) -> bool:
    """A phrase that is a date and nothing else ('1 March 2021', '2019', '1.4.2017'); a bare number is none."""
    from factsheet.normalise import period_of

    words = re.sub(r"\s*\([^()]*\)", "", phrase).strip()
    return bool(words) and (not words.isdigit() or bool(YEAR.fullmatch(words))) and period_of(words) is not None


def _cell_dates(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The dates a cell holds: form dates ('( 1.4.2017 )') beside its figure, or the whole cell ('1 April 2022')."""
    found = [(a + m.start(), a + m.end()) for m in CELL_DATE.finditer(text[a:b])]
    return found or ([(a, b)] if _is_date(text[a:b]) else [])


def _dated_statement(text: str, row: _Row, column: list[tuple[int, int]], date: tuple[int, int],
                     section: str) -> Statement:
    built = _Text(text)
    for n, span in enumerate([*row.label, *column]):
        built.add(literal=(", " if n == len(row.label) else " ") if n else "")
        built.add(span)
    field = built.text()
    built.add(literal=": ")
    built.add(date)
    return Statement(section=section, text=built.text(), offsets=tuple(built.offsets), page=row.line.page,
                     kind="field", field=field, dated=True)


def _chronology_statement(text: str, row: _Row, cells: list[tuple[int, int]], header: list[tuple[int, int]],
                          section: str) -> Statement:
    built = _Text(text)
    for n, span in enumerate([*row.label]):
        built.add(literal=" " if n else "")
        built.add(span)
    built.add(literal=": ")
    for n, span in enumerate(cells):
        built.add(literal="; " if n else "")
        built.add(span)
    return Statement(section=section, text=built.text(), offsets=tuple(built.offsets), page=row.line.page,
                     kind="field", field=" ".join(" ".join(text[a:b].split()) for a, b in header), dated=True)


CELL_DATE = re.compile(r"\(\s*\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d\s*\)|\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d\b")
CELL_FIGURE = re.compile(r"(?<![\w.,$])(?:[A-Z]{1,3}\$|\$)?\d[\d,]*(?:\.\d+)?%?(?![\w.,]\w)")
NAME_NUMBERS = frozenset(words("name_numbers"))


def _lone_figure(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The span of the one figure a cell of words holds, when nothing but words, dates or a dash stand before it
    and nothing but a bracket after it: 'Sundays ( 4 )', '- ( 0 )', 'Food allowance HK$1,037', 'HK$5,347
    ( 1.4.2017 )' (a form's entries). None for prose ('not less than 7 days') and names ('Table 2')."""
    cell = CELL_DATE.sub(lambda m: " " * len(m.group()), text[a:b])  # dates masked, offsets kept
    found = list(CELL_FIGURE.finditer(cell))
    if len(found) != 1:
        return None
    before, after = cell[: found[0].start()], cell[found[0].end() :]
    if any(c.isdigit() for c in before + after) or after.strip(" )]"):
        return None
    name = before.rstrip(" ([").split()[-1:]
    if name and name[0].lower().rstrip(".") in NAME_NUMBERS:
        return None
    return a + found[0].start(), a + found[0].end()


def _row_period(text: str, line: Line) -> str:
    """The period a row states in a cell of its own, its notes aside ('2.3.2017-1.4.2017 (Cash)', 'May 2023'):
    the period of the row's figures. A bare number ('2023') is no such cell: it may be a count."""
    from factsheet.normalise import period_of

    for a, b in line.cells[1:]:
        cell = text[a:b].strip()
        words = re.sub(r"\s*\([^()]*\)", "", cell).strip()
        if words and not words.isdigit() and period_of(words) is not None:
            return cell
    return ""


def _value_statement(text: str, row: _Row, cell: tuple[int, int], column: list[tuple[int, int]],
                     section: str) -> Statement:
    """A row whose cell is written out ('HK$1,500 million', 'less than 3 months'): a field named by the row, read as
    prose. Its row is set: the row's words name the value, their own figures are the row label's (read once)."""
    built = _Text(text)
    for n, span in enumerate([*row.parents, *row.label]):
        if n:
            built.add(literal=" ")
        built.add(span)
    field = built.text()
    built.add(literal=": ")
    built.add(cell)
    return Statement(section=section, text=built.text(), offsets=tuple(built.offsets), page=row.line.page,
                     kind="field", field=field, row=field, column=" ".join(" ".join(text[a:b].split())
                                                                       for a, b in column))


def _label_statement(text: str, row: _Row, spans: list[tuple[int, int]], header: list[tuple[int, int]],
                     section: str) -> list[Statement]:
    """A row label (or a sub-row label under the same header) that states a quantity ('1 day', 'More than 1
    consecutive day', 'Less than 12 months' under 'Period of Employment'): a figure of the table, read once as prose
    named by the first column's header. A bare number ('1' under 'Years of Service'), a year or a date keys the row
    and is no such figure."""
    label = NOTE_REF.sub("", " ".join(" ".join(text[a:b].split()) for a, b in spans))  # 'Sector (Note 2)'
    if not any(c.isdigit() for c in label) or not re.search(r"[^\W\d_]{2,}", label) or _is_date(label):
        return []
    built = _Text(text)
    for n, span in enumerate(header):
        built.add(literal=" " if n else "")
        built.add(span)
    field = built.text()
    if field:
        built.add(literal=": ")
    for n, span in enumerate(spans):
        built.add(literal=" " if n else "")
        built.add(span)
    return [Statement(section=section, text=built.text(), offsets=tuple(built.offsets), page=row.line.page,
                      kind="field" if field else "paragraph", field=field)]


def _cell_statement(text: str, row: _Row, cell: tuple[int, int], column: list[tuple[int, int]], units: str,
                    section: str, period: str = "") -> Statement:
    built = _Text(text)
    pieces = [(" – ", s) for s in row.parents] + [(" – " if i == 0 else " ", s) for i, s in enumerate(row.label)]
    for n, (separator, span) in enumerate(pieces):
        if n:
            built.add(literal=separator)
        built.add(span)
    row_text = built.text()
    for i, span in enumerate(column):
        built.add(literal=", " if i == 0 and built.chars else " ")
        built.add(span)
    column_text = " ".join(re.sub(r"\s+", " ", text[a:b]).strip() for a, b in column)
    if units:
        built.add(literal=f" ({units})")
    built.add(literal=": ")
    built.add(cell)
    return Statement(section=section, text=built.text(), offsets=tuple(built.offsets), page=row.line.page,
                     kind="cell", row=row_text, column=column_text, units=units,
                     period=re.sub(r"\s*\([^()]*\)", "", period).strip())
