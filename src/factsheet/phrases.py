"""Noun phrases over a sentence, and the thing a figure measures, read from them.

Part of speech comes from word lists shipped as data (grammar/phrases.toml: closed classes, a lexicon of
this genre's verbs, suffix rules), not from a model: the chunker is small, fast and changes by editing data.
`measured` names what a figure measures as a reader would write it ("Investment Portfolio: return"),
from the figure's place in its clause: "X of F", "X rose by F", "X and Y were F and G respectively".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

LEXICON = Path(__file__).with_name("grammar") / "phrases.toml"

# a word (names with inner dots, hyphens, ampersands and apostrophes: "Wi-Fi.HK", "S&P", "Fund’s"),
# a number, or one mark
TOKEN = re.compile(r"[A-Za-z](?:[\w’'&.-]*[\w])?|\d+(?:[.,]\d+)*%?|\S")
NOUNISH = frozenset({"NN", "NNP", "JJ", "CD", "POS"})
HEADS = frozenset({"NN", "NNP"})
IN_NAME = re.compile(r"[A-Z][\w&]*\s$")  # "S&P 500 Index": a number in a name is a word of it
LEADING_VERB = re.compile(r"([a-z]+)\s+(?:by\s+)?(?=\S)")
ACRONYM = re.compile(r"[A-Z]{2,6}(?:\s[A-Z]\w{1,9})?")  # "HKSTPC", "BUD Fund"
MONEY = re.compile(r"[$€£¥]|\b(?:RMB|HKD|USD|EUR)\b")
NUMBER_WORDS = frozenset(tomllib.loads(LEXICON.with_name("words.toml").read_text())["number_words"])
QUALIFYING = ("around", "about", "over", "nearly", "almost", "some", "approximately", "roughly")  # "by around F"
LABEL_LENGTH = 80  # the longest label a reader is shown whole
DEMONSTRATIVES = ("this", "these", "that", "those")  # a subject of their own when they open a sentence
PARTICLES = ("aside", "up", "out", "off", "away")
# a qualifier ending in 'of' whose noun names the measure ("a ceiling of F"): read as words, not as the figure
LEADING_OF = re.compile(r"(?:[A-Za-z]+\s+){0,3}([A-Za-z]+)\s+of\s+(?=\S)")
FIGURE = "FIG"  # the figure being labelled
OTHER = "OTH"  # another figure or a date: never part of a phrase
# an amount or a percentage written in digits: another figure of the sentence, one token
NUMBER = re.compile(r"(?:(?:[A-Z]{0,3}\$|\b(?:RMB|HKD|USD|EUR)\s)\s?)?-?\d+(?:[.,]\d+)*"
                    r"(?:\s*(?:%|per\s+cent|percentage\s+points?|"
                    r"(?:million|billion|trillion|bn|mn|years?|months?|weeks?|days?)\b)|-[a-z]+\b)?")  # "10-year"


@dataclass(frozen=True)
class Token:
    """A word of a sentence with its span and part of speech."""

    text: str
    start: int
    end: int
    tag: str

    @property
    def low(self) -> str:
        return self.text.lower()


@cache
def lexicon() -> dict[str, Any]:
    """The tables of phrases.toml, parsed once per process."""
    with LEXICON.open("rb") as f:
        return tomllib.load(f)


@cache
def _closed() -> dict[str, str]:
    """Closed-class word -> tag; an earlier class wins ('some' is a determiner before an adverb)."""
    order = (("adverb", "RB"), ("conjunction", "CC"), ("pronoun", "PRP"), ("auxiliary", "MD"),
             ("preposition", "IN"), ("determiner", "DT"))
    return {w: tag for cls, tag in order for w in lexicon()["closed"][cls]}


@cache
def _verb_forms() -> dict[str, str]:
    """Every form of the lexicon's verbs -> its base form ('rose' -> 'rise', 'gained' -> 'gain')."""
    forms: dict[str, str] = {}
    for base in lexicon()["lexicon"]["verbs"]:
        stem = base[:-1] if base.endswith("e") else base
        double = base + base[-1] if re.search(r"[^aeiou][aeiou][bdgmnprt]$", base) and len(base) <= 4 else base
        for form in (base, base + "s", base + "es", stem + "ed", stem + "ing", double + "ed", double + "ing"):
            forms.setdefault(form, base)
        if base.endswith("y"):
            forms.setdefault(base[:-1] + "ied", base)
            forms.setdefault(base[:-1] + "ies", base)
    for form, base in lexicon()["lexicon"]["irregular"].items():
        forms[form] = base
    return forms


def base_form(word: str) -> str:
    """The base form of a verb of the lexicon, or '' ('dropped' -> 'drop')."""
    return _verb_forms().get(word.lower(), "")


@cache
def _suffixes() -> list[tuple[str, str]]:
    """(ending, tag), longest first."""
    tags = {"adverb": "RB", "noun": "NN", "adjective": "JJ"}
    pairs = [(end, tags[cls]) for cls, ends in lexicon()["suffixes"].items() for end in ends]
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=16384)
def _word_tag(word: str, first: bool) -> str:
    """The part of speech of a word out of context (a verb form also a noun comes back 'V/N')."""
    low = word.lower()
    lex = lexicon()["lexicon"]
    if low in _closed() and not (word[:1].isupper() and not first and low not in ("i",)):
        return _closed()[low]
    if re.fullmatch(r"[\d.,]+%?", word):
        return "CD"
    if low.endswith(("’s", "'s")) and len(low) > 2:
        return "POS"
    if not first and (word[:1].isupper() or len(word) > 1 and word.isupper()):
        return "NNP"
    verb = low in _verb_forms()
    noun = low in lex["nouns"]
    if verb and noun:
        return "V/N"
    if verb:
        return "VBG" if low.endswith("ing") else "VED" if low.endswith("ed") or low in lex["irregular"] else "VB"
    if noun:
        return "NN"
    if low in lex["adjectives"]:
        return "JJ"
    if word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return "NNP"
    if low.endswith("ing") and len(low) > 5:
        return "VBG"
    if low.endswith("ed") and len(low) > 4:
        return "VED"
    for end, tag in _suffixes():
        if low.endswith(end) and len(low) > len(end) + 2:
            return tag
    return "NN"


def _plural(word: str) -> bool:
    return word.lower().endswith("s") and not word.lower().endswith("ss")


def _settle(tags: list[str], words: list[str]) -> list[str]:
    """Read ambiguous words by their neighbours: a verb form after a determiner, an adjective or a
    preposition is a noun or an adjective ('a rate of return', 'the revised estimate')."""
    out = list(tags)
    for i, tag in enumerate(out):
        before = out[i - 1] if i else ""
        after = tags[i + 1] if i + 1 < len(tags) else ""
        if tag == "V/N":
            nxt = words[i + 1].lower() if i + 1 < len(words) else ""
            verb = before in ("NN", "NNP", "PRP", "MD", "RB") and (
                after in ("DT", FIGURE, OTHER, "RB", "CD") or nxt in ("by", "to", "at"))
            if verb and before == "NN" and words[i].lower() == base_form(words[i]) and not _plural(words[i - 1]):
                verb = False  # a singular noun takes 'amounts': 'the subsidy amount to F' is one noun phrase
            if before == "" or not words[i - 1][:1].isalnum():  # "• Set aside F": a bullet opening with its verb
                verb = after in ("RB", FIGURE, OTHER, "DT")
            verb = verb or before == "PRP"  # "I forecast GDP growth", "It returns F"
            out[i] = "VB" if verb else "NN"  # "the BP returns 2%" but "gains on bonds", "a rate of return"
        elif tag in ("VED", "VBG") and before in ("DT", "JJ", "POS", "IN", "") and after in ("NN", "NNP", "JJ", "V/N") \
                and not (i == 1 and words[0].lower() in DEMONSTRATIVES) \
                and not _item_verb(words, i, tag):  # but "This comprised gains ...", "allocating additional funding"
            out[i] = "JJ"  # "the revised estimate", "remaining places", "accumulated surplus"
        elif tag == "NNP" and i == 0 and words[i].lower() in _closed():
            out[i] = _closed()[words[i].lower()]
    return out


def _item_verb(words: list[str], i: int, tag: str) -> bool:
    """'allocating additional recurrent funding of F': a list item opening lower-case on a verb's -ing form (a
    bullet the source lost) opens on that verb, not on an adjective ('Remaining places' is capitalised)."""
    word = words[i]
    return tag == "VBG" and i == 0 and word[:1].islower() and bool(base_form(word)) \
        and word.lower() not in lexicon()["lexicon"]["adjectives"]


def tokens(sentence: str, figure: tuple[int, int] = (0, 0), blocked: tuple[tuple[int, int], ...] = ()) -> list[Token]:
    """The sentence's tokens, tagged; the figure's span is one FIG token, each blocked span one OTH token."""
    words, numbers = _scan(sentence)
    spans = sorted([(figure[0], figure[1], FIGURE)] * (figure[1] > figure[0])
                   + [(a, b, OTHER) for a, b in [*blocked, *numbers] if b > a and (b <= figure[0] or a >= figure[1])])
    raw: list[tuple[str, int, int, str]] = []
    covered, k = 0, 0  # end of the last span taken; next span
    for word, a, b in words:
        while k < len(spans) and spans[k][0] <= a:
            if spans[k][0] >= covered:
                raw.append((sentence[spans[k][0] : spans[k][1]], *spans[k]))
                covered = spans[k][1]
            k += 1
        if a < covered or k < len(spans) and spans[k][0] < b:
            continue  # inside a span, or cut by the start of the next one
        raw.append((word, a, b, ""))
    for a, b, tag in spans[k:]:
        if a >= covered:
            raw.append((sentence[a:b], a, b, tag))
            covered = b
    texts = [t[0] for t in raw]
    tags = [t[3] or (_word_tag(t[0], i == 0 or not raw[i - 1][0][:1].isalnum()) if t[0][:1].isalnum() else t[0])
            for i, t in enumerate(raw)]
    tags = _settle(tags, texts)
    return [Token(w, a, b, tag) for (w, a, b, _), tag in zip(raw, tags, strict=True)]


@lru_cache(maxsize=1024)
def _scan(sentence: str) -> tuple[tuple[tuple[str, int, int], ...], tuple[tuple[int, int], ...]]:
    """The words and the amounts of a sentence, found once for all its figures."""
    words = tuple((m.group(0), m.start(), m.end()) for m in TOKEN.finditer(sentence))
    numbers = tuple((m.start(), m.end()) for m in NUMBER.finditer(sentence)
                    if not IN_NAME.search(sentence, 0, m.start()) or not m.group(0).isdigit())
    return words, numbers


