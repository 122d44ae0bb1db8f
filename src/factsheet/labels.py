"""Extract step: the label of each figure, a phrase that says what it measures.

Built from the clause around the figure, the sentence's topic (its subject, or the words before a colon), the
noun a count counts, and the figures before it (a change measures the figure it follows). All label building
lives here so the rules can be replaced together.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from factsheet.formulas import bare_operand, formula_label
from factsheet.grammar import alternation, phrase_map, tables, words
from factsheet.mentions import FigureMention, _Placed
from factsheet.phrases import (
    _capital,
    _np_end_at,
    lexicon,
    measured,
    phrase,
    sized_object,
    spell_out,
    spelled_out,
    tokens,
)
from factsheet.spans import (
    CLAUSE_REACH,
    LOOKBACK,
    TOPIC_REACH,
    Spans,
    _clause,
    _compiled,
    _ends_before,
    _sentence_of,
    _sentences,
    _starts_at,
)
from factsheet.tables import NOTE_REF

FUNCTION_WORDS = frozenset(
    "the a an in on at by for with over about around some nearly and of all its their these those our "
    "total only another each every this that since from as to up under more less than almost".split()
)
RANKING_NOUNS = tuple(words("ranking_nouns"))
RESTATED = re.compile(r",\s*(?:equivalent\s+to|or)\s+(?:about\s+|some\s+)?$")
ACRONYM_AFTER_NAME = re.compile(  # a name of at most 16 words: a run of capitals is not rescanned from each
    r"(?:[A-Z][\w&’'-]*,?\s+(?:(?:and|of|for|the|&|on|to|by)\s+)*){1,16}\(([A-Z][A-Za-z&+]{1,9}(?:\s[A-Z]\w{1,9})?)\)"
)
RELATIVE_OWNER = re.compile(r"(?:in|of|for|at|on|by)\s+(?:the\s+)?([\w\s-]{3,40}?),\s+(?:which|that)\s+\S+\s*$")
LEADING_PHRASE = re.compile(
    r"^(?:In|As\s+at|As\s+of|By|Since|At|On|During|From|Over|Through|With|Under|After|For|To|Following)\b[^,]{0,60},\s*")
AUX = frozenset(words("auxiliaries"))

# (?<!\s) again: each run of spaces is tried once, from its start
LEADER_DOTS = re.compile(r"(?:(?<!\s)\s+)?(?:\.{3,}|…+|·{3,}|_{3,})\s*")
SPACE_BEFORE_STOP = re.compile(r"(?<!\s)\s+([,.;:)])")
# pictographs, arrows, box-drawing rules and dingbats a layout sets as bullets or signs ("🔹", "📌", "➡", "─"): no
# words of a label
GLYPHS = re.compile(r"[\U0001F000-\U0001FAFF\u2190-\u21FF\u2500-\u27BF\u2B00-\u2BFF]\uFE0F?")


# "First-hand units can (be offered)": a modal verb left at a label's end once what it governs is gone; lower-case
# only, as the month "May" may end a label
TRAILING_MODAL = re.compile(r"(?<!\s)\s+(?:can|cannot|may|might|could|must|will|would|shall|should)$")


@lru_cache(maxsize=4096)  # a label is tidied again by each step that builds on it (shortening, parts, nouns)
def _tidy(label: str) -> str:
    """A label without quotes, leaders, glyphs, note references, an opening article or a trailing verb."""
    label = re.sub(r"[“”\"]", "", label)
    label = LEADER_DOTS.sub(" ", label)  # a table row's dot leader
    label = GLYPHS.sub(" ", label)
    label = SPACE_BEFORE_STOP.sub(r"\1", label)
    label = NOTE_REF.sub("", label)  # "Expenditure (Note 2)": a pointer to a note, not part of what is measured
    label = re.sub(r"\(\s*\)", "", label)
    label = re.sub(r"\s+", " ", label).strip(" ,;:.–—-*")  # "*": a footnote mark
    label = re.sub(r"^(?:i\.e\.|e\.g\.)\s*", "", label, flags=re.I)  # a gloss's marker never opens a label
    label = re.sub(r"^(?:the|a|an|and|or|but|which|that|who|where)\s+", "", label, flags=re.I)
    trailing = _trailing_verb()
    while trailing.search(label) or TRAILING_MODAL.search(label):
        label = TRAILING_MODAL.sub("", trailing.sub("", label)).rstrip(" ,;:")
    label = _particle_up().sub(r"\1", label)  # "round up (to 3 days)": the verb says it, its particle nothing
    return label[:1].upper() + label[1:]


@lru_cache(maxsize=1)
def _trailing_verb() -> re.Pattern[str]:
    """A verb left at a label's end once what it governs is gone (grammar [label_trailing_verbs])."""
    return re.compile(rf"(?<!\s)\s+(?:{alternation(words('label_trailing_verbs'))})$", re.I)


@lru_cache(maxsize=1)
def _particle_up() -> re.Pattern[str]:
    from factsheet.patterns import figure_tables

    return re.compile(rf"\b({alternation(figure_tables()['particle_up_to']['verbs'])})\s+up$", re.I)


def _uncap(word: str) -> str:
    """'Areas' -> 'areas' but 'TEUs' and 'Wi-Fi.HK' stay: undo a label's capital, never a name's."""
    first = word.split(" ", 1)[0]
    return word[:1].lower() + word[1:] if first[1:].islower() else word


def _cased_as_written(mended: str, part: str) -> str:
    """A later part's first word in the case the text wrote it: 'Languages: English' keeps its capital, while a
    capital that tidying gave ('I forecast revenue' -> 'Revenue') goes."""
    first = mended.split(" ", 1)[0]
    written = re.search(rf"(?<!\w){re.escape(first)}(?!\w)", part, re.I)
    return _uncap(mended) if written is None or written.group(0)[:1].islower() else mended


def _shorten(label: str, limit: int = 80) -> str:
    """At most `limit` chars, cut at a word and without a dangling function word."""
    label = _tidy(label)
    if len(label) <= limit:
        return label
    cut = label[:limit + 1].rsplit(" ", 1)[0]
    while True:
        head, _, last = cut.rpartition(" ")
        if head and last.lower() in FUNCTION_WORDS | {"to", "its", "their", "which", "who"}:
            cut = head
            continue
        if head and head.rpartition(" ")[2].lower() in ("a", "an", "the"):  # "... or the main" cut from its noun
            cut = head.rpartition(" ")[0] or cut
            if cut != head:
                continue
        return _tidy(cut)[:limit]


def _acronym_subject(text: str) -> str:
    """'The Hong Kong Science and Technology Parks Corporation (HKSTPC) has' -> 'HKSTPC has'."""
    return ACRONYM_AFTER_NAME.sub(r"\1", text)


def _resolve_anaphora(clause: str, statement: str, clause_start: int) -> str:
    """'the Scheme' -> the Scheme's full name given earlier in the same bullet."""
    def named(m: re.Match[str]) -> str:
        noun = m.group(1)
        full = _compiled(rf"((?:[A-Z][\w&’'-]*\s+){{1,12}}{noun})\b").findall(
            statement, max(0, clause_start - 5 * LOOKBACK), clause_start)
        return full[-1] if full else m.group(0)

    return re.sub(r"\bthe\s+(Scheme|Fund|Programme|Program|Platform|Centre|Hub|Park|Index|Initiative|Project)\b",
                  named, clause)


def _name_after(text: str, end: int) -> str:
    """A proper name right after an amount: '$2 billion Innovation and Technology Venture Fund (ITVF)'."""
    m = _starts_at(
        r"\s+[“\"]?((?:[A-Z0-9][\w&’'@.+-]*[”\"]?,?\s+(?:(?:and|of|for|in|on|the|&)\s+)*){0,12}"
        r"(?:Fund|Programme|Program|Scheme|Initiative|Project|Centre|Center|Hub|Plan|Platform|Park|"
        r"Grant|Account|Facility|Lab|Laboratory|Award|Prize|Strategy|Foundation|Trust|Reserve|Budget|Loan)s?"
        # "... Fund on Branding, Upgrading and Domestic Sales", "... Scheme to Support Transitional Housing"
        r"(?:\s+(?:on|for|to|of|by)\s+(?:[A-Z][\w&’'-]*,?\s+(?:(?:and|of|for|in|on|the|&|by)\s+)*){0,12}"
        r"[A-Z][\w&’'-]*)?)"
        r"(?:\s+\(([A-Z][\w&+ ]{1,12})\))?",
        text, end,
    )
    if not m:
        return ""
    name = m.group(1).replace("”", "").replace("“", "").replace('"', "")
    return f"{name} ({m.group(2)})" if m.group(2) else name


