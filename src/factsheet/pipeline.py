"""The pipeline as plain functions: what the CLI and the Prefect flows both call, stage by stage."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from factsheet import schema
from factsheet.errors import InputError
from factsheet.extract import extract
from factsheet.model import Document, Edition, Source, Structure
from factsheet.normalise import events_frame, figures_frame
from factsheet.read import load, structure

ROOT = Path(__file__).resolve().parents[2]
MAX_PAGES = 200


@dataclass(frozen=True)
class EditionData:
    """One edition read, extracted and normalised: its editions row and its figures and events."""

    edition: Edition
    document: Document
    structure: Structure
    figures: pd.DataFrame
    events: pd.DataFrame


@dataclass
class RunSummary:
    """What a run did, for the CLI's summary lines and the Prefect artifact."""

    outcome: str  # "published", "unchanged" or "failed"
    version: str | None = None
    package: Path | None = None
    figures: int = 0
    events: int = 0
    changes: int = 0
    verdict: str = ""
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        head = {
            "published": f"published version {self.version} ({self.figures} figures, {self.events} events, "
                         f"{self.changes} changes)",
            "unchanged": f"unchanged: version {self.version} ({self.figures} figures, {self.events} events)",
            "failed": "failed",
        }[self.outcome]
        out = [head]
        if self.verdict:
            out.append(f"validation: {self.verdict}")
        if self.package:
            out.append(f"package: {self.package}")
        return out + self.notes


def slug(text: str) -> str:
    """Lower-case words joined by hyphens: a source id from a title or file name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_document(path: Path, max_pages: int = MAX_PAGES) -> tuple[Document, bytes, Structure]:
    """Read stage for one file: text or PDF by content, then sections and statements."""
    document, data = load(path, max_pages=max_pages)
    return document, data, structure(document)


def extract_frames(document: Document, parsed: Structure, edition_id: str, currency: str = "HKD",
                   name: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Extract and normalise stages: the figures and events frames of one edition."""
    figure_mentions, event_mentions = extract(parsed)
    figures = figures_frame(figure_mentions, document, edition_id, currency)
    events = events_frame(event_mentions, document, edition_id)
    if figures.empty:
        raise InputError(f"{name or edition_id}: no figures found (is this a fact sheet?)")
    return figures, events


def edition_row(edition: Edition, figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, object]:
    """The editions resource row, counts filled from the frames."""
    return {
        "edition_id": edition.edition_id, "source_id": edition.source_id, "title": edition.title,
        "published": edition.published or pd.NA, "source_url": edition.source_url or pd.NA,
        "raw_path": edition.raw_path, "sha256": edition.sha256, "retrieved_at": edition.retrieved_at,
        "pages": edition.pages if edition.pages is not None else pd.NA,
        "figures": len(figures), "events": len(events),
    }


