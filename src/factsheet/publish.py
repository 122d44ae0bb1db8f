"""PUBLISH stage: write the frames as a Frictionless data package and swap it in whole.

The package is built and validated (frictionless, in-process) in a staging directory beside out_dir and
then exchanged with out_dir in one atomic rename, so a reader or a process killed at any moment sees the
old package whole or the new one whole. Identical output writes nothing, so mtimes mean "data changed".
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import math
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from factsheet import schema
from factsheet.errors import InputError
from factsheet.outputs import CHANGELOG, DESCRIPTOR, MARK, PUBLISHED, own_files

LATEST = ("figures", "events")  # resources with a `<name>-latest` view
MAX_ERRORS = 20  # frictionless errors quoted in PackageInvalid

TITLES = {
    "figures": "Figures: one row per quantitative figure stated in a fact sheet",
    "events": "Events: one row per dated happening stated in a fact sheet",
    "editions": "Editions: one row per archived edition of a tracked fact sheet",
    "changes": "Changes: what differs between consecutive editions of a source",
}


@dataclass(frozen=True)
class PackageMeta:
    """Package-level metadata; `created` must come from the data (e.g. the latest retrieved_at), never now()."""

    name: str
    title: str
    description: str
    version: str
    created: str
    licenses: tuple[dict[str, str], ...] = ()
    sources: tuple[dict[str, str], ...] = ()  # {title, path (the archived file), sha256, version, url (official)}
    contributors: tuple[dict[str, Any], ...] = ()  # Data Package v2: {title, path, roles}
    keywords: tuple[str, ...] = ()
    attribution: str = ""  # how to credit the content when reusing it
    changelog_md: str | None = None  # written to CHANGELOG.md when given
    usd_hkd: float = schema.HKD_RATES["USD"]  # the Linked Exchange Rate
    role: str = PUBLISHED  # "standalone" for `factsheet extract`: tells its folders from the published package


@dataclass(frozen=True)
class PublishResult:
    """What a publish did: the files (relative to out_dir) added, rewritten or removed; empty if none."""

    out_dir: Path
    changed: tuple[str, ...]

    @property
    def unchanged(self) -> bool:
        """True when out_dir already held exactly these bytes and nothing was written."""
        return not self.changed


class PackageInvalid(Exception):
    """The staged package failed `frictionless validate`; nothing was published. str() lists the errors."""


def created_from(frames: dict[str, pd.DataFrame]) -> str:
    """The package's `created`: the latest edition's retrieved_at, so republishing the same data is stable."""
    editions = frames.get("editions")
    stamps = [] if editions is None else [str(v) for v in editions["retrieved_at"].dropna()]
    if not stamps:
        raise InputError("editions: no retrieved_at to date the package by")

    def instant(stamp: str) -> pd.Timestamp:
        t = pd.Timestamp(stamp)
        return t.tz_convert("UTC") if t.tzinfo else t.tz_localize("UTC")

    return max(stamps, key=lambda s: (instant(s), s))


def latest_editions(editions: pd.DataFrame) -> list[str]:
    """The most recent edition of each source: latest `published`, then `retrieved_at`, then id."""
    best: dict[str, tuple[str, str, str]] = {}
    for row in editions.itertuples(index=False):
        source, key = str(row.source_id), (_s(row.published), _s(row.retrieved_at), str(row.edition_id))
        if source not in best or key > best[source]:
            best[source] = key
    return sorted(key[2] for key in best.values())


def publish_package(frames: dict[str, pd.DataFrame], out_dir: Path, meta: PackageMeta) -> PublishResult:
    """Write, validate and atomically swap in the package; raise PackageInvalid and leave out_dir as it was."""
    for resource in schema.RESOURCES:
        if frames.get(resource) is None:
            raise InputError(f"{resource}: frame missing")
    parts = [{r: frames[r] for r in LATEST}]
    result = publish_parts(out_dir, parts, frames["editions"], frames["changes"], lambda _: meta)
    assert result is not None  # a fixed meta always publishes
    return result


MetaFor = Callable[[dict[str, str]], "PackageMeta | None"]


Editions = pd.DataFrame | Callable[[], pd.DataFrame]
Parts = Iterable[dict[str, pd.DataFrame]]


def publish_parts(out_dir: Path, parts: Parts, editions: Editions, changes: pd.DataFrame, meta_for: MetaFor,
                  again: Callable[[], Parts] | None = None) -> PublishResult | None:
    """publish_package for rows that come in parts (figures and events, part after part, each part's rows in
    order): each part is written as it comes, so a large package is never whole in memory. `meta_for` gets the
    sha256 of each written CSV resource and returns the package's metadata, or None: publish nothing (the
    rows are those already published), and None is returned.

    `editions` may be a function, called once every part is written: a corpus writes its parts while later
    documents are still being extracted, and knows its editions only at the end. The -latest views are then
    written from `again()`, the same parts read a second time."""
    out_dir = Path(os.path.abspath(out_dir))
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise InputError(f"{out_dir}: not writable") from None
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: not a directory")
    with _locked(out_dir):
        _recover(out_dir)
        staging = _staging(out_dir)
        try:
            try:
                staging.mkdir()
            except OSError:
                raise InputError(f"{out_dir}: not writable") from None
            if not _write_package(parts, editions, changes, staging, meta_for, again):
                return None
            _keep_foreign(out_dir, staging)
            _validate_staged(staging)
            changed = _differences(staging, out_dir)
            if not changed:
                return PublishResult(out_dir, ())
            _fsync_dir(staging)
            _swap_in(staging, out_dir)
            return PublishResult(out_dir, changed)
        except PermissionError:
            raise InputError(f"{out_dir}: not writable") from None
        finally:
            _recover(out_dir)  # drops staging (new files, or the old package after the exchange)


def recover(out_dir: Path) -> None:
    """Finish or undo a publish that was killed midway; every publish_package runs this first."""
    out_dir = Path(os.path.abspath(out_dir))
    if out_dir.parent.is_dir():
        with _locked(out_dir):
            _recover(out_dir)


# --- writing --------------------------------------------------------------------------------------


class _Out:
    """One file of the package being written: bytes, sha256 and rows counted as they go."""

    def __init__(self, path: Path, fields: list[dict[str, Any]], fmt: str) -> None:
        self.handle = open(path, "wb")  # noqa: SIM115 - closed in close()
        self.fields, self.fmt = fields, fmt
        self.digest, self.size, self.rows = hashlib.sha256(), 0, 0
        if fmt == "csv":
            self._put(_csv(pd.DataFrame(columns=[f["name"] for f in fields]), fields))

    def _put(self, data: bytes) -> None:
        self.handle.write(data)
        self.digest.update(data)
        self.size += len(data)

    def add(self, frame: pd.DataFrame) -> None:
        if self.fmt == "csv":
            self._put(_csv(frame, self.fields, header=False))
        else:
            for row in _json_rows(frame, self.fields):
                self._put(("[\n " if not self.rows else ",\n ").encode("utf-8") + row)
                self.rows += 1
            return
        self.rows += len(frame)

    def close(self) -> tuple[str, int, int]:
        if self.fmt == "json":
            self._put(b"[]\n" if not self.rows else b"\n]\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        return self.digest.hexdigest(), self.size, self.rows


def _columns(resource: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's schema columns in schema order; InputError naming any that are missing, or an infinite number."""
    missing = [c for c in schema.columns(resource) if c not in frame.columns]
    if missing:
        raise InputError(f"{resource}: columns missing: {', '.join(missing)}")
    frame = frame[schema.columns(resource)]
    _finite(frame, resource)
    return frame


