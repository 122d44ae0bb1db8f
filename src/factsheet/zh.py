"""Extract stage for Traditional Chinese editions: statements -> figure and event mentions.

The same mentions as the English grammar (extract.py) gives, so normalise, validate and publish stay one: a
mention's number_text is the plain decimal value ("2,358億" -> "235800000000"), its currency_text an ISO code
and its period_text an English date phrase normalise reads ("1 january 2009 to 31 december 2017"). The words
are data (grammar/zh.toml); the steps are named: numbers, dates, figures (money, percent, ratio, rank, count,
duration), qualifiers, periods, labels, events.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from factsheet.grammar import alternation
from factsheet.limits import NO_DEADLINE, Deadline
from factsheet.mentions import EventMention, FigureMention
from factsheet.model import Statement, Structure
from factsheet.numbers import _Claims as Claims

Item = TypeVar("Item")

# full-width digits and signs read as ASCII: one char for one, so offsets stay those of the statement
FULLWIDTH = str.maketrans("０１２３４５６７８９％．：－", "0123456789%.:-")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
MONTHS = ("january february march april may june july august september october november december").split()


@cache
def grammar() -> dict[str, Any]:
    """The Chinese word tables (grammar/zh.toml), parsed once per process."""
    with Path(__file__).with_name("grammar").joinpath("zh.toml").open("rb") as f:
        return tomllib.load(f)


def words(table: str) -> list[str]:
    return list(grammar()[table]["words"])


def phrase_map(table: str) -> dict[str, str]:
    """{meaning: [phrases]} -> {phrase: meaning}."""
    return {p: k for k, phrases in grammar()[table].items() for p in phrases}


def figure_key(kind: str, label: str) -> str:
    """A Chinese label's key: its kind and the label's characters without years, digits and punctuation."""
    words_only = re.sub(r"(?:19|20)\d\d ?年?|[^\w]|_", "", label.translate(FULLWIDTH))
    return f"{kind}-{words_only[:24]}" if words_only else kind


def detect_language(text: str) -> str:
    """'zh-Hant' when Chinese characters make up at least a third of the letters of a text, else 'en'."""
    sample = text[:50_000]
    chinese = len(CJK.findall(sample))
    latin = len(LATIN.findall(sample))
    return "zh-Hant" if chinese and chinese * 2 >= latin else "en"  # a CJK char says as much as ~2 letters


def statement_language(text: str, document: str) -> str:
    """The grammar one statement goes through: 'zh-Hant' when it is mostly Chinese, 'en' when mostly English
    (the rule detect_language applies to a document); a statement with no letters at all ('2019: 3.2%')
    keeps the document's language."""
    chinese = len(CJK.findall(text))
    if not chinese:  # most statements of an English document: one scan
        return "en" if LATIN.search(text) else document
    return "zh-Hant" if chinese * 2 >= len(LATIN.findall(text)) else "en"


# --- numbers -----------------------------------------------------------------------------------------------

NUM = r"(?<![\d.,A-Za-z])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"


@cache
def numeral_chars() -> str:
    """The characters a number is written with in Chinese: numerals and place characters."""
    return "".join(grammar()["numerals"]) + "".join(grammar()["units"])


@cache
def cnum() -> str:
    """A number written in Chinese numerals and place characters (十二, 兩百, 三千五百)."""
    chars = numeral_chars()
    return rf"(?<![{chars}])[{chars}]+(?![{chars}])"


