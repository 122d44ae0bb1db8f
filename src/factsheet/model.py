"""Typed records passed between pipeline stages; each stage takes and returns these only."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class WordBox:
    """Where a word of Document.text sits on its PDF page, so figures can point at the page."""

    start: int
    end: int
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Line:
    """One line of Document.text (offsets exclusive of the newline) with layout hints a PDF gives."""

    start: int
    end: int
    page: int | None = None
    heading: bool | None = None  # True/False when layout (font size/weight) decided; None: unknown
    furniture: bool = False  # repeated header/footer/page number found from layout
    level: int | None = None  # heading level when markup says it (HTML h1-h6, markdown #): 1 is the top
    cells: tuple[tuple[int, int], ...] = ()  # a table row: each cell's span in Document.text, in column order
    header: bool | None = None  # a table row that markup marks as header (th, thead) or as data; None: unknown
    item: bool = False  # a list item by markup (li, markdown '- '), whatever its first character
    field: bool = False  # the name of a field whose values follow on the next lines ('**Area**' in markdown)
    name: tuple[int, int] | None = None  # span of a name the rest of the line is the value of ('_male_: 3.4M')
    note: bool = False  # a footnote's line, by layout (its number dropped): read as a statement of kind note


@dataclass(frozen=True)
class Document:
    """A source's extracted text, as stored in raw/: every char offset in the package points into `text`."""

    text: str
    lines: tuple[Line, ...]
    media_type: str = "text/plain"  # or application/pdf
    encoding: str = "utf-8"  # how the source bytes were decoded (text sources)
    pages: int | None = None
    boxes: tuple[WordBox, ...] = ()  # PDF word positions, sorted by start

    @staticmethod
    def from_text(text: str, encoding: str = "utf-8") -> Document:
        """A plain-text document: one Line per text line, no layout hints."""
        lines: list[Line] = []
        pos = 0
        for raw in text.split("\n"):
            lines.append(Line(pos, pos + len(raw)))
            pos += len(raw) + 1
        return Document(text=text, lines=tuple(lines), encoding=encoding)


@dataclass(frozen=True)
class Statement:
    """A block of the document model mended into one line: a paragraph's sentence, a list item, a field's
    value or a table cell, with the structure around it; offsets map every char back to Document.text."""

    section: str
    text: str
    offsets: tuple[int, ...]  # Document.text offset of each char of `text` (-1 for inserted chars)
    page: int | None = None
    kind: str = "paragraph"  # paragraph, item, field, cell or note
    lead_in: str = ""  # item: the sentence that introduces its list ("..., which included:")
    field: str = ""  # field: its name, and sub-field after ": " ("Population: male")
    row: str = ""  # cell: its row header ("Revenue")
    column: str = ""  # cell: its column headers joined ("Month ended March 31, 2009")
    units: str = ""  # cell: the units header over it ("HK$ million", "%", "('000)")
    period: str = ""  # cell: the period its row states in a cell of its own (a form's "2.3.2017-1.4.2017 (Cash)")
    paragraph: int = -1  # the paragraph a sentence was split from: sentences of one paragraph share it
    dated: bool = False  # a table's structure says its date is a happening's ('Date of ...' column, chronology row)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets [char_start, char_end) of text[start:end]."""
        inside = [o for o in self.offsets[start:end] if o >= 0]
        return (inside[0], inside[-1] + 1) if inside else (-1, -1)


@dataclass(frozen=True)
class Structure:
    """What reading a document yields: its title, its own date and its statements by section."""

    title: str
    published: str | None  # "2022-06" from "(June 2022)", or None
    statements: tuple[Statement, ...]
    year: int | None = None  # the year the document reports on: relative dates ("during the year") resolve to it
    language: str = "en"  # en or zh-Hant: which grammar reads its statements


@dataclass(frozen=True)
class Source:
    """A tracked fact sheet as sources.toml describes it."""

    id: str
    title: str
    url: str | None = None
    path: str | None = None
    currency: str = "HKD"
    language: str = ""  # en, zh-Hant...: which grammar reads it; empty: told by its content
    cron: str = "0 9 * * 1"
    timezone: str = "Asia/Hong_Kong"
    stale_after_hours: float | None = None  # warn when no successful fetch for this long
    published: str | None = None  # the edition's date when its document prints none (YYYY, YYYY-MM, YYYY-MM-DD)
    counterpart: str | None = None  # the source this one is a language edition of: its twins take that one's keys
    official_url: str | None = None  # the official (gov.hk) address of its editions; default: an http source's url


@dataclass(frozen=True)
class Edition:
    """One archived edition of a source: the row of the editions resource."""

    edition_id: str
    source_id: str
    title: str
    published: str
    source_url: str
    raw_path: str
    sha256: str
    retrieved_at: str
    pages: int | None = None
    figures: int = 0
    events: int = 0
    extra: dict[str, str] = field(default_factory=dict)
    language: str = ""  # en or zh-Hant: the source's setting, else what its text was read as

