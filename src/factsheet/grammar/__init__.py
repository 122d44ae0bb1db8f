"""The grammar's word tables (words.toml), loaded once and shaped into regex alternations."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

TABLES = Path(__file__).with_name("words.toml")


@cache
def tables() -> dict[str, Any]:
    """Every table of words.toml, parsed once per process."""
    with TABLES.open("rb") as f:
        return tomllib.load(f)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first so 'more than' wins over 'more'."""
    return _alternation(frozenset(words))


@cache
def _alternation(words: frozenset[str]) -> str:
    """The alternation, built once per word set: the grammar asks for the same tables again and again."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def phrase_map(table: str) -> Mapping[str, str]:
    """Invert a {value: [phrases]} table into {phrase: value} (lower-cased phrases); built once per table, read-only
    as every caller shares it (each figure's steps ask again)."""
    return MappingProxyType({p.lower(): k for k, phrases in tables()[table].items() for p in phrases})


def words(table: str) -> list[str]:
    """The `words` list of a table."""
    return list(tables()[table]["words"])
