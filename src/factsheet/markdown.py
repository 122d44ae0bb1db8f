"""Markdown sources (converted reports, country profiles): rendered to plain text with structure marks.

Headings ('# X') keep their level; a bold line ('**Area**<br>') names a field whose values follow;
an italic name before a colon ('_male_: 3.4 million') is a sub-field; '<br>' ends a line and '<br><br>'
a paragraph. HTML comments ('<!-- figureText: ... -->', the picture text an OCR tool writes) are not rendered,
as in any markdown viewer: no statement is read from them. The rendered text is what raw/ stores, so offsets
and labels never hold markup.
"""

from __future__ import annotations

import html
import re

from factsheet.model import Document, Line

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FIELD = re.compile(r"^\s*(?:\*\*|<strong>)(.+?)(?:\*\*|</strong>)\s*:?\s*$")
SUB_FIELD = re.compile(r"^\s*(?:_|\*(?!\*)|<(?:em|strong)>)(.+?)\s*(?:_|\*|</(?:em|strong)>)\s*:\s*")
ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,2}[.)])\s+")
BREAK = re.compile(r"<br\s*/?>", re.I)
COMMENT = re.compile(r"<!--.*?-->", re.S)
COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
INLINE = (
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"</?(?:strong|em|b|i|u|span|sup|sub)[^>]*>", re.I), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?=\S)([^*_]+?)(?<=\S)\1(?![\w*])"), r"\2"),
)


def is_markdown(text: str) -> bool:
    """Markdown by content: headings, bold field lines or '<br>' line ends on several lines; or an OCR tool's
    output, whose HTML comment lines ('<!-- Media -->', '<!-- figureText: ... -->') mark it even without a heading."""
    lines = text[:20000].splitlines()
    comments = sum(bool(COMMENT_LINE.match(t)) for t in lines)
    marks = sum(bool(HEADING.match(t) or FIELD.match(t) or BREAK.search(t)) for t in lines) + comments
    return marks >= 3 and (comments >= 3 or any(HEADING.match(t) for t in lines))


def _plain(text: str) -> str:
    for pattern, repl in INLINE:
        text = pattern.sub(repl, text)
    return html.unescape(text).replace("\u00a0", " ").strip()


class _Writer:
    """Plain text with one Line per rendered line, blank lines between blocks."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.lines: list[Line] = []
        self.pos = 0

    def line(self, text: str, **marks: object) -> None:
        name = marks.pop("name_length", None)
        start = self.pos
        self.parts.append(text + "\n")
        self.pos += len(text) + 1
        span = (start, start + int(name)) if name is not None else None
        self.lines.append(Line(start, start + len(text), name=span, **marks))  # type: ignore[arg-type]

    def blank(self) -> None:
        if not self.lines or self.lines[-1].start == self.lines[-1].end:
            return  # one blank line is enough, and none at the top
        self.line("")

    def document(self) -> Document:
        return Document(text="".join(self.parts), lines=tuple(self.lines), media_type="text/markdown")


def read_markdown(text: str) -> Document:
    """The rendered document: headings, fields and sub-fields, items and paragraphs as marked lines."""
    out = _Writer()
    for raw in _without_comments(text.replace("\r\n", "\n")).split("\n"):
        if not raw.strip():
            out.blank()
            continue
        heading = HEADING.match(raw)
        if heading:
            out.blank()
            out.line(_plain(heading.group(2)), heading=True, level=len(heading.group(1)))
            out.blank()
            continue
        for k, piece in enumerate(re.split(r"(?:<br\s*/?>\s*){2,}", raw, flags=re.I)):
            if k:
                out.blank()
            _render_piece(out, piece)
    return out.document()


def _without_comments(text: str) -> str:
    """The text with its HTML comments left out; a comment's line breaks stay, so a comment on lines of its own
    leaves a blank line (it ends the paragraph before it, as CommonMark's HTML block does)."""
    if "<!--" not in text:
        return text
    return COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _render_piece(out: _Writer, piece: str) -> None:
    """One paragraph's worth of a source line: its '<br>' lines, each a field name, sub-field, item or text."""
    for part in BREAK.split(piece):
        if not part.strip():
            continue
        field = FIELD.match(part)
        if field:
            out.blank()
            out.line(_plain(field.group(1)).rstrip(":"), field=True)
            continue
        sub = SUB_FIELD.match(part)
        if sub:
            name, value = _plain(sub.group(1)).rstrip(":"), _plain(part[sub.end() :])
            if value:
                out.line(f"{name}: {value}", name_length=len(name))
            else:
                out.line(name, field=True)
            continue
        item = ITEM.match(part)
        if item:
            out.line(_plain(part[item.end() :]), item=True)
        else:
            out.line(_plain(part))
