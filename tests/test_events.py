"""The event grammar (events.py, grammar/events.toml): each phrase -> the events it states, as ISO date ranges.

Every row is one rule of the grammar; the document states its own date ("(June 2016)"), so phrases that name
no year ("in June", "last year") resolve against 2016.
"""

from __future__ import annotations

import pytest

from factsheet.events import dated_events, grammar, resolved, restated
from factsheet.extract import extract
from factsheet.mentions import EventMention
from factsheet.model import Document, Statement, Structure
from factsheet.normalise import events_frame
from factsheet.periods import _dates
from factsheet.read import structure, with_date
from factsheet.spans import _sentences


def events_of(sentence: str, dated: bool = True) -> list[tuple[str, str]]:
    """(date_start, date_end) of each event of one bullet in a document of June 2016 (or undated)."""
    head = "Fact sheet\n(June 2016)\n\n" if dated else "Fact sheet\n\n"
    doc = Document.from_text(f"{head}Heading\n\n• {sentence}\n")
    _, events = extract(structure(doc))
    return [(r["date_start"], r["date_end"]) for r in events_frame(events, doc, "t-2016-06").to_dict("records")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a verb of happening governs the date
    ("The two stations were completed in 2020 and 2022 respectively.",
     [("2020-01-01", "2020-12-31"), ("2022-01-01", "2022-12-31")]),
    ("The project, commencing construction in 2021 for completion in 2024, will add 300 flats.",
     [("2021-01-01", "2021-12-31"), ("2024-01-01", "2024-12-31")]),
    ("The Government will make the first batch of land available by 2021.", [("2021-01-01", "2021-12-31")]),
    ("The allowance is paid starting from 2019-20.", [("2019-04-01", "2020-03-31")]),
    ("Ten projects were selected by the panel in mid-2018.", [("2018-05-01", "2018-08-31")]),
    ("The new rate applies with effect from 28 February 2024.", [("2024-02-28", "2024-02-28")]),
    # a market's move with no figure is a happening: "worsened", "reached new highs" (HKMA 2015)
    ("Major equity markets reached new highs in the first half of the year.", [("2016-01-01", "2016-06-30")]),
    ("However, market sentiment worsened drastically in the third quarter, arising from growth concerns.",
     [("2016-07-01", "2016-09-30")]),
    ("Markets recovered somewhat thereafter, but they worsened again towards the end of the year.",
     [("2016-09-01", "2016-12-31")]),
    # an opening date dates the sentence's past verb when its figures stand in what the verb asked or set up
    ("In late 2014, the Working Group suggested establishing a Future Fund, comprising an endowment of $220 "
     "billion from the Land Fund.", [("2014-09-01", "2014-12-31")]),
    ("Two years ago, I asked government departments to review over a thousand fees and charges.",
     [("2014-01-01", "2014-12-31")]),
    # a rate's level at a date is no happening; a happening beside a rate is one
    ("The Government will increase the intake of places from 4 000 to 5 000 per annum in the 2018/19 academic year.",
     []),
    ("The scheme launched in 2018 serves 5 000 people a year.", [("2018-01-01", "2018-12-31")]),
    # ... but not a forecast's verb, nor a statistic's
    ("In 2013-14, recurrent expenditure on welfare is estimated to reach $56 billion, an increase of 31 per cent.",
     []),
    ("In 2019, exports increased to over $500 billion.", []),
    # ... but not a move by a figure, nor a trend's start
    ("The index reached a record high of 33 000 in January.", []),
    ("Private consumption began to weaken in the first half of 2019.", []),
    ("$0.8 billion will mature in May 2009 and the rest will mature by May 2016.",
     [("2009-05-01", "2009-05-31"), ("2016-05-01", "2016-05-31")]),
    ("The bonds will mature within the period from April 2018 to March 2032.", [("2018-04-01", "2032-03-31")]),
    # months listed before one year share it, each its own happening
    ("It took account of the $6 billion bond and $20 billion notes issued in May and July 2004 respectively.",
     [("2004-05-01", "2004-05-31"), ("2004-07-01", "2004-07-31")]),
    ("The notes were issued in March, May and July 2004.",
     [("2004-03-01", "2004-03-31"), ("2004-05-01", "2004-05-31"), ("2004-07-01", "2004-07-31")]),
    # negative: 'between May and July 2004' is one span, not two months (the span itself is not read yet)
    ("The notes were issued between May and July 2004.", []),
    # a date inside the noun phrase of a happening opening the sentence dates that happening (a plan)
    ("The completion of the new Tower at the Kai Tak Development Area by end-2014 will release more than 18 000 "
     "square metres of floor area.", [("2014-12-31", "2014-12-31")]),
    ("On elderly care, the five new measures coming on stream in 2013-14 include:", [("2013-04-01", "2014-03-31")]),
    # a month the edition dates, governed by the verb of happening after an amount, is that happening's
    ("allocating $380 million from the Lotteries Fund to launch the Pilot Scheme this September;",
     [("2016-09-01", "2016-09-30")]),
    # negative: a span after a task's quantity is that quantity's
    ("Attract at least 1 200 enterprises to set up offices between 2026 and 2027.", []),
    # negative: a noun phrase naming no happening keeps 'by' a target
    ("The number of offices in the district by end-2014 will reach 200.", []),
    ("The constitution was drafted April 1988 to February 1989, approved March 1990.",
     [("1988-04-01", "1989-02-28"), ("1990-03-01", "1990-03-31")]),
    ("The UK seized Hong Kong in 1841, and China formally ceded it the following year.",
     [("1841-01-01", "1841-12-31"), ("1842-01-01", "1842-12-31")]),
    ("In 2019, the HKMA also became a supporter of the Task Force.", [("2019-01-01", "2019-12-31")]),
    ("In 2014, the LegCo passed a new law.", [("2014-01-01", "2014-12-31")]),
    ("Easter Monday (newly added from 2026)", [("2026-01-01", "2026-12-31")]),
    ("2017: Carrie LAM elected; Election Committee vote - Carrie LAM 777", [("2017-01-01", "2017-12-31")]),
    ("The Fund raised its funding ceiling per enterprise to $7 million in June 2023.",
     [("2023-06-01", "2023-06-30")]),
    # a date given under a label that says it is one
    ("The expected date of next election: president: March 2028", [("2028-03-01", "2028-03-31")]),
    # a clause that names a happening, with no figure of its own
    ("The LTGP has returned 8.9% a year since its inception in 2009.", [("2009-01-01", "2009-12-31")]),
    ("The Brexit referendum in June took the market by surprise.", [("2016-06-01", "2016-06-30")]),
    ("It was not until mid-February that the equity markets were stabilised.", [("2016-02-11", "2016-02-20")]),
    ("The Fund also includes the Future Fund as from July 1, 2016.", [("2016-07-01", "2016-07-01")]),
    ("The economy entered recession in the third quarter.", [("2016-07-01", "2016-09-30")]),
    ("Bond prices retreated in the fourth quarter.", [("2016-10-01", "2016-12-31")]),
    ("Sovereign bond markets performed quite well in the first half of 2015.", [("2015-01-01", "2015-06-30")]),
    ("The Federal Reserve began to reduce its balance sheet in October.", [("2016-10-01", "2016-10-31")]),
    ("It invested in green bonds since 2015.", [("2015-01-01", "2015-12-31")]),
    ("President XI Jinping (since 14 March 2013)", [("2013-03-14", "2013-03-14")]),
    ("National Day, 1 October (1949)", [("1949-10-01", "1949-10-01")]),
    ("Bond prices went up in the first three quarters of 2019.", [("2019-01-01", "2019-09-30")]),
    ("Equity markets rebounded in the second half of 2016 on hopes of growth.", [("2016-07-01", "2016-12-31")]),
    ("The Government announced today (April 28) the provisional results.", [("2016-04-28", "2016-04-28")]),
    ("The consumption tax hike in October last year hurt spending.", [("2015-10-01", "2015-10-31")]),
    ("The scheme will be launched in July this year.", [("2016-07-01", "2016-07-31")]),
    ("The AA is securing approval this year.", [("2016-01-01", "2016-12-31")]),
    ("Employees who started before 1 May 2025 (i.e. the effective date of the abolition) are covered.",
     [("2025-05-01", "2025-05-01")]),
    # a dated plan, whatever its verb: a task opening with its verb, a verb after an auxiliary, a task's deadline
    ("Release the University Town Development Conceptual Framework within 2026.", [("2026-01-01", "2026-12-31")]),
    ("Stage a drama performance promoting the message of national security to the public in 2026.",
     [("2026-01-01", "2026-12-31")]),
    ("Implement “primary evaluation” for new drug registration in phases beginning in 2026.",
     [("2026-01-01", "2026-12-31")]),
    ("Establish a panel of arbitrators by end-2025; and Set up a platform for mediation by end-2026.",
     [("2025-12-31", "2025-12-31"), ("2026-12-31", "2026-12-31")]),
    ("Discuss strategies with the Task Force, and organise the first large-scale promotion event by end-2025.",
     [("2025-12-31", "2025-12-31")]),
    ("The Airport Authority will invite expressions of interest from the market in early 2026.",
     [("2026-01-01", "2026-04-30")]),
    ("Provide real-time translation services during patient consultations between 2025 and 2026.",
     [("2025-01-01", "2026-12-31")]),
    # a part of a year or a day named without its year: of the edition's year, or the year the paragraph framed
    ("Major stock markets had also declined sharply since the fourth quarter, posting double-digit falls.",
     [("2016-10-01", "2016-12-31")]),
    ("Equity markets had been on a downward trend since the end of January.", [("2016-01-31", "2016-01-31")]),
    ("The Government announced, on 21 July this year, the cancellation of the tender.",
     [("2016-07-21", "2016-07-21")]),
    ("The economy was already weak in the first half of 2015. It entered recession in the third quarter.",
     [("2015-07-01", "2015-09-30")]),
    ("Government just introduced a bill into LegCo this January.", [("2016-01-01", "2016-01-31")]),
    ("The US dollar strengthened, particularly towards the end of 2015, on expectations about tapering.",
     [("2015-09-01", "2015-12-31")]),
    # a participle after a subordinator, a past tense after a named subject, a clause turned by 'but'
    ("While preparing the Budget in February this year, the Government noted that a tender was in progress.",
     [("2016-02-01", "2016-02-29")]),
    ("After examining the proposals submitted by the DEVB in mid-2015, the Chief Executive considered them.",
     [("2015-05-01", "2015-08-31")]),
    ("The DEVB submitted refined proposals in late August this year, which were agreed by the Chief Executive.",
     [("2016-08-21", "2016-08-31")]),
    ("The FSTB shall facilitate 200 family offices by end-2016 but it has completed the task in August.",
     [("2016-08-01", "2016-08-31")]),
    # a decade framing a happening
    ("In the 1970's, Hong Kong launched the first computerised Area Traffic Control System.",
     [("1970-01-01", "1979-12-31")]),
    ("Back to the 1970's, Hong Kong launched the first computerised ATC System in Southeast Asia.",
     [("1970-01-01", "1979-12-31")]),
    ("Dissatisfaction with the Government in the 2010s became central issues and led to unrest.", []),
    # a year naming a happening; a real instance is no example; a passive tells a happening
    ("The volatility subsequent to the 2008/09 global financial crisis has highlighted risk management.",
     [("2008-01-01", "2009-12-31")]),
    ("For instance, the HKMA supports the Principles issued by the Commission on 7 March 2016, which are voluntary.",
     [("2016-03-07", "2016-03-07")]),
    ("Hong Kong was beset with severe economic doldrums from 1998 to 2004.", [("1998-01-01", "2004-12-31")]),
    # a figure of a second predicate does not take the first one's date
    ("The scheme is to be launched in July this year and provide about 10 000 additional places.",
     [("2016-07-01", "2016-07-31")]),
    ("The measures are expected to be implemented in the second half of this year and benefit some 4 000 persons.",
     [("2016-07-01", "2016-12-31")]),
    # two periods end to end are one span, unless 'respectively' tells them apart
    ("Launch AI Flagship Projects in 2026-27 and 2027-28 progressively.", [("2026-04-01", "2028-03-31")]),
    ("The works will be carried out in 2020 and 2021.", [("2020-01-01", "2021-12-31")]),
    ("The two depots were opened in 2020 and 2021 respectively.",
     [("2020-01-01", "2020-12-31"), ("2021-01-01", "2021-12-31")]),
    # no happening: a figure's period, a change's base, a target, a status, a trend, the year reported on
    ("The income is a record high, surpassing the previous record in 2007 (HK$142.2 billion).", []),
    ("I forecast an annual surplus in the Operating Account in the four financial years from 2017-18.", []),
    ("There will be deficit in the Consolidated Account in 2018-19 and 2019-20.", []),
    ("Wages paid covering the period of his employment from 1 May 2014 to 30 April 2015.", []),
    ("Attract at least 1 200 enterprises to set up or expand businesses in Hong Kong between 2026 and 2027.", []),
    ("Explore with 10 or more aviation partners within 2026 the enhancement of air connectivity.", []),
    ("Hong Kong will stop using coal for daily electricity generation by 2035.", []),
    ("Note: by the end of 2021, the leading figures had been effectively removed from the political arena.", []),
    ("The annual return of the Fund from 1994 to 2015 is set out in Chart 1.", []),
    ("Economic growth of the euro area would remain modest this year.", []),
    ("The pound weakened by 16% during the year, posting its biggest fall since 2008.", []),
    ("Inflation edged up in the third quarter of last year.", []),
    # a measure's word as a verb with an object after an auxiliary is an action planned, not a trend
    ("In 2016-17, the Hospital Authority will increase its in-patient service capacity.",
     [("2016-04-01", "2017-03-31")]),
    ("Exports will increase in 2017.", []),
    ("In 2017, exports will increase further.", []),
    # a macro statistic's move is a trend of its period; an asset market's move (above: "Bond prices retreated in
    # the fourth quarter") happens
    ("However, consumer price inflation went up in the second half of 2019, mainly reflecting dearer pork.", []),
    ("Exports rebounded in the fourth quarter.", []),
    ("Hong Kong's economy was already quite weak in the first half of 2015.", []),
    ("The yield fell to a record low of 1.36% in July.", []),
    ("Hong Kong's economy grew 2% in 2016.", []),
    ("Exports rose 5% from 2021.", []),
    ("Attract 100 enterprises by 2027.", []),
    ("Increase the fund from $1.7 billion in 2022 to no less than $3 billion by 2027.", []),
    ("The Government has invested in excess of HK$200 billion in I&T since 2017.", []),
    ("Its biggest fall since 2008 was recorded.", []),
    ("Private consumption began to weaken in the first half of 2015.", []),
    ("The unemployment rate went up from 2.8 per cent in the second quarter of 2015 to 3.3 per cent.", []),
    ("The global financial markets were highly volatile and turbulent in 2016.", []),
    ("Bonds of about $95 billion will be issued each year from 2024-25 to 2028-29.", []),
    ("A provision of $6.1 billion was made for reserves invested during the period from January 1, 2001 to "
     "March 31, 2001.", []),
    ("Growing dissatisfaction in the 2010s led to protests.", []),
    ("Growth in the US eased last year.", []),
    ("The initiatives announced in the 2020 Policy Address cost $1 billion.", []),
    ("All seats were contested in the 2021 LegCo election.", [("2021-01-01", "2021-12-31")]),
    ("RMB trade settlement conducted through Hong Kong banks in 2012 exceeded RMB 2,600 billion.", []),
    ("At end-2012, outstanding RMB bonds issued in Hong Kong exceeded RMB 230 billion.", []),
    ("I forecast an annual surplus of $16 billion as from 2018-19.", []),
    # months of one year, the year said once: one verb, a happening in each month
    ("The $6 billion Toll Revenue Bond and $20 billion Government bonds were issued in May and July 2004 "
     "respectively.", [("2004-05-01", "2004-05-31"), ("2004-07-01", "2004-07-31")]),
    ("Three rounds were launched in March, June and September 2019.",
     [("2019-03-01", "2019-03-31"), ("2019-06-01", "2019-06-30"), ("2019-09-01", "2019-09-30")]),
    ("The index rose 5% in May and July 2004.", []),  # negative: a figure's period
    # a day written in figures, day first as Hong Kong writes it
    ("The amended Ordinance took effect on 1.5.2023.", [("2023-05-01", "2023-05-01")]),
    ("The employee commenced employment on 2/3/2017.", [("2017-03-02", "2017-03-02")]),
    ("The Scheme was launched on 13.2.2016 and 32.1.2016 is no day.", [("2016-02-13", "2016-02-13")]),
    # a market's moves named by plural nouns, a date set off by an adverb, a happening a name ends in
    ("Asset markets experienced major corrections and disruptions in the first quarter of the year.",
     [("2016-01-01", "2016-03-31")]),
    ("Yields remained suppressed after a significant decline in the first quarter.", [("2016-01-01", "2016-03-31")]),
    ("GDP recorded a decline of 3% in the first quarter.", []),  # negative: the figure's period
    ("The US dollar weakened against other major currencies, particularly during the second half of 2016, as "
     "rates fell.", [("2016-07-01", "2016-12-31")]),
    ("At the ESG Workshop in November, GPs exchanged views.", [("2016-11-01", "2016-11-30")]),
    # an activity going on since its start; a trend since a year is none
    ("For ESG investments in the public market, the HKMA has been investing in ESG bonds since 2015.",
     [("2015-01-01", "2015-12-31")]),
    ("Exports have been falling since 2015.", []),
    # a part of a financial year: "towards the end of" is late in it, its last four months
    ("A lease modification for a residential development was concluded towards the end of 2014-15.",
     [("2014-12-01", "2015-03-31")]),
    ("The new terminal was opened early in 2019-20.", [("2019-04-01", "2019-07-31")]),
    # negative: a part of a financial year that dates no happening
    ("Double stamp duty could not be budgeted at the start of 2014-15.", []),
    # a plan dated in the year the document reports on is a happening still: a task, a verb after a modal
    ("Organise the International Mediation Summit within 2016.", [("2016-01-01", "2016-12-31")]),
    ("The Bureau will seek the passage of the bill by the LegCo within 2016 for eradicating substandard units.",
     [("2016-01-01", "2016-12-31")]),
    # negatives: a market's move or a state in that year is what the year was, not a happening; a participle
    # opening a sentence ("Following a correction") is no task's verb
    ("Global equity markets rallied in 2016.", []),
    ("Following a significant correction in the fourth quarter of 2015, global equity markets rallied in 2016.",
     [("2015-10-01", "2015-12-31")]),
    ("The HKMA will remain cautious in 2016.", []),
    # an open start of a task that sizes a quantity dates the task's start, no period of the quantity
    ("Expand the Healthy Mind Pilot Project by phases to cover six more centres starting from 2017.",
     [("2017-01-01", "2017-12-31")]),
    # negatives: the years a quantity is delivered over are its period
    ("Attract at least 1 200 enterprises to set up in Hong Kong between 2017 and 2018.", []),
    ("Attract at least 1 200 enterprises to set up in Hong Kong from 2017.", []),
    # an item of a task list opening with a verb in its base form is a task, whatever follows the verb
    ("Reduce construction cost: Implement central procurement strategy in the first half of 2016, piloting in steel.",
     [("2016-01-01", "2016-06-30")]),
    # negatives: a noun opening the item states; a figure a closing 'with' phrase states takes the date
    ("Markets: Share prices fell in 2016.", []),
    # a date restating the figure before it ("(i.e. by 2019)") is that figure's deadline; an aside naming a happening
    # is one
    ("Around 50 base stations to be completed and put into service within four years (i.e. by 2019).", []),
    ("The Scheme (i.e. the Fund launched in 2016) was popular.", [("2016-01-01", "2016-12-31")]),
    ("Promote education: Organise various activities for students in the 2016/17 school year, with an expected "
     "attendance of no less than 200 000; and review them.", []),
])
def test_event_phrases(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert events_of(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a day a rule starts or stops applying on: the day the rule changed
    ("A male employee with a child born on or after 18 January 2019 is entitled to 5 days' paternity leave.",
     [("2019-01-18", "2019-01-18")]),
    ("Certificate of attendance is not applicable to a medical examination conducted before 11 December 2020.",
     [("2020-12-11", "2020-12-11")]),
    ("Eligible employees whose confinement occurs before 11 December 2020 are entitled to 10 weeks' leave.",
     [("2020-12-11", "2020-12-11")]),
    # "on or after A but before B": B ends the span A opened, the day the next rule began (a day of its own when the
    # document dates it nowhere else: see the test below)
    ("It is 3 days if his child is born on or after 27 February 2015 but before 18 January 2019.",
     [("2015-02-27", "2015-02-27"), ("2019-01-18", "2019-01-18")]),
    ("The rate applies to hours worked on and after 1 May 2011 and before 1 May 2013.",
     [("2011-05-01", "2011-05-01"), ("2013-05-01", "2013-05-01")]),
    # "after" a verb of occurring: the day a rule starts applying after
    ("For every employment contract made after 27 June 1997, it is presumed that a bonus is payable.",
     [("1997-06-27", "1997-06-27")]),
    ("Employees dismissed after 19 October 2018 may claim reinstatement.", [("2018-10-19", "2018-10-19")]),
    # negative: a deadline is a target; a month or a year is no cut-off day; a date the clause's figure takes
    ("Applications must be submitted before 30 June 2023.", []),
    ("Employers should apply before 1 May 2024 to join the scheme.", []),
    ("A child born before 2019 is not covered.", []),
    ("Wages earned before March 2020 are excluded.", []),
    ("The report was released after 2019.", []),
    ("Claims must be lodged after 1 May 2024 with the Tribunal.", []),
])
def test_a_cutoff_day_of_a_rule_is_an_event(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert events_of(sentence) == expected


def test_a_cutoff_saying_again_a_day_or_a_sentence_of_the_document_is_no_new_event() -> None:
    """'with effect from 1 May 2023' dates the change; 'on or after 1 May 2023' only says it again, and a form's note
    repeating a sentence of the text word for word is the same rule."""
    doc = Document.from_text(
        "Fact sheet\n(June 2016)\n\nRates\n\n• The rate is raised to $40 with effect from 1 May 2023.\n\n"
        "• The rate applies to any hour worked on or after 1 May 2023.\n\n"
        "• A certificate is not applicable to an examination conducted before 11 December 2020.\n\n"
        "• The leave is 10 weeks if the child is born before 11 December 2020.\n\nForm\n\n"
        "• A certificate is not applicable to an examination conducted before 11 December 2020.\n")
    _, events = extract(structure(doc))
    assert [(e.date_text, e.rule) for e in events] == [
        ("with effect from 1 May 2023", "event-dated-verb"), ("11 December 2020", "event-cutoff"),
        ("11 December 2020", "event-cutoff")]


def test_the_end_of_a_rules_span_is_no_new_event_when_the_document_dates_its_day_elsewhere() -> None:
    """'born on or after 18 January 2019' dates the change; a footnote's 'on or after 27 February 2015 but before 18
    January 2019' ends the old rule's span on that same day, so only its start is new."""
    doc = Document.from_text(
        "Fact sheet\n(June 2016)\n\nLeave\n\n• A father of a child born on or after 18 January 2019 has 5 days.\n\n"
        "• It is 3 days if his child is born on or after 27 February 2015 but before 18 January 2019.\n")
    _, events = extract(structure(doc))
    assert [(e.date_text, e.rule) for e in events] == [
        ("18 January 2019", "event-cutoff"), ("27 February 2015", "event-cutoff")]


def test_a_phrase_naming_no_year_is_no_event_when_the_document_states_no_year() -> None:
    assert events_of("The Brexit referendum in June took the market by surprise.", dated=False) == []


def events_dated_by_caller(text: str, published: str | None) -> list[tuple[str, str]]:
    """(date_start, date_end) of each event of a speech that prints no date, dated by its caller (--published)."""
    doc = Document.from_text(f"Budget Speech\n\nPublic Finances\n\n{text}\n")
    _, events = extract(with_date(structure(doc), published))
    return [(r["date_start"], r["date_end"]) for r in events_frame(events, doc, "t").to_dict("records")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a revision line dates the document's revision; the verb stands right before the date (events.toml
    # [dating_verbs]), here after a figure a layout set before it
    ("$40 Revised April 2023", [("2023-04-01", "2023-04-30")]),
    ("Rates from 1 May 2023. Updated June 2024.", [("2023-05-01", "2023-05-01"), ("2024-06-01", "2024-06-30")]),
    # negatives: "revised" as an adjective, away from the date
    ("The variance between the revised estimate and the provisional results was $4.5 billion in 2005-06.", []),
    ("The revised estimate for 2015-16 is $457 billion.", []),
    ("The amended rules cover 300 firms in 2019.", []),
])
def test_a_revision_line_is_an_event(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert events_of(sentence) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # relative phrases resolve against the caller's date as against a printed one (a speech of 24 February 2016)
    ("146.The task force I set up last year has examined the causes.", [("2015-01-01", "2015-12-31")]),
    ("Government just introduced a bill into LegCo this January.", [("2016-01-01", "2016-01-31")]),
    ("163.Last month, the Chief Executive delivered the Policy Address covering a spectrum of policy initiatives "
     "which involve $220 billion of expenditure.", [("2016-01-01", "2016-01-31")]),
    ("179.Last year, throughout their World Cup qualifying campaign, the team never lost hope.",
     [("2015-01-01", "2015-12-31")]),
    ("We are securing approval this year for the project.", [("2016-01-01", "2016-12-31")]),
    # negatives: a figure the date is the period of; a figure of the predicate, not of a relative clause
    ("Exports grew by 3 per cent last year.", []),
    ("Last month, the Government spent $220 billion on initiatives.", []),
])
def test_a_caller_given_date_resolves_relative_phrases(text: str, expected: list[tuple[str, str]]) -> None:
    assert events_dated_by_caller(text, "2016-02-24") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a count of years back from the edition's year (a roadmap of July 2019)
    ("The introduction of the first ITS in Hong Kong dated back to 40 years ago.", [("1979-01-01", "1979-12-31")]),
    ("The scheme was launched two decades ago.", [("1999-01-01", "1999-12-31")]),
    ("The Star Ferry was founded a decade ago.", [("2009-01-01", "2009-12-31")]),
    # negatives: a figure's period, a span of years
    ("Prices were 5 per cent higher 10 years ago.", []),
    ("Over the past 10 years the fund grew.", []),
])
def test_years_ago_count_back_from_the_edition(text: str, expected: list[tuple[str, str]]) -> None:
    assert events_dated_by_caller(text, "2019-07") == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a worked example's dates are events, as a form's filled-in example row (the Concise Guide keys)
    ("For example, an employee who commenced employment on 5 July 2007 is covered.", [("2007-07-05", "2007-07-05")]),
    ("Suppose an employee commenced employment on 5 July 2007, his holiday pay is due.",
     [("2007-07-05", "2007-07-05")]),
    ("Assuming she has taken maternity leave commencing 9 August 2023, her pay is $9,000.",
     [("2023-08-09", "2023-08-09")]),
    # "by" a date is a plan's deadline when its clause says the thing is done by then and no figure is its target
    ("The Department is building about 300 new bus shelters along major roads for completion by 2021.",
     [("2021-01-01", "2021-12-31")]),
    ("More electronic signs will be installed and the old display will be upgraded by end 2022.",
     [("2022-12-31", "2022-12-31")]),
    ("Complete the conversion of three car parks into cycling hubs by end-2027.", [("2027-12-31", "2027-12-31")]),
    ("By end-2024, the Department will launch the trial scheme for smart parking.", [("2024-12-31", "2024-12-31")]),
    ("We are discussing the rules with the industry, with the aim of reaching agreement on them by mid-2017.",
     [("2017-05-01", "2017-08-31")]),
    # negatives: a quantity's target, a state's deadline
    ("Provide 3 000 fast chargers under the Incentive Scheme by end-2028.", []),
    ("The Fund is expected to grow to $5 billion by 2026.", []),
    ("The Government will stop issuing paper permits by 2030.", []),
    # a plan's state after "will have" / a gerund after a plan's noun
    ("The Tunnel will have the new toll system in place in 2027.", [("2027-01-01", "2027-12-31")]),
    ("The tunnel will have a capacity of 5 000 vehicles in 2027.", []),
    # a figure in a 'with' phrase set off before the date describes a noun, not the dated happening
    ("The Terminal will welcome its second liner, a ship with a capacity of 4 000 passengers, on 20 July 2016.",
     [("2016-07-20", "2016-07-20")]),
    ("The index rose to a record high, 33 000 points, on 20 January 2016.", []),
    # a means ("by paying") or a clause of its own subject keeps its figures from the dated predicate
    ("The company closed the plant on 3 March 2015 by paying compensation of $2 million to its staff.",
     [("2015-03-03", "2015-03-03")]),
    ("The company paid $2 million on 3 March 2015.", []),
    # a list's lead-in dates a happening unless most of its items state quantities (their period)
    ("Continue to promote the arts in 2017: Organise no less than 50 concerts; Stage 20 exhibitions; and Attract "
     "100 000 visitors.", []),
    ("Take forward co-operation in 2017: Establish a training centre; and Organise 20 forums.",
     [("2017-01-01", "2017-12-31")]),
    # a plan "within" the year reported on is a plan still (a state "in" it is what the year was)
    ("Submit proposals for improving the scheme within 2016.", [("2016-01-01", "2016-12-31")]),
    ("Submit proposals for improving the scheme in 2016.", []),
    # a day named as a happening's date ("its effective date (i.e. ...)"), even after "over"; not a sum's due date
    ("The rules apply to awards made on or after its commencement date (i.e. 1 June 2012).",
     [("2012-06-01", "2012-06-01")]),
    ("The rise was 5 per cent over 1 May 2015 (i.e. the effective date of the new rate).",
     [("2015-05-01", "2015-05-01")]),
    ("The sum is due on the date by which it is payable (i.e. 15 November 2015).", []),
    ("Exports rose 5 per cent over 2015.", []),
])
def test_plans_examples_and_deadlines(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert events_of(sentence) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # the end of the edition's year; a relative clause's date is its own predicate's, not the figure of its noun's
    ("The three sides will strive to complete the bridge by the end of this year.", "2017-02-22",
     [("2017-12-31", "2017-12-31")]),
    ("We have reserved a site of about five hectares at Kwai Chung which will be put on the market in the second "
     "half of this year.", "2013-02-27", [("2013-07-01", "2013-12-31")]),
    ("Exports which grew 5 per cent in the second half of last year were strong.", "2013-02-27", []),
    # a second past predicate takes the kind of the first ("concluded ... and initialled")
    ("We signed the agreement with Chile and initialled the protocol in March this year.", "2017-02-22",
     [("2017-03-01", "2017-03-31")]),
    ("Prices rose and peaked in March this year.", "2017-02-22", []),
])
def test_relative_dates_of_plans_and_relative_clauses(text: str, published: str,
                                                      expected: list[tuple[str, str]]) -> None:
    assert events_dated_by_caller(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a day counted back from the edition's own day (Wednesday 27 February 2013), governed by a verb of happening
    # even with a figure in its clause (events.toml [days_before])
    ("102.I announced two demand-side management measures last Friday in a bid to cool down the market.",
     "2013-02-27", [("2013-02-22", "2013-02-22")]),
    ("The Chief Executive announced the plan yesterday.", "2013-02-27", [("2013-02-26", "2013-02-26")]),
    # a day after the edition's, and its own day, each governed by a verb of happening (a speech of 22 February 2017)
    ("The Secretary for Development will announce tomorrow the Land Sale Programme for the next financial year.",
     "2017-02-22", [("2017-02-23", "2017-02-23")]),
    ("The above-mentioned adjustments have been gazetted for taking effect today.", "2021-02-24",
     [("2021-02-24", "2021-02-24")]),
    # negatives: "today" and "tomorrow" no verb of happening governs ("the problems that we are facing today")
    ("I believe we can cope with the problems that we are facing today.", "2016-02-24", []),
    ("I will not repeat the details of the measures today.", "2013-02-27", []),
    ("The leaders of tomorrow are in our schools.", "2017-02-22", []),
    ("The rule was gazetted last Wednesday.", "2013-02-27", [("2013-02-20", "2013-02-20")]),
    # a month relative to the edition, governed by the verb before it in its clause
    ("The Government will launch the first phase of the $380 million Pilot Scheme this September.",
     "2013-02-27", [("2013-09-01", "2013-09-30")]),
    ("The five new or improved measures coming on stream in 2013-14 include more places.", "2013-02-27",
     [("2013-04-01", "2014-03-31")]),
    # the year and the month after the edition's
    ("Land revenue is high, since the Government plans to release several valuable commercial sites in the urban "
     "area next year.", "2017-02-22", [("2018-01-01", "2018-12-31")]),
    ("The Environment Bureau will announce next month Hong Kong's first roadmap on the popularisation of EVs.",
     "2021-02-24", [("2021-03-01", "2021-03-31")]),
    ("The roadmap will be announced next month.", "2020-12-10", [("2021-01-01", "2021-01-31")]),
    # the edition's calendar quarter, and the middle of its year (May to August)
    ("136.The DEVB and the Lands Department will introduce a pilot scheme for charging land premium at \"standard "
     "rates\" in this quarter to encourage redevelopment of industrial buildings.", "2021-02-24",
     [("2021-01-01", "2021-03-31")]),
    ("The scheme will be launched next quarter.", "2021-11-24", [("2022-01-01", "2022-03-31")]),
    ("The result is expected to be announced in the middle of this year.", "2021-02-24",
     [("2021-05-01", "2021-08-31")]),
    ("The Government will finish updating the Clean Air Plan by the middle of this year to set out long-term goals.",
     "2021-02-24", [("2021-05-01", "2021-08-31")]),
    # a year the edition dates, governed by a verb of happening before it, even with a figure in its clause
    ("129.The first two parcels of housing land were handed over to the Hong Kong Housing Authority last year.",
     "2021-02-24", [("2020-01-01", "2020-12-31")]),
    ("The Government will inject another $3.3 billion this year.", "2021-02-24", [("2021-01-01", "2021-12-31")]),
    ("We plan to conduct later this year district consultations on two projects.", "2021-02-24",
     [("2021-01-01", "2021-12-31")]),
    ("The first intake for about 10 000 public housing units will take place in 2024.", "2021-02-24",
     [("2024-01-01", "2024-12-31")]),
    # a date opening a sentence dates a second predicate that states no figure
    ("142.Last year, the Government allocated an additional funding of $800 million to the New Energy Transport Fund "
     "and expanded its funding scope to cover additional types of electric commercial vehicles.", "2021-02-24",
     [("2020-01-01", "2020-12-31")]),
    # a school year named relative to the edition's date (September to August; a speech of 1 February 2012 falls in
    # 2011/12), governed by a verb of happening
    ("The Government will implement them in phases starting from the next academic year.", "2012-02-01",
     [("2012-09-01", "2013-08-31")]),
    ("The Bureau will launch improvement measures in the next school year.", "2012-10-15",
     [("2013-09-01", "2014-08-31")]),
    ("The scheme was launched last academic year.", "2012-02-01", [("2010-09-01", "2011-08-31")]),
    # negatives: a figure's period; an edition dated to the year only names no school year
    ("Fees rose 5 per cent this school year.", "2012-02-01", []),
    ("The Bureau will launch improvement measures in the next academic year.", "2012", []),
    # a date opening the sentence dates the happening its verb tells when no figure took it ("the $2.5billion Fund":
    # the size of what was set up)
    ("Last November, we also set up the $2.5billion Self-financing Post-secondary Education Fund.", "2012-02-01",
     [("2011-11-01", "2011-11-30")]),
    ("The Government extended free education to 12 years in 2008, incurring an additional annual expenditure of "
     "$1.2billion a year.", "2012-02-01", [("2008-01-01", "2008-12-31")]),
    # negatives: each predicate states a figure; a statistic's verb
    ("Last year, exports rose 5 per cent and imports fell 3 per cent.", "2021-02-24", []),
    ("Last year, the Fund invested $2 billion and increased its holdings.", "2021-02-24", []),
    # a purpose's date is its own, not that of the amount set aside for it
    ("The Government also earmarked $350 million to provide subsidies for ferry operators to conduct trials on "
     "electric ferries from 2023.", "2021-02-24", [("2023-01-01", "2023-12-31")]),
    # negatives: a figure's period with no verb of happening; a deadline said by "or earlier"
    ("Exports grew 3 per cent in the middle of last year.", "2021-02-24", []),
    ("Exports grew 3 per cent this quarter.", "2021-02-24", []),
    ("The key measures include ceasing the new registration of fuel-propelled PCs in 2035 or earlier.", "2021-02-24",
     []),
    # "until" a date is a happening's end only when a verb says it ends then ([ending_verbs]), and "to" a date too
    ("147.The Government will inject $1 billion to the Recycling Fund and extend the application period to 2027.",
     "2021-02-24", [("2027-01-01", "2027-12-31")]),
    ("Exports will continue to grow from 2019 to 2027.", "2021-02-24", []),
    ("The public engagement exercise of \"Hong Kong 2030+\" will last until the end of April this year.",
     "2017-02-22", [("2017-04-30", "2017-04-30")]),
    ("I propose extending this incentive scheme until the end of March 2018, which will involve revenue foregone.",
     "2017-02-22", [("2018-03-31", "2018-03-31")]),
    # negatives: the span of an arrangement; a figure's status until a date
    ("The EDB could provide teacher professional development programmes until the 2027/28 school year.",
     "2017-02-22", []),
    ("The scheme will provide programmes until the end of April this year.", "2017-02-22", []),
    # negatives: a comparison's base names a happening only to say since when
    ("153.The projected supply will be approximately 94 000 units, a record high since the first release of "
     "quarterly supply statistics in September 2004.", "2017-02-22", []),
    # negatives: an edition dated to the month gives no day; a figure's period with no verb of happening
    ("The Chief Executive announced the plan last Friday.", "2013-02", []),
    ("Exports grew by 3 per cent last Friday.", "2013-02-27", []),
    ("Visitors rose to 5 000 this September.", "2013-02-27", []),
])
def test_days_and_months_relative_to_the_edition(text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert events_dated_by_caller(text, published) == expected


def test_without_a_date_relative_phrases_are_no_events_and_a_printed_date_wins() -> None:
    assert events_dated_by_caller("The scheme was launched two decades ago.", None) == []
    assert events_dated_by_caller("The task force I set up last year has examined the causes.", None) == []
    doc = Document.from_text("Budget Speech\n(June 2019)\n\nHeading\n\nThe task force I set up last year met.\n")
    parsed = with_date(structure(doc), "2016-02-24")
    assert (parsed.published, parsed.year) == ("2019-06", 2019)


def test_a_part_of_the_year_under_a_heading_naming_a_year_is_of_that_year() -> None:
    doc = Document.from_text("Budget Speech\n\nRevised Estimates for 2015-16\n\nGiven the fluctuation of the "
                             "stock market, with trading hectic in the first half of the year, stamp duty revenue rose."
                             "\n\nOutlook\n\nThe scheme was launched in the first half of the year.\n")
    _, events = extract(with_date(structure(doc), "2016-02-24"))
    assert [(r["date_start"], r["date_end"]) for r in events_frame(events, doc, "t").to_dict("records")] == [
        ("2015-04-01", "2015-09-30"), ("2016-01-01", "2016-06-30")]


def test_a_part_of_a_year_takes_the_year_the_paragraphs_before_framed() -> None:
    doc = Document.from_text("Fact sheet\n(June 2016)\n\nEconomy\n\nThe economy was weak in the first half of 2015."
                             "\n\nIt entered recession in the third quarter.\n")
    _, events = extract(structure(doc))
    assert [(r["date_start"], r["date_end"]) for r in events_frame(events, doc, "t").to_dict("records")] == [
        ("2015-07-01", "2015-09-30")]


def test_the_following_year_follows_the_event_before_it_and_nothing_else() -> None:
    text = "China formally ceded it the following year."
    statement = Statement(section="S", text=text, offsets=tuple(range(len(text))), kind="item")
    found = dated_events(statement, _dates(statement.text), _sentences(statement.text), [])
    assert [e.period_text for e in found] == ["{next_of_previous}"]
    assert resolved(found, Structure(title="T", published=None, statements=(statement,), year=2016)) == []


def test_event_words_are_data() -> None:
    tables = grammar()
    for table in ("event_verbs", "event_nouns", "intros", "not_event_markers", "movement_verbs", "trend_verbs",
                  "trend_states"):
        assert tables[table]["words"], table
    assert "last year" in tables["relative_dates"]


@pytest.mark.parametrize(("sentence", "label"), [
    ("25.Since January 2020, Hong Kong has come under the threat posed by the outbreak.",
     "Hong Kong has come under the threat posed by the outbreak"),
    ("The Geospatial Lab, established in May 2021, helps raise interest.", "Geospatial Lab established"),
    ("President of China XI Jinping (since 14 March 2013)", "President of China XI Jinping"),
])
def test_event_labels_read_alone(sentence: str, label: str) -> None:
    doc = Document.from_text(f"Fact sheet\n(June 2016)\n\nHeading\n\n• {sentence}\n")
    _, events = extract(structure(doc))
    assert [e.label for e in events] == [label]


def test_a_chinese_statement_of_a_bilingual_edition_is_read_with_the_chinese_grammar() -> None:
    doc = Document.from_text("Fact sheet\n(June 2016)\n\nTimeline\n\nThe Transport Department set up the Transport "
                             "Information System in 2003 as a central database for traffic data.\n\n"
                             "運輸署於2003年建立了運輸資訊系統，作為一個中央數據庫。\n")
    parsed = structure(doc)
    assert parsed.language == "en"
    _, events = extract(parsed)
    assert [(e.rule, e.period_text or e.date_text) for e in events] == [
        ("event-dated-verb", "2003"), ("zh-event-dated-verb", "1 january 2003 to 31 december 2003")]


def _event(text: str, kind: str, label: str) -> EventMention:
    at = text.index("1 May 2023")
    statement = Statement("Wages", text, tuple(range(len(text))), kind=kind)
    return EventMention(statement, text.index("with effect"), at + len("1 May 2023"), label, "event-dated-verb")


def test_a_footnote_restating_a_happening_of_the_text_is_no_event_of_its_own():
    body = _event("SMW rate X (i.e. $40 per hour with effect from 1 May 2023)", "paragraph", "I.e. $40 per hour")
    note = _event("The SMW rate is $40 per hour with effect from 1 May 2023.", "note", "The SMW rate $40 per hour")
    other = _event("The new form is used with effect from 1 May 2023.", "note", "New form used")  # negative
    again = _event("The SMW rate is $40 per hour with effect from 1 May 2023.", "paragraph",
                   "The SMW rate $40 per hour")  # negative: the text's own words, not a note's
    assert restated([body, note, other, again]) == [body, other, again]


def events_in(text: str, published: str | None = "2023-04") -> list[tuple[str, str]]:
    """(date_start, date_end) of each event of a guide's text (statements apart by blank lines), dated by its caller."""
    doc = Document.from_text(f"Guide\n\nRecords\n\n{text}\n")
    _, events = extract(with_date(structure(doc), published))
    return [(r["date_start"], r["date_end"]) for r in events_frame(events, doc, "t").to_dict("records")]


@pytest.mark.parametrize(("text", "expected"), [
    # "with effect from" a day dates a rule's change, even when a verb of change states its figures
    ("With effect from 1 May 2023, the monetary cap is increased from $15,300 to $16,300 per month.",
     [("2023-05-01", "2023-05-01")]),
    ("Effective from 1 April 2024, the fee is reduced from $500 to $400.", [("2024-04-01", "2024-04-01")]),
    # a date a bracket names as the date the noun before it says ("the commencement date of SMW (i.e. 1 May 2011)")
    ("This does not include hours worked before the commencement date of SMW (i.e. 1 May 2011).",
     [("2011-05-01", "2011-05-01")]),
    ("Claims made after the effective date (i.e. 1 July 2020) are covered.", [("2020-07-01", "2020-07-01")]),
    # negatives: a statistic's period; a bracket restating a figure's span, no named date
    ("In 2019, exports increased from $400 billion to $500 billion.", []),
    ("The leave is taken within a period (i.e. 1 May 2011 to 30 June 2011) of 60 days.", []),
    ("An employer who fails to pay within 14 days after the date by which the sum is payable (i.e. 15 November "
     "2021) commits an offence.", []),
    # a span of days a thing is paid in is no happening ("in the period from 8 January to 7 February")
    ("Being paid in the period from 8 January to 7 February, the commission is counted as wages of January.", []),
    ("The scheme was launched on 8 January.", [("2023-01-08", "2023-01-08")]),  # negative: a happening's day
    # the paragraph after a line naming a worked example tells a case: its dates are no happenings
    ("Example 31 :\n\nAn employer pays an employee commission of $1,000 (which is originally payable in respect of "
     "the wage period of March) on 31 January with the prior agreement of the employee.", []),
    ("Illustration 2:\n\nThe employer launched the scheme on 8 January.", []),
    # negatives: a paragraph after another, or after a line that names no example
    ("Example 31 :\n\nAn employer pays commission.\n\nThe scheme was launched on 31 January.",
     [("2023-01-31", "2023-01-31")]),
    ("Records :\n\nThe scheme was launched on 31 January.", [("2023-01-31", "2023-01-31")]),
])
def test_rule_changes_named_dates_and_worked_examples(text: str, expected: list[tuple[str, str]]) -> None:
    assert events_in(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the end of a year named relative to the edition is its last day (a speech of 24 February 2021)
    ("44.The \"iAM Smart\", a one-stop personalised digital service platform, was launched at the end of last year.",
     [("2020-12-31", "2020-12-31")]),
    ("The scheme will be launched at the end of this year.", [("2021-12-31", "2021-12-31")]),
    ("The scheme was launched last year.", [("2020-01-01", "2020-12-31")]),  # negative: the whole year
    ("Exports grew 3 per cent at the end of last year.", []),  # negative: a figure's period
    # the first year of a span of years an amount is spent over is no happening
    ("42.I will allocate a total of $375 million to the Hong Kong Trade Development Council (TDC) in three years "
     "starting from 2021- 22 for developing virtual platforms.", []),
    ("The allowance is paid starting from 2021-22.", [("2021-04-01", "2022-03-31")]),  # negative: a start
])
def test_ends_of_relative_years_and_spans_of_years(text: str, expected: list[tuple[str, str]]) -> None:
    assert events_dated_by_caller(text, "2021-02-24") == expected
