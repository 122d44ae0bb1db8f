"""VALIDATE stage: run the Great Expectations suites in expectations/*.json over the frames.

Any failing expectation of severity "error" makes the report unsuccessful, and the pipeline then publishes
nothing (validate_or_raise). Great Expectations is imported only inside the functions that need it: the
import costs seconds and hundreds of MB, which the other stages and the CLI's --help should not pay.
"""

from __future__ import annotations

import gc
import json
import math
import re
import sqlite3
import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from factsheet import schema
from factsheet.errors import InputError

EXPECTATIONS_DIR = Path(__file__).resolve().parents[2] / "expectations"
MAX_ROWS = 20  # failing rows kept per expectation: enough to act on, short enough to read
SEVERITIES = {"error": "critical", "warning": "warning"}  # ours -> GX FailureSeverity


@dataclass(frozen=True)
class FailingRow:
    """One row an expectation rejected: its primary key and the offending value(s)."""

    id: str
    value: Any


@dataclass(frozen=True)
class ExpectationResult:
    """The outcome of one suite entry, in terms a maintainer can act on without GX's result objects."""

    resource: str
    expectation: str
    columns: tuple[str, ...]
    success: bool
    severity: str  # "error" or "warning"
    unexpected_count: int
    failing_rows: tuple[FailingRow, ...]  # at most MAX_ROWS
    condition: str | None = None  # the row_condition, readable ("kind == percent")
    observed: str | None = None  # table-level observation or the exception GX raised
    why: str = ""
    missing_column: bool = False  # could not run: GX found a column it needs missing from the frame
    # (edition id, row id) of every failing row, not only the MAX_ROWS shown: a corpus leaves out each edition
    # named here; filled by a run over tables (validate_tables), which names each row's edition
    owners: tuple[tuple[str, str], ...] = ()

    def line(self) -> str:
        """One line: where, what, which rows, and why the rule exists."""
        what = f"{self.resource}: {self.expectation}({', '.join(self.columns)})"
        if self.condition:
            what += f" where {self.condition}"
        parts = [f"{what} [{self.severity}]"]
        if self.unexpected_count:
            shown = ", ".join(f"{r.id}={_fmt(r.value)}" for r in self.failing_rows)
            more = self.unexpected_count - len(self.failing_rows)
            parts.append(f"{self.unexpected_count} row(s): {shown}{f' (+{more} more)' if more > 0 else ''}")
        if self.observed is not None:
            parts.append(f"observed {self.observed}")
        if self.why:
            parts.append(f"-- {self.why}")
        return " ".join(parts)


@dataclass(frozen=True)
class ValidationReport:
    """All results of one validation run; success means no error-severity expectation failed."""

    success: bool
    results: list[ExpectationResult]

    @property
    def failures(self) -> list[ExpectationResult]:
        """Failed expectations, errors first, each group in suite order."""
        failed = [r for r in self.results if not r.success]
        return [r for r in failed if r.severity == "error"] + [r for r in failed if r.severity != "error"]

    def summary(self) -> str:
        """One line per failing expectation naming its rows; a single line when everything passed.

        Expectations that could not run because a column is missing are counted, not listed: the
        failing column-list expectation already names the columns, and 40 copies of it help nobody.
        """
        if not self.failures:
            return f"validation passed: {len(self.results)} expectations"
        lines = [r.line() for r in self.failures if not r.missing_column]
        skipped: dict[str, int] = {}
        for r in self.failures:
            if r.missing_column:
                skipped[r.resource] = skipped.get(r.resource, 0) + 1
        lines += [f"{res}: {n} more expectation(s) could not run: columns missing"
                  for res, n in skipped.items()]
        return "\n".join(lines)


