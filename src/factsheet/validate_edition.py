"""`factsheet validate NEW`: judge a new edition against the published package before anything is published.

Reads, extracts and normalises NEW like `extract` does, runs the row-level suites (validate.py) and the
edition-aware checks (history.py) against the latest published edition of its source, and pairs its figures
with the published ones by what they measure (pairing.py, through diff.compare_editions), keys carried as
the refresh carries them. Nothing is written except the report a caller asks for: an editor runs this to
decide whether the edition may be published.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from factsheet import schema
from factsheet.errors import InputError
from factsheet.history import CheckResult, EditionFigures, History, check_history
from factsheet.model import Edition
from factsheet.normalise import LeftOut, inherit_keys
from factsheet.pairing import revive_keys
from factsheet.pipeline import (
    EditionData,
    edition_id_of,
    extract_frames,
    frames_for,
    standalone_edition,
    texts_of,
)
from factsheet.runs import DEFAULT_PACKAGE
from factsheet.validate import Note

CHANGE_ORDER = ("changed", "added", "removed", "unchanged")


# --- the published package ------------------------------------------------------------------------


def read_package(package_dir: Path, resources: tuple[str, ...] = ("figures", "editions")) -> dict[str, pd.DataFrame]:
    """The named resources of a published package as frames with the schema's columns and dtypes."""
    descriptor = package_dir / "datapackage.json"
    try:
        doc = json.loads(descriptor.read_text(encoding="utf-8"))
        listed = {r["name"]: r for r in doc["resources"]}
    except FileNotFoundError:
        raise InputError(f"{package_dir}: no datapackage.json (no published package to compare with)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{descriptor}: not a data package ({exc})") from None
    frames = {}
    for name in resources:
        if name not in listed:
            raise InputError(f"{descriptor}: no '{name}' resource")
        frames[name] = _typed(_read_resource(package_dir, listed[name], descriptor), name)
    return frames


def _read_resource(package_dir: Path, resource: dict[str, Any], descriptor: Path) -> pd.DataFrame:
    """A resource's rows from its CSV (preferred) or JSON file, every cell read as text."""
    paths = resource.get("path")
    paths = [paths] if isinstance(paths, str) else list(paths or [])
    paths.sort(key=lambda p: not str(p).endswith(".csv"))
    if not paths or Path(paths[0]).is_absolute() or ".." in Path(paths[0]).parts:
        raise InputError(f"{descriptor}: resource '{resource.get('name')}' has no local path in the package")
    file = package_dir / paths[0]
    try:
        if file.suffix == ".csv":
            return pd.read_csv(file, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{file}: cannot read ({exc})") from None
    if isinstance(data, dict):
        data = data.get("data", data.get(resource.get("name", ""), []))
    return pd.DataFrame(data)


def _typed(frame: pd.DataFrame, resource: str) -> pd.DataFrame:
    """Schema column order and dtypes (numbers Float64, integers Int64, the rest str with NA)."""
    out = pd.DataFrame(index=frame.index)
    for f in schema.RESOURCES[resource]:
        col = frame[f["name"]] if f["name"] in frame else pd.Series([pd.NA] * len(frame), index=frame.index)
        if f["type"] == "number":
            out[f["name"]] = pd.to_numeric(col, errors="coerce").astype("Float64")
        elif f["type"] == "integer":
            out[f["name"]] = pd.to_numeric(col, errors="coerce").astype("Int64")
        else:
            out[f["name"]] = col.astype("str").where(col.notna(), pd.NA) if len(col) else col.astype("str")
    return out


def _published_key(published: Any) -> tuple[int, ...]:
    text = "" if published is None or (not isinstance(published, str) and pd.isna(published)) else str(published)
    try:
        return tuple(int(p) for p in text.split("-")) if text else ()
    except ValueError:
        return ()


# --- the verdict ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expectation:
    """One row of the verdict's expectation table, from the row-level suites or the history checks alike."""

    name: str
    success: bool
    severity: str
    failing_rows: tuple[dict[str, Any], ...]
    unexpected_count: int
    why: str
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "success": self.success, "severity": self.severity,
                "failing_rows": [dict(r) for r in self.failing_rows], "unexpected_count": self.unexpected_count,
                "why": self.why, "note": self.note}


