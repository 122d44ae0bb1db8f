"""Grammar tests: many phrasings per kind and qualifier, non-figures, periods and events."""

from pathlib import Path

import pandas as pd
import pytest

from factsheet.extract import extract_statement
from factsheet.model import Document, Statement
from factsheet.normalise import events_frame, figures_frame
from factsheet.read import structure

DOCS = Path(__file__).parent / "docs"


def figures_of(sentence: str, currency: str = "HKD"):
    """Figures of one bullet, normalised: a list of row dicts."""
    text = f"Heading\n\n• {sentence}\n"
    doc = Document.from_text(text)
    mentions = [m for s in structure(doc).statements for m in extract_statement(s)[0]]
    return figures_frame(mentions, doc, "t-2022-06", currency).to_dict("records")


def events_of(sentence: str):
    text = f"Heading\n\n• {sentence}\n"
    doc = Document.from_text(text)
    mentions = [m for s in structure(doc).statements for m in extract_statement(s)[1]]
    return events_frame(mentions, doc, "t-2022-06").to_dict("records")


def one(sentence: str, **kw):
    rows = figures_of(sentence, **kw)
    assert len(rows) == 1, [r["value_text"] for r in rows]
    return rows[0]


@pytest.mark.parametrize(("sentence", "kind", "value", "currency", "qualifier"), [
    ("$100 million has been allocated to the platform.", "money", 1e8, "HKD", "exact"),
    ("The fund invested over $1.466 billion in start-ups.", "money", 1.466e9, "HKD", "lower_bound"),
    ("It attracted about $1.67 billion in private investment.", "money", 1.67e9, "HKD", "approximate"),
    ("The scheme offers up to HK$4 million per project.", "money", 4e6, "HKD", "upper_bound"),
    ("A grant of HK$ 2.5 mn was made to each university.", "money", 2.5e6, "HKD", "exact"),
    ("Investors brought in US$300 million last year.", "money", 3e8, "USD", "exact"),
    ("The bond programme raised RMB150 billion in total.", "money", 1.5e11, "CNY", "exact"),
    ("The Budget set aside nearly $3bn for research.", "money", 3e9, "HKD", "approximate"),
    ("The programme costs not more than $20 million a year.", "money", 2e7, "HKD", "upper_bound"),
    ("Spending reached more than 500 million Hong Kong dollars.", "money", 5e8, "HKD", "lower_bound"),
    ("The subsidy is at least $16 million per university.", "money", 1.6e7, "HKD", "lower_bound"),
    ("Funding of some $350 million was injected into the fund.", "money", 3.5e8, "HKD", "approximate"),
    ("5G network now covers over 90% of Hong Kong.", "percent", 90, "", "lower_bound"),
    ("Usage grew to 45.5 per cent of households.", "percent", 45.5, "", "exact"),
    ("Almost 70 percent of firms use cloud services.", "percent", 70, "", "approximate"),
    ("Over 44,500 Wi-Fi.HK hotspots are available.", "count", 44500, "", "lower_bound"),
    ("At least 46 000 hotspots are available.", "count", 46000, "", "lower_bound"),
    ("Around 200 commonly used online services are offered.", "count", 200, "", "approximate"),
    ("It engages up to four research talents per company.", "count", 4, "", "upper_bound"),
    ("The Blueprint covers six areas of city life.", "count", 6, "", "exact"),
    ("There are 28 research laboratories now operating.", "count", 28, "", "exact"),
    ("Close to 1,200 companies joined the programme.", "count", 1200, "", "approximate"),
    ("No more than 12 start-ups are admitted each round.", "count", 12, "", "upper_bound"),
    ("In excess of 3,000 students took part.", "count", 3000, "", "lower_bound"),
    ("Roughly twenty-five projects were funded.", "count", 25, "", "approximate"),
    ("The park offers a dozen laboratories for rent.", "count", 12, "", "exact"),
    ("Visitor arrivals reached 65.1 million in 2018.", "count", 65.1e6, "", "exact"),
    ("The 55-kilometre bridge opened.", "count", 55, "", "exact"),
    ("The pilot ran for six weeks.", "duration", 6, "", "exact"),  # units as written: 6 week
    ("The plan has been in place for 25 consecutive years.", "duration", 25, "", "exact"),
    ("Work will take over five years.", "duration", 5, "", "exact"),
    ("Applicants waited for over three years.", "duration", 3, "", "lower_bound"),
    ("Concentrations fell below 20 micrograms.", "count", 20, "", "upper_bound"),
    ("Turnover has exceeded $200 billion.", "money", 200e9, "HKD", "lower_bound"),
    ("Arrivals in the first half of 2024 reached about 21.2 million.", "count", 21.2e6, "", "approximate"),
    ("The park will have a main stadium seating up to 50 000.", "count", 50000, "", "upper_bound"),
    ("It grants a 24-month extension.", "duration", 24, "", "exact"),
    ("Funding is on a 1:2 matching basis.", "ratio", 0.5, "", "exact"),
    ("Services reach Hong Kong’s 18 districts.", "count", 18, "", "exact"),
    ("In 2019/20, revenue was HK$600 billion.", "money", 600e9, "HKD", "exact"),
])
def test_kind_value_currency_qualifier(sentence, kind, value, currency, qualifier):
    row = one(sentence)
    assert (row["kind"], row["qualifier"]) == (kind, qualifier)
    assert row["value"] == pytest.approx(value)
    assert (row["currency"] if isinstance(row["currency"], str) else "") == currency
    assert row["value_text"] in row["statement"]


