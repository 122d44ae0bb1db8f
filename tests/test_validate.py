"""VALIDATE stage: the real GX suites over small frames; each bad frame must fail the rule meant for it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from frames import E1, good_frames, raw_texts

from factsheet import schema
from factsheet.errors import InputError
from factsheet.validate import (
    EXPECTATIONS_DIR,
    ValidationFailed,
    ValidationReport,
    load_suites,
    validate_frames,
    validate_or_raise,
)

Frames = dict[str, pd.DataFrame]


def _set(resource: str, row: int, **values: object) -> Callable[[Frames], None]:
    def mutate(frames: Frames) -> None:
        for column, value in values.items():
            frames[resource].loc[row, column] = value

    return mutate


def _empty_figures(frames: Frames) -> None:
    frames["figures"] = frames["figures"].iloc[0:0]


def _drop_column(frames: Frames) -> None:
    frames["figures"] = frames["figures"].drop(columns=["scope"])


# (case, mutation, resource, expectation, columns, condition, failing row id shown in the summary)
BAD = [
    ("negative count", _set("figures", 0, value=-5.0), "figures", "expect_column_values_to_be_between",
     ("value",), "kind == 'count'", "2022-06-0001"),
    ("negative duration", _set("figures", 5, value=-6.0), "figures", "expect_column_values_to_be_between",
     ("value",), "kind == 'duration'", "2022-06-0006"),
    ("money of zero", _set("figures", 1, value=0.0, value_hkd=0.0), "figures",
     "expect_column_values_to_not_be_in_set", ("value_hkd",), None, "2022-06-0002"),
    ("percent 900", _set("figures", 3, value=900.0), "figures", "expect_column_values_to_be_between",
     ("value",), "kind == 'percent'", "2022-06-0004"),
    ("rank 0", _set("figures", 4, value=0.0), "figures", "expect_column_values_to_be_between",
     ("value",), "kind == 'rank'", "2022-06-0005"),
    ("duplicated figure_id", _set("figures", 1, figure_id="2022-06-0001"), "figures",
     "expect_column_values_to_be_unique", ("figure_id",), None, "2022-06-0001"),
    ("unknown kind", _set("figures", 2, kind="weight"), "figures", "expect_column_values_to_be_in_set",
     ("kind",), None, "2022-06-0003"),
    ("label of 81 chars", _set("figures", 5, label="L" * 81), "figures",
     "expect_column_value_lengths_to_be_between", ("label",), None, "2022-06-0006"),
    ("value_text not in statement", _set("figures", 6, statement="A ratio was kept."), "figures",
     "expect_column_values_to_be_in_set", ("value_text_in_statement",), None, "2022-06-0007"),
    ("period_end before period_start", _set("figures", 3, period_end="2016-12-31"), "figures",
     "expect_column_pair_values_a_to_be_greater_than_b", ("period_end", "period_start"), None,
     "2022-06-0004"),
    ("empty figures", _empty_figures, "figures", "expect_table_row_count_to_be_between", (), None, None),
    ("missing column", _drop_column, "figures", "expect_table_columns_to_match_ordered_list", (), None, None),
    ("unknown edition", _set("figures", 0, edition_id="nowhere-2020-01"), "figures",
     "expect_column_values_to_be_in_set", ("edition_id_known",), None, "2022-06-0001"),
    ("empty span", _set("figures", 0, char_end=107), "figures",
     "expect_column_pair_values_a_to_be_greater_than_b", ("char_end", "char_start"), None, "2022-06-0001"),
    ("money in a non-ISO currency", _set("figures", 1, currency="HK$"), "figures",
     "expect_column_values_to_be_in_set", ("currency",), "kind == 'money'", "2022-06-0002"),
    ("null figure_key", _set("figures", 0, figure_key=None), "figures", "expect_column_values_to_not_be_null",
     ("figure_key",), None, "2022-06-0001"),
    ("event ends before it starts", _set("events", 1, date_end="2017-11-30"), "events",
     "expect_column_pair_values_a_to_be_greater_than_b", ("date_end", "date_start"), None, "2022-06-e002"),
    ("event date_text not in statement", _set("events", 0, date_text="in 1999"), "events",
     "expect_column_values_to_be_in_set", ("date_text_in_statement",), None, "2022-06-e001"),
    ("sha256 upper case", _set("editions", 0, sha256="A" * 64), "editions",
     "expect_column_values_to_match_regex", ("sha256",), None, E1),
    ("unknown change", _set("changes", 0, change="grew"), "changes", "expect_column_values_to_be_in_set",
     ("change",), None, f"{E1[:-7]}2023-01/wifi-hk-hotspots"),
    ("unknown match", _set("changes", 0, match="value"), "changes", "expect_column_values_to_be_in_set",
     ("match",), None, f"{E1[:-7]}2023-01/wifi-hk-hotspots"),
    ("similarity over 1", _set("changes", 0, similarity=1.5), "changes", "expect_column_values_to_be_between",
     ("similarity",), None, f"{E1[:-7]}2023-01/wifi-hk-hotspots"),
    ("pair without its match", _set("changes", 0, match=None), "changes", "expect_column_values_to_not_be_null",
     ("match",), "change IN ('changed', 'unchanged')", f"{E1[:-7]}2023-01/wifi-hk-hotspots"),
    ("added figure with a match", _set("changes", 0, change="added"), "changes",
     "expect_column_values_to_be_null", ("match",), "change IN ('added', 'removed')",
     f"{E1[:-7]}2023-01/wifi-hk-hotspots"),
]


@pytest.fixture(scope="module")
def good_report() -> ValidationReport:
    return validate_frames(good_frames())


def test_good_frames_pass_every_expectation(good_report: ValidationReport) -> None:
    assert good_report.success
    assert good_report.failures == []
    assert good_report.summary().startswith("validation passed")
    assert {r.resource for r in good_report.results} == {"figures", "events", "editions", "changes"}


@pytest.mark.parametrize("case,mutate,resource,expectation,columns,condition,row_id", BAD,
                         ids=[b[0] for b in BAD])
def test_bad_frame_fails_the_named_expectation(case, mutate, resource, expectation, columns, condition,
                                               row_id):
    frames = good_frames()
    mutate(frames)
    report = validate_frames(frames)
    assert not report.success, case
    hits = [r for r in report.failures if (r.resource, r.expectation, r.columns, r.condition)
            == (resource, expectation, columns, condition)]
    assert len(hits) == 1, report.summary()
    hit = hits[0]
    assert hit.severity == "error"
    line = next(x for x in report.summary().splitlines() if x.startswith(f"{resource}: {expectation}("))
    assert hit.line() in report.summary()
    if row_id is not None:
        expected_rows = 2 if expectation.endswith("unique") else 1  # both copies of a duplicate are named
        assert [r.id for r in hit.failing_rows] == [row_id] * expected_rows
        assert hit.unexpected_count == expected_rows
        assert f"{row_id}=" in line


def test_failing_rows_are_capped_and_counted() -> None:
    frames = good_frames()
    counts = frames["figures"][frames["figures"]["kind"] == "count"]
    big = pd.concat([counts] * (30 // len(counts)), ignore_index=True)  # 30 counts
    big["figure_id"] = [f"id-{i:03d}" for i in range(len(big))]
    big["value"] = -1.0
    frames["figures"] = big
    report = validate_frames(frames)
    hit = next(r for r in report.failures if r.columns == ("value",) and r.condition == "kind == 'count'")
    assert hit.unexpected_count == 30
    assert len(hit.failing_rows) == 20
    assert hit.failing_rows[0].id == "id-000" and hit.failing_rows[0].value == -1.0
    assert "(+10 more)" in hit.line()


def test_money_and_percent_may_be_negative() -> None:
    frames = good_frames()
    frames["figures"].loc[1, ["value", "value_hkd"]] = [-1.67e9, -1.67e9]  # "(1,670.0)" under "HK$ million"
    frames["figures"].loc[3, "value"] = -6.1  # "-6.1%"
    report = validate_frames(frames)
    assert report.success, report.summary()


def test_warning_does_not_fail_validation() -> None:
    frames = good_frames()
    frames["figures"].loc[5, "unit"] = "fortnight"  # a duration in an odd unit: suspicious, not wrong
    report = validate_frames(frames)
    assert report.success
    [warning] = report.failures
    assert (warning.severity, warning.columns) == ("warning", ("unit",))
    assert warning.condition == "kind == 'duration'"
    assert "[warning]" in report.summary()


def test_validate_or_raise_carries_the_summary() -> None:
    frames = good_frames()
    frames["figures"].loc[3, "value"] = 900.0
    frames["figures"].loc[0, "value"] = -1.0
    with pytest.raises(ValidationFailed) as info:
        validate_or_raise(frames)
    lines = str(info.value).splitlines()
    assert len(lines) == 2 and all("[error]" in x for x in lines)
    assert info.value.report.success is False
    assert validate_or_raise(good_frames()).success


def test_input_frames_are_not_modified() -> None:
    frames = good_frames()
    before = {k: v.copy() for k, v in frames.items()}
    validate_frames(frames)
    for name, df in frames.items():
        pd.testing.assert_frame_equal(df, before[name])


def test_suites_agree_with_schema() -> None:
    suites = load_suites()
    assert set(suites) == set(schema.RESOURCES)
    for name, suite in suites.items():
        entries = {(e["type"], json.dumps(e["kwargs"], sort_keys=True)) for e in suite.entries}
        assert len(entries) == len(suite.entries), f"{name}: duplicated expectation"
        [cols] = [e for e in suite.entries if e["type"] == "expect_table_columns_to_match_ordered_list"]
        assert cols["kwargs"]["column_list"] == schema.columns(name) + list(suite.derived)
        required = {f["name"] for f in schema.RESOURCES[name] if f.get("constraints", {}).get("required")}
        not_null = {e["kwargs"]["column"] for e in suite.entries if e["type"] ==
                    "expect_column_values_to_not_be_null" and "row_condition" not in e["kwargs"]}
        assert not_null == required, name
    sets = {
        (kw["column"], kw.get("row_condition", {}).get("parameter")): kw["value_set"]
        for s in suites.values() for e in s.entries if e["type"] == "expect_column_values_to_be_in_set"
        for kw in [e["kwargs"]]
    }
    assert sets[("kind", None)] == list(schema.KINDS)
    assert sets[("qualifier", None)] == list(schema.QUALIFIERS)
    assert sets[("change", None)] == list(schema.CHANGES)
    assert sets[("currency", "money")] == list(schema.CURRENCIES)


@pytest.mark.parametrize("text,problem", [
    ("{", "not a suite file"),
    ('{"resource": "figures", "expectations": [{"type": "expect_nothing_at_all", "kwargs": {}}]}',
     "expectation 0 (expect_nothing_at_all)"),
    ('{"resource": "figures", "expectations": [{"type": "expect_column_values_to_be_unique", '
     '"kwargs": {}, "severity": "fatal"}]}', "severity"),
    ('{"resource": "figures", "derived": {"nope": ""}, "expectations": []}', "unknown derived column"),
])
def test_malformed_suite_is_an_input_error(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "figures.json").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(problem)) as info:
        validate_frames(good_frames(), suites_dir=tmp_path)
    assert str(info.value).startswith(str(tmp_path / "figures.json"))
    assert "\n" not in str(info.value)


def test_a_hundred_rows_validate(good_report: ValidationReport) -> None:
    frames = good_frames()
    big = pd.concat([frames["figures"]] * 8, ignore_index=True)  # 112 figures
    big["figure_id"] = [f"id-{i:03d}" for i in range(len(big))]
    big["figure_key"] = [f"key-{i:03d}" for i in range(len(big))]
    frames["figures"] = big
    frames["editions"]["figures"] = pd.array([56, 56], dtype="Int64")
    report = validate_frames(frames)  # its speed is measured by benchmarks/bench_refresh.py, not timed here
    assert report.success and not report.failures, report.summary()


def test_suite_files_are_one_expectation_per_line() -> None:
    for path in sorted(EXPECTATIONS_DIR.glob("*.json")):
        lines = path.read_text(encoding="utf-8").splitlines()
        entries = [x for x in lines if x.startswith('  {"type": ')]
        assert len(entries) == len(json.loads("\n".join(lines))["expectations"]), path


# --- absurd values, impossible days, spans that do not spell their text -----------------------------

ABSURD = [
    # (case, mutation, expectation, column, failing row id)
    ("infinite value", _set("figures", 0, value=float("inf")), "expect_column_values_to_be_between", "value",
     "2022-06-0001"),
    ("value beyond a quadrillion", _set("figures", 0, value=2e15), "expect_column_values_to_be_between", "value",
     "2022-06-0001"),
    ("infinite value_hkd", _set("figures", 1, value_hkd=float("inf")), "expect_column_values_to_be_between",
     "value_hkd", "2022-06-0002"),
    ("30 February", _set("figures", 3, period_end="2021-02-30"), "expect_column_values_to_match_strftime_format",
     "period_end", "2022-06-0004"),
    ("31 April event", _set("events", 0, date_start="1998-04-31"), "expect_column_values_to_match_strftime_format",
     "date_start", "2022-06-e001"),
]


@pytest.mark.parametrize("case, mutate, expectation, column, row_id", ABSURD, ids=[a[0] for a in ABSURD])
def test_absurd_values_and_impossible_days_fail(case, mutate, expectation, column, row_id) -> None:
    frames = good_frames()
    mutate(frames)
    report = validate_frames(frames)
    hits = [r for r in report.failures if (r.expectation, r.columns, r.condition) == (expectation, (column,), None)]
    assert not report.success and len(hits) == 1, report.summary()
    assert [r.id for r in hits[0].failing_rows] == [row_id]


def test_spans_are_checked_against_the_raw_text() -> None:
    frames = good_frames()
    texts = raw_texts(frames)
    report = validate_frames(frames, texts=texts)
    assert report.success, report.summary()
    checked = [r for r in report.results if r.columns in (("value_text_at_span",), ("date_text_at_span",))]
    assert len(checked) == 2 and all(r.success for r in checked)


@pytest.mark.parametrize("resource, row, column, expected", [
    ("figures", 0, "value_text_at_span",
     "2022-06-0001='over 44,500' at raw/innovative-hong-kong-2022-06.txt chars 108..119 reads 'ver 44,500 '"),
    ("events", 1, "date_text_at_span",
     "2022-06-e002='in December 2017' at raw/innovative-hong-kong-2022-06.txt chars 141..157 reads "
     "'n December 2017 '"),
])
def test_a_span_off_by_one_fails_naming_file_and_row(resource: str, row: int, column: str, expected: str) -> None:
    frames = good_frames()
    texts = raw_texts(frames)
    frames[resource].loc[row, "char_start"] += 1
    frames[resource].loc[row, "char_end"] += 1
    report = validate_frames(frames, texts=texts)
    [hit] = [r for r in report.failures if r.columns == (column,)]
    assert not report.success and hit.severity == "error" and hit.unexpected_count == 1
    assert expected in hit.line()


def test_spans_up_to_whitespace_and_line_break_hyphens() -> None:
    from factsheet.validate import spells

    assert spells("HK$1.5\nbillion", "HK$1.5 billion")
    assert spells("seventh-\nlargest", "seventh-largest")
    assert spells("develop-\nment of 5", "development of 5")
    assert not spells("over\n4.5 million passengers und\n4.5", "over 4.5")
    assert not spells("", "1st")


def test_without_the_raw_text_the_span_check_is_skipped_not_passed() -> None:
    frames = good_frames()
    frames["figures"].loc[0, "char_start"] += 1
    report = validate_frames(frames)
    [check] = [r for r in report.results if r.columns == ("value_text_at_span",)]
    assert check.success and check.unexpected_count == 0  # NA rows: GX skips them
    report = validate_frames(frames, texts={})  # texts given, but not this edition's: every row fails
    [check] = [r for r in report.results if r.columns == ("value_text_at_span",)]
    assert not check.success and check.unexpected_count == 14
    assert "no text for this edition" in check.line()


def test_value_rules_are_the_suites_ranges() -> None:
    from factsheet.validate import value_rules

    rules = sorted(((r.column, r.kind or "", r.low, r.high, r.strict_low, r.excluded) for r in value_rules("figures")),
                   key=str)
    assert rules == sorted([("value", "", -1e15, 1e15, False, ()), ("value", "count", 0.0, None, False, ()),
                            ("value", "duration", 0.0, None, True, ()), ("value", "ratio", 0.0, None, True, ()),
                            ("value", "percent", -500.0, 500.0, False, ()), ("value", "rank", 1.0, 1000.0, False, ()),
                            ("value_hkd", "", -1e15, 1e15, False, ()), ("value_hkd", "", None, None, False, (0.0,))],
                           key=str)
    rule = {(r.column, r.kind): r for r in value_rules("figures") if not r.excluded}
    [zero] = [r for r in value_rules("figures") if r.excluded]
    assert zero.breaks(0.0, "money") and zero.reason(0.0, "money") == "value_hkd 0 is not allowed"
    assert not zero.breaks(5.0, "money")
    cases = [(("value", None), float("inf"), "count"), (("value", None), 2e15, "money"),
             (("value", "count"), -5.0, "count"), (("value", "percent"), 900.0, "percent"),
             (("value", None), float("nan"), "count")]
    assert all(rule[key].breaks(v, k) for key, v, k in cases)
    assert [rule[key].reason(v, k) for key, v, k in cases] == [
        "number too large", "number too large", "count -5 below 0", "percent 900 above 500", "not a number"]
    assert not rule[("value", None)].breaks(-5e9, "money")  # a deficit is a signed amount, not a misread
