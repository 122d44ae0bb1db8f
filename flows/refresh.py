"""Prefect flow: refresh the tracked sources and publish a new package version when an edition changed.

Thin on purpose: each task is one factsheet.pipeline function, the same ones `factsheet refresh` reaches
through this flow. Sources are checked and editions built as mapped tasks on a task runner chosen by a
setting (FACTSHEET_TASK_RUNNER=thread|dask), so a bigger deployment can hand the same flow to Dask.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import factsheet  # noqa: F401 - telemetry off (DO_NOT_TRACK, ...) before Prefect reads its settings

# isort: split
import pandas as pd
from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.futures import PrefectFuture
from prefect.states import Failed, State
from prefect.task_engine import TaskRunTimeoutError
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from factsheet.errors import InputError
from factsheet.model import Edition, Source
from factsheet.pipeline import (
    EditionData,
    FetchSettings,
    Publication,
    RunSummary,
    SourceCheck,
    archived_key,
    build_edition,
    cached_edition,
    changes_between,
    check_source,
    frames_for,
    left_out_notes,
    link_editions,
    plan_publication,
    publish_planned,
    texts_of,
    validate_frames_for,
)
from factsheet.settings import STAGE_TIMEOUT_ENV, RefreshLimits, limits, runner_name
from factsheet.sources import MAX_ID, SLUG, load_sources, source_editions
from factsheet.status import (
    RefreshPaths,
    combine,
    published_version,
    record_run,
    refresh_lock,
    refresh_paths,
    run_markdown,
    why,
)
from factsheet.unchanged import record_current

DASK_ADDRESS_ENV = "FACTSHEET_DASK_ADDRESS"  # tcp://scheduler:8786 of an existing cluster; unset: a local one
ARTIFACT_KEY = "factsheet-refresh"
DEBUG_ENV = "FACTSHEET_DEBUG"  # set: tracebacks in the logs (and a crash raises), as for the CLI


def task_runner(name: str | None = None) -> TaskRunner:
    """The task runner the setting names: threads here, Dask (an existing cluster or a local one) elsewhere."""
    choice = runner_name(name)
    if choice == "thread":
        return ThreadPoolTaskRunner(max_workers=max(2, os.cpu_count() or 2))
    if choice == "dask":
        from prefect_dask import DaskTaskRunner

        address = os.environ.get(DASK_ADDRESS_ENV, "").strip()
        if address:
            return DaskTaskRunner(address=address)
        # Threads in one local worker: starts in a second, no dashboard port; a real cluster uses the address.
        return DaskTaskRunner(cluster_kwargs={"n_workers": 1, "processes": False, "dashboard_address": None})


def _retry_crashes(task: Any, task_run: TaskRun, state: State) -> bool:
    """Retry a crash (a bug, a full disk) once; an InputError (404, bad edition) or a stage over its time
    budget would only fail again."""
    try:
        outcome = state.result(raise_on_failure=False)
    except Exception:  # noqa: BLE001 - the result itself is unreadable: retrying is the safe choice
        return True
    return isinstance(outcome, BaseException) and not isinstance(outcome, InputError | TimeoutError)


@task(name="check-source", task_run_name="check-{source.id}", retries=1, retry_delay_seconds=2,
      retry_condition_fn=_retry_crashes, cache_policy=NO_CACHE)
def check_source_task(source: Source, raw_dir: str, state_dir: str, deadline: float) -> SourceCheck | State:
    """Fetch one source (within `deadline` seconds, retries included) and archive a new edition."""
    try:
        return check_source(source, Path(raw_dir), Path(state_dir), FetchSettings(deadline=deadline))
    except InputError as exc:  # the source's own problem: a failed task, reported, no traceback
        return Failed(message=f"{source.id}: {exc}", data=SourceCheck(source.id, "failed", None, str(exc)))


@task(name="build", task_run_name="build-{edition.edition_id}", cache_policy=NO_CACHE)
def build_task(edition: Edition, raw_dir: str, currency: str, key: str) -> EditionData:
    """Read, extract and normalise one archived edition that is not in the edition cache, and cache it.

    Takes the edition's manifest row and paths, returns its frames: no document text passes between tasks."""
    return build_edition(edition, Path(raw_dir), currency, key)


