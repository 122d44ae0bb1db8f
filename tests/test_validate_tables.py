"""A corpus's one validation run: GX through SQL over the spooled tables gives the results the pandas run gives on
the same frames, expectation by expectation and row by row, with the same suites (strftime included)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from frames import good_frames
from test_validate import ABSURD, BAD

from factsheet.validate import (
    OWNER_COLUMNS,
    ExpectationResult,
    Tables,
    ValidationReport,
    validate_frames,
    validate_tables,
)

RESOURCES = ("figures", "events", "editions", "changes")
ROW_CASES = [case for case in BAD + ABSURD if case[-1] is not None]  # those naming a row; table-level ones below


def key(result: ExpectationResult) -> tuple:
    return (result.resource, result.expectation, result.columns, result.condition, result.severity, result.success,
            result.unexpected_count, tuple(sorted(row.id for row in result.failing_rows)))


def through_sql(frames: dict[str, pd.DataFrame], where: Path) -> ValidationReport:
    tables = Tables(where / "tables.sqlite")
    tables.append(frames, RESOURCES)
    return validate_tables(tables)


def test_clean_frames_pass_in_sql_as_in_pandas(tmp_path: Path) -> None:
    frames = good_frames()
    sql = through_sql(frames, tmp_path)
    assert sql.success and [key(r) for r in sql.results] == [key(r) for r in validate_frames(frames).results]


def test_every_row_level_fault_fails_in_sql_as_in_pandas_naming_its_edition(tmp_path: Path) -> None:
    """Every bad row of test_validate's tables at once: the same failures and the same rows, each failing row's
    edition named (what a corpus leaves out)."""
    frames = good_frames()
    for case in ROW_CASES:
        case[1](frames)
    pandas, sql = validate_frames(frames), through_sql(frames, tmp_path)
    assert [key(r) for r in sql.results] == [key(r) for r in pandas.results]
    assert len(sql.failures) > len(ROW_CASES) // 2  # most faults show (a later one may overwrite an earlier cell)
    for result in sql.failures:
        editions = set(frames[result.resource][OWNER_COLUMNS[result.resource]].dropna())
        assert len(result.owners) == result.unexpected_count
        assert {e for e, _ in result.owners} <= editions | {"nowhere-2020-01"}, result.line()


@pytest.mark.parametrize("case", [c for c in BAD if c[-1] is None], ids=[c[0] for c in BAD if c[-1] is None])
def test_a_table_level_fault_fails_in_sql_naming_no_row(case: tuple, tmp_path: Path) -> None:
    frames = good_frames()
    case[1](frames)
    sql = through_sql(frames, tmp_path)
    hits = [r for r in sql.failures if (r.resource, r.expectation) == (case[2], case[3])]
    assert not sql.success and len(hits) == 1 and not hits[0].owners, sql.summary()
