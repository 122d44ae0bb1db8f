"""What scheduled refresh runs leave behind, read back: where state lives, the run lock, run records, staleness.

`factsheet status` answers "did each source's last run work, and is it still being checked?": every run,
failed or not, leaves a run record per source in .state/ (its outcome and the last failure), and the fetch
state says when the source was last checked, because a schedule that silently stopped (server down,
deployment paused) produces no failed run to notice. The flow (flows/refresh.py) uses the same paths, lock,
records and report, so the CLI and Prefect agree.
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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from factsheet.errors import InputError
from factsheet.escape import md_text
from factsheet.fetch import (
    STATE_DIRNAME,
    FetchState,
    ensure_state_dir,
    is_stale,
    load_state,
    read_state_json,
    state_path,
    utc_now,
    write_state_file,
)
from factsheet.model import Source
from factsheet.settings import LOCK_WAIT_ENV, RefreshLimits

if TYPE_CHECKING:
    from factsheet.runs import RunSummary, SourceCheck

LOCK_NAME = "refresh.lock"
LOCK_TIMEOUT = RefreshLimits().lock_wait  # seconds a run waits for another run's lock (FACTSHEET_LOCK_WAIT)


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
    from factsheet.runs import ROOT

    src = Path(sources) if sources else ROOT / "sources.toml"
    home = src.absolute().parent
    return RefreshPaths(
        sources=src,
        package=Path(package) if package else home / "datapackage",
        raw=Path(raw) if raw else home / "raw",
        state=Path(state) if state else home / STATE_DIRNAME,
    )


@contextmanager
def refresh_lock(state_dir: Path, timeout: float = LOCK_TIMEOUT,
                 on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """One refresh per state dir at a time: deployments sharing a cron fire together, and each must see
    the editions the other archived before it versions the package. flock is released even on SIGKILL.

    A run waits at most `timeout` seconds, saying so once through `on_wait`, then gives up in one line
    naming the holder (its pid and start, written into the lock file).
    """
    ensure_state_dir(state_dir)
    path = state_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        waiting = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if not waiting and on_wait is not None:
                    on_wait(f"waiting up to {timeout:g} s for the run lock, held by {_holder(path)} "
                            f"({LOCK_WAIT_ENV} sets the wait)")
                waiting = True
                if time.monotonic() >= deadline:
                    raise InputError(f"{path}: another refresh ({_holder(path)}) still holds the run lock after "
                                     f"{timeout:g} s ({LOCK_WAIT_ENV} sets the wait)") from None
                time.sleep(min(0.2, timeout))
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, since {utc_now()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _holder(path: Path) -> str:
    """Who holds the lock, as its holder wrote it ('pid 123, since 2024-01-10T12:00:00Z')."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text.splitlines()[0][:80] if text else "a run that did not say"


# --- run records: what each source's last run did, failure or not ------------------------------------------


@dataclass(frozen=True)
class RunRecord:
    """A source's last run (when, ok or failed, and its one-line detail) and its last failure, in .state/."""

    at: str
    outcome: str  # "ok" or "failed"
    detail: str
    failed_at: str | None = None
    failure: str | None = None

    @property
    def failed(self) -> bool:
        return self.outcome == "failed"


def run_record_path(state_dir: Path, source_id: str) -> Path:
    """<state_dir>/<source_id>.run.json, beside the source's fetch state (the id is checked the same way)."""
    return state_path(state_dir, source_id).with_suffix(".run.json")


def load_run(state_dir: Path, source_id: str) -> RunRecord | None:
    """The source's run record, or None before its first recorded run."""
    path = run_record_path(state_dir, source_id)
    data = read_state_json(path, "run record")
    if data is None:
        return None
    names = {f.name for f in fields(RunRecord)}
    if (not isinstance(data, dict) or not {"at", "outcome", "detail"} <= set(data)
            or any(not isinstance(data.get(n), str | None) for n in names)):
        raise InputError(f"{path}: unreadable run record (not the expected object); delete it")
    return RunRecord(**{n: data[n] for n in names if n in data})


