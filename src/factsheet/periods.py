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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from factsheet.grammar import alternation, tables, words
from factsheet.mentions import FigureMention
from factsheet.model import Statement
from factsheet.patterns import patterns
from factsheet.spans import LOOKBACK, Spans, _clause, _ends_before, _sentence_of, _sentences, _starts_at

YEAR_EARLIER = re.compile(
    r"[^.;]{0,30}?\b(?:year[- ]on[- ]year|by\s+year(?![-\w])|(?:from|than|on|over|compared\s+with)\s+"
    r"(?:(?:that|those)\s+(?:for|of|in)\s+)?(?:a\s+year\s+(?:earlier|ago|before)"
    r"|the\s+same\s+period\s+(?:last|of\s+the\s+previous)\s+year|the\s+previous\s+year|last\s+year))", re.I
)
# "over last year", "compared with that for the previous year": what comes next is a change's base
BASE_BEFORE = re.compile(r"\b(?:than|over|compared\s+(?:with|to))\s+(?:(?:that|those)\s+(?:for|of|in)\s+)?$", re.I)
# "an increase of $3.1 billion by year": an amount that says how much something changed
AMOUNT_OF_CHANGE = re.compile(r"\b(?:increase|decrease|rise|fall|growth|reduction|drop|decline)\s+of\s+"
                              r"(?:about\s+|around\s+|some\s+|nearly\s+|over\s+)?$", re.I)
YEAR_ON_YEAR_BEFORE = re.compile(r"\byear[- ]on[- ]year\s+(?:[a-z]+\s+){0,2}(?:of\s+)?(?:about\s+|around\s+)?$", re.I)
# "the year ended", "the financial year ending", "the six months ended": a period named by its last day
ENDED = re.compile(r"\b(?:(?:financial|fiscal)\s+)?(?:year|half[- ]year|quarter|month|"
                   r"(?:three|six|nine|twelve)\s+months)\s+(?:ended|ending)\s+(?:on\s+)?$", re.I)
# "since 1994", "since its inception in 2009": a running figure's period starts there
SINCE = re.compile(r"\bsince\s+(?:(?:its|the|their|our)\s+[\w-]+\s+(?:in\s+)?)?$", re.I)
FEW_WORDS = re.compile(r"\s*+(?:\S++\s*+){0,2}+")  # fullmatch: at most two words (possessive: read once)


@dataclass
class _Date:
    start: int
    end: int
    kind: str
    base: bool  # "over 2017": the base of a change, not the figure's own period
    name_year: bool  # "Index 2021": an edition year standing in a name
    target: bool = False  # "by 2027": a deadline, the period only of a figure in its own clause
    said: str = ""  # the period it ends when that is no date phrase of its own: "12 months preceding 8 june 1990"


def _dates(text: str) -> list[_Date]:
    """Date phrases of a statement; 'from 2024-25 to 2033-34' and 'between 2018 and 2022' become one range."""
    return list(_read_dates(text))


@lru_cache(maxsize=4)  # the statement being read (and a list's lead-in): no document's statements are kept
def _read_dates(text: str) -> tuple[_Date, ...]:
    """`_dates`, read once per statement: the figure, field and context steps all ask in turn."""
    if not ANY_YEAR.search(text):
        return ()  # every date phrase (and a footnoted year) names a year: a cheap test first
    found: list[_Date] = []
    named_after = _named_after()
    for m in patterns()["date"].finditer(text):
        kind = m.lastgroup or "year"
        kind = "day" if kind == "numeric_day" else kind
        at = m.start()
        ended = _ends_before(ENDED, text, at) if kind in ("day", "month") else None
        if ended:  # "for the year ended March 31, 2001": the year up to that day, not the day
            found.append(_Date(ended.start(), m.end(), "ended", False, False))
            continue
        base = (bool(_ends_before(patterns()["base"], text, at)) and not _ends_before(_effective(), text, at)) or (
            kind == "year" and bool(_ends_before(r"\bon\s+$", text, at)))
        # "since its launch in June 2018", "since the scheme began in 2009": where a running total starts
        window = max(0, at - LOOKBACK)
        clause_start = max(text.rfind(",", window, at), text.rfind(";", window, at), text.rfind("(", window, at))
        base = base or bool(_ends_before(r"\bsince\b[^\d]{0,50}\bin\s+$", text, at, re.I, start=clause_start + 1))
        target = bool(_ends_before(r"\bby\s+(?:the\s+)?$", text, at, re.I))
        name_year = kind in ("year", "fiscal") and bool(_ends_before(r"[A-Z][\w’'-]*\s+$", text, at)) \
            and not _ends_before(named_after, text, at)
        if kind == "fiscal" and _starts_at(r"\s+[A-Z]", text, m.end()):
            name_year = True  # "the 2022-23 Budget": a year in a name
        if name_year and kind == "year" and _starts_at(r"\s+(?:Limited|Ltd|Company|Co|Holdings|Inc|Corporation)\b",
                                                       text, m.end()):
            continue  # "Hong Kong Link 2004 Limited": a company's name, no date
        end = m.end()
        if kind == "month" and (first := _ends_before(_month_to(), text, at)):
            found.append(_Date(first.start(), end, "range", False, False))  # "during January to March 2001"
            continue
        if kind == "day" and (first := _ends_before(DAY_TO, text, at)) and int(first["day"]) < int(m.group(0)[:2]):
            found.append(_Date(first.start(), end, "range", False, False))  # "16 to 29 November 2021"
            continue
        if kind == "fiscal" and (school := _school_year().match(text, end)):
            end = school.end()  # "the 2025/26 school year": September to August, not a financial year
        previous = found[-1] if found else None
        joined = previous and re.fullmatch(r"\s*(?:to|and|until|till|through|–|-)\s*", text[previous.end : m.start()])
        paired = kind == previous.kind == "fiscal" and text[end - 1 : end] == "s" if joined else False  # "the
        # 2025/26 and 2026/27 school years": one span the plural names
        # "from 2018 to 2022", "between 2018 and 2022", "the period 1 June 2022 and 31 May 2023": one span
        spanned = joined and _ends_before(r"\b(?:from|between|period)\s+(?:the\s+)?$", text, previous.start, re.I)
        if joined and (spanned or paired or (
                previous.kind in ("year", "fiscal", "day") and kind == previous.kind
                and not re.fullmatch(r"\s*and\s*", text[previous.end : m.start()]))):
            found[-1] = _Date(previous.start, end, "range", False, False)
            continue
        before = _ends_before(_preceding(), text, at) if kind == "day" else None
        said = f"{before['length']} preceding {m.group(0)}" if before else ""  # the figures' period, not the day
        found.append(_Date(m.start(), end, kind, base and not said, name_year, target, " ".join(said.split())))
    if "since" in text:  # "4.7% since 19943.": a footnote marker glued to the year
        found = sorted(found + [_Date(m.start(1), m.end(1), "year", True, False) for m in FOOTNOTED.finditer(text)],
                       key=lambda d: d.start)
    return tuple(found)


