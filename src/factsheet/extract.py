"""Extract stage: statements -> figure and event mentions, by a rule grammar whose words are data.

Each mention keeps the text it was read from (number, scale, currency, date phrases) so that the
normalise stage turns words into values in one place; each records the rule that made it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from factsheet.grammar import alternation, phrase_map, tables, words
from factsheet.limits import NO_DEADLINE, Deadline
from factsheet.model import Statement, Structure
from factsheet.phrases import measured, spell_out, spelled_out


@dataclass(frozen=True)
class FigureMention:
    """A figure as written in one statement, before its words become values."""

    statement: Statement
    start: int  # span of value_text within statement.text
    end: int
    kind: str
    number_text: str  # "44,500", "1.466", "six", "2nd"
    scale_text: str  # "billion", "mn" or ""
    currency_text: str  # "HK$", "$", "RMB" or ""
    unit: str  # the thing counted, a duration unit, or "" (filled by normalise for other kinds)
    qualifier: str
    period_text: str  # date phrase the figure refers to, or ""
    base_text: str  # base year of a change ("over 2017"), or ""
    scope: str
    label: str
    rule: str

    @property
    def value_text(self) -> str:
        return self.statement.text[self.start : self.end]


@dataclass(frozen=True)
class EventMention:
    """A dated happening: a date phrase in a clause with an event verb."""

    statement: Statement
    start: int
    end: int
    label: str
    rule: str

    @property
    def date_text(self) -> str:
        return self.statement.text[self.start : self.end]


# --- patterns built from the word tables -------------------------------------------------------------

APOS = "['’]"
# At most 8 groups of three (10^24): a longer run of groups is read as several numbers, so no pattern rescans
# a whole run of "1,000,000,..." or "100 100 100 ..." from each of its groups (that was quadratic).
DIGITS = (r"\d{1,3}(?:,\d{3}){1,8}(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,8}(?![\d,])(?:\.\d+)?"
          r"|\d+(?:\.\d+)?")


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    """All regexes of the grammar, compiled once from words.toml."""
    t = tables()
    units = [w for w, v in t["number_words"].items() if v < 20 and " " not in w]
    tens = [w for w, v in t["number_words"].items() if 20 <= v < 100]
    word_number = (
        rf"(?:(?:{alternation(tens)})(?:-(?:{alternation(units)}))?|{alternation(units)}|"
        rf"(?:a\s+)?dozen|half\s+a\s+dozen|a\s+hundred|a\s+thousand)(?:\s+hundred)?"
    )
    number = rf"(?:{DIGITS})|\b(?:{word_number})\b"
    scale = rf"(?:{alternation(t['scales'])})"
    quals = alternation(phrase_map("qualifiers"))
    trailing = alternation(phrase_map("trailing_qualifiers"))
    currencies = alternation(t["currencies"])
    currency_words = alternation(t["currency_words"])
    ordinal_words = alternation(t["ordinal_words"])
    ordinal = rf"(?:\d+(?:st|nd|rd|th)\b|No\.?\s?\d+\b|number\s+\d+\b|\b(?:{ordinal_words})\b)"
    superlative = alternation(words("superlatives"))
    world = alternation(t["scopes"]["world"])
    scope_name = r"(?:the\s+)?[A-Z][\w’'-]*(?:\.\w+)*(?:\s+(?:&\s+|of\s+(?:the\s+)?)?[A-Z][\w’'-]*(?:\.\w+)*)*"
    months = alternation(t["months"])
    year = r"(?:19|20)\d\d"
    part = r"(?:early|mid|late|end|end\s+of|the\s+end\s+of|beginning\s+of|the\s+beginning\s+of|start\s+of)"
    half = r"(?:(?:the\s+)?(?:first|second|1st|2nd)\s+half\s+of|H[12])"
    quarter = r"(?:(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of|Q[1-4])"
    months_of = r"(?:the\s+)?first\s+(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months\s+of"
    date = (
        rf"(?P<yearrange>\b{year}\s*[-–]\s*{year}\b)"
        rf"|(?P<fiscal>\b{year}\s*[-–/]\s*\d{{2}}(?!\d))"
        rf"|(?P<day>\b\d{{1,2}}\s+(?:{months})\s+{year}\b|\b(?:{months})\s+\d{{1,2}},\s*{year}\b)"
        rf"|(?P<monthpart>\b{part}[-\s]+(?:{months})\.?\s+{year}\b)"
        rf"|(?P<month>\b(?:{months})\.?\s+{year}\b)"
        rf"|(?P<fiscalpart>\b(?:{half}|{quarter})[-\s]+{year}\s*[-–/]\s*\d{{2}}(?!\d))"
        rf"|(?P<yearpart>\b(?:{half}|{quarter}|{part}|{months_of})[-\s]+{year}\b)"
        rf"|(?P<year>(?<![\d$.,/-]){year}(?![\d%]|\.\d|,\d{{3}}))"
    )
    flags = re.I
    return {
        "date": re.compile(date, flags),
        "qualifier_before": re.compile(rf"(?:^|(?<=[\s(“\"–—:]))(?P<q>{quals})\s+$", flags),
        "qualifier_after": re.compile(rf"^\s+(?P<q>{trailing})\b", flags),
        "money": re.compile(
            rf"(?P<sign>(?<![\w-])[-−])?(?P<cur>{currencies})\s?(?P<num>{DIGITS})(?:\s*(?P<scale>{scale})\b)?"
            rf"|(?<![\w.$])(?P<num2>{DIGITS})(?:\s*(?P<scale2>{scale}))?\s+(?P<cur2>{currency_words})\b",
            0,
        ),
        "percent": re.compile(
            rf"(?:(?P<chg>up|down|(?:increase|decrease|rise|growth|fall|drop|decline|jump|gain|reduction|cut)\s+of|"
            rf"(?:increased|decreased|grew|rose|fell|dropped|declined|jumped|gained|shrank|expanded)\s+by)\s+"
            rf"(?:(?P<chgq>{quals})\s+)?)?"
            rf"(?P<sign>(?<![\w-])[-−](?=\d))?(?<![\w.])(?P<num>{DIGITS}|{word_number})\s*"
            rf"(?:%|per\s?cent\b|percentage\s+points?\b)",
            flags,
        ),
        "rank": re.compile(
            # "the first day of January", "the third week of May": a day named, not a rank
            rf"(?P<ord>{ordinal})(?:\s+(?!globally|worldwide|internationally|(?:{alternation(t['durations'])})\b)"
            rf"(?P<noun>[a-z][\w-]*))?\s+"
            rf"(?:(?:in|among|of)\s+(?P<scope>(?:the\s+)?(?:{world})\b|{scope_name})"
            rf"|(?P<world>globally|worldwide|internationally))",
            0,
        ),
        "superlative_in": re.compile(
            rf"\bthe\s+(?:(?P<ord>{ordinal_words}|\d+(?:st|nd|rd|th))[-\s])?(?P<sup>{superlative})"
            rf"(?P<noun>(?:\s+[a-z][\w-]*){{0,4}}?)\s+(?:(?:in|of)\s+(?P<scope>(?:the\s+)?(?:world|World)\b|{scope_name})"
            rf"|(?P<world>globally|worldwide|internationally)\b)",
            0,
        ),
        "superlative": re.compile(
            rf"(?P<pre>(?P<poss>the\s+world|the\s+World|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,8}}){APOS}s\s+)"
            rf"(?:(?P<ord>{ordinal_words}|\d+(?:st|nd|rd|th))[-\s])?(?P<sup>{superlative})\b",
            0,
        ),
        "multiplier": re.compile(rf"\b(?P<verb>{alternation(t['multipliers'])})\b", flags),
        "times": re.compile(rf"(?<![\w.])(?P<num>{number})[-\s](?:fold|times)\b", flags),
        "fraction": re.compile(rf"(?<![\w-])(?P<frac>{alternation(t['fractions'])})\b(?!-)", flags),
        "per_number": re.compile(rf"\bper\s+(?P<num>{DIGITS})\b", flags),
        "rate": re.compile(rf"(?<![\w.])(?P<num>{DIGITS})\s+(?P<unit>(?:[a-z][\w-]*\s+){{0,2}}per\s+(?:{DIGITS})\s+"
                           rf"[a-z][\w-]*)", flags),
        "to_ratio": re.compile(rf"\b(?:basis\s+of|ratio\s+of)\s+(?P<a>{number})\s*(?:to|:)\s*(?P<b>{number})\b", flags),
        "duration": re.compile(
            rf"(?<![\w.$-])(?P<num>{number})\s+(?:(?:consecutive|straight|successive|full|calendar)\s+)?"
            rf"(?P<unit>{alternation(t['durations'])})\b(?!-)",
            flags,
        ),
        "count": re.compile(
            rf"(?<![\w.$/@#-])(?<!\d,)(?P<num>{number})(?:\s+(?P<scale>thousand|million|billion))?(?![\w%-])", flags
        ),
        "measure": re.compile(
            rf"(?<![\w.$-])(?P<num>{DIGITS}|{word_number})-(?P<unit>{alternation(words('measure_units'))})\b", flags
        ),
        "address": re.compile(rf"\s+(?:[A-Z][\w’'-]*\s+){{0,4}}(?:{alternation(words('address_words'))})\b", 0),
        "word_number": re.compile(word_number, flags),
        "phone": re.compile(r"(?:\+?\(?852\)?\s?)?(?<![\d,.])\d{4}[\s-]?\d{4}(?![\d,.])"
                            r"|(?:hotline|tel(?:ephone)?|phone|fax|call)\W{0,3}\d[\d\s-]{2,12}\d", flags),
        "percent_range": re.compile(
            rf"(?<![\w.])(?P<num>{DIGITS}|{word_number})(?=\s*(?:to|–|-)\s*(?:{DIGITS})\s*(?:%|per\s?cent\b))", flags
        ),
        "duration_hyphen": re.compile(
            rf"(?<![\w.$-])(?P<num>{DIGITS}|{word_number})-(?P<unit>year|month|week|day)\b(?!-)", 0
        ),
        "colon_ratio": re.compile(
            r"(?<![\d:])(?P<a>\d{1,3})\s*:\s*(?P<b>\d{1,3})(?![\d:])(?=\s+(?:matching|ratio|basis|split))", 0
        ),
        "rank_among": re.compile(
            rf"(?P<ord>{ordinal})\s+(?:among|out\s+of)\s+(?:the\s+)?(?P<n>{DIGITS})\s+(?P<what>[a-z]+)", 0
        ),
        "count_subject": re.compile(
            rf"([A-Za-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:{alternation(words('count_subject_verbs'))})"
            rf"\s+(?:(?:{alternation(phrase_map('qualifiers'))})\s+)?$",
            flags,
        ),
        "event_verb": re.compile(rf"\b(?:{alternation(words('event_verbs'))})\b", flags),
        "not_event": re.compile(rf"\b(?:{alternation(words('not_event_markers'))})\s+$", flags),
        "base": re.compile(
            r"\b(?:over|since|from|compared\s+with|compared\s+to|against|than(?:\s+in)?)\s+(?:the\s+)?(?:same\s+period\s+)?"
            r"(?:(?:its|their|the|a)\s+(?:[a-z]+\s+){0,3}(?:in|for|of)\s+)?$",
            flags,
        ),
    }


FUNCTION_WORDS = frozenset(
    "the a an in on at by for with over about around some nearly and of all its their these those our "
    "total only another each every this that since from as to up under more less than almost".split()
)
RANKING_NOUNS = tuple(words("ranking_nouns"))
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


@dataclass
class _Date:
    start: int
    end: int
    kind: str
    base: bool  # "over 2017": the base of a change, not the figure's own period
    name_year: bool  # "Index 2021": an edition year standing in a name
    target: bool = False  # "by 2027": a deadline, the period only of a figure in its own clause


def _dates(text: str) -> list[_Date]:
    """Date phrases of a statement; 'from 2024-25 to 2033-34' and 'between 2018 and 2022' become one range."""
    found: list[_Date] = []
    named_after = rf"\b(?:{alternation(list(tables()['months']))}|In|By|Since|As|At|Of|On|From)\s+$"
    for m in patterns()["date"].finditer(text):
        kind = m.lastgroup or "year"
        at = m.start()
        base = bool(_ends_before(patterns()["base"], text, at)) or (
            kind == "year" and bool(_ends_before(r"\bon\s+$", text, at)))
        # "since its launch in June 2018", "since the scheme began in 2009": where a running total starts
        window = max(0, at - LOOKBACK)
        clause_start = max(text.rfind(",", window, at), text.rfind(";", window, at), text.rfind("(", window, at))
        base = base or bool(_ends_before(r"\bsince\b[^\d]{0,50}\bin\s+$", text, at, re.I, start=clause_start + 1))
        target = bool(_ends_before(r"\bby\s+(?:the\s+)?$", text, at, re.I))
        name_year = kind in ("year", "fiscal") and bool(_ends_before(r"[A-Z][\w’'-]*\s+$", text, at)) \
            and not _ends_before(named_after, text, at, re.I)
        if kind == "fiscal" and _starts_at(r"\s+[A-Z]", text, m.end()):
            name_year = True  # "the 2022-23 Budget": a year in a name
        previous = found[-1] if found else None
        joined = previous and re.fullmatch(r"\s*(?:to|and|until|till|through|–|-)\s*", text[previous.end : m.start()])
        if joined and (_ends_before(r"\b(?:from|between)\s+(?:the\s+)?$", text, previous.start, re.I) or (
                previous.kind in ("year", "fiscal") and kind == previous.kind
                and not re.fullmatch(r"\s*and\s*", text[previous.end : m.start()]))):
            found[-1] = _Date(previous.start, m.end(), "range", False, False)
            continue
        found.append(_Date(m.start(), m.end(), kind, base, name_year, target))
    return found


# --- labels -------------------------------------------------------------------------------------------

# Spaces before a delimiter are read from where they start ((?<!\s)): a long run of spaces is not rescanned
# from each of them. Same matches as \s*(?:[;:()]|,\s|\s[–—]\s|\s(?:and|but|while)\s(?=[a-z]+ed\b))\s*
CLAUSE_SPLIT = re.compile(
    r"(?:(?:(?<!\s)\s+)?(?:[;:()]|,\s)|(?<!\s)\s+(?:[–—]\s|(?:and|but|while)\s(?=[a-z]+ed\b)))\s*")
RESTATED = re.compile(r",\s*(?:equivalent\s+to|or)\s+(?:about\s+|some\s+)?$")
YEAR_EARLIER = re.compile(
    r"[^.;]{0,30}?\b(?:year[- ]on[- ]year|(?:from|than|on|over|compared\s+with)\s+(?:a\s+year\s+(?:earlier|ago|before)"
    r"|the\s+same\s+period\s+(?:last|of\s+the\s+previous)\s+year|the\s+previous\s+year|last\s+year))", re.I
)
ACRONYM_AFTER_NAME = re.compile(  # a name of at most 16 words: a run of capitals is not rescanned from each
    r"(?:[A-Z][\w&’'-]*,?\s+(?:(?:and|of|for|the|&|on|to|by)\s+)*){1,16}\(([A-Z][A-Za-z&+]{1,9}(?:\s[A-Z]\w{1,9})?)\)"
)
RELATIVE_OWNER = re.compile(r"(?:in|of|for|at|on|by)\s+(?:the\s+)?([\w\s-]{3,40}?),\s+(?:which|that)\s+\S+\s*$")
LEADING_PHRASE = re.compile(r"^(?:In|As\s+at|As\s+of|By|Since|At|On|During|From|Over|Through)\b[^,]{0,60},\s*")
AUX = frozenset(words("auxiliaries"))


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a span: bounded by its sentence, ; : ( ) commas and dashes, and at most
    CLAUSE_REACH chars either side (cut at a space)."""
    a, b = _sentence_of(_sentences(text), start)
    if start - a > CLAUSE_REACH:
        a = _word_start(text, start - CLAUSE_REACH, start)
    if b - end > CLAUSE_REACH:
        b = _word_end(text, end, end + CLAUSE_REACH)
    for m in CLAUSE_SPLIT.finditer(text, a, start):
        if m.end() <= start:
            a = m.end()
    for m in CLAUSE_SPLIT.finditer(text, end, b):
        b = m.start()
        break
    return a, b


