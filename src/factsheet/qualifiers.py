"""Extract step: the qualifier of a figure ("about", "over", "up to", "or more") and the span it widens to."""

from __future__ import annotations

import re
from functools import cache

from factsheet.grammar import alternation, phrase_map, tables, words
from factsheet.patterns import DIGITS, figure_tables, patterns
from factsheet.spans import LOOKBACK, _ends_before, _sentence_of, _sentences


def _qualifier(text: str, start: int, end: int, kind: str) -> tuple[str, int, int]:
    """Qualifier word before (or after) a figure, and the figure's span widened to include it."""
    table = _qualifier_table()
    weak = tables()["weak_qualifiers"]
    window = max(0, start - 40)  # the longest qualifier phrase fits
    m = patterns()["qualifier_before"].search(text[window:start])
    if m:
        word = re.sub(r"\s+", " ", m.group("q").lower())
        at = window + m.start("q")
        verb = _ends_before(r"(\w+)\s+$", text, at)
        after_verb = bool(verb) and verb.group(1).lower() in _weak_qualifier_verbs()
        # "an improvement over 1.5 per cent in 2012": "over" compares, it bounds nothing
        compares = word == "over" and bool(verb) and verb.group(1).lower() in comparison_words()
        # "bringing about $175.4 billion", "round up to 3 days": the verb's particle, no qualifier
        particle = bool(verb) and verb.group(1).lower() in particle_verbs(word)
        negated = bool(verb) and verb.group(1).lower() == "not"  # "shall not exceed 120 days": a bound noun's
        if (kind in weak.get(word, [kind]) or after_verb) and not compares and not particle and not negated:
            return table[word], at, end
    m = patterns()["qualifier_after"].match(text[end : end + 20])
    if m:
        word = re.sub(r"\s+", " ", m.group("q").lower())
        return table[word], start, end + m.end("q")
    m = patterns()["qualifier_after_noun"].match(text[end : end + 60]) if kind in ("count", "duration") else None
    if m:  # "500 flats or more": the bound spans its noun
        return table[re.sub(r"\s+", " ", m.group("q").lower())], start, end
    return _governing_bound(text, start) or _list_qualifier(text, start, kind) or _range_qualifier(text, start, kind) \
        or _lead_bound(text, start) or "exact", start, end


@cache
def _qualifier_table() -> dict[str, str]:
    """Qualifier phrases before and after a figure -> their meaning, merged once (every figure asks)."""
    return {**phrase_map("qualifiers"), **phrase_map("trailing_qualifiers")}


@cache
def _weak_qualifier_verbs() -> frozenset[str]:
    """Verbs after which a weak qualifier ('over') bounds any kind of figure."""
    return frozenset(words("weak_qualifier_verbs"))


ITEM = r"(?:\(?(?:[ivx]{1,4}|[a-h]|\d{1,2})\)|\d{1,2}\.)"  # "(i)", "a)", "1."
ITEM_BEFORE = re.compile(rf"{ITEM}\s*$", re.I)


@cache
def _lead_bounds() -> re.Pattern[str]:
    """A lead clause's time limit and its dash, then the numbered items before the figure (grammar [lead_bounds])."""
    bounds = [(kind, alternation(phrases)) for kind, phrases in figure_tables()["lead_bounds"].items()]
    lead = "|".join(rf"(?P<{kind}>\b(?:{phrases})\b)" for kind, phrases in bounds)
    return re.compile(rf"(?:{lead})[^.;:–—\d]{{0,80}}[–—:]\s*(?:{ITEM}[^.;]{{0,200}};\s*(?:(?:or|and)\s+)?)*{ITEM}\s*$",
                      re.I)


def _lead_bound(text: str, start: int) -> str:
    """The bound a lead clause sets on the numbered item the figure opens ('within the following period – (i) 12
    months after ...'); '' when none does."""
    if not ITEM_BEFORE.search(text, max(0, start - 12), start):
        return ""  # a cheap test first: most figures open no numbered item
    a = _sentence_of(_sentences(text), start)[0]
    m = _lead_bounds().search(text, max(a, start - 400), start)
    return next((kind for kind, value in m.groupdict().items() if value), "") if m else ""


def _list_qualifier(text: str, start: int, kind: str) -> str:
    """The qualifier written before the first item of a bare list of figures, which governs every item: "by around
    50% and 30% respectively", "about $1 billion, $2 billion and $3 billion". Only figures and the list's commas and
    'and' may stand between the qualifier and this figure; '' when none does."""
    m = patterns()["list_qualifier"].search(text, max(0, start - 90), start)
    if not m or m.end() != start:
        return ""
    word = re.sub(r"\s+", " ", m.group("q").lower())
    if kind not in tables()["weak_qualifiers"].get(word, [kind]):
        return ""
    return phrase_map("qualifiers")[word]


@cache
def _range_near_end() -> re.Pattern[str]:
    """A qualifier and a bare number (no unit of its own) ending in a range's 'to' or dash."""
    number = rf"(?:{DIGITS}|\b(?:{patterns()['word_number'].pattern})\b)"
    return re.compile(rf"(?<![\w])(?P<q>{alternation(phrase_map('qualifiers'))})\s+{number}\s*(?:to|-|–)\s*$", re.I)


def _range_qualifier(text: str, start: int, kind: str) -> str:
    """The qualifier written before a range's near end, which bounds its far end too: "within two to three years",
    "about 15 to 20 days" (heldout3's "about X to Y"); '' otherwise, and after "from" ("from about 5 to 10": a
    change's two values, not one range)."""
    if not RANGE_TO.search(text, max(0, start - 4), start):
        return ""  # a cheap test first: most figures end no range
    m = _range_near_end().search(text, max(0, start - 60), start)
    if not m or re.search(r"\bfrom\s+$", text[max(0, m.start() - 6) : m.start()], re.I):
        return ""
    word = re.sub(r"\s+", " ", m.group("q").lower())
    return phrase_map("qualifiers")[word] if kind in tables()["weak_qualifiers"].get(word, [kind]) else ""


