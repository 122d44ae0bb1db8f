"""Pair the figures of two editions of a source by what they measure: precision first.

A wrong pairing is worse than none: it shows a change that did not happen. Two figures may pair only when
their kind, unit and currency (and a ranking's scope) agree and their periods are of the same length (a
quarter's move is not the year's). Among those, a similarity of structure (section, table row and column),
label words, the words around the figure, and period decides, solved as one assignment over all candidates
(scipy's linear_sum_assignment), not greedily. Below THRESHOLD a figure stays unpaired: added or removed,
never "changed". Each pair says how it was made (`match`) and its similarity.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from factsheet.normalise import STOP, figure_key

THRESHOLD = 0.4  # below it two figures are not one indicator: the figure is added or removed
STRUCTURE_FLOOR = 0.85  # same section, label (and table column): the same line of the same table
WEIGHTS = {"label": 0.3, "context": 0.35, "sentence": 0.15, "section": 0.1, "period": 0.1, "key": 0.15,
           "value": 0.05}
NAME_CONFLICT = 0.35  # both labels name something (IP, BP, Hang Seng), or both have a subject, and they differ
CONTEXT_CONFLICT = 0.15  # the words right next to each figure have nothing in common
CLOSE = 0.6  # the context weight of a word within two words of its figure, in its clause
ABSENT = 0.3  # times the share of one label the other figure's statement never mentions
PERIOD_RATIO = 1.25  # periods longer than this many times the other's measure something else
WINDOW = 6  # words each side of a figure that describe it
CLAUSE_WEIGHT = 0.3  # a word beyond a clause break describes the figure less
CLAUSE = re.compile(r",\s|;\s|:\s")
AMOUNT = re.compile(r"(?:[A-Z]{0,3}\$|RMB|€|£)\s?\d[\d,.]*(?:\s(?:million|billion|trillion))?|[-−]?\d[\d,.]*\s?%")
# Between two figures of a kind, what joins them: the words before it describe the first, after it the second.
CONNECTOR = re.compile(r",\s|;\s|\b(?:to|and|while|but|whereas|compared with|against)\b")
TOKEN = re.compile(r"[^\W\d_][\w&@.’'-]*|\d[\w&.,’'-]*")
RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
SUBJECTS = re.compile(r"\s+and\s+|,\s+|\s*&\s*")
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
YEARS = re.compile(r"\b(?:19|20)\d\d(?:[-–/]\d{2,4})?\b")
PAIRING_WORDS = Path(__file__).with_name("grammar") / "pairing.toml"


@cache
def _words() -> dict[str, Any]:
    """The word lists of grammar/pairing.toml, read once."""
    with PAIRING_WORDS.open("rb") as f:
        data = tomllib.load(f)
    return {"negative": frozenset(data["sign_words"]["negative"]),
            "positive": frozenset(data["sign_words"]["positive"]),
            "period": frozenset(data["period_words"]["words"]),
            "level": frozenset(data["level_words"]["words"]),
            "filler": frozenset(data["filler_words"]["words"]),
            "signs_zh": re.compile("|".join(sorted(data["sign_words"]["negative_zh"]
                                                  + data["sign_words"]["positive_zh"], key=len, reverse=True))),
            "synonyms": [(re.compile(re.escape(phrase).replace("'", "['’]"), re.I), word)
                         for phrase, word in data["synonyms"].items()],
            "shapes": _shapes(data["period_shapes"])}


def _shapes(table: dict[str, list[str]]) -> list[tuple[str, re.Pattern[str]]]:
    """Each period shape with a regex of its words, in the order written (months for the month shape)."""
    from factsheet.grammar import alternation, tables

    out = []
    for shape, words in table.items():
        if shape == "month":
            words = [m for m in tables()["months"] if len(m) > 3]  # not 'may', 'mar': words of their own
        if words:
            out.append((shape, re.compile(rf"\b(?:{alternation(words)})\b", re.I)))
    return out


@dataclass(frozen=True)
class Profile:
    """What pairing reads of one figures row."""

    kind: str
    unit: str
    currency: str
    scope: str
    key: str  # its own key (figure_key of kind, unit, label, scope), not one inherited from an earlier edition
    section: str  # heading without years
    structure: str  # section, label and (for a table cell) column, without years: its place in the document
    label: frozenset[str]
    context: dict[str, float]  # words around the figure, weighted by closeness
    sentence: frozenset[str]  # the words of its whole statement
    names: frozenset[str]  # acronyms and capitalised names of its label
    subject: frozenset[str]  # its own subject in a "respectively" list ("the euro and the yen ... respectively")
    close: frozenset[str]  # the words right next to it (not years, which move from edition to edition)
    period: tuple[pd.Timestamp, pd.Timestamp] | None
    shape: str  # the period's length as its words or its dates say: day, month, quarter, half, year, years
    sign: int  # -1 negative (written, or a loss/fall), +1 otherwise, 0 for zero or unsigned kinds
    value: float
    order: float  # place in document order, 0..1


@dataclass(frozen=True)
class Pair:
    """Two figures judged one indicator: positions in the old and new frames, similarity and how matched."""

    old: int
    new: int
    similarity: float
    match: str


# --- profiles --------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _tokens(text: str) -> list[str]:
    """Words and numbers of a text, years left out, a name written two ways made one ('S&P'); Chinese, written
    without spaces, as its overlapping character pairs ('債券投資收益' -> 債券, 券投, 投資, 資收, 收益)."""
    text = _words()["signs_zh"].sub(" ", YEARS.sub(" ", _synonymous(text)))  # a sign says how, not what
    return TOKEN.findall(CJK_RUN.sub(_bigrams, text))


def _bigrams(run: re.Match[str]) -> str:
    """A run of Chinese characters as its overlapping pairs (one character alone stays itself)."""
    chars = run.group(0)
    return " " + " ".join(chars[i : i + 2] for i in range(max(1, len(chars) - 1))) + " "


def _synonymous(text: str) -> str:
    for phrase, word in _words()["synonyms"]:
        text = phrase.sub(word, text)
    return text


@cache
def _word(token: str) -> str:
    return token.lower().strip(".,’'-").removesuffix("’s").removesuffix("'s")


@cache
def _term(token: str) -> str | None:
    """A word that says what is measured, stemmed ('returns', 'return'): not a stop, filler, sign or period
    word, not a number."""
    word = _word(token)
    words = _words()
    if len(word) < 2 or word[0].isdigit() or word in STOP or word in words["period"] or word in words["filler"]:
        return None
    if word in words["negative"] or word in words["positive"]:
        return None
    return _stem(word)


def _stem(word: str) -> str:
    """A light stem, enough to read 'equities' as 'equity', 'returns' as 'return' and 'allocation' as
    'allocated'."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix, stem in (("ations", "at"), ("ation", "at")):  # 'allocation' as 'allocated'
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + stem
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def _terms(text: str) -> frozenset[str]:
    return frozenset(t for t in map(_term, _tokens(text)) if t)


