"""`factsheet extract` over a corpus: many documents in one process, in parallel, into one package or one each.

Start-up (pandas, the grammar, Great Expectations) is paid once instead of once per document. Documents are
read here and handed by their bytes to workers: in this process (--workers 1), local processes
(--workers N, concurrent.futures) or an existing Dask cluster (--dask tcp://... or FACTSHEET_DASK_ADDRESS,
dask.distributed), which need not share this machine's files. A worker returns the frames and the text (for
validation's span checks), never the layout; a bounded number of documents is in flight and each chunk's
text is dropped once its check columns are spooled, so memory stays flat as the corpus grows.
Results are put back in input order: the output is byte-identical whatever the number of workers.

A document that fails (unreadable, no figures, rows that fail validation, an edition id taken by an earlier
document) is one line in the error list and the batch goes on. The others are validated by Great Expectations in
one run, with the suites of a single extract: each chunk's figures and events are appended, with the check
columns only its texts can give, to an SQLite file beside the package, which GX checks through SQL at the end
together with the editions table, so memory holds a chunk whatever the corpus's size. Each chunk is written into
the package's staging folder as it comes, while later documents are still extracted (and spooled for the
latest-edition views); the package is published once the run passed, written again without the documents whose
rows failed it. With --each, one package per document under the same rules as a single extract.
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
    from factsheet.validate import Tables

DASK_ADDRESS_ENV = "FACTSHEET_DASK_ADDRESS"  # tcp://scheduler:8786 of an existing cluster
DOCUMENT_SUFFIXES = (".txt", ".text", ".pdf", ".htm", ".html", ".md", ".markdown")  # what a folder holds
GLOB_CHARS = set("*?[")
IN_FLIGHT = 300  # documents handed out ahead: workers go on while this process validates and writes a chunk (a run
# with 100 left them idle while the first chunk waited for Great Expectations to import)


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
    """What a worker sends back for one document: its frames and text (no layout), its notes, or why it failed."""

    index: int
    path: str
    data: EditionData | None = None
    notes: tuple[str, ...] = ()
    error: str | None = None


def extract_document(index: int, path: str, data: bytes, currency: str, published: str | None) -> Outcome:
    """Read, extract and normalise one document's bytes; a failure is returned, never raised, so one bad
    document cannot stop a batch (this runs in a worker process or on a Dask worker too)."""
    from factsheet.pipeline import edition_of_bytes, encoding_note, light

    try:
        edition = edition_of_bytes(data, Path(path), currency, published=published)
    except InputError as exc:
        return Outcome(index, path, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug on one document is reported with it, the batch goes on
        return Outcome(index, path, error=f"{path}: internal error: {type(exc).__name__}: {exc}")
    note = encoding_note(path, edition.document)
    return Outcome(index, path, light(edition), (note,) if note else ())


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
        yield from _windowed(paths, lambda *a: pool.submit(job, *a), done, lambda f: f.result(), IN_FLIGHT)


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
                             max(IN_FLIGHT, 4 * workers))
    finally:
        client.close()


# --- the batch -----------------------------------------------------------------------------------------------

CHUNK = 100  # documents whose frames and check columns are built and spooled together: memory holds a chunk and
# the documents in flight, the same for 100 documents as for 100,000 (the corpus's validation run reads the spool)
ROW_RESOURCES = ("figures", "events")  # spooled chunk by chunk; the editions table once, after every chunk


@dataclass
class Done:
    """One document that extracted: its place in the input, its path and its frames (no text)."""

    index: int
    path: str
    data: EditionData


@dataclass
class Batch:
    """What the batch did so far: one line per document that failed, notes, and the validation runs."""

    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    runs: int = 0
    expectations: dict[str, int] = field(default_factory=dict)  # resource -> expectations of its suite
    validated: int = 0
    rows: dict[str, dict[str, int]] = field(default_factory=lambda: {r: {} for r in ROW_RESOURCES})

    def error_lines(self) -> list[str]:
        return [line for _, line in sorted(self.errors)]

    def verdict(self) -> str:
        if not self.validated:
            return "failed for every document"
        return f"passed ({sum(self.expectations.values())} expectations, {self.validated} documents)"

    def count(self, report: Any) -> None:
        """Note a validation run and the expectations of each resource it checked."""
        self.runs += 1
        for resource in {r.resource for r in report.results}:
            self.expectations[resource] = sum(1 for r in report.results if r.resource == resource)


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


def in_order(outcomes: Iterable[Outcome], total: int) -> Iterator[Outcome]:
    """Outcomes in input order, whatever order the workers finish in (only those ahead of a slow one wait)."""
    advance, close = _progress(total)
    waiting: dict[int, Outcome] = {}
    following = 0
    try:
        for outcome in outcomes:
            waiting[outcome.index] = outcome
            advance()
            while following in waiting:
                yield waiting.pop(following)
                following += 1
    finally:
        close()
    yield from (waiting[i] for i in sorted(waiting))


def chunks(outcomes: Iterable[Outcome], total: int, batch: Batch) -> Iterator[list[Done]]:
    """The documents that extracted, in input order, CHUNK at a time; failures and an edition id met twice (an
    error for the later document) go to the batch's error list."""
    from factsheet.pipeline import left_out_notes

    owner: dict[str, str] = {}
    chunk: list[Done] = []
    for outcome in in_order(outcomes, total):
        if outcome.data is None:
            batch.errors.append((outcome.index, outcome.error or f"{outcome.path}: failed"))
            continue
        edition_id = outcome.data.edition.edition_id
        if edition_id in owner:
            batch.errors.append((outcome.index, f"{outcome.path}: edition id {edition_id} is also that of "
                                                f"{owner[edition_id]} (same title and date); extract it on its own"))
            continue
        owner[edition_id] = outcome.path
        batch.notes += [*outcome.notes, *left_out_notes([outcome.data])]
        chunk.append(Done(outcome.index, outcome.path, outcome.data))
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def executor(paths: list[Path], currency: str, published: str | None, workers: int = 1,
             dask_address: str | None = None) -> Iterator[Outcome]:
    """Every document's outcome from the chosen executor, as they finish."""
    import functools

    job = functools.partial(extract_document, currency=currency, published=published)
    if dask_address:
        return run_dask(paths, job, dask_address)
    if workers > 1:
        return run_processes(paths, job, workers)
    return run_here(paths, job)


