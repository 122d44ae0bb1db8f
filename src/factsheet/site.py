"""`factsheet site`: a static, self-contained page for a data package, the way people look for data.

The page is built from what the package folder holds (its descriptor and CSV files, read defensively, so
an older or newer descriptor still gives a page) and, for PDF editions, from the archived documents: each
figure's region of its page is rendered at build time (pypdfium2) into a small PNG. Charts are inline SVG
drawn here, search, filter and sort a little inline script: the page opens offline and requests nothing
outside its folder. The same package gives the same bytes, so rebuilding the site of an unchanged package
writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import json
import math
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from factsheet.errors import InputError
from factsheet.outputs import DESCRIPTOR, package_role

SITE_DIR = "site"  # <package>/site/ by default
GENERATOR = "factsheet site"  # <meta name="generator">: tells a folder this command wrote from anyone else's
MAX_PREVIEW = 2000  # figures-latest rows shown in the page; the CSV holds them all
MAX_PICTURES = 150  # provenance pictures per site
MAX_PICTURE_BYTES = 4_000_000  # all pictures together: a 100-page PDF must not make megabytes of PNG
RENDER_SCALE = 1.5  # 108 dpi: small print stays legible
MARGIN_X, MARGIN_Y = 150.0, 40.0  # PDF points shown around a figure's bbox
MAX_SERIES = 80  # charts per site
CSV_FIELD_LIMIT = 10_000_000
QUALIFIER_WORDS = {"approximate": "about ", "lower_bound": "at least ", "upper_bound": "up to "}  # before a value


@dataclass
class Loaded:
    """A package folder as the page needs it: its descriptor, its editions and changes, and at most MAX_PREVIEW
    rows of its latest figures. Every figure is read again from the folder each time it is needed (figures()),
    so a package of thousands of editions is never held whole while its page is built."""

    folder: Path
    descriptor: dict[str, Any]
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # rows of a table when `tables` holds only the first

    def resource(self, name: str) -> dict[str, Any]:
        for r in self.descriptor.get("resources", []):
            if isinstance(r, dict) and r.get("name") == name:
                return r
        return {}

    def csv_path(self, name: str) -> Path | None:
        """The CSV file of a resource (the descriptor's path, else <name>.csv); None when it is not a CSV."""
        path = self.resource(name).get("path") or f"{name}.csv"
        return self.folder / path if isinstance(path, str) and path.endswith(".csv") else None

    def figures(self) -> Iterator[dict[str, str]]:
        """Every figure row, one at a time: the rows given in `tables`, else the package's figures CSV."""
        if "figures" in self.tables:
            yield from self.tables["figures"]
        elif (path := self.csv_path("figures")) is not None:
            yield from _iter_rows(path)

    def count(self, name: str) -> int:
        return self.counts.get(name, len(self.tables.get(name, [])))

    @cached_property
    def summary(self) -> FigureSummary:
        return summarise(self.figures())


@dataclass
class FigureSummary:
    """What the page says of all figures, from one pass over them: how many, the periods they span, and which
    indicators (figure_key) are stated in more than one edition (the ones that may get a chart)."""

    count: int = 0
    first_start: str = ""
    last_end: str = ""
    repeated: set[str] = field(default_factory=set)


def summarise(figures: Iterable[Mapping[str, str]]) -> FigureSummary:
    """The FigureSummary of figure rows; memory holds one row and each indicator's first edition."""
    out = FigureSummary()
    first_edition: dict[str, str] = {}
    for row in figures:
        out.count += 1
        start, end = row.get("period_start"), row.get("period_end")
        if start and (not out.first_start or start < out.first_start):
            out.first_start = start
        if end and end > out.last_end:
            out.last_end = end
        key, edition = row.get("figure_key", ""), row.get("edition_id", "")
        if key and _number(row.get("value", "")) is not None:
            if first_edition.setdefault(key, edition) != edition:
                out.repeated.add(key)
    return out


def load_package(folder: Path) -> Loaded:
    """The descriptor, editions and changes of a package folder and the first MAX_PREVIEW rows of its latest
    figures (with their count); InputError if it has no descriptor."""
    try:
        descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{folder}: no {DESCRIPTOR} (not a data package)") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{folder / DESCRIPTOR}: unreadable ({exc})") from None
    if not isinstance(descriptor, dict):
        raise InputError(f"{folder / DESCRIPTOR}: not a JSON object")
    loaded = Loaded(folder, descriptor)
    for name in ("editions", "changes"):
        path = loaded.csv_path(name)
        loaded.tables[name] = list(_iter_rows(path)) if path is not None else []
    path = loaded.csv_path("figures-latest")
    _preview(loaded, _iter_rows(path) if path is not None else iter(()))
    if not loaded.tables["figures-latest"]:
        latest = _latest_editions(loaded.tables["editions"])
        _preview(loaded, (r for r in loaded.figures() if not latest or r.get("edition_id") in latest))
    return loaded


