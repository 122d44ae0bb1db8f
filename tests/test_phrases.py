"""Table-driven tests of the noun-phrase chunker (factsheet/phrases.py) and the labels it gives figures.

Each row reads alone: a sentence, the figure in it, and the phrase a reader would write for what it measures.
"""

from __future__ import annotations

import re

import pytest

from factsheet.extract import extract_statement
from factsheet.model import Document
from factsheet.phrases import lexicon, measured, noun_phrases, sized_object, spell_out, spelled_out, tokens
from factsheet.read import structure

# (sentence, word, its part of speech there)
TAGS = [
    ("The IP achieved a rate of return of 9.7%.", "return", "NN"),  # after a preposition: a noun
    ("The IP achieved a rate of return of 9.7%.", "achieved", "VED"),
    ("The BP returns 2% a year.", "returns", "VB"),  # after its subject, before a figure: a verb
    ("The revised estimate of $5 billion.", "revised", "JJ"),  # a participle before its noun
    ("The annual subsidy amount to schools.", "amount", "NN"),  # a singular noun would say 'amounts'
    ("The figures amount to $5 billion.", "amount", "VB"),
    ("Gains on other equities rose.", "Gains", "NN"),
    ("The overall investment return was 2%.", "overall", "JJ"),
    ("This is the Exchange Fund.", "Fund", "NNP"),
    ("The waste recycling rate was 32%.", "recycling", "NN"),
    ("• Set aside $10 billion.", "Set", "VB"),  # a bullet opening with its verb
]


@pytest.mark.parametrize(("sentence", "word", "tag"), TAGS)
def test_a_word_is_tagged_by_its_lists_and_neighbours(sentence: str, word: str, tag: str) -> None:
    found = {t.text: t.tag for t in tokens(sentence)}
    assert found[word] == tag


# (sentence, its noun phrases in order)
PHRASES = [
    ("The Hong Kong Science and Technology Parks Corporation opened.",
     ["Hong Kong Science and Technology Parks Corporation"]),
    ("Merchandise exports to the US shrank.", ["Merchandise exports", "US"]),
    ("It promotes development of life and health technology.", ["development", "life and health technology"]),
    ("The food and beverage services sector grew.", ["food and beverage services sector"]),
]


@pytest.mark.parametrize(("sentence", "expected"), PHRASES)
def test_noun_phrases_keep_every_word_of_a_name(sentence: str, expected: list[str]) -> None:
    assert noun_phrases(sentence) == expected


