"""Extract step: events, the dated happenings of a statement, by a grammar whose words are data (events.toml).

A date phrase is an event when a verb of happening governs it ("launched in 2001", "took effect on 1 June
2023"), or when its clause names a happening ("the Brexit referendum in June", "since its inception in 2009")
and no figure of that clause takes the date as its period. A date that frames a statistic, a target
("by 2027") or a status ("as at end-2023") is none. Phrases that name no year ("in June", "last year",
"today (April 28)") are events too; they carry a period with the edition's year left open, which
`resolved` fills from the year the document reports on, or drops when the document states none.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from factsheet.grammar import alternation, tables
from factsheet.labels import _context_label, _shorten, _tidy, _topic, _uncap
from factsheet.mentions import EventMention, FigureMention
from factsheet.model import Statement, Structure
from factsheet.periods import _Date, _n_years_since
from factsheet.phrases import _closed, base_form, lexicon
from factsheet.spans import LOOKBACK, Spans, _clause, _compiled, _sentence_of, _sentences, _starts_at

GRAMMAR = Path(__file__).with_name("grammar") / "events.toml"
WORD_RULE = "event-dated-word"
PLAN_RULE = "event-planned"  # event-dated-word whose clause is a plan (a task, or a verb after "will" or "to")
CUTOFF_RULE = "event-cutoff"
CUTOFF_END_RULE = "event-cutoff-end"
SIBLING = re.compile(r"\s*(?:,\s*)?(?:and|or|,)\s*(?:(?:in|on)\s+)?")  # between two dates of one verb
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")


@cache
def grammar() -> dict[str, Any]:
    """The event tables of events.toml, parsed once per process."""
    with GRAMMAR.open("rb") as f:
        return tomllib.load(f)


def _words(table: str) -> list[str]:
    return list(grammar()[table]["words"])


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The event regexes, compiled once from events.toml (and the month names of words.toml)."""
    g = grammar()
    full_months = alternation(m for m in tables()["months"] if len(m) > 3)
    relative = alternation(g["relative_dates"])
    parts = g["year_parts"]
    trend = rf"(?:{alternation(_words('trend_verbs'))})(?!\s+to\s+(?:{alternation(_words('trend_states'))})\b)"
    verbs = [w for w in _words("event_verbs") if w not in _words("trend_verbs")]
    return {
        "event_verb": re.compile(rf"\b(?:{trend}|{alternation(verbs)})\b", re.I),
        "verb_before": re.compile(rf"\b(?:{trend}|{alternation(verbs + _words('dating_verbs'))})\s+$", re.I),
        "statistic": re.compile(rf"\b(?:{alternation(_words('statistic_markers'))})\b", re.I),
        "statistic_verb": re.compile(rf"\b(?:{alternation(_words('statistic_verbs'))})\b", re.I),
        "event_word": re.compile(rf"\b(?:{trend}|{alternation(verbs + _words('movement_verbs'))}|"
                                 rf"(?:{alternation(_words('event_nouns'))})s?)\b", re.I),  # "corrections" too
        "old_year": re.compile(
            rf"\b(?:{alternation(_words('old_year_intros'))})\s+(?P<year>1[5-8]\d\d)(?![\d%s]|\.\d|,\d)", re.I),
        # "It was not until mid-February that ...": a happening's date after all
        "not_event": re.compile(rf"(?<!\bnot\s)\b(?:{alternation(_words('not_event_markers'))})\s+$", re.I),
        # "will last until", "extending this incentive scheme until the end of": a happening's end
        "ending": re.compile(rf"\b(?:{alternation(_words('ending_verbs'))})\b[^.;:\d]{{0,60}}\s$", re.I),
        "until": re.compile(r"(?<!\bnot\s)\b(?:until|till)\s+(?:the\s+)?(?:end\s+of\s+)?$|(?<!\bnot\s)(?:until|till)\s",
                            re.I),
        "begins_from": re.compile(rf"\b(?:{alternation(_words('begins_from'))})\s+$", re.I),
        # "born on or after", "conducted before": a day a rule changed on (grammar [cutoffs])
        "cutoff": re.compile(rf"(?:\b(?:{alternation(g['cutoffs']['always'])})|(?:\b[a-z]{{2,}}ed|\b(?:"
                             rf"{alternation(g['cutoffs']['verbs'])}))\s+(?:{alternation(g['cutoffs']['before'])}))\s+$",
                             re.I),
        # "on or after 27 February 2015 but before 18 January 2019": the day a span of a rule ends
        "cutoff_end": re.compile(rf"\b(?:{alternation(g['cutoffs']['always'])})\s+[^.;]{{3,40}}?\s+(?:"
                                 rf"{alternation(g['cutoffs']['closing'])})\s+(?:{alternation(g['cutoffs']['before'])})"
                                 r"\s+$", re.I),
        # "must be submitted before 30 June": a deadline, a target
        "deadline": re.compile(rf"\b(?:{alternation(g['cutoffs']['modals'])})\s+(?:be\s+|have\s+been\s+)?[a-z]+\s+"
                               rf"(?:{alternation(g['cutoffs']['before'])})\s+$", re.I),
        "event_field": re.compile(rf"\b(?:{alternation(_words('event_fields'))})\b", re.I),
        # "before 1 May 2025 (i.e. the effective date of ...)": a date named as a happening's
        "named_date": re.compile(r"\s*\(\s*i\.\s?e\.,?\s+the\s+(?:[\w-]+\s+){0,2}date\b", re.I),
        # "made on or after its effective date (i.e. 29 October 2010)": a date restating a happening's date
        "restated_date": re.compile(rf"\b(?:{alternation(_words('event_nouns') + ['effective'])})\s+dates?\s*"
                                    r"\(\s*i\.\s?e\.,?\s*$", re.I),
        # "First Instalment, Date: 17 November 2021": when a sum is due, a deadline
        "deadline_label": re.compile(rf"\b(?:{alternation(_words('deadline_labels'))})\b[^.;\d]{{0,40}}:\s*$", re.I),
        # "before the commencement date of SMW (i.e. 1 May 2011)": the same, the name before the date
        # (not "the date by which the sum is payable (i.e. 15 November 2021)": a deadline a clause describes)
        "date_named": re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}date(?:\s+of\s+[^.;()]{1,40}?)?\s*\(\s*i\.\s?e\.,?\s*$",
                                 re.I),
        # "expected date of next election: president: March 2028": a date given under a label saying so
        "labelled_date": re.compile(rf"\b(?:{alternation(_words('event_fields'))})\b[^.;:\d]{{0,40}}:\s*"
                                    r"(?:[a-z][\w ]{0,30}:\s*)?$", re.I),
        # "2017: Carrie LAM elected; ...": a year keying what happened in it
        "keyed": re.compile(r"\s*:\s*([^.;:]{1,200})"),
        "opening_intro": re.compile(rf"[\W\d]*(?:{alternation(_words('intros'))})\s+(?:the\s+)?", re.I),
        # "in around 2030", "by the end of 2025"
        "intro": re.compile(rf"\b({alternation(_words('intros'))})\s+(?:around\s+|about\s+)?(?:the\s+)?"
                            r"(?:end\s+of\s+)?$", re.I),
        "until_done": re.compile(rf"\b(?:{alternation(_words('until_done'))})\w*", re.I),
        # "will be enhanced by", "is to be piloted by": a plan done by its deadline
        "passive_plan": re.compile(rf"\b(?:{alternation(g['clause_verbs']['auxiliaries'])})\s+be\s+(?:[a-z]+ly\s+)?"
                                   r"[a-z]+(?:ed|en|wn|t)\s+$", re.I),
        # "for installing traffic devices ... by 2021-22", "with a target of installing": a plan's purpose, a gerund
        "plan_purpose": re.compile(r"\bfor\s+(?!during\b|morning\b|evening\b)[a-z]{3,}ing\b", re.I),
        "plan_gerund": re.compile(rf"\b(?:{alternation(_words('plan_nouns'))})s?\s+(?:of|to)\s+"
                                  r"(?!during\b|morning\b|evening\b)[a-z]{3,}ing\b", re.I),
        # "will have FFTS in place", "will be in operation": a plan whose verb states what will be ready
        "plan_state": re.compile(rf"\b(?:{alternation(g['clause_verbs']['auxiliaries'])})\s+(?:[a-z]+ly\s+)?"
                                 rf"(?:have|be)\b[^.;:]{{0,60}}?\b(?:{alternation(_words('plan_states'))})\b", re.I),
        # "We concluded the negotiation with Mexico and initialled the draft text": a second past predicate
        "coordinated": re.compile(r"(?<!\s)\s+(?:and|but)\s+$"),
        # "to receive its first liner, Mariner of the Seas with a capacity of 3 840 passengers, on 12 June": a 'with'
        # phrase set off before the date describes a noun; its figures are no quantity of the dated happening
        "with_aside": re.compile(r",[^,;()\d]{1,80}\bwith\s[^,;()]{1,80},\s*$"),
        # "in June", "in mid-February", "in October last year": a month the edition's year holds
        "month": re.compile(
            rf"\b(?P<intro>in|since|from|during|by|on|at|until|till)\s+(?:the\s+(?P<edge>end|beginning|start)\s+of\s+)?"
            rf"(?:(?P<part>early|mid|late)[-\s]+|(?P<day>\d{{1,2}})\s+)?(?P<month>{full_months})\b"
            rf"(?:\s+(?P<which>this|last|next)\s+year)?(?!\s*,?\s*(?:\d|of\b))"
            rf"|\b(?P<part2>early|mid|late)-(?P<month2>{full_months})\b(?!\s*,?\s*\d)"
            rf"|\b(?P<which3>this|last|next)\s+(?P<month3>{full_months})\b(?!\s*,?\s*\d)", re.I),
        "relative": re.compile(rf"\b(?:{relative})\b(?!\s+of\b|\s*,?\s*\d|['’]s)", re.I),
        "year_part": re.compile(
            rf"\b(?P<intro>{alternation(parts['intros'])})\s+the\s+(?P<part>{alternation(parts['parts'])})"
            rf"(?:\s+(?P<which>{alternation(parts['this'] + parts['last'] + parts['next'] + parts['anaphoric'])}))?"
            r"\b(?!\s+of\b|\s*,?\s*\d|['’]s)", re.I),
        # "in 2019", "the first half of 2019": a year a paragraph frames, which a later "the third quarter" means
        "framing_year": re.compile(r"\b(?:in|of|for|during)\s+(?P<year>(?:19|20)\d\d)\b(?![-/–]\d)", re.I),
        # "Revised Estimates for 2015-16", "Economic Situation in 2019": a heading framing its section's year
        "framing_period": re.compile(r"\b(?:in|of|for|during)\s+(?P<year>(?:19|20)\d\d(?:[-/–]\d\d)?)\b(?![-/–]\d)",
                                     re.I),
        # "40 years ago", "a decade ago": a year counted back from the edition's
        "ago": re.compile(rf"\b(?P<n>\d{{1,3}}|{alternation(_ago_counts())})\s+(?P<unit>years?|decades?)\s+ago\b",
                          re.I),
        # "last Friday", "yesterday": a day counted back from the edition's own day
        "day_before": re.compile(rf"\b(?:last\s+(?P<weekday>{alternation(g['days_before']['weekdays'])})|"
                                 rf"(?P<days>{alternation(g['days_before']['words'])}))\b(?!\s*,?\s*\d|['’]s)", re.I),
        # "today (April 28)": a press release's own day
        "today": re.compile(rf"\btoday\s*\((?P<month>{full_months})\s+(?P<day>\d{{1,2}})\)", re.I),
        # "the first three quarters of 2019"
        "quarters": re.compile(
            r"\b(?:in\s+)?the\s+first\s+(?P<n>two|three)\s+quarters\s+of\s+(?P<year>(?:19|20)\d\d)\b", re.I),
        # "particularly towards the end of 2021": the last months of a year, not its last day
        "late": re.compile(r"\b(?:near|towards?)\s+the\s+end\s+of\s+(?P<year>(?:19|20)\d\d)\b(?![-/–]\d)", re.I),
        # "1 October (1949)": a day of the year named with the year it began
        "anniversary": re.compile(
            rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{full_months})\s+\((?P<year>(?:19|20)\d\d)\)", re.I),
        # "the 2021 LegCo election": a year naming a happening
        "named": re.compile(rf"\s+(?:[A-Z][\w-]*\s+){{0,3}}(?:{alternation(_words('event_nouns'))})\b", re.I),
        "named_happening": re.compile(rf"\s+(?:[\w-]+\s+){{0,3}}?(?:{alternation(_words('happening_nouns'))})\b", re.I),
        # "will invite", "to be launched", "is to establish": a verb after an auxiliary (adverbs between)
        "auxiliary": re.compile(rf"\b(?:{alternation(g['clause_verbs']['auxiliaries'])})\s+"
                                r"(?:(?:[a-z]+ly|also|then|further|have|not)\s+)*"
                                r"(?:(?:be|been|being)\s+(?:[a-z]+ly\s+)?(?=[a-z]+(?:ed|en|wn|t)\b))?(?P<verb>[a-z][a-z-]+)\b"),
        # "was beset with", "were made ready": a passive tells a happening
        "passive": re.compile(r"\b(?:was|were|is|are|been)\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+(?:ed|en|wn|set|made|put|"
                              r"held|built|sent|brought|taken))\b"),
        # "Release the framework", "and organise the first event", "Set up a platform": a task's verb
        "imperative": re.compile(r"[\W\d]*(?:(?:and|or|then)\s+)?(?:[A-Za-z]+ly\s+)?(?P<verb>[A-Za-z][a-z-]+)\s+"
                                 rf"(?:{alternation(g['clause_verbs']['followers'])})(?=[\s“\"]|[A-Za-z])"),
        "word": re.compile(r"[A-Za-z][a-z-]+"),
        "example_heading": re.compile(rf"\W*(?:{alternation(_words('example_headings'))})\s+\d{{1,3}}[a-z]?\s*[:.]?\s*",
                                      re.I),
        # "While preparing the Budget in February", "After examining the proposals": a participle after a subordinator
        "subordinate": re.compile(r"\b(?:while|when|after|before|upon|since)\s+(?P<verb>[a-z]{3,}ing)\b", re.I),
        # "The DEVB submitted refined proposals", "The EDB therefore halted": a past tense after a named subject
        "finite_past": re.compile(r"\b[A-Z][\w&-]*\s+(?:(?:[a-z]+ly|therefore|also|then|further)\s+)?[a-z]{3,}ed\s+"
                                  r"(?!by\b|in\b|on\b|at\b|to\b)"),
        # "covering the period of his employment from 1 May 2024 to 30 April 2025": a span a noun names
        "period_of": re.compile(r"\bperiods?\b[^.;,\d]{0,40}$", re.I),
        # "to conduct trials": a purpose's verb, whose dates are its own, not those of the amount set aside for it
        # "5 000 per annum in", "$475 million a year by": a rate's level at the date, no happening
        "rate_level": re.compile(r"\d\s+(?:per\s+(?:annum|year|month|week|day)|a\s+(?:year|month|week|day))\s+"
                                 r"(?:(?:in|by)\s+(?:the\s+)?)?$"),
        "purpose": re.compile(r"\bto\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\b"),
        # ", I asked departments to review ...", ", the Group suggested a Fund, comprising ...": a sentence's past
        # verb (no statistic's), then its infinitive or participle
        "complement": re.compile(r",\s+[^,;.\d$]{1,60}?\b(?P<verb>[a-z]{3,}ed)\b[^,;.\d$]{0,80}?(?P<rest>"
                                 r"\bto\s+(?:[a-z]+ly\s+)?(?P<inf>[a-z]+)\b|,\s*(?P<ing>[a-z]+ing)\b)"),
        "contrast": re.compile(r"\s(?:but|yet|whereas)\s"),
        "and_verb": re.compile(r"\s(?:and|but)\s+(?:also\s+)?(?P<verb>[a-z]+)\b"),
        "relative_pronoun": re.compile(rf"\s(?:{alternation(_words('relative_pronouns'))})\s"),
        # "terminated the employment on 17 September 2021 by initially agreeing to pay ... $14,500", "at a hearing
        # on 3 November 2021 and the employer agrees to pay ...": a means or a clause of its own subject, whose
        # figures are not the dated predicate's
        "new_predicate": re.compile(r"\sby\s+(?:[a-z]+ly\s+)?[a-z]{3,}ing\s|\s(?:and|but)\s+(?:the|his|her|its|their)"
                                    r"\s+[a-z]+\s+(?:[a-z]+ly\s+)?[a-z]+s\s+(?:to|the|a|an|that)\s"),
        "compared_since": re.compile(r"\b(?:[a-z]+est|first|most|least)\b[^.;,\d]{0,40}\bsince\s+$", re.I),
        # "a record high since the first release of quarterly supply statistics in September 2004": the base of a
        # comparison names a happening only to say since when
        "since": re.compile(r"\bsince\b", re.I),
        "compared_since_in": re.compile(r"\b(?:[a-z]+est|first|most|least|record)\b[^.;,\d]{0,40}\bsince\s"
                                        r"[^.;,\d]{0,80}\bin\s+$", re.I),
        # "has been investing": an activity going on since its start
        "ongoing": re.compile(r"\b(?:has|have)\s+(?:[a-z]+ly\s+)?been\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]{3,}?)ing\b",
                              re.I),
        "perfect": re.compile(r"\b(?:has|have|had)\s+(?:[a-z]+ly\s+)?(?:been\s+)?(?:[a-z]+ly\s+)?[a-z]+(?:ed|en|t)\b",
                              re.I),
        "movement": re.compile(rf"(?:{alternation(_words('movement_verbs'))})", re.I),
        "statistic_subject": re.compile(rf"\b(?:{alternation(_words('statistic_subjects'))})\b", re.I),
        # a clause about a measure or a market: its dated moves are trends unless an event word names them
        "market": re.compile(rf"(?<![\w-])(?:{alternation(_words('market_words'))})(?![\w-])", re.I),
        "setting": re.compile(r"\b(?:from|into|with|for|to|in|on|at)\s+(?:the\s+)?$", re.I),
        # a task's first word, whatever follows it ("Provide 1 500 places"): read only when a figure follows
        "opening_verb": re.compile(r"[\W\d]*(?:(?:and|or|then)\s+)?(?:[A-Za-z]+ly\s+)?(?P<verb>[A-Za-z][a-z-]+)"),
        # between a verb and its object: a particle or a preposition ("set up", "explore with")
        "object": re.compile(r"(?:\s+(?:up|out|forward|with|to|for|on|in|into))?\s+"),
    }


