"""Extract step for table cells: a cell's figure takes its unit, scale, currency, period and label from the
table around it (units header, column and row headers), not from a sentence it does not have.
"""

from __future__ import annotations

import re
from dataclasses import replace

from factsheet.extract import FigureMention
from factsheet.grammar import tables
from factsheet.model import Statement
from factsheet.tables import CELL_RANGE, NOTE_REF, is_range

SIGNED = re.compile(r"^\(?(?P<sign>[-−–]?)(?P<cur>(?:[A-Z]{1,3})?\$)?(?P<num>\d[\d,]*(?:\.\d+)?)\)?(?P<pct>%?)$")
UNIT_WORDS = re.compile(r"^(?P<currency>(?:[A-Z]{1,3})?\$|[A-Z]{3}\b|RMB)?\s*(?P<scale>'000|[a-z]+)?$", re.I)


def _units(units: str) -> tuple[str, str, str]:
    """(kind, currency as written, scale word) of a units header: 'HK$ million' -> money, HK$, million."""
    words = re.sub(r"(?<=[A-Z])\s+\$", "$", units.strip().strip("()").strip())  # 'HK $ million'
    if words.lower() in ("%", "per cent", "percent"):
        return "percent", "", ""
    m = UNIT_WORDS.match(words)
    if not m:
        return "count", "", ""
    scale = (m.group("scale") or "").lower()
    scale = "thousand" if scale == "'000" else scale if scale in tables()["scales"] else ""
    return ("money" if m.group("currency") else "count"), m.group("currency") or "", scale


def _period_text(statement: Statement) -> str:
    """The column header when it names a period ('Month ended March 31, 2001', '2023'), else the row's header,
    else the period the row states in a cell of its own (a form's wage period '2.3.2017-1.4.2017')."""
    from factsheet.normalise import period_of

    for text in (statement.column, statement.row):
        if text and period_of(text) is not None:
            return text
        for said in re.findall(r"\(([^()]+)\)", text or ""):  # 'Five-year range (2010-11 to 2014-15)'
            if period_of(said) is not None:
                return said
    return statement.period


def _label(statement: Statement) -> str:
    """The row header, with the column header when that says what is measured rather than when; a pointer to a
    note ('Expenditure (Note 2)') is no part of either."""
    from factsheet.normalise import period_of

    row, column = (" ".join(NOTE_REF.sub("", h or "").split()) for h in (statement.row, statement.column))
    if column and period_of(column) is None and not re.fullmatch(r"[\d\s,.%()-]*", column):
        return f"{row}: {column}" if row else column
    return row or column


def cell_figures(statement: Statement) -> list[FigureMention]:
    """The figure of one table cell ('(32,423.9)' under 'HK$ million' -> money -32423.9 million HKD)."""
    cut = statement.text.rfind(": ") + 2
    cell = statement.text[cut:].strip()
    if is_range(cell):  # '93.2 - 137.8': the low and the high end, each a figure of the column
        found = CELL_RANGE.fullmatch(cell)
        return [replace(mention, start=cut + found.start(end), end=cut + found.end(end))
                for end in ("low", "high")
                for mention in _cell_figure(statement, cut, found.group(end))]
    return _cell_figure(statement, cut, cell)


def _cell_figure(statement: Statement, cut: int, cell: str) -> list[FigureMention]:
    """The figure of one number in a cell, its sign by accounting parentheses or a minus, its unit by the table."""
    m = SIGNED.match(cell)
    if not m:
        return []
    negative = bool(m.group("sign")) or cell.startswith("(")
    kind, currency, scale = _units(statement.units) if statement.units else ("count", "", "")
    if m.group("pct"):
        kind = "percent"
    if m.group("cur") and kind == "count":  # '$1,037', 'HK$5,347' in a cell with no units header
        kind, currency = "money", m.group("cur")
    unit = re.sub(r"\s*\([^)]*\)", "", statement.row).strip()[:60] if kind == "count" else ""
    return [FigureMention(
        statement=statement, start=cut, end=cut + len(cell), kind=kind,
        number_text=("-" if negative else "") + m.group("num"), scale_text=scale, currency_text=currency, unit=unit,
        qualifier="exact", period_text=_period_text(statement), base_text="", scope="",
        label=_label(statement)[:80], rule="table-cell",
    )]
