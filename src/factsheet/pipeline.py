"""The pipeline as plain functions: what the CLI and the Prefect flows both call, stage by stage."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from factsheet import schema
from factsheet.errors import InputError
from factsheet.extract import EventMention, FigureMention, extract
from factsheet.limits import Deadline, Limits
from factsheet.model import Document, Edition, Source, Structure
from factsheet.normalise import LeftOut, events_frame, figures_frame, left_out_summary
from factsheet.read import load, structure, with_date
from factsheet.runs import ROOT, FetchSettings, RunSummary, SourceCheck  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from factsheet.publish import PackageMeta


@dataclass(frozen=True)
class EditionData:
    """One edition read, extracted and normalised: its editions row and its figures and events."""

    edition: Edition
    document: Document  # where only the frames travel (refresh, corpus): a Document of the text alone
    structure: Structure | None
    figures: pd.DataFrame
    events: pd.DataFrame
    left_out: tuple[LeftOut, ...] = ()  # mentions normalise could not publish (impossible dates, absurd numbers)


def slug(text: str) -> str:
    """Lower-case words joined by hyphens: a source id from a title or file name. A title in Chinese is spelled
    in pinyin (python-slugify: '創新香港' -> 'chuang-xin-xiang-gang'): deterministic, and safe in a path or URL."""
    if re.search(r"[^\x00-\x7f]", text) and re.search(r"[\u3400-\u9fff\uf900-\ufaff]", text):
        from slugify import slugify

        return slugify(text)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def deadline_for(name: str, limits: Limits | None = None) -> Deadline:
    """The time budget of one document (setting document_seconds), started now."""
    return Deadline(name, (limits or Limits.from_env()).document_seconds)


def read_document(path: Path, limits: Limits | None = None,
                  deadline: Deadline | None = None) -> tuple[Document, bytes, Structure]:
    """Read stage for one file: text or PDF by content, then sections and statements, within the
    limits (default: Limits.from_env()) and the document's time budget."""
    limits = limits or Limits.from_env()
    deadline = deadline or deadline_for(str(path), limits)
    document, data = load(path, limits=limits, deadline=deadline)
    return document, data, structure(document, deadline)


