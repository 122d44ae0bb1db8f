"""Labels of the figures of a worked calculation (formulas.py): each operand and result named by its gloss, its own
term, the term of the bracket it stands in or the lead-in of the sum it breaks down; figures outside a calculation
are left to the clause labeller."""

from dataclasses import replace

import pytest

from factsheet.extract import extract_statement
from factsheet.labels import example_names, spelled_labels
from factsheet.model import Statement


def labels(sentence: str) -> list[tuple[str, str]]:
    figures, _ = extract_statement(Statement("Examples", sentence, tuple(range(len(sentence)))))
    return [(sentence[f.start:f.end], f.label) for f in figures]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a sum after a lead-in's colon, broken down in a bracket: the lead-in names it and its hours, the sum
    # multiplied by the hours is the rate per hour
    ("(1) Minimum wage for this month : $8,800 (220 hours X $40)",
     [("$8,800", "Minimum wage for this month"), ("220 hours", "Minimum wage for this month (hours)"),
      ("$40", "Minimum wage for this month: rate per hour")]),
    # terms written before the operands; a bracket after a term names its operands
    ("(2) Wages payable in respect of this month : $9,123.9 ($10,200 + overtime pay (4 X $60) ─ rest day pay of "
     "$1,316.1)",
     [("$9,123.9", "Wages payable in respect of this month"), ("$60", "Overtime pay: rate"),
      ("$1,316.1", "Rest day pay")]),
    # glosses written after the operands
    ("208.75 hours (total number of hours worked) X $40 (SMW rate) ═ $8,350 (minimum wage)",
     [("208.75 hours", "Total number of hours worked (hours)"), ("$40", "SMW rate"), ("$8,350", "Minimum wage")]),
    # a chain with a result: the term before it names the result and its durations
    ("Rest day pay for the 4 Sundays is : $9,200 ÷ 30 days X 4 days = $1,226.7.",
     [("$9,200", "Rest day pay for the 4 Sundays: operand"), ("30 days", "Rest day pay for the 4 Sundays (days)"),
      ("4 days", "Rest day pay for the 4 Sundays (days)"), ("$1,226.7", "Rest day pay for the 4 Sundays")]),
    # a phrase an operand carries after it
    ("The hours worked are 220 hours (27 days from Monday to Saturday X 8 hours per day).",
     [("27 days", "Monday to Saturday (days)")]),
    # a duration operand written as a rate: the rate, with the phrase of the factor it multiplies when it has one
    ("The actual total number of hours worked is 220 hours (27 days from Monday to Saturday X 8 hours per day, and "
     "4 hours' overtime).",
     [("8 hours", "Hours per day from Monday to Saturday (hours)"), ("4 hours", "Overtime (hours)")]),
    ("It is 170 hours (22 days from Monday to Friday X 7 hours per day + 4 Saturdays X 4 hours per day).",
     [("7 hours", "Hours per day from Monday to Friday (hours)"), ("4 hours", "Hours per day (hours)")]),
])
def test_operands_and_results_of_a_calculation(sentence, expected):
    got = labels(sentence)
    assert [g for g in got if g[0] in {e[0] for e in expected}] == expected


@pytest.mark.parametrize(("sentence", "value", "label"), [
    # negative: a range written with a hyphen is no subtraction
    ("Fees rose from $5 - $7 in 2020.", "$7", "Fees rose"),
    # negative: a restatement in brackets is no calculation
    ("The total number of hours worked is 208 hours (i.e. 208.75 hours).", "208.75 hours",
     "Total number of hours worked (hours)"),
    # negative: a sum after a colon with no calculation after it keeps the clause's label
    ("Remuneration : $10,200 per month with paid rest days on Sundays.", "$10,200",
     "Remuneration: month with paid rest days on Sundays"),
])
def test_figures_outside_a_calculation_keep_their_clause_label(sentence, value, label):
    assert dict(labels(sentence))[value] == label


def test_a_rate_outside_a_calculation_is_no_time_rate():
    """Negative: "8 hours per day" with no sign of arithmetic before it is the clause's, not "Hours per day"."""
    assert not dict(labels("The employee works 8 hours per day."))["8 hours"].startswith("Hours per day")


EXAMPLE = [  # (page, sentence): a worked example stating an amount, then calculating with it
    (1, "An employee with monthly salary of $11,000 has worked 24 days."),
    (1, "(2) Wages payable : $8,810.1 ($11,000 ─ rest day pay of $1,466.7 ─ leave pay of $361.6)"),
    (1, "Rest day pay is $1,466.7 (i.e. $11,000 ÷ 30 days X 4 rest days)."),
    (1, "Holiday pay is : $11,000X 12 ÷ 365 = $361.6"),
    (2, "Leave pay is $11,000 ÷ 30 days."),
]


def example_labels() -> list[tuple[int, str, str, str]]:
    figures = [f for page, text in EXAMPLE
               for f in extract_statement(Statement("Examples", text, tuple(range(len(text))), page=page))[0]]
    return [(f.statement.page, f.statement.text[f.start : f.end], f.label, before.label)
            for f, before in zip(example_names(figures), figures)]


@pytest.mark.parametrize(("page", "value", "occurrence", "label"), [
    # an amount opening a calculation with no words of its own: the name the example gave it where it stated it
    (1, "$11,000", 1, "Employee with monthly salary"),  # "($11,000 ─ ..."
    (1, "$11,000", 2, "Employee with monthly salary"),  # "(i.e. $11,000 ÷ ..."
    (1, "$11,000", 3, "Employee with monthly salary"),  # ": $11,000X 12"
    # negative: an operand with a term of its own keeps it ("rest day pay of $1,466.7 ─")
    (1, "$1,466.7", 0, "Rest day pay"),
])
def test_a_worked_example_names_an_amount_where_it_first_states_it(page, value, occurrence, label):
    got = [g for g in example_labels() if g[:2] == (page, value)]
    assert got[occurrence][2] == label


def test_an_amount_named_on_another_page_lends_no_name():
    """Negative: the example's scope is its page; the same amount calculated elsewhere keeps its own label."""
    (_, _, label, before), *_ = [g for g in example_labels() if g[:2] == (2, "$11,000")]
    assert label == before and "salary" not in label


@pytest.mark.parametrize("label", ["i.e. per hour with effect", "e.g. per hour with effect"])
def test_a_label_never_opens_on_a_gloss_marker(label):
    text = "The rate is $40 per hour."
    figure, *_ = extract_statement(Statement("Examples", text, tuple(range(len(text)))))[0]
    assert spelled_labels([text], [replace(figure, label=label)])[0].label == "Per hour with effect"
