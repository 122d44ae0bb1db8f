"""Compare editions, version the package and write the changelog: what a reader of a refresh needs.

Figures are paired across editions by what they measure (pairing.py: kind, unit and currency agree, then
structure, label, context and period, as one assignment with a threshold). A pair is one change row that
carries both labels and statements, how it was paired and its similarity; a figure left unpaired is added
or removed, never "changed". The row's figure_key is the one the new edition's figure gets by
pairing.assign_keys (its old figure's key), so compare_editions(old, inherit_keys(new, old)) gives the same
rows as compare_editions(old, new).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pandas as pd

from factsheet import schema

NEEDED = ("figure_key", "value", "value_text", "label")
DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")  # an edition's own date: YYYY, YYYY-MM or YYYY-MM-DD
VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)")
HEADING = re.compile(r"## (\d+)\.(\d+)\.(\d+)\b")
CHANGELOG_HEADER = "# Changelog\n\nWhat changed in each version of the data package, newest first.\n"
# A value_text that states a rank: ordinal numbers, "No.3", ordinal words, "largest".
RANK = re.compile(
    r"\b(\d+(st|nd|rd|th)|no\.\s*\d+|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|top|largest|biggest|highest)\b",
    re.IGNORECASE,
)
_DTYPES = {"string": "str", "number": "float64"}


def compare_editions(
    old: pd.DataFrame | None, new: pd.DataFrame, from_edition: str | None, to_edition: str
) -> pd.DataFrame:
    """The changes rows from one edition's figures to the next (old None: a source's first edition).

    changed = the value or its sign (a loss that became a gain) differs; wording alone is not a change.
    label is the new label, else the old. Rows are ordered by figure_key (to_edition is the same for all).
    """
    from factsheet.pairing import assign_keys, pair_figures, period_change, profiles

    _check(new, to_edition, "new")
    if old is not None:
        _check(old, from_edition, "old")
    olds = _records(old)
    news = _records(new)
    old_profiles, new_profiles = profiles(old) if olds else [], profiles(new) if news else []
    pairs = pair_figures(old, new) if olds and news else []
    keys = assign_keys([str(r["figure_key"]) for r in olds], [str(r["figure_key"]) for r in news], pairs)
    rows: list[dict[str, Any]] = []
    paired_old = {p.old for p in pairs}
    paired_new = {p.new for p in pairs}
    for p in pairs:
        a, b = old_profiles[p.old], new_profiles[p.new]
        o, n = olds[p.old], news[p.new]
        change = "changed" if _differs(o, n) or a.sign * b.sign < 0 else "unchanged"
        rows.append(_row(from_edition, to_edition, keys[p.new], change, o, n, p.match, p.similarity,
                         period_change(a.period, b.period), _sign_change(a.sign, b.sign)))
    rows += [_row(from_edition, to_edition, keys[j], "added", None, n)
             for j, n in enumerate(news) if j not in paired_new]
    rows += [_row(from_edition, to_edition, str(o["figure_key"]), "removed", o, None)
             for i, o in enumerate(olds) if i not in paired_old]
    rows.sort(key=lambda r: (r["figure_key"], r["change"]))
    return _frame(rows)


def _records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    return [] if frame is None or frame.empty else frame.to_dict("records")


def _row(from_edition: str | None, to_edition: str, key: str, change: str, o: dict[str, Any] | None,
         n: dict[str, Any] | None, match: str = "", similarity: float = math.nan, periods: str = "",
         sign: str = "") -> dict[str, Any]:
    """One changes row in the schema's columns."""
    return {
        "from_edition": from_edition, "to_edition": to_edition, "figure_key": key, "change": change,
        "old_value": _number(o, "value"), "new_value": _number(n, "value"),
        "old_value_text": _text(o, "value_text"), "new_value_text": _text(n, "value_text"),
        "label": _text(n, "label") or _text(o, "label"),
        "old_label": _text(o, "label"), "new_label": _text(n, "label"),
        "old_statement": _text(o, "statement"), "new_statement": _text(n, "statement"),
        "old_figure_id": _text(o, "figure_id"), "new_figure_id": _text(n, "figure_id"),
        "match": match or None, "similarity": similarity, "period_change": periods or None,
        "sign_change": sign or None,
    }


def _sign_change(old: int, new: int) -> str:
    """'negative to positive' when a loss became a gain (and the reverse); '' when no sign flipped."""
    if old * new >= 0:
        return ""
    return "negative to positive" if old < 0 else "positive to negative"