# a qualifier before a range's near end bounds its far end too ("about X to Y", heldout3); negatives: a change's two
# values after "from", a qualifier of the near end's own unit
@pytest.mark.parametrize(("sentence", "qualifiers"), [
    ("The system will be implemented within two to three years after the opening.", ["upper_bound", "upper_bound"]),
    ("The works will take about 15 to 20 months.", ["approximate", "approximate"]),
    ("Each class has around 20 to 30 students.", ["approximate", "approximate"]),
    ("The rate rose from about 5 to 10 per cent.", ["approximate", "exact"]),
    ("The works will take two to three years.", ["exact", "exact"]),
])
def test_a_qualifier_before_a_range_bounds_both_ends(sentence, qualifiers):
    assert [r["qualifier"] for r in figures_of(sentence)] == qualifiers


def test_usd_is_converted_at_the_linked_rate():
    row = one("Investors brought in US$300 million last year.")
    assert row["value_hkd"] == pytest.approx(300e6 * 7.8)


def test_default_currency_is_a_source_setting():
    assert one("It cost $5 million.", currency="USD")["currency"] == "USD"


@pytest.mark.parametrize(("sentence", "values", "scopes"), [
    ("The ranking placed Hong Kong 1st in Asia-Pacific and 2nd in the World.", [1, 2], ["Asia-Pacific", "World"]),
    ("The index ranked Hong Kong 2nd in Asia-Pacific and 3rd globally for digital intelligence.", [2, 3],
     ["Asia-Pacific", "World"]),
    ("Smart Centres Index ranked Hong Kong No.1 hub in Asia-Pacific and No.3 in the world.", [1, 3],
     ["Asia-Pacific", "World"]),
    ("It placed Hong Kong 5th in South East Asia & Oceania and 14th in the world.", [5, 14],
     ["South East Asia & Oceania", "World"]),
    ("Hong Kong is currently Asia’s largest and the world’s second-largest fundraising hub for biotechnology.",
     [1, 2], ["Asia", "World"]),
    ("Hong Kong ranks third globally in the index.", [3], ["World"]),
    ("Hong Kong was ranked first in Asia for bond issuance.", [1], ["Asia"]),
    ("Hong Kong was the freest economy in the world.", [1], ["World"]),
    ("HKIA is the second busiest cargo airport in Asia.", [2], ["Asia"]),
    ("Hong Kong has ranked first in the Index of Economic Freedom for 25 consecutive years.", [1], ["World"]),
    ("HKIA has been the busiest air cargo hub globally since 2010.", [1], ["World"]),
    ("The index placed Hong Kong 17th among 132 economies.", [17], ["World"]),
])
def test_ranks_and_scopes(sentence, values, scopes):
    rows = [r for r in figures_of(sentence) if r["kind"] == "rank"]
    assert [r["value"] for r in rows] == values
    assert [r["scope"] for r in rows] == scopes