def _names(label: str) -> frozenset[str]:
    """Acronyms anywhere and capitalised words after the first: what a label names (IP, Hang Seng, LTGP)."""
    out = set()
    for i, token in enumerate(_tokens(label)):
        upper = sum(c.isupper() for c in token)
        if upper > 1 or (i > 0 and token[:1].isupper()):
            term = _term(token)
            if term:
                out.add(term)
    return frozenset(out)


def _positions(frame: pd.DataFrame) -> list[int]:
    """Where each row's value_text sits in its statement (-1 when not found), repeated values in turn."""
    found = [-1] * len(frame)
    statements = [_text(s) for s in frame["statement"]] if "statement" in frame else [""] * len(frame)
    texts = [_text(v) for v in frame["value_text"]]
    starts = list(frame["char_start"]) if "char_start" in frame else [None] * len(frame)
    groups: dict[str, list[int]] = {}
    for i, statement in enumerate(statements):
        groups.setdefault(statement, []).append(i)
    for statement, rows in groups.items():
        rows.sort(key=lambda i: (_missing(starts[i]), 0 if _missing(starts[i]) else float(starts[i]), i))
        cursor: dict[str, int] = {}
        for i in rows:
            at = _find(statement, texts[i], cursor.get(texts[i], 0))
            if at < 0:
                at = _find(statement, texts[i], 0)
            found[i] = at
            if at >= 0:
                cursor[texts[i]] = at + len(texts[i])
    return found