RANGE_TO = re.compile(r"(?:\bto|[-–])\s*$")


@cache
def particle_verbs(word: str) -> frozenset[str]:
    """Verbs after which `word` ("about", "up to") is their particle; none for other qualifiers."""
    table = figure_tables().get("particle_" + word.replace(" ", "_"), {})
    return frozenset(table.get("verbs", ()))


@cache
def comparison_words() -> frozenset[str]:
    """Words after which "over" compares rather than bounds."""
    return frozenset(figure_tables()["comparison_over"]["words"])


def _governing_bound(text: str, start: int) -> str:
    """The bound a noun before the figure sets on it and on every figure of its list: "a maximum penalty of (1) a
    fine of $5,000 and (2) imprisonment for six months", "a monthly cap of $20,000 and $12,500 respectively",
    "maximum annual funding ... from $4 million to $8 million". Only figures, list numbers and the words of
    bound_reach may stand between the noun and the figure; '' when no bound noun governs it."""
    sentence = _sentence_of(_sentences(text), start)[0]
    a = max(sentence, start - LOOKBACK)
    found = [m for m in patterns()["bound_noun"].finditer(text, a, start)]
    if not found:
        return ""
    subject = _bound_subject().match(text, sentence)
    if subject and (subject.end() == start or SECOND_OF_RANGE.fullmatch(text, subject.end(), start)) \
            and subject.start("noun") in [m.start() for m in found]:
        return _bound_of(subject.group("noun"))  # "The maximum FRT concession for e-PCs ... will be raised to $287,500"
    noun = found[-1]
    between = text[noun.end() : start]
    if re.fullmatch(r"(?:\s+[A-Za-z][\w-]*){0,3}\s*:\s*", between):
        return _bound_of(noun.group(0))  # "Maximum accumulation: 36 days": a bound's name, its value after the colon
    if re.search(r"[;:.!?]\s", between + " ") and not re.fullmatch(r"[^;:!?]*", between):
        return ""
    between = RESTATING.sub(" , ", between)  # "not exceed 2/3 of $22,500 (i.e. $15,000)": the same bound restated
    reach = _reach_words()
    if any(w.lower() not in reach for w in re.findall(r"[A-Za-z]+", between)) or not _coordinated(between):
        return ""
    return _bound_of(noun.group(0))


# "(i.e. ", "(that is ": a bracket restating the figure before it, under the same bound
RESTATING = re.compile(r"\(\s*(?:i\.\s?e\.?|that\s+is|namely)[\s,]*", re.I)
LIST_NUMBER = re.compile(r"\(\s*(?:\d{1,2}|[ivx]{1,4}|[a-h])\s*\)", re.I)
# after a figure the bound governs, what brings in the next one: a list's "and", "or" or comma, a range's "to", or
# "of" ("2/3 of $22,500"); "$15,000 for the 12 months" names the time of the bounded amount, which is no bound
COORDINATING = re.compile(r"\b(?:and|or|to)\b|[,/–-]|^\s*of\s*$", re.I)


def _coordinated(between: str) -> bool:
    """Whether the figure after `between` is one more item the bound governs: no figure stands between the noun
    and it, or the last one is joined to it by a list's or range's word (list numbers "(2)" are no figures)."""
    between = LIST_NUMBER.sub(" ", between)
    last = re.search(r"\d(?=\D*$)", between)
    return not last or bool(COORDINATING.search(between[last.end() :]))
SECOND_OF_RANGE = re.compile(r"\S+(?:\s+[a-z]+)?\s+to\s+")  # "... increased from [$4 million to ]$6 million"


@cache
def _bound_subject() -> re.Pattern[str]:
    """A sentence whose subject a bound noun opens, up to the figure its predicate gives it: 'The maximum FRT
    concession for e-PCs under the Scheme will be raised correspondingly to ', 'The funding ceiling for each
    enterprise will be increased from ' (a noun may name what is bounded before it)."""
    nouns = alternation(n for nouns in figure_tables()["bound_nouns"].values() for n in nouns)
    names = alternation(figure_tables()["bound_names"]["words"])
    return re.compile(rf"[\W\d]*(?:the\s+)?(?:[a-z][\w-]*\s+)?(?!{names})(?P<noun>{nouns})\s[^,;:.!?\d$]{{0,120}}?\b"
                      r"(?:is|are|was|were|will\s+be|shall\s+be|has\s+been|have\s+been)\s+(?:[a-z]+ly\s+)?(?:(?:raised|increased|reduced|lowered|"
                      r"adjusted|revised|set|fixed)\s+(?:[a-z]+ly\s+)?(?:to|at|from)\s+)?(?:about\s+)?", re.I)


def _reach_words() -> frozenset[str]:
    """Words that may stand between a bound noun and its figures: bound_reach, scales, currency words."""
    t = tables()
    return frozenset([*figure_tables()["bound_reach"]["words"], *t["scales"], "hk", "us", "rmb", "dollars", "per",
                      "cent", "percent", "million", "billion"])


def _bound_of(noun: str) -> str:
    """upper_bound or lower_bound for a bound noun as written ("maximum", "not exceed")."""
    phrase = re.sub(r"\s+", " ", noun.lower())
    return next(kind for kind, nouns in figure_tables()["bound_nouns"].items() if phrase in nouns)