def _preview(loaded: Loaded, rows: Iterable[dict[str, str]]) -> None:
    """Keep the first MAX_PREVIEW latest figures (what the page shows) and count them all."""
    kept: list[dict[str, str]] = []
    count = 0
    for row in rows:
        count += 1
        if count <= MAX_PREVIEW:
            kept.append(row)
    loaded.tables["figures-latest"], loaded.counts["figures-latest"] = kept, count


def _iter_rows(path: Path) -> Iterator[dict[str, str]]:
    """A CSV file's rows as dicts, one at a time (an apostrophe the CSV put before formula-like text removed);
    none if the file is absent."""
    csv.field_size_limit(min(CSV_FIELD_LIMIT, sys.maxsize))
    try:
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                yield {k: _uncsv(v) for k, v in row.items() if k is not None}
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: unreadable ({exc})") from None


def _uncsv(value: str | None) -> str:
    text = value or ""
    return text[1:] if text.startswith("'") and len(text) > 1 and text[1] in "=+-@\t\r" else text


def _latest_editions(editions: list[dict[str, str]]) -> set[str]:
    """The latest edition of each source, as publish chooses it: published, then retrieved_at, then id."""
    best: dict[str, tuple[str, str, str]] = {}
    for row in editions:
        key = (row.get("published", ""), row.get("retrieved_at", ""), row.get("edition_id", ""))
        source = row.get("source_id", "")
        if source not in best or key > best[source]:
            best[source] = key
    return {key[2] for key in best.values()}


# --- the data card ------------------------------------------------------------------------------------------


def _first(*values: Any) -> str:
    for v in values:
        if isinstance(v, str) and v.strip():
            return v.strip()
    return ""


def edition_url(row: Mapping[str, str], descriptor: Mapping[str, Any]) -> str:
    """An edition's official address: its own column, else the descriptor's source for its file; http(s) only."""
    return edition_urls(descriptor)(row)


def edition_urls(descriptor: Mapping[str, Any]) -> Callable[[Mapping[str, str]], str]:
    """edition_url for many editions: the descriptor's sources indexed once by path and by title (a corpus
    package has a source per document, so a scan per edition would grow with the square of the corpus)."""
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for i, s in enumerate(descriptor.get("sources", []) or []):
        if not isinstance(s, dict):
            continue
        url = _first(s.get("url"), s.get("path") if str(s.get("path", "")).startswith("http") else "")
        for key in (("path", s.get("path")), ("title", s.get("title"))):
            if url and isinstance(key[1], str) and key not in found:
                found[key] = (i, url)

    def url_of(row: Mapping[str, str]) -> str:
        url = _first(row.get("source_url"), row.get("url"), row.get("official_url"))
        if not url:
            hits = [found[k] for k in (("path", row.get("raw_path")), ("title", row.get("title"))) if k in found]
            url = min(hits)[1] if hits else ""
        return url if re.match(r"^https?://", url) else ""

    return url_of