class ValidationFailed(Exception):
    """Raised by validate_or_raise so that a failed validation publishes nothing; str() is the summary."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(report.summary())
        self.report = report


# --- derived columns ------------------------------------------------------------------------------
# GX checks one table, one row at a time: rules that span two columns by substring or two tables are
# computed here into boolean columns on a copy of the frame, and the suites expect them to be True.
# A row whose inputs are missing gets NA, which GX skips (the not-null expectations report it instead).


@dataclass(frozen=True)
class Context:
    """What the derived columns may look at besides the row: the other frames and each edition's raw text."""

    frames: Mapping[str, pd.DataFrame]
    texts: Mapping[str, str] | None  # edition_id -> the text char_start/char_end index; None: not at hand
    # resource -> edition_id -> rows, when that resource's rows are not all in `frames` (a corpus validates
    # its editions once, after the chunks whose figures and events it counted)
    row_counts: Mapping[str, Mapping[str, int]] | None = None

    def rows_per_edition(self, resource: str) -> Mapping[str, int] | None:
        """How many rows of resource each edition has: counted here, or as given; None when unknown."""
        if self.row_counts is not None and resource in self.row_counts:
            return self.row_counts[resource]
        rows = self.frames.get(resource)
        if rows is None or "edition_id" not in rows:
            return None
        return rows["edition_id"].value_counts().to_dict()


Derive = Callable[[pd.DataFrame, Context], pd.Series]
Explain = Callable[[pd.DataFrame, int, Context], object]  # what a failing row shows


def _na(df: pd.DataFrame) -> pd.Series:
    return pd.Series(pd.NA, index=df.index, dtype="boolean")


def _contains(needle: str, hay: str) -> Derive:
    def derive(df: pd.DataFrame, ctx: Context) -> pd.Series:
        out = _na(df)
        if needle in df and hay in df:
            ok = df[needle].notna() & df[hay].notna()
            out[ok] = [str(n) in str(h) for n, h in zip(df.loc[ok, needle], df.loc[ok, hay])]
        return out

    return derive


def _known_edition(column: str) -> Derive:
    def derive(df: pd.DataFrame, ctx: Context) -> pd.Series:
        out = _na(df)
        editions = ctx.frames.get("editions")
        has_ids = editions is not None and "edition_id" in editions
        known = set(editions["edition_id"].dropna()) if has_ids else set()
        if column in df:
            ok = df[column].notna()
            out[ok] = df.loc[ok, column].isin(known).to_numpy()
        return out

    return derive


def _counted(resource: str) -> Derive:
    def derive(df: pd.DataFrame, ctx: Context) -> pd.Series:
        out = _na(df)
        counts = ctx.rows_per_edition(resource)
        if resource in df and "edition_id" in df and counts is not None:
            ok = df[resource].notna() & df["edition_id"].notna()
            out[ok] = [int(n) == int(counts.get(e, 0)) for e, n in zip(df.loc[ok, "edition_id"],
                                                                       df.loc[ok, resource])]
        return out

    return derive


_SPACE = re.compile(r"\s+")
_BREAK_HYPHEN = re.compile(r"[-\u00ad]\s*\n\s*")  # "develop-\nment": the hyphen a line break added


def spells(raw: str, text: str) -> bool:
    """Whether a span of the raw text reads `text` up to whitespace (a line break where text has a space,
    or a hyphen the line break added): the promise char_start/char_end make about value_text."""
    want = _SPACE.sub("", text)
    return _SPACE.sub("", raw) == want or _SPACE.sub("", _BREAK_HYPHEN.sub("", raw)) == want


_SPAN = ("edition_id", "char_start", "char_end")


def _raw_span(df: pd.DataFrame, pos: int, ctx: Context) -> str | None:
    """The raw text a row's char_start..char_end covers, None when its edition's text is not at hand."""
    edition, start, end = (df.at[pos, c] for c in _SPAN)
    return _span_of((ctx.texts or {}).get(str(edition)), start, end)


