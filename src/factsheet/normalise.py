"""Normalise stage: mentions as written -> typed rows (values, ISO currencies, ISO periods) in pandas frames."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from factsheet import schema
from factsheet.extract import EventMention, FigureMention
from factsheet.grammar import alternation, tables
from factsheet.model import Document

STOP = frozenset(
    "the a an in on at by for with over about around some and of to its their his her this that these those "
    "has have had been is are was were will be as at from into through under up more than less new".split()
)


def parse_number(text: str) -> float | None:
    """'44,500', '44 500', '1.466', 'six', 'twenty-five', 'a dozen', 'two hundred', '1st', 'No.3', 'first'."""
    t = tables()
    s = re.sub(r"\s+", " ", text.strip().lower())
    if not s:
        return None
    if s[0] in "-−":  # a negative amount is kept negative, for validation to refuse
        value = parse_number(s[1:])
        return -value if value is not None else None
    if "/" in s:
        a, _, b = s.partition("/")
        num, den = parse_number(a), parse_number(b)
        return num / den if num is not None and den else None
    if s in t["multipliers"]:
        return float(t["multipliers"][s])
    if s in t["ordinal_words"]:
        return float(t["ordinal_words"][s])
    m = re.fullmatch(r"(?:no\.?\s?|number\s+)?(\d+)(?:st|nd|rd|th)?", s)
    if m:
        return float(m.group(1))
    if re.fullmatch(r"\d{1,3}(?:[, \u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", s):
        return float(re.sub(r"[, \u00a0\u202f]", "", s))
    words = t["number_words"]
    if s in words:
        return float(words[s])
    total = 0.0
    for part in s.replace("-", " ").split():
        if part == "a":
            continue
        if part == "hundred":
            total = (total or 1) * 100
        elif part in words:
            total += words[part]
        else:
            return None
    return total or None


def scale_of(text: str) -> float:
    """'billion' -> 1e9; '' -> 1."""
    return float(tables()["scales"].get(text.strip().lower(), 1.0)) if text else 1.0


def currency_code(text: str, default: str) -> str:
    """ISO 4217 code of a currency as written; a bare '$' or 'dollars' is the source's default."""
    if not text:
        return ""
    t = tables()
    code = t["currencies"].get(text) or t["currencies"].get(text.upper())
    if code is None:
        code = t["currency_words"].get(text) or t["currency_words"].get(text.lower(), "")
    return default if code in ("$", "") or text == "$" else code


def _month_number(word: str) -> int:
    return int(tables()["months"][word.lower().rstrip(".")])


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


class ImpossibleDate(ValueError):
    """A date phrase naming a day no calendar has ('February 30, 2024', '31 April', year 0).

    str() is the day as an ISO-shaped string ('2024-02-30'); the mention that carries it is left out.
    """