# "16 to " before "29 November 2021": the first day of a range whose month and year are written once, at its end
DAY_TO = re.compile(r"(?<![\d.,$/])\b(?P<day>[12]\d|3[01]|0?[1-9])\s*(?:to|until|through|-|–)\s*$", re.I)
ANY_YEAR = re.compile(r"(?:19|20)\d\d")


@cache
def _named_after() -> re.Pattern[str]:
    """A month or a preposition before a capitalised word that precedes a year: the year is no name's ('In 2020')."""
    return re.compile(rf"\b(?:{alternation(list(tables()['months']))}|In|By|Since|As|At|Of|On|From)\s+$", re.I)


FOOTNOTED = re.compile(r"\bsince\s+((?:19|20)\d\d)\d(?=[.,;]?(?:\s|$))", re.I)


@cache
def _month_to() -> re.Pattern[str]:
    """'January to ' before 'March 2001': a range of months whose year is written once, at its end."""
    months = alternation(m.capitalize() for m in tables()["months"] if len(m) > 3)
    return re.compile(rf"\b(?:{months})\s+(?:to|until|through|-|–)\s+$")


@cache
def _compared_between() -> re.Pattern[str]:
    """'compared with', 'than', 'as against': what brings in a compared thing, whose date is a change's base; not
    the 'than' of a bound on the next figure ('... with no less than 950 000 participants in 2026')."""
    numbers = alternation(w for w in tables()["number_words"] if " " not in w)
    return re.compile(rf"\b(?:compared\s+(?:with|to)|than(?!\s+(?:[A-Z]{{0,3}}\$|\d|(?:{numbers})\b))|as\s+against)\b",
                      re.I)


@cache
def _preceding() -> re.Pattern[str]:
    """'the 12 months preceding ' before '8 June 1990': a period of a length (words.toml [periods_ended]) that ends
    the day before that day, not the day itself."""
    return re.compile(rf"\bthe\s+(?P<length>{alternation(tables()['periods_ended'])})\s+(?:immediately\s+)?"
                      r"(?:preceding|before|prior\s+to)\s+$", re.I)


@cache
def _effective() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(words('effective_from'))})\s+$", re.I)


@cache
def _restating() -> re.Pattern[str]:
    """', representing ', ' or ', ', equivalent to an increase of ': what brings in a figure restating the one
    before (at most a few words of its own)."""
    restating = alternation(words("restating"))
    return re.compile(rf"\s*(?:[A-Za-z-]+\s+){{0,5}}?,?\s*(?:{restating})\s+(?:[a-z-]+\s+){{0,4}}", re.I)


def _restates(text: str, before: FigureMention, f: FigureMention) -> bool:
    """'$870 billion by the end of March 2017, representing 35.2 per cent of GDP or equivalent to 21 months': a
    figure brought in by restating words after the one before (its own few words and period aside)."""
    between = text[before.end : f.start]
    if before.period_text and before.period_text in between:
        between = between.replace(before.period_text, "", 1)
    return len(between) <= 120 and bool(_restating().fullmatch(between))


@cache
def _breakdown() -> re.Pattern[str]:
    """', comprising ', ' units, including ': what brings in the parts of the figure before (a few words after it)."""
    return re.compile(rf"[^,;:.()\d]{{0,40}},?\s*(?:{alternation(words('breakdown'))})\s", re.I)


def _whole_of(text: str, out: list[FigureMention], f: FigureMention) -> FigureMention | None:
    """The dated figure of the sentence whose parts a breakdown lists, f among them ('the total public housing
    production in the five-year period from 2020-21 is about 101 400 units, comprising over 70 000 ... and over
    30 000 ...'); None when f is no such part."""
    for whole in reversed(out[-4:]):
        m = _breakdown().match(text, whole.end)
        if whole.period_text and not whole.base_text and whole.kind == f.kind and m and m.end() <= f.start \
                and f.start - whole.end <= 240 and not re.search(r"[;:.]\s|(?:19|20)\d\d", text[m.end() : f.start]):
            return whole
    return None


