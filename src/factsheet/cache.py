"""Work done once: each archived edition's extraction, cached beside raw/ in .cache/.

An entry holds one edition as the refresh needs it: its figures and events frames, what normalising left out
and its text (which the span checks of validation read), not its layout. Its key is the sha256 of the
archived file's bytes (hashed again on every lookup, so an edited raw file is a miss), the edition id, the
currency a bare '$' means and the reading limits; entries live under the extractor's fingerprint, a hash of every
source file of the factsheet package, its word tables and the pandas and Python versions, so a changed
grammar is a miss for every edition. The folder is safe to delete at any time: it only saves work.

Entries are pickles that this tool wrote for itself, beside the archive it reads: trusted like raw/ and
the code. A damaged entry is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factsheet.pipeline import EditionData

CACHE_DIRNAME = ".cache"  # beside raw/ (gitignored)
EDITIONS = "editions"
CHUNK = 1 << 20


PACKAGE = Path(__file__).resolve().parent


@cache
def fingerprint(package: Path = PACKAGE) -> str:
    """The extractor's identity: every .py and .toml file of the factsheet package, pandas and Python versions."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".toml") and p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(f"pandas {version('pandas')}; python {sys.version}".encode())
    return digest.hexdigest()


def cache_dir(raw_dir: Path) -> Path:
    """The cache of a raw/ archive: .cache/ in the same folder."""
    return Path(raw_dir).absolute().parent / CACHE_DIRNAME


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def edition_key(raw_sha256: str, edition_id: str, currency: str, limits: dict[str, Any]) -> str:
    """The cache key of one edition's extraction: its bytes and every setting the frames depend on."""
    settings = json.dumps([raw_sha256, edition_id, currency, limits], sort_keys=True)
    return hashlib.sha256(settings.encode()).hexdigest()


class EditionCache:
    """Extracted editions (pipeline.EditionData, text only) under <root>/editions/<fingerprint>/<key>.pickle."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.folder = self.root / EDITIONS / fingerprint()[:32]

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def load(self, key: str) -> EditionData | None:
        """The cached edition, or None on a miss (absent or unreadable)."""
        from factsheet.pipeline import EditionData

        try:
            with open(self.path(key), "rb") as handle:
                data = pickle.load(handle)
        except Exception:  # noqa: BLE001 - absent or damaged: a miss only costs the work it would have saved
            return None
        return data if isinstance(data, EditionData) else None

    def store(self, key: str, data: EditionData) -> None:
        """Write an entry whole (temp file and rename); the first entry of a new fingerprint drops the old ones.

        A cache that cannot be written (read-only checkout, full disk) only means the work is done again."""
        try:
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True, exist_ok=True)
                self._drop_other_fingerprints()
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.path(key))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return

    def _drop_other_fingerprints(self) -> None:
        """Entries of another extractor can never hit again (a changed grammar): free their space."""
        for other in (self.root / EDITIONS).iterdir():
            if other != self.folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)


def read_json(path: Path) -> Any:
    """A small JSON file of the cache, or None when absent or unreadable (a miss)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path, value: Any) -> None:
    """Write a small JSON file of the cache whole; a cache that cannot be written is only a miss next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle, sort_keys=True, indent=1)
        os.replace(tmp, path)
    except OSError:
        return
