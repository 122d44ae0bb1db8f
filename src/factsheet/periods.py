"""Extract step: periods from context, for figures whose own words name no date.

A relative phrase ('at the year end', 'during the year', 'in the third quarter') resolves against the year the
document reports on; a sentence with no date of its own takes the period the figures of the sentence before it
in the same paragraph had ('This comprised gains on bonds of HK$114.5 billion ...' after '... HK$262.2 billion
in 2019'). A phrase that cannot be resolved leaves the period empty: nothing is guessed from another bullet.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from factsheet.extract import FigureMention, _clause, _dates, _sentence_of, _sentences
from factsheet.grammar import alternation, tables
from factsheet.model import Statement

CARRIED_KINDS = ("money", "percent", "count")  # ranks and durations name their own time, or none


@cache
def _relative() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(tables()['relative_periods'])})\b", re.I)


def relative_period(text: str, start: int, end: int, year: int | None) -> str:
    """The period phrase a relative date in the figure's sentence means, nearest the figure; '' if none."""
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
    return tables()["relative_periods"][phrase].format(year=year, last=year - 1)


class Context:
    """What the sentences read so far say about time: the paragraph and the period its figures had."""

    def __init__(self, year: int | None) -> None:
        self.year = year
        self.paragraph = -2
        self.period = ""

    def apply(self, statement: Statement, figures: list[FigureMention]) -> list[FigureMention]:
        """The figures with periods from context where their own words gave none."""
        if statement.paragraph != self.paragraph:
            self.paragraph, self.period = statement.paragraph, ""
        dated = bool(_dates(statement.text)) or bool(_relative().search(statement.text))
        out = []
        for f in figures:
            if not f.period_text:
                period = relative_period(statement.text, f.start, f.end, self.year)
                if not period and not dated and statement.kind == "paragraph" and f.kind in CARRIED_KINDS:
                    period = self.period
                f = replace(f, period_text=period) if period else f
            out.append(f)
        periods = [f.period_text for f in out if f.period_text and not f.base_text]
        if periods:
            self.period = periods[-1]
        return out