def _contributor(descriptor: Mapping[str, Any], *roles: str) -> str:
    """The first contributor with one of these roles (v2 `roles`, v1 `role`), by title."""
    for c in descriptor.get("contributors", []) or []:
        if not isinstance(c, dict):
            continue
        has = c.get("roles") if isinstance(c.get("roles"), list) else [c.get("role")]
        if any(r in has for r in roles):
            return _first(c.get("title"), c.get("organization"))
    return ""


def _licences(descriptor: Mapping[str, Any]) -> list[dict[str, str]]:
    out = []
    for lic in descriptor.get("licenses", []) or []:
        if isinstance(lic, dict):
            url = _first(lic.get("path"), lic.get("url"))
            out.append({"title": _first(lic.get("title"), lic.get("name"), "licence"),
                        "url": url if url.startswith(("http://", "https://")) else "",
                        "attribution": _first(lic.get("attribution"), lic.get("description"))})
    return out


def data_card(p: Loaded) -> dict[str, Any]:
    """Title, publisher, licence and attribution, coverage, version, dates and a citation for the page's head."""
    d, editions, figures = p.descriptor, p.tables["editions"], p.summary
    published = sorted(e.get("published", "") for e in editions if e.get("published"))
    retrieved = sorted(e.get("retrieved_at", "") for e in editions if e.get("retrieved_at"))
    title = _first(d.get("title"), d.get("name"), p.folder.name)
    version = _first(d.get("version"))
    created = _first(d.get("created"))
    publisher = _contributor(d, "publisher") or _first(d.get("publisher"))
    creator = _contributor(d, "creator", "author") or "factsheet pipeline"
    owner = _contributor(d, "rightsHolder")
    sources = sorted({_first(e.get("title"), e.get("source_id")) for e in editions} - {""})
    year = created[:4] if created[:4].isdigit() else (published[-1][:4] if published else "")
    citation = _first(d.get("citation")) or (
        f"{creator}{f' ({year})' if year else ''}. {title}{f', version {version}' if version else ''} [data set]. "
        f"Figures read from {', '.join(sources) or 'the source documents'}{f', © {owner}' if owner else ''}.")
    return {
        "title": title, "description": _first(d.get("description")), "publisher": publisher, "creator": creator,
        "licences": _licences(d), "attribution": _first(d.get("attribution")), "version": version,
        "created": created, "last_retrieved": retrieved[-1] if retrieved else "",
        "editions": len(editions), "sources": sources,
        "published_range": (published[0], published[-1]) if published else None,
        "period_range": (figures.first_start, figures.last_end) if figures.first_start and figures.last_end else None,
        "figures": figures.count, "latest_figures": p.count("figures-latest"), "citation": citation,
        "verdict": _verdict(d),
    }


def _verdict(descriptor: Mapping[str, Any]) -> str:
    """What validation said: the descriptor's record if it has one; a package is only published once it passed."""
    mark = descriptor.get("factsheet")
    recorded = mark.get("validation") if isinstance(mark, dict) else None
    if isinstance(recorded, str) and recorded.strip():
        return recorded.strip()
    return "passed"


# --- downloads and fields -------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _size(n: int) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    return str(n)


def downloads(p: Loaded, site: Path) -> list[dict[str, str]]:
    """Every resource file (and the descriptor and changelog) with its size and sha256, linked from the site."""
    entries: list[tuple[str, str, str]] = []
    for r in p.descriptor.get("resources", []) or []:
        path = r.get("path") if isinstance(r, dict) else None
        if isinstance(path, str) and "/" not in path and "\\" not in path and not path.startswith("."):
            entries.append((path, _first(r.get("title"), r.get("name")), _first(r.get("hash"))))
    entries += [(DESCRIPTOR, "The descriptor: resources, Table Schemas, sources, licence, version", ""),
                ("CHANGELOG.md", "What each package version changed, in plain sentences", "")]
    out = []
    for path, title, declared in entries:
        file = p.folder / path
        if not file.is_file():
            continue
        digest = declared.split(":", 1)[1] if declared.startswith("sha256:") else \
            declared if re.fullmatch(r"[0-9a-f]{64}", declared) else _sha256(file)
        out.append({"path": path, "href": _href(file, site), "title": title,
                    "size": _size(file.stat().st_size), "bytes": str(file.stat().st_size), "sha256": digest})
    return out