def _word_start(text: str, pos: int, limit: int) -> int:
    """The first word start after a space at or after pos (before limit): a window cut at a space, not
    inside a word or a run of spaces."""
    space = _compiled(r"\s+").search(text, pos, limit)
    return space.end() if space else pos


def _word_end(text: str, start: int, pos: int) -> int:
    """The last space at or before pos (after start): a window cut at a space, not inside a word."""
    space = text.rfind(" ", start, pos + 1)
    return space if space >= 0 else pos


# (?<!\s) again: each run of spaces is tried once, from its start
LEADER_DOTS = re.compile(r"(?:(?<!\s)\s+)?(?:\.{3,}|…+|·{3,}|_{3,})\s*")
SPACE_BEFORE_STOP = re.compile(r"(?<!\s)\s+([,.;:)])")


def _tidy(label: str) -> str:
    label = re.sub(r"[“”\"]", "", label)
    label = LEADER_DOTS.sub(" ", label)  # a table row's dot leader
    label = SPACE_BEFORE_STOP.sub(r"\1", label)
    label = re.sub(r"\(\s*\)", "", label)
    label = re.sub(r"\s+", " ", label).strip(" ,;:.–—-")
    label = re.sub(r"^(?:the|a|an|and|or|but|which|that|who|where)\s+", "", label, flags=re.I)
    trailing = _compiled(rf"(?<!\s)\s+(?:{alternation(words('label_trailing_verbs'))})$", re.I)
    while trailing.search(label):
        label = trailing.sub("", label).rstrip(" ,;:")
    return label[:1].upper() + label[1:]


