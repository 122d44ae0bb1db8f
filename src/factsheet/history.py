"""Edition-aware expectations: checks that compare a new edition with the published history of its source.

The row-level suites (validate.py) judge one table at a time; they cannot see that a fund shrank tenfold
since the last edition, that a cumulative total went down, or that half the figures vanished because the
layout changed. Each check here has a severity: "error" for what cannot be right (an edition older than
the published one, a collapsed figure count, a kind change, a cumulative total going down, a rank beyond
its ranking's size, a repeated bullet, a sign the extractor dropped) and "warning" for what may be right
but an editor should look at (a date given by the caller, a value jump over 10x, a currency change, a percent
change that disagrees with its two ends, figures of a table that do not reconcile: reconcile.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from factsheet import schema

COLLAPSE_RATIO = 0.5  # fewer than half the previous edition's figures: extraction lost part of the layout
JUMP_RATIO = 10.0  # a money or count value moving more than tenfold: a scale word misread, or worth a look
SIZE_SLACK = 1.1  # an "about N economies" ranking may hold up to 10% more than N
AS_AT = re.compile(r"\bas (?:at|of)\b", re.IGNORECASE)
DOWN = re.compile(r"\b(?:down|decreas\w*|fell|fall\w*|drop\w*|declin\w*|lower|less)\b", re.IGNORECASE)
CHANGE = re.compile(r"\b(?:up|down|increas\w*|decreas\w*|rise|rose|grew|growth|fell|drop\w*|declin\w*)\b",
                    re.IGNORECASE)
MINUS = ("-", "\u2212")  # hyphen-minus, minus sign
# What a ranking ranks: a count of these stated next to a rank bounds it ("131 economies ... 14th").
UNIVERSES = frozenset(
    "economies countries cities jurisdictions regions territories markets places locations destinations "
    "centres centers hubs universities ports airports".split()
)
KIND_PREFIX = re.compile(rf"^(?:{'|'.join(schema.KINDS)})-")


@dataclass(frozen=True)
class Failure:
    """One thing a check rejected: the new edition's row (figure_id) or the edition, and what is wrong."""

    id: str
    value: Any
    message: str


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one edition-aware expectation, shaped like validate.ExpectationResult for reports."""

    name: str
    severity: str  # "error" or "warning"
    success: bool
    why: str
    failures: tuple[Failure, ...] = ()
    note: str = ""  # why the check had nothing to compare (no previous edition, no raw text)


@dataclass(frozen=True)
class EditionFigures:
    """What a check sees of one edition: its identity, its own date (and who gave it) and its figures rows."""

    edition_id: str
    published: str | None
    sha256: str | None
    figures: pd.DataFrame
    dated_by: str = "document"  # "document" (printed in it), "caller" (--published, sources.toml) or ""


@dataclass(frozen=True)
class History:
    """The new edition, the published edition it is compared with, and every published figure of the source.

    `earlier` holds all published figures of the source (any edition), where a percent change finds the
    value of its base year; `text` is the new edition's extracted text, where a dropped minus shows.
    """

    new: EditionFigures
    previous: EditionFigures | None
    earlier: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=schema.columns("figures")))
    text: str | None = None


# --- helpers ---------------------------------------------------------------------------------------

Row = dict[str, Any]


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _str(row: Row, column: str) -> str:
    value = row.get(column)
    return "" if _missing(value) else str(value)


def _num(row: Row, column: str) -> float:
    value = row.get(column)
    return math.nan if _missing(value) else float(value)


def _rows(frame: pd.DataFrame) -> list[Row]:
    """Rows in document order (char_start)."""
    if "char_start" in frame.columns:
        frame = frame.sort_values("char_start", kind="stable", na_position="last")
    return frame.to_dict("records")


def pairs(old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[tuple[Row, Row]], list[Row], list[Row]]:
    """(paired, removed, added) by figure_key: once the new edition's keys are linked (normalise.inherit_keys),
    the pairs diff.compare_editions makes; a key twice in an edition pairs its n-th occurrence with the n-th."""
    before: dict[str, list[Row]] = {}
    for row in _rows(old):
        before.setdefault(_str(row, "figure_key"), []).append(row)
    after: dict[str, list[Row]] = {}
    for row in _rows(new):
        after.setdefault(_str(row, "figure_key"), []).append(row)
    paired: list[tuple[Row, Row]] = []
    removed: list[Row] = []
    added: list[Row] = []
    for key in sorted(set(before) | set(after)):
        olds, news = before.get(key, []), after.get(key, [])
        paired += list(zip(olds, news))
        removed += olds[len(news):]
        added += news[len(olds):]
    return paired, removed, added


def _date_key(published: str) -> tuple[int, ...]:
    return tuple(int(p) for p in published.split("-"))


def _label(row: Row) -> str:
    return _str(row, "label") or _str(row, "figure_key")


# --- the checks ------------------------------------------------------------------------------------
# Each returns its failures, or None when it had nothing to compare (the reason goes in the note).

CheckFn = Callable[[History], "list[Failure] | str"]


def edition_date_later(h: History) -> list[Failure] | str:
    """The new edition's own date is after the published one's (the same file again is a re-validation)."""
    new, prev = h.new, h.previous
    if prev is not None and new.sha256 and new.sha256 == prev.sha256 and new.published == prev.published:
        return []  # the published edition itself, validated again (dated or not)
    if not new.published:
        return [Failure(new.edition_id, None, "the edition states no date of its own, e.g. '(June 2022)', and "
                        "none was given (--published, or `published` in sources.toml)")]
    if prev is None:
        return NO_PREVIOUS
    if not prev.published:
        return f"published edition {prev.edition_id} has no date"
    a, b = _date_key(new.published), _date_key(prev.published)
    n = min(len(a), len(b))
    if a[:n] > b[:n]:
        return []
    if a[:n] == b[:n]:
        return [Failure(new.edition_id, new.published,
                        f"dated {new.published}, the same as published edition {prev.edition_id}, but its "
                        "content differs: a corrected re-issue needs its own date")]
    return [Failure(new.edition_id, new.published,
                    f"dated {new.published}, earlier than published edition {prev.edition_id} ({prev.published})")]


def edition_states_its_date(h: History) -> list[Failure] | str:
    """The document prints its own date; one given by the caller instead is taken, with a warning."""
    new = h.new
    if new.published and new.dated_by == "caller":
        return [Failure(new.edition_id, new.published, f"the edition prints no date of its own; dated "
                        f"{new.published} as given (--published, or `published` in sources.toml)")]
    return []


def figure_count_not_collapsed(h: History) -> list[Failure] | str:
    """At least half as many figures as the previous edition."""
    if h.previous is None:
        return NO_PREVIOUS
    n, m = len(h.new.figures), len(h.previous.figures)
    if m and n < COLLAPSE_RATIO * m:
        return [Failure(h.new.edition_id, n,
                        f"{n} figures, under half of the {m} in {h.previous.edition_id}: part of the layout "
                        "was probably not read")]
    return []


def no_repeated_statement(h: History) -> list[Failure] | str:
    """No bullet or sentence is read twice with the same figure: a repeat double-counts it. Not repeats: a
    field's values for several years, a value a sentence states twice, the same field under another heading
    (a country profile prints 'Land use' under Geography and Environment)."""
    groups: dict[tuple[str, ...], list[Row]] = {}
    for row in _rows(h.new.figures):
        key = (_str(row, "section"), " ".join(_str(row, "statement").split()), _str(row, "value_text"),
               _str(row, "label"), _str(row, "period_start"), _str(row, "period_end"))
        groups.setdefault(key, []).append(row)
    out: list[Failure] = []
    for (_, statement, value_text, *_rest), rows in groups.items():
        written = len(re.findall(rf"(?<![\w.,]){re.escape(value_text)}(?![\w]|[.,]\d)", statement)) if value_text else 0
        for row in rows[max(written, 1):]:
            out.append(Failure(_str(row, "figure_id"), _str(row, "value_text"),
                               f"statement repeats {_str(rows[0], 'figure_id')}: {_short(_str(row, 'statement'))!r}"))
    return out


def sign_kept(h: History) -> list[Failure] | str:
    """Only money and percent figures are signed; a minus written before any figure that its value lacks means
    the sign was dropped on the way."""
    if not h.text:
        return "no extracted text to look at"
    text = h.text
    out: list[Failure] = []
    for row in _rows(h.new.figures):
        kind, start, value = _str(row, "kind"), row.get("char_start"), _num(row, "value")
        if not _missing(value) and value < 0 and kind not in schema.SIGNED_KINDS:
            out.append(Failure(_str(row, "figure_id"), value, f"{_str(row, 'value_text')!r} is a negative {kind}"))
            continue
        if kind not in ("money", "count", "percent") or _missing(start) or not 0 < int(start) <= len(text):
            continue
        i = int(start)
        before = text[i - 2] if i >= 2 else ""
        if text[i - 1] in MINUS and not before.isalnum() and not (not _missing(value) and value < 0):
            out.append(Failure(_str(row, "figure_id"), f"{text[i - 1]}{_str(row, 'value_text')}",
                               f"written as a negative amount ({text[i - 1]}{_str(row, 'value_text')}) but "
                               f"read as {_plain_number(value)}"))
    return out


def kind_unchanged(h: History) -> list[Failure] | str:
    """A figure_key keeps its kind: a count that becomes money measures something else or was misread."""
    if h.previous is None:
        return NO_PREVIOUS
    paired, removed, added = pairs(h.previous.figures, h.new.figures)
    out = [Failure(_str(n, "figure_id"), _str(n, "kind"),
                   f"{_label(n)}: was {_str(o, 'kind')} ({_str(o, 'value_text')}), now {_str(n, 'kind')} "
                   f"({_str(n, 'value_text')})")
           for o, n in paired if _str(o, "kind") and _str(n, "kind") and _str(o, "kind") != _str(n, "kind")]
    # Keys that start with their kind cannot pair across a kind change: match a removed and an added row
    # by key without the prefix and by label ("Start-ups: change over 2021" shares the slug, not the label).
    gone = {(KIND_PREFIX.sub("", _str(r, "figure_key")), _norm(_str(r, "label"))): r for r in removed}
    for n in added:
        o = gone.get((KIND_PREFIX.sub("", _str(n, "figure_key")), _norm(_str(n, "label"))))
        if o is not None and _str(o, "kind") != _str(n, "kind"):
            out.append(Failure(_str(n, "figure_id"), _str(n, "kind"),
                               f"{_label(n)}: was {_str(o, 'kind')} ({_str(o, 'value_text')}), now "
                               f"{_str(n, 'kind')} ({_str(n, 'value_text')})"))
    return out


NO_PREVIOUS = "no published edition of this source to compare with"


def _paired_amounts(h: History) -> list[tuple[Row, Row]]:
    """Money or count figures paired by key with the previous edition, of the same kind in both."""
    assert h.previous is not None
    paired, _, _ = pairs(h.previous.figures, h.new.figures)
    return [(o, n) for o, n in paired
            if _str(n, "kind") in ("money", "count") and _str(o, "kind") == _str(n, "kind")]


def cumulative_not_decreased(h: History) -> list[Failure] | str:
    """A total stated "as at" a date does not go down when stated again as at a later date."""
    if h.previous is None:
        return NO_PREVIOUS
    out: list[Failure] = []
    for o, n in _paired_amounts(h):
        if not (AS_AT.search(_str(o, "statement")) and AS_AT.search(_str(n, "statement"))):
            continue
        old_end, new_end = _str(o, "period_end"), _str(n, "period_end")
        if not (old_end and new_end and new_end > old_end):
            continue
        if _num(n, "value") < _num(o, "value"):
            out.append(Failure(_str(n, "figure_id"), _num(n, "value"),
                               f"{_label(n)}: {_str(o, 'value_text')} as at {old_end} went down to "
                               f"{_str(n, 'value_text')} as at {new_end}"))
    return out


def ranks_within_ranking(h: History) -> list[Failure] | str:
    """A rank is no larger than the number ranked stated in the same statement ("14th of 131 economies")."""
    figures = _rows(h.new.figures)
    sizes: dict[str, list[Row]] = {}
    for row in figures:
        unit = _str(row, "unit").lower()
        if _str(row, "kind") == "count" and unit in UNIVERSES and _str(row, "qualifier") != "lower_bound":
            sizes.setdefault(_str(row, "statement"), []).append(row)
    out: list[Failure] = []
    for row in figures:
        if _str(row, "kind") != "rank":
            continue
        rank = _num(row, "value")
        for size_row in sizes.get(_str(row, "statement"), []):
            size = _num(size_row, "value")
            limit = size * SIZE_SLACK if _str(size_row, "qualifier") == "approximate" else size
            if not math.isnan(rank) and rank > limit:
                out.append(Failure(_str(row, "figure_id"), rank,
                                   f"{_str(row, 'value_text')!r} is beyond the {_str(size_row, 'value_text')} "
                                   f"{_str(size_row, 'unit')} the ranking covers"))
    return out


def value_jump_within_10x(h: History) -> list[Failure] | str:
    """A money or count figure did not grow or shrink more than tenfold since the previous edition, compared by
    magnitude (a loss of 5 to a loss of 80 is a jump too); a change that crosses zero (a loss of HK$0.5 billion
    turning into a gain of HK$2.5 billion) has no ratio and is said as such by the changes, not here."""
    if h.previous is None:
        return NO_PREVIOUS
    signs = {**_signs(h.previous.figures), **_signs(h.new.figures)}
    out: list[Failure] = []
    for o, n in _paired_amounts(h):
        a, b = _num(o, "value_hkd"), _num(n, "value_hkd")
        if math.isnan(a) or math.isnan(b):
            a, b = _num(o, "value"), _num(n, "value")
        if signs.get(_str(o, "figure_id"), 1) * signs.get(_str(n, "figure_id"), 1) < 0:
            continue
        a, b = abs(a), abs(b)
        if a > 0 and b > 0 and max(a / b, b / a) > JUMP_RATIO:
            word = "larger" if b > a else "smaller"
            out.append(Failure(_str(n, "figure_id"), _num(n, "value"),
                               f"{_label(n)}: {_str(o, 'value_text')} -> {_str(n, 'value_text')} is "
                               f"{max(a / b, b / a):.0f}x {word}"))
    return out


def _signs(figures: pd.DataFrame) -> dict[str, int]:
    """figure_id -> -1 for an amount written negative or stated as a loss or fall, else 1 (pairing's reading)."""
    from factsheet.pairing import profiles

    if figures.empty or "figure_id" not in figures:
        return {}
    return {str(i): p.sign or 1 for i, p in zip(figures["figure_id"], profiles(figures))}


def currency_unchanged(h: History) -> list[Failure] | str:
    """An amount keeps its currency (a change is usually a '$' read in another default). Figures of different
    currencies never pair, so a money figure removed and one added under its key (with pairing's suffix) and
    label is such an amount too."""
    if h.previous is None:
        return NO_PREVIOUS
    paired, removed, added = pairs(h.previous.figures, h.new.figures)
    gone = {(_str(r, "figure_key"), _norm(_str(r, "label"))): r for r in removed if _str(r, "kind") == "money"}
    out = [Failure(_str(n, "figure_id"), _str(n, "currency"),
                   f"{_label(n)}: currency {_str(o, 'currency')} ({_str(o, 'value_text')}) -> "
                   f"{_str(n, 'currency')} ({_str(n, 'value_text')})")
           for o, n in paired
           if _str(o, "kind") == _str(n, "kind") == "money" and _str(o, "currency") != _str(n, "currency")]
    for n in added:
        o = gone.get((_base_key(n), _norm(_str(n, "label"))))
        if _str(n, "kind") == "money" and o is not None and _str(o, "currency") != _str(n, "currency"):
            out.append(Failure(_str(n, "figure_id"), _str(n, "currency"),
                               f"{_label(n)}: currency {_str(o, 'currency')} ({_str(o, 'value_text')}) -> "
                               f"{_str(n, 'currency')} ({_str(n, 'value_text')})"))
    return out


def _base_key(row: Row) -> str:
    """A figure_key without the suffix pairing gives a new figure whose key an earlier one holds ('-2')."""
    return re.sub(r"-\d+$", "", _str(row, "figure_key"))


def percent_change_agrees(h: History) -> list[Failure] | str:
    """'3,985 start-ups in 2022 (up 6% over 2021)' agrees with 2021's value when an edition stated it."""
    new = _rows(h.new.figures)
    pool = _rows(h.earlier) + new
    out: list[Failure] = []
    for pct in new:
        if not _is_percent_change(pct):
            continue
        subject = _subject(pct, new)
        if subject is None or _str(subject, "period_end") != _str(pct, "period_end"):
            continue
        base = _base_value(pct, subject, pool)
        if base is None:
            continue
        start, end = _num(base, "value"), _num(subject, "value")
        if not start > 0 or math.isnan(end):
            continue
        implied = (end - start) / start * 100
        stated = -_num(pct, "value") if DOWN.search(_str(pct, "value_text")) else _num(pct, "value")
        tolerance = max(1.0, 0.05 * abs(stated))
        if any(_str(r, "qualifier") not in ("exact", "") for r in (pct, subject, base)):
            tolerance *= 2  # "about", "over": the ends are rounded or bounds
        if abs(implied - stated) > tolerance:
            out.append(Failure(
                _str(pct, "figure_id"), _num(pct, "value"),
                f"{_label(pct)}: stated {_str(pct, 'value_text')}, but {_str(base, 'value_text')} "
                f"({_str(base, 'edition_id')}, {_str(base, 'period_start')[:4]}) -> {_str(subject, 'value_text')} "
                f"is {implied:+.1f}%"))
    return out


def _is_percent_change(row: Row) -> bool:
    if _str(row, "kind") != "percent" or not _str(row, "period_start") or not _str(row, "period_end"):
        return False
    return "change" in _str(row, "rule") or bool(CHANGE.search(_str(row, "value_text")))


def _subject(pct: Row, rows: list[Row]) -> Row | None:
    """The figure a percent change is about: its label's head ("Start-ups: change over 2017"), else the
    nearest non-percent figure before it in the same statement."""
    same = [r for r in rows if _str(r, "statement") == _str(pct, "statement") and _str(r, "kind") != "percent"
            and not _missing(r.get("char_start")) and not _missing(pct.get("char_start"))
            and int(r["char_start"]) < int(pct["char_start"])]
    head = _str(pct, "label").split(":")[0].strip().lower()
    named = [r for r in same if _str(r, "label").strip().lower() == head]
    pick = named or same
    return max(pick, key=lambda r: int(r["char_start"])) if pick else None


def _base_value(pct: Row, subject: Row, pool: list[Row]) -> Row | None:
    """The same indicator stated for the base period: same key, period starting where the change does."""
    key = re.sub(r"-\d+$", "", _str(subject, "figure_key"))
    for row in pool:
        if re.sub(r"-\d+$", "", _str(row, "figure_key")) != key or _str(row, "kind") != _str(subject, "kind"):
            continue
        if _str(row, "period_start") == _str(pct, "period_start") and \
                _str(row, "period_end") and _str(row, "period_end") < _str(subject, "period_start"):
            return row
    return None


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _plain_number(value: float) -> str:
    return "nothing" if math.isnan(value) else f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def _reconciled(found: list[Any], new: pd.DataFrame) -> list[Failure] | str:
    """Mismatches as failures; a note when the edition has no table column to reconcile."""
    from factsheet.reconcile import columns

    if not columns(new):
        return "no table states figures by period here"
    return [Failure(_str(m.row, "figure_id"), _num(m.row, "value"), m.message) for m in found]


def totals_add_up(h: History) -> list[Failure] | str:
    """A table's 'Total' row equals the rows above it (reconcile.totals)."""
    from factsheet.reconcile import totals

    return _reconciled(totals(h.new.figures), h.new.figures)


def balances_add_up(h: History) -> list[Failure] | str:
    """A balance at the end of a period is the one at its start plus the rows between (reconcile.balances)."""
    from factsheet.reconcile import balances

    return _reconciled(balances(h.new.figures), h.new.figures)


def identities_hold(h: History) -> list[Failure] | str:
    """A result agrees with its terms: surplus = revenue - expenditure (reconcile.identities)."""
    from factsheet.reconcile import identities

    return _reconciled(identities(h.new.figures), h.new.figures)


def balance_continues(h: History) -> list[Failure] | str:
    """A balance at the start of a period is the one stated at the end of the period before, in this edition
    or a published one: a difference is a revision (reconcile.continuity)."""
    from factsheet.reconcile import continuity

    return _reconciled(continuity(h.new.figures, h.earlier), h.new.figures)


@dataclass(frozen=True)
class Check:
    """A registered check: its name, severity and the one-line reason it exists."""

    name: str
    severity: str
    why: str
    fn: CheckFn


CHECKS: tuple[Check, ...] = (
    Check("edition_date_later", "error", "a new edition is dated after the published one", edition_date_later),
    Check("edition_states_its_date", "warning", "a date given for an edition that prints none is taken on trust",
          edition_states_its_date),
    Check("figure_count_not_collapsed", "error",
          "under half the previous edition's figures means part of the layout was not read",
          figure_count_not_collapsed),
    Check("no_repeated_statement", "error", "a bullet read twice counts its figures twice",
          no_repeated_statement),
    Check("sign_kept", "error", "only money and percent figures are signed; a minus the value lacks means the "
          "sign was dropped", sign_kept),
    Check("kind_unchanged", "error", "the same indicator keeps its kind (count, money, ...) across editions",
          kind_unchanged),
    Check("cumulative_not_decreased", "error", "a total stated 'as at' a later date cannot be smaller",
          cumulative_not_decreased),
    Check("ranks_within_ranking", "error", "a rank cannot exceed the number of economies ranked",
          ranks_within_ranking),
    Check("value_jump_within_10x", "warning", "a tenfold move is usually a misread scale word (million/billion)",
          value_jump_within_10x),
    Check("currency_unchanged", "warning", "the same amount changing currency is usually a misread '$'",
          currency_unchanged),
    Check("percent_change_agrees", "warning", "a stated percent change should match its two stated ends",
          percent_change_agrees),
    Check("totals_add_up", "warning", "a stated total should equal its parts", totals_add_up),
    Check("balances_add_up", "warning", "a balance at the end should be the start plus the rows between",
          balances_add_up),
    Check("identities_hold", "warning", "a result should agree with its terms (surplus = revenue - expenditure)",
          identities_hold),
    Check("balance_continues", "warning", "the start of a period should be the end of the one before; a "
          "difference is a revision", balance_continues),
)


def check_history(history: History) -> list[CheckResult]:
    """Every edition-aware check over one new edition, in CHECKS order."""
    results = []
    for check in CHECKS:
        outcome = check.fn(history)
        if isinstance(outcome, str):
            results.append(CheckResult(check.name, check.severity, True, check.why, (), outcome))
        else:
            results.append(CheckResult(check.name, check.severity, not outcome, check.why, tuple(outcome)))
    return results
