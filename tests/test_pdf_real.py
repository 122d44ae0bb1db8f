"""Traits of real PDFs, on PDFs rendered here with reportlab and on the Labour Department PDFs in ../shared:
note markers set small and raised, cover titles, printed edition dates, ruled and unruled tables."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pdfgen
import pytest

from factsheet.model import Document
from factsheet.pdf import read_pdf
from factsheet.pipeline import EditionData, standalone_edition
from factsheet.read import structure

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real" / "pdf"
needs_real = pytest.mark.skipif(not REAL.exists(), reason="../shared/data/real/pdf is not present")


@cache
def real(name: str) -> EditionData:
    """A real PDF read and extracted once per test run (pdfminer takes seconds a page on the forms' vector art)."""
    return standalone_edition(REAL / f"{name}.pdf")


def read(data: bytes) -> Document:
    return read_pdf(data, "test.pdf")


def figures(data: bytes, tmp_path: Path, name: str = "sheet.pdf") -> pd.DataFrame:
    path = tmp_path / name
    path.write_bytes(data)
    return standalone_edition(path).figures


# ---- note markers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "text"), [
    ("a continuous period of 14^{Note5} weeks' maternity leave;", "a continuous period of 14 weeks' maternity leave;"),
    ("a further 5^{Note8} days' leave", "a further 5 days' leave"),
    ("a period of 14^{1} weeks", "a period of 14 weeks"),
    ("in a four-week period^{1} comprising that week^{2}.", "in a four-week period comprising that week."),
    ("wages received^{*} in cash", "wages received in cash"),
    ("born before 24 ^{2} weeks of pregnancy", "born before 24 weeks of pregnancy"),
    ("notes^{1,2} apply", "notes apply"),
])
def test_note_marker_set_small_and_raised_is_dropped(line, text):
    doc = read(pdfgen.superscripts([line]))
    assert doc.text.split("\n")[0] == text
    # the words left keep exact boxes: every box spells its span, none covers the dropped marker
    assert "".join(doc.text[b.start:b.end] for b in doc.boxes) == text.replace(" ", "")


def test_footnote_number_before_its_text_is_dropped():
    doc = read(pdfgen.superscripts(["worked 68 hours or more in a period^{1}.",
                                    ("^{1} The employee has been employed for 4 weeks.", 10.0)]))
    assert [t for t in doc.text.split("\n") if t] == ["worked 68 hours or more in a period.",
                                                       "The employee has been employed for 4 weeks."]


@pytest.mark.parametrize("line", ["an area of 1,108 km^{2} in total", "placed 1^{st} in Asia",
                                  "Note^{a} stays", "the 2^{nd} phase"])
def test_raised_text_that_is_no_note_stays(line):
    doc = read(pdfgen.superscripts([line]))
    assert doc.text.split("\n")[0] == line.replace("^{", "").replace("}", "")


def test_same_size_digit_is_no_note():
    """Only a run set small AND raised is a marker: a plain '14 1 weeks' keeps both numbers."""
    doc = read(pdfgen.superscripts(["a period of 14 1 weeks"]))
    assert doc.text.startswith("a period of 14 1 weeks")


def test_note_markers_give_no_figures_and_leave_the_figure_whole(tmp_path):
    data = pdfgen.superscripts([
        "Maternity Leave",
        "",
        "A female employee is entitled to a continuous period of 14^{Note5} weeks' maternity leave.",
        "A male employee is entitled to 5^{Note8} days' paternity leave for each confinement.",
        "He has worked for 68 hours or more in a four-week period^{1} comprising that week^{2}.",
        "",
        ("^{1} The employee has been employed by the employer concerned during this period.", 10.0),
        ("^{2} Relevant provisions are set out in the Ordinance.", 10.0),
    ])
    got = figures(data, tmp_path)
    found = sorted(zip(got["kind"], got["value"].astype(float), got["unit"].fillna("")))
    assert ("duration", 14.0, "week") in found and ("duration", 5.0, "day") in found
    assert ("duration", 68.0, "hour") in found
    assert not [f for f in found if f[0] == "count"], found  # no note number read as a count
    assert not any("Note" in v or "period1" in v for v in got["value_text"])


# ---- the edition's title --------------------------------------------------------------------------

BODY = ["The Ordinance applies to all employees.", "An employee is entitled to 12 statutory holidays a year.",
        "Employers shall pay wages within 7 days."]