def frames_for(editions: list[EditionData], changes: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The package's four resources from the editions it holds."""
    from factsheet.normalise import _typed  # the one place frames get schema dtypes

    figures = pd.concat([e.figures for e in editions], ignore_index=True) if editions else None
    events = pd.concat([e.events for e in editions], ignore_index=True) if editions else None
    rows = pd.DataFrame([edition_row(e.edition, e.figures, e.events) for e in editions],
                        columns=schema.columns("editions"))
    empty_changes = pd.DataFrame(columns=schema.columns("changes"))
    return {
        "figures": _typed(figures if figures is not None else pd.DataFrame(columns=schema.columns("figures")),
                          "figures"),
        "events": _typed(events if events is not None else pd.DataFrame(columns=schema.columns("events")),
                         "events"),
        "editions": _typed(rows, "editions"),
        "changes": _typed(changes if changes is not None else empty_changes, "changes"),
    }


def standalone_edition(path: Path, currency: str = "HKD", max_pages: int = MAX_PAGES) -> EditionData:
    """An edition read straight from a file (not archived): `factsheet extract` and `validate`."""
    import hashlib

    document, data, parsed = read_document(path, max_pages)
    source_id = slug(parsed.title) or slug(path.stem) or "factsheet"
    published = parsed.published or ""
    edition_id = f"{source_id}-{published}" if published else source_id
    figures, events = extract_frames(document, parsed, edition_id, currency, name=str(path))
    edition = Edition(
        edition_id=edition_id, source_id=source_id, title=parsed.title or path.stem, published=published,
        source_url="", raw_path=f"raw/{path.name}", sha256=hashlib.sha256(data).hexdigest(),
        retrieved_at="", pages=document.pages,
    )
    return EditionData(edition, document, parsed, figures, events)


# --- refresh: tracked sources -> archived editions -> one package holding every edition ----------------


@dataclass(frozen=True)
class SourceCheck:
    """Outcome of checking one tracked source: a new edition archived, unchanged, or failed (why)."""

    source_id: str
    outcome: str  # "new-edition", "unchanged" or "failed"
    edition_id: str | None = None
    message: str = ""


@dataclass(frozen=True)
class FetchSettings:
    """Network limits of a refresh (settings, so a deployment can tune them without code)."""

    timeout: float = 20.0
    max_bytes: int = 20_000_000
    retries: int = 3
    backoff: float = 1.0


def check_source(source: Source, raw_dir: Path, state_dir: Path,
                 settings: FetchSettings = FetchSettings()) -> SourceCheck:
    """Fetch a source (conditionally) and archive a new edition; unchanged sources write nothing."""
    from factsheet.archive import archive_edition, list_editions
    from factsheet.fetch import fetch, load_state, save_state, utc_now
    from factsheet.read import document_of
    from factsheet.sources import location

    where = location(source)
    previous = load_state(state_dir, source.id)
    known = list_editions(raw_dir, source.id)
    result = fetch(where, previous=previous if known else None, timeout=settings.timeout,
                   max_bytes=settings.max_bytes, retries=settings.retries, backoff=settings.backoff)
    if not result.changed:
        save_state(state_dir, source.id, result.state())
        return SourceCheck(source.id, "unchanged", known[-1].edition_id if known else None, "unchanged")
    data = result.body or b""
    if any(e.sha256 == result.sha256 for e in known):
        save_state(state_dir, source.id, result.state())
        return SourceCheck(source.id, "unchanged", known[-1].edition_id, "unchanged (already archived)")
    document = document_of(data, where, max_pages=MAX_PAGES)
    parsed = structure(document)
    if not parsed.published:
        raise InputError(f"{where}: no edition date found (a line like '(June 2022)')")
    extract_frames(document, parsed, f"{source.id}-{parsed.published}", source.currency, name=where)
    edition = archive_edition(raw_dir, source, data, document, parsed.published,
                              retrieved_at=result.checked_at or utc_now(), fetched=result)
    save_state(state_dir, source.id, result.state())
    return SourceCheck(source.id, "new-edition", edition.edition_id, f"new edition {edition.edition_id}")


def archived_edition(edition: Edition, raw_dir: Path, currency: str) -> EditionData:
    """Re-read an archived edition from raw/: the package is always rebuilt from what raw/ holds."""
    path = raw_dir.parent / edition.raw_path
    document, _, parsed = read_document(path)
    figures, events = extract_frames(document, parsed, edition.edition_id, currency, name=str(path))
    return EditionData(edition, document, parsed, figures, events)


def changes_between(editions: list[EditionData]) -> pd.DataFrame:
    """Changes between consecutive editions of each source (none for a source's first edition)."""
    from factsheet.diff import compare_editions

    parts = []
    by_source: dict[str, list[EditionData]] = {}
    for e in editions:
        by_source.setdefault(e.edition.source_id, []).append(e)
    for source_id in sorted(by_source):
        ordered = sorted(by_source[source_id], key=lambda e: e.edition.published)
        for old, new in zip(ordered, ordered[1:]):
            parts.append(compare_editions(old.figures, new.figures, old.edition.edition_id, new.edition.edition_id))
    if not parts:
        return pd.DataFrame(columns=schema.columns("changes"))
    return pd.concat(parts, ignore_index=True)
