"""Alignment keys (tests/real/hkma/align-YYYY.csv) as figure sets and as the yardstick of a cross-language pairing.

A key row is one figure: both sides when both editions state it, one side when one edition alone does. The
figure sets made from a key (`key_frame`) are what the pairing is tried on before it runs on the tool's own
extraction (`tool_rows` finds which key row each extracted figure is); `score` counts the twins found,
the wrong pairs and the one-edition figures named.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
KEYS = ROOT / "tests" / "real" / "hkma"
DOCS = ROOT.parent / "shared" / "data" / "real" / "hkma"
SIDES = ("en", "zh")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def document(year: int, side: str) -> Path:
    return DOCS / f"hkma-reserves-management-{year}.{side}.md"


def align_rows(year: int) -> list[dict[str, str]]:
    return read_csv(KEYS / f"align-{year}.csv")


def locate(text: str, quote: str, context: str) -> int:
    """Where the quote stands in the text: its occurrence nearest the context (in the same paragraph)."""
    at = text.find(context)
    assert at >= 0, f"context not in the text: {context!r}"
    inside = text.find(quote, at, at + len(context))
    if inside >= 0:
        return inside
    hits = [m.start() for m in re.finditer(re.escape(quote), text)]
    assert hits, f"quote not in the text: {quote!r}"
    return min(hits, key=lambda h: abs(h - at))


def _attributes(row: dict[str, str], side: str, figures: list[dict[str, str]]) -> dict[str, str]:
    """A side's qualifier, currency and period from its figures key (same quote, context and kind), else what
    its quote writes (HK$ is HKD) and nothing else."""
    quote, context = row[f"{side}_quote"], row[f"{side}_context"]
    for f in figures:
        if f["quote"] == quote and f["context"] == context and f["kind"] == row["kind"]:
            return {k: f[k] for k in ("qualifier", "currency", "period_start", "period_end", "section", "key")}
    currency = "HKD" if row["kind"] == "money" and ("HK$" in quote or "港元" in quote) else ""
    return {"qualifier": "", "currency": currency, "period_start": "", "period_end": "", "section": "", "key": ""}


def key_frame(year: int, side: str) -> tuple[pd.DataFrame, list[int], str]:
    """One edition's figures as its side of the alignment key states them: a figures frame (with its figures
    key's qualifier, currency and period where a figures key exists), the key row of each figure, and the text."""
    text = document(year, side).read_text(encoding="utf-8")
    key = KEYS / f"hkma-reserves-management-{year}.{side}.figures.csv"
    figures = read_csv(key) if key.exists() else []
    rows, index = [], []
    for n, row in enumerate(align_rows(year)):
        quote = row[f"{side}_quote"]
        if not quote:
            continue
        start = locate(text, quote, row[f"{side}_context"])
        extra = _attributes(row, side, figures)
        rows.append({
            "figure_id": f"{side}-{n}", "figure_key": extra["key"] or f"{side}-{n}", "edition_id": f"{year}-{side}",
            "section": extra["section"], "label": extra["key"], "statement": row[f"{side}_context"],
            "value_text": quote, "kind": row["kind"], "value": float(row["value"]),
            "unit": extra["currency"] or {"percent": "percent", "ratio": "ratio", "rank": "rank"}.get(row["kind"], ""),
            "currency": extra["currency"] or None, "qualifier": extra["qualifier"],
            "period_start": extra["period_start"] or None, "period_end": extra["period_end"] or None,
            "char_start": start, "char_end": start + len(quote), "rule": "key",
        })
        index.append(n)
    return pd.DataFrame(rows), index, text


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", str(text or "")).replace("’", "'").lower()


def tool_rows(frame: pd.DataFrame, year: int, side: str) -> list[int | None]:
    """The key row each extracted figure is (None: a figure the key does not list): same kind and value (up to
    sign: 負4.5% and 'negative ... 4.5%'; and rounding: one-third may be kept as 33.33), the key's context in
    its statement or the statement in it; each key row taken once, rows whose context is found first."""
    key = align_rows(year)
    candidates = []
    for i, fig in enumerate(frame.to_dict("records")):
        statement = _fold(fig.get("statement"))
        for n, row in enumerate(key):
            if not row[f"{side}_quote"] or row["kind"] != fig["kind"]:
                continue
            if abs(abs(float(fig["value"])) - abs(float(row["value"]))) > 5e-4 * max(1.0, abs(float(row["value"]))):
                continue
            context = _fold(row[f"{side}_context"])
            if context in statement or (statement and statement in context):
                candidates.append((0 if _fold(row[f"{side}_quote"]) in _fold(fig.get("value_text")) else 1, i, n))
    out: list[int | None] = [None] * len(frame)
    taken: set[int] = set()
    for _, i, n in sorted(candidates):
        if out[i] is None and n not in taken:
            out[i] = n
            taken.add(n)
    return out


@dataclass(frozen=True)
class Score:
    shared: int  # key rows both editions state (whose figures were extracted on both sides)
    found: int  # of those, paired with each other
    wrong: list[str]  # pairs of figures of different key rows, or of a key row and a figure the key lacks
    alone: int  # key rows one edition states (whose figure was extracted)
    named: int  # of those, reported as one edition's only
    missed: list[str]

    @property
    def recall(self) -> float:
        return self.found / self.shared if self.shared else 1.0


def score(year: int, pairs: list[tuple[int, int]], rows_a: list[int | None], rows_b: list[int | None]) -> Score:
    """The pairing's twins (row positions of the en and zh frames) against the alignment key of `year`."""
    key = align_rows(year)
    where_a = {n: i for i, n in enumerate(rows_a) if n is not None}
    where_b = {n: j for j, n in enumerate(rows_b) if n is not None}
    twin_of_a = dict(pairs)
    paired_b = {j for _, j in pairs}
    wrong = [f"{rows_a[i]} ~ {rows_b[j]}" for i, j in pairs if rows_a[i] != rows_b[j]
             and (rows_a[i] is not None or rows_b[j] is not None)]
    shared = found = alone = named = 0
    missed = []
    for n, row in enumerate(key):
        if row["en_quote"] and row["zh_quote"]:
            if n in where_a and n in where_b:
                shared += 1
                if twin_of_a.get(where_a[n]) == where_b[n]:
                    found += 1
                else:
                    missed.append(f"{n}: {row['en_quote']} / {row['zh_quote']}")
        elif n in where_a or n in where_b:
            alone += 1
            if (n in where_a and where_a[n] not in twin_of_a) or (n in where_b and where_b[n] not in paired_b):
                named += 1
    return Score(shared, found, wrong, alone, named, missed)
