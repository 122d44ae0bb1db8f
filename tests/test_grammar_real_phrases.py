"""Table-driven tests for the grammar of real government prose (issue 10): ranges and targets, periods from
context, what is no figure, and qualifiers by meaning. Each row is a phrase and the figures it must give."""

import pytest

from factsheet.extract import extract
from factsheet.model import Document
from factsheet.normalise import figures_frame
from factsheet.read import structure


def rows_of(text: str, published: str = "t-2022-06") -> list[dict]:
    """Figures of a small document (a heading, then `text` as its body), normalised to row dicts."""
    doc = Document.from_text(f"Heading\n\n{text}\n")
    return figures_frame(extract(structure(doc))[0], doc, published, "HKD").to_dict("records")


def bullet(sentence: str) -> list[dict]:
    return rows_of(f"• {sentence}")


def values(rows: list[dict]) -> list[tuple[str, float]]:
    return [(r["kind"], r["value"]) for r in rows]


# --- 5. not figures -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "On the one hand, we should understand our advantages; on the other hand, we must act.",
    "China promised that, under its \"one country, two systems\" formula, it would keep the system.",
    "Geographic coordinates: 22 15 N, 114 10 E",
    "National Day is celebrated on 1 October every year.",
    "The Government's accounting year ends on 31 March.",
    "The holiday falls on October 1 each year.",
    "20.I forecast steady growth.",
    "In the second half of the year, bond yields rose sharply.",
    "In the first three quarters, exports rose sharply.",
    "Yields fell in the first half of this year.",
    "The levy will not be collected in one go.",
    "One should note that the market was volatile.",
    "In case a notice has not been given, one shall adopt the average daily wages of the employee.",
    "Its address is 1520 18th Street NW, Washington.",
    "By the end of 2021, the leading pro-democracy figures in Hong Kong had been arrested.",
    "Most persons aged 5 and over spoke Cantonese at home.",
    "For details, please refer to footnote 2 above.",  # a note's number
    "The sickness day taken may be under Category 1 or Category 2.",  # numbers in names
    "One day, the employer assigns him to go to a client's office.",  # a story's day
    "Please refer to 4 Application of the Ordinance for the details.",  # a chapter referred to
])
def test_not_figures(sentence):
    assert bullet(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The office was closed for one day, then reopened.", [("duration", 1)]),  # a length of time before a comma
    ("Please refer to 3 cases of fraud in the annex.", [("count", 3)]),  # a count after "refer to"
])
def test_near_misses_of_not_figures_are_figures(sentence, expected):
    assert values(bullet(sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a singular unit after a number above one, before a noun, is part of a compound noun the number counts
    ("allocating funding to add 100 day care places;", [("count", 100)]),
    ("The allowance is paid for 100 days in a year.", [("duration", 100)]),  # negative: a length of time
    ("The scheme has run for three years.", [("duration", 3)]),  # negative: a unit with no noun after it
    # an ordinal before a step of a sequence is no rank
    ("It will launch the first phase of the Pilot Scheme this September.", []),
    ("Hong Kong ranked first in the world.", [("rank", 1)]),  # negative: a rank in a scope
    # "more", "additional" between a number and its noun
    ("It will organise ten more classes and acquire six additional buses.", [("count", 10), ("count", 6)]),
    ("It hired 300 more than last year.", []),  # negative: no noun after "more"
    # ... before a capitalised name, or a participle modifying the plural noun after it
    ("The HA will provide 12 000 additional Specialist Out-patient attendances annually and nine additional operating "
     "theatre sessions per week.", [("count", 12000), ("count", 9)]),
    ("It hired 300 additional operating in Kowloon.", []),  # negative: no plural noun after the participle
    # a working or business day is a day of a duration
    ("The OP processing time can be shortened to 10 working days.", [("duration", 10)]),
    ("Wages must be paid within 7 business days.", [("duration", 7)]),
    # a size a verb sets is a count, with no noun after it
    ("The funding buys buses, increasing the fleet size of Rehabus to 135.", [("count", 135)]),
    ("The rate will rise to 135.", []),  # negative: nothing says what is counted
    # "one shall adopt": a pronoun, no count; negative: one of a counted noun is a count
    ("In case no notice is given, one shall adopt the average wages over 2 projects.", [("count", 2)]),
    ("The fund supports one project in each district.", [("count", 1)]),
    # "the other one" is a pronoun, "one out of eight" a share, a change "of N times" and a decimal of times multiples
    ("We will apply for three other projects, namely one at Anderson Road and the other one near the Fire Station.",
     [("count", 3)]),
    ("Last year, one out of eight new PCs is EV.", [("percent", 12.5)]),
    ("It represents an increase of about 1.8 times compared with the previous five years.",
     [("ratio", 1.8), ("duration", 5)]),
    ("Output grew 2.5 times.", [("ratio", 2.5)]),
    # negatives: occurrences; one of several counted
    ("The Fed raised interest rates three times.", [("count", 3)]),
    ("Signal No. 8 was hoisted 5 times.", [("count", 5)]),
    # a number the sentence defines as a count of its noun
    ("(*122 is the number of days between 1.9.2022 and 31.12.2022)", [("count", 122)]),
    ("Page 45 is the number of the form.", []),  # negative: no noun counted
])
def test_counts_of_list_items(sentence, expected):
    assert values(bullet(sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a note's reference set as text between a number and its unit: the figure reads on across it
    ("He is entitled to 5 (Note 1) days’ paternity leave for each confinement.", [("duration", 5, "day")]),
    ("She is entitled to maternity leave for a continuous period of 14 (Note) weeks.", [("duration", 14, "week")]),
    ("The leave runs from 4 weeks before the delivery to 14 (Note 2) weeks after it.",
     [("duration", 4, "week"), ("duration", 14, "week")]),
    # negative: words in brackets that are no note's reference do not join a number to a unit, and a note's
    # reference with no unit after it is no figure
    ("He is entitled to 5 (five) days of leave.", []),
    ("The cap is set out in the Ninth Schedule (Note 2).", []),
])
def test_a_note_reference_inside_a_figure(sentence, expected):
    assert [(r["kind"], r["value"], r["unit"]) for r in bullet(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # numbers listed after a name's number name members too
    ("The record sets out the paid sickness days deducted from Categories 1 and 2.", []),
    ("The changes are set out in sections 15, 16 and 18 of the Ordinance.", []),
    ("Please refer to Appendices 3 and 4 for the sample forms.", []),
    # negative: numbers listed after no name are counts
    ("The estate has 3 and 4 bedroom flats in 12 towers.", [("count", 3), ("count", 4), ("count", 12)]),
    # a number after a multiplication sign written "X" is an operand, not a name's number
    ("Rest day pay is $10,200 ÷ 31 days X 4 days.", [("money", 10200), ("duration", 31), ("duration", 4)]),
    ("It took 27 days from Monday to Saturday X 8 hours per day.", [("duration", 27), ("duration", 8)]),
    # negative: a word that names keeps its number in the name ("Phase 2")
    ("The works of Phase 2 cost $5 million.", [("money", 5000000)]),
])
def test_numbers_listed_after_a_name_number(sentence, expected):
    assert values(bullet(sentence)) == expected