# --- validating and writing ---------------------------------------------------------------------------------


def spool_chunk(chunk: list[Done], tables: Tables, batch: Batch) -> dict[str, Any]:
    """A chunk's frames. Its figures and events join the corpus's tables with their derived check columns, computed
    here while the chunk's texts are at hand (the caller then drops them); their rows are counted for the
    editions' checks."""
    from factsheet.pipeline import frames_for, texts_of

    editions = [d.data for d in chunk]
    frames = frames_for(editions)
    tables.append(frames, ROW_RESOURCES, texts_of(editions))
    for resource in ROW_RESOURCES:
        for edition_id, n in frames[resource]["edition_id"].value_counts().items():
            batch.rows[resource][str(edition_id)] = int(n)
    return frames


def validate_corpus(editions: Any, changes: Any, tables: Tables, batch: Batch) -> dict[str, str]:
    """The corpus's one Great Expectations run: the editions table (checked against the rows counted chunk by
    chunk) and changes join the spooled figures and events, and every table is checked with the suites of a
    single extract. Returns edition id -> why for each edition one of whose rows failed (the caller leaves those
    documents out); raises ValidationFailed on a failure not every row of which names an edition (a table-level
    one)."""
    from factsheet.validate import validate_tables

    tables.append({"editions": editions, "changes": changes}, ("editions", "changes"), row_counts=batch.rows)
    report = validate_tables(tables)
    batch.count(report)
    return _failed_editions(report, {str(e) for e in editions["edition_id"]})


def _failed_editions(report: Any, edition_ids: set[str]) -> dict[str, str]:
    """edition id -> why, for each edition one of whose rows failed an error-severity expectation; {} when the
    report passed. ValidationFailed when a failure has a row that names no edition of the corpus, or no rows."""
    from factsheet.validate import ValidationFailed

    why: dict[str, str] = {}
    for result in report.results:
        if result.success or result.severity != "error":
            continue
        owned = [(e, row) for e, row in result.owners if e in edition_ids]
        if not result.unexpected_count or len(owned) < result.unexpected_count:
            raise ValidationFailed(report)
        where = f" where {result.condition}" if result.condition else ""
        for edition_id, row in owned:
            why.setdefault(edition_id, f"{result.resource}: {result.expectation}({', '.join(result.columns)})"
                                       f"{where} on {row}")
    return why


def corpus_name(out_dir: Path) -> str:
    """The package name of a corpus: its folder's name as a slug."""
    from factsheet.pipeline import slug

    return slug(out_dir.name.removesuffix("-datapackage")) or "factsheets"


@dataclass
class Written:
    """What a corpus package holds as its chunks are written: the tables validated at the end, each document's
    editions row, place and path, and the editions whose rows failed that run."""

    spool: Path
    tables: Tables
    editions: list[Any] = field(default_factory=list)
    documents: dict[str, tuple[int, str]] = field(default_factory=dict)  # edition id -> place in the input, path
    failed: set[str] = field(default_factory=set)


