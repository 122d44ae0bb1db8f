"""Text from fact sheets and error messages placed in Markdown (the Prefect artifacts) shows as text, never markup.

A statement can hold "<script>", "|", "`" or a line break; the UI renders artifacts as Markdown with HTML,
so each value is escaped as the HTML report escapes it, and Markdown's own punctuation is backslash-escaped.
"""

from __future__ import annotations

import html
import re

_INLINE = re.compile(r"([\\`*_\[\]|~])")  # code spans, emphasis, links, table cells, strike-through
_BLOCK = re.compile(r"^([#+=-])|^(\d+)([.)])")  # what would start a heading or a list at the start of a line


def md_text(value: object) -> str:
    """One line of literal text for Markdown: whitespace collapsed, Markdown escaped, then HTML escaped."""
    if value is None:
        return ""
    text = _INLINE.sub(r"\\\1", " ".join(str(value).split()))
    text = _BLOCK.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)
    return html.escape(text, quote=True)


def md_code(value: object) -> str:
    """An identifier in a code span (shown verbatim there: HTML and emphasis are inert), or as md_text when
    it holds what a code span cannot: a backtick, or a pipe that would split a table cell."""
    text = " ".join(str(value or "").split())
    return f"`{text}`" if text and not set(text) & {"`", "|"} else md_text(text)