def _check(frame: pd.DataFrame, edition: str | None, which: str) -> None:
    """Refuse frames that cannot be paired: missing columns, or rows of another edition mixed in."""
    missing = [c for c in NEEDED if c not in frame.columns]
    if missing and len(frame):  # an edition without figures may come as a bare empty frame
        raise ValueError(f"{which} figures lack column(s) {', '.join(missing)}")
    if edition is not None and "edition_id" in frame.columns:
        others = sorted(set(frame["edition_id"].dropna()) - {edition})
        if others:
            raise ValueError(f"{which} figures include edition(s) {', '.join(others)}, not only {edition}")


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _text(row: dict[str, Any] | None, column: str) -> str | None:
    if row is None or _missing(row.get(column)):
        return None
    return str(row[column])


def _number(row: dict[str, Any] | None, column: str) -> float:
    if row is None or _missing(row.get(column)):
        return math.nan
    return float(row[column])


def _differs(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """A figure changed when its value did (beyond float noise); wording alone is not a change."""
    a, b = _number(old, "value"), _number(new, "value")
    return math.isnan(a) != math.isnan(b) or not (math.isnan(a) or math.isclose(a, b, rel_tol=1e-12))


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a frame with exactly the changes schema's columns and dtypes (also when empty)."""
    data = {
        f["name"]: pd.Series([r[f["name"]] for r in rows], dtype=_DTYPES[f["type"]])
        for f in schema.RESOURCES["changes"]
    }
    return pd.DataFrame(data, columns=schema.columns("changes"))


def describe_changes(changes: pd.DataFrame) -> str:
    """One sentence of counts, e.g. '2 changed, 1 added, 0 removed, 40 unchanged.'"""
    counts = changes["change"].value_counts()
    kinds = ("changed", "added", "removed", "unchanged")
    return ", ".join(f"{int(counts.get(c, 0))} {c}" for c in kinds) + "."


# --- versions ------------------------------------------------------------------------------------


def next_version(
    previous: str | None, *, schema_changed: bool, new_edition: bool, rows_changed: bool
) -> str | None:
    """Semantic version of the next package: first 1.0.0; schema major, new edition minor, rows patch.

    None means nothing changed, so no new version (and nothing is republished).
    """
    if previous is None:
        return "1.0.0"
    match = VERSION.fullmatch(previous.strip())
    if not match:
        raise ValueError(f"version '{previous}' is not MAJOR.MINOR.PATCH")
    major, minor, patch = (int(g) for g in match.groups())
    if schema_changed:
        return f"{major + 1}.0.0"
    if new_edition:
        return f"{major}.{minor + 1}.0"
    if rows_changed:
        return f"{major}.{minor}.{patch + 1}"
    return None


# --- changelog -----------------------------------------------------------------------------------


def changelog_entry(version: str, date: str, changes: pd.DataFrame, summary: str,
                    rows: list[str] | None = None) -> str:
    """A Markdown entry: '## version (date)', the summary, then one plain sentence per difference.

    `date` comes from the data (the edition's own date), never the clock, so a rebuild is identical.
    A source's first edition (no from_edition) is one line, not a list of every figure. `rows`: bullets
    naming the rows a re-extraction changed (changed_rows), for a version that brings no new edition.
    """
    if not VERSION.fullmatch(version):
        raise ValueError(f"version '{version}' is not MAJOR.MINOR.PATCH")
    if not DATE.fullmatch(date):
        raise ValueError(f"date '{date}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    lines = [f"## {version} ({date})", ""]
    if summary.strip():
        lines += [" ".join(summary.split()), ""]
    bullets = (_bullets(changes) or (["- No figure changed."] if len(changes) else [])) + list(rows or [])
    if not bullets:  # nothing was compared (a re-extraction): the summary says it all
        return "\n".join(lines[:-1] if lines[-1] == "" else lines) + "\n"
    return "\n".join(lines + bullets) + "\n"


def _bullets(changes: pd.DataFrame) -> list[str]:
    rank = {"changed": 0, "added": 1, "removed": 2}
    rows = [r for r in changes.to_dict("records") if r["change"] in rank]
    first = [r for r in rows if _missing(r["from_edition"])]
    later = [r for r in rows if not _missing(r["from_edition"])]
    bullets: list[str] = []
    for edition in sorted({str(r["to_edition"]) for r in first}):
        count = sum(1 for r in first if str(r["to_edition"]) == edition)
        bullets.append(f"- First edition {edition}: {count} figure{'s' if count != 1 else ''}.")
    later.sort(key=lambda r: (str(r["to_edition"]), rank[r["change"]], str(r["figure_key"])))
    for r in later:
        label = r["label"] if not _missing(r["label"]) else r["figure_key"]
        old, new = r["old_value_text"], r["new_value_text"]
        if r["change"] == "added":
            bullets.append(f"- Added: {label}: {new}")
        elif r["change"] == "removed":
            bullets.append(f"- Removed: {label}: {old}")
        else:
            notes = [r["sign_change"] if not _missing(r.get("sign_change"))
                     else _delta(r["old_value"], r["new_value"], str(old), str(new))]
            if r.get("period_change") == "same":
                notes.append("revised for the same period")
            note = "; ".join(n for n in notes if n)
            bullets.append(f"- {label}: {old} → {new}" + (f" ({note})" if note else ""))
    return bullets


def changed_rows(before: dict[str, bytes], after: dict[str, bytes], listed: int = 5) -> list[str]:
    """Changelog bullets naming the rows of each resource that differ between two renderings of the package
    (CSV bytes by resource): '- figures: 2 rows changed (id-0012, id-0040), 1 added (id-0053).'"""
    import csv
    import io

    bullets = []
    for name in schema.RESOURCES:
        if before.get(name) == after.get(name):
            continue
        key = schema.PRIMARY_KEYS[name]

        def rows(data: bytes | None, key: list[str] = key) -> dict[str, dict[str, str]]:
            reader = csv.DictReader(io.StringIO((data or b"").decode("utf-8")))
            return {" / ".join(r[k] for k in key): r for r in reader}

        old, new = rows(before.get(name)), rows(after.get(name))
        parts = [(word, ids) for word, ids in (
            ("changed", sorted(k for k in old.keys() & new.keys() if old[k] != new[k])),
            ("added", sorted(new.keys() - old.keys())), ("removed", sorted(old.keys() - new.keys()))) if ids]
        if not parts:  # the same rows, other columns: a schema change
            bullets.append(f"- {name}: columns changed ({len(new)} rows).")
            continue
        said = [f"{len(ids)} row{'s' if len(ids) != 1 else ''} {word} ({', '.join(ids[:listed])}"
                + (f", +{len(ids) - listed} more" if len(ids) > listed else "") + ")" for word, ids in parts]
        bullets.append(f"- {name}: {', '.join(said)}.")
    return bullets


def _delta(old: float, new: float, old_text: str, new_text: str) -> str:
    """How much a value moved, in the terms its kind reads in: %, percentage points or rank places."""
    if _missing(old) or _missing(new) or old == new:
        return ""
    texts = old_text + " " + new_text
    if RANK.search(texts):
        places = int(round(old - new))
        if places == 0:
            return ""
        return f"{'up' if places > 0 else 'down'} {abs(places)} place{'s' if abs(places) != 1 else ''}"
    if "%" in texts or "per cent" in texts.lower():
        points = new - old
        return f"{points:+.1f} percentage points".replace(".0 ", " ")
    if old == 0:
        return ""
    pct = (new - old) / old * 100
    if abs(pct) < 0.05:
        return f"{'+' if pct > 0 else '-'}<0.1%"
    return f"{pct:+.1f}%"


def _version_key(entry: str) -> tuple[int, int, int]:
    match = HEADING.match(entry)
    if not match:
        raise ValueError(f"changelog entry does not start with '## MAJOR.MINOR.PATCH': {entry[:40]!r}")
    return int(match[1]), int(match[2]), int(match[3])


def render_changelog(entries: list[str]) -> str:
    """CHANGELOG.md: the header, then the entries newest version first (order given does not matter)."""
    keyed = sorted(((_version_key(e), e) for e in entries), key=lambda pair: pair[0], reverse=True)
    versions = [k for k, _ in keyed]
    duplicates = sorted({".".join(map(str, k)) for k in versions if versions.count(k) > 1})
    if duplicates:
        raise ValueError(f"changelog has more than one entry for version {', '.join(duplicates)}")
    body = "\n".join(e.rstrip("\n") + "\n" for _, e in keyed)
    return CHANGELOG_HEADER + ("\n" + body if body else "")


def read_changelog_entries(path: Path) -> list[str]:
    """The entries of an existing CHANGELOG.md, exactly as written, so history is kept byte for byte.

    render_changelog(read_changelog_entries(p)) reproduces a file render_changelog wrote; text
    before the first '## ' heading (the header) is not an entry. A missing file has no entries.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    entries: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("## "):
            entries.append([line])
        elif entries:
            entries[-1].append(line)
    return ["\n".join(lines).rstrip("\n") + "\n" for lines in entries]
