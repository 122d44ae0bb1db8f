"""Where `factsheet extract` may write: a new or empty folder, or a standalone package this tool wrote.

A data tool must never destroy a user's files: a folder of someone else's is refused unless --force
(and even then only the package's own files are written; the folder's other files are kept), and the
published package and the raw/ archive are written by `factsheet refresh` alone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from factsheet.errors import InputError

DESCRIPTOR = "datapackage.json"
CHANGELOG = "CHANGELOG.md"
MARK = "factsheet"  # descriptor property: {"role": "standalone" | "published"}
STANDALONE = "standalone"
PUBLISHED = "published"
LEGACY_PUBLISHED_NAME = "hk-factsheets"  # packages published before the role mark carry this name


def package_role(folder: Path) -> str | None:
    """The role recorded in folder's descriptor: 'standalone', 'published', 'foreign', or None (no descriptor)."""
    descriptor = folder / DESCRIPTOR
    try:
        meta = json.loads(descriptor.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return "foreign"
    if not isinstance(meta, dict):
        return "foreign"
    mark = meta.get(MARK)
    if isinstance(mark, dict) and mark.get("role") in (STANDALONE, PUBLISHED):
        return str(mark["role"])
    return PUBLISHED if meta.get("name") == LEGACY_PUBLISHED_NAME else "foreign"


def own_files(folder: Path) -> set[str]:
    """Names of the files in folder that the tool wrote: its descriptor, changelog and resources' paths."""
    if package_role(folder) not in (STANDALONE, PUBLISHED):
        return set()
    meta = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    paths = {r.get("path") for r in meta.get("resources", []) if isinstance(r, dict)}
    return {DESCRIPTOR, CHANGELOG} | {p for p in paths if isinstance(p, str) and "/" not in p}


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out_dir(out_dir: Path, *, force: bool = False, protected: Iterable[Path] = ()) -> Path:
    """The absolute output folder, or a one-line InputError saying why this folder must not be written."""
    try:
        target = Path(os.path.abspath(out_dir))
        for guarded in protected:
            guarded = Path(os.path.abspath(guarded))
            if _inside(target, guarded):
                raise InputError(f"{out_dir}: inside {guarded}, which only `factsheet refresh` writes; "
                                 "choose another --out")
        for ancestor in target.parents:
            if package_role(ancestor) is not None:
                raise InputError(f"{out_dir}: inside the data package {ancestor}; choose another --out")
        _check_writable(out_dir, target)
        if not target.exists():
            return target
        if not target.is_dir():
            raise InputError(f"{out_dir}: not a directory")
        role = package_role(target)
        if role == PUBLISHED:
            raise InputError(f"{out_dir}: a published package, which only `factsheet refresh` writes; "
                             "choose another --out")
        if role == STANDALONE or force or not any(target.iterdir()):
            return target
    except OSError as exc:
        raise InputError(f"{out_dir}: {exc.strerror or exc}") from None
    raise InputError(f"{out_dir}: not empty and not a package written by `factsheet extract`; choose a new "
                     "folder, or pass --force to add the package's files to it (your files are kept)")


def _check_writable(out_dir: Path, target: Path) -> None:
    """The package is staged beside the folder: its nearest existing ancestor must be a writable directory."""
    ancestor = target.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise InputError(f"{out_dir}: not writable ({ancestor} is a file)")
    if not os.access(ancestor, os.W_OK):
        raise InputError(f"{out_dir}: not writable")


def default_out_dir(source: Path) -> Path:
    """The folder `factsheet extract` writes when no --out is given: '<file stem>-datapackage' here."""
    stem = source.stem if source.suffix else source.name
    return Path(f"{stem or 'factsheet'}-datapackage")