def record_run(state_dir: Path, source_id: str, failed: bool, detail: str, at: str | None = None) -> RunRecord:
    """Write a source's run record: this run's outcome, and the last failure (this one, or the one kept)."""
    at = at or utc_now()
    detail = " ".join(detail.split()) or ("failed" if failed else "ok")
    try:
        before = load_run(state_dir, source_id)
    except InputError:
        before = None  # a damaged record is replaced, not a reason to lose this run's
    if failed:
        record = RunRecord(at, "failed", detail, at, detail)
    else:
        record = RunRecord(at, "ok", detail, before.failed_at if before else None, before.failure if before else None)
    write_state_file(run_record_path(state_dir, source_id), json.dumps(asdict(record), sort_keys=True, indent=1))
    return record


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
    run: RunRecord | None = None

    @property
    def failed(self) -> bool:
        """The source's last recorded run failed."""
        return self.run is not None and self.run.failed

    @property
    def ok(self) -> bool:
        return not (self.failed or self.stale)

    def line(self) -> str:
        """'<id>: last run ...; last failure ...; last checked ...; version ...; latest edition ...; verdict'."""
        parts = [self._last_run()]
        if self.run is not None and not self.run.failed:
            parts.append(f"last failure {self._when(self.run.failed_at)}: {self.run.failure}" if self.run.failed_at
                         else "no failure recorded")
        if self.last_success:
            parts.append(f"last checked {self._when(self.last_success)}")
        else:
            parts.append("never checked successfully")
        edition = self.latest_edition or "none archived"
        if self.latest_edition and not self.latest_published:
            edition += " (not yet published)"
        parts += [f"published version {self.version or 'none'}", f"latest edition {edition}"]
        verdict = ", ".join(v for v, on in (("FAILED", self.failed), ("STALE", self.stale)) if on) or "ok"
        parts.append(f"{verdict} (limit {_span(self.limit)})")
        return f"{self.source_id}: " + "; ".join(parts)

    def problems(self) -> str:
        """What is wrong, for the summary line on stderr: 'last run failed', 'stale' or both."""
        return " and ".join(p for p, on in (("last run failed", self.failed), ("stale", self.stale)) if on)

    def _last_run(self) -> str:
        if self.run is None:
            return "no run recorded"
        return f"last run {self._when(self.run.at)} {self.run.outcome}: {self.run.detail}"

    def _when(self, stamp: str) -> str:
        return f"{stamp} ({_span(self.now - _instant(stamp))} ago)"


def source_statuses(sources: Sequence[Source], paths: RefreshPaths, now: datetime | None = None) -> list[SourceStatus]:
    """Each source's last run (.state/<id>.run.json), freshness (.state/<id>.json), latest edition (raw/) and
    the published version."""
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
            run=load_run(paths.state, source.id),
        ))
    return out


def _instant(stamp: str) -> datetime:
    try:
        value = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"unreadable time '{stamp[:40]}' in .state/; delete the file that holds it") from None
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
    bad = [s for s in statuses if not s.ok]
    if bad:
        listed = ", ".join(f"{s.source_id} ({s.problems()})" for s in bad)
        print(f"factsheet: {len(bad)} source(s) not ok: {listed}", file=sys.stderr)
        return 1
    return 0


def add_source_options(parser: argparse.ArgumentParser) -> None:
    """--sources and --package, the same for refresh, serve and status (paths default beside sources.toml)."""
    from factsheet.runs import ROOT

    parser.add_argument("--sources", default=str(ROOT / "sources.toml"), help="tracked sources (sources.toml)")
    parser.add_argument("--package", default=None,
                        help="published package directory (default: datapackage/ beside sources.toml)")


def add_status_command(subparsers: argparse._SubParsersAction) -> None:
    """Register `factsheet status`: exit 1 when a source's last run failed or it is stale, for monitoring."""
    st = subparsers.add_parser("status", help="per source: last run and last failure, last successful check, "
                                              "published version, latest edition; exit 1 if a source's last "
                                              "run failed or it is stale")
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
    """The Prefect artifact: the outcome line, a table of sources, and the notes; every text escaped (md_text),
    since messages quote statements and URLs that may hold '<script>', '|', '`' or line breaks."""
    lines = [f"# factsheet refresh: {md_text(summary.lines()[0])}", ""]
    if checks:
        lines += ["| source | outcome | edition | detail |", "|---|---|---|---|"]
        for c in checks:
            lines.append(f"| {md_text(c.source_id)} | {md_text(c.outcome)} | {md_text(c.edition_id)} | "
                         f"{md_text(c.message)} |")
        lines.append("")
    lines += [f"- {md_text(line)}" for line in summary.lines()[1:]]
    return "\n".join(lines) + "\n"
