"""Pair the figures of two language editions of one publication (English and Traditional Chinese).

Labels are in different languages, so they cannot be compared as text: a figure's twin is the figure of the
other edition with the same kind, currency (a duration's unit), value (after scale, up to the rounding of
the less precise one: 2,358億 and HK$235.8 billion), period and qualifier, standing at about the same place
in the document (both editions state their sections in the same order). The pairing is the assignment of
pairing.py (one at a time never: scipy's linear_sum_assignment over a similarity matrix, with a threshold),
so a figure stated twice in both editions pairs occurrence by occurrence, and a figure whose value differs
pairs only when its place and period say it is the same figure. Twins share a figure_key in the package.
"""

from __future__ import annotations

import bisect
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from factsheet.pairing import Pair, assign

THRESHOLD = 0.55  # below it two figures are not twins: each is a figure of one edition only
WEIGHTS = {"value": 0.45, "place": 0.35, "period": 0.15, "qualifier": 0.05}
WORDS_ROUNDING = 5e-4  # relative: a value written in words may be kept to four significant digits
NEAR = 0.12  # two places further apart than this share of the document are not "the same place"
LANGUAGES = {"en": "English", "zh-Hant": "Traditional Chinese"}
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
DIFFERENCES = ("value", "qualifier", "period")


@dataclass(frozen=True)
class Figure:
    """What cross-language pairing reads of one figures row: nothing of its words."""

    kind: str
    measure: str  # the currency of money, the unit of a duration; '' where the unit is a word of the edition
    magnitude: float  # |value|: a sign may be a word in one edition (a loss) and a minus in the other (負)
    step: float  # the rounding unit as written (0: not written in digits, compare exactly)
    qualifier: str
    period: tuple[str, str] | None
    place: float  # where it stands, 0..1: the mean of its share of the text and its rank among figures


@dataclass(frozen=True)
class Twin:
    """A figure of edition A and its twin in edition B (row positions), and what differs between them."""

    a: int
    b: int
    similarity: float
    differences: tuple[str, ...]  # of DIFFERENCES


@dataclass(frozen=True)
class Alignment:
    """The twins of two language editions and the figures each states alone."""

    twins: tuple[Twin, ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]

    @property
    def differing(self) -> tuple[Twin, ...]:
        return tuple(t for t in self.twins if t.differences)


# --- languages -------------------------------------------------------------------------------------


def language_name(tag: str) -> str:
    return LANGUAGES.get(tag, tag)


# --- profiles --------------------------------------------------------------------------------------


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value)


def _step(value_text: str, kind: str, magnitude: float) -> float:
    """The rounding unit of a figure as written: the place of its last written digit times its scale ('2,358億'
    and 'HK$235.8 billion' 1e8, '4%' 1, '-0.4%' 0.1); 0 when its number is not written in digits (兩個,
    one-third) or is no scaled number (a ratio '35:65')."""
    match = NUMBER.search(unicodedata.normalize("NFKC", value_text))
    if not match or kind == "ratio" or math.isnan(magnitude) or magnitude == 0:
        return 0.0
    written = match.group().replace(",", "")
    number = float(written)
    if number == 0:
        return 0.0
    scale = math.log10(magnitude / number)
    if abs(scale - round(scale)) > 1e-6:  # the first number written is not the value (a scale of 10**k)
        return 0.0
    decimals = len(written.partition(".")[2])
    return 10.0 ** (round(scale) - decimals)


