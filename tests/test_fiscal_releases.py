"""The 21 real monthly "Financial results" releases (HTML of four eras of markup) against the third party's
answers.csv: every month's revenue, expenditure, surplus/deficit and fiscal reserves at start and end is found
as HKD money with the month as its period. The check is benchmarks/bench_fiscal.py's, which prints the share."""

import csv
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FISCAL = ROOT.parent / "shared" / "data" / "real" / "fiscal"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_fiscal", ROOT / "benchmarks" / "bench_fiscal.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_answer_of_every_release_is_found_for_its_month(bench):
    if not (FISCAL / "answers.csv").exists():
        pytest.skip("shared/data/real/fiscal is not beside the repo")
    with open(FISCAL / "answers.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 21
    found, expected, missed = bench.check(rows)
    assert (found, expected) == (105, 105), missed