def _uncap(word: str) -> str:
    """'Areas' -> 'areas' but 'TEUs' and 'Wi-Fi.HK' stay: undo a label's capital, never a name's."""
    first = word.split(" ", 1)[0]
    return word[:1].lower() + word[1:] if first[1:].islower() else word


def _shorten(label: str, limit: int = 80) -> str:
    """At most `limit` chars, cut at a word and without a dangling function word."""
    label = _tidy(label)
    if len(label) <= limit:
        return label
    cut = label[:limit + 1].rsplit(" ", 1)[0]
    while True:
        head, _, last = cut.rpartition(" ")
        if head and last.lower() in FUNCTION_WORDS | {"to", "its", "their", "which", "who"}:
            cut = head
            continue
        return _tidy(cut)[:limit]


def _acronym_subject(text: str) -> str:
    """'The Hong Kong Science and Technology Parks Corporation (HKSTPC) has' -> 'HKSTPC has'."""
    return ACRONYM_AFTER_NAME.sub(r"\1", text)


def _resolve_anaphora(clause: str, statement: str, clause_start: int) -> str:
    """'the Scheme' -> the Scheme's full name given earlier in the same bullet."""
    def named(m: re.Match[str]) -> str:
        noun = m.group(1)
        full = _compiled(rf"((?:[A-Z][\w&’'-]*\s+){{1,12}}{noun})\b").findall(
            statement, max(0, clause_start - 5 * LOOKBACK), clause_start)
        return full[-1] if full else m.group(0)

    return re.sub(r"\bthe\s+(Scheme|Fund|Programme|Program|Platform|Centre|Hub|Park|Index|Initiative|Project)\b",
                  named, clause)


def _name_after(text: str, end: int) -> str:
    """A proper name right after an amount: '$2 billion Innovation and Technology Venture Fund (ITVF)'."""
    m = _starts_at(
        r"\s+[“\"]?((?:[A-Z0-9][\w&’'@.+-]*[”\"]?,?\s+(?:(?:and|of|for|in|on|the|&)\s+)*){0,12}"
        r"(?:Fund|Programme|Program|Scheme|Initiative|Project|Centre|Center|Hub|Plan|Platform|Park|"
        r"Grant|Account|Facility|Lab|Laboratory|Award|Prize|Strategy|Foundation|Trust|Reserve|Budget|Loan)s?"
        # "... Fund on Branding, Upgrading and Domestic Sales", "... Scheme to Support Transitional Housing"
        r"(?:\s+(?:on|for|to|of|by)\s+(?:[A-Z][\w&’'-]*,?\s+(?:(?:and|of|for|in|on|the|&|by)\s+)*){0,12}"
        r"[A-Z][\w&’'-]*)?)"
        r"(?:\s+\(([A-Z][\w&+ ]{1,12})\))?",
        text, end,
    )
    if not m:
        return ""
    name = m.group(1).replace("”", "").replace("“", "").replace('"', "")
    return f"{name} ({m.group(2)})" if m.group(2) else name


def _context_label(text: str, start: int, end: int, drops: list[tuple[int, int]]) -> str:
    """The clause around a figure with the figure, dates and tense words taken out."""
    a, b = _clause(text, start, end)
    pieces = []
    pos = a
    for s, e in sorted([(start, end), *[d for d in drops if a <= d[0] and d[1] <= b]]):
        if s >= pos:
            pieces.append(text[pos:s])
            pos = e
    pieces.append(text[pos:b])
    clause = " ".join(pieces)
    clause = re.sub(r"\b(?:in|as\s+at|as\s+of|by|since|on)\s+(?=\s|[,.;]|$)", " ", clause, flags=re.I)
    clause = _resolve_anaphora(clause, text, a)
    clause = _acronym_subject(clause)
    kept = [w for w in clause.split() if w.lower() not in AUX]
    return " ".join(kept)


def _topic(text: str) -> str:
    """What a sentence is about: words before its first colon, else its subject's proper name.

    Said in its first TOPIC_REACH chars; cached, as every figure of a sentence asks.
    """
    return _topic_of(text[:TOPIC_REACH])


@lru_cache(maxsize=1024)
def _topic_of(text: str) -> str:
    m = re.match(r"([^:;.]{3,60}):\s", text)
    if m:
        return m.group(1)
    text = _acronym_subject(LEADING_PHRASE.sub("", text))
    # amounts are figures of their own, not part of what the sentence is about
    text = re.sub(r"(?:(?:[A-Z]{0,3}\$|RMB\s?)[\d.,]+|\d[\d.,]*\s*(?:million|billion|trillion|mn|bn)\b"
                  r"|\b\d{1,3}(?:[, ]\d{3})+\b)(?:\s*(?:million|billion|trillion|mn|bn)\b)?\s*", "", text)
    verbs = alternation(words("subject_verbs"))
    m = re.match(rf"(?:the\s+|The\s+)?([^,;:()]{{3,60}}?)(?:,[^,]{{3,80}},)?\s+(?:(?:now|currently|also|already|still|"
                 rf"further|together)\s+)?(?:{verbs})\b", text)
    if m and not re.search(r"[$%]|^(?:There|It|This|These|They|Some|About|Around|Over|Nearly)$", m.group(1)):
        return " ".join(w for w in m.group(1).split() if w.lower() not in AUX)
    if re.match(r"(?:Some|About|Around|Over|Nearly|Almost|Up|In|On|At|By|More|Less|There|It|This|These|They)\b",
                text):
        return ""
    first = re.match(r"(?:An?|The)\s+([a-z][^,;:()]{8,}?)\s*(?:,|$)", text)
    if first and not re.search(rf"\b(?:{verbs})\b", first.group(1)):
        # a bullet with no verb ("An extra half-month allowance for ..., involving about $4.4 billion")
        return _shorten(first.group(1), 60)
    m = re.match(r"(?:the\s+|The\s+)?((?:[A-Z][\w&’'.@-]*\s*(?:(?:of|for|and|&)\s+(?=[A-Z]))?)+)", text)
    return m.group(1).strip() if m else ""


def _sentence_topic(text: str, sentences: Spans, pos: int) -> str:
    """What the sentence holding pos is about (only its head is copied)."""
    a, b = _sentence_of(sentences, pos)
    return _topic(text[a : min(b, a + TOPIC_REACH)])


def _plural(word: str) -> bool:
    w = word.strip("“”\"").lower()
    return w.endswith("s") and not w.endswith("ss")


def _count_noun(text: str, end: int) -> tuple[str, str]:
    """The noun phrase counted after a number, and its head word (the unit): '“Wi-Fi.HK” hotspots'."""
    stop = set(words("count_stop_words"))
    verbs = set(words("count_verbs"))
    phrase: list[str] = []
    pos = end
    while True:
        m = re.compile(r"\s+([“\"]?\w[\w’'.&/@-]*?[”\"]?)([,;:.)]?)(?=\s|$|[,;:.)](?:\s|$))").match(text, pos)
        if not m:
            break
        pos = m.end()
        word = m.group(1)
        bare = word.strip("“”\"").lower()
        if bare in stop or re.fullmatch(r"[\d.,]+", bare):
            break
        if bare in ("and", "or") and (not phrase or _plural(phrase[-1])):
            break
        if phrase and (_plural(phrase[-1]) or phrase[-1].lower() in ("people", "persons", "children", "staff")) and (
                bare.endswith("ed") or bare.endswith("ing") or bare in verbs):
            break
        if not phrase and bare in verbs and not _starts_at(r"\s+[a-z][\w-]*s\b", text, pos):
            break  # "77 operate in Hong Kong" (but "5,000 work permits")
        phrase.append(word)
        if m.group(2) or len(phrase) >= 8:
            break
    while phrase and phrase[-1].lower() in ("and", "or"):
        phrase.pop()
    noun = " ".join(phrase).strip()
    head = re.sub(r"[“”\"]", "", phrase[-1]).lower() if phrase else ""
    return noun, head


def _ranking_name(sentence: str, at: int | None = None) -> str:
    """The ranking a rank belongs to: the proper name holding 'Index', 'Ranking', 'Report'... nearest before
    the rank at `at` (else the first), or the sentence's subject."""
    names = _ranking_names(sentence)
    if names:
        before = [n for s, n in names if at is None or s < at]
        return before[-1] if before else names[0][1]
    return _topic(sentence)