@cache
def _period_anaphora() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(words('period_anaphora'))})\b", re.I)


@cache
def _school_year() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{alternation(tables()['school_year']['nouns'])})\b", re.I)



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
        self.markers = [m.start() for m in LIST_MARKER.finditer(text)]

    def _marker_between(self, a: int, b: int) -> bool:
        """Whether a list item's marker ("(ii) ") starts in text[a:b]."""
        i = bisect_left(self.markers, a)
        return i < len(self.markers) and self.markers[i] < b

    def _relatives(self, lo: int, hi: int) -> Iterator[re.Match[str]]:
        """Relative phrases in text[lo:hi] that are no part of a date ('in the second quarter' of 2019)."""
        for m in _relative().finditer(self.text, lo, hi):
            if _ends_before(BASE_BEFORE, self.text, m.start()):
                continue  # "an increase of 31 per cent over that for last year": the change's base, not its time
            i = bisect_right(self.date_starts, m.start()) - 1
            if not (i >= 0 and self.dates[i].end > m.start()) and not (
                    i + 1 < len(self.dates) and self.dates[i + 1].start < m.end() + 4):
                yield m

    def _relative_own(self, start: int, end: int, a: int, b: int, ca: int, cb: int, tail: list[_Date],
                      clause: list[_Date], framed: list[_Date]) -> bool:
        """Whether a relative phrase, not a date elsewhere in the sentence, gives the figure's period: one just
        after it ("... to above 4% in the fourth quarter", "a decline of 1.1 per cent in real terms for the
        year") nearer than any date there; one in its clause ("expenditure for the year recorded a 3.1 per cent
        variance") when the clause has no date; one opening the sentence ("For this year's Policy Address, I have
        set 140 indicators ... in the 2024 Policy Address") when no date frames it."""
        text = self.text
        after = next(self._relatives(end, min(b, end + 61)), None)
        if after and len(text[end : after.start()].split()) <= 6 and not re.search(r"[\d;:()$%]",
                                                                                    text[end : after.start()]):
            return not tail or after.start() < tail[0].start
        if tail or clause:
            return False
        if any(not (m.start() < end and start < m.end()) for m in self._relatives(ca, cb)):
            return True
        opening = next(self._relatives(a, min(b, a + 60)), None)
        return bool(opening) and not framed and bool(FEW_WORDS.fullmatch(text, a, opening.start()))

    def _counted_after(self, end: int, d: _Date) -> bool:
        """Whether a span of years ('in three years starting from 2021-22') follows the figure ending at `end` in
        its sentence with no other figure between: '$375 million to the TDC (TDC) in three years starting from
        2021-22' is spent over those years."""
        m = _ends_before(_n_years_since(), self.text, d.start) if d.start >= end and "year" in self.text[
            max(end, d.start - LOOKBACK) : d.start] else None
        return bool(m) and not re.search(r"[\d$%;]", self.text[end : m.start()])

    def period_for(self, start: int, end: int, kind: str) -> tuple[str, str]:
        """The figure's own date phrase and, for a change, its base: clause first, then sentence, then bullet."""
        text, framing = self.text, self.framing
        a, b = _sentence_of(self.sentences, start)
        ca, cb = _clause(text, start, end, dates_whole=True)
        in_sentence = self.dates[bisect_left(self.date_starts, a) : bisect_left(self.date_starts, b)]
        own = [d for d in in_sentence if not d.base]
        # "an increase of $20.7 billion compared with the balance of $275.3 billion at March 31, 2004": a date after
        # a comparison is the compared thing's, the base of a change (looked for within reach: a sentence with no
        # end would make this a search per figure and date over the whole sentence)
        compared = [d for d in own if end <= d.start <= end + LOOKBACK
                    and _compared_between().search(text, end, d.start)]
        own = [d for d in own if d not in compared]
        between = lambda d: text[end : d.start] if d.start >= end else text[d.end : start]  # noqa: E731
        tail = [d for d in own if end <= d.start <= end + LOOKBACK and len(between(d).split()) <= 6
                and not re.search(r"[\d;:()$%]", between(d)) and not NEXT_CLAUSE.search(between(d))]
        clause = [d for d in own if ca <= d.start < cb]
        # "X, launched in 2003, now covers 49 cities": a figure of the present takes no date from elsewhere
        present = bool(re.search(r"\b(?:now|currently|at present|today|to date|so far)\b", text[ca:cb], re.I))
        # a date in an earlier item of a list written as prose belongs to that item ("... mature in May 2009; and
        # (ii) notes of $14,688.2 million"), unless it frames the sentence
        sentence = [d for d in own if (framing[id(d)] or ca <= d.start < cb
                    or not (present and id(d) in self.of_event)) and not d.target
                    and (framing[id(d)] or d.end > start or not self._marker_between(d.end, start))]
        framed = [d for d in sentence if framing[id(d)]]  # "As at end-March 2024, ..." frames the whole sentence
        # "4.8% since 1994", "Since 1994, the return has been 4.8%": only when no other figure stands between
        since = [d for d in in_sentence if d.base and ca <= d.start < cb and d.kind in ("year", "month", "day")
                 and SINCE.search(text, max(0, d.start - 40), d.start)
                 and not re.search(r"\d", text[end : d.start] if d.start >= end else text[d.end : start])]
        before = bisect_left(self.framing_starts, a)
        earlier = self.framing_dates[before - 1 : before] if before else []
        nearest = None
        if since and not tail:
            return f"{SINCE_MARK}{text[since[0].start : since[0].end]}", ""
        counted = [span for d in in_sentence if d.base and (ca <= d.start < cb or self._counted_after(end, d))
                   and (span := _years_since(text, d))]
        if counted and not tail:
            return counted[0], ""  # "an average annual increase of $400 million in the three years since 2012-13"
        if self._relative_own(start, end, a, b, ca, cb, tail, clause, framed):
            return "", ""  # its own words say when, relative to the edition or the year named before (Context)
        # "For 2014-15, I forecast $63.8 billion, and by 31 March 2015, reserves are expected to reach $819.5
        # billion": a date opening the figure's coordinated clause, no figure between, is the figure's (a
        # deadline's too: it opens the clause it is the period of)
        lead = [d for d in own if d.end <= start and (d in sentence or d.target and text.startswith(",", d.end))
                and not NEXT_CLAUSE.search(text, d.end, start) and not re.search(r"\d", text[d.end : start])]
        # "... within the 2025/26 school year: Conduct ... in at least 50 schools; Provide ... about 1 000 ...": a
        # date closing a lead clause reaches the items its colon introduces (an item's own date comes first)
        led = [d for d in sentence if d.end <= start and (colon := LEAD_COLON.match(text, d.end))
               and ":" not in text[colon.end() : start]]
        for pool in (tail, clause, led, lead, framed, sentence):
            if pool:
                # nearest; on a tie the one after the figure ("from 2.1% in 2019 to 4.2% in 2022")
                nearest = min(pool, key=lambda d: (abs(d.start - start), d.start < start))
                break
        if nearest is None and earlier:
            nearest = earlier[-1]
        period_text = (nearest.said or text[nearest.start : nearest.end]) if nearest else ""
        # "an increase of 11.1 per cent or $38 billion over the revised estimate for 2015-16": its clause's base
        near_base = [d for d in in_sentence if d.base and 0 <= d.start - start <= 60 or d.base and start <= d.start < cb
                     and d.start - start <= 120]
        near_base = near_base or compared[:1]
        base_text = text[near_base[0].start : near_base[0].end] if near_base else ""
        if not base_text and (kind == "percent" or kind == "money" and _ends_before(AMOUNT_OF_CHANGE, text, start)):
            if YEAR_EARLIER.match(text, end) or _ends_before(YEAR_ON_YEAR_BEFORE, text, start):
                # "up 35.6 per cent year-on-year", "a year-on-year increase of 1.3 per cent": the base is a year before
                base_text = "a year earlier"
            elif len(own) >= 2 and period_text:  # "from 29 600 in 2017-18 to 33 000 in 2023-24, an increase of 11%"
                first = own[0]
                if first.start != nearest.start:
                    base_text = text[first.start : first.end]
        return period_text, base_text