def _at_span(column: str) -> Derive:
    """column spells what char_start..char_end cover in its edition's raw text; NA when no text was given."""
    def derive(df: pd.DataFrame, ctx: Context) -> pd.Series:
        out = _na(df)
        if ctx.texts is None or column not in df or not all(c in df for c in _SPAN):
            return out
        texts = ctx.texts
        values = []
        for value, edition, start, end in zip(df[column], *(df[c] for c in _SPAN)):
            if _missing(value):
                values.append(pd.NA)
                continue
            raw = _span_of(texts.get(str(edition)), start, end)
            values.append(raw is not None and spells(raw, str(value)))
        out[:] = values
        return out

    return derive


def _span_of(text: str | None, start: object, end: object) -> str | None:
    """text[start:end], '' for a span outside it, None when the text or a bound is missing."""
    if text is None or _missing(start) or _missing(end):
        return None
    start, end = int(start), int(end)  # type: ignore[call-overload]
    return text[start:end] if 0 <= start < end <= len(text) else ""


class Note(str):
    """A failing row's explanation (file, span, what it reads), printed whole rather than cut like a value."""


def _where(column: str) -> Explain:
    """'$5 billion' at raw/x/text.txt chars 120..131 reads 'Blueprint\n$5': names the file and the span."""
    def explain(df: pd.DataFrame, pos: int, ctx: Context) -> object:
        editions = ctx.frames.get("editions")
        edition = df.at[pos, "edition_id"]
        files = editions.loc[editions["edition_id"] == edition, "raw_path"] if editions is not None and \
            "raw_path" in editions else pd.Series(dtype="str")
        where = str(files.iloc[0]) if len(files) and not _missing(files.iloc[0]) else f"edition {edition}"
        raw = _raw_span(df, pos, ctx)
        reads = "no text for this edition" if raw is None else f"reads {_fmt(raw, 40)}"
        span = f"{df.at[pos, 'char_start']}..{df.at[pos, 'char_end']}"
        return Note(f"{_fmt(df.at[pos, column], 40)} at {where} chars {span} {reads}")

    return explain


def _show(column: str) -> Explain:
    def explain(df: pd.DataFrame, pos: int, ctx: Context) -> object:
        return df.at[pos, column] if column in df else None

    return explain


# name -> (function, what a failing row shows)
DERIVED: dict[str, tuple[Derive, Explain]] = {
    "value_text_in_statement": (_contains("value_text", "statement"), _show("value_text")),
    "date_text_in_statement": (_contains("date_text", "statement"), _show("date_text")),
    "value_text_at_span": (_at_span("value_text"), _where("value_text")),
    "date_text_at_span": (_at_span("date_text"), _where("date_text")),
    "edition_id_known": (_known_edition("edition_id"), _show("edition_id")),
    "to_edition_known": (_known_edition("to_edition"), _show("to_edition")),
    "figures_counted": (_counted("figures"), _show("figures")),
    "events_counted": (_counted("events"), _show("events")),
}


@dataclass(frozen=True)
class ValueRule:
    """A suite's range rule on a number column, e.g. value between 1 and 1000 where kind == rank, or a set
    of values it forbids (value_hkd never 0).

    The frame builder (normalise) applies the very same rules in plain Python, so a number the gate would
    reject is left out of its edition with a warning instead of failing the whole package.
    """

    column: str
    kind: str | None  # the rule holds only for this kind; None: for every row
    low: float | None
    high: float | None
    strict_low: bool = False
    strict_high: bool = False
    excluded: tuple[float, ...] = ()  # values the suite forbids outright (money converted to HK$0)

    def breaks(self, value: float, kind: str) -> bool:
        if self.kind is not None and kind != self.kind:
            return False
        if not math.isfinite(value) or value in self.excluded:
            return True
        below = self.low is not None and (value <= self.low if self.strict_low else value < self.low)
        above = self.high is not None and (value >= self.high if self.strict_high else value > self.high)
        return below or above

    def reason(self, value: float, kind: str) -> str:
        """Why, in a few words: 'number too large', 'percent 900 above 500', 'rank 0 below 1'."""
        if math.isnan(value):
            return "not a number"
        if not math.isfinite(value) or (self.kind is None and self.high is not None and value > self.high):
            return "number too large"
        number = str(int(value)) if value.is_integer() and abs(value) < 1e16 else f"{value:g}"
        what = f"{self.kind or kind} {number}" if self.column == "value" else f"{self.column} {number}"
        if value in self.excluded:
            return f"{what} is not allowed"
        if self.low is not None and (value <= self.low if self.strict_low else value < self.low):
            return f"{what} {'not above' if self.strict_low else 'below'} {self.low:g}"
        return f"{what} above {self.high:g}"


