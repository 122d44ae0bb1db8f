"""Mutated fact sheets for the property-based test (test_fuzz.py): a corpus of real texts and the edits
a typist, a bad PDF export or an attacker makes to them, as Hypothesis strategies.

Each mutation is a small frozen record (what, where, with what) so that a failing example prints as a
readable recipe, and shrinks towards fewer and smaller edits. The corpus is the hand-written fact sheets
of tests/docs and tests/heldout* (the seed text lives outside the repository).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parent
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# characters that matter to the grammar: digits, separators, currency and percent signs, bullets, breaks
INTERESTING = tuple("0123456789,.$%-–—•()/:;'’\"“”\n \t\u00a0\u202f\u2212\ufeff") + ("HK$", "US$", "RMB", "per cent")
IMPOSSIBLE_DATES = ("February 30, 2024", "31 April 2024", "30 February 2023", "29 February 2023", "0 June 2024",
                    "June 31, 2024", "32 May 2024", "00 March 2024", "31 September 2023", "November 31, 2022",
                    "February 29, 1900", "0000", "9999", "end February 0000", "mid-June 9999", "2262-63")
HUGE_NUMBERS = ("9" * 400, "1" + ",000" * 140, "9" * 40 + ".5", "0." + "0" * 300 + "1", "1e400", "9" * 17,
                "999,999,999,999,999", "340282366920938463463374607431768211456")
PHRASES = ("over {n} hotspots", "HK${n} billion", "{n}%", "No.{n} in the world", "ranked {n}th in the world",
           "up {n}% over 2019", "{n} per cent", "US${n} trillion", "some {n} start-ups", "{n} days",
           "about RMB{n} million", "{n} times")
SENTENCES = (  # whole statements with an impossible date or an absurd number in the grammar's favourite shapes
    "Exports in {d} were down 5 per cent from a year earlier.",
    "The scheme was launched on {d} with HK$2 billion.",
    "As at {d}, there were over 1,200 start-ups.",
    "Since {d}, visitor arrivals rose 12% over {d}.",
    "There are over {n} hotspots in Hong Kong.",
    "The Government earmarked HK${n} billion in {d}.",
    "Hong Kong ranked {n}th in the world in 2023.",
    "Retail sales were up {n}% over 2022 in {d}.",
)


@cache
def corpus() -> tuple[tuple[str, str], ...]:
    """(name, text) of every real fact-sheet text kept in the tests."""
    paths = sorted(TESTS.glob("docs/*.txt")) + sorted(TESTS.glob("heldout*/*.txt"))
    return tuple((p.name, p.read_text(encoding="utf-8")) for p in paths)


def _at(text: str, where: int) -> int:
    return where % (len(text) + 1)


def _nth(pattern: str, text: str, k: int) -> re.Match[str] | None:
    found = list(re.finditer(pattern, text))
    return found[k % len(found)] if found else None


@dataclass(frozen=True)
class Insert:
    """Insert `what` at a position (characters, words, digits, unicode, long lines, whole statements)."""

    where: int
    what: str

    def __call__(self, text: str) -> str:
        i = _at(text, self.where)
        return text[:i] + self.what + text[i:]


@dataclass(frozen=True)
class Delete:
    """Delete `length` characters from a position."""

    where: int
    length: int

    def __call__(self, text: str) -> str:
        i = _at(text, self.where)
        return text[:i] + text[i + self.length:]


@dataclass(frozen=True)
class Duplicate:
    """Repeat `length` characters in place, `times` more times."""

    where: int
    length: int
    times: int = 1

    def __call__(self, text: str) -> str:
        i = _at(text, self.where)
        return text[:i] + text[i:i + self.length] * (self.times + 1) + text[i + self.length:]


@dataclass(frozen=True)
class WordEdit:
    """Delete, duplicate or swap (with the next) the k-th word."""

    k: int
    how: str  # "delete", "duplicate" or "swap"

    def __call__(self, text: str) -> str:
        words = list(re.finditer(r"\S+", text))
        if len(words) < 2:
            return text
        i = self.k % (len(words) - 1)
        a, b = words[i], words[i + 1]
        if self.how == "delete":
            return text[:a.start()] + text[a.end():]
        if self.how == "duplicate":
            return text[:a.end()] + " " + a.group() + text[a.end():]
        return text[:a.start()] + b.group() + text[a.end():b.start()] + a.group() + text[b.end():]


@dataclass(frozen=True)
class ReplaceNumber:
    """Replace the k-th number of the text (digits with their separators) by another."""

    k: int
    number: str

    def __call__(self, text: str) -> str:
        m = _nth(r"\d[\d,.]*\d|\d", text, self.k)
        return text if m is None else text[:m.start()] + self.number + text[m.end():]


@dataclass(frozen=True)
class ReplaceDate:
    """Replace the k-th 'Month YYYY' or 'YYYY' of the text by an impossible or odd date."""

    k: int
    date: str

    def __call__(self, text: str) -> str:
        months = "|".join(MONTHS)
        m = _nth(rf"(?:\d{{1,2}} )?(?:{months})(?: \d{{1,2}},)? (?:19|20)\d\d|\b(?:19|20)\d\d\b", text, self.k)
        return text if m is None else text[:m.start()] + self.date + text[m.end():]


@dataclass(frozen=True)
class SwapDayMonth:
    """'5 June 2023' <-> 'June 5, 2023' and '05/06/2023' <-> '06/05/2023' at the k-th such date; else
    a day is given to the k-th 'Month YYYY', as '31 Month YYYY' (the last day of a short month is wrong)."""

    k: int

    def __call__(self, text: str) -> str:
        months = "|".join(MONTHS)
        m = _nth(rf"\b(\d{{1,2}}) ({months}) (\d{{4}})|\b({months}) (\d{{1,2}}),? (\d{{4}})", text, self.k)
        if m is not None:
            new = f"{m[2]} {m[1]}, {m[3]}" if m[1] else f"{m[5]} {m[4]} {m[6]}"
            return text[:m.start()] + new + text[m.end():]
        m = _nth(rf"\b({months}) (\d{{4}})", text, self.k)
        return text if m is None else text[:m.start()] + f"31 {m[1]} {m[2]}" + text[m.end():]


@dataclass(frozen=True)
class JoinLines:
    """Join `count` lines from the k-th line into one (a PDF export that lost its line breaks)."""

    k: int
    count: int

    def __call__(self, text: str) -> str:
        lines = text.split("\n")
        i = self.k % len(lines)
        return "\n".join(lines[:i] + [" ".join(lines[i:i + self.count])] + lines[i + self.count:])


Mutation = Insert | Delete | Duplicate | WordEdit | ReplaceNumber | ReplaceDate | SwapDayMonth | JoinLines


def apply(text: str, mutations: Sequence[Mutation]) -> str:
    """The text after each mutation in turn."""
    for m in mutations:
        text = m(text)
    return text


# --- strategies -------------------------------------------------------------------------------------

positions = st.integers(min_value=0, max_value=100_000)
digits = st.text(alphabet="0123456789", min_size=1, max_size=24)
numbers = st.one_of(st.sampled_from(HUGE_NUMBERS), digits, st.sampled_from(["0", "00", "-5", "−12", "0.0", "1/0"]))
dates = st.one_of(st.sampled_from(IMPOSSIBLE_DATES),
                  st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(0, 99), st.sampled_from(MONTHS),
                            st.integers(0, 9999)),
                  st.builds(lambda m, d, y: f"{m} {d}, {y}", st.sampled_from(MONTHS), st.integers(0, 99),
                            st.integers(1000, 9999)),
                  st.builds(lambda d, m, y: f"{d:02d}/{m:02d}/{y}", st.integers(1, 31), st.integers(1, 31),
                            st.integers(1990, 2030)))
phrases = st.builds(lambda p, n: f" {p.format(n=n)} ", st.sampled_from(PHRASES), numbers)
sentences = st.builds(lambda s, n, d: "\n• " + s.format(n=n, d=d) + "\n", st.sampled_from(SENTENCES), numbers, dates)
long_lines = st.builds(lambda w, n: " ".join([w] * n), st.sampled_from(["HK$1,000", "over 5%", "word", "1,1", "$",
                                                                        "—", "June 2024", "about"]),
                       st.integers(50, 300))  # 600 figures on one line: seconds (quadratic, issue 8)
snippets = st.one_of(st.sampled_from(INTERESTING), st.characters(), st.text(max_size=12), digits, phrases,
                     sentences, long_lines, st.builds(lambda d: f" {d} ", dates))

mutations: st.SearchStrategy[Mutation] = st.one_of(
    st.builds(Insert, positions, snippets),
    st.builds(Delete, positions, st.integers(1, 40)),
    st.builds(Duplicate, positions, st.integers(1, 40), st.integers(1, 3)),
    st.builds(WordEdit, positions, st.sampled_from(["delete", "duplicate", "swap"])),
    st.builds(ReplaceNumber, positions, numbers),
    st.builds(ReplaceDate, positions, dates),
    st.builds(SwapDayMonth, positions),
    st.builds(JoinLines, positions, st.integers(2, 40)),
)


@dataclass(frozen=True)
class Mutated:
    """A corpus text and the mutations to apply to it: prints as a recipe when an example fails."""

    name: str
    mutations: tuple[Mutation, ...]

    @property
    def text(self) -> str:
        return apply(dict(corpus())[self.name], self.mutations)


def mutated_texts(max_mutations: int = 8, min_mutations: int = 1) -> st.SearchStrategy[Mutated]:
    """A corpus text after up to `max_mutations` mutations."""
    return st.builds(Mutated, st.sampled_from([name for name, _ in corpus()]),
                     st.lists(mutations, min_size=min_mutations, max_size=max_mutations).map(tuple))


@dataclass(frozen=True)
class ByteEdit:
    """Overwrite, insert or cut bytes of a file (a damaged download): `how` is set, insert or truncate."""

    where: int
    how: str
    data: bytes = b""

    def __call__(self, raw: bytes) -> bytes:
        i = self.where % (len(raw) + 1)
        if self.how == "truncate":
            return raw[:i]
        if self.how == "insert":
            return raw[:i] + self.data + raw[i:]
        return raw[:i] + self.data + raw[i + len(self.data):]


byte_edits = st.builds(ByteEdit, st.integers(0, 10_000_000), st.sampled_from(["set", "insert", "truncate"]),
                       st.binary(min_size=1, max_size=8))
