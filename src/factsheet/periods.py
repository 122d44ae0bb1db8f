"""Extract step: the period of each figure, from its own date phrases or from context.

The date phrases of a statement are found once (`_dates`); a figure takes the nearest date of its clause,
then of the sentence (one that frames the sentence first), then of the bullet (`PeriodFinder`).
A relative phrase ('at the year end', 'during the year', 'in the third quarter') resolves against the year the
document reports on; a sentence with no date of its own takes the period the figures of the sentence before it
in the same paragraph had ('This comprised gains on bonds of HK$114.5 billion ...' after '... HK$262.2 billion
in 2019'). A phrase that cannot be resolved leaves the period empty: nothing is guessed from another bullet.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache

from factsheet.grammar import alternation, tables
from factsheet.mentions import FigureMention
from factsheet.model import Statement
from factsheet.patterns import patterns
from factsheet.spans import LOOKBACK, Spans, _clause, _ends_before, _sentence_of, _sentences, _starts_at

YEAR_EARLIER = re.compile(
    r"[^.;]{0,30}?\b(?:year[- ]on[- ]year|(?:from|than|on|over|compared\s+with)\s+(?:a\s+year\s+(?:earlier|ago|before)"
    r"|the\s+same\s+period\s+(?:last|of\s+the\s+previous)\s+year|the\s+previous\s+year|last\s+year))", re.I
)
FEW_WORDS = re.compile(r"\s*+(?:\S++\s*+){0,2}+")  # fullmatch: at most two words (possessive: read once)


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



class PeriodFinder:
    """The period of each figure of one statement: its dates are read once, each figure asks `period_for`."""

    def __init__(self, text: str, dates: list[_Date], sentences: Spans, event_starts: list[int]) -> None:
        self.text, self.dates, self.sentences = text, dates, sentences
        self.date_starts = [d.start for d in dates]
        # a date that opens its sentence ("In 2020, ...", "As at end-2023, ...") frames all of it
        self.framing = {id(d): d.start - (a := _sentence_of(sentences, d.start)[0]) <= LOOKBACK
                        and bool(FEW_WORDS.fullmatch(text, a, d.start)) for d in dates}
        # a date within 20 chars after an event's start is that event's
        self.of_event = {id(d) for d in dates if (i := bisect_right(event_starts, d.start) - 1) >= 0
                         and d.start < event_starts[i] + 20}
        self.framing_dates = [d for d in dates if not d.base and self.framing[id(d)]]
        self.framing_starts = [d.start for d in self.framing_dates]

    def period_for(self, start: int, end: int, kind: str) -> tuple[str, str]:
        """The figure's own date phrase and, for a change, its base: clause first, then sentence, then bullet."""
        text, framing = self.text, self.framing
        a, b = _sentence_of(self.sentences, start)
        ca, cb = _clause(text, start, end)
        in_sentence = self.dates[bisect_left(self.date_starts, a) : bisect_left(self.date_starts, b)]
        own = [d for d in in_sentence if not d.base]
        between = lambda d: text[end : d.start] if d.start >= end else text[d.end : start]  # noqa: E731
        tail = [d for d in own if end <= d.start <= end + LOOKBACK and len(between(d).split()) <= 6
                and not re.search(r"[\d;:()$%]", between(d))]
        clause = [d for d in own if ca <= d.start < cb]
        # "X, launched in 2003, now covers 49 cities": a figure of the present takes no date from elsewhere
        present = bool(re.search(r"\b(?:now|currently|at present|today|to date|so far)\b", text[ca:cb], re.I))
        sentence = [d for d in own if (framing[id(d)] or ca <= d.start < cb
                    or not (present and id(d) in self.of_event)) and not d.target]
        framed = [d for d in sentence if framing[id(d)]]  # "As at end-March 2024, ..." frames the whole sentence
        before = bisect_left(self.framing_starts, a)
        earlier = self.framing_dates[before - 1 : before] if before else []
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


CARRIED_KINDS = ("money", "percent", "count")  # ranks and durations name their own time, or none


@cache
def _relative() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(tables()['relative_periods'])})\b", re.I)


def relative_period(text: str, start: int, end: int, year: int | None, topic_year: int | None = None) -> str:
    """The period phrase a relative date in the figure's sentence means, nearest the figure; '' if none.

    'this year' and 'last year' count from the edition's year; 'the year', 'the third quarter' refer back to the
    year the paragraph last named ('... austere in 2019. Exports fell 4.7% for the year'), else the edition's."""
    if year is None:
        return ""
    a, b = _sentence_of(_sentences(text), start)
    ca, cb = _clause(text, start, end)
    opening = re.compile(r"\W*(?:\w+\W+){0,2}$")  # 'At the end of the year, ...' frames its sentence
    found = [m for m in _relative().finditer(text, a, b)
             if ca <= m.start() < cb or opening.fullmatch(text, a, m.start())
             or (0 <= m.start() - end <= 60 and not re.search(r"[;:()]", text[end : m.start()]))]
    if not found:
        return ""
    nearest = min(found, key=lambda m: min(abs(m.start() - end), abs(start - m.end())))
    phrase = re.sub(r"\s+", " ", nearest.group(0).lower())
    if topic_year is not None and not re.search(r"\b(?:this|last)\b", phrase):
        year = topic_year
    return tables()["relative_periods"][phrase].format(year=year, last=year - 1)


def _named_year(text: str, before: int) -> int | None:
    """The year of the last date phrase of a statement before `before` that is its own period (no base, name
    or deadline): what 'the year' after it refers back to."""
    named = [d for d in _dates(text) if d.end <= before and not (d.base or d.name_year or d.target)]
    years = re.findall(r"(?:19|20)\d\d", text[named[-1].start : named[-1].end]) if named else []
    return int(years[-1]) if years else None


class Context:
    """What the sentences read so far say about time: the paragraph and the period its figures had."""

    def __init__(self, year: int | None) -> None:
        self.year = year
        self.paragraph = -2
        self.period = ""
        self.topic_year: int | None = None  # the year the paragraph named last

    def apply(self, statement: Statement, figures: list[FigureMention]) -> list[FigureMention]:
        """The figures with periods from context where their own words gave none."""
        if statement.paragraph != self.paragraph:
            self.paragraph, self.period, self.topic_year = statement.paragraph, "", None
        dated = bool(_dates(statement.text)) or bool(_relative().search(statement.text))
        out = []
        for f in figures:
            if not f.period_text:
                topic = _named_year(statement.text, f.start) or self.topic_year
                period = relative_period(statement.text, f.start, f.end, self.year, topic)
                if not period and not dated and statement.kind == "paragraph" and f.kind in CARRIED_KINDS:
                    period = self.period
                f = replace(f, period_text=period) if period else f
            out.append(f)
        periods = [f.period_text for f in out if f.period_text and not f.base_text]
        if periods:
            self.period = periods[-1]
        self.topic_year = _named_year(statement.text, len(statement.text)) or self.topic_year
        return out