@cache
def value_rules(resource: str, directory: Path = EXPECTATIONS_DIR) -> tuple[ValueRule, ...]:
    """The error-severity range rules of a resource's suite on its number columns, in suite order."""
    numbers = {f["name"] for f in schema.RESOURCES.get(resource, []) if f["type"] == "number"}
    suite = load_suites(directory).get(resource)
    rules = []
    for i, entry in enumerate(suite.entries if suite else []):
        kwargs = entry.get("kwargs", {})
        ranged = entry["type"] in ("expect_column_values_to_be_between", "expect_column_values_to_not_be_in_set")
        if not ranged or kwargs.get("column") not in numbers or entry.get("severity", "error") != "error":
            continue
        cond = kwargs.get("row_condition")
        if cond is not None and not (isinstance(cond, dict) and cond.get("type") == "comparison"
                                     and cond.get("column", {}).get("name") == "kind" and cond.get("operator") == "=="):
            raise InputError(f"{suite.path}: expectation {i}: a range rule on {kwargs['column']} may only be "
                             f"conditioned on kind == ... (the frame builder applies it too)")
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        rules.append(ValueRule(kwargs["column"], cond["parameter"] if cond else None,
                               None if low is None else float(low), None if high is None else float(high),
                               bool(kwargs.get("strict_min")), bool(kwargs.get("strict_max")),
                               tuple(float(v) for v in kwargs.get("value_set", ()))))
    return tuple(rules)


# --- suites ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suite:
    """A suite file as written: the resource, its derived columns and the entries in file order."""

    resource: str
    derived: dict[str, str]
    entries: list[dict[str, Any]]
    path: Path


def load_suites(directory: Path = EXPECTATIONS_DIR) -> dict[str, Suite]:
    """Read every expectations/*.json; a malformed file is an InputError naming it."""
    suites: dict[str, Suite] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            resource, derived, entries = doc["resource"], doc.get("derived", {}), doc["expectations"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}: not a suite file ({exc})") from None
        for name in derived:
            if name not in DERIVED:
                raise InputError(f"{path}: unknown derived column {name!r}")
        for i, entry in enumerate(entries):
            if entry.get("severity", "error") not in SEVERITIES or "type" not in entry:
                raise InputError(f"{path}: expectation {i} needs a type and severity error or warning")
        suites[resource] = Suite(resource, dict(derived), list(entries), path)
    if not suites:
        raise InputError(f"{directory}: no expectation suites (*.json)")
    return suites


def _gx_suite(suite: Suite) -> Any:
    """The suite as a GX ExpectationSuite; each expectation's meta.index points back at its entry."""
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    out = gx.ExpectationSuite(name=suite.resource)
    for i, entry in enumerate(suite.entries):
        try:
            config = ExpectationConfiguration(
                type=entry["type"],
                kwargs=dict(entry.get("kwargs", {})),
                meta={"index": i},
                severity=SEVERITIES[entry.get("severity", "error")],
            )
            out.add_expectation(config.to_domain_obj())
        except Exception as exc:  # GX raises many types for a bad entry; all mean "fix this line"
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(f"{suite.path}: expectation {i} ({entry['type']}): {first}") from None
    return out