def test_a_group_named_before_its_part_is_no_superlative():
    # "Top Talent Pass Scheme: applications" is the implied noun of the part; "Top" opens a name, it ranks nothing
    rows = bullet("The Top Talent Pass Scheme had received some 100,000 applications as at end-September 2024, of "
                  "which about 75,000 had been approved.")
    assert values(rows) == [("count", 100000), ("count", 75000)]


def test_a_fraction_is_exact():
    assert values(bullet("Approval requires two-thirds of the members.")) == [("percent", pytest.approx(200 / 3))]


def test_top_n_before_a_superlative_is_a_rank_within_it():
    rows = bullet("Hong Kong was rated as one of the world's three most competitive economies.")
    assert [(r["kind"], r["value"], r["qualifier"], r["scope"]) for r in rows] == [("rank", 3, "upper_bound", "World")]


@pytest.mark.parametrize(("sentence", "kind", "value"), [
    ("Permanent judges serve until normal retirement at age 65, but the term can be extended.", "duration", 65),
    ("Total fertility rate: 1.24 children born/woman", "ratio", 1.24),
])
def test_ages_and_rates(sentence, kind, value):
    assert values(bullet(sentence)) == [(kind, value)]


# --- 1. ranges and targets ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Attract 50 to 100 enterprises to set up in Hong Kong.", [("count", 50, "exact"), ("count", 100, "exact")]),
    ("The number grew from about 260 to no fewer than 1 050 start-ups.",
     [("count", 260, "approximate"), ("count", 1050, "lower_bound")]),
    ("Hourly flight movements will increase from the current 65 to 68 next year.",
     [("count", 65, "exact"), ("count", 68, "exact")]),
    ("GDP growth of three to four per cent is forecast.", [("percent", 3, "exact"), ("percent", 4, "exact")]),
    # the unit right after the second number is the first's, whatever noun the phrase goes on to
    ("She may commence her leave from two to four weeks before the expected date of confinement.",
     [("duration", 2, "exact"), ("duration", 4, "exact")]),
    ("The project takes 15 to 20 years to complete.", [("duration", 15, "exact"), ("duration", 20, "exact")]),
    ("An employee with three but less than 12 months' employment is entitled to pro rata pay.",
     [("duration", 3, "exact"), ("duration", 12, "upper_bound")]),
    ("He was one but not the only one of 3 winners.", [("count", 3, "exact")]),  # negative: no bound after 'but'
    # a number said again with its bound is one figure
    ("Employees with 12 or more than 12 months of service are covered.", [("duration", 12, "lower_bound")]),
    ("Employees with 3 or less than 3 months of service are not covered.", [("duration", 3, "upper_bound")]),
    ("Staff with 5 or more than 10 years of service are covered.",  # negative: two numbers, two figures
     [("duration", 5, "lower_bound"), ("duration", 10, "lower_bound")]),
])
def test_both_ends_of_a_range(sentence, expected):
    assert [(r["kind"], r["value"], r["qualifier"]) for r in bullet(sentence)] == expected


