"""Score the changes between two real editions against a change key written by hand (tests/real/hkma/).

A key row names one indicator measured in both editions: a quote and its context in each edition, and
whether its value changed. A figure of an edition is the row's when its statement holds the context and
its value_text is (part of) the quote and lies in the context; rows of one `indicator` are one indicator
(a figure stated twice in different sentences). Found: a required row's old figure is paired with a new
figure of the same indicator (or its new figure with an old one), with the key's change. A wrong pairing:
a pair whose two figures belong to different indicators, or one that is the key's and one that is not; a
pair of two figures the key lists nowhere is counted apart (unkeyed) and counts as wrong too, since the key
lists every indicator measured in both editions.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
HKMA = ROOT.parent / "shared" / "data" / "real" / "hkma"
KEYS = ROOT / "tests" / "real" / "hkma"
# (key file, earlier year, later year); the held-out pair is scored only, never looked at while tuning
DEVELOPMENT = [("changes-2015-2016.en.csv", 2015, 2016), ("changes-2018-2019.en.csv", 2018, 2019),
               ("changes-2021-2022.en.csv", 2021, 2022)]
HELD_OUT = [("changes-2019-2020.en.csv", 2019, 2020)]


def fold(text: str | None) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass(frozen=True)
class KeyRow:
    indicator: str
    old_quote: str
    old_context: str
    new_quote: str
    new_context: str
    change: str
    optional: bool


def load_key(path: Path) -> list[KeyRow]:
    with open(path, newline="", encoding="utf-8") as f:
        return [KeyRow(r["indicator"], r["old_quote"], r["old_context"], r["new_quote"], r["new_context"],
                       r["change"], r.get("optional", "0") == "1") for r in csv.DictReader(f)]


def matches(figure: dict[str, Any], quote: str, context: str) -> bool:
    """The figure is the one the quote and context point at."""
    value_text, statement = fold(figure["value_text"]), fold(figure["statement"])
    q, c = fold(quote), fold(context)
    return c in statement and (value_text in q or q in value_text) and value_text in c


@dataclass
class Score:
    required: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    unkeyed: list[str] = field(default_factory=list)
    pairs: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    def line(self) -> str:
        return (f"{self.found}/{self.required} real changes found ({self.recall:.0%}), "
                f"{len(self.wrong)} wrong pairings, {len(self.unkeyed)} pairings the key does not list "
                f"({self.pairs} pairs)")


def score(key: list[KeyRow], old: pd.DataFrame, new: pd.DataFrame, changes: pd.DataFrame) -> Score:
    """Score the changes rows (with old_figure_id / new_figure_id) of two editions against a change key."""
    olds = {r["figure_id"]: r for r in old.to_dict("records")}
    news = {r["figure_id"]: r for r in new.to_dict("records")}
    pairs = [(olds[r["old_figure_id"]], news[r["new_figure_id"]], r["change"])
             for r in changes.to_dict("records") if r["change"] in ("changed", "unchanged")]

    def indicators(figure: dict[str, Any], side: str) -> set[str]:
        return {k.indicator for k in key if matches(figure, getattr(k, f"{side}_quote"), getattr(k, f"{side}_context"))}

    out = Score(pairs=len(pairs))
    for k in key:
        if k.optional:
            continue
        out.required += 1
        hit = any(change == k.change and (
            (matches(o, k.old_quote, k.old_context) and k.indicator in indicators(n, "new"))
            or (matches(n, k.new_quote, k.new_context) and k.indicator in indicators(o, "old")))
            for o, n, change in pairs)
        if hit:
            out.found += 1
        else:
            out.missed.append(f"{k.indicator}: {k.old_quote} -> {k.new_quote} ({k.change})")
    for o, n, _ in pairs:
        a, b = indicators(o, "old"), indicators(n, "new")
        what = f"{o['value_text']!r} ({o['label']}) -> {n['value_text']!r} ({n['label']})"
        if (a or b) and not a & b:
            out.wrong.append(what)
        elif not a and not b:
            out.unkeyed.append(what)
    return out