def _write_package(parts: Parts, editions: Editions, changes: pd.DataFrame, root: Path, meta_for: MetaFor,
                   again: Callable[[], Parts] | None = None) -> bool:
    """Write every resource file (figures and events part by part), then the changelog and the descriptor;
    False, with only resource files written, when meta_for says there is nothing to publish."""
    table = None if callable(editions) else _columns("editions", editions)
    if table is None and again is None:
        raise ValueError("editions given later need the parts again for the -latest views")
    changes = _columns("changes", changes)
    latest = None if table is None else set(latest_editions(table))
    names = [*schema.RESOURCES, *(f"{r}-latest" for r in LATEST)]
    outs = {(n, "csv"): _Out(root / f"{n}.csv", schema.RESOURCES[n.split("-")[0]], "csv") for n in names}
    outs.update({(n, "json"): _Out(root / f"{n}.json", schema.RESOURCES[n], "json") for n in schema.RESOURCES})
    try:
        for part in parts:  # one part in memory
            _write_part(outs, part, latest)
        if table is None:
            table = _columns("editions", editions())  # type: ignore[operator]
            latest = set(latest_editions(table))
            for part in again():  # type: ignore[misc]
                _write_latest(outs, part, latest)
        _write_part(outs, {"editions": table, "changes": changes}, latest)
    finally:
        stats = {key: out.close() for key, out in outs.items()}
    meta = meta_for({name: stats[name, "csv"][0] for name in schema.RESOURCES})
    if meta is None:
        return False
    if meta.changelog_md is not None:
        _write(root / CHANGELOG, meta.changelog_md.encode("utf-8"))
    descriptor = describe(meta, stats)
    _write(root / DESCRIPTOR, (json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return True


def _write_part(outs: dict[tuple[str, str], _Out], part: dict[str, pd.DataFrame], latest: set[str] | None) -> None:
    """A part's rows appended to each resource's CSV and JSON, and to its -latest view when `latest` is known."""
    for resource, frame in part.items():
        frame = _columns(resource, frame)
        outs[resource, "csv"].add(frame)
        outs[resource, "json"].add(frame)
    if latest is not None:
        _write_latest(outs, part, latest)


def _write_latest(outs: dict[tuple[str, str], _Out], part: dict[str, pd.DataFrame], latest: set[str]) -> None:
    for resource in LATEST:
        if resource in part:
            frame = _columns(resource, part[resource])
            outs[f"{resource}-latest", "csv"].add(frame[frame["edition_id"].isin(latest)])


PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"  # Data Package v2


def _resource(name: str, base: str, fmt: str, n_rows: int, sha256: str, size: int) -> dict[str, Any]:
    """A Data Package v2 resource with its schema, and the hash, bytes and rows of what was written: computed while
    writing rather than read back (frictionless validate checks them before the package is swapped in).

    A CSV form is a table (`type: table`). A JSON form holds the same rows and carries the same schema, but is
    declared as a plain data resource: frictionless-py 5 reads a JSON table through ijson, around its byte
    counter, so it could check neither the bytes nor the hash of a JSON table; as a file it checks both."""
    latest = name.endswith("-latest")
    title = TITLES[base] + (" (latest edition of each source)" if latest else "")
    if fmt == "json":
        title += " (JSON: a list of row objects)"
    descriptor: dict[str, Any] = {"name": name if fmt == "csv" else f"{name}-json"}
    if fmt == "csv":
        descriptor["type"] = "table"
    descriptor.update({
        "title": title,
        "path": f"{name}.{fmt}",
        "format": fmt,
        "mediatype": "text/csv" if fmt == "csv" else "application/json",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{sha256}",
    })
    if fmt == "csv":
        descriptor["rows"] = n_rows
    descriptor["schema"] = schema.table_schema(base)
    return descriptor


def describe(meta: PackageMeta, stats: dict[tuple[str, str], tuple[str, int, int]]) -> dict[str, Any]:
    """The descriptor of a package with these metadata and these files ((resource, format) -> sha256, bytes,
    rows): what publish writes, and what a plan compares with the published one to see whether it changed."""
    names = [*schema.RESOURCES, *(f"{r}-latest" for r in LATEST)]
    resources = [_resource(n, n.split("-")[0], "csv", stats[n, "csv"][2], *stats[n, "csv"][:2]) for n in names]
    resources += [_resource(n, n, "json", stats[n, "json"][2], *stats[n, "json"][:2]) for n in schema.RESOURCES]
    return _descriptor(meta, resources)


def _descriptor(meta: PackageMeta, resources: list[dict[str, Any]]) -> dict[str, Any]:
    note = (
        "Money figures keep the currency they are stated in (ISO 4217, column currency); value_hkd converts "
        f"them to HKD: HKD as is, USD at the Linked Exchange Rate of {_num(meta.usd_hkd)} HKD per USD "
        "(see `rates`)."
    )
    descriptor: dict[str, Any] = {
        "$schema": PROFILE,
        "name": meta.name,
        "title": meta.title,
        "description": f"{meta.description.rstrip()}\n\n{note}" if meta.description.strip() else note,
        "version": meta.version,
        "created": meta.created,
        MARK: {"role": meta.role},
    }
    if meta.keywords:
        descriptor["keywords"] = list(meta.keywords)
    for key in ("licenses", "sources", "contributors"):
        if getattr(meta, key):
            descriptor[key] = [dict(item) for item in getattr(meta, key)]
    if meta.attribution:
        descriptor["attribution"] = meta.attribution
    descriptor["rates"] = [
        {"from": "USD", "to": "HKD", "rate": meta.usd_hkd, "basis": "Linked Exchange Rate System (HKMA)"}
    ]
    descriptor["resources"] = resources
    return descriptor


def csv_bytes(frame: pd.DataFrame, resource: str) -> bytes:
    """The exact bytes publish writes for a resource's CSV: lets callers tell whether rows changed."""
    _finite(frame, resource)
    return _csv(frame[schema.columns(resource)], schema.RESOURCES[resource])


def _finite(frame: pd.DataFrame, resource: str) -> None:
    """Refuse an infinite number (no CSV or JSON holds one), naming the file, the row and the column."""
    keys = schema.PRIMARY_KEYS.get(resource, [])
    for f in schema.RESOURCES[resource]:
        if f["type"] != "number" or f["name"] not in frame:
            continue
        for i, value in enumerate(frame[f["name"]].tolist()):
            if value is None or value is pd.NA or not math.isinf(float(value)):  # nan is a missing cell here
                continue
            row = "/".join(str(frame[k].iloc[i]) for k in keys if k in frame) or f"#{i + 1}"
            raise InputError(f"{resource}.csv: row {row}: {f['name']} {value!r} is not a finite number")


def _csv(frame: pd.DataFrame, fields: list[dict[str, Any]], header: bool = True) -> bytes:
    """RFC 4180 CSV with LF endings; NA is an empty cell; integral numbers are written without '.0'."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow([f["name"] for f in fields])
    columns = [frame[f["name"]].tolist() for f in fields]
    types = [f["type"] for f in fields]
    for row in zip(*columns):
        writer.writerow(["" if (v := _cell(value, t)) is None else _csv_text(v, t) for value, t in zip(row, types)])
    return buffer.getvalue().encode("utf-8")


FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?[\d.,\s]*\d[\d.,\s]*%?$")


def _csv_text(value: Any, type_: str) -> str:
    """A CSV cell; a text cell a spreadsheet would run as a formula ('=HYPERLINK(', '+cmd|', '@SUM(') gets a
    leading apostrophe, as OWASP advises. Numbers and signed figures such as '-6.1%' stay as they are; the
    JSON files always hold the text unchanged."""
    text = _text(value)
    if type_ == "string" and FORMULA_START.match(text) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def _json_rows(frame: pd.DataFrame, fields: list[dict[str, Any]]) -> Iterator[bytes]:
    """Each row as the object json.dumps(rows, ensure_ascii=False, indent=1) writes inside the list (indented
    one more level); with "[\n " before the first, ",\n " between and "\n]\n" after, the bytes of that call, made
    a row at a time so a large table is never whole in memory as objects and text at once."""
    columns = [frame[f["name"]].tolist() for f in fields]
    for row in zip(*columns):
        text = json.dumps({f["name"]: _cell(value, f["type"]) for f, value in zip(fields, row)}, ensure_ascii=False,
                          indent=1)
        yield text.replace("\n", "\n ").encode("utf-8")


def _cell(value: Any, type_: str) -> Any:
    """A frame value as the JSON value of its Table Schema type (None for NA)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if type_ == "integer":
        return int(value)
    if type_ == "number":
        number = float(value)
        if not math.isfinite(number):
            raise InputError(f"number {value!r}: not finite")
        return int(number) if number.is_integer() else number
    return str(value)


def _text(value: Any) -> str:
    if isinstance(value, float):
        return _num(value)
    return str(value)


def _num(value: float) -> str:
    """Shortest exact decimal, never exponent notation: 1670000000, 0.00012, 35.54."""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")


def _s(value: Any) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) else str(value)


def _keep_foreign(out_dir: Path, staging: Path) -> None:
    """Carry every entry of out_dir the tool did not write into the staged package (hard links): never lose them."""
    if not out_dir.is_dir():
        return
    ours = own_files(out_dir) | {p.name for p in staging.iterdir()}
    for entry in sorted(out_dir.iterdir()):
        if entry.name in ours:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, staging / entry.name, symlinks=True, copy_function=os.link)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry), staging / entry.name)
        else:
            os.link(entry, staging / entry.name)


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


