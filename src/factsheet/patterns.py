"""The grammar's regular expressions, compiled once from the word tables (grammar/words.toml)."""

from __future__ import annotations

import re
from functools import cache

from factsheet.grammar import alternation, phrase_map, tables, words

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
        "base": re.compile(
            r"\b(?:over|since|from|compared\s+with|compared\s+to|against|than(?:\s+in)?)\s+(?:the\s+)?(?:same\s+period\s+)?"
            r"(?:(?:its|their|the|a)\s+(?:[a-z]+\s+){0,3}(?:in|for|of)\s+)?$",
            flags,
        ),
    }
