"""The grammar's regular expressions, compiled once from the word tables (grammar/words.toml)."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from factsheet.grammar import alternation, phrase_map, tables, words

FIGURE_TABLES = Path(__file__).with_name("grammar") / "figures.toml"


@cache
def figure_tables() -> dict[str, Any]:
    """The tables of grammar/figures.toml (what is no figure, what bounds one), parsed once per process."""
    with FIGURE_TABLES.open("rb") as f:
        return tomllib.load(f)

APOS = "['’]"
# At most 8 groups of three (10^24): a longer run of groups is read as several numbers, so no pattern rescans
# a whole run of "1,000,000,..." or "100 100 100 ..." from each of its groups (that was quadratic).
# "18 500, with" ends at its comma; "1 000,000" is no number in groups of spaces.
DIGITS = (r"\d{1,3}(?:,\d{3}){1,8}(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,8}(?!\d|,\d)(?:\.\d+)?"
          r"|\d+(?:\.\d+)?")


@cache
def fractions() -> dict[str, float]:
    """Shares in words -> per cent (words.toml [fractions]), each 'one in N' also as 'one out of N' ('one out of
    eight new PCs is EV': 12.5)."""
    table = dict(tables()["fractions"])
    return {**table, **{k.replace(" in ", " out of "): v for k, v in table.items() if k.startswith("one in ")}}


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
    trailing_words = list(phrase_map("trailing_qualifiers"))
    trailing = alternation(trailing_words)
    currencies = alternation(t["currencies"])
    currency_words = alternation(t["currency_words"])
    # an item of a bare list of figures: its unit, and the numbered member it is of ("36 days in Category 1")
    list_item = (rf"(?:(?:{currencies})\s?)?(?:{DIGITS})(?:\s*(?:{scale})\b)?(?:\s*(?:%|per\s?cent\b))?"
                 rf"(?:\s+(?:{alternation(t['durations'])})\b)?(?:\s+in\s+[A-Z][\w-]*\s+\d{{1,3}}\b)?")
    ordinal_words = alternation(t["ordinal_words"])
    ordinal = rf"(?:\d+(?:st|nd|rd|th)\b|No\.?\s?\d+\b|number\s+\d+\b|\b(?:{ordinal_words})\b)"
    superlative = alternation(words("superlatives"))
    world = alternation(t["scopes"]["world"])
    scope_name = r"(?:the\s+)?[A-Z][\w’'-]*(?:\.\w+)*(?:\s+(?:&\s+|of\s+(?:the\s+)?)?[A-Z][\w’'-]*(?:\.\w+)*)*"
    months = alternation(t["months"])
    year = r"(?:19|20)\d\d"
    said = alternation(t["period_part_phrases"])  # "towards the end of"
    part = rf"(?:{said}|early|mid|late|end|end\s+of|the\s+end\s+of|beginning\s+of|the\s+beginning\s+of|start\s+of)"
    # "the first quarter of 2000", also "the first quarter in 2000"
    half = r"(?:(?:the\s+)?(?:first|second|1st|2nd)\s+half\s+(?:of|in)|H[12])"
    quarter = r"(?:(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of|in)|Q[1-4])"
    months_of = r"(?:the\s+)?first\s+(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months\s+of"
    date = (
        rf"(?P<yearrange>\b{year}\s*[-–]\s*{year}\b)"
        rf"|(?P<fiscal>\b{year}\s*[-–/]\s*\d{{2}}(?!\d))"
        rf"|(?P<day>\b\d{{1,2}}\s+(?:{months})\s*{year}\b|\b(?:{months})\s+\d{{1,2}},\s*{year}\b)"
        # "1.4.2017", "31/12/2022": a day written in figures, day first as Hong Kong writes it
        rf"|(?P<numeric_day>(?<![\d.,/$])(?:[12]\d|3[01]|0?[1-9])(?P<sep>[./])(?:1[0-2]|0?[1-9])(?P=sep){year}(?![\d%]|[./,]\d))"
        rf"|(?P<monthpart>\b{part}[-\s]+(?:{months})\.?\s+{year}\b)"
        rf"|(?P<month>\b(?:{months})\.?\s+{year}\b)"
        rf"|(?P<fiscalpart>\b(?:{half}|{quarter}|{part})[-\s]+{year}\s*[-–/]\s*\d{{2}}(?!\d))"
        rf"|(?P<yearpart>\b(?:{half}|{quarter}|{part}|{months_of})[-\s]+{year}\b)"
        # "in 2012.9.The US ...": a paragraph number glued after the year is no decimal of it
        rf"|(?P<year>(?<![\d$.,/-]){year}(?![\d%]|\.\d+(?!\.\s?[A-Z“\"])|,\d{{3}}))"
    )
    hyphen_units = [w for w in t["durations"] if f"{w}s" in t["durations"]]  # "hour" of "hour"/"hours"
    flags = re.I
    ft = figure_tables()
    month_names = alternation([m.capitalize() for m in t["months"]] + [m.upper() for m in t["months"]])  # "1 DEC"
    no_year = r"(?!\s*,?\s*(?:19|20)\d\d)"
    # "5 (Note 1) days": a note's reference between a number and its unit
    note_ref = rf"(?:\s*\((?:{alternation(t['note_references']['words'])})(?:\s*\d{{1,3}}[a-z]?)?\))?"
    return {
        # "on the one hand", "one country, two systems": number words that are no figure
        "not_figure": re.compile(rf"\b(?:{alternation(ft['not_figures']['phrases'])})\b", flags),
        # "1 July", "October 1", "the 2nd of May": a day of a month with no year is a date, not a count
        "day_month": re.compile(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{month_names})\b\.?{no_year}"
            rf"|\b(?:{month_names})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?![\d,.]){no_year}"),
        # "8:30 a.m.", "6:15 p.m.", "9 a.m.", "12 noon", "18:00": a time of day, in any document ("1:10 matching",
        # "a ratio of 1:15" stay ratios); "a 24-hour service": round the clock
        "clock_time": re.compile(
            rf"(?<![\w.:,$])(?:[01]?\d|2[0-4])(?:[:.][0-5]\d)?\s*(?:{alternation(ft['clock_times']['after'])})(?!\w)"
            r"|(?<![\w.:,$])(?<!ratio of )(?<!basis of )(?:[01]?\d|2[0-4]):[0-5]\d"
            r"(?![\w:]|\.\d|\s+(?:matching|ratio|basis|split)\b)"
            rf"|(?<![\w.-])(?:{alternation(ft['clock_times']['round_the_clock'])})(?![\w-])",
            flags),
        # "22 15 N, 114 10 E": degrees and minutes of a place
        "coordinates": re.compile(r"\b\d{1,3}\s+\d{1,2}(?:\s+\d{1,2})?\s*[NS]\s*,\s*\d{1,3}\s+\d{1,2}"
                                  r"(?:\s+\d{1,2})?\s*[EW]\b"),
        # "20.I forecast", "8.On domestic demand", "21. The ...": a paragraph's number
        "paragraph_number": re.compile(r"^\s*\d{1,3}\.(?=\s?[A-Z“\"])|(?<=[.!?”\"])\s*\d{1,3}\.(?=[A-Z“\"])"),
        # "One day, the employer ...": a story's day, no count (the comma after it says so)
        "opener": re.compile(rf"(?:^|(?<=[.!?:]\s))(?:{alternation(ft['not_figures']['openers'])})(?=\s*,)", flags),
        # "Please refer to 4 Application of the Ordinance": a chapter referred to by its number and title
        "cross_reference": re.compile(
            rf"(?i:\b(?:{alternation(ft['not_figures']['references'])}))\s+\d{{1,3}}(?=\s+[A-Z][a-z])"),
        # "2 According to EO, ...": a footnote's number opening a statement
        "footnote_number": re.compile(
            r"^\d{1,2}(?=\s+(?:According|See|Please|Note|For|The|This|These|It|[A-Z]{2,6}\b))"),
        "bound_noun": re.compile(
            rf"\b(?:{alternation(n for nouns in ft['bound_nouns'].values() for n in nouns)})\b", flags),
        # "retirement at age 65", "the age of 18": an age (a duration in years) with no unit written ("aged 65 and
        # over" names a group, and stays a label)
        "age": re.compile(rf"\b(?:at\s+(?:the\s+)?age|the\s+age)\s+(?:of\s+)?(?P<num>\d{{1,3}})\b"
                          rf"(?!\s*(?:-|–|to)\s*\d|[\d%-]|[.,]\d)(?!\s+(?:{alternation(t['durations'])})\b)", flags),
        # the far end of a money range: "$4 to $8 million", "HK$1.5-2 billion"
        "money_range_end": re.compile(rf"\s*(?:to|-|–)\s*(?:(?:{quals})\s+)?(?P<cur>{currencies})?\s?"
                                      rf"(?P<num>{DIGITS})\s*(?P<scale>{scale})\b", flags),
        # "50-100 enterprises", "0-14 years": two numbers joined by a dash, sharing the noun after them
        "count_range": re.compile(rf"(?<![\w.$/@#-])(?P<a>{DIGITS})\s*[-–]\s*(?P<b>{DIGITS})(?![\w%.-]|\.\d)"),
        "time_fraction_before": re.compile(rf"\b(?:{alternation(ft['time_fractions']['ordinals'])})\s+$", flags),
        "time_fraction_after": re.compile(
            rf"\s+of\s+(?:{alternation(ft['time_fractions']['periods'])}|(?:19|20)\d\d)\b", flags),
        "date": re.compile(date, flags),
        "qualifier_before": re.compile(rf"(?:^|(?<=[\s(“\"–—:]))(?P<q>{quals})\s+$", flags),
        "qualifier_after": re.compile(rf"^\s+(?P<q>{trailing})\b", flags),
        # "a yield of 500 flats or more": a trailing "or ..." after the figure's noun (not one that brings in another
        # figure: "2 projects or over 30 000 units")
        "qualifier_after_noun": re.compile(
            rf"^\s+(?:[a-z][a-z-]*\s+){{1,2}}(?P<q>{alternation(q for q in trailing_words if q.startswith('or '))})\b"
            r"(?!\s*(?:[\d$]|than\b))", flags),
        # "around 50% and ", "about $1 billion, $2 billion and ": a qualifier before a bare list of figures
        "list_qualifier": re.compile(
            rf"(?<![\w])(?P<q>{quals})\s+{list_item}(?:\s*,\s*{list_item})*\s*(?:,\s*and|,|and)(?:\s+then)?\s+$",
            flags),
        "money": re.compile(
            rf"(?P<sign>(?<![\w-])[-−])?(?P<cur>{currencies})\s?(?P<num>{DIGITS})(?:\s*(?P<scale>{scale})\b)?"
            rf"|(?<![\w.$])(?P<num2>{DIGITS})(?:\s*(?P<scale2>{scale}))?\s+(?P<cur2>{currency_words})\b",
            0,
        ),
        "percent": re.compile(
            rf"(?:(?P<chg>(?:up|down)(?:\s+by)?|(?:increase|decrease|rise|growth|fall|drop|decline|jump|gain|reduction|cut)\s+of|"
            rf"(?:increased|decreased|grew|rose|fell|dropped|declined|jumped|gained|shrank|expanded)\s+by)\s+"
            rf"(?:(?P<chgq>{quals})\s+)?)?"
            rf"(?P<sign>(?<![\w-])[-−](?=\d))?(?<![\w.])(?P<num>{DIGITS}|{word_number})\s*"
            rf"(?:%|per\s?cent\b|percentage\s+points?\b)",
            flags,
        ),
        "rank": re.compile(
            # "the first day of January", "the third week of May": a day named, not a rank; "the first phase of
            # the Scheme": a step of a sequence; "one-third of the Surplus": a fraction's denominator
            rf"(?<!-)(?P<ord>{ordinal})(?:\s+(?!globally|worldwide|internationally|(?:{alternation(t['durations'])})\b"
            rf"|(?:{alternation(t['sequence_nouns']['words'])})\b)"
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
        "fraction": re.compile(rf"(?<![\w-])(?P<frac>{alternation(fractions())})\b(?!-)", flags),
        "per_number": re.compile(rf"\bper\s+(?P<num>{DIGITS})\b", flags),
        "rate": re.compile(rf"(?<![\w.])(?P<num>{DIGITS})\s+(?P<unit>(?:[a-z][\w-]*\s+){{0,2}}per\s+(?:{DIGITS})\s+"
                           rf"[a-z][\w-]*)", flags),
        "to_ratio": re.compile(rf"\b(?:basis\s+of|ratio\s+of)\s+(?P<a>{number})\s*(?:to|:)\s*(?P<b>{number})\b", flags),
        "duration": re.compile(
            rf"(?<![\w.$-])(?P<num>{number}){note_ref}\s+(?:(?:consecutive|straight|successive|full|calendar|working|business|extra|additional|more|further)\s+)?"
            rf"(?P<unit>{alternation(t['durations'])})\b(?!-)",
            flags,
        ),
        "count": re.compile(
            rf"(?<![\w.$/@#-])(?<!\d,)(?P<num>{number})(?:\s+(?P<scale>thousand|million|billion))?(?![\w%-])", flags
        ),
        "measure": re.compile(
            rf"(?<![\w.$-])(?P<num>{DIGITS}|{word_number})-(?P<unit>{alternation(words('measure_units'))})\b", flags
        ),
        "address": re.compile(rf"\s+(?:(?:[A-Z][\w’'-]*|\d+(?:st|nd|rd|th))\s+){{0,4}}"
                              rf"(?:{alternation(words('address_words'))})\b", 0),
        "word_number": re.compile(word_number, flags),
        "phone": re.compile(r"(?:\+?\(?852\)?\s?)?(?<![\d,.])\d{4}[\s-]?\d{4}(?![\d,.])"
                            r"|(?:hotline|tel(?:ephone)?|phone|fax|call)\W{0,3}\d[\d\s-]{2,12}\d", flags),
        "percent_range": re.compile(
            rf"(?<![\w.])(?P<num>{DIGITS}|{word_number})"
            rf"(?=\s*(?:to|–|-)\s*(?:{DIGITS}|{word_number})\s*(?:%|per\s?cent\b))", flags
        ),
        # "a 24-month extension", "a 3-hour training course": a unit in the singular, hyphenated to its number
        "duration_hyphen": re.compile(
            rf"(?<![\w.$-])(?P<num>{DIGITS}|{word_number})-(?P<unit>{alternation(hyphen_units)})\b(?!-)", 0
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
        "base": re.compile(
            r"\b(?:over|since|from|compared\s+with|compared\s+to|against|than(?:\s+in)?)\s+(?:the\s+)?(?:same\s+period\s+)?"
            r"(?:(?:its|their|the|a)\s+(?:[a-z]+\s+){0,3}(?:in|for|of)\s+)?$",
            flags,
        ),
    }