# --- validating -----------------------------------------------------------------------------------


def _validate_staged(staging: Path) -> None:
    """frictionless validate on the staged package's tables: types, constraints, primary and foreign keys, hashes
    and byte counts of the CSV form of each resource. The JSON forms and the -latest views hold the same rows,
    written by the same code from the same frames: reading them all again would only double the time."""
    from frictionless import Package

    descriptor = json.loads((staging / DESCRIPTOR).read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r.get("name") in schema.RESOURCES]
    report = Package.from_descriptor(descriptor, basepath=str(staging)).validate()
    if report.valid:
        return
    errors = [f"{DESCRIPTOR}: {e.message}" for e in report.errors]
    errors += [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors]
    more = f"\n... {len(errors) - MAX_ERRORS} more" if len(errors) > MAX_ERRORS else ""
    raise PackageInvalid("package invalid, nothing published:\n" + "\n".join(errors[:MAX_ERRORS]) + more)


def _files(root: Path) -> dict[str, Path]:
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def _differences(staging: Path, out_dir: Path) -> tuple[str, ...]:
    """Files added, removed or with other bytes; compared a file at a time, never two whole packages in memory."""
    import filecmp

    new, old = _files(staging), _files(out_dir)
    return tuple(sorted(name for name in new.keys() | old.keys()
                        if name not in new or name not in old or not filecmp.cmp(new[name], old[name], shallow=False)))


