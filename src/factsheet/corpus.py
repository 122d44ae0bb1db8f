"""`factsheet extract` over a corpus: many documents in one process, in parallel, into one package or one each.

Start-up (pandas, the grammar, Great Expectations) is paid once instead of once per document. Documents are
read here and handed by their bytes to workers: in this process (--workers 1), local processes
(--workers N, concurrent.futures) or an existing Dask cluster (--dask tcp://... or FACTSHEET_DASK_ADDRESS,
dask.distributed), which need not share this machine's files. A worker returns only the frames, never the
text, and at most a few documents are in flight at once, so memory stays flat as the corpus grows.
Results are put back in input order: the output is byte-identical whatever the number of workers.

A document that fails (unreadable, no figures, an edition id taken by an earlier document) is one line in
the error list and the batch goes on; the frames of all the others are validated in one Great Expectations
run and written as one package, or one per document with --each, under the same rules as a single extract.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.errors import InputError

if TYPE_CHECKING:
    from factsheet.pipeline import EditionData
    from factsheet.runs import RunSummary

DASK_ADDRESS_ENV = "FACTSHEET_DASK_ADDRESS"  # tcp://scheduler:8786 of an existing cluster
DOCUMENT_SUFFIXES = (".txt", ".text", ".pdf", ".htm", ".html", ".md", ".markdown")  # what a folder holds
GLOB_CHARS = set("*?[")
IN_FLIGHT_PER_WORKER = 4  # documents handed out ahead per worker: keeps workers busy, memory flat


# --- which documents -------------------------------------------------------------------------------------


def _folder(path: Path) -> list[Path]:
    """The documents in a folder and below: regular files with a fact sheet's suffix, hidden ones skipped."""
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root, f) for f in sorted(files)
                  if not f.startswith(".") and Path(f).suffix.lower() in DOCUMENT_SUFFIXES]
    return found


def _expand(item: str, base: Path | None = None) -> list[Path]:
    """One command-line source: a file, a folder (its documents), or a glob pattern (its matches, sorted)."""
    path = Path(item) if base is None or Path(item).is_absolute() else base / item
    if path.is_dir():
        found = _folder(path)
        if not found:
            raise InputError(f"{item}: a folder with no document in it (.txt, .pdf, .htm(l) or .md)")
        return found
    if GLOB_CHARS & set(item) and not path.exists():
        matches = sorted(Path(m) for m in glob.glob(str(path), recursive=True))
        files = [m for m in matches if not m.is_dir()] + [f for m in matches if m.is_dir() for f in _folder(m)]
        if not files:
            raise InputError(f"{item}: no file matches this pattern")
        return files
    return [path]  # a file, or a missing one: reading it says why, in the error list


def _list_file(path: Path) -> list[Path]:
    """Sources named in a list file, one a line ('#' starts a comment), relative to the list file's folder."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such list file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: unreadable list file ({exc})") from None
    out: list[Path] = []
    for line in lines:
        item = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if item:
            out += _expand(item, path.parent)
    return out


def expand_sources(items: Iterable[str], list_files: Iterable[str] = ()) -> list[Path]:
    """Every document the command names, in the order given, each once."""
    paths = [p for item in items for p in _expand(item)] + [p for f in list_files for p in _list_file(Path(f))]
    seen: set[str] = set()
    unique = []
    for p in paths:
        key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    if not unique:
        raise InputError("no documents: the list files name none")
    return unique


def is_corpus(items: list[str], list_files: list[str]) -> bool:
    """More than one document may be meant: several sources, a folder, a glob or a list file."""
    if list_files or len(items) != 1:
        return True
    item = items[0]
    return Path(item).is_dir() or (bool(GLOB_CHARS & set(item)) and not Path(item).exists())


# --- one document, wherever it runs ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back for one document: its frames (no text), its notes, or why it failed."""

    index: int
    path: str
    data: EditionData | None = None
    notes: tuple[str, ...] = ()
    error: str | None = None


