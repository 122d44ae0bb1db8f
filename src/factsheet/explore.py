"""`factsheet datasette`: the package as a SQLite database, served by Datasette (the optional `datasette` extra)
with datasette-vega's charts, for exploring with SQL, facets and charts in a browser.

The database is built from the package's CSV files and Table Schemas with the standard library (typed columns,
primary keys, one table per resource) into a temporary folder that lives as long as the server: it is always
the package as published, and nothing is written beside the package. Titles, descriptions, units, licence and
sources go to Datasette's metadata.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from factsheet.errors import InputError
from factsheet.outputs import DESCRIPTOR

TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}  # anything else is TEXT
INSTALL = ".venv/bin/pip install -e '.[datasette]'"


def _tables(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    """The CSV resources with a schema: one SQLite table each (the JSON forms hold the same rows)."""
    return [r for r in descriptor.get("resources", []) if isinstance(r, dict) and isinstance(r.get("schema"), dict)
            and str(r.get("path", "")).endswith(".csv") and "/" not in str(r["path"])]


def _value(text: str, type_: str) -> Any:
    if text == "":
        return None
    if type_ == "integer":
        return int(text)
    if type_ == "number":
        return float(text)
    return text[1:] if text.startswith("'") and len(text) > 1 and text[1] in "=+-@\t\r" else text


def write_database(package: Path, db: Path) -> dict[str, int]:
    """Write package's CSV tables into a new SQLite file db; {table: rows}. InputError if it is no package."""
    try:
        descriptor = json.loads((package / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(f"{package}: no readable {DESCRIPTOR} (not a data package)") from None
    counts: dict[str, int] = {}
    with sqlite3.connect(db) as con:
        for resource in _tables(descriptor):
            name, fields = str(resource.get("name")), resource["schema"].get("fields", [])
            columns = ", ".join(f'"{f["name"]}" {TYPES.get(f.get("type"), "TEXT")}' for f in fields)
            key = resource["schema"].get("primaryKey")
            keys = [key] if isinstance(key, str) else key or []
            primary = f', PRIMARY KEY ({", ".join(chr(34) + k + chr(34) for k in keys)})' if keys else ""
            con.execute(f'CREATE TABLE "{name}" ({columns}{primary})')
            with open(package / resource["path"], encoding="utf-8", newline="") as f:
                rows = [tuple(_value(row.get(fl["name"], ""), fl.get("type", "string")) for fl in fields)
                        for row in csv.DictReader(f)]
            con.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(fields))})', rows)
            counts[name] = len(rows)
    con.close()
    return counts


def metadata(package: Path) -> dict[str, Any]:
    """Datasette's metadata for the database: the package's title, licence, source, and each column's description."""
    descriptor = json.loads((package / DESCRIPTOR).read_text(encoding="utf-8"))
    licence = next((lic for lic in descriptor.get("licenses", []) if isinstance(lic, dict)), {})
    source = next((s for s in descriptor.get("sources", []) if isinstance(s, dict) and s.get("url")), {})
    tables: dict[str, Any] = {}
    for resource in _tables(descriptor):
        columns = {}
        for f in resource["schema"].get("fields", []):
            unit = f.get("unit") or (f"the row's {f['unitField']}" if f.get("unitField") else "")
            columns[f["name"]] = " ".join(x for x in (f.get("description", ""), f"({unit})" if unit else "") if x)
        tables[str(resource["name"])] = {"title": resource.get("title", ""), "columns": columns}
    meta = {"title": descriptor.get("title", package.name), "description": descriptor.get("description", ""),
            "license": licence.get("title") or licence.get("name", ""), "license_url": licence.get("path", ""),
            "source": source.get("title", ""), "source_url": source.get("url", ""),
            "databases": {"factsheet": {"tables": tables}}}
    return {k: v for k, v in meta.items() if v}


def datasette_command() -> str:
    """The datasette executable beside this Python (the venv's) or on PATH; InputError naming the extra if none."""
    found = shutil.which("datasette", path=os.pathsep.join([str(Path(sys.executable).parent),
                                                           os.environ.get("PATH", "")]))
    if not found:
        raise InputError(f"datasette is not installed: {INSTALL}")
    return found


def run_datasette(args: argparse.Namespace) -> int:
    """Build the database and metadata in a temporary folder and serve them until Datasette stops."""
    package = Path(args.package)
    command = datasette_command() if not args.build_only else ""
    with tempfile.TemporaryDirectory(prefix="factsheet-datasette-") as tmp:
        db = Path(tmp) / "factsheet.db"
        counts = write_database(package, db)
        (Path(tmp) / "metadata.json").write_text(json.dumps(metadata(package), indent=1), encoding="utf-8")
        print(f"database: {', '.join(f'{n} {c} rows' for n, c in counts.items())}")
        if args.build_only:
            return 0
        serve = [command, "serve", str(db), "--metadata", str(Path(tmp) / "metadata.json"),
                 "--host", args.host, "--port", str(args.port), "--setting", "default_page_size", "50"]
        print(f"serving on http://{args.host}:{args.port}/factsheet; stop with Ctrl-C or SIGTERM", flush=True)
        return _serve(serve)


def _serve(command: list[str]) -> int:
    """Run Datasette until it exits, Ctrl-C or SIGTERM; never leave it running behind (the database is temporary)."""
    import signal

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, stop)
    proc = subprocess.Popen(command)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def add_datasette_command(subparsers: argparse._SubParsersAction) -> None:
    """Register `factsheet datasette` (needs the optional extra: pip install -e '.[datasette]')."""
    from factsheet.runs import DEFAULT_PACKAGE

    ds = subparsers.add_parser("datasette", help="explore the package in Datasette (SQL, facets, Vega charts); "
                                                 "needs the datasette extra")
    ds.add_argument("--package", metavar="DIR", default=str(DEFAULT_PACKAGE),
                    help=f"the data package (default: {DEFAULT_PACKAGE})")
    ds.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    ds.add_argument("--port", type=int, default=8001, help="port (default: 8001)")
    ds.add_argument("--build-only", action="store_true", help="build the database, print its tables and stop")
    ds.set_defaults(run=run_datasette)