# (sentence, the figure as written, what it measures); a figure written twice is marked by its context
MEASURED = [
    # two figures of one sentence never share a label
    ("The returns of the IP and the BP were -8.6% and -0.4% respectively.", "-8.6%", "IP: return"),
    ("The returns of the IP and the BP were -8.6% and -0.4% respectively.", "-0.4%", "BP: return"),
    ("Investment income and expenses were $5 billion and $2 billion respectively.", "$2 billion", "Expenses"),
    ("For example, the Argentine peso and Turkish lira depreciated by around 50% and 25% respectively.", "around 50%",
     "Argentine peso: depreciation"),
    ("For example, the Argentine peso and Turkish lira depreciated by around 50% and 25% respectively.", "25%",
     "Turkish lira: depreciation"),
    ("The euro and the renminbi gained 9.0% and 6.5% respectively against the US dollar.", "6.5%",
     "Renminbi: gain against the US dollar"),
    ("The IP achieved a rate of return of 9.7%, while the BP gained 2.5%.", "9.7%", "IP: rate of return"),
    ("The IP achieved a rate of return of 9.7%, while the BP gained 2.5%.", "2.5%", "BP: gain"),
    ("The S&P 500 Index fell by 19.4%, while the Hang Seng Index dropped by 15.5%.", "15.5%", "Hang Seng Index: fall"),
    ("The S&P 500 Index in the US fell by 19.4%.", "19.4%", "S&P 500 Index in the US: fall"),
    # "X of F": the thing, and whose it is when the head only says how it is measured
    ("The Exchange Fund recorded an investment income of HK$200 billion.", "HK$200 billion",
     "Exchange Fund: investment income"),
    ("The spokesman said that the revised deficit of $11.4 billion was lower.", "$11.4 billion", "Revised deficit"),
    ("Payment Connect was launched, with a single transaction limit of RMB 10,000.", "limit of RMB 10,000",
     "Single transaction limit"),
    ("The unemployment rate averaged at a low level of 3.3 per cent.", "3.3 per cent",
     "Unemployment rate: low level"),
    ("The underlying inflation rate, at four per cent, was lower.", "four per cent", "Underlying inflation rate"),
    ("The Fund had losses of HK$61.0 billion from foreign equities.", "HK$61.0 billion",
     "Fund: losses from foreign equities"),
    ("There was a fall of 10.4 per cent in exports of services.", "10.4 per cent",
     "Fall in exports of services"),
    ("The Exchange Fund had total assets of HK$4,017.9 billion.", "HK$4,017.9 billion", "Exchange Fund: total assets"),
    # "X verb F": the subject, and the change its verb names
    ("The overall investment return of the Exchange Fund (excluding the Strategic Portfolio) was 2%.", "2%",
     "Overall investment return of the Exchange Fund"),
    ("Merchandise exports to the US shrank by four per cent.", "four per cent", "Merchandise exports to the US: fall"),
    ("The assets under management of its wealth management business amounted to HK$31 trillion.",
     "HK$31 trillion", "Assets under management of its wealth management business"),
    ("The pound was volatile, eventually gaining 4.0% against the US dollar.", "4.0%",
     "Pound: gain against the US dollar"),
    ("The renminbi depreciated by 1.4% against the US dollar.", "1.4%", "Renminbi: depreciation against the US dollar"),
    ("The euro and renminbi fell by around 5% against the US dollar.", "fell by around 5%",
     "Renminbi: fall against the US dollar"),  # the verb read into the figure is a word of the sentence
    ("Major stock markets posted double-digit falls.", "double", ""),  # no verb: 'double-digit'
    ("After declining by 3.8%, the renminbi recovered.", "3.8%", "Renminbi: decline"),
    ("The food and beverage services sector even rose sharply to 6.1 per cent.", "6.1 per cent",
     "Food and beverage services sector"),
    ("The proposal will reduce government revenue by $3.2 billion.", "$3.2 billion", "Government revenue: reduction"),
    ("Cyberport injected an additional $200 million into the CMF.", "$200 million",
     "Cyberport: injection into the CMF"),
    ("The Hong Kong Science and Technology Parks Corporation (HKSTPC) has invested over $277 million in 22 "
     "technology start-ups through its Corporate Venture Fund.", "over $277 million",
     "HKSTPC: investment in 22 technology start-ups through its Corporate Venture Fund"),
    ("CMF has invested $168 million in 21 companies, attracting over $1.466 billion private investment.",
     "over $1.466 billion", "CMF: private investment attracted"),
    ("ITVF has invested $200 million in 26 start-ups, attracting about $1.67 billion in private investment.",
     "about $1.67 billion", "ITVF: private investment attracted"),
    ("The 2022-23 Budget earmarked $600 million to conduct a comprehensive e-government audit.", "$600 million",
     "Budget: funding earmarked to conduct a comprehensive e-government audit"),
    ("The Government issued about HK$25 billion of green bonds.", "about HK$25 billion", "Government: green bonds"),
    ("The Scheme doubles the annual subsidy amount to $16 million to each university.", "$16 million",
     "Scheme: annual subsidy amount"),
    ("Dragged by headwinds, the economy entered recession and contracted by 1.2 per cent for the year.",
     "1.2 per cent", "Economy: contraction"),  # the subject of the first verb; 'for the year' is a period
    ("Private consumption weakened, resulting in a decline of 1.1 per cent.", "1.1 per cent",
     "Private consumption: decline"),
    ("The Government has invested in excess of HK$200 billion in I&T.", "in excess of HK$200 billion",
     "Government: investment in I&T"),  # a qualifier ending in 'of' is no head
    # the later figures of a list measure what the first does, each with its own target
    ("The average return was 0.9% over the past three years, 2.0% over the past five years and 4.8% since 1994.",
     "2.0%", "Average return"),
    ("The Budget set aside HK$6 billion for the Innovation Fund, and HK$10 billion for the New Industrialisation "
     "Acceleration Scheme.", "HK$10 billion", "Budget: set aside for the New Industrialisation Acceleration Scheme"),
    # a figure in brackets measures the noun phrase before them
    ("Revenue was higher, mainly from land premium (HK$10.2 billion higher) and stamp duties.", "HK$10.2 billion",
     "Land premium: higher"),
    ("Revenue was higher, mainly from earnings and profits tax (HK$1 billion higher).", "HK$1 billion",
     "Earnings and profits tax: higher"),
    # owners named after 'respectively'
    ("HK$61 billion and HK$11.9 billion of the variance were attributed respectively to land premium and stamp "
     "duties.", "HK$11.9 billion", "Stamp duties"),
    ("The surplus was higher than the revised estimate of HK$58.7 billion.", "HK$58.7 billion", "Revised estimate"),
    ("This comprised gains of HK$28.6 billion on overseas equities, HK$33.1 billion on bonds, and HK$16.9 billion "
     "on other investments.", "HK$33.1 billion", "Gains on bonds"),
    # a verb that is itself the figure, an amount followed by its noun, an owner found further back
    ("The Scheme doubles the annual subsidy amount to $16 million.", "doubles",
     "Scheme: increase in annual subsidy amount"),
    ("A new round of the Scheme will be launched with $10 million funding.", "$10 million",
     "New round of the Scheme: funding"),
    ("The increased subsidy will be provided to start-ups on a matching basis of one to one.", "one to one",
     "Increased subsidy: matching basis"),
    ("The HKMA keeps the market exchange rate within a band of HK$7.75 to HK$7.85 per US dollar.", "HK$7.75",
     "Market exchange rate: band"),
    ("The Green Bond Programme, with a borrowing ceiling of HK$200 billion, has issued bonds.", "HK$200 billion",
     "Green Bond Programme: borrowing ceiling"),
    ("The Scheme supports enterprises on a matching basis, with funding of up to $200 million per project.",
     "up to $200 million", ""),  # a 'with' phrase that closes the sentence is no apposition
    ("Universities and research institutions have been granted more than RMB 600 million of Mainland science and "
     "technology funding.", "more than RMB 600 million",
     "Universities and research institutions: Mainland science and technology funding"),
    ("Hong Kong universities and research institutions have been granted more than RMB 600 million of Mainland "
     "science and technology funding.", "more than RMB 600 million",
     "Mainland science and technology funding"),  # too long with its owner: what is measured stays whole
    # a range: its start stands where the figure would ("growth of one to F", "raised from A to F")
    ("I forecast GDP growth of one to three per cent in real terms.", "three per cent", "GDP growth"),
    ("The duty-free allowance for Mainland residents returning from Hong Kong was raised from RMB 5,000 to RMB "
     "12,000 per person.", "RMB 12,000",
     "Duty-free allowance for Mainland residents returning from Hong Kong"),
    ("We will raise the rate of Stamp Duty on Stock Transfers, from the current 0.1 per cent to 0.13 per cent.",
     "0.13 per cent", "Rate of Stamp Duty on Stock Transfers"),
    ("We will raise the rate of Stamp Duty on Stock Transfers, from the current 0.1 per cent to 0.13 per cent.",
     "0.1 per cent", "Rate of Stamp Duty on Stock Transfers"),
    ("With an allocation of $100 million to the project, the platform will roll out services.", "$100 million",
     "Platform: allocation to the project"),
    # a list item's ceiling is its opening verb's object's
    ("(b)reducing profits tax for the year of assessment 2019/20 by 100 per cent, subject to a ceiling of $20,000.",
     "$20,000", "Profits tax: ceiling"),
    ("(g)waiving 75 per cent of water and sewage charges payable by households, subject to a monthly cap of $20,000 "
     "and $12,500 respectively per household.", "$20,000", "Water: monthly cap"),
    ("(g)waiving 75 per cent of water and sewage charges payable by households, subject to a monthly cap of $20,000 "
     "and $12,500 respectively per household.", "$12,500", "Sewage charges: monthly cap"),
    ("(c)waiving rates for shops, subject to a ceiling of $5,000 per quarter in the first two quarters and $1,500 "
     "per quarter in the remaining two quarters.", "$1,500 per quarter", "Rates: ceiling"),
    # an amount with no subject of its own is funding, for what its verb and purpose say
    ("$100 million has been allocated to develop an integrated digital platform for data integration.",
     "$100 million", "Funding allocated to develop an integrated digital platform for data integration"),
    ("• Set aside $10 billion to further promote development of life and health technology and set up a hub.",
     "$10 billion", "Funding set aside to further promote development of life and health technology"),
    # no shape read here: the caller keeps its own label
    ("The Government issued about HK$25 billion.", "about HK$25 billion", ""),
    ("The above initiatives will cost a total of $18.3 billion.", "$18.3 billion", ""),
    ("There was a balance of $444.2 billion.", "$444.2 billion", ""),
]


