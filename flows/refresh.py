"""Prefect flow: refresh the tracked sources and publish a new package version when an edition changed.

Thin on purpose: each task is one factsheet.pipeline function, the same ones `factsheet refresh` reaches
through this flow. Sources are checked and editions built as mapped tasks on a task runner chosen by a
setting (FACTSHEET_TASK_RUNNER=thread|dask), so a bigger deployment can hand the same flow to Dask.
"""

from __future__ import annotations

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
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from factsheet.archive import list_editions
from factsheet.errors import InputError
from factsheet.extract import EventMention, FigureMention
from factsheet.model import Document, Edition, Source, Structure
from factsheet.pipeline import (
    EditionData,
    Publication,
    RunSummary,
    SourceCheck,
    changes_between,
    check_source,
    extract_mentions,
    frames_for,
    left_out_notes,
    link_editions,
    normalise_edition,
    plan_publication,
    publish_planned,
    read_archived,
    texts_of,
    validate_frames_for,
)
from factsheet.sources import load_sources
from factsheet.status import combine, published_version, refresh_lock, refresh_paths, run_markdown, why

RUNNER_ENV = "FACTSHEET_TASK_RUNNER"  # thread (default) or dask
DASK_ADDRESS_ENV = "FACTSHEET_DASK_ADDRESS"  # tcp://scheduler:8786 of an existing cluster; unset: a local one
ARTIFACT_KEY = "factsheet-refresh"


def task_runner(name: str | None = None) -> TaskRunner:
    """The task runner the setting names: threads here, Dask (an existing cluster or a local one) elsewhere."""
    choice = (name if name is not None else os.environ.get(RUNNER_ENV, "")).strip().lower() or "thread"
    if choice == "thread":
        return ThreadPoolTaskRunner(max_workers=max(2, os.cpu_count() or 2))
    if choice == "dask":
        from prefect_dask import DaskTaskRunner

        address = os.environ.get(DASK_ADDRESS_ENV, "").strip()
        if address:
            return DaskTaskRunner(address=address)
        # Threads in one local worker: starts in a second, no dashboard port; a real cluster uses the address.
        return DaskTaskRunner(cluster_kwargs={"n_workers": 1, "processes": False, "dashboard_address": None})
    raise InputError(f"{RUNNER_ENV}={choice}: unknown task runner (thread or dask)")


def _retry_crashes(task: Any, task_run: TaskRun, state: State) -> bool:
    """Retry a crash (a bug, a full disk) once; an InputError (404, bad edition) would only fail again."""
    try:
        outcome = state.result(raise_on_failure=False)
    except Exception:  # noqa: BLE001 - the result itself is unreadable: retrying is the safe choice
        return True
    return isinstance(outcome, BaseException) and not isinstance(outcome, InputError)


@task(name="check-source", task_run_name="check-{source.id}", retries=1, retry_delay_seconds=2,
      retry_condition_fn=_retry_crashes, cache_policy=NO_CACHE)
def check_source_task(source: Source, raw_dir: str, state_dir: str) -> SourceCheck | State:
    """Fetch one source and archive a new edition (fetch retries the network itself)."""
    try:
        return check_source(source, Path(raw_dir), Path(state_dir))
    except InputError as exc:  # the source's own problem: a failed task, reported, no traceback
        return Failed(message=f"{source.id}: {exc}", data=SourceCheck(source.id, "failed", None, str(exc)))


@task(name="read", task_run_name="read-{edition.edition_id}", cache_policy=NO_CACHE)
def read_task(edition: Edition, raw_dir: str) -> tuple[Document, Structure]:
    """Read one archived edition: text (or PDF layout) into sections and statements."""
    return read_archived(edition, Path(raw_dir))


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(read: tuple[Document, Structure]) -> tuple[list[FigureMention], list[EventMention]]:
    """Extract figures and events as written."""
    return extract_mentions(read[1])


@task(name="normalise", task_run_name="normalise-{edition.edition_id}", cache_policy=NO_CACHE)
def normalise_task(edition: Edition, read: tuple[Document, Structure],
                   mentions: tuple[list[FigureMention], list[EventMention]], currency: str) -> EditionData:
    """Normalise values, currencies and periods into the edition's frames."""
    return normalise_edition(edition, read[0], read[1], mentions, currency)


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


def _outcome(future: PrefectFuture[Any]) -> tuple[Any, BaseException | None]:
    """A mapped task's result, or its exception, without raising: one failure must not hide the rest."""
    future.wait()
    value = future.state.result(raise_on_failure=False)
    return value, value if isinstance(value, BaseException) else None