def levels(doc: Document) -> list[tuple[str, int]]:
    return [(doc.text[ln.start:ln.end], ln.level) for ln in doc.lines if ln.level]


def test_title_over_two_lines_in_two_sizes_is_one_line_of_level_1():
    doc = read(pdfgen.cover([("A Concise Guide to the", 32), ("Employment Ordinance", 42), ("", 10),
                             ("Labour Department", 22)], BODY))
    assert levels(doc) == [("A Concise Guide to the Employment Ordinance", 1), ("Labour Department", 2)]
    assert structure(doc).title == "A Concise Guide to the Employment Ordinance"


def test_glyphs_without_text_are_never_the_title():
    doc = read(pdfgen.cover([("Employment Ordinance", 20), ("Labour Department", 12)], BODY, garbled=36))
    assert "(cid:" not in doc.text
    assert structure(doc).title == "Employment Ordinance"


def test_front_matter_is_no_title():
    doc = read(pdfgen.cover([("Table of Contents", 24), ("Foreword", 10), ("Chapter 1 Application", 10)], BODY))
    assert not any(level == 1 for _, level in levels(doc))
    assert structure(doc).title not in ("Table of Contents", "Foreword")


def test_no_title_where_nothing_is_set_larger_than_the_body_or_it_is_a_sentence():
    assert levels(read(pdfgen.cover([("Plain first line", 10)], BODY))) == []
    assert levels(read(pdfgen.cover([("A sentence set large that ends.", 20)], BODY))) == []


@pytest.mark.parametrize(("name", "title"), [
    ("employment_ordinance_concise_guide", "A Concise Guide to the Employment Ordinance"),
    ("fdh_wage_and_employment_records", "Wage and Employment Records (For Foreign Domestic Helpers)"),
])
@needs_real
@pytest.mark.slow  # pdfminer takes seconds a page on the forms' vector art
def test_real_cover_title_joined_across_its_lines(name, title):
    assert real(name).edition.title == title


# ---- the edition's date ---------------------------------------------------------------------------


def prose(top: float, n: int, tag: str) -> list[tuple[float, float, str]]:
    return [(72, top + 14 * i, f"{tag} line {'abcdefghij'[i]} says the Ordinance applies to every employee.")
            for i in range(n)]


@pytest.mark.parametrize("code", ["(12/2025)", "12/2025", "December 2025"])
def test_date_code_at_the_end_of_a_footer_row_is_the_edition_date(code):
    doc = read(pdfgen.placed([
        [(72, 72, "Employment Guide"), *prose(110, 5, "First")],
        [*prose(72, 5, "Middle"), (72, 200, "August 2023")],  # a date line inside the document: content
        [*prose(72, 5, "Last"), (72, 780, "Labour Department"), (460, 780, code)],
    ]))
    text = doc.text.split("\n")
    assert code in text and "Labour Department" in text  # the date code is a line of its own
    assert "August 2023" in text
    assert structure(doc).published == "2025-12"


def test_date_line_inside_the_document_is_no_edition_date():
    doc = read(pdfgen.placed([[(72, 72, "Employment Guide"), *prose(110, 5, "First")],
                              [*prose(72, 5, "Middle"), (72, 200, "(August 2023)")],
                              [*prose(72, 5, "Last")]]))
    assert structure(doc).published is None


@needs_real
@pytest.mark.slow
@pytest.mark.parametrize(("name", "published"), [
    ("fdh_wage_and_employment_records", "2017-07"),  # "(07/2017)" at the foot of its back page
    ("employment_ordinance_concise_guide", ""),  # no date on its cover or back page ("August 2023" is an example)
])
def test_real_edition_date_from_its_cover_or_back_page(name, published):
    assert real(name).edition.published == published


# ---- tables ---------------------------------------------------------------------------------------


def rows_of(doc: Document) -> list[list[str]]:
    """The table rows of a document: each row's cell texts, by column."""
    return [[doc.text[a:b] for a, b in ln.cells] for ln in doc.lines if ln.cells]


def headers_of(doc: Document) -> list[bool | None]:
    return [ln.header for ln in doc.lines if ln.cells]


