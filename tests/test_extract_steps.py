"""Each named step of extraction on its own: spans, qualifiers, periods, labels, finding numbers, fields.

The steps are small functions so the grammar can grow step by step; these tests pin what each promises
without running the whole pipeline (tests/test_extract.py covers the steps together).
"""

import pytest

from factsheet.extract import extract_statement
from factsheet.fields import field_figures
from factsheet.labels import _shorten, _tidy, _topic
from factsheet.model import Statement
from factsheet.numbers import FINDERS, Reader, _count_noun
from factsheet.periods import PeriodFinder, _dates
from factsheet.qualifiers import _qualifier
from factsheet.spans import _clause, _sentences


def bullet(text: str, kind: str = "item", field: str = "") -> Statement:
    return Statement(section="", text=text, offsets=tuple(range(len(text))), kind=kind, field=field)


def test_sentences_and_clauses():
    text = "Exports grew 5% in 2019. The Fund, set up in 2009, holds $2 billion; it is new."
    spans = _sentences(text)
    assert [text[a:b].strip() for a, b in spans] == ["Exports grew 5% in 2019.",
                                                     "The Fund, set up in 2009, holds $2 billion; it is new."]
    at = text.index("$2 billion")
    a, b = _clause(text, at, at + len("$2 billion"))
    assert text[a:b] == "holds $2 billion"


@pytest.mark.parametrize(("text", "figure", "kind", "qualifier", "value_text"), [
    ("It has about 300 staff", "300", "count", "approximate", "about 300"),
    ("It has 300 or more staff", "300", "count", "lower_bound", "300 or more"),
    ("sustainability under six areas", "six", "count", "exact", "six"),  # "under" is weak for a count
    ("It fell below 20 per cent", "20 per cent", "percent", "upper_bound", "below 20 per cent"),
])
def test_qualifier_step(text, figure, kind, qualifier, value_text):
    start = text.index(figure)
    q, a, b = _qualifier(text, start, start + len(figure), kind)
    assert (q, text[a:b]) == (qualifier, value_text)


def test_dates_step_joins_ranges_and_marks_bases_and_targets():
    text = "Spending rose 5% over 2017, from 2018 to 2020, and will reach $3 billion by 2027."
    found = [(text[d.start:d.end], d.kind, d.base, d.target) for d in _dates(text)]
    assert found == [("2017", "year", True, False), ("2018 to 2020", "range", False, False),
                     ("2027", "year", False, True)]


def test_period_step_takes_the_nearest_date_of_the_clause_then_the_framing_one():
    text = "In 2023, exports grew 5%, and imports fell 2% in 2022."
    finder = PeriodFinder(text, _dates(text), _sentences(text), [])
    at = text.index("5%")
    assert finder.period_for(at, at + 2, "percent") == ("2023", "")
    at = text.index("2%")
    assert finder.period_for(at, at + 2, "percent")[0] == "2022"


def test_label_helpers():
    assert _tidy("the  number of start-ups ,") == "Number of start-ups"
    assert _shorten("a " + "word " * 30, 20) == "Word word word word"
    assert _topic("The Hong Kong Science Park hosts 1 100 companies") == "Hong Kong Science Park"


def test_count_noun_is_the_unit():
    text = "over 44,500 “Wi-Fi.HK” hotspots in the city"
    assert _count_noun(text, text.index("500") + 3) == ("“Wi-Fi.HK” hotspots", "hotspots")


def test_finders_run_in_order_and_a_span_is_read_once():
    statement = bullet("The Fund invested $2 billion in 300 start-ups, the world's largest.")
    dates = _dates(statement.text)
    reader = Reader(statement, "", dates, [])
    for find in FINDERS:
        find(reader)
    assert sorted((f.kind, f.value_text) for f in reader.figures) == [
        ("count", "300"), ("money", "$2 billion"), ("rank", "the world's largest")]
    figures, _ = extract_statement(statement)
    assert [f.value_text for f in figures] == ["$2 billion", "300", "the world's largest"]


def test_field_step_labels_each_listed_item():
    text = "Religions: Protestant 11%, Catholic 5%"
    statement = bullet(text, "field", "Religions")
    figures, _ = extract_statement(statement)
    assert [f.label for f in field_figures(statement, figures)] == ["Religions: Protestant", "Religions: Catholic"]


@pytest.mark.parametrize(("row", "column", "value", "expected"), [
    # a table row read as a field: its row and its column name the value ('Length of Notice' of the probation row)
    ("During probation period", "Length of Notice", "not less than 7 days",
     ["During probation period: Length of Notice"]),
    # negative: a column the row's name already holds adds nothing
    ("Length of notice during probation", "Length of Notice", "not less than 7 days",
     ["Length of notice during probation"]),
])
def test_field_step_labels_a_table_rows_value_by_its_row_and_column(row, column, value, expected):
    text = f"{row}: {value}"
    statement = Statement(section="", text=text, offsets=tuple(range(len(text))), kind="field", field=row, row=row,
                          column=column)
    figures, _ = extract_statement(statement)
    assert [f.label for f in field_figures(statement, figures)] == expected