def _href(file: Path, site: Path) -> str:
    return Path(os.path.relpath(file.resolve(), site.resolve())).as_posix()


def field_docs(p: Loaded, name: str = "figures") -> list[dict[str, str]]:
    """The figures table's fields: name, title, type, unit, description, example and allowed values."""
    fields = (p.resource(name).get("schema") or {}).get("fields") or []
    out = []
    for f in fields:
        if not isinstance(f, dict) or not f.get("name"):
            continue
        allowed = f.get("categories") or (f.get("constraints") or {}).get("enum") or []
        allowed = [a.get("value", a.get("label", "")) if isinstance(a, dict) else a for a in allowed]
        unit = f.get("unit") or f.get("x-unit") or ""
        columns = [c for c in (f.get("unitField"), f.get("currencyField")) if isinstance(c, str) and c]
        if not unit and columns:
            unit = f"the row's {' and '.join(columns)}"
        out.append({"name": str(f["name"]), "title": _first(f.get("title")), "type": _first(f.get("type")),
                    "unit": unit if isinstance(unit, str) else json.dumps(unit, ensure_ascii=False),
                    "description": _first(f.get("description")),
                    "example": "" if f.get("example") is None else str(f.get("example")),
                    "allowed": ", ".join(str(a) for a in allowed)})
    return out


# --- figures --------------------------------------------------------------------------------------------------


def highlighted(statement: str, value_text: str) -> str:
    """The statement as HTML with the figure's words in <mark>: the first place they appear, if anywhere."""
    if not value_text:
        return html.escape(statement)
    at = statement.find(value_text)
    if at < 0:
        at = statement.lower().find(value_text.lower())
    if at < 0:
        return html.escape(statement)
    end = at + len(value_text)
    return (html.escape(statement[:at]) + "<mark>" + html.escape(statement[at:end]) + "</mark>"
            + html.escape(statement[end:]))


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def show_value(row: Mapping[str, str]) -> str:
    """The value with its unit, readable: 'HKD 1,200,000,000', '68 percent', '130 initiatives'."""
    value = _number(row.get("value", ""))
    if value is None:
        return row.get("value_text", "")
    number = f"{value:,.0f}" if value.is_integer() else f"{value:,.4f}".rstrip("0").rstrip(".")
    currency, unit = row.get("currency", ""), row.get("unit", "")
    if currency:
        return f"{currency} {number}"
    if unit == "percent":
        return f"{number}%"
    if unit == "rank":
        return f"No. {number}"
    return f"{number} {unit}".strip()


def period(row: Mapping[str, str]) -> str:
    """The figure's period, short: '2022' for a calendar year, '2022-05' for a month, else 'start – end'."""
    start, end = row.get("period_start", ""), row.get("period_end", "")
    if not (start and end):
        return start or end
    if start == end:
        return start
    if start[4:] == "-01-01" and end[4:] == "-12-31":
        return start[:4] if start[:4] == end[:4] else f"{start[:4]} – {end[:4]}"
    if start[7:] == "-01" and start[:7] == end[:7] and end == _month_end(start):
        return start[:7]
    return f"{start} – {end}"


def _month_end(day: str) -> str:
    import calendar

    try:
        year, month = int(day[:4]), int(day[5:7])
        return f"{day[:7]}-{calendar.monthrange(year, month)[1]:02d}"
    except (ValueError, calendar.IllegalMonthError):
        return ""


