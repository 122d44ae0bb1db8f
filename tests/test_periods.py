"""Periods from context: relative phrases resolve against the year the document reports on; a sentence with no
date takes the period of the sentence before it in the same paragraph; nothing is guessed across paragraphs."""

from pathlib import Path

import pandas as pd
import pytest

from factsheet.dates import own_year, stated_year
from factsheet.normalise import period_of
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
    # a financial year states its first year; a year in a plan's name states none
    ("The Land Sale Programme for 2017-18; estimates for 2017-18 and 2017/18; revised 2016-17. Hong Kong 2030+, "
     "Hong Kong 2030+ and Hong Kong 2030+ and 2030+.", 2017),
    ("The 2019-2023 plan, the 2019-2023 plan and the 2019-2023 plan.", None),  # negative: a span of years states none
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


@pytest.mark.parametrize("text, year", [
    ("Mr President,\n\nI move that the Appropriation Bill 2016 be read a second time.\n\n2017 2017 2017 2017.",
     2016),
    ("In the 2024 Policy Address, I set 138 indicators. For this year’s Policy Address, I set 140.\n"
     "Indicators for Specified Tasks in 2025 Policy Address\nLaunch it in 2026, 2026 and 2026.", 2025),
    # negative: two editions named in headings, or a self-reference with no year beside its name, state nothing
    ("In this year's Budget we act.\nThe 2023-24 Budget\nThe 2024-25 Budget\n", None),
    ("For this year's Policy Address, I set 140 indicators.\nAnnex: Indicators for Specified Tasks\n", None),
    ("The Bill 2016 was moved in 2016.", None),
])
def test_the_year_a_document_states_as_its_own(text, year):
    assert own_year(text, []) == year


@pytest.mark.parametrize("phrase, period", [
    ("2.3.2017-1.4.2017", ("2017-03-02", "2017-04-01")),  # a form's wage period, day first
    ("2025/26 school year", ("2025-09-01", "2026-08-31")),
    ("2024/25 academic year", ("2024-09-01", "2025-08-31")),
    ("2025-26", ("2025-04-01", "2026-03-31")),  # a financial year
    ("2020-25", ("2020-01-01", "2025-12-31")),  # not a financial year: the years 2020 to 2025
    ("beginning of 2022", ("2022-01-01", "2022-01-01")),  # a level at the beginning: the first day, as end the last
    ("the start of March 2022", ("2022-03-01", "2022-03-01")),
    ("early 2022", ("2022-01-01", "2022-04-30")),
    ("the first quarter in 2000", ("2000-01-01", "2000-03-31")),  # 'in' as 'of': a quarter of that year
    ("the second half in 2019", ("2019-07-01", "2019-12-31")),
    ("the first quarter in 2024-25", ("2024-04-01", "2024-06-30")),
    # parts of a financial year, its months counted from April; "towards the end of" is "late"
    ("towards the end of 2014-15", ("2014-12-01", "2015-03-31")),
    ("late 2019-20", ("2019-12-01", "2020-03-31")),
    ("early 2019-20", ("2019-04-01", "2019-07-31")),
    ("mid-2019-20", ("2019-08-01", "2019-11-30")),
    ("the end of 2014-15", ("2015-03-31", "2015-03-31")),
    ("the start of 2014-15", ("2014-04-01", "2014-04-01")),
    ("towards the end of 2014", ("2014-09-01", "2014-12-31")),  # a calendar year's as 'late 2014'
    ("near the end of March 2015", ("2015-03-21", "2015-03-31")),
    ("late 2020-25", None),  # five years, not a financial year: no part of it is read
    ("towards the end", None),
    ("January to March 2001", ("2001-01-01", "2001-03-31")),  # the year written once, at the end
    ("May to April 2001", None),
    ("2025-24", None),
    ("1.4.2017-2.3.2017", None),  # a range that ends before it starts reads nothing
])
def test_date_phrases_of_periods(phrase, period):
    assert period_of(phrase) == period


def _period(tmp_path: Path, sentence: str, value_text: str, dated: str = "(June 2019)",
            title: str = "Review") -> tuple[str, str]:
    sheet = tmp_path / "sheet.txt"
    sheet.write_text(f"{title}\n{dated}\n\n{sentence}\n", encoding="utf-8")
    figures = standalone_edition(sheet).figures
    row = figures[figures["value_text"].str.contains(value_text, regex=False)].iloc[0]
    return ("" if pd.isna(row["period_start"]) else row["period_start"],
            "" if pd.isna(row["period_end"]) else row["period_end"])


