"""Read stage: source bytes -> Document (text + layout) -> Structure (sections and statements)."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from factsheet.dates import own_year, printed_date, release_date, stated_year, title_date
from factsheet.errors import InputError
from factsheet.grammar import words
from factsheet.limits import NO_DEADLINE, Deadline, Limits
from factsheet.model import Document, Line, Statement, Structure
from factsheet.tables import mark_text_tables, table_statements

TEXT_ENCODINGS = ("utf-8", "big5", "cp1252")  # tried in this order


def is_pdf(data: bytes) -> bool:
    """PDF by content: the %PDF- magic may follow a little junk, as readers allow."""
    return b"%PDF-" in data[:1024]


def load_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file within the size limit, or a one-line InputError naming file and problem.

    Opened without blocking and checked on the open file: a FIFO, device or socket can block forever or never end.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode) and not path.is_dir():
            raise InputError(f"{path}: not a regular file (a pipe, device or socket is not a fact sheet)")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise InputError(f"{path}: is a directory, not a file")
        raise InputError(f"{path}: not a regular file (a pipe, device or socket is not a fact sheet)")
    with os.fdopen(fd, "rb") as f:
        data = _read_limited(f, path, max_bytes or Limits.from_env().max_bytes)
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    return data


def _read_limited(f: BinaryIO, path: Path, limit: int) -> bytes:
    """At most `limit` bytes of an open file: over it is refused, even if the file grew since it was opened."""
    from factsheet.fetch import size_text

    size = os.fstat(f.fileno()).st_size
    try:
        data = f.read(limit + 1) if size <= limit else b""
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if size > limit or len(data) > limit:
        raise InputError(f"{path}: {size_text(max(size, len(data)))}, over the limit of {size_text(limit)} "
                         "(setting FACTSHEET_MAX_BYTES)")
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
    data = load_bytes(path, (limits or Limits.from_env()).max_bytes)
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
    from factsheet.html import is_html, read_html  # lxml only when a page is read

    if is_html(data):
        return read_html(data, name)
    text, encoding = decode_text(data, name)
    from factsheet.markdown import is_markdown, read_markdown

    if is_markdown(text):
        return replace(read_markdown(text), encoding=encoding)
    return Document.from_text(text, encoding=encoding)


# --- Structure: sections and statements from lines -------------------------------------------------

# "*" and a dash mark an item only before a space: "**2026. (TLB)**" is a Markdown bold remnant (EMPHASIS), whose
# line goes on with the sentence the line before wraps ("... within" / "**2026. (TLB)**")
BULLET = re.compile(r"^\s*(?:[•▪◦‣●○■□➢►➤◆◇✓✔\uf000-\uf8ff·]|\(cid:\d+\)|[-–—*](?=\s))\s*")
EMPHASIS = re.compile(r"^\s*\*\*(?=\S)")
DANGLING = re.compile(
    r"(?:\b(?:the|a|an|of|and|or|to|in|for|with|at|by|from|on|its|their|than|some|about|over|RMB|HK\$|US\$)"
    r"|[\d$,-])$", re.I)
LEADER = re.compile(r"\S\s*(?:\.{4,}|…{2,}|·{4,}|_{4,})\s*\S")
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)
# Lines are stripped before these match; no two runs of spaces are adjacent, so a long run is read once
PAGE_NUMBER = re.compile(r"^(?:page\s*)?(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?(?:\s*of\s+\d{1,3})?$", re.I)
AMOUNT = re.compile(r"[$£€¥]\s?\d")  # a sum of money: a running header never states one
ENUMERATOR = re.compile(r"\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s")  # "(2) Wages payable ...": a list's number
TERMINAL = ".;:,!?。；：，！？"  # with the full-width marks a Chinese sentence ends or breaks with
KEEP_HYPHEN_PREFIXES = frozenset(words("hyphen_keep_prefixes"))
COMPOUND_TAILS = frozenset(words("hyphen_keep_tails"))
ABBREVIATIONS = frozenset(words("abbreviations"))
FRONT_MATTER = frozenset(words("front_matter"))  # "Table of Contents", "Foreword": headings, never the title


def _words(text: str) -> list[str]:
    return text.split()


def _is_banner_stack(texts: list[str]) -> bool:
    """Three or more stacked one-to-three-word lines without punctuation: a tagline, not prose."""
    return len(texts) >= 3 and all(
        1 <= len(_words(t)) <= 3 and not any(c.isdigit() for c in t) and t.rstrip()[-1:] not in TERMINAL
        for t in texts
    )


def _blocks(document: Document) -> list[list[Line]]:
    """Runs of non-blank lines; layout furniture already removed. A table is one block, blank lines and
    rules inside it included, so that its rows keep their headers."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    lines = document.lines
    for i, line in enumerate(lines):
        text = document.text[line.start : line.end]
        in_table = bool(current) and bool(current[0].cells)
        if current and line.note != current[-1].note:  # a footnote is a block of its own
            blocks.append(current)
            current = []
        if line.cells and not in_table or in_table and not line.cells and not _inside_table(document, i):
            if current:
                blocks.append(current)
            current = []
        if in_table and not line.cells and _inside_table(document, i):
            current.append(line)
            continue
        if not text.strip() or line.furniture:
            if current:
                blocks.append(current)
            current = []
            continue
        current.append(line)
    if current:
        blocks.append(current)
    return [_trim(b) if b[0].cells else b for b in blocks]


