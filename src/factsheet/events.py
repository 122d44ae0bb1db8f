"""Extract step: events, the dated happenings of a statement, by a grammar whose words are data (events.toml).

A date phrase is an event when a verb of happening governs it ("launched in 2001", "took effect on 1 June
2023"); a date that only frames a statistic, a target or a status ("as at end-2023") is none.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from functools import cache
from pathlib import Path
from typing import Any

from factsheet.grammar import alternation
from factsheet.labels import _context_label, _shorten, _tidy, _topic, _uncap
from factsheet.mentions import EventMention
from factsheet.model import Statement
from factsheet.periods import _Date
from factsheet.spans import LOOKBACK, Spans, _clause, _compiled, _ends_before, _sentence_of, _starts_at

GRAMMAR = Path(__file__).with_name("grammar") / "events.toml"


@cache
def grammar() -> dict[str, Any]:
    """The event tables of events.toml, parsed once per process."""
    with GRAMMAR.open("rb") as f:
        return tomllib.load(f)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The event regexes, compiled once from events.toml."""
    g = grammar()
    return {
        "event_verb": re.compile(rf"\b(?:{alternation(g['event_verbs']['words'])})\b", re.I),
        "not_event": re.compile(rf"\b(?:{alternation(g['not_event_markers']['words'])})\s+$", re.I),
    }


def dated_events(statement: Statement, dates: list[_Date], sentences: Spans) -> list[EventMention]:
    """A date phrase introduced by in/on/since or opening the sentence, in a clause with an event verb."""
    text = statement.text
    p = _patterns()
    events = []
    date_ends = [d.end for d in dates]

    @cache
    def says(pattern: str, a: int, b: int) -> bool:
        """Whether text[a:b] (a sentence: asked once per date) holds the pattern."""
        return bool(_compiled(pattern, re.I).search(text, a, b))

    for d in dates:
        at = d.start
        a0, b0 = _sentence_of(sentences, d.start)
        starts_from = d.base and _ends_before(r"\bfrom\s+(?:the\s+)?$", text, at, re.I) and not says(
            r"%|per\s?cent|\b(?:up|down|rose|fell|increase|decrease|grew|growth)\b", a0, b0)
        # "since its launch in 1998"
        since_in = d.base and _ends_before(r"\bsince\b[^\d]{0,50}\bin\s+$", text, at, re.I)
        # "linked to the US dollar since 17 October 1983": a day or month something has held since is when it began
        since_day = d.base and d.kind in ("day", "month") and _ends_before(r"\bsince\s+$", text, at, re.I)
        if (d.base and not (starts_from or since_in or since_day)) or d.name_year:
            continue
        if says(r"\b(?:totalled|totaled|amounted\s+to|stood\s+at|came\s+to)\b", a0, b0):
            continue  # "In 2023, debt issued in Hong Kong totalled US$50 billion": a statistic, not a happening
        if _ends_before(p["not_event"], text, at) and not since_day:
            continue
        intro = _ends_before(r"\b(in|on|since|from|by|during)\s+(?:the\s+)?(?:end\s+of\s+)?$", text, at, re.I)
        if not intro:
            continue
        done = r"\b(?:complet\w*|commission\w*|open\w*|launch\w*|ready|finish\w*)\b"
        if intro.group(1).lower() == "by" and not re.search(done, text[max(a0, d.start - 60) : d.start], re.I):
            continue  # "aims to attract 200 offices by the end of 2025": a target, not a happening
        a, b = _sentence_of(sentences, d.start)
        if not says(p["event_verb"].pattern, a, b) and not since_day:
            continue
        ca, cb = _clause(text, d.start, d.end)
        clause_verb = p["event_verb"].search(text[ca:cb])
        opening = d.start - a <= LOOKBACK and text[a : d.start].strip().lower() in ("in", "on", "since", "from")
        if not clause_verb and not since_day and not opening:
            # the date stands apart ("X opened Y, its eighth area, in 2023"): the verb comes before it,
            # with no other date between them
            i = bisect_right(date_ends, d.start) - 1
            since = max(a, date_ends[i]) if i >= 0 else a
            if not p["event_verb"].search(text[since : d.start]):
                continue
        start = intro.start(1)
        sentence = text[a:b]
        label = _tidy(_context_label(sentence, start - a, d.end - a, []))
        if not label:  # "In 2020, the Blueprint presented ...": the date is a clause of its own
            after = _starts_at(r"\s*,?\s*([^,;]{1,400})", sentence, d.end - a)
            label = _tidy(after.group(1)) if after else ""
        if (len(label.split()) < 3 or re.match(r"[A-Za-z]+(?:ed|ing)\b", label)) and (topic := _topic(sentence)):
            if topic.lower() not in label.lower():
                label = f"{topic} {_uncap(label)}"  # "Geospatial Lab" + "established"
        events.append(EventMention(statement, start, d.end, _shorten(label), "event-dated-verb"))
    return events