# --- 6. qualifiers by meaning -------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("The maximum annual funding will be raised from $4 million to $8 million.",
     [(4e6, "upper_bound"), (8e6, "upper_bound")]),
    ("The allowance is subject to a monthly cap of $20,000 and $12,500 respectively.",
     [(20000, "upper_bound"), (12500, "upper_bound")]),
    ("The fee should not exceed $500.", [(500, "upper_bound")]),
    # a qualifier before a list of durations, each of a numbered member, governs every one
    ("Paid sickness days can be accumulated up to 36 days in Category 1 and then 84 days in Category 2.",
     [(36, "upper_bound"), (84, "upper_bound")]),
    # a bound's name with its value after the colon (a form's header: "(Maximum accumulation: 36 days)")
    ("Category 1 (Maximum accumulation: 36 days)", [(36, "upper_bound")]),
    # negative: a colon further on, after a clause of other words, is no value of the bound (80 km is: the bound
    # noun opens the subject whose value it is)
    ("Maximum speed of the train is 80 km and its length: 200 metres.", [(80, "upper_bound"), (200, "exact")]),
    # negative: a phrase that names no member ends the list
    ("The course runs up to 36 days in total and 84 days in a year.", [(36, "upper_bound"), (84, "exact")]),
    ("Wages must be paid not later than seven days after the end of the wage period.", [(7, "upper_bound")]),
    ("An employer is liable to a maximum penalty of (1) a fine of $350,000 and (2) imprisonment for three years.",
     [(350000, "upper_bound"), (3, "upper_bound")]),
    ("The economy grew by 2.9 per cent, a marked improvement over 1.5 per cent in 2012.",
     [(2.9, "exact"), (1.5, "exact")]),
    ("Each household may apply for 300 or more units.", [(300, "lower_bound")]),
    # a trailing "or more" after the figure's noun; a bound noun opening the subject the figure is given to
    ("The office serves projects with a yield of 500 flats or more.", [(500, "lower_bound")]),
    ("Firms with 50 employees or fewer pay less.", [(50, "upper_bound")]),
    ("The maximum FRT concession for e-PCs under the \"One-for-One Replacement\" Scheme will be raised "
     "correspondingly to $287,500.", [(287500, "upper_bound")]),
    ("The maximum loan will be 3 times the salary.", [(3, "upper_bound")]),
    # a bound noun after the thing it bounds, raised from one level to another: both levels are bounds
    ("The funding ceiling for each enterprise will be increased from $4 million to $6 million, so as to support "
     "enterprises.", [(4e6, "upper_bound"), (6e6, "upper_bound")]),
    ("The monthly cap is raised from $15,300 to $16,300.", [(15300, "upper_bound"), (16300, "upper_bound")]),
    # negatives: no bound noun; a bound noun naming a level
    ("The funding for each enterprise will be increased from $4 million to $6 million.",
     [(4e6, "exact"), (6e6, "exact")]),
    ("The statutory minimum wage will be increased from $37.5 to $40 per hour.", [(37.5, "exact"), (40, "exact")]),
    # negatives: an "or" that brings in another figure; a bound noun naming a level
    ("We will build 2 projects or over 30 000 units.", [(2, "exact"), (30000, "lower_bound")]),
    ("The minimum wages were raised to $37.5 per hour.", [(37.5, "exact")]),
    ("The grant is not less than $10,000.", [(10000, "lower_bound")]),
    ("The minimum wage is $40 per hour.", [(40, "exact")]),  # the wage's level, not a bound on a figure
    ("Expenditure will approach $170 billion.", [(170e9, "approximate")]),  # close to it
    # a period a deadline bounds; a length something falls short of
    ("An employee shall take the leave within the following period of 12 months.", [(12, "upper_bound")]),
    ("Miscarriage means a loss before 24 weeks of pregnancy.", [(24, "upper_bound")]),
    ("The employee shall commence her leave 4 weeks before the expected date.", [(4, "exact")]),  # negative
    # a time limit a lead clause sets before its dash bounds every numbered item of its list
    ("He has provided the document within the following period – (i) 12 months after the first day of leave; or "
     "(ii) 14 months after the end of the contract.", [(12, "upper_bound"), (14, "upper_bound")]),
    ("The leave is as follows – (i) 12 months after the first day; or (ii) 6 months after cessation.",
     [(12, "exact"), (6, "exact")]),  # negative: a lead clause that sets no limit
    # "up to" as a verb's particle: what the sum comes to, no bound
    ("The pro rata leave is 2.34 days (round up to 3 days).", [(2.34, "exact"), (3, "exact")]),
    ("Their shares add up to 100%.", [(100, "exact")]),
    ("The scheme grants up to 3 days of leave.", [(3, "upper_bound")]),  # negative: a bound
])
def test_qualifiers_by_meaning(sentence, expected):
    assert [(r["value"], r["qualifier"]) for r in bullet(sentence)] == expected


