"""Numbers that document structure says are no figures: a table of contents' page references, a footnote's own
number, a note reference set small after a word; and times of day and hyphenated durations in any document.

On PDFs rendered here with reportlab (pdfgen.sized) and on the Labour Department's minimum wage guidelines in
../shared (pages 1-10 are hand-keyed in tests/real/pdf)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pdfgen
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from factsheet.extract import extract_statement
from factsheet.model import Document, Statement
from factsheet.pdf import read_pdf
from factsheet.pipeline import EditionData, standalone_edition
from factsheet.read import structure

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real" / "pdf"
needs_real = pytest.mark.skipif(not REAL.exists(), reason="../shared/data/real/pdf is not present")
BODY = 10.0
NOTE = 7.8


def read(data: bytes) -> Document:
    return read_pdf(data, "test.pdf")


def extracted(data: bytes, tmp_path: Path) -> EditionData:
    path = tmp_path / "guide.pdf"
    path.write_bytes(data)
    return standalone_edition(path)


def values(frame: pd.DataFrame) -> list[float]:
    return sorted(frame["value"].astype(float))


def text_lines(doc: Document, furniture: bool = False) -> list[str]:
    """The document's lines that say something (furniture left out unless asked for)."""
    return [doc.text[ln.start:ln.end] for ln in doc.lines
            if doc.text[ln.start:ln.end].strip() and (furniture or not ln.furniture)]


def prose(top: float, n: int, what: str) -> list[tuple[float, float, str, float]]:
    """n lines of body text with no figure."""
    return [(72, top + 14 * i, f"{what} line {'ABCDEFGH'[i]} says that the harbour has a ferry pier.", BODY)
            for i in range(n)]


# ---- tables of contents ---------------------------------------------------------------------------------

CHAPTERS = [("1", "Introduction", "3"), ("2", "Coverage of the Ordinance", "4"), ("3", "Hours Worked", "5"),
            ("4", "Records of Employment", "6")]


def chapters() -> list[list[tuple[float, float, str, float]]]:
    """One page per chapter (pages 3 to 6), headed by its number and title as the contents page gives them, with a
    figure."""
    return [[(72, 72, f"{n} {title}", 16.0), (72, 110, f"An employer keeps {10 + i} records of {title.lower()}.", BODY)]
            for i, (n, title, _) in enumerate(CHAPTERS)]


def contents(rows: list[tuple[float, float, str, float]], heading: str = "") -> bytes:
    cover = [(72, 72, "Employment Guide", 24.0), *prose(130, 3, "Cover")]
    page = ([(72, 72, heading, 18.0)] if heading else []) + rows
    return pdfgen.sized([cover, page, *chapters()])


def columns() -> list[tuple[float, float, str, float]]:
    """Contents rows as three columns: the chapter's number, its title and its page number, with no leaders."""
    return [item for i, (n, title, page) in enumerate(CHAPTERS) for top in [110 + 24 * i]
            for item in ((72, top, n, BODY), (100, top, title, BODY), (480, top, page, BODY))]


def dotted(top: float, n: str, title: str, page: str, glued: bool) -> tuple[float, float, str, float]:
    """A contents row "1 Introduction ........ 3" with its page number set flush right at x = 480."""
    text = f"{n} {title} " + "." * (60 - len(title)) + f" {page}"
    if glued:
        text = text.replace(" .", ".").replace(". ", ".")
    return (480 - stringWidth(text, "Helvetica", BODY), top, text, BODY)


@pytest.mark.parametrize("glued", [False, True])
def test_contents_with_dot_leaders_and_no_heading_is_furniture(tmp_path, glued):
    data = contents([dotted(110 + 24 * i, n, title, page, glued) for i, (n, title, page) in enumerate(CHAPTERS)])
    doc = read(data)
    assert not any("Records of Employment" in t and "." * 5 in t for t in text_lines(doc))
    assert sum(1 for t in text_lines(doc, furniture=True) if "." * 5 in t) == 4  # kept in the text, as furniture
    assert values(extracted(data, tmp_path).figures) == [10.0, 11.0, 12.0, 13.0]  # the chapters' figures only


def test_contents_headed_contents_in_columns_is_furniture(tmp_path):
    rows = columns()
    data = contents(rows, heading="Contents")
    assert values(extracted(data, tmp_path).figures) == [10.0, 11.0, 12.0, 13.0]


