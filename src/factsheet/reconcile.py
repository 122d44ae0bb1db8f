"""Figures that must agree with each other, checked where a table states them: a total equals its parts, a
running balance adds up (start + the rows between = end), a result agrees with its terms (surplus = revenue -
expenditure), and a balance at the start of a period is the one at the end of the period before.

They read table cells only, one column (section and period) at a time: prose states too few figures in too
many ways to add up. The words that name the rows are data (grammar/reconcile.toml). Rounding is allowed for:
half a unit of the last digit written, per figure added.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

Row = dict[str, Any]
WORDS = Path(__file__).with_name("grammar") / "reconcile.toml"
NOTE = re.compile(r"\(\s*notes?\s*[\d,\s&and]*\)|^\s*(?:add|less)\s*:\s*", re.I)


@cache
def _words() -> dict[str, Any]:
    with WORDS.open("rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Mismatch:
    """A row that does not agree with the rows it was reconciled with, and why in one sentence."""

    row: Row
    message: str


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _label(row: Row) -> str:
    """The row's label as the word lists read it: lower-case, note marks and 'Add:' left out."""
    label = "" if _missing(row.get("label")) else str(row["label"])
    return " ".join(NOTE.sub(" ", label).lower().replace("–", " ").split())


def _has(label: str, words: list[str]) -> bool:
    return any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", label) for w in words)


def _step(row: Row) -> float:
    """The unit of the last digit written: 0.1 million for '14,838.3' in a 'HK$ million' column."""
    digits = re.sub(r"[^\d.]", "", str(row.get("value_text") or ""))
    if not digits or digits.count(".") > 1:
        return 0.0
    number = float(digits)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    scale = abs(float(row["value"])) / number if number else 1.0
    return 10.0 ** -decimals * scale


def _agrees(stated: Row, terms: list[Row], expected: float) -> bool:
    tolerance = 0.5 * sum(_step(r) for r in [stated, *terms]) + 1e-9 * abs(expected)
    return abs(float(stated["value"]) - expected) <= tolerance


def _amount(row: Row) -> str:
    return f"{row.get('value_text')} ({row.get('label')})"


def _written(value: float, like: Row) -> str:
    """A computed value in the units and decimals its row writes: -41,774.0 for -41,774,000,000 in HK$ million."""
    digits = re.sub(r"[^\d.]", "", str(like.get("value_text") or ""))
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    step = _step(like)
    scale = step * 10.0 ** decimals if step else 1.0
    return f"{value / scale:,.{decimals}f}"


def columns(figures: pd.DataFrame) -> list[list[Row]]:
    """Table cells grouped by column (section and period), each in document order; cells of no known period
    are left out (their column cannot be told)."""
    if figures.empty or "rule" not in figures:
        return []
    cells = figures[(figures["rule"] == "table-cell") & figures["period_start"].notna() & figures["value"].notna()]
    groups: dict[tuple[str, str, str], list[Row]] = {}
    for row in cells.sort_values("char_start", kind="stable").to_dict("records"):
        groups.setdefault((str(row["section"]), str(row["period_start"]), str(row["period_end"])), []).append(row)
    return list(groups.values())


def _stop(label: str) -> bool:
    """A row that ends the parts of a total above it: a result, a balance or another total."""
    words = _words()
    identity_results = [w for rule in words["identity"] for w in rule["result"]]
    return (label in words["total"]["labels"] or _has(label, identity_results)
            or _has(label, words["balance"]["start"] + words["balance"]["end"]))


def totals(figures: pd.DataFrame) -> list[Mismatch]:
    """A 'Total' row equals the sum of the rows right above it in its column (two or more of them)."""
    out = []
    for column in columns(figures):
        for i, row in enumerate(column):
            if _label(row) not in _words()["total"]["labels"]:
                continue
            parts: list[Row] = []
            for above in reversed(column[:i]):
                if _stop(_label(above)):
                    break
                parts.insert(0, above)
            expected = sum(float(r["value"]) for r in parts)
            if len(parts) >= 2 and not _agrees(row, parts, expected):
                out.append(Mismatch(row, f"{_amount(row)} is not the sum of "
                                         f"{' + '.join(_amount(r) for r in parts)} = {_written(expected, row)}"))
    return out


def _balance(label: str, side: str) -> str | None:
    """The balance a start or end row names: 'fiscal reserves at start of period' -> 'fiscal reserves'."""
    for phrase in _words()["balance"][side]:
        if _has(label, [phrase]):
            return " ".join(re.sub(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", " ", label)
                            .replace(" period", " ").split())
    return None


def balances(figures: pd.DataFrame) -> list[Mismatch]:
    """'<name> at end of period' equals '<name> at start of period' plus the rows between them."""
    out = []
    for column in columns(figures):
        starts = {_balance(_label(r), "start"): i for i, r in enumerate(column) if _balance(_label(r), "start")}
        for j, row in enumerate(column):
            name = _balance(_label(row), "end")
            i = starts.get(name) if name else None
            if i is None or i >= j:
                continue
            flows = column[i + 1:j]
            expected = float(column[i]["value"]) + sum(float(r["value"]) for r in flows)
            if not _agrees(row, [column[i], *flows], expected):
                terms = " + ".join(_amount(r) for r in [column[i], *flows])
                out.append(Mismatch(row, f"{_amount(row)} is not {terms} = {_written(expected, row)}"))
    return out


def identities(figures: pd.DataFrame) -> list[Mismatch]:
    """Each identity of reconcile.toml (surplus = revenue - expenditure) where its column has exactly one
    row of each term; added and subtracted rows count by magnitude, the result with its sign."""
    out = []
    for rule in _words()["identity"]:
        for column in columns(figures):
            roles = {role: [r for r in column if _has(_label(r), rule[role])
                            and (role == "result" or not _has(_label(r), rule["result"]))]
                     for role in ("result", "add", "subtract")}
            if any(len(rows) != 1 for rows in roles.values()):
                continue
            (result,), (plus,), (minus,) = roles["result"], roles["add"], roles["subtract"]
            expected = abs(float(plus["value"])) - abs(float(minus["value"]))
            if not _agrees(result, [plus, minus], expected):
                out.append(Mismatch(result, f"{_amount(result)} is not {_amount(plus)} - {_amount(minus)} = "
                                            f"{_written(expected, result)} ({rule['name']})"))
    return out


def continuity(new: pd.DataFrame, earlier: pd.DataFrame) -> list[Mismatch]:
    """A balance at the start of a period equals the same balance at the end of the day before, as this
    edition or a published one states it (a revised figure shows here)."""
    ends: dict[tuple[str, str], list[Row]] = {}
    for frame in (earlier, new):
        for column in columns(frame):
            for row in column:
                name = _balance(_label(row), "end")
                if name:
                    ends.setdefault((name, str(row["period_end"])), []).append(row)
    out = []
    for column in columns(new):
        for row in column:
            name = _balance(_label(row), "start")
            if not name:
                continue
            day_before = (pd.Timestamp(str(row["period_start"])) - pd.Timedelta(days=1)).strftime("%Y-%m-%d")
            before = ends.get((name, day_before), [])
            if before and not any(_agrees(row, [b], float(b["value"])) for b in before):
                b = before[-1]
                out.append(Mismatch(row, f"{_amount(row)} at the start of {row['period_start']} is not "
                                         f"{b.get('value_text')} at the end of {day_before} ({b.get('edition_id')})"))
    return out