def _context_label(text: str, start: int, end: int, drops: list[tuple[int, int]], kind: str = "") -> str:
    """The clause around a figure with the figure, dates and tense words taken out. For a figure (`kind` given)
    no word is left hanging where they were: each gap is closed by the figure's own noun ("a fall of F in
    exports" -> "a fall in exports"), by what its kind measures ("injected an additional F into" -> "an
    additional amount into"), or with the preposition that governed it ("the balance of F at March 31")."""
    a, b = _clause(text, start, end)
    pieces = []
    pos = a
    for s, e in sorted([(start, end), *[d for d in drops if a <= d[0] and d[1] <= b]]):
        if s >= pos:
            pieces.append(text[pos:s])
            if kind:
                pieces.append(HOLE + (_span_noun(text[start:end]) or kind if (s, e) == (start, end) else ""))
            pos = e
    pieces.append(text[pos:b])
    clause = " ".join(pieces)
    clause = re.sub(r"\b(?:in|as\s+at|as\s+of|by|since|on)\s+(?=\s|[,.;]|$)", " ", clause, flags=re.I)
    clause = _resolve_anaphora(clause, text, a)
    clause = _acronym_subject(clause)
    kept = [w for w in clause.split() if w.lower() not in AUX]
    return " ".join(_closed_gaps(kept)) if kind else " ".join(kept)


HOLE = "\x00"  # where a figure or a date was taken out of a clause (followed by what may fill it)
KIND_NOUNS = {"money": "amount", "count": "number", "duration": "period", "rank": "rank", "ratio": "ratio"}


def _span_noun(span: str) -> str:
    """The noun a figure's own words hold before its number ("fall of 10.4 per cent" -> "fall")."""
    m = re.match(r"([a-z]+)\s+(?:of|by)\s+", span)
    heads = _measure_heads()
    return m.group(1) if m and m.group(1) in heads else ""


@lru_cache(maxsize=1)
def _measure_heads() -> frozenset[str]:
    """Nouns of change and measure ("fall", "growth", "increase") from the chunker's tables."""
    measure = lexicon()["measure"]
    return frozenset([*measure["generic_heads"], *(v for v in measure["change"].values() if v and " " not in v)])


def _closed_gaps(words: list[str]) -> list[str]:
    """Close each gap HOLE left in a clause's words so no word hangs on nothing (see _context_label)."""
    closed = lexicon()["closed"]
    prepositions = frozenset(closed["preposition"]) - {"up", "down", "out", "off"}
    articles = frozenset(closed["determiner"])
    out: list[str] = []
    for i, word in enumerate(words):
        if not word.startswith(HOLE):
            out.append(word)
            continue
        fill = word[1:]
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        open_after = not nxt or nxt.startswith(HOLE) or nxt in prepositions | AUX | {"and", "or", "but", "than"} \
            or not nxt[:1].isalnum()
        if fill and fill not in KIND_NOUNS and fill != "percent":  # the figure's own noun: "fall", "growth"
            out.append(fill)
            continue
        before = out[-1].lower() if out else ""
        adjectives = 0
        while len(out) > adjectives + 1 and re.fullmatch(r"[a-z][\w-]*", out[-1 - adjectives]) \
                and out[-1 - adjectives].lower() not in articles | prepositions and adjectives < 2:
            adjectives += 1
        after_article = len(out) > adjectives and out[len(out) - 1 - adjectives].lower() in articles
        if fill == "percent" and nxt == "of":
            out.append("a share" if not after_article else "share")  # "accounted for F of arrivals"
        elif before in prepositions and open_after and not after_article:
            out.pop()  # "the balance of F at March 31", "rose from F to": the figure's own adjunct goes with it
        elif fill and after_article and open_after:
            out.append("rate" if fill == "percent" else KIND_NOUNS.get(fill, "amount"))  # "an additional F into"
    return out


# determiners that only point or possess: a label drops them ("the amount"), unlike those that say how many or
# which ("other information", "all banks", "no fee")
BARE_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our", "my",
                              "your", "such", "whose"})
SPEAKERS = frozenset({"i", "we", "it", "they", "he", "she", "you", "this", "these", "those", "its", "their"})
CONNECTIVE = re.compile(r"^\d{1,3}\.(?:\s+|(?=[A-Z]))"  # a paragraph's number
                        r"|^(?:As|Despite|Amidst|Amid|Given|Although|Though|While|When|If|Once|Because|Unlike|Like|Besides|"
                        r"Including|Excluding|Following|Apart\s+from|Hit|Having|Balancing|Compared|Such\s+as)\b"
                        r"[^,]{0,80},(?:\s*(?:19|20)\d\d,)?\s*|^Such\s+as\s+")


@lru_cache(maxsize=4096)
def _as_phrase(label: str) -> str:
    """A label's head made a noun phrase: what opens it with no noun of its own goes (a connective, a
    preposition, a pronoun subject and its verb, a bare verb and its particle): 'Setting aside the amount for
    X' -> 'Amount for X', 'This will involve an expenditure' -> 'Expenditure', 'Increase the maximum amount of Y'
    -> 'Maximum amount of Y'. A label that would lose every word stays as it is."""
    text = CONNECTIVE.sub("", label)
    toks = tokens(text)
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < n else None
        name = t.text.isupper() and len(t.text) > 1  # "US", "IT": names, not pronouns
        if t.low in SPEAKERS and not name or t.tag in ("MD", "CC", "IN") and t.low not in ("up",) \
                or t.tag == "PRP" and not name:
            i += 1  # "It", "This", "to a fine", "with both"; "I forecast that": the verb goes next
            continue
        verb = t.tag in ("VB", "VBG") or t.tag == "VED" and nxt is not None and nxt.tag in ("IN", "DT", "RB") \
            or t.tag == "V/N" and nxt is not None and nxt.tag == "DT" and i == 0
        if verb and nxt is not None and (i > 0 and toks[i - 1].low in SPEAKERS or t.tag != "V/N" or i == 0):
            i += 1
            while i < n and (toks[i].low in ("aside", "up", "out", "off", "that") or toks[i].tag == "RB"):
                i += 1
            continue
        if t.text in (",", "-", "–") and i:
            i += 1
            continue
        break
    while i + 1 < n and toks[i].low in BARE_DETERMINERS and toks[i + 1].tag not in ("CC", "IN", "MD"):
        i += 1  # "the amount", but "other or none" and "Other information" stay
    if i >= n or not any(t.tag in ("NN", "NNP", "V/N", "JJ", "CD") for t in toks[i:]):
        return label
    rest = text[toks[i].start :] if toks else text
    return rest[:1].upper() + rest[1:] if rest[:1].islower() and not rest.split(" ", 1)[0][1:2].isupper() else rest


@lru_cache(maxsize=4096)
def _phrased(label: str) -> str:
    """Each part of a label ('Owner: thing (unit)') made a noun phrase (see _as_phrase); a part repeating the one
    before it goes ('Suffrage: Suffrage: members')."""
    unit = re.search(r"\s\([^()]*\)$", label)
    body = label[: unit.start()] if unit else label
    parts = [p for p in body.split(": ") if not re.fullmatch(r"\s*(?:e\.g|i\.e)\.?\s*", p, re.I)] or [body]
    out: list[str] = []
    for n, part in enumerate(parts):
        if n and re.match(r"(?:from|by)\s", part):  # a breakdown: "emissions: from coal", "Marine: by type"
            mended = part
        else:
            mended = _tidy(_unhung(_as_phrase(part))) or part
            if len(parts) > 1 and not _has_noun_head(mended):
                continue  # "This will involve: waiving: water charges": parts with no noun of their own go
        if out and mended.lower() == out[-1].lower():
            continue
        out.append(_cased_as_written(mended, part) if out else mended)
    return ": ".join(out) + (unit.group(0) if unit else "") if out else label


