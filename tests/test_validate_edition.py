"""`factsheet validate`: a new edition judged against the published package, through the real stages.

The published package is the June 2022 edition written by publish.publish_package; the next and broken
editions are that text with the edits in editions.py. History checks are also tested one by one on small
hand-made frames, so each can be seen to fail for the reason it exists.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import editions as ed
import pandas as pd
import pytest

from factsheet import cli, schema
from factsheet.history import CHECKS, EditionFigures, History, check_history
from factsheet.normalise import inherit_keys
from factsheet.pipeline import frames_for, standalone_edition
from factsheet.report import render_html, render_markdown
from factsheet.validate_edition import EditionVerdict, relative_change, validate_edition

ROOT = Path(__file__).resolve().parents[1]
FACTSHEET = Path(sys.executable).with_name("factsheet")
RECONCILING = ("totals_add_up", "balances_add_up", "identities_hold", "balance_continues")

# --- fixtures: one published package, three editions to validate ----------------------------------


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The June 2022 edition published as a real package (publish_package, frictionless-validated)."""
    return ed.build_package(tmp_path_factory.mktemp("pkg") / "datapackage")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("editions")
    out = {"next": folder / "ihk-2023-01.txt", "broken": folder / "ihk-2023-01-broken.txt"}
    out["next"].write_text(ed.next_edition_text(), encoding="utf-8")
    out["broken"].write_text(ed.broken_edition_text(), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def next_verdict(package: Path, files: dict[str, Path]) -> EditionVerdict:
    return validate_edition(files["next"], package)


@pytest.fixture(scope="module")
def broken_verdict(package: Path, files: dict[str, Path]) -> EditionVerdict:
    return validate_edition(files["broken"], package)


@pytest.fixture(scope="module")
def self_verdict(package: Path) -> EditionVerdict:
    return validate_edition(ed.PUBLISHED, package)


def _change(verdict: EditionVerdict, **match: Any) -> list[dict[str, Any]]:
    return [r for r in verdict.change_rows() if all(r[k] == v for k, v in match.items())]


# --- the next edition: every change paired --------------------------------------------------------

EXPECTED_CHANGES = (
    [pytest.param("changed", old, new, id=f"changed {old} -> {new}") for old, new in ed.CHANGED]
    + [pytest.param("unchanged", vt, vt, id=f"reworded {vt}") for vt in ed.REWORDED_UNCHANGED]
    + [pytest.param("removed", vt, None, id=f"removed {vt}") for vt in ed.REMOVED]
    + [pytest.param("added", None, vt, id=f"added {vt}") for vt in ed.ADDED]
)


@pytest.mark.parametrize("change, old, new", EXPECTED_CHANGES)
def test_next_edition_pairs_each_change(next_verdict: EditionVerdict, change: str, old: str | None,
                                        new: str | None) -> None:
    rows = _change(next_verdict, old_value_text=old, new_value_text=new)
    assert [r["change"] for r in rows] == [change], rows


def test_next_edition_has_no_other_change(next_verdict: EditionVerdict) -> None:
    expected = ({("changed", o, n) for o, n in ed.CHANGED} | {("removed", v, None) for v in ed.REMOVED}
                | {("added", None, v) for v in ed.ADDED})
    found = {(r["change"], r["old_value_text"], r["new_value_text"])
             for r in next_verdict.change_rows() if r["change"] != "unchanged"}
    assert found == expected


def test_next_edition_passes_with_its_changes_counted(next_verdict: EditionVerdict) -> None:
    assert next_verdict.verdict == "passed", next_verdict.text()
    assert next_verdict.compared_with == "innovative-hong-kong-2022-06"
    assert next_verdict.edition.edition_id == "innovative-hong-kong-2023-01"
    counts = next_verdict.change_counts()
    assert counts["changed"] >= len(ed.CHANGED) - 1 and counts["added"] >= len(ed.ADDED)
    # every figure of either edition is accounted for exactly once
    assert counts["changed"] + counts["added"] + counts["unchanged"] == next_verdict.edition.figures
    checks = {x.name: x for x in next_verdict.expectations if x.name.startswith("history: ")}
    assert set(checks) == {f"history: {c.name}" for c in CHECKS}
    assert all(x.success for x in checks.values())
    # every check had something to compare, but those that reconcile tables: the fact sheet has none
    assert {name for name, x in checks.items() if x.note} == {f"history: {c}" for c in RECONCILING}


def test_next_edition_text_lists_changes_with_relative_change(next_verdict: EditionVerdict) -> None:
    text = next_verdict.text()
    assert "verdict: PASSED" in text
    assert "changed  Wi-Fi.HK hotspots: over 44,500 → more than 46,000 (+3.4%)" in text
    assert "2nd in the World → 5th in the World (down 3 places)" in text
    assert "added    Fintech companies: Over 1,000" in text


# --- the broken edition: fails for each thing broken ----------------------------------------------

BROKEN = [
    # (expectation name starts with, the failing row's value_text, words in its message or None)
    ("history: no_repeated_statement", "over 44,500", "statement repeats"),
    ("history: figure_count_not_collapsed", None, "under half of the 53 in innovative-hong-kong-2022-06"),
]
# Numbers the suites' ranges reject are left out of the edition (as refresh and extract leave them out) and
# listed as one warning: the edition is judged on the rows it would publish.
LEFT_OUT = [
    ("No.0 hub in Asia-Pacific", "figure left out: rank 0 below 1"),
    ("over 900%", "figure left out: percent 900 above 500"),
]


@pytest.mark.parametrize("name, value_text, words", BROKEN, ids=[b[0].split(":")[1].strip() for b in BROKEN])
def test_broken_edition_fails_for_each_fault(broken_verdict: EditionVerdict, name: str, value_text: str | None,
                                             words: str | None) -> None:
    failed = [x for x in broken_verdict.errors if x.name.startswith(name)]
    assert len(failed) == 1, [x.name for x in broken_verdict.errors]
    rows = failed[0].failing_rows
    assert len(rows) == 1, rows
    assert rows[0].get("value_text") == value_text
    if words:
        assert words in rows[0]["message"]


def test_broken_edition_fails_only_for_what_was_broken(broken_verdict: EditionVerdict) -> None:
    assert broken_verdict.verdict == "failed"
    assert {x.name for x in broken_verdict.errors} == {b[0] for b in BROKEN}
    [left_out] = broken_verdict.warnings
    assert left_out.name == "normalise: nothing left out"
    assert [(r["value_text"], r["message"]) for r in left_out.failing_rows] == LEFT_OUT
    assert all(r["id"].startswith("chars ") for r in left_out.failing_rows)


def test_broken_edition_exits_1_with_messages(files: dict[str, Path], package: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["validate", str(files["broken"]), "--package", str(package)])
    out = capsys.readouterr().out
    assert code == 1
    assert "verdict: FAILED (2 errors, 1 warning" in out
    for phrase in ("'over 900%': figure left out: percent 900 above 500",
                   "'No.0 hub in Asia-Pacific': figure left out: rank 0 below 1",
                   "18 figures, under half of the 53 in innovative-hong-kong-2022-06",
                   "statement repeats innovative-hong-kong-2023-01-0005"):
        assert phrase in out


def test_warnings_alone_pass_with_exit_0(package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A fifteenfold jump is worth a look, not a block: printed under warnings, verdict passed, exit 0."""
    jumped = tmp_path / "jumped.txt"
    jumped.write_text(ed.apply(ed.published_text(), [ed.DATE_EDIT, ("• $100 million has been allocated",
                                                                    "• $1.5 billion has been allocated")]), "utf-8")
    code = cli.main(["validate", str(jumped), "--package", str(package), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and doc["verdict"] == "passed"
    failed = [x for x in doc["expectations"] if not x["success"]]
    assert [(x["name"], x["severity"]) for x in failed] == [("history: value_jump_within_10x", "warning")]
    assert failed[0]["failing_rows"][0]["message"].endswith("$100 million -> $1.5 billion is 15x larger")


# --- the published edition against itself ---------------------------------------------------------


def test_published_edition_against_itself_passes_unchanged(self_verdict: EditionVerdict) -> None:
    assert self_verdict.verdict == "passed", self_verdict.text()
    assert self_verdict.compared_with == self_verdict.edition.edition_id == "innovative-hong-kong-2022-06"
    counts = self_verdict.change_counts()
    assert counts == {"changed": 0, "added": 0, "removed": 0, "unchanged": self_verdict.edition.figures}
    assert self_verdict.edition.figures == 53
    assert all(r["old_value"] == r["new_value"] and r["old_value_text"] == r["new_value_text"]
               for r in self_verdict.change_rows())


# --- JSON and the installed command ---------------------------------------------------------------


def test_cli_json_is_one_object_shaped_as_the_issue_says(files: dict[str, Path], package: Path) -> None:
    proc = subprocess.run([str(FACTSHEET), "validate", str(files["next"]), "--package", str(package), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert list(doc) == ["verdict", "edition", "source", "compared_with", "same_file", "expectations", "changes"]
    assert doc["verdict"] == "passed"
    assert doc["edition"] == {"id": "innovative-hong-kong-2023-01", "published": "2023-01", "figures": 54,
                              "events": 8}
    assert all(set(x) >= {"name", "success", "severity", "failing_rows"} for x in doc["expectations"])
    assert {x["severity"] for x in doc["expectations"]} == {"error", "warning"}
    assert all(list(r) == schema.columns("changes") for r in doc["changes"])
    hotspots = [r for r in doc["changes"] if r["old_value_text"] == "over 44,500"]
    assert len(hotspots) == 1 and 0.4 <= hotspots[0]["similarity"] <= 1
    assert hotspots == [{"from_edition": "innovative-hong-kong-2022-06", "to_edition": "innovative-hong-kong-2023-01",
                         "figure_key": hotspots[0]["figure_key"], "change": "changed", "old_value": 44500.0,
                         "new_value": 46000.0, "old_value_text": "over 44,500",
                         "new_value_text": "more than 46,000", "label": "Wi-Fi.HK hotspots",
                         "old_label": "Wi-Fi.HK hotspots", "new_label": "Wi-Fi.HK hotspots",
                         "old_statement": "Wi-Fi Connected City: over 44,500 “Wi-Fi.HK” hotspots.",
                         "new_statement": "Wi-Fi Connected City: more than 46,000 “Wi-Fi.HK” hotspots across the city.",
                         "old_figure_id": hotspots[0]["old_figure_id"], "new_figure_id": hotspots[0]["new_figure_id"],
                         "match": "key", "similarity": hotspots[0]["similarity"], "period_change": None,
                         "sign_change": None}]


def test_json_is_deterministic(next_verdict: EditionVerdict, package: Path, files: dict[str, Path]) -> None:
    again = validate_edition(files["next"], package)
    assert json.dumps(again.to_json()) == json.dumps(next_verdict.to_json())
    assert render_html(again) == render_html(next_verdict)


@pytest.mark.parametrize("args, message", [
    (["{missing}"], "no such file"),
    (["{next}", "--package", "{empty}"], "no datapackage.json"),
    (["{next}", "--source", "no-such-source"], "no published edition of source 'no-such-source'"),
    (["{binary}"], "not a PDF"),
], ids=["missing file", "no package", "unknown source", "not a fact sheet"])
def test_bad_input_exits_2_with_one_line(args: list[str], message: str, files: dict[str, Path], package: Path,
                                         tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "binary.pdf").write_bytes(b"\x00\x01\x02 not a document \xff\xfe")
    names = {"missing": tmp_path / "missing.txt", "next": files["next"], "empty": tmp_path,
             "binary": tmp_path / "binary.pdf"}
    argv = ["validate", *[a.format(**names) for a in args]]
    if "--package" not in argv:
        argv += ["--package", str(package)]
    code = cli.main(argv)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1, err


def test_source_option_names_the_edition(package: Path, files: dict[str, Path], tmp_path: Path) -> None:
    """--source decides the edition id, so a retitled fact sheet is still compared with its own history."""
    retitled = tmp_path / "retitled.txt"
    retitled.write_text(ed.next_edition_text().replace(" Innovative Hong Kong\n", " Innovative HK\n", 1), "utf-8")
    verdict = validate_edition(retitled, package, "innovative-hong-kong")
    assert verdict.edition.edition_id == "innovative-hong-kong-2023-01"
    assert verdict.compared_with == "innovative-hong-kong-2022-06"
    assert verdict.passed, verdict.text()
    first = validate_edition(retitled, package)  # no --source: a new source, so every figure is added
    assert first.compared_with is None and first.change_counts()["added"] == first.edition.figures


def test_pdf_edition_is_validated_like_text(package: Path, tmp_path: Path) -> None:
    """NEW may be a PDF: read by content, paired with the published text edition by figure_key."""
    from pdfgen import one_column

    pdf = tmp_path / "ihk-2023-01.pdf"
    pdf.write_bytes(one_column(["• Wi-Fi Connected City: more than 46,000 “Wi-Fi.HK” hotspots.",
                                "• 8 virtual banks, 4 virtual insurers granted licences.", "(January 2023)"],
                               title="Innovative Hong Kong"))
    verdict = validate_edition(pdf, package)
    assert verdict.edition.edition_id == "innovative-hong-kong-2023-01" and verdict.edition.pages == 1
    assert [x.name for x in verdict.errors] == ["history: figure_count_not_collapsed"]
    assert [r["change"] for r in _change(verdict, old_value_text="over 44,500")] == ["changed"]
    assert [r["change"] for r in _change(verdict, old_value_text="8", new_value_text="8")] == ["unchanged"]


# --- the report -----------------------------------------------------------------------------------


def test_report_holds_verdict_expectations_and_changes(broken_verdict: EditionVerdict) -> None:
    page = render_html(broken_verdict)
    assert 'class="verdict failed">FAILED<' in page
    for x in broken_verdict.expectations:
        assert x.name.replace("'", "&#x27;") in page
    assert "over 900%" in page and "percent 900 above 500" in page
    assert page.count('<td class="c-removed">') == broken_verdict.change_counts()["removed"]
    for forbidden in ("http://", "https://", "//cdn", "<script", "<link", "<img", "url(", "@import"):
        assert forbidden not in page.lower()
    markdown = render_markdown(broken_verdict)
    assert markdown.startswith("# Innovative Hong Kong, edition 2023-01: **FAILED**")
    assert "| error | `history: figure_count_not_collapsed` |" in markdown


def test_report_escapes_text_from_the_edition(next_verdict: EditionVerdict) -> None:
    changes = next_verdict.changes.copy()
    changes.loc[0, ["label", "new_label"]] = '<script>alert("x")</script> & <img src=http://example.com/x.png>'
    hostile = EditionVerdict(next_verdict.edition, next_verdict.compared_with, next_verdict.expectations,
                             changes, next_verdict.kinds)
    page = render_html(hostile)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in page
    changes.loc[0, "new_label"] += " | `code`\n# heading"
    changes.loc[0, "change"] = "changed"
    markdown = render_markdown(EditionVerdict(next_verdict.edition, next_verdict.compared_with,
                                              next_verdict.expectations, changes, next_verdict.kinds))
    assert "<script>" not in markdown and "<img" not in markdown and "\n# heading" not in markdown
    row = next(line for line in markdown.splitlines() if "&lt;script&gt;" in line)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in row
    assert " \\| \\`code\\` # heading |" in row  # the pipe splits no cell, the ticks open no code span


@pytest.mark.parametrize("old, new, kind, expected", [
    (44500.0, 46000.0, "count", "+3.4%"),
    (1.0, 2.0, "rank", "down 1 place"),
    (5.0, 2.0, "rank", "up 3 places"),
    (90.0, 6.0, "percent", "-84 pp"),
    (1.5e9, 1.5e9, "money", ""),
    (None, 3.0, "count", ""),
    (0.0, 3.0, "count", ""),
])
def test_relative_change(old: float | None, new: float | None, kind: str, expected: str) -> None:
    assert relative_change(old, new, kind) == expected


# --- figure keys survive rewording ----------------------------------------------------------------



@pytest.mark.parametrize(
    "old, new, value_text",
    [pytest.param(*r, id=f"{r[2]}: {r[1][:40]}") for r in ed.REWORDINGS])
def test_figure_key_survives_rewording(old: str, new: str, value_text: str, tmp_path: Path) -> None:
    before = standalone_edition(ed.PUBLISHED).figures
    path = tmp_path / "reworded.txt"
    path.write_text(ed.apply(ed.published_text(), [(old, new)]), encoding="utf-8")
    after = inherit_keys(standalone_edition(path).figures, before)
    old_keys = before.loc[before["value_text"] == value_text, "figure_key"].tolist()
    new_keys = after.loc[after["value_text"] == value_text, "figure_key"].tolist()
    assert old_keys and new_keys == old_keys


# --- history checks one by one ------------------------------------------------------------------


def fig(n: int, **kw: Any) -> dict[str, Any]:
    """A figures row of edition E; kw overrides (figure_key, kind, value, value_text, statement...)."""
    row = {"figure_id": f"E-{n:04d}", "figure_key": f"key-{n}", "edition_id": "E", "label": f"Figure {n}",
           "statement": f"Statement {n}.", "value_text": "5", "kind": "count", "value": 5.0, "unit": "things",
           "qualifier": "exact", "char_start": 100 * n, "char_end": 100 * n + 1, "rule": "test"}
    row.update(kw)
    return row


def figs(rows: list[dict[str, Any]], edition: str) -> pd.DataFrame:
    frame = pd.DataFrame([{**r, "edition_id": edition, "figure_id": r["figure_id"].replace("E-", f"{edition}-")}
                          for r in rows], columns=schema.columns("figures"))
    return frame.astype({"value": "Float64", "value_hkd": "Float64", "char_start": "Int64", "char_end": "Int64"})


def history(old: list[dict[str, Any]] | None, new: list[dict[str, Any]], *, old_date: str = "2022-06",
            new_date: str | None = "2023-01", old_sha: str = "a" * 64, new_sha: str = "b" * 64,
            text: str | None = None, earlier: list[dict[str, Any]] | None = None,
            dated_by: str = "document") -> History:
    previous = None if old is None else EditionFigures("OLD", old_date, old_sha, figs(old, "OLD"))
    return History(EditionFigures("NEW", new_date, new_sha, figs(new, "NEW"), dated_by), previous,
                   figs(earlier if earlier is not None else (old or []), "OLD"), text)


MONEY = {"kind": "money", "unit": "HKD", "currency": "HKD"}


def cell(n: int, label: str, written: str, month: str = "2009-03", section: str = "TABLE 1") -> dict[str, Any]:
    """A table cell in HK$ million of the column for `month` ('2008-04..2009-03' for a year), as read from
    a fiscal release: '(41,774.0)' is negative."""
    start, _, end = month.partition("..")
    first, last = pd.Period(start, "M").start_time, pd.Period(end or start, "M").end_time
    number = float(written.strip("()").replace(",", "")) * (-1 if written.startswith("(") else 1) * 1e6
    return fig(n, label=label, value_text=written, value=number, value_hkd=number, rule="table-cell",
               section=section, period_start=first.strftime("%Y-%m-%d"), period_end=last.strftime("%Y-%m-%d"),
               statement=f"{label}, Month ended ({written})", **MONEY)


ACCOUNT = [cell(1, "Revenue", "14,838.3"), cell(2, "Expenditure", "(56,612.3)"), cell(3, "(Deficit)/", "(41,774.0)"),
           cell(4, "Financing – Banking Sector", "41,820.0"), cell(5, "Financing – Non-Banking Sector", "(46.0)")]
RESERVES = [cell(11, "Fiscal Reserves at start of period", "536,125.0", section="TABLE 2"),
            cell(12, "Consolidated (Deficit)/Surplus", "(41,774.0)", section="TABLE 2")]


AS_AT = "As at end {0}, the fund has invested {1} in start-ups."
START_UPS = {"figure_key": "count-start-ups", "label": "Start-ups", "unit": "start-ups"}
PCT = {"figure_key": "percent-start-ups", "label": "Start-ups: change over 2021", "kind": "percent",
       "unit": "percent", "rule": "percent-change", "period_start": "2021-01-01", "period_end": "2022-12-31"}
FIELD = "Population growth rate: 0.4% (2023 est.) 0.4% (2022 est.) 0.4% (2021 est.)"
SEATS = "Seats per party: PP 1, RT 1, NTAS 1"
RANKED = "The index assessed {0} economies and placed Hong Kong {1} in the world."
ECON = {"kind": "count", "unit": "economies", "figure_key": "count-economies"}
RANK = {"kind": "rank", "unit": "rank", "figure_key": "rank-world", "scope": "World"}

# (id, check, History, failing figure_ids (None: passed with a note, nothing to compare), message words)
CASES = [
    ("date later", "edition_date_later", history([fig(1)], [fig(1)]), [], ""),
    ("date earlier", "edition_date_later", history([fig(1)], [fig(1)], new_date="2021-12"), ["NEW"],
     "earlier than published edition OLD (2022-06)"),
    ("same edition again", "edition_date_later",
     history([fig(1)], [fig(1)], new_date="2022-06", new_sha="a" * 64), [], ""),
    ("same date, other content", "edition_date_later", history([fig(1)], [fig(1)], new_date="2022-06"),
     ["NEW"], "a corrected re-issue needs its own date"),
    ("day within the month", "edition_date_later", history([fig(1)], [fig(1)], new_date="2022-06-30"),
     ["NEW"], "the same as published edition OLD"),
    ("no date", "edition_date_later", history([fig(1)], [fig(1)], new_date=None), ["NEW"], "no date"),
    ("no date, one given", "edition_date_later", history([fig(1)], [fig(1)], dated_by="caller"), [], ""),
    ("date given by the caller", "edition_states_its_date", history([fig(1)], [fig(1)], dated_by="caller"),
     ["NEW"], "prints no date of its own; dated 2023-01 as given"),
    ("date printed", "edition_states_its_date", history(None, [fig(1)]), [], ""),
    ("total of its parts", "totals_add_up", history(None, [*ACCOUNT, cell(6, "Total", "41,774.0")]), [], ""),
    ("total not its parts", "totals_add_up", history(None, [*ACCOUNT, cell(6, "Total", "41,704.0")]),
     ["NEW-0006"], "41,704.0 (Total) is not the sum of 41,820.0 (Financing – Banking Sector) + (46.0) "
     "(Financing – Non-Banking Sector) = 41,774.0"),
    ("no table", "totals_add_up", history(None, [fig(1)]), None, "no table states figures by period"),
    ("balance adds up", "balances_add_up",
     history(None, [*RESERVES, cell(13, "Fiscal Reserves at end of period (Note 5)", "494,351.0", section="TABLE 2")]),
     [], ""),
    ("balance off by 1.0", "balances_add_up",
     history(None, [*RESERVES, cell(13, "Fiscal Reserves at end of period", "494,350.0", section="TABLE 2")]),
     ["NEW-0013"], "is not 536,125.0 (Fiscal Reserves at start of period) + (41,774.0)"),
    ("surplus is revenue less expenditure", "identities_hold", history(None, ACCOUNT), [], ""),
    ("surplus is not", "identities_hold",
     history(None, [*ACCOUNT[:2], cell(3, "(Deficit)/", "(41,074.0)")]), ["NEW-0003"],
     "is not 14,838.3 (Revenue) - (56,612.3) (Expenditure) = -41,774.0 (surplus = revenue - expenditure)"),
    ("start is the previous end", "balance_continues",
     history(None, [cell(1, "Fiscal Reserves at start of period", "492,918.6", "2008-04..2009-03")],
             earlier=[cell(9, "Fiscal Reserves at end of period", "492,918.6", "2007-04..2008-03")]), [], ""),
    ("start revised", "balance_continues",
     history(None, [cell(1, "Fiscal Reserves at start of period", "492,914.5", "2008-04..2009-03")],
             earlier=[cell(9, "Fiscal Reserves at end of period", "492,918.6", "2007-04..2008-03")]),
     ["NEW-0001"], "at the start of 2008-04-01 is not 492,918.6 at the end of 2008-03-31 (OLD)"),
    ("first edition", "edition_date_later", history(None, [fig(1)]), None, "no published edition"),
    ("half kept", "figure_count_not_collapsed", history([fig(i) for i in range(10)], [fig(i) for i in range(5)]),
     [], ""),
    ("under half", "figure_count_not_collapsed", history([fig(i) for i in range(10)], [fig(i) for i in range(4)]),
     ["NEW"], "4 figures, under half of the 10 in OLD"),
    ("bullet twice", "no_repeated_statement",
     history(None, [fig(1), fig(2, statement="Statement 1.", label="Figure 1")]), ["NEW-0002"],
     "statement repeats NEW-0001"),
    ("same value, two labels", "no_repeated_statement",
     history(None, [fig(1), fig(2, statement="Statement 1.", label="Other")]), [], ""),
    ("a field's values for three years", "no_repeated_statement",
     history(None, [fig(i, statement=FIELD, label="Population growth rate", value_text="0.4%", kind="percent",
                        period_start=f"{y}-01-01", period_end=f"{y}-12-31")
                    for i, y in ((1, 2023), (2, 2022), (3, 2021))]),
     [], ""),
    ("a value its sentence states twice", "no_repeated_statement",
     history(None, [fig(1, statement=SEATS, label="Seats per party", value_text="1"),
                    fig(2, statement=SEATS, label="Seats per party", value_text="1")]), [], ""),
    ("a field printed under two headings", "no_repeated_statement",
     history(None, [fig(1, statement="Land use: forest: 0%", section="Geography", value_text="0%"),
                    fig(2, statement="Land use: forest: 0%", section="Environment", value_text="0%")]), [], ""),
    ("minus sign dropped", "sign_kept",
     history(None, [fig(1, value_text="$5 million", char_start=5, **MONEY)], text="Net -$5 million."),
     ["NEW-0001"], "negative amount (-$5 million)"),
    ("unicode minus", "sign_kept",
     history(None, [fig(1, value_text="5", char_start=1)], text="\u22125 units"), ["NEW-0001"], "negative"),
    ("hyphen inside a word", "sign_kept",
     history(None, [fig(1, value_text="25", char_start=5)], text="Tier-25 units"), [], ""),
    ("negative count", "sign_kept", history(None, [fig(1, value=-5.0)], text="x" * 200),
     ["NEW-0001"], "is a negative count"),
    ("percent read without its minus", "sign_kept",
     history(None, [fig(1, kind="percent", value_text="5%", char_start=1)], text="-5%"), ["NEW-0001"], "negative"),
    ("negative percent kept", "sign_kept",
     history(None, [fig(1, kind="percent", value=-5.0, value_text="-5%", char_start=0)], text="-5%"), [], ""),
    ("negative money kept", "sign_kept",
     history(None, [fig(1, value=-2491.8e6, value_text="(2,491.8)", char_start=4, **MONEY)],
             text="Net (2,491.8)"), [], ""),
    ("count became money, same key", "kind_unchanged",
     history([fig(1, figure_key="fund")], [fig(1, figure_key="fund", **MONEY)]), ["NEW-0001"],
     "was count (5), now money (5)"),
    ("kind in the key", "kind_unchanged",
     history([fig(1, figure_key="count-fund")], [fig(1, figure_key="money-fund", **MONEY)]), ["NEW-0001"],
     "was count"),
    ("a change of the figure is not a kind change", "kind_unchanged",
     history([fig(1, figure_key="count-fund")], [fig(1, figure_key="percent-fund", label="Fund: change",
                                                      kind="percent")]), [], ""),
    ("as at later, lower", "cumulative_not_decreased",
     history([fig(1, statement=AS_AT.format("2022", "$168 million"), period_end="2022-02-28", **MONEY)],
             [fig(1, statement=AS_AT.format("2022", "$150 million"), period_end="2022-11-30", value=4.0,
                  **MONEY)]), ["NEW-0001"], "as at 2022-02-28 went down to 5 as at 2022-11-30"),
    ("as at later, higher", "cumulative_not_decreased",
     history([fig(1, statement=AS_AT, period_end="2022-02-28")],
             [fig(1, statement=AS_AT, period_end="2022-11-30", value=9.0)]), [], ""),
    ("not stated as at", "cumulative_not_decreased",
     history([fig(1, period_end="2022-02-28")], [fig(1, period_end="2022-11-30", value=4.0)]), [], ""),
    ("same as-at date", "cumulative_not_decreased",
     history([fig(1, statement=AS_AT, period_end="2022-02-28")],
             [fig(1, statement=AS_AT, period_end="2022-02-28", value=4.0)]), [], ""),
    ("rank within 131", "ranks_within_ranking",
     history(None, [fig(1, statement=RANKED, value=131.0, **ECON), fig(2, statement=RANKED, value=14.0, **RANK)]),
     [], ""),
    ("rank beyond 131", "ranks_within_ranking",
     history(None, [fig(1, statement=RANKED, value=131.0, value_text="131", **ECON),
                    fig(2, statement=RANKED, value=140.0, value_text="140th in the world", **RANK)]),
     ["NEW-0002"], "'140th in the world' is beyond the 131 economies"),
    ("over 130 economies", "ranks_within_ranking",
     history(None, [fig(1, statement=RANKED, value=130.0, qualifier="lower_bound", **ECON),
                    fig(2, statement=RANKED, value=135.0, **RANK)]), [], ""),
    ("count in another statement", "ranks_within_ranking",
     history(None, [fig(1, value=131.0, **ECON), fig(2, statement=RANKED, value=140.0, **RANK)]), [], ""),
    ("tenfold smaller", "value_jump_within_10x",
     history([fig(1, value=2e9, value_hkd=2e9, value_text="$2 billion", **MONEY)],
             [fig(1, value=1.5e8, value_hkd=1.5e8, value_text="$150 million", **MONEY)]),
     ["NEW-0001"], "$2 billion -> $150 million is 13x smaller"),
    ("ninefold larger", "value_jump_within_10x", history([fig(1, value=10.0)], [fig(1, value=90.0)]), [], ""),
    ("a loss turned into a larger gain is no jump", "value_jump_within_10x",
     history([fig(1, value=0.5e9, value_text="HK$0.5 billion", statement="It recorded a valuation loss of "
                  "HK$0.5 billion.", **MONEY)],
             [fig(1, value=8.7e9, value_text="HK$8.7 billion", statement="It recorded a valuation gain of "
                  "HK$8.7 billion.", **MONEY)]), [], ""),
    ("a loss twenty times larger", "value_jump_within_10x",
     history([fig(1, value=-4e6, value_text="(4.0)", **MONEY)], [fig(1, value=-80e6, value_text="(80.0)", **MONEY)]),
     ["NEW-0001"], "(4.0) -> (80.0) is 20x larger"),
    ("ranks may move far", "value_jump_within_10x",
     history([fig(1, value=1.0, **RANK)], [fig(1, value=14.0, **RANK)]), [], ""),
    ("HKD to USD", "currency_unchanged",
     history([fig(1, **MONEY)], [fig(1, **{**MONEY, "currency": "USD", "unit": "USD"})]), ["NEW-0001"],
     "currency HKD (5) -> USD (5)"),
    ("percent change agrees", "percent_change_agrees",
     history(None, [fig(1, value=3985.0, period_start="2022-01-01", period_end="2022-12-31", **START_UPS),
                    fig(2, statement="Statement 1.", char_start=101, value=6.0, value_text="up 6%", **PCT)],
             earlier=[fig(1, value=3755.0, value_text="3,755", period_start="2021-01-01", period_end="2021-12-31",
                          **START_UPS)]), [], ""),
    ("percent change disagrees", "percent_change_agrees",
     history(None, [fig(1, value=3985.0, value_text="3,985", period_start="2022-01-01", period_end="2022-12-31",
                        **START_UPS),
                    fig(2, statement="Statement 1.", char_start=101, value=60.0, value_text="up 60%", **PCT)],
             earlier=[fig(1, value=3755.0, value_text="3,755", period_start="2021-01-01", period_end="2021-12-31",
                          **START_UPS)]),
     ["NEW-0002"], "stated up 60%, but 3,755 (OLD, 2021) -> 3,985 is +6.1%"),
    ("down stated, up found", "percent_change_agrees",
     history(None, [fig(1, value=3985.0, period_start="2022-01-01", period_end="2022-12-31", **START_UPS),
                    fig(2, statement="Statement 1.", char_start=101, value=6.0, value_text="down 6%", **PCT)],
             earlier=[fig(1, value=3755.0, period_start="2021-01-01", period_end="2021-12-31", **START_UPS)]),
     ["NEW-0002"], "is +6.1%"),
    ("base year never stated", "percent_change_agrees",
     history(None, [fig(1, value=3985.0, period_start="2022-01-01", period_end="2022-12-31", **START_UPS),
                    fig(2, statement="Statement 1.", char_start=101, value=60.0, value_text="up 60%", **PCT)],
             earlier=[]), [], ""),
]


@pytest.mark.parametrize("check, hist, failing, words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_history_check(check: str, hist: History, failing: list[str] | None, words: str) -> None:
    result = {r.name: r for r in check_history(hist)}[check]
    if failing is None:
        assert result.success and words in result.note
        return
    assert [f.id for f in result.failures] == failing, result.failures
    assert result.success == (not failing)
    assert all(words in f.message for f in result.failures)


def test_every_check_has_a_severity_and_a_reason() -> None:
    assert {c.severity for c in CHECKS} == {"error", "warning"}
    assert all(c.why and c.fn.__doc__ for c in CHECKS)
    assert {c.name for c in CHECKS} == {c[1] for c in CASES}  # each check has table cases above


# --- the Prefect flow -----------------------------------------------------------------------------

FLOW_SCRIPT = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {flows!r}); sys.path.insert(0, {tests!r})
    from httpserver import Reply, ScriptedServer
    from prefect.artifacts import Artifact
    from validate_edition import validate_edition_flow

    out = {{}}
    with ScriptedServer() as server:
        server.script("/ihk-2023-01.txt", Reply.text(open({next!r}, encoding="utf-8").read()))
        url = server.url("/ihk-2023-01.txt")
        state = validate_edition_flow(url, {package!r}, report_path={report!r}, return_state=True)
        out["url"] = {{"completed": state.is_completed(), "result": state.result()["verdict"],
                      "requests": server.count("/ihk-2023-01.txt")}}
    state = validate_edition_flow({broken!r}, {package!r}, return_state=True)
    out["broken"] = {{"failed": state.is_failed(), "message": state.message}}
    art = Artifact.get("validate-innovative-hong-kong-2023-01")
    out["artifact"] = {{"type": art.type, "data": art.data}}
    print("RESULT " + json.dumps(out))
""")


@pytest.mark.slow
def test_prefect_flow_from_url_and_file_with_report_artifact(package: Path, files: dict[str, Path],
                                                             tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    script = FLOW_SCRIPT.format(flows=str(ROOT / "flows"), tests=str(ROOT / "tests"), next=str(files["next"]),
                                broken=str(files["broken"]), package=str(package), report=str(report))
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}  # a temporary local server
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_LOGGING_LEVEL="WARNING")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=240, env=env,
                          cwd=tmp_path)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, proc.stderr[-3000:]
    out = json.loads(lines[-1][len("RESULT "):])
    assert out["url"] == {"completed": True, "result": "passed", "requests": 1}
    assert 'class="verdict passed">PASSED<' in report.read_text(encoding="utf-8")
    assert out["broken"]["failed"] and "history: figure_count_not_collapsed" in out["broken"]["message"]
    # the latest artifact under the key is the broken edition's (both editions are 2023-01)
    assert out["artifact"]["type"] == "markdown"
    assert "**FAILED**" in out["artifact"]["data"] and "over 900%" in out["artifact"]["data"]