def _iso(year: int, month: int, day: int) -> str:
    """YYYY-MM-DD of a real day, else ImpossibleDate: no period ever names a day that does not exist."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ImpossibleDate(f"{year:04d}-{month:02d}-{day:02d}") from None


def period_of(text: str) -> tuple[str, str] | None:
    """ISO first and last day of a date phrase: '2021', 'May 2022', 'end February 2022', '2022-23'..."""
    if not text:
        return None
    t = tables()
    parts = t["period_parts"]
    s = re.sub(r"\s+", " ", text.strip().lower())
    ends = re.fullmatch(r"(.+?) (?:to|and|until|till|through) (.+)", s) or re.fullmatch(r"(\d{4}) ?[-–] ?(\d{4})", s) \
        or re.fullmatch(r"(\d{1,2}\.\d{1,2}\.\d{4}) ?[-–] ?(\d{1,2}\.\d{1,2}\.\d{4})", s) \
        or re.fullmatch(r"(\d{1,2}) ?[-–] ?(\d{1,2} [a-z]+\.? ?\d{4})", s)  # '2.3.2017-1.4.2017', '16-29 november 2021'
    if ends:  # a range: "2024-25 to 2033-34", "2018 and 2022", "2019-2023"
        first, last = period_of(ends.group(1)), period_of(ends.group(2))
        school = re.search(rf" ({alternation(t['school_year']['nouns'])})$", ends.group(2))
        if school and re.fullmatch(r"(?:the )?\d{4} ?[-–/] ?\d\d", ends.group(1)):  # "2025/26 and 2026/27 school
            first = period_of(f"{ends.group(1)} {school.group(1)}")  # years": both school years
        if first is None and last and re.fullmatch(r"[a-z]+", ends.group(1)):  # "january to march 2001"
            first = period_of(f"{ends.group(1)} {last[0][:4]}")
        elif first is None and last and ends.group(1).isdigit():  # "16 to 29 november 2021": its month and year
            first = period_of(ends.group(1) + " " + re.sub(r"^\d{1,2} ", "", ends.group(2)))
        return (first[0], last[1]) if first and last and first[0] <= last[1] else None
    m = re.fullmatch(r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) (quarter|half) (?:of|in) "
                     r"((?:19|20)\d\d) ?[-–/] ?\d\d", s)
    if m:  # "the first quarter of 2024-25": quarters of a financial year that starts in April
        n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}[m.group(1)]
        months = 3 if m.group(2) == "quarter" else 6
        first = pd.Timestamp(int(m.group(3)), int(t["fiscal_year"]["start_month"]), 1) + pd.DateOffset(
            months=months * (n - 1))
        last = first + pd.DateOffset(months=months) - pd.DateOffset(days=1)
        return first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")
    m = re.fullmatch(r"(?:the )?first (\w+) months of (\d{4})", s)
    if m:
        n = parse_number(m.group(1))
        if n and 1 <= n <= 12:
            year, month = int(m.group(2)), int(n)
            return _iso(year, 1, 1), _iso(year, month, _last_day(year, month))
    ended = _period_ended(s)
    if ended:
        return ended
    m = re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d\d)", s)
    if m:  # '31-3-1999', '1.4.2017': day first, as Hong Kong writes dates
        day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1 <= month <= 12 and 1 <= day <= _last_day(year, month):
            return f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{day:02d}"
        return None
    s = _part_said_in_words(s)
    months = "|".join(sorted(t["months"], key=len, reverse=True))
    school = alternation(t["school_year"]["nouns"])
    fiscal_part = _fiscal_year_part(s)
    if fiscal_part:
        return fiscal_part
    m = re.fullmatch(rf"(?:the )?((?:19|20)\d\d) ?[-–/] ?(\d\d)(?: ({school}))?", s)
    if m and int(m.group(2)) != (int(m.group(1)) + 1) % 100 and not m.group(3):
        last_year = int(m.group(1)) // 100 * 100 + int(m.group(2))  # '2020-25': the years 2020 to 2025
        return (_iso(int(m.group(1)), 1, 1), _iso(last_year, 12, 31)) if last_year > int(m.group(1)) else None
    if m:
        start_month = int(t["school_year" if m.group(3) else "fiscal_year"]["start_month"])
        first = int(m.group(1))
        end_month = start_month - 1 or 12
        last_year = first + 1 if start_month > 1 else first
        return _iso(first, start_month, 1), _iso(last_year, end_month, _last_day(last_year, end_month))
    m = re.fullmatch(rf"(\d{{1,2}}) ({months})\.? ?(\d{{4}})|({months})\.? (\d{{1,2}}), ?(\d{{4}})", s)
    if m:
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        day_iso = _iso(int(year), _month_number(month), int(day))
        return day_iso, day_iso
    m = re.fullmatch(
        rf"(?:the )?(early|mid|late|end|end of|beginning of|start of)[- ]({months})\.? (\d{{4}})", s
    )
    if m:
        part = m.group(1).replace(" of", "")
        year, month = int(m.group(3)), _month_number(m.group(2))
        last = _last_day(year, month)
        if part == "end":
            a = b = last
        elif part in ("beginning", "start"):  # 'at the beginning of March 2022': its first day, as 'end' its last
            a = b = 1
        else:
            key = {"beginning": "early", "start": "early"}.get(part, part)
            a, b = parts[f"month_{key}"]
            b = min(b, last)
        return _iso(year, month, a), _iso(year, month, b)
    m = re.fullmatch(rf"({months})\.? (\d{{4}})", s)
    if m:
        year, month = int(m.group(2)), _month_number(m.group(1))
        return _iso(year, month, 1), _iso(year, month, _last_day(year, month))
    m = re.fullmatch(
        r"(?:the )?(first|second|1st|2nd) half (?:of|in) (\d{4})|h([12]) (\d{4})"
        r"|(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) quarter (?:of|in) (\d{4})|q([1-4]) (\d{4})"
        r"|(?:the )?(early|mid|late|end|end of|beginning of|start of)[- ](\d{4})",
        s,
    )
    if m:
        g = m.groups()
        ordinal = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
        if g[0] or g[2]:
            year = int(g[1] or g[3])
            half = ordinal.get(g[0] or "", 0) or int(g[2])
            a, b = parts["year_first_half" if half == 1 else "year_second_half"]
        elif g[4] or g[6]:
            year = int(g[5] or g[7])
            q = ordinal.get(g[4] or "", 0) or int(g[6])
            a, b = parts[["year_first_quarter", "year_second_quarter", "year_third_quarter",
                          "year_fourth_quarter"][q - 1]]
        else:
            year = int(g[9])
            part = g[8].replace(" of", "")
            if part == "end":
                return _iso(year, 12, 31), _iso(year, 12, 31)
            if part in ("beginning", "start"):  # 'at the beginning of 2022': the year's first day
                return _iso(year, 1, 1), _iso(year, 1, 1)
            a, b = parts[f"year_{ {'beginning': 'early', 'start': 'early'}.get(part, part) }"]
        return _iso(year, a, 1), _iso(year, b, _last_day(year, b))
    m = re.fullmatch(r"(\d{4})", s)
    if m:
        return _iso(int(m.group(1)), 1, 1), _iso(int(m.group(1)), 12, 31)
    return None


def _part_said_in_words(phrase: str) -> str:
    """'towards the end of 2014-15' -> 'late 2014-15': a phrase of [period_part_phrases] as its one word."""
    said = tables()["period_part_phrases"]
    m = re.match(rf"(?:{alternation(said)})(?= )", phrase)
    return f"{said[m.group(0)]}{phrase[m.end():]}" if m else phrase


def _fiscal_year_part(phrase: str) -> tuple[str, str] | None:
    """'late 2014-15' -> 2014-12-01..2015-03-31: a part of a financial year, its months counted from April as a
    calendar year's from January ('late' its last four); 'the end of 2014-15' its last day, its 'start' its first."""
    m = re.fullmatch(r"(?:the )?(early|mid|late|end|end of|beginning of|start of)[- ]((?:19|20)\d\d ?[-–/] ?\d\d)",
                     phrase)
    whole = period_of(m.group(2)) if m else None
    if whole is None or pd.Timestamp(whole[1]) - pd.Timestamp(whole[0]) > pd.Timedelta(days=366):
        return None  # '2020-25' is five years, not a financial year
    part = m.group(1).replace(" of", "")
    if part == "end":
        return whole[1], whole[1]
    if part in ("beginning", "start"):
        return whole[0], whole[0]
    a, b = tables()["period_parts"][f"year_{part}"]
    start = pd.Timestamp(whole[0])
    first, last = start + pd.DateOffset(months=a - 1), start + pd.DateOffset(months=b) - pd.Timedelta(days=1)
    return first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")


