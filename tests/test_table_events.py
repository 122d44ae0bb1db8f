"""Dates a table gives as happenings, by its structure: a date in a cell under a header naming dates ('Date of
effect', 'Amount and date of wages received'), and a row a date keys whose cells are words (a chronology). A date
under any other header is a row's period or nothing, and a row of figures keyed by a year states statistics."""

from __future__ import annotations

from pathlib import Path

import pdfgen
import pytest

from factsheet.pipeline import standalone_edition


def _html(header: list[str], rows: list[list[str]]) -> str:
    cells = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f"<html><head><title>Annual Report 2021</title></head><body><h1>Annual Report 2021</h1>"
            f"<p>The Authority employs about 900 staff.</p><h2>Tables</h2>"
            f"<table><tr>{cells}</tr>{body}</table></body></html>")


def _events(tmp_path: Path, html: str) -> list[tuple[str, str, str]]:
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    got = standalone_edition(path).events
    return sorted(zip(got["date_start"], got["date_end"], got["label"]))


@pytest.mark.parametrize(("header", "rows", "expected"), [
    # a chronology: each row a date keys, its cells saying what happened
    (["Date", "Event"], [["1 March 2021", "Faster Payment System extended to merchants"],
                         ["15 June 2021", "Green bond framework published"]],
     [("2021-03-01", "2021-03-01", "Faster Payment System extended to merchants"),
      ("2021-06-15", "2021-06-15", "Green bond framework published")]),
    (["Year", "Milestone"], [["2019", "Launch of the pilot scheme"]],
     [("2019-01-01", "2019-12-31", "Launch of the pilot scheme")]),
    # a date under a header naming dates, day first as Hong Kong writes it
    (["Item", "Fee (HK$)", "Date of effect"], [["Licence", "1,200", "1.4.2022"]],
     [("2022-04-01", "2022-04-01", "Licence, Date of effect")]),
    (["Notice", "Date of issue"], [["Revised guidelines", "3 May 2023"]],
     [("2023-05-03", "2023-05-03", "Revised guidelines, Date of issue")]),
    # negatives: a year keying figures is their period; a date under another header is no happening
    (["Year", "Revenue (HK$ million)"], [["2019", "1,234"], ["2020", "1,456"]], []),
    (["Item", "Fee (HK$)", "Period"], [["Licence", "1,200", "1.4.2022"]], []),
    (["Item", "Note"], [["Licence", "renewed every year"]], []),
    # negative: a payment schedule's dates are when sums are due, deadlines
    (["Instalment", "Payment", "Date"], [["First Instalment", "$9,000", "17 November 2021"]], []),
])
def test_table_dates_by_structure(tmp_path: Path, header: list[str], rows: list[list[str]],
                                  expected: list[tuple[str, str, str]]) -> None:
    assert _events(tmp_path, _html(header, rows)) == expected


@pytest.mark.parametrize(("column", "expected"), [
    ("Amount and date of wages received", [("2017-04-01", "2017-04-01", "Amount and date of wages received")]),
    ("Amount of wages received", []),  # negative: the header names no date, so the entry's date is no happening
])
def test_a_form_entry_s_date_under_a_date_header_is_an_event(tmp_path: Path, column: str,
                                                              expected: list[tuple[str, str, str]]) -> None:
    data = pdfgen.ruled_table(
        [["", "Wage period", column, "Rest days taken (No. of days)"],
         ["e.g.", "2.3.2017-1.4.2017 (Cash)", "HK$5,347 ( 1.4.2017 )", "Sundays ( 4 )"],
         ["1.", "( )", "HK$ ( )", "( )"]],
        [40, 120, 130, 110], before=["Wage and Employment Records", "Keep a record of every wage period."])
    path = tmp_path / "form.pdf"
    path.write_bytes(data)
    got = standalone_edition(path)
    assert sorted(zip(got.events["date_start"], got.events["date_end"], got.events["label"])) == expected
    money = got.figures[got.figures["kind"] == "money"]  # the entry's figure keeps the row's wage period
    assert list(zip(money["value"].astype(float), money["period_start"], money["period_end"])) == [
        (5347.0, "2017-03-02", "2017-04-01")]