NOTICE = [["Employment Condition", "", "Length of Notice", "Payment in lieu"],
          ["During probation period", "within the first month", "not required", "not required"],
          ["", "after the first month", "not less than 7 days", "Table 2"],
          ["Continuous contract", "no agreement", "not less than 1 month", "Table 2"]]


def test_ruled_table_rows_with_merged_cells():
    doc = read(pdfgen.ruled_table(NOTICE, [110, 120, 110, 90], spans=[(0, 0, 1, 0), (0, 1, 0, 2)],
                                  before=["The length of notice is:"], after=["Table 2 gives the payment."]))
    assert rows_of(doc) == [
        ["Employment Condition", "Employment Condition", "Length of Notice", "Payment in lieu"],  # a colspan
        ["During probation period", "within the first month", "not required", "not required"],
        ["During probation period", "after the first month", "not less than 7 days", "Table 2"],  # a rowspan
        ["Continuous contract", "no agreement", "not less than 1 month", "Table 2"]]
    assert headers_of(doc) == [True, False, False, False]
    row = next(ln for ln in doc.lines if doc.text[ln.start:ln.end].startswith("after"))
    assert doc.text[row.start:row.end] == "after the first month | not less than 7 days | Table 2"  # written once
    assert "The length of notice is:" in doc.text and "Table 2 gives the payment." in doc.text


def test_table_of_filled_boxes_without_lines_is_read_by_its_boxes():
    doc = read(pdfgen.ruled_table([["Item", "2022", "2023"], ["Revenue", "14,988.4", "15,200.1"],
                                   ["Staff", "1,200", "1,250"]], [200, 80, 80], grid=False, fills=True))
    assert rows_of(doc) == [["Item", "2022", "2023"], ["Revenue", "14,988.4", "15,200.1"], ["Staff", "1,200", "1,250"]]
    assert headers_of(doc) == [True, False, False]


def test_cell_lines_shaded_one_by_one_are_one_cell():
    doc = read(pdfgen.shaded_cells([("(a)", ["Severance payment / long", "service payment"], "$60,000"),
                                    ("(b)", ["Accrued benefits derived", "from contributions"], "$50,000")]))
    assert rows_of(doc) == [["(a)", "Severance payment / long service payment", "$60,000"],
                            ["(b)", "Accrued benefits derived from contributions", "$50,000"]]


def test_prose_in_a_grid_is_read_as_flow():
    long = "An alternative holiday should be arranged within 60 days before the statutory holiday if agreed"
    doc = read(pdfgen.ruled_table([["Arrangement", "Notice"], [long, long], [long, long]], [230, 230]))
    assert rows_of(doc) == []
    assert "within 60 days" in " ".join(doc.text.split())


def test_table_rows_keep_offsets_and_boxes():
    doc = read(pdfgen.ruled_table(NOTICE, [110, 120, 110, 90], spans=[(0, 0, 1, 0), (0, 1, 0, 2)]))
    assert "".join(doc.text[b.start:b.end] for b in doc.boxes) == \
        "".join(doc.text.replace(" | ", "").split())
    for ln in doc.lines:
        assert all(ln.start <= a <= b <= ln.end or (a, b) in {s for prev in doc.lines for s in prev.cells}
                   for a, b in ln.cells)


YEARS = [(72, 150, "Years of Service"), (300, 150, "Annual Leave (days)")] + \
    [(72, 175 + 16 * i, f"{n}") for i, n in enumerate(["1", "2", "3", "4"])] + \
    [(300, 175 + 16 * i, f"{d}") for i, d in enumerate(["7", "7", "8", "9"])] + \
    [(72, 239, "9 or above, counted"), (300, 239, "14"), (72, 252, "from the first day")]


def test_unruled_table_from_shared_column_gaps():
    doc = read(pdfgen.placed([[(72, 72, "Annual Leave"), *prose(100, 2, "Intro"), *YEARS, *prose(300, 3, "After")]]))
    assert rows_of(doc) == [["Years of Service", "Annual Leave (days)"], ["1", "7"], ["2", "7"], ["3", "8"], ["4", "9"],
                            ["9 or above, counted from the first day", "14"]]  # a label's next line joins it
    assert headers_of(doc) == [True, False, False, False, False, False]


def test_text_in_two_columns_is_no_table():
    left = [(72, 100 + 14 * i, f"Left column line {i} tells of the harbour.") for i in range(8)]
    right = [(320, 100 + 14 * i, f"Right column line {i} tells of 3 ferries.") for i in range(8)]
    doc = read(pdfgen.placed([[(72, 72, "Two Columns"), *left, *right]]))
    assert rows_of(doc) == []