# --- charts ---------------------------------------------------------------------------------------------------


def series(p: Loaded) -> tuple[dict[str, list[tuple[str, float, str]]], dict[str, str]]:
    """Each figure_key's values over editions (published date, value, value as written) where it has several,
    and the label of each (its last row's); only indicators stated in more than one edition are gathered."""
    published = {e.get("edition_id", ""): _first(e.get("published"), e.get("edition_id")) for e in p.tables["editions"]}
    repeated = p.summary.repeated
    by_key: dict[str, dict[str, tuple[str, float, str]]] = {}
    labels: dict[str, str] = {}
    for row in p.figures():
        key, edition = row.get("figure_key", ""), row.get("edition_id", "")
        if key not in repeated:
            continue
        labels[key] = row.get("label", "")
        value = _number(row.get("value", ""))
        if value is None:
            continue
        point = (published.get(edition, edition), value, row.get("value_text", ""))
        by_key.setdefault(key, {}).setdefault(edition, point)
    out = {k: sorted(v.values()) for k, v in by_key.items() if len(v) >= 2}
    moved = sorted(out.items(), key=lambda kv: (len({v for _, v, _ in kv[1]}) == 1, kv[0]))  # changes first
    return dict(moved[:MAX_SERIES]), {k: labels[k] for k, _ in moved[:MAX_SERIES]}


def svg_chart(points: list[tuple[str, float, str]], title: str, width: int = 360, height: int = 170) -> str:
    """A line chart of one indicator over editions as inline SVG: no script, no library, no request."""
    left, right, top, bottom = 44, 28, 22, 34
    values = [v for _, v, _ in points]
    lo, hi = min(min(values), 0.0), max(max(values), 0.0)  # the axis includes zero: no exaggerated change
    if hi == lo:
        lo, hi = lo - (abs(lo) or 1) * 0.5, hi + (abs(hi) or 1) * 0.5
    span_x = max(len(points) - 1, 1)

    def x(i: int) -> float:  # the points stand 20 units inside the axis: their labels clear the ticks'
        return left + 20 + (width - left - right - 20) * (i / span_x if len(points) > 1 else 0.5)

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - (v - lo) / (hi - lo))

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{html.escape(title)}" xmlns="http://www.w3.org/2000/svg">',
             f'<title>{html.escape(title)}</title>']
    for tick in (lo, (lo + hi) / 2, hi):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{_tick(tick)}</text>')
    path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v, _) in enumerate(points))
    parts.append(f'<polyline points="{path}" class="line"/>')
    for i, (when, v, text) in enumerate(points):
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" class="dot"><title>{html.escape(when)}: '
                     f'{html.escape(text)}</title></circle>'
                     f'<text x="{x(i):.1f}" y="{y(v) - 8:.1f}" text-anchor="middle" class="val">{_tick(v)}</text>'
                     f'<text x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="middle">{html.escape(when)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _tick(value: float) -> str:
    magnitude = abs(value)
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if magnitude >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


# --- provenance pictures ----------------------------------------------------------------------------------------


def documents_of(p: Loaded, given: Mapping[str, Path] | None = None, root: Path | None = None) -> dict[str, Path]:
    """Each PDF edition's document on disk, checked against its sha256: the file given for it (a standalone
    extract's source), else its raw_path under root or beside the package (the repository's raw/ archive)."""
    out: dict[str, Path] = {}
    for row in p.tables["editions"]:
        edition, raw_path, sha = row.get("edition_id", ""), row.get("raw_path", ""), row.get("sha256", "")
        candidates = [given[edition]] if given and edition in given else []
        if raw_path and not Path(raw_path).is_absolute() and ".." not in Path(raw_path).parts:
            candidates += [*([root / raw_path] if root else []), p.folder.parent / raw_path]
        for path in candidates:
            try:
                if not path.is_file() or path.stat().st_size > 200_000_000:
                    continue
                with open(path, "rb") as f:
                    if f.read(5) != b"%PDF-":
                        continue
                if sha and _sha256(path) != sha:
                    continue
            except OSError:
                continue
            out[edition] = path
            break
    return out