def _inside_table(document: Document, i: int) -> bool:
    """A blank or rule line between two lines of one table (the next line that says anything has cells)."""
    line = document.lines[i]
    if document.text[line.start : line.end].strip() and not line.furniture:
        return False
    for after in document.lines[i + 1 : i + 8]:
        if after.cells:
            return True
        if document.text[after.start : after.end].strip() and not after.furniture:
            return False
    return False


def _trim(block: list[Line]) -> list[Line]:
    """A table block without the blank or rule lines at its end."""
    while block and not block[-1].cells:
        block = block[:-1]
    return block


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
            elif CJK_CHAR.match(self.chars[-1]) and CJK_CHAR.match(piece):
                pass  # a Chinese line wraps between two characters: no space is there to restore
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
# where it starts, so no run of letters is read more than once. A Chinese character after it starts a sentence
# too: a bilingual line gives its English sentence and its Chinese translation as two statements.
SENTENCE_CUT = re.compile(r"(?<![\w.])([\w.]*)[.!?][\"”’)]?\s+(?=[A-Z0-9“\"(•$£€¥\u3400-\u4dbf\u4e00-\u9fff「])")
# A Chinese sentence ends at 。！？ (and a closing quote or bracket after it), with or without a space
CJK_SENTENCE_CUT = re.compile(r"[。！？][」』”’）)]*\s*")
MAX_STATEMENT = 20_000  # chars: a longer run with no sentence end (a table, one giant line) is cut at a space
CJK_CHAR = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
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
    cuts.extend(m.end() for m in CJK_SENTENCE_CUT.finditer(text) if m.end() < len(text))
    cuts = sorted(set(cuts))
    cuts.append(len(text))
    if CJK_WORD.search(text):
        cuts = sorted({*cuts, *(c for a, b in zip(cuts, cuts[1:]) if (c := _language_cut(text, a, b)))})
    return [part for a, b in zip(cuts, cuts[1:]) for part in _piece(statement, a, b)]


CJK_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
NUMBER_CHAR = re.compile(r"[\d一二三四五六七八九十百千萬億兩]")


def _language_cut(text: str, a: int, b: int) -> int | None:
    """Where a sentence in English words followed by its Chinese translation without a full stop between turns
    Chinese ('Over 700 cameras along major roads 於主要道路安裝約700部閉路電視'), or the other way round: each part
    one language, the Chinese one at least six characters and mostly Chinese, the English one three words or
    more, and the part the other's grammar would read holding a number. None for one language ('The app
    香港出行易 was launched in 2018')."""
    first = CJK_WORD.search(text, a, b)
    if first is None:
        return None
    last = max(m.end() for m in CJK_WORD.finditer(text, first.start(), b))
    for cut, english, chinese in ((first.start(), text[a : first.start()], text[first.start() : b]),
                                  (last, text[last:b], text[a:last])):
        zh = len(CJK_WORD.findall(chinese))
        if zh < 6 or len(re.findall(r"[A-Za-z]", chinese)) * 2 > zh or len(LATIN_WORD.findall(english)) < 3 \
                or CJK_WORD.search(english):
            continue
        minority = chinese if len(re.findall(r"[A-Za-z]", english)) > 2 * zh else english
        if NUMBER_CHAR.search(minority):
            return cut + len(text[cut:b]) - len(text[cut:b].lstrip(" ）)」』。，,"))
    return None