def extract_document(index: int, path: str, data: bytes, currency: str, published: str | None) -> Outcome:
    """Read, extract and normalise one document's bytes; a failure is returned, never raised, so one bad
    document cannot stop a batch (this runs in a worker process or on a Dask worker too)."""
    from factsheet.pipeline import EditionData, edition_of_bytes, encoding_note

    try:
        edition = edition_of_bytes(data, Path(path), currency, published=published)
    except InputError as exc:
        return Outcome(index, path, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug on one document is reported with it, the batch goes on
        return Outcome(index, path, error=f"{path}: internal error: {type(exc).__name__}: {exc}")
    note = encoding_note(path, edition.document) if edition.document is not None else None
    light = EditionData(edition.edition, None, None, edition.figures, edition.events)
    return Outcome(index, path, light, (note,) if note else ())


def _read(index: int, path: Path) -> tuple[int, str, bytes] | Outcome:
    """A document's bytes (regular file, size limit), or its failure."""
    from factsheet.read import load_bytes

    try:
        return index, str(path), load_bytes(path)
    except InputError as exc:
        return Outcome(index, str(path), error=str(exc))


# --- where documents run ------------------------------------------------------------------------------------


Job = Callable[[int, str, bytes], Outcome]


def _windowed(paths: list[Path], submit: Callable[[int, str, bytes], Any], done: Callable[[list[Any]], Iterator[Any]],
              result: Callable[[Any], Outcome], window: int) -> Iterator[Outcome]:
    """Hand out documents keeping at most `window` in flight; yield each outcome as it arrives."""
    pending: list[Any] = []
    for i, path in enumerate(paths):
        read = _read(i, path)
        if isinstance(read, Outcome):
            yield read
            continue
        pending.append(submit(*read))
        del read
        while len(pending) >= window:
            finished = next(done(pending))
            pending.remove(finished)
            yield result(finished)
    while pending:
        finished = next(done(pending))
        pending.remove(finished)
        yield result(finished)


def run_here(paths: list[Path], job: Job) -> Iterator[Outcome]:
    """Each document in this process, one after another."""
    for i, path in enumerate(paths):
        read = _read(i, path)
        yield read if isinstance(read, Outcome) else job(*read)


def run_processes(paths: list[Path], job: Job, workers: int) -> Iterator[Outcome]:
    """Documents on `workers` local processes (forked from a server that imported the pipeline once)."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["factsheet.corpus", "factsheet.pipeline"])

    def done(pending: list[Any]) -> Iterator[Any]:
        yield from wait(pending, return_when=FIRST_COMPLETED).done

    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _windowed(paths, lambda *a: pool.submit(job, *a), done, lambda f: f.result(),
                             workers * IN_FLIGHT_PER_WORKER)


def run_dask(paths: list[Path], job: Job, address: str) -> Iterator[Outcome]:
    """Documents on an existing Dask cluster (dask.distributed); its workers get bytes, not paths."""
    from distributed import Client, wait

    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"--dask {address}: cannot reach the Dask scheduler ({exc})") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))

        def done(pending: list[Any]) -> Iterator[Any]:
            yield from wait(pending, return_when="FIRST_COMPLETED").done

        yield from _windowed(paths, lambda *a: client.submit(job, *a, pure=False), done, lambda f: f.result(),
                             workers * IN_FLIGHT_PER_WORKER)
    finally:
        client.close()


# --- the batch -----------------------------------------------------------------------------------------------


@dataclass
class Batch:
    """The documents that extracted (in input order) and one line for each that did not."""

    done: list[EditionData] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    index: list[int] = field(default_factory=list)  # each done document's place in the input
    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def error_lines(self) -> list[str]:
        return [line for _, line in sorted(self.errors)]


def _progress(total: int) -> tuple[Callable[[], None], Callable[[], None]]:
    """A progress bar on stderr when it is a terminal (rich); silent otherwise. Returns (advance, close)."""
    if not sys.stderr.isatty():
        return (lambda: None), (lambda: None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("extract", total=total)
    bar.start()
    return (lambda: bar.advance(task)), bar.stop


def collect(outcomes: Iterable[Outcome], total: int) -> Batch:
    """Gather outcomes in input order; an edition id met twice is an error for the later document."""
    advance, close = _progress(total)
    by_index: dict[int, Outcome] = {}
    try:
        for outcome in outcomes:
            by_index[outcome.index] = outcome
            advance()
    finally:
        close()
    batch = Batch()
    owner: dict[str, str] = {}
    for i in sorted(by_index):
        outcome = by_index[i]
        if outcome.data is None:
            batch.errors.append((i, outcome.error or f"{outcome.path}: failed"))
            continue
        edition_id = outcome.data.edition.edition_id
        if edition_id in owner:
            batch.errors.append((i, f"{outcome.path}: edition id {edition_id} is also that of {owner[edition_id]} "
                                    "(same title and date); extract it on its own"))
            continue
        owner[edition_id] = outcome.path
        batch.done.append(outcome.data)
        batch.paths.append(outcome.path)
        batch.index.append(i)
        batch.notes += outcome.notes
    return batch


def run_batch(paths: list[Path], currency: str, published: str | None, workers: int = 1,
              dask_address: str | None = None) -> Batch:
    """Extract every document on the chosen executor; outcomes in input order whatever ran them."""
    import functools

    job = functools.partial(_job, currency=currency, published=published)
    if dask_address:
        outcomes = run_dask(paths, job, dask_address)
    elif workers > 1:
        outcomes = run_processes(paths, job, workers)
    else:
        outcomes = run_here(paths, job)
    return collect(outcomes, len(paths))


def _job(index: int, path: str, data: bytes, *, currency: str, published: str | None) -> Outcome:
    return extract_document(index, path, data, currency, published)


# --- writing ------------------------------------------------------------------------------------------------


def corpus_name(out_dir: Path) -> str:
    """The package name of a corpus: its folder's name as a slug."""
    from factsheet.pipeline import slug

    return slug(out_dir.name.removesuffix("-datapackage")) or "factsheets"


def _owner(row_id: str, edition_ids: list[str]) -> str | None:
    """The edition a failing row belongs to: row ids are '<edition id>' or '<edition id>-<n>'."""
    found = [e for e in edition_ids if row_id == e or row_id.startswith(e + "-")]
    return max(found, key=len) if found else None


def validate_batch(batch: Batch) -> str:
    """One Great Expectations run over every document's frames. When it fails, the documents whose rows
    failed join the error list and the others are validated again (normally one more run); a failure that
    names no document's rows (a table-level one) fails the whole batch. Returns the verdict."""
    from factsheet.pipeline import frames_for
    from factsheet.validate import ValidationFailed, validate_frames

    runs = 0
    while True:
        report = validate_frames(frames_for(batch.done))
        runs += 1
        if report.success:
            more = f", {runs} runs" if runs > 1 else ""
            return f"passed ({len(report.results)} expectations, {len(batch.done)} documents{more})"
        ids = [d.edition.edition_id for d in batch.done]
        why: dict[str, str] = {}
        for result in report.results:
            if result.success or result.severity != "error":
                continue
            for row in result.failing_rows:
                owner = _owner(str(row.id), ids)
                if owner is not None and owner not in why:
                    where = f" where {result.condition}" if result.condition else ""
                    why[owner] = (f"{result.resource}: {result.expectation}({', '.join(result.columns)}){where} "
                                  f"on {row.id}")
        if not why:
            raise ValidationFailed(report)
        keep = [i for i, e in enumerate(ids) if e not in why]
        for i, edition_id in enumerate(ids):
            if edition_id in why:
                batch.errors.append((batch.index[i], f"{batch.paths[i]}: validation failed, not written: "
                                                      f"{why[edition_id]}"))
        batch.done = [batch.done[i] for i in keep]
        batch.paths = [batch.paths[i] for i in keep]
        batch.index = [batch.index[i] for i in keep]
        if not batch.done:
            return "failed for every document"


def publish_corpus(batch: Batch, target: Path) -> RunSummary | None:
    """Every extracted document in one standalone package, validated in one Great Expectations run (no run
    when the package already holds exactly these rows). None when no document passed validation."""
    from factsheet.outputs import STANDALONE
    from factsheet.pipeline import created_of, frames_for, plan_publication, publish_planned

    def plan() -> Any:
        frames = frames_for(batch.done)
        latest = max((d.edition.published for d in batch.done), default="")
        return frames, plan_publication(frames, batch.done, target, name=corpus_name(target),
                                        title=f"{len(batch.done)} fact sheets", created=created_of(latest),
                                        role=STANDALONE)

    frames, planned = plan()
    if planned.version is None:
        return publish_planned(planned, frames, "not rerun (nothing changed)")
    count = len(batch.done)
    verdict = validate_batch(batch)
    if not batch.done:
        return None
    if len(batch.done) != count:
        frames, planned = plan()
    return publish_planned(planned, frames, verdict)


def publish_each(batch: Batch, out_dir: Path, force: bool, protected: tuple[Path, ...]) -> list[str]:
    """One standalone package per document in out_dir/<file stem>-datapackage, the frames of all of them
    validated in one Great Expectations run first. Returns a line per document; a document whose folder is
    refused or whose rows fail joins the error list."""
    from factsheet.outputs import STANDALONE, check_out_dir, default_out_dir
    from factsheet.pipeline import created_of, frames_for, plan_publication, publish_planned

    names: list[str] = []
    for path in batch.paths:  # folder names fixed by input order, before any document can drop out
        name = stem = default_out_dir(Path(path)).name
        n = 2
        while name in names:
            name, n = f"{stem}-{n}", n + 1
        names.append(name)
    folder = dict(zip(batch.index, names))
    verdict = validate_batch(batch)
    lines: list[str] = []
    for i, data, path in zip(batch.index, batch.done, batch.paths):
        try:
            target = check_out_dir(out_dir / folder[i], force=force, protected=protected)
            frames = frames_for([data])
            plan = plan_publication(frames, [data], target, name=data.edition.source_id, title=data.edition.title,
                                    created=created_of(data.edition.published), role=STANDALONE)
            summary = publish_planned(plan, frames, verdict if plan.version else "not rerun (nothing changed)")
        except InputError as exc:
            batch.errors.append((i, f"{path}: {exc}"))
            continue
        lines.append(f"{path}: {summary.lines()[0]} -> {target}")
    return lines