@pytest.mark.parametrize("sentence, value_text, period", [
    # a relative phrase just after the figure is its period, not a date earlier in the sentence
    ("Yields rose from 1.63% at the beginning of 2019 to above 4% in the fourth quarter.", "above 4%",
     ("2019-10-01", "2019-12-31")),
    ("Yields rose from 1.63% at the beginning of 2019 to above 4% in the fourth quarter.", "1.63%",
     ("2019-01-01", "2019-01-01")),
    ("Yields rose from around 2.5% at the beginning of the year to 3.2% in November.", "around 2.5%",
     ("2019-01-01", "2019-01-01")),
    ("Consumption weakened in the first half of 2018, resulting in a decline of 1.1 per cent in real terms for "
     "the year.", "1.1 per cent", ("2018-01-01", "2018-12-31")),
    # one opening the sentence frames it; a date after a figure is still that figure's
    ("For this year's programme, we set 140 targets, against 138 targets in 2018.", "140",
     ("2019-01-01", "2019-12-31")),
    ("For this year's programme, we set 140 targets, against 138 targets in 2018.", "138",
     ("2018-01-01", "2018-12-31")),
    ("Recruit around 80 volunteers in the 2025/26 school year.", "around 80",
     ("2025-09-01", "2026-08-31")),
    # negative: a quarter named with its year is that year's, not the edition's
    ("The unemployment rate went up from 2.8 per cent in the second quarter of 2018 to 3.4 per cent.",
     "2.8 per cent", ("2018-04-01", "2018-06-30")),
    # negative: no phrase says when, and the sheet prints no year: no period
    ("The scheme has 80 volunteers.", "80", ("", "")),
    # a day written in figures, day first, and a span of two such days
    ("Wages of $5,347 were paid on 1.4.2017.", "$5,347", ("2017-04-01", "2017-04-01")),
    ("Wages of $5,347 were paid for the wage period 2.3.2017-1.4.2017.", "$5,347", ("2017-03-02", "2017-04-01")),
    ("The employee took 7 days' leave from 1/9/2022 to 31/12/2022.", "7 days", ("2022-09-01", "2022-12-31")),
])
def test_relative_phrases_of_the_figure_itself(tmp_path: Path, sentence, value_text, period):
    dated = "" if period == ("", "") else "(June 2019)"
    assert _period(tmp_path, sentence, value_text, dated) == period


def test_a_relative_phrase_in_the_figure_s_clause_beats_a_date_of_another_clause(tmp_path: Path):
    sentence = ("Setting aside the $10 billion advanced from 2016-17 to 2015-16, expenditure for the year recorded a "
                "3.1 per cent variance.")
    title = "Financial results for the year ended March 31, 2017"
    assert _period(tmp_path, sentence, "3.1 per cent", "", title) == ("2016-04-01", "2017-03-31")


FISCAL_TITLE = "Financial results for the year ended March 31, 2019"
VARIANCE = ("Expenditure and revenue for the year recorded a variance of 6.6 per cent (HK$37.8 billion) and 0.8 per "
            "cent (HK$4.7 billion) lower than the original estimate respectively.")


@pytest.mark.parametrize("sentence, value_text, dated, title, period", [
    # a figure restated in brackets, or coordinated by 'and', tells of the same time as the one before it
    (VARIANCE, "HK$37.8 billion", "", FISCAL_TITLE, ("2018-04-01", "2019-03-31")),
    (VARIANCE, "0.8 per cent", "", FISCAL_TITLE, ("2018-04-01", "2019-03-31")),
    (VARIANCE, "HK$4.7 billion", "", FISCAL_TITLE, ("2018-04-01", "2019-03-31")),
    ("The pound and the yen depreciated by 10.7% and 12.2% against the US dollar respectively.", "12.2%",
     "(2022)", "Reserves Management", ("2022-01-01", "2022-12-31")),
    # negative: brackets with a date of their own keep it; a figure after other words is no restatement
    ("The Fund earned HK$5 billion in 2019 (HK$4 billion in 2018).", "HK$4 billion", "(June 2019)", "Review",
     ("2018-01-01", "2018-12-31")),
    ("We aim to attract 200 firms by 2027 (300 firms).", "300", "(June 2019)", "Review", ("", "")),
])
def test_restated_and_coordinated_figures_share_a_period(tmp_path: Path, sentence, value_text, dated, title, period):
    assert _period(tmp_path, sentence, value_text, dated, title) == period