# A paragraph's number glued to the sentence before it, as a source that runs a section's numbered paragraphs
# together on one line writes it: "... of GDP.159.I estimate ...", "... compared with 2007-08.165.In ..."
GLUED_NUMBER = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))(\d{1,3})\.(?=[A-Z“\"(])")
LEADING_NUMBER = re.compile(r"\s*(\d{1,3})\.(?=\s?[A-Z“\"(])")


def _glued_paragraphs(statement: Statement) -> list[Statement]:
    """A paragraph's text cut where the next numbered paragraph starts glued to its last sentence. After a
    digit ("by 146.176.A ...") the number may be a decimal's tail, so there it must follow the paragraph
    before in sequence (175, then 176); after a word only an abbreviation's stop ("No.5.") is no end."""
    text = statement.text
    lead = LEADING_NUMBER.match(text)
    last = int(lead.group(1)) if lead else None
    cuts = [0]
    for m in GLUED_NUMBER.finditer(text):
        before = text[: m.start()].rstrip(".!?\"”’)")
        word = re.search(r"[\w.]*$", before).group(0)
        number = int(m.group(1))
        if before[-1:].isdigit() and number != (last or -1) + 1 or word.lower().rstrip(".") in ABBREVIATIONS:
            continue
        cuts.append(m.start())
        last = number
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
            parts.append(replace(statement, text=chunk, offsets=statement.offsets[a : a + len(chunk)]))
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
        if block[0].cells or block[0].field or block[0].note:  # a table, a field or a note keeps its lines together
            out.append(block)
            continue
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
            if i > 0 and (i == cuts[-1] or texts[i - 1].rstrip()[-1:] not in ".!?:;。！？：；"):
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


def _unmarked_item(tail: str, first: str) -> bool:
    """A block that starts lower-case after a finished clause (':' of a lead-in, ';' of the item before, a
    sentence's '.', '; and' before the last) is a list item whose bullet the source lost (a web page's list as
    plain text), not the rest of a sentence cut by a page break; a full stop after an abbreviation ('approx.')
    finishes nothing."""
    if not first[:1].islower():
        return False
    if re.search(r";\s*(?:and|or)$", tail):  # '...; and' before the list's last item
        return True
    if tail[-1:] not in ".:;":
        return False
    word = re.search(r"([\w.]*)\.$", tail)
    return not (word and word.group(1).lower().rstrip(".") in ABBREVIATIONS)


def _key_values(text: str, block: list[Line]) -> list[tuple[Line, Line]] | None:
    """A block of key lines each followed by its value on an indented line ('Government Debts as at March 31,
    2019' / '    HK$1,500 million'): the pairs, or None when the block is not laid out so."""
    if len(block) < 2 or len(block) % 2:
        return None
    pairs = list(zip(block[::2], block[1::2]))
    for key, value in pairs:
        k, v = text[key.start : key.end], text[value.start : value.end]
        indent = lambda t: len(t) - len(t.lstrip())  # noqa: E731
        if indent(v) <= indent(k) or len(_words(v)) > 5 or not any(c.isdigit() for c in v):
            return None
        if len(_words(k)) > 16 or k.rstrip()[-1:] in ".;!?" or BULLET.match(k):
            return None
    return pairs


COLON_VALUE = re.compile(r"\s:\s+\S|(?<=\S):\s+\S")  # 'Government Debt as at March 31, 2000 (Note 3) : NIL'


def _colon_fields(text: str, block: list[Line]) -> list[list[Line]] | None:
    """A block of 'key : value' entries, a key maybe wrapped over lines above its colon ('Debts Guaranteed by
    Government as at' / 'March 31, 2000 (Note 4) : HK$4,927.1 million'), with a short value and a figure in
    one at least: the lines of each entry, or None when the block is not laid out so."""
    entries: list[list[Line]] = []
    lines: list[Line] = []
    for line in block:
        body = text[line.start : line.end].strip()
        lines.append(line)
        m = COLON_VALUE.search(body)
        if m is None:
            if len(_words(body)) > 16 or body[-1:] in ".;!?:" or BULLET.match(body) or len(lines) > 3:
                return None
            continue
        key, value = body[: m.start() + 1].rstrip(" :"), body[m.end() - 1 :]
        if not key or len(_words(value)) > 4 or value[-1:] in ".;!?" or len(_words(key)) > 16 or BULLET.match(body):
            return None
        entries.append(lines)
        lines = []
    if lines or len(entries) < 2 or not any(
            any(c.isdigit() for c in text[ln.start : ln.end].split(":")[-1]) for e in entries for ln in e[-1:]):
        return None
    return entries


def _colon_statement(text: str, entry: list[Line], section: str, vocabulary: set[str]) -> Statement:
    """'Debts Guaranteed by Government as at March 31, 2000 (Note 4) : HK$4,927.1 million', a field named by
    the words before its colon."""
    built = _Builder(text, vocabulary)
    for line in entry:
        built.add_line(line)
    made = built.statement(section)
    m = list(COLON_VALUE.finditer(made.text))[-1]
    return replace(made, kind="field", field=made.text[: m.start() + 1].rstrip(" :"))


def _pair_statement(text: str, key: Line, value: Line, section: str, vocabulary: set[str]) -> Statement:
    """'Government Debts as at March 31, 2019: HK$1,500 million', a field named by its key line."""
    built = _Builder(text, vocabulary)
    built.add_line(key)
    field = built.text()
    made = built.statement(section)
    value_built = _Builder(text, vocabulary)
    value_built.add_line(value)
    tail = value_built.statement(section)
    return replace(made, text=f"{field}: {tail.text}", offsets=made.offsets + (-1, -1) + tail.offsets,
                   kind="field", field=field)


def _field_statements(text: str, block: list[Line], section: str, vocabulary: set[str]) -> list[Statement]:
    """A field's values ('Area' / 'total: 1,108 sq km'), each a statement 'Area: total: 1,108 sq km' that
    knows its field; a long prose value stays sentences of its own, with the field recorded."""
    name: Line = block[0]
    out: list[Statement] = []
    for line in block[1:]:
        if line.field:
            name = line
            continue
        field = text[name.start : name.end]
        if line.name:
            field += ": " + text[line.name[0] : line.name[1]]
        value = _Builder(text, vocabulary)
        value.add_line(line)
        made = value.statement(section)
        if len(_words(made.text)) > 15 and re.search(r"[.!?]\s+[A-Z]", made.text):
            out.extend(replace(s, field=field) for s in _split_sentences(made))
            continue
        prefix = text[name.start : name.end] + ": "
        offsets = tuple(range(name.start, name.end)) + (-1, -1) + made.offsets
        out.append(replace(made, text=prefix + made.text, offsets=offsets, kind="field", field=field))
    return out


def with_date(parsed: Structure, published: str | None) -> Structure:
    """The structure of a document that prints no date of its own, dated by the caller (--published, sources.toml
    `published`): its relative phrases ("last year", "this January", "last month") then resolve against that date
    exactly as against a printed one. A date the document prints wins."""
    if parsed.published or not published:
        return parsed
    return replace(parsed, published=published, year=int(published[:4]))


def structure(document: Document, deadline: Deadline = NO_DEADLINE) -> Structure:
    """Title, edition date and statements by section, by general rules of line shape and repetition.

    `deadline` is checked per block of lines.
    """
    document = mark_text_tables(document)
    text = document.text
    vocabulary = set(re.findall(r"[\w]+(?:-[\w]+)*", text.lower()))
    line_text = {line.start: text[line.start : line.end].strip() for line in document.lines}
    counts: dict[str, int] = {}
    pages: dict[str, set[int | None]] = {}
    for line in document.lines:
        t = line_text[line.start]
        if t:
            counts[t] = counts.get(t, 0) + 1
            pages.setdefault(t, set()).add(line.page)

    published: str | None = None
    furniture: set[int] = set()
    last = ""  # the line read last ("" when blank or furniture)
    for line in document.lines:
        t = line_text[line.start]
        before, last = last, "" if line.furniture else t
        if not t:
            continue
        # a PDF prints its edition's date on its cover or back page: a date line inside is content
        date = printed_date(t) if document.pages is None or line.page in (1, document.pages) else None
        # an address line is furniture, unless the line before leads into it ("... website at" / "www.x.gov.hk.")
        if URL_LINE.match(t) and not DANGLING.search(before) or PAGE_NUMBER.match(t):
            furniture.add(line.start)
        elif date:
            furniture.add(line.start)
            if date[1] or published is None:
                published = date[0]
        # a short line said again is a running header, unless structure marks it: a table row, a field, a heading
        # set as one (a chapter's heading that its pages' running header repeats); or unless it states a sum (a
        # worked example's result line, "$8,800 (220 hours X $40)", repeated by a later example); in a paged
        # document, only one said again on another page ("in the 12-month" in two boxes of one page's formula)
        elif (counts[t] >= 2 and (line.page is None or len(pages[t]) >= 2) and len(_words(t)) <= 6
              and not BULLET.match(t) and t[-1:] not in TERMINAL and not AMOUNT.search(t)
              and not (line.cells or line.field or line.level or line.name or line.heading)):
            furniture.add(line.start)
    blocks = [
        [ln for ln in block if ln.start not in furniture or ln.cells]
        for block in _blocks(document)
    ]
    blocks = [b for b in blocks if b and not _is_banner_stack([line_text[ln.start] for ln in b])]

    title = ""
    levels = [ln.level for b in blocks for ln in b if ln.level]
    if levels:  # markup says which line is the document's heading: the first of the top level
        top = next(ln for b in blocks for ln in b if ln.level == min(levels))
        title = line_text[top.start]
        blocks = [b for b in ([ln for ln in b if ln is not top] for b in blocks) if b]
    elif blocks:
        first = blocks[0][0]
        t = line_text[first.start]
        if len(_words(t)) <= 10 and t[-1:] not in TERMINAL and t.strip(" :").lower() not in FRONT_MATTER:
            title = t
            blocks[0] = blocks[0][1:]
            blocks = [b for b in blocks if b]

    statements: list[Statement] = []
    section = ""
    current: _Builder | None = None
    is_bullet = False
    notes: list[Statement] = []  # footnotes read inside a paragraph (a page's foot): they follow it

    def flush() -> None:
        nonlocal current
        if current is not None and not current.empty():
            made = replace(current.statement(section), kind="item" if is_bullet else "paragraph",
                           paragraph=len(statements))
            if is_bullet:
                statements.extend(_piece(made, 0, len(made.text)))
            for part in [] if is_bullet else _glued_paragraphs(made):  # each glued paragraph is one of its own
                statements.extend(_split_sentences(replace(part, paragraph=len(statements))))
        current = None
        for note in notes:
            statements.extend(_split_sentences(replace(note, paragraph=len(statements))))
        notes.clear()

    for block in _split_leading_headings(blocks, line_text):
        deadline.check()
        if block[0].note:  # a paragraph cut by a page's footnotes goes on after them
            note = _Builder(text, vocabulary)
            for ln in block:
                note.add_line(ln)
            notes.append(replace(note.statement(section), kind="note"))
            continue
        if block[0].cells:
            flush()
            statements.extend(table_statements(text, block, section))
            continue
        if block[0].field:
            flush()
            statements.extend(_field_statements(text, block, section, vocabulary))
            continue
        pairs = _key_values(text, block)
        if pairs:
            flush()
            statements.extend(_pair_statement(text, key, value, section, vocabulary) for key, value in pairs)
            continue
        entries = _colon_fields(text, block)
        if entries:
            flush()
            statements.extend(_colon_statement(text, entry, section, vocabulary) for entry in entries)
            continue
        texts = [line_text[ln.start] for ln in block]
        hints = [ln.heading for ln in block]
        if _looks_like_heading(texts, hints) and not (
            current is not None and not current.empty() and current.tail(1) not in ".!?:;。！？：；"
            and texts[0][:1].islower()
        ):
            flush()
            section = " ".join(texts)
            continue
        # A block that starts lower-case continues a statement cut by a column or page break.
        # A statement cut by a column or page break goes on in the next block: one that starts lower-case,
        # or one after a word no sentence ends with ("24 berths along 7" / "694 metres", "more than RMB" /
        # "600 million", "Partnership" / "(RCEP) in January 2022"); headings were taken above.
        # A sum on a line of its own after a lead-in's colon is that lead-in's value ("(1) Minimum wage for this
        # month :" / "$8,800 (220 hours X $40)"); a block that opens with a list number "(2)" starts an item.
        tail = current.tail().rstrip() if current is not None and not current.empty() else ""
        cut_off = bool(tail) and tail[-1:] not in ".!?:;…。！？：；" and (
            bool(DANGLING.search(tail)) or texts[0][:1] in "(" and not ENUMERATOR.match(texts[0])
            or texts[0][:1].isdigit() and tail[-1:].isdigit())
        value = tail[-1:] == ":" and bool(AMOUNT.match(texts[0]))
        item = _unmarked_item(tail, texts[0])
        continues = bool(tail) and (texts[0][:1].islower() or cut_off or value) and not item and not BULLET.match(
            text[block[0].start : block[0].end])
        if not continues:
            flush()
        if item:
            current = _Builder(text, vocabulary)
            is_bullet = True
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
                bold = EMPHASIS.match(raw)
                current.add_line(ln, skip=bold.end() if bold else 0)
    flush()
    if published is None:
        published = release_date([t for t in line_text.values() if t][-40:]) or title_date(title)
    if title:  # a statement before any heading stands under the document's title
        statements = [s if s.section else replace(s, section=title) for s in statements]
    headings = [title, *dict.fromkeys(s.section for s in statements)]
    year = int(published[:4]) if published else own_year(text, headings) or stated_year(text)
    from factsheet.zh import detect_language

    return Structure(title=title, published=published, statements=tuple(statements), year=year,
                     language=detect_language(text))