# --- 2. periods from context, resolved against the edition ---------------------------------------------------

ANNUAL = "Reserves Management\n\nThe Exchange Fund reported on its investments in 2016 and 2016 and 2016.\n\n"


def periods_of(text: str, title: str = "") -> list[tuple[float, str, str]]:
    """(value, period_start, period_end) of the figures of a document whose body is `text` (durations, which
    name their own time, left out)."""
    doc = Document.from_text(f"{title or 'Heading'}\n\n{text}\n")
    rows = figures_frame(extract(structure(doc))[0], doc, "t", "HKD").to_dict("records")
    return [(r["value"], str(r["period_start"]), str(r["period_end"])) for r in rows if r["kind"] != "duration"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The annualised return was 4.8% since 1994.", [(4.8, "1994-01-01", "2016-12-31")]),
    ("The LTGP recorded a rate of return of 12.6% since its inception in 2009.", [(12.6, "2009-01-01", "2016-12-31")]),
    ("The average return was 0.9% over the past three years.", [(0.9, "2014-01-01", "2016-12-31")]),
    ("Yields hit a record low of 1.36% in July.", [(1.36, "2016-07-01", "2016-07-31")]),
    ("The scheme was extended in October last year to 60 000 spaces.", [(60000, "2015-10-01", "2015-10-31")]),
    ("The yen appreciated by about 3% against the US dollar.", [(3, "2016-01-01", "2016-12-31")]),
    ("The Fund earned HK$262.2 billion during the year.", [(262.2e9, "2016-01-01", "2016-12-31")]),
])
def test_periods_resolve_against_the_year_reviewed(text, expected):
    assert periods_of(ANNUAL + text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Expenditure for the year ended March 31, 2001 amounted to $232.8 billion.",
     [(232.8e9, "2000-04-01", "2001-03-31")]),
    ("The consolidated surplus for the year was $18 billion.", [(18e9, "2000-04-01", "2001-03-31")]),
])
def test_a_report_on_a_financial_year(text, expected):
    title = "Provisional financial results for the year ended March 31, 2001"
    assert periods_of(text, title) == expected


def test_a_lead_in_date_reaches_its_bullets():
    text = ("The Fund recorded an investment income of HK$218.8 billion in 2024, which included:\n\n"
            "• gains on bonds of HK$114.5 billion;\n\n• gains on equities of HK$60.2 billion.")
    assert [r[1:] for r in periods_of(text)] == [("2024-01-01", "2024-12-31")] * 3