@cache
def _ago_counts() -> dict[str, int]:
    """The counts a phrase of years ago may be written with: number words up to 100, and 'a' ('a decade ago')."""
    counts = {w: v for w, v in tables()["number_words"].items() if 1 <= v <= 100 and " " not in w}
    return {**counts, "a": 1, "an": 1}


def _years_ago(m: re.Match[str]) -> int:
    """How many years back a phrase of years ago reaches ('40 years ago': 40; 'two decades ago': 20)."""
    n = m["n"].lower()
    count = int(n) if n.isdigit() else _ago_counts()[n]
    return count * (10 if m["unit"].lower().startswith("decade") else 1)


CONTEXT = 3  # the statements before one that may frame the year of its "in the third quarter"
REACH = 64  # the words before a date that rules read ("within the period from", "since its launch in") fit


def _before(pattern: re.Pattern[str], text: str, at: int) -> re.Match[str] | None:
    """A `$`-anchored pattern matched against the REACH chars before `at` (not the LOOKBACK window a figure reads:
    the alternations of event words are long, and each position of the window tries them all)."""
    return pattern.search(text, max(0, at - REACH), at)


@cache
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


@dataclass(frozen=True)
class _Found:
    """A date phrase of a statement that may be an event: its span and the period it means."""

    start: int
    end: int
    period: str  # a period phrase period_of reads; '{year}' and kin stand for the edition's year
    relative: bool  # it names no year of its own
    since: bool = False  # "since its inception in 2009", "since 17 October 1983": when something began
    opening: bool = False  # it opens its sentence
    precise: bool = False  # it names a month or a day, not only a year
    named: bool = False  # it names itself a happening's date: '1 October (1949)', '(i.e. the effective date of'
    decade: bool = False  # 'the 1970's': only a verb of happening makes it a date
    day: bool = False  # it names a day ('18 January 2019')