@task(name="changes", cache_policy=NO_CACHE)
def changes_task(editions: list[EditionData]) -> tuple[list[EditionData], pd.DataFrame]:
    """Carry figure keys across consecutive editions of each source, then pair their figures."""
    linked = link_editions(editions)
    return linked, changes_between(linked)


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(editions: list[EditionData], changes: pd.DataFrame, package_dir: str) -> tuple[Publication, str]:
    """Plan the next version; run the Great Expectations suites only if the package would change."""
    frames = frames_for(editions, changes)
    plan = plan_publication(frames, editions, Path(package_dir))
    return plan, validate_frames_for(plan, frames, texts_of(editions))


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(editions: list[EditionData], changes: pd.DataFrame, planned: tuple[Publication, str]) -> RunSummary:
    """Publish the package atomically (nothing is written when nothing changed)."""
    return publish_planned(planned[0], frames_for(editions, changes), planned[1])


class RunFailed(Exception):
    """A failed run, carried by the flow's Failed state: str() is the one-line reason Prefect shows, and the
    summary rides along for run_refresh (Prefect wants an exception in a Failed state, not a RunSummary)."""

    def __init__(self, reason: str, summary: RunSummary) -> None:
        super().__init__(reason, summary)
        self.reason = reason
        self.summary = summary

    def __str__(self) -> str:
        return self.reason


class OneLineFailures(logging.Filter):
    """Prefect logs a failed task's or flow's exception with its traceback, and a Failed flow once more as an
    'unexpected exception'; the reason is already in the run's one-line state message, so records keep
    one line unless FACTSHEET_DEBUG is set. Also drops Prefect's notice that a timeout in a worker thread
    waits for a blocking call to return: our blocking calls (the fetch) have deadlines of their own."""

    def filter(self, record: logging.LogRecord) -> bool:
        if os.environ.get(DEBUG_ENV):
            return True
        if record.levelno == logging.WARNING and "running in a worker thread" in str(record.msg):
            return False
        if record.exc_info:
            exc = record.exc_info[1]
            if isinstance(exc, RunFailed):
                record.msg, record.args = f"run failed: {exc.reason}", ()
            elif exc is not None and _reason(exc) not in record.getMessage():
                hint = f"({DEBUG_ENV}=1 shows the traceback)"
                record.msg, record.args = f"{record.getMessage()}: {_reason(exc)} {hint}", ()
            record.exc_info, record.exc_text = None, None
        return True


def quiet_tracebacks() -> None:
    """Install OneLineFailures on Prefect's flow-run and task-run loggers (once per process)."""
    for name in ("prefect.flow_runs", "prefect.task_runs"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, OneLineFailures) for f in logger.filters):
            logger.addFilter(OneLineFailures())


quiet_tracebacks()  # a served run's process imports this module before it starts the flow


def _outcome(future: PrefectFuture[Any] | State) -> tuple[Any, BaseException | None]:
    """A task's result, or its exception, without raising: one failure must not hide the rest."""
    if isinstance(future, PrefectFuture):
        future.wait()
        state = future.state
    else:
        state = future
    value = state.result(raise_on_failure=False)
    return value, value if isinstance(value, BaseException) else None


def _reason(exc: BaseException, stage: str = "", budget: float | None = None) -> str:
    """One line for a failure: an InputError is already '<where>: <problem>', a stage over its time budget
    says so and names the setting, a crash names its type."""
    if isinstance(exc, TaskRunTimeoutError):
        limit = f" {budget:g} s" if budget is not None else ""
        return f"{stage or 'a stage'} took longer than its{limit} time budget ({STAGE_TIMEOUT_ENV})"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text if isinstance(exc, InputError) else f"{type(exc).__name__}: {text}".rstrip(": ")


def _publish_failures(exc: BaseException, stage: str = "publish", budget: float | None = None) -> list[str]:
    """Why nothing was published: each failed expectation or package error on its own line, else the crash."""
    from factsheet.publish import PackageInvalid
    from factsheet.validate import ValidationFailed

    if isinstance(exc, ValidationFailed | PackageInvalid):
        stage = "validation" if isinstance(exc, ValidationFailed) else "package"
        return [f"failed: {stage}: {line}" for line in str(exc).strip().splitlines() if line.strip()] \
            or [f"failed: {stage}"]
    return [f"failed: {stage}: {_reason(exc, stage, budget)}"]


