"""Labels of the figures of a worked calculation (formulas.py): each operand and result named by its gloss, its own
term, the term of the bracket it stands in or the lead-in of the sum it breaks down; figures outside a calculation
are left to the clause labeller."""

import pytest

from factsheet.extract import extract_statement
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
