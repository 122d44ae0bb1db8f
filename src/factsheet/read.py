"""Read stage: source bytes -> Document (text + layout) -> Structure (sections and statements)."""

from __future__ import annotations

import re
from pathlib import Path

from factsheet.errors import InputError
from factsheet.grammar import words
from factsheet.limits import NO_DEADLINE, Deadline, Limits
from factsheet.model import Document, Line, Statement, Structure

TEXT_ENCODINGS = ("utf-8", "big5", "cp1252")  # tried in this order


def is_pdf(data: bytes) -> bool:
    """PDF by content: the %PDF- magic may follow a little junk, as readers allow."""
    return b"%PDF-" in data[:1024]


def load_bytes(path: Path) -> bytes:
    """The file's bytes, or a one-line InputError naming the file and the problem."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    return data


def _mostly_chinese(text: str) -> bool:
    """Big5 also 'decodes' Western accented text; accept it only when it yields Chinese characters."""
    wide = [c for c in text if ord(c) > 127]
    return bool(wide) and sum("\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" for c in wide) >= len(wide) / 2


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding that decoded it; binary data is refused rather than read as noise."""
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file, not text or PDF")
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "big5" and not _mostly_chinese(text):
            continue
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
        if controls > max(2, len(text) // 100):
            raise InputError(f"{name}: binary file, not text or PDF")
        return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"), encoding
    raise InputError(f"{name}: not text in any of {', '.join(TEXT_ENCODINGS)}")


def load(path: Path, limits: Limits | None = None,
         deadline: Deadline = NO_DEADLINE) -> tuple[Document, bytes]:
    """Document and raw bytes of a text or PDF source (PDF recognised by content, not extension)."""
    data = load_bytes(path)
    document = document_of(data, str(path), pdf_name=path.suffix.lower() == ".pdf", limits=limits, deadline=deadline)
    return document, data


def document_of(data: bytes, name: str, *, pdf_name: bool = False, limits: Limits | None = None,
                deadline: Deadline = NO_DEADLINE) -> Document:
    """Document of bytes already in hand (a fetched body): PDF by content, else decoded text."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if is_pdf(data) or pdf_name:
        from factsheet.pdf import read_pdf  # pdfplumber only when a PDF is read

        return read_pdf(data, name, limits, deadline)
    text, encoding = decode_text(data, name)
    return Document.from_text(text, encoding=encoding)


# --- Structure: sections and statements from lines -------------------------------------------------

BULLET = re.compile(r"^\s*(?:[•▪◦‣●○■□➢►➤◆◇✓✔\uf000-\uf8ff\*·]|\(cid:\d+\)|[-–—](?=\s))\s*")
DANGLING = re.compile(
    r"(?:\b(?:the|a|an|of|and|or|to|in|for|with|at|by|from|on|its|their|than|some|about|over|RMB|HK\$|US\$)"
    r"|[\d$,-])$", re.I)
LEADER = re.compile(r"\S\s*(?:\.{4,}|…{2,}|·{4,}|_{4,})\s*\S")
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)
# Lines are stripped before these match; no two runs of spaces are adjacent, so a long run is read once
PAGE_NUMBER = re.compile(r"^(?:page\s*)?(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?(?:\s*of\s+\d{1,3})?$", re.I)
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
EDITION_DATE = re.compile(rf"^\(?\s*(?:({MONTHS})\s+)?((?:19|20)\d\d)(?:\s*\))?$", re.I)
TERMINAL = ".;:,!?"
KEEP_HYPHEN_PREFIXES = frozenset(words("hyphen_keep_prefixes"))
COMPOUND_TAILS = frozenset(words("hyphen_keep_tails"))
ABBREVIATIONS = frozenset(words("abbreviations"))


def _words(text: str) -> list[str]:
    return text.split()


def _is_banner_stack(texts: list[str]) -> bool:
    """Three or more stacked one-to-three-word lines without punctuation: a tagline, not prose."""
    return len(texts) >= 3 and all(
        1 <= len(_words(t)) <= 3 and not any(c.isdigit() for c in t) and t.rstrip()[-1:] not in TERMINAL
        for t in texts
    )


def _blocks(document: Document) -> list[list[Line]]:
    """Runs of non-blank lines; layout furniture already removed."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in document.lines:
        text = document.text[line.start : line.end]
        if not text.strip() or line.furniture:
            if current:
                blocks.append(current)
            current = []
            continue
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _looks_like_heading(texts: list[str], hints: list[bool | None]) -> bool:
    """A heading is a short block of one or two lines with no sentence punctuation and no bullet."""
    if any(h is True for h in hints):
        return True
    if any(h is False for h in hints):
        return False
    if len(texts) > 2 or BULLET.match(texts[0]) or any(LEADER.search(t) for t in texts):
        return False
    joined = " ".join(t.strip() for t in texts)
    if len(_words(joined)) > 12 or joined[-1:] in TERMINAL or len(joined) > 90:
        return False
    first = joined.lstrip()[:1]
    return first.isupper() or first.isdigit() or first in "(“\""


class _Builder:
    """Accumulates one statement's text with a document offset per char, mending line breaks."""

    def __init__(self, doc_text: str, vocabulary: set[str]) -> None:
        self.doc_text = doc_text
        self.vocabulary = vocabulary
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.page: int | None = None

    def empty(self) -> bool:
        return not self.chars

    def text(self) -> str:
        return "".join(self.chars)

    def tail(self, n: int = 32) -> str:
        """The statement's last n chars: what a check at its end reads, without joining all of it."""
        return "".join(self.chars[-n:])

    def add_line(self, line: Line, skip: int = 0) -> None:
        raw = self.doc_text[line.start + skip : line.end]
        lead = len(raw) - len(raw.lstrip())
        start = line.start + skip + lead
        piece = raw.strip()
        if not piece:
            return
        if self.page is None:
            self.page = line.page
        if self.chars:
            if self._mend_hyphen(piece):
                pass
            else:
                self.chars.append(" ")
                self.offsets.append(-1)
        for i, ch in enumerate(piece):
            self.chars.append(ch)
            self.offsets.append(start + i)

    def _mend_hyphen(self, next_piece: str) -> bool:
        """Join 'develop-' + 'ment'; keep the hyphen of compounds ('co-' + 'invest'); True when joined."""
        if len(self.chars) < 2 or self.chars[-1] not in "-\u00ad" or not self.chars[-2].isalpha():
            return False
        if next_piece[:1].isupper() or next_piece[:1].isdigit():
            return self.chars[-1] == "-"  # "Hong Kong-" + "Shenzhen", "end-" + "December": a compound, joined
        if not next_piece[:1].islower():
            return False
        head = WORD_BEFORE_HYPHEN.search(self.tail(MAX_WORD + 2))
        tail = re.match(r"[\w]+", next_piece)
        if not head or not tail:
            return False
        left, right = head.group(1), tail.group(0)
        joined = (left + right).lower()
        hyphenated = f"{left}-{right}".lower()
        keep = (
            self.chars[-1] == "-"
            and (
                left.lower() in KEEP_HYPHEN_PREFIXES
                or right.lower() in COMPOUND_TAILS  # "Hong Kong-" + "based"
                or hyphenated in self.vocabulary
            )
            and joined not in self.vocabulary
        )
        if not keep:
            self.chars.pop()
            self.offsets.pop()
        return True

    def statement(self, section: str) -> Statement:
        return Statement(section=section, text=self.text(), offsets=tuple(self.offsets), page=self.page)


# A sentence end and the word it follows, read in one left-to-right pass: (?<![\w.]) starts the word
# where it starts, so no run of letters is read more than once.
SENTENCE_CUT = re.compile(r"(?<![\w.])([\w.]*)[.!?][\"”’)]?\s+(?=[A-Z0-9“\"(•$£€¥])")
MAX_STATEMENT = 20_000  # chars: a longer run with no sentence end (a table, one giant line) is cut at a space
MAX_WORD = 64  # chars: a longer run of letters is no word (of the vocabulary, a hyphenated compound...)
WORD_BEFORE_HYPHEN = re.compile(rf"(?<!\w)(\w{{1,{MAX_WORD}}})-$")


def _split_sentences(statement: Statement) -> list[Statement]:
    """Sentences of a paragraph; a bullet stays whole (its sentences share one statement)."""
    text = statement.text
    cuts = [0]
    for m in SENTENCE_CUT.finditer(text):
        if m.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        cuts.append(m.end())
    cuts.append(len(text))
    return [part for a, b in zip(cuts, cuts[1:]) for part in _piece(statement, a, b)]


def _piece(statement: Statement, a: int, b: int) -> list[Statement]:
    """text[a:b] of a statement as statements of at most MAX_STATEMENT chars, cut at spaces."""
    text = statement.text
    parts = []
    while a < b:
        end = b
        if b - a > MAX_STATEMENT:
            space = text.rfind(" ", a + MAX_STATEMENT // 2, a + MAX_STATEMENT)
            end = space + 1 if space >= 0 else a + MAX_STATEMENT
        chunk = text[a:end].rstrip()
        if chunk:
            parts.append(Statement(statement.section, chunk, statement.offsets[a : a + len(chunk)], statement.page))
        a = end
    return parts


def _split_leading_headings(blocks: list[list[Line]], line_text: dict[int, str]) -> list[list[Line]]:
    """Headings set flush against their text (no blank line) become blocks of their own.

    A heading is one or two heading-shaped lines after a finished sentence (or at the block's
    start) and before a bullet, or a short line before prose lines much longer than it (wrapped
    prose fills its lines; a heading does not). PDF layout hints, where present, decide instead.
    """
    out: list[list[Line]] = []
    for block in blocks:
        texts = [line_text[ln.start] for ln in block]
        if any(ln.heading is not None for ln in block):
            groups: list[list[Line]] = []
            for ln in block:
                if groups and bool(groups[-1][-1].heading) == bool(ln.heading):
                    groups[-1].append(ln)
                else:
                    groups.append([ln])
            out.extend(groups)
            continue
        cuts = [0]
        i = 0
        while i < len(block) - 1:
            if i > 0 and (i == cuts[-1] or texts[i - 1].rstrip()[-1:] not in ".!?:;"):
                i += 1
                continue
            for n in (1, 2):
                if i + n >= len(block) or any(BULLET.match(t) for t in texts[i : i + n]):
                    continue
                head, rest = texts[i : i + n], texts[i + n : i + n + 3]  # the lines after it that matter
                if not _looks_like_heading(head, [None] * n):
                    continue
                if BULLET.match(rest[0]) or (
                    n == 1 and len(rest) >= 2 and rest[0][:1].isupper() and len(_words(head[0])) <= 6
                    and len(head[0]) < 0.6 * max(len(t) for t in rest)
                ):
                    cuts.extend([i, i + n] if i else [i + n])
                    i += n
                    break
            else:
                i += 1
        cuts = sorted(set(cuts + [len(block)]))
        out.extend(block[a:b] for a, b in zip(cuts, cuts[1:]) if b > a)
    return out


def structure(document: Document, deadline: Deadline = NO_DEADLINE) -> Structure:
    """Title, edition date and statements by section, by general rules of line shape and repetition.

    `deadline` is checked per block of lines.
    """
    text = document.text
    vocabulary = set(re.findall(r"[\w]+(?:-[\w]+)*", text.lower()))
    line_text = {line.start: text[line.start : line.end].strip() for line in document.lines}
    counts: dict[str, int] = {}
    for t in line_text.values():
        if t:
            counts[t] = counts.get(t, 0) + 1

    published: str | None = None
    furniture: set[int] = set()
    for line in document.lines:
        t = line_text[line.start]
        if not t:
            continue
        date = EDITION_DATE.match(t)
        if URL_LINE.match(t) or PAGE_NUMBER.match(t):
            furniture.add(line.start)
        elif date and (t.startswith("(") or date.group(1)):
            furniture.add(line.start)
            if date.group(1):
                month = MONTHS.split("|").index(date.group(1).lower()) + 1
                published = f"{date.group(2)}-{month:02d}"
            elif published is None:
                published = date.group(2)
        elif counts[t] >= 2 and len(_words(t)) <= 6 and not BULLET.match(t) and t[-1:] not in TERMINAL:
            furniture.add(line.start)
    blocks = [
        [ln for ln in block if ln.start not in furniture]
        for block in _blocks(document)
    ]
    blocks = [b for b in blocks if b and not _is_banner_stack([line_text[ln.start] for ln in b])]

    title = ""
    if blocks:
        first = blocks[0][0]
        t = line_text[first.start]
        if len(_words(t)) <= 10 and t[-1:] not in TERMINAL:
            title = t
            blocks[0] = blocks[0][1:]
            blocks = [b for b in blocks if b]

    statements: list[Statement] = []
    section = ""
    current: _Builder | None = None
    is_bullet = False

    def flush() -> None:
        nonlocal current
        if current is not None and not current.empty():
            made = current.statement(section)
            statements.extend(_piece(made, 0, len(made.text)) if is_bullet else _split_sentences(made))
        current = None

    for block in _split_leading_headings(blocks, line_text):
        deadline.check()
        texts = [line_text[ln.start] for ln in block]
        hints = [ln.heading for ln in block]
        if _looks_like_heading(texts, hints) and not (
            current is not None and not current.empty() and current.tail(1) not in ".!?:;"
            and texts[0][:1].islower()
        ):
            flush()
            section = " ".join(texts)
            continue
        # A block that starts lower-case continues a statement cut by a column or page break.
        # A statement cut by a column or page break goes on in the next block: one that starts lower-case,
        # or one after a word no sentence ends with ("24 berths along 7" / "694 metres", "more than RMB" /
        # "600 million", "Partnership" / "(RCEP) in January 2022"); headings were taken above.
        tail = current.tail().rstrip() if current is not None and not current.empty() else ""
        cut_off = bool(tail) and tail[-1:] not in ".!?:;…" and (
            bool(DANGLING.search(tail)) or texts[0][:1] in "(" or texts[0][:1].isdigit() and tail[-1:].isdigit())
        continues = bool(tail) and (texts[0][:1].islower() or cut_off) and not BULLET.match(
            text[block[0].start : block[0].end])
        if not continues:
            flush()
        for ln in block:
            raw = text[ln.start : ln.end]
            marker = BULLET.match(raw)
            if LEADER.search(raw):  # "Aged under 15 ........ 11.2%": a table row is a statement of its own
                flush()
                current = _Builder(text, vocabulary)
                is_bullet = True
                current.add_line(ln)
                flush()
            elif marker:
                flush()
                current = _Builder(text, vocabulary)
                is_bullet = True
                current.add_line(ln, skip=marker.end())
            else:
                if current is None:
                    current = _Builder(text, vocabulary)
                    is_bullet = False
                current.add_line(ln)
    flush()
    return Structure(title=title, published=published, statements=tuple(statements))