# what may stand between a lead clause's date and the colon closing it: "in 2026:", "in 2026 (CSTB):"
LEAD_COLON = re.compile(r"[^.;:\d]{0,30}?:\s")
# ", and by 31 March 2015, ...": a coordinated clause begins; a date past it is that clause's
NEXT_CLAUSE = re.compile(r"[,;]\s*(?:and|but|while|whereas)\b|;", re.I)
TITLE_ENDED = re.compile(r"\b(?:(?:financial|fiscal)\s+)?year\s+(?:ended|ending)\s+\S.*?(?:19|20)\d\d\b", re.I)
# a finite verb of change: a participle ("..., eventually gaining 4.0%") tells of its sentence's subject and time
CHANGE_BEFORE = re.compile(r"\b(?:rose|fell|grew|gained|lost|dropped|declined|appreciated|depreciated|"
                           r"contracted|expanded|increased|decreased|climbed|surged|plunged|slumped|rebounded|"
                           r"jumped|shrank)(?:\s+by)?(?:\s+(?:about|around|some|nearly|almost|over))?"
                           r"\s+$", re.I)
AHEAD = re.compile(r"\b(?:outlook|target|targets|plan|plans|forecast|prospects|by|for)\b", re.I)
# "(i) ", "(ii) ", "(a) " opening a statement or following "; and": an item of a list written as prose
LIST_MARKER = re.compile(r"(?:^|(?<=[;:]\s)|(?<=[;:]\sand\s)|(?<=[;:]\sor\s))\((?:[ivx]{1,4}|[a-h])\)\s")
# "Overall, the renminbi depreciated by 1.4%": a sentence that sums up speaks of the whole period, not of the
# quarter the sentence before it named
SUMMING_UP = re.compile(r"\W*(?:overall|on the whole|all in all|in sum|for the year as a whole|as a whole)\b", re.I)
SINCE_MARK = "since "  # a period_text "since 1994" runs to the end of the year the document reports on
CARRIED_KINDS = ("money", "percent", "count")  # ranks and durations name their own time, or none


@cache
def _relative() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(tables()['relative_periods'])})\b", re.I)


