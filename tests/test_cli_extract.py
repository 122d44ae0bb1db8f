"""`factsheet extract` as a user runs it: a package from the seed, and one-line errors for bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "data" / "innovative-hong-kong-2022-06.txt"
OWN = ROOT / "tests" / "docs" / "innovative-hong-kong-2023-06.txt"
SCORE = ROOT.parent / "shared" / "eval" / "score.py"
GOLD = ROOT.parent / "shared" / "gold"


def factsheet(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DO_NOT_TRACK": "1", "GX_ANALYTICS_ENABLED": "false"}
    return subprocess.run([sys.executable, "-m", "factsheet.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


def files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def seed_package(tmp_path_factory):
    if not SEED.exists():
        pytest.skip("shared/ seed text not beside the repo")
    out = tmp_path_factory.mktemp("seed") / "pkg"
    run = factsheet("extract", SEED, "--out", out)
    assert run.returncode == 0, run.stderr
    return out, run


def test_extract_writes_a_valid_package_and_a_summary(seed_package):
    out, run = seed_package
    assert "published version 1.0.0" in run.stdout
    validate = subprocess.run([str(Path(sys.executable).with_name("frictionless")), "validate",
                               str(out / "datapackage.json")], capture_output=True, text=True, timeout=300)
    assert validate.returncode == 0, validate.stdout[-2000:]
    names = {r["name"] for r in json.loads((out / "datapackage.json").read_text())["resources"]}
    assert {"figures", "events", "editions", "changes"} <= names


def test_extract_meets_the_seed_targets(seed_package):
    out, _ = seed_package
    run = subprocess.run([sys.executable, str(SCORE), str(GOLD / "innovative-hong-kong-2022-06.figures.csv"),
                          str(out / "datapackage.json"), "--events",
                          str(GOLD / "innovative-hong-kong-2022-06.events.csv"), "--json"],
                         capture_output=True, text=True, timeout=60)
    score = json.loads(run.stdout)
    assert score["f1"] >= 0.97 and score["qualifier_acc"] >= 0.97 and score["period_acc"] >= 0.95
    assert score["scope_acc"] >= 0.95 and score["label_hit"] >= 0.85
    assert score["events_recall"] >= 0.9 and score["events_precision"] >= 0.9


def test_every_row_is_traceable_to_the_text(seed_package):
    import csv

    out, _ = seed_package
    text = SEED.read_text(encoding="utf-8")
    for name, column in (("figures", "value_text"), ("events", "date_text")):
        with open(out / f"{name}.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                assert row[column] in row["statement"]
                span = text[int(row["char_start"]) : int(row["char_end"])]
                assert " ".join(span.split()) == " ".join(row[column].split())


def test_extract_is_deterministic_and_rewrites_nothing(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert factsheet("extract", OWN, "--out", a).returncode == 0
    assert factsheet("extract", OWN, "--out", b).returncode == 0
    assert files(a) == files(b)
    before = {p: p.stat().st_mtime_ns for p in a.rglob("*")}
    again = factsheet("extract", OWN, "--out", a)
    assert again.returncode == 0 and "unchanged" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in a.rglob("*")} == before


def test_a_non_utf8_text_is_read_and_the_encoding_named(tmp_path):
    cp1252 = tmp_path / "cp1252.txt"
    cp1252.write_bytes(OWN.read_text(encoding="utf-8").replace("’", "'").replace("“", '"').replace("”", '"')
                       .replace("•", "-").replace("Fintech", "Fintech café").encode("cp1252"))
    run = factsheet("extract", cp1252, "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert "read as cp1252" in run.stdout


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    nofigures = tmp / "prose.txt"
    nofigures.write_text("A Fact Sheet\n\nHong Kong is a city by the sea with many people and ideas.\n")
    folder = tmp / "empty-folder"  # a folder is a corpus: one with no document in it is the mistake
    folder.mkdir()
    (folder / "notes.csv").write_text("a,b\n")
    return {
        "missing": (tmp / "nope.txt", "no such file"),
        "directory": (folder, "a folder with no document in it"),
        "empty": (empty, "file is empty"),
        "binary": (binary, "binary file"),
        "no figures": (nofigures, "no figures found"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "binary", "no figures"])
def test_bad_input_is_one_line_exit_2_nothing_written(tmp_path, case):
    source, message = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    run = factsheet("extract", source, "--out", out)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(source.name) in lines[0]
    assert "Traceback" not in run.stderr
    assert not out.exists()


def test_unwritable_out_is_one_line_exit_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    run = factsheet("extract", OWN, "--out", blocker / "pkg")
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert blocker.read_text() == "not a directory"


def test_extract_and_validate_agree_on_an_absurd_number_and_an_impossible_date(tmp_path):
    """Both leave the two figures out with a warning naming them; neither fails on them, neither publishes them."""
    text = OWN.read_text(encoding="utf-8").replace("at least 46 000", "at least " + "9" * 400).replace(
        "• Up to HK$4 million",
        "• Exports in February 30, 2023 were down 5 per cent from a year earlier.\n• Up to HK$4 million")
    sheet = tmp_path / "sheet.txt"
    sheet.write_text(text, encoding="utf-8")
    out = tmp_path / "pkg"
    run = factsheet("extract", sheet, "--out", out)
    assert run.returncode == 0, run.stderr
    warning = f"warning: innovative-hong-kong-2023-06: 2 figures left out: number too large ('at least {'9' * 28}...'"
    assert warning in run.stdout and "impossible date 2023-02-30 ('down 5 per cent' at chars " in run.stdout
    published = json.loads((out / "figures.json").read_text(encoding="utf-8"))
    assert not [f for f in published if f["value_text"].startswith(("at least 999", "down 5 per cent"))]

    check = factsheet("validate", sheet, "--package", out, "--json")
    assert check.returncode == 0, check.stdout + check.stderr
    verdict = json.loads(check.stdout)
    [left_out] = [x for x in verdict["expectations"] if not x["success"]]
    assert (left_out["name"], left_out["severity"], left_out["unexpected_count"]) == (
        "normalise: nothing left out", "warning", 2)
    assert [r["message"] for r in left_out["failing_rows"]] == [
        "figure left out: number too large", "figure left out: impossible date 2023-02-30"]


def test_a_caller_given_date_dates_the_relative_phrases_of_a_document_that_prints_none(tmp_path):
    speech = tmp_path / "speech.txt"
    speech.write_text("Budget Speech\n\nPublic Finances\n\n146.The task force I set up last year has examined the "
                      "costs. It will review 300 projects.\n\n150.Government introduced a bill into LegCo "
                      "this January.\n",
                      encoding="utf-8")
    dated = factsheet("extract", speech, "--published", "2016-02-24", "--out", tmp_path / "dated")
    assert dated.returncode == 0, dated.stderr
    events = json.loads((tmp_path / "dated" / "events.json").read_text(encoding="utf-8"))
    assert [(e["date_start"], e["date_end"]) for e in events] == [("2015-01-01", "2015-12-31"),
                                                                  ("2016-01-01", "2016-01-31")]
    editions = json.loads((tmp_path / "dated" / "editions.json").read_text(encoding="utf-8"))
    assert editions[0]["published"] == "2016-02-24"
    undated = factsheet("extract", speech, "--out", tmp_path / "undated")  # no date: no guess
    assert undated.returncode == 0, undated.stderr
    assert json.loads((tmp_path / "undated" / "events.json").read_text(encoding="utf-8")) == []