def dated_events(statement: Statement, dates: list[_Date], sentences: Spans,
                 figures: Sequence[FigureMention] | None = None) -> list[EventMention]:
    """The events of a statement. Without `figures`, only dates a verb of happening governs (what the figure
    periods need to know); with them, also dates whose clause names a happening and holds no figure."""
    text = statement.text
    events = []
    dated_field = _dated_field(statement)
    candidates = _candidates(text, dates, sentences, figures)
    known = None if figures is None else _Figures.of(figures, sentences)
    spans = [(f.start, f.end) for f in candidates]
    previous: tuple[_Found, str] | None = None
    for found in candidates:  # an example's date is an event too ("Suppose an employee commenced employment on 5
        # July 2007"): the keys count a worked example's happenings, as a form's filled-in example row
        rule = _happening(text, found, dates, sentences, known, dated_field)
        if not rule and previous and previous[1] and SIBLING.fullmatch(text, previous[0].end, found.start):
            rule = previous[1]  # "completed in 2020 and 2022 respectively": one verb, two happenings
        if rule:
            events.append(_event(statement, found, sentences, rule, spans))
        previous = (found, rule)
    return events


def example_heading(text: str) -> bool:
    """Whether a statement only names a worked example ('Example 31 :', 'Illustration 2'): the paragraph after it
    tells a case, whose dates are no happenings."""
    return bool(_patterns()["example_heading"].fullmatch(text))


def _dated_field(statement: Statement) -> bool:
    """Whether the statement's structure dates a happening with every date it gives: a field whose name says so
    ('Most recent election date'), or a table's date cell or chronology row (Statement.dated)."""
    return statement.dated or bool(statement.field) and bool(_patterns()["event_field"].search(statement.field))


def event_starts(statement: Statement, dates: list[_Date], sentences: Spans) -> list[int]:
    """Where the events a verb of happening governs start, sorted: what the figures' periods need to know before
    any figure is read (no labels are made)."""
    text = statement.text
    dated_field = _dated_field(statement)
    return sorted({_start(text, f) for f in _candidates(text, dates, sentences, None)
                   if _happening(text, f, dates, sentences, None, dated_field)})


def _start(text: str, found: _Found) -> int:
    """An event's span starts at the word introducing its date ('in', 'as from'), if any."""
    m = None if found.relative else _before(_patterns()["intro"], text, found.start)
    return m.start(1) if m else found.start


def _candidates(text: str, dates: list[_Date], sentences: Spans,
                figures: Sequence[FigureMention] | None) -> list[_Found]:
    """Date phrases that may be events: the statement's dates (a date 'to' a date is one range), and, once
    figures are known, the phrases that name no year."""
    p = _patterns()
    out: list[_Found] = []
    previous: _Found | None = None
    # phrases wider than the dates inside them: "1 October (1949)", "the first three quarters of 2019"
    wide = [_Found(m.start(), m.end(), f"{m['day']} {m['month']} {m['year']}", False, named=True)
            for m in p["anniversary"].finditer(text)]
    if "end of" in text:  # a cheap test first: most statements have none, and the scan reads the whole text
        wide += [_Found(m.start(), m.end(), f"late {m['year']}", False, precise=True) for m in p["late"].finditer(text)]
    for m in p["quarters"].finditer(text) if "uarters" in text else ():
        last = MONTH_NAMES[3 * (2 if m["n"].lower() == "two" else 3) - 1]
        wide.append(_Found(m.start(), m.end(), f"January {m['year']} to {last} {m['year']}", False,
                           opening=_opens(text, sentences, m.start())))
    out.extend(wide)
    for d in dates:
        if any(w.start <= d.start < w.end for w in wide):
            continue
        if previous and re.fullmatch(r"\s*(?:to|until|till|–)\s*", text[previous.end : d.start]) \
                and not _starts_at(r"\s*(?:%|per\s?cent)", text, d.end, re.I):
            # "within the period August 2014 to July 2019", "April 1988 to February 1989"
            out[-1] = previous = replace(previous, end=d.end, period=f"{previous.period} to {text[d.start:d.end]}")
            continue
        if previous and _adjacent(text, previous, d, sentences):
            # "progressively in 2026-27 and 2027-28": two periods end to end, one span (not "... respectively")
            out[-1] = previous = replace(previous, end=d.end, period=f"{previous.period} to {text[d.start:d.end]}")
            continue
        decade = _starts_at(r"['’]?s\b", text, d.end)
        if decade and d.kind == "year" and text[d.end - 1] == "0":
            # "In the 1970's, Hong Kong launched ...": a decade, a happening's date only by a verb of happening
            period = f"{text[d.start:d.end]} to {int(text[d.end - 4 : d.end]) + 9}"
            opening = _opens(text, sentences, d.start)
            out.append(previous := _Found(d.start, decade.end(), period, False, opening=opening, decade=True))
            continue
        if decade:
            continue
        # "the 2021 LegCo election" names a happening; "the 2020 Policy Address" only a name
        name_year = d.name_year or (d.kind in ("year", "fiscal") and bool(_before(_rx(r"\bthe\s+$"), text, d.start))
                                    and bool(_starts_at(r"\s+[A-Z]", text, d.end)))
        if name_year and not p["named"].match(text, d.end):
            continue
        if d.base and not (_began(text, d) or p["named_date"].match(text, d.end)):
            continue  # "up 5% over 2011": a change's base ("did not straddle over 1 May 2025 (i.e. the effective date
            # of the abolition ...)" names a happening's day)
        opening = _opens(text, sentences, d.start)
        since = d.base and bool(_before(_rx(r"\bsince\b(?:[^\d,]{0,50}\bin)?\s+$"), text, d.start))
        # "the 2008/09 global financial crisis": a year naming a happening, its years calendar ones
        happening = d.kind in ("year", "fiscal") and bool(_before(_rx(r"\bthe\s+$"), text, d.start)) \
            and bool(p["named_happening"].match(text, d.end))
        phrase = text[d.start : d.end]
        if happening and d.kind == "fiscal":
            phrase = f"{phrase[:4]} to {phrase[:2]}{phrase[-2:]}"
        if d.kind == "month":
            out.extend(_listed_months(text, d, opening))  # "issued in May and July 2004 respectively"
        previous = _Found(d.start, d.end, phrase, False, since=since, opening=opening,
                          precise=d.kind in ("day", "month", "monthpart"), day=d.kind in ("day", "numeric_day"),
                          named=bool(happening or p["named_date"].match(text, d.end)
                                     or _before(p["restated_date"], text, d.start)
                                     or ("(" in text[max(0, d.start - 8) : d.start]
                                         and _before(p["date_named"], text, d.start))
                                     or _before(p["labelled_date"], text, d.start) or _keyed(text, d)))
        out.append(previous)
    out.sort(key=lambda f: f.start)
    if figures is None:
        return out
    taken = [(f.start, f.end) for f in out]
    dated, out = out, []
    for m in p["old_year"].finditer(text):
        out.append(_Found(m.start(), m.end(), m["year"], False, since=m.group(0).lower().startswith("since")))
    for m in p["day_before"].finditer(text):
        days = grammar()["days_before"]["words"]
        back = f"weekday:{_weekday(m['weekday'])}" if m["weekday"] else f"days:{days[m['days'].lower()]}"
        out.append(_Found(m.start(), m.end(), f"{{day_before:{back}}}", True, precise=True,
                          opening=_opens(text, sentences, m.start())))
    for m in p["today"].finditer(text):
        out.append(_Found(m.start(), m.end(), f"{m['month']} {m['day']}, {{year}}", True, opening=True))
    for m in p["month"].finditer(text):
        month, part = m["month"] or m["month2"] or m["month3"], m["part"] or m["part2"]
        year = {"last": "{last}", "next": "{next}"}.get((m["which"] or m["which3"] or "").lower(), "{year}")
        edge = "" if not m["edge"] else "end of " if m["edge"].lower() == "end" else "beginning of "
        phrase = f"{part}-{month} {year}" if part else f"{m['day']} {month} {year}" if m["day"] else \
            f"{edge}{month} {year}"
        start = m.start("intro") if m["intro"] else m.start()
        out.append(_Found(start, m.end(), phrase, True, since=(m["intro"] or "").lower() == "since", precise=True,
                          opening=_opens(text, sentences, start)))
    for m in p["year_part"].finditer(text) if "uarter" in text or "half" in text else ():
        phrase = f"{m['part'].lower()} of {_year_of_part(text, m)}"
        out.append(_Found(m.start(), m.end(), phrase, True, since=m["intro"].lower() == "since", precise=True,
                          opening=_opens(text, sentences, m.start())))
    for m in p["ago"].finditer(text) if "ago" in text else ():
        out.append(_Found(m.start(), m.end(), f"{{year-{_years_ago(m)}}}", True, opening=_opens(text, sentences,
                                                                                             m.start())))
    for m in p["relative"].finditer(text):
        phrase = grammar()["relative_dates"][re.sub(r"\s+", " ", m.group(0).lower())]
        out.append(_Found(m.start(), m.end(), phrase, True, opening=_opens(text, sentences, m.start())))
    kept: list[_Found] = []
    for f in sorted(out, key=lambda f: (f.start, -f.end)):
        if not any(a < f.end and f.start < b for a, b in taken):
            kept.append(f)
            taken.append((f.start, f.end))
    return sorted(dated + kept, key=lambda f: f.start)