# --- noun phrases -----------------------------------------------------------------------------------------


def _np_end_at(toks: list[Token], end: int) -> int:
    """Start index of the noun phrase whose last token is toks[end - 1], or `end` if there is none."""
    if end <= 0 or toks[end - 1].tag not in HEADS | {"CD"} or (
            toks[end - 1].tag == "CD" and not (end > 1 and toks[end - 2].tag in HEADS)):
        return end
    i = end - 1
    while i > 0:
        prev = toks[i - 1]
        if prev.tag in NOUNISH or prev.tag in ("VED", "VBG") and i - 1 > 0 and toks[i - 2].tag in ("DT", "POS") \
                and toks[i - 2].low not in DEMONSTRATIVES:
            i -= 1
        elif prev.low in ("and", "&", "or") and i > 1 and (
                toks[i].tag == "NNP" and toks[i - 2].tag == "NNP" and prev.low != "or"
                or i < end - 1 and toks[i - 2].tag in ("NN", "JJ", "NNP")):
            i -= 1  # "Science and Technology Parks", "food and beverage services", "severance or long service payment"
        elif prev.text in ("-", "/") and i > 1 and toks[i - 2].tag in NOUNISH:
            i -= 1
        else:
            break
    return i


def _np_start_at(toks: list[Token], start: int, stop: int) -> int:
    """End index (exclusive) of the noun phrase that starts at toks[start], or `start` if none does."""
    i = start
    while i < stop and toks[i].tag == "DT":
        i += 1
    last = start
    while i < stop:
        t = toks[i]
        if t.tag in NOUNISH or t.tag in ("VED", "VBG") and i + 1 < stop and toks[i + 1].tag in HEADS:
            i += 1
            if t.tag in HEADS:
                last = i
        elif t.low in ("and", "&") and i + 1 < stop and i > start and (
                toks[i + 1].tag == "NNP" and toks[i - 1].tag == "NNP"  # "Science and Technology Parks"
                or toks[i - 1].tag in ("NN", "JJ") and toks[i + 1].tag in ("NN", "JJ")
                and i + 2 < stop and toks[i + 2].tag == "NN"):  # "life and health technology"
            i += 1
        else:
            break
    return last


def _chain_before(toks: list[Token], end: int, lo: int) -> int:
    """Start of a noun phrase ending at `end` with its 'of'/'to'/'with' complements: 'rate of return',
    'Merchandise exports to the US', 'alternative bonds with nominal value'; `end` if none."""
    start = _np_end_at(toks, end)
    if start == end:
        return end
    links = ("of", "to", "with", "in", "for", "on", "from", "under")
    while start - 2 >= lo and toks[start - 1].low in links \
            or start - 2 >= lo and toks[start - 1].tag == "DT" and toks[start - 2].low in links:
        prep = start - 1 if toks[start - 1].tag != "DT" else start - 2
        if toks[prep].low != "of" and toks[prep + 1].low in ("a", "an"):
            break  # "on a matching basis", "at a low level": a manner or a degree, not a complement
        if prep - 1 > lo and toks[prep - 1].tag in ("VBG", "VED") and toks[prep - 2].tag in HEADS:
            prep -= 1  # "residents returning from Hong Kong", "spending associated with inbound tourism"
        earlier = _np_end_at(toks, prep)
        if earlier == prep or earlier < lo:
            break
        start = earlier
    while start > lo and toks[start - 1].tag == "DT":
        start -= 1
    return start


def _quantity(tok: Token) -> bool:
    """A number or a fraction in words ('four-fifths', 'one third'): a figure, never a noun phrase's head."""
    return tok.tag in ("CD", OTHER, FIGURE) or any(part in NUMBER_WORDS for part in tok.low.split("-"))


def phrase(toks: list[Token], a: int, b: int, sentence: str) -> str:
    """The words of toks[a:b] as written (no word dropped), without a leading determiner."""
    while a < b and toks[a].tag == "DT":
        a += 1
    return sentence[toks[a].start : toks[b - 1].end] if a < b else ""


def noun_phrases(sentence: str) -> list[str]:
    """Every maximal noun phrase of a sentence, in order (for tests and inspection)."""
    toks = tokens(sentence)
    out, i = [], 0
    while i < len(toks):
        j = _np_start_at(toks, i, len(toks))
        if j > i:
            out.append(phrase(toks, i, j, sentence))
            i = j
        else:
            i += 1
    return out


# --- what a figure measures -----------------------------------------------------------------------------


def _clause_bounds(toks: list[Token], at: int) -> tuple[int, int]:
    """Token range of the clause around toks[at]: cut at ; : ( ) and sentence stops."""
    lo = at
    while lo > 0 and toks[lo - 1].text not in (";", ":", "(", "."):
        if toks[lo - 1].text == ")":  # a bracket before the figure is stepped over, not a bound
            opening = next((k for k in range(lo - 2, -1, -1) if toks[k].text == "("), -1)
            if opening < 0:
                break
            lo = opening
            continue
        lo -= 1
    hi = at
    while hi < len(toks) and toks[hi].text not in (";", ":", "(", ")"):
        hi += 1
    while lo < at and toks[lo].tag not in (FIGURE, OTHER) and len(toks[lo].text) == 1 and not toks[lo].text.isalnum():
        lo += 1  # a bullet mark
    return lo, hi


def _singular(word: str) -> str:
    if word.endswith("sses"):
        return word[:-2]  # "losses"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _conjuncts(toks: list[Token], a: int, b: int, sentence: str) -> list[str]:
    """'the IP and the BP', 'A, B and C' -> their phrases ([] if toks[a:b] is not a coordination)."""
    parts, start = [], a
    for i in range(a, b + 1):
        if i == b or toks[i].low in ("and", "or", ",") and toks[i].tag != "NNP":
            if i == b or i + 1 < b and toks[i + 1].low != "and":
                parts.append(phrase(toks, start, i, sentence))
                start = i + 1
            else:
                parts.append(phrase(toks, start, i, sentence))
                start = i + 2
    parts = [p for p in parts if p]
    return parts if len(parts) >= 2 else []


def _figures_list(toks: list[Token], fig: int, hi: int) -> tuple[int, int, int]:
    """(first, last, position of fig) of a list of figures 'F, G and H' holding toks[fig]."""
    first = last = fig
    while first - 2 >= 0 and toks[first - 1].low in ("and", ",") and toks[first - 2].tag in (FIGURE, OTHER):
        first -= 2
    while last + 2 < hi and toks[last + 1].low in ("and", ",") and toks[last + 2].tag in (FIGURE, OTHER):
        last += 2
    return first, last, (fig - first) // 2


def _verb_before(toks: list[Token], i: int, lo: int) -> int:
    """Index of the verb a figure at toks[i] hangs on ('rose by F', 'was F', 'stood at F'), or -1."""
    j = i - 1
    while j >= lo and (toks[j].tag in ("RB", "DT", "JJ") or toks[j].low in ("by", "to", "at", "of", "up", "down",
                                                                              "from", "between", *QUALIFYING)):
        j -= 1  # "injected an additional F", "rose by F", "stood at F"
    if j >= lo and toks[j].tag in ("VB", "VED", "VBG", "MD", "V/N"):
        return j
    return -1


def _opening(toks: list[Token], close: int, lo: int) -> int:
    """Index of the '(' that the ')' at toks[close] closes, or -1."""
    depth = 0
    for k in range(close, lo - 1, -1):
        depth += toks[k].text == ")"
        depth -= toks[k].text == "("
        if depth == 0:
            return k
    return -1


def _subject_before(toks: list[Token], verb: int, lo: int, sentence: str) -> tuple[str, int]:
    """The subject of a verb at toks[verb]: the noun phrase before it (its auxiliaries, a bracket and a date
    phrase stepped over), with its complements; ('', -1) if there is none."""
    j = verb
    while j > lo and toks[j - 1].tag in ("MD", "RB"):
        j -= 1
    if j > lo and toks[j - 1].text == ")" and (opening := _opening(toks, j - 1, lo)) > lo:
        inside = sentence[toks[opening].end : toks[j - 1].start].strip()
        if ACRONYM.fullmatch(inside) and toks[opening - 1].tag in HEADS:
            return inside, opening  # "Hong Kong Science and Technology Parks Corporation (HKSTPC) has"
    while j - 1 > lo and toks[j - 1].tag == OTHER:  # "during January to March 2001", "in 2016"
        opening = next((k for k in range(j - 2, max(lo, j - 6) - 1, -1)
                        if toks[k].tag == "IN" and toks[k].low != "to"), -1)
        if opening < 0:
            break
        j = opening
    if j > lo and toks[j - 1].text == ")":  # "... Fund (excluding the Strategic Portfolio) in 2016 was"
        opening = _opening(toks, j - 1, lo)
        if opening < 0:
            return "", -1
        j = opening
    while j - 2 >= lo and toks[j - 1].tag == OTHER and toks[j - 2].tag == "IN":
        j -= 2  # "in 2016"
    if j > lo and toks[j - 1].text == ")":
        opening = _opening(toks, j - 1, lo)
        return _subject_before(toks, opening, lo, sentence) if opening >= 0 else ("", -1)
    if j - 2 > lo and toks[j - 1].text == "," and toks[j - 2].tag == OTHER:  # "for the year ended March 31, 2009,"
        j -= 1
        while j - 1 > lo and toks[j - 1].tag == OTHER:
            opening = next((k for k in range(j - 2, max(lo, j - 6) - 1, -1) if toks[k].tag == "IN"), -1)
            if opening < 0:
                break
            j = opening
    if j > lo and toks[j - 1].text == ",":  # "the underlying inflation rate, at four per cent, was"
        comma = next((k for k in range(j - 2, max(lo, j - 8) - 1, -1) if toks[k].text == ","), -1)
        if comma > lo:
            j = comma
    if j > lo and toks[j - 1].tag == "PRP":
        return "", -1
    start = _chain_before(toks, j, lo)
    if start == j:
        return "", -1
    return phrase(toks, start, j, sentence), start


def _main_subject(toks: list[Token], sentence: str) -> str:
    """The subject of a sentence's first finite verb, after any leading 'After ..., ' phrase."""
    lo = 0
    if toks and toks[0].tag in ("IN", "VBG", "VED", "RB"):
        comma = next((i for i, t in enumerate(toks) if t.text == ","), -1)
        lo = comma + 1 if comma >= 0 else 0
    for i in range(lo, len(toks)):
        if toks[i].tag in ("VB", "VED", "MD") and i > lo:
            return _subject_before(toks, i, lo, sentence)[0]
        if toks[i].text in (";", ":"):
            break
    return ""


