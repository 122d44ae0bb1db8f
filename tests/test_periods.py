"""Periods from context: relative phrases resolve against the year the document reports on; a sentence with no
date takes the period of the sentence before it in the same paragraph; nothing is guessed across paragraphs."""

from pathlib import Path

import pytest

from factsheet.dates import stated_year
from factsheet.periods import relative_period
from factsheet.pipeline import standalone_edition


@pytest.mark.parametrize("sentence, figure, period", [
    ("Total assets reached HK$4,206.7 billion at the year end.", "HK$4,206.7 billion", "end of 2019"),
    ("Total assets reached HK$4,206.7 billion at the end of the year.", "HK$4,206.7 billion", "end of 2019"),
    ("The Fund earned HK$262.2 billion during the year.", "HK$262.2 billion", "2019"),
    ("The pound fell by 3.2% in the third quarter.", "3.2%", "third quarter of 2019"),
    ("Exports grew 5% last year.", "5%", "2018"),
    ("Exports grew 5% in 2017.", "5%", ""),  # no relative phrase: the figure's own date is found elsewhere
    ("It said so this year. Exports grew 5%.", "5%", ""),  # another sentence's phrase is not this figure's
])
def test_relative_phrases_resolve_against_the_year(sentence, figure, period):
    start = sentence.index(figure)
    assert relative_period(sentence, start, start + len(figure), 2019) == period


@pytest.mark.parametrize("sentence, figure, topic_year, period", [
    # 'the year' refers back to the year the paragraph named; 'this year' and 'last year' count from the edition's
    ("Exports fell by 4.7 per cent for the year as a whole.", "4.7 per cent", 2019, "2019"),
    ("GDP contracted 1.2% in the third quarter.", "1.2%", 2019, "third quarter of 2019"),
    ("Exports grew 5% this year.", "5%", 2019, "2020"),
    ("Exports grew 5% last year.", "5%", 2019, "2019"),
    ("Exports fell by 4.7 per cent for the year as a whole.", "4.7 per cent", None, "2020"),
])
def test_the_year_refers_back_to_the_year_named_before(sentence, figure, topic_year, period):
    start = sentence.index(figure)
    assert relative_period(sentence, start, start + len(figure), 2020, topic_year) == period


def test_a_paragraph_s_year_reaches_the_year_of_its_next_sentence(tmp_path: Path):
    text = ("Economic review\n\nThe external environment was austere in 2019. Exports of goods fell by 4.7 per "
            "cent for the year as a whole. This year, we expect growth of 1.5 per cent.\n\n"
            "Exports rose 3 per cent for the year.\n\nIn 2020 and 2020 and 2020 and 2020.\n")
    path = tmp_path / "speech.txt"
    path.write_text(text, encoding="utf-8")
    figures = standalone_edition(path).figures
    periods = {text.split()[-3]: period for text, period in
               zip(figures["value_text"], zip(figures["period_start"], figures["period_end"]))}
    assert periods["4.7"] == ("2019-01-01", "2019-12-31")
    assert periods["1.5"] == ("2020-01-01", "2020-12-31")
    assert periods["3"] == ("2020-01-01", "2020-12-31")  # a new paragraph: the edition's year


def test_no_year_no_period():
    text = "The Fund earned HK$262.2 billion during the year."
    assert relative_period(text, 15, 31, None) == ""


@pytest.mark.parametrize("text, year", [
    ("In 2019 markets rose. 2019 was good. By 2019 end, 2018 losses were recovered. 2019.", 2019),
    ("The economy grew in 2013; 2013 was strong; 2013 exports rose; 2013 again. For 2014 we plan 2014 and 2014.",
     2014),  # a speech reviews last year and plans this one
    ("Targets for 2030, 2030 and 2030; in 2019, 2019, 2019 and 2019 we began.", 2019),
    ("Founded in 1998.", None),
])
def test_the_year_a_document_reports_on(text, year):
    assert stated_year(text) == year


def test_sentences_take_the_period_of_the_sentence_before_in_their_paragraph(tmp_path: Path):
    sheet = tmp_path / "chapter.txt"
    sheet.write_text(
        "Reserves Management\n(2019)\n\nThe Exchange Fund\n\n"
        "The Exchange Fund recorded an investment income of HK$262.2 billion in 2019. This comprised gains on "
        "bonds of HK$114.5 billion and gains on equities of HK$100.7 billion. The total assets reached "
        "HK$4,206.7 billion at the year end. Investments under the LTGP totalled HK$335.1 billion.\n\n"
        "Staff numbers rose to 300 employees.\n")
    figures = standalone_edition(sheet).figures.set_index("value_text")
    period = lambda v: (figures.loc[v, "period_start"], figures.loc[v, "period_end"])  # noqa: E731
    assert period("HK$114.5 billion") == ("2019-01-01", "2019-12-31")
    assert period("HK$4,206.7 billion") == ("2019-12-31", "2019-12-31")
    assert period("HK$335.1 billion") == ("2019-12-31", "2019-12-31")
    staff = figures[figures["statement"].str.startswith("Staff")]
    assert len(staff) == 1 and staff["period_start"].isna().all()  # another paragraph: nothing carried
