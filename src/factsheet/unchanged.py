"""Decide "nothing changed" before paying for Prefect: a refresh that finds nothing new costs a hash check.

`factsheet refresh` (and so `make run`) asks `quick_refresh` first. It checks every source as the flow's
check stage would (a local file's sha256, an http source's conditional GET with ETag/Last-Modified) and,
when every source is unchanged, whether the published package is current:

- proof on file: the last run that built or verified the package recorded, in the cache beside raw/, the
  extractor's fingerprint, the sources' currencies, each archived edition's file and the package's files;
  when all of them still match, the answer costs a few stat calls and no pandas;
- otherwise (a fresh clone, a new extractor, a deleted cache) it rebuilds the package's rows in this
  process from the edition cache (extracting what is not cached) and compares them with the published
  bytes, as the flow's plan does; identical rows are "unchanged" and recorded as proof for next time.

Anything else (a new edition, a failed fetch, rows that differ, an edition that no longer extracts) is
None: the Prefect flow runs as before and stays the one place where work is done and recorded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsheet.cache import cache_dir, fingerprint, read_json, write_json
from factsheet.errors import InputError
from factsheet.model import Edition, Source
from factsheet.runs import FetchSettings, RunSummary, SourceCheck
from factsheet.settings import RefreshLimits
from factsheet.status import RefreshPaths, combine, record_run, refresh_lock

PROOFS = "current"  # <cache>/current/<package path hash>.json
UNCHANGED_VERDICT = "not rerun (nothing changed)"


@dataclass(frozen=True)
class Probe:
    """One source checked without archiving: its outcome when nothing is new, else the fetched result."""

    check: SourceCheck | None  # None: new content that the flow's check stage must archive
    result: Any  # fetch.FetchResult


def probe_source(source: Source, raw_dir: Path, state_dir: Path, settings: FetchSettings) -> Probe:
    """Fetch a source (conditionally); when its content is already archived, save the fetch state and say so."""
    from factsheet.archive import list_editions
    from factsheet.fetch import fetch, load_state, save_state
    from factsheet.sources import location

    previous = load_state(state_dir, source.id)
    known = list_editions(raw_dir, source.id)
    result = fetch(location(source), previous=previous if known else None, timeout=settings.timeout,
                   max_bytes=settings.max_bytes, retries=settings.retries, backoff=settings.backoff,
                   deadline=settings.deadline)
    if not result.changed:
        save_state(state_dir, source.id, result.state())
        return Probe(SourceCheck(source.id, "unchanged", known[-1].edition_id if known else None, "unchanged"), result)
    if any(e.sha256 == result.sha256 for e in known):
        save_state(state_dir, source.id, result.state())
        return Probe(SourceCheck(source.id, "unchanged", known[-1].edition_id, "unchanged (already archived)"),
                     result)
    return Probe(None, result)


# --- proof that the package is current ------------------------------------------------------------------


def _stat(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]


def package_state(package_dir: Path) -> dict[str, list[int]]:
    """Size and mtime of every file of the package: a hand edit or a publish changes them."""
    return {p.name: _stat(p) for p in sorted(package_dir.iterdir()) if p.is_file()}


def archive_state(tracked: list[Source], editions: list[Edition], raw_dir: Path) -> dict[str, Any]:
    """What the package's rows are built from: the extractor, each source's currency, each archived file."""
    return {
        "extractor": fingerprint(),
        "currencies": {s.id: s.currency for s in tracked},
        "editions": {e.edition_id: [e.sha256, e.raw_path, e.source_url, *_stat(raw_dir.parent / e.raw_path)]
                     for e in editions},
    }


def proof_path(paths: RefreshPaths) -> Path:
    """Where the proof for this package lives: the cache beside raw/, one file per package folder."""
    name = hashlib.sha256(str(paths.package.absolute()).encode()).hexdigest()[:24]
    return cache_dir(paths.raw) / PROOFS / f"{name}.json"


def record_current(paths: RefreshPaths, tracked: list[Source], summary: RunSummary) -> None:
    """After a run that published or verified the package: what it was built from, for the next no-op."""
    from factsheet.sources import source_editions

    editions = [e for s in tracked for e in source_editions(paths.raw, s)]
    write_json(proof_path(paths), {
        **archive_state(tracked, editions, paths.raw),
        "package": package_state(paths.package),
        "version": summary.version,
        "counts": {"figures": summary.figures, "events": summary.events, "changes": summary.changes},
    })


def _proven(paths: RefreshPaths, tracked: list[Source], editions: list[Edition]) -> dict[str, Any] | None:
    """The recorded proof when it still holds, else None."""
    proof = read_json(proof_path(paths))
    if not isinstance(proof, dict):
        return None
    now = {**archive_state(tracked, editions, paths.raw), "package": package_state(paths.package)}
    return proof if all(proof.get(k) == v for k, v in now.items()) else None


# --- the decision -----------------------------------------------------------------------------------------


def quick_refresh(paths: RefreshPaths, tracked: list[Source], limits: RefreshLimits) -> RunSummary | None:
    """The run's summary when every source is unchanged and the package current; None: run the flow."""
    from factsheet.sources import source_editions
    from factsheet.status import published_version

    if not (paths.package / "datapackage.json").is_file():
        return None
    with refresh_lock(paths.state, limits.lock_wait):
        checks = []
        for source in tracked:
            try:
                probe = probe_source(source, paths.raw, paths.state, FetchSettings(deadline=limits.fetch_deadline))
            except InputError:  # a failed fetch is the flow's to retry, report and record
                return None
            if probe.check is None:
                return None
            checks.append(probe.check)
        editions = [e for s in tracked for e in source_editions(paths.raw, s)]
        proof = _proven(paths, tracked, editions)
        version = published_version(paths.package)
        if proof is not None and proof.get("version") == version:
            counts = proof["counts"]
        else:
            counts = _verified_counts(paths, tracked, editions)
            if counts is None:
                return None
        summary = combine(RunSummary("unchanged", version, paths.package, verdict=UNCHANGED_VERDICT, **counts),
                          checks)
        if proof is None:
            record_current(paths, tracked, summary)
        for check in checks:
            record_run(paths.state, check.source_id, False, check.message)
    return summary


def _verified_counts(paths: RefreshPaths, tracked: list[Source], editions: list[Edition]) -> dict[str, int] | None:
    """Rebuild the package's rows here (cached editions loaded, others extracted) and compare them with the
    published bytes: their counts when the package is current, None when anything differs or fails."""
    from factsheet.pipeline import assemble, plan_publication

    if not editions:
        return None
    try:
        built = assemble(editions, {s.id: s.currency for s in tracked}, paths.raw)
        plan = plan_publication(built.frames, built.editions, paths.package)
    except Exception:  # noqa: BLE001 - whatever fails here fails again in the flow, which reports it properly
        return None
    return None if plan.version is not None else dict(plan.counts)