@lru_cache(maxsize=64)
def _ranking_names(sentence: str) -> tuple[tuple[int, str], ...]:
    """(start, name) of the proper names in a sentence that hold a ranking noun (cached: each rank asks)."""
    lead = re.match(r"(?:In|According to|Under)\s+(?:the\s+)?", sentence)
    names = []
    for m in re.finditer(r"(?:[A-Z][\w&’'.-]*\s+(?:(?:of|for|and|&|the|on)\s+)*)*[A-Z][\w&’'.-]*(?:\s+(?:19|20)\d\d)?",
                         sentence[lead.end() if lead else 0 :]):
        if any(re.search(rf"\b{n}\b", m.group(0)) for n in RANKING_NOUNS):
            name = re.sub(r"^.*?[’']s\s+(?=[A-Z])", "", m.group(0)) if len(m.group(0)) > 50 else m.group(0)
            names.append((m.start() + (lead.end() if lead else 0), name))
    return tuple(names)


# --- the grammar ------------------------------------------------------------------------------------------


class _Claims:
    """Spans already read as a figure or a date: one stretch of text yields one figure.

    Kept as sorted, disjoint unions of the (non-empty) spans taken, so a check is a bisection, not a scan
    of every figure before it.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, a: int, b: int) -> bool:
        i = bisect_left(self.starts, b) - 1  # the last union starting before b
        return i < 0 or self.ends[i] <= a

    def take(self, a: int, b: int) -> None:
        lo = bisect_left(self.ends, a)  # first union ending at or after a: may touch or overlap [a, b)
        hi = bisect_right(self.starts, b)  # unions starting after b stay apart
        if lo < hi:
            a, b = min(a, self.starts[lo]), max(b, self.ends[hi - 1])
        self.starts[lo:hi] = [a]
        self.ends[lo:hi] = [b]


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


def _is_name_number(text: str, start: int) -> bool:
    """'Digital 21', 'Industry 4.0', 'Hong Kong 2.0': a number right after a proper word is a name."""
    m = _ends_before(r"([A-Za-z][\w’'-]*)\s+$", text, start)
    if not m:
        return False
    word = m.group(1)
    if re.search(r"[’']s$", word):
        return False  # "Hong Kong’s 18 districts": a possessive owns the figure, it does not name it
    if word.lower() in set(words("name_numbers")):
        return True
    qualifier_words = {w for phrase in phrase_map("qualifiers") for w in phrase.split()}
    return (word[:1].isupper() and word.lower() not in FUNCTION_WORDS | qualifier_words
            and not _starts_at(r"\d{1,3}[, ]\d{3}", text, start))


PRONOUN_START = re.compile(r"(?:It|Its|They|Their|This|These|Those|He|She)\b")
FEW_WORDS = re.compile(r"\s*+(?:\S++\s*+){0,2}+")  # fullmatch: at most two words (possessive: read once)


class _Placed:
    """A statement's figures by position: 'the figure just before this one' is a bisection, not a scan."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.figures: list[FigureMention] = []

    def add(self, figure: FigureMention) -> None:
        i = bisect_right(self.starts, figure.start)
        self.starts.insert(i, figure.start)
        self.figures.insert(i, figure)

    def last_before(self, lo: int, hi: int, keep: Callable[[FigureMention], bool]) -> FigureMention | None:
        """The kept figure starting latest in [lo, hi)."""
        i = bisect_left(self.starts, hi) - 1
        while i >= 0 and self.starts[i] >= lo:
            if keep(self.figures[i]):
                return self.figures[i]
            i -= 1
        return None


