"""Grammar met in real PDFs: every share in words of words.toml's fractions table is read as its percent, an
ordinal naming a day ("the first day of January") is no rank, a duration's label keeps its unit."""

from __future__ import annotations

import pytest
from test_extract import figures_of

from factsheet.grammar import tables

FRACTIONS = sorted(tables()["fractions"].items())


@pytest.mark.parametrize(("phrase", "value"), FRACTIONS)
def test_every_fraction_of_the_table_is_a_percent(phrase, value):
    rows = figures_of(f"The daily rate is a sum equivalent to {phrase} of the average daily wages.")
    assert [(r["kind"], r["value"]) for r in rows] == [("percent", pytest.approx(value, rel=1e-9))]


@pytest.mark.parametrize(("phrase", "value"), [("four-fifths", 80), ("one half", 50), ("three-quarters", 75),
                                               ("two-fifths", 40), ("seven eighths", 87.5)])
def test_fractions_real_documents_use(phrase, value):
    assert (phrase, value) in FRACTIONS


@pytest.mark.parametrize("sentence", ["The first day of January", "The second day of Lunar New Year",
                                      "The third week of May is a holiday."])
def test_an_ordinal_day_of_a_month_is_no_rank(sentence):
    assert [r for r in figures_of(sentence) if r["kind"] == "rank"] == []


@pytest.mark.parametrize("sentence", ["The cap is maintained at one-third of the Accumulated Surplus of the Fund.",
                                      "Spending rose by two-thirds of the world average."])
def test_a_hyphened_fraction_is_no_rank(sentence):
    assert [r for r in figures_of(sentence) if r["kind"] == "rank"] == []


def test_an_ordinal_place_in_a_scope_is_still_a_rank():
    assert [(r["kind"], r["value"]) for r in figures_of("Hong Kong ranked first in Asia.")] == [("rank", 1)]


def test_a_duration_label_keeps_its_unit_within_the_length_limit():
    rows = figures_of("An employee who has been employed by the same employer has worked for 68 hours or more in a "
                      "four-week period comprising that week and the three weeks next preceding that week.")
    hours = next(r for r in rows if r["value"] == 68)
    assert hours["label"].endswith("(hours)") and len(hours["label"]) <= 80
