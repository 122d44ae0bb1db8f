"""Extract step: the qualifier of a figure ("about", "over", "up to", "or more") and the span it widens to."""

from __future__ import annotations

import re

from factsheet.grammar import phrase_map, tables, words
from factsheet.patterns import patterns
from factsheet.spans import _ends_before


def _qualifier(text: str, start: int, end: int, kind: str) -> tuple[str, int, int]:
    """Qualifier word before (or after) a figure, and the figure's span widened to include it."""
    table = {**phrase_map("qualifiers"), **phrase_map("trailing_qualifiers")}
    weak = tables()["weak_qualifiers"]
    window = max(0, start - 30)
    m = patterns()["qualifier_before"].search(text[window:start])
    if m:
        word = re.sub(r"\s+", " ", m.group("q").lower())
        at = window + m.start("q")
        verb = _ends_before(r"(\w+)\s+$", text, at)
        after_verb = bool(verb) and verb.group(1).lower() in set(words("weak_qualifier_verbs"))
        if kind in weak.get(word, [kind]) or after_verb:
            return table[word], at, end
    m = patterns()["qualifier_after"].match(text[end : end + 20])
    if m:
        word = re.sub(r"\s+", " ", m.group("q").lower())
        return table[word], start, end + m.end("q")
    return "exact", start, end