@lru_cache(maxsize=4096)
def _unhung(part: str) -> str:
    """A part without a verb left hanging at its end with its object gone ('... trainees annually and incur')."""
    toks = tokens(part)
    if len(toks) > 3 and toks[-2].low in ("and", "or") and toks[-1].tag == "VB":
        return part[: toks[-2].start].rstrip(" ,")
    return part


@lru_cache(maxsize=4096)
def _has_noun_head(part: str) -> bool:
    """A part that opens on a word that may head or start a noun phrase (not a pronoun, verb or function word)."""
    toks = tokens(part)
    if not toks or toks[0].text.isupper() and len(toks[0].text) > 1:
        return bool(toks)  # "US dollar index", "IT": a name, not a pronoun
    return toks[0].tag not in ("IN", "CC", "MD", "VB", "VBG", "PRP") and toks[0].low not in SPEAKERS


def _topic(text: str) -> str:
    """What a sentence is about: words before its first colon, else its subject's proper name.

    Said in its first TOPIC_REACH chars; cached, as every figure of a sentence asks.
    """
    return _topic_of(text[:TOPIC_REACH])


@lru_cache(maxsize=1024)
def _topic_of(text: str) -> str:
    """The topic, made a noun phrase: no connective, pronoun or bare verb opens it ('As from July 1, 2016, the
    Future Fund' -> 'Future Fund'; 'I', 'Such', 'Promote' are no topics)."""
    topic = _tidy(_as_phrase(_raw_topic(CONNECTIVE.sub("", text))))
    toks = tokens(topic) if topic else []
    if len(toks) > 1 and toks[0].low in ("any", "every", "each") and toks[1].tag in ("NN", "JJ"):
        topic = _capital(topic[toks[1].start :])  # "Any probation period, subject to ..., is excluded": its thing
        toks = toks[1:]
    if not toks or not (toks[0].text.isupper() and len(toks[0].text) > 1) and (
            toks[0].tag in ("IN", "CC", "MD", "DT", "VB", "VBG", "PRP") or toks[0].low in SPEAKERS):
        return ""
    return topic


def _raw_topic(text: str) -> str:
    m = re.match(r"([^:;.]{3,60}):\s", text)
    if m:
        return m.group(1)
    text = _acronym_subject(LEADING_PHRASE.sub("", text))
    # amounts are figures of their own, not part of what the sentence is about
    text = re.sub(r"(?:(?:[A-Z]{0,3}\$|RMB\s?)[\d.,]+|\d[\d.,]*\s*(?:million|billion|trillion|mn|bn)\b"
                  r"|\b\d{1,3}(?:[, ]\d{3})+\b)(?:\s*(?:million|billion|trillion|mn|bn)\b)?\s*", "", text)
    verbs = alternation(words("subject_verbs"))
    # a subject ends on no preposition or article ("the number of days of paid leave": 'paid' is no verb there)
    m = re.match(rf"(?:the\s+|The\s+)?([^,;:()]{{3,60}}?)(?<!\bof)(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bto)(?<!\bfor)"
                 rf"(?<!\bin)(?<!\bwith)(?<!\bby)(?<!\band)(?:,[^,]{{3,80}},)?\s+(?:(?:now|currently|also|already|still|"
                 rf"further|together)\s+)?(?:{verbs})\b", text)
    if m and not re.search(r"[$%]|^(?:There|It|This|These|They|Some|About|Around|Over|Nearly)$", m.group(1)):
        return " ".join(w for w in m.group(1).split() if w.lower() not in AUX)
    if re.match(r"(?:Some|About|Around|Over|Nearly|Almost|Up|In|On|At|By|More|Less|There|It|This|These|They|With|"
                r"For|To|Of|From|Under|After|Which|And|Or|But|Apart|Besides|Except)\b",
                text):
        return ""
    first = re.match(r"(?:An?|The)\s+([a-z][^,;:()]{8,}?)\s*(?:,|$)", text)
    if first and not re.search(rf"\b(?:{verbs})\b", first.group(1)):
        # a bullet with no verb ("An extra half-month allowance for ..., involving about $4.4 billion")
        return _shorten(first.group(1), 60)
    m = re.match(r"(?:the\s+|The\s+)?((?:[A-Z][\w&’'.@-]*\s*(?:(?:of|for|and|&)\s+(?=[A-Z]))?)+)", text)
    return m.group(1).strip() if m else ""


def _sentence_topic(text: str, sentences: Spans, pos: int) -> str:
    """What the sentence holding pos is about (only its head is copied)."""
    a, b = _sentence_of(sentences, pos)
    return _topic(text[a : min(b, a + TOPIC_REACH)])



def _ranking_name(sentence: str, at: int | None = None) -> str:
    """The ranking a rank belongs to: the proper name holding 'Index', 'Ranking', 'Report'... nearest before
    the rank at `at` (else the first), or the sentence's subject."""
    names = _ranking_names(sentence)
    if names:
        before = [n for s, n in names if at is None or s < at]
        return before[-1] if before else names[0][1]
    return _topic(sentence)


@lru_cache(maxsize=64)
def _ranking_names(sentence: str) -> tuple[tuple[int, str], ...]:
    """(start, name) of the proper names in a sentence that hold a ranking noun (cached: each rank asks)."""
    lead = re.match(r"(?:In|According to|Under)\s+(?:the\s+)?", sentence)
    names = []
    for m in re.finditer(r"(?:[A-Z][\w&’'.-]*\s+(?:(?:of|for|and|&|the|on)\s+)*)*[A-Z][\w&’'.-]*(?:\s+(?:19|20)\d\d)?",
                         sentence[lead.end() if lead else 0 :]):
        if any(re.search(rf"\b{n}\b", m.group(0)) for n in RANKING_NOUNS):
            name = re.sub(r"^.*?[’']s\s+(?=[A-Z])", "", m.group(0)) if len(m.group(0)) > 50 else m.group(0)
            names.append((m.start() + (lead.end() if lead else 0), name))
    return tuple(names)


def _window(text: str, sa: int, sb: int, start: int, end: int) -> tuple[int, int]:
    """The part of sentence text[sa:sb] the chunker reads for the figure at start..end, cut at spaces."""
    wa, wb = sa, sb
    if start - sa > TOPIC_REACH:
        cut = text.find(" ", start - TOPIC_REACH, start)
        wa = cut + 1 if cut >= 0 else start
    if sb - end > CLAUSE_REACH:
        cut = text.rfind(" ", end, end + CLAUSE_REACH)
        wb = cut if cut >= 0 else end + CLAUSE_REACH
    return wa, wb


AS_FOR = re.compile(r"(?:\d{1,3}\.\s*)?(?:As\s+for|As\s+to|Regarding|Concerning|With\s+regard\s+to)\s+(?:the\s+)?"
                    r"([^,;:]{3,50}),\s+(?=I|we|it|this)")
# an absolute phrase names the figure it ends on: "..., with the total number of hours worked being 204 hours"
ABSOLUTE = re.compile(r"\bwith\s+(?:the\s+)?([^\W\d][^\d,;:()]{2,60}?)\s+being\s+$", re.I)
SUBJECT_PRONOUN = re.compile(r"(?:and\s+|but\s+)?(?:they|it|he|she)\s+", re.I)
PRONOUN_START = re.compile(r"(?:It|Its|They|Their|This|These|Those|He|She)\b")


