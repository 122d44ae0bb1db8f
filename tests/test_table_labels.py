"""A table's row labels that state a quantity ('1 day', 'Less than 12 months') are figures of the table, read once
(a label spanning rows is one figure); a row's words name its value cells but give no second figure; a bare number,
a year or a date keying a row is none. On PDFs rendered here with reportlab (tests/pdfgen.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pdfgen
import pytest

from factsheet.pipeline import EditionData, standalone_edition


def edition(data: bytes, tmp_path: Path) -> EditionData:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    return standalone_edition(path)


def rows(figures: pd.DataFrame) -> list[tuple[str, float, str, str]]:
    return sorted(zip(figures["value_text"], figures["value"].astype(float), figures["unit"], figures["qualifier"]))


def test_row_labels_stating_a_duration_are_figures_named_by_their_column(tmp_path):
    data = pdfgen.ruled_table([["Day(s) of Annual Leave", "Specified Dates"],
                               ["1 day", "Day of the annual leave"],
                               ["More than 1 consecutive day", "First day of the annual leave"]], [200, 200],
                              before=["Annual Leave Pay", "The daily rate is based on the following specified dates."])
    got = edition(data, tmp_path).figures
    assert rows(got) == [("1 day", 1.0, "day", "exact"), ("More than 1 consecutive day", 1.0, "day", "lower_bound")]
    assert all("Annual Leave" in label for label in got["label"])


PRO_RATA = [["Period of Employment", "", "Annual Leave"],
            ["Less than 12 months", "less than 3 months", "Nil"],
            ["", "3 to 12 months", "7"],
            ["12 or more than 12 months", "less than 3 months in the current leave year", "14"]]


def test_a_label_spanning_rows_and_the_sub_labels_under_its_header_are_read_once(tmp_path):
    data = pdfgen.ruled_table(PRO_RATA, [120, 200, 100], spans=[(0, 0, 1, 0), (0, 1, 0, 2)],
                              before=["Payment on Termination", "The pro rata leave is calculated as follows."])
    got = edition(data, tmp_path).figures
    durations = got[got["kind"] == "duration"]
    assert rows(durations) == [
        ("12 months", 12.0, "month", "exact"), ("3", 3.0, "month", "exact"),  # '3 to 12 months': both ends
        ("Less than 12 months", 12.0, "month", "upper_bound"),  # once, though it spans two rows
        ("less than 3 months", 3.0, "month", "upper_bound"), ("less than 3 months", 3.0, "month", "upper_bound"),
        ("more than 12 months", 12.0, "month", "lower_bound")]  # '12 or more than 12 months': one figure
    assert all("Period of Employment" in label for label in durations["label"])
    assert sorted(got[got["kind"] == "count"]["value"].astype(float)) == [7.0, 14.0]


@pytest.mark.parametrize("labels", [
    ["1", "2", "9 or above"],  # years of service: the rows' keys, no figures
    ["2022", "2023", "2024"],  # years
    ["1 May 2023", "1 May 2024", "1 May 2025"],  # dates
])
def test_row_labels_that_key_rows_give_no_figures(tmp_path, labels):
    table = [["Years of Service", "Annual Leave Entitlements"],
             *([label, str(7 + i)] for i, label in enumerate(labels))]
    data = pdfgen.ruled_table(table, [200, 200], before=["Paid Annual Leave", "The leave increases with service."])
    got = edition(data, tmp_path).figures
    assert rows(got) == [(str(7 + i), 7.0 + i, label, "exact") for i, label in enumerate(labels)]


def test_a_lead_in_whose_date_the_table_rows_restate_gives_no_second_event(tmp_path):
    data = pdfgen.ruled_table([["Year", "Newly added statutory holiday", "Total number of statutory holidays"],
                               ["Starting from 2028", "Good Friday", "16"],
                               ["Starting from 2030", "The day following Good Friday", "17"]], [120, 180, 120],
                              before=["Statutory Holidays",
                                      "The additional statutory holidays from 2028 and thereafter are tabulated as "
                                      "follows:"])
    events = edition(data, tmp_path).events
    assert sorted(events["date_start"]) == ["2028-01-01", "2030-01-01"]


CONDITIONS = ("supported by a medical certificate issued by a registered medical practitioner, a registered Chinese "
              "medicine practitioner or a registered dentist, or by a certificate of attendance apart from it")


def test_a_grid_with_a_notes_column_beside_a_column_of_figures_is_a_table(tmp_path):
    data = pdfgen.ruled_table([["Category", "Total number", "Conditions for taking paid sickness days"],
                               ["Category 1", "36", CONDITIONS],
                               ["Category 2", "84", CONDITIONS + " (see footnote 2)"]],
                              [80, 60, 300], before=["Two Categories", "Paid sickness days fall in two categories."])
    got = edition(data, tmp_path).figures
    table = got[got["rule"] == "table-cell"]
    assert sorted(zip(table["value"].astype(float), table["label"])) == [
        (36.0, "Category 1: Total number"), (84.0, "Category 2: Total number")]
    assert sorted(got["value"].astype(float)) == [2.0, 36.0, 84.0]  # 'two categories'; no 'Category 1', 'footnote 2'


def test_prose_in_a_grid_without_a_column_of_figures_stays_flow(tmp_path):
    data = pdfgen.ruled_table([["Category", "Conditions"], ["Category 1", CONDITIONS], ["Category 2", CONDITIONS]],
                              [100, 340], before=["Two Categories", "Paid sickness days fall in two categories."])
    assert [ln for ln in edition(data, tmp_path).document.lines if ln.cells] == []


def test_a_value_beside_a_row_label_stating_its_own_figure_is_named_by_its_column(tmp_path):
    data = pdfgen.ruled_table([["Alternative Holiday Arrangement", "Prior Notice to Employee"],
                               ["Arranged within 60 days before the holiday", "Not less than 48 hours before it"],
                               ["Arranged within 30 days after the holiday", "Not less than 24 hours before it"]],
                              [220, 220], before=["Work on Holidays", "The employer should arrange as follows."])
    got = edition(data, tmp_path).figures
    labels = dict(zip(got["value_text"].str.lower(), got["label"]))
    assert labels["not less than 48 hours"] == labels["not less than 24 hours"] == "Prior Notice to Employee"
    assert "Alternative Holiday Arrangement" in labels["within 60 days"]