# --- swapping -------------------------------------------------------------------------------------
# Only the directory entry of out_dir ever changes. With renameat2(RENAME_EXCHANGE) the staged tree and
# out_dir trade places in one step and the old tree is then deleted from the staging name. Where the
# kernel or file system lacks it: out_dir -> aside, staging -> out_dir; a kill between those two renames
# leaves out_dir missing and the aside whole, which _recover renames back before anything else happens.

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _rename_exchange(a: Path, b: Path) -> None:
    """Atomically swap two paths (Linux renameat2); OSError when the platform cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 unavailable")
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a))


def _swap_in(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(staging, out_dir)
    else:
        try:
            _rename_exchange(staging, out_dir)
        except OSError as exc:
            if exc.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
                raise
            aside = _aside(out_dir)
            os.rename(out_dir, aside)
            os.rename(staging, out_dir)
    _fsync_dir(out_dir.parent)


def _recover(out_dir: Path) -> None:
    """Restore an aside package whose replacement never arrived; delete staging and aside leftovers."""
    aside, staging = _aside(out_dir), _staging(out_dir)
    if aside.exists() and not out_dir.exists():
        os.rename(aside, out_dir)
        _fsync_dir(out_dir.parent)
    for leftover in (aside, staging):
        if leftover.exists():
            shutil.rmtree(leftover)


def _staging(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.staging"


def _aside(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.old"


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """One publisher per out_dir at a time (flock on the parent directory, released even on SIGKILL)."""
    fd = os.open(out_dir.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