def _cached_gx_suite(suite: Suite) -> Any:
    """The GX suite of a suite file's current entries, built once per process (a corpus validates chunk after
    chunk with the same suites; building them again cost a tenth of each run)."""
    key = f"suite:{suite.resource}:{json.dumps(suite.entries, sort_keys=True)}"
    if key not in _GX:
        _GX[key] = _gx_suite(suite)
    return _GX[key]


_LOCK = threading.Lock()  # GX contexts are not documented thread-safe; Prefect may run tasks in threads
_GX: dict[str, Any] = {}


def _context() -> Any:
    """One ephemeral GX context per process, quiet, its objects frozen out of the garbage collector."""
    if "context" not in _GX:
        import logging

        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        # GX announces its temporary docs directory at INFO through Prefect's handlers: noise for a summary
        for name in [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")] + [
                "great_expectations"]:
            logging.getLogger(name).setLevel(logging.WARNING)
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        _GX["context"] = context
        # GX's modules and context are some 400,000 objects that live as long as the process: out of every later
        # collection, the rest of the process runs faster (a full collection took 0.5 s)
        gc.collect()
        gc.freeze()
    return _GX["context"]


def _batch_definition(resource: str) -> Any:
    """A whole-dataframe batch definition for the resource, from the process's context."""
    if "source" not in _GX:
        _GX["source"] = _context().data_sources.add_pandas("factsheet")
    key = f"batch:{resource}"
    if key not in _GX:
        asset = _GX["source"].add_dataframe_asset(resource)
        _GX[key] = asset.add_batch_definition_whole_dataframe("whole")
    return _GX[key]


# --- running --------------------------------------------------------------------------------------


def validate_frames(frames: dict[str, pd.DataFrame], suites_dir: Path = EXPECTATIONS_DIR,
                    texts: Mapping[str, str] | None = None, resources: Collection[str] | None = None,
                    row_counts: Mapping[str, Mapping[str, int]] | None = None) -> ValidationReport:
    """Validate every frame that has a suite (or those of `resources`); a missing frame is validated as an
    empty table.

    `texts` (edition_id -> the edition's raw text) lets the span checks read char_start..char_end; every
    caller that has the editions passes it. Without it those checks are skipped, not passed. `row_counts`
    stands in for the figures and events frames in the editions' count checks (see Context).
    """
    suites = load_suites(suites_dir)
    ctx = Context(frames, texts, row_counts)
    results: list[ExpectationResult] = []
    with _LOCK:
        for resource in sorted(suites, key=_resource_order):
            if resources is not None and resource not in resources:
                continue
            suite = suites[resource]
            df = _with_derived(frames.get(resource), suite, ctx)
            batch = _batch_definition(resource).get_batch(batch_parameters={"dataframe": df})
            run = batch.validate(_cached_gx_suite(suite), result_format={"result_format": "COMPLETE"})
            by_index = {int(r.expectation_config.meta["index"]): r for r in run.results}
            for i, entry in enumerate(suite.entries):
                results.append(_result(suite, entry, by_index[i], df, ctx))
    success = all(r.success for r in results if r.severity == "error")
    return ValidationReport(success=success, results=results)


def validate_or_raise(
    frames: dict[str, pd.DataFrame], suites_dir: Path = EXPECTATIONS_DIR, texts: Mapping[str, str] | None = None
) -> ValidationReport:
    """validate_frames, raising ValidationFailed when an error-severity expectation failed."""
    report = validate_frames(frames, suites_dir, texts)
    if not report.success:
        raise ValidationFailed(report)
    return report


# --- a corpus: one run over tables on disk -------------------------------------------------------------------
# A corpus's frames are appended chunk by chunk to an SQLite file with their derived columns (computed while the
# chunk's texts are at hand); Great Expectations then checks every table in one run through SQL, so memory holds a
# chunk however large the corpus. The suites are the same files; GX 1.24 has no SQL form of
# match_strftime_format, which _register_sql_strftime supplies (the strptime check its pandas form makes).

