"""`factsheet`: the command line over the same pipeline functions the Prefect flows call."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from factsheet.errors import InputError


def _extract(args: argparse.Namespace) -> int:
    from factsheet.pipeline import extract_package

    summary = extract_package(Path(args.source), Path(args.out), currency=args.currency)
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
    ex = sub.add_parser("extract", help="extract one fact sheet (text or PDF) into a validated data package")
    ex.add_argument("source", help="a fact sheet: .txt or .pdf (recognised by content)")
    ex.add_argument("--out", default="out", help="directory for datapackage.json and its files (default: out)")
    ex.add_argument("--currency", default="HKD", help="ISO 4217 code a bare '$' means (default: HKD)")
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