def figure_label(text: str, start: int, end: int, kind: str, *, unit: str, noun: str, sentences: Spans,
                 date_spans: list[tuple[int, int]], antecedent: str, placed: _Placed, lead: str = "") -> str:
    """A figure's label from its clause, with the sentence's topic where the clause alone does not say whose
    figure it is (a count's noun, a bare verb or preposition phrase). Amounts and shares are first read by the
    noun-phrase chunker (phrases.py); its empty answer leaves them to the clause."""
    sa, sb = _sentence_of(sentences, start)
    if formula := formula_label(text, sa, sb, start, end, kind):  # an operand of a worked calculation
        formula = formula[:1].upper() + formula[1:]
        return f"{_shorten(formula, 80 - len(unit) - 3)} ({unit})" if kind == "duration" else formula
    if kind != "count" and (absolute := ABSOLUTE.search(text, max(sa, start - 80), start)):
        name = absolute.group(1)[:1].upper() + absolute.group(1)[1:]
        return f"{_shorten(name, 80 - len(unit) - 3)} ({unit})" if kind == "duration" else _shorten(name)
    if kind == "money" and (named := _apposed(text, max(sa, start - 60), start)):
        return named  # "fails to pay the third instalment $9,000": the amount is the noun phrase before it
    about = AS_FOR.match(text, sa, sb)
    antecedent = about.group(1) if about else antecedent  # "As for government expenditure, I forecast a ..."
    if kind != "count":
        # the chunker reads the figure's sentence, at most TOPIC_REACH before it and CLAUSE_REACH after: a table
        # with no sentence end is one long "sentence", and reading all of it for each figure was quadratic
        wa, wb = _window(text, sa, sb, start, end)
        first, last = bisect_left(date_spans, (wa, wa)), bisect_left(date_spans, (wb, wb))
        blocked = tuple((x - wa, y - wa) for x, y in date_spans[first:last] if y <= wb)
        chunked = measured(text[wa:wb], start - wa, end - wa, blocked, antecedent, owned_only=kind == "duration",
                           lead=lead)
        chunked = _resolve_anaphora(chunked, text, sa)  # "a new round of the Scheme": its full name
        if kind == "money" and len(chunked.split()) == 1 and (owner := _complement_owner(text, sentences, start)):
            chunked = _shorten(owner)  # "the amount of subsidy granted under the Fund was $154 million": not "Fund"
        if chunked:  # a duration keeps its unit ("Unpaid wages (months)")
            return f"{_shorten(chunked, 80 - len(unit) - 3)} ({unit})" if kind == "duration" else chunked
    label = _without_estimating(_context_label(text, start, end, date_spans, kind))
    sentence = text[sa : min(sb, sa + TOPIC_REACH)]  # its head: what it is about
    pronoun = SUBJECT_PRONOUN.match(label)
    if pronoun and _clause(text, start, end)[0] > sa and (subject := _topic(sentence)):
        # "The records must be kept at ..., and they should also be kept for F": the sentence's subject
        label = f"{subject} {label[pronoun.end() :]}"
    if kind == "count" and (noun.lower() not in label.lower() or len(label) > 80
                            or re.search(r"\d", label.replace(noun, ""))):
        topic = _shorten(_topic(sentence), 78 - len(noun))  # the counted noun must survive the limit
        label = noun if len(noun.split()) > 1 else f"{topic}: {_uncap(noun)}"
    elif len(_tidy(label).split()) <= 3 or re.match(r"[a-z]+(?:ed|ing)\b|which\b|that\b", label) \
            or re.match(r"(?:for|to|with|per|of|in|on|at|by|not|never)\b", _tidy(label), re.I) \
            or re.match(rf"(?:{alternation(words('subject_verbs'))})\b", label):
        # a bare verb or preposition phrase: say whose figure it is
        topic = _topic(sentence)
        if not topic and antecedent and PRONOUN_START.match(sentence):
            topic = antecedent  # "It increased by 2.1 per cent": the population of the sentence before
        ca = _clause(text, start, end)[0]
        relative = RELATIVE_OWNER.search(text[max(0, ca - LOOKBACK) : ca] + label.split(" ")[0])
        participle = not relative and re.match(r"[a-z]+ing\b", label)
        earlier = participle and placed.last_before(sa, start, lambda f: f.rule != "percent-change")
        if relative:
            topic = relative.group(1)
        elif earlier:
            # "4,257 start-ups ..., employing 15 234 people": the participle belongs to the figure before
            topic = earlier.label
        if topic.lower() in label.lower():
            pass
        elif _tidy(label).lower() in topic.lower():
            label = topic
        else:  # the topic gives way so the clause's own words survive the length limit
            room = max(24, 78 - len(_tidy(label)))
            if len(topic) > room:  # "World Intellectual Property Organization’s Global Innovation Index"
                topic = re.sub(r"^.*[’']s\s+(?=[A-Z])", "", topic)
            label = f"{_shorten(topic, room)}: {_uncap(_tidy(label))}"
    label = _item_of_long_list(label, text[sa:start], 80 - len(unit) - 3 if kind == "duration" else 80)
    if kind == "count":
        label = _measure_named(label, noun)
    if kind == "duration":  # the unit survives the length limit: the clause gives way
        label = f"{_shorten(label, 80 - len(unit) - 3)} ({unit})"
    return label


APPOSED = re.compile(r"\b(?:the|its|their|his|her)\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)\s+$")


def _apposed(text: str, lo: int, start: int) -> str:
    """The noun phrase an amount stands beside with no word between ('the third instalment $9,000'), or '' (a
    name, or the people it is paid to)."""
    m = APPOSED.search(text, lo, start)
    toks = tokens(m.group(1)) if m else []
    if not toks or toks[-1].tag != "NN" or any(t.tag not in ("NN", "JJ", "CD") for t in toks) \
            or toks[-1].low in _word_set("recipient_nouns"):
        return ""  # ("pays the employees $9,000": to whom)
    return _capital(m.group(1))


def _item_of_long_list(label: str, lead: str, limit: int) -> str:
    """A label too long for `limit` whose whole introduces the figure's item right before it ("payments ... include
    rest day pay for 4 days") is the item: cut at its end, the whole would keep the subject and lose what the
    figure measures. The item is the few words between the list verb and the figure, ending on a noun."""
    if len(_tidy(label)) <= limit:
        return label
    found = list(_compiled(rf"\b(?:{alternation(words('list_verbs'))})\s+", re.I).finditer(lead))
    item = re.sub(r"\s+(?:for|of|at|in|on|to|by|with)\s*$", "", lead[found[-1].end() :] if found else "")
    last = item.split()[-1].lower() if item.split() else ""
    closed = lexicon()["closed"]
    if not last or re.search(r"[\d,;:()]", item) or len(item.split()) > 6 \
            or last in {*closed["determiner"], *closed["preposition"], "and", "or", "but"}:
        return label
    return item


def _count_label(text: str, start: int, end: int, noun: str, sentences: Spans) -> str:
    """What a count measures (see _counted), with the verb done to it when it is the verb's object and its noun
    says nothing of what it counts (words.toml [roleless_nouns]): 'employing some 230 000 people' -> 'Tourism: people
    employed'; a verb that only relates a count to its holder ('includes') adds nothing."""
    label = _measure_named(_counted(text, start, end, noun, sentences), noun)
    done = _done_to(text, start) if noun.lower() in _word_set("roleless_nouns") else ""
    if not done:
        return label
    bare = _tidy(label).lower() == _tidy(noun).lower()
    built = "" if bare else label
    if not built:
        topic = _sentence_topic(text, sentences, start)
        if not topic or len(topic) + len(noun) >= 66:
            return label  # "4,257 start-ups ..., employing 15 234 people": the figure before owns it (figure_label)
        built = f"{topic}: {_uncap(_tidy(noun))}"
    if re.search(rf"\b{done[:4]}", built, re.I):
        return label  # "Four pillar industries employ people" says it
    return f"{built} {done}" if len(built) + len(done) < 80 else label


@lru_cache(maxsize=1)
def _unit_measures() -> dict[str, str]:
    """Unit -> what it measures (words.toml [unit_measures]): 'hectares' -> 'area'."""
    return {unit: measure for measure, units in tables()["unit_measures"].items() for unit in units}


@lru_cache(maxsize=16)
def _word_set(table: str) -> frozenset[str]:
    """A words.toml table as a set, read once."""
    return frozenset(words(table))


def _measure_named(label: str, noun: str) -> str:
    """A label naming only a unit says what the unit measures ('Sites: hectares' -> 'Sites: area in hectares')."""
    unit = noun.strip(" “”\"").lower()
    measure = _unit_measures().get(unit, "")
    at = label.lower().rfind(unit) if measure else -1
    if at < 0 or re.search(rf"\b{measure}\b", label, re.I) or len(label) + len(measure) > 76:
        return label
    if at == 0:
        return f"{measure.capitalize()} in {label[:1].lower()}{label[1:]}"
    return f"{label[:at]}{measure} in {label[at:]}"