def extract_statement(statement: Statement, antecedent: str = "") -> tuple[list[FigureMention], list[EventMention]]:
    """Every figure and dated event of one statement; `antecedent` is what 'It' or 'Their' opening it refers to."""
    text = statement.text
    p = patterns()
    sentences = _sentences(text)
    dates = _dates(text)
    claims = _Claims()
    for d in dates:
        claims.take(d.start, d.end)
    for m in p["phone"].finditer(text):  # "hotline: 2804 2600", "(852) 2835 1473" are no figures
        claims.take(m.start(), m.end())
    for m in p["per_number"].finditer(text):  # "4.4 per 1,000 population": the 1,000 only scales the rate
        claims.take(m.start("num"), m.end("num"))
    figures: list[FigureMention] = []
    placed = _Placed()
    date_spans = [(d.start, d.end) for d in dates]
    date_starts = [d.start for d in dates]

    event_starts = sorted({e.start for e in _events(statement, dates, sentences)})
    # a date that opens its sentence ("In 2020, ...", "As at end-2023, ...") frames all of it
    framing = {id(d): d.start - (a := _sentence_of(sentences, d.start)[0]) <= LOOKBACK
               and bool(FEW_WORDS.fullmatch(text, a, d.start)) for d in dates}
    # a date within 20 chars after an event's start is that event's
    of_event = {id(d) for d in dates if (i := bisect_right(event_starts, d.start) - 1) >= 0
                and d.start < event_starts[i] + 20}
    framing_dates = [d for d in dates if not d.base and framing[id(d)]]
    framing_starts = [d.start for d in framing_dates]

    def period_for(start: int, end: int, kind: str) -> tuple[str, str]:
        """The figure's own date phrase and, for a change, its base: clause first, then sentence, then bullet."""
        a, b = _sentence_of(sentences, start)
        ca, cb = _clause(text, start, end)
        in_sentence = dates[bisect_left(date_starts, a) : bisect_left(date_starts, b)]
        own = [d for d in in_sentence if not d.base]
        between = lambda d: text[end : d.start] if d.start >= end else text[d.end : start]  # noqa: E731
        tail = [d for d in own if end <= d.start <= end + LOOKBACK and len(between(d).split()) <= 6
                and not re.search(r"[\d;:()$%]", between(d))]
        clause = [d for d in own if ca <= d.start < cb]
        # "X, launched in 2003, now covers 49 cities": a figure of the present takes no date from elsewhere
        present = bool(re.search(r"\b(?:now|currently|at present|today|to date|so far)\b", text[ca:cb], re.I))
        sentence = [d for d in own if (framing[id(d)] or ca <= d.start < cb
                    or not (present and id(d) in of_event)) and not d.target]
        framed = [d for d in sentence if framing[id(d)]]  # "As at end-March 2024, ..." frames the whole sentence
        before = bisect_left(framing_starts, a)
        earlier = framing_dates[before - 1 : before] if before else []
        nearest = None
        for pool in (tail, clause, framed, sentence):
            if pool:
                # nearest; on a tie the one after the figure ("from 2.1% in 2019 to 4.2% in 2022")
                nearest = min(pool, key=lambda d: (abs(d.start - start), d.start < start))
                break
        if nearest is None and earlier:
            nearest = earlier[-1]
        period_text = text[nearest.start : nearest.end] if nearest else ""
        near_base = [d for d in in_sentence if d.base and 0 <= d.start - start <= 60]
        base_text = text[near_base[0].start : near_base[0].end] if near_base else ""
        if not base_text and kind == "percent":
            if YEAR_EARLIER.match(text, end):  # "up 35.6 per cent year-on-year": the base is a year before
                base_text = "a year earlier"
            elif len(own) >= 2 and period_text:  # "from 29 600 in 2017-18 to 33 000 in 2023-24, an increase of 11%"
                first = own[0]
                if first.start != nearest.start:
                    base_text = text[first.start : first.end]
        return period_text, base_text

    def add(start: int, end: int, kind: str, rule: str, *, number: str = "", scale: str = "",
            currency: str = "", unit: str = "", scope: str = "", label: str = "", qualifier: str | None = None,
            base: bool = False, noun: str = "") -> None:
        if qualifier is None:
            qualifier, start, end = _qualifier(text, start, end, kind)
        period_text, base_text = period_for(start, end, kind)
        if not base:
            base_text = ""
        if not label and kind not in ("count", "duration"):
            sa, sb = _sentence_of(sentences, start)
            blocked = tuple((x - sa, y - sa) for x, y in date_spans if sa <= x and y <= sb)
            label = measured(text[sa:sb], start - sa, end - sa, blocked, antecedent)
        if not label:
            label = _context_label(text, start, end, date_spans)
            sa, sb = _sentence_of(sentences, start)
            sentence = text[sa : min(sb, sa + TOPIC_REACH)]  # its head: what it is about
            if kind == "count" and (noun.lower() not in label.lower() or len(label) > 80
                                    or re.search(r"\d", label.replace(noun, ""))):
                topic = _shorten(_topic(sentence), 78 - len(noun))  # the counted noun must survive the limit
                label = noun if len(noun.split()) > 1 else f"{topic}: {_uncap(noun)}"
            elif len(_tidy(label).split()) <= 3 or re.match(r"[a-z]+(?:ed|ing)\b|which\b|that\b", label) \
                    or re.match(r"(?:for|to|with|per|of|in|on|at|by)\b", _tidy(label), re.I) \
                    or re.match(rf"(?:{alternation(words('subject_verbs'))})\b", label):
                # a bare verb or preposition phrase: say whose figure it is
                topic = _topic(sentence)
                if not topic and antecedent and PRONOUN_START.match(sentence):
                    topic = antecedent  # "It increased by 2.1 per cent": the population of the sentence before
                ca = _clause(text, start, end)[0]
                relative = RELATIVE_OWNER.search(text[max(0, ca - LOOKBACK) : ca] + label.split(" ")[0])
                participle = not relative and re.match(r"[a-z]+ing\b", label)
                earlier = participle and placed.last_before(sa, start, lambda f: f.rule != "percent-change")
                if relative:
                    topic = relative.group(1)
                elif earlier:
                    # "4,257 start-ups ..., employing 15 234 people": the participle belongs to the figure before
                    topic = earlier.label
                if topic.lower() in label.lower():
                    pass
                elif _tidy(label).lower() in topic.lower():
                    label = topic
                else:  # the topic gives way so the clause's own words survive the length limit
                    room = max(24, 78 - len(_tidy(label)))
                    if len(topic) > room:  # "World Intellectual Property Organization’s Global Innovation Index"
                        topic = re.sub(r"^.*[’']s\s+(?=[A-Z])", "", topic)
                    label = f"{_shorten(topic, room)}: {_uncap(_tidy(label))}"

            if kind == "duration":  # the unit survives the length limit: the clause gives way
                label = f"{_shorten(label, 80 - len(unit) - 3)} ({unit})"
        figures.append(FigureMention(statement, start, end, kind, number, scale, currency, unit, qualifier,
                                     period_text, base_text, scope, _shorten(label), rule))
        placed.add(figures[-1])
        claims.take(start, end)

    # ranks: "1st in Asia-Pacific", "No.3 in the world", "third globally"
    for m in p["rank"].finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        if re.match(r"[A-Z]", m.group("ord")) and not re.match(r"No", m.group("ord")):
            continue  # "First Prize in ..." is a name, not a rank
        scope = m.group("scope") or "World"
        if m.group("scope") and re.search(alternation(tables()["scopes"]["world"]), m.group("scope"), re.I):
            scope = "World"
        scope = re.sub(r"^the\s+", "", scope)
        a, b = _sentence_of(sentences, m.start())
        name = _ranking_name(text[a:b], m.start() - a)
        ca, _ = _clause(text, m.start(), m.end())
        if not any(n in name for n in RANKING_NOUNS) and re.match(r"\s*\w+ing\b", text[ca : m.start()]) and (
                earlier := placed.last_before(a, m.start(), lambda f: f.kind != "rank")):
            name = earlier.label  # "..., placing Hong Kong first in Asia"
        if any(re.search(rf"\b{n}\b", scope) for n in RANKING_NOUNS) or (
                len((m.group("scope") or "").split()) >= 4 and re.search(r"\bWorld\b", m.group("scope") or "")):
            # "first in the Index of Economic Freedom", "No. 1 in the Economic Freedom of the World": global rankings
            name, scope = re.sub(r"^the\s+", "", m.group("scope") or scope), "World"
        purpose = _starts_at(r"\s+for\s+([^,.;()]+?)(?=\s+and\s+\w+\s+(?:in|globally|worldwide)|[,.;()]|$)",
                             text, m.end())
        what = f" for {purpose.group(1)}" if purpose else ""
        if len(f"{name}: rank in {scope}{what}") > 80:
            name = re.sub(r"^.*[’']s\s+(?=[A-Z])", "", name)
        add(m.start(), m.end(), "rank", "rank-ordinal-scope", number=m.group("ord"), scope=scope,
            label=f"{name}: rank in {scope}{what}", qualifier="exact")
    for m in p["rank_among"].finditer(text):
        if claims.free(m.start(), m.end("ord")) and not re.match(r"[A-Z]", m.group("ord")[:1]) or (
            claims.free(m.start(), m.end("ord")) and m.group("ord").startswith("No")
        ):
            a, b = _sentence_of(sentences, m.start())
            add(m.start(), m.end("ord"), "rank", "rank-among", number=m.group("ord"), qualifier="exact", scope="World",
                label=f"{_ranking_name(text[a:b], m.start() - a)}: rank among {m.group('n')} {m.group('what')}")
    # superlatives: "Asia's largest", "the world's second-largest"
    chain = list(p["superlative"].finditer(text))
    # "Asia's largest and the world's second-largest": from chain[i] on, only "and" or "," between them
    joined_to_end = [True] * len(chain)
    for i in range(len(chain) - 2, -1, -1):
        joined_to_end[i] = joined_to_end[i + 1] and bool(
            re.fullmatch(r"\s*(?:and|,)\s*", text[chain[i].end() : chain[i + 1].start()]))
    for i, m in enumerate(chain):
        if not claims.free(m.start(), m.end()):
            continue
        if _ends_before(r"\b(?:one|some|many|several|among|two|three)\s+of\s+$", text, m.start(), re.I):
            continue
        if _starts_at(r"\s+\d", text, m.end()):
            continue  # "the world's top 100 banks" names a group, not a rank
        poss = m.group("poss")
        scope = "World" if poss.lower().endswith("world") else re.sub(r"^the\s+", "", poss)
        last = chain[-1] if joined_to_end[i] else m
        noun, _ = _count_noun(text, last.end())
        tail = _starts_at(r"[^.;:,]{0,400}", text, last.end()).group(0).strip()
        if not tail or re.match(r"(?:in|for|by|among|on|at|as)\b", tail):
            subject = _sentence_topic(text, sentences, m.start()) + (f" {tail}" if tail else "")
        else:
            subject = tail
        start = m.start("pre") if poss.lower() != "the world" else m.start()
        add(start, m.end(), "rank", "rank-superlative", number=m.group("ord") or "first", scope=scope,
            label=f"{subject}: rank in {scope}", qualifier="exact")
    # "the freest economy in the world", "the second busiest airport in Asia"
    for m in p["superlative_in"].finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        if _ends_before(r"\b(?:(?:one|some|many|several|among|two|three)\s+of|among)\s+$", text, m.start(), re.I):
            continue  # "among the highest in the world" is no rank
        where = m.group("scope") or "world"
        scope = "World" if where.lower().endswith("world") else re.sub(r"^the\s+", "", where)
        thing = m.group("noun").strip() or _sentence_topic(text, sentences, m.start())
        add(m.start(), m.end(), "rank", "rank-superlative-in", number=m.group("ord") or "first", scope=scope,
            label=f"{m.group('sup')} {thing}: rank in {scope}", qualifier="exact")
    # money: "over $1.466 billion", "HK$3.2 bn", "500 million Hong Kong dollars"
    for m in p["money"].finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        cur = m.group("cur") or m.group("cur2")
        num = (m.group("sign") or "") + (m.group("num") or m.group("num2"))
        scale = m.group("scale") or m.group("scale2") or ""
        name = _name_after(text, m.end())
        add(m.start(), m.end(), "money", "money-currency-amount", number=num, scale=scale, currency=cur,
            label=name)
    # percents: "over 90%", "up 68% over 2017", "12.5 per cent"
    for m in p["percent"].finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        # "2.3 per cent more than in 2022"
        change = bool(m.group("chg")) or bool(_starts_at(r"\s+(?:more|less|higher|lower|above|below)\s+than\b",
                                                         text, m.end()))
        start = m.start()
        if change and (m.group("chg") or "").lower() == "up" and _ends_before(
                r"\b(?:make|makes|made|making)\s+$", text, m.start(), re.I):
            change, start = False, m.start("num")  # "made up 99.3% of exports" is a share, not a rise
        label = ""
        inner = phrase_map("qualifiers").get(re.sub(r"\s+", " ", (m.group("chgq") or "").lower()))
        add(start, m.end(), "percent", "percent-change" if change else "percent",
            number=(m.group("sign") or "") + m.group("num"),
            unit="percent", label=label, base=change, qualifier=inner)  # "a fall of nearly 40 per cent"
    for m in p["percent_range"].finditer(text):  # "a co-payment of 5 to 40 per cent"
        if claims.free(m.start(), m.end()):
            add(m.start(), m.end(), "percent", "percent-range", number=m.group("num"), unit="percent")
    # ratios: "doubles", "three-fold", "a matching basis of one to one"
    for m in p["to_ratio"].finditer(text):
        if claims.free(m.start("a"), m.end()):
            add(m.start("a"), m.end(), "ratio", "ratio-a-to-b", number=f"{m.group('a')}/{m.group('b')}",
                unit="ratio", qualifier="exact")
    for m in p["multiplier"].finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        if m.group("verb").lower() in ("double", "triple") and _starts_at(
                r"\s+[a-z]+(?!\s+(?:the|that|its|their))", text, m.end()) and not _starts_at(
                r"\s+(?:the|that|its|their|from|to|in|between)\b", text, m.end()):
            continue  # "double taxation agreements": an adjective, not a multiple
        add(m.start(), m.end(), "ratio", "ratio-multiplier-verb", number=m.group("verb"), unit="ratio")
    for m in p["times"].finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        if _starts_at(r"\s+(?:as|more|less|larger|bigger|higher|greater|smaller|the|that|what)\b", text, m.end()) \
                or "fold" in m.group(0).lower():
            add(m.start(), m.end(), "ratio", "ratio-times", number=m.group("num"), unit="ratio")
        else:  # "Signal No. 8 was hoisted 5 times in 2023": occurrences
            add(m.start(), m.end(), "count", "count-times", number=m.group("num"), unit="times")
    for m in p["rate"].finditer(text):  # "4.4 per 1,000 population", "838 males per 1 000 females"
        if claims.free(m.start("num"), m.end("num")):
            add(m.start("num"), m.end("num"), "ratio", "ratio-rate", number=m.group("num"), unit="ratio",
                label=f"{_sentence_topic(text, sentences, m.start())}: {m.group('unit')}".strip(": "))
    for m in p["fraction"].finditer(text):  # "one in five residents", "about two-thirds of"
        spans_time = r"\s+(?:a\s+dozen|an?\s+(?:hour|day|year|month|century)|(?:hour|day|year|month|time)s?\b)"
        if claims.free(m.start(), m.end()) and _starts_at(r"\s+(?:of\b|[a-z]+)", text, m.end()) \
                and not _starts_at(spans_time, text, m.end()):
            add(m.start(), m.end(), "percent", "percent-fraction",
                number=str(tables()["fractions"][re.sub(r"\s+", " ", m.group("frac").lower())]), unit="percent")
    for m in p["colon_ratio"].finditer(text):
        if claims.free(m.start(), m.end()):
            add(m.start(), m.end(), "ratio", "ratio-a-to-b", number=f"{m.group('a')}/{m.group('b')}", unit="ratio",
                qualifier="exact")
    # "a 24-month extension" (but not the "14th Five-Year Plan", a name)
    for m in p["duration_hyphen"].finditer(text):
        if claims.free(m.start(), m.end()) and not _is_name_number(text, m.start()) and m.group("num")[:1].islower() \
                or claims.free(m.start(), m.end()) and m.group("num")[:1].isdigit():
            add(m.start(), m.end(), "duration", "duration-hyphen", number=m.group("num"), unit=m.group("unit") + "s")
    # durations: "in the past three years", "for 18 months"
    for m in p["duration"].finditer(text):
        if not claims.free(m.start(), m.end()) or _is_name_number(text, m.start()):
            continue
        add(m.start(), m.end(), "duration", "duration", number=m.group("num"),
            unit=m.group("unit").lower())
    # measures: "the 55-kilometre bridge", "a 22-hectare site"
    for m in p["measure"].finditer(text):
        if claims.free(m.start(), m.end()) and not _is_name_number(text, m.start()):
            thing, _ = _count_noun(text, m.end())
            add(m.start(), m.end(), "count", "count-measure", number=m.group("num"), unit=m.group("unit").lower(),
                label=f"{_tidy(thing)}: {m.group('unit').lower()}s" if thing else "")
    # counts: "over 44,500 “Wi-Fi.HK” hotspots", "six areas", "up to four research talents"
    for m in p["count"].finditer(text):
        if not claims.free(m.start(), m.end()) or _is_name_number(text, m.start()):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
            continue
        if _ends_before(r"\btop\s+$", text, m.start(), re.I):
            continue  # "the world's top 100 banks" names a group, it counts nothing
        if m.group("num").lower() == "one" and _ends_before(r"\b(?:any|each|every|no|at)\s+$", text, m.start(), re.I):
            continue  # "at any one time"
        noun, head = _count_noun(text, m.end())
        if p["address"].match(text, m.end()):
            continue  # "33 Fat Kwong Street"
        first = noun.split()[0].strip("“”\"") if noun else ""
        if first in set(words("name_number_nouns")) or (
                m.group("num")[:1].isupper() and first[:1].isupper() and _compiled(r"\S").search(text, 0, m.start())):
            continue  # "the 1823 hotline", "the Eight Regions": a number inside a name
        if _starts_at(r"\s+(?:[\w-]+\s+){0,2}(?:for|to)\s+every\b", text, m.end()) or _ends_before(
                r"\bfor\s+every\s+$", text, m.start(), re.I):
            continue  # "one doctor for every 580 people": a rate, not two counts
        part_of = _starts_at(r"\s+of\s+(?:its|the|their|these|those|our)\s+(?![\w-]*est\b|most\b|\d|"
                           rf"(?:{p['word_number'].pattern})\b)", text, m.end(), re.I)
        if not noun and part_of and m.group("num").lower() != "one":  # "12 of its projects will be completed"
            noun, head = _count_noun(text, part_of.end() - 1)
        borrowed = _starts_at(rf"\s+(?:to|and|or)\s+(?:{DIGITS}|{p['word_number'].pattern})\s+", text, m.end(), re.I)
        if not noun and borrowed:  # "15 to 20 years", "seven to 180 days": the first number shares the unit
            noun, head = _count_noun(text, borrowed.end() - 1)
            if head in tables()["durations"]:
                add(m.start(), m.end(), "duration", "duration-range", number=m.group("num"), unit=head)
                continue
        if not noun and (_sizeable(m) or not _ends_before(r"\b(?:is|are|was|were)\s+(?:\w+\s+)?$", text,
                                                             m.start())):
            subject = _ends_before(p["count_subject"], text, m.start())
            if subject and _plural(subject.group(1).split()[-1]) and subject.group(1).lower() not in FUNCTION_WORDS:
                noun, head = subject.group(1), subject.group(1).split()[-1].lower()
        if not noun and _quantity_like(text, m) and not _starts_at(r"\s+(?:for|in|to)\s+(?:every|each)\b|\s+per\b",
                                                                   text, m.end()):
            noun, head = _implied_noun(text, m.start(), m.end(), sentences, figures)
        if not noun or head in set(words("not_count_nouns")):
            continue
        add(m.start(), m.end(), "count", "count-noun", number=m.group("num"), scale=m.group("scale") or "",
            unit=head, label=_count_label(text, m.start(), m.end(), noun, sentences), noun=_tidy(noun))
    figures.sort(key=lambda f: f.start)
    return _name_changes(figures), _events(statement, dates, sentences)