@pytest.mark.parametrize("sentence", [
    "Since the Digital 21 Strategy kick-started in 1998, Hong Kong has grown.",
    "The Smart City Blueprint for Hong Kong 2.0 sets out plans.",
    "It facilitates the adoption of 5G across the city.",
    "Interactive Map Dashboard on the COVID-19 situation.",
    "Related to Industry 4.0 and Series B investments.",
    "Under the 14th Five-Year Plan and the Long-Range Objectives Through the Year 2035.",
    "InvestHK provides one-stop service for companies.",
    "Hong Kong is home to some of the world’s most exciting fintech innovators.",
    "The first mover advantage in fintech matters.",
    "It offers a 24-hour service.",
    "Phase 2 of the project starts soon and Terminal 2 reopened.",
    "The Three-runway System supports two-way trade.",
    "The 1990s saw growth under Article 23 and Chapter 571.",
    "Hotline 1823 handles calls.",
    "Call the hotline: 2804 2600 or (852) 2835 1473.",
    "Life expectancy is among the highest in the world.",
    "Visitors may enter at any one time.",
    "Hong Kong has double taxation agreements with many places.",
    "The 1823 hotline answers enquiries around the clock.",
    "It serves the Eight Regions of the New Territories.",
    "There is roughly one doctor for every 580 people.",
    "Write to the office at 33 Fat Kwong Street, Ho Man Tin.",
])

def test_non_figures(sentence):
    assert figures_of(sentence) == []


@pytest.mark.parametrize(("sentence", "value"), [
    ("About one third of adults use it.", pytest.approx(100 / 3, rel=1e-9)), ("One in five residents is over 65.", 20),
    ("Nearly a quarter of workers commute by rail.", 25), ("Three quarters of homes have broadband.", 75),
])
def test_fractions_are_shares(sentence, value):
    assert [(r["kind"], r["value"]) for r in figures_of(sentence)] == [("percent", value)]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Signal No. 8 was hoisted 5 times in 2023.", "count"), ("The site is 20 times larger than before.", "ratio"),
    ("Spending is twice the level of 2014.", "ratio"),
    # "N times of" / "N times his ...": a multiple of a quantity; negatives: occurrences
    ("The loan is set at six times of his/her average monthly income.", "ratio"),
    ("The rent is three times their income.", "ratio"), ("The committee met 4 times during the year.", "count"),
])
def test_times_counts_occurrences_or_multiplies(sentence, kind):
    assert [r["kind"] for r in figures_of(sentence)] == [kind]


def test_one_of_a_group_counts_the_group_not_the_one():
    assert [r["value"] for r in figures_of("Tourism is one of the four pillar industries.")] == [4]


def test_zero_is_an_absence_not_a_figure():
    assert [r["value"] for r in figures_of("There were zero cases and 0% growth, but 12 new clinics.")] == [12]


def test_random_text_never_yields_a_row_validation_refuses():
    """Word salad from the grammar's own vocabulary: no crash, no value <= 0, labels 1-80 chars."""
    import random

    rng = random.Random(11)
    words = ["$", "HK$", "US$", "million", "over", "about", "up to", "per cent", "%", "in", "2023", "2022-23",
             "end-2023", "March", "1st", "No.", "3", "44,500", "six", "world’s", "largest", "Asia", "•", "(", ",",
             ".", "launched", "since", "from", "to", "of", "which", "Index", "Fund", "zero", "1:2", "top"]
    for _ in range(40):
        for row in figures_of(" ".join(rng.choice(words) for _ in range(rng.randint(5, 120)))):
            assert row["value"] > 0 and 1 <= len(row["label"]) <= 80
            if isinstance(row["period_start"], str):
                assert row["period_start"] <= row["period_end"]


def test_a_rate_per_number_keeps_the_rate_not_the_denominator():
    rows = figures_of("The crude birth rate was 4.4 per 1,000 population in 2023.")
    assert [r["value"] for r in rows] == [4.4]


def test_a_rate_per_thing_is_not_a_count():
    assert [r["value"] for r in figures_of("It drew 130 000 applications, some 24 for every flat.")] == [130000]


