"""The Python API: `factsheet.extract` and `factsheet.validate` over the CLI's own functions; the README's example runs
as written; `import factsheet` stays cheap. Real files, a real ReportLab PDF, real Great Expectations."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pdfgen
import pytest

import factsheet
from factsheet import schema
from factsheet.cli import main
from factsheet.errors import InputError
from factsheet.publish import csv_bytes

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SHEET = [
    "The Government injected HK$1.67 billion into the Innovation and Technology Fund in 2021.",
    "There are over 44,500 Wi-Fi.HK hotspots as at end March 2022.",
    "Hong Kong ranks 1st in Asia-Pacific in the IMD World Competitiveness Ranking 2021.",
]


def readme_example() -> str:
    """The first Python block under the README's "Python API" heading, exactly as a reader copies it."""
    section = README.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "sheet.pdf"
    path.write_bytes(pdfgen.one_column(SHEET + ["(June 2022)"], title="Innovation Facts"))
    return path


@pytest.fixture(scope="module")
def pkg(pdf: Path) -> factsheet.Package:
    return factsheet.extract(pdf)


def test_import_factsheet_loads_no_pandas_prefect_or_great_expectations() -> None:
    code = ("import sys, factsheet; "
            "print(sorted(m for m in ('pandas', 'prefect', 'great_expectations') if m in sys.modules)); "
            "import factsheet.extract, factsheet.validate; "
            "print(callable(factsheet.extract), callable(factsheet.validate), 'prefect' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "True True False"]


def test_the_api_names_are_functions_even_beside_submodules_of_the_same_name() -> None:
    from factsheet import extract, validate
    from factsheet.extract import extract as grammar  # the grammar module is still importable

    assert extract is factsheet.extract and extract.__module__ == "factsheet.api"
    assert validate is factsheet.validate and validate.__module__ == "factsheet.api"
    assert grammar.__module__ == "factsheet.extract" and sys.modules["factsheet.extract"].extract is grammar


def test_extract_returns_the_resources_as_typed_frames(pkg: factsheet.Package) -> None:
    assert set(pkg.frames) == set(schema.RESOURCES)
    for name, frame in pkg.frames.items():
        assert list(frame.columns) == schema.columns(name), name
    assert isinstance(pkg.figures, pd.DataFrame) and len(pkg.editions) == 1 and pkg.changes.empty
    money = pkg.figures[pkg.figures["kind"] == "money"].iloc[0]
    assert (money["value"], money["currency"], money["page"]) == (1670000000, "HKD", 1)
    assert pkg.editions.iloc[0]["edition_id"] == "innovation-facts-2022-06"
    assert pkg.warnings == ()


@pytest.mark.slow
def test_write_publishes_what_the_cli_publishes(pkg: factsheet.Package, pdf: Path, tmp_path: Path) -> None:
    """Same document, same code: the API's package and the command's are byte-identical, and hold the frames."""
    summary = pkg.write(tmp_path / "api")
    assert summary.outcome == "published" and summary.verdict.startswith("passed")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["extract", str(pdf), "--out", str(tmp_path / "cli")]) == 0
    assert snapshot(tmp_path / "api") == snapshot(tmp_path / "cli")
    for name in schema.RESOURCES:
        assert (tmp_path / "api" / f"{name}.csv").read_bytes() == csv_bytes(pkg.frames[name], name), name
    again = pkg.write(tmp_path / "api")  # an earlier extract's folder may be written again; the same rows: unchanged
    assert again.outcome == "unchanged"


def test_write_refuses_the_published_package_and_a_folder_of_yours(pkg: factsheet.Package, tmp_path: Path) -> None:
    before = snapshot(ROOT / "datapackage")
    with pytest.raises(InputError, match="only `factsheet refresh` writes"):
        pkg.write(ROOT / "datapackage")
    assert snapshot(ROOT / "datapackage") == before
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(InputError, match="not empty and not a package written by `factsheet extract`"):
        pkg.write(mine)
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_mistakes_raise_the_clis_one_line_errors(tmp_path: Path, pdf: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        factsheet.extract(tmp_path / "missing.pdf")
    with pytest.raises(InputError, match="--currency 'dollars': not an ISO 4217 currency code"):
        factsheet.extract(pdf, currency="dollars")
    with pytest.raises(InputError, match="no datapackage.json"):
        factsheet.validate(pdf, package=tmp_path)


@pytest.mark.slow
def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    """The example from the repo root: raw/ and datapackage/ as they are (linked), its output folder new."""
    (tmp_path / "raw").symlink_to(ROOT / "raw")
    (tmp_path / "datapackage").symlink_to(ROOT / "datapackage")
    out = io.StringIO()
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(readme_example(), "README.md", "exec"), {"__name__": "readme"})
    finally:
        os.chdir(cwd)
    printed = out.getvalue()
    assert "figures," in printed and "published version 1.0.0" in printed
    assert printed.rstrip().endswith("validated against itself")
    assert "passed - this file is published edition innovative-hong-kong-2022-06" in printed
    descriptor = json.loads((tmp_path / "ihk-package" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["factsheet"] == {"role": "standalone"} and "licenses" not in descriptor
