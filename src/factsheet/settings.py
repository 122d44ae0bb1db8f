"""Time limits of a refresh, from the environment: every wait has an end, and each one is a setting.

Read where they apply (the flow, fetch, the run lock) and checked by the CLI before any work, so a typo
is one line and exit 2 instead of a run that fails half-way.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from factsheet.errors import InputError

FETCH_DEADLINE_ENV = "FACTSHEET_FETCH_DEADLINE"  # seconds for a whole fetch: connect, body, retries, back-off
STAGE_TIMEOUT_ENV = "FACTSHEET_STAGE_TIMEOUT"  # seconds for one refresh task (check, read, extract, ...)
LOCK_WAIT_ENV = "FACTSHEET_LOCK_WAIT"  # seconds a run waits for another run's lock before giving up


@dataclass(frozen=True)
class RefreshLimits:
    """The time limits of one refresh run, in seconds."""

    fetch_deadline: float = 120.0
    stage_timeout: float = 600.0
    lock_wait: float = 600.0


def seconds(name: str, default: float) -> float:
    """A duration setting: unset or empty means the default; anything else must be finite and positive."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        shown = raw if len(raw) <= 40 else f"{raw[:40]}…"
        raise InputError(f"{name}={shown!r}: not a positive number of seconds")
    return value


def limits() -> RefreshLimits:
    """The refresh's time limits from the environment (InputError on a bad value)."""
    default = RefreshLimits()
    return RefreshLimits(
        fetch_deadline=seconds(FETCH_DEADLINE_ENV, default.fetch_deadline),
        stage_timeout=seconds(STAGE_TIMEOUT_ENV, default.stage_timeout),
        lock_wait=seconds(LOCK_WAIT_ENV, default.lock_wait),
    )


RUNNER_ENV = "FACTSHEET_TASK_RUNNER"  # thread (default) or dask
RUNNERS = ("thread", "dask")


def runner_name(name: str | None = None) -> str:
    """The task runner a refresh uses: `name`, else FACTSHEET_TASK_RUNNER, else thread (InputError if unknown)."""
    choice = (name if name is not None else os.environ.get(RUNNER_ENV, "")).strip().lower() or "thread"
    if choice not in RUNNERS:
        raise InputError(f"{RUNNER_ENV}={choice}: unknown task runner (thread or dask)")
    return choice