@lru_cache(maxsize=1)
def _done_verb() -> re.Pattern[str]:
    """A verb and the qualifiers between it and a figure right after ('employs about ')."""
    quals = alternation(phrase_map("qualifiers"))
    return re.compile(rf"\b([a-z]+)\s+(?:(?:{quals})\s+)?$", re.I)


def _done_to(text: str, start: int) -> str:
    """The participle of the verb whose object is the figure at `start` ('employing some ' -> 'employed'), or ''
    when the word before it is no verb of the lexicon, an auxiliary, or a verb that only relates (words.toml)."""
    from factsheet.phrases import base_form

    m = _done_verb().search(text, max(0, start - 40), start)
    base = base_form(m.group(1)) if m and m.group(1).islower() else ""
    if not base or base in _word_set("relating_verbs") or m.group(1).lower() in AUX or m.group(1).lower() == base \
            and text[max(0, m.start(1) - 3) : m.start(1)].lower() == "to ":
        return ""  # ("to employ 300 people": a purpose, nothing done yet)
    return _participle(base)


def _owner_with(text: str, at: int, lo: int) -> str:
    """The noun phrase a 'with' phrase ending at `at` belongs to ('a logistics site with an area of'), or ''."""
    if not _ends_before(r"\bwith\s+$", text, at):
        return ""
    toks = tokens(text[max(lo, at - LOOKBACK) : at])
    first = _np_end_at(toks, len(toks) - 1)  # the tokens before 'with'
    return _capital(phrase(toks, first, len(toks) - 1, text[max(lo, at - LOOKBACK) : at])) if first < len(toks) - 1 \
        else ""


def _counted(text: str, start: int, end: int, noun: str, sentences: Spans) -> str:
    """What a count measures: 'a gross floor area of some 108 000 square metres' -> 'Gross floor area: square
    metres'; '4.3 million tonnes of cargo'; 'Hong Kong Science Park hosts 1 100 technology companies' names its
    subject. An empty label lets the clause decide."""
    a, b = _sentence_of(sentences, start)
    lo, hi = max(a, start - CLAUSE_REACH), min(b, end + CLAUSE_REACH)  # its clause's reach, not the whole of a
    # sentence with no end; "in two hospital clusters": the task's object names what a count of places after it sizes
    sized = sized_object(text[lo:hi], start - lo, end - lo) \
        if noun and text[end : end + len(noun) + 2].lstrip().startswith(noun.split()[0]) else ""
    if sized and len(sized) + len(noun) < 78:
        return f"{sized[:1].upper()}{sized[1:]}: {_uncap(_tidy(noun))}"
    after = text.find(noun, end, end + CLAUSE_REACH)
    noun = _tidy(noun)
    # "square metres of floor area", "some 40 000 square metres of Grade A office space"
    of_what = _starts_at(r"\s+of\s+((?:(?!(?:and|or|but|in|for|to|at|on|by|along|across|from|with|under|through|into|"
                         r"near|within)\b)[A-Za-z][\w/-]*\s?){1,4})", text,
                         after + len(noun)) \
        if after >= 0 else None
    if of_what and noun.lower() in {w.lower() for w in words("measure_nouns")}:
        noun = f"{noun} of {of_what.group(1).strip()}"
    quals = alternation(phrase_map("qualifiers"))
    measured = _ends_before(rf"\b(?:a|an|the|its|their)\s+((?:[\w-]+\s+){{0,3}}[\w-]+)\s+of\s+(?:(?:{quals})\s+)?$",
                            text, start, re.I)
    thing = re.split(r"\b(?:a|an|the|its|their)\s+", measured.group(1))[-1] if measured else ""
    if thing.lower() in lexicon()["measure"]["empty_heads"]:  # "set a total of 138 indicators"
        topic = _sentence_topic(text, sentences, start)
        return f"{topic}: {_uncap(noun)}" if topic and len(topic) + len(noun) < 78 else noun
    if thing.split()[-1:] == ["level"] and (topic := _level_owner(text, sentences, start)) \
            and len(topic) + len(thing) < 78:
        return f"{topic}: {thing}"  # "the floor area of X will reduce from the present level of F": X's
    if measured and (owner := _owner_with(text, measured.start(), a)):
        return _shorten(f"{owner}: {thing} in {_uncap(noun)}")  # "a logistics site with an area of F hectares"
    if measured and not re.search(r"\d", measured.group(1)):
        topic = _sentence_topic(text, sentences, start)
        if topic[:1].isupper() and topic.lower() not in measured.group(1).lower() \
                and len(topic) + len(measured.group(1)) + len(noun) < 76:
            return f"{topic}, {thing}: {_uncap(noun)}"  # "Route 6, a dual trunk road: kilometres"
        return _shorten(f"{thing}: {_uncap(noun)}")
    if len(noun.split()) < 2:
        owner = _complement_owner(text, sentences, start)
        return f"{_shorten(owner, 78 - len(noun))}: {_uncap(noun)}" if owner else ""
    sentence = text[a : min(b, a + TOPIC_REACH)]  # its head: what it is about
    topic = _topic(sentence)
    head = re.split(r"\s+(?:of|for|in|on|at|by|with|from)\s+", topic)[0]
    if noun.lower() in head.lower() and len(topic) <= 80:
        return topic  # "Faster Payment System registrations" holds "System registrations" (not "movements of runways")
    numberish = set(tables()["number_words"]) | set(tables()["ordinal_words"])
    if topic and topic.lower() not in FUNCTION_WORDS and topic.lower() not in noun.lower() \
            and not any(w.lower() in numberish for w in topic.split()) and not re.search(r"\d", topic) \
            and len(topic) + len(noun) + 2 <= 80 and not sentence.startswith(f"{topic}:"):
        return f"{topic}: {_uncap(noun)}"
    return noun


ESTIMATING_END = re.compile(rf"\s+(?:{alternation(words('estimating_participles'))})(?:\s+to\s+be)?[\s.,;:]*$")
# "..., the potential land supply for the whole year is expected to have a capacity of providing about ": the
# subject of the clause whose verb phrase ends at a count (the verb phrase has no digit, comma or bracket; the
# subject no sentence's end: 'culture.186.The')
COMPLEMENT_OWNER = re.compile(r"(?:^|,\s+|\bthat\s+)(?:the\s+|The\s+)?"
                              r"(?P<s>[A-Za-z](?:(?!\bthat\s|\.[\d\s])[^,;:()$%]){2,110}?)"
                              r"\s+(?:will|would|is|are|was|were|has|have|had|can|may)\s+[^,;:()\d$%]{0,60}$")


def _complement_owner(text: str, sentences: Spans, start: int) -> str:
    """Whose count a verb phrase gives when it counts only a bare unit noun: the subject of its clause ('the
    projected supply from the first-hand private residential property market ... will be approximately 94 000
    units' -> 'Projected supply from ...'); '' when the subject is a pronoun or a name of nobody ('It', 'We')."""
    a, _ = _sentence_of(sentences, start)
    m = COMPLEMENT_OWNER.search(text, max(a, start - 240), start)
    if not m:
        return ""
    owner = _tidy(re.sub(r"\s+(?:in|for|during)\s+(?:19|20)\d\d(?:[-/–]\d\d)?\b", "", m.group("s")))  # its time
    toks = tokens(owner) if owner else []
    if not toks or toks[0].low in SPEAKERS or toks[0].tag in ("PRP", "DT", "IN", "CC", "MD") or len(toks) < 2 \
            or re.search(r"\d[ ,]\d{3}\b", owner):
        return ""  # ('It', 'We'; a subject holding a figure of its own)
    return owner[:1].upper() + owner[1:]


RANGE_GAP = 30  # at most this many chars between the near end of a range sharing its unit and the far end


def _other_end(text: str, label: str, f: FigureMention) -> str:
    """The label of the far end of 'from F to G': the near end's, unless that names the level it starts from
    ('X: present level'), when the far end is X in its own unit ('X: square metres')."""
    owner, _, thing = label.rpartition(": ")
    unit = _starts_at(rf"\s+((?:[a-z-]+\s+)?{re.escape(f.unit)})\b", text, f.end) if f.unit else None
    return f"{owner}: {unit.group(1)}" if owner and thing.endswith("level") and unit else label