SQL_TYPES = {"string": "TEXT", "date": "TEXT", "datetime": "TEXT", "integer": "INTEGER", "number": "REAL"}
OWNER_COLUMNS = {"figures": "edition_id", "events": "edition_id", "editions": "edition_id", "changes": "to_edition"}


@dataclass
class Tables:
    """An SQLite file holding a corpus's frames as they are appended; validate_tables checks it in one run."""

    path: Path
    suites_dir: Path = EXPECTATIONS_DIR
    rows: dict[str, int] = field(default_factory=dict)  # resource -> rows appended so far

    def append(self, frames: Mapping[str, pd.DataFrame], resources: Collection[str],
               texts: Mapping[str, str] | None = None,
               row_counts: Mapping[str, Mapping[str, int]] | None = None) -> None:
        """Append the resources' frames with their derived columns (texts and row_counts: see Context). The
        first append readies GX too (seconds of import), while the caller's workers extract later documents."""
        _register_sql_strftime()
        suites = load_suites(self.suites_dir)
        ctx = Context(frames, texts, row_counts)
        connection = sqlite3.connect(self.path)
        try:
            for resource in resources:
                df = _with_derived(frames.get(resource), suites[resource], ctx)
                df.to_sql(resource, connection, if_exists="append", index=False,
                          dtype=_sql_types(resource, df, suites[resource]))
                self.rows[resource] = self.rows.get(resource, 0) + len(df)
            connection.commit()
        finally:
            connection.close()


def _sql_types(resource: str, df: pd.DataFrame, suite: Suite) -> dict[str, str]:
    """Column types as the schema declares them (a number compares as a number), the derived checks boolean."""
    types = {f["name"]: SQL_TYPES[f["type"]] for f in schema.RESOURCES.get(resource, []) if f["name"] in df}
    return {**types, **{name: "BOOLEAN" for name in suite.derived if name in df}}


def validate_tables(tables: Tables) -> ValidationReport:
    """Every table of `tables` in one Great Expectations run (SQL over the file), with the same suites and
    results as validate_frames; each failing row also names its edition (ExpectationResult.owners)."""
    suites = load_suites(tables.suites_dir)
    results: list[ExpectationResult] = []
    with _LOCK:
        source = _sql_source(tables.path)
        try:
            for resource in sorted(suites, key=_resource_order):
                if resource in tables.rows:
                    results += _validate_table(source, suites[resource], _table_columns(tables.path, resource))
        finally:
            _context().data_sources.delete(source.name)
    success = all(r.success for r in results if r.severity == "error")
    return ValidationReport(success=success, results=results)


def _validate_table(source: Any, suite: Suite, columns: list[str]) -> list[ExpectationResult]:
    """One table's suite; failing rows come back as their primary key and edition (no positions in SQL)."""
    keys = [*schema.PRIMARY_KEYS.get(suite.resource, []), OWNER_COLUMNS.get(suite.resource)]
    asset = source.add_table_asset(suite.resource, table_name=suite.resource)
    batch = asset.add_batch_definition_whole_table("whole").get_batch()
    run = batch.validate(_cached_gx_suite(suite), result_format={
        "result_format": "COMPLETE", "unexpected_index_column_names": list(dict.fromkeys(k for k in keys if k))})
    by_index = {int(r.expectation_config.meta["index"]): r for r in run.results}
    empty, ctx = pd.DataFrame(columns=columns), Context({}, None)
    return [_result(suite, entry, by_index[i], empty, ctx) for i, entry in enumerate(suite.entries)]


def _table_columns(path: Path, table: str) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
    finally:
        connection.close()


