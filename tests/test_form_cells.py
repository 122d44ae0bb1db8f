"""A table cell of words around one figure (a form's filled-in entry) is read as that figure, labelled by its row
and column: 'Sundays ( 4 )' under 'Rest days taken (No. of days)' is a count of 4; prose and names are not."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pdfgen
import pytest

from factsheet.pipeline import standalone_edition
from factsheet.tables import _lone_figure


@pytest.mark.parametrize(("cell", "figure"), [
    ("Sundays ( 4 )", "4"), ("- ( 0 )", "0"), ("Food allowance HK$1,037", "HK$1,037"),
    ("HK$5,347 ( 1.4.2017 )", "HK$5,347"), ("( 12 )", "12"), ("about 45%", "45%"),
    ("not less than 7 days", None), ("Table 2", None), ("Appendix 3", None), ("$18,000 × 2/3 = $12,000", None),
    ("2.3.2017-1.4.2017 (Cash)", None), ("HK$1,500 million", None), ("1 day", None), ("( 1.4.2017 )", None),
])
def test_lone_figure_of_a_cell(cell, figure):
    span = _lone_figure(cell, 0, len(cell))
    assert (cell[span[0]:span[1]] if span else None) == figure


def test_form_entries_become_figures_labelled_by_row_and_column(tmp_path: Path):
    data = pdfgen.ruled_table(
        [["", "Amount of wages received", "Rest days taken (No. of days)", "Leave taken (No. of days)",
          "Other information"],
         ["e.g.", "HK$5,347 ( 1.4.2017 )", "Sundays ( 4 )", "- ( 0 )", "Food allowance HK$1,037"],
         ["1.", "HK$ ( )", "( )", "( )", ""]],
        [40, 110, 110, 110, 100], before=["Wage and Employment Records", "Keep a record of every wage period."])
    path = tmp_path / "form.pdf"
    path.write_bytes(data)
    got = standalone_edition(path).figures
    rows = sorted(zip(got["kind"], got["value"].astype(float), got["currency"].fillna(""), got["label"]))
    assert rows == [("count", 0.0, "", "Leave taken (No. of days)"),
                    ("count", 4.0, "", "Rest days taken (No. of days)"),
                    ("money", 1037.0, "HKD", "Other information"),
                    ("money", 5347.0, "HKD", "Amount of wages received")]


def test_a_cell_spanning_rows_is_one_figure(tmp_path: Path):
    data = pdfgen.ruled_table([["Scheme", "Stage", "Budget (HK$ million)"], ["Fund A", "pilot", "120"],
                               ["", "full", ""], ["Fund B", "pilot", "80"]], [150, 100, 120],
                              spans=[(2, 1, 2, 2)], before=["Funding", "The schemes are funded as below."])
    path = tmp_path / "funds.pdf"
    path.write_bytes(data)
    got = standalone_edition(path).figures
    assert sorted(got["value"].astype(float)) == [80e6, 120e6]


@pytest.mark.parametrize(("period_cell", "period"), [
    ("2.3.2017-1.4.2017 (Cash)", ("2017-03-02", "2017-04-01")),  # a form's wage period, day first, with a note
    ("March 2017", ("2017-03-01", "2017-03-31")),
    ("2017", (None, None)),  # negative: a bare number may be a count, not the row's period
    ("by cheque", (None, None)),  # negative: no date, no period
])
def test_a_row_s_period_cell_is_the_period_of_its_figures(tmp_path: Path, period_cell, period):
    data = pdfgen.ruled_table(
        [["", "Wage period", "Amount of wages received", "Rest days taken (No. of days)"],
         ["e.g.", period_cell, "HK$5,347 ( 1.4.2017 )", "Sundays ( 4 )"],
         ["1.", "( )", "HK$ ( )", "( )"]],
        [40, 120, 110, 110], before=["Wage and Employment Records", "Keep a record of every wage period."])
    path = tmp_path / "form.pdf"
    path.write_bytes(data)
    got = standalone_edition(path).figures
    money = got[got["kind"] == "money"]
    assert len(money) == 1 and len(got) >= 2
    for _, row in got.iterrows():
        assert (None if pd.isna(row["period_start"]) else row["period_start"],
                None if pd.isna(row["period_end"]) else row["period_end"]) == period