def _implied_noun(text: str, start: int, end: int, sentences: Spans,
                  figures: list[FigureMention]) -> tuple[str, str]:
    """What a number with no noun after it counts: the noun of the count it belongs to ("2,000 start-ups, of
    which close to 900 are incubated"), else the subject of its clause or sentence ("Arrivals reached about
    21.2 million", "Mainland visitors accounted for 80% of arrivals, at some 26.8 million")."""
    a, _ = _sentence_of(sentences, start)
    ca, _ = _clause(text, start, end)
    if re.search(r"\b(?:of which|of whom|of them|including|among them)\b", text[ca:start], re.I):
        earlier = [f for f in figures if f.kind == "count" and a <= f.start < start]
        if earlier:
            return earlier[-1].label, earlier[-1].unit
    group = _ends_before(r"\bOf\s+the\s+(?:[\w’'-]+\s+){0,4}?(?:top\s+\d+\s+)?([a-z][\w-]*s)\s*,\s*$", text, start,
                         start=a)
    if group:  # "Of the world's top 100 banks, 77 operate in Hong Kong"
        return group.group(1), group.group(1).lower()
    subject = _topic(text[ca:start])
    if subject and subject.lower() not in FUNCTION_WORDS:
        head = re.split(r"\s+(?:in|of|for|at|on|from|to|by|with|during|under)\s+", subject)[0].split()[-1]
        return subject, re.sub(r"[^\w-]", "", head).lower()
    skip = FUNCTION_WORDS | AUX | set(phrase_map("qualifiers")) | {"have", "has", "had", "be", "will", "can", "would"}
    words_before = [w for w in re.findall(r"[a-z][\w-]+", text[ca:start].lower()) if w not in skip]
    sentence_topic = _topic(text[a : min(start, a + TOPIC_REACH)])
    if words_before:  # "will have a main stadium seating up to 50 000"
        phrase = " ".join(words_before[-3:])
        return (f"{sentence_topic}: {phrase}" if sentence_topic else phrase), words_before[-1]
    if sentence_topic and sentence_topic.lower() not in FUNCTION_WORDS:
        return sentence_topic, re.sub(r"[^\w-]", "", sentence_topic.split()[-1]).lower()
    return "", ""