def _weekday(name: str) -> int:
    """Monday 0 .. Sunday 6."""
    return [w.lower() for w in grammar()["days_before"]["weekdays"]].index(name.lower())


def _day_before(period: str, published: str | None) -> str | None:
    """The day '{day_before:weekday:4}' (last Friday) or '{day_before:days:1}' (yesterday) means, counted back from
    the edition's own day; None when the edition gives no day."""
    import datetime

    if not published or len(published) < 10:
        return None
    today = datetime.date.fromisoformat(published[:10])
    _, kind, n = period.strip("{}").split(":")
    back = ((today.weekday() - int(n)) % 7 or 7) if kind == "weekday" else int(n)
    day = today - datetime.timedelta(days=back)
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


LISTED_MONTHS = _compiled(rf"\b((?:(?:{'|'.join(MONTH_NAMES)})\s*,\s*)*(?:{'|'.join(MONTH_NAMES)}))\s+and\s+$")


def _listed_months(text: str, d: _Date, opening: bool) -> list[_Found]:
    """'in May and July 2004', 'in March, May and July 2004': the months listed before a month's year share it,
    each its own date (of its own happening when 'respectively' follows, or of one verb's); not 'between May and
    July 2004', a range."""
    m = _before(LISTED_MONTHS, text, d.start)
    if not m or _before(_rx(r"\b(?:between|from)\s+$"), text, m.start(1)):
        return []
    year = re.search(r"(?:19|20)\d\d", text[d.start : d.end])
    return [_Found(n.start(), n.end(), f"{n.group(0)} {year.group(0)}", False, opening=opening, precise=True)
            for n in _compiled("|".join(MONTH_NAMES)).finditer(text, m.start(1), m.end(1))] if year else []


def _year_of_part(text: str, m: re.Match[str]) -> str:
    """The year a part of a year belongs to: said ('of last year'), else the year the paragraph last framed before it
    ('in the first half of 2019'), else the edition's ('{year}')."""
    which = (m["which"] or "").lower()
    g = grammar()["year_parts"]
    if which and which not in g["anaphoric"]:
        return "{last}" if which in g["last"] else "{next}" if which in g["next"] else "{year}"
    framed = [y["year"] for y in _patterns()["framing_year"].finditer(text, 0, m.start())]
    return framed[-1] if framed else "{context}"


def _context_year(statement: Statement, structure: Structure) -> str | int | None:
    """The year the paragraphs before a statement last framed ('... weak in the first half of 2019.'), within its
    section, else the year or fiscal year its section's heading names ('Revised Estimates for 2015-16': "the first
    half of the year" is that fiscal year's), else the edition's year."""
    statements = structure.statements
    at = next((i for i, s in enumerate(statements) if s is statement), -1)
    for s in reversed(statements[max(0, at - CONTEXT) : max(0, at)]):
        if s.section != statement.section:
            break
        framed = [y["year"] for y in _patterns()["framing_year"].finditer(s.text)]
        if framed:
            return int(framed[-1])
    heading = [y["year"] for y in _patterns()["framing_period"].finditer(statement.section or "")]
    return heading[-1] if heading and statement.section != structure.title else structure.year


def _adjacent(text: str, previous: _Found, d: _Date, sentences: Spans) -> bool:
    """Two years or fiscal years of one kind joined by 'and', the second following the first, and not told apart by
    'respectively': one span of time ('in 2026-27 and 2027-28')."""
    first, second = text[previous.start : previous.end], text[d.start : d.end]
    if d.kind not in ("year", "fiscal") or not re.fullmatch(r"\s*and\s*", text[previous.end : d.start]):
        return False
    pattern = r"(?:19|20)\d\d" if d.kind == "year" else r"(?:19|20)\d\d[-/–]\d\d"
    if not (re.fullmatch(pattern, first) and re.fullmatch(pattern, second)) or int(second[:4]) != int(first[:4]) + 1:
        return False
    return not _compiled(r"\brespectively\b", re.I).search(text, d.end, _sentence_of(sentences, d.start)[1])


def _keyed(text: str, d: _Date) -> bool:
    """A year keying a list item whose words say what happened ('2022: John LEE ... won', '2017: X elected')."""
    item = _patterns()["keyed"].match(text, d.end) if d.kind == "year" else None
    return bool(item) and bool(_patterns()["event_verb"].search(item.group(1)))


def _began(text: str, d: _Date) -> bool:
    """A base date that says when something began: 'since its launch in 1998', 'linked since 17 October 1983',
    'from December 2016, Shenzhen ...' (not the base of a change: 'up 5% from 2021')."""
    at = d.start
    if _before(_rx(r"\bsince\b[^\d]{0,50}\bin\s+$"), text, at):
        return True
    if _before(_rx(r"\bsince\s+$"), text, at) or _before(_patterns()["begins_from"], text, at):
        return True
    a, b = _clause(text, at, d.end)  # "up 5% from 2021" is a change's base; "..., from December 2016, ..." no,
    # nor "invite expressions of interest from the market in early 2026"
    return bool(_before(_rx(r"\bfrom\s+(?:(?:the\s+)?[a-z]+\s+in\s+|the\s+)?$"), text, at)) and not _compiled(
        r"%|per\s?cent|\b(?:up|down|rose|fell|increase|decrease|grew|growth)\b", re.I).search(text, a, b)


def _opens(text: str, sentences: Spans, start: int) -> bool:
    """The phrase opens its sentence ('In 2019, ...', 'As from July 1, 2016, ...')."""
    a = _sentence_of(sentences, start)[0]
    if start - a > LOOKBACK:
        return False
    head = text[a:start].rsplit(": ", 1)[-1]  # "note: since 1990, ...": a field's value starts afresh
    return bool(re.fullmatch(r"[\W\d]*(?:\w+[\s,]+){0,2}", head) or _patterns()["opening_intro"].fullmatch(head))