def _period_ended(phrase: str) -> tuple[str, str] | None:
    """'Month ended March 31, 2001' -> March 2001; 'year ended 31 March 2019' -> 2018-04-01..2019-03-31;
    'as at March 31, 2009' -> that day: the periods of table column headers."""
    lengths = tables()["periods_ended"]
    m = re.fullmatch(rf"(?:the )?({alternation(lengths)}) ended (.+)", phrase)
    if m:
        end = period_of(m.group(2))
        if end is None or end[0] != end[1]:
            return None
        last = pd.Timestamp(end[1])
        first = last + pd.Timedelta(days=1) - pd.DateOffset(months=int(lengths[m.group(1)]))
        return first.strftime("%Y-%m-%d"), end[1]
    m = re.fullmatch(rf"(?:the )?({alternation(lengths)}) preceding (.+)", phrase)
    if m:  # 'the 12 months preceding 8 june 1990': those months up to the day before
        day = period_of(m.group(2))
        if day is None or day[0] != day[1]:
            return None
        last = pd.Timestamp(day[0]) - pd.Timedelta(days=1)
        first = last + pd.Timedelta(days=1) - pd.DateOffset(months=int(lengths[m.group(1)]))
        return first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")
    m = re.fullmatch(r"(?:(?:position|balance) )?(?:as )?(?:at|of|on) (.+)", phrase)
    if m:
        day = period_of(m.group(1))
        return day if day is not None and day[0] == day[1] else None
    return None


