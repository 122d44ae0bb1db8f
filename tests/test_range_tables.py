"""Text tables in a `<br/>` + `&nbsp;` page whose cells hold ranges ('93.2 - 137.8'), whose row labels wrap onto
the line below ('Profits' / 'Tax'), with group labels under the header ('Operating Revenue'), introduced by a
sentence that gives their period ('Revenue for the year recorded ... attributable to the following items:').
The pages are generated here; their layout is that of the HKSAR monthly financial results releases."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from factsheet.model import Document
from factsheet.pipeline import standalone_edition
from factsheet.tables import is_range, mark_text_tables

SP = "&nbsp;"


def br_page(title: str, lead: str, rows: list[tuple[str, str, list[str]]], groups: dict[int, str] | None = None,
            headers: tuple[str, ...] = ("Provisional", "Original", "Ten-year range"),
            span: str = "(2008-09 to 2017-18)", after: str = "The reserves stood at HK$900.1 billion.") -> bytes:
    """A release in the `<br/>` layout: a lead-in paragraph, a three-column table in HK$ billion whose last column
    holds ranges, each row's label on two lines (the numbers on the first), then a paragraph."""
    gap = SP * 6
    lines = [f"{SP * 5}{lead}", "",
             f"{SP * 4}{gap.join(headers)}",
             f"{SP * 6}{gap.join(['Actual', 'Estimate', span])}",
             f"{SP * 4}{gap.join(['HK$ billion'] * 3)}", ""]
    for n, (first, second, cells) in enumerate(rows):
        if groups and n in groups:
            lines += [groups[n], ""]
        lines += [f"{first}{SP * 2}{gap.join(cells)}", f"{second} ", ""]
    lines += [f"{SP * 5}{after}"]
    body = "<br/>".join(lines)
    return (f"<html><head><title>{title}</title></head><body><div id='pressrelease'>{title}<br/>"
            f"<p>{body}</p><p>Ends/Monday, April 30, 2018</p></div></body></html>").encode()


ROWS = [("Profits", "Tax", ["150.1", "140.2", "90.5 - 150.1"]),
        ("Salaries", "Tax", ["60.3", "59.0", "40.0 - 60.3"]),
        ("Land", "Premium", ["120.4", "100.0", "50.2 – 120.4"])]
LEAD = ("Revenue for the year ended March 31, 2018 recorded a variance of HK$30.2 billion against the original "
        "estimate. The variances are attributable largely to the following items:")


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    page = tmp_path_factory.mktemp("range") / "release.htm"
    page.write_bytes(br_page("Provisional financial results for the year ended March 31, 2018", LEAD, ROWS,
                             groups={0: "Operating Revenue", 2: "Capital Revenue"}))
    return standalone_edition(page).figures


def rows_of(figures: pd.DataFrame, label_start: str) -> list[tuple[float, str, str, str]]:
    found = figures[figures["label"].str.startswith(label_start)]
    return [(r.value, r.qualifier, r.period_start, r.period_end) for r in found.itertuples()]


@pytest.mark.parametrize("row, expected", [
    ("Profits Tax", [(150.1e9, "exact", "2017-04-01", "2018-03-31"), (140.2e9, "exact", "2017-04-01", "2018-03-31"),
                     (90.5e9, "exact", "2008-04-01", "2018-03-31"), (150.1e9, "exact", "2008-04-01", "2018-03-31")]),
    ("Salaries Tax", [(60.3e9, "exact", "2017-04-01", "2018-03-31"), (59.0e9, "exact", "2017-04-01", "2018-03-31"),
                      (40.0e9, "exact", "2008-04-01", "2018-03-31"), (60.3e9, "exact", "2008-04-01", "2018-03-31")]),
    # the last row's label wraps too; an en dash parts a range as a spaced hyphen does
    ("Land Premium", [(120.4e9, "exact", "2017-04-01", "2018-03-31"), (100.0e9, "exact", "2017-04-01", "2018-03-31"),
                      (50.2e9, "exact", "2008-04-01", "2018-03-31"), (120.4e9, "exact", "2008-04-01", "2018-03-31")]),
])
def test_a_range_cell_is_two_figures_with_the_header_span_and_plain_cells_take_the_lead_in_period(figures, row,
                                                                                                  expected):
    assert rows_of(figures, row) == expected


def test_labels_join_the_wrapped_line_and_name_the_column(figures):
    labels = set(figures["label"])
    assert {"Profits Tax: Provisional Actual", "Salaries Tax: Original Estimate",
            "Land Premium: Ten-year range (2008-09 to 2017-18)"} <= labels
    assert not any("Revenue" in label and "Tax" in label for label in labels)  # group labels are no part of a row's
    assert (figures["currency"][figures["label"].str.contains("Tax")] == "HKD").all()


@pytest.mark.parametrize("cell, expected", [
    ("93.2 - 137.8", True), ("41.5 – 74.8", True), ("3 to 5", True), ("1,200.5 - 1,500.0", True),
    ("2010-11", False),  # a fiscal year, no range
    ("2010 - 2015", False),  # a span of years is a period
    ("93.2-137.8", False),  # an unspaced hyphen is not read as a range
    ("93.2", False), ("(5,215.7)", False), ("-", False),
])
def test_what_a_range_cell_is(cell, expected):
    assert is_range(cell) is expected


def marked(text: str) -> dict[str, list[str]]:
    doc = mark_text_tables(Document.from_text(text))
    return {doc.text[ln.cells[0][0] : ln.cells[0][1]]: [doc.text[a:b] for a, b in ln.cells[1:]]
            for ln in doc.lines if ln.cells and not ln.header}


def test_a_heading_with_rows_under_it_is_not_the_end_of_the_row_above():
    text = ("            Actual     Estimate\n"
            "            HK$ m      HK$ m\n\n"
            "Revenue     10.0       11.0\n"
            "Financing\n"
            "Banking     2.0        3.0\n"
            "Other       1.0        1.0\n")
    doc = Document.from_text(text)
    from factsheet.read import structure

    rows = {s.row for s in structure(Document.from_text("Results\n\n" + text)).statements if s.kind == "cell"}
    assert "Revenue" in rows and "Revenue Financing" not in rows, rows
    assert "Revenue" in marked(doc.text)


def test_cells_without_a_lead_in_or_with_a_lead_in_of_no_period_have_none(tmp_path: Path):
    for n, lead in enumerate(["The variances are attributable largely to the following items.",
                              "The variances are attributable largely to the following items:"]):
        page = tmp_path / f"release{n}.htm"
        page.write_bytes(br_page("Provisional results", lead, ROWS, span="(ten years)"))
        figures = standalone_edition(page).figures
        cells = figures[figures["label"].str.contains("Tax|Premium")]
        assert len(cells) == 12 and cells["period_start"].isna().all(), cells[["label", "period_start"]]


def test_a_note_row_closing_an_html_table_is_no_part_of_its_last_row(tmp_path: Path):
    page = tmp_path / "release.htm"
    page.write_bytes(b"<html><body><p>TABLE 1. ACCOUNTS</p><table>"
                     b"<tr><td></td><td>Year ended March 31, 2019 HK$ million</td></tr>"
                     b"<tr><td>Revenue</td><td>100.0</td></tr><tr><td>Expenditure</td><td>(50.0)</td></tr>"
                     b"<tr><td>Figures are provisional</td><td></td></tr></table></body></html>")
    figures = standalone_edition(page).figures
    assert set(figures["label"]) == {"Revenue", "Expenditure"}