def _happening(text: str, found: _Found, dates: list[_Date], sentences: Spans,
               figures: _Figures | None, dated_field: bool = False) -> str:
    """The rule by which a date phrase marks a happening, else '': by the verb that governs it
    (event-dated-verb), or, with the statement's figures known, by a happening its clause names when no figure
    of the clause takes the date as its period (event-dated-word)."""
    p = _patterns()
    at = found.start
    a, b = _sentence_of(sentences, at)
    if _says("statistic", text, a, b):
        return ""  # "In 2023, debt issued in Hong Kong totalled US$50 billion": a statistic, not a happening
    if _before(p["deadline_label"], text, at):
        return ""  # "First Instalment, Date: 17 November 2021": when a sum is due
    if found.named or _subject_happening(text, found, a):
        return WORD_RULE
    if "year" in text[max(0, at - REACH) : at] and _before(_n_years_since(), text, at):
        return ""  # "$375 million ... in three years starting from 2021-22": the first year of a span, no happening
    if found.day and _before(p["cutoff_end"], text, at):
        return CUTOFF_END_RULE  # "on or after 27 February 2015 but before 18 January 2019": the span's last day
    if found.day and _before(p["cutoff"], text, at) and not _before(p["deadline"], text, at):
        return CUTOFF_RULE  # "born on or after 18 January 2019": the day a rule changed
    until = _until(text, found)
    if until is not None:
        return WORD_RULE if figures is not None and _before(p["ending"], text, until) else ""
    to = _before(_rx(r"\bto\s+$"), text, at)
    if to and figures is not None and _before(p["ending"], text, to.start()):
        return WORD_RULE  # "extend the application period to 2027": when the extended happening ends
    intro = (_intro(text, found) or "").lower()
    if _starts_at(r"\s+or\s+(?:earlier|before|sooner)\b", text, found.end, re.I):
        intro = "by"  # "ceasing the new registration of fuel-propelled PCs in 2035 or earlier": a deadline
    since = found.since or intro == "since"
    began = since and bool(_before(_rx(r"\bsince\b[^\d,]{0,50}\bin\s+$"), text, at))  # since its launch in
    # "drafted April 1988 to February 1989, approved March 1990": the verb itself introduces the date
    verb_before = not intro and bool(_before(p["verb_before"], text, at))
    if not (intro or found.relative or found.opening or verb_before or dated_field):
        return ""
    if _before(p["not_event"], text, at) and not (since or intro in ("as of", "as from")):
        return ""
    if since and not began and _before(p["compared_since"], text, at) \
            or _says("since", text, max(a, at - 2 * REACH - 40), at) \
            and p["compared_since_in"].search(text, max(a, at - 2 * REACH - 40), at):
        return ""  # "its biggest fall since 2008", "a record high since the first release ... in September 2004":
        # a comparison's base
    ca, cb = (a, b) if found.opening else _clause(text, found.start, found.end)
    rest = _compiled(r"[A-Za-z]{3,}").findall(text[ca : max(ca, _start(text, found))] + " " + text[found.end : cb])
    aside = text.rfind("(", a, found.start) > text.rfind(")", a, found.start)  # "(i.e. from ...)": a restatement
    if not aside and all(w.lower().endswith("ly") or _closed().get(w.lower()) == "RB" for w in rest):
        ca = a  # "The Government announced, on 21 July this year, the cancellation", "..., particularly towards the
        # end of 2021, ...": a date set off alone is the sentence's verb's
    if intro == "by" and figures is not None and _plan_deadline(text, found, a, ca, cb, figures):
        return PLAN_RULE  # "for completion by 2020", "By end-2025, the FSD will launch", "will be enhanced by end
        # 2020", "Plan for the tendering for the conversion of six ... sites into ... stations by end-2026"
    if figures is not None and _lead_in_of_quantities(text, found, cb, b, figures):
        return ""  # "Continue to promote ... in 2026: Organise ... 7 500 persons; Reach out to ... 560 ...": the
        # items' period
    if intro == "by" and not p["until_done"].search(text, max(a, at - 60), at) and (
            figures is None or figures.in_clause(ca, cb, found) or _says("perfect", text, ca, cb)
            or not _imperative(text, a, ca, cb)):
        return ""  # a target ("attract 200 offices by 2025", "stop using coal by 2035") or a status ("had been
        # removed by the end of 2021"); a task's deadline is a plan ("Establish a panel of arbitrators by end-2025")
    governed = (verb_before or _verb_governs(text, found, dates, a, b, ca, cb) if not found.relative else
                (found.precise or figures is not None) and _verb_in(text, _coordinated(text, a, ca), found.start,
                                                                    "event_verb")) and (
        found.opening or not found.decade)  # "In the 1970's, Hong Kong launched": a decade framing a happening
    # (a day or month named relative to the edition is a happening's when a verb of happening before it in its
    # clause governs it: "I announced two measures last Friday", "to launch the first phase ... this September"; a
    # year too, once the figures have taken their periods: "were handed over ... last year")
    if intro == "as of" and not governed or found.period.startswith("{day_before:") and not governed:
        return ""  # "as of end-2023": a status; "the problems that we are facing today": no day of a happening
    if figures is not None and not began and p["statistic_verb"].search(text, ca, cb) \
            and figures.in_clause(ca, cb, found) and not (found.day and _before(p["begins_from"], text, at)):
        return ""  # "RMB trade settlement conducted ... in 2012 exceeded RMB 2,600 billion": a statistic's period
        # (not "With effect from 1 May 2023, the cap is increased from ... to ...": the day a rule changed)
    turn = [m.end() for m in p["contrast"].finditer(text, ca, found.start)]  # "... by end-2025 but it has completed"
    low = turn[-1] if turn else a
    if figures is not None and not (found.relative and governed) and not _before(p["begins_from"], text, at) \
            and figures.task_quantity(text, a if low == a else low, max(ca, low), found.start):
        return ""  # "Attract at least 1 200 enterprises to set up ... between 2026 and 2027": a quantity's period
        # (but "allocating $380 million to launch the Scheme this September": a month the edition dates, governed;
        # "cover six more DHCs ... starting from 2026": an open start, no period, dates when the task starts)
    if _before(p["rate_level"], text, at):
        return ""  # "increasing the intake from 4 000 to 5 000 per annum in the 2018/19 academic year": a level's date
    restating = _before(_rx(r"\(\s*i\.\s?e\.,?\s+(?:by|in|within|on)?\s*$"), text, at)
    if restating and figures is not None and figures.in_clause(max(a, restating.start() - 30), restating.start(),
                                                             found):
        return ""  # "put into service within four years (i.e. by 2029)": the date restates the figure before it
    if governed and not (since and not found.precise):
        return "event-dated-verb"
    if figures is None or found.decade:
        return ""  # a decade dates only a happening its sentence opens with it for
    pe = _predicate_end(text, found.end, cb)  # "implemented in July and benefit 4 000 persons": 4 000 is not July's
    with_phrase = _starts_at(r",\s+with\s+[^,;.]*", text, cb) if pe == cb else None
    pe = with_phrase.end() if with_phrase else pe  # "... in the 2025/26 school year, with an expected attendance of
    # no less than 200 000": a 'with' phrase closing the clause states its figure
    low = max([low] + [m.start() for m in p["purpose"].finditer(text, max(ca, low), found.start)
                       if base_form(m["verb"])])  # "earmarked $350 million ... to conduct trials ... from 2023"
    low = max(low, _relative_clause(text, max(ca, low), found.start))
    described = _before(p["with_aside"], text, _start(text, found))
    spans = [(low, described.start()), (described.end(), pe)] if described else [(low, pe)]
    dated = any(figures.dated_by(text[found.start : found.end], a, found, x, y) for x, y in spans)
    # a date named relative to the edition and opening its sentence is a figure's only when the figure took it
    # ("Last November, we set up the $2.5billion Fund": the Fund's size has no period, the setting up happened)
    own = dated or not (found.relative and found.opening and _verb_in(text, found.end, pe, "event_verb")) \
        and any(figures.in_clause(max(ca, x), y, found) for x, y in spans)
    aside = _starts_at(r"\s*\([^()]{1,80}\)", text, found.end)  # "the previous record in 2007 (HK$142.2 billion)"
    own = own or bool(aside) and figures.in_clause(found.end, aside.end(), found)
    if began or (since and found.precise):
        return WORD_RULE  # "since its inception in 2009", "(since 14 March 2013)": when something began
    if _before(p["begins_from"], text, at) and (found.precise or not own):
        return WORD_RULE  # "as from July 1, 2016": a start ("a surplus as from 2018-19" is a forecast's period)
    if own and found.opening and (_figureless_predicate(text, found, b, figures)
                                  or _figure_in_complement(text, found, b, figures)):
        return WORD_RULE  # "Last year, the Government allocated $800 million ... and expanded its funding scope"
    if own:
        return ""  # the date is a figure's period: "fell to 1.36% in July", "invested $2 billion since 2017"
    if dated_field or verb_before or (intro == "from" and found.precise):
        return WORD_RULE  # "..., from December 2016, Shenzhen": a day or month something starts from
    if _verb_in(text, ca, cb, "event_word") and not _statistic_moves(text, ca, cb) \
            or since and _ongoing(text, a, found.start):
        # "has been investing in ESG bonds since 2015": when an activity began; "Organise the International
        # Mediation Summit within 2026": a plan
        return PLAN_RULE if _plan(text, a, ca, cb, at) or intro == "within" else WORD_RULE
    if (" to " in found.period and _before(p["period_of"], text, found.start)) or _about_market(text, ca, cb):
        return ""  # "the returns from 1994 to 2016 are set out in Chart 1": a span; "growth ... this year": a trend
    if _plan(text, a, ca, cb, at):
        return PLAN_RULE
    # a happening "within" a year is one to be done in it, never what the year was: a plan still in the year the
    # document reports on ("Submit legislative proposals ... within 2026")
    return ("" if not _verbal(text, a, ca, cb) else PLAN_RULE if intro == "within" else WORD_RULE)