@dataclass(frozen=True)
class EditionVerdict:
    """Everything `factsheet validate` found about one new edition; passed = no error-severity failure."""

    edition: Edition  # with its figures and events counts
    compared_with: str | None  # the published edition_id paired against, None for a source's first
    expectations: tuple[Expectation, ...]
    changes: pd.DataFrame  # shaped like the changes resource
    kinds: dict[str, str]  # figure_key -> kind, to word relative changes
    same_file: bool = False  # the published edition compared with is this very file (a re-validation)

    @property
    def passed(self) -> bool:
        return not self.errors

    @property
    def verdict(self) -> str:
        return "passed" if self.passed else "failed"

    @property
    def errors(self) -> list[Expectation]:
        return [e for e in self.expectations if not e.success and e.severity == "error"]

    @property
    def warnings(self) -> list[Expectation]:
        return [e for e in self.expectations if not e.success and e.severity != "error"]

    def change_counts(self) -> dict[str, int]:
        counts = self.changes["change"].value_counts()
        return {c: int(counts.get(c, 0)) for c in CHANGE_ORDER}

    def change_rows(self) -> list[dict[str, Any]]:
        """The changes as JSON-ready rows in the changes resource's column order (NaN -> null)."""
        return [{c: _json_value(r[c]) for c in schema.columns("changes")} for r in self.changes.to_dict("records")]

    def relative(self, row: dict[str, Any]) -> str:
        """How a changed figure moved, worded for its kind: %, percentage points or rank places; a change that
        crosses zero says so ('negative to positive'), a revision of the same period's value too."""
        move = row.get("sign_change") or relative_change(row.get("old_value"), row.get("new_value"),
                                                         self.kinds.get(str(row["figure_key"]), ""))
        if row.get("period_change") == "same" and row.get("change") == "changed":
            move = "; ".join(m for m in (move, "revised for the same period") if m)
        return move

    @property
    def comparison(self) -> str:
        """One line: what the edition was compared with."""
        e = self.edition
        if self.same_file:
            return f"this file is published edition {self.compared_with}: validated against itself"
        return (f"compared with published edition {self.compared_with}" if self.compared_with
                else f"no published edition of {e.source_id}: every figure is new")

    def to_json(self) -> dict[str, Any]:
        """The --json object: verdict, edition, expectations, changes (see issue 5)."""
        e = self.edition
        return {
            "verdict": self.verdict,
            "edition": {"id": e.edition_id, "published": e.published or None, "figures": e.figures,
                        "events": e.events},
            "source": e.source_id,
            "compared_with": self.compared_with,
            "same_file": self.same_file,
            "expectations": [x.to_json() for x in self.expectations],
            "changes": self.change_rows(),
        }

    def text(self) -> str:
        """What the CLI prints: the verdict, each failure with its rows, then the changes."""
        e = self.edition
        lines = [f"edition {e.edition_id} ({e.published or 'undated'}): {e.figures} figures, {e.events} events"]
        lines.append(self.comparison)
        lines.append(f"verdict: {self.verdict.upper()} ({_n(len(self.errors), 'error')}, "
                     f"{_n(len(self.warnings), 'warning')}, {len(self.expectations)} expectations)")
        for title, group in (("errors", self.errors), ("warnings", self.warnings)):
            if group:
                lines.append(f"{title}:")
                for x in group:
                    lines.append(f"  - {x.name}" + (f" -- {x.why}" if x.why else ""))
                    lines += [f"      {_row_text(r)}" for r in x.failing_rows]
                    if x.unexpected_count > len(x.failing_rows):
                        lines.append(f"      (+{x.unexpected_count - len(x.failing_rows)} more)")
                    if x.note:
                        lines.append(f"      {x.note}")
        counts = self.change_counts()
        lines.append(f"changes{f' since {self.compared_with}' if self.compared_with else ''}: "
                     + ", ".join(f"{counts[c]} {c}" for c in CHANGE_ORDER))
        for row in sorted(self.change_rows(), key=lambda r: (CHANGE_ORDER.index(r["change"]), r["figure_key"])):
            if row["change"] == "unchanged":
                continue
            label = row["label"] or row["figure_key"]
            if row["change"] == "changed":
                move = self.relative(row)
                what = f"{row['old_value_text']} → {row['new_value_text']}" + (f" ({move})" if move else "")
            else:
                what = row["new_value_text"] if row["change"] == "added" else row["old_value_text"]
            lines.append(f"  {row['change']:<8} {label}: {what}")
            lines += _sides(row)
        return "\n".join(lines)