@pytest.mark.parametrize(("sentence", "start", "end"), [
    ("In 2020, the Blueprint presented over 130 initiatives.", "2020-01-01", "2020-12-31"),
    ("iAM Smart offers around 200 services as at mid-April 2022.", "2022-04-11", "2022-04-20"),
    ("As at end February 2022, CMF has invested more than $168 million.", "2022-02-28", "2022-02-28"),
    ("The 2022-23 Budget earmarked $600 million for the audit.", "2022-04-01", "2023-03-31"),
    ("In the first half of 2023, HKSTPC admitted 120 new incubatees.", "2023-01-01", "2023-06-30"),
    ("Global Innovation Index 2021 placed Hong Kong 14th in the world.", "2021-01-01", "2021-12-31"),
    ("Smart Centres Index published in May 2022 ranked Hong Kong No.3 in the world.", "2022-05-01", "2022-05-31"),
    ("Turnover was about HK$125 billion in late 2021.", "2021-09-01", "2021-12-31"),
    ("Stays fell from 3.6 days in 2019 to 3.3 days in 2023.", "2023-01-01", "2023-12-31"),
    ("The MTR line, opened in October 2018, carried nearly 16 million trips in 2023.", "2023-01-01", "2023-12-31"),
    ("Emissions fell by 31% between 2018 and 2022.", "2018-01-01", "2022-12-31"),
    ("The plan funds 12 projects from 2024-25 to 2033-34.", "2024-04-01", "2034-03-31"),
    ("Exports rose 63% in the first ten months of 2023.", "2023-01-01", "2023-10-31"),
    ("Arrivals were up 64% over the first half of 2023 in the first half of 2024.", "2023-01-01", "2024-06-30"),
    ("Occupancy was 83% in 2023, up 21 percentage points on 2022.", "2022-01-01", "2023-12-31"),
    ("Fresh water use was 1 025 million cubic metres in 2023, some 2.3 per cent more than in 2022.", "2022-01-01",
     "2023-12-31"),
    ("Emissions were 33.8 million tonnes in 2022, down 26% from their peak in 2014.", "2014-01-01", "2022-12-31"),
    ("The agreement for 2024 to 2026 provides up to 820 million cubic metres.", "2024-01-01", "2026-12-31"),
    ("Rates are waived for the first quarter of 2024-25, up to $1,000.", "2024-04-01", "2024-06-30"),
    ("Arrivals reached 43.6 million, up 35.6 per cent year-on-year in 2024.", "2023-01-01", "2024-12-31"),
    ("In the Financial Centres Index, released in September 2023, Hong Kong was fourth worldwide.", "2023-09-01",
     "2023-09-30"),
])
def test_periods(sentence, start, end):
    row = figures_of(sentence)[-1]
    assert (row["period_start"], row["period_end"]) == (start, end)


def test_a_date_opening_a_bullet_frames_its_later_sentences():
    rows = figures_of("In 2022, re-exports made up most trade. The Mainland took 50.1% of the total.")
    assert (rows[-1]["period_start"], rows[-1]["period_end"]) == ("2022-01-01", "2022-12-31")


def test_an_event_date_in_another_clause_is_not_a_figures_period():
    rows = figures_of("The scheme, launched in July 2003, now covers 49 cities.")
    assert rows[0]["value"] == 49 and pd.isna(rows[0]["period_start"])


def test_a_range_gives_two_figures_of_the_same_kind():
    rows = figures_of("Visitors may stay for seven to 180 days over the next 15 to 20 years.")
    assert [(r["kind"], r["value"], r["unit"]) for r in rows] == [
        ("duration", 7, "day"), ("duration", 180, "day"), ("duration", 15, "year"), ("duration", 20, "year")]


def test_a_range_of_percentages_and_travel_times():
    rows = figures_of("A co-payment of 5 to 40 per cent cuts the trip from about 30 minutes to five minutes.")
    assert [(r["kind"], r["value"], r["unit"]) for r in rows] == [
        ("percent", 5, "percent"), ("percent", 40, "percent"), ("duration", 30, "minute"), ("duration", 5, "minute")]


