"""A long series of editions of one source: the eight HKMA "Reserves Management" chapters (2015-2022), tracked
as one path source whose `published` date sources.toml gives (the chapters print none), refreshed into one
package whose changes resource keeps each indicator's figure_key across all eight.

Seven editions are archived by check_source (what the refresh flow's first task runs), as seven weekly runs
would; the eighth arrives by a real refresh run (flows/refresh.py), which links and compares all eight.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import factsheet  # noqa: F401 - telemetry off before Prefect is imported
from factsheet.pipeline import ROOT, check_source
from factsheet.sources import load_sources

sys.path.insert(0, str(ROOT))
from flows.refresh import run_refresh  # noqa: E402

HKMA = ROOT.parent / "shared" / "data" / "real" / "hkma"
YEARS = range(2015, 2023)
ID = "hkma-reserves-management"
# Indicators each chapter states (2020's text stops before total assets and commitments), found by the words
# right before their value: (name, those words as a regex, years that state it)
INDICATORS = [
    ("total assets", r"assets of the exchange fund reached", [y for y in YEARS if y != 2020]),
    ("major portfolios", r"exchange fund has", list(YEARS)),
    ("types of asset allocation", r"decisions on", list(YEARS)),
    ("share managed in-house", r"directly manage(?: the investment of)?", list(YEARS)),
    ("share managed by external managers", r"to manage", list(YEARS)),
    ("Strategic Portfolio valuation", r"recorded a valuation (?:gain|loss) of", list(YEARS)),
    ("outstanding commitments", r"outstanding investment commitments(?: of the LTGP)? (?:amounted to|reached)",
     [y for y in YEARS if y != 2020]),
]

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_test_server"),
              pytest.mark.skipif(not HKMA.exists(), reason="shared/data/real/hkma is not beside the repo")]


def edition_of(root: Path, year: int) -> Path:
    """The workspace as a new edition arrives: the chapter at the source's path, its year in sources.toml."""
    shutil.copyfile(HKMA / f"hkma-reserves-management-{year}.en.md", root / "chapter.md")
    sources = root / "sources.toml"
    sources.write_text(f'[[source]]\nid = "{ID}"\ntitle = "HKMA Annual Report: Reserves Management"\n'
                       f'path = "chapter.md"\npublished = "{year}"\n', encoding="utf-8")
    return sources


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("series")
    (root / "raw").mkdir()
    for year in YEARS[:-1]:
        [source] = load_sources(edition_of(root, year))
        check = check_source(source, root / "raw", root / ".state")
        assert (check.outcome, check.edition_id) == ("new-edition", f"{ID}-{year}"), check
    summary = run_refresh(sources=edition_of(root, YEARS[-1]), package=root / "datapackage")
    assert summary.outcome == "published", summary.lines()
    return root / "datapackage"


def rows(package: Path, name: str) -> list[dict[str, str]]:
    with open(package / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_eight_editions_one_source_each_its_own_id(published: Path) -> None:
    editions = rows(published, "editions")
    assert [(e["edition_id"], e["published"]) for e in editions] == [(f"{ID}-{y}", str(y)) for y in YEARS]
    changes = rows(published, "changes")
    assert sorted({c["to_edition"] for c in changes}) == [f"{ID}-{y}" for y in YEARS[1:]]
    assert all(c["from_edition"] == f"{ID}-{int(c['to_edition'][-4:]) - 1}" for c in changes)
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "frictionless"), "validate", "datapackage.json"],
                          cwd=published, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "DO_NOT_TRACK": "1"})
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert json.loads((published / "datapackage.json").read_text())["version"] == "1.0.0"


@pytest.mark.parametrize("name, before, years", INDICATORS, ids=[i[0] for i in INDICATORS])
def test_an_indicator_keeps_its_key_across_the_series(published: Path, name: str, before: str,
                                                      years: list[int]) -> None:
    figures = [f for f in rows(published, "figures")
               if re.search(rf"{before}\s+{re.escape(f['value_text'])}", f["statement"], re.I)]
    by_year = {int(f["edition_id"][-4:]): f for f in figures}
    assert sorted(by_year) == years and len(figures) == len(years), [f["value_text"] for f in figures]
    [key] = {f["figure_key"] for f in figures}  # one key in every edition that states it
    changes = {(c["to_edition"][-4:], c["change"]): c for c in rows(published, "changes") if c["figure_key"] == key}
    for year in YEARS[1:]:
        if year in by_year and year - 1 in by_year:  # stated in both: one change row pairs them
            paired = [c for (y, change), c in changes.items() if y == str(year) and change in ("changed", "unchanged")]
            assert [(c["old_figure_id"], c["new_figure_id"]) for c in paired] == [
                (by_year[year - 1]["figure_id"], by_year[year]["figure_id"])]
        elif year - 1 in by_year:  # left out for a year: removed, then added back under the same key
            assert (str(year), "removed") in changes and (str(year + 1), "added") in changes


def test_the_changelog_lists_the_last_edition_s_changes(published: Path) -> None:
    text = (published / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 1.0.0 (2022)" in text and "First publication: 8 edition(s)" in text