# --- real editions that print no date of their own ---------------------------------------------------

REAL = ROOT.parent / "shared" / "data" / "real"
CHAPTER = str(REAL / "hkma" / "hkma-reserves-management-{}.en.md")


@pytest.fixture(scope="module")
def chapter_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2021 HKMA chapter extracted with the date its text does not print (`factsheet extract --published`)."""
    if not (REAL / "hkma").exists():
        pytest.skip("shared/data/real/hkma is not beside the repo")
    out = tmp_path_factory.mktemp("chapter") / "pkg"
    assert cli.main(["extract", CHAPTER.format(2021), "--out", str(out), "--published", "2021"]) == 0
    return out


def test_an_undated_edition_with_a_given_date_passes_with_a_warning(chapter_package: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["validate", CHAPTER.format(2022), "--package", str(chapter_package), "--published", "2022",
                     "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert (code, doc["verdict"], doc["compared_with"]) == (0, "passed", "reserves-management-2021")
    assert doc["edition"]["id"] == "reserves-management-2022" and doc["same_file"] is False
    warned = [x for x in doc["expectations"] if not x["success"] and x["severity"] == "warning"]
    assert "history: edition_states_its_date" in [x["name"] for x in warned]
    bonds = [r for r in doc["changes"] if r["old_value_text"] == "HK$12.6 billion"]
    assert [(r["new_value_text"], r["sign_change"]) for r in bonds] == [("HK$53.2 billion", "positive to negative")]


def test_an_undated_edition_without_a_date_fails_and_shares_no_id(chapter_package: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["validate", CHAPTER.format(2022), "--package", str(chapter_package), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert (code, doc["verdict"]) == (1, "failed")
    assert doc["edition"]["id"].startswith("reserves-management-")
    assert doc["edition"]["id"] != "reserves-management-2021"  # named by its content: shares no published id
    [failed] = [x for x in doc["expectations"] if not x["success"] and x["severity"] == "error"]
    assert failed["name"] == "history: edition_date_later" and "none was given" in failed["failing_rows"][0]["message"]


def test_validate_finds_the_edition_extract_published_and_says_it_is_itself(chapter_package: Path) -> None:
    """extract and validate name the same document the same way: validating it again compares it with itself."""
    verdict = validate_edition(Path(CHAPTER.format(2021)), chapter_package, published="2021")
    assert verdict.compared_with == verdict.edition.edition_id == "reserves-management-2021" and verdict.same_file
    assert verdict.passed and set(verdict.change_counts().values()) == {0, verdict.edition.figures}
    assert "this file is published edition reserves-management-2021: validated against itself" in verdict.text()
    assert "validated against itself" in render_html(verdict)


def test_the_report_shows_both_sides_and_warnings_as_warnings(chapter_package: Path) -> None:
    verdict = validate_edition(Path(CHAPTER.format(2022)), chapter_package, published="2022")
    page = render_html(verdict)
    assert 'class="verdict passed">PASSED<' in page and 'class="verdict warned">1 WARNING<' in page
    assert '<span class="warn">WARNING</span>' in page and '<span class="bad">FAILED</span>' not in page
    bonds = next(row for row in page.split("<tr>") if "HK$12.6 billion" in row and "HK$53.2 billion" in row)
    assert "gains on bonds of HK$12.6 billion" in bonds and "losses on bonds of HK$53.2 billion" in bonds
    assert "positive to negative" in bonds
    text = verdict.text()
    assert "HK$12.6 billion → HK$53.2 billion (positive to negative)" in text
    assert "was: " in text and "now: " in text and "paired by " in text


def test_a_country_profile_that_prints_a_field_twice_repeats_no_statement() -> None:
    """The CIA factbook prints 'Land use' and 'Urbanization' under Geography and again under Environment, and a
    field's several values in one line: not a bullet read twice."""
    path = REAL / "factbook" / "cia-world-factbook-hong-kong-2026-01-22-except-economy.md"
    if not path.exists():
        pytest.skip("shared/data/real/factbook is not beside the repo")
    data = standalone_edition(path, published="2026-01-22")
    new = EditionFigures(data.edition.edition_id, "2026-01-22", data.edition.sha256, data.figures)
    result = {r.name: r for r in check_history(History(new, None, text=data.document.text))}
    assert result["no_repeated_statement"].success, result["no_repeated_statement"].failures[:3]