# (sentence, a duration, what it measures): only a thing it possesses is read
DURATIONS = [
    ("The contractors are liable for the first two months' unpaid wages of an employee.", "the first two months'",
     "Unpaid wages of an employee"),
    ("The contractors are liable for the first two months’ unpaid wages.", "two months", "Unpaid wages"),
    ("The offender is liable to a fine and two years' imprisonment.", "two years", "Imprisonment"),
    ("Wages are paid within 30 days after the notice.", "within 30 days", ""),
    # a passive clause's time limit times its subject: also the far end of a range the limit opens
    ("Free flow tolling system (FFTS) will also be implemented by phases at 11 other tunnels within two to three years "
     "after the opening.", "within two", "Free flow tolling system (FFTS) implemented"),
    ("Free flow tolling system (FFTS) will also be implemented by phases at 11 other tunnels within two to three years "
     "after the opening.", "three years", "Free flow tolling system (FFTS) implemented"),
    ("The new rules will be introduced in 18 districts within 12 months.", "within 12 months", "New rules introduced"),
    # a time noun of the clause set to or from the duration: its length
    ("such that the OP processing time can be shortened to 10 working days; and", "10 working days",
     "OP processing time"),
    ("Relax the alienation restriction period of new flats offered for sale from 15 years to 10 years.", "15 years",
     "alienation restriction period"),
    ("Relax the alienation restriction period of new flats offered for sale from 15 years to 10 years.", "10 years",
     "alienation restriction period"),
    # negatives: a task's deadline; a time noun the duration is not set to
    ("Complete the review of the waiting time within 4 years.", "within 4 years", ""),
    ("The waiting time was long for 3 years.", "3 years", ""),
    ("The scheme will be implemented in two to three years.", "three years", ""),  # no time limit opens the range
    ("An employer is required to pay interest if he fails to pay wages within seven days after the termination.",
     "within seven days", ""),  # the passive verb is not the act timed: the caller reads the clause
    ("The new and improved public rental housing flats in the eastern part of the Kowloon district will be completed "
     "within 5 years.", "within 5 years", ""),  # a subject longer than a name: the caller reads the clause
]