def _check_sources(chosen: list[Source], paths: RefreshPaths, limits: RefreshLimits) -> list[SourceCheck]:
    """Check stage: every chosen source fetched (mapped), each within the stage budget and fetch deadline."""
    checker = check_source_task.with_options(timeout_seconds=limits.stage_timeout)
    futures = checker.map(chosen, unmapped(str(paths.raw)), unmapped(str(paths.state)),
                          unmapped(limits.fetch_deadline))
    checks = []
    for source, future in zip(chosen, futures):
        value, exc = _outcome(future)
        if isinstance(value, SourceCheck):
            checks.append(value)
        else:
            why_failed = _reason(exc or RuntimeError(value), "check", limits.stage_timeout)
            checks.append(SourceCheck(source.id, "failed", None, why_failed))
    return checks


def _build_editions(archived: list[Edition], currency: dict[str, str], paths: RefreshPaths,
                    limits: RefreshLimits) -> tuple[list[EditionData], list[str], int]:
    """Every archived edition's frames: from the edition cache, the others built (mapped); a failure names its
    edition. Also how many were built."""
    budget = limits.stage_timeout
    keys = [archived_key(e, paths.raw, currency[e.source_id]) for e in archived]
    cached = [cached_edition(e, paths.raw, key) for e, key in zip(archived, keys)]
    missing = [i for i, data in enumerate(cached) if data is None]
    futures = build_task.with_options(timeout_seconds=budget).map(
        [archived[i] for i in missing], unmapped(str(paths.raw)), [currency[archived[i].source_id] for i in missing],
        [keys[i] for i in missing])
    failures: list[str] = []
    for i, future in zip(missing, futures):
        value, exc = _outcome(future)
        if exc is None:
            cached[i] = value
        else:
            failures.append(f"failed: edition {archived[i].edition_id}: {_reason(exc, 'build', budget)}")
    return [data for data in cached if data is not None], failures, len(missing)


def _publish(built: list[EditionData], paths: RefreshPaths, limits: RefreshLimits) -> RunSummary | list[str]:
    """Changes, validate and publish stages: the run's summary, or why nothing was published."""
    budget = limits.stage_timeout
    linked = _outcome(changes_task.with_options(timeout_seconds=budget)(built, return_state=True))
    if linked[1] is not None:
        return _publish_failures(linked[1], "changes", budget)
    editions, changes = linked[0]
    planned = _outcome(validate_task.with_options(timeout_seconds=budget)(editions, changes, str(paths.package),
                                                                          return_state=True))
    if planned[1] is not None:
        return _publish_failures(planned[1], "validate", budget)
    published = _outcome(publish_task.with_options(timeout_seconds=budget)(editions, changes, planned[0],
                                                                           return_state=True))
    if published[1] is not None:
        return _publish_failures(published[1], "publish", budget)
    return published[0]


def _run(paths: RefreshPaths, tracked: list[Source], chosen: list[Source], limits: RefreshLimits,
         ) -> tuple[RunSummary, list[SourceCheck]]:
    """The run under the lock: check the chosen sources, rebuild every archived edition, publish if changed."""
    logger = get_run_logger()
    with refresh_lock(paths.state, limits.lock_wait, on_wait=logger.info):
        checks = _check_sources(chosen, paths, limits)
        archived = [e for s in tracked for e in source_editions(paths.raw, s)]
        built, failures, rebuilt = _build_editions(archived, {s.id: s.currency for s in tracked}, paths, limits)
        summary = RunSummary("failed", published_version(paths.package), paths.package)
        if not archived:
            failures.append("failed: no edition archived yet: nothing to publish")
        elif not failures:
            outcome = _publish(built, paths, limits)
            if isinstance(outcome, RunSummary):
                summary = outcome
            else:
                failures += outcome
        summary = combine(summary, checks, failures)
        if summary.outcome != "failed":
            record_current(paths, tracked, summary)  # the next no-op refresh need not start Prefect
        if archived:  # a new edition was extracted (and cached) when its source was checked
            extracted = rebuilt + sum(c.outcome == "new-edition" for c in checks)
            summary.notes.append(f"editions: {len(archived)} ({extracted} extracted, {len(archived) - extracted} "
                                 "from the cache)")
        summary.notes.extend(left_out_notes(built))
    return summary, checks