def _table(name: str) -> Any:
    return lexicon()["measure"][name]


def _owned(head: str, owner: str) -> str:
    """'IP' + 'rate of return' -> 'IP: rate of return' (no owner, or the head already names it: the head; too
    long for a label, a head that names the thing on its own gives up its owner). Words keep their case as
    written: a name stays a name ('... : Mainland science and technology funding')."""
    if not owner or owner.lower() in head.lower():
        return head
    if len(owner) + len(head) + 2 > LABEL_LENGTH and not _generic(head) and " " in head:
        return head
    return f"{owner}: {head}"


def _generic(words: str) -> bool:
    """A phrase whose head says how, not what, is measured ('a rate of return', 'the balance')."""
    generic = _table("generic_heads")
    head, _, of = words.partition(" of ")
    head_words = re.split(r"\s+(?:to|with|in|for|on|from)\s+", head, maxsplit=1)[0].split()
    modifiers = ("JJ", "VED", "VBG", "DT", "CD")
    nouns = [w.lower() for w in [*head_words, *of.split()] if _word_tag(w, False) not in modifiers]
    return bool(nouns) and all(w in generic or _singular(w) in generic for w in nouns)


def measured(sentence: str, start: int, end: int, blocked: tuple[tuple[int, int], ...] = (),
             antecedent: str = "", owned_only: bool = False, lead: str = "") -> str:
    """What the figure at sentence[start:end] measures, as a phrase a reader would write, or '' when its
    clause has no shape read here (the caller then keeps its own label). `blocked` are the spans of the
    sentence's other figures and dates; `antecedent` is what an opening 'It' or 'This' refers to. With
    `owned_only` (a duration) only a thing written right after it is read: "two months' unpaid wages"; `lead` is the
    clause ending in a dash whose numbered items the sentence is ("the employer must pay him paternity leave pay –")."""
    if owned_only:
        blocked = tuple(sorted(blocked))
        return _possessed(sentence, start, end, blocked) or _duration_owner(sentence, start, end, blocked, lead) \
            or _compounded(sentence, start, end, blocked)
    verb = LEADING_VERB.match(sentence, start, end)  # "fell by around 5%": the verb is a word of the sentence
    if verb and base_form(verb.group(1)) in _table("change"):
        start = verb.end()
    lead = LEADING_OF.match(sentence, start, end)  # "limit of RMB 10,000": 'limit' is a word of the phrase
    if lead and lead.group(1).lower() not in _table("generic_heads"):
        lead = None  # "in excess of F" only qualifies it
    return _measured(sentence, lead.end() if lead else start, end, tuple(sorted(blocked)), antecedent)


@lru_cache(maxsize=1024)
def _possessed(sentence: str, start: int, end: int, blocked: tuple[tuple[int, int], ...]) -> str:
    """'the first two months' unpaid wages', 'three years' imprisonment': what a duration's possessive measures."""
    toks = tokens(sentence, (start, end), blocked)
    fig = next((i for i, t in enumerate(toks) if t.tag == FIGURE), -1)
    if fig < 0:
        return ""
    # "two months' wages", "one month’s notice" (the singular's "’s" is cut off with the word the figure ends in)
    if not (toks[fig].text.endswith(("'", "’")) or sentence[toks[fig].end : toks[fig].end + 1] in ("'", "’")):
        return ""
    at = fig + 1
    while at < len(toks) and toks[at].text in ("'", "’", "s") and toks[at].start <= toks[at - 1].end + 1:
        at += 1
    thing_end = _np_of(toks, at, len(toks))
    if thing_end > at and thing_end + 1 < len(toks) and toks[thing_end].low in lexicon()["duration"]["naming_anchors"]:
        more = _np_of(toks, thing_end + 1, len(toks))  # "one month's wages as compensation": what they count as
        thing_end = more if more > thing_end + 1 else thing_end
    return _capital(phrase(toks, at, thing_end, sentence)) if thing_end > at else ""


@lru_cache(maxsize=1024)
def _compounded(sentence: str, start: int, end: int, blocked: tuple[tuple[int, int], ...]) -> str:
    """'the 14-day period', 'a 3-year warranty': the noun phrase a hyphened length modifies, when nothing around
    it says more."""
    if not re.search(r"\d-[a-z]+$", sentence[start:end]):
        return ""
    toks = tokens(sentence, (start, end), blocked)
    fig = next((i for i, t in enumerate(toks) if t.tag == FIGURE), -1)
    thing_end = _np_of(toks, fig + 1, len(toks)) if fig >= 0 else -1
    if thing_end <= fig + 1 or thing_end < len(toks) and toks[thing_end].tag in ("VB", "V/N"):
        return ""  # ("the 4-week maternity leave pay for ...": a verb's form may end the noun phrase)
    window = fig > 1 and toks[fig - 1].tag == "DT" and toks[fig - 2].low in lexicon()["duration"]["window_preps"]
    if window and toks[thing_end - 1].low in _table("time_nouns"):
        return ""  # "the wages of the employee in the 12-month period": a window what is measured is counted over
    links = lexicon()["duration"]["compound_links"]
    link = next((len(w.split()) for w in links if _starts_with(toks, thing_end, (w,))), 0)
    if link and (more := _np_of(toks, thing_end + link, len(toks))) > thing_end + link:
        thing_end = more
    return _capital(phrase(toks, fig + 1, thing_end, sentence))


@lru_cache(maxsize=1024)
def _duration_owner(sentence: str, start: int, end: int, blocked: tuple[tuple[int, int], ...], lead: str = "") -> str:
    """What a duration is the length of, from the words around it (grammar [duration]): the noun phrase done by
    someone over the window it gives ("the average daily wages earned by an employee in the past 12 months"), or
    the point it runs from or to with the noun phrase it is "for" ("a continuous contract for 40 weeks immediately
    before the day of paternity leave": "Continuous contract immediately before the day of paternity leave");
    '' when neither is written."""
    toks = tokens(sentence, (start, end), blocked)
    fig = next((i for i, t in enumerate(toks) if t.tag == FIGURE), -1)
    if fig < 0:
        return ""
    lo, hi = _clause_bounds(toks, fig)
    return _timed(toks, fig, sentence, lead) or _qualifying(toks, fig, sentence) or \
        _window_owner(toks, fig, lo, sentence) or _anchored(toks, fig, lo, hi, sentence) or \
        _named_member(toks, fig, lo, hi, sentence) or _set_time(toks, fig, lo, sentence)


SUBORDINATORS = frozenset({"if", "when", "where", "unless", "whereas", "who", "which", "that", "whose", "once"})
CLAUSE_MARKS = frozenset({",", ";", ":", "–", "—", "."})
BE = frozenset({"be", "been", "being", "is", "are", "was", "were"})


def _timed(toks: list[Token], fig: int, sentence: str, lead: str = "") -> str:
    """The act a time limit is set for (grammar [duration] deadlines): 'An employer shall pay all the termination
    payments ... not later than F after ...' -> 'Pay all the termination payments', 'For severance payment, an employer
    shall make payment not later than F' -> 'Severance payment: make payment'; an item of a list its lead clause
    times ('has provided the required document to the employer within the following period – (i) F after ...') ->
    'Provided the required document to the employer'; an item whose clause names no act, the act of the `lead` its
    list completes. '' when no act is written (the caller reads the clause)."""
    deadlines = tuple(lexicon()["duration"]["deadlines"])
    dash = _lead_dash(toks, fig)
    if dash > 0:
        start = _clause_start(toks, dash)
        if not any(_starts_with(toks, k, deadlines) for k in range(start, dash)):
            return ""
        act = _act(toks, start, dash, sentence)
    elif _limited(toks, fig, deadlines):
        lo = _clause_start(toks, fig, over_commas=True)
        act = _act(toks, lo, fig, sentence) or _passive_act(toks, lo, fig, sentence)
        if not act and lead:
            act = _lead_act(lead)
    elif lead and _lead_limits(lead):  # "... within the following period –" then "(i) F after ...": its items
        act = _lead_act(lead)
    else:
        return ""
    topic = re.match(r"\W*For\s+(?:the\s+)?([a-z][\w\s-]{2,40}?),\s", sentence)  # "For severance payment, ..."
    if act and topic and topic.end() <= toks[fig].start:
        return f"{_capital(topic.group(1))}: {act[:1].lower()}{act[1:]}"
    return _capital(act)


def _limited(toks: list[Token], fig: int, deadlines: tuple[str, ...]) -> bool:
    """Whether a time limit opens the figure ('within 7 days') or the near end of the range it ends ('within two
    to three years': the far end is as limited)."""
    if toks[fig].low.startswith(deadlines):
        return True
    if fig < 2 or toks[fig - 1].low not in ("to", "-", "–") or not _quantity(toks[fig - 2]):
        return False
    return toks[fig - 2].low.startswith(deadlines) or fig >= 3 and toks[fig - 3].low in deadlines


NOUN_PHRASE = frozenset({"JJ", "NN", "NNP", "VBG", "POS", "DT", "(", ")"})


def _passive_act(toks: list[Token], lo: int, end: int, sentence: str) -> str:
    """The act of a passive clause a time limit is set for: its subject and participle ('Free flow tolling system
    (FFTS) will also be implemented by phases ... within F' -> 'Free flow tolling system (FFTS) implemented');
    '' unless a noun phrase of at most eight words opens the clause and a passive verb follows it, parted from this
    figure by another (the caller's reading of the clause would start after that one and lose the subject)."""
    verb = next((k for k in range(end - 1, lo, -1) if toks[k].tag == "VED" and toks[k - 1].low in BE), -1)
    if verb < 0 or toks[verb + 1].low == "to" or any(toks[k].low in SUBORDINATORS for k in range(verb, end)):
        return ""  # "is required to pay", "... if he fails to pay within F": the act is not the passive verb's
    if not any(toks[k].tag == OTHER for k in range(verb, end - (2 if toks[end - 1].low == "to" else 0))):
        return ""  # no other figure parts the verb from this one: the caller's clause holds the subject
    aux = verb - 1
    while aux > lo and (toks[aux - 1].tag in ("MD", "RB") or toks[aux - 1].low in BE):
        aux -= 1
    first = aux
    while first > lo and aux - first < 8 and toks[first - 1].tag in NOUN_PHRASE:
        first -= 1
    if first > lo:
        return ""  # a subject longer than a name, or none opening the clause: the caller reads the clause
    while first < aux and toks[first].tag == "DT":
        first += 1
    if first == aux:
        return ""
    return f"{sentence[toks[first].start : toks[aux - 1].end]} {toks[verb].text}"