def _significant(value: float) -> float:
    """A product of decimal text and a scale, to 12 significant digits: 65.1 x 1e6 is 65100000, not
    65099999.99999999, and 33,358.7 x 1e6 is 33358700000 (rounding to decimals cannot fix large values)."""
    return float(f"{value:.12g}")


def _year_before(period: tuple[str, str] | None) -> tuple[str, str] | None:
    """The base of a year-on-year change: the same period one year earlier (29 February -> 28 February)."""
    if period is None:
        return None
    return _a_year_earlier(period[0]), _a_year_earlier(period[1])


def _a_year_earlier(day: str) -> str:
    d = date.fromisoformat(day)
    return _iso(d.year - 1, d.month, min(d.day, _last_day(d.year - 1, d.month)))


CJK_LABEL = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def figure_key(kind: str, unit: str, label: str, scope: str) -> str:
    """A slug of what is measured that survives rewording: the names and the counted noun, sorted."""
    if CJK_LABEL.search(label):
        from factsheet.zh import figure_key as chinese_key

        return chinese_key(kind, label)
    label = re.sub(r"\b(?:19|20)\d\d(?:-\d\d)?\b", " ", label)
    tokens = re.findall(r"[A-Za-z][\w&@.’'-]*", label)
    # a label's first word is capitalised as a label, not as a name: it counts only as an acronym
    names = {w.lower().strip(".’'") for i, w in enumerate(tokens)
             if w[:1].isupper() and (i > 0 or sum(c.isupper() for c in w) > 1) and w.lower() not in STOP}
    terms = set(names)
    if unit and kind == "count":
        terms.add(unit.lower())
    if scope:
        terms.add(scope.lower())
    if len(terms) < 2:
        content = [w.lower() for w in tokens if w.lower() not in STOP and len(w) > 2]
        terms.update(content[:3])
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(sorted(terms))).strip("-")
    return f"{kind}-{slug[:70].rstrip('-')}" if slug else kind


def _box_ends(document: Document) -> list[int]:
    """Where each word box ends: boxes are sorted and disjoint, so their ends are sorted too."""
    return [b.end for b in document.boxes]


def _bbox(document: Document, start: int, end: int, ends: list[int]) -> tuple[int | None, str]:
    """Page and union box of the words spanning [start, end) on the span's first page (found by bisecting
    `ends`, _box_ends of the document, not by a scan of every word of the document)."""
    boxes = []
    i = bisect_right(ends, start)
    while i < len(document.boxes) and document.boxes[i].start < end:
        boxes.append(document.boxes[i])
        i += 1
    if not boxes:
        return None, ""
    page = boxes[0].page
    on_page = [b for b in boxes if b.page == page]
    x0, top = min(b.x0 for b in on_page), min(b.top for b in on_page)
    x1, bottom = max(b.x1 for b in on_page), max(b.bottom for b in on_page)
    return page, f"{x0:.2f},{top:.2f},{x1:.2f},{bottom:.2f}"


def _unique(keys: Sequence[str]) -> list[str]:
    """Suffix repeated keys in reading order (-2, -3) so each row's key is unique in its edition."""
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else f"{k}-{seen[k]}")
    return out