@cache
def _past_years() -> re.Pattern[str]:
    """'over the past three years', 'in the last 10 years': the years up to the one the document reports on."""
    numbers = alternation(w for w, v in tables()["number_words"].items() if 1 < v <= 100 and " " not in w)
    return re.compile(rf"\b(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+(?P<n>\d{{1,3}}|{numbers})"
                      rf"\s+years\b", re.I)


@cache
def _future() -> re.Pattern[str]:
    """A sentence about what is to come: a month it names with no year may be next year's."""
    return re.compile(r"\b(?:will|shall|to\s+be|plan(?:s|ned)?|expected|propose[sd]?)\b", re.I)


@cache
def _month_alone() -> re.Pattern[str]:
    """'in July', 'by mid-March': a month the text names with no year (capitalised: 'may' is a verb)."""
    months = alternation(m.capitalize() for m in tables()["months"] if len(m) > 3)
    return re.compile(rf"\b(?:in|during|since|by|at\s+the\s+end\s+of)\s+(?P<part>(?:early|mid|late|end)[-\s]+)?"
                      rf"(?P<month>{months})\b(?:\s+(?P<which>last|this|next)\s+year\b)?(?![\s,]*(?:\d|of\b))")


def _resolved(m: re.Match[str], year: int, reports_on: str, topic_year: int | None = None) -> str:
    """The period phrase one relative match means."""
    if m.re is _past_years():
        n = m.group("n")
        count = int(n) if n.isdigit() else tables()["number_words"][n.lower()]
        return f"{year - count + 1} to {year}"
    if m.re is _month_alone():
        shift = {"last": -1, "next": 1}.get(m.group("which") or "", 0)  # "in October last year"
        return f"{m.group('part') or ''}{m.group('month')} {year + shift}"
    phrase = tables()["relative_periods"][re.sub(r"\s+", " ", m.group(0).lower())]
    # "for the year" in a report on the year ended March 31, 2019, or in "Economic Performance in 2013"
    # ("this year" and "last year" stay the edition's)
    if phrase == "{year}" and reports_on and "the year" in m.group(0).lower():
        return reports_on
    if topic_year is not None and not re.search(r"\b(?:this|last)\b", m.group(0), re.I):
        year = topic_year  # "... austere in 2019. Exports fell 4.7% for the year": the year named last
    return phrase.format(year=year, last=year - 1, next=year + 1)


def relative_period(text: str, start: int, end: int, year: int | None, topic_year: int | None = None,
                    reports_on: str = "") -> str:
    """The period phrase a relative date in the figure's sentence means, nearest the figure; '' if none.

    `reports_on` is the period the document reports on when it is no calendar year ('year ended March 31, 2019').
    'this year' and 'last year' count from the edition's year; 'the year', 'the third quarter' refer back to the
    year the paragraph last named (`topic_year`: '... austere in 2019. Exports fell 4.7% for the year'), else the
    edition's."""
    if year is None:
        return ""
    a, b = _sentence_of(_sentences(text), start)
    ca, cb = _clause(text, start, end)
    opening = re.compile(r"\W*(?:\w+\W+){0,2}$")  # 'At the end of the year, ...' frames its sentence
    # read only where a phrase may stand (its clause, the sentence's first words, just after the figure): a
    # sentence with no end is not rescanned from each of its figures
    windows = ((ca, cb), (a, min(b, a + 60)), (end, min(b, end + 61)))
    spans: dict[tuple[int, int], re.Match[str]] = {}
    for pattern in (_relative(), _past_years(), _month_alone()):
        for lo, hi in windows:
            for m in pattern.finditer(text, lo, min(b, hi + 60)):
                after = 0 <= m.start() - end <= 60 and not re.search(r"[;:()]", text[end : m.start()])
                if m.start() < hi and (ca <= m.start() < cb or opening.fullmatch(text, a, m.start()) or after):
                    spans.setdefault((m.start(), m.end()), m)
    future = _future().search(text, max(a, start - LOOKBACK), min(b, end + LOOKBACK))
    found = [m for m in spans.values() if not (m.start() < end and start < m.end())  # not the figure's own words
             and not (m.re is _month_alone() and not m.group("which") and future)]
    # "in October last year" holds "last year": the longer phrase is the one meant
    found = [m for m in found if not any(n is not m and n.start() <= m.start() and m.end() <= n.end()
                                         and n.end() - n.start() > m.end() - m.start() for n in found)]
    if not found:
        return ""
    nearest = min(found, key=lambda m: min(abs(m.start() - end), abs(start - m.end())))
    return _resolved(nearest, year, reports_on, topic_year)


def _named_years(text: str, dates: list[_Date]) -> tuple[list[int], list[int]]:
    """(ends, years) of a statement's date phrases that are their own periods (no base, name or deadline) and
    name a year, in order: 'the year' after one refers back to it. Found once per statement, then bisected."""
    ends, years = [], []
    for d in dates:
        found = [] if d.base or d.name_year or d.target else re.findall(r"(?:19|20)\d\d", text[d.start : d.end])
        if found:
            ends.append(d.end)
            years.append(int(found[-1]))
    return ends, years


def _named_year(named: tuple[list[int], list[int]], before: int) -> int | None:
    """The year the last such date phrase ending by `before` names."""
    i = bisect_right(named[0], before)
    return named[1][i - 1] if i else None


# what joins a figure to the one before it when both tell of one time: a restatement in brackets ("a 3.1 per cent
# variance (HK$14.6 billion)") or a coordinated figure ("by 10.7% and 12.2% ... respectively")
JOINED = re.compile(r"(?:\s+[a-z]+){0,2}\s*\(\s*|(?:\s*\))?\s*(?:,\s*and\s|,|and\s|or\s)\s*")