def test_an_unresolved_phrase_leaves_the_period_empty():
    # a fact sheet dated by its month of publication: an undated change is not guessed to be of that year
    text = "Hong Kong Fact Sheet\n\n(June 2022)\n\nExports rose by 5% against the previous level."
    assert [r[1:] for r in periods_of(text)] in ([("nan", "nan")], [("<NA>", "<NA>")])


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Attract 50-100 enterprises to set up here.", [("count", 50), ("count", 100)]),
    ("The cost is $4 to $8 million.", [("money", 4e6), ("money", 8e6)]),
    ("The fund is HK$1.5-2 billion.", [("money", 1.5e9), ("money", 2e9)]),
    ("It costs between $3 billion and $5 billion.", [("money", 3e9), ("money", 5e9)]),
    ("Between 20 and 30 companies will move here.", [("count", 20), ("count", 30)]),
])
def test_a_shared_unit_or_scale_applies_to_both_ends(sentence, expected):
    assert values(bullet(sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a level per unit of time is a quantity ("from 4 000 to 5 000 per annum"); a rate per people is not a count
    ("Increase the intake of places from 4 000 to 5 000 per annum.", [("count", 4000), ("count", 5000)]),
    ("The intake of places will rise from 4 000 to 5 000 per year.", [("count", 4000), ("count", 5000)]),
    ("There is one doctor per 1 000 people.", [("count", 1)]),  # the 1 000 is no count
])
def test_a_range_end_per_unit_of_time_is_a_count(sentence, expected):
    assert values(bullet(sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Increase the investment from $1.7 billion in 2022 to no less than $3 billion by 2027.",
     [(1.7e9, "exact", "2022-01-01"), (3e9, "lower_bound", "2027-01-01")]),
    ("Raise the number of graduates from 200 in 2020 to 400 by 2025.",
     [(200, "exact", "2020-01-01"), (400, "exact", "2025-01-01")]),
])
def test_each_end_of_a_target_has_its_own_qualifier_and_period(sentence, expected):
    assert [(r["value"], r["qualifier"], str(r["period_start"])) for r in bullet(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # two school years the plural names are one span, September to August
    ("40 schools will join a pilot scheme in the 2025/26 and 2026/27 school years.",
     [(40, "2025-09-01", "2027-08-31")]),
    ("It will serve 500 students in the 2025/26 school year.", [(500, "2025-09-01", "2026-08-31")]),
    # negative: two years joined by "and" with no plural noun are two dates ("respectively"), the first the figure's
    ("It trained 300 staff in 2018 and 2022 respectively.", [(300, "2018-01-01", "2018-12-31")]),
])
def test_school_years(sentence, expected):
    assert [(r["value"], str(r["period_start"]), str(r["period_end"])) for r in bullet(sentence)] == expected


def test_the_year_a_section_reviews():
    text = ("Economic Performance in 2013\n\nThe economy grew by 2.9 per cent for the year. Unemployment was "
            "3.4 per cent last year.")
    doc = Document.from_text(f"Budget Speech\n\n(February 2014)\n\n{text}\n")
    rows = figures_frame(extract(structure(doc))[0], doc, "t", "HKD").to_dict("records")
    # "for the year" is the year the section reviews; "last year" stays the speech's
    assert [(r["value"], str(r["period_start"])) for r in rows] == [(2.9, "2013-01-01"), (3.4, "2013-01-01")]


@pytest.mark.parametrize(("sentence", "period"), [
    ("The bond of $1,932.4 million is to be repaid to Hong Kong Link 2004 Limited.", "nan"),  # a company's name
    ("The economy grew by 1.5 per cent in 2012.9.The US economy slowed.", "2012-01-01"),  # a glued paragraph number
])
def test_years_that_are_no_period_and_periods_that_are(sentence, period):
    assert [str(r["period_start"]) for r in bullet(sentence)] in ([period], ["<NA>"] if period == "nan" else [])


@pytest.mark.parametrize(("text", "expected"), [
    # a date opening a coordinated clause is that clause's figure's, not the figure's before the ", and"
    ("For 2014-15, I forecast a surplus of $63.8 billion, and by 31 March 2015, fiscal reserves are expected to "
     "reach $819.5 billion.", [(63.8e9, "2014-04-01", "2015-03-31"), (819.5e9, "2015-03-31", "2015-03-31")]),
    ("In 2019, exports were $5 billion; in 2020, imports were $6 billion.",
     [(5e9, "2019-01-01", "2019-12-31"), (6e9, "2020-01-01", "2020-12-31")]),
    # ... but a date after the figure in its own clause stays its own
    ("Exports reached $5 billion in 2019, and imports grew.", [(5e9, "2019-01-01", "2019-12-31")]),
])
def test_a_date_opening_a_coordinated_clause_is_that_clause_s(text, expected):
    assert periods_of(text) == expected


def test_items_written_as_prose_take_their_lead_in_date():
    text = ("The total Government debts of $16,620.6 million as at March 31, 2009, comprise:\n\n"
            "(i) Toll Revenue Bond of $1,932.4 million to be repaid by toll revenue.\n\n"
            "Of the bond, $0.8 billion will mature in May 2009; and (ii) Institutional notes of $14,688.2 million.")
    assert [(r[0], r[1]) for r in periods_of(text)] == [
        (16620.6e6, "2009-03-31"), (1932.4e6, "2009-03-31"), (0.8e9, "2009-05-01"), (14688.2e6, "2009-03-31")]


