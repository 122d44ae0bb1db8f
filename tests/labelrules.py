"""The bar every label is held to (issue 10, point 4), as checks that read any label of any document.

A label names the measured thing: it never begins with a bare verb, a preposition or a pronoun that points
elsewhere ("It", "This"), never has a word dropped from its middle (an article or a preposition with nothing
after it: "resulting in a in real terms", "rose from at the beginning"), never ends on a function word ("... and
set", "... respectively"), and two figures of one sentence never share a label unless they are one quantity
written twice (two currencies, the two ends of a range, or figures of different periods). Part of speech comes
from the chunker's own word tables (factsheet.phrases), so the checks hold on text nobody here has seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from factsheet.phrases import Token, lexicon, tokens

PRONOUNS = frozenset({"it", "its", "they", "their", "this", "these", "those", "i", "we", "he", "she", "our", "my"})
ARTICLES = frozenset({"a", "an", "the", "its", "their", "each", "every", "another"})
# two prepositions in a row that English writes ("up to", "out of", "as at", "from over")
PREPOSITION_PAIRS = frozenset({("up", "to"), ("out", "of"), ("as", "at"), ("as", "of"), ("as", "in"),
                               ("as", "to"), ("from", "over"), ("from", "about"), ("from", "around"),
                               ("to", "about"), ("to", "around"), ("to", "over"), ("of", "about"),
                               ("of", "around"), ("of", "over"), ("of", "up"), ("by", "about"), ("by", "around"),
                               ("by", "over"), ("up", "from"), ("down", "from"), ("down", "to"), ("from", "up"),
                               ("from", "within"), ("than", "in"), ("about", "to"), ("off", "from")})
UNIT = re.compile(r"\s*\([^()]*\)$")  # "Unpaid wages (months)": a duration's unit closes its label
# a later part may say which part of the whole it is by source or type ("emissions: from coal", "by type")
BREAKDOWN = frozenset({"from", "by"})
TRAILING = frozenset({"respectively", "which", "that", "who", "whose", "whereas", "while", "than", "not"})


def _tags(segment: str) -> list[Token]:
    return [t for t in tokens(segment) if t.text not in ("“", "”", '"')]


def faults(label: str) -> list[str]:
    """What breaks the bar in one label ([] when it reads as a phrase)."""
    if not label or not label.strip():
        return ["empty"]
    out = []
    if len(label) > 80:
        out.append("longer than 80 characters")
    body = UNIT.sub("", label).strip()
    segments = [s for s in re.split(r":\s+", body) if s]
    for a, b in zip(segments, segments[1:], strict=False):
        if a.lower() == b.lower():
            out.append(f"repeats {a!r}")
    for n, segment in enumerate(segments):
        toks = _tags(segment)
        if not toks:
            continue
        first = toks[0]
        if first.low in PRONOUNS and not (first.text.isupper() and len(first.text) > 1) or first.low in ("i.e", "e.g"):
            out.append(f"opens on a pronoun or an abbreviation: {first.text!r}")
        elif first.tag in ("IN", "MD", "CC") and not (n and first.low in BREAKDOWN):
            out.append(f"opens on a function word: {first.text!r}")
        elif first.tag in ("VB", "VBG") or first.tag == "VED" and len(toks) > 1 and toks[1].tag in ("IN", "DT", "RB"):
            out.append(f"opens on a bare verb: {first.text!r}")
        elif re.fullmatch(r"\d{3}", first.text) and len(toks) > 1 and toks[1].tag in ("NN", "NNP"):
            out.append(f"opens on a broken number: {first.text!r}")
        out.extend(_gaps(toks))
        last = toks[-1]
        if len(toks) == 1 and last.low == "other" or re.search(r"\b(?:and|or)\s+(?:over|above|more)$", segment):
            continue  # a category ("Languages: other") or an open group ("65 years and over")
        if last.tag in ("DT", "IN", "CC", "MD") and not (last.low in ("up", "out", "off", "down") and len(toks) > 1
                                                         and toks[-2].tag in ("VED", "VB", "V/N")) \
                or last.low in TRAILING:
            out.append(f"ends on {last.text!r}")
        elif len(toks) > 2 and toks[-2].low in ("and", "or") and last.tag == "VB":
            out.append(f"ends on a dropped object: {toks[-2].text} {last.text!r}")
    return out


def _gaps(toks: list[Token]) -> list[str]:
    """Where a word was dropped from the middle: an article with no noun before the next function word or
    stop, or two prepositions in a row that English does not write."""
    out = []
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        adjective = nxt is not None and (nxt.low in ("above", "following", "latter", "former")  # "the above record"
                                         or t.low == "a" and nxt.low == "whole")  # "as a whole"
        if t.low in ARTICLES and not t.text.isupper() and not adjective:
            k = i + 1
            while k < len(toks) and toks[k].tag in ("JJ", "RB", "VED", "VBG"):
                k += 1
            if k >= len(toks) or toks[k].tag in ("IN", "CC", "MD", "DT") or not toks[k].text[:1].isalnum():
                out.append(f"article with no noun: {t.text!r} before {toks[k].text if k < len(toks) else 'end'!r}")
        if nxt is not None and t.tag == "IN" and nxt.tag == "IN" and (t.low, nxt.low) not in PREPOSITION_PAIRS \
                and t.low not in ("up", "down", "out", "off"):  # a verb's particle: "shot up as"
            out.append(f"dropped word between {t.text!r} and {nxt.text!r}")
    return out


def shared_labels(figures: pd.DataFrame) -> list[str]:
    """Pairs of figures of one sentence that share a label though they are not one quantity written twice."""
    out = []
    frame = figures.reset_index(drop=True)
    for _, group in frame.groupby(["statement", "label"], sort=False):
        rows = group.to_dict("records")
        for a, b in zip(rows, rows[1:], strict=False):
            if not _one_quantity(a, b):
                out.append(f"{a['value_text']!r} and {b['value_text']!r} share {a['label']!r}: {a['statement'][:100]}")
    return out


def _one_quantity(a: dict, b: dict) -> bool:
    """Two figures that may share a label: other periods, other sentences, one value in two currencies, the two
    ends of a range (or two statements that read alike)."""
    if (str(a.get("period_start")), str(a.get("period_end"))) != (str(b.get("period_start")), str(b.get("period_end"))):
        return True
    if a["kind"] == b["kind"] == "duration":
        return True  # the lengths of other figures' periods ("2.0% over the past five years, 2.6% over ten")
    if int(a["char_start"]) > int(b["char_start"]):
        a, b = b, a
    found = _between(a, b)
    if found is None:
        return True  # two statements of the same words
    before, between = found
    if re.search(r"[.;!?]\s", between):
        return True  # two statements of the same words, or two sentences of one statement
    if re.fullmatch(r"\s*(?:\(\s*(?:equivalent\s+to\s+|or\s+)?|,?\s*(?:equivalent\s+to|or)\s+)", between):
        return True  # "HK$9.98 trillion (US$1.27 trillion)"
    if re.fullmatch(r"(?:\s+[a-z][a-z-]*){1,2}\s*\(\s*", between):
        return True  # "a 3.1 per cent variance (HK$14.6 billion)": the figure's noun, then it restated
    if re.fullmatch(r"\s+and\s+(?:\w+\s+){0,3}", between):
        return bool(re.search(r"\bbetween\s+(?:\w+\s+)?$", before))  # "between 20 and 30"
    return bool(re.fullmatch(r"\s*(?:to\s+(?:\w+\s+){0,3}|[-–]\s*)", between))
    # "50 to 100 enterprises", "from about 260 to no fewer than 1 050"


def _between(a: dict, b: dict) -> tuple[str, str] | None:
    """The statement's text just before the first of two of its figures and between them (offsets are the
    document's: the figures are found in the statement at their distance apart), or None."""
    text, first, second = a["statement"], str(a["value_text"]), str(b["value_text"])
    gap = int(b["char_start"]) - int(a["char_start"])
    at = text.find(first)
    while at >= 0:
        if text.startswith(second, at + gap):
            return text[max(0, at - 20) : at], text[at + len(first) : at + gap]
        at = text.find(first, at + 1)
    return None


def label_faults(figures: pd.DataFrame) -> list[str]:
    """Every fault of every label of a document's figures, one line each."""
    out = [f"{row['label']!r} ({row['value_text']!r}): {fault}"
           for row in figures.to_dict("records") for fault in faults(str(row["label"] or ""))]
    return out + shared_labels(figures)


def all_faults(frames: Iterable[pd.DataFrame]) -> list[str]:
    return [f for frame in frames for f in label_faults(frame)]


def closed_words() -> frozenset[str]:
    """The chunker's function words (for tests that build labels from them)."""
    closed = lexicon()["closed"]
    return frozenset(w for cls in ("preposition", "determiner", "conjunction", "auxiliary") for w in closed[cls])