def _joined(text: str, before: FigureMention, f: FigureMention) -> bool:
    """Whether only a bracket (after at most two words: 'a 3.1 per cent variance (HK$14.6 billion)'), a comma or
    'and' stands between two figures of a sentence."""
    return 0 <= f.start - before.end <= 30 and bool(JOINED.fullmatch(text, before.end, f.start))


@cache
def _n_years_since() -> re.Pattern[str]:
    numbers = alternation(w for w, v in tables()["number_words"].items() if 1 < v <= 100 and " " not in w)
    return re.compile(rf"\b(?:in|over|during|for)\s+(?:the\s+)?(?P<n>\d{{1,2}}|{numbers})(?:\s+(?:financial\s+)?years|"
                      rf"-year\s+period)\s+(?:since|from|starting\s+from)\s+$", re.I)


def _years_since(text: str, d: _Date) -> str:
    """'in the three years since 2012-13' -> '2012-13 to 2014-15', 'in the five-year period from 2013-14' ->
    '2013-14 to 2017-18', 'in three years starting from 2021-22' -> '2021-22 to 2023-24': n years from the one
    named; '' otherwise."""
    m = _ends_before(_n_years_since(), text, d.start)
    date = text[d.start : d.end]
    year = re.fullmatch(r"((?:19|20)\d\d)(?:\s*([-–/])\s*(\d\d))?", date)
    if not m or not year:
        return ""
    n = m.group("n")
    count = int(n) if n.isdigit() else tables()["number_words"][n.lower()]
    first = int(year.group(1)) + count - 1
    return f"{date} to {first}" + (f"{year.group(2)}{(first + 1) % 100:02d}" if year.group(3) else "")


@cache
def _fiscal_parts() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(tables()['fiscal_parts'])})\b(?!\s+of\b)", re.I)


def _fiscal_part(text: str, dates: list[_Date], f: FigureMention) -> str:
    """'for four quarters of 2020-21, ... $5,000 per quarter in the first two quarters': a part of the financial
    year the sentence named before the figure, said just after it ('first half of 2020-21'); '' otherwise."""
    a, b = _sentence_of(_sentences(text), f.start)
    m = _fiscal_parts().search(text, f.end, min(b, f.end + 60))
    if not m or re.search(r"[\d;:()]", text[f.end : m.start()]):
        return ""
    fiscal = [d for d in dates if a <= d.start < f.start and d.kind == "fiscal" and not d.base and not d.name_year]
    if not fiscal:
        return ""
    part = tables()["fiscal_parts"][re.sub(r"\s+", " ", m.group(0).lower())]
    return f"{part} of {text[fiscal[-1].start : fiscal[-1].end]}"


def _changes_over_spans(text: str, figures: list[FigureMention]) -> list[FigureMention]:
    """'increased by about 60 basis points from 0.9% at the beginning of the year to 1.5% at the end of the year':
    a change followed by the level it started from and the one it reached runs from the first's time to the
    second's."""
    out = list(figures)
    for i, (f, first, last) in enumerate(zip(figures, figures[1:], figures[2:])):
        if not (_a_change(f) or _ends_before(r"\bby\s+(?:about\s+|around\s+|some\s+)?$", text, f.start)):
            continue
        if not (re.fullmatch(r"\s+(?:[a-z]+\s+){0,2}from\s+", text[f.end : first.start])
                and re.fullmatch(r"\s+[^;:()]{0,60}?\s+to\s+", text[first.end : last.start])):
            continue
        if first.period_text and last.period_text and not first.base_text and not last.base_text:
            span = f"{first.period_text} to {last.period_text}"
            out[i] = replace(f, period_text=span, base_text="")
    return out


def _respectively(text: str, figures: list[FigureMention], dates: list[_Date]) -> dict[int, str]:
    """'raised to $30, $32.5, $34.5 and $37.5 on 1 May 2013, 1 May 2015, 1 May 2017 and 1 May 2019 respectively':
    a list of figures and the list of dates after it, one to one, in a sentence that says 'respectively'."""
    paired: dict[int, str] = {}
    for a, b in _sentences(text):
        if not re.search(r"\brespectively\b", text[a:b]):
            continue
        own = [d for d in dates if a <= d.start < b and not d.base and not d.name_year]
        listed = _listed(text, own)
        figs = [f for f in figures if a <= f.start and listed and f.end <= listed[0].start]
        run = _listed(text, figs[-len(listed):]) if len(listed) >= 2 and len(figs) >= len(listed) else []
        if len(run) == len(listed) >= 2 and not re.search(r"\d", text[run[-1].end : listed[0].start]):
            paired.update((id(f), "") for f in figs if f not in run)  # "The initial rate was $28": not one of them
            paired.update((id(f), text[d.start : d.end]) for f, d in zip(run, listed))
        elif len(listed) >= 2 and _spread_over(text, [f for f in figures if a <= f.start < b], len(listed)):
            # "Three sites totalling about 6.9 hectares were sold in 2010, 2012 and 2013 respectively": one date
            # for each thing counted, so the sentence's totals span the dates
            span = f"{text[listed[0].start : listed[0].end]} to {text[listed[-1].start : listed[-1].end]}"
            paired.update((id(f), span) for f in figures if a <= f.start < b and f.kind != "duration")
    return paired


