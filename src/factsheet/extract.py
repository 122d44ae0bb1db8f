"""Extract stage: statements -> figure and event mentions, by a rule grammar whose words are data.

Each mention keeps the text it was read from (number, scale, currency, date phrases) so that the
normalise stage turns words into values in one place; each records the rule that made it. The steps are
modules of their own: find numbers and attach units (numbers.py), qualifiers (qualifiers.py), periods
(periods.py), labels (labels.py), fields (fields.py) and events (events.py); this module runs them in order.
"""

from __future__ import annotations

from factsheet.events import dated_events, resolved
from factsheet.events import event_starts as verb_event_starts
from factsheet.fields import field_figures
from factsheet.labels import _name_changes, _topic, spelled_labels
from factsheet.limits import NO_DEADLINE, Deadline
from factsheet.mentions import EventMention, FigureMention
from factsheet.model import Statement, Structure
from factsheet.numbers import FINDERS, Reader
from factsheet.periods import Context, _dates, reporting_period
from factsheet.spans import _sentences
from factsheet.zh import detect_language
from factsheet.zh import extract_statement as extract_zh_statement


def extract_statement(statement: Statement, antecedent: str = "") -> tuple[list[FigureMention], list[EventMention]]:
    """Every figure and dated event of one statement; `antecedent` is what 'It' or 'Their' opening it refers to."""
    sentences = _sentences(statement.text)
    dates = _dates(statement.text)
    reader = Reader(statement, antecedent, dates, verb_event_starts(statement, dates, sentences))
    for find in FINDERS:
        find(reader)
    figures = sorted(reader.figures, key=lambda f: f.start)
    return _name_changes(figures), dated_events(statement, dates, sentences, figures)


def extract(structure: Structure,
            deadline: Deadline = NO_DEADLINE) -> tuple[list[FigureMention], list[EventMention]]:
    """Every figure and event of a document, in reading order; `deadline` is checked per statement."""
    if structure.language.startswith("zh"):  # a Chinese edition: its own grammar, the same mentions
        from factsheet.zh import extract_zh

        return extract_zh(structure, deadline)
    figures: list[FigureMention] = []
    events: list[EventMention] = []
    antecedent, section = "", None
    annual = structure.published is None or len(structure.published) == 4 or bool(reporting_period(structure.title))
    context = Context(structure.year, reporting_period(structure.title), annual)
    for statement in structure.statements:
        deadline.check()
        if statement.section != section:
            antecedent, section = "", statement.section
        if statement.kind == "cell":
            from factsheet.cells import cell_figures

            figures.extend(cell_figures(statement))
            continue
        if detect_language(statement.text).startswith("zh"):  # a Chinese statement of a bilingual edition
            f, e, _ = extract_zh_statement(statement, structure.year)
            figures.extend(f)
            events.extend(e)
            continue
        f, e = extract_statement(statement, antecedent)
        if statement.field:
            f = field_figures(statement, f)
        f = context.apply(statement, f)
        figures.extend(f)
        events.extend(resolved(e, structure))
        antecedent = _topic(statement.text) or antecedent
    return spelled_labels([s.text for s in structure.statements], figures), events