def test_contents_told_by_its_titles_coming_back_as_headings(tmp_path):
    """No heading, no leaders: the entries' titles are the headings of the pages they point at."""
    rows = columns()
    data = contents(rows)
    doc = read(data)
    assert [t for t in text_lines(doc) if "Hours Worked" in t] == ["3 Hours Worked"]  # only the chapter's heading
    assert values(extracted(data, tmp_path).figures) == [10.0, 11.0, 12.0, 13.0]


def test_contents_entries_without_a_page_number_between_others_go_with_them(tmp_path):
    """A part's own title and its sub-entries ("- Meal break") sit between entries with page numbers."""
    rows = [(72, 110, "1 Introduction", BODY), (480, 110, "3", BODY), (72, 134, "2 Application of the Ordinance", BODY),
            (100, 150, "- Travelling time for 2 hours", BODY), (100, 166, "- Meal break", BODY),
            (100, 182, "A. Hours Worked", BODY), (480, 182, "5", BODY), (72, 206, "3 Records of Employment", BODY),
            (480, 206, "6", BODY), (72, 240, "Note: figures are rounded to one decimal place.", BODY)]
    data = contents(rows, heading="Table of Contents")
    doc = read(data)
    assert "Travelling time" not in "\n".join(text_lines(doc))
    assert any(t.startswith("Note: figures are rounded to one decimal place.") for t in text_lines(doc))  # content
    assert 2.0 not in values(extracted(data, tmp_path).figures)


def test_column_of_figures_is_no_contents(tmp_path):
    """Rows ending in aligned, growing numbers, without a contents heading, leaders or titles that come back."""
    rows = [item for i, (district, clinics) in enumerate([("Central", "3"), ("Wan Chai", "5"), ("Eastern", "8"),
                                                          ("Southern", "12")])
            for item in ((72, 130 + 18 * i, f"{district} district clinics", BODY), (300, 130 + 18 * i, clinics, BODY))]
    data = pdfgen.sized([[(72, 72, "Clinics by District", 18.0), *prose(96, 2, "Intro"), *rows]])
    doc = read(data)
    assert not any(ln.furniture for ln in doc.lines)
    assert {3.0, 5.0, 8.0, 12.0} <= set(values(extracted(data, tmp_path).figures))


SPREAD_ENTRIES = [("I. Duties of Employers", "3"), ("II. Benefits of Records", "8"), ("III. Points to Note", "11"),
                  ("IV. Forms for Keeping Records", "15")]


@pytest.mark.parametrize("contents_left", [True, False])
def test_contents_page_beside_a_chapter_title_on_a_spread_is_furniture(tmp_path, contents_left):
    """A booklet's contents page shares a landscape sheet with a chapter's title page, set large: the title's words
    share the contents' rows, so the page numbers are found per column and the heading per fragment."""
    contents_page = [(40, 60, "Table of Contents", 18.0)] + [
        item for i, (title, page) in enumerate(SPREAD_ENTRIES) for top in [110 + 30 * i]
        for item in ((40, top, title, BODY), (350, top, page, BODY))]
    title_page = [(60, 56, "I", 28.0)] + [(60, 104 + 30 * i, line, 24.0)
                                           for i, line in enumerate(["Duties of", "Employers under", "the Ordinance",
                                                                     "in Brief"])]
    body = [(40, 60 + 14 * i, f"An employer keeps {12 + i} records of wages for each employee.", BODY)
            for i in range(3)]
    sheet = (contents_page, title_page) if contents_left else (title_page, contents_page)
    data = pdfgen.spread([sheet, (body, body[:1])])
    doc = read(data)
    assert all(ln.furniture for ln in doc.lines if doc.text[ln.start:ln.end].startswith("II. Benefits"))
    assert values(extracted(data, tmp_path).figures) == [12.0, 12.0, 13.0, 14.0]


# ---- footnotes --------------------------------------------------------------------------------------------

RATE = [(72, 72, "Minimum Wage", 16.0),
        (72, 110, "The rate is raised from $37.5 per hour to $40 per hour with effect from 1 May 2023^{1}.", BODY),
        (72, 126, "It covers employees employed under a continuous contract^{2}.", BODY), *prose(150, 8, "Body")]