def test_a_group_named_first_is_what_a_bare_number_counts():
    rows = figures_of("Of the world's top 100 banks, 77 operate in Hong Kong, and 12 of its projects are done.")
    assert [(r["value"], r["unit"]) for r in rows] == [(77, "banks"), (12, "projects")]


def test_a_count_of_which_part_counts_the_same_thing():
    rows = figures_of("Cyberport has over 2 000 start-ups, of which close to 900 are incubated.")
    assert [(r["value"], r["unit"], r["qualifier"]) for r in rows] == [
        (2000, "start-ups", "lower_bound"), (900, "start-ups", "approximate")]


def test_change_over_a_base_year_spans_base_to_stated_year():
    rows = figures_of("3,755 start-ups in Hong Kong in 2021 (up 68% over 2017), and 13,804 jobs (up 118% over 2017).")
    assert [(r["kind"], r["value"]) for r in rows] == [("count", 3755), ("percent", 68), ("count", 13804),
                                                        ("percent", 118)]
    assert (rows[1]["period_start"], rows[1]["period_end"]) == ("2017-01-01", "2021-12-31")
    assert "start-ups" in rows[1]["label"].lower()


@pytest.mark.parametrize(("sentence", "dates"), [
    ("The Smart City Blueprint, released in December 2017, unveiled a roadmap.", [("2017-12-01", "2017-12-31")]),
    ("The Geospatial Lab, established in May 2021, helps raise interest.", [("2021-05-01", "2021-05-31")]),
    ("In September 2021, new measures were announced.", [("2021-09-01", "2021-09-30")]),
    ("Cyberport injected $200 million into the CMF in April 2021.", [("2021-04-01", "2021-04-30")]),
    ("The scheme will be launched in the second half of 2024.", [("2024-07-01", "2024-12-31")]),
    ("The park is scheduled for completion in phases from end-2024.", [("2024-12-31", "2024-12-31")]),
    ("From July 2024, the duty-free allowance was raised.", [("2024-07-01", "2024-07-31")]),
    ("The Sevens, staged in April 2024, drew crowds.", [("2024-04-01", "2024-04-30")]),
    ("Twelve estates were completed in 2023-24.", [("2023-04-01", "2024-03-31")]),
    ("Air cargo worth HK$3.6 trillion passed through it in 2022.", []),
    ("Exports rose 5% from 2021.", []),
    ("3,755 start-ups in Hong Kong in 2021.", []),
    ("CMF has invested $168 million as at end February 2022.", []),
    ("The 2022-23 Budget earmarked $600 million.", []),
    ("Global Innovation Index 2021 placed Hong Kong 14th.", []),
])
def test_events(sentence, dates):
    assert [(e["date_start"], e["date_end"]) for e in events_of(sentence)] == dates


@pytest.mark.parametrize(("sentence", "value", "words"), [
    ("The $4.5 billion Dedicated Fund on Branding, Upgrading and Domestic Sales (BUD Fund) opened.", 4.5e9,
     "BUD Fund"),
    ("The $10 billion Research, Academic and Industry Sectors One-plus Scheme (RAISe+) funds projects.", 10e9,
     "RAISe+"),
    ("Total merchandise trade came to HK$9.98 trillion (US$1.27 trillion) in 2022.", 1.27e12, "merchandise trade"),
    ("In 2022, re-exports made up 99.3% of total exports.", 99.3, "re-exports"),
    ("There were 4,257 start-ups in 2023, employing 15 234 people.", 15234, "start-ups"),
    ("The Government issued HK$25 billion of green bonds, including RMB 10 billion and US$1.5 billion tranches.",
     1.5e9, "green bonds"),
    ("The centre, with a gross floor area of some 108 000 square metres, opened.", 108000, "floor area"),
    ("The airport handled 4.3 million tonnes of cargo in 2023.", 4.3e6, "cargo"),
    ("Hong Kong Science Park hosts more than 1 100 technology companies.", 1100, "Science Park"),
    ("The SME Export Marketing Fund grants up to $100,000 for each approved application.", 1e5, "Marketing Fund"),
    ("Hong Kong’s 25 country parks and 22 special areas cover some 44 300 hectares.", 44300, "areas"),
    ("5G services, rolled out in April 2020, now give coverage exceeding 90% of the population.", 90, "5G"),
    ("The $4.5 billion Dedicated Fund on Branding and Sales (BUD Fund) raised its ceiling to $7 million.", 7e6,
     "BUD Fund"),
    ("The land area of Hong Kong is about 1 114 square kilometres.", 1114, "land area"),
    ("An extra half-month allowance for recipients, involving about $4.4 billion.", 4.4e9, "allowance"),
    ("Fiscal reserves are expected to be $734 billion, equivalent to 12 months of government expenditure.", 12,
     "reserves"),
    ("Hong Kong is No. 1 in the Economic Freedom of the World 2024 report.", 1, "Economic Freedom"),
    ("The Feed-in Tariff Scheme pays up to $4 per kilowatt-hour for renewable energy.", 4, "Feed-in Tariff"),
])
def test_labels_name_what_is_measured(sentence, value, words):
    rows = [r for r in figures_of(sentence) if r["value"] == pytest.approx(value)]
    assert rows and words.lower() in rows[0]["label"].lower(), [r["label"] for r in figures_of(sentence)]