def figures_of(frame: pd.DataFrame, length: int) -> list[Figure]:
    """Each figures row as cross-language pairing reads it, in row order; length: the edition's text length."""
    if frame.empty:
        return []
    column = frame["char_start"] if "char_start" in frame else range(len(frame))
    starts = [float(s) if not _missing(s) else float(i) for i, s in enumerate(column)]
    ranks = pd.Series(starts).rank(method="first").tolist()
    span = max(length, int(max(starts)) + 1, 1)
    out = []
    for i, row in enumerate(frame.to_dict("records")):
        kind = _text(row.get("kind"))
        measure = _text(row.get({"money": "currency", "duration": "unit"}.get(kind, ""))) if kind else ""
        value = float(row["value"]) if not _missing(row.get("value")) else math.nan
        start, end = row.get("period_start"), row.get("period_end")
        period = None if _missing(start) or _missing(end) else (str(start)[:10], str(end)[:10])
        place = (starts[i] / span + (ranks[i] - 1) / max(len(frame) - 1, 1)) / 2
        out.append(Figure(kind=kind, measure=measure, magnitude=abs(value),
                          step=_step(_text(row.get("value_text")), kind, abs(value)),
                          qualifier=_text(row.get("qualifier")), period=period, place=place))
    return out


# --- similarity ------------------------------------------------------------------------------------


def same_value(a: Figure, b: Figure) -> bool:
    """Equal up to the rounding of the less precise one (2,358億 = HK$235.8 billion; 40,153億 ~ HK$4 trillion)."""
    if math.isnan(a.magnitude) or math.isnan(b.magnitude):
        return False
    step = max(a.step, b.step)
    if not step:  # words (one-third, 三分之一): an extractor may keep four significant digits (33.33)
        return abs(a.magnitude - b.magnitude) <= WORDS_ROUNDING * max(a.magnitude, b.magnitude, 1e-12)
    return abs(a.magnitude - b.magnitude) <= step / 2 * (1 + 1e-9)


def compatible(a: Figure, b: Figure) -> bool:
    """What must agree for two figures to be twins: kind, and currency or a duration's unit."""
    return a.kind == b.kind and a.measure == b.measure


def similarity(a: Figure, b: Figure) -> float:
    """How surely b is a's twin (0..1): value, place in the document, period, qualifier."""
    if not compatible(a, b):
        return 0.0
    period = _agree(a.period, b.period)
    place = max(0.0, 1.0 - abs(a.place - b.place) / NEAR)
    return (WEIGHTS["value"] * same_value(a, b) + WEIGHTS["place"] * place + WEIGHTS["period"] * period
            + WEIGHTS["qualifier"] * _agree(a.qualifier, b.qualifier))


def _agree(a: object, b: object) -> float:
    """1 the same, 0 different, 0.5 when one edition leaves it unsaid (no period; no qualifier read)."""
    return 0.5 if not a or not b else float(a == b)


def differences(a: Figure, b: Figure) -> tuple[str, ...]:
    """What twins state differently: value, qualifier, period (a period one edition leaves unsaid is no
    difference)."""
    out = []
    if not same_value(a, b):
        out.append("value")
    if _agree(a.qualifier, b.qualifier) == 0:
        out.append("qualifier")
    if _agree(a.period, b.period) == 0:
        out.append("period")
    return tuple(out)


def pair_figures(a: list[Figure], b: list[Figure]) -> list[Pair]:
    """Twins in two rounds of one assignment (pairing.assign). First the figures that state the same value,
    the pair of highest total similarity, under THRESHOLD left out; then, among the figures left, those of one
    kind standing between the same two twins of the first round (a twin whose value differs: the figures
    around it anchor its place), whose periods do not contradict."""
    if not a or not b:
        return []
    scores = np.array([[similarity(x, y) if same_value(x, y) else 0.0 for y in b] for x in a])
    scores[scores < THRESHOLD] = 0.0
    place = np.abs(np.array([x.place for x in a])[:, None] - np.array([y.place for y in b])[None, :])
    first = [Pair(i, j, round(float(scores[i, j]), 3), "value") for i, j in assign(scores, place)]
    between_a = _between([x.place for x in a], [a[p.old].place for p in first])
    between_b = _between([y.place for y in b], [b[p.new].place for p in first])
    paired_a, paired_b = {p.old for p in first}, {p.new for p in first}
    second = np.zeros_like(scores)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            if (i not in paired_a and j not in paired_b and between_a[i] == between_b[j] and compatible(x, y)
                    and _agree(x.period, y.period)):
                second[i, j] = _anchored(x, y)
    return first + [Pair(i, j, round(float(second[i, j]), 3), "place") for i, j in assign(second, place)]