@cache
def _standing(value_text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,]){re.escape(value_text)}(?![\w]|[.,]\d)")


def _find(statement: str, value_text: str, start: int) -> int:
    """Where value_text stands as a whole in statement from start ('21' not inside '2021'), or -1."""
    if not value_text:
        return -1
    match = _standing(value_text).search(statement, start)
    return match.start() if match else -1


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


@cache
def _amounts(statement: str) -> list[tuple[int, int]]:
    """Where the statement writes amounts and percentages, read or not: a window never reaches past one."""
    return [m.span() for m in AMOUNT.finditer(statement)]


def _windows(statement: str, at: int, length: int, others: Iterable[tuple[int, int]]
             ) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The words before (read leftwards) and after a figure in its statement, each with a weight: the window
    stops at the neighbouring figures of its kind (at the word that joins them, when there is one), and words
    beyond a clause break (', ', '; ') count less, so in "gains on bonds of X, losses on equities of Y" each
    amount has its own words."""
    if at < 0:
        return [], []
    left, right = 0, len(statement)
    for start, end in others:
        if end <= at:
            left = max(left, end)
        elif start >= at + length:
            right = min(right, start)
    if left > 0:  # "from 0.9% at the beginning of the year to 1.5%": words up to the connector are 0.9%'s
        joint = CONNECTOR.search(statement, left, at)
        left = joint.end() if joint else left
    if right < len(statement):
        joint = CONNECTOR.search(statement, at + length, right)
        right = joint.start() if joint else right
    return _weighed(statement[left:at], leftwards=True), _weighed(statement[at + length:right], leftwards=False)


def _weighed(text: str, leftwards: bool) -> list[tuple[str, float]]:
    """Tokens read away from the figure until WINDOW words that say something: weight 1 within its clause,
    CLAUSE_WEIGHT beyond."""
    clauses = CLAUSE.split(_synonymous(text))
    out: list[tuple[str, float]] = []
    terms = 0
    for n, clause in enumerate(reversed(clauses) if leftwards else clauses):
        tokens = TOKEN.findall(clause)
        for token in reversed(tokens) if leftwards else tokens:
            out.append((token, 1.0 if n == 0 else CLAUSE_WEIGHT))
            terms += _term(token) is not None or bool(YEARS.fullmatch(_word(token)))
            if terms == WINDOW:
                return out
    return out


def _context(before: list[tuple[str, float]], after: list[tuple[str, float]]) -> dict[str, float]:
    """Words around a figure weighted by closeness (the word next to it counts most); years count here
    ('since 1994': the same in both editions when they name a fixed base), and so does a horizon ('over the
    past ten years' and 'over the past 10 years' both give '10-year')."""
    weights: dict[str, float] = {}
    for side in (before, after):
        for distance, (token, weight) in enumerate(side):
            term = _word(token) if YEARS.fullmatch(_word(token)) else _term(token)
            if term:
                weights[term] = max(weights.get(term, 0.0), weight / (1.0 + 0.25 * distance))
    for side, leftwards in ((before, True), (after, False)):
        reading = side[::-1] if leftwards else side
        for (number, weight), (unit, _) in zip(reading, reading[1:]):
            horizon = _horizon(number, unit)
            if horizon:
                weights[horizon] = max(weights.get(horizon, 0.0), weight)
    return weights


@cache
def _horizon(number: str, unit: str) -> str | None:
    """'10' 'years' or 'ten' 'years' -> '10-year': a span of time written before its unit."""
    from factsheet.grammar import tables
    from factsheet.normalise import parse_number

    durations = tables()["durations"]
    unit = _word(unit)
    if unit not in durations:
        return None
    count = parse_number(_word(number))
    if count is None or count <= 0 or count != int(count):
        return None
    name, per = durations[unit]
    return f"{int(count * per)}-{name}"


def _sign(kind: str, value: float, rule: str, before: list[tuple[str, float]]) -> int:
    """-1 for an amount written negative or governed by a loss or fall word ("losses on bonds of"), else +1;
    a level ("fell to 1.36%", "was 0.3%") keeps its written sign."""
    if kind not in ("money", "percent") or math.isnan(value) or value == 0:
        return 0
    if value < 0:
        return -1
    if rule == "table-cell":  # a table writes its signs: (41,774.0)
        return 1
    words = _words()
    for token, _ in before:
        word = token.lower().strip(".,’'-")
        if word in words["level"]:
            return 1
        if word in words["negative"]:
            return -1
        if word in words["positive"]:
            return 1
    return 1


def _period(start: Any, end: Any) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    if _missing(start) or _missing(end):
        return None
    try:
        return pd.Timestamp(str(start)), pd.Timestamp(str(end))
    except ValueError:
        return None


def _column(statement: str, label: str) -> str:
    """A table cell's column headers, from its statement 'Row, Column (units): value'."""
    if not statement.startswith(label + ", "):
        return ""
    return statement[len(label) + 2:].rsplit(":", 1)[0]


def _norm(text: str) -> str:
    return " ".join(YEARS.sub(" ", text).lower().replace("’", "'").split())


READ = ("statement", "value_text", "label", "kind", "unit", "currency", "scope", "section", "period_start",
        "period_end", "value", "rule", "char_start")  # what a profile reads; figure_key only when kind is missing


def profiles(frame: pd.DataFrame) -> list[Profile]:
    """Each figures row as pairing reads it, in the frame's row order. A refresh pairs each edition with the
    one before and after, its keys linked and not: the profiles of the same rows are made once."""
    return list(_profiles(*_fingerprint(frame))) if not frame.empty else []


Fingerprint = tuple[tuple[str, ...], tuple[tuple[Any, ...], ...]]


def _fingerprint(frame: pd.DataFrame) -> Fingerprint:
    """The columns a profile reads and their values row by row: what makes two frames' profiles the same."""
    columns = tuple(c for c in (*READ, *(() if "kind" in frame else ("figure_key",))) if c in frame)
    return columns, tuple(zip(*(frame[c].map(lambda v: None if _missing(v) else v).tolist() for c in columns)))


@lru_cache(maxsize=128)
def _profiles(columns: tuple[str, ...], rows: tuple[tuple[Any, ...], ...]) -> tuple[Profile, ...]:
    return tuple(_read(pd.DataFrame(list(rows), columns=list(columns))))


def _read(frame: pd.DataFrame) -> list[Profile]:
    """The profiles of a frame's rows (profiles() remembers them)."""
    records = frame.to_dict("records")
    positions = _positions(frame)
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}  # (statement, kind) -> where its figures are
    for row, at in zip(records, positions):
        if at >= 0:
            where = (_text(row.get("statement")), _text(row.get("kind")))
            spans.setdefault(where, []).append((at, at + len(_text(row["value_text"]))))
    starts = [float(r["char_start"]) if not _missing(r.get("char_start")) else float(i)
              for i, r in enumerate(records)]
    ranks = pd.Series(starts).rank(method="first").tolist()
    subjects = _respective_subjects(records, positions, spans)
    out = []
    for i, (row, at) in enumerate(zip(records, positions)):
        statement, label, value_text = _text(row.get("statement")), _text(row.get("label")), _text(row["value_text"])
        kind, unit, scope = _text(row.get("kind")), _text(row.get("unit")), _text(row.get("scope"))
        others = [s for s in spans.get((statement, kind), []) + _amounts(statement)
                  if s[1] <= at or s[0] >= at + len(value_text)]
        before, after = _windows(statement, at, len(value_text), others)
        value = float(row["value"]) if not _missing(row.get("value")) else math.nan
        rule = _text(row.get("rule"))
        column = _column(statement, label) if rule == "table-cell" else ""
        section = _norm(_text(row.get("section")))
        terms, context, names = _terms(label), _context(before, after), _names(label)
        subject: frozenset[str] = frozenset()
        if i in subjects:  # "the euro and the yen depreciated by 7.1% and 10.3% respectively"
            own, rest = subjects[i]
            subject = own
            terms = (terms - rest) | own
            context = {**{t: w for t, w in context.items() if t not in rest}, **dict.fromkeys(own, 1.0)}
            names = (names - rest) | own
        period = _period(row.get("period_start"), row.get("period_end"))
        out.append(Profile(
            kind=kind, unit=unit, currency=_text(row.get("currency")), scope=scope,
            key=figure_key(kind, unit, label, scope) if kind else _text(row.get("figure_key")),
            section=section, structure=" | ".join((section, _norm(label), _norm(column))),
            label=terms, context=context, sentence=_terms(statement), names=names, subject=subject,
            close=frozenset(t for t, w in context.items() if w >= CLOSE and not YEARS.fullmatch(t)), period=period,
            shape=_shape(before, after) or _period_shape(period),
            sign=_sign(kind, value, rule, before), value=value,
            order=(ranks[i] - 1) / max(len(records) - 1, 1),
        ))
    return out