def test_a_table_row_is_labelled_by_its_text_before_the_leader():
    from factsheet.extract import extract

    text = "Title\n\nAgeing\n\nBy age, mid-2023\nAged under 15 ........ 11.2%\nAged 65 and over ..... 23.1%\n"
    doc = Document.from_text(text)
    rows = figures_frame(extract(structure(doc))[0], doc, "t").to_dict("records")
    assert [(r["value"], r["label"]) for r in rows] == [(11.2, "Aged under 15"), (23.1, "Aged 65 and over")]


def test_a_pronoun_opening_a_sentence_takes_the_subject_before():
    from factsheet.extract import extract

    text = ("Title\n\nPopulation\n\nThe population of Hong Kong was 7.5 million at end-2023. It increased by 2.1 per "
            "cent between mid-2022 and mid-2023.\n")
    doc = Document.from_text(text)
    rows = figures_frame(extract(structure(doc))[0], doc, "t").to_dict("records")
    assert "population" in rows[-1]["label"].lower()


def test_made_up_is_a_share_not_a_rise():
    row = one("In 2022, re-exports made up 99.3% of total exports.")
    assert (row["value_text"], row["rule"]) == ("99.3%", "percent")


def test_labels_are_short_and_say_what_is_measured():
    rows = figures_of("Wi-Fi Connected City: over 44,500 “Wi-Fi.HK” hotspots.")
    assert rows[0]["label"] == "Wi-Fi.HK hotspots"
    long = "The Hong Kong Science and Technology Parks Corporation (HKSTPC) has invested over $277.2 million " \
           "in 22 technology start-ups through its Corporate Venture Fund, attracting over $4.3 billion."
    for row in figures_of(long):
        assert 0 < len(row["label"]) <= 80


