"""The edition's own date, from what the document prints: a date line ('(June 2022)', '(12/2025)'), a press
release's closing line ('Ends/Saturday, April 28, 2001'), or its title ('... for the year ended March 31, 2009',
'Annual Report 2023'). A document that prints none gets its date from the caller or the source settings."""

from __future__ import annotations

import re

from factsheet.grammar import words

MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
PRINTED = re.compile(
    rf"^\s*\(?\s*(?:(?P<month>{MONTHS})\.?\s+|(?P<mnum>\d{{1,2}})\s*/\s*)?(?P<year>(?:19|20)\d\d)\s*\)?\s*$", re.I)
PRINTED_ZH = re.compile(r"^\s*[(（]?\s*(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>\d{1,2})\s*月\s*[)）]?\s*$")
ENDED = re.compile(r"\b(?:year|months?|quarter|half[- ]year)\s+ended\s+(?P<date>.+?)\s*$", re.I)
TOPIC_YEAR = re.compile(r"\b(?:in|during|since|before|after|until|through)\s*$", re.I)
TITLE_YEAR = re.compile(r"(?:^|\s)(?P<year>(?:19|20)\d\d)(?:[-/](?P<next>\d\d))?\s*\)?\s*$")


def printed_date(line: str) -> tuple[str, bool] | None:
    """A line that is only the edition's date: ('2022-06', True) for '(June 2022)', '(12/2025)' or '（2022年6月）';
    ('2022', False) for '(2022)'; the flag says whether the month is known. None for anything else."""
    m = PRINTED_ZH.match(line)
    if m and 1 <= int(m.group("month")) <= 12:
        return f"{m.group('year')}-{int(m.group('month')):02d}", True
    m = PRINTED.match(line)
    if not m or not (line.lstrip().startswith("(") or m.group("month") or m.group("mnum")):
        return None
    if m.group("month"):
        month = MONTHS.split("|").index(m.group("month").lower()) + 1
    elif m.group("mnum") and 1 <= int(m.group("mnum")) <= 12:
        month = int(m.group("mnum"))
    elif m.group("mnum"):
        return None
    else:
        return m.group("year"), False
    return f"{m.group('year')}-{month:02d}", True


def release_date(lines: list[str]) -> str | None:
    """The day a press release's closing line gives ('Ends/Saturday, April 28, 2001' -> 2001-04-28)."""
    from factsheet.normalise import period_of

    markers = "|".join(re.escape(w) for w in words("release_end_markers"))
    for line in reversed(lines):
        m = re.match(rf"^\s*(?:{markers})\s*(?:\w+day,?\s*)?(?P<date>.+?)\s*$", line, re.I)
        day = period_of(m.group("date")) if m else None
        if day and day[0] == day[1]:
            return day[0]
    return None


def title_date(title: str) -> str | None:
    """A date the title carries: the end of the period it reports on, or its year ('Annual Report 2023')."""
    from factsheet.normalise import period_of

    m = ENDED.search(title)
    if m:
        day = period_of(m.group("date"))
        return day[1][:7] if day and day[0] == day[1] else None
    m = TITLE_YEAR.search(title)
    if not m or m.group("next") or TOPIC_YEAR.search(title, 0, m.start("year")):
        return None  # "Economic Situation in 2019": the year a chapter is about, not the edition's
    return m.group("year")


def date_problem(value: object) -> str | None:
    """Why a date given for an edition (--published, sources.toml `published`) is unusable, or None."""
    import datetime as dt

    m = re.fullmatch(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", value.strip()) if isinstance(value, str) else None
    try:
        if not m:
            raise ValueError
        dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return f"{str(value)[:40]!r} is not a date like 2023, 2023-12 or 2023-12-31"
    return None


# "this year's Policy Address", "this year’s Budget": the document names itself
THIS_YEARS = re.compile(r"\bthis\s+year[’']s\s+(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})")
# "I move that the Appropriation Bill 2016 be read a second time": a speech moving a bill named for its year
MOTION = re.compile(r"\bmove\b[^.]{0,60}?\bBill\s+(?P<year>(?:19|20)\d\d)\b")
NAMED_YEAR = r"(?<![\d-])(?P<year>(?:19|20)\d\d)(?:[-/]\d\d)?\s+{name}\b|\b{name}\s+(?P<after>(?:19|20)\d\d)(?![\d-])"

# a line set as a heading in plain text: every word of four letters or more capitalised, no sentence punctuation
TITLE_CASE = re.compile(r"\s*(?:(?:[A-Z(“\"][\w’'-]*|[a-z]{1,3}|(?:19|20)\d\d(?:[-/]\d\d)?)\s+){1,14}"
                        r"(?:[A-Z(“\"][\w’'-]*|(?:19|20)\d\d(?:[-/]\d\d)?)\)?\s*")


def own_year(text: str, headings: list[str]) -> int | None:
    """The year a document states as its own when it prints no date: a heading naming the edition the text calls
    "this year's" ('this year’s Policy Address' under 'Indicators ... in 2025 Policy Address'), or the bill its
    opening moves ('I move that the Appropriation Bill 2016 be read a second time'). None when it states neither:
    a count of the years it mentions (`stated_year`) is the fallback, and plans for later years mislead it."""
    opening = MOTION.search(text, 0, 400)
    if opening:
        return int(opening.group("year"))
    names = {re.sub(r"\s+", " ", m.group("name")) for m in THIS_YEARS.finditer(text)}
    if not names:
        return None
    headings = headings + [line for line in text.splitlines() if TITLE_CASE.fullmatch(line)]
    years: set[int] = set()
    for name in names:
        pattern = re.compile(NAMED_YEAR.format(name=re.escape(name).replace(r"\ ", r"\s+")))
        for heading in headings:
            years.update(int(m.group("year") or m.group("after")) for m in pattern.finditer(heading))
    return years.pop() if len(years) == 1 else None


STATED_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?:(?![\d+-])|(?=[-/–]\d\d(?!\d)))")


def stated_year(text: str) -> int | None:
    """The year a document that prints no date reports on, from the years it states: the latest year stated
    nearly as often as the most stated one (a speech of 2014 reviews 2013 and plans 2014), never one more than a
    year past it (targets such as 'by 2030' are not the document's year). A financial year ('2017-18') states its
    first year; a year in a name ('Hong Kong 2030+') states none."""
    counts: dict[int, int] = {}
    for m in STATED_YEAR.finditer(text):
        year = int(m.group(1))
        counts[year] = counts.get(year, 0) + 1
    if not counts:
        return None
    top, most = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if most < 3:
        return None
    floor = max(3, most // 4)
    return max(y for y, n in counts.items() if n >= floor and y <= top + 1)