def _between(places: list[float], anchors: list[float]) -> list[tuple[int, int]]:
    """For each place, the anchors (by their index in `anchors`) just before and just after it: its interval."""
    ordered = sorted(range(len(anchors)), key=lambda k: anchors[k])
    spots = [anchors[k] for k in ordered]
    out = []
    for place in places:
        at = bisect.bisect_left(spots, place)
        out.append((ordered[at - 1] if at else -1, ordered[at] if at < len(spots) else len(spots)))
    return out


def _anchored(a: Figure, b: Figure) -> float:
    """The similarity of two figures at the same anchored place whose values differ: period and qualifier."""
    return WEIGHTS["place"] + WEIGHTS["period"] * _agree(a.period, b.period) + WEIGHTS["qualifier"] * _agree(
        a.qualifier, b.qualifier)


def align(a: pd.DataFrame, b: pd.DataFrame, a_length: int, b_length: int) -> Alignment:
    """Twins of two language editions' figures frames (row positions), and the figures of each edition alone."""
    fa, fb = figures_of(a, a_length), figures_of(b, b_length)
    pairs = pair_figures(fa, fb)
    twins = tuple(Twin(p.old, p.new, p.similarity, differences(fa[p.old], fb[p.new]))
                  for p in sorted(pairs, key=lambda p: p.old))
    paired_a, paired_b = {t.a for t in twins}, {t.b for t in twins}
    return Alignment(twins, tuple(i for i in range(len(fa)) if i not in paired_a),
                     tuple(j for j in range(len(fb)) if j not in paired_b))


def shared_keys(a: pd.DataFrame, b: pd.DataFrame, alignment: Alignment) -> pd.DataFrame:
    """b with its twins' figure_keys taken from a (English and Chinese rows of one figure join on the key); a
    figure of b alone keeps its own key, suffixed if a already uses it for another figure."""
    from factsheet.pairing import assign_keys

    if b.empty:
        return b
    pairs = [Pair(t.a, t.b, t.similarity, "") for t in alignment.twins]
    out = b.copy()
    keys = assign_keys([str(k) for k in a["figure_key"]], [str(k) for k in b["figure_key"]], pairs)
    out["figure_key"] = pd.Series(keys, index=b.index, dtype="str")
    return out


# --- `factsheet align A B` ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One language edition as the command read it."""

    path: str
    edition_id: str
    title: str
    language: str
    figures: pd.DataFrame


@dataclass(frozen=True)
class CrossCheck:
    """The outcome of `factsheet align`: two editions and their alignment; agree = no twin differs."""

    a: Side
    b: Side
    alignment: Alignment

    @property
    def verdict(self) -> str:
        return "differ" if self.alignment.differing else "agree"

    def twin_rows(self) -> list[dict[str, Any]]:
        return [{"a": _figure(self.a.figures, t.a), "b": _figure(self.b.figures, t.b), "similarity": t.similarity,
                 "differences": list(t.differences)} for t in self.alignment.twins]

    def to_json(self) -> dict[str, Any]:
        """The --json object: verdict, both editions, twins (with what differs), each edition's figures alone."""
        return {"verdict": self.verdict,
                "a": _side_json(self.a), "b": _side_json(self.b),
                "counts": self.counts(),
                "twins": self.twin_rows(),
                "only_a": [_figure(self.a.figures, i) for i in self.alignment.only_a],
                "only_b": [_figure(self.b.figures, j) for j in self.alignment.only_b]}

    def counts(self) -> dict[str, int]:
        return {"twins": len(self.alignment.twins), "differ": len(self.alignment.differing),
                "only_a": len(self.alignment.only_a), "only_b": len(self.alignment.only_b)}

    def text(self) -> str:
        """What the command prints: the verdict, the twins that differ, then each edition's figures alone."""
        a, b, n = language_name(self.a.language), language_name(self.b.language), self.counts()
        lines = [f"{self.a.edition_id} ({a}, {len(self.a.figures)} figures) and {self.b.edition_id} ({b}, "
                 f"{len(self.b.figures)} figures): {self.verdict}",
                 f"twins: {n['twins']} ({n['differ']} differ); only in {a}: {n['only_a']}; only in {b}: {n['only_b']}"]
        for row in self.twin_rows():
            if row["differences"]:
                lines.append(f"  differ ({', '.join(row['differences'])}): {_line(row['a'])}")
                lines.append(f"      {b}: {_line(row['b'])}")
        for name, side, rows in ((a, self.a, self.alignment.only_a), (b, self.b, self.alignment.only_b)):
            for i in rows:
                lines.append(f"  only in {name}: {_line(_figure(side.figures, i))}")
        return "\n".join(lines)


