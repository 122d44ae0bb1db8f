"""Extract steps: find the numbers of a statement and attach their units (currency, scale, the noun counted).

Each finder reads one kind of figure, in a fixed order (FINDERS): a span one finder takes is not read again by
a later one, so ranks and money come before the bare counts that would otherwise take their digits.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from factsheet.grammar import alternation, phrase_map, tables, words
from factsheet.labels import (
    AUX,
    FUNCTION_WORDS,
    RANKING_NOUNS,
    _clause,
    _count_label,
    _name_after,
    _ranking_name,
    _sentence_topic,
    _shorten,
    _tidy,
    _topic,
    _uncap,
    figure_label,
)
from factsheet.mentions import FigureMention, _Placed
from factsheet.model import Statement
from factsheet.patterns import DIGITS, figure_tables, fractions, patterns
from factsheet.periods import PeriodFinder, _Date
from factsheet.phrases import lexicon
from factsheet.qualifiers import _lead_bound, _qualifier
from factsheet.spans import LOOKBACK, TOPIC_REACH, Spans, _compiled, _ends_before, _sentence_of, _sentences, _starts_at


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



def _not_figures(text: str) -> list[tuple[int, int]]:
    """Spans that hold numbers but no figure: set phrases ("on the one hand", "in one go", "One day, ..."), chapters
    referred to ("refer to 4 Application of the Ordinance"), days of a month named without a year ("1 July"), times
    of day ("8:30 a.m."), map coordinates ("22 15 N, 114 10 E") and paragraph numbers ("20.I")."""
    p = patterns()
    names = [name for name, needs in NOT_FIGURES if needs is None or needs.search(text)]
    return [m.span() for name in names for m in p[name].finditer(text)]


# the patterns of _not_figures in order, each with what any match of it holds (a cheap test first): a digit, or
# the comma an opener stands before; None where a table's words decide
NOT_FIGURES = (("not_figure", None), ("opener", re.compile(",")), ("cross_reference", re.compile(r"\d")),
               ("day_month", re.compile(r"\d")), ("clock_time", None), ("coordinates", re.compile(r"\d")),
               ("paragraph_number", re.compile(r"\d")), ("footnote_number", re.compile(r"\d")))


HEADING_NUMBER = re.compile(r"\d{1,2}(?=\s+[A-Z][a-z])")
HEADING_WORDS = 4  # a statement opening with this many words of its numbered heading says the heading again


def _heading_number(statement: Statement) -> list[tuple[int, int]]:
    """The number of a numbered heading said again as a line under itself ('5 Employer to keep records ...', a
    chapter's running head the layout kept in the text): the chapter's number, no figure."""
    m = HEADING_NUMBER.match(statement.text)
    if not m or not statement.section:
        return []
    heading = " ".join(statement.section.split()[:HEADING_WORDS + 1])
    return [m.span()] if " ".join(statement.text.split()).startswith(heading) else []


class Reader:
    """One statement being read: its dates and spans already taken, the figures found so far, and `add`, which
    runs the qualifier, period and label steps on a figure a finder found and records it."""

    def __init__(self, statement: Statement, antecedent: str, dates: list[_Date], event_starts: list[int],
                 lead: str = "") -> None:
        text = statement.text
        self.statement, self.text, self.antecedent = statement, text, antecedent
        self.lead = lead  # the clause ending in a dash that the statement's numbered items complete
        self.sentences = _sentences(text)
        self.claims = _Claims()
        for d in dates:
            self.claims.take(d.start, d.end)
        p = patterns()
        for m in p["phone"].finditer(text):  # "hotline: 2804 2600", "(852) 2835 1473" are no figures
            self.claims.take(m.start(), m.end())
        for m in p["per_number"].finditer(text):  # "4.4 per 1,000 population": the 1,000 only scales the rate
            self.claims.take(m.start("num"), m.end("num"))
        for a, b in _not_figures(text) + _heading_number(statement):
            self.claims.take(a, b)
        self.figures: list[FigureMention] = []
        self.placed = _Placed()
        self.date_spans = [(d.start, d.end) for d in dates]
        self.periods = PeriodFinder(text, dates, self.sentences, event_starts)

    def add(self, start: int, end: int, kind: str, rule: str, *, number: str = "", scale: str = "",
            currency: str = "", unit: str = "", scope: str = "", label: str = "", qualifier: str | None = None,
            base: bool = False, noun: str = "") -> None:
        """Record a figure a finder found: its qualifier (which may widen its span), period and label."""
        text = self.text
        own = start
        if qualifier is None:
            qualifier, start, end = _qualifier(text, start, end, kind)
            if qualifier == "exact" and self.lead:  # "... within the following period –" / "(i) F after ..."
                qualifier = _lead_bound(f"{self.lead} {text[:start]}", len(self.lead) + 1 + start) or qualifier
        period_text, base_text = self.periods.period_for(start, end, kind)
        if not base:
            base_text = ""
        if not label:
            # "increased 16.5 per cent to exceed $300 billion": the amount a change reached, labelled by that change
            label_start = own if own > start and _infinitive_bound().fullmatch(text, start, own) else start
            label = figure_label(text, label_start, end, kind, unit=unit, noun=noun, sentences=self.sentences,
                                 date_spans=self.date_spans, antecedent=self.antecedent, placed=self.placed,
                                 lead=self.lead)
            bound = BOUND_NOUN_IN_VALUE.search(text, start, end)
            if bound and kind != "duration" and bound.group(1).lower() not in label.lower():
                label = f"{_shorten(label, 78 - len(bound.group(1)))}: {bound.group(1).lower()}"  # "...: cap"
            if kind == "duration":
                label = _length_of(text, end, label, unit)
        self.figures.append(FigureMention(self.statement, start, end, kind, number, scale, currency, unit, qualifier,
                                          period_text, base_text, scope, _shorten(label), rule))
        self.placed.add(self.figures[-1])
        self.claims.take(start, end)


# a bound the figure's own words name ('subject to a cap of $80,000'): what the figure is of the thing labelled
BOUND_NOUN_IN_VALUE = re.compile(r"\b(cap|ceiling|limit|maximum|minimum|floor)\s+of\s", re.I)


def _length_of(text: str, end: int, label: str, unit: str) -> str:
    """A duration's label with what it is a length of, when the text says so right after it and the label does not
    ('born before 24 weeks of pregnancy' -> '...: pregnancy (weeks)', 'after 3 years of service')."""
    of = DURATION_OF.match(text, end)
    if not of:
        return label
    noun: list[str] = []
    for word in of.group(1).split():
        if word.lower() in FUNCTION_WORDS | AUX:
            break  # "before 24 weeks of pregnancy an employee delivers": the noun ends at a function word
        noun.append(word)
    thing = " ".join(noun)
    suffix = f" ({unit})"
    if not thing or thing.lower() in label.lower() or not label.endswith(suffix):
        return label
    head = _shorten(label[: -len(suffix)], 80 - len(suffix) - len(thing) - 2)
    return f"{head}: {thing}{suffix}"


# the noun phrase a duration is a length of ('24 weeks of pregnancy', "12 months' of service" is none): up to three
# words after 'of', no determiner or figure first
DURATION_OF = re.compile(r"['’]?\s+of\s+(?!(?:the|a|an|his|her|their|its|this|that|these|those|each|every|any)\b)"
                         r"([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})\b")


def _ranks(r: Reader) -> None:
    """Ranks: "1st in Asia-Pacific", "No.3 in the world", "third globally", "first among 64 economies"."""
    text = r.text
    p = patterns()
    # ranks: "1st in Asia-Pacific", "No.3 in the world", "third globally"
    for m in p["rank"].finditer(text):
        if not r.claims.free(m.start(), m.end()):
            continue
        if re.match(r"[A-Z]", m.group("ord")) and not re.match(r"No", m.group("ord")):
            continue  # "First Prize in ..." is a name, not a rank
        scope = m.group("scope") or "World"
        if m.group("scope") and re.search(alternation(tables()["scopes"]["world"]), m.group("scope"), re.I):
            scope = "World"
        scope = re.sub(r"^the\s+", "", scope)
        a, b = _sentence_of(r.sentences, m.start())
        name = _ranking_name(text[a:b], m.start() - a)
        ca, _ = _clause(text, m.start(), m.end())
        if not any(n in name for n in RANKING_NOUNS) and re.match(r"\s*\w+ing\b", text[ca : m.start()]) and (
                earlier := r.placed.last_before(a, m.start(), lambda f: f.kind != "rank")):
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
        r.add(m.start(), m.end(), "rank", "rank-ordinal-scope", number=m.group("ord"), scope=scope,
            label=f"{name}: rank in {scope}{what}", qualifier="exact")
    for m in p["rank_among"].finditer(text):
        if r.claims.free(m.start(), m.end("ord")) and not re.match(r"[A-Z]", m.group("ord")[:1]) or (
            r.claims.free(m.start(), m.end("ord")) and m.group("ord").startswith("No")
        ):
            a, b = _sentence_of(r.sentences, m.start())
            r.add(m.start(), m.end("ord"), "rank", "rank-among", number=m.group("ord"), qualifier="exact",
                  scope="World",
                  label=f"{_ranking_name(text[a:b], m.start() - a)}: rank among {m.group('n')} {m.group('what')}")


def _superlatives(r: Reader) -> None:
    """Superlatives as ranks: "Asia's largest", "the world's second-largest", "the freest economy in the world"."""
    text = r.text
    p = patterns()
    # superlatives: "Asia's largest", "the world's second-largest"
    chain = list(p["superlative"].finditer(text))
    # "Asia's largest and the world's second-largest": from chain[i] on, only "and" or "," between them
    joined_to_end = [True] * len(chain)
    for i in range(len(chain) - 2, -1, -1):
        joined_to_end[i] = joined_to_end[i + 1] and bool(
            re.fullmatch(r"\s*(?:and|,)\s*", text[chain[i].end() : chain[i + 1].start()]))
    for i, m in enumerate(chain):
        if not r.claims.free(m.start(), m.end()):
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
            subject = _sentence_topic(text, r.sentences, m.start()) + (f" {tail}" if tail else "")
        else:
            subject = tail
        start = m.start("pre") if poss.lower() != "the world" else m.start()
        r.add(start, m.end(), "rank", "rank-superlative", number=m.group("ord") or "first", scope=scope,
            label=f"{subject}: rank in {scope}", qualifier="exact")
    # "the freest economy in the world", "the second busiest airport in Asia"
    for m in p["superlative_in"].finditer(text):
        if not r.claims.free(m.start(), m.end()):
            continue
        if _ends_before(r"\b(?:(?:one|some|many|several|among|two|three)\s+of|among)\s+$", text, m.start(), re.I):
            continue  # "among the highest in the world" is no rank
        if m.group("noun").strip() and _plural(m.group("noun").split()[-1]):
            continue  # "the leading pro-democracy figures in Hong Kong": a group, not a rank
        where = m.group("scope") or "world"
        scope = "World" if where.lower().endswith("world") else re.sub(r"^the\s+", "", where)
        thing = m.group("noun").strip() or _sentence_topic(text, r.sentences, m.start())
        r.add(m.start(), m.end(), "rank", "rank-superlative-in", number=m.group("ord") or "first", scope=scope,
            label=f"{m.group('sup')} {thing}: rank in {scope}", qualifier="exact")


def _money(r: Reader) -> None:
    """Money: "over $1.466 billion", "HK$3.2 bn", "500 million Hong Kong dollars"."""
    text = r.text
    p = patterns()
    # money: "over $1.466 billion", "HK$3.2 bn", "500 million Hong Kong dollars"
    for m in p["money"].finditer(text):
        if not r.claims.free(m.start(), m.end()):
            continue
        cur = m.group("cur") or m.group("cur2")
        num = (m.group("sign") or "") + (m.group("num") or m.group("num2"))
        scale = m.group("scale") or m.group("scale2") or ""
        other = p["money_range_end"].match(text, m.end()) if m.group("cur") else None
        if other and not scale:  # "$4 to $8 million", "HK$1.5-2 billion": the far end's scale is both ends'
            scale = other.group("scale")
        name = _name_after(text, m.end())
        r.add(m.start(), m.end(), "money", "money-currency-amount", number=num, scale=scale, currency=cur,
            label=name, base=_money_change(text, m.start()))
        if other and not other.group("cur") and r.claims.free(other.start("num"), other.end()):
            # "HK$1.5-2 billion": the far end is money in the near end's currency
            r.add(other.start("num"), other.end(), "money", "money-range-end", number=other.group("num"),
                  scale=other.group("scale"), currency=cur, label=name)


def _money_change(text: str, start: int) -> bool:
    """'an increase of $2.7 billion over 2012-13': an amount a noun of change governs is a change, whose base
    date (if the sentence gives one near it) starts its period."""
    return bool(_ends_before(_change_of(), text, start))


@cache
def _change_of() -> re.Pattern[str]:
    nouns, quals = alternation(words("change_nouns")), alternation(phrase_map("qualifiers"))
    return re.compile(rf"\b(?:{nouns})\s+of\s+(?:(?:{quals})\s+)?$", re.I)


def _percents(r: Reader) -> None:
    """Percents and changes: "over 90%", "up 68% over 2017", "12.5 per cent", "5 to 40 per cent"."""
    text = r.text
    if not PERCENT_SIGN.search(text):
        return  # every percent and percent range ends in one: a cheap test before the patterns
    p = patterns()
    # percents: "over 90%", "up 68% over 2017", "12.5 per cent"
    for m in p["percent"].finditer(text):
        if not r.claims.free(m.start(), m.end()):
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
        r.add(start, m.end(), "percent", "percent-change" if change else "percent",
            number=(m.group("sign") or "") + m.group("num"),
            unit="percent", label=label, base=change, qualifier=inner)  # "a fall of nearly 40 per cent"
    for m in p["percent_range"].finditer(text):  # "a co-payment of 5 to 40 per cent"
        if r.claims.free(m.start(), m.end()):
            r.add(m.start(), m.end(), "percent", "percent-range", number=m.group("num"), unit="percent")


PERCENT_SIGN = re.compile(r"%|per\s?cent", re.I)


# "an increase of about 1.8 times": a change said as a multiple
MULTIPLE_BEFORE = re.compile(r"\b(?:increase|rise|growth|decrease|drop|fall|jump|surge)\s+of\s+"
                             r"(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|over\s+)?$", re.I)


def _ratios(r: Reader) -> None:
    """Ratios and multiples: "doubles", "three-fold", "4.4 per 1,000 population", "one in five", "1:1 matching"."""
    text = r.text
    p = patterns()
    # ratios: "doubles", "three-fold", "a matching basis of one to one"
    for m in p["to_ratio"].finditer(text):
        if r.claims.free(m.start("a"), m.end()):
            r.add(m.start("a"), m.end(), "ratio", "ratio-a-to-b", number=f"{m.group('a')}/{m.group('b')}",
                unit="ratio", qualifier="exact")
    for m in p["multiplier"].finditer(text):
        if not r.claims.free(m.start(), m.end()):
            continue
        if m.group("verb").lower() in ("double", "triple") and _starts_at(
                r"\s+[a-z]+(?!\s+(?:the|that|its|their))", text, m.end()) and not _starts_at(
                r"\s+(?:the|that|its|their|from|to|in|between)\b", text, m.end()):
            continue  # "double taxation agreements": an adjective, not a multiple
        r.add(m.start(), m.end(), "ratio", "ratio-multiplier-verb", number=m.group("verb"), unit="ratio")
    for m in p["times"].finditer(text):
        if not r.claims.free(m.start(), m.end()):
            continue
        if _starts_at(r"\s+(?:as\s+(?!expected\b|planned\b|scheduled\b|forecast\b|anticipated\b)|more|less|larger|"
                      r"bigger|higher|greater|smaller|the|that|what|of|his|her|its|their)\b", text, m.end()) \
                or "fold" in m.group(0).lower() or MULTIPLE_BEFORE.search(text, max(0, m.start() - 40), m.start()) \
                or re.fullmatch(r"\d+\.\d+", m.group("num")):
            # "an increase of about 1.8 times", "six times of his/her average monthly income": a multiple
            r.add(m.start(), m.end(), "ratio", "ratio-times", number=m.group("num"), unit="ratio")
        else:  # "Signal No. 8 was hoisted 5 times in 2023": occurrences
            r.add(m.start(), m.end(), "count", "count-times", number=m.group("num"), unit="times")
    for m in p["rate"].finditer(text):  # "4.4 per 1,000 population", "838 males per 1 000 females"
        if r.claims.free(m.start("num"), m.end("num")):
            r.add(m.start("num"), m.end("num"), "ratio", "ratio-rate", number=m.group("num"), unit="ratio",
                label=f"{_sentence_topic(text, r.sentences, m.start())}: {m.group('unit')}".strip(": "))
    for m in p["fraction"].finditer(text):  # "one in five residents", "about two-thirds of"
        spans_time = r"\s+(?:a\s+dozen|an?\s+(?:hour|day|year|month|century)|(?:hour|day|year|month|time)s?\b)"
        # "the second half of the year", "the first three quarters": a part of a period, not a share
        part_of_period = _ends_before(p["time_fraction_before"], text, m.start()) or \
            p["time_fraction_after"].match(text, m.end())
        if r.claims.free(m.start(), m.end()) and _starts_at(r"\s+(?:of\b|[a-z]+)", text, m.end()) \
                and not _starts_at(spans_time, text, m.end()) and not part_of_period:
            r.add(m.start(), m.end(), "percent", "percent-fraction",
                number=str(fractions()[re.sub(r"\s+", " ", m.group("frac").lower())]), unit="percent")
    for m in p["colon_ratio"].finditer(text):
        if r.claims.free(m.start(), m.end()):
            r.add(m.start(), m.end(), "ratio", "ratio-a-to-b", number=f"{m.group('a')}/{m.group('b')}", unit="ratio",
                qualifier="exact")


CLOSED_WORDS = frozenset(w for ws in lexicon()["closed"].values() for w in ws)  # "for 3 days in a row": no noun


def _unit_as_modifier(text: str, m: re.Match[str]) -> bool:
    """'100 day care places': a singular unit after a number above one, before a noun, is part of a compound
    noun the number counts ('day care'), not a length of time ('100 days'); 'the 20th consecutive year' stays."""
    unit, num = m.group("unit").lower(), m.group("num").lower()
    if f"{unit}s" not in tables()["durations"] or num in ("1", "one", "a", "an"):
        return False
    if not re.fullmatch(r"[\d,.]+|" + alternation(tables()["number_words"]), num, re.I):
        return False
    after = _starts_at(r"\s+([a-z][\w-]*)", text, m.end())
    return bool(after) and after.group(1) not in CLOSED_WORDS


def _durations(r: Reader) -> None:
    """Durations: "a 24-month extension", "in the past three years", "for 18 months"."""
    text = r.text
    p = patterns()
    # "a 24-month extension" (but not the "14th Five-Year Plan", a name)
    for m in p["duration_hyphen"].finditer(text):
        if r.claims.free(m.start(), m.end()) and not _is_name_number(text, m.start()) and m.group("num")[:1].islower() \
                or r.claims.free(m.start(), m.end()) and m.group("num")[:1].isdigit():
            r.add(m.start(), m.end(), "duration", "duration-hyphen", number=m.group("num"), unit=m.group("unit") + "s")
    # durations: "in the past three years", "for 18 months"
    for m in p["duration"].finditer(text):
        if not r.claims.free(m.start(), m.end()) or _is_name_number(text, m.start()) or _unit_as_modifier(text, m):
            continue
        r.add(m.start(), m.end(), "duration", "duration", number=m.group("num"),
            unit=m.group("unit").lower())


def _ages(r: Reader) -> None:
    """Ages: "retirement at age 65", "at the age of 18": a duration in years."""
    text = r.text
    for m in patterns()["age"].finditer(text):
        if r.claims.free(m.start("num"), m.end("num")):
            r.add(m.start("num"), m.end("num"), "duration", "duration-age", number=m.group("num"), unit="years")


def _measures(r: Reader) -> None:
    """Measures: "the 55-kilometre bridge", "a 22-hectare site"."""
    text = r.text
    p = patterns()
    # measures: "the 55-kilometre bridge", "a 22-hectare site"
    for m in p["measure"].finditer(text):
        if r.claims.free(m.start(), m.end()) and not _is_name_number(text, m.start()):
            thing, _ = _count_noun(text, m.end())
            r.add(m.start(), m.end(), "count", "count-measure", number=m.group("num"), unit=m.group("unit").lower(),
                label=f"{_tidy(thing)}: {m.group('unit').lower()}s" if thing else "")


def _count_ranges(r: Reader) -> None:
    """Hyphenated ranges of counts and durations: "50-100 enterprises", "0-14 years": both ends, one noun."""
    text = r.text
    for m in patterns()["count_range"].finditer(text):
        if not r.claims.free(m.start(), m.end()):
            continue
        noun, head = _count_noun(text, m.end())
        if not noun or head in set(words("not_count_nouns")) or _is_name_number(text, m.start()):
            continue
        for end in ("a", "b"):
            number = m.group(end)
            if head in tables()["durations"]:
                r.add(m.start(end), m.end(end), "duration", "duration-range", number=number, unit=head)
            else:
                r.add(m.start(end), m.end(end), "count", "count-range", number=number, unit=head,
                      label=_count_label(text, m.start(end), m.end(), noun, r.sentences), noun=_tidy(noun))


def _counts(r: Reader) -> None:
    """Counts: "over 44,500 “Wi-Fi.HK” hotspots", "six areas", "up to four research talents"."""
    text = r.text
    p = patterns()
    # counts: "over 44,500 “Wi-Fi.HK” hotspots", "six areas", "up to four research talents"
    for m in p["count"].finditer(text):
        if not r.claims.free(m.start(), m.end()) or _is_name_number(text, m.start()):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
            continue
        if _ends_before(r"\btop\s+$", text, m.start(), re.I):
            continue  # "the world's top 100 banks" names a group, it counts nothing
        if m.group("num")[:1].isupper() and m.group("num").isalpha() and _ends_before(r"\b[A-Z]\w*\s+of\s+$", text,
                                                                                       m.start()):
            continue  # "the Group of Twenty": a number word in a name
        if m.group("num").lower() == "one" and _ends_before(r"\b(?:any|each|every|no|at|the\s+other)\s+$", text,
                                                            m.start(), re.I):
            continue  # "at any one time"; "one at ..., one in ... and the other one near ...": a pronoun
        noun, head = _count_noun(text, m.end())
        if m.group("num") == "One" and head and not _plural(head) and _ends_before(r"(?:^|[.!?:;]\s+)$", text,
                                                                                    m.start()):
            continue  # "One process-related measure taken by the HKMA is ...": one of several, no count
        if p["address"].match(text, m.end()) and not _ends_before(_count_context()["qualified"], text, m.start()):
            continue  # "33 Fat Kwong Street" ("over 700 Closed Circuit Television Cameras": no address is "over")
        if noun and _top_n(r, m, noun):
            continue
        if _ends_before(r"\bage[ds]?\s+$", text, m.start(), re.I):
            continue  # "persons aged 5 and over": an age bounds a group, it counts nothing
        if _ends_before(r"[“\"](?:the\s+)?$", text, m.start(), re.I) and _starts_at(r"(?:\s+[\w’'-]+){1,3}[”\"]", text,
                                                                                    m.end()):
            continue  # "“the eight centres”": a short quoted name a number opens, it counts nothing
        first = noun.split()[0].strip("“”\"") if noun else ""
        if first in set(words("name_number_nouns")) or (
                m.group("num")[:1].isupper() and first[:1].isupper() and _compiled(r"\S").search(text, 0, m.start())):
            continue  # "the 1823 hotline", "the Eight Regions": a number inside a name
        if _starts_at(r"\s+(?:[\w-]+\s+){0,2}(?:for|to)\s+every\b", text, m.end()) or _ends_before(
                r"\bfor\s+every\s+$", text, m.start(), re.I):
            continue  # "one doctor for every 580 people": a rate, not two counts
        part_of = _starts_at(_count_context()["part_of"], text, m.end())
        if not noun and part_of and m.group("num").lower() != "one":  # "12 of its projects will be completed"
            noun, head = _count_noun(text, part_of.end() - 1)
        # "15 to 20 years", "three but less than 12 months'": the second number's noun is the first's
        borrowed = _starts_at(_count_context()["borrowed"], text, m.end())
        trailing = _starts_at(_count_context()["trailing"], text, m.end())
        if not noun and trailing:  # "300 or more units"
            noun, head = _count_noun(text, trailing.end())
        defined = _starts_at(r"\s+(?:is|are|was|were)\s+the\s+(?:total\s+)?number\s+of", text, m.end(), re.I)
        if not noun and defined:  # "122 is the number of days between 1.9.2022 and 31.12.2022": it counts them
            noun, head = _count_noun(text, defined.end())
        if not noun and borrowed:  # "15 to 20 years", "seven to 180 days": the first number shares the unit
            if _restated_bound(text, m, borrowed):
                continue  # "12 or more than 12 months": one figure, the second number's
            noun, head = _count_noun(text, borrowed.end() - 1)
            unit = _starts_at(r"(\w+)\b", text, borrowed.end())  # "two to four weeks before the expected date"
            if unit and unit.group(1).lower() in tables()["durations"]:
                head = unit.group(1).lower()
            if head in tables()["durations"]:
                r.add(m.start(), m.end(), "duration", "duration-range", number=m.group("num"), unit=head)
                continue
        if not noun and (_sizeable(m) or not _ends_before(r"\b(?:is|are|was|were)\s+(?:\w+\s+)?$", text,
                                                             m.start())):
            subject = _ends_before(p["count_subject"], text, m.start())
            counted = _ends_before(_number_of(), text, m.start()) if "number of" in text[
                max(0, m.start() - LOOKBACK) : m.start()].lower() else None
            if counted:  # "the number of IPPAs signed by Hong Kong has increased to 19"
                noun, head = counted["noun"], counted["noun"].lower()
            elif subject and _plural(subject.group(1).split()[-1]) and subject.group(1).lower() not in FUNCTION_WORDS:
                noun, head = subject.group(1), subject.group(1).split()[-1].lower()
        # "one doctor per 1 000 people" is a rate; "from 4 000 to 5 000 per annum" a quantity in time
        if not noun and _quantity_like(text, m) and not _starts_at(
                r"\s+(?:for|in|to)\s+(?:every|each)\b|\s+per\b(?!\s+(?:annum|year|month|week|day)\b)", text, m.end()):
            noun, head = _implied_noun(text, m.start(), m.end(), r.sentences, r.figures)
        if PER_PERSON.search(head):
            # "1.24 children born/woman", "0.86 male(s)/female": people per person, a rate ("96 bbl/day" is a measure)
            r.add(m.start(), m.end(), "ratio", "ratio-per-unit", number=m.group("num"), unit="ratio",
                  label=_count_label(text, m.start(), m.end(), noun, r.sentences))
            continue
        if not noun or head in set(words("not_count_nouns")):
            continue
        r.add(m.start(), m.end(), "count", "count-noun", number=m.group("num"), scale=m.group("scale") or "",
            unit=head, label=_count_label(text, m.start(), m.end(), noun, r.sentences), noun=_tidy(noun))


@cache
def _infinitive_bound() -> re.Pattern[str]:
    """A bound said by a verb after 'to' ('to exceed '): the complement of a verb of change before it."""
    return re.compile(rf"(?<=\bto\s)\s*(?:{alternation(figure_tables()['infinitive_bounds']['words'])})\s+", re.I)


@cache
def _number_of() -> re.Pattern[str]:
    """'the number of IPPAs signed by Hong Kong has increased to ': the subject names what the figure counts."""
    verbs = alternation(words("count_subject_verbs"))
    return re.compile(rf"\bthe\s+(?:total\s+)?number\s+of\s+(?P<noun>[A-Za-z][\w-]*)\b[^.;:!?\d]{{0,60}}?\s+"
                      rf"(?:(?:has|have|had)\s+)?(?:{verbs})\s+$", re.I)


@cache
def _count_context() -> dict[str, re.Pattern[str]]:
    """What `_counts` reads around each number, compiled once from the qualifier tables (not per number)."""
    quals, number = alternation(phrase_map("qualifiers")), patterns()["word_number"].pattern
    return {
        "qualified": re.compile(rf"\b(?:{quals})\s+$", re.I),  # "over 700 Closed Circuit Television Cameras"
        "part_of": re.compile(r"\s+of\s+(?:its|the|their|these|those|our)\s+(?![\w-]*est\b|most\b|\d|"
                              rf"(?:{number})\b)", re.I),  # "12 of its projects"
        # "15 to 20 years", "three but less than 12 months'": a second number whose noun the first shares
        "borrowed": re.compile(rf"\s+(?:(?:to|and|or)\s+(?:(?:{quals})\s+)?|but\s+(?:{quals})\s+)"
                               rf"(?:{DIGITS}|{number})\s+", re.I),
        "trailing": re.compile(rf"\s+(?:{alternation(phrase_map('trailing_qualifiers'))})\b", re.I),  # "or more"
    }


PER_PERSON = re.compile(r"\w/(?:wom[ae]n|females?|males?)$")


def _top_n(r: Reader, m: re.Match[str], noun: str) -> bool:
    """'one of the world's three most competitive economies': a number before a superlative is a rank within
    the top N of the scope named before it (an upper bound); with no scope it is no figure. True if handled."""
    first = noun.split()[0].lower()
    if first not in {"most", "least", *words("superlatives")}:
        return False
    owner = _ends_before(r"(?:\b(?:the\s+)?(world|World)|\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}))[’']s\s+(?:top\s+)?$",
                         r.text, m.start())
    if owner:
        scope = "World" if owner.group(1) else owner.group(2)
        topic = _sentence_topic(r.text, r.sentences, m.start())
        thing = _uncap(_tidy(noun))
        r.add(m.start(), m.end(), "rank", "rank-top-n", number=m.group("num"), scope=scope, qualifier="upper_bound",
              label=f"{topic}: rank in {scope}, {thing}" if topic else f"{thing}: rank in {scope}")
    return True


FINDERS = (_ranks, _superlatives, _money, _percents, _ratios, _durations, _ages, _measures, _count_ranges, _counts)


def _plural(word: str) -> bool:
    w = word.strip("“”\"").lower()
    return w.endswith("s") and not w.endswith("ss")


QUOTED_NAME = re.compile(r"\s+([“\"][A-Za-z][^“”\"\n]{0,60}?[”\"])()(?=\s+[a-z])")


def _restated_bound(text: str, m: re.Match[str], borrowed: re.Match[str]) -> bool:
    """'12 or more than 12 months', '3 or less than 3': a number said again with its bound is one figure."""
    again = re.search(r"(\S+)\s+$", borrowed.group(0))
    return bool(again) and re.search(r"\bor\s", borrowed.group(0)) is not None and again.group(1) == m.group("num")


# "fees and charges" before a preposition or a clause's end: a pair of plural nouns counted as one
PAIRED_NOUN = re.compile(r"\s+([a-z][\w-]*)(?=\s+(?:in|of|for|on|at|to|by|with|from|under)\b|[,;:.)]|\s*$)")


def _modifier(text: str, at: int) -> bool:
    """A participle at `at` that modifies the plural noun one or two words after it ('operating theatre sessions')."""
    return bool(_starts_at(r"\s*[a-z]+ing(?:\s+[a-z][\w-]*)?\s+[a-z][\w-]*s\b", text, at))


def _participle_first(text: str, at: int) -> bool:
    """A past participle opening a counted noun phrase that ends on a plural within three words ('100 funded youth
    start-up teams'), not the verb of a count already named ('12 funded by the Fund')."""
    return bool(_starts_at(r"\s+[a-z]{3,}ed(?:\s+[a-z][\w-]*){0,2}\s+[a-z][\w-]*[a-rt-z]s\b", text, at))


PLURALS = ("people", "persons", "children", "staff")  # plural nouns with no plural "s"
# modifiers listed before one plural noun ("local, Mainland and overseas participants"), each of one word
COORDINATED = re.compile(r"\s+((?:[A-Za-z][\w-]*,\s+){1,4}[A-Za-z][\w-]*,?\s+(?:and|or)\s+[A-Za-z][\w-]*\s+"
                         r"[a-z][\w-]*[a-rt-z]s)\b")


def _count_noun(text: str, end: int) -> tuple[str, str]:
    """The noun phrase counted after a number, and its head word (the unit): '“Wi-Fi.HK” hotspots'."""
    stop = set(words("count_stop_words"))
    verbs = set(words("count_verbs"))
    phrase: list[str] = []
    pos = end
    while True:
        # a word, or a quoted name as one ('two "single site, multiple use" projects')
        m = QUOTED_NAME.match(text, pos) or re.compile(
            r"\s+([“\"]?\w[\w’'.&/@-]*?[”\"]?)([,;:.)]?)(?=\s|$|[,;:.)](?:\s|$))").match(text, pos)
        if not m:
            break
        pos = m.end()
        word = m.group(1)
        bare = word.strip("“”\"").lower()
        after = _starts_at(r"\s+([A-Za-z][\w-]*)", text, pos)
        # "six additional buses", "12 000 additional Specialist Out-patient attendances", "ten more classes" (not "300
        # more than"); "nine additional operating theatre sessions": a participle then modifies the plural noun after
        # it (not "77 operating in Hong Kong")
        more = not phrase and bare in ("more", "additional", "extra", "further") and bool(after) \
            and (after.group(1).lower() not in stop or _modifier(text, pos))
        modifier = len(phrase) == 1 and phrase[0].lower() in ("more", "additional", "extra", "further") \
            and _modifier(text, m.start())
        if bare in stop and not (more or modifier or not phrase and _participle_first(text, m.start())) \
                or re.fullmatch(r"[\d.,]+", bare):
            break
        if bare in ("and", "or") and (not phrase or _plural(phrase[-1]) or phrase[-1].lower() in PLURALS):
            pair = PAIRED_NOUN.match(text, pos)
            if phrase and pair and _plural(pair.group(1)) and pair.group(1).lower() not in stop | verbs:
                phrase += [word, pair.group(1)]  # "over a thousand fees and charges in ...": one counted pair
            break
        if phrase and (_plural(phrase[-1]) or phrase[-1].lower() in PLURALS) and (
                bare.endswith("ed") or bare.endswith("ing") or bare.endswith("ly") or bare in verbs):
            break  # ("18 000 units annually": an adverb after the counted noun is the verb's)
        if not phrase and bare in verbs and not _starts_at(r"\s+[a-z][\w-]*s\b", text, pos):
            break  # "77 operate in Hong Kong" (but "5,000 work permits")
        listed = COORDINATED.match(text, m.start()) if not phrase and m.group(2) == "," else None
        if listed:  # "about 10 000 local, Mainland and overseas participants": the list modifies the noun
            phrase = listed.group(1).split()
            break
        phrase.append(word)
        if m.group(2) or len(phrase) >= 8:
            break
    while phrase and phrase[-1].lower() in ("and", "or"):
        phrase.pop()
    noun = " ".join(phrase).strip()
    head = re.sub(r"[“”\"]", "", phrase[-1]).lower() if phrase else ""
    return noun, head



def _number_end(text: str, start: int) -> int:
    """Where the number starting at `start` ends."""
    m = _compiled(rf"(?:{DIGITS})|[A-Za-z-]+").match(text, start)
    return m.end() if m else start


def _is_name_number(text: str, start: int) -> bool:
    """'Digital 21', 'Industry 4.0', 'Hong Kong 2.0': a number right after a proper word is a name, and so is one
    listed after such a number ('Categories 1 and 2', 'sections 15, 16 and 18')."""
    listed = _ends_before(r"(?<![\d.,])(\d{1,3})(?:\s*,\s*\d{1,3})*\s*,?\s*(?:and|or|to|&|-|–)\s*$", text, start)
    if listed and _is_name_number(text, listed.start(1)):
        return True
    m = _ends_before(r"([A-Za-z][\w’'-]*)\s+$", text, start)
    if not m:
        return False
    word = m.group(1)
    if re.search(r"[’']s$", word):
        return False  # "Hong Kong’s 18 districts": a possessive owns the figure, it does not name it
    if word in words("operators"):
        return False  # "31 days X 4 days": the X multiplies, it names nothing
    if _singular_of(word.lower()) & set(words("name_numbers")):
        return True
    if _ends_before(r"(?:^|[:;•]|\s[-–])\s*(?:(?:and|or)\s+)?$", text, m.start()) \
            and _starts_at(rf"(?:\s*(?:to|-|–)\s*(?:{DIGITS}))?\s+[a-z]", text, _number_end(text, start)):
        return False  # "Attract 50 to 100 enterprises", "...; Organise two courses": an item's opening verb
    if _starts_at(_unit_after(), text, _number_end(text, start)):
        return False  # "Tai Mo Shan 958 m", "China 33 km": a measure after a place's name
    return (word[:1].isupper() and word.lower() not in _not_name_words()
            and not _starts_at(r"\d{1,3}[, ]\d{3}", text, start))


def _singular_of(word: str) -> set[str]:
    """The word and the singulars it may be the plural of ('categories' -> 'category', 'appendices' -> 'appendix')."""
    out = {word}
    if word.endswith("ies"):
        out.add(word[:-3] + "y")
    if word.endswith("ices"):
        out.add(word[:-4] + "ix")
    if word.endswith("s"):
        out.add(word[:-1])
    return out


@cache
def _unit_after() -> re.Pattern[str]:
    """A unit of measure that may follow a number written after a name ('Tai Mo Shan 958 m')."""
    units = [*words("measure_nouns"), "m", "sq km", "square kilometres"]
    verbs = set(words("subject_verbs"))  # "Blueprint for Hong Kong 2.0 sets out plans": a unit that is also a verb
    verbal = [u for u in units if u in verbs]  # is a unit only before "of" ("1200 sets of traffic detectors")
    either = rf"(?:{alternation([u for u in units if u not in verbs])})"
    if verbal:
        either = rf"(?:{either}|(?:{alternation(verbal)})(?=\s+of\b))"
    return re.compile(rf"\s*{either}(?![\w-])")



@cache
def _not_name_words() -> frozenset[str]:
    """Words before a number that never name it: function words and the words of qualifiers ('over 50')."""
    return FUNCTION_WORDS | {w for phrase in phrase_map("qualifiers") for w in phrase.split()}


@cache
def _qualifier_words() -> frozenset[str]:
    """Each word of a qualifier ('no', 'less', 'than'): never what a count counts."""
    return frozenset(w for q in phrase_map("qualifiers") for w in q.lower().split())


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
    size = _ends_before(SIZE_OF, text, start, start=ca)
    if size:  # "increasing the fleet size of Rehabus to 135": the size named, as written
        return size.group(1), size.group(2).lower()
    each = _ends_before(SIZE_BY_EACH, text, start, start=a)
    if each:  # "..., nursing by 40": the size of the list's item ("number of ... places: nursing")
        whole = re.sub(r"^(.*\S)\s+(?:in|for|at)\s+[^,]*$", r"\1", each.group(1))  # its first item's part goes
        return f"{whole}: {each.group(3)}", each.group(2).lower()
    subject = _topic(text[ca:start])
    if subject and subject.lower() not in FUNCTION_WORDS and subject.lower() not in _qualifier_words():
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


def _sizeable(m: re.Match[str]) -> bool:
    """Scaled, in thousands or at least 100: a quantity rather than an age, a grade or a list number."""
    value = re.sub(r"[^\d.]", "", m.group("num"))
    return bool(m.group("scale")) or bool(re.search(r"[, \u00a0]\d{3}", m.group("num"))) or (
        bool(value) and float(value) >= 100)


def _range_end(text: str, start: int, end: int) -> bool:
    """An end of a range of values: "from (the current) 65 to 68", "between 20 and 30", "to no fewer than 1 050"
    after a "from X": both ends measure one thing, so neither needs a noun of its own to be a quantity."""
    quals = alternation(phrase_map("qualifiers"))
    number = rf"(?:{DIGITS}|{patterns()['word_number'].pattern})"
    when = r"(?:\s+(?:in|at|as\s+at|as\s+of|by)\s+[^,;()\d]{0,20}(?:19|20)\d\d(?:[-–/]\d\d)?)?"  # "200 in 2020"
    opens = _ends_before(rf"\b(?:from|between)\s+(?:the\s+)?(?:current|present|existing|original|previous)?\s*"
                         rf"(?:(?:{quals})\s+)?$", text, start, re.I)
    if opens and _starts_at(rf"{when}\s+(?:to|and)\s+(?:(?:{quals})\s+)?{number}\b", text, end, re.I):
        return True
    return bool(_ends_before(rf"\b(?:from|between)\s+(?:the\s+)?(?:\w+\s+)?(?:(?:{quals})\s+)?{number}{when}\s+"
                             rf"(?:to|and)\s+(?:(?:{quals})\s+)?$", text, start, re.I))


# "increasing the fleet size of Rehabus to 135", "raise the number of places to 300": a size a verb sets, as written
# "increasing the intake of places from 4 000 to 5 000": both ends; "increase the number of places by 100": a change
SIZE_NAMED = (r"\b[a-z]+\s+(?:the|its|their|our)\s+((?:[a-z][\w-]*\s+)?(number|size|headcount|intake)\s+of\s+"
              r"(?:[A-Z][a-z]+\s\d{1,2}\b|[^,;.\d]){1,90}?)")  # "each Secondary 1 class": a name's number goes along
_SIZE_QUALS = rf"(?:(?:{alternation(phrase_map('qualifiers'))})\s+)?"  # "from over 60 in 2022 to no less than 180"
SIZE_OF = re.compile(rf"{SIZE_NAMED}\s+(?:to|by|from|from\s+{_SIZE_QUALS}{DIGITS}(?:\s+in\s+(?:19|20)\d\d)?\s+to)"
                     rf"\s+{_SIZE_QUALS}$")
# "... the number of places in medicine by 100, nursing by 40 and allied health professions by 146": the change
# distributed over the list's items, each naming its part of the size (group 3)
BY_COUNT = rf"\s+by\s+(?:{DIGITS}|\d+)"
SIZE_BY_EACH = re.compile(rf"{SIZE_NAMED}{BY_COUNT}(?:\s*,\s*[a-z][a-z -]{{0,40}}?{BY_COUNT})*"
                          r"\s*,?\s+(?:and\s+)?([a-z][a-z -]{0,40}?)\s+by\s+$")


def _quantity_like(text: str, m: re.Match[str]) -> bool:
    """A number that must be a quantity even with no noun after it: scaled, qualified or in thousands,
    or part of a group named just before it ("of which 12 are", "Of the world's top 100 banks, 77 operate")."""
    if m.group("scale") or re.search(r"[, \u00a0]\d{3}", m.group("num")):
        return True
    if re.search(r"\b(?:of which|of whom|of them|including)\s+$|^\s*Of\s+the\s+[^,]{3,60},\s+$",
                 text[max(0, m.start() - 80) : m.start()], re.I):
        return True
    if _range_end(text, m.start(), m.end()):
        return True
    if _ends_before(SIZE_OF, text, m.start()) or _ends_before(SIZE_BY_EACH, text, m.start()):
        return True  # "increasing the fleet size of Rehabus to 135", "the number of places to 300"
    value = re.sub(r"[^\d.]", "", m.group("num"))
    big = bool(value) and float(value or 0) >= 100  # "aged over 65" is a threshold, "up to 50 000" a quantity
    return big and bool(patterns()["qualifier_before"].search(text[max(0, m.start() - 30) : m.start()]))