def _count_label(text: str, start: int, end: int, noun: str, sentences: Spans) -> str:
    """What a count measures: 'a gross floor area of some 108 000 square metres' -> 'Gross floor area: square
    metres'; '4.3 million tonnes of cargo'; 'Hong Kong Science Park hosts 1 100 technology companies' names its
    subject. An empty label lets the clause decide."""
    after = text.find(noun, end, end + CLAUSE_REACH)
    noun = _tidy(noun)
    of_what = _starts_at(r"\s+of\s+((?:[a-z][\w-]*\s?){1,3})", text, after + len(noun)) if after >= 0 else None
    if of_what and noun.lower() in {w.lower() for w in words("measure_nouns")}:
        noun = f"{noun} of {of_what.group(1).strip()}"
    quals = alternation(phrase_map("qualifiers"))
    measured = _ends_before(rf"\b(?:a|an|the|its|their)\s+((?:[\w-]+\s+){{0,3}}[\w-]+)\s+of\s+(?:(?:{quals})\s+)?$",
                            text, start, re.I)
    if measured and not re.search(r"\d", measured.group(1)):
        topic = _sentence_topic(text, sentences, start)
        if topic[:1].isupper() and topic.lower() not in measured.group(1).lower() \
                and len(topic) + len(measured.group(1)) + len(noun) < 76:
            return f"{topic}, {measured.group(1)}: {_uncap(noun)}"  # "Route 6, a dual trunk road: kilometres"
        return _shorten(f"{measured.group(1)}: {_uncap(noun)}")
    if len(noun.split()) < 2:
        return ""
    a, b = _sentence_of(sentences, start)
    sentence = text[a : min(b, a + TOPIC_REACH)]  # its head: what it is about
    topic = _topic(sentence)
    if noun.lower() in topic.lower() and len(topic) <= 80:
        return topic  # "Faster Payment System registrations" holds "System registrations"
    numberish = set(tables()["number_words"]) | set(tables()["ordinal_words"])
    if topic and topic.lower() not in FUNCTION_WORDS and topic.lower() not in noun.lower() \
            and not any(w.lower() in numberish for w in topic.split()) \
            and len(topic) + len(noun) + 2 <= 80 and not sentence.startswith(f"{topic}:"):
        return f"{topic}: {_uncap(noun)}"
    return noun


def _sizeable(m: re.Match[str]) -> bool:
    """Scaled, in thousands or at least 100: a quantity rather than an age, a grade or a list number."""
    value = re.sub(r"[^\d.]", "", m.group("num"))
    return bool(m.group("scale")) or bool(re.search(r"[, \u00a0]\d{3}", m.group("num"))) or (
        bool(value) and float(value) >= 100)


def _quantity_like(text: str, m: re.Match[str]) -> bool:
    """A number that must be a quantity even with no noun after it: scaled, qualified or in thousands,
    or part of a group named just before it ("of which 12 are", "Of the world's top 100 banks, 77 operate")."""
    if m.group("scale") or re.search(r"[, \u00a0]\d{3}", m.group("num")):
        return True
    if re.search(r"\b(?:of which|of whom|of them|including)\s+$|^\s*Of\s+the\s+[^,]{3,60},\s+$",
                 text[max(0, m.start() - 80) : m.start()], re.I):
        return True
    value = re.sub(r"[^\d.]", "", m.group("num"))
    big = bool(value) and float(value or 0) >= 100  # "aged over 65" is a threshold, "up to 50 000" a quantity
    return big and bool(patterns()["qualifier_before"].search(text[max(0, m.start() - 30) : m.start()]))


def _name_changes(figures: list[FigureMention]) -> list[FigureMention]:
    """'3,755 start-ups (up 68% over 2017)': a change in brackets measures the figure it follows."""
    out: list[FigureMention] = []
    measured: FigureMention | None = None  # the last count, money or percent figure (figures are in order)
    for f in figures:
        text = f.statement.text
        sentence = _sentence_of(_sentences(text), f.start)
        before = [measured] if measured is not None and measured.start >= sentence[0] else []
        # "..., up from 17.6%": an elliptical change names the figure before it
        from_figure = _ends_before(r",\s*(?:up|down|rising|falling|compared)\s+(?:from|with)\s+$", text, f.start)
        # "from 2.1% in 2019 to 4.2% in 2022": both ends measure the same thing
        if before and re.fullmatch(r"(?:\s+in\s+\S+?)?\s+to\s+", text[before[-1].end : f.start]):
            from_figure = True
        share = _starts_at(r"\s+of\s+([A-Za-z][A-Za-z\s’'-]{1,40}?)(?=[,.;)]|\s+(?:in|as|at|by|on|from|are|is|was|"
                         r"were|has|have|will|can|had)\b|$)", text, f.end)
        if f.kind == "percent" and share and _opens(text, sentence[0], f.start):
            # "About 90 per cent of these journeys are made by public transport": the share is the subject
            rest = _starts_at(r"[^,.;]{0,400}", text, share.end()).group(0)
            words_left = " ".join(w for w in rest.split() if w.lower() not in AUX)
            f = replace(f, label=_shorten(f"Share of {share.group(1)} {words_left}"))
        elif f.kind == "percent" and share and not f.label.lower().startswith(share.group(1).lower()):
            owner = before[-1].label if before else _topic(text[sentence[0] : sentence[0] + TOPIC_REACH])
            whole = share.group(1)
            owner = _shorten(owner.split(": ")[0] if len(owner) + len(whole) > 68 else owner, 68 - len(whole))
            f = replace(f, label=_shorten(f"{owner}: share of {whole}" if owner else f"Share of {whole}"))
        elif f.rule == "percent-change" and before and not _names_own_subject(f, before[-1]):
            base = _starts_at(r"[^),;]{0,400}", text, f.end).group(0).strip()
            f = replace(f, label=_shorten(f"{before[-1].label}: change {base}"))
        elif from_figure and before and before[-1].kind == f.kind:
            f = replace(f, label=before[-1].label)
        elif before and RESTATED.search(text[before[-1].end : f.start]):
            # "$734 billion, equivalent to 12 months of government expenditure": the same reserves, restated
            f = replace(f, label=_shorten(f"{before[-1].label}: {_uncap(f.label)}"))
        out.append(f)
        if f.kind in ("count", "money", "percent"):
            measured = f
    _strip_figures_from_labels(out)
    last_of_kind: dict[str, FigureMention] = {}
    for i, f in enumerate(out):
        text = f.statement.text
        sentence = _sentence_of(_sentences(text), f.start)
        previous = last_of_kind.get(f.kind)
        last_of_kind[f.kind] = f
        same = [previous] if previous is not None and previous.start >= sentence[0] else []
        if same and f.kind in ("money", "percent"):
            gap = text[same[-1].end : f.start]
            if re.fullmatch(r"\s*\(\s*", gap):  # "HK$9.98 trillion (US$1.27 trillion)": one figure, two currencies
                out[i] = replace(f, label=same[-1].label)
            elif len(f.label.split()) <= 2 and re.fullmatch(r"[^.;]*\bincluding\s+|\s*,\s*(?:and\s+)?|\s+and\s+", gap) \
                    and not RESPECTIVELY.match(text, f.end, sentence[1]):
                out[i] = replace(f, label=same[-1].label)  # "HK$25 billion of bonds, including RMB 10 billion, ..."
            last_of_kind[f.kind] = out[i]
    return out


RESPECTIVELY = re.compile(r"[^.;]{0,80}?\brespectively\b")


def _names_own_subject(f: FigureMention, before: FigureMention) -> bool:
    """'The S&P 500 fell by 19.4%, while the Hang Seng Index dropped by 15.5%': a change whose label's owner
    is written between the figure before and it has a subject of its own."""
    owner = f.label.split(": ")[0].lower()
    return len(owner) > 2 and owner in f.statement.text[before.end : f.start].lower()


def _opens(text: str, start: int, end: int) -> bool:
    """Nothing but qualifiers ('about', 'some') before a figure in its sentence: it opens the sentence."""
    if end - start > LOOKBACK:
        return False
    return not re.search(r"[A-Za-z]", re.sub(r"\b(?:about|around|some|nearly|almost|over|more\s+than)\b", "",
                                             text[start:end], flags=re.I))


def _strip_figures_from_labels(figures: list[FigureMention]) -> None:
    """A label never holds a figure of its statement: each value text found in it gives way to a space.

    Labels are short (80 chars), so their substrings are looked up among the value texts, instead of every
    value text of a statement being looked for in every label.
    """
    first: dict[str, int] = {}
    for i, g in enumerate(figures):
        if len(g.value_text) > 1:
            first.setdefault(g.value_text, i)
    lengths = sorted({len(v) for v in first})
    for i, f in enumerate(figures):
        label = f.label
        found = {label[a : a + n] for n in lengths for a in range(len(label) - n + 1)} & first.keys()
        for value in sorted(found, key=first.__getitem__):
            if value in label:
                label = label.replace(value, " ")
        if label != f.label:
            figures[i] = replace(f, label=_shorten(label))