def _lead_in_of_quantities(text: str, found: _Found, cb: int, b: int, figures: _Figures) -> bool:
    """Whether the date ends a list's lead-in ("... in 2026: Organise ...; Reach out to ...; and ...") most of whose
    items state a quantity, which takes it as its period: the lead-in tells when the quantities are delivered, no
    happening of its own (one item in two with no figure and it dates that task: an event)."""
    if cb >= b or text[cb] != ":" or figures.in_clause(found.end, cb, found):
        return False
    items = [(m.start(), m.end()) for m in _compiled(r"[^;]+").finditer(text, cb + 1, b)]
    quantities = sum(figures.in_clause(x, y, found) for x, y in items)
    return len(items) >= 2 and 2 * quantities > len(items)


TARGET_REACH = 30  # a figure starting this close before a deadline's "by" is what the deadline is set for


def _plan_deadline(text: str, found: _Found, a: int, ca: int, cb: int, figures: _Figures) -> bool:
    """Whether a date after "by" is the deadline of a plan: its clause says the thing is done by then (a word of
    [until_done], a passive after a modal, a task's verb, a plan's purpose) and no figure of it is the quantity the
    deadline is set for ("Attract 100 enterprises by 2027", "to no less than $3 billion by 2027", "by end-2014 will
    reach 200"), nor is it a status ("had been removed by the end of 2021")."""
    at = _start(text, found)
    if _says("perfect", text, ca, cb) or figures.in_clause(found.end, cb, found) \
            or figures.in_clause(max(ca, at - TARGET_REACH), at, found) or figures.task_quantity(text, a, ca, at):
        return False
    p = _patterns()
    return bool(p["until_done"].search(text, ca, at) or p["until_done"].search(text, found.end, cb)
                or _before(p["passive_plan"], text, at) or p["plan_purpose"].search(text, ca, at)
                or p["plan_gerund"].search(text, ca, at)) \
        or _imperative(text, a, ca, cb)


@cache
def _subject_happening_pattern() -> re.Pattern[str]:
    nouns = alternation(_words("subject_happenings"))
    return re.compile(rf"[\W\d]*(?:the\s+)?(?:{nouns})\s+of\s+[^,;:()]{{3,120}}?\s+(?:by|in|on|at)\s+", re.I)


def _subject_happening(text: str, found: _Found, a: int) -> bool:
    """'The completion of the new Trade and Industry Tower ... by end-2014 will release 18 000 square metres': a
    date inside the noun phrase of a happening that opens the sentence, before its verb, dates that happening."""
    if not _subject_happening_pattern().fullmatch(text, a, found.start):
        return False
    return bool(_starts_at(r"\s+(?:will|would|shall|should|can|could|may|is|are|was|were|has|have|had)\b", text,
                           found.end))


def _relative_clause(text: str, ca: int, at: int) -> int:
    """Where a relative clause holding a date (at `at`) starts, else `ca`: the figures before its pronoun size the
    noun it tells of, not a quantity of its dated predicate ('a logistics site with an area of about two hectares
    at Tsing Yi which will be put on the market in the first half of this year')."""
    found = [m.end() for m in _patterns()["relative_pronoun"].finditer(text, ca, at)]
    return found[-1] if found else ca


def _predicate_end(text: str, at: int, cb: int) -> int:
    """Where the predicate holding a date (ending at `at`) ends within its clause: at a second predicate joined by
    'and' ('to be launched in July and provide about 10 000 places'), or at a relative clause, whose figures say
    what a noun holds, not when ('delivered the Policy Address ... which involve $220 billion')."""
    for m in _patterns()["and_verb"].finditer(text, at, cb):
        if base_form(m["verb"]) or m["verb"].lower() in _closed() and _closed()[m["verb"].lower()] == "MD":
            cb = m.start()
            break
    m = _patterns()["relative_pronoun"].search(text, at, cb) or _patterns()["new_predicate"].search(text, at, cb)
    return m.start() if m else cb


def _figureless_predicate(text: str, found: _Found, b: int, figures: _Figures) -> bool:
    """Whether a sentence the date opens has a second predicate, joined by 'and', that states no figure: a dated
    happening beside the figure the first states ('Last year, the Government allocated $800 million to the Fund and
    expanded its funding scope to cover additional types of vehicles')."""
    for m in _patterns()["and_verb"].finditer(text, found.end, b):
        if base_form(m["verb"]) and m["verb"].endswith("ed") \
                and not figures.in_clause(m.start(), _predicate_end(text, m.end(), b), found):
            return True
    return False


def _figure_in_complement(text: str, found: _Found, b: int, figures: _Figures) -> bool:
    """Whether the past verb of a sentence the date opens states no figure, its figures standing in what it asked
    or set up: an infinitive or a participle after it ('Two years ago, I asked departments to review over a
    thousand fees', 'In late 2014, the Group suggested a Fund, comprising an endowment of $220 billion')."""
    m = _patterns()["complement"].match(text, found.end, b)
    if not m or figures.in_clause(found.end, m.start("rest"), found) or _says("statistic", text, found.end, b):
        return False
    word, verb = (m["inf"] or m["ing"]).lower(), m["verb"].lower()
    if any(verb in (v + "d", v + "ed") for v in grammar()["clause_verbs"]["state_verbs"]):
        return False  # "In 2013-14, our recurrent expenditure is estimated to reach $56 billion": a forecast
    return word not in _nouns() and (m["ing"] is not None or _base_like(word))


def _about_market(text: str, ca: int, cb: int) -> bool:
    """Whether the clause speaks of a measure or a market ("economic growth would remain modest"), not only as the
    setting of a preposition ("invite expressions of interest from the market")."""
    p = _patterns()
    return any(not _before(p["setting"], text, m.start()) and not _acted_on(text, m) for m in
               p["market"].finditer(text, ca, cb))


def _acted_on(text: str, m: re.Match[str]) -> bool:
    """A market word that is a verb with an object, after an auxiliary ('the Hospital Authority will increase its
    in-patient service capacity'): an action planned, where 'exports will increase' tells a trend."""
    follower = alternation(grammar()["clause_verbs"]["followers"])
    return bool(_before(_rx(r"\b(?:will|shall|would|to)\s+(?:[a-z]+ly\s+)?$"), text, m.start())) \
        and bool(_starts_at(rf"\s+(?:{follower})\s", text, m.end()))


@cache
def _nouns() -> frozenset[str]:
    """Words the chunker's lexicon reads as nouns as well as verbs ('record', 'plan'): a verb only after a pronoun."""
    return frozenset(lexicon()["lexicon"]["nouns"])


def _imperative(text: str, a: int, ca: int, cb: int) -> bool:
    """Whether the clause (or its sentence) opens with a task's verb: a word that is no function word nor a plural
    or past form, followed by an article, a particle or a quote ("Release the", "Set up a", "and organise the"), or
    an item of a task list that opens with a verb of the chunker's lexicon in its base form, whatever follows it
    ("Reduce construction cost: Implement central procurement strategy in the first half of 2026")."""
    if any(m and _base_like(m["verb"]) for m in (_patterns()["imperative"].match(text, x, cb) for x in {a, ca})):
        return True
    item = max(text.rfind(":", a, ca + 1), text.rfind(";", a, ca + 1))
    m = _patterns()["opening_verb"].match(text, item + 1, cb) if item >= 0 else None
    return bool(m) and base_form(m["verb"]) == m["verb"].lower() and m["verb"].lower() not in _nouns()


def _base_like(word: str) -> bool:
    """A word that may be a verb's base form: no function word, no plural, past form or participle ('Release',
    'Bring', not 'The', 'Includes', 'raised' or 'Following')."""
    low = word.lower()
    return low not in _closed() and (not low.endswith(("s", "ed")) or low.endswith("ss")) \
        and (not low.endswith("ing") or base_form(low) == low)


