"""Tables laid out with whitespace: found by line shape, read into cell statements, extracted with their units,
periods and signs from the headers. Layouts are those of real HKSAR press releases (pre-formatted text with
right-aligned columns; proportional <br> layouts where a label runs into its first number; wrapped labels)."""

from pathlib import Path

import pytest

from factsheet.cells import cell_figures
from factsheet.model import Document
from factsheet.normalise import period_of
from factsheet.pipeline import standalone_edition
from factsheet.read import structure
from factsheet.tables import mark_text_tables

PRE = """TABLE 1.\tPROVISIONAL ACCOUNTS (Note 1)

                         Month ended     Year ended
                         March 31, 2001  March 31, 2001
                         --------------  --------------
                         HK$ million      HK$ million

Revenue                  33,358.7          225,022.1
Expenditure            (32,423.9)        (232,839.2)
                         ----------        -----------
Surplus/(Deficit)         934.8            (7,817.1)

Financing
  Domestic
\tBanking Sector
    (Note 2)             (1,239.3)            7,874.8
    Non-Bank Sector        304.5                (57.7)
  External                   --                    --
                          ----------        -----------
Total                       (934.8)             7,817.1
                          ----------        -----------

Fiscal Reserves at
 start of period        435,502.2         444,254.1
"""

PROPORTIONAL = """TABLE 2.  FISCAL RESERVES (PROVISIONAL)

                       Month ended     Year ended
                       March 31, 2006  March 31, 2006
                          HK$ million    HK$ million

Fiscal Reserves at        308,012.2      295,981.3
  start of period
Banking Sector(Note 1) (2,072.5)      (15,490.2)
Write-back of provision     717.6          717.6
  for loss in investments
Fiscal Reserves at        310,656.1      310,656.1
  end of period      ------------   -----------
"""


def cells_of(text: str) -> list[list[str]]:
    doc = mark_text_tables(Document.from_text(text))
    return [[doc.text[a:b] for a, b in ln.cells] for ln in doc.lines if ln.cells and not ln.header]


def statements_of(text: str) -> list:
    return [s for s in structure(Document.from_text("Financial results\n\n" + text)).statements if s.kind == "cell"]


@pytest.mark.parametrize("layout, row", [
    (PRE, ["Revenue", "33,358.7", "225,022.1"]),
    (PRE, ["Expenditure", "(32,423.9)", "(232,839.2)"]),
    (PRE, ["(Note 2)", "(1,239.3)", "7,874.8"]),
    (PRE, ["External", "--", "--"]),
    (PRE, ["start of period", "435,502.2", "444,254.1"]),
    (PROPORTIONAL, ["Banking Sector(Note 1)", "(2,072.5)", "(15,490.2)"]),  # one space before the first cell
    (PROPORTIONAL, ["end of period", "", ""]),  # a wrapped label below its row, rules after it dropped
])
def test_rows_are_found_with_their_cells(layout, row):
    assert row in cells_of(layout)


@pytest.mark.parametrize("text", [
    "• As at end March 2024, there were about 133 700\ngeneral applications for PRH and about 97 800\n",
    "Visitors rose 5% in 2023 and 2024.\nThe fund has 20 members.\nIt opened in 2019.\n",
    "Population 2021  2022  2023\n",  # years are headers, not cells
    # list markers alone on their lines
    "I propose two measures:\n\n(1)\n\nWaiving the fees.  This will cost $1.9 billion;\n\n(2)\n\nReducing tax.\n",
])
def test_prose_and_space_thousands_are_not_tables(text):
    assert cells_of(text) == []


DOUBLE_SPACED = """TABLE 1.  PROVISIONAL ACCOUNTS (Note 1)

                       Month ended           Year ended
                       March 31, 2004        March 31, 2004
                       --------------        --------------
                       HK $ million          HK $ million

Revenue                 37,408.3                207,316.2

Surplus/(Deficit)       12,768.2                (40,140.8)
                      ---------------       ----------------
--

Financing

  Domestic

    Banking Sector(Note 2) (13,257.4)          39,096.3

\tNon-Bank Sector            489.2            1,044.5

TABLE 2.  FISCAL RESERVES

                       Month ended           Year ended
                       April 30, 2004        April 30, 2004
                       HK $ million          HK $ million

Fiscal Reserves at end  262,562.1               315,471.1
Change                    1,000.0                 2,000.0
"""


