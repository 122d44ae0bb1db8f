"""What scheduled refresh runs leave behind, read back: where state lives, the run lock, the run report, staleness.

`factsheet status` answers "is every tracked source still being checked?" from the fetch state in .state/,
because a schedule that silently stopped (server down, deployment paused) produces no failed run to notice.
The flow (flows/refresh.py) uses the same paths, lock and report, so the CLI and Prefect agree.
"""

from __future__ import annotations

import argparse
import csv
import errno
import fcntl
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from factsheet.errors import InputError
from factsheet.fetch import STATE_DIRNAME, FetchState, is_stale, load_state
from factsheet.model import Source

if TYPE_CHECKING:  # pipeline imports pandas: `factsheet status` should not pay for it
    from factsheet.pipeline import RunSummary, SourceCheck

LOCK_NAME = "refresh.lock"
LOCK_TIMEOUT = 3600.0  # seconds a run waits for another run of the same package before giving up


@dataclass(frozen=True)
class RefreshPaths:
    """The files one refresh works on; raw/, .state/ and the package sit beside sources.toml by default."""

    sources: Path
    package: Path
    raw: Path
    state: Path


def refresh_paths(sources: str | Path | None = None, package: str | Path | None = None,
                  raw: str | Path | None = None, state: str | Path | None = None) -> RefreshPaths:
    """Resolve a refresh's paths; only sources.toml is needed, the rest default to its folder's layout."""
    from factsheet.pipeline import ROOT

    src = Path(sources) if sources else ROOT / "sources.toml"
    home = src.absolute().parent
    return RefreshPaths(
        sources=src,
        package=Path(package) if package else home / "datapackage",
        raw=Path(raw) if raw else home / "raw",
        state=Path(state) if state else home / STATE_DIRNAME,
    )