BUDGET = "Mr President,\n\nI move that the Appropriation Bill 2016 be read a second time."


@pytest.mark.parametrize("sentence, value_text, period", [
    # restating words bring in the same amount in other terms, of the same time
    ("Fiscal reserves are estimated to be $870 billion by the end of March 2017, representing 35.2 per cent of GDP "
     "or equivalent to 21 months of government expenditure.", "35.2 per cent", ("2017-03-31", "2017-03-31")),
    ("Fiscal reserves are estimated to be $870 billion by the end of March 2017, representing 35.2 per cent of GDP "
     "or equivalent to 21 months of government expenditure.", "21 months", ("2017-03-31", "2017-03-31")),
    ("Operating expenditure for 2016-17 is estimated to be $380 billion, representing an increase of 11.1 per cent "
     "or $38 billion over the revised estimate for 2015-16.", "$38 billion", ("2015-04-01", "2017-03-31")),
    ("The establishment will expand to 178 495 in 2016-17, representing a year-on-year increase of 1.3 per cent.",
     "1.3 per cent", ("2015-04-01", "2017-03-31")),
    # figures and dates paired one to one by 'respectively'; a figure outside the list takes none of them
    ("The rate was $28 per hour, and was raised to $30, $32.5 and $34.5 on 1 May 2013, 1 May 2015 and 1 May 2017 "
     "respectively.", "$32.5", ("2015-05-01", "2015-05-01")),
    ("The rate was $28 per hour, and was raised to $30, $32.5 and $34.5 on 1 May 2013, 1 May 2015 and 1 May 2017 "
     "respectively.", "$28", ("", "")),
    # 'with effect from' a day: the day it takes effect, not the base of a change
    ("The rate is raised from $37.5 per hour to $40 per hour with effect from 1 May 2023.", "$40",
     ("2023-05-01", "2023-05-01")),
    # 'the three years since 2012-13': three financial years from it
    ("Fees have registered an average annual increase of $400 million in the three years since 2012-13.",
     "$400 million", ("2012-04-01", "2015-03-31")),
    # an amount a noun of change governs is a change: its base date starts its period (a restated share too)
    ("The recurrent expenditure for 2013-14 will reach $49 billion, an increase of $2.7 billion over 2012-13.",
     "$2.7 billion", ("2012-04-01", "2014-03-31")),
    ("In 2013-14, expenditure will approach $170 billion. This is an increase of $55.1 billion, or 50 per cent, "
     "compared with 2007-08.", "50 per cent", ("2007-04-01", "2014-03-31")),
    # negative: the level itself keeps its own year; an amount no change noun governs takes no base
    ("The recurrent expenditure for 2013-14 will reach $49 billion, an increase of $2.7 billion over 2012-13.",
     "$49 billion", ("2013-04-01", "2014-03-31")),
    ("In 2013-14, we will spend $3 billion over 2012-13 levels.", "$3 billion", ("2013-04-01", "2014-03-31")),
    # a date after 'compared with' is the compared thing's: the change's base, not its own period
    ("The fiscal reserves stood at $296 billion at March 31, 2005, an increase of $20.7 billion compared with the "
     "balance of $275.3 billion at March 31, 2004.", "$20.7 billion", ("2004-03-31", "2005-03-31")),
    ("The fiscal reserves stood at $296 billion at March 31, 2005, an increase of $20.7 billion compared with the "
     "balance of $275.3 billion at March 31, 2004.", "$275.3 billion", ("2004-03-31", "2004-03-31")),
    # 'by year': an amount of change over the year before its own
    ("164.In 2017-18, recurrent expenditure on education is estimated to be $78.6 billion, representing an increase "
     "of $3.1 billion by year and accounting for 21 per cent of government recurrent expenditure.", "$3.1 billion",
     ("2016-04-01", "2018-03-31")),
    # negatives: the level and the share keep their own year; 'by year-end' is no change's base
    ("164.In 2017-18, recurrent expenditure on education is estimated to be $78.6 billion, representing an increase "
     "of $3.1 billion by year and accounting for 21 per cent of government recurrent expenditure.", "21 per cent",
     ("2017-04-01", "2018-03-31")),
    ("In 2017-18, the Fund will spend $3.1 billion by year-end.", "$3.1 billion", ("2017-04-01", "2018-03-31")),
    # the parts a breakdown lists ('comprising', 'including') are of the whole's time
    ("It is estimated that the total public housing production in the five-year period from 2020-21 is about "
     "101 400 units, comprising over 70 000 public rental housing units and over 30 000 other subsidised sale "
     "units.", "over 30 000", ("2020-04-01", "2025-03-31")),
    ("Revenue was $50 billion in 2019, including $3 billion from stamp duty.", "$3 billion",
     ("2019-01-01", "2019-12-31")),
    # negatives: a part with a date of its own keeps it; a whole with no period gives its parts none
    ("Revenue was $50 billion in 2019, including $3 billion from stamp duty in 2018.", "$3 billion",
     ("2018-01-01", "2018-12-31")),
    ("The programme will provide about 101 400 units, comprising over 70 000 public rental housing units.",
     "over 70 000", ("", "")),
    # 'over that for last year': the change's base is the year before its own
    ("In 2013-14, our expenditure on welfare will reach $56 billion, an increase of 31 per cent over that for last "
     "year.", "31 per cent", ("2012-04-01", "2014-03-31")),
    # 'the five-year period from 2013-14': five financial years from it
    ("We will allocate $160 million in the five-year period from 2013-14 for nurse training.", "$160 million",
     ("2013-04-01", "2018-03-31")),
    # 'in three years starting from 2021-22': three financial years from it, for an amount said before it in its
    # sentence with no other figure between
    ("42.I will allocate a total of $375 million to the Hong Kong Trade Development Council (TDC) in three years "
     "starting from 2021- 22 for developing virtual platforms.", "$375 million", ("2021-04-01", "2024-03-31")),
    ("The Fund will spend $80 million over five years from 2019-20.", "$80 million", ("2019-04-01", "2024-03-31")),
    # negatives: another figure between the amount and the span; no count of years before the start
    ("I will allocate $375 million to the TDC, which has 300 staff, in three years starting from 2021-22.",
     "$375 million", ("", "")),
    ("I will allocate $375 million to the TDC starting from 2021-22.", "$375 million", ("", "")),
    # 'the period' refers back to the span the paragraph named; with none named it stays empty
    ("Hong Kong was beset with doldrums from 1998 to 2004. During the period, we ran deficits which depleted 40 per "
     "cent of our reserves.", "40 per cent", ("1998-01-01", "2004-12-31")),
    ("Hong Kong was beset with doldrums. During the period, we ran deficits which depleted 40 per cent of our "
     "reserves.", "40 per cent", ("", "")),
])
def test_periods_of_a_budget_speech(tmp_path: Path, sentence, value_text, period):
    sheet = tmp_path / "speech.txt"
    sheet.write_text(f"{BUDGET}\n\nPublic Finances\n\n{sentence}\n", encoding="utf-8")
    figures = standalone_edition(sheet).figures
    row = figures[figures["value_text"].str.contains(value_text, regex=False)].iloc[0]
    assert tuple("" if pd.isna(row[c]) else row[c] for c in ("period_start", "period_end")) == period