def _spooled_parts(outcomes: Iterable[Outcome], total: int, batch: Batch, written: Written) -> Iterator[Any]:
    """Each chunk's figures and events as the writer asks for them: it writes them into its staging folder while
    later documents are still extracted, and publishes nothing before the corpus's run passes. Each is spooled
    twice: into the tables that run checks, and as frames for the -latest views' second reading."""
    import pickle

    for n, chunk in enumerate(chunks(outcomes, total, batch)):
        frames = spool_chunk(chunk, written.tables, batch)
        part = {r: frames[r] for r in ROW_RESOURCES}
        with open(written.spool / f"{n:06d}.pickle", "wb") as handle:
            pickle.dump(part, handle, protocol=pickle.HIGHEST_PROTOCOL)
        written.editions.append(frames["editions"])
        written.documents.update({d.data.edition.edition_id: (d.index, d.path) for d in chunk})
        yield part


def _spooled(written: Written) -> Iterator[Any]:
    """The spooled parts again, without the rows of editions that failed."""
    import pickle

    for path in sorted(written.spool.glob("*.pickle")):
        with open(path, "rb") as handle:
            part = pickle.load(handle)
        yield {r: f[~f["edition_id"].isin(written.failed)] for r, f in part.items()} if written.failed else part


def _editions_table(written: Written, changes: Any, batch: Batch) -> Any:
    """The corpus's editions table once every chunk is spooled, and the corpus's one validation run; a document
    with a failing row joins the error list and leaves the table."""
    import pandas as pd

    from factsheet.pipeline import frames_for

    if not written.editions:
        return frames_for([])["editions"]
    table = pd.concat(written.editions, ignore_index=True)
    failed = validate_corpus(table, changes, written.tables, batch)
    written.failed = set(failed)
    batch.errors += [(written.documents[e][0], f"{written.documents[e][1]}: validation failed, not written: {why}")
                     for e, why in sorted(failed.items())]
    batch.validated = len(table) - len(failed)
    return table[~table["edition_id"].isin(written.failed)].reset_index(drop=True)


def publish_corpus(outcomes: Iterable[Outcome], total: int, target: Path, batch: Batch) -> RunSummary | None:
    """Every document that extracts and validates, in one standalone package, written chunk by chunk into staging
    while later documents are extracted (memory holds one chunk) and published once the corpus's one validation
    run passed. When rows of some documents fail it, the package is written again from the spooled chunks without
    those documents. None when no document was written."""
    import tempfile

    from factsheet import schema
    from factsheet.outputs import STANDALONE
    from factsheet.pipeline import created_of, frames_for, plan_version
    from factsheet.publish import publish_parts
    from factsheet.validate import Tables

    target.parent.mkdir(parents=True, exist_ok=True)
    changes = frames_for([])["changes"]
    plan: list[Any] = []
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix=f".{target.name}.spool-", dir=target.parent) as spool_name:
        written = Written(Path(spool_name), Tables(Path(spool_name) / "tables.sqlite"))
        table: list[Any] = []
        again = {"writing": False}  # the second writing, without the documents whose editions row failed

        def editions() -> Any:
            table.append(_editions_table(written, changes, batch))
            return table[0]

        def meta_for(hashes: dict[str, str]) -> Any:
            if table[0].empty or (written.failed and not again["writing"]):
                return None  # nothing to publish, or written again below without the failed documents
            rows = list(_editions(table[0]))
            counts.update({r: sum(n for e, n in batch.rows[r].items() if e not in written.failed)
                           for r in ROW_RESOURCES}, changes=0)
            rows_changed = any(_file_sha256(target / f"{name}.csv") != hashes[name] for name in schema.RESOURCES)
            latest = max((e.published for e in rows), default="")
            plan.append(plan_version(target, rows_changed, rows, counts, changes, name=corpus_name(target),
                                     title=f"{len(rows)} fact sheets", created=created_of(latest), role=STANDALONE))
            return plan[0].meta

        publish_parts(target, _spooled_parts(outcomes, total, batch, written), editions, changes, meta_for,
                      again=lambda: _spooled(written))
        if written.failed and not table[0].empty:
            again["writing"] = True
            publish_parts(target, _spooled(written), table[0], changes, meta_for)
    return _corpus_summary(plan[0], target, batch, counts, written) if plan else None