def _sql_source(path: Path) -> Any:
    """A GX SQLite data source on the file whose connections know factsheet_strptime."""
    import sqlalchemy as sa

    _register_sql_strftime()
    _GX["sql"] = _GX.get("sql", 0) + 1
    source = _context().data_sources.add_sqlite(f"tables-{_GX['sql']}", connection_string=f"sqlite:///{path}")
    engine = source.get_execution_engine().engine
    sa.event.listen(engine, "connect", _sqlite_functions)
    engine.dispose()  # GX tested the connection before the listener: the next one is opened with the function
    return source


def _sqlite_functions(connection: Any, _record: Any) -> None:
    connection.create_function("factsheet_strptime", 2, _strptime, deterministic=True)


def _strptime(value: object, strftime_format: str) -> int | None:
    """1 when the text parses with the format (a day that exists), 0 when not, NULL for NULL."""
    if value is None:
        return None
    try:
        datetime.strptime(str(value), strftime_format)  # noqa: DTZ007 - a format check, no time zone involved
    except ValueError:
        return 0
    return 1


def _register_sql_strftime() -> None:
    """Give GX's SQL engine the match_strftime_format metric it lacks, as a call of factsheet_strptime."""
    if "strftime" in _GX:
        return
    _context()
    import sqlalchemy as sa
    from great_expectations.execution_engine import SqlAlchemyExecutionEngine
    from great_expectations.expectations.metrics.column_map_metrics.column_values_match_strftime_format import (
        ColumnValuesMatchStrftimeFormat,
    )
    from great_expectations.expectations.metrics.map_metric_provider import column_condition_partial

    class SqlStrftimeFormat(ColumnValuesMatchStrftimeFormat):  # defining it registers it with GX
        @column_condition_partial(engine=SqlAlchemyExecutionEngine)
        def _sqlalchemy(cls, column: Any, strftime_format: str, **kwargs: Any) -> Any:
            return sa.func.factsheet_strptime(column, sa.literal(strftime_format)) == 1

    _GX["strftime"] = SqlStrftimeFormat


def _resource_order(resource: str) -> tuple[int, str]:
    order = list(schema.RESOURCES)
    return (order.index(resource) if resource in order else len(order), resource)


def _with_derived(frame: pd.DataFrame | None, suite: Suite, ctx: Context) -> pd.DataFrame:
    """A copy with a positional index (GX reports failing rows by index) and the derived columns appended."""
    df = (frame if frame is not None else pd.DataFrame()).reset_index(drop=True).copy()
    for name in suite.derived:
        df[name] = DERIVED[name][0](df, ctx)
    return df


def _result(suite: Suite, entry: dict[str, Any], res: Any, df: pd.DataFrame, ctx: Context) -> ExpectationResult:
    kwargs = entry.get("kwargs", {})
    columns = tuple(
        c
        for key in ("column", "column_A", "column_B")
        if isinstance(c := kwargs.get(key), str)
    ) or (tuple(kwargs["column_list"]) if "column_list" in kwargs and "table" not in entry["type"] else ())
    body: dict[str, Any] = dict(res.result or {})
    error = _exception(res.exception_info)
    observed = error
    if error is None and entry["type"].startswith("expect_table_columns"):
        observed = _column_mismatch(list(kwargs.get("column_list") or kwargs.get("column_set") or []), df)
    elif error is None and "observed_value" in body:
        observed = _fmt(body["observed_value"], 300)
    count = int(body.get("unexpected_count") or 0)
    rows: list[FailingRow] = []
    owners: tuple[tuple[str, str], ...] = ()
    if count:
        index = body.get("unexpected_index_list") or []
        values = body.get("unexpected_list") or []
        explain = DERIVED[columns[0]][1] if columns and columns[0] in suite.derived else None
        for pos, value in list(zip(index, values))[:MAX_ROWS]:
            if explain is not None and isinstance(pos, int) and 0 <= pos < len(df):
                value = explain(df, pos, ctx)
            rows.append(FailingRow(_row_id(suite.resource, df, pos), _plain(value)))
        owner = OWNER_COLUMNS.get(suite.resource)
        owners = tuple((str(pos[owner]), _row_id(suite.resource, df, pos)) for pos in index
                       if isinstance(pos, dict) and not _missing(pos.get(owner)))
    return ExpectationResult(
        resource=suite.resource,
        expectation=entry["type"],
        columns=columns,
        success=bool(res.success) and error is None,
        severity=entry.get("severity", "error"),
        unexpected_count=count,
        failing_rows=tuple(rows),
        condition=_condition_text(kwargs.get("row_condition")),
        observed=None if res.success and error is None else observed,
        why=entry.get("why", ""),
        missing_column=error is not None and _MISSING_COLUMN.search(error) is not None,
        owners=owners,
    )


