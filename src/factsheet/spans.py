"""Text geometry of a statement: its sentences and clauses, and anchored searches read in a bounded window.

Every step of extraction (numbers, qualifiers, periods, labels, events) asks where a sentence or a clause
starts; these answers are cached per statement so that no step rescans the text from each figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache

SENTENCE_END = re.compile(r"(?<![.…])[.!?][\"”’)]?\s+(?=[A-Z0-9“\"($£€¥])")
ABBREVIATION_END = re.compile(r"\b(?:No|e\.g|i\.e|etc|Mr|Dr|St|vs)\.\s*$")
# How far before a figure (or a date) its context is read: no phrase a rule reads there ("more than",
# "for every", "the world's top", "since its launch in") is longer. Reading the whole statement before
# each figure instead made extraction quadratic in the statement's length.
LOOKBACK = 200
CLAUSE_REACH = 400  # a clause runs at most this far either side of its figure (a table has no commas)
TOPIC_REACH = 600  # what a sentence is about is said in its first words


@cache
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _ends_before(pattern: str | re.Pattern[str], text: str, end: int, flags: int = 0,
                 start: int = 0) -> re.Match[str] | None:
    """A `$`-anchored pattern searched in text[start:end], read only LOOKBACK chars back from `end`.

    Positions are the statement's; word boundaries and lookbehinds see the text before the window.
    """
    compiled = pattern if isinstance(pattern, re.Pattern) else _compiled(pattern, flags)
    return compiled.search(text, max(start, end - LOOKBACK, 0), end)


def _starts_at(pattern: str | re.Pattern[str], text: str, pos: int, flags: int = 0) -> re.Match[str] | None:
    """re.match(pattern, text[pos:]) without copying the rest of the statement (positions are the statement's)."""
    compiled = pattern if isinstance(pattern, re.Pattern) else _compiled(pattern, flags)
    return compiled.match(text, pos)


Spans = tuple[tuple[int, int], ...]


@lru_cache(maxsize=64)
def _sentences(text: str) -> Spans:
    """Sentence spans of a statement: periods of figures are read within their sentence (cached: every
    figure of a statement asks)."""
    cuts = [0] + [m.end() for m in SENTENCE_END.finditer(text)
                  if not ABBREVIATION_END.search(text, max(0, m.start() - 8), m.end())]
    cuts.append(len(text))
    return tuple((a, b) for a, b in zip(cuts, cuts[1:]) if b > a)


def _sentence_of(spans: Spans, pos: int) -> tuple[int, int]:
    """The span holding pos (spans are contiguous and sorted), else the last."""
    i = bisect_right(spans, pos, key=lambda s: s[0]) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return spans[-1]

# Spaces before a delimiter are read from where they start ((?<!\s)): a long run of spaces is not rescanned
# from each of them. Same matches as \s*(?:[;:()]|,\s|\s[–—]\s|\s(?:and|but|while)\s(?=[a-z]+ed\b))\s*
CLAUSE_SPLIT = re.compile(
    r"(?:(?:(?<!\s)\s+)?(?:[;:()]|,\s)|(?<!\s)\s+(?:[–—]\s|(?:and|but|while)\s(?=[a-z]+ed\b)))\s*")


def _clause(text: str, start: int, end: int, dates_whole: bool = False) -> tuple[int, int]:
    """The clause around a span: bounded by its sentence, ; : ( ) commas and dashes, and at most
    CLAUSE_REACH chars either side (cut at a space); with `dates_whole`, the comma of a date ('March 31, 2010')
    parts nothing (a figure's period: the year a clause is for is in it)."""
    a, b = _sentence_of(_sentences(text), start)
    if start - a > CLAUSE_REACH:
        a = _word_start(text, start - CLAUSE_REACH, start)
    if b - end > CLAUSE_REACH:
        b = _word_end(text, end, end + CLAUSE_REACH)
    for m in CLAUSE_SPLIT.finditer(text, a, start):
        if m.end() <= start and not _in_note_reference(text, m) and not (dates_whole and _in_date(text, m)):
            a = m.end()
    for m in CLAUSE_SPLIT.finditer(text, end, b):
        if not _in_note_reference(text, m) and not (dates_whole and _in_date(text, m)):
            b = m.start()
            break
    return a, b


def _in_date(text: str, m: re.Match[str]) -> bool:
    """The comma a clause split found is a date's ("for the year ended March 31, 2010 includes ..."), no
    clause's end."""
    return m.group(0).strip() == "," and _date_comma().match(text, m.start()) is not None and bool(
        _month_day().search(text, max(0, m.start() - 16), m.start()))


@cache
def _date_comma() -> re.Pattern[str]:
    return re.compile(r",\s*(?:19|20)\d\d\b")


@cache
def _month_day() -> re.Pattern[str]:
    from factsheet.grammar import alternation, tables

    return re.compile(rf"\b(?:{alternation(tables()['months'])})\.?\s+\d{{1,2}}$", re.I)


def _in_note_reference(text: str, m: re.Match[str]) -> bool:
    """The bracket a clause split found belongs to a note's reference ("14 (Note 2) weeks"), no clause's end."""
    if "(" not in m.group(0) and ")" not in m.group(0):
        return False
    return any(n.start() < m.end() and m.start() < n.end()
               for n in _note_reference().finditer(text, max(0, m.start() - 16), m.end() + 16))


@cache
def _note_reference() -> re.Pattern[str]:
    from factsheet.grammar import alternation, tables

    return re.compile(rf"\((?:{alternation(tables()['note_references']['words'])})(?:\s*\d{{1,3}}[a-z]?)?\)", re.I)


def _word_start(text: str, pos: int, limit: int) -> int:
    """The first word start after a space at or after pos (before limit): a window cut at a space, not
    inside a word or a run of spaces."""
    space = _compiled(r"\s+").search(text, pos, limit)
    return space.end() if space else pos


def _word_end(text: str, start: int, pos: int) -> int:
    """The last space at or before pos (after start): a window cut at a space, not inside a word."""
    space = text.rfind(" ", start, pos + 1)
    return space if space >= 0 else pos