def _bbox(text: str) -> tuple[float, float, float, float] | None:
    try:
        x0, top, x1, bottom = (float(v) for v in text.split(","))
    except (ValueError, AttributeError):
        return None
    return (x0, top, x1, bottom) if all(map(math.isfinite, (x0, top, x1, bottom))) and x1 >= x0 and bottom >= top \
        else None


def _safe_name(figure_id: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]", "_", figure_id).strip(".")[:120]
    return name + "-" + hashlib.sha256(figure_id.encode()).hexdigest()[:8]


def render_pictures(figures: list[dict[str, str]], documents: Mapping[str, Path], img_dir: Path) -> dict[str, str]:
    """PNGs of the page region around each PDF figure's bbox, its box outlined; {figure_id: file name}.
    Only the region is rendered (a whole dense page costs ten times more). Capped in count and total bytes;
    a page or document that will not render is skipped."""
    wanted = [f for f in figures if f.get("edition_id") in documents and _bbox(f.get("bbox", ""))
              and (f.get("page") or "").isdigit()][:MAX_PICTURES]
    if not wanted:
        return {}
    import pypdfium2 as pdfium

    out: dict[str, str] = {}
    total = 0
    img_dir.mkdir(parents=True, exist_ok=True)
    by_edition: dict[str, list[dict[str, str]]] = {}
    for f in wanted:
        by_edition.setdefault(f["edition_id"], []).append(f)
    for edition, rows in sorted(by_edition.items()):
        try:
            pdf = pdfium.PdfDocument(str(documents[edition]))
        except Exception:  # noqa: BLE001 - pdfium's errors for a document it cannot open: no pictures from it
            continue
        try:
            for f in rows:
                number, box = int(f["page"]), _bbox(f["bbox"])
                if box is None or not 1 <= number <= len(pdf):
                    continue
                try:
                    picture = _region(pdf[number - 1], box)
                except Exception:  # noqa: BLE001 - a page pdfium cannot draw gets no picture
                    continue
                data = _png(picture)
                if total + len(data) > MAX_PICTURE_BYTES:
                    return out
                name = _safe_name(f.get("figure_id", "")) + ".png"
                (img_dir / name).write_bytes(data)
                total += len(data)
                out[f.get("figure_id", "")] = name
        finally:
            pdf.close()
    return out


def _region(page: Any, box: tuple[float, float, float, float]) -> Any:
    """The region of a page around box (PDF points, top-left origin, as pdfplumber gives it) as an RGB image,
    the box outlined in red."""
    from PIL import ImageDraw

    s = RENDER_SCALE
    width, height = page.get_size()
    x0, top, x1, bottom = box
    left, upper = max(0.0, x0 - MARGIN_X), max(0.0, top - MARGIN_Y)
    right, lower = min(width, max(x1 + MARGIN_X, left + 1)), min(height, max(bottom + MARGIN_Y, upper + 1))
    # pdfium's crop is what to cut off each border: left, bottom, right, top
    image = page.render(scale=s, crop=(left, height - lower, width - right, upper)).to_pil().convert("RGB")
    ImageDraw.Draw(image).rectangle(((x0 - left) * s - 3, (top - upper) * s - 3, (x1 - left) * s + 3,
                                     (bottom - upper) * s + 3), outline=(200, 30, 30), width=2)
    return image


def _png(image: Any) -> bytes:
    """A small PNG: a 64-colour palette is plenty for printed text and keeps a picture to a few kB."""
    buffer = io.BytesIO()
    image.quantize(colors=64, dither=0).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# --- the page ---------------------------------------------------------------------------------------------------