@lru_cache(maxsize=256)
def _lead_act(lead: str) -> str:
    """The act of the clause a lead-in ends with before its dash ('..., the employer must pay him paternity leave pay
    –': 'pay him paternity leave pay')."""
    toks = tokens(lead)
    dash = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].text in ("–", "—", ":")), -1)
    return _act(toks, _clause_start(toks, dash, over_commas=True), dash, lead) if dash > 0 else ""


@lru_cache(maxsize=256)
def _lead_limits(lead: str) -> bool:
    """Whether the clause a lead-in ends with before its dash sets a time limit ('has provided the document within
    the following period (whichever period expires first) –')."""
    toks = tokens(lead)
    dash = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].text in ("–", "—", ":")), -1)
    deadlines = tuple(lexicon()["duration"]["deadlines"])
    return dash > 0 and any(_starts_with(toks, k, deadlines) for k in range(_clause_start(toks, dash), dash))


def _starts_with(toks: list[Token], k: int, words: tuple[str, ...]) -> bool:
    """Whether the words from toks[k] on begin with one of `words` (a phrase of one or more words)."""
    text = " ".join(t.low for t in toks[k : k + 4])
    return any(text == w or text.startswith(w + " ") for w in words)


def _lead_dash(toks: list[Token], fig: int) -> int:
    """Index of the dash or colon whose list the figure's item is in ('... period – (i) F after ...; or (ii) if ...,
    within G'), or -1: an enumerator ('(i)', '1.') follows the dash and opens the figure's item."""
    item = next((k for k in range(fig - 1, -1, -1) if toks[k].text in (";", "–", "—", ":")), -1)
    if item < 0 or not _enumerator(toks, item + 1):
        return -1
    dash = next((k for k in range(item, -1, -1) if toks[k].text in ("–", "—", ":")), -1)
    return dash if dash >= 0 and _enumerator(toks, dash + 1) else -1


def _enumerator(toks: list[Token], k: int) -> bool:
    """'(i)', '(2)', 'a)', '1.' (with an 'or' or 'and' before it) at toks[k]."""
    while k < len(toks) and toks[k].low in ("or", "and"):
        k += 1
    if k + 2 < len(toks) and toks[k].text == "(" and toks[k + 2].text == ")":
        return bool(re.fullmatch(r"[ivx]{1,4}|[a-h]|\d{1,2}", toks[k + 1].low))
    return k + 1 < len(toks) and bool(re.fullmatch(r"[ivx]{1,4}|[a-h]|\d{1,2}", toks[k].low)) \
        and toks[k + 1].text in (")", ".")


def _clause_start(toks: list[Token], end: int, over_commas: bool = False) -> int:
    """First token of the clause ending at toks[end]: after a ';', ':', dash or an item's number ('2. has provided');
    with `over_commas`, a comma too, unless what it sets off is a subordinate clause ('if he ceases to be
    employed, within ...': the clause before it is the main one)."""
    k = end
    while k > 0 and toks[k - 1].text not in CLAUSE_MARKS - ({","} if over_commas else set()):
        k -= 1
    if k > 1 and toks[k - 1].text == "." and toks[k - 2].tag == OTHER:
        return k  # "2. has provided": the item's number ends no sentence
    return k


def _act(toks: list[Token], lo: int, end: int, sentence: str) -> str:
    """The verb phrase of toks[lo:end] a time limit is set for: the last active verb after an auxiliary or opening
    the clause (not one in an 'if' or 'who' clause), with its object and one complement; a bare 'do so' is the act
    the sentence says one 'wishes to' do. '' when the verb is passive ('payment should be made on ...': the caller's
    clause names the payment) or absent."""
    table = lexicon()["duration"]
    heads = [k for k in range(lo, end) if toks[k].tag in ("VB", "VED", "MD") and toks[k].low not in BE and (
        k == lo or toks[k - 1].tag == "MD" or _after_catenative(toks, k, lo))]
    verbs = [k for k in heads if not _subordinate(toks, k)] or [k for k in heads if toks[k].tag != "MD"][-1:]
    if not verbs:
        return ""
    v = verbs[-1]
    if v > lo and toks[v - 1].low in BE:
        return ""
    if toks[v].low == "do" and v + 1 < end and toks[v + 1].low == "so":
        m = re.search(rf"\b(?:{'|'.join(table['intending'])})\s+to\s+([a-z][^,;()]{{3,60}}?)\s*(?:\(|,)",
                      sentence[: toks[v].start])
        return m.group(1) if m else ""
    if toks[v].tag == "MD":
        return ""  # "has to", "will": no verb of its own
    k = v + 1
    while k < end and (toks[k].tag == "RB" or toks[k].low in ("to",) and k + 1 < end and toks[k + 1].tag == "VB"):
        k += 1
    if k < end and toks[k].tag == "PRP":  # "pay him paternity leave pay"
        k += 1
    obj = _np_of(toks, k, end)
    if k < obj < end and toks[obj].tag in ("VB", "V/N") and (obj + 1 == end or not toks[obj + 1].text[:1].isalnum()):
        obj += 1  # "pay him paternity leave pay –": a verb's form ending the object, its last noun
    if obj > k and obj + 1 < end and toks[obj].low in table["act_links"]:
        more = _np_of(toks, obj + 1, end)
        obj = more if more > obj + 1 else obj
    if obj <= k:
        return ""  # a verb with no object read ("Complete the review of ... within 4 years"): no act to name
    last = max(obj, k)
    chain = _verb_chain(toks, v, lo)
    subject, at = _subject_before(toks, chain, lo, sentence)  # "An employer shall pay ...": a label opens on a noun
    first = toks[at].start if subject and at >= lo else toks[v].start
    while first < toks[v].start and sentence[first:].lower().startswith(("the ", "a ", "an ")):
        first = sentence.index(" ", first) + 1
    act = sentence[first : toks[last - 1].end]
    inner = subject and _inside(toks, at, lo)  # "who wishes to ...", "without excuse"
    if not subject or at < lo or len(act) <= ACT_ROOM and not inner:
        return act
    # a subject inside a relative clause or an adverbial, or too long to keep what is done: the clause's first noun
    # phrase without what follows it ("An employee who wishes to claim for ... should serve a written notice" ->
    # "Employee should serve a written notice"), or no subject at all
    head = _clause_head(toks, lo, chain, sentence)
    done = sentence[toks[_modal_start(toks, chain, lo)].start : toks[last - 1].end]
    return f"{head} {done}" if head and len(head) + len(done) < ACT_ROOM else done


ACT_ROOM = LABEL_LENGTH - 14  # a time limit's act leaves room for its unit ("(months)")


def _clause_head(toks: list[Token], lo: int, chain: int, sentence: str) -> str:
    """The first noun phrase of toks[lo:chain], without what follows it ('An employee who wishes ...' -> 'employee',
    'Where a body corporate wilfully ...' -> 'body corporate')."""
    opening = next((j for j in range(lo, chain) if toks[j].tag in HEADS | {"DT", "JJ"}), chain)
    return phrase(toks, opening, _np_start_at(toks, opening, chain), sentence)


def _acting_subject(toks: list[Token], verb: int, lo: int, sentence: str) -> str:
    """Who does the verb at toks[verb] (with the verb that governs it: 'fails to pay'); a noun phrase inside a
    relative clause or an adverbial before it is none ('An employer who wilfully and without reasonable excuse fails
    to pay' -> 'employer')."""
    chain = _verb_chain(toks, verb, lo)
    subject, at = _subject_before(toks, chain, lo, sentence)
    if subject and _inside(toks, at, lo):
        return _clause_head(toks, lo, chain, sentence)
    return subject


def _inside(toks: list[Token], at: int, lo: int) -> bool:
    """A noun phrase at toks[at] that opens inside a relative clause or a preposition's phrase ('who wishes to
    claim', 'without reasonable excuse'): no subject of the verb after it."""
    return lo < at and (toks[at - 1].low in ("who", "which", "that", "whom")
                        or toks[at - 1].tag == "IN" and toks[at - 1].low not in ("of", "to"))


def _after_catenative(toks: list[Token], k: int, lo: int) -> bool:
    """'fails to pay', 'agrees to pay': a verb after 'to' and the verb that governs it."""
    return k - 2 >= lo and toks[k].tag == "VB" and toks[k - 1].low == "to" and toks[k - 2].tag == "VB"


def _verb_chain(toks: list[Token], v: int, lo: int) -> int:
    """First token of the verb group ending at toks[v] ('fails to pay'), so its subject is read before it."""
    while _after_catenative(toks, v, lo):
        v -= 2
    return v


def _modal_start(toks: list[Token], chain: int, lo: int) -> int:
    """First token of a verb group with its modals and adverbs ('should serve', 'must not')."""
    while chain > lo and toks[chain - 1].tag in ("MD", "RB"):
        chain -= 1
    return chain


def _subordinate(toks: list[Token], k: int) -> bool:
    """A verb of an 'if' or relative clause; a relative clause ends at a modal, whose verb is the main one ('An
    employee who wishes to claim ... should serve a written notice')."""
    for j in range(k - 1, _clause_start(toks, k) - 1, -1):
        if toks[j].low in SUBORDINATORS:
            relative = toks[j].low in ("who", "which", "that") and j > 0 and toks[j - 1].tag in HEADS
            return not (relative and any(toks[m].tag == "MD" for m in range(j + 2, k)))
    return False


