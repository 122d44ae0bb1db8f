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
    from factsheet.pipeline import extract_package

    out = Path(args.out) if args.out is not None else None
    summary = extract_package(Path(args.source), out, currency=currency_option(args.currency), force=args.force,
                              published=published_option(args.published))
    print("\n".join(summary.lines()))
    return 0


def _refresh(args: argparse.Namespace) -> int:
    from factsheet.pipeline import ROOT
    from factsheet.settings import limits
    from factsheet.sources import load_sources

    limits()  # a bad time limit setting or sources.toml is exit 2 before a Prefect server starts
    load_sources(Path(args.sources))
    if str(ROOT) not in sys.path:  # flows/ sits at the repo root, beside src/
        sys.path.insert(0, str(ROOT))
    from flows.refresh import run_refresh

    summary = run_refresh(sources=args.sources, package=args.package)
    print("\n".join(summary.lines()))
    return 0 if summary.outcome != "failed" else 1


def parser() -> argparse.ArgumentParser:
    """Subcommands: extract one document, refresh the tracked sources, validate an edition, serve, status."""
    from factsheet.serve import add_serve_command
    from factsheet.status import add_source_options, add_status_command
    from factsheet.validate_edition import add_validate_command

    p = argparse.ArgumentParser(prog="factsheet", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract one fact sheet (text, HTML or PDF) into a validated data package")
    ex.add_argument("source", help="a fact sheet: .txt or .pdf (recognised by content)")
    ex.add_argument("--out", help="a new or empty folder, or one a previous extract wrote "
                    "(default: <file stem>-datapackage here, printed)")
    ex.add_argument("--force", action="store_true",
                    help="write into a non-empty folder of yours (its other files are kept)")
    ex.add_argument("--currency", default="HKD", help="ISO 4217 code a bare '$' means (default: HKD)")
    ex.add_argument("--published", metavar="DATE",
                    help="the edition's date (YYYY, YYYY-MM or YYYY-MM-DD) when the document prints none")
    ex.set_defaults(run=_extract)
    rf = sub.add_parser("refresh", help="check every tracked source and publish a new package version if needed")
    add_source_options(rf)
    rf.set_defaults(run=_refresh)
    add_validate_command(sub)
    add_serve_command(sub)
    add_status_command(sub)
    return p


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