def page_context(p: Loaded, site: Path, pictures: Mapping[str, str]) -> dict[str, Any]:
    """Everything the template shows, as plain values (escaping is the template's)."""
    editions = {e.get("edition_id", ""): e for e in p.tables["editions"]}
    charted, labels = series(p)
    latest = p.tables["figures-latest"]
    drawn: dict[tuple[str, str], str] = {}  # one string per chart: rows of many editions of an indicator share it

    def chart(key: str, label: str) -> str:
        if (key, label) not in drawn:
            drawn[key, label] = svg_chart(charted[key], label)
        return drawn[key, label]

    url_of = edition_urls(p.descriptor)
    urls = {edition_id: url_of(e) for edition_id, e in editions.items()}
    rows = []
    for f in latest[:MAX_PREVIEW]:
        edition = editions.get(f.get("edition_id", ""), {})
        key = f.get("figure_key", "")
        rows.append({
            "id": f.get("figure_id", ""), "label": f.get("label", ""),
            "value": QUALIFIER_WORDS.get(f.get("qualifier", ""), "") + show_value(f),
            "sort_value": f.get("value_hkd") or f.get("value", ""), "value_text": f.get("value_text", ""),
            "qualifier": f.get("qualifier", ""), "period": period(f), "section": f.get("section", ""),
            "kind": f.get("kind", ""), "statement_html": highlighted(f.get("statement", ""), f.get("value_text", "")),
            "edition": f.get("edition_id", ""), "edition_title": _first(edition.get("title")),
            "published": edition.get("published", ""), "page": f.get("page", ""),
            "url": urls.get(f.get("edition_id", ""), ""), "picture": pictures.get(f.get("figure_id", ""), ""),
            "chart": chart(key, f.get("label", key)) if key in charted else "",
            "scope": f.get("scope", ""), "key": key,
        })
    latest_ids = _latest_editions(p.tables["editions"])
    changes = [c for c in p.tables["changes"] if c.get("to_edition") in latest_ids and c.get("change") != "unchanged"
               and c.get("from_edition")]
    charts = [{"key": k, "label": labels.get(k, k), "svg": chart(k, labels.get(k, k))} for k in charted]
    return {
        "card": data_card(p), "downloads": downloads(p, site), "fields": field_docs(p), "rows": rows,
        "total": p.count("figures-latest"), "sections": sorted({r["section"] for r in rows} - {""}),
        "kinds": sorted({r["kind"] for r in rows} - {""}), "changes": changes, "charts": charts,
        "editions": sorted(({**e, "url": url_of(e)} for e in p.tables["editions"]),
                           key=lambda e: (e.get("source_id", ""), e.get("published", ""), e.get("edition_id", ""))),
        "generator": GENERATOR,
    }


def _template() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.get_template("site.html.j2")


def render_page(context: Mapping[str, Any]) -> str:
    return _template().render(**context)


def build_site(package: Path, out: Path, documents: Mapping[str, Path] | None = None, root: Path | None = None) -> Path:
    """Write the page (index.html, img/) into out, a folder that must not exist yet; returns out's index.html.
    The page is written as it is rendered, never whole in memory (a corpus's page runs to megabytes)."""
    p = load_package(package)
    out.mkdir(parents=True)
    pictures = render_pictures(p.tables["figures-latest"][:MAX_PREVIEW], documents_of(p, documents, root),
                               out / "img")
    context = page_context(p, out, pictures)
    with open(out / "index.html", "w", encoding="utf-8", newline="\n") as page:
        page.writelines(_template().generate(**context))
    return out / "index.html"


# --- where it may be written --------------------------------------------------------------------------------------


def is_site(folder: Path) -> bool:
    """True when folder holds a page this command wrote (its index.html names the generator)."""
    try:
        with open(folder / "index.html", encoding="utf-8", errors="replace") as f:
            head = f.read(2048)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}">' in head