def _plan(text: str, a: int, ca: int, cb: int, at: int) -> bool:
    """Whether a date (at `at`) dates a plan: its clause is one, or its sentence's verb before it follows a modal
    ("the Bureau will seek the passage of the bill ... within 2025"; not an infinitive of purpose, "to strengthen")."""
    states = set(grammar()["clause_verbs"]["state_verbs"])
    return _planned(text, a, ca, cb) or any(
        m["verb"] not in _closed() and base_form(m["verb"]) not in states and not m.group(0).lower().startswith("to")
        for m in _patterns()["auxiliary"].finditer(text, a, at))


@lru_cache(maxsize=256)
def _planned(text: str, a: int, ca: int, cb: int) -> bool:
    """Whether the clause text[ca:cb] (of the sentence starting at a) states a plan: it opens a task ("Organise
    the Summit within 2026") or has a verb after an auxiliary or "to" ("will introduce a pilot scheme within
    2026"), not a state ("will remain"). A plan dated in the year a document reports on is a happening still."""
    p, closed = _patterns(), _closed()
    states = set(grammar()["clause_verbs"]["state_verbs"])
    return any(m["verb"] not in closed and base_form(m["verb"]) not in states
               for m in p["auxiliary"].finditer(text, ca, cb)) or _imperative(text, a, ca, cb) \
        or bool(p["plan_gerund"].search(text, ca, cb) or p["plan_state"].search(text, ca, cb))


@lru_cache(maxsize=256)
def _verbal(text: str, a: int, ca: int, cb: int) -> bool:
    """Whether the clause text[ca:cb] (of the sentence starting at a) holds a verb, known by its place (a plan's:
    after an auxiliary, opening a task) or by the chunker's lexicon: a dated clause with a verb tells a happening or
    a plan ("Release the framework within 2026"), one without tells a state ("was weak in the first half")."""
    p = _patterns()
    states = set(grammar()["clause_verbs"]["state_verbs"])
    if _planned(text, a, ca, cb) or any(m["verb"] not in _nouns() for m in p["passive"].finditer(text, ca, cb)):
        return True
    if p["subordinate"].search(text, ca, cb) or p["finite_past"].search(text, ca, cb):
        return True
    previous = ""
    for m in p["word"].finditer(text, ca, cb):
        word = m.group(0).lower()
        base = base_form(word) if word[:1] == m.group(0)[:1] or m.start() == a else ""
        nominal = word in _nouns() and _closed().get(previous) not in ("PRP", "MD")  # "the previous record"
        if base and base not in states and _closed().get(previous) != "DT" and not previous.endswith("'s") \
                and not nominal:
            return True
        previous = word
    return False


@lru_cache(maxsize=256)
def _says(name: str, text: str, a: int, b: int) -> bool:
    """Whether text[a:b] (a sentence, asked by each date in it) holds the named pattern."""
    return bool(_patterns()[name].search(text, a, b))


@dataclass(frozen=True)
class _Figures:
    """A statement's figures as the event rules ask about them: where they start (in reading order), and the
    period and base phrases the figures of each sentence took."""

    starts: list[int]
    periods: dict[int, dict[str, list[int]]]  # sentence start -> phrase -> starts of the figures that took it

    @classmethod
    def of(cls, figures: Sequence[FigureMention], sentences: Spans) -> _Figures:
        periods: dict[int, dict[str, list[int]]] = {}
        for f in figures:
            by_phrase = periods.setdefault(_sentence_of(sentences, f.start)[0], {})
            for t in (f.period_text, f.base_text):
                if t:
                    by_phrase.setdefault(t, []).append(f.start)
        return cls(sorted(f.start for f in figures), periods)

    def in_clause(self, ca: int, cb: int, found: _Found) -> bool:
        """A figure of the clause, other than one inside the date phrase itself."""
        i, j = bisect_left(self.starts, ca), bisect_left(self.starts, cb)
        return any(not found.start <= self.starts[k] < found.end for k in range(i, j))

    def task_quantity(self, text: str, a: int, ca: int, at: int) -> bool:
        """The verb of the clause before the date (at) takes a figure as its object ("Attract at least 1 200
        enterprises", "will recruit around 80 volunteers", "Explore with 10 or more partners"): the date is that
        quantity's, not a happening's."""
        p = _patterns()
        verbs = [m for m in p["auxiliary"].finditer(text, ca, at) if m["verb"] not in _closed()]
        verbs += [m for m in (p["opening_verb"].match(text, x, at) for x in {a, ca}) if m and _base_like(m["verb"])]
        for m in verbs:
            after = p["object"].match(text, m.end("verb"), at)
            i = bisect_left(self.starts, after.end()) if after else len(self.starts)
            if i < len(self.starts) and self.starts[i] == after.end():
                return True
        return False

    def dated_by(self, phrase: str, sentence_start: int, found: _Found, low: int, limit: int) -> bool:
        """A figure of the sentence between `low` and `limit` (not one inside the phrase) takes the phrase as its
        period or its base."""
        return any(phrase.endswith(t) and any(not found.start <= x < found.end and low <= x < limit for x in starts)
                   for t, starts in self.periods.get(sentence_start, {}).items())


def _intro(text: str, found: _Found) -> str | None:
    """The word introducing the date phrase ('in', 'as from'), else None."""
    m = re.match(r"(in|since|from|during|by|today|towards?|near)\b", text[found.start : found.end], re.I)
    if m:
        return m.group(1)
    m = _before(_patterns()["intro"], text, found.start)
    return m.group(1) if m else None


def _until(text: str, found: _Found) -> int | None:
    """Where the 'until' introducing the date phrase starts ('will last until the end of April this year'), else
    None."""
    m = _patterns()["until"].match(text, found.start) or _before(_patterns()["until"], text, found.start)
    return m.start() if m else None


def _verb_governs(text: str, found: _Found, dates: list[_Date], a: int, b: int, ca: int, cb: int) -> bool:
    """A verb of happening in the date's clause, or before it with no other date between ("X opened Y, its
    eighth area, in 2023"), or anywhere in a sentence the date opens."""
    if not _says("event_verb", text, a, b):
        return False
    if (found.opening and _verb_in(text, a, b, "event_verb")) or _verb_in(text, ca, cb, "event_verb"):
        return True
    date_ends = [d.end for d in dates]
    i = bisect_right(date_ends, found.start) - 1
    since = max(a, date_ends[i]) if i >= 0 else a
    return _verb_in(text, since, found.start, "event_verb")


def _coordinated(text: str, a: int, ca: int) -> int:
    """Where the predicate a clause opening with a second past verb shares its subject with starts ('We concluded
    the negotiation with Mexico and initialled the draft text in January': at 'concluded'), else the clause's start:
    the verb of happening of the first predicate tells the kind of the second."""
    if not (_before(_patterns()["coordinated"], text, ca) and _starts_at(r"[a-z]+ed\b", text, ca)):
        return ca
    return max(a, _clause(text, ca - 5, ca - 5)[0])


def _verb_in(text: str, a: int, b: int, name: str) -> bool:
    """An event word of text[a:b] that is no word of a name: a capitalised one mid-sentence ('the Operating
    Account') is not a verb; one opening a task ('(ITIB) Launch AI Flagship Projects') is."""
    for m in _patterns()[name].finditer(text, a, b):
        j = m.start() - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        if not (m.group(0)[:1].isupper() and j >= 0 and text[j].isalnum()) or _happening_name(m.group(0)):
            return True
    return False


def _statistic_moves(text: str, ca: int, cb: int) -> bool:
    """Whether the clause's only event words are moves of a macro statistic its subject names ('consumer price
    inflation went up'): a trend of the period, where an asset market's move ('bond prices retreated') happens."""
    p = _patterns()
    moves = list(p["event_word"].finditer(text, ca, cb))
    subject = p["statistic_subject"]
    return bool(moves) and all(p["movement"].fullmatch(m.group(0)) and subject.search(text, ca, m.start())
                               for m in moves)


def _ongoing(text: str, a: int, b: int) -> bool:
    """An activity going on since a date ('has been investing'), not a trend ('has been increasing')."""
    m = _patterns()["ongoing"].search(text, a, b)
    if not m:
        return False
    stem = m["verb"].lower()
    trends = {w.lower() for w in _words("trend_states")}
    return not ({stem, stem + "e", stem[:-1]} & trends)


def _happening_name(word: str) -> bool:
    """A capitalised noun that names a happening whatever name it ends ('the ESG Workshop', 'the Asian Financial
    Crisis'); a verb's form is no such noun ('Launch')."""
    low = word.lower()
    return low in _happening_nouns() or low.endswith("s") and low[:-1] in _happening_nouns()


@cache
def _happening_nouns() -> frozenset[str]:
    """The event nouns that are no verb of happening."""
    verbs = {w.lower() for w in _words("event_verbs")}
    return frozenset(w.lower() for w in _words("event_nouns") if w.lower() not in verbs and " " not in w)