FIELDS = ("figure_id", "figure_key", "section", "label", "statement", "value_text", "kind", "value", "unit",
          "currency", "qualifier", "period_start", "period_end", "char_start")


def _figure(frame: pd.DataFrame, i: int) -> dict[str, Any]:
    row = frame.iloc[i]
    out: dict[str, Any] = {}
    for name in FIELDS:
        value = row.get(name)
        if _missing(value):
            out[name] = None
        elif name in ("value",):
            out[name] = float(value)
        elif name == "char_start":
            out[name] = int(value)
        else:
            out[name] = str(value)[:10] if name.startswith("period_") else str(value)
    return out


def _side_json(side: Side) -> dict[str, Any]:
    return {"path": side.path, "edition_id": side.edition_id, "title": side.title, "language": side.language,
            "figures": len(side.figures)}


def _line(figure: dict[str, Any], width: int = 100) -> str:
    """'value_text' (qualifier, period) label — the statement, clipped."""
    period = f"{figure['period_start']}..{figure['period_end']}" if figure.get("period_start") else "no period"
    said = f"“{figure['value_text']}” = {figure['value']:g} ({figure['qualifier']}, {period}) {figure['label'] or ''}"
    statement = " ".join(str(figure.get("statement") or "").split())
    return f"{said} — {statement[:width]}{'…' if len(statement) > width else ''}"


def cross_check(path_a: Path, path_b: Path, currency: str = "HKD", published: str | None = None) -> CrossCheck:
    """Read and extract both editions, tell their languages by content, and align them. Two editions of one
    language are a user's mistake (InputError)."""
    from factsheet.errors import InputError
    from factsheet.pipeline import standalone_edition
    from factsheet.zh import detect_language

    sides, lengths = [], []
    for path in (path_a, path_b):
        data = standalone_edition(path, currency=currency, published=published)
        language = data.structure.language if data.structure is not None else detect_language(data.document.text)
        sides.append(Side(str(path), data.edition.edition_id, data.edition.title, language,
                          data.figures.reset_index(drop=True)))
        lengths.append(len(data.document.text))
    a, b = sides
    if a.language == b.language:
        raise InputError(f"{path_a} and {path_b} are both {language_name(a.language)} editions: "
                         "give one edition in each language")
    return CrossCheck(a, b, align(a.figures, b.figures, lengths[0], lengths[1]))


def run_align(args: Any) -> int:
    """The subcommand: print the check (text or JSON), write the HTML report if asked; 0 agree, 1 differ."""
    from factsheet.cli import currency_option, published_option
    from factsheet.report import write_alignment_report

    check = cross_check(Path(args.edition), Path(args.counterpart), currency=currency_option(args.currency),
                        published=published_option(args.published))
    if args.report:
        write_alignment_report(check, Path(args.report))
    if args.json:
        print(json.dumps(check.to_json(), ensure_ascii=False, indent=2))
    else:
        print(check.text())
        if args.report:
            print(f"report: {args.report}")
    return 0 if check.verdict == "agree" else 1