# (sentence, a count of places, the task's object that names what it sizes)
SIZED = [
    ("Launch the “Degenerative Knee Joint Management Programme” on a pilot basis in two hospital clusters in Q1 2026",
     "two hospital clusters", "Degenerative Knee Joint Management Programme"),
    ("by expanding the HA’s “knee osteoarthritis” programme to seven hospital clusters in 2025-26, and commence the "
     "“palliative care” pilot programme on a trial basis in two public hospitals.", "two public hospitals",
     "“palliative care” pilot programme"),
    ("by expanding the HA’s “knee osteoarthritis” programme to seven hospital clusters in 2025-26",
     "seven hospital clusters", "HA’s “knee osteoarthritis” programme"),
    ("Expand the Healthy Mind Pilot Project by phases to cover six more DHCs starting from 2026", "six more DHCs",
     "Healthy Mind Pilot Project"),
    ("Finalise the work plans for creating the thematic floral gardens in 18 districts in Q4 2025", "18 districts",
     "thematic floral gardens"),
    # negatives: no task done in the places; a place after a past verb's object; no place preposition
    ("There are 18 districts in Hong Kong.", "18 districts", ""),
    ("Hong Kong has 200 schools in 18 districts.", "18 districts", ""),
    ("The Fund invested in 30 start-ups.", "30 start-ups", ""),
    ("Provide at least 50 training opportunities.", "50 training opportunities", ""),
    ("The funding buys buses, increasing the fleet size of Rehabus to 135.", "135", ""),  # a level, no places
]