def _event(statement: Statement, found: _Found, sentences: Spans, rule: str,
           spans: Sequence[tuple[int, int]] = ()) -> EventMention:
    """The event mention of a date phrase, labelled by its clause (or by what the sentence is about)."""
    text = statement.text
    start = _start(text, found)
    a, b = _sentence_of(sentences, found.start)
    sentence = text[a:b]
    others = [(x - a, y - a) for x, y in spans if a <= x and y <= b and (x, y) != (found.start, found.end)]
    if statement.dated and statement.field and text.startswith(statement.field):
        return EventMention(statement, start, found.end, _field_label(statement.field), rule, found.period)
    label = _tidy(_context_label(sentence, start - a, found.end - a, others))
    label = re.sub(r"\s*\b(?:(?:and|or)\s+)?respectively\b", "", label)
    label = _balanced(re.sub(r"^\d{1,3}\.\s*(?=[A-Z])", "", label))  # not its paragraph's number ('136.The DEVB')
    if not re.search(r"[A-Za-z]{2,}", label):  # "In 2020, the Blueprint presented ...": the date is a
        label = ""  # clause of its own ("25.Since January 2020, Hong Kong has come under ...": not "25")
    if not label:
        after = _starts_at(r"\s*,?\s*([^,;]{1,400})", sentence, found.end - a)
        label = _balanced(_tidy(after.group(1))) if after else ""
    if (len(label.split()) < 3 or re.match(r"[A-Za-z]+(?:ed|ing)\b", label)) and (topic := _topic(sentence)):
        if topic.lower() not in label.lower():
            label = f"{topic} {_uncap(label)}"  # "Geospatial Lab" + "established"
    return EventMention(statement, start, found.end, _balanced(_shorten(label)), rule, found.period)


def _field_label(field: str) -> str:
    """A table date's label: the row and column it stands under, without an example's mark or a note's asterisk
    ('e.g., Amount and date of wages received*' -> 'Amount and date of wages received')."""
    label = re.sub(rf"^(?:{alternation(_words('example_markers'))})[,:]?\s*", "", field, flags=re.I)
    return _shorten(_balanced(label.replace("*", "")))


def _balanced(label: str) -> str:
    """A label without a bracket its clause cut off ('Executive branch)' -> 'Executive branch')."""
    if label.count("(") < label.count(")"):
        label = label.replace(")", "", label.count(")") - label.count("("))
    if label.count("(") > label.count(")"):
        label = label[::-1].replace("(", "", label.count("(") - label.count(")"))[::-1]
    return " ".join(label.split()).strip(" ,;:-")


def restated(events: list[EventMention]) -> list[EventMention]:
    """A document's events without the cut-offs that say a day again: one a happening of the document is dated on
    ("with effect from 1 May 2023" ... "any hour worked on or after 1 May 2023"), or a sentence said again word for
    word (a form's note repeating the text's); without a footnote's happening that the text tells on its day in
    other words (a worked example's "$40 per hour with effect from 1 May 2023", then its footnote's "The SMW rate
    is $40 per hour with effect from 1 May 2023"); and without the end of a rule's span ("... but before 18 January
    2019") when any other event of the document is dated on its day (the next rule's start, "born on or after 18
    January 2019")."""
    cutoffs = (CUTOFF_RULE, CUTOFF_END_RULE)
    happened = {_folded(e.period_text or e.date_text) for e in events if e.rule not in cutoffs}
    dated = {_folded(e.period_text or e.date_text) for e in events if e.rule != CUTOFF_END_RULE}
    said: set[tuple[str, str]] = set()
    told = [(_folded(e.period_text or e.date_text), _label_words(e)) for e in events
            if e.rule not in cutoffs and e.statement.kind != "note"]  # the text's happenings: day, label's words
    out = []
    for e in events:
        if e.rule == CUTOFF_END_RULE and _folded(e.period_text or e.date_text) in dated:
            continue
        if e.rule not in cutoffs and e.statement.kind == "note":
            day, words = _folded(e.period_text or e.date_text), _label_words(e)
            if any(day == d and _restates(words, w) for d, w in told):
                continue
        if e.rule == CUTOFF_RULE:
            day = _folded(e.period_text or e.date_text)
            a, b = _sentence_of(_sentences(e.statement.text), e.start)
            sentence = (day, _folded(e.statement.text[a:b]))
            if day in happened or sentence in said:
                continue
            said.add(sentence)
        out.append(e)
    return out


RESTATED_WORD = re.compile(r"[^\W\d_]{3,}|\$?\d[\d,.]*")  # a label's words that say what happened: no "i.e."
RESTATED_SHARE = 0.75  # of the shorter label's words, said again in the other: the same happening


def _label_words(e: EventMention) -> set[str]:
    return set(RESTATED_WORD.findall(e.label.lower()))


def _restates(words: set[str], before: set[str]) -> bool:
    """Two labels of happenings on one day that say the same thing: most words of the shorter, two at least."""
    shared = len(words & before)
    return shared >= 2 and shared >= RESTATED_SHARE * min(len(words), len(before))


def _folded(text: str) -> str:
    return " ".join(text.lower().split())


def _month_after(year: int, month: int | None, shift: int) -> str:
    """The month `shift` months after the edition's ('last month' -1, 'next month' +1: 'January 2016'), '' if the
    edition names no month."""
    if month is None:
        return ""
    y, m = divmod(year * 12 + month - 1 + shift, 12)
    return f"{MONTH_NAMES[m]} {y}"


QUARTERS = ("first", "second", "third", "fourth")


def _quarter_after(year: int, month: int | None, shift: int) -> str:
    """The calendar quarter `shift` quarters after the edition's ('in this quarter' 0: 'first quarter of 2021')."""
    if month is None:
        return ""
    y, q = divmod(year * 4 + (month - 1) // 3 + shift, 4)
    return f"{QUARTERS[q]} quarter of {y}"




def _academic_after(year: int, month: int | None, shift: int) -> str:
    """The school year `shift` years after the one the edition's month falls in ('the next academic year' in
    February 2012: '2012/13 academic year'); '' if the edition names no month."""
    if month is None:
        return ""
    first = year - (month < tables()["school_year"]["start_month"]) + shift
    return f"{first}/{(first + 1) % 100:02d} academic year"


def resolved(events: list[EventMention], structure: Structure) -> list[EventMention]:
    """Events whose period names the edition's year, with that year filled in; those the document gives no year
    for are dropped (never guessed). 'The following year' follows the event before it."""
    out = []
    year = structure.year
    month = int(structure.published[5:7]) if structure.published and len(structure.published) >= 7 else None
    previous_year: int | None = None
    for e in events:
        period = e.period_text
        if period.startswith("{day_before:"):
            period = _day_before(period, structure.published) or ""
            if not period:
                continue
            e = replace(e, period_text=period)
        elif "{" in period:
            if "_previous}" in period:
                if previous_year is None:
                    continue
                period = str(previous_year + (1 if "next_" in period else -1))
            elif year is None or (("_month}" in period or "_quarter}" in period or "_academic}" in period)
                                  and month is None):
                continue
            else:
                context = _context_year(e.statement, structure) if "{context}" in period else year
                period = re.sub(r"\{year-(\d+)\}", lambda m: str(year - int(m[1])), period)  # "40 years ago"
                shifts = (("last", -1), ("this", 0), ("next", 1))
                period = period.format(year=year, last=year - 1, next=year + 1, context=context,
                                       **{f"{w}_month": _month_after(year, month, n) for w, n in shifts},
                                       **{f"{w}_quarter": _quarter_after(year, month, n) for w, n in shifts},
                                       **{f"{w}_academic": _academic_after(year, month, n) for w, n in shifts})
            e = replace(e, period_text=period)
        elif e.rule == WORD_RULE and period == str(year):
            continue  # "markets were volatile in 2016" in the 2016 report: the year reported on, no happening
        years = re.findall(r"\b(?:1[5-9]|20)\d\d\b", period or e.date_text)
        if years:
            previous_year = int(years[-1])
        out.append(e)
    return out


def introduced(events: list[EventMention], statements: Sequence[Statement], reach: int = 3) -> list[EventMention]:
    """Events without those of a sentence introducing what follows ('The additional statutory holidays from 2028 and
    thereafter are tabulated as follows:') whose date one of the next `reach` statements of its section dates an
    event on again (the table's row 'Starting from 2028'): the introduced happening, told once."""
    leads = [e for e in events if e.statement.text.rstrip().endswith(":")]
    if not leads:
        return events
    from factsheet.normalise import ImpossibleDate, event_period

    def period(e: EventMention) -> tuple[str, str] | None:
        try:
            return event_period(e)
        except ImpossibleDate:
            return None

    order = {id(s): i for i, s in enumerate(statements)}
    dropped = set()
    for lead in leads:
        here, p = order.get(id(lead.statement), -1), period(lead)
        if p is not None and any(e.statement.section == lead.statement.section
                                 and here < order.get(id(e.statement), -1) <= here + reach and period(e) == p
                                 for e in events):
            dropped.add(id(lead))
    return [e for e in events if id(e) not in dropped]