def sized_object(sentence: str, start: int, end: int) -> str:
    """What a count of places sizes: the object of the task done in or extended to them ('Launch the “Knee Joint
    Programme” on a pilot basis in two hospital clusters', 'expanding the HA’s “knee osteoarthritis” programme to
    seven hospital clusters', 'Expand the Healthy Mind Pilot Project by phases to cover six more DHCs'), stepping
    over manner phrases ('on a pilot basis', 'by phases'); '' when the count is no such place (grammar [sized])."""
    table = lexicon()["sized"]
    before = re.search(r"([A-Za-z]+)\W*$", sentence[max(0, start - 30) : start])
    if not before or before.group(1).lower() not in {*table["preps"], *table["verbs"]}:
        return ""  # the word before the count opens no place phrase: no need to tag the sentence
    toks = tokens(sentence, (start, end), ())
    fig = next((i for i, t in enumerate(toks) if t.tag == FIGURE), -1)
    j = fig - 1
    if j >= 1 and toks[j].low in table["verbs"] and toks[j - 1].low == "to":
        j -= 1  # "to cover six more DHCs"
    elif j < 1 or toks[j].low not in table["preps"]:
        return ""
    while j > 0:
        k = j
        while k > 0 and (toks[k - 1].tag in ("NN", "NNP", "JJ", "POS") or toks[k - 1].text in "“”\"'‑-"):
            k -= 1
        np_start = k
        while k > 0 and toks[k - 1].tag == "DT":
            k -= 1
        if np_start == j or k == 0:
            return ""
        before = toks[k - 1]
        if before.low in table["manner"] or before.low in table["verbs"]:
            j = k - 1  # "on a pilot basis", "by phases": a manner phrase; "to cover": the verb of the place
            continue
        if before.tag in ("VB", "VBG") or before.tag in HEADS and (k == 1 or toks[k - 2].tag == "CC"
                                                                 or toks[k - 2].text in ";:"):
            # a verb, or a word opening a task that the lexicon lacks ("and commence the", "Finalise the")
            found = phrase(toks, k, j, sentence)
            quoted = found[:1] in "“\"" and found[-1:] in "”\"" and found.count("“") + found.count('"') <= 2
            return found[1:-1] if quoted else found
        return ""
    return ""


def _set_time(toks: list[Token], fig: int, lo: int, sentence: str) -> str:
    """'the OP processing time can be shortened to 10 working days', 'Relax the alienation restriction period ...
    from 15 years to 10 years': a duration a time noun of its clause is set to (or from) is that time's length.
    Only right after 'to' or 'from' (grammar [duration] set_preps): 'within 4 years' of a task is its deadline."""
    table = lexicon()["duration"]
    if fig < 1 or toks[fig - 1].low not in table["set_preps"]:
        return ""
    heads = set(table["time_heads"])
    head = next((k for k in range(fig - 2, lo - 1, -1) if toks[k].low in heads and toks[k].tag == "NN"), -1)
    if head < 0:
        return ""
    start = head
    while start > lo and toks[start - 1].tag in ("NN", "NNP", "JJ"):
        start -= 1
    return phrase(toks, start, head + 1, sentence)


def _qualifying(toks: list[Token], fig: int, sentence: str) -> str:
    """'employed under a continuous contract for not less than 12 months are entitled to paid annual leave': the
    qualifying period for what the sentence entitles to."""
    table = lexicon()["duration"]
    if fig < 1 or toks[fig - 1].low != "for" or not toks[fig].low.startswith(tuple(table["minimums"])):
        return ""
    for k in range(len(toks) - 2):
        if f"{toks[k].low} {toks[k + 1].low}" in table["entitles"] and k + 2 != fig:
            end = k + 2 + (k + 2 < len(toks) and toks[k + 2].tag == "DT")  # what it entitles to, up to a
            # preposition, a conjunction or a mark
            while end < len(toks) and end - k < 8 and toks[end].tag not in ("IN", "CC", "MD", "PRP", FIGURE, OTHER) \
                    and toks[end].text[:1].isalnum() and toks[end].low not in _closed():
                end += 1
            if phrase(toks, k + 2, end, sentence):
                return f"{table['qualifying']} {phrase(toks, k + 2, end, sentence)}"
    return ""


def _named_member(toks: list[Token], fig: int, lo: int, hi: int, sentence: str) -> str:
    """'paid sickness days can be accumulated up to F in Category 1 and then G in Category 2': the numbered member
    each figure is of, after the subject of the verb they share ('Paid sickness days: Category 1')."""
    if not (fig + 2 < hi and toks[fig + 1].low == "in" and toks[fig + 2].tag == "NNP"):
        return ""
    end = fig + 3
    while end < hi and toks[end].tag in ("NNP", "CD"):
        end += 1
    if not any(t.tag == "CD" for t in toks[fig + 3 : end]):
        return ""  # "in Hong Kong": a place, not a member of a numbered set
    name = sentence[toks[fig + 2].start : toks[end - 1].end]
    verb = next((k for k in range(fig - 1, lo, -1) if toks[k].tag == "VED"), -1)
    subject = _subject_before(toks, verb, lo, sentence)[0] if verb > lo else ""
    return f"{_capital(subject)}: {name}" if subject else name


def _window_owner(toks: list[Token], fig: int, lo: int, sentence: str) -> str:
    """'the average daily wages earned by an employee in the past F': 'Average daily wages earned by an employee'."""
    table = lexicon()["duration"]
    i = fig
    while i > lo and toks[i - 1].low in table["window_words"]:
        i -= 1
    if i <= lo or toks[i - 1].low not in table["window_preps"]:
        return ""
    prep = i - 1
    agent = _np_end_at(toks, prep)
    while agent > lo and toks[agent - 1].tag == "DT":
        agent -= 1
    if agent == prep or agent - 2 < lo or toks[agent - 1].low != "by" or toks[agent - 2].tag != "VED":
        return ""
    head = _of_chain_before(toks, agent - 2, lo)
    return _capital(phrase(toks, head, prep, sentence)) if head < agent - 2 else ""


def _of_chain_before(toks: list[Token], end: int, lo: int) -> int:
    """Start of the noun phrase ending at toks[end - 1] with the phrases it is 'of' ('rate of the average daily
    wages'), not reaching past another figure ('four-fifths of the wages': 'the wages'); `end` if none."""
    start = _np_end_at(toks, end)
    if start == end:
        return end
    while start - 2 >= lo:
        prep = start - 1 if toks[start - 1].tag != "DT" else start - 2
        if toks[prep].low != "of":
            break
        earlier = _np_end_at(toks, prep)
        if earlier == prep or earlier < lo or _quantity(toks[prep - 1]):
            break
        start = earlier
    while start > lo and toks[start - 1].tag == "DT":
        start -= 1
    return start


def _anchored(toks: list[Token], fig: int, lo: int, hi: int, sentence: str) -> str:
    """'F immediately before the day of paternity leave', with the noun phrase the duration is 'for' (else the
    grammar's 'Period') before it."""
    table = lexicon()["duration"]
    j = fig + 1
    while j < hi and toks[j].low in table["anchor_adverbs"]:
        j += 1
    words = [t.low for t in toks[j : j + 3]]
    anchor = max((a for a in table["anchors"] if a.split() == words[: len(a.split())]), key=len, default="")
    if not anchor:
        return ""
    at = j + len(anchor.split())
    thing = _np_of(toks, at, hi)
    if thing <= at:
        return ""
    points = [sentence[toks[k].start : toks[thing - 1].end] for k in dict.fromkeys((fig + 1, j))]
    owner = ""
    if fig - 1 > lo and toks[fig - 1].low in table["owner_preps"]:  # "a continuous contract for F"
        o = _chain_before(toks, fig - 1, lo)
        owner = phrase(toks, o, fig - 1, sentence) if o < fig - 1 else ""
    if owner.split(" ")[-1:] and owner.split(" ")[-1].lower() in lexicon()["measure"]["time_nouns"]:
        owner = ""  # "any period of F": the period is the duration itself, its owner is said elsewhere
    if not owner and anchor not in table["naming_anchors"] and not _period_span(toks, fig, lo):
        return ""  # "pay ... within 7 days after the day of termination": the clause's verb is what is timed
    # room for the unit ("(months)"): the adverb, then the owner, give way to the point
    owners = dict.fromkeys([owner or table["period"], table["period"]])
    labels = [f"{who} {point}" for who in owners for point in points]
    return _capital(next((label for label in labels if len(label) <= LABEL_LENGTH - 10), labels[-1]))


def _period_span(toks: list[Token], fig: int, lo: int) -> bool:
    """'the period from F before X to G beginning on Y': either end of a span a time noun names ('the period'), which
    is what each end measures."""
    time_nouns = lexicon()["measure"]["time_nouns"]
    if fig - 1 <= lo or toks[fig - 1].low not in ("from", "to"):
        return False
    start = fig - 1 if toks[fig - 1].low == "from" else \
        next((k for k in range(fig - 2, lo, -1) if toks[k].low == "from"), -1)
    return start - 1 > lo and toks[start - 1].low in time_nouns