# How GX 1.24 words a missing column: in a column domain, and in a row_condition's pandas eval.
_MISSING_COLUMN = re.compile(r'The column "[^"]*" in BatchData does not exist|name \'[^\']*\' is not defined')


def _column_mismatch(expected: list[str], df: pd.DataFrame) -> str:
    """What is wrong with the columns, in words (GX's observed value is the whole list)."""
    actual = [str(c) for c in df.columns]
    missing = [c for c in expected if c not in actual]
    extra = [c for c in actual if c not in expected]
    if not missing and not extra:
        return "columns out of schema order"
    return "; ".join(
        f"{label} {', '.join(cols)}" for label, cols in (("missing", missing), ("unexpected", extra)) if cols
    )


def _exception(info: Any) -> str | None:
    """The first exception GX caught while computing the expectation's metrics, if any."""
    if not isinstance(info, dict):
        return None
    found = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    for item in found:
        if item.get("raised_exception"):
            message = str(item.get("exception_message") or "exception").strip().splitlines()
            return (message[0] if message else "exception")[:200]
    return None


def _row_id(resource: str, df: pd.DataFrame, pos: Any) -> str:
    """The row's primary key: read from the frame at a position (pandas), or given with the row (SQL)."""
    keys = schema.PRIMARY_KEYS.get(resource, [])
    if isinstance(pos, dict):
        values = [pos.get(k) for k in keys]
        return "/".join(str(v) for v in values) if keys and not any(_missing(v) for v in values) else "#?"
    if isinstance(pos, int) and keys and all(k in df for k in keys) and 0 <= pos < len(df):
        values = [df.at[pos, k] for k in keys]
        if all(not _missing(v) for v in values):
            return "/".join(str(v) for v in values)
    return f"#{pos}"


def _condition_text(cond: Any) -> str | None:
    """'kind == percent' from the JSON form of a GX row condition."""
    if not isinstance(cond, dict):
        return None if cond is None else str(cond)
    if cond.get("type") in ("and", "or"):
        parts = (_condition_text(c) for c in cond.get("conditions", []))
        return f" {cond['type']} ".join(p for p in parts if p)
    if cond.get("type") == "nullity":
        return f"{cond['column']['name']} is {'' if cond.get('is_null') else 'not '}null"
    if cond.get("type") == "comparison":
        return f"{cond['column']['name']} {cond['operator']} {_fmt(cond['parameter'])}"
    return json.dumps(cond)


def _missing(value: Any) -> bool:
    try:
        return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def _plain(value: Any) -> Any:
    """numpy/pandas scalars -> Python, missing -> None, tuples kept: values a report can print and compare."""
    if isinstance(value, (tuple, list)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if _missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _fmt(value: Any, width: int = 60) -> str:
    """Short printable form: integral floats without '.0', long strings cut."""
    value = _plain(value)
    if isinstance(value, Note):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, str):
        text = repr(value if len(value) <= width else value[: width - 3] + "...")
    elif isinstance(value, tuple):
        text = "(" + ", ".join(_fmt(v, width) for v in value) + ")"
    else:
        text = repr(value)
    return text if len(text) <= width + 5 else text[:width] + "..."