@pytest.mark.parametrize("heading, period", [
    ("Estimates for 2016-17", ("2016-04-01", "2017-03-31")),  # the financial year the heading names
    ("Estimates for 2016-17 and 2017-18", ("", "")),  # negative: two named, none chosen
    ("Public Finances", ("", "")),  # negative: none named
])
def test_the_next_financial_year_is_the_one_the_section_names(tmp_path: Path, heading, period):
    sheet = tmp_path / "speech.txt"
    sheet.write_text(f"{BUDGET}\n\n{heading}\n\nTotal expenditure is estimated to reach $490 billion in the next "
                     "financial year.\n", encoding="utf-8")
    row = standalone_edition(sheet).figures.iloc[0]
    assert tuple("" if pd.isna(row[c]) else row[c] for c in ("period_start", "period_end")) == period


@pytest.mark.parametrize("published, period", [
    ("2016-02-24", ("2016-04-01", "2017-03-31")),  # dated by its caller: "last year" further on is not its period
    (None, ("2016-04-01", "2017-03-31")),
])
def test_the_next_financial_year_beats_a_later_last_year(tmp_path: Path, published, period):
    sheet = tmp_path / "speech.txt"
    sheet.write_text("Budget Speech\n\nEstimates for 2016-17\n\n167.Total government expenditure is estimated to "
                     "reach $490 billion in the next financial year, 14 per cent more than that of last year.\n",
                     encoding="utf-8")
    figures = standalone_edition(sheet, published=published).figures
    row = figures[figures["value_text"].str.contains("490", regex=False)].iloc[0]
    assert (row["period_start"], row["period_end"]) == period


