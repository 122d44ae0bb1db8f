"""`factsheet`: the command line over the same pipeline functions the Prefect flows call."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from factsheet.errors import InputError


def currency_option(value: str) -> str:
    """A --currency value as its ISO 4217 code ('usd' -> 'USD'), or a one-line InputError."""
    from factsheet.sources import ISO_4217

    code = value.strip().upper()
    if code not in ISO_4217:
        raise InputError(f"--currency {value!r}: not an ISO 4217 currency code (such as HKD or USD)")
    return code


def published_option(value: str | None) -> str | None:
    """A --published date as the edition's own date: YYYY, YYYY-MM or YYYY-MM-DD, a real date."""
    from factsheet.dates import date_problem

    if value is None:
        return None
    problem = date_problem(value)
    if problem:
        raise InputError(f"--published: {problem}")
    return value.strip()


def _extract(args: argparse.Namespace) -> int:
    from factsheet.corpus import is_corpus

    if not args.sources and not args.list:
        raise InputError("extract: give a document, a folder, a glob pattern or --list FILE")
    if args.each or is_corpus(args.sources, args.list or []):
        return _extract_corpus(args)
    from factsheet.pipeline import extract_package

    out = Path(args.out) if args.out is not None else None
    summary = extract_package(Path(args.sources[0]), out, currency=currency_option(args.currency), force=args.force,
                              published=published_option(args.published))
    print("\n".join(summary.lines()))
    return 0


def _executor(args: argparse.Namespace) -> tuple[int, str | None]:
    """(--workers, Dask address): --dask, else FACTSHEET_DASK_ADDRESS unless --workers was given."""
    from factsheet.corpus import DASK_ADDRESS_ENV

    if args.workers is not None and args.workers < 1:
        raise InputError(f"--workers {args.workers}: give 1 or more processes")
    if args.workers is not None and args.dask:
        raise InputError("--workers and --dask: choose one (local processes or a Dask cluster)")
    address = args.dask or (os.environ.get(DASK_ADDRESS_ENV, "").strip() if args.workers is None else "")
    return args.workers or 1, address or None


def _extract_corpus(args: argparse.Namespace) -> int:
    """Many documents in one process: one package (or one each with --each), errors listed, exit 2 if any."""
    from factsheet.corpus import Batch, executor, expand_sources, publish_corpus, publish_each
    from factsheet.outputs import check_out_dir
    from factsheet.runs import ROOT

    currency, published = currency_option(args.currency), published_option(args.published)
    workers, address = _executor(args)
    protected = (ROOT / "datapackage", ROOT / "raw")
    paths = expand_sources(args.sources, args.list or [])
    if args.each:
        out = Path(args.out) if args.out is not None else Path(".")
        check_out_dir(out, force=True, protected=protected)  # never the published package, raw/ or inside a package
    else:
        chosen = Path(args.out) if args.out is not None else Path("factsheets-datapackage")
        out = check_out_dir(chosen, force=args.force, protected=protected)
    batch = Batch()
    outcomes = executor(paths, currency, published, workers, address)
    if args.each:
        lines = publish_each(outcomes, len(paths), out, args.force, protected, batch)
        lines.append(f"validation: {batch.verdict()}")
    else:
        summary = publish_corpus(outcomes, len(paths), out, batch)
        lines = summary.lines() if summary is not None else ["nothing written: no document extracted and passed"]
        if args.out is None and summary is not None:
            lines.append(f"note: no --out given; wrote the default folder {chosen}")
    failed = batch.error_lines()
    lines += batch.notes + [f"documents: {len(paths)} ({len(paths) - len(failed)} extracted, {len(failed)} failed)"]
    print("\n".join(lines))
    for line in failed:
        print(f"factsheet: error: {line}", file=sys.stderr)
    return 2 if failed else 0


def _refresh(args: argparse.Namespace) -> int:
    """Nothing new is decided in plain Python (no Prefect server, no Great Expectations); else the flow runs."""
    from factsheet.runs import ROOT
    from factsheet.settings import limits, runner_name
    from factsheet.sources import load_sources
    from factsheet.status import refresh_paths
    from factsheet.unchanged import quick_refresh

    run_limits = limits()  # a bad setting or sources.toml is exit 2 before a Prefect server starts
    runner_name()
    tracked = load_sources(Path(args.sources))
    paths = refresh_paths(args.sources, args.package)
    summary = quick_refresh(paths, tracked, run_limits)
    if summary is not None:
        print("\n".join(summary.lines() + _site_lines(paths.package, paths.raw.parent)))
        return 0
    if str(ROOT) not in sys.path:  # flows/ sits at the repo root, beside src/
        sys.path.insert(0, str(ROOT))
    from flows.refresh import run_refresh

    summary = run_refresh(sources=args.sources, package=args.package)
    site = _site_lines(paths.package, paths.raw.parent) if summary.outcome != "failed" else []
    print("\n".join(summary.lines() + site))
    return 0 if summary.outcome != "failed" else 1


def _site_lines(package: Path, root: Path) -> list[str]:
    """Bring the package's dataset page up to date (a code change rebuilds it even when no row changed)."""
    from factsheet.site import SITE_DIR, write_site

    if not (package / "datapackage.json").is_file():
        return []
    try:
        changed = write_site(package, root=root)
    except InputError as exc:
        return [f"warning: site not written: {exc}"]
    return [f"site: {package / SITE_DIR / 'index.html'}{' (rebuilt)' if changed else ''}"]


