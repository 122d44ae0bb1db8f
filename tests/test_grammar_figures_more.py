"""Table-driven tests for more of issue 10's points 5 and 6 as found on the keyed real documents: what is no
figure, which numbers after a name or a bullet's verb are figures, and qualifiers that govern a list or are a
verb's particle. Each row is a phrase and the figures it must give (and must not)."""

import pytest
from test_grammar_real_phrases import bullet, values

# --- 5. not figures ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "In 2018, a number of risk factors which had been underpriced by the markets materialised one after another.",
    "The tenants left one after the other.",
    "Major stock markets had declined sharply, posting double-digit falls.",
    "Inflation stayed in the single-digit range.",
    "One process-related measure taken by the HKMA is the adoption of the Principles of Responsible Ownership.",
    "Growth was strong. One reason is the rebound in tourism.",
    "Such time from 8:30 a.m. to 9:00 a.m. shall not be counted as hours worked.",  # times of day
    "2 According to EO, an employee is covered.",  # a footnote's number
    "Hong Kong implements the project of the Group of Twenty against base erosion.",  # a number word in a name
    "Avoid over reliance on one or two types of tax.",  # vague, no figure
    "We must help our community to heal, one step at a time.",
    "The atmosphere has deteriorated for more than a year and a half.",
    "Hong Kong is one of the freest economies.",
])
def test_not_figures(sentence):
    assert bullet(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # a bullet item's opening verb after "; " or ": ", not a name: the number after it is a count
    ("Take forward co-operation: Establish a centre; Organise two training courses or technical forums; and "
     "Arrange five delegations from B&R countries to visit Hong Kong.", [("count", 2), ("count", 5)]),
    ("Elevation: highest point: Tai Mo Shan 958 m", [("count", 958)]),  # a measure after a place's name
    ("The regional border with China 33 km long is fenced.", [("count", 33)]),
    ("The subsidy covers four extra months of charges.", [("duration", 4)]),
    ("The scheme runs for two more years.", [("duration", 2)]),
    # "N times as expected" counts occurrences; "N times as large" is a multiple
    ("The US Federal Reserve raised interest rates three times as expected.", [("count", 3)]),
    ("Output is three times as large as before.", [("ratio", 3)]),
    ("The office opens at 8:30 a.m. and 1 500 staff work there.", [("count", 1500)]),
    # numbers in names stay names
    ("Digital 21 Strategy was updated.", []),
    ("Industry 4.0 is the theme.", []),
])
def test_numbers_after_names_and_verbs(sentence, expected):
    assert values(bullet(sentence)) == expected


# --- 6. qualifiers by meaning ------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "expected"), [
    # a qualifier before a bare list governs every item of it
    ("The peso and the lira depreciated by around 50% and 30% respectively against the US dollar.",
     [(50, "approximate"), (30, "approximate")]),
    ("Grants of about $1 billion, $2 billion and $3 billion were made.",
     [(1e9, "approximate"), (2e9, "approximate"), (3e9, "approximate")]),
    # ... but not a list of things each with its own noun, nor across a word that is no figure
    ("The plan has over 130 initiatives and 6 areas.", [(130, "lower_bound"), (6, "exact")]),
    ("Yields were about 2% in 2017 and 3% in 2018.", [(2, "approximate"), (3, "exact")]),
    # "as much as": the most it reached
    ("The Hang Seng Index lost as much as 27% from its January peak.", [(27, "upper_bound")]),
    # "bringing about": the verb's particle, no qualifier
    ("The companies will bring about $175.4 billion of investment.", [(175.4e9, "exact")]),
    ("The companies will bring about 19 900 job opportunities.", [(19900, "exact")]),
    ("The fund holds about $175.4 billion of investment.", [(175.4e9, "approximate")]),
])
def test_qualifiers_of_lists_and_particles(sentence, expected):
    assert [(r["value"], r["qualifier"]) for r in bullet(sentence)] == expected