@dataclass(frozen=True)
class LeftOut:
    """A mention the frame builder left out rather than publish a row the gate must reject, and why."""

    what: str  # "figure" or "event"
    text: str  # value_text or date_text as written
    reason: str  # "impossible date 2024-02-30", "number too large", "percent 900 above 500", ...
    char_start: int
    char_end: int

    def line(self) -> str:
        text = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        return f"{self.reason} ({text!r} at chars {self.char_start}..{self.char_end})"


def left_out_summary(left_out: Sequence[LeftOut]) -> str:
    """'2 figures left out: impossible date 2024-02-30 (...); number too large (...)', one clause per kind."""
    parts = []
    for what in ("figure", "event"):
        items = [x for x in left_out if x.what == what]
        if items:
            parts.append(f"{len(items)} {what}{'' if len(items) == 1 else 's'} left out: "
                         + "; ".join(x.line() for x in items))
    return "; ".join(parts)


def _spelled(document: Document, start: int, end: int, text: str) -> bool:
    from factsheet.validate import spells

    return 0 <= start < end <= len(document.text) and spells(document.text[start:end], text)


def _figure_period(period_text: str, base_text: str) -> tuple[str, str] | None:
    """The ISO span a figure refers to: its own period, from its base when it states a change over one."""
    own = period_of(period_text)
    base = _year_before(own) if base_text == "a year earlier" else period_of(base_text)
    if own is None:
        return None
    span = (base[0], own[1]) if base else own
    return span if span[0] <= span[1] else None  # a base after the stated period reads nothing sensible


def _number_reason(values: dict[str, object], kind: str) -> str:
    """Why the suite's range rules would reject these numbers ('' when they pass): the same rules, in pandas."""
    from factsheet.validate import value_rules

    for rule in value_rules("figures"):
        value = values.get(rule.column)
        if value is not None and value is not pd.NA and rule.breaks(float(value), kind):  # type: ignore[arg-type]
            return rule.reason(float(value), kind)  # type: ignore[arg-type]
    return ""


def figures_frame(mentions: Sequence[FigureMention], document: Document, edition_id: str,
                  default_currency: str = "HKD", left_out: list[LeftOut] | None = None) -> pd.DataFrame:
    """The figures resource of one edition: values, currencies, periods and provenance per mention.

    A mention whose text is not where its span says, whose date no calendar has, or whose number the
    suites' range rules reject (not finite, too large, a percent above 500...) is left out and appended to
    `left_out`: one bad number costs one row and a warning, not the whole edition at the gate. Rows are built
    as plain values and typed once (a pandas operation per column and step cost more than the grammar).
    """
    ends = _box_ends(document)
    rows = []
    for m in mentions:
        row = _figure_row(m, document, ends, default_currency)
        # "zero cases" or "0% growth" state an absence, not a quantity: dropped without a word, except in a table
        # or a field, where 0 is a value stated like any other ("forest: 0%", "medium ports: 0"); a number that was
        # read but cannot be published is left out and counted
        value = row["value"]
        if value is None or (value == 0 and m.kind in ("count", "percent")
                             and m.statement.kind not in ("cell", "field")):
            continue
        reason = row.pop("reason")
        if reason:
            if left_out is not None:
                left_out.append(LeftOut("figure", m.value_text, reason, row["char_start"], row["char_end"]))
            continue
        rows.append(row)
    keys = _unique([row["figure_key"] for row in rows])
    for i, (row, key) in enumerate(zip(rows, keys)):
        row["figure_id"], row["figure_key"] = f"{edition_id}-{i + 1:04d}", key
        row["edition_id"] = edition_id
        if not (isinstance(row["label"], str) and row["label"].strip()):  # a label is never empty
            row["label"] = f"{row['kind']}: {row['value_text']}"[:80]
    return _typed_rows(rows, "figures")