def _chosen(tracked: list[Source], only: list[str] | None, where: Path) -> list[Source]:
    """The sources this run checks: all, or those named in `only` (an unknown id is the user's mistake)."""
    unknown = sorted(set(only or ()) - {s.id for s in tracked})
    if unknown:
        raise InputError(f"{where}: no source '{unknown[0]}'")
    return [s for s in tracked if not only or s.id in only]


def _kept_version(package_dir: Path) -> str | None:
    """The published version for a failed run's summary; an unreadable descriptor must not hide the failure."""
    try:
        return published_version(package_dir)
    except InputError:
        return None


def _record_runs(state_dir: Path, source_ids: list[str], summary: RunSummary, checks: list[SourceCheck]) -> None:
    """A run record per source of this run (status reads them): its own failure, the run's, or its result."""
    by_id = {c.source_id: c for c in checks}
    run_reasons = "; ".join(n.removeprefix("failed: ") for n in summary.notes if n.startswith("failed: "))
    logger = get_run_logger()
    for source_id in source_ids:
        check = by_id.get(source_id)
        if check is not None and check.outcome == "failed":
            failed, detail = True, check.message
        elif summary.outcome == "failed" and run_reasons:
            failed, detail = True, run_reasons
        else:
            failed, detail = False, check.message if check else summary.lines()[0]
        try:
            record_run(state_dir, source_id, failed, detail)
        except (OSError, InputError) as exc:  # the run's outcome still reaches the log and the artifact
            logger.warning(f"{source_id}: run record not written ({_reason(exc)})")


@flow(name="factsheet-refresh", task_runner=task_runner())
def refresh(sources: str | None = None, package: str | None = None, only: list[str] | None = None,
            raw: str | None = None, state: str | None = None) -> RunSummary | State:
    """Check the tracked sources (all, or the ids in `only`) and publish the package rebuilt from raw/.

    Returns the RunSummary; a failed run (a bad setting or sources.toml included) ends in a Failed state
    whose message is the one-line reason, after its log lines, its run records in .state/ and the artifact.
    """
    quiet_tracebacks()
    paths = refresh_paths(sources, package, raw, state)
    source_ids = [i for i in only or () if isinstance(i, str) and SLUG.fullmatch(i) and len(i) <= MAX_ID]
    checks: list[SourceCheck] = []
    try:
        run_limits = limits()
        tracked = load_sources(paths.sources)
        chosen = _chosen(tracked, only, paths.sources)
        source_ids = [s.id for s in chosen]
        summary, checks = _run(paths, tracked, chosen, run_limits)
    except InputError as exc:
        summary = combine(RunSummary("failed", _kept_version(paths.package), paths.package), [], [f"failed: {exc}"])
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        summary = combine(RunSummary("failed", _kept_version(paths.package), paths.package), checks,
                          [f"failed: run crashed: {_reason(exc)} ({DEBUG_ENV}=1 shows the traceback)"])
    _record_runs(paths.state, source_ids, summary, checks)
    logger = get_run_logger()
    for line in summary.lines():
        logger.info(line)
    create_markdown_artifact(markdown=run_markdown(summary, checks), key=ARTIFACT_KEY,
                             description=f"factsheet refresh: {summary.lines()[0]}")
    if summary.outcome == "failed":
        reason = why(summary)
        return Failed(message=reason, data=RunFailed(reason, summary))
    return summary


def run_refresh(sources: str | Path | None = None, package: str | Path | None = None, only: list[str] | None = None,
                raw: str | Path | None = None, state: str | Path | None = None,
                runner: str | None = None) -> RunSummary:
    """Run the flow here (the CLI's `factsheet refresh`) on the configured task runner; always a RunSummary.

    A failed run is returned as a failed summary; the CLI checks sources.toml and the settings first (exit 2).
    """
    def text(p: str | Path | None) -> str | None:
        return str(p) if p is not None else None

    configured = refresh.with_options(task_runner=task_runner(runner))
    final = configured(sources=text(sources), package=text(package), only=only, raw=text(raw), state=text(state),
                       return_state=True)
    value = final.result(raise_on_failure=False)
    if isinstance(value, RunSummary):
        return value
    if isinstance(value, RunFailed):
        return value.summary
    package_dir = refresh_paths(sources, package).package
    reason = _reason(value) if isinstance(value, BaseException) else str(final.message or final.type)
    return RunSummary("failed", published_version(package_dir), package_dir, notes=[f"failed: run crashed: {reason}"])