@pytest.mark.parametrize("sentence, value_text, period", [
    # a range of months with its year written once, at its end
    ("The investments during January to March 2019 have fallen by $6.1 billion.", "$6.1 billion",
     ("2019-01-01", "2019-03-31")),
    # a footnote marker glued to the year after 'since'
    ("The average return was 2.8% over the past 10 years and 4.7% since 19943. Table 3 shows it.", "4.7%",
     ("1994-01-01", "2019-12-31")),
    # negative: a five-digit number elsewhere is no year
    ("The scheme had 19943 members.", "19943", ("", "")),
    # the comma of "March 31, 2010" ends no clause: the figure's clause holds the year it is for, and a date
    # in the participle after its noun ("notes issued in July 2004") dates the notes, not the figure
    ("Expenditure for the year ended March 31, 2010 includes $3.5 billion for repayment of government bonds and "
     "notes issued in July 2004.", "$3.5 billion", ("2009-04-01", "2010-03-31")),
    ("Revenue rose to $5 billion in the first quarter in 2000.", "$5 billion", ("2000-01-01", "2000-03-31")),
    # negative: a comma after a date that ends a clause still parts it from the next
    ("The reserves stood at $9 billion on March 31, 2010, and rose to $10 billion in July 2010.", "$10 billion",
     ("2010-07-01", "2010-07-31")),
])
def test_date_phrases_in_sentences(tmp_path: Path, sentence, value_text, period):
    assert _period(tmp_path, sentence, value_text) == period


RATES = ("Waive rates for four quarters of 2020-21, subject to a ceiling of $5,000 per quarter in the first two "
         "quarters and a ceiling of $1,500 per quarter in the remaining two quarters.")


@pytest.mark.parametrize("sentence, value_text, period", [
    # a part of the financial year the sentence named before the figure
    (RATES, "$5,000", ("2020-04-01", "2020-09-30")),
    (RATES, "$1,500", ("2020-10-01", "2021-03-31")),
    # negative: with no financial year named, a quarter is the calendar year's
    ("The pound fell by 3.2% in the third quarter.", "3.2%", ("2019-07-01", "2019-09-30")),
])
def test_parts_of_a_financial_year(tmp_path: Path, sentence, value_text, period):
    assert _period(tmp_path, sentence, value_text) == period


@pytest.mark.parametrize("sentence, value_text, period", [
    # a change followed by the level it started from and the one it reached runs from the first's time to the last's
    ("Yields increased by about 60 basis points from 0.9% at the beginning of the year to 1.5% at the end of the "
     "year.", "about 60", ("2019-01-01", "2019-12-31")),
    ("Exports grew by 5% from HK$10 billion in 2017 to HK$10.5 billion in 2018.", "5%", ("2017-01-01", "2018-12-31")),
    # negative: the levels themselves keep their own times
    ("Exports grew by 5% from HK$10 billion in 2017 to HK$10.5 billion in 2018.", "HK$10 billion",
     ("2017-01-01", "2017-12-31")),
])
def test_a_change_between_two_levels_spans_their_times(tmp_path: Path, sentence, value_text, period):
    assert _period(tmp_path, sentence, value_text) == period


@pytest.mark.parametrize(("dated", "period"), [
    ("(February 2013)", ("2013-04-01", "2014-03-31")),  # the financial year about to begin
    ("(June 2013)", ("", "")),  # negative: mid-year, 'the coming year' is no financial year the date names
])
def test_the_coming_year_of_a_speech_dated_before_april(tmp_path: Path, dated, period):
    sentence = "Recurrent expenditure on rehabilitation services in the coming year will reach $4.4 billion."
    assert _period(tmp_path, sentence, "$4.4 billion", dated) == period


@pytest.mark.parametrize(("sentence", "period"), [
    # the sentence's subject names the coming financial year and no date of its own
    ("The Land Sale Programme for the coming financial year includes three sites, capable of providing about "
     "172 000 square metres of floor area.", ("2013-04-01", "2014-03-31")),
    # negative: a sentence with a date of its own takes that date
    ("The Land Sale Programme for the coming financial year includes three sites, capable of providing about "
     "172 000 square metres of floor area in 2016-17.", ("2016-04-01", "2017-03-31")),
])
def test_the_coming_year_frames_its_sentence(tmp_path: Path, sentence, period):
    assert _period(tmp_path, sentence, "about 172 000", "(February 2013)") == period