def _respective_subjects(records: list[dict[str, Any]], positions: list[int],
                         spans: dict[tuple[str, str], list[tuple[int, int]]]
                         ) -> dict[int, tuple[frozenset[str], frozenset[str]]]:
    """For figures of a "respectively" list ("the IP and the BP were -8.6% and -0.4% respectively"): each
    row's own subject words and the other subjects' words, when the subjects number as the amounts do (read
    or not)."""
    out: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    for i, (row, at) in enumerate(zip(records, positions)):
        statement, kind = _text(row.get("statement")), _text(row.get("kind"))
        read = spans.get((statement, kind), [])
        where = sorted(read + [a for a in _amounts(statement) if not any(a[0] < e and s < a[1] for s, e in read)])
        if at < 0 or len(where) < 2 or not RESPECTIVELY.search(statement[where[-1][1]:]):
            continue
        head = CLAUSE.split(statement[:where[0][0]])[-1]
        pieces = [_terms(p) for p in SUBJECTS.split(head)]
        starts = [start for start, _ in where]
        if len(pieces) != len(where) or not all(pieces) or at not in starts:
            continue
        n = starts.index(at)
        out[i] = (pieces[n], frozenset().union(*pieces) - pieces[n])
    return out


def _shape(before: list[tuple[str, float]], after: list[tuple[str, float]]) -> str:
    """The period shape the words of a figure's own clause give ('at the end of the year': day); the words
    after it first ('from 1.63% at the beginning of 2022 to above 4% in the fourth quarter')."""
    for clause in (" ".join(t for t, w in after if w == 1.0), " ".join(t for t, w in reversed(before) if w == 1.0)):
        years = len(YEARS.findall(clause))
        for shape, words in _words()["shapes"]:
            if words.search(clause) or (shape == "years" and years > 1):
                return shape
        if years == 1:
            return "year"
    return ""