def _spread_over(text: str, figures: list[FigureMention], n: int) -> bool:
    """Whether a sentence with n dates 'respectively' counts n things ('Three sites') and lists no n figures
    to pair the dates with ('$30, $32.5 and $34.5'): its dates are those of the things, one each."""
    from factsheet.normalise import parse_number  # normalise imports the extract step: imported when needed

    counted = any(f.kind == "count" and parse_number(f.number_text) == n for f in figures)
    return counted and not any(len(_listed(text, figures[i : i + n])) == n for i in range(len(figures) - n + 1))


def _listed(text: str, items: list) -> list:
    """The first run of spans joined only by commas and 'and' ('1 May 2013, 1 May 2015 and 1 May 2017')."""
    run = items[:1]
    for previous, item in zip(items, items[1:]):
        if not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)", text[previous.end : item.start]):
            break
        run.append(item)
    return run


def _about_the_period(text: str, f: FigureMention) -> bool:
    """'During the period, we experienced five years of deficits': the figure's sentence opens with, or its clause
    holds, words that refer back to a span named before."""
    a, b = _sentence_of(_sentences(text), f.start)
    ca, cb = _clause(text, f.start, f.end)
    return any(ca <= m.start() < cb or FEW_WORDS.fullmatch(text, a, m.start())
               for m in _period_anaphora().finditer(text, a, min(b, f.end + 60)))


def _restated(text: str, before: FigureMention, f: FigureMention) -> bool:
    """A figure in brackets right after another, with no date of its own there: the same amount restated ('a 3.1 per
    cent variance (HK$14.6 billion)'), of the same time whatever the rest of the sentence dates."""
    opening = text.rfind("(", before.end, f.start)
    closing = text.find(")", f.end, f.end + 40)
    return opening >= 0 and closing >= 0 and _joined(text, before, f) and not re.search(
        r"\d", text[opening + 1 : f.start] + text[f.end : closing])


def _in_marked_item(statement: Statement, f: FigureMention) -> bool:
    """The figure stands in a list item written as prose: after "(ii)" with no sentence or clause end between."""
    before = list(LIST_MARKER.finditer(statement.text, max(0, f.start - LOOKBACK), f.start))
    return bool(before) and not re.search(r"[;.]\s", statement.text[before[-1].end() : f.start])


def _a_change(f: FigureMention) -> bool:
    """A percent that says how much something changed ("the yen appreciated by about 3%", "gaining 4.0%")."""
    if f.kind != "percent" or f.base_text:
        return False
    return f.rule == "percent-change" or bool(_ends_before(CHANGE_BEFORE, f.statement.text, f.start))


def section_year(section: str) -> int | None:
    """The year a section's heading says it reviews ('Economic Performance in 2013', 'Review of 2019'): what its
    relative phrases mean. 'Outlook for 2014' or 'Targets by 2030' look ahead and name no such year."""
    years = set(re.findall(r"\b(?:in|during|of)\s+((?:19|20)\d\d)\b(?![\d-])", section))
    return int(years.pop()) if len(years) == 1 and not AHEAD.search(section) else None


def section_fiscal_year(section: str) -> str:
    """The one financial year a section's heading names ('Estimates for 2016-17'), else ''."""
    years = set(re.findall(r"(?<![\d-])((?:19|20)\d\d\s*[-–/]\s*\d\d)(?![\d-])", section))
    return years.pop() if len(years) == 1 else ""


def _coming_year(text: str, f: FigureMention, dates: list[_Date]) -> bool:
    """The figure's clause, or the words just after it, say 'in the next financial year', 'in the coming year'; or
    the sentence says it before the figure and names no date of its own ('The Land Sale Programme for the coming
    financial year includes ... about 172 000 square metres')."""
    a, b = _sentence_of(_sentences(text), f.start)
    ca, cb = _clause(text, f.start, f.end)
    undated = not any(a <= d.start < b and not d.base for d in dates)
    return any(ca <= m.start() < cb or 0 <= m.start() - f.end <= 60 or undated and m.end() <= f.start
               for m in _coming().finditer(text, a if undated else max(a, ca), min(b, max(cb, f.end + 60) + 40)))


@cache
def _coming() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(words('coming_year'))})\b", re.I)


def _coming_fiscal(published: str) -> str:
    """The financial year (April to March) about to begin when the edition is dated in January to March (a Budget
    Speech of 27 February 2013: '2013-14'), what 'the coming year' means then; '' for other dates or none."""
    m = re.fullmatch(r"((?:19|20)\d\d)-(0[1-3])(?:-\d\d)?", published or "")
    return f"{m.group(1)}-{(int(m.group(1)) + 1) % 100:02d}" if m else ""


def reporting_period(title: str) -> str:
    """The period a document reports on when its title names one that is no calendar year ('Provisional
    financial results for the year ended March 31, 2019' -> 'year ended March 31, 2019'), else ''."""
    m = TITLE_ENDED.search(title)
    return m.group(0) if m else ""