@pytest.mark.parametrize(("text", "expected"), [
    # a sentence that sums up is over the year, not the quarter the sentence before it named
    ("The pound fell by 3.2% in the third quarter. Overall, the renminbi depreciated by 1.4% against the dollar.",
     [(3.2, "2016-07-01", "2016-09-30"), (1.4, "2016-01-01", "2016-12-31")]),
    # a participle tells of its sentence's subject and time: its change is not guessed to be the year's
    ("The pound rebounded in the fourth quarter, eventually gaining 4.0% against the dollar.", [(4.0, "nan", "nan")]),
])
def test_summing_up_and_participles(text, expected):
    got = periods_of(ANNUAL + text)
    assert [(v, a.replace("<NA>", "nan"), b.replace("<NA>", "nan")) for v, a, b in got] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a source that runs a section's numbered paragraphs together on one line: each glued number opens a paragraph
    ("158.Spending will be 21.4 per cent of GDP.159.I estimate revenue for 2012-13 at $390.3 billion.",
     ["158.Spending will be 21.4 per cent of GDP.", "159.I estimate revenue for 2012-13 at $390.3 billion."]),
    ("164.Spending jumped 28 per cent compared with 2007-08.165.In the past years we acted.",
     ["164.Spending jumped 28 per cent compared with 2007-08.", "165.In the past years we acted."]),
    ("175.The staff rose by 146.176.At the same time, we act.",
     ["175.The staff rose by 146.", "176.At the same time, we act."]),
    # negatives: after a digit only the next paragraph's number in sequence cuts (else "146.176" may be a decimal),
    # and an abbreviation's stop ends no sentence
    ("15.The index was 146.176.A new record.", ["15.The index was 146.176.A new record."]),
    ("See No.5.The end.", ["See No.5.The end."]),
])
def test_glued_paragraph_numbers_open_paragraphs(text, expected):
    statements = structure(Document.from_text(f"Heading\n\n{text}\n")).statements
    assert [s.text for s in statements] == expected
    assert len({s.paragraph for s in statements}) == len(expected)


def test_a_glued_paragraph_takes_no_period_from_the_paragraph_before():
    # (a later sentence of the same paragraph would: "It will be 21.4 per cent of GDP" is of 2012-13)
    rows = rows_of("158.Spending for 2012-13 will be $315 billion. It will be 21.4 per cent of GDP.159.Land revenue "
                   "is estimated at $60 billion.")
    assert [(r["value"], str(r["period_start"])[:10]) for r in rows] == [
        (315e9, "2012-04-01"), (21.4, "2012-04-01"), (60e9, "nan")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a change of a size distributed over a list: each item's share is a count of that item
    ("We shall allocate $200 million to increase the number of first-year places in medicine by 100, nursing by 40 "
     "and allied health professions by 146.",
     [("Allocation to increase the number of first-year places", 200e6),
      ("Number of first-year places in medicine", 100), ("Number of first-year places: nursing", 40),
      ("Number of first-year places: allied health professions", 146)]),
    ("It will cut the size of each class by 2.", [("Size of each class", 2)]),
    # negatives: a year after "by" is a deadline; a bare number with no size named counts nothing
    ("It will raise the number of visitors by 2030.", []),
    ("Prices rose by 40 and wages by 10.", []),
])
def test_a_size_changed_by_a_number(sentence, expected):
    assert [(r["label"], r["value"]) for r in bullet(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # an absolute phrase "with NP being F" names the figure it ends on
    ("An employee has worked 24 days in a wage period of 30 days with the total number of hours worked being "
     "204 hours.", ("Total number of hours worked (hours)", 204)),
    ("Exports grew, with the share of re-exports being 98 per cent.", ("Share of re-exports", 98)),
])
def test_an_absolute_phrase_names_its_figure(sentence, expected):
    assert expected in [(r["label"], r["value"]) for r in bullet(sentence)]


@pytest.mark.parametrize(("sentence", "value"), [
    # negatives: "being" with no "with" before it, and a figure the phrase does not end on, keep their clause
    ("The project is being delayed by 12 months.", 12),
    ("With the total number of hours worked being high, 30 days were lost.", 30),
])
def test_no_absolute_phrase_no_borrowed_name(sentence, value):
    assert all(not r["label"].startswith("Total number of hours worked") and r["label"] != "Project"
               for r in bullet(sentence) if r["value"] == value)


@pytest.mark.parametrize(("sentence", "value", "label"), [
    # a label too long for the limit whose whole introduces the figure's item keeps the item
    ("In this wage period, payments made to the employee for time that is not hours worked include rest day pay "
     "for 4 days, statutory holiday pay for 1 day and annual leave pay for 1 day.", 4, "Rest day pay (days)"),
    # negative: a list verb after the figure introduces the figure's own parts, not the figure
    ("The employee has met one of the working hours requirements where he has worked for 68 hours or more in a "
     "four-week period comprising that week and the three weeks next preceding that week.", 4, None),
])
def test_a_long_list_keeps_the_item(sentence, value, label):
    rows = [r for r in bullet(sentence) if r["value"] == value]
    if label is None:
        assert rows and all(not r["label"].startswith("Week and") for r in rows)
    else:
        assert [r["label"] for r in rows] == [label]