def chinese_number(text: str) -> float | None:
    """'十二' -> 12, '兩百' -> 200, '三千五百' -> 3500, '二○二三' -> 2023 (digits in a row); None if not a number."""
    digits, units = grammar()["numerals"], grammar()["units"]
    if not text or any(c not in digits and c not in units for c in text):
        return None
    if len(text) > 1 and all(c in digits for c in text):
        return float("".join(str(digits[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in digits:
            current = digits[c]
        else:
            total += (current or 1) * units[c]
            current = 0
    return float(total + current)


def number_value(text: str) -> float | None:
    """Digits ('2,358', '9.0') or Chinese numerals ('兩', '十二'), or '半' (one half)."""
    if text == "半":
        return 0.5
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    return chinese_number(text)


def plain(number: str, scale: float = 1.0, negative: bool = False) -> str:
    """The value as plain decimal text for normalise ('2,358' x 1e8 -> '235800000000'): exact, no exponent."""
    digits = number.replace(",", "")
    value = Decimal(digits) if re.fullmatch(r"\d+(?:\.\d+)?", digits) else Decimal(str(number_value(number)))
    value *= Decimal(repr(scale)) if scale != 1.0 else 1
    text = format(value.normalize(), "f")
    return f"-{text}" if negative else text


# --- dates ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ZhDate:
    """A date phrase of a statement with the days it spans."""

    start: int
    end: int
    first: date
    last: date
    kind: str  # year, day, month, monthpart, monthedge, quarter(s), part, range, fiscal, past, ago, decade, relative
    fine: bool  # finer than a year (a month, a quarter, a part of the year)
    since: bool = False  # "自2009年起": from then to the reported year
    base: bool = False  # "2008年以來" (a comparison) or a target's deadline: no figure's period
    intro: int = -1  # where an introducing 於/在/自 starts, else -1
    began: date | None = None  # a "since" date: the last day of the date as stated (2009 -> 2009-12-31)
    target: bool = False  # "預期截至2018年": a target's deadline; its sentence's figures are the target's
    local: bool = False  # "比2007年的次高成績": a comparison's date, the period only of figures in its clause
    part: str = ""  # the part of a year it names (zh.PARTS: "start" for 年初), else ""

    @property
    def phrase(self) -> str:
        return period_phrase(self.first, self.last)


def period_phrase(first: date, last: date) -> str:
    """An English date phrase normalise.period_of reads back to exactly these days."""
    def day(d: date) -> str:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

    return day(first) if first == last else f"{day(first)} to {day(last)}"


def _month_end(year: int, month: int) -> date:
    import calendar

    return date(year, month, calendar.monthrange(year, month)[1])


def _year_of(text: str) -> int | None:
    value = number_value(text)
    return int(value) if value and 1900 <= value <= 2100 else None


def _small(text: str) -> int | None:
    value = number_value(text)
    return int(value) if value is not None and value == int(value) else None


PARTS = {"start": ((1, 1), (1, 1)), "end": ((12, 31), (12, 31)), "mid": ((5, 1), (8, 31)),
         "late": ((9, 1), (12, 31)), "h1": ((1, 1), (6, 30)), "h2": ((7, 1), (12, 31)), "year": ((1, 1), (12, 31)),
         "q1": ((1, 1), (3, 31)), "early": ((1, 1), (4, 30))}


def _part(year: int, part: str) -> tuple[date, date]:
    (m1, d1), (m2, d2) = PARTS[part]
    return date(year, m1, d1), date(year, m2, d2)


@cache
def date_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Date patterns, most specific first: each claims its span before the next is tried."""
    g = grammar()
    year = r"(?:19|20)\d\d|[一二][〇○零一二三四五六七八九]{3}"
    month = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
    day = r"3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
    y = rf"(?P<y>{year}) ?年"
    parts = alternation(g["year_parts"])
    relative = alternation(g["periods"])
    return [
        ("fiscal", re.compile(rf"(?P<y>{year}) ?[-–/至] ?(?P<y2>\d\d) ?年度")),
        ("range", re.compile(rf"(?P<y>{year}) ?(?:年)? ?(?:至|到|-|–) ?(?P<y2>{year}) ?年(?:度)?")),
        ("day", re.compile(rf"(?:{y} ?)?(?P<m>{month}) ?月 ?(?P<d>{day}) ?[日號]")),
        ("quarter", re.compile(rf"(?:{y} ?)?第 ?(?P<q>[1-4一二三四]) ?季(?:度)?")),
        ("quarters", re.compile(rf"(?:{y} ?)?首 ?(?P<n>[1-3一二三兩]) ?季(?:度)?")),
        ("monthpart", re.compile(rf"(?:{y} ?)?(?<![\d.])(?P<m>{month}) ?月(?P<days>{alternation(g['month_parts'])})")),
        # "自1月底": the month's last day ("月初": its first), as "end February" is the day in English
        ("monthedge", re.compile(rf"(?:{y} ?)?(?<![\d.])(?P<m>{month}) ?月(?P<edge>底|末|初)")),
        ("month", re.compile(rf"(?:{y} ?)?(?<![\d.])(?P<m>{month}) ?月(?:份)?(?! ?\d{{1,2}} ?[日號]|底|初)")),
        ("part", re.compile(rf"(?:(?P<near>{alternation(words('near_parts'))}) ?)?{y} ?(?P<part>{parts})"
                            r"(?![國華文央東資小環期學步級線價部旬])")),
        ("past", re.compile(rf"(?:{alternation(['過去', '過往'])}) ?(?P<n>\d+|{cnum()}) ?年")),
        ("ago", re.compile(rf"(?<![\d.])(?P<n>\d{{1,3}}|{cnum()}) ?年前")),  # "40年前": 40 years before the edition
        ("decade", re.compile(r"(?P<y>(?:19|20)\d0) ?年代")),
        ("year", re.compile(rf"{y}(?![期代級])")),
        # "年內" is this year, "三年內" within three years (a duration): no relative date after a numeral
        ("relative", re.compile(rf"(?<![\d年{numeral_chars()}])(?P<rel>{relative})")),
    ]


def dates(text: str, year: int | None) -> list[ZhDate]:
    """The date phrases of a statement (text already read as ASCII digits), in order, without overlaps."""
    g = grammar()
    taken = Claims()
    found: list[ZhDate] = []
    since_before = alternation(g["since"]["before"])
    since_after = alternation(g["since"]["after"])
    targets = alternation(words("targets"))
    intro = re.compile(rf"(?:{alternation(words('period_prefix'))}) ?$")
    for kind, pattern in date_patterns():
        for m in pattern.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            span = _date_span(kind, m, year)
            if span is None:
                continue
            first, last, fine = span
            before = text[max(0, m.start() - 2) : m.start()]
            after = text[m.end() : m.end() + 4]
            # "自1月底開始" is a since, "由3月初的2%" the start of a change
            since = bool(re.search(rf"(?:{since_before}) ?$", before)) and (kind in ("year", "month", "day") or (
                kind == "monthedge" and bool(re.match(rf" ?(?:{since_after})", after))))
            comparison = not since and kind == "year" and after.startswith("以來")
            clause_start = _clause_bounds(text, m.start())[0]
            target = bool(re.search(targets, text[clause_start : m.start()]))
            lead = intro.search(text, max(0, m.start() - 3), m.start())
            if since or re.match(rf" ?(?:{since_after})", after) and kind == "year" and not comparison:
                since = since or bool(re.search(rf"(?:{since_before})", text[clause_start : m.start()]))
            began = None
            if since and year is not None and year >= first.year:
                began, last = last, date(year, 12, 31)
            local = bool(re.search(rf"(?:{alternation(words('comparisons'))}) ?$", before))
            found.append(ZhDate(m.start(), m.end(), first, last, kind, fine, since, comparison or target,
                                lead.start() if lead else -1, began, target, local, _part_of(kind, m)))
            taken.take(m.start(), m.end())
    return sorted(found, key=lambda d: d.start)


def _part_of(kind: str, m: re.Match[str]) -> str:
    """The part of a year a 'part' or 'relative' date names ('2016年年初', '年初': "start"), else ''."""
    if kind == "part":
        part = grammar()["year_parts"][m["part"]]
        return "late" if m["near"] and part == "end" else part
    return grammar()["periods"][m["rel"]] if kind == "relative" else ""


def _date_span(kind: str, m: re.Match[str], report: int | None) -> tuple[date, date, bool] | None:
    """First and last day of a matched date phrase (relative ones in the reported year), and whether it is
    finer than a year; None for a phrase that names no real day or needs a year the document does not give."""
    groups = m.groupdict()
    year = _year_of(groups["y"]) if groups.get("y") else report
    if year is None:
        return None
    try:
        if kind == "fiscal":
            return date(year, 4, 1), date(year + 1, 3, 31), False
        if kind == "range":
            last = _year_of(groups["y2"])
            return (date(year, 1, 1), date(last, 12, 31), False) if last and last > year else None
        if kind == "day":
            month, day = _small(groups["m"]), _small(groups["d"])
            return (date(year, month, day), date(year, month, day), True) if month and day else None
        if kind == "quarter":
            q = _small(groups["q"]) or 0
            return date(year, 3 * q - 2, 1), _month_end(year, 3 * q), True
        if kind == "quarters":
            n = _small(groups["n"]) or 0
            return date(year, 1, 1), _month_end(year, 3 * n), True
        if kind == "monthedge":
            month = _small(groups["m"])
            if not month or not 1 <= month <= 12:
                return None
            day = date(year, month, 1) if groups["edge"] == "初" else _month_end(year, month)
            return day, day, True
        if kind == "monthpart":  # "2月中旬": the days of the month the part names
            month = _small(groups["m"])
            if not month or not 1 <= month <= 12:
                return None
            first_day, last_day = grammar()["month_parts"][groups["days"]]
            return date(year, month, first_day), date(year, month, min(last_day, _month_end(year, month).day)), True
        if kind == "month":
            month = _small(groups["m"])
            return (date(year, month, 1), _month_end(year, month), True) if month and 1 <= month <= 12 else None
        if kind == "part":
            part = grammar()["year_parts"][groups["part"]]
            first, last = _part(year, "late" if groups.get("near") and part == "end" else part)
            return first, last, True
        if kind == "decade":  # "1970年代": the ten years from 1970
            return date(year, 1, 1), date(year + 9, 12, 31), False
        if kind == "ago":
            n = _small(groups["n"])
            return (date(year - n, 1, 1), date(year - n, 12, 31), False) if n and n < 200 else None
        if kind == "past":
            n = _small(groups["n"])
            return (date(year - n + 1, 1, 1), date(year, 12, 31), False) if n and n < 200 else None
        if kind == "relative":
            part = grammar()["periods"][groups["rel"]]
            first, last = _part(year, part)
            return first, last, part != "year"
        return date(year, 1, 1), date(year, 12, 31), False
    except ValueError:
        return None


# --- clauses ------------------------------------------------------------------------------------------------

FOOTNOTE_MARK = re.compile(r"(?<=[\u4e00-\u9fff%％])\d{1,2}$")  # '為4.7%3': a note's number glued on
CLAUSE_END = re.compile(r"[，；、）。！？;]|[:：](?!\s?\d)|,(?!\d{3})")


SENTENCE_END = re.compile(r"[。！？]")
CLAUSE_REACH = 200  # chars either side of a figure or date: far longer than any clause of prose
SENTENCE_REACH = 600


@lru_cache(maxsize=16)
def _marks(text: str, sentence: bool) -> tuple[list[int], list[int]]:
    """Starts and ends of a statement's clause (or sentence) marks, found once: every figure and date asks."""
    found = list((SENTENCE_END if sentence else CLAUSE_END).finditer(text))
    return [m.start() for m in found], [m.end() for m in found]


def _bounds(text: str, pos: int, sentence: bool) -> tuple[int, int]:
    """The clause (or sentence) around pos, at most its REACH either side: a run with no marks (a table, a
    list of dates) is not read whole for each of its figures."""
    starts, ends = _marks(text, sentence)
    i = bisect_right(ends, pos)
    j = bisect_left(starts, pos)
    a = ends[i - 1] if i else 0
    b = len(text) if j == len(starts) else ends[j] if sentence else starts[j]
    reach = SENTENCE_REACH if sentence else CLAUSE_REACH
    return max(a, pos - reach), min(b, pos + reach)


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause holding pos: bounded by ，；、） and sentence ends (a ratio's colon and a number's comma
    are no bounds; an opening bracket is no bound, so '（1,422億港元' keeps the words before it)."""
    return _bounds(text, pos, sentence=False)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence holding pos, its full stop included."""
    return _bounds(text, pos, sentence=True)


class _Sorted(Generic[Item]):
    """Figures or dates of a statement in order of their start: those starting in a span are a bisection."""

    def __init__(self, items: Iterable[Item]) -> None:
        self.items = sorted(items, key=lambda x: x.start)  # type: ignore[attr-defined]
        self.starts = [x.start for x in self.items]  # type: ignore[attr-defined]

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def between(self, a: int, b: int) -> list[Item]:
        """The items starting in [a, b)."""
        return self.items[bisect_left(self.starts, a) : bisect_left(self.starts, b)]


# --- figures -------------------------------------------------------------------------------------------------


@dataclass
class _Figure:
    start: int
    end: int
    kind: str
    number: str  # plain decimal text
    currency: str = ""
    unit: str = ""
    scope: str = ""
    qualifier: str = ""
    rule: str = ""


@cache
def figure_patterns() -> dict[str, re.Pattern[str]]:
    g = grammar()
    n = rf"(?:{NUM}|{cnum()})"
    scale = alternation(g["scales"])
    currency = alternation(g["currencies"])
    before_currency = alternation([c for c in g["currencies"] if c != "元"])
    measure = alternation(words("measure_words"))
    scopes = alternation(g["scopes"])
    ranks = g["ranks"]
    sign = rf"(?P<sign>{alternation(words('negative'))})?"
    durations = alternation(g["durations"])
    lead = alternation(words("duration_lead"))
    return {
        "money_after": re.compile(rf"{sign}(?P<num>{n}) ?(?P<scale>{scale})? ?(?P<cur>{currency})"),
        "money_before": re.compile(rf"(?P<cur>{before_currency}) ?{sign}(?P<num>{n}) ?(?P<scale>{scale})?(?:元)?"),
        "percent": re.compile(rf"{sign}(?P<num>{NUM}) ?(?:%|個百分點|百分點)"),
        "per_cent_words": re.compile(rf"{sign}{g['fractions']['per_cent']}(?P<num>{NUM}|{cnum()})"),
        "tenths": re.compile(rf"(?<![{''.join(g['numerals'])}十百千])(?P<num>[一二三四五六七八九十])"
                             rf"{g['fractions']['tenths']}(?![員立為功長本績果效交熟就份分])"),
        "fraction": re.compile(rf"(?P<den>{cnum()}|\d+)分之(?P<num>{cnum()}|\d+)"),
        "ratio": re.compile(r"(?<![\d:.])(?P<a>\d+(?:\.\d+)?) ?(?::|比) ?(?P<b>\d+(?:\.\d+)?)(?![\d:])"),
        "rank": re.compile(rf"(?P<scope>{scopes})?(?P<lead>{alternation(ranks['lead'])})?第(?P<num>\d+|{cnum()})"
                           rf"(?P<tail>{alternation(ranks['tail'])})?"),
        "superlative": re.compile(rf"(?P<scope>{scopes})(?:的)?(?P<sup>{alternation(ranks['superlatives'])})"),
        "tenor": re.compile(rf"(?P<num>{n}) ?年期"),
        "duration_lead": re.compile(rf"(?P<lead>{lead}) ?(?P<num>{n}|半) ?(?P<unit>{durations}|世紀)"),
        # "兩至三年": a range of lengths, both ends durations; "三年內": a span within which something happens
        "duration_range": re.compile(rf"(?P<a>{n}) ?(?:{alternation(words('range_joiners'))}) ?(?P<num>{n}) ?"
                                     rf"(?P<unit>{alternation(words('range_units'))})(?![期度])"),
        "duration_frame": re.compile(rf"(?P<num>{n}) ?(?P<unit>年)(?={alternation(words('duration_frames'))})"),
        "duration": re.compile(rf"(?P<num>{n}) ?(?P<unit>個月|星期|小時|分鐘|天)"),
        "count": re.compile(rf"(?P<num>{n}) ?(?P<scale>{scale})?(?P<more>多|餘)?(?P<unit>{measure})"),
        "count_adjective": re.compile(rf"(?P<num>{n})(?:{alternation(words('count_adjectives'))})(?=[\u4e00-\u9fff])"),
        "scaled": re.compile(rf"(?P<num>{NUM}) ?(?P<scale>{alternation(['萬億', '億', '萬'])})"),
    }


@cache
def _not_figure_words() -> tuple[re.Pattern[str], int]:
    table = words("not_figures")
    return re.compile(alternation(table)), max(map(len, table))


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether [start, end) lies inside a word that only looks like a number ('一直', '十足', '之一')."""
    pattern, longest = _not_figure_words()
    for m in pattern.finditer(text, max(0, start - longest + 1), min(len(text), end + longest - 1)):
        if m.start() < end and start < m.end() and not (start <= m.start() and m.end() <= end):
            return True  # the word reaches outside the figure ('一直'); '三分之一' holds '之一' whole
    return False


def _caption_before(text: str, start: int) -> bool:
    """'表1', '圖示 1', '第205頁': a number naming a table, chart, page or list entry."""
    return bool(re.search(rf"(?:{alternation(words('caption_words'))}) ?$", text[max(0, start - 3) : start]))


def _name_after(text: str, end: int) -> bool:
    """'標普500指數': a number inside a name."""
    return bool(re.match(rf"(?:{alternation(words('names'))})", text[end : end + 3]))


def figures(text: str, taken: Claims) -> list[_Figure]:
    """Every figure of a statement (text read as ASCII digits), spans not yet taken by a date."""
    p = figure_patterns()
    g = grammar()
    out: list[_Figure] = []

    def free(a: int, b: int) -> bool:
        return taken.free(a, b) and not _inside_word(text, a, b)

    def add(f: _Figure) -> None:
        out.append(f)
        taken.take(f.start, f.end)

    for m in p["money_before"].finditer(text):
        if free(m.start(), m.end()):
            add(_Figure(m.start(), m.end(), "money", _scaled(m), g["currencies"][m.group("cur")],
                        rule="zh-money-currency-amount"))
    for m in p["money_after"].finditer(text):
        if free(m.start(), m.end()) and not (m.group("cur") == "元" and not m.group("scale")
                                              and _caption_before(text, m.start())):
            add(_Figure(m.start(), m.end(), "money", _scaled(m), g["currencies"][m.group("cur")],
                        rule="zh-money-amount-currency"))
    for m in p["percent"].finditer(text):
        if free(m.start(), m.end()):
            add(_Figure(m.start(), m.end(), "percent", plain(m.group("num"), negative=bool(m.group("sign"))),
                        unit="percent", rule="zh-percent"))
    for m in p["per_cent_words"].finditer(text):
        value = number_value(m.group("num"))
        if value is not None and free(m.start(), m.end()):
            add(_Figure(m.start(), m.end(), "percent", plain(m.group("num"), negative=bool(m.group("sign"))),
                        unit="percent", rule="zh-percent-words"))
    for m in p["tenths"].finditer(text):
        value = chinese_number(m.group("num"))
        if value is not None and value <= 10 and free(m.start(), m.end()):
            add(_Figure(m.start(), m.end(), "percent", plain(str(int(value * 10))), unit="percent",
                        rule="zh-percent-tenths"))
    for m in p["fraction"].finditer(text):
        den, num = number_value(m.group("den")), number_value(m.group("num"))
        if den and num and num < den and free(m.start(), m.end()):
            add(_Figure(m.start(), m.end(), "percent", f"{100 * num / den:.12g}", unit="percent",
                        rule="zh-percent-fraction"))
    for m in p["ratio"].finditer(text):
        if free(m.start(), m.end()) and float(m.group("b")):
            add(_Figure(m.start(), m.end(), "ratio", f"{m.group('a')}/{m.group('b')}", unit="ratio",
                        rule="zh-ratio-colon"))
    for m in p["rank"].finditer(text):
        if not (m.group("scope") or m.group("lead") or m.group("tail")) or not free(m.start(), m.end()):
            continue
        if re.match(r"[季頁章條段屆期次號]", text[m.end() : m.end() + 1]):
            continue
        value = number_value(m.group("num"))
        if value and value == int(value):
            scope = g["scopes"].get(m.group("scope") or "", "")
            add(_Figure(m.start(), m.end(), "rank", str(int(value)), scope=scope, qualifier="exact",
                        rule="zh-rank-ordinal"))
    for m in p["superlative"].finditer(text):
        if free(m.start(), m.end()):
            add(_Figure(m.start(), m.end(), "rank", "1", scope=g["scopes"][m.group("scope")], qualifier="exact",
                        rule="zh-rank-superlative"))
    out.extend(_durations_framed(text, p, free, taken))
    for m in p["tenor"].finditer(text):
        if free(m.start(), m.end()) and (value := number_value(m.group("num"))):
            add(_Figure(m.start(), m.end(), "duration", plain(str(value)), unit="year", rule="zh-duration-tenor"))
    for m in p["duration_lead"].finditer(text):
        value = number_value(m.group("num"))
        if value and free(m.start("num"), m.end()):
            unit = m.group("unit")
            scale = 100 if unit == "世紀" else 1
            start = m.start() if m.group("lead") in ("過去", "過往", "首") else m.start("num")
            add(_Figure(start, m.end(), "duration", f"{value * scale:.12g}",
                        unit="year" if unit == "世紀" else g["durations"][unit], rule="zh-duration"))
    for m in p["duration"].finditer(text):
        if free(m.start(), m.end()) and (value := number_value(m.group("num"))) and not _caption_before(
                text, m.start()):
            add(_Figure(m.start(), m.end(), "duration", f"{value:.12g}", unit=g["durations"][m.group("unit")],
                        rule="zh-duration"))
    for m in p["count"].finditer(text):
        if not free(m.start(), m.end()) or _caption_before(text, m.start()):
            continue
        value = number_value(m.group("num"))
        if not value or (m.group("num") == "一" and not m.group("scale")):
            continue  # "一個" is an article more often than a count
        unit = m.group("unit")
        kind = "ratio" if unit in words("ratio_measures") else "count"
        add(_Figure(m.start(), m.end(), kind, _scaled(m), unit="ratio" if kind == "ratio" else unit,
                    qualifier="lower_bound" if m.group("more") else "", rule=f"zh-{kind}-measure"))
    for m in p["count_adjective"].finditer(text):  # "三大關鍵元素"; "一大步" is no count
        value = number_value(m.group("num"))
        if value and value < 1000 and m.group("num") != "一" and free(m.start(), m.end()):
            add(_Figure(m.start(), m.end(), "count", _scaled(m), rule="zh-count-adjective"))
    for m in p["scaled"].finditer(text):
        if free(m.start(), m.end()) and not _name_after(text, m.end()):
            add(_Figure(m.start(), m.end(), "count", _scaled(m), rule="zh-count-scaled"))
    return sorted(out, key=lambda f: f.start)


def _durations_framed(text: str, p: dict[str, re.Pattern[str]], free: Callable[[int, int], bool],
                      taken: Claims) -> list[_Figure]:
    """Lengths of time no lead word announces: both ends of a range ('兩至三年', '6至12個月') and a span counted
    from a point ('三年內'); numbers of a year's size are no length ('2020至2021年' is a date, read before)."""
    out = []
    for m in p["duration_range"].finditer(text):
        a, b = number_value(m.group("a")), number_value(m.group("num"))
        if a and b and a < b < 1000 and free(m.start(), m.end()):
            unit = grammar()["durations"][m.group("unit")]
            out += [_Figure(m.start("a"), m.end("a"), "duration", f"{a:.12g}", unit=unit, rule="zh-duration-range"),
                    _Figure(m.start("num"), m.end(), "duration", f"{b:.12g}", unit=unit, rule="zh-duration-range")]
            taken.take(m.start(), m.end())
    for m in p["duration_frame"].finditer(text):
        value = number_value(m.group("num"))
        if value and value < 1000 and free(m.start(), m.end()):
            out.append(_Figure(m.start(), m.end(), "duration", f"{value:.12g}", unit="year", rule="zh-duration-frame"))
            taken.take(m.start(), m.end())
    return out


def _scaled(m: re.Match[str]) -> str:
    scale = grammar()["scales"].get(m.groupdict().get("scale") or "", 1.0)
    return plain(m.group("num"), float(scale), negative=bool(m.groupdict().get("sign")))


# --- qualifiers ----------------------------------------------------------------------------------------------


def qualify(text: str, figure: _Figure, previous: _Figure | None) -> _Figure:
    """The qualifier words before or after a figure ('約', '超過', '左右', '以上'), its span widened to them;
    '約14%及4%': a qualifier before the first of figures joined by 及/和/、 bounds them all."""
    if figure.kind in ("rank",):
        return figure
    before = phrase_map("qualifiers")
    after = phrase_map("trailing_qualifiers")
    fillers = alternation(words("qualifier_fillers"))
    m = re.search(rf"(?<![合條公節預簽契])(?P<q>{alternation(before)})(?:{fillers})? ?$",
                  text[max(0, figure.start - 8) : figure.start])
    if m:
        word = m.group("q")
        figure.qualifier = before[word]
        figure.start -= len(m.group(0))
        return figure
    m = re.match(rf"(?:的?水平)?(?:{alternation(after)})", text[figure.end : figure.end + 6])
    if m and not (m.group(0) == "多" and figure.kind != "count"):
        word = re.sub(r"^的?水平", "", m.group(0))
        figure.qualifier = figure.qualifier or after[word]
        figure.end += len(m.group(0))
        return figure
    if figure.qualifier:
        return figure
    a, _ = _clause_bounds(text, figure.start)
    bounded = phrase_map("clause_qualifiers")
    m = re.search(alternation(bounded), text[a : figure.start])
    if m:
        figure.qualifier = bounded[m.group(0)]
    elif previous is not None and previous.qualifier in ("approximate", "lower_bound", "upper_bound") \
            and previous.kind == figure.kind and re.fullmatch(
                rf" ?(?:及|和|、|與|或|{alternation(words('range_joiners'))}) ?", text[previous.end : figure.start]):
        figure.qualifier = previous.qualifier
    figure.qualifier = figure.qualifier or "exact"
    return figure


# --- periods ------------------------------------------------------------------------------------------------


def own_period(text: str, figure: _Figure, found: _Sorted[ZhDate], measured: _Sorted[_Figure]) -> ZhDate | None:
    """The date a figure's own sentence gives it: the nearest date before it in its clause, else one framing
    the sentence (a year, or a date in a clause with figures); 由A的X...至B的Y: a change between two dates
    spans them."""
    ca, cb = _clause_bounds(text, figure.start)
    sa, sb = _sentence_bounds(text, figure.start)
    usable = [d for d in found.between(sa, figure.start) if not d.base and d.end <= figure.start]
    in_clause = [d for d in usable if d.start >= ca]
    if in_clause:
        nearest = in_clause[-1]
        if text[max(0, nearest.intro) : nearest.start].strip() == "由" and nearest.fine:
            later = [d for d in found.between(figure.end + 1, sb)
                     if d.intro >= 0 and text[d.intro : d.start].strip() == "至"]
            if later and measured.between(nearest.end, figure.start):
                return ZhDate(nearest.start, later[0].end, nearest.first, later[0].last, "range", False)
        return nearest
    for d in reversed(usable):
        if d.local:
            continue
        clause = _clause_bounds(text, d.start)
        if not d.fine or measured.between(*clause) or clause[0] == sa:
            return d
    return None


def section_year(section: str) -> ZhDate | None:
    """'2020年的金融市場': a heading's year frames its section's figures that state no date."""
    m = re.search(r"((?:19|20)\d\d) ?年", section.translate(FULLWIDTH))
    if not m:
        return None
    year = int(m.group(1))
    return ZhDate(-1, -1, date(year, 1, 1), date(year, 12, 31), "year", False)


# --- labels -------------------------------------------------------------------------------------------------


def label_of(text: str, figure: _Figure, period: ZhDate | None, figs: _Sorted[_Figure],
             measured: _Sorted[_Figure]) -> str:
    """What a figure measures, in the edition's words: its clause without the figure, its own date and the
    words that only join clauses ('其中', '包括', '為'); 'A及B...分別X及Y' gives X to A and Y to B."""
    ca, cb = _clause_bounds(text, figure.start)
    framed = _framed_clause(text, figure, figs, cb)
    ca, cb = framed or (ca, cb)
    # a duration's label holds no other figure ('兩至三年': the range's other end); others keep their durations
    cuts = [(f.start, f.end) for f in figs.between(ca, cb) if f is figure or f.kind != "duration"
            or figure.kind == "duration"]
    if figure.kind == "duration":  # '兩至三年內': the range's joiner and the frame word leave with the figures
        joins = re.compile(rf" ?(?:{alternation(words('range_joiners') + words('duration_frames'))})")
        cuts += [(f.end, m.end()) for f in figs.between(ca, cb)
                 if f.kind == "duration" and (m := joins.match(text, f.end))]
    # a year ('在2017年') is when, not what: it leaves the label; '年初', '2022年初', '第4季' tell figures apart
    if period is not None and ca <= period.start and period.end <= cb and period.kind in ("year", "fiscal") and not (
            period.since or period.local):
        cuts.append((period.intro if period.intro >= 0 else period.start, period.end))
    respectively = text.find("分別", ca, figure.start)
    if respectively >= 0:
        own = [f for f in figs.between(respectively + 1, cb) if f.kind == figure.kind]
        subject = _strip_dates(text[ca:respectively])
        items = [i for i in re.split(r"及|和|與|、", subject) if i]
        if len(items) == len(own) and len(own) > 1:
            first = min(f.start for f in own)
            verb = text[respectively + 2 : first]
            verb = re.sub(rf"(?:{alternation(phrase_map('qualifiers'))})$", "", verb)
            return _tidy(items[own.index(next(f for f in own if f.start == figure.start))] + verb)
    ca, cb = (ca, cb) if framed else _segment(text, figure, measured, ca, cb)
    pieces, pos = [], ca
    for a, b in sorted(c for c in cuts if ca <= c[0] < cb):
        if a >= pos:
            pieces.append(text[pos:a])
            pos = b
    pieces.append(text[pos:cb])
    label = _tidy("".join(pieces))
    if ca > 0 and text[ca - 1] in "）)":  # '外匯基金（不包括...）在2017年的投資回報率': the words before the brackets
        opening = max(text.rfind("（", 0, ca), text.rfind("(", 0, ca))
        if opening > 0:
            owner = _tidy(_strip_dates(text[_clause_bounds(text, opening)[0] : opening]))
            label = _tidy(f"{owner}{label}") if owner and owner not in label else label
    if len(CJK.findall(label)) <= 4:  # '至年底的0.9%': whose figure it is, the sentence's subject says
        head = _subject(text, _sentence_bounds(text, figure.start)[0], measured)
        label = _tidy(f"{head}{label}") if head and head not in label else label
    if figure.kind == "duration":
        label = f"{label[:74]}（{grammar()['duration_labels'][figure.unit]}）"
    elif figure.kind == "count" and figure.unit in words("noun_units") and figure.unit not in label:
        label = f"{label[:76 - len(figure.unit)]}（{figure.unit}）"  # '下跌約100基點': what is counted
    return label


def _framed_clause(text: str, figure: _Figure, figs: _Sorted[_Figure], cb: int) -> tuple[int, int] | None:
    """'於隧道啟用後約兩至三年內，「不停車繳費系統」亦將分階段實施...': a duration (or range of them) and its frame word
    ending its clause are when the next clause happens, which says what is timed: that clause's bounds; else None."""
    if figure.kind != "duration":
        return None
    later = figs.between(figure.end, cb)
    if any(f.kind != "duration" for f in later):
        return None
    rest = text[max([figure.end] + [f.end for f in later]) : cb]
    between = "".join(text[a.end : b.start] for a, b in zip([figure, *later], later))
    joiners, frames = alternation(words("range_joiners")), alternation(words("duration_frames"))
    last = text[: max([figure.end] + [f.end for f in later])]
    if not (re.fullmatch(rf" ?(?:{frames}) ?", rest) or not rest.strip() and re.search(rf"(?:{frames})$", last)):
        return None  # '三年以內': the frame read as the figure's qualifier is in its span
    if not re.fullmatch(rf"(?: ?(?:{joiners}) ?)*", between):
        return None
    if cb >= len(text) or text[cb] not in "，,；;":
        return None
    return _clause_bounds(text, cb + 1)


def _segment(text: str, figure: _Figure, measured: _Sorted[_Figure], ca: int, cb: int) -> tuple[int, int]:
    """The words of a clause that belong to one of its figures: from the figure before it, to the figure after
    it or a joining word ('股票淨收益478億港元（其中包括境外股票投資收益688億港元及香港股票投資虧損210億港元')."""
    others = [f for f in measured.between(ca, cb) if f is not figure]
    a = max([f.end for f in others if f.end <= figure.start], default=ca)
    b = min([f.start for f in others if f.start >= figure.end], default=cb)
    joiner = re.compile(r"[及和與、（(]").search(text, figure.end, b)
    return a, joiner.start() if joiner and others else b


def _subject(text: str, start: int, measured: _Sorted[_Figure]) -> str:
    """The words opening a sentence up to its first date, figure, clause end or linking verb."""
    end = _clause_bounds(text, start)[1]
    first = measured.between(start, end)[:1]
    end = first[0].start if first else end
    stop = re.compile(rf"(?:{alternation(words('subject_ends'))})")
    m = stop.search(text, start, end)
    return _tidy(_strip_dates(text[start : m.start() if m else end]))


def _strip_dates(text: str) -> str:
    for d in dates(text, 2000):
        if not (d.since or d.kind in ("past", "range")):
            text = text.replace(text[d.start : d.end], "", 1) if d.start >= 0 else text
    return re.sub(rf"(?:{alternation(words('period_prefix'))})(?=$|，)", "", text)


def _tidy(label: str) -> str:
    """A label without dangling joins, particles or unmatched brackets, at most 80 characters."""
    label = re.sub(r"\s+", " ", label).strip(" ，,；;、：:。（）()「」《》")
    label = FOOTNOTE_MARK.sub("", label)
    connectives = alternation(words("connectives"))
    trailing = alternation(words("label_trailing"))
    for _ in range(4):
        before = label
        label = re.sub(rf"^(?:{connectives})", "", label).strip(" ，,；;、：:")
        label = re.sub(rf"(?:{trailing})$", "", label).strip(" ，,；;、：:")
        label = re.sub(rf"(?:{alternation(words('period_prefix'))})$", "", label).strip(" ，,；;、")
        if label == before:
            break
    if label.count("（") > label.count("）"):
        label = label.replace("（", "", label.count("（") - label.count("）"))
    if label.count("(") > label.count(")"):
        label = label.replace("(", "", label.count("(") - label.count(")"))
    return label[:80]


# --- events -------------------------------------------------------------------------------------------------


def events(statement: Statement, text: str, found: _Sorted[ZhDate], measured: _Sorted[_Figure],
           year: int | None = None) -> list[EventMention]:
    """Dated happenings: a date introduced by 於/在/自 (or opening its clause) with an event verb in its clause,
    or opening its sentence with a founding verb in it (a market move only in a sentence without figures), or a
    date finer than a year in a clause of its own; never a figure's period, a target, a comparison or a
    caption's date. '於1993年及1999年分別安裝': a date joined to an introduced one shares its 於 (two events)."""
    not_after = alternation(words("not_event_after"))
    verb = re.compile(rf"(?:{alternation(words('event_verbs') + words('market_verbs'))})(?!{not_after})")
    founding = re.compile(rf"(?:{alternation(words('event_verbs'))})(?!{not_after})")
    connective = re.compile(rf"^(?:{alternation(words('connectives'))})+")  # "但隨着": one or more
    since_word = re.compile(rf" ?(?:{alternation(grammar()['since']['after'])})")
    aspect = re.compile(rf"[\u4e00-\u9fff](?:{alternation(words('event_aspect'))})")
    happening = re.compile(rf"[^，。；、\d]{{0,6}}?(?:{alternation(words('happening_nouns'))})")
    out = []
    for d, (head, tail) in _date_groups(text, found):
        if d.target and (plan := _planned(statement, text, d, founding)):
            out.append(plan)
            continue
        if d.base or d.kind == "past":
            continue
        sa, sb = _sentence_bounds(text, d.start)
        if re.match(r"\s*(?:表|圖)", text[sa:sb]):
            continue  # a caption's date ('表3列載...於2017年12月31日的貨幣比重')
        ca, cb = _clause_bounds(text, d.start)
        in_clause = measured.between(ca, cb)
        figure_after = in_clause[0].start if in_clause else None
        if figure_after is not None and not (d.since and verb.search(text, d.end, figure_after)):
            continue  # a date in a figure's clause is its period ('自2009年開展投資以來' began something)
        if d.intro < 0 and happening.match(text, d.end) and not figure_after:  # '2008至2009年全球金融危機'
            out.append(EventMention(statement, d.start, d.end, _tidy(_strip_dates(text[d.start : cb])),
                                    "zh-event-dated-verb", period_text=period_phrase(d.first, d.last)))
            continue
        at = head.intro  # the 於 that introduces the date, or the first of dates joined to it
        intro = at >= 0 and (text[at : head.start].strip() in words("event_intro") or _until_then(text, at, head, cb))
        opens = not connective.sub("", text[ca : d.start].strip()) or (  # '而在2021年底時': after a connective
            d.intro >= 0 and not connective.sub("", text[ca : d.intro].strip()))
        leads = at < 0 or len(connective.sub("", text[ca:at].strip())) <= 1  # '其後於', '早於': it frames the clause
        sentence_founding = bool(founding.search(text, d.end, sb))
        alone = ca == sa and not text[d.end : cb].strip()  # '1970年代，香港引入...': the date is its own clause
        if (at >= 0 and not intro) or not (intro or (opens and (d.fine or (alone and sentence_founding)))):
            continue  # '截至年底': as at a day, not when something happened; a bare year is no happening
        after = tail.end + (m.end() if (m := since_word.match(text[tail.end :])) else 0)  # '1970年代開始': no verb
        clause_verb = verb.search(text, after, cb) or verb.search(text, ca, d.start) or (
            intro and not figure_after and aspect.search(text, after, cb))  # '於2001年發佈了': a verb with 了
        figure_sentence = bool(measured.between(sa, sb))
        framing = (intro or opens) and leads and ca == sa and (
            sentence_founding if figure_sentence or not d.fine and not intro else bool(verb.search(text, d.end, sb)))
        if not (clause_verb or framing or (d.fine and opens and not (ca == sa and figure_sentence))):
            continue
        whole_year = year is not None and (d.first, d.began or d.last) == (date(year, 1, 1), date(year, 12, 31))
        if whole_year and not founding.search(text, ca, cb) and (d.intro if d.intro >= 0 else d.start) > sa:
            continue  # "美元在2015年繼續轉強" in the 2015 report: a move of the year reported on, no happening (but
            # "在2020年，...金管局增加ESG債券的投資": a year opening its sentence frames what the HKMA did)
        if whole_year and not founding.search(text, sa, sb) and _market_moves_only(text, d.end, sb, verb):
            continue  # "在2018年，...環球金融市場因而出現大幅波動及調整" in the 2018 report: the markets of the year
        start = d.intro if d.intro >= 0 else d.start
        first, last = _event_days(d)
        said = text[ca : at if at >= 0 else head.start] + text[after if d.since else tail.end : figure_after or cb]
        if not clause_verb and (later := founding.search(text, after, sb)):  # '由2003年起，香港逐步安裝...'
            said = text[slice(*_clause_bounds(text, later.start()))]  # what happened: the founding verb's clause
        label = _tidy(_strip_dates(said)) or _tidy(text[sa:sb])
        out.append(EventMention(statement, start, d.end, label, "zh-event-dated-verb",
                                period_text=period_phrase(first, last)))
    return out


def _planned(statement: Statement, text: str, d: ZhDate, founding: re.Pattern[str]) -> EventMention | None:
    """'運輸署將於2020年前完成安裝...', '預計2020年年底前完成': a target's date with an event verb after it in its
    clause is when a plan is to happen (the English 'for completion by 2020'); '預期截至2018年底' (as at) is none."""
    ca, cb = _clause_bounds(text, d.start)
    if d.intro >= 0 and text[d.intro : d.start].strip() not in words("event_intro"):
        return None
    if not founding.search(text, d.end, cb) or re.match(r"\s*(?:表|圖)", text[_sentence_bounds(text, d.start)[0] :]):
        return None
    label = _tidy(_strip_dates(text[ca:cb]))
    if len(CJK.findall(label)) <= 6:  # '預計2020年年底前完成': what is to be completed, the sentence says
        label = _tidy(_strip_dates(text[_sentence_bounds(text, d.start)[0] : cb]))
    return EventMention(statement, d.intro if d.intro >= 0 else d.start, d.end, label, "zh-event-planned",
                        period_text=period_phrase(*_event_days(d)))


def _until_then(text: str, at: int, d: ZhDate, end: int) -> bool:
    """'直至2月中旬市場才穩定下來': not until that date did it happen (直至 with 才 after it in its clause)."""
    until = grammar()["event_until"]
    return text[at : d.start].strip() in until["words"] and bool(
        re.search(alternation(until["then"]), text[d.end : end]))


def _event_days(d: ZhDate) -> tuple[date, date]:
    """When a dated happening took place: a part of a year read as an event's time ('2016年年初': early 2016,
    zh.toml [event_parts]), else the date's own days (a since date from its start to its stated end)."""
    part = grammar()["event_parts"].get(d.part)
    return _part(d.first.year, part) if part else (d.first, d.began or d.last)


def _market_moves_only(text: str, start: int, end: int, verb: re.Pattern[str]) -> bool:
    """Every verb of move in text[start:end] has a market as its clause's subject ('市場供應增加' but not
    '金管局增加ESG債券的投資'): the sentence characterises markets, no one acts."""
    market = re.compile(alternation(words("market_nouns")))
    moves = list(verb.finditer(text, start, end))
    return bool(moves) and all(market.search(text, _clause_bounds(text, m.start())[0], m.start()) for m in moves)


def _date_groups(text: str, found: _Sorted[ZhDate]) -> list[tuple[ZhDate, tuple[ZhDate, ZhDate]]]:
    """Each date with the first and last of the dates joined to it by 及/和/與/、 after one 於 ('於1993年及1999年':
    1999年 shares the 於 of 1993年); a date joined to none is its own first and last."""
    items = list(found)
    heads: list[ZhDate] = []
    for i, d in enumerate(items):
        previous = items[i - 1] if i else None
        joined = previous is not None and d.intro < 0 and heads[-1].intro >= 0 and bool(
            re.fullmatch(r" ?(?:及|和|與|、|或) ?", text[previous.end : d.start]))
        heads.append(heads[-1] if joined else d)
    tails = {id(h): d for h, d in zip(heads, items)}  # the last date of each group
    return [(d, (h, tails[id(h)])) for d, h in zip(items, heads)]


# --- the document ---------------------------------------------------------------------------------------------


def extract_zh(structure: Structure,
               deadline: Deadline = NO_DEADLINE) -> tuple[list[FigureMention], list[EventMention]]:
    """Every figure and dated event of a Chinese edition, in reading order: periods resolve against the year it
    reports on; a sentence with no date takes the period of the sentence before it in its paragraph, else the
    year its section's heading names."""
    all_figures: list[FigureMention] = []
    all_events: list[EventMention] = []
    paragraph, carried = -2, None
    for statement in structure.statements:
        deadline.check()
        if statement.paragraph != paragraph or statement.kind != "paragraph":
            paragraph, carried = statement.paragraph, None
        found_figures, found_events, carried = extract_statement(statement, structure.year, carried)
        all_figures.extend(found_figures)
        all_events.extend(found_events)
    return all_figures, all_events


def extract_statement(statement: Statement, year: int | None, carried: ZhDate | None = None,
                      ) -> tuple[list[FigureMention], list[EventMention], ZhDate | None]:
    """The figures and events of one statement, and the period a following sentence of its paragraph carries."""
    text = statement.text.translate(FULLWIDTH)
    found = _Sorted(dates(text, year))
    taken = Claims()
    for d in found:
        if d.kind != "past":
            taken.take(d.start, d.end)
    previous = None
    for f in (read := figures(text, taken)):
        qualify(text, f, previous)
        previous = f
    figs = _Sorted(read)
    measured = _Sorted(f for f in figs if f.kind != "duration")
    heading = section_year(statement.section)
    if any(d.target for d in found):  # a target's sentence: its figures take no period from elsewhere
        carried = heading = None
    mentions = []
    labels: dict[str, int] = {}
    last_own = None
    for f in figs:
        period = own_period(text, f, found, measured) if f.kind != "duration" else None
        if period is not None and not (period.since or period.kind in ("past",)):
            last_own = period
        label = label_of(text, f, period, figs, measured)
        if period is None and f.kind != "duration" and f.kind != "ratio":
            period = carried or heading
        labels[label] = labels.get(label, 0) + 1
        if labels[label] > 1:
            label = f"{label[:76]}（{labels[label]}）"
        mentions.append(FigureMention(
            statement=statement, start=f.start, end=f.end, kind=f.kind, number_text=f.number, scale_text="",
            currency_text=f.currency, unit=f.unit, qualifier=f.qualifier or "exact",
            period_text=period.phrase if period else "", base_text="", scope=f.scope, label=label or f.kind,
            rule=f.rule))
    stated = [d for d in found if not (d.base or d.since or d.local or d.kind == "past") and not d.fine]
    carry = last_own or (stated[-1] if stated else None) or carried
    return mentions, events(statement, text, found, measured, year), carry