def test_a_figure_back_after_a_year_takes_its_old_key(tmp_path: Path) -> None:
    """2020's chapter stops before the LTGP's outstanding commitments; the 2021 edition's commitments continue
    2019's figure, under 2019's key (though worded otherwise), as the refresh would publish them."""
    from factsheet.pipeline import changes_between, link_editions
    from factsheet.publish import PackageMeta, publish_package

    if not (REAL / "hkma").exists():
        pytest.skip("shared/data/real/hkma is not beside the repo")
    editions = link_editions([standalone_edition(Path(CHAPTER.format(y)), published=str(y)) for y in (2019, 2020)])
    frames = frames_for(editions, changes_between(editions))
    frames["editions"]["retrieved_at"] = "2021-04-30T09:00:00+08:00"
    publish_package(frames, tmp_path / "pkg", PackageMeta(name="hkma", title="HKMA", description="test",
                                                          version="1.0.0", created="2021-04-30T09:00:00+08:00"))
    verdict = validate_edition(Path(CHAPTER.format(2021)), tmp_path / "pkg", published="2021")
    assert verdict.compared_with == "reserves-management-2020"
    published = frames["figures"]
    [key_2019] = published.loc[published["value_text"] == "HK$219.3 billion", "figure_key"]
    [added] = _change(verdict, new_value_text="HK$225.7 billion")
    assert (added["figure_key"], added["change"]) == (key_2019, "added")


def test_an_undated_edition_validated_against_itself_passes(tmp_path: Path) -> None:
    """The same undated file again is a re-validation, not a new edition that lacks a date."""
    if not (REAL / "hkma").exists():
        pytest.skip("shared/data/real/hkma is not beside the repo")
    out = tmp_path / "pkg"
    assert cli.main(["extract", CHAPTER.format(2020), "--out", str(out)]) == 0
    verdict = validate_edition(Path(CHAPTER.format(2020)), out)
    assert verdict.same_file and verdict.passed, verdict.text()
