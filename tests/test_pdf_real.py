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
    return [(72, top + 14 * i, f"{tag} line {i} says the Ordinance applies to every employee.") for i in range(n)]


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