# --- session 9: figures, qualifiers and periods of the new keys (Concise Guide pp. 49-64, Budget and Policy
# Address excerpts) ---------------------------------------------------------------------------------------------

def all_rows(sentence: str, published: str = "t-2022-06") -> list[tuple[str, float, str, str, str]]:
    """(kind, value, qualifier, period_start, period_end) of every figure of a one-bullet document."""
    return [(r["kind"], r["value"], r["qualifier"], str(r["period_start"])[:10], str(r["period_end"])[:10])
            for r in rows_of(f"• {sentence}", published)]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a bound noun governs every item of its list, the noun in the plural too
    ("Upon conviction, the maximum penalties are a fine of $350,000 and imprisonment for three years.",
     [(350000, "upper_bound"), (3, "upper_bound")]),
    ("The minimum fines are $5,000 and $10,000 respectively.", [(5000, "lower_bound"), (10000, "lower_bound")]),
    # a bracket restating a bounded amount shares its bound; "of" joins a fraction to the amount it takes
    ("The sum should not exceed 2/3 of $22,500 (i.e. $15,000).", [(22500, "upper_bound"), (15000, "upper_bound")]),
    ("The grant is capped at $8,000 (that is $2,000 a quarter).", [(8000, "upper_bound"), (2000, "upper_bound")]),
    # negatives: a time after the bounded amount is no second item of the bound
    ("Wages did not exceed $15,000 for the 12 months.", [(15000, "upper_bound"), (12, "exact")]),
    ("The cap is $20,000 per month for 6 months.", [(20000, "upper_bound"), (6, "exact")]),
    # "exceed" bounds from below, "not exceed" from above
    ("Total spending increased 16.5 per cent to exceed $300 billion.", [(16.5, "exact"), (300e9, "lower_bound")]),
    ("The deficit will exceed 3 per cent.", [(3, "lower_bound")]),
    ("The fee must not exceed $500.", [(500, "upper_bound")]),
    # "within a" before a length bounds it (weak: a length or an amount, as "within")
    ("The Western PRD will fall within a three-hour commute from Hong Kong.", [(3, "upper_bound")]),
    ("Visitors come within a 10-minute walk of 5 parks.", [(10, "upper_bound"), (5, "exact")]),
    # the far end of a range shares the bound written before its near end; "from ... to" bounds neither
    ("Tolling will be implemented at other tunnels within two to three years.",
     [(2, "upper_bound"), (3, "upper_bound")]),
    ("Services resume within 2-3 days.", [(2, "upper_bound"), (3, "upper_bound")]),
    ("Prices rose from over 100 to 200 units.", [(100, "lower_bound"), (200, "exact")]),
    ("She may commence her leave from two to four weeks before the date.", [(2, "exact"), (4, "exact")]),
])
def test_bounds_of_lists_restatements_and_ranges(sentence, expected):
    assert [(r["value"], r["qualifier"]) for r in bullet(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a number naming an incident, a short quoted name, an ordinal of a meeting: no figures
    ("After the 911 incident in the US, various countries enhanced their air cargo security.", []),
    ("Students in disciplines relevant to “the eight centres” will reach around 60%.", [("percent", 60)]),
    ("To hold the first meeting of the Working Group on Ageing Society Strategies.", []),
    # negatives: incidents counted, a quoted phrase the number does not open, a rank
    ("There were 3 incidents in the district.", [("count", 3)]),
    ("We built “10 new schools and 3 hospitals in the district” as promised.", [("count", 10), ("count", 3)]),
    ("Hong Kong ranked first in the world.", [("rank", 1)]),
    # the counted thing named by "the number of" its subject; a capitalised name after the number is its noun
    ("The number of IPPAs signed by Hong Kong has increased to 19.", [("count", 19)]),
    ("The total number of visitors reached 5 million.", [("count", 5e6)]),
    ("The 77 operate in Hong Kong.", []),  # negative: a verb after the number
])
def test_names_sequences_and_counted_subjects(sentence, expected):
    assert values(bullet(sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a range of days written with its month and year once: a period, the first day no count
    ("The employer fails to pay within 14 days (i.e. 16 to 29 November 2021) after the date.",
     [("duration", 14, "upper_bound", "2021-11-16", "2021-11-29")]),
    ("It pays $500 for 3-9 May 2022.", [("money", 500, "exact", "2022-05-03", "2022-05-09")]),
    # a day glued to its year; "the period X and Y" is one span
    ("It paid $300 in the period 1 June 2022 and 31 May2023.", [("money", 300, "exact", "2022-06-01", "2023-05-31")]),
    ("It paid $300 on 31 May2023.", [("money", 300, "exact", "2023-05-31", "2023-05-31")]),
    # a length of months preceding a day: those months, up to the day before
    ("Wages did not exceed $15,000 for the 12 months preceding 8 June 1990.",
     [("money", 15000, "upper_bound", "1989-06-08", "1990-06-07"),
      ("duration", 12, "exact", "1989-06-08", "1990-06-07")]),
    ("It earned $900 in the month before 1 March 2024.", [("money", 900, "exact", "2024-02-01", "2024-02-29")]),
    # negatives: a day with no length before it is that day; a range that runs backwards is no range
    ("It paid $100 a month before 1 July 2020.", [("money", 100, "exact", "2020-07-01", "2020-07-01")]),
    ("It paid $100 in 30 to 1 May 2020.", [("money", 100, "exact", "2020-05-01", "2020-05-01")]),
])
def test_day_ranges_and_months_preceding_a_day(sentence, expected):
    assert [r for r in all_rows(sentence) if r[0] != "count"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Some 10 000 new hotel rooms will be provided this year and next year.", [(10000, "2016-01-01", "2017-12-31")]),
    ("Some 10 000 new hotel rooms will be provided this year.", [(10000, "2016-01-01", "2016-12-31")]),  # negative
    ("Some 10 000 rooms were provided last year and this year.", [(10000, "2015-01-01", "2016-12-31")]),
])
def test_this_year_and_next_year_are_both_years(text, expected):
    assert periods_of(ANNUAL + text) == expected


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    # as many dates "respectively" as things counted, no list of figures to pair them with: the totals span them
    ("Three sites totalling about 6.9 hectares were sold in 2010, 2012 and 2013 respectively, providing a total "
     "of some 280 000 square metres.", "2017-02-22",
     [("count", 3, "exact", "2010-01-01", "2013-12-31"), ("count", 6.9, "approximate", "2010-01-01", "2013-12-31"),
      ("count", 280000, "approximate", "2010-01-01", "2013-12-31")]),
    # negatives: a list of figures pairs with the dates; no count of the dates' number
    ("The rate was raised to $30, $32.5 and $34.5 in 2013, 2015 and 2017 respectively.", "2017-02-22",
     [("money", 30, "exact", "2013-01-01", "2013-12-31"), ("money", 32.5, "exact", "2015-01-01", "2015-12-31"),
      ("money", 34.5, "exact", "2017-01-01", "2017-12-31")]),
    ("It trained 300 staff in 2018 and 2022 respectively.", "2017-02-22",
     [("count", 300, "exact", "2018-01-01", "2018-12-31")]),
    # a bound's "than" brings in no compared thing: the date after it is the figures' own
    ("Organise no less than 750 activities with no less than 950 000 participants in 2026.", "2025-09-17",
     [("count", 750, "lower_bound", "2026-01-01", "2026-12-31"),
      ("count", 950000, "lower_bound", "2026-01-01", "2026-12-31")]),
    # a date closing a lead clause reaches the items its colon brings in, before a date further on
    ("Promote education within the 2025/26 school year: inspect at least 50 schools; train about 1 000 "
     "teachers; some indicators were introduced in 2024.", "2025-09-17",
     [("count", 50, "lower_bound", "2025-09-01", "2026-08-31"),
      ("count", 1000, "approximate", "2025-09-01", "2026-08-31")]),
    ("In 2026: provide 5 places in 2027; and 6 places.", "2025-09-17",  # negative: an item's own date first
     [("count", 5, "exact", "2027-01-01", "2027-12-31"), ("count", 6, "exact", "2026-01-01", "2026-12-31")]),
])
def test_periods_of_lists_and_lead_clauses(sentence, published, expected):
    assert all_rows(sentence, published) == expected


@pytest.mark.parametrize(("sentence", "word"), [
    # the level a change reached, its bound said by a verb after "to": labelled by what changed
    ("Total spending on tourism increased 16.5 per cent to exceed $300 billion.", "spending"),
    ("Exports of services are expected to surpass $5 billion.", "exports"),
])
def test_a_bound_said_by_an_infinitive_keeps_the_subject_s_label(sentence, word):
    row = [r for r in bullet(sentence) if r["kind"] == "money"][0]
    assert row["qualifier"] == "lower_bound" and word in row["label"].lower()