@pytest.mark.parametrize("layout, row, column, units", [
    (PRE, "Revenue", "Month ended March 31, 2001", "HK$ million"),
    (PRE, "Financing – Domestic – Banking Sector (Note 2)", "Year ended March 31, 2001", "HK$ million"),
    (PRE, "Financing – Domestic – Non-Bank Sector", "Month ended March 31, 2001", "HK$ million"),
    (PRE, "Total", "Year ended March 31, 2001", "HK$ million"),
    (PRE, "Fiscal Reserves at start of period", "Month ended March 31, 2001", "HK$ million"),
    (PROPORTIONAL, "Fiscal Reserves at start of period", "Year ended March 31, 2006", "HK$ million"),
    (PROPORTIONAL, "Write-back of provision for loss in investments", "Month ended March 31, 2006", "HK$ million"),
    (PROPORTIONAL, "Fiscal Reserves at end of period", "Month ended March 31, 2006", "HK$ million"),
    # blank lines and a rule wrapped onto its own line ("--") do not part a table; a caption does
    (DOUBLE_SPACED, "Financing – Domestic – Banking Sector(Note 2)", "Month ended March 31, 2004", "HK $ million"),
    (DOUBLE_SPACED, "Financing – Domestic – Non-Bank Sector", "Year ended March 31, 2004", "HK $ million"),
    (DOUBLE_SPACED, "Fiscal Reserves at end", "Year ended April 30, 2004", "HK $ million"),
])
def test_cells_take_their_row_column_and_units(layout, row, column, units):
    found = [(s.row, s.column, s.units) for s in statements_of(layout)]
    assert (row, column, units) in found, found


def test_a_cell_statement_points_back_at_the_document():
    doc = Document.from_text("Financial results\n\n" + PRE)
    for s in structure(doc).statements:
        cell = s.text[s.text.rfind(": ") + 2 :]
        a, b = s.span(len(s.text) - len(cell), len(s.text))
        assert doc.text[a:b] == cell
        assert s.row and all(doc.text.find(part.split()[0]) >= 0 for part in s.row.split(" – "))


@pytest.mark.parametrize("units, cell, kind, number, scale, currency", [
    ("HK$ million", "33,358.7", "money", "33,358.7", "million", "HK$"),
    ("HK$ million", "(32,423.9)", "money", "-32,423.9", "million", "HK$"),
    ("HK$ million", "-5.0", "money", "-5.0", "million", "HK$"),
    ("US$ billion", "1.25", "money", "1.25", "billion", "US$"),
    ("$m", "12", "money", "12", "m", "$"),
    ("%", "6.6", "percent", "6.6", "", ""),
    ("('000)", "7,482", "count", "7,482", "thousand", ""),
    ("", "45%", "percent", "45", "", ""),
])
def test_a_cell_takes_its_units_and_sign(units, cell, kind, number, scale, currency):
    from factsheet.model import Statement

    text = f"Revenue, Month ended March 31, 2001 ({units}): {cell}" if units else f"Revenue: {cell}"
    statement = Statement("Table 1", text, tuple(range(len(text))), kind="cell", row="Revenue",
                          column="Month ended March 31, 2001", units=units)
    [figure] = cell_figures(statement)
    assert (figure.kind, figure.number_text, figure.scale_text, figure.currency_text) == (
        kind, number, scale, currency)
    assert figure.value_text == cell and figure.label == "Revenue"
    assert figure.period_text == "Month ended March 31, 2001"


@pytest.mark.parametrize("phrase, period", [
    ("Month ended March 31, 2001", ("2001-03-01", "2001-03-31")),
    ("Year ended March 31, 2001", ("2000-04-01", "2001-03-31")),
    ("year ended 31 March 2019", ("2018-04-01", "2019-03-31")),
    ("Nine months ended Dec. 31, 1998", ("1998-04-01", "1998-12-31")),
    ("six months ended 30 September 2023", ("2023-04-01", "2023-09-30")),
    ("quarter ended June 30, 2020", ("2020-04-01", "2020-06-30")),
    ("as at March 31, 2009", ("2009-03-31", "2009-03-31")),
    ("position as at 31 December 2022", ("2022-12-31", "2022-12-31")),
    ("Apr. 1, 1998 to Dec. 31, 1998", ("1998-04-01", "1998-12-31")),
    ("month ended March 2001", None),  # not a day: no period invented
    ("Month Ended 31-3-1999", ("1999-03-01", "1999-03-31")),  # day first, as Hong Kong writes dates
    ("Year ended 31/3/2002", ("2001-04-01", "2002-03-31")),
    ("31-2-1999", None),
    # a range of days whose month and year are written once; a year glued to its month; months before a day
    ("16 to 29 November 2021", ("2021-11-16", "2021-11-29")),
    ("16-29 November 2021", ("2021-11-16", "2021-11-29")),
    ("29 to 16 November 2021", None),  # runs backwards: no period
    ("31 May2023", ("2023-05-31", "2023-05-31")),
    ("12 months preceding 8 June 1990", ("1989-06-08", "1990-06-07")),
    ("the six months preceding 1 July 2020", ("2020-01-01", "2020-06-30")),
    ("12 months preceding June 1990", None),  # not a day: no period invented
])
def test_periods_of_table_headers(phrase, period):
    assert period_of(phrase) == period