def extract_frames(document: Document, parsed: Structure, edition_id: str, currency: str = "HKD",
                   name: str = "", deadline: Deadline | None = None,
                   left_out: list[LeftOut] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Extract and normalise stages: the figures and events frames of one edition, within the time budget (a
    new one when none is given); what they left out is appended to `left_out`."""
    figure_mentions, event_mentions = extract(parsed, deadline or deadline_for(name or edition_id))
    figures = figures_frame(figure_mentions, document, edition_id, currency, left_out)
    events = events_frame(event_mentions, document, edition_id, left_out)
    if figures.empty:
        raise InputError(f"{name or edition_id}: no figures found (is this a fact sheet?)")
    return figures, events


def edition_row(edition: Edition, figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, object]:
    """The editions resource row, counts filled from the frames."""
    return {
        "edition_id": edition.edition_id, "source_id": edition.source_id, "title": edition.title,
        "language": edition.language or pd.NA, "published": edition.published or pd.NA,
        "source_url": edition.source_url or pd.NA,
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


def edition_id_of(source_id: str, published: str, sha256: str) -> str:
    """An edition's id: its source and its own date; an undated edition is named by its content, so two
    undated editions never share an id."""
    return f"{source_id}-{published}" if published else f"{source_id}-{sha256[:8]}"


def standalone_edition(path: Path, currency: str = "HKD", limits: Limits | None = None,
                       published: str | None = None) -> EditionData:
    """An edition read straight from a file (not archived): `factsheet extract` and `validate`. Its date is the
    one the document prints, else `published` (the caller's --published). Reading and extracting share one
    time budget (setting document_seconds)."""
    from factsheet.read import load_bytes

    limits = limits or Limits.from_env()
    return edition_of_bytes(load_bytes(path, limits.max_bytes), path, currency, limits, published)


def edition_of_bytes(data: bytes, path: Path, currency: str = "HKD", limits: Limits | None = None,
                     published: str | None = None) -> EditionData:
    """standalone_edition of bytes already read from `path` (a corpus worker gets the bytes, not the file)."""
    import hashlib

    from factsheet.read import document_of

    limits = limits or Limits.from_env()
    deadline = deadline_for(str(path), limits)
    document = document_of(data, str(path), pdf_name=path.suffix.lower() == ".pdf", limits=limits,
                           deadline=deadline)
    parsed = structure(document, deadline)
    if not parsed.title:  # a document without a title line is named by its file
        parsed = replace(parsed, title=path.stem, statements=tuple(
            s if s.section else replace(s, section=path.stem) for s in parsed.statements))
    source_id = slug(parsed.title) or slug(path.stem) or "factsheet"
    sha = hashlib.sha256(data).hexdigest()
    dated_by = "document" if parsed.published else "caller" if published else ""
    parsed = with_date(parsed, published)
    published = parsed.published or ""
    edition_id = edition_id_of(source_id, published, sha)
    left_out: list[LeftOut] = []
    figures, events = extract_frames(document, parsed, edition_id, currency, name=str(path), deadline=deadline,
                                     left_out=left_out)
    edition = Edition(
        edition_id=edition_id, source_id=source_id, title=parsed.title or path.stem, published=published,
        source_url="", raw_path=f"raw/{path.name}", sha256=sha, retrieved_at="", pages=document.pages,
        extra={"dated_by": dated_by}, language=parsed.language,
    )
    return EditionData(edition, document, parsed, figures, events, tuple(left_out))


def light(data: EditionData) -> EditionData:
    """The edition with its frames and text only (no layout, no statements): what passes between processes and
    tasks, and what validation's span checks read."""
    document = data.document
    text_only = Document(text=document.text, lines=(), media_type=document.media_type, encoding=document.encoding,
                         pages=document.pages)
    return replace(data, document=text_only, structure=None)


def encoding_note(path: Path | str, document: Document) -> str | None:
    """The note for a text that was not UTF-8, naming the encoding it was read as."""
    if document.encoding != "utf-8" and document.media_type == "text/plain":
        return f"note: {path} is not UTF-8; read as {document.encoding}"
    return None


def created_of(published: str) -> str:
    """A standalone package's `created` from its edition date: '2019' -> '2019-01-01T00:00:00Z'."""
    published = published or "1970"
    return published + "-01" * ((10 - len(published)) // 3) + "T00:00:00Z"


def left_out_notes(editions: list[EditionData]) -> list[str]:
    """One warning line per edition that lost mentions in normalising, for the CLI summary and the run log."""
    return [f"warning: {e.edition.edition_id}: {left_out_summary(e.left_out)}" for e in editions if e.left_out]


def texts_of(editions: list[EditionData]) -> dict[str, str]:
    """edition_id -> the text its char_start/char_end index: what the span checks of validation read."""
    return {e.edition.edition_id: e.document.text for e in editions}


# --- refresh: tracked sources -> archived editions -> one package holding every edition ----------------


def check_source(source: Source, raw_dir: Path, state_dir: Path, settings: FetchSettings | None = None,
                 ) -> SourceCheck:
    """Fetch a source (conditionally) and archive a new edition; unchanged sources write nothing.

    A new edition is extracted before it is archived (one that does not parse is never archived); its frames
    go into the edition cache, so the build stage that follows does not extract it again."""
    from factsheet.archive import archive_edition
    from factsheet.cache import EditionCache, cache_dir
    from factsheet.fetch import save_state, utc_now
    from factsheet.read import document_of
    from factsheet.sources import location
    from factsheet.unchanged import probe_source

    probe = probe_source(source, raw_dir, state_dir, settings or FetchSettings())
    if probe.check is not None:
        return probe.check
    result, where = probe.result, location(source)
    data = result.body or b""
    deadline = deadline_for(where)
    document = document_of(data, where, deadline=deadline)
    parsed = structure(document, deadline)
    if source.language:  # the source's setting wins over what its text looks like
        parsed = replace(parsed, language=source.language)
    parsed = with_date(parsed, source.published)
    published = parsed.published
    if not published:
        raise InputError(f"{where}: no edition date found (a line like '(June 2022)'); give the source a "
                         "`published` date in sources.toml")
    left_out: list[LeftOut] = []
    figures, events = extract_frames(document, parsed, f"{source.id}-{published}", source.currency, name=where,
                                     deadline=deadline, left_out=left_out)
    edition = archive_edition(raw_dir, source, data, document, published,
                              retrieved_at=result.checked_at or utc_now(), fetched=result, language=parsed.language)
    built = light(EditionData(edition, document, parsed, figures, events, tuple(left_out)))
    EditionCache(cache_dir(raw_dir)).store(cache_key(result.sha256, edition.edition_id, source.currency), built)
    save_state(state_dir, source.id, result.state())
    return SourceCheck(source.id, "new-edition", edition.edition_id, f"new edition {edition.edition_id}")


def read_archived(edition: Edition, raw_dir: Path,
                  deadline: Deadline | None = None) -> tuple[Document, Structure]:
    """Read stage of an archived edition: the package is always rebuilt from what raw/ holds."""
    document, _, parsed = read_document(raw_dir.parent / edition.raw_path, deadline=deadline)
    parsed = with_date(parsed, edition.published)  # a date from sources.toml, as when it was first extracted
    return document, replace(parsed, language=edition.language) if edition.language else parsed


def extract_mentions(parsed: Structure,
                     deadline: Deadline | None = None) -> tuple[list[FigureMention], list[EventMention]]:
    """Extract stage: figures and events as written, within the time budget (a new one when none is given)."""
    return extract(parsed, deadline or deadline_for(parsed.title or "document"))


def normalise_edition(edition: Edition, document: Document, parsed: Structure,
                      mentions: tuple[list[FigureMention], list[EventMention]], currency: str) -> EditionData:
    """Normalise stage: typed frames of one edition; an edition with no figures is refused."""
    left_out: list[LeftOut] = []
    figures = figures_frame(mentions[0], document, edition.edition_id, currency, left_out)
    events = events_frame(mentions[1], document, edition.edition_id, left_out)
    if figures.empty:
        raise InputError(f"{edition.raw_path}: no figures found (is this a fact sheet?)")
    edition = replace(edition, language=edition.language or parsed.language)
    return EditionData(edition, document, parsed, figures, events, tuple(left_out))


def archived_edition(edition: Edition, raw_dir: Path, currency: str) -> EditionData:
    """Read, extract and normalise one archived edition."""
    deadline = deadline_for(edition.raw_path)
    document, parsed = read_archived(edition, raw_dir, deadline)
    return normalise_edition(edition, document, parsed, extract_mentions(parsed, deadline), currency)


def cache_key(raw_sha256: str, edition_id: str, currency: str) -> str:
    """The edition cache's key: the archived bytes and every setting the frames depend on."""
    from dataclasses import asdict

    from factsheet.cache import edition_key

    return edition_key(raw_sha256, edition_id, currency, asdict(Limits.from_env()))


def archived_key(edition: Edition, raw_dir: Path, currency: str) -> str:
    """The edition cache's key of an archived edition: its file's bytes, hashed now, and its settings."""
    from factsheet.cache import file_sha256

    return cache_key(file_sha256(raw_dir.parent / edition.raw_path), edition.edition_id, currency)


def build_edition(edition: Edition, raw_dir: Path, currency: str, key: str) -> EditionData:
    """Extract one archived edition and cache it; only its frames and text are kept, never its layout."""
    from factsheet.cache import EditionCache, cache_dir

    data = light(archived_edition(edition, raw_dir, currency))
    EditionCache(cache_dir(raw_dir)).store(key, data)
    return data


def cached_edition(edition: Edition, raw_dir: Path, key: str) -> EditionData | None:
    """An archived edition from the cache (its manifest row as it is now), or None when it is not there."""
    from factsheet.cache import EditionCache, cache_dir

    data = EditionCache(cache_dir(raw_dir)).load(key)
    if data is None:
        return None
    return replace(data, edition=replace(edition, language=edition.language or data.edition.language))


@dataclass(frozen=True)
class Assembled:
    """Every archived edition's frames, keys linked across editions, and the package's four resources."""

    editions: list[EditionData]
    frames: dict[str, pd.DataFrame]
    extracted: int  # editions that were not in the cache


def assemble(editions: list[Edition], currencies: dict[str, str], raw_dir: Path,
             counterparts: dict[str, str] | None = None) -> Assembled:
    """The package's rows from the archive in this process: cached editions loaded, the others extracted."""
    out: list[EditionData] = []
    extracted = 0
    for edition in editions:
        key = archived_key(edition, raw_dir, currencies[edition.source_id])
        data = cached_edition(edition, raw_dir, key)
        if data is None:
            data = build_edition(edition, raw_dir, currencies[edition.source_id], key)
            extracted += 1
        out.append(data)
    linked = link_editions(out, counterparts)
    return Assembled(linked, frames_for(linked, changes_between(linked)), extracted)


def link_editions(editions: list[EditionData], counterparts: dict[str, str] | None = None) -> list[EditionData]:
    """Each edition's figures inherit the keys of the figures they continue in the source's previous edition,
    or, for an indicator the previous edition left out, in the last edition that stated it: a key names one
    indicator across the whole series. A language edition (`counterparts`: source -> the source it
    translates) then gives its twins the keys of the counterpart's edition of the same date (align.py)."""
    from factsheet.normalise import inherit_keys
    from factsheet.pairing import revive_keys

    counterparts = counterparts or {}
    linked: list[EditionData] = []
    latest: dict[str, EditionData] = {}
    dormant: dict[str, pd.DataFrame] = {}  # per source: the last figure of each key the latest edition lacks
    for e in sorted(editions, key=lambda e: (e.edition.source_id in counterparts, e.edition.source_id,
                                             e.edition.published, e.edition.edition_id)):
        source = e.edition.source_id
        before = latest.get(source)
        figures = e.figures
        asleep = dormant.get(source)
        if before is not None:
            figures = inherit_keys(figures, before.figures)
            if asleep is not None:
                figures = revive_keys(figures, before.figures, asleep)
        twin = _counterpart_edition(e, [d for d in linked if d.edition.source_id == counterparts.get(source)])
        if twin is not None:
            figures = _twin_keys(twin, e, figures)
        e = replace(e, figures=figures)
        if before is not None:
            left_out = before.figures[~before.figures["figure_key"].isin(figures["figure_key"])]
            kept = asleep[~asleep["figure_key"].isin(figures["figure_key"])] if asleep is not None else None
            dormant[source] = pd.concat([f for f in (kept, left_out) if f is not None and not f.empty]
                                        or [left_out], ignore_index=True)
        latest[source] = e
        linked.append(e)
    return linked


def _counterpart_edition(edition: EditionData, others: list[EditionData]) -> EditionData | None:
    """The other language's edition of the same publication: the same date, else the same year, else none."""
    published = edition.edition.published
    for same in (lambda d: d.edition.published == published,
                 lambda d: bool(published) and d.edition.published[:4] == published[:4]):
        found = [d for d in others if same(d)]
        if found:
            return found[-1]
    return None


def _twin_keys(counterpart: EditionData, edition: EditionData, figures: pd.DataFrame) -> pd.DataFrame:
    """figures (of `edition`) with its twins' keys taken from the counterpart edition's figures."""
    from factsheet.align import align, shared_keys

    if figures.empty or counterpart.figures.empty:
        return figures
    ours, theirs = figures.reset_index(drop=True), counterpart.figures.reset_index(drop=True)
    alignment = align(theirs, ours, len(counterpart.document.text), len(edition.document.text))
    return shared_keys(theirs, ours, alignment).set_axis(figures.index)


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


# --- publishing -------------------------------------------------------------------------------------------

# The content is HKSAR Government copyright, under the GovHK terms: no open licence (PDDL, CC0) is claimed for it.
# The licence of this repository's code is separate and does not extend to the content.
LICENSES = ({"path": "https://www.gov.hk/en/about/copyright.htm",
             "title": "© HKSAR Government. GovHK copyright notice: the content may be reproduced, accurately and not "
                      "for sale, with its source identified and the Government's copyright acknowledged"},)
PUBLISHER = {"title": "The Government of the Hong Kong Special Administrative Region (HKSAR Government)",
             "path": "https://www.gov.hk", "roles": ["publisher", "rightsHolder"]}
CONTRIBUTORS = (PUBLISHER, {"title": "factsheet pipeline", "roles": ["creator"]})
KEYWORDS = ("Hong Kong", "HKSAR Government", "fact sheet", "statistics", "innovation and technology")
ATTRIBUTION = ("Contains information from HKSAR Government fact sheets, © HKSAR Government (see `sources` for each "
               "edition's official address). The figures were extracted and normalised by the factsheet pipeline; "
               "this is not an official publication of the Government.")
STANDALONE_ATTRIBUTION = ("Figures extracted and normalised by the factsheet pipeline from the document in `sources`; "
                          "that document's own copyright terms apply to its content.")
DESCRIPTION = ("Every figure and dated event stated in Hong Kong Government fact sheets, normalised "
               "(values, ISO 4217 currencies, ISO periods, qualifiers) and traceable to its sentence.")


def _previous(package_dir: Path, with_files: bool = True,
              ) -> tuple[str | None, dict[str, bytes], set[str], dict[str, list[str]]]:
    """Published version, resource CSV bytes (if asked), edition ids and each resource's columns of the current
    package."""
    import json

    descriptor = package_dir / "datapackage.json"
    if not descriptor.exists():
        return None, {}, set(), {}
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    files = {name: (package_dir / f"{name}.csv").read_bytes() for name in schema.RESOURCES
             if with_files and (package_dir / f"{name}.csv").exists()}
    has_editions = (package_dir / "editions.csv").exists()
    editions = set(pd.read_csv(package_dir / "editions.csv", dtype=str)["edition_id"]) if has_editions else set()
    columns = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in meta.get("resources", [])
               if r.get("name") in schema.RESOURCES and "schema" in r}
    return meta.get("version"), files, editions, columns


@dataclass(frozen=True)
class Publication:
    """What publishing these frames would do: the next version (None: nothing changed) and its metadata."""

    package_dir: Path
    version: str | None
    previous_version: str | None
    meta: Any  # publish.PackageMeta when version is set
    counts: dict[str, int]


def plan_publication(frames: dict[str, pd.DataFrame], editions: list[EditionData], package_dir: Path,
                     *, name: str = "hk-factsheets", title: str = "Hong Kong Government fact sheets as data",
                     created: str | None = None, role: str = "published") -> Publication:
    """Decide the next version by comparing with the published package; nothing is written."""
    from factsheet.diff import changed_rows
    from factsheet.publish import created_from, csv_bytes

    _, previous_files, _, _ = _previous(package_dir)
    rendered = {n: csv_bytes(frames[n], n) for n in schema.RESOURCES}
    rows_changed = any(previous_files.get(n) != rendered[n] for n in rendered)
    counts = dict(figures=len(frames["figures"]), events=len(frames["events"]), changes=len(frames["changes"]))
    return plan_version(package_dir, rows_changed, [e.edition for e in editions], counts, frames["changes"],
                        lambda: changed_rows(previous_files, rendered), name=name, title=title,
                        created=created or (lambda: created_from(frames)), role=role)


def plan_version(package_dir: Path, rows_changed: bool, editions: list[Edition], counts: dict[str, int],
                 changes: pd.DataFrame, changed: Any = None, *, name: str, title: str, created: Any,
                 role: str) -> Publication:
    """The next version and its metadata, given whether the rows differ from the published ones. `changed`
    gives the rows a version without a new edition changed (for its changelog entry), `created` the package's
    date: each a value or a function, called only when there is something to publish."""
    from factsheet.diff import changelog_entry, describe_changes, next_version, read_changelog_entries, render_changelog

    previous_version, _, previous_editions, previous_columns = _previous(package_dir, with_files=False)
    ids = {e.edition_id for e in editions}
    schema_changed = any(previous_columns.get(n, schema.columns(n)) != schema.columns(n) for n in previous_columns)
    new_edition = bool(ids - previous_editions)
    meta = package_meta(editions, name=name, title=title, role=role)
    described = previous_version is not None and not (schema_changed or new_edition or rows_changed) \
        and descriptor_changed(package_dir, meta)
    version = next_version(previous_version, schema_changed=schema_changed, new_edition=new_edition,
                           rows_changed=rows_changed or described)
    if version is None:
        return Publication(package_dir, None, previous_version, None, counts)
    latest = max(editions, key=lambda e: (e.published, e.edition_id))
    latest_changes = changes[changes["to_edition"] == latest.edition_id]
    if previous_version is None:
        summary = f"First publication: {len(ids)} edition(s), {counts['figures']} figures, {counts['events']} events."
    elif new_edition:
        summary = f"New edition {latest.edition_id}: {describe_changes(latest_changes)}"
    elif schema_changed:
        summary = "The resources' columns changed."
    elif described:
        summary = "The descriptor changed (its format, field documentation, licence or sources); no row changed."
    else:
        summary = "Re-extraction of the archived editions changed rows."
    entries = read_changelog_entries(package_dir / "CHANGELOG.md")
    rows = (changed() if callable(changed) else changed or []) if previous_version is not None and not new_edition \
        else []
    entry = changelog_entry(version, latest.published or "1970-01", latest_changes if new_edition
                            else latest_changes.iloc[0:0], summary, rows)
    meta = replace(meta, version=version, created=created() if callable(created) else created,
                   changelog_md=render_changelog([entry, *entries]))
    return Publication(package_dir, version, previous_version, meta, counts)


def package_meta(editions: list[Edition], *, name: str, title: str, role: str) -> PackageMeta:
    """The package's metadata apart from its version, date and changelog: licence and attribution that fit HKSAR
    Government content for the published package (none claimed for a standalone extract of the user's document),
    and one source per edition with its official address."""
    from factsheet.outputs import PUBLISHED
    from factsheet.publish import PackageMeta

    published = role == PUBLISHED
    sources = tuple({"title": e.title, "path": e.raw_path, "sha256": e.sha256,
                     **({"version": e.published} if e.published else {}),
                     **({"url": e.source_url} if e.source_url else {}),
                     **({"language": e.language} if e.language else {})} for e in editions)
    return PackageMeta(
        name=name, title=title, description=DESCRIPTION, version="", created="", sources=sources, role=role,
        licenses=LICENSES if published else (), contributors=CONTRIBUTORS if published else CONTRIBUTORS[1:],
        keywords=KEYWORDS if published else (), attribution=ATTRIBUTION if published else STANDALONE_ATTRIBUTION,
    )


def descriptor_changed(package_dir: Path, meta: PackageMeta) -> bool:
    """True when the published descriptor differs from the one this code would write for the same files (a new
    descriptor format, field documentation, licence or official address), its version and date aside."""
    import json

    from factsheet.publish import describe

    try:
        old = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
        stats = {}
        for r in old["resources"]:
            fmt, base = ("json", r["name"][:-5]) if r["name"].endswith("-json") else ("csv", r["name"])
            stats[base, fmt] = (str(r["hash"]).removeprefix("sha256:"), int(r["bytes"]), int(r.get("rows", 0)))
        new = describe(replace(meta, version=old["version"], created=old["created"]), stats)
    except (OSError, ValueError, KeyError, TypeError):
        return True  # unreadable or of another shape: write the current form
    return new != old


def validate_frames_for(plan: Publication, frames: dict[str, pd.DataFrame], texts: dict[str, str] | None = None) -> str:
    """Validate stage: run the expectation suites when something would be published; raise on failure.

    `texts` (texts_of the editions) lets the suites check that every span spells its value_text.
    """
    if plan.version is None:
        return "not rerun (nothing changed)"
    from factsheet.validate import EXPECTATIONS_DIR, validate_or_raise

    report = validate_or_raise(frames, EXPECTATIONS_DIR, texts)
    return f"passed ({len(report.results)} expectations)"


def publish_planned(plan: Publication, frames: dict[str, pd.DataFrame], verdict: str,
                    documents: dict[str, Path] | None = None) -> RunSummary:
    """Publish stage: swap the new package in atomically, then its dataset page (site/, pictures of PDF pages
    from `documents` or the raw/ archive beside it); an unchanged plan writes nothing but a missing page."""
    from factsheet.site import SITE_DIR, write_site

    if plan.version is None:
        summary = RunSummary("unchanged", plan.previous_version, plan.package_dir, verdict=verdict, **plan.counts)
    else:
        from factsheet.publish import publish_package

        publish_package(frames, plan.package_dir, plan.meta)
        summary = RunSummary("published", plan.version, plan.package_dir, verdict=verdict, **plan.counts)
    if plan.version is not None or not (plan.package_dir / SITE_DIR).exists():
        try:
            write_site(plan.package_dir, documents=documents)
        except InputError as exc:  # the package is published; its page is a view of it
            summary.notes.append(f"warning: site not written: {exc}")
    return summary


def publish_frames(frames: dict[str, pd.DataFrame], editions: list[EditionData], package_dir: Path,
                   *, name: str = "hk-factsheets", title: str = "Hong Kong Government fact sheets as data",
                   created: str | None = None, role: str = "published",
                   documents: dict[str, Path] | None = None) -> RunSummary:
    """Plan, validate and publish in one call; unchanged data writes nothing and skips validation."""
    plan = plan_publication(frames, editions, package_dir, name=name, title=title, created=created, role=role)
    summary = publish_planned(plan, frames, validate_frames_for(plan, frames, texts_of(editions)), documents)
    summary.notes.extend(left_out_notes(editions))
    return summary


def standalone_target(out_dir: Path | str, force: bool = False) -> Path:
    """Where a standalone package may be written (outputs.check_out_dir): never the published package or raw/,
    a folder of the user's only with force. The CLI checks before extracting, the API before writing."""
    from factsheet.outputs import check_out_dir

    return check_out_dir(Path(out_dir), force=force, protected=(ROOT / "datapackage", ROOT / "raw"))


def write_standalone(frames: dict[str, pd.DataFrame], data: EditionData, target: Path,
                     document: Path | None = None) -> RunSummary:
    """Validate and publish one document's frames as a standalone package in a checked target folder: what
    `factsheet extract` and the API's Package.write both do. `document`, the file read, gives the package's
    dataset page its pictures of PDF pages."""
    from factsheet.outputs import STANDALONE

    return publish_frames(frames, [data], target, name=data.edition.source_id, title=data.edition.title,
                          created=created_of(data.edition.published), role=STANDALONE,
                          documents={data.edition.edition_id: document} if document else None)


def extract_package(path: Path, out_dir: Path | None = None, currency: str = "HKD", *,
                    force: bool = False, published: str | None = None) -> RunSummary:
    """`factsheet extract`: one document -> a validated standalone package in out_dir, refused where it could
    destroy something: a folder of the user's (unless force; their files are kept), the published package, raw/."""
    from factsheet.outputs import default_out_dir

    chosen = out_dir if out_dir is not None else default_out_dir(Path(path))
    target = standalone_target(chosen, force)
    data = standalone_edition(path, currency, published=published)
    summary = write_standalone(frames_for([data]), data, target, Path(os.path.abspath(path)))
    if out_dir is None:
        summary.notes.append(f"note: no --out given; wrote the default folder {chosen}")
    note = encoding_note(path, data.document)
    if note:
        summary.notes.append(note)
    return summary