@lru_cache(maxsize=4096)
def _measured(sentence: str, start: int, end: int, blocked: tuple[tuple[int, int], ...], antecedent: str) -> str:
    toks = _without_restatements(tokens(sentence, (start, end), blocked))
    fig = next((i for i, t in enumerate(toks) if t.tag == FIGURE), -1)
    if fig < 0:
        return ""
    lo, hi = _clause_bounds(toks, fig)
    first, last, nth = _figures_list(toks, fig, hi)
    if first == lo and lo > 0 and toks[lo - 1].text == "(" and toks[lo - 2].tag in HEADS:
        return _capital(_bracketed(toks, lo - 1, last, sentence))
    if first == lo + 1 and lo > 1 and toks[lo].low == "including" and toks[lo - 1].text == "(" \
            and (part := _bracketed_part(toks, _owner_end(toks, lo - 1), last, sentence)):
        return _capital(part)
    if first == lo and lo > 3 and toks[lo - 1].text == "(" and toks[lo - 2].tag == OTHER and toks[lo - 3].tag == "IN" \
            and toks[lo - 4].tag in HEADS:  # "the previous record in 2007 (F)": the noun before the date's phrase
        start = _np_end_at(toks, lo - 3)
        return _capital(phrase(toks, start, lo - 3, sentence)) if start < lo - 3 else ""
    if last > first and any(t.low == "respectively" for t in toks[last:hi]):
        return _capital(_respectively(toks, first, nth, (last - first) // 2 + 1, lo, sentence, antecedent))
    first = _range_start(toks, first, lo) if last == first else first
    if last + 2 < hi and toks[last + 1].low == "to" and (toks[last + 2].tag in (OTHER, "CD")
                                                         or toks[last + 2].low in NUMBER_WORDS):
        first = _range_start(toks, last + 2, lo)  # the first end of 'from the current F to G' reads as the last
    verb = _verb_before(toks, first, lo)
    gapped = _np_end_at(toks, first)
    if gapped < first and gapped - 2 >= lo and toks[gapped - 1].low == "and" \
            and toks[gapped - 2].tag in (OTHER, FIGURE):
        return _capital(phrase(toks, gapped, first, sentence))  # "amounted to F and revenue G": the verb is gapped
    if base_form(toks[first].text) in _table("figure_verbs") and (
            toks[first].low != base_form(toks[first].text) or first + 1 < hi and toks[first + 1].tag == "DT"):
        # "The Scheme doubles the annual subsidy amount" (not "double-digit falls")
        return _capital(_figure_verb(toks, first, hi, sentence))
    if toks[first].low == "from" and first - 2 >= lo and toks[first - 1].text == ",":
        start = _chain_before(toks, first - 1, lo)  # "to raise the rate of Stamp Duty, from the current A to F"
        if start < first - 1 and start - 1 >= lo and toks[start - 1].tag in ("VB", "V/N"):
            return _capital(phrase(toks, start, first - 1, sentence))
    if fig - 1 > lo and toks[fig - 1].low in ("and", ","):
        # "a ceiling of F in A and G in B", "The average return was F over A, G over B and H since C":
        # the later figures of a list measure what the first does
        head = _list_head(toks, fig, lo)
        if head > 0 and toks[head - 1].low == "of":
            return _capital(_of_figure(toks, head, lo, sentence, antecedent, last))
        if head > 0 and (verb_of_head := _verb_before(toks, head, lo)) >= 0:
            return _capital(_verb_figure(toks, verb_of_head, last, lo, hi, sentence, antecedent))
    if MONEY.search(toks[first].text) and last + 1 < hi and toks[last + 1].tag == "NN" and verb < 0:
        thing_end = _np_start_at(toks, last + 1, hi)  # "launched with $10 million funding"
        owner = _clause_subject(toks, first, lo, sentence)
        if thing_end > last + 1 and owner:
            return _capital(_owned(phrase(toks, last + 1, thing_end, sentence), owner))
    if first - 1 >= lo and toks[first - 1].low in ("of", "at") and verb != first - 2:
        return _capital(_of_figure(toks, first, lo, sentence, antecedent))
    if first - 1 >= lo and toks[first - 1].low == "by" and (changed := _object_by(toks, first - 1, lo, sentence)):
        return _capital(changed)
    if first - 1 >= lo and toks[first - 1].low == "to" and (raised := _object_to(toks, first - 1, lo, sentence)):
        return _capital(raised)
    if first == lo and MONEY.search(toks[first].text) and (spent := _funding(toks, first + 1, hi, sentence)):
        return spent
    if MONEY.search(toks[first].text) and (spent := _set_aside(toks, lo, first, hi, sentence)
                                           or _item_funding(toks, lo, first, hi, sentence)):
        return spent
    if verb >= 0:
        return _capital(_verb_figure(toks, verb, last, lo, hi, sentence, antecedent))
    return ""


def _without_restatements(toks: list[Token]) -> list[Token]:
    """Tokens without another figure's restatement in brackets ('6.6 per cent (HK$37.8 billion) and 0.8 per cent
    (HK$4.7 billion) ... respectively'): a list reads through them."""
    out: list[Token] = []
    i = 0
    while i < len(toks):
        if toks[i].text == "(" and i + 2 < len(toks) and toks[i + 1].tag == OTHER and toks[i + 2].text == ")" \
                and out and out[-1].tag in (OTHER, FIGURE):
            i += 3
            continue
        out.append(toks[i])
        i += 1
    return out


def _funding(toks: list[Token], at: int, hi: int, sentence: str) -> str:
    """'$100 million has been allocated to develop a platform': 'Funding allocated to develop a platform'
    (an amount that is the subject of a passive verb is funding; the verb and its purpose say for what)."""
    while at < hi and toks[at].tag in ("MD", "RB"):
        at += 1
    if at >= hi or toks[at].tag not in ("VED", "VB", "V/N") or not base_form(toks[at].text):
        return ""
    end = at + 1
    while end < hi and toks[end].low in PARTICLES:
        end += 1
    tail = _purpose(toks, end, hi)
    if tail <= end:
        return ""
    return f"Funding {sentence[toks[at].start : toks[tail - 1].end].lower()}"


def _set_aside(toks: list[Token], lo: int, first: int, hi: int, sentence: str) -> str:
    """'Set aside $10 billion to further promote development of ...' (a bullet opening with its verb):
    'Funding set aside to further promote development of ...'."""
    if first <= lo or toks[lo].tag not in ("VB", "V/N", "NN") or not base_form(toks[lo].text) \
            or any(t.low not in PARTICLES for t in toks[lo + 1 : first]):
        return ""
    tail = _purpose(toks, first + 1, hi)
    if tail <= first + 1:
        return ""
    verb = sentence[toks[lo].start : toks[first - 1].end].lower()
    return f"Funding {verb} {sentence[toks[first + 1].start : toks[tail - 1].end]}"


def _purpose(toks: list[Token], at: int, hi: int) -> int:
    """End of 'into the fund', 'to (further) promote development of life and health technology' at toks[at]."""
    if at + 1 >= hi or toks[at].low not in ("to", "into", "for", "in"):
        return at
    k = at + 1
    while k < hi and toks[k].tag == "RB":
        k += 1
    if toks[at].low == "to" and k < hi and toks[k].tag in ("VB", "V/N"):
        k += 1
    end = _np_of(toks, k, hi)
    if end <= k:
        return at
    return max(end, _purpose(toks, end, hi))  # "injected into the fund to extend its scope"


def _infinitive_purpose(toks: list[Token], to: int, hi: int) -> int:
    """End of 'to add 100 day care places', 'to regularise the home care service' at toks[to] (an infinitive and its
    object: what an amount is for), or `to` when none stands there ('to 135', 'to the Fund' are no purpose)."""
    if to + 2 >= hi or toks[to].low != "to":
        return to
    verb = toks[to + 1]
    follows = toks[to + 2].tag in ("DT", OTHER, "CD", "JJ", "NN") or toks[to + 2].low in NUMBER_WORDS
    if not (verb.tag in ("VB", "V/N") or verb.tag == "NN" and verb.text.islower() and not _plural(verb.text)) \
            or not follows:
        return to
    k = to + 2
    while k < hi and (toks[k].tag in ("DT", OTHER, "CD") or toks[k].low in NUMBER_WORDS | {"more", "further"}):
        k += 1  # "to acquire six additional buses", "ten more classes": the count is a figure of its own
    end = _np_of(toks, k, hi)
    while end > k and end + 2 < hi and toks[end].low == "of" and toks[end + 1].tag == OTHER:
        more = _np_of(toks, end + 2, hi)  # "classes of two-year full-time Enrolled Nurse Training Programmes"
        if more <= end + 2:
            break
        end = more
    return end if end > k else to


def _item_funding(toks: list[Token], lo: int, first: int, hi: int, sentence: str) -> str:
    """'allocating $380 million from the Lotteries Fund to launch the Pilot Scheme' (a list item opening on a verb's
    -ing form, the amount its object): 'Funding to launch the Pilot Scheme', what the money is for, past where it
    comes from and when."""
    if first != lo + 1 or toks[lo].tag != "VBG" or not base_form(toks[lo].text):
        return ""
    k = first + 1
    while k < min(hi, first + 16) and toks[k].low != "to" and toks[k].tag not in ("VB", "VED", "MD") \
            and toks[k].text not in (",", ";"):
        k += 1  # "from the Lotteries Fund", "in the five-year period from 2013-14 for the Department"
    end = _infinitive_purpose(toks, k, hi)
    return f"Funding {sentence[toks[k].start : toks[end - 1].end]}" if end > k else ""


def _object_to(toks: list[Token], to: int, lo: int, sentence: str) -> str:
    """'The Scheme doubles the annual subsidy amount to F': 'The Scheme: annual subsidy amount'."""
    start = _chain_before(toks, to, lo)
    if start == to or start - 1 < lo or toks[start - 1].tag not in ("VB", "VED", "V/N"):
        return ""
    subject = _subject_before(toks, start - 1, lo, sentence)[0]
    return _owned(phrase(toks, start, to, sentence), subject) if subject else ""


def _bracketed(toks: list[Token], opening: int, last: int, sentence: str) -> str:
    """'land premium (F higher)': the figure in brackets measures the noun phrase before them."""
    start = _np_end_at(toks, opening)
    if start == opening:
        return ""
    thing = phrase(toks, start, opening, sentence)
    if _generic(thing) or thing.split()[-1].lower() in _table("empty_heads"):
        return ""
    after = toks[last + 1].low if last + 1 < len(toks) else ""
    return f"{thing}: {after}" if after in _table("comparatives") else thing


def _owner_end(toks: list[Token], opening: int) -> int:
    """Where the noun phrase owning a bracket ends: right before it, or before the amount it states ('notes
    totalling F (including G ...)': G is part of the notes)."""
    k = opening - 1
    while k > 0 and toks[k].tag == OTHER:
        k -= 1
    if k < opening - 1 and toks[k].low in ("totalling", "totaling", "worth", "of", "at", "amounting", "valued"):
        return k
    return opening


def _bracketed_part(toks: list[Token], opening: int, last: int, sentence: str) -> str:
    """'institutional notes (including US$1.25 billion denominated in United States dollars)': a part of the noun
    phrase before the brackets, with what sets it apart ('... notes denominated in United States dollars')."""
    thing = _bracketed(toks, opening, last, sentence) if opening > 0 and toks[opening - 1].tag in HEADS else ""
    if not thing:
        return ""
    at = last + 1
    if at + 1 < len(toks) and toks[at].tag == "VED" and toks[at + 1].tag == "IN":
        end = _np_of(toks, at + 2, len(toks))
        if end > at + 2:
            return f"{thing} {sentence[toks[at].start : toks[end - 1].end]}"
    return thing


def _range_start(toks: list[Token], first: int, lo: int) -> int:
    """Where a range ending at toks[first] starts: 'growth of one to F', 'between A and F', 'from A to F' (the
    start, whatever it is written as, stands where the figure would); `first` when it ends no range."""
    if first - 2 < lo or toks[first - 1].low not in ("to", "and"):
        return first
    start = first - 2
    number = toks[start].tag in (OTHER, FIGURE, "CD") or toks[start].low in NUMBER_WORDS
    if not number or toks[first - 1].low == "and" and (start - 1 < lo or toks[start - 1].low != "between"):
        return first
    k = start - 1
    while k > lo and toks[k].tag in ("JJ", "DT") and k > start - 3:  # "from the current 0.1 per cent to F"
        k -= 1
    return k if k >= lo and toks[k].low in ("from", "between") else start


def _figure_verb(toks: list[Token], fig: int, hi: int, sentence: str) -> str:
    """'The Scheme doubles the annual subsidy amount': 'Scheme: increase in annual subsidy amount'."""
    subject = _subject_before(toks, fig, 0, sentence)[0]
    at = fig + 1
    end = _np_of(toks, at, hi)
    if end <= at:
        return ""
    change = f"{_table('figure_verbs')[base_form(toks[fig].text)]} in {phrase(toks, at, end, sentence)}"
    return _owned(change, subject) if subject else change


def _clause_subject(toks: list[Token], at: int, lo: int, sentence: str) -> str:
    """The subject of the nearest finite verb before toks[at] in its clause, unless a conjunction, a comma or
    'that' comes between ('the spokesman said that the deficit of F' is not the spokesman's)."""
    for k in range(at - 1, lo, -1):
        if toks[k].tag == "CC" or toks[k].text == "," or toks[k].tag in (FIGURE, OTHER):
            return ""
        if toks[k].tag in ("VB", "VED", "MD"):
            obj_end = _np_start_at(toks, k + 1, at)
            if obj_end > k + 1 and toks[obj_end].tag == "IN":  # "keeps the exchange rate within a band of F"
                return phrase(toks, k + 1, obj_end, sentence)
            while k > lo and toks[k - 1].tag in ("MD", "RB"):
                k -= 1
            return _subject_before(toks, k, lo, sentence)[0] if toks[k].tag != "PRP" else ""
    return ""


def _list_head(toks: list[Token], first: int, lo: int) -> int:
    """Index of the first figure of a list that toks[first] continues ('F over A, G over B and H'), or -1: the
    earliest figure before it in the clause with no verb in between."""
    head = -1
    for k in range(first - 1, lo, -1):
        if toks[k].tag in ("VB", "VED", "MD", "VBG") or toks[k].text in (";", ":"):
            break
        if toks[k].tag == OTHER and not re.fullmatch(r"(?:19|20)\d\d", toks[k].text):
            head = k
    return head


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


def _object_by(toks: list[Token], by: int, lo: int, sentence: str) -> str:
    """'reduce government revenue by F': 'government revenue: reduction' (the object is what changes); 'increasing
    the rate of each tax band (including e-PCs) by F and the vehicle licence fee by G': each object its verb's."""
    start, end = _object_before_by(toks, by, lo)
    if start == end:
        return ""
    verb = start - 1
    # "... by F and the vehicle licence fee by G": the verb is gapped, the earlier object's
    while verb - 2 >= lo and toks[verb].low == "and" and toks[verb - 1].tag == OTHER and toks[verb - 2].low == "by":
        earlier, _ = _object_before_by(toks, verb - 2, lo)
        if earlier == verb - 2:
            return ""
        verb = earlier - 1
    infinitive = verb - 1 >= lo and toks[verb - 1].low == "to" and bool(base_form(toks[verb].text))
    if verb < lo or toks[verb].tag not in ("VB", "VBG", "VED", "V/N") and not infinitive:
        return ""
    noun = _table("change").get(base_form(toks[verb].text))
    return _owned(noun, phrase(toks, start, end, sentence)) if noun else ""


def _object_before_by(toks: list[Token], by: int, lo: int) -> tuple[int, int]:
    """(start, end) of the noun phrase a 'by F' follows, past a bracketed aside ('the FRT for PCs (including
    e-PCs) by F') and a count of its chain; (by, by) when none stands there."""
    end = by
    if by - 1 > lo and toks[by - 1].text == ")":
        end = next((k for k in range(by - 2, max(lo, by - 10), -1) if toks[k].text == "("), by)
    start = _chain_before(toks, end, lo)
    while start < end:  # "the subvention for 7 000 residential care places ... by F": past a count of the chain
        prep = start - 1
        while prep > lo and toks[prep].tag == OTHER:
            prep -= 1
        if prep == start - 1 or prep - 1 < lo or toks[prep].low not in ("for", "of", "with", "in", "on") \
                or _np_end_at(toks, prep) == prep:
            break
        start = _chain_before(toks, prep, lo)
    return (start, end) if start < end else (by, by)


def _respectively(toks: list[Token], first: int, nth: int, count: int, lo: int, sentence: str,
                  antecedent: str) -> str:
    """'The returns of the IP and the BP were F and G respectively': the nth of `count` figures is the nth
    owner's (of the last `count` named: 'For example, the peso and the lira fell by F and G respectively')."""
    at = next((i for i in range(first, len(toks)) if toks[i].low == "respectively"), -1)
    if 0 < at + 2 < len(toks) and toks[at + 1].low in ("to", "for", "in", "from", "on"):
        owners = _conjuncts(toks, at + 2, _np_start_at(toks, at + 2, len(toks)), sentence) or re.split(
            r"\s+and\s+", phrase(toks, at + 2, _np_start_at(toks, at + 2, len(toks)), sentence))
        if len(owners) > nth:  # "F and G of the variance attributed respectively to land premium and stamp duties"
            return owners[nth]
    verb = _verb_before(toks, first, lo)
    if verb < 0 and (owned := _verbless_owners(toks, first, nth, lo, sentence)):
        return owned
    if verb < 0:  # "waiving ... water and sewage charges, subject to a monthly cap of F and G respectively"
        if first - 1 < lo or toks[first - 1].low != "of" or _chain_before(toks, first - 1, lo) == first - 1:
            return ""
        start = _chain_before(toks, first - 1, lo)
        head = phrase(toks, start, first - 1, sentence)
        owners = re.split(r"\s*,\s*|\s+and\s+", _leading_object(toks, lo, sentence))
        if not owners[0] and start - 1 > lo and toks[start - 1].tag in ("VB", "VED"):
            # "Expenditure and revenue for the year recorded a variance of F and G respectively"
            subject_start = _subject_before(toks, start - 1, lo, sentence)[1]
            owners = _conjuncts(toks, subject_start, start - 1, sentence) if subject_start >= 0 else [""]
        return _owned(head, _capital(owners[nth])) if len(owners) > nth and owners[nth] else ""
    j = verb
    while j > lo and toks[j - 1].tag in ("MD", "RB"):
        j -= 1
    # the subject with its coordination: walk back over noun phrases joined by 'and' / ','
    k = j
    while k > lo and (toks[k - 1].tag in NOUNISH | {"DT"} or toks[k - 1].low in ("and", ",", "&")):
        k -= 1
    of = next((i for i in range(k, j) if toks[i].low == "of"), -1)
    if of < 0 and k > lo and toks[k - 1].low == "of":
        of, k = k - 1, _chain_before(toks, k - 1, lo)
    if of >= 0:
        owners = _conjuncts(toks, of + 1, j, sentence)
        head = phrase(toks, k, of, sentence)
        if len(owners) > nth and head:
            return _owned(_singular(head), owners[nth])
        return ""
    owners = _conjuncts(toks, k, j, sentence)[-count:]
    if len(owners) <= nth:
        return ""
    noun = _table("change").get(base_form(toks[verb].text)) or ""
    at = first + 2 * count - 1  # past the list of figures, and 'respectively'
    at += at < len(toks) and toks[at].low == "respectively"
    end = _np_start_at(toks, at + 1, len(toks)) if at + 1 < len(toks) and toks[at].low == "against" else at
    if noun and end > at + 1:  # "gained F and G against the US dollar respectively"
        noun = f"{noun} {sentence[toks[at].start : toks[end - 1].end]}"
    return _owned(noun, _capital(owners[nth])) if noun else _capital(owners[nth])


def _verbless_owners(toks: list[Token], first: int, nth: int, lo: int, sentence: str) -> str:
    """'with both the bond and equity markets down notably by F and G respectively': the nth owner of a list
    with no verb, its change said by 'up' or 'down' ('Equity markets: fall'); a head the owners share is
    each one's ('bond markets')."""
    k = first
    while k - 1 > lo and (toks[k - 1].tag == "RB" or toks[k - 1].low in ("by", "up", "down")):
        k -= 1
    if k == first or k - 1 < lo or toks[k - 1].tag not in HEADS:
        return ""
    owners = _conjuncts(toks, _chain_before(toks, k, lo), k, sentence)
    if len(owners) <= nth:
        return ""
    head = owners[-1].split()[-1]
    owner = owners[nth] if len(owners[nth].split()) > 1 or nth == len(owners) - 1 else f"{owners[nth]} {head}"
    change = {"down": "fall", "up": "rise"}.get(next((t.low for t in toks[k:first] if t.low in ("up", "down")), ""), "")
    return _owned(change, _capital(owner)) if change else _capital(owner)


def _of_figure(toks: list[Token], first: int, lo: int, sentence: str, antecedent: str, own: int = -1) -> str:
    """'the revised deficit of F', 'achieved a rate of return of F', 'the underlying inflation rate, at F';
    `own` is the figure's index when it continues a list headed by toks[first] (its own 'on bonds' counts)."""
    end = first - 1
    if end - 1 >= lo and toks[end - 1].text == ",":
        end -= 1
    start = _chain_before(toks, end, lo)
    if start == end:
        return ""
    head = phrase(toks, start, end, sentence)
    if head.split()[-1].lower() in _table("empty_heads"):
        return ""  # "a total of F": says nothing of what is measured
    after = (own if own >= 0 else first) + 1
    purpose = _infinitive_purpose(toks, after, len(toks)) if _generic(head) else after
    if purpose > after:  # "additional recurrent funding of F to add 100 day care places": what the money is for
        head = f"{head} {sentence[toks[after].start : toks[purpose - 1].end]}"
    elif _generic(head) and after + 1 < len(toks) and toks[after].low in ("from", "on", "in", "for", "to") \
            and toks[after + 1].tag not in (OTHER, "NNP"):
        target_end = _np_of(toks, after + 1, len(toks))
        if target_end > after + 1 and toks[target_end - 1].low in _table("time_nouns"):
            target_end = after + 1  # "a ceiling of F in the remaining two quarters": a period
        if target_end > after + 1:  # "losses of F from foreign equities", "a fall of F in exports of services"
            head = f"{head} {sentence[toks[after].start : toks[target_end - 1].end]}"
    verb = start - 1
    while verb >= lo and (toks[verb].tag in ("RB", "DT", "JJ") or toks[verb].low in ("at", "to", "by")
                          or toks[verb].low == "in" and verb > lo and toks[verb - 1].tag in ("VBG", "VED")):
        verb -= 1  # "rose to a high of F", "resulting in a decline of F"
    owner = ""
    if verb >= lo and (toks[verb].tag in ("VB", "VED", "VBG") or toks[verb].low in ("has", "had", "have")):
        owner = _acting_subject(toks, verb, lo, sentence)
        opener = verb == 0 and toks[0].text[:1].islower()  # "allocating ... funding of F, so that RCHEs can ...
        if not owner and toks[verb].tag == "VBG" and verb - 1 > lo and toks[verb - 1].text == ",":
            owner = _opening_np(toks, verb - 1, lo, sentence)  # "The new allowance, involving an allocation of F"
        if not owner and toks[verb].tag == "VBG" and not opener or verb > lo and toks[verb - 1].tag == "PRP":
            owner = _main_subject(toks, sentence) if toks[verb].tag == "VBG" else antecedent
    if not owner and verb == lo and toks[verb].low == "with":  # "With an allocation of F, the platform will ..."
        owner = _main_subject(toks, sentence)
    if not owner and _generic(head):  # "(b) reducing profits tax ..., subject to a ceiling of F"
        owner = _leading_object(toks, lo, sentence)
    closes = next((k for k in range(first + 1, len(toks)) if toks[k].text in (",", ";", ".")), len(toks))
    enclosed = closes + 1 < len(toks) and toks[closes].text == "," and toks[closes + 1].tag in ("MD", "VB", "VED")
    if not owner and enclosed and verb - 1 >= lo and toks[verb].low == "with" and toks[verb - 1].text == ",":
        owner_start = _chain_before(toks, verb - 1, lo)  # "The Green Bond Programme, with a borrowing ceiling of F,"
        owner = phrase(toks, owner_start, verb - 1, sentence) if owner_start < verb - 1 else ""
    if not owner and not _generic(head):  # "The subsidy will be provided to start-ups on a matching basis of F"
        owner = _clause_subject(toks, start, lo, sentence)
    if owner:  # "the Strategic Portfolio recorded a valuation loss of F": whose loss
        return _owned(head, owner)
    first_word = head.split()[0].lower()
    if " " in head and _singular(first_word) in _table("generic_heads") and toks[end - 1].tag != OTHER:
        return head
    if " " in head and first_word.endswith("ed"):
        return head  # "the revised estimate of F", "the original estimate": the participle says which
    return "" if _generic(head) or " " not in head else head


def _opening_np(toks: list[Token], comma: int, lo: int, sentence: str) -> str:
    """The noun phrase that opens the clause and ends at the comma toks[comma] ('The new allowance, involving
    ...'), or ''."""
    start = _chain_before(toks, comma, lo)
    return phrase(toks, start, comma, sentence) if start < comma and start == lo else ""


def _leading_object(toks: list[Token], lo: int, sentence: str) -> str:
    """The object of the verb a list item (its clause from toks[lo]) opens with: '(b) reducing profits tax for
    ...' -> 'profits tax'; '(g) waiving 75 per cent of water and sewage charges' -> 'water and sewage charges'."""
    at = lo
    while at < len(toks) and (len(toks[at].text) == 1 or toks[at].tag == "CD"):  # "(b)", "•", "3."
        at += 1
    if at >= len(toks) or toks[at].tag not in ("VBG", "VB", "V/N") or not base_form(toks[at].text):
        return ""
    at += 1
    while at < len(toks) and toks[at].tag == "DT":
        at += 1
    if at + 1 < len(toks) and toks[at].tag == OTHER and toks[at + 1].low == "of":
        at += 2  # "75 per cent of"
    end = _np_of(toks, at, len(toks))
    return phrase(toks, at, end, sentence) if end > at else ""


def _np_of(toks: list[Token], at: int, hi: int) -> int:
    """End of the noun phrase starting at toks[at] with its 'of' complements ('exports of services') and the
    rest of a name ('Fund for Research')."""
    end = _np_start_at(toks, at, hi)
    while end > at and end + 1 < hi and toks[end + 1].tag != OTHER and (toks[end].low == "of" or (
            toks[end].low in ("for", "on") and toks[end - 1].tag == "NNP" == toks[end + 1].tag)):
        # "exports of services", "Innovation and Technology Fund for Research and Development Infrastructure"
        more = _np_start_at(toks, end + 1, hi)
        if more <= end + 1:
            break
        end = more
    return end


COUNT_QUALIFIERS = frozenset({"more", "less", "fewer", "than", "over", "about", "around", "some", "nearly", "almost",
                              "up", "to", "at", "least", "no"})


def _verb_figure(toks: list[Token], verb: int, last: int, lo: int, hi: int, sentence: str, antecedent: str) -> str:
    """'The Hang Seng Index dropped by F': 'Hang Seng Index: fall'; 'reduce government revenue by F':
    'Government revenue: reduction'; 'Cyberport injected F into the CMF': 'Cyberport: injection into the CMF'."""
    base = base_form(toks[verb].text)
    change = _table("change").get(base)
    noun = change if change is not None else ""
    if toks[verb].tag == "MD" or base in _table("linking"):
        noun = ""
    after_verb = verb + 1
    while after_verb < len(toks) and toks[after_verb].tag == "RB":
        after_verb += 1
    level = after_verb < len(toks) and toks[after_verb].low in ("to", "from") and base not in _table("linking")
    if level:
        noun = ""  # "rose to F": the level, not the change
    subject, _ = _subject_before(toks, verb, lo, sentence)
    k = verb
    while k > lo and toks[k - 1].tag == "RB":
        k -= 1
    # "..., eventually gaining F", "After declining by F, the renminbi": the sentence's subject
    if not subject and (k == lo or toks[k - 1].text == "," or k - 1 == lo and toks[lo].tag == "IN"):
        subject = _main_subject(toks, sentence) if toks[verb].tag in ("VBG", "VED") else ""
    if not subject and verb > lo and toks[verb - 1].tag == "PRP":
        subject = antecedent
    if not subject and k > lo and toks[k - 1].low == "and":  # "the economy entered recession and contracted by F"
        earlier = next((i for i in range(k - 2, lo - 1, -1) if toks[i].tag in ("VB", "VED")), -1)
        subject = _subject_before(toks, earlier, lo, sentence)[0] if earlier > lo else ""
    after = last + 1
    share = re.search(r"%|per\s*cent|percentage", toks[last].text)
    if after + 1 < hi and toks[after].low == "of" and noun == "" and base not in _table("linking") and not share:
        thing_end = _np_start_at(toks, after + 1, hi)  # "issued F of green bonds"
        if thing_end > after + 1:
            return _owned(phrase(toks, after + 1, thing_end, sentence), subject)
    linking = base in _table("linking") or toks[verb].tag == "MD"  # "was F", "stood at F"
    if not subject and (linking or not noun or level) or not linking and not noun and not level:
        return ""  # "the Government issued F": what was issued is not said here
    bare = noun  # with no subject ("I propose to inject F into the Fund"), only a change with its target says it
    if noun and after + 1 < hi and toks[after].low in ("into", "in", "to", "for", "on", "against"):
        at = after + 1  # "in 26 local start-ups", "for more than 80 projects": the count is its own figure
        while at < hi - 1 and toks[at].low in COUNT_QUALIFIERS:
            at += 1
        at = at + 1 if toks[at].tag == OTHER else after + 1
        verb_like = toks[at].tag in ("NN", "V/N") and toks[at].text.islower() and at + 1 < hi \
            and toks[at + 1].tag == "DT"  # "to increase the": a verb before its object's article
        if toks[after].low == "to" and (toks[at].tag == "VB" or verb_like):
            at += 1  # "earmarked F to conduct an audit", "allocate F to increase the number of places"
        target_end = _np_start_at(toks, at, hi)
        if target_end > at and toks[target_end - 1].low in _table("time_nouns"):
            target_end = at  # "contracted by F for the year": a period, not what changed
        if target_end > at:  # "... through its Corporate Venture Fund": the means too
            if target_end + 1 < hi and toks[target_end].low in ("through", "via", "under"):
                target_end = max(target_end, _np_start_at(toks, target_end + 1, hi))
            target_end = max(target_end, _np_of(toks, at, hi))
            if toks[after].low == "to" and toks[at - 1].tag == "VB" and target_end + 1 < hi \
                    and toks[target_end].low == "for":  # "to provide subsidies for ferry operators": for whom
                target_end = max(target_end, _np_of(toks, target_end + 1, hi))
            if toks[after].low == "in" and noun.endswith("ed"):  # "attracting F in private investment"
                noun = f"{phrase(toks, at, target_end, sentence)} {noun}"
            else:
                noun = f"{noun} {sentence[toks[after].start : toks[target_end - 1].end]}"
                speaker_set = noun.startswith("set aside") and not subject  # "I will set aside F for ..."
                if (noun.split()[0].endswith("ed") or speaker_set) and MONEY.search(toks[last].text):
                    noun = f"funding {noun}"  # "The Budget earmarked F to conduct an audit"
    elif noun and after < hi and toks[after].tag in HEADS | {"JJ"}:  # "attracting F private investment"
        thing_end = _np_start_at(toks, after, hi)
        if thing_end > after:
            thing = phrase(toks, after, thing_end, sentence)
            noun = f"{thing} {noun}" if noun.endswith("ed") else f"{noun} {thing}"
    if not subject and noun == bare:  # "We will allocate F": the change alone, after a speaker
        j = verb
        while j > lo and toks[j - 1].tag in ("MD", "RB"):
            j -= 1
        return noun if j > lo and toks[j - 1].low in ("i", "we") else ""
    head = subject[:1].upper() + subject[1:]
    return _owned(noun, head) if noun else _capital(head) if head else ""


# --- acronyms ---------------------------------------------------------------------------------------------

SPELLED_LENGTH = 60  # past this a spelled-out name crowds out what is measured: the acronym stays
DEFINED = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:and|of|for|the|&|on)\s+)*){1,8})\(([A-Z]{2,6})\)")


def spelled_out(texts: Iterable[str]) -> dict[str, str]:
    """Acronym -> full name, from every 'Investment Portfolio (IP)' of a document whose initials match."""
    names: dict[str, str] = {}
    for text in texts:
        for m in DEFINED.finditer(text):
            words = m.group(1).split()
            acronym = m.group(2)
            for k in range(len(words), 0, -1):  # the shortest tail of capitals whose initials spell it
                name = words[-k:]
                initials = "".join(w[0] for w in name if w[0].isupper())
                if initials == acronym and name[0][0].isupper():
                    names.setdefault(acronym, " ".join(name))
                    break
    return names


def spell_out(label: str, names: dict[str, str]) -> str:
    """'IP: return' -> 'Investment Portfolio (IP): return': a label led by a defined acronym (written 'Bp' or
    'BP') names it in full, so it reads alone, away from the paragraph that defined it."""
    head, sep, rest = label.partition(": ")
    full = names.get(head.upper()) if sep and head.isalpha() and len(head) <= 6 else None
    spelled = f"{full} ({head.upper()}): {rest}" if full else label
    return spelled if len(spelled) <= SPELLED_LENGTH else label