def test_table_of_contents_is_furniture_and_gives_no_figures(tmp_path):
    toc = [(72, 72, "Table of Contents")] + [
        item for i, (chapter, title, page) in enumerate([("Chapter 1", "Application of the Ordinance", "3"),
                                                        ("Chapter 2", "Contract of Employment", "5"),
                                                        ("Chapter 3", "Wages", "8"),
                                                        ("Chapter 4", "Rest Days, Holidays and Leave", "12")])
        for item in ((72, 110 + 30 * i, chapter), (160, 110 + 30 * i, title), (480, 110 + 30 * i, page))]
    data = pdfgen.placed([[(72, 72, "Employment Guide"), *prose(110, 3, "Cover")], toc,
                          [(72, 72, "Chapter 1"), (72, 100, "An employee is entitled to 12 days of leave.")]])
    doc = read(data)
    contents = [ln for ln in doc.lines if ln.cells]
    assert len(contents) == 4 and all(ln.furniture for ln in contents)
    got = figures(data, tmp_path)
    assert sorted(got["value"].astype(float)) == [12.0]


def test_ruled_table_cells_become_figures_with_units_and_periods(tmp_path):
    data = pdfgen.ruled_table([["Item", "2022 (HK$ million)", "2023 (HK$ million)"],
                               ["Revenue", "14,988.4", "15,200.1"], ["Expenditure", "(2,491.8)", "1,250.0"]],
                              [200, 110, 110], before=["Financial Results", "The results of the year are below."])
    got = figures(data, tmp_path)
    rows = sorted(zip(got["label"], got["value"].astype(float), got["currency"], got["period_start"]))
    assert rows == [("Expenditure", -2491.8e6, "HKD", "2022-01-01"), ("Expenditure", 1250.0e6, "HKD", "2023-01-01"),
                    ("Revenue", 14988.4e6, "HKD", "2022-01-01"), ("Revenue", 15200.1e6, "HKD", "2023-01-01")]


@needs_real
@pytest.mark.slow
def test_real_form_table_rows():
    doc = real("fdh_wage_and_employment_records").document
    rows = rows_of(doc)
    assert rows[0][1:3] == ["Wage period (received by autopay/ cheque/ cash)", "Amount and date of wages received*"]
    assert rows[1] == ["e.g.", "2.3.2017-1.4.2017 (Cash)", "HK$5,347 ( 1.4.2017 )", "Sundays ( 4 )", "- ( 0 )",
                       "- ( 0 )", "Food allowance HK$1,037"]
    assert [r[0] for r in rows[2:14]] == [f"{i}." for i in range(1, 13)]


@needs_real
@pytest.mark.slow
def test_real_notice_table_with_merged_cells():
    doc = real("employment_ordinance_concise_guide").document
    rows = [r for ln, r in zip([ln for ln in doc.lines if ln.cells], rows_of(doc)) if ln.page == 39]
    assert rows[0][0] == rows[0][1] == "Employment Condition" and rows[0][-2:] == ["Length of Notice",
                                                                                   "Payment in lieu of Notice"]
    assert rows[2][:2] == ["During probation period", "after the first month of probation"]
    assert rows[2][3] == "as per agreement, but not less than 7 days"
    assert rows[-1][-2:] == ["not less than 1 month", "Table 2"]


def test_large_glyph_of_an_icon_is_no_text(tmp_path):
    data = pdfgen.cover([("Wage Records", 20), ("$", 40)],
                        ["12 Statutory Holidays:", "An employee is entitled to them."])
    assert "$" not in read(data).text
    got = figures(data, tmp_path)
    assert list(zip(got["kind"], got["value"].astype(float))) == [("count", 12.0)]


@needs_real
@pytest.mark.slow
@pytest.mark.parametrize("name", ["employment_ordinance_concise_guide", "fdh_wage_and_employment_records"])
def test_real_encrypted_pdfs_that_allow_reading_are_read(name):
    import pdfplumber

    with pdfplumber.open(REAL / f"{name}.pdf") as pdf:
        assert pdf.doc.decipher is not None  # guard on the fixture: encrypted, with an empty user password
    assert len(real(name).figures) >= 7
