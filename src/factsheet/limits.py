"""Bounds on every input: file size, PDF pages, decompressed streams and glyphs per page, and a time
budget per document. Each has a default and can be set from the environment (FACTSHEET_<NAME>, e.g.
FACTSHEET_DOCUMENT_SECONDS=300); going over one ends the document with one InputError line naming the
file and the setting, never a hang or a machine out of memory.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, fields, replace

from factsheet.errors import InputError


@dataclass(frozen=True)
class Limits:
    """What one document may take; the defaults are several times what a real fact sheet needs."""

    max_bytes: int = 20_000_000  # a file read or fetched
    max_pages: int = 200  # pages of a PDF
    max_stream_bytes: int = 50_000_000  # one PDF stream once decompressed (a bomb expands 1000-fold)
    max_chars_per_page: int = 20_000  # glyphs on one PDF page (a dense A4 page holds about 4,000)
    document_seconds: float = 120.0  # reading and extracting one document

    @staticmethod
    def from_env(environ: dict[str, str] | None = None) -> Limits:
        """The defaults, each overridden by FACTSHEET_<NAME> when set; a bad value is one InputError line."""
        env = os.environ if environ is None else environ
        limits = Limits()
        for f in fields(Limits):
            name = f"FACTSHEET_{f.name.upper()}"
            raw = env.get(name, "").strip()
            if raw:
                limits = replace(limits, **{f.name: _positive(name, raw, int if f.type == "int" else float)})
        return limits


def _positive(name: str, raw: str, kind: type) -> int | float:
    try:
        value = kind(raw)
    except ValueError:
        raise InputError(f"{name}={raw}: not {'a whole number' if kind is int else 'a number'}") from None
    if not (value > 0 and math.isfinite(value)):
        raise InputError(f"{name}={raw}: must be a finite number above 0")
    return value


class Deadline:
    """A cooperative time budget for one document, checked per page, per block and per statement.

    Reading stages call check() between units of work; past the budget it raises one InputError line
    naming the document and the setting, so a pathological input ends instead of holding a run.
    """

    def __init__(self, name: str, seconds: float | None) -> None:
        self.name = name
        self.seconds = seconds
        self.expires = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self.expires is not None and time.monotonic() > self.expires:
            raise InputError(f"{self.name}: not read within {self.seconds:g} s, the limit per document "
                             f"(setting document_seconds)")


NO_DEADLINE = Deadline("", None)