def _html_table(header: list[str], rows: list[list[str]]) -> bytes:
    cells = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<html><head><title>Example</title></head><body><p>The fee is $500.</p><table><tr>{cells}</tr>{body}" \
           f"</table></body></html>".encode()


@pytest.mark.parametrize(("header", "rows", "expected"), [
    # a month's grid: its day numbers are dates, not figures (weekday names abbreviated or in full)
    (["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
     [["", "1", "2", "3", "4", "5", "6"], ["7", "8", "9", "10", "11", "12", "13"]], []),
    (["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], [["1", "2", "3", "4", "5"]], []),
    # negative: two weekdays among other headers head a table of figures
    (["Staff", "MON", "TUE", "Total"], [["Clerks", "8", "7", "15"], ["Guards", "12", "10", "22"]],
     ["8", "7", "15", "12", "10", "22"]),
])
def test_a_calendar_grid_gives_no_figures(tmp_path: Path, header: list[str], rows: list[list[str]],
                                          expected: list[str]):
    page = tmp_path / "example.htm"
    page.write_bytes(_html_table(header, rows))
    assert list(standalone_edition(page).figures["value_text"]) == ["$500", *expected]


def test_key_lines_with_indented_values_are_fields(tmp_path: Path):
    sheet = tmp_path / "release.txt"
    sheet.write_text("Financial results\n(April 2019)\n\nDebts\n\n"
                     "Government Debts as at March 31, 2019 (Note 3)\n    HK$1,500 million\n"
                     "Debts Guaranteed by Government as at March 31, 2019 (Note 4)\n    HK$24,694.1 million\n")
    figures = standalone_edition(sheet).figures.set_index("value_text")
    assert figures.loc["HK$1,500 million", "label"].startswith("Government Debts")
    assert figures.loc["HK$24,694.1 million", "label"].startswith("Debts Guaranteed by Government")
    assert figures.loc["HK$24,694.1 million", "value"] == 24_694_100_000


@pytest.mark.parametrize("debts", [
    # the 2000 layout: a key wrapped over two lines above its colon, a space before the colon
    "Government Debt as at March 31, 2000 (Note 3) :  NIL\nDebts Guaranteed by Government as at\n"
    "March 31, 2000 (Note 4) :  HK$4,927.1 million\n",
    # the 2001 layout: one line each
    "Government Debt as at March 31, 2000 (Note 3): NIL\n"
    "Debts Guaranteed by Government as at March 31, 2000 (Note 4): HK$4,927.1 million\n",
])
def test_key_colon_value_lines_after_a_table_are_fields(tmp_path: Path, debts: str):
    sheet = tmp_path / "release.txt"
    sheet.write_text(f"Financial results\n(April 2000)\n\n{PRE.split('Fiscal Reserves')[0]}\n{debts}\nNotes :\n\n"
                     "1. All figures are provisional.\n")
    figures = standalone_edition(sheet).figures.set_index("value_text")
    row = figures.loc["HK$4,927.1 million"]
    assert row["label"].startswith("Debts Guaranteed by Government")  # its own key, not the line above's
    assert (row["period_start"], row["period_end"]) == ("2000-03-31", "2000-03-31")
    assert "-----" not in row["statement"]  # the rule closing the table above is the table's, no words of it


@pytest.mark.parametrize("text", [
    # negative: prose whose lines hold a colon is no list of fields
    "The Financial Secretary said: the surplus was $5 billion.\nHe added: revenue rose by 3%.\n",
    # negative: one entry alone is no block of fields
    "Total assets : HK$5 billion\n",
])
def test_prose_with_colons_is_no_block_of_fields(text: str):
    made = [s for s in structure(Document.from_text("Financial results\n\n" + text)).statements]
    assert not [s for s in made if s.kind == "field"]


def test_a_table_cell_written_in_words_is_read_as_a_field_of_its_row(tmp_path: Path):
    page = tmp_path / "release.htm"
    page.write_bytes(b"<html><body><p>Debts</p><table>"
                     b"<tr><td>Government Debts (Note 3)</td><td>HK$2,074.8 million</td></tr>"
                     b"<tr><td>Bonds outstanding</td><td>about HK$94,747 million</td></tr></table>"
                     b"<p>Ends/Tuesday, April 30, 2019</p></body></html>")
    figures = standalone_edition(page).figures.set_index("value_text")
    assert figures.loc["HK$2,074.8 million", "label"] == "Government Debts"  # the note pointer is no part of it
    assert figures.loc["about HK$94,747 million", "qualifier"] == "approximate"
    assert figures.loc["about HK$94,747 million", "label"] == "Bonds outstanding"