def _corpus_summary(publication: Any, target: Path, batch: Batch, counts: dict[str, int],
                    written: Written) -> RunSummary:
    """The run's summary, and the dataset page of a package that changed (or has none)."""
    from factsheet.runs import RunSummary
    from factsheet.site import SITE_DIR, write_site

    if publication.version is None:
        summary = RunSummary("unchanged", publication.previous_version, target, verdict=batch.verdict(), **counts)
    else:
        summary = RunSummary("published", publication.version, target, verdict=batch.verdict(), **counts)
    if publication.version is not None or not (target / SITE_DIR).exists():
        documents = {e: Path(os.path.abspath(path)) for e, (_, path) in written.documents.items()
                     if e not in written.failed}
        try:
            write_site(target, documents=documents)
        except InputError as exc:  # the package is published; its page is a view of it
            summary.notes.append(f"warning: site not written: {exc}")
    return summary


def _editions(table: Any) -> Iterator[Any]:
    """Edition records of the editions rows (what a package's sources and changelog are made from)."""
    from factsheet.model import Edition

    for row in table.itertuples(index=False):
        yield Edition(edition_id=row.edition_id, source_id=row.source_id, title=row.title,
                      published="" if _missing(row.published) else str(row.published), source_url="",
                      raw_path=row.raw_path, sha256=row.sha256, retrieved_at="",
                      language=_text(getattr(row, "language", "")))


def _text(value: Any) -> str:
    """A cell's text, '' for a missing one."""
    return "" if _missing(value) else str(value)


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _file_sha256(path: Path) -> str | None:
    from factsheet.cache import file_sha256

    return file_sha256(path) if path.is_file() else None


def publish_each(outcomes: Iterable[Outcome], total: int, out_dir: Path, force: bool, protected: tuple[Path, ...],
                 batch: Batch) -> list[str]:
    """One standalone package per document in out_dir/<file stem>-datapackage, written once the whole corpus has
    passed its one Great Expectations run (the documents are spooled chunk by chunk until then). Returns a line
    per document written; a document whose folder is refused or whose rows fail joins the error list."""
    import pickle
    import tempfile

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".each-spool-", dir=out_dir) as spool_name:
        spool = Path(spool_name)
        folder, failed = _spool_each(outcomes, total, spool, batch)
        lines: list[str] = []
        for path in sorted(spool.glob("*.pickle")):
            with open(path, "rb") as handle:
                chunk = pickle.load(handle)
            for done in chunk:
                why = failed.get(done.data.edition.edition_id)
                if why is not None:
                    batch.errors.append((done.index, f"{done.path}: validation failed, not written: {why}"))
                    continue
                line = _publish_one(done, out_dir / folder[done.index], force, protected, batch)
                lines += [line] if line else []
    return lines


def _spool_each(outcomes: Iterable[Outcome], total: int, spool: Path, batch: Batch) -> tuple[dict[int, str],
                                                                                             dict[str, str]]:
    """Every document spooled chunk by chunk, then the corpus's one run: each document's folder name (in input
    order, before any document can drop out) and the editions whose rows failed, with why."""
    import pickle

    import pandas as pd

    from factsheet.outputs import default_out_dir
    from factsheet.pipeline import frames_for
    from factsheet.validate import Tables

    tables, editions = Tables(spool / "tables.sqlite"), []
    names: set[str] = set()
    folder: dict[int, str] = {}
    for n, chunk in enumerate(chunks(outcomes, total, batch)):
        for done in chunk:
            name = stem = default_out_dir(Path(done.path)).name
            k = 2
            while name in names:
                name, k = f"{stem}-{k}", k + 1
            names.add(name)
            folder[done.index] = name
        editions.append(spool_chunk(chunk, tables, batch)["editions"])
        with open(spool / f"{n:06d}.pickle", "wb") as handle:
            pickle.dump(chunk, handle, protocol=pickle.HIGHEST_PROTOCOL)
    if not editions:
        return folder, {}
    failed = validate_corpus(pd.concat(editions, ignore_index=True), frames_for([])["changes"], tables, batch)
    batch.validated = len(folder) - len(failed)
    return folder, failed


def _publish_one(done: Done, folder: Path, force: bool, protected: tuple[Path, ...], batch: Batch) -> str | None:
    """A validated document's own package (as a single extract writes it); its line, or None when refused."""
    from factsheet.outputs import STANDALONE, check_out_dir
    from factsheet.pipeline import created_of, frames_for, plan_publication, publish_planned

    data = done.data
    try:
        target = check_out_dir(folder, force=force, protected=protected)
        frames = frames_for([data])
        plan = plan_publication(frames, [data], target, name=data.edition.source_id, title=data.edition.title,
                                created=created_of(data.edition.published), role=STANDALONE)
        summary = publish_planned(plan, frames, "passed" if plan.version else "not rerun (nothing changed)",
                                  {data.edition.edition_id: Path(os.path.abspath(done.path))})
    except InputError as exc:
        batch.errors.append((done.index, f"{done.path}: {exc}"))
        return None
    return f"{done.path}: {summary.lines()[0]} -> {target}"