def parser() -> argparse.ArgumentParser:
    """Subcommands: extract documents, refresh the tracked sources, validate an edition, serve, status, align.

    Registering them imports nothing heavy: `factsheet --help` starts at once."""
    from factsheet.explore import add_datasette_command
    from factsheet.runs import DEFAULT_PACKAGE
    from factsheet.serve import add_serve_command
    from factsheet.site import add_site_command
    from factsheet.status import add_source_options, add_status_command

    p = argparse.ArgumentParser(prog="factsheet", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract fact sheets (text, HTML or PDF) into a validated data package",
                        description="One document: a package of it. Several documents, a folder, a glob pattern "
                        "or --list: every document in one package (one per document with --each); a document "
                        "that fails is listed and the others go on (exit 2 if any failed).")
    ex.add_argument("sources", nargs="*", metavar="SOURCE",
                    help="a fact sheet (.txt, .pdf, .htm, .md: recognised by content), a folder of them, or a "
                         "glob pattern such as 'sheets/**/*.pdf'")
    ex.add_argument("--list", action="append", metavar="FILE",
                    help="a file naming one source a line (relative to its folder; '#' comments)")
    ex.add_argument("--out", help="a new or empty folder, or one a previous extract wrote (default: "
                    "<file stem>-datapackage here; for a corpus factsheets-datapackage; with --each the "
                    "folder that gets one <file stem>-datapackage per document, default here)")
    ex.add_argument("--each", action="store_true", help="one package per document instead of one for all")
    ex.add_argument("--workers", type=int, metavar="N", help="extract on N local processes (default 1)")
    ex.add_argument("--dask", metavar="ADDRESS",
                    help="extract on an existing Dask cluster, e.g. tcp://scheduler:8786 "
                         "(default: FACTSHEET_DASK_ADDRESS when set)")
    ex.add_argument("--force", action="store_true",
                    help="write into a non-empty folder of yours (its other files are kept)")
    ex.add_argument("--currency", default="HKD", help="ISO 4217 code a bare '$' means (default: HKD)")
    ex.add_argument("--published", metavar="DATE",
                    help="the edition's date (YYYY, YYYY-MM or YYYY-MM-DD) when the document prints none")
    ex.set_defaults(run=_extract)
    rf = sub.add_parser("refresh", help="check every tracked source and publish a new package version if needed")
    add_source_options(rf)
    rf.set_defaults(run=_refresh)
    va = sub.add_parser("validate", help="validate a new edition against the published package (publishes nothing)",
                        description="Exit 0: passed (warnings allowed); 1: failed; 2: bad input.")
    va.add_argument("new", metavar="NEW", help="the new edition: .txt or .pdf (recognised by content)")
    va.add_argument("--source", metavar="ID", help="source id in the package (default: from the title)")
    va.add_argument("--package", metavar="DIR", default=str(DEFAULT_PACKAGE),
                    help=f"published package directory (default: {DEFAULT_PACKAGE})")
    va.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    va.add_argument("--report", metavar="PATH", help="also write a self-contained HTML report to PATH")
    va.add_argument("--currency", default="HKD", help="ISO 4217 code a bare '$' means (default: HKD)")
    va.add_argument("--published", metavar="DATE",
                    help="the edition's date (YYYY, YYYY-MM or YYYY-MM-DD) when the document prints none")
    va.set_defaults(run=_validate)
    add_serve_command(sub)
    add_status_command(sub)
    al = sub.add_parser("align", help="pair the figures of an English and a Chinese edition of one publication",
                        description="Pairs each figure of one language edition with its twin in the other and "
                        "reports twins whose value, qualifier or period differ and figures one edition states "
                        "alone. Exit 0: the twins agree; 1: some differ; 2: bad input.")
    al.add_argument("edition", metavar="EDITION", help="one language edition (.txt, .md, .htm or .pdf)")
    al.add_argument("counterpart", metavar="COUNTERPART", help="the same publication in the other language")
    al.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    al.add_argument("--report", metavar="PATH", help="also write a self-contained HTML report to PATH")
    al.add_argument("--currency", default="HKD", help="ISO 4217 code a bare '$' means (default: HKD)")
    al.add_argument("--published", metavar="DATE",
                    help="the editions' date (YYYY, YYYY-MM or YYYY-MM-DD) when a document prints none")
    al.set_defaults(run=_align)
    add_site_command(sub)
    add_datasette_command(sub)
    return p


def _validate(args: argparse.Namespace) -> int:
    from factsheet.validate_edition import run_validate

    return run_validate(args)


def _align(args: argparse.Namespace) -> int:
    from factsheet.align import run_align

    return run_align(args)


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; a user's mistake is one line on stderr and exit 2, never a traceback."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        print(f"factsheet: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # a full disk, a name too long, a permission: the OS's reason and the file
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"factsheet: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("factsheet: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug or a failed check: one line, exit 1; the traceback only on request
        from factsheet.publish import PackageInvalid
        from factsheet.validate import ValidationFailed

        if os.environ.get("FACTSHEET_DEBUG"):
            raise
        if isinstance(exc, ValidationFailed | PackageInvalid):
            print(f"factsheet: validation failed, nothing published:\n{exc}", file=sys.stderr)
        else:
            print(f"factsheet: internal error: {type(exc).__name__}: {exc} (FACTSHEET_DEBUG=1 shows the traceback)",
                  file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
