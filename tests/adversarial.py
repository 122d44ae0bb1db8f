"""Adversarial inputs of any size for the linear-time tests and benchmarks/bench_adversarial.py.

Each builder returns text of about `size` bytes made to hit one super-linear path of reading or
extraction: one giant line, a giant line without a full stop, runs of digits and commas, runs of
currency signs, runs of qualifiers, long space and dash runs, a long table, and real fact-sheet text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [ROOT.parent / "shared" / "data" / "innovative-hong-kong-2022-06.txt",
         Path("/work/shared/data/innovative-hong-kong-2022-06.txt"),
         ROOT / "raw" / "innovative-hong-kong" / "2022-06" / "source.txt"]


def real_text() -> str:
    """The seed fact sheet and our own test sheets, as one text."""
    seed = next((p for p in SEEDS if p.exists()), None)
    parts = [seed.read_text(encoding="utf-8")] if seed else []
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "docs").glob("*.txt"))]
    return "\n\n".join(parts)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def real(size: int) -> str:
    """Real fact sheets repeated: the baseline every adversarial input is compared with."""
    return _repeat(real_text() + "\n\n", size)


def one_line(size: int) -> str:
    """Real sentences with every line break taken out: one line of `size` bytes."""
    return _repeat(" ".join(real_text().split()) + " ", size)


def no_stop(size: int) -> str:
    """One line with no sentence end at all (no . ! ? ; :), so nothing splits it into sentences."""
    text = " ".join(real_text().split())
    return _repeat(text.translate(str.maketrans(".!?;:", "     ")) + " ", size)


def digit_commas(size: int) -> str:
    """'1,1,1,1,...': every digit a number, every comma a chance to backtrack."""
    return _repeat("1,", size)


def digit_groups(size: int) -> str:
    """'1,000,000,000,...': one endless number in groups of three."""
    return _repeat("1" + ",000" * (size // 4), size)


def digit_spaces(size: int) -> str:
    """'100 100 100 ...': one endless number in the thin-space grouping ('44 500')."""
    return _repeat("100 ", size)


def currency(size: int) -> str:
    """'$$$$...$1 ': long runs of currency signs, each run ending in an amount."""
    return _repeat("$" * 99 + "1 ", size)


def qualifiers(size: int) -> str:
    """'over over over ... 12 hotspots': qualifier runs before each number."""
    return _repeat("over about nearly up to more than " * 8 + "12 hotspots ", size)


def spaces_dashes(size: int) -> str:
    """Long runs of spaces and dashes between numbers."""
    return _repeat("1" + " " * 200 + "- " * 100 + "2 per cent ", size)


def table(size: int) -> str:
    """A text table, four numbers a row and no sentence end: one giant statement of rows."""
    rows = [f"Item {i} {1000 + i * 37:,} {i % 97}.{i % 10}% {i * 3} {i % 50}" for i in range(1, 100_000)]
    return _repeat("\n".join(rows) + "\n", size)


INPUTS: dict[str, Callable[[int], str]] = {
    "real": real, "one-line": one_line, "no-stop": no_stop, "digit-commas": digit_commas,
    "digit-groups": digit_groups, "digit-spaces": digit_spaces, "currency": currency, "qualifiers": qualifiers,
    "spaces-dashes": spaces_dashes, "table": table,
}