def check_site_out(out: Path, protected: tuple[Path, ...] = ()) -> Path:
    """The absolute site folder, or InputError: it must be new, empty or a site written here, never raw/, a
    package folder itself or a folder inside a package other than its site/."""
    target = Path(os.path.abspath(out))
    for guarded in protected:
        guarded = Path(os.path.abspath(guarded))
        if target == guarded or guarded in target.parents:
            raise InputError(f"{out}: inside {guarded}; choose another --out")
    if package_role(target) is not None:
        raise InputError(f"{out}: a data package folder; the page goes into a folder of its own (default: its site/)")
    for ancestor in target.parents:
        if package_role(ancestor) is not None and not (ancestor == target.parent and target.name == SITE_DIR):
            raise InputError(f"{out}: inside the data package {ancestor}; only its {SITE_DIR}/ may hold the page")
    if target.exists():
        if not target.is_dir():
            raise InputError(f"{out}: not a directory")
        if any(target.iterdir()) and not is_site(target):
            raise InputError(f"{out}: not empty and not a page written by `factsheet site`; choose a new folder")
    return target


def _same_files(a: Path, b: Path) -> bool:
    """True when both folders hold the same files with the same bytes (compared a file at a time)."""
    import filecmp

    def listing(root: Path) -> list[str]:
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())

    names = listing(a)
    return names == listing(b) and all(filecmp.cmp(a / n, b / n, shallow=False) for n in names)


def write_site(package: Path, out: Path | None = None, documents: Mapping[str, Path] | None = None,
               root: Path | None = None) -> bool:
    """Build the page beside out and swap it in whole when its bytes differ; False when nothing changed.
    A folder at out that this command did not write is never replaced (InputError)."""
    package = Path(os.path.abspath(package))
    target = check_site_out(out if out is not None else package / SITE_DIR)
    staging = target.parent / f".{target.name}.site-staging"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        build_site(package, staging, documents, root)
        if target.is_dir() and _same_files(staging, target):
            return False
        from factsheet.publish import _swap_in  # pandas comes with it: only paid when the page changed

        _swap_in(staging, target)
        return True
    except OSError as exc:
        raise InputError(f"{target}: cannot write the page ({exc.strerror or exc})") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def add_site_command(subparsers: argparse._SubParsersAction) -> None:
    """Register `factsheet site`: the dataset page of a package, into its site/ or a folder given."""
    from factsheet.runs import DEFAULT_PACKAGE

    si = subparsers.add_parser("site", help="build the package's dataset page (offline, self-contained HTML)",
                               description="Writes index.html (and img/ for PDF editions) into the package's "
                               "site/ folder, or --out: a new or empty folder, or one this command wrote.")
    si.add_argument("--package", metavar="DIR", default=str(DEFAULT_PACKAGE),
                    help=f"the data package (default: {DEFAULT_PACKAGE})")
    si.add_argument("--out", metavar="DIR", help="where the page goes (default: DIR/site)")
    si.add_argument("--raw-root", metavar="DIR",
                    help="the folder the editions' raw_path is relative to, for pictures of PDF pages "
                         "(default: the package's parent folder)")
    si.set_defaults(run=run_site)


def run_site(args: argparse.Namespace) -> int:
    """`factsheet site`: build, say where and whether anything changed."""
    from factsheet.runs import ROOT

    package = Path(args.package)
    if not (package / DESCRIPTOR).is_file():
        raise InputError(f"{args.package}: no {DESCRIPTOR} (not a data package)")
    out = Path(args.out) if args.out else package / SITE_DIR
    protected = (ROOT / "raw",) if args.out else ()
    check_site_out(out, protected)
    changed = write_site(package, out, root=Path(args.raw_root) if args.raw_root else None)
    print(f"site: {Path(os.path.abspath(out)) / 'index.html'} ({'written' if changed else 'unchanged'})")
    return 0