NOTES = [(72, 760, "1 SMW took effect on 1 May 2011. The initial rate was $28 per hour.", NOTE),
         (72, 774, "2 An employee employed for four weeks or more, with at least 18 hours worked in each", NOTE),
         (80, 783, "week, is regarded as employed under a continuous contract.", NOTE)]


def note_statements(data: bytes) -> list[str]:
    return [s.text for s in structure(read(data)).statements if s.kind == "note"]


def test_footnotes_referred_to_are_notes_without_their_numbers(tmp_path):
    data = pdfgen.sized([[*RATE, *NOTES]])
    assert note_statements(data) == ["SMW took effect on 1 May 2011.", "The initial rate was $28 per hour.",
                                     "An employee employed for four weeks or more, with at least 18 hours worked in "
                                     "each week, is regarded as employed under a continuous contract."]
    got = extracted(data, tmp_path).figures
    assert values(got) == [4.0, 18.0, 28.0, 37.5, 40.0]  # no 1 or 2: the notes' figures stay, their numbers go
    assert "40 per hour with effect from 1 May 2023." in "\n".join(got["statement"])  # the reference mark is gone


def test_footnote_hanging_out_of_its_lines_is_a_note_without_a_reference():
    page = [(72, 72, "Coverage", 16.0), *prose(110, 3, "Body"),
            (72, 760, "3 The Ordinance does not apply to a family member who lives in the same dwelling", NOTE),
            (80, 769, "as the employer, nor to 2 kinds of apprentices.", NOTE)]
    assert note_statements(pdfgen.sized([page])) == [
        "The Ordinance does not apply to a family member who lives in the same dwelling as the employer, nor to 2 "
        "kinds of apprentices."]


@pytest.mark.parametrize("foot", [
    [(72, 760, "3 bedrooms are set aside in each of the flats.", NOTE)],  # one line, no reference to it
    [(72, 760, "3 bedrooms are set aside in each of the flats.", BODY)],  # set as the body is
    [(72, 500, "3 bedrooms are set aside in each of the flats.", NOTE), *prose(520, 2, "After")],  # text below it
])
def test_small_line_starting_with_a_number_is_no_note_unless_layout_says_so(tmp_path, foot):
    data = pdfgen.sized([[(72, 72, "Housing", 16.0), *prose(110, 3, "Body"), *foot]])
    assert note_statements(data) == []
    assert 3.0 in values(extracted(data, tmp_path).figures)


def test_paragraph_cut_by_a_page_break_goes_on_after_the_footnotes():
    first = [(72, 72, "Allowances", 16.0), *prose(110, 6, "Body"),
             (72, 200, "Each worker gets a meal allowance^{1}; from 2024 the", BODY),
             (72, 216, "monthly allowance was raised to", BODY),
             (72, 760, "1 The allowance is paid with the wages of the month.", NOTE)]
    second = [(72, 72, "$1,000 for each of the 20 workers of a shift.", BODY)]
    statements = structure(read(pdfgen.sized([first, second]))).statements
    assert [(s.kind, s.text) for s in statements][-2:] == [
        ("paragraph", "Each worker gets a meal allowance; from 2024 the monthly allowance was raised to $1,000 for "
                      "each of the 20 workers of a shift."),
        ("note", "The allowance is paid with the wages of the month.")]


def test_body_lines_of_a_page_whose_footnotes_outweigh_them_are_no_headings(tmp_path):
    """A worked example with long notes: the notes, set small, hold more characters than the body on that page,
    but the document's body size is still the page's body, so its short lines are no headings (their figures
    stay) and the notes stay notes."""
    first = [(72, 72, "Wages", 16.0), *prose(110, 8, "Body"), *prose(230, 8, "More")]
    example = [(72, 72, "Example 16^{1}", BODY), (72, 100, "Minimum wage for this month :", BODY),
               (72, 120, "$8,800 (220 hours X $40)", BODY), (72, 140, "Wages payable for this month :", BODY),
               (72, 160, "$9,123.9 ($10,200 + overtime pay (4 X $60))", BODY),
               (72, 700, "1 Assumptions : There are 31 days (including 4 Sundays) in this month and the actual", NOTE),
               *[(72, 709 + 9 * i, f"total number of hours worked is 220 hours, as line {'ABCDEFG'[i]} of the note "
                                   "says of the month and its hours.", NOTE) for i in range(2)]]
    data = pdfgen.sized([first, example])
    doc = read(data)
    assert not [doc.text[ln.start:ln.end] for ln in doc.lines if ln.page == 2 and ln.heading]
    assert [t[:13] for t in note_statements(data)] == ["Assumptions :"]
    page2 = extracted(data, tmp_path).figures.query("page == 2")
    assert {8800.0, 220.0, 40.0, 9123.9, 10200.0, 4.0, 60.0} <= set(page2["value"].astype(float))