LEVEL_OWNER = re.compile(r"(?:the\s+|The\s+)?([^,;:()]{3,90}?)\s+(?:will|would|is|are|was|were|has|have|had)\s")


def _level_owner(text: str, sentences: Spans, start: int) -> str:
    """Whose level a figure states: the subject of its sentence's verb ('By then, the floor area of our leased office
    space in Central and Admiralty will reduce from the present level of F'), or ''."""
    a, _ = _sentence_of(sentences, start)
    m = LEVEL_OWNER.match(LEADING_PHRASE.sub("", text[a:start]))
    return _tidy(_as_phrase(m.group(1))) if m else ""


SHARE_WHOLE = r"\s+of\s+([A-Za-z][\w\s’'-]{1,40}?(?:\s+by\s+(?:BASES))?)(?=[,.;)]|\s+(?:in|as|at|by|on|from|are|is|" \
    r"was|were|has|have|will|can|had|or%s)\b|$)".replace("BASES", alternation(words("measure_bases")))


# "Among the working population, only 40 per cent ...": the group a sentence-opening share is of
AMONG = re.compile(r"\W*(?:\d{1,3}\.)?\s*Among\s+(?:the\s+)?([^,;]{3,60}?),\s+(?:only\s+|about\s+|some\s+|over\s+)?")
TOP_BEFORE = re.compile(r"\bthe\s+top\s+$", re.I)


def _share_whole(text: str, end: int) -> re.Match[str] | None:
    """What a percent ending at `end` is a share of ('90 per cent of the 2015-16 operating expenditure'); the whole
    ends at 'and' only where nothing else ends it ('36.8 per cent of GDP and equivalent to 23 months')."""
    return _starts_at(SHARE_WHOLE % "", text, end) or _starts_at(SHARE_WHOLE % "|and", text, end)


def _name_changes(figures: list[FigureMention]) -> list[FigureMention]:
    """'3,755 start-ups (up 68% over 2017)': a change in brackets measures the figure it follows."""
    out: list[FigureMention] = []
    measured: FigureMention | None = None  # the last count, money or percent figure (figures are in order)
    for f in figures:
        text = f.statement.text
        sentence = _sentence_of(_sentences(text), f.start)
        before = [measured] if measured is not None and measured.start >= sentence[0] else []
        # "..., up from 17.6%": an elliptical change names the figure before it
        from_figure = _ends_before(r",\s*(?:up|down|rising|falling|compared)\s+(?:from|with)\s+$", text, f.start)
        # "from 2.1% in 2019 to 4.2% in 2022", "from over 2 700 square metres to less than 230": both ends measure
        # the same thing
        unit = rf"(?:\s+[a-z-]+)?\s+{re.escape(before[-1].unit)}" if before and before[-1].unit else ""
        if before and re.fullmatch(rf"(?:{unit})?(?:\s+in\s+\S+?)?\s+to\s+", text[before[-1].end : f.start]):
            from_figure = True
        share = _share_whole(text, f.end)
        among = AMONG.fullmatch(text, sentence[0], f.start) if f.kind == "percent" and not share else None
        if among:  # "Among the working population, only 40 per cent pays salaries tax": a share of that group
            rest = _starts_at(r"[^,.;]{0,80}", text, f.end).group(0)
            words_left = " ".join(w for w in rest.split() if w.lower() not in AUX)
            f = replace(f, label=_shorten(f"Share of {among.group(1)} {words_left}".strip()))
        elif f.kind == "percent" and share and _opens(text, sentence[0], f.start):
            # "About 90 per cent of these journeys are made by public transport": the share is the subject
            rest = _starts_at(r"[^,.;]{0,400}", text, share.end()).group(0)
            words_left = " ".join(w for w in rest.split() if w.lower() not in AUX)
            f = replace(f, label=_shorten(f"Share of {share.group(1)} {words_left}"))
        elif f.kind == "percent" and share and not f.label.lower().startswith(share.group(1).lower()):
            owner = before[-1].label if before else _topic(text[sentence[0] : sentence[0] + TOPIC_REACH])
            # a share owns no other share: "Cargo: share of our total cargo volume" gives "Cargo"
            owner = re.sub(r"(?:^|:\s+)(?:top\s+)?share\s+of\s.*$", "", owner, flags=re.I)
            whole = share.group(1)
            passive = SHARE_PASSIVE.match(text, share.end())
            acted = _share_act(text, sentence[0], f.start, owner)
            if passive:  # "91% of the assets are allocated to the US dollar": what the share is of
                whole, owner = _shorten(f"{whole} {passive.group(1)}", 68), ""
            elif acted:  # "Staff directly manage about 72% of the Fund": what is done to the share, and by whom
                whole, owner = f"{whole} {acted}", ""
            owner = owner.split(": ")[0] if len(owner) + len(whole) > 68 else owner
            if len(owner) > 68 - len(whole):  # its verb's participle goes first ("... on education estimated")
                owner = _without_participle(owner)
            if len(owner) > 68 - len(whole):  # cut at a preposition, not inside a noun phrase ("in these three")
                owner = re.split(r"\s+(?:in|of|for|on|at|by|with|from|under)\s+", owner)[0]
            owner = _shorten(owner, 68 - len(whole))
            part = "top share" if _ends_before(TOP_BEFORE, text, f.start) else "share"  # "the top five per cent of"
            label = f"{owner}: {part} of {whole}" if owner else f"{part.capitalize()} of {whole}"
            f = replace(f, label=_shorten(label))
        elif (compared := COMPARED.match(text, f.end)) and before and f.kind != before[-1].kind:
            # "$457 billion, 4.2 per cent or $20 billion higher than the original estimate": the difference
            than = _shorten(f"{compared.group(1)} than {compared.group(2).strip()}", 50)
            owner = _shorten(before[-1].label.split(": ")[0], 78 - len(than))
            f = replace(f, label=f"{owner}: {_uncap(than)}")
        elif f.rule == "percent-change" and before and not _names_own_subject(f, before[-1]) \
                and not _ends_before(r"\b(?:the|its|their)\s+[a-z][\w-]*\s+$", text, f.start):  # "the trend growth of"
            base = _starts_at(r"[^),;]{0,400}", text, f.end).group(0).strip()
            # "an increase of 31 per cent" (its noun in its own words or before them): the change it names
            noun = CHANGE_OF.search(text, f.start, f.end) or _ends_before(CHANGE_OF, text, f.start)
            f = replace(f, label=_shorten(f"{before[-1].label}: {noun.group(1).lower() if noun else 'change'} {base}"))
        elif f.kind == "money" and before and before[-1].kind == "money" and not _names_own_subject(f, before[-1]) \
                and (noun := _ends_before(CHANGE_OF, text, f.start)):
            # "stood at $296 billion ..., an increase of $20.7 billion": the change of the amount before it
            f = replace(f, label=_shorten(f"{before[-1].label.split(': ')[0]}: {noun.group(1).lower()}"))
        elif (level := _compared_level(text, sentence[0], f, out)) is not None:
            f = replace(f, label=level.label)  # "... compared with the balance of $275.3 billion": the same measure
        elif from_figure and before and before[-1].kind == f.kind:
            f = replace(f, label=_other_end(text, before[-1].label, f))
        elif f.kind == "money" and before and before[-1].kind == "count" \
                and VALUED.fullmatch(text, before[-1].end, f.start):
            # "new aircraft delivered is estimated at over 39 000, valued at about US$5.9 trillion": their value
            f = replace(f, label=f"{_shorten(before[-1].label, 72)}: value")
        elif before and before[-1].kind != f.kind and re.fullmatch(r",?\s+or\s+", text[before[-1].end : f.start]):
            f = replace(f, label=before[-1].label)  # "an increase of 11.1 per cent or $38 billion": one change
        elif before and RESTATED.search(text[before[-1].end : f.start]):
            # "$734 billion, equivalent to 12 months of government expenditure": the same reserves, restated
            f = replace(f, label=_shorten(f"{before[-1].label}: {_uncap(f.label)}"))
        out.append(f)
        if f.kind in ("count", "money", "percent"):
            measured = f
    _strip_figures_from_labels(out)
    for i, f in enumerate(out[:-1]):
        far = out[i + 1]
        if f.rule == "duration-range" and far.kind == "duration" and far.statement is f.statement \
                and far.start - f.end <= RANGE_GAP and not re.search(r"\d", far.label):
            out[i] = replace(f, label=far.label)  # "three but less than 12 months'": the near end of one length
    last_of_kind: dict[str, FigureMention] = {}
    for i, f in enumerate(out):
        text = f.statement.text
        sentence = _sentence_of(_sentences(text), f.start)
        before = out[i - 1] if i and out[i - 1].statement is f.statement else None
        if before is not None and before.kind != f.kind and text[f.end : f.end + 1] == ")" \
                and re.fullmatch(r"(?:\s+[a-z][a-z-]*){0,2}\s*\(\s*", text[before.end : f.start]):
            # "6.6 per cent (HK$37.8 billion)", "a 3.1 per cent variance (HK$14.6 billion)": one figure restated
            f = out[i] = replace(f, label=before.label)
        fate = _amount_fate().match(text, f.end)
        if fate and f.kind == "money" and _ends_before(r"\bof\s+", text, f.start) \
                and fate.group(2).lower() not in f.label.lower():
            f = out[i] = replace(f, label=_shorten(f"{f.label} that {fate.group(1)} {fate.group(2)}"))
        previous = last_of_kind.get(f.kind)
        last_of_kind[f.kind] = f
        same = [previous] if previous is not None and previous.start >= sentence[0] else []
        if same and f.kind in ("money", "percent"):
            gap = text[same[-1].end : f.start]
            if re.fullmatch(r"\s*\(\s*(?:equivalent\s+to\s+|or\s+)?", gap):
                # "HK$9.98 trillion (US$1.27 trillion)", "US$3,000 million (equivalent to HK$23,312 million)": one
                # figure, two currencies
                out[i] = replace(f, label=same[-1].label)
            elif len(_phrased(f.label).split()) <= 2 and LISTED.fullmatch(gap) \
                    and not RESPECTIVELY.match(text, f.end, sentence[1]):
                out[i] = replace(f, label=same[-1].label)  # "HK$25 billion of bonds, including RMB 10 billion, ..."
            last_of_kind[f.kind] = out[i]
    return _listed_counts(_distinct_labels(out))