def _period_shape(period: tuple[pd.Timestamp, pd.Timestamp] | None) -> str:
    """The shape of a period read from dates: its length in days."""
    if period is None:
        return ""
    days = (period[1] - period[0]).days + 1
    for shape, longest in (("day", 1), ("month", 31), ("quarter", 92), ("half", 184), ("year", 366)):
        if days <= longest:
            return shape
    return "years"


# --- similarity ------------------------------------------------------------------------------------


def _dice(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    """Shared words over all words, each weighted by how rare it is among the figures compared."""
    if not a or not b:
        return 0.0
    return 2 * _mass(a & b, idf) / (_mass(a, idf) + _mass(b, idf))


def _mass(words: frozenset[str], idf: dict[str, float]) -> float:
    """The words' summed rarity (remembered per set when idf is a Rarity: a set is weighed again and again)."""
    memo = idf.masses if isinstance(idf, Rarity) else None
    if memo is not None and words in memo:
        return memo[words]
    total = sum(idf.get(t, 1.0) for t in words)
    if memo is not None:
        memo[words] = total
    return total


def _weighted_jaccard(a: dict[str, float], b: dict[str, float], idf: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    keys = a.keys() | b.keys()
    shared = sum(min(a.get(k, 0.0), b.get(k, 0.0)) * idf.get(k, 1.0) for k in keys)
    return shared / sum(max(a.get(k, 0.0), b.get(k, 0.0)) * idf.get(k, 1.0) for k in keys)


def _other_subject(a: Profile, b: Profile) -> bool:
    """a is one of a "respectively" list and b is about something else: b's own subject is another, or b's
    statement never names a's ("the renminbi ... 6.5%" is not the pound's "4.0%")."""
    if not a.subject:
        return False
    return bool(b.subject and not a.subject & b.subject) or not a.subject & (b.sentence | b.label)


def _absent(a: Profile, b: Profile, idf: dict[str, float]) -> float:
    """The share of a's label (by rarity) that b's whole statement never mentions: 'the yen strengthened
    by 2.7%' is not 'eventually gaining 4.0%' in a sentence about the pound."""
    if not a.label:
        return 0.0
    return _mass(a.label - b.sentence - b.label, idf) / _mass(a.label, idf)


class Rarity(dict[str, float]):
    """Word -> weight (rarity()), remembering the summed weight of each word set it was asked about."""

    def __init__(self, weights: dict[str, float]) -> None:
        super().__init__(weights)
        self.masses: dict[frozenset[str], float] = {}


def rarity(figures: Iterable[Profile]) -> Rarity:
    """Each word's weight: words of every figure ('Exchange Fund', 'dollar') tell figures apart less than
    'bonds' or 'yen' do (inverse document frequency over the figures of both editions)."""
    counts: dict[str, int] = {}
    total = 0
    for p in figures:
        total += 1
        for word in p.label | p.context.keys() | p.sentence:
            counts[word] = counts.get(word, 0) + 1
    return Rarity({w: math.log(1 + total / n) for w, n in counts.items()})


def period_change(old: tuple[pd.Timestamp, pd.Timestamp] | None,
                  new: tuple[pd.Timestamp, pd.Timestamp] | None) -> str:
    """How the new figure's period relates to the old one's: same (a restatement or revision of the same
    period's value), later (a later period's value), earlier, other; '' when either is unknown."""
    if old is None or new is None:
        return ""
    if old == new:
        return "same"
    if new[0] >= old[0] and new[1] > old[1]:
        return "later"
    if new[0] <= old[0] and new[1] < old[1]:
        return "earlier"
    return "other"


def _periods_agree(a: tuple[pd.Timestamp, pd.Timestamp] | None, b: tuple[pd.Timestamp, pd.Timestamp] | None) -> bool:
    """Unknown, the same start (a cumulative 'since 2009'), or lengths within PERIOD_RATIO of each other."""
    if a is None or b is None or a[0] == b[0]:
        return True
    la, lb = (a[1] - a[0]).days + 1, (b[1] - b[0]).days + 1
    return max(la, lb) <= PERIOD_RATIO * min(la, lb)


def compatible(a: Profile, b: Profile) -> bool:
    """What must agree for two figures to be one indicator: kind, unit, currency, scope, period length."""
    return (a.kind == b.kind and a.unit == b.unit and a.currency == b.currency and a.scope == b.scope
            and _periods_agree(a.period, b.period) and (a.shape == b.shape or not a.shape or not b.shape))


def _closeness(a: float, b: float) -> float:
    """1 for equal magnitudes, 0 for ten times apart or more (a weak hint, never decisive)."""
    if math.isnan(a) or math.isnan(b) or a == 0 or b == 0:
        return 0.0
    return max(0.0, 1.0 - abs(math.log10(abs(a) / abs(b))))


def similarity(a: Profile, b: Profile, idf: dict[str, float] | None = None) -> tuple[float, str]:
    """How alike two figures are as measures of one indicator (0..1) and the strongest evidence: key,
    structure, label or context. 0 when they cannot be one indicator. idf: rarity() of the words."""
    if not compatible(a, b):
        return 0.0, ""
    idf = idf or {}
    label, context = _dice(a.label, b.label, idf), _weighted_jaccard(a.context, b.context, idf)
    sentence = _dice(a.sentence, b.sentence, idf)
    key = a.key == b.key
    period = period_change(a.period, b.period)
    score = (WEIGHTS["label"] * label + WEIGHTS["context"] * context
             + WEIGHTS["sentence"] * sentence
             + WEIGHTS["section"] * (a.section == b.section and bool(a.section))
             + WEIGHTS["period"] * (period in ("same", "later"))
             + WEIGHTS["key"] * key
             + WEIGHTS["value"] * _closeness(a.value, b.value))
    if (a.names and b.names and not a.names & b.names) or _other_subject(a, b) or _other_subject(b, a):
        score -= NAME_CONFLICT
    score -= ABSENT * max(_absent(a, b, idf), _absent(b, a, idf))
    if a.close and b.close and not a.close & b.close:
        score -= CONTEXT_CONFLICT
    same_place = a.structure == b.structure and bool(a.label)
    if same_place:
        score = max(score, STRUCTURE_FLOOR)
    score = min(max(score, 0.0), 1.0)
    if key:
        match = "key"
    elif same_place:
        match = "structure"
    else:
        match = "label" if WEIGHTS["label"] * label >= WEIGHTS["context"] * context else "context"
    return score, match


def pair_profiles(old: list[Profile], new: list[Profile]) -> list[Pair]:
    """The one-to-one pairing that maximises total similarity, pairs under THRESHOLD left out."""
    if not old or not new:
        return []
    scores = np.zeros((len(old), len(new)))
    matches: dict[tuple[int, int], str] = {}
    idf = rarity([*old, *new])
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            if not compatible(a, b):
                continue
            score, match = similarity(a, b, idf)
            if score >= THRESHOLD:
                scores[i, j] = score
                matches[i, j] = match
    if not matches:
        return []
    order = np.abs(np.array([a.order for a in old])[:, None] - np.array([b.order for b in new])[None, :])
    return [Pair(i, j, round(float(scores[i, j]), 3), matches[i, j]) for i, j in assign(scores, order)]


def assign(scores: np.ndarray, distance: np.ndarray) -> list[tuple[int, int]]:
    """The pairs (row, column) of the assignment with the highest total score (scipy's linear_sum_assignment),
    never a pair scored 0 (under its threshold). Ties (a figure stated twice in both editions) go to the pairs
    whose places in their documents (`distance`, 0..1) are closest: document order is kept. Edition pairing
    and cross-language pairing (align.py) choose their pairs this one way."""
    from scipy.optimize import linear_sum_assignment

    if not scores.size or not (scores > 0).any():
        return []
    gain = np.where(scores > 0, scores - 1e-3 * distance, 0.0)
    rows, cols = linear_sum_assignment(gain, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if scores[i, j] > 0]


def pair_figures(old: pd.DataFrame, new: pd.DataFrame) -> list[Pair]:
    """Pairs of row positions (old, new) of two editions' figures frames; see pair_profiles. Linking keys and
    then comparing pairs the same two editions twice: the second time is remembered."""
    if old.empty or new.empty:
        return []
    return list(_pairs(_fingerprint(old), _fingerprint(new)))


@lru_cache(maxsize=64)
def _pairs(old: Fingerprint, new: Fingerprint) -> tuple[Pair, ...]:
    return tuple(pair_profiles(list(_profiles(*old)), list(_profiles(*new))))


def assign_keys(old_keys: list[str], new_keys: list[str], pairs: list[Pair]) -> list[str]:
    """The new edition's keys: a paired figure takes its old figure's key (an indicator keeps its key across
    editions); an unpaired one keeps its own unless an old or inherited key has it, then gets a free suffix."""
    keys = list(new_keys)
    inherited = set()
    for p in pairs:
        keys[p.new] = old_keys[p.old]
        inherited.add(p.new)
    taken = set(old_keys) | {keys[i] for i in inherited}
    for i in range(len(keys)):
        if i in inherited or keys[i] not in taken:
            taken.add(keys[i])
            continue
        n = 2
        while f"{keys[i]}-{n}" in taken or f"{keys[i]}-{n}" in keys:
            n += 1
        keys[i] = f"{keys[i]}-{n}"
        taken.add(keys[i])
    return keys


def revive_keys(current: pd.DataFrame, previous: pd.DataFrame, dormant: pd.DataFrame) -> pd.DataFrame:
    """Figures that continue no figure of the previous edition may continue one of an earlier edition (an
    indicator a chapter left out for a year): they take that figure's key, so a key stays one indicator's
    across a whole series. `dormant`: the last figure of each key no edition since has stated."""
    if current.empty or dormant.empty:
        return current
    carried = set(previous["figure_key"]) if not previous.empty else set()
    alone = [i for i, key in enumerate(current["figure_key"]) if key not in carried]
    if not alone:
        return current
    candidates = current.iloc[alone]
    pairs = pair_figures(dormant, candidates)
    keys = assign_keys([str(k) for k in dormant["figure_key"]], [str(k) for k in candidates["figure_key"]], pairs)
    out = current.copy()
    column = list(out["figure_key"])
    for i, key in zip(alone, keys):
        column[i] = key
    out["figure_key"] = pd.Series(column, index=current.index, dtype="str")
    return out