def _figure_row(m: FigureMention, document: Document, ends: list[int], default_currency: str) -> dict[str, object]:
    """One mention's row: its value (None when its number reads as none), unit, period, provenance and `reason`,
    why the row cannot be published ('' when it can)."""
    durations = tables()["durations"]
    char_start, char_end = m.statement.span(m.start, m.end)
    page, bbox = _bbox(document, char_start, char_end, ends)
    number = parse_number(m.number_text)
    per_unit = float(durations[m.unit][1]) if m.kind == "duration" else 1.0
    value = None if number is None else _significant(number * scale_of(m.scale_text) * per_unit)
    currency = currency_code(m.currency_text, default_currency) if m.kind == "money" else ""
    unit = currency if m.kind == "money" else durations[m.unit][0] if m.kind == "duration" else \
        KIND_UNITS.get(m.kind, m.unit)
    value_hkd = value * schema.HKD_RATES[currency] if currency in schema.HKD_RATES and value is not None else None
    try:
        period = _figure_period(m.period_text, m.base_text)
        reason = "" if _spelled(document, char_start, char_end, m.value_text) else \
            f"its text is not at chars {char_start}..{char_end} of the source text"
    except ImpossibleDate as exc:
        period, reason = None, f"impossible date {exc}"
    reason = reason or _number_reason({"value": value, "value_hkd": value_hkd}, m.kind)
    return {
        "value": value, "currency": currency, "unit": unit, "value_hkd": value_hkd,
        "period_start": period[0] if period else None, "period_end": period[1] if period else None,
        "section": m.statement.section, "label": m.label, "statement": m.statement.text, "value_text": m.value_text,
        "kind": m.kind, "qualifier": m.qualifier, "scope": m.scope, "bbox": bbox, "rule": m.rule,
        "char_start": char_start, "char_end": char_end, "page": page if page is not None else m.statement.page,
        "figure_key": figure_key(m.kind, unit, m.label, m.scope), "reason": reason,
    }


KIND_UNITS = {"percent": "percent", "rank": "rank", "ratio": "ratio"}


def _fallback_label(statement: str) -> str:
    """The statement itself, cut at a word within 80 characters: what an event with no label of its own says."""
    text = " ".join(statement.split()).lstrip("•-–— ").rstrip(".;: ")
    if len(text) <= 80:
        return text
    return text[:80].rsplit(" ", 1)[0].rstrip(",;: ") or text[:80]


def event_period(m: EventMention) -> tuple[str, str] | None:
    """The ISO dates an event's phrase names ('from 2028' -> 2028-01-01..2028-12-31), or None; raises ImpossibleDate."""
    return period_of(m.period_text or re.sub(r"^(?:in|on|since|from|by|during)\s+(?:the\s+)?", "", m.date_text,
                                             flags=re.I))


def _spelled_part(document: Document, m: EventMention) -> EventMention:
    """The event mention, or, when its text is not spelled at its span because a mark the reader skipped stands
    between its intro and its date ("within" / "**2026."), the mention from its last words that are; its period is
    the date's either way."""
    if not m.period_text or _spelled(document, *m.statement.span(m.start, m.end), m.date_text):
        return m
    for word in list(re.finditer(r"\s(?=\S)", m.date_text)):
        part = replace(m, start=m.start + word.end())
        if _spelled(document, *part.statement.span(part.start, part.end), part.date_text):
            return part
    return m