@pytest.mark.parametrize(("doc", "expected"), [
    ("innovative-hong-kong-2023-06.txt", {
        ("count", 130, "lower_bound"), ("count", 6, "exact"), ("count", 300, "approximate"),
        ("count", 46000, "lower_bound"), ("rank", 2, "exact"), ("rank", 9, "exact"), ("money", 150e6, "exact"),
        ("rank", 1, "exact"), ("count", 4257, "exact"), ("percent", 13, "exact"), ("count", 15000, "approximate"),
        ("money", 233e6, "approximate"), ("count", 31, "exact"), ("money", 300e6, "approximate"),
        ("count", 120, "exact"), ("count", 30, "approximate"), ("money", 4e6, "upper_bound"), ("count", 8, "exact"),
        ("count", 4, "exact"), ("count", 20, "exact"), ("money", 50e6, "exact"), ("percent", 18, "exact"),
    }),
    ("financial-services-2023-05.txt", {
        ("count", 155, "exact"), ("count", 12, "exact"), ("rank", 4, "exact"), ("money", 104.6e9, "exact"),
        ("money", 35.7e12, "exact"), ("money", 125e9, "approximate"), ("percent", 25, "exact"),
        ("money", 4.5e12, "exact"), ("count", 2000, "lower_bound"), ("money", 150e9, "exact"),
        ("count", 164, "exact"), ("money", 592e9, "exact"), ("percent", 20.1, "approximate"), ("rank", 2, "exact"),
        ("money", 10e9, "approximate"), ("rank", 1, "exact"), ("percent", 31, "exact"),
        ("money", 2.5e6, "upper_bound"), ("count", 270000, "approximate"), ("percent", 21.3, "approximate"),
        ("percent", 17.6, "exact"), ("count", 77, "exact"), ("count", 13, "exact"), ("count", 200, "lower_bound"),
    }),
    ("transport-2023-09.txt", {
        ("percent", 90, "approximate"), ("count", 12.6e6, "exact"), ("count", 10, "exact"), ("count", 98, "exact"),
        ("count", 4.5e6, "approximate"), ("count", 56, "exact"), ("money", 14e9, "exact"), ("duration", 5, "exact"),
        ("count", 71.5e6, "exact"), ("count", 4.8e6, "exact"), ("rank", 1, "exact"), ("count", 120e6, "exact"),
        ("count", 2300, "exact"), ("count", 1349, "exact"), ("percent", 3.5, "exact"), ("percent", 2.1, "exact"),
        ("percent", 4.2, "exact"), ("count", 150000, "lower_bound"), ("rank", 10, "exact"),
        ("count", 16.7e6, "exact"), ("percent", 50, "exact"),
    }),
])
def test_documents_of_our_own(doc, expected):
    from factsheet.pipeline import standalone_edition

    data = standalone_edition(DOCS / doc)
    got = {(r["kind"], r["value"], r["qualifier"]) for r in data.figures.to_dict("records")}
    missing = expected - got
    assert not missing
    assert len(got - expected) <= 2  # at most a stray figure or two beyond the hand list
    assert data.edition.published == doc[-11:-4]
    usd = data.figures[data.figures["currency"] == "USD"]
    assert all(usd["value_hkd"] == usd["value"] * 7.8)
    assert all(len(label) <= 80 for label in data.figures["label"])


@pytest.mark.parametrize("sentence, value, unit", [
    ("Employees get 14 weeks' maternity leave.", 14, "week"),
    ("The pilot ran for six weeks.", 6, "week"),
    ("The review takes 30 minutes.", 30, "minute"),
    ("Wages are paid within 7 days.", 7, "day"),
    ("The contract runs for 24 months.", 24, "month"),
    ("The plan spans two decades.", 20, "year"),
])
def test_durations_keep_their_unit_as_written(sentence, value, unit, tmp_path):
    from factsheet.pipeline import standalone_edition

    sheet = tmp_path / "sheet.txt"
    sheet.write_text(f"Durations\n(June 2024)\n\nTerms\n\n{sentence}\n")
    figures = standalone_edition(sheet).figures
    durations = figures[figures["kind"] == "duration"]
    assert list(zip(durations["value"], durations["unit"])) == [(value, unit)]


def test_the_tail_of_a_grouped_number_is_no_count():
    from factsheet.model import Statement

    text = "Birth rate: 7.45 births/1,000 population (2025 est.)"
    figures, _ = extract_statement(Statement("People", text, tuple(range(len(text)))))
    assert "000" not in [f.value_text for f in figures]


HEADING = "5 Employer to keep records of the total number of hours worked by employee (where applicable)"


@pytest.mark.parametrize(("text", "section", "values"), [
    # a numbered heading said again as a line under itself (a running head): its number is the chapter's
    (HEADING, HEADING, []),
    ("12 Employees' Compensation and Insurance", "12 Employees' Compensation and Insurance", []),
    # negatives: a count opening a statement under another heading, or under a heading it does not repeat
    ("5 Employers were fined $3,000 each.", "Enforcement", [5, 3000]),
    ("5 Employers were fined.", HEADING, [5]),
])
def test_a_heading_said_again_under_itself_has_no_figure_in_its_number(text, section, values):
    statement = Statement(section=section, text=text, offsets=tuple(range(len(text))), kind="paragraph")
    doc = Document.from_text(text)  # the statement's offsets are the document's
    rows = figures_frame(extract_statement(statement)[0], doc, "t").to_dict("records")
    assert [r["value"] for r in rows] == values