# the phrase after a count's noun that says which of them ("4 000 unsold units in completed projects", "8 000
# uncompleted units ready for pre-sale"): a preposition (after an adjective or participle), no figure or date
POST_MODIFIER = re.compile(
    r"\s+((?:(?:[a-z]+ed|ready|available|eligible)\s+)?(?:in|under|on|for|at|from|with|outside|within)\s+"
    r"[^\d,;:.()]{3,40}?)(?=\s*(?:[,;:.()]|\s(?:and|or|while|but|which|that|to|by)\s|$))")


def _listed_counts(figures: list[FigureMention]) -> list[FigureMention]:
    """Counts listed in one sentence ('4 000 unsold units in completed projects, 48 000 unsold units under
    construction') each take the phrase written after their noun, which tells the items apart."""
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, f in enumerate(figures):
        if f.kind == "count" and f.unit:
            key = (id(f.statement), _sentence_of(_sentences(f.statement.text), f.start)[0])
            by_sentence.setdefault(key, []).append(i)
    out = list(figures)
    for listed in (v for v in by_sentence.values() if len(v) > 1):
        for i in listed:
            f = figures[i]
            text = f.statement.text
            noun = _starts_at(rf"\s+(?:[\w-]+\s+){{0,3}}?{re.escape(f.unit)}\b", text, f.end)
            after = POST_MODIFIER.match(text, noun.end()) if noun else None
            if after and after.group(1).lower() not in f.label.lower():
                out[i] = replace(f, label=_shorten(f"{f.label} {after.group(1)}"))
    return out


CHANGE_OF = _compiled(rf"\b({alternation(words('change_nouns'))})\s+of\s+"
                      r"(?:(?:about|around|some|nearly|almost|over)\s+)?(?=\d|[a-z]+\s+per\s*cent|$)", re.I)
COMPARED_LEVEL = _compiled(r"\bcompared\s+(?:with|to)\s+(?:the|its|their)\s+(?:balance|level|figure|total|amount)"
                           r"\s+of\s+(?:(?:about|around|some|nearly|almost|over)\s+)?$", re.I)


def _compared_level(text: str, start: int, f: FigureMention, earlier: list[FigureMention]) -> FigureMention | None:
    """'The fiscal reserves stood at $296 billion ..., compared with the balance of $275.3 billion at March 31,
    2004': an amount a change is compared with is the level the sentence states first, at another time."""
    if not _ends_before(COMPARED_LEVEL, text, f.start):
        return None
    return next((g for g in earlier if g.statement is f.statement and start <= g.start < f.start
                 and g.kind == f.kind), None)


VALUED = re.compile(r"[\s,]*(?:\(\s*)?(?:valued\s+at|worth|with\s+a\s+(?:total\s+)?value\s+of)\s+")  # a count's value
LISTED = re.compile(r"[^.;]*\bincluding\s+|\s*,\s*(?:and\s+)?|\s+and\s+")  # a figure listed after another
OWN_PHRASE = re.compile(r"\s+(?:[a-z][\w-]*s\s+(?=[a-z]+ed\s))?"  # "61 indicators introduced in the 2024 Address"
                        r"((?:[a-z]+ed\s+)?(?:over|since|during|in|for|on|at|per|among|under|through)\s+"
                        r"[^,;:.()]{3,40}?)"
                        r"(?=\s*(?:[,;:.()]|\s(?:and|to|or|while|but|before|after|until|when|that|which)\s|$))")


STATED = re.compile(r"\s+(?:are|were|is|was)\s+((?:already\s+)?[a-z][\w-]+)(?=\s*[,;.]|$)")  # "of which 72 were new"


@lru_cache(maxsize=1)
def _amount_fate() -> re.Pattern[str]:
    """'... of F will mature': a modal and a verb of what befalls an amount (words.toml [amount_fates]), maybe
    after the amount's brackets and a noun phrase joined to it ('F and alternative bonds of G (...) will mature')."""
    joined = r"(?:\s*\([^()]*\))?(?:\s+and\s+[^.;()]{0,80}?(?:\s*\([^()]*\))?)?"
    return re.compile(rf"{joined}\s+(will|would|shall|may|must|is to|are to)\s+"
                      rf"({alternation(words('amount_fates'))})\b", re.I)


def _distinct_labels(figures: list[FigureMention]) -> list[FigureMention]:
    """Two figures of one sentence never share a label: where they would, each takes the phrase written right
    after it ('Average return over the past five years', '... since 1994') when those phrases differ."""
    figures = [replace(f, label=_shorten(phrased)) if (phrased := _phrased(f.label)) != f.label else f
               for f in figures]
    seen: dict[tuple[int, int, str], list[int]] = {}
    for i, f in enumerate(figures):
        sentence = _sentence_of(_sentences(f.statement.text), f.start)
        seen.setdefault((id(f.statement), sentence[0], f.label), []).append(i)
    out = list(figures)
    for same in (v for v in seen.values() if len(v) > 1):
        own = {i: OWN_PHRASE.match(figures[i].statement.text, figures[i].end)
               or STATED.match(figures[i].statement.text, figures[i].end) for i in same}
        phrases = {m.group(1).strip() for m in own.values() if m}
        if not phrases or len(phrases) == 1 and all(own.values()):
            continue  # the phrases after them do not tell them apart either
        for i, m in own.items():
            if m:
                out[i] = replace(figures[i], label=_shorten(f"{figures[i].label} {m.group(1).strip()}"))
    return out


COMPARED = re.compile(r"(?:\s+or\s+\S+(?:\s+(?:million|billion|trillion))?)?\s+(higher|lower|more|less|above|below)"
                      r"\s+than\s+(?:the\s+|that\s+of\s+(?:the\s+)?)?([^,.;()]{3,50})")
