"""Editions archived in raw/<source_id>/<published>/: the bytes as received, never overwritten.

Each edition directory holds `source.pdf|html|txt` (bytes exactly as received, named by their content),
`text.txt` (the extracted text, UTF-8, that every char_start/char_end of the package counts Python
characters into) and `manifest.json`. Directories appear whole (temp dir + rename), so a crash never
leaves half an edition.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from factsheet.errors import InputError
from factsheet.fetch import FetchResult, is_url
from factsheet.model import Document, Edition, Source
from factsheet.read import is_pdf
from factsheet.sources import SLUG

MANIFEST = "manifest.json"
TEXT = "text.txt"
PUBLISHED = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
SOURCE_EXTENSIONS = {"application/pdf": "pdf", "text/html": "html", "text/plain": "txt"}  # source.<ext> by type
MANIFEST_KEYS = (
    "source_id", "title", "url", "sha256", "retrieved_at", "published",
    "media_type", "encoding", "pages", "etag", "last_modified",
)  # fmt: skip


def edition_dir(raw_dir: Path, source_id: str, published: str) -> Path:
    """raw/<source_id>/<published>, after checking both parts are safe, well-formed names."""
    if not SLUG.fullmatch(source_id):
        raise InputError(f"{source_id}: bad source id (lower-case letters, digits and single hyphens)")
    if not PUBLISHED.fullmatch(published):
        raise InputError(f"{source_id}: bad edition date '{published}' (YYYY, YYYY-MM or YYYY-MM-DD)")
    return raw_dir / source_id / published


def archive_edition(
    raw_dir: Path,
    source: Source,
    data: bytes,
    document: Document,
    published: str,
    retrieved_at: str,
    fetched: FetchResult | None,
    language: str = "",
) -> Edition:
    """Archive one edition and return its row; the same bytes again are a no-op, other bytes an error.

    An edition is identified by its own date, so a second, different file claiming the same date is
    a conflict for a person to resolve (InputError), never a silent overwrite of published history.
    """
    target = edition_dir(raw_dir, source.id, published)
    if not data:
        raise InputError(f"{target}: no bytes to archive")
    _check_timestamp(retrieved_at, target)
    sha = hashlib.sha256(data).hexdigest()
    if fetched is not None and fetched.body is not None and fetched.sha256 != sha:
        raise InputError(f"{target}: bytes differ from what was fetched from {fetched.url}")
    existing = _existing(target, sha, published)
    if existing is not None:
        return existing
    pdf = is_pdf(data)
    extension = "pdf" if pdf else SOURCE_EXTENSIONS.get(document.media_type, "txt")
    url = fetched.url if fetched is not None and is_url(fetched.url) else (source.url or "")
    manifest: dict[str, Any] = {
        "source_id": source.id,
        "title": source.title,
        "url": url,
        "sha256": sha,
        "retrieved_at": retrieved_at,
        "published": published,
        "media_type": "application/pdf" if pdf else document.media_type,
        "encoding": None if pdf else document.encoding,
        "pages": document.pages,
        "etag": fetched.etag if fetched is not None else None,
        "last_modified": fetched.last_modified if fetched is not None else None,
        **({"language": language} if language else {}),
    }
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{published}.", suffix=".tmp", dir=parent))
    try:
        os.chmod(tmp, 0o755)  # mkdtemp makes 0700; an archive is for everyone to read
        _write(tmp / f"source.{extension}", data)
        _write(tmp / TEXT, document.text.encode("utf-8"))
        _write(tmp / MANIFEST, manifest_text(manifest).encode("utf-8"))
        try:
            os.rename(tmp, target)  # fails if target appeared meanwhile: never replaces an edition
        except OSError:
            if not target.exists():
                raise
            shutil.rmtree(tmp, ignore_errors=True)
            existing = _existing(target, sha, published)
            if existing is None:  # pragma: no cover - target vanished again; a person should look
                raise InputError(f"{target}: edition directory changed while archiving") from None
            return existing
        _fsync_dir(parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return read_manifest(target / MANIFEST)


def manifest_text(manifest: dict[str, Any]) -> str:
    """manifest.json as written: sorted keys, indent 1, trailing newline (byte-stable across runs)."""
    return json.dumps(manifest, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def read_manifest(path: Path, *, verify: bool = False) -> Edition:
    """The Edition an archived manifest.json describes; verify=True re-hashes the source bytes."""
    path = path / MANIFEST if path.is_dir() else path
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(manifest, dict):
        raise InputError(f"{path}: unreadable manifest (not a JSON object)")
    missing = [k for k in MANIFEST_KEYS if k not in manifest]
    if missing:
        raise InputError(f"{path}: manifest lacks {', '.join(missing)}")
    folder = path.parent
    source_id, published = manifest["source_id"], manifest["published"]
    if (folder.parent.name, folder.name) != (source_id, published):
        raise InputError(f"{path}: manifest is for {source_id}/{published} but sits in "
                         f"{folder.parent.name}/{folder.name}")
    found = sorted(p.name for p in folder.glob("source.*"))
    if len(found) != 1:
        raise InputError(f"{folder}: expected one source.* file, found {len(found)}")
    if verify:
        actual = hashlib.sha256((folder / found[0]).read_bytes()).hexdigest()
        if actual != manifest["sha256"]:
            raise InputError(f"{folder / found[0]}: sha256 {actual} does not match the manifest")
    raw_name = folder.parent.parent.resolve().name
    extra = {
        "text_path": str(PurePosixPath(raw_name, source_id, published, TEXT)),
        **{k: str(manifest[k]) for k in ("media_type", "encoding", "etag", "last_modified") if manifest[k]},
    }
    return Edition(
        edition_id=f"{source_id}-{published}",
        source_id=source_id,
        title=manifest["title"],
        published=published,
        source_url=manifest["url"] or "",
        raw_path=str(PurePosixPath(raw_name, source_id, published, found[0])),
        sha256=manifest["sha256"],
        retrieved_at=manifest["retrieved_at"],
        pages=manifest["pages"],
        extra=extra,
        language=str(manifest.get("language") or ""),
    )


def list_editions(raw_dir: Path, source_id: str) -> list[Edition]:
    """A source's archived editions, oldest first (by their own date)."""
    folder = raw_dir / source_id
    if not folder.is_dir():
        return []
    editions = [
        read_manifest(child / MANIFEST)
        for child in folder.iterdir()
        if child.is_dir() and not child.name.startswith(".")  # .tmp dirs of an archive in progress
    ]
    return sorted(editions, key=lambda e: (e.published, e.edition_id))


def edition_text(raw_dir: Path, edition: Edition) -> str:
    """The archived text.txt of an edition: what its char offsets count into."""
    return (raw_dir.parent / edition.extra["text_path"]).read_text(encoding="utf-8")


def _existing(target: Path, sha: str, published: str) -> Edition | None:
    """The archived Edition when the same bytes are already there; InputError if different bytes are."""
    if not target.exists():
        return None
    if not (target / MANIFEST).is_file():
        raise InputError(f"{target}: edition directory without {MANIFEST}; restore or remove it by hand")
    edition = read_manifest(target / MANIFEST)
    if edition.sha256 != sha:
        raise InputError(
            f"{target}: edition {published} is already archived with different bytes "
            f"(sha256 {edition.sha256[:12]}, new {sha[:12]}); archived editions are never overwritten"
        )
    return edition


def _check_timestamp(value: str, target: Path) -> None:
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{target}: retrieved_at '{value}' is not an ISO 8601 timestamp") from None
    if stamp.tzinfo is None:
        raise InputError(f"{target}: retrieved_at '{value}' has no time zone")


def _write(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