def events_frame(mentions: Sequence[EventMention], document: Document, edition_id: str,
                 left_out: list[LeftOut] | None = None) -> pd.DataFrame:
    """The events resource of one edition: each dated happening with its ISO date range.

    A date phrase the periods table does not know is no event; one naming a day no calendar has, or
    whose text is not where its span says, is left out and appended to `left_out`.
    """
    ends = _box_ends(document)
    rows = []
    for i, m in enumerate(mentions):
        char_start, char_end = m.statement.span(m.start, m.end)
        try:
            period = event_period(m)
        except ImpossibleDate as exc:
            period, reason = None, f"impossible date {exc}"
        else:
            m = _spelled_part(document, m) if period is not None else m
            char_start, char_end = m.statement.span(m.start, m.end)
            reason = "" if period is None or _spelled(document, char_start, char_end, m.date_text) else \
                f"its text is not at chars {char_start}..{char_end} of the source text"
        if reason and left_out is not None:
            left_out.append(LeftOut("event", m.date_text, reason, char_start, char_end))
        if period is None or reason:
            continue
        page, bbox = _bbox(document, char_start, char_end, ends)
        label = m.label if m.label.strip() else _fallback_label(m.statement.text)
        rows.append({
            "event_id": f"{edition_id}-e{i + 1:03d}", "edition_id": edition_id, "section": m.statement.section,
            "label": label, "statement": m.statement.text, "date_text": m.date_text,
            "date_start": period[0], "date_end": period[1],
            "page": page if page is not None else m.statement.page,
            "char_start": char_start, "char_end": char_end, "bbox": bbox, "rule": m.rule,
        })
    return _typed_rows(rows, "events")


def _text_column(col: pd.Series) -> pd.Series:
    """Text as pandas' str dtype, with NA for missing and for empty strings (one pass, no chained astype)."""
    return pd.Series(_texts(col), index=col.index, dtype="str")


def _texts(values: Iterable[object]) -> list[str | None]:
    """Each value as text, None for missing and for empty strings."""
    return [None if v is None or v is pd.NA or (isinstance(v, float) and v != v) or v == "" else str(v)
            for v in values]


def _converted(col: pd.Series, type_: str) -> pd.Series:
    """A column in its schema type: integers as Int64, numbers as Float64, text as str with NA."""
    if type_ == "integer":
        return pd.to_numeric(col, errors="coerce").astype("Int64")
    if type_ == "number":
        return pd.to_numeric(col, errors="coerce").astype("Float64")
    return _text_column(col)


def _typed(frame: pd.DataFrame, resource: str) -> pd.DataFrame:
    """Schema column order and dtypes: integers as Int64, numbers as Float64, text as str with NA."""
    columns: dict[str, pd.Series] = {}
    for field in schema.RESOURCES[resource]:
        name = field["name"]
        col = frame[name] if name in frame else pd.Series([pd.NA] * len(frame), index=frame.index, dtype=object)
        columns[name] = _converted(col, field["type"])
    return pd.DataFrame(columns, index=frame.index)


# the Python types a column of each schema type holds when built from rows: built as an array at once
PLAIN = {"integer": (int,), "number": (int, float)}
ARRAY_DTYPES = {"integer": "Int64", "number": "Float64"}


def _typed_rows(rows: Sequence[dict[str, object]], resource: str) -> pd.DataFrame:
    """_typed of a frame of these rows (a key a row lacks is missing), without building the untyped frame first:
    each column becomes a typed array in one step, as _typed would convert it."""
    columns: dict[str, object] = {}
    for field in schema.RESOURCES[resource]:
        name, type_ = field["name"], field["type"]
        values = [row.get(name) for row in rows]
        if type_ not in PLAIN:
            columns[name] = pd.array(_texts(values), dtype="str")
        elif all(v is None or type(v) in PLAIN[type_] for v in values):
            columns[name] = pd.array(values, dtype=ARRAY_DTYPES[type_])
        else:  # anything else (a numpy scalar, a string of digits) is converted as _typed converts it
            columns[name] = _converted(pd.Series(values, dtype=object), type_).array
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))


def inherit_keys(current: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    """Give each figure the figure_key of the figure it continues in the previous edition.

    A key made from words alone changes when a sentence is reworded; pairing (pairing.py: the same kind,
    unit and currency, then structure, label, context and period, one assignment with a threshold) keeps
    the indicator's key, so changes pair across editions. Unpaired figures keep their own key, suffixed
    when an earlier figure holds it.
    """
    from factsheet.pairing import assign_keys, pair_figures

    if previous is None or previous.empty or current.empty:
        return current
    pairs = pair_figures(previous, current)
    keys = assign_keys([str(k) for k in previous["figure_key"]], [str(k) for k in current["figure_key"]], pairs)
    out = current.copy()
    out["figure_key"] = pd.Series(keys, index=current.index, dtype="str")
    return out
