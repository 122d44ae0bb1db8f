"""Extract step for a field's value ('Area: total 1,108 sq km', 'Religions: Protestant 11%'): bare counts, the
year noted after a value, and labels from the field's name."""

from __future__ import annotations

import re
from dataclasses import replace

from factsheet.labels import _field_label, _list_item_name, _shorten
from factsheet.mentions import FigureMention
from factsheet.model import Statement
from factsheet.periods import _dates
from factsheet.tables import NAME_NUMBERS

# a count closing a field's value or one of its list items: 'Carrie LAM (non-partisan) 777,', 'large: 1';
# not a code (4+ plain digits), an address ('26 Garden Road'), a date ('1 July') or a number in a name ('Tier 2')
BARE_NUMBER = re.compile(r"(?<=[\w)] )(?<!Tier )(?<!No\. )(?<!per )(?:\d{1,3}(?:,\d{3})+|\d{1,3})(?!,\d)"
                         r"(?=\s*(?:[,;(]|$))|(?<=: )(?:\d{1,3}(?:,\d{3})+|\d{1,3})(?!,\d)(?=\s*(?:[,;(]|$))")
PER_N = re.compile(r"\bper\s+\d[\d,]*\s+[a-z]")
FIELD_YEAR = re.compile(r"\s*\(((?:19|20)\d\d)(?:\s+est\.)?\)")
BREAKDOWN = re.compile(r"\(((?:19|20)\d\d)(?:\s+est\.)?\)\s*\([^()]*$")


def field_figures(statement: Statement, figures: list[FigureMention]) -> list[FigureMention]:
    """A field's value is labelled by its field ('Area: total'); several figures of one value each add their
    own words ('Religions: Protestant'), so two figures of one statement never share a label. In a field,
    a bare number ('Carrie LAM (non-partisan) 777', 'large: 1') counts what the field names."""
    name = statement.field
    if statement.kind == "field" and statement.row:  # a table row's words name its value: their figures are the
        kept = [f for f in figures if f.start > len(statement.field)]  # row label's, read once on their own
        if len(kept) < len(figures) and statement.column:  # a row label stating a figure ('... within 60 days')
            name = statement.column  # names no other: the column does ('Prior Notice to Employee')
        elif statement.column and statement.column.lower() not in name.lower():
            name = f"{name}: {statement.column}"  # "During probation period: Length of Notice": its row and column
        figures = kept
    if statement.kind == "field":
        figures = [_noted_year(statement, f) for f in figures + _bare_counts(statement, figures)]
    if len(figures) == 1 and statement.kind == "field":
        return [replace(figures[0], label=_shorten(name))]
    out = []
    for f in figures:
        closes = re.match(r"\s*(?:\(\d{4}(?: est\.)?\)\s*)?(?:[,;/)]|$)", statement.text[f.end :])
        item = _list_item_name(statement.text, f.start, len(statement.field) + 2) if closes else ""
        own = item or (f.label if f.label.lower() not in name.lower() else "")
        out.append(replace(f, label=_field_label(name, own)))
    return out


def _noted_year(statement: Statement, figure: FigureMention) -> FigureMention:
    """'90 (2025)', '3.2% (2019 est.)': the year noted right after a field's value is its period, and that of
    the breakdown in brackets after the note ('21.9% (2024 est.) (male 738,878/female 860,951)')."""
    year = FIELD_YEAR.match(statement.text, figure.end) or BREAKDOWN.search(
        statement.text, max(0, figure.start - 80), figure.start)
    return replace(figure, period_text=year.group(1)) if year and not figure.period_text else figure


def _bare_counts(statement: Statement, figures: list[FigureMention]) -> list[FigureMention]:
    """Numbers of a field's value that no rule took, as counts of the field's thing."""
    text = statement.text
    value_start = len(statement.field) + 2 if statement.text.startswith(statement.field) else 0
    taken = [(f.start, f.end) for f in figures] + [(d.start, d.end) for d in _dates(text)]
    out = []
    for m in BARE_NUMBER.finditer(text, value_start):
        if any(a < m.end() and m.start() < b for a, b in taken) or re.fullmatch(r"(?:19|20)\d\d", m.group(0)):
            continue
        before = re.search(r"([A-Za-z]+)\s+$", text[max(0, m.start() - 30) : m.start()])
        if before and before.group(1).lower() in NAME_NUMBERS:
            continue  # "Category 2", "Phase 3": a number in a name
        year = FIELD_YEAR.match(text, m.end())
        rate = bool(PER_N.search(statement.field))  # "subscriptions per 100 inhabitants: 47" is a rate
        out.append(FigureMention(
            statement=statement, start=m.start(), end=m.end(), kind="ratio" if rate else "count",
            number_text=m.group(0), scale_text="", currency_text="",
            unit="ratio" if rate else statement.field.split(": ")[-1][:60], qualifier="exact",
            period_text=year.group(1) if year else "", base_text="", scope="", label=statement.field,
            rule="field-count"))
    return out