SHARE_PASSIVE = re.compile(
    r"\s+(?:are|is|were|was|have\s+been|has\s+been)\s+([a-z]+ed\s+(?:to|in|by|for)\s+[^,.;]{3,60})")
RESPECTIVELY = re.compile(r"[^.;]{0,80}?\brespectively\b")


SHARE_VERB = re.compile(r"(?:\b(\w+(?:\s+[\w']+){0,11})\s+to\s+)?(?:(\w+ly)\s+)?([a-z]+)\s+(?:(?:about|around|some|"
                        r"nearly|almost|over|approximately)\s+)?$")


def _object_phrase(words_before: str) -> str:
    """The noun phrase a verb takes as object, without what follows it: 'employs external fund managers based in
    a number of centres' -> 'external fund managers'; with no verb, the last four words ('Staff members')."""
    toks = tokens(words_before)
    verbs = [i for i, t in enumerate(toks) if t.tag == "VB"]
    if not verbs:
        return " ".join(t.text for t in toks[-4:])
    phrase = []
    for t in toks[verbs[-1] + 1:]:
        if phrase and t.tag in ("IN", "VED", "VBG", "CC", "MD"):
            break
        phrase.append(t.text)
    return " ".join(phrase)


def _share_act(text: str, start: int, at: int, owner: str) -> str:
    """What is done to a share by whom: 'Staff members directly manage about 72% of X' -> 'directly managed by
    Staff'; 'employs external fund managers to manage about 28% of X' -> 'managed by external fund managers'."""
    m = SHARE_VERB.search(text, max(start, at - 120), at)
    if not m or not lexicon_verb(m.group(3)) or m.group(3) in AUX:
        return ""
    agent = _as_phrase(_object_phrase(m.group(1))) if m.group(1) else owner.split(": ")[0]
    done = " ".join(w for w in (m.group(2), _participle(m.group(3))) if w)
    return f"{done} by {_uncap(agent)}" if agent and agent != m.group(1) or agent == owner.split(": ")[0] and agent \
        else done


def lexicon_verb(word: str) -> bool:
    """A base form of a verb of the chunker's lexicon ('manage', not 'managed' or 'of')."""
    from factsheet.phrases import base_form

    return base_form(word) == word.lower() and word.lower() not in lexicon()["lexicon"]["nouns"]


def _participle(verb: str) -> str:
    """'manage' -> 'managed', 'hold' -> 'held' (irregular forms from the lexicon)."""
    irregular = {base: form for form, base in lexicon()["lexicon"]["irregular"].items() if form != base}
    if verb in irregular:
        return irregular[verb]
    return verb + "d" if verb.endswith("e") else verb + "ed"


def _without_estimating(label: str) -> str:
    """A label without the participle 'X is estimated to be F' leaves at its end ('Recurrent expenditure on
    education estimated'), when words remain."""
    m = ESTIMATING_END.search(label)
    if not m:
        return label
    rest = re.sub(r"\s+(?:for|of|in|on|at|by|to)$", "", label[: m.start()])  # "Operating expenditure for (2012-13)"
    rest = re.sub(r"^\d{1,3}\.(?=[A-Z])", "", rest)  # "158.Operating expenditure": not its paragraph's number
    return rest if len(rest.split()) >= 2 else label


def _without_participle(owner: str) -> str:
    """An owner without the participle its clause's verb left at its end ('Recurrent expenditure on education
    estimated' -> 'Recurrent expenditure on education')."""
    toks = tokens(owner)
    return owner[: toks[-1].start].rstrip() if len(toks) > 2 and toks[-1].tag == "VED" else owner


def _names_own_subject(f: FigureMention, before: FigureMention) -> bool:
    """'The S&P 500 fell by 19.4%, while the Hang Seng Index dropped by 15.5%': a change whose label's owner
    is written between the figure before and it has a subject of its own."""
    owner = f.label.split(": ")[0].lower()
    return len(owner) >= 2 and owner in f.statement.text[before.end : f.start].lower() \
        and owner not in before.label.lower()  # "13,804 start-up jobs (up 118%)": the jobs are the figure's before


def example_names(figures: list[FigureMention]) -> list[FigureMention]:
    """An amount that opens a calculation with no words of its own ("$8,810.1 ($11,000 ─ rest day pay ...)")
    takes the name the worked example gave it where it first stated it ("an employee with monthly salary of
    $11,000"): the same amount, earlier on the same page of the same section, with words of its own."""
    named: dict[tuple[str, int | None, str, str], str] = {}
    out: list[FigureMention] = []
    for f in figures:
        text = f.statement.text
        key = (f.statement.section, f.statement.page, f.currency_text, f.number_text)
        if f.kind != "money" or f.scale_text:
            out.append(f)
        elif bare_operand(text, f.start, f.end):
            out.append(replace(f, label=named[key]) if key in named else f)
        else:
            named.setdefault(key, f.label)
            out.append(f)
    return out


def spelled_labels(texts: list[str], figures: list[FigureMention]) -> list[FigureMention]:
    """Each label led by an acronym the document defines names it in full ('Investment Portfolio (IP): return')."""
    names = spelled_out(texts)
    figures = [replace(f, label=_shorten(phrased)) if (phrased := _phrased(f.label)) != f.label else f
               for f in figures]  # a field's label too ('Suffrage: Suffrage: members')
    if not names:
        return figures
    spelled = [(f, spell_out(f.label, names)) for f in figures]
    return [replace(f, label=_shorten(label)) if label != f.label else f for f, label in spelled]


def _opens(text: str, start: int, end: int) -> bool:
    """Nothing but qualifiers ('about', 'some') before a figure in its sentence: it opens the sentence."""
    if end - start > LOOKBACK:
        return False
    return not re.search(r"[A-Za-z]", re.sub(r"\b(?:about|around|some|nearly|almost|over|more\s+than)\b", "",
                                             text[start:end], flags=re.I))


def _strip_figures_from_labels(figures: list[FigureMention]) -> None:
    """A label never holds a figure of its statement: each value text found in it gives way to a space.

    Labels are short (80 chars), so their substrings are looked up among the value texts, instead of every
    value text of a statement being looked for in every label.
    """
    first: dict[str, int] = {}
    for i, g in enumerate(figures):
        if len(g.value_text) > 1:
            first.setdefault(g.value_text, i)
    lengths = sorted({len(v) for v in first})
    for i, f in enumerate(figures):
        label = f.label
        found = {label[a : a + n] for n in lengths for a in range(len(label) - n + 1)} & first.keys()
        for value in sorted(found, key=first.__getitem__):
            if value in label:  # a gap the figure's kind may fill: "rose from F to" -> "rose to"
                label = label.replace(value, f" {HOLE}{figures[first[value]].kind} ")
        if label != f.label:
            figures[i] = replace(f, label=_shorten(" ".join(_closed_gaps(label.split()))))


def _list_item_name(text: str, start: int, value_start: int) -> str:
    """The words naming a figure in a listed value ('Cantonese (official) 85.4%, English (official) 4.5%',
    '(male 505,718/female 459,956)'): back from the figure to the item's start, over whole parentheses."""
    i, depth = start, 0
    while i > value_start:
        ch = text[i - 1]
        if ch == ")":
            depth += 1
        elif ch == "(" and depth:
            depth -= 1
        elif depth == 0 and ch in ",;(/:":
            break
        i -= 1
    name = text[i:start].strip(" -–—")
    return name if re.search(r"[A-Za-z]", name) and len(name.split()) <= 24 else ""


def _field_label(field: str, own: str) -> str:
    """'Field: item' within 80 characters; an item too long beside its field stands alone, shortened to its
    acronym when it ends with one ('... Progress of Hong Kong (DAB)' -> 'DAB')."""
    if not own:
        return _shorten(field)
    if own.lower().startswith(field.lower()):  # "Suffrage: members" under the field "Suffrage"
        return _shorten(own)
    if len(field) + len(own) + 2 <= 80:
        return f"{field}: {own}"
    if len(own) <= 80:
        return own
    acronym = re.search(r"\(([A-Z][A-Za-z&.-]{1,12})\)\s*$", own)
    return acronym.group(1) if acronym else _shorten(own)