def _events(statement: Statement, dates: list[_Date], sentences: Spans) -> list[EventMention]:
    """A date phrase introduced by in/on/since or opening the sentence, in a clause with an event verb."""
    text = statement.text
    p = patterns()
    events = []
    date_ends = [d.end for d in dates]

    @cache
    def says(pattern: str, a: int, b: int) -> bool:
        """Whether text[a:b] (a sentence: asked once per date) holds the pattern."""
        return bool(_compiled(pattern, re.I).search(text, a, b))

    for d in dates:
        at = d.start
        a0, b0 = _sentence_of(sentences, d.start)
        starts_from = d.base and _ends_before(r"\bfrom\s+(?:the\s+)?$", text, at, re.I) and not says(
            r"%|per\s?cent|\b(?:up|down|rose|fell|increase|decrease|grew|growth)\b", a0, b0)
        # "since its launch in 1998"
        since_in = d.base and _ends_before(r"\bsince\b[^\d]{0,50}\bin\s+$", text, at, re.I)
        # "linked to the US dollar since 17 October 1983": a day or month something has held since is when it began
        since_day = d.base and d.kind in ("day", "month") and _ends_before(r"\bsince\s+$", text, at, re.I)
        if (d.base and not (starts_from or since_in or since_day)) or d.name_year:
            continue
        if says(r"\b(?:totalled|totaled|amounted\s+to|stood\s+at|came\s+to)\b", a0, b0):
            continue  # "In 2023, debt issued in Hong Kong totalled US$50 billion": a statistic, not a happening
        if _ends_before(p["not_event"], text, at) and not since_day:
            continue
        intro = _ends_before(r"\b(in|on|since|from|by|during)\s+(?:the\s+)?(?:end\s+of\s+)?$", text, at, re.I)
        if not intro:
            continue
        done = r"\b(?:complet\w*|commission\w*|open\w*|launch\w*|ready|finish\w*)\b"
        if intro.group(1).lower() == "by" and not re.search(done, text[max(a0, d.start - 60) : d.start], re.I):
            continue  # "aims to attract 200 offices by the end of 2025": a target, not a happening
        a, b = _sentence_of(sentences, d.start)
        if not says(p["event_verb"].pattern, a, b) and not since_day:
            continue
        ca, cb = _clause(text, d.start, d.end)
        clause_verb = p["event_verb"].search(text[ca:cb])
        opening = d.start - a <= LOOKBACK and text[a : d.start].strip().lower() in ("in", "on", "since", "from")
        if not clause_verb and not since_day and not opening:
            # the date stands apart ("X opened Y, its eighth area, in 2023"): the verb comes before it,
            # with no other date between them
            i = bisect_right(date_ends, d.start) - 1
            since = max(a, date_ends[i]) if i >= 0 else a
            if not p["event_verb"].search(text[since : d.start]):
                continue
        start = intro.start(1)
        sentence = text[a:b]
        label = _tidy(_context_label(sentence, start - a, d.end - a, []))
        if not label:  # "In 2020, the Blueprint presented ...": the date is a clause of its own
            after = _starts_at(r"\s*,?\s*([^,;]{1,400})", sentence, d.end - a)
            label = _tidy(after.group(1)) if after else ""
        if (len(label.split()) < 3 or re.match(r"[A-Za-z]+(?:ed|ing)\b", label)) and (topic := _topic(sentence)):
            if topic.lower() not in label.lower():
                label = f"{topic} {_uncap(label)}"  # "Geospatial Lab" + "established"
        events.append(EventMention(statement, start, d.end, _shorten(label), "event-dated-verb"))
    return events


# a count closing a field's value or one of its list items: 'Carrie LAM (non-partisan) 777,', 'large: 1';
# not a code (4+ plain digits), an address ('26 Garden Road'), a date ('1 July') or a number in a name ('Tier 2')
BARE_NUMBER = re.compile(r"(?<=[\w)] )(?<!Tier )(?<!No\. )(?<!per )(?:\d{1,3}(?:,\d{3})+|\d{1,3})(?=\s*(?:[,;(]|$))"
                         r"|(?<=: )(?:\d{1,3}(?:,\d{3})+|\d{1,3})(?=\s*(?:[,;(]|$))")
FIELD_YEAR = re.compile(r"\s*\(((?:19|20)\d\d)(?:\s+est\.)?\)")


def field_figures(statement: Statement, figures: list[FigureMention]) -> list[FigureMention]:
    """A field's value is labelled by its field ('Area: total'); several figures of one value each add their
    own words ('Religions: Protestant'), so two figures of one statement never share a label. In a field,
    a bare number ('Carrie LAM (non-partisan) 777', 'large: 1') counts what the field names."""
    if statement.kind == "field":
        figures = [_noted_year(statement, f) for f in figures + _bare_counts(statement, figures)]
    if len(figures) == 1 and statement.kind == "field":
        return [replace(figures[0], label=_shorten(statement.field))]
    out = []
    for f in figures:
        closes = re.match(r"\s*(?:\(\d{4}(?: est\.)?\)\s*)?(?:[,;/)]|$)", statement.text[f.end :])
        item = _list_item_name(statement.text, f.start, len(statement.field) + 2) if closes else ""
        own = item or (f.label if f.label.lower() not in statement.field.lower() else "")
        out.append(replace(f, label=_field_label(statement.field, own)))
    return out


def _list_item_name(text: str, start: int, value_start: int) -> str:
    """The words naming a figure in a listed value ('Cantonese (official) 85.4%, English (official) 4.5%',
    '(male 505,718/female 459,956)'): back from the figure to the item's start, over whole parentheses."""
    i, depth = start, 0
    while i > value_start:
        ch = text[i - 1]
        if ch == ")":
            depth += 1
        elif ch == "(" and depth:
            depth -= 1
        elif depth == 0 and ch in ",;(/:":
            break
        i -= 1
    name = text[i:start].strip(" -–—")
    return name if re.search(r"[A-Za-z]", name) and len(name.split()) <= 24 else ""


def _field_label(field: str, own: str) -> str:
    """'Field: item' within 80 characters; an item too long beside its field stands alone, shortened to its
    acronym when it ends with one ('... Progress of Hong Kong (DAB)' -> 'DAB')."""
    if not own:
        return _shorten(field)
    if len(field) + len(own) + 2 <= 80:
        return f"{field}: {own}"
    if len(own) <= 80:
        return own
    acronym = re.search(r"\(([A-Z][A-Za-z&.-]{1,12})\)\s*$", own)
    return acronym.group(1) if acronym else _shorten(own)


def _noted_year(statement: Statement, figure: FigureMention) -> FigureMention:
    """'90 (2025)', '3.2% (2019 est.)': the year noted right after a field's value is its period."""
    year = FIELD_YEAR.match(statement.text, figure.end)
    return replace(figure, period_text=year.group(1)) if year and not figure.period_text else figure


def _bare_counts(statement: Statement, figures: list[FigureMention]) -> list[FigureMention]:
    """Numbers of a field's value that no rule took, as counts of the field's thing."""
    text = statement.text
    value_start = len(statement.field) + 2 if statement.text.startswith(statement.field) else 0
    taken = [(f.start, f.end) for f in figures] + [(d.start, d.end) for d in _dates(text)]
    out = []
    for m in BARE_NUMBER.finditer(text, value_start):
        if any(a < m.end() and m.start() < b for a, b in taken) or re.fullmatch(r"(?:19|20)\d\d", m.group(0)):
            continue
        year = FIELD_YEAR.match(text, m.end())
        out.append(FigureMention(
            statement=statement, start=m.start(), end=m.end(), kind="count", number_text=m.group(0),
            scale_text="", currency_text="", unit=statement.field.split(": ")[-1][:60], qualifier="exact",
            period_text=year.group(1) if year else "", base_text="", scope="", label=statement.field,
            rule="field-count"))
    return out


def extract(structure: Structure,
            deadline: Deadline = NO_DEADLINE) -> tuple[list[FigureMention], list[EventMention]]:
    """Every figure and event of a document, in reading order; `deadline` is checked per statement."""
    from factsheet.periods import Context

    figures: list[FigureMention] = []
    events: list[EventMention] = []
    antecedent, section = "", None
    context = Context(structure.year)
    for statement in structure.statements:
        deadline.check()
        if statement.section != section:
            antecedent, section = "", statement.section
        if statement.kind == "cell":
            from factsheet.cells import cell_figures

            figures.extend(cell_figures(statement))
            continue
        f, e = extract_statement(statement, antecedent)
        if statement.field:
            f = field_figures(statement, f)
        f = context.apply(statement, f)
        figures.extend(f)
        events.extend(e)
        antecedent = _topic(statement.text) or antecedent
    names = spelled_out(s.text for s in structure.statements)
    return [replace(f, label=_shorten(spell_out(f.label, names))) for f in figures], events