@contextmanager
def refresh_lock(state_dir: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """One refresh per state dir at a time: deployments sharing a cron fire together, and each must see
    the editions the other archived before it versions the package. flock is released even on SIGKILL."""
    state_dir.mkdir(parents=True, exist_ok=True)
    ignore = state_dir / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# fetch state: local to this machine, never committed\n*\n", encoding="utf-8")
    fd = os.open(state_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise InputError(f"{state_dir / LOCK_NAME}: another refresh has held the lock for over "
                                     f"{timeout:g} s") from None
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def published_version(package_dir: Path) -> str | None:
    """The version in the package's datapackage.json, or None when nothing is published yet."""
    try:
        meta = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{package_dir / 'datapackage.json'}: unreadable ({exc})") from None
    version = meta.get("version") if isinstance(meta, dict) else None
    return version if isinstance(version, str) else None


def published_editions(package_dir: Path) -> set[str]:
    """edition_id of every edition the published package holds (its editions.csv)."""
    try:
        with open(package_dir / "editions.csv", encoding="utf-8", newline="") as handle:
            return {row["edition_id"] for row in csv.DictReader(handle) if row.get("edition_id")}
    except FileNotFoundError:
        return set()


# --- staleness ----------------------------------------------------------------------------------------


def cron_period(cron: str, timezone: str, now: datetime) -> timedelta:
    """The gap between the schedule's next two fire times after `now`, in the source's own time zone."""
    from cronsim import CronSim  # a Prefect dependency (Prefect's own cron schedules use it)

    fires = CronSim(cron, now.astimezone(ZoneInfo(timezone)))
    first = next(fires)
    return next(fires) - first


def stale_after(source: Source, now: datetime) -> timedelta:
    """How long a source may go unchecked: its stale_after_hours, else twice its schedule's period."""
    if source.stale_after_hours is not None:
        return timedelta(hours=source.stale_after_hours)
    return 2 * cron_period(source.cron, source.timezone, now)


@dataclass(frozen=True)
class SourceStatus:
    """One line of `factsheet status`."""

    source_id: str
    last_success: str | None
    version: str | None
    latest_edition: str | None
    latest_published: bool
    limit: timedelta
    stale: bool
    now: datetime

    def line(self) -> str:
        """'<id>: last checked ...; version ...; latest edition ...; ok|STALE (...)'."""
        if self.last_success:
            ago = self.now - _instant(self.last_success)
            checked = f"last checked {self.last_success} ({_span(ago)} ago)"
        else:
            checked = "never checked successfully"
        edition = self.latest_edition or "none archived"
        if self.latest_edition and not self.latest_published:
            edition += " (not yet published)"
        verdict = ("STALE" if self.stale else "ok") + f" (limit {_span(self.limit)})"
        return (f"{self.source_id}: {checked}; published version {self.version or 'none'}; "
                f"latest edition {edition}; {verdict}")


def source_statuses(sources: Sequence[Source], paths: RefreshPaths, now: datetime | None = None) -> list[SourceStatus]:
    """Each source's freshness, from .state/ (last success), raw/ (latest edition) and the package (version)."""
    from factsheet.archive import list_editions

    now = now or datetime.now(UTC)
    version = published_version(paths.package)
    in_package = published_editions(paths.package)
    out = []
    for source in sources:
        state: FetchState | None = load_state(paths.state, source.id)
        limit = stale_after(source, now)
        editions = list_editions(paths.raw, source.id)
        latest = editions[-1].edition_id if editions else None
        out.append(SourceStatus(
            source_id=source.id,
            last_success=state.last_success_at if state else None,
            version=version,
            latest_edition=latest,
            latest_published=latest in in_package,
            limit=limit,
            stale=is_stale(state, limit.total_seconds() / 3600, now),
            now=now,
        ))
    return out


def _instant(stamp: str) -> datetime:
    value = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _span(delta: timedelta) -> str:
    """A duration at a glance: 45 s, 12 min, 5 h, 3 d."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


# --- the CLI ------------------------------------------------------------------------------------------


def _status(args: argparse.Namespace) -> int:
    from factsheet.sources import load_sources

    paths = refresh_paths(args.sources, args.package, args.raw, args.state)
    statuses = source_statuses(load_sources(paths.sources), paths)
    for status in statuses:
        print(status.line())
    stale = [s.source_id for s in statuses if s.stale]
    if stale:
        print(f"factsheet: {len(stale)} stale source(s): {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


def add_source_options(parser: argparse.ArgumentParser) -> None:
    """--sources and --package, the same for refresh, serve and status (paths default beside sources.toml)."""
    from factsheet.pipeline import ROOT

    parser.add_argument("--sources", default=str(ROOT / "sources.toml"), help="tracked sources (sources.toml)")
    parser.add_argument("--package", default=None,
                        help="published package directory (default: datapackage/ beside sources.toml)")


def add_status_command(subparsers: argparse._SubParsersAction) -> None:
    """Register `factsheet status`: exit 1 when any source is stale, so a monitor can alert on it."""
    st = subparsers.add_parser("status", help="per source: last successful check, published version, "
                                              "latest edition; exit 1 if any source is stale")
    add_source_options(st)
    st.add_argument("--raw", default=None, help="edition archive (default: raw/ beside sources.toml)")
    st.add_argument("--state", default=None, help="fetch state (default: .state/ beside sources.toml)")
    st.set_defaults(run=_status)


# --- the run report: what one refresh did, for the CLI lines and the Prefect artifact -------------------


def combine(summary: RunSummary, checks: Sequence[SourceCheck], failures: Sequence[str] = ()) -> RunSummary:
    """The run's summary with each source's outcome as a note; any failure makes the whole run "failed".

    A failed source does not stop the others from publishing, but the run still fails (non-zero exit,
    a red run in Prefect), so nobody mistakes a partly refreshed package for a fully refreshed one.
    """
    notes = [f"{c.source_id}: {c.message}" if c.outcome != "failed" else f"{c.source_id}: failed: {c.message}"
             for c in checks]
    notes += list(failures)
    failed = summary.outcome == "failed" or any(c.outcome == "failed" for c in checks) or bool(failures)
    if failed and summary.outcome == "published":
        notes.append(f"published version {summary.version} from what did not fail "
                     f"({summary.figures} figures, {summary.events} events, {summary.changes} changes)")
    elif failed:
        kept = summary.version or "none"
        notes.append(f"package left as it was (version {kept})")
    return replace(summary, outcome="failed" if failed else summary.outcome, notes=[*summary.notes, *notes])


def why(summary: RunSummary) -> str:
    """The failure reasons of a failed run in one line (the Prefect state message)."""
    reasons = [n for n in summary.notes if ": failed: " in n or n.startswith("failed: ")]
    return "; ".join(reasons) or "failed"


def run_markdown(summary: RunSummary, checks: Sequence[SourceCheck]) -> str:
    """The Prefect artifact: the outcome line, a table of sources, and the notes, in plain Markdown."""
    lines = [f"# factsheet refresh: {summary.lines()[0]}", ""]
    if checks:
        lines += ["| source | outcome | edition | detail |", "|---|---|---|---|"]
        for c in checks:
            detail = c.message.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {c.source_id} | {c.outcome} | {c.edition_id or ''} | {detail} |")
        lines.append("")
    lines += [f"- {line}" for line in summary.lines()[1:]]
    return "\n".join(lines) + "\n"