# ---- times of day and hyphenated durations: in any document ----------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Such time from 8:30 a.m. to 9:00 a.m. shall not be counted as hours worked.", []),
    ("He stays in the office from 6:00 p.m. to 6:15 p.m. for personal reasons.", []),
    ("The counter opens at 9 a.m. and closes at 18:00 daily.", []),
    ("The ceremony starts at 12 noon and the gates close at 11.30 pm.", []),
    ("The office is open until 7 o'clock.", []),
    ("An employee attends a 3-hour training course at the direction of the employer.", [("duration", "3", "hours")]),
    ("Staff take a 1.5-hour talk and a 30-minute test.", [("duration", "1.5", "hours"), ("duration", "30", "minutes")]),
    ("A 24-month extension was granted.", [("duration", "24", "months")]),
    ("The 24-hour hotline answers 3 calls at 10:30 a.m. each day.", [("count", "3", "calls")]),  # round the clock
    ("The Government matches donations on a 1:10 matching basis.", [("ratio", "1/10", "ratio")]),
    ("It has a teacher-to-student ratio of 1:15 in primary schools.", [("ratio", "1/15", "ratio")]),
    ("Tariffs are set between $2.5 and $4 per kilowatt-hour.", [("money", "2.5", ""), ("money", "4", "")]),
    ("Workers rest for 18 hours a week.", [("duration", "18", "hours")]),
])
def test_times_of_day_are_no_figures_and_hyphenated_units_are_durations(sentence, expected):
    figures, _ = extract_statement(Statement("Hours", sentence, tuple(range(len(sentence)))))
    assert [(f.kind, f.number_text, f.unit) for f in figures] == expected


# ---- the real guidelines ------------------------------------------------------------------------------------

@cache
def guidelines() -> EditionData:
    return standalone_edition(REAL / "statutory_minimum_wage_guidelines.pdf")


@needs_real
@pytest.mark.slow
def test_real_contents_page_gives_no_page_numbers():
    edition = guidelines()
    page2 = edition.figures[pd.to_numeric(edition.figures["page"]) == 2]
    assert values(page2) == [1.0]  # "rounded to one decimal place", the note under the contents
    lines = [ln for ln in edition.document.lines if ln.page == 2 and ln.furniture]
    assert len(lines) >= 12  # the chapters, their parts, the appendices and their page numbers


@needs_real
@pytest.mark.slow
def test_real_footnotes_are_notes_and_their_numbers_no_figures():
    edition = guidelines()
    statements = structure(edition.document).statements
    notes = [(s.page, s.text[:30]) for s in statements if s.kind == "note" and s.page <= 10]
    assert notes == [(3, "SMW took effect on 1 May 2011."), (3, "The initial SMW rate was $28 p"),
                     (6, "According to EO, an employee w"), (6, "EO does not apply to : (a) a f"),
                     (6, "As for (d), while certain prov"), (7, "In addition, if substantial an")]
    first10 = edition.figures[pd.to_numeric(edition.figures["page"]) <= 10]
    assert values(first10[first10["statement"].str.contains("SMW rate was|According to EO")]) == \
        [4.0, 18.0, 28.0, 30.0, 32.5, 34.5, 37.5]
    assert not (first10["value"].astype(float).isin([2.0, 3.0]) & (first10["kind"] == "count")).any()


@needs_real
@pytest.mark.slow
def test_real_clock_times_and_training_hours():
    edition = guidelines()
    page9_10 = edition.figures[pd.to_numeric(edition.figures["page"]).isin([9, 10])]
    assert list(zip(page9_10["kind"], page9_10["value"].astype(float))) == [("duration", 3.0), ("duration", 3.0)]