@pytest.mark.parametrize(("sentence", "figure", "expected"), SIZED)
def test_a_count_of_places_is_named_by_the_task_done_there(sentence: str, figure: str, expected: str) -> None:
    start = sentence.index(figure)
    assert sized_object(sentence, start, start + len(figure)) == expected


@pytest.mark.parametrize(("sentence", "figure", "expected"), DURATIONS)
def test_a_duration_measures_what_it_possesses(sentence: str, figure: str, expected: str) -> None:
    start = sentence.index(figure)
    assert measured(sentence, start, start + len(figure), owned_only=True) == expected


@pytest.mark.parametrize(("sentence", "figure", "expected"), MEASURED, ids=[f"{r[1]}:{r[2][:30]}" for r in MEASURED])
def test_a_figure_is_labelled_by_what_it_measures(sentence: str, figure: str, expected: str) -> None:
    start = sentence.index(figure)
    assert measured(sentence, start, start + len(figure)) == expected


BARE_START = re.compile(r"(?:of|in|on|at|by|for|to|with|from|into|is|was|were|are|has|have|had|amounted|"
                        r"rose|fell|grew|stood|reached|injected|invested|allocated|set)\b", re.I)
# words a label may add: what a verb measures ('fall', 'increase in')
NAMED = {"funding", "in", *lexicon()["measure"]["change"].values(), *lexicon()["measure"]["figure_verbs"].values()}


@pytest.mark.parametrize(("sentence", "figure", "expected"), [r for r in MEASURED if r[2]])
def test_a_label_never_opens_with_a_bare_verb_or_preposition_and_adds_no_word(
        sentence: str, figure: str, expected: str) -> None:
    start = sentence.index(figure)
    label = measured(sentence, start, start + len(figure))
    assert not BARE_START.match(label)
    added = set(re.findall(r"[\w’'&-]+", label.lower())) - set(re.findall(r"[\w’'&-]+", sentence.lower()))
    assert added <= NAMED


def test_an_acronym_owner_is_spelled_out_from_its_definition_in_the_document() -> None:
    names = spelled_out(["The Exchange Fund has the Backing Portfolio (BP) and the Investment Portfolio (IP).",
                         "The Hong Kong Science and Technology Parks Corporation (HKSTPC) invests."])
    assert names["IP"] == "Investment Portfolio"
    assert spell_out("IP: return", names) == "Investment Portfolio (IP): return"
    assert spell_out("Bp: gain", names) == "Backing Portfolio (BP): gain"  # as some reports write it
    # too long to read as a label once spelled out: the acronym stays
    long_one = "HKSTPC: investment in technology start-ups"
    assert spell_out(long_one, names) == long_one
    assert spell_out("Revenue: rise", names) == "Revenue: rise"


# (sentence, the figures in order, their labels): two figures of one sentence never share a label
DISTINCT = [
    ("The average return was 1.2% over the past three years, 1.8% over the past five years and 5.0% since 1994.",
     ["Average return over the past three years", "Average return over the past five years",
      "Average return since 1994"]),
    ("The returns of the IP and the BP were -8.6% and -0.4% respectively.", ["IP: return", "BP: return"]),
]


@pytest.mark.parametrize(("sentence", "labels"), DISTINCT)
def test_figures_of_one_sentence_have_labels_of_their_own(sentence: str, labels: list[str]) -> None:
    doc = Document.from_text(f"Heading\n\n• {sentence}\n")
    mentions = [m for s in structure(doc).statements for m in extract_statement(s)[0]]
    assert [m.label for m in mentions if m.kind == "percent"] == labels