class Context:
    """What the sentences read so far say about time: the paragraph and the period its figures had.

    `annual`: the document reviews a year (an annual report, a review of the year: it states its year rather
    than printing a day or month of publication), so a change it gives with no date is a change over that year."""

    def __init__(self, year: int | None, reports_on: str = "", annual: bool = False, published: str = "") -> None:
        self.year, self.reports_on, self.annual = year, reports_on, annual
        self.coming = _coming_fiscal(published)
        self.paragraph = -2
        self.period = ""
        self.topic_year: int | None = None  # the year the paragraph named last
        self.topic_span = ""  # the span of years the paragraph named last ("from 1998 to 2004")
        self.lead_in = ""  # the sentence ending in ':' that introduces the list being read
        self.list_paragraph = -2  # the paragraph of the list items written as prose ("(i) ...; and (ii) ...")

    def apply(self, statement: Statement, figures: list[FigureMention]) -> list[FigureMention]:
        """The figures with periods from context where their own words gave none."""
        year = self.year
        reviewed = section_year(statement.section)  # "for the year" in "Economic Performance in 2013"
        if statement.paragraph != self.paragraph:
            self.paragraph, self.period, self.topic_year, self.topic_span = statement.paragraph, "", None, ""
        dates = _dates(statement.text)
        named = _named_years(statement.text, dates)
        # a sentence whose only date is a change's base ("... or $22 billion over the revised estimate for
        # 2015-16") still speaks of the period the paragraph is about
        dated = any(not d.base for d in dates) or bool(_relative().search(statement.text))
        marked = LIST_MARKER.search(statement.text)
        if statement.kind != "item" and statement.text.rstrip().endswith(":"):
            self.lead_in, self.list_paragraph = statement.text, -2
        elif statement.kind != "item" and marked:
            self.list_paragraph = statement.paragraph  # "(i) Toll Revenue Bond of ...": an item written as prose
        elif statement.kind != "item" and statement.paragraph != self.list_paragraph:
            self.lead_in = ""
        lead_in = statement.lead_in or self.lead_in
        out = []
        paired = _respectively(statement.text, figures, dates)
        for f in figures:
            part = _fiscal_part(statement.text, dates, f)
            if part:
                out.append(replace(f, period_text=part, base_text=""))
                continue
            if id(f) in paired:
                out.append(replace(f, period_text=paired[id(f)], base_text=""))
                continue
            if out and (_restated(statement.text, out[-1], f) or f.period_text in ("", out[-1].period_text)
                        and out[-1].period_text and _restates(statement.text, out[-1], f)):
                # "(HK$14.6 billion)", ", equivalent to 24 months of government expenditure": the same amount
                out.append(replace(f, period_text=out[-1].period_text, base_text=f.base_text or out[-1].base_text))
                continue
            whole = None if f.period_text else _whole_of(statement.text, out, f)
            if whole is not None:
                out.append(replace(f, period_text=whole.period_text))  # a part of the whole before, of its time
                continue
            if f.period_text.startswith(SINCE_MARK):
                f = replace(f, period_text=f"{f.period_text[len(SINCE_MARK):]} to {year}" if year else "")
            if not f.period_text and self.topic_span and _about_the_period(statement.text, f):
                f = replace(f, period_text=self.topic_span)  # "from 1998 to 2004. During the period, ..."
            if not f.period_text and f.kind != "duration":
                topic = _named_year(named, f.start) or self.topic_year
                coming = section_fiscal_year(statement.section) or self.coming
                if coming and _coming_year(statement.text, f, dates):
                    period = coming  # "$490 billion in the next financial year", under "Estimates for 2016-17"
                else:  # (not "last year" said further on: "..., 14 per cent more than that of last year")
                    period = relative_period(statement.text, f.start, f.end, year, topic,
                                             reports_on=self.reports_on or str(reviewed or ""))
                if not period and out and out[-1].period_text and _joined(statement.text, out[-1], f):
                    f = replace(f, period_text=out[-1].period_text, base_text=out[-1].base_text)
                    out.append(f)  # "6.6 per cent (HK$37.8 billion) and 0.8 per cent": one period
                    continue
                if not period and not dated and statement.kind == "paragraph" and f.kind in CARRIED_KINDS \
                        and not SUMMING_UP.match(statement.text):
                    period = self.period
                listed = statement.kind == "item" or _in_marked_item(statement, f)
                if not period and f.kind in CARRIED_KINDS and listed:
                    period = self.lead_in_period(lead_in)
                if not period and self.annual and year and _a_change(f):
                    period = self.reports_on or str(year)  # a review's undated change is over its year
                f = replace(f, period_text=period) if period else f
            out.append(f)
        out = _changes_over_spans(statement.text, out)
        periods = [f.period_text for f in out if f.period_text and not f.base_text]
        if periods:
            self.period = periods[-1]
        self.topic_year = _named_year(named, len(statement.text)) or self.topic_year
        spans = [d for d in dates if d.kind in ("range", "yearrange") and not d.base and not d.target]
        self.topic_span = statement.text[spans[-1].start : spans[-1].end] if spans else self.topic_span
        return out

    @cache  # noqa: B019 - a Context lives for one document; each list's lead-in is asked by each of its items
    def lead_in_period(self, lead_in: str) -> str:
        """The period a list's lead-in sentence states ('... HK$218.8 billion in 2024, which included:'): its last
        own date, else a relative phrase it holds; '' when it states none."""
        own = [d for d in _dates(lead_in) if not d.base and not d.target and not d.name_year]
        if own:
            return lead_in[own[-1].start : own[-1].end]
        if self.year is None:
            return ""
        found = [m for pattern in (_relative(), _past_years(), _month_alone()) for m in pattern.finditer(lead_in)]
        return _resolved(found[-1], self.year, self.reports_on) if found else ""