def _sides(row: dict[str, Any]) -> list[str]:
    """The old and new label and statement of a change row, and how its figures were paired."""
    out = []
    for side, word in (("old", "was"), ("new", "now")):
        if row.get(f"{side}_statement"):
            out.append(f"           {word}: {row[f'{side}_label']}: {_clip(row[f'{side}_statement'])!r}")
    if row.get("match"):
        out.append(f"           paired by {row['match']}, similarity {row['similarity']:.2f}")
    return out


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _row_text(row: dict[str, Any]) -> str:
    text = f"{row['id']}"
    if row.get("value_text") is not None:
        text += f" {row['value_text']!r}"
    if row.get("value") is not None and row.get("value") != row.get("value_text") and not row.get("message"):
        text += f" = {_fmt(row['value'])}"
    if row.get("message"):
        text += f": {row['message']}"
    return text


def _fmt(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) and not isinstance(value, Note) else str(value)


def _json_value(value: Any) -> Any:
    """A cell as JSON: missing -> None, numpy scalars -> Python, tuples -> lists."""
    if isinstance(value, (tuple, list)):
        return [_json_value(v) for v in value]
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def relative_change(old: Any, new: Any, kind: str) -> str:
    """'+3.4%', '-62 pp' for percents, 'down 3 places' for ranks (1st is top); '' when not computable."""
    old, new = _json_value(old), _json_value(new)
    if old is None or new is None or old == new:
        return ""
    if kind == "rank":
        places = int(round(old - new))
        if not places:
            return ""
        return f"{'up' if places > 0 else 'down'} {abs(places)} place{'s' if abs(places) != 1 else ''}"
    if kind == "percent":
        return f"{new - old:+.1f} pp".replace(".0 ", " ")
    if old == 0:
        return ""
    return f"{(new - old) / old * 100:+.1f}%"


# --- running --------------------------------------------------------------------------------------


def _edition_for_source(data: EditionData, source_id: str | None, currency: str, name: str) -> EditionData:
    """The edition under the given source id (ids follow the source, e.g. innovative-hong-kong-2023-01)."""
    if not source_id or source_id == data.edition.source_id:
        return data
    edition_id = edition_id_of(source_id, data.edition.published, data.edition.sha256)
    left_out: list[LeftOut] = []
    figures, events = extract_frames(data.document, data.structure, edition_id, currency, name=name,
                                     left_out=left_out)
    edition = Edition(**{**data.edition.__dict__, "edition_id": edition_id, "source_id": source_id})
    return EditionData(edition, data.document, data.structure, figures, events, tuple(left_out))


def validate_edition(path: Path, package_dir: Path = DEFAULT_PACKAGE, source_id: str | None = None,
                     currency: str = "HKD", published: str | None = None) -> EditionVerdict:
    """Validate the edition in `path` against the latest published edition of its source; publish nothing."""
    from factsheet.diff import compare_editions
    from factsheet.validate import validate_frames

    package = read_package(package_dir)  # first: a wrong --package fails before the slow stages
    data = _edition_for_source(standalone_edition(path, currency, published=published), source_id, currency,
                               str(path))
    source = data.edition.source_id
    editions, figures = package["editions"], package["figures"]
    ours = editions[editions["source_id"] == source]
    if source_id and ours.empty:
        known = ", ".join(sorted(set(editions["source_id"].dropna()))) or "none"
        raise InputError(f"{package_dir}: no published edition of source '{source_id}' (sources: {known})")
    previous = _previous(ours, data.edition.edition_id)
    new_id = data.edition.edition_id
    old_figures = figures[figures["edition_id"] == previous["edition_id"]] if previous is not None else None
    prev_id = str(previous["edition_id"]) if previous is not None else None
    if old_figures is not None:  # keep each indicator's key through rewording, as the refresh will publish it
        linked = revive_keys(inherit_keys(data.figures, old_figures), old_figures,
                             _dormant(figures, ours, old_figures))
        data = replace(data, figures=linked)
    changes = compare_editions(old_figures, data.figures, prev_id, new_id)
    report = validate_frames(frames_for([data], changes), texts=texts_of([data]))
    history = History(
        new=EditionFigures(new_id, data.edition.published or None, data.edition.sha256, data.figures,
                           data.edition.extra.get("dated_by", "document")),
        previous=None if previous is None else EditionFigures(
            prev_id or "", _text(previous["published"]), _text(previous["sha256"]), old_figures),
        earlier=figures[figures["edition_id"].isin(set(ours["edition_id"]))],
        text=data.document.text,
    )
    expectations = [_from_suite(r, data.figures) for r in report.results]
    expectations.append(_left_out(data.left_out))
    expectations += [_from_check(c, data.figures) for c in check_history(history)]
    kinds = {str(k): str(v) for k, v in zip(figures["figure_key"], figures["kind"]) if pd.notna(v)}
    kinds.update({str(k): str(v) for k, v in zip(data.figures["figure_key"], data.figures["kind"])})
    edition = Edition(**{**data.edition.__dict__, "figures": len(data.figures), "events": len(data.events)})
    same_file = previous is not None and _text(previous["sha256"]) == data.edition.sha256
    return EditionVerdict(edition, prev_id, tuple(expectations), changes, kinds, same_file)


