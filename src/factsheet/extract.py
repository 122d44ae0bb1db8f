"""Extract stage: statements -> figure and event mentions, by a rule grammar whose words are data.

Each mention keeps the text it was read from (number, scale, currency, date phrases) so that the
normalise stage turns words into values in one place; each records the rule that made it. The steps are
modules of their own: find numbers and attach units (numbers.py), qualifiers (qualifiers.py), periods
(periods.py), labels (labels.py), fields (fields.py) and events (events.py); this module runs them in order.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

from factsheet.events import dated_events, example_heading, introduced, resolved, restated
from factsheet.events import event_starts as verb_event_starts
from factsheet.fields import field_figures
from factsheet.labels import _name_changes, _topic, example_names, spelled_labels
from factsheet.limits import NO_DEADLINE, Deadline
from factsheet.mentions import EventMention, FigureMention
from factsheet.model import Statement, Structure
from factsheet.numbers import FINDERS, Reader
from factsheet.periods import Context, _dates, reporting_period
from factsheet.spans import _sentences

ENUMERATED = re.compile(r"\s*(?:\(?(?:[ivx]{1,4}|[a-h]|\d{1,2})\)|\d{1,2}\.)\s")  # "1. ", "(i) ", "a) "


def extract_statement(statement: Statement, antecedent: str = "",
                      lead: str = "") -> tuple[list[FigureMention], list[EventMention]]:
    """Every figure and dated event of one statement; `antecedent` is what 'It' or 'Their' opening it refers to,
    `lead` the clause ending in a dash whose numbered items the statement is."""
    sentences = _sentences(statement.text)
    dates = _dates(statement.text)
    reader = Reader(statement, antecedent, dates, verb_event_starts(statement, dates, sentences), lead)
    for find in FINDERS:
        find(reader)
    figures = sorted(reader.figures, key=lambda f: f.start)
    return _name_changes(figures), dated_events(statement, dates, sentences, figures)


def extract(structure: Structure,
            deadline: Deadline = NO_DEADLINE) -> tuple[list[FigureMention], list[EventMention]]:
    """Every figure and event of a document, in reading order; `deadline` is checked per statement. Each
    statement goes through the grammar of its own language: a bilingual document (English and Chinese lines
    interleaved) is read in both, in one edition, whose `language` stays the dominant one."""
    from factsheet.zh import extract_zh, statement_language

    chinese = [statement_language(s.text, structure.language).startswith("zh") for s in structure.statements]
    if not any(chinese):
        return _extract_english(structure, deadline)
    if all(chinese):  # a Chinese edition: its own grammar, the same mentions
        return extract_zh(structure, deadline)
    english_part = replace(structure, statements=tuple(s for s, zh in zip(structure.statements, chinese) if not zh))
    chinese_part = replace(structure, statements=tuple(s for s, zh in zip(structure.statements, chinese) if zh))
    en_figures, en_events = _extract_english(english_part, deadline)
    zh_figures, zh_events = extract_zh(chinese_part, deadline)
    return _in_reading_order(structure, en_figures + zh_figures), _in_reading_order(structure, en_events + zh_events)


Mention = TypeVar("Mention", FigureMention, EventMention)


def _in_reading_order(structure: Structure, mentions: list[Mention]) -> list[Mention]:
    """Mentions of both grammars merged by statement; a statement's own mentions stay in its grammar's order."""
    order = {id(s): i for i, s in enumerate(structure.statements)}
    return sorted(mentions, key=lambda m: order[id(m.statement)])


def _extract_english(structure: Structure, deadline: Deadline) -> tuple[list[FigureMention], list[EventMention]]:
    """The English grammar over a document's statements: periods from context, antecedents, spelled acronyms."""
    figures: list[FigureMention] = []
    events: list[EventMention] = []
    antecedent, section, lead_in, dash_lead, example = "", None, "", "", False
    annual = structure.published is None or len(structure.published) == 4 or bool(reporting_period(structure.title))
    context = Context(structure.year, reporting_period(structure.title), annual, structure.published or "")
    for statement in structure.statements:
        deadline.check()
        if statement.section != section:
            antecedent, section = "", statement.section
        if statement.kind == "cell":
            from factsheet.cells import cell_figures

            figures.extend(_of_lead_in(cell_figures(statement), context, lead_in))
            continue
        lead_in = statement.text if statement.text.rstrip().endswith(":") else ""
        # "... the employer must pay him paternity leave pay – 1. not later than ...; or 2. ... within 7 days ...":
        # numbered items complete the clause their lead-in ends with a dash
        lead = dash_lead if ENUMERATED.match(statement.text) else ""
        dash_lead = statement.text if statement.text.rstrip().endswith(("–", "—")) else ""
        f, e = extract_statement(statement, antecedent, lead)
        if statement.field:
            f = field_figures(statement, f)
        f = context.apply(statement, f)
        figures.extend(f)
        if not example:  # the paragraph after "Example 31 :" tells a case: its dates are no happenings
            events.extend(resolved(e, structure))
        example = example_heading(statement.text)
        antecedent = _topic(statement.text) or antecedent
    figures = example_names(figures)
    return spelled_labels([s.text for s in structure.statements], figures), introduced(restated(events),
                                                                                  structure.statements)


def _of_lead_in(figures: list[FigureMention], context: Context, lead_in: str) -> list[FigureMention]:
    """Cells whose table names no period of theirs take the period of the sentence that introduces the table
    ('Revenue for the year recorded ... The variances are attributable largely to the following items:'): its own,
    else the period of its paragraph's figures."""
    if not lead_in or all(f.period_text for f in figures):
        return figures
    period = context.lead_in_period(lead_in) or context.period  # else the period its paragraph's figures had
    return [replace(f, period_text=period) if period and not f.period_text else f for f in figures]