def _reason(exc: BaseException) -> str:
    """One line for a failure: an InputError is already '<where>: <problem>', a crash names its type."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text if isinstance(exc, InputError) else f"{type(exc).__name__}: {text}".rstrip(": ")


def _publish_failures(exc: BaseException) -> list[str]:
    """Why nothing was published: each failed expectation or package error on its own line, else the crash."""
    from factsheet.publish import PackageInvalid
    from factsheet.validate import ValidationFailed

    if isinstance(exc, ValidationFailed | PackageInvalid):
        stage = "validation" if isinstance(exc, ValidationFailed) else "package"
        return [f"failed: {stage}: {line}" for line in str(exc).strip().splitlines() if line.strip()] \
            or [f"failed: {stage}"]
    return [f"failed: publish: {_reason(exc)}"]


@flow(name="factsheet-refresh", task_runner=task_runner())
def refresh(sources: str | None = None, package: str | None = None, only: list[str] | None = None,
            raw: str | None = None, state: str | None = None) -> RunSummary | State:
    """Check the tracked sources (all, or the ids in `only`) and publish the package rebuilt from raw/.

    Returns the RunSummary; a failed run ends in a Failed state that carries it, after the artifact.
    """
    paths = refresh_paths(sources, package, raw, state)
    tracked = load_sources(paths.sources)
    unknown = sorted(set(only or ()) - {s.id for s in tracked})
    if unknown:
        raise InputError(f"{paths.sources}: no source '{unknown[0]}'")
    chosen = [s for s in tracked if not only or s.id in only]
    failures: list[str] = []
    with refresh_lock(paths.state):
        checks: list[SourceCheck] = []
        for source, future in zip(chosen, check_source_task.map(chosen, unmapped(str(paths.raw)),
                                                                unmapped(str(paths.state)))):
            value, exc = _outcome(future)
            if isinstance(value, SourceCheck):
                checks.append(value)
            else:
                checks.append(SourceCheck(source.id, "failed", None, _reason(exc or RuntimeError(value))))
        currency = {s.id: s.currency for s in tracked}
        archived = [e for s in tracked for e in list_editions(paths.raw, s.id)]
        built: list[EditionData] = []
        reads = read_task.map(archived, unmapped(str(paths.raw)))
        mentions = extract_task.map(reads)
        futures = normalise_task.map(archived, reads, mentions, [currency[e.source_id] for e in archived])
        for edition, future in zip(archived, futures):
            value, exc = _outcome(future)
            if exc is None:
                built.append(value)
            else:
                failures.append(f"failed: edition {edition.edition_id}: {_reason(exc)}")
        summary = RunSummary("failed", published_version(paths.package), paths.package)
        if not archived:
            failures.append("failed: no edition archived yet: nothing to publish")
        elif not failures:
            linked, changes = changes_task(built)
            validated = validate_task(linked, changes, str(paths.package), return_state=True)
            planned = validated.result(raise_on_failure=False)
            if isinstance(planned, BaseException):
                value: Any = planned
            else:
                value = publish_task(linked, changes, planned, return_state=True).result(raise_on_failure=False)
            if isinstance(value, RunSummary):
                summary = value
            else:
                failures += _publish_failures(value)
    summary = combine(summary, checks, failures)
    summary.notes.extend(left_out_notes(built))
    logger = get_run_logger()
    for line in summary.lines():
        logger.info(line)
    create_markdown_artifact(markdown=run_markdown(summary, checks), key=ARTIFACT_KEY,
                             description=f"factsheet refresh: {summary.lines()[0]}")
    if summary.outcome == "failed":
        return Failed(message=why(summary), data=summary)
    return summary


def run_refresh(sources: str | Path | None = None, package: str | Path | None = None, only: list[str] | None = None,
                raw: str | Path | None = None, state: str | Path | None = None,
                runner: str | None = None) -> RunSummary:
    """Run the flow here (the CLI's `factsheet refresh`) on the configured task runner; always a RunSummary.

    An InputError (bad sources.toml, unknown id) is raised for the CLI's exit 2; a failed run is returned.
    """
    def text(p: str | Path | None) -> str | None:
        return str(p) if p is not None else None

    configured = refresh.with_options(task_runner=task_runner(runner))
    final = configured(sources=text(sources), package=text(package), only=only, raw=text(raw), state=text(state),
                       return_state=True)
    value = final.result(raise_on_failure=False)
    if isinstance(value, RunSummary):
        return value
    if isinstance(value, InputError):
        raise value
    package_dir = refresh_paths(sources, package).package
    reason = _reason(value) if isinstance(value, BaseException) else str(final.message or final.type)
    return RunSummary("failed", published_version(package_dir), package_dir, notes=[f"failed: run crashed: {reason}"])
