"""The mentions extraction produces: a figure or an event as written in one statement, before normalising."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from factsheet.model import Statement


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
    period_text: str = ""  # the period the date phrase means when it names no year ("in June" -> "June 2016")

    @property
    def date_text(self) -> str:
        return self.statement.text[self.start : self.end]


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
