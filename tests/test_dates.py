"""The edition's own date: printed date lines, a press release's closing line, the title; else --published."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet.dates import printed_date, release_date, title_date

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("line, date", [
    ("(June 2022)", ("2022-06", True)),
    ("June 2022", ("2022-06", True)),
    ("(12/2025)", ("2025-12", True)),
    ("(2022)", ("2022", False)),
    ("2022", None),  # a bare year could be anything
    ("(13/2025)", None),
    ("Over 130 initiatives in 2020", None),
])
def test_printed_date_lines(line, date):
    assert printed_date(line) == date


@pytest.mark.parametrize("lines, date", [
    (["The Government announced today.", "Ends/Saturday, April 28, 2001", "NNNN"], "2001-04-28"),
    (["Ends/Thursday, April 30, 2009"], "2009-04-30"),
    (["End/ 30 April 2009"], "2009-04-30"),
    (["Ends/ April 2009"], None),  # not a day
    (["It ends here, April 28, 2001."], None),
])
def test_release_closing_lines(lines, date):
    assert release_date(lines) == date


@pytest.mark.parametrize("title, date", [
    ("Provisional financial results for the year ended March 31, 2009", "2009-03"),
    ("Financial results for the nine months ended December 31, 1998", "1998-12"),
    ("Annual Report 2023", "2023"),
    ("Hong Kong Annual Report 2022-23", None),  # a fiscal year is no single date
    ("Innovative Hong Kong", None),
    ("Economic Situation in 2019", None),  # what the chapter is about: a speech of 2020 reviews 2019
    ("Hong Kong's economy during 2008", None),
])
def test_dates_in_titles(title, date):
    assert title_date(title) == date


def factsheet(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factsheet.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def test_an_undated_document_takes_published_and_a_bad_date_is_one_line(tmp_path):
    sheet = tmp_path / "sheet.txt"
    sheet.write_text("Reserves Management\n\nThe Exchange Fund\n\nThe Fund earned HK$262.2 billion in 2019.\n")
    bad = factsheet("extract", sheet, "--out", tmp_path / "bad", "--published", "2019-02-30")
    assert bad.returncode == 2 and "--published" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    run = factsheet("extract", sheet, "--out", tmp_path / "pkg", "--published", "2019")
    assert run.returncode == 0, run.stderr
    [edition] = json.loads((tmp_path / "pkg" / "editions.json").read_text())
    assert (edition["edition_id"], edition["published"]) == ("reserves-management-2019", "2019")


def test_a_printed_date_wins_over_published(tmp_path):
    sheet = tmp_path / "sheet.txt"
    sheet.write_text("Innovative Hong Kong\n(June 2022)\n\nOverview\n\nOver 130 initiatives were presented.\n")
    run = factsheet("extract", sheet, "--out", tmp_path / "pkg", "--published", "2019")
    assert run.returncode == 0, run.stderr
    [edition] = json.loads((tmp_path / "pkg" / "editions.json").read_text())
    assert edition["published"] == "2022-06"