def _dormant(figures: pd.DataFrame, editions: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """The last published figure of each key of the source that its latest edition no longer states: a new
    edition's figure may continue it (pipeline.link_editions does the same)."""
    order = sorted(editions.index, key=lambda i: (_published_key(editions.at[i, "published"]),
                                                  str(editions.at[i, "edition_id"])))
    rank = {str(editions.at[i, "edition_id"]): n for n, i in enumerate(order)}
    earlier = figures[figures["edition_id"].isin(rank) & ~figures["figure_key"].isin(previous["figure_key"])]
    earlier = earlier.assign(_rank=earlier["edition_id"].map(rank)).sort_values("_rank", kind="stable")
    return earlier.drop_duplicates("figure_key", keep="last").drop(columns="_rank")


def _text(value: Any) -> str | None:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _previous(editions: pd.DataFrame, edition_id: str) -> pd.Series | None:
    """The published edition to compare with: this very edition if published, else the latest by date."""
    if editions.empty:
        return None
    same = editions[editions["edition_id"] == edition_id]
    if not same.empty:
        return same.iloc[0]
    order = sorted(editions.index, key=lambda i: (_published_key(editions.at[i, "published"]),
                                                  str(editions.at[i, "edition_id"])))
    return editions.loc[order[-1]]


def _figure_row(figures: pd.DataFrame, figure_id: str, value: Any) -> dict[str, Any]:
    """A failing row as JSON: its id, the value the rule saw, and value_text when it is a figure."""
    row: dict[str, Any] = {"id": figure_id, "value": _json_value(value)}
    hit = figures.loc[figures["figure_id"] == figure_id, "value_text"]
    if len(hit):
        row["value_text"] = str(hit.iloc[0])
    return row


def _from_suite(result: Any, figures: pd.DataFrame) -> Expectation:
    name = f"{result.resource}: {result.expectation}({', '.join(result.columns)})"
    if result.condition:
        name += f" where {result.condition}"
    rows = tuple(_figure_row(figures, r.id, r.value) if result.resource == "figures" else
                 {"id": r.id, "value": _json_value(r.value)} for r in result.failing_rows)
    note = f"observed {result.observed}" if result.observed is not None else ""
    return Expectation(name, bool(result.success), result.severity, rows, int(result.unexpected_count),
                       result.why, note)


LEFT_OUT_WHY = ("a mention that cannot be published (a day no calendar has, a number beyond the suites' ranges, "
                "text not at its span) is left out of the edition, as refresh and extract leave it out")


def _left_out(left_out: tuple[LeftOut, ...]) -> Expectation:
    """The mentions normalising left out, as a warning row each: what refresh would publish without."""
    rows = tuple({"id": f"chars {x.char_start}..{x.char_end}", "value": None, "value_text": x.text,
                  "message": f"{x.what} left out: {x.reason}"} for x in left_out)
    return Expectation("normalise: nothing left out", not rows, "warning", rows, len(rows), LEFT_OUT_WHY)


def _from_check(result: CheckResult, figures: pd.DataFrame) -> Expectation:
    rows = tuple({**_figure_row(figures, f.id, f.value), "message": f.message} for f in result.failures)
    return Expectation(f"history: {result.name}", result.success, result.severity, rows, len(rows),
                       result.why, result.note)


# --- the CLI subcommand ---------------------------------------------------------------------------


def run_validate(args: argparse.Namespace) -> int:
    """The subcommand: print the verdict (text or JSON), write the report if asked; 0 passed, 1 failed."""
    from factsheet.api import validate

    verdict = validate(args.new, package=args.package, source=args.source, currency=args.currency,
                       published=args.published, report=args.report or None)
    if args.json:
        print(json.dumps(verdict.to_json(), ensure_ascii=False, indent=2))
    else:
        print(verdict.text())
        if args.report:
            print(f"report: {args.report}")
    sys.stdout.flush()
    return 0 if verdict.passed else 1
