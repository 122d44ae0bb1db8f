"""The 21 real monthly "Financial results" releases against the third party's answers.csv: the share of the
month's revenue, expenditure, surplus/deficit and fiscal reserves at start and end found as HKD money with the
month as their period, and pages per second of the HTML + table path."""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

from factsheet.pipeline import standalone_edition

ROOT = Path(__file__).resolve().parents[1]
FISCAL = ROOT.parent / "shared" / "data" / "real" / "fiscal"
COLUMNS = ("revenue", "expenditure", "surplus_deficit", "fiscal_reserve_start", "fiscal_reserve_end")


def month_of(day: str) -> tuple[str, str]:
    """'2009-03-31' -> ('2009-03-01', '2009-03-31'): the month a release reports on."""
    return day[:8] + "01", day


def found_values(path: Path, month: tuple[str, str]) -> set[float]:
    """HKD values of the release's figures whose period is that month."""
    figures = standalone_edition(path).figures
    monthly = figures[(figures["currency"] == "HKD") & (figures["kind"] == "money")
                      & (figures["period_start"] == month[0]) & (figures["period_end"] == month[1])]
    return {round(float(v) / 1e6, 1) for v in monthly["value"]}


def check(rows: list[dict[str, str]]) -> tuple[int, int, list[str]]:
    """(found, expected, what was missed) over every answers.csv row."""
    found = expected = 0
    missed = []
    for row in rows:
        values = found_values(FISCAL / row["file_name"], month_of(row["month_ended"]))
        for column in COLUMNS:
            expected += 1
            if round(float(row[column]), 1) in values:
                found += 1
            else:
                missed.append(f"{row['file_name']} {column} {row[column]}")
    return found, expected, missed


def main() -> int:
    if not FISCAL.exists():
        print("shared/data/real/fiscal is not beside the repo", file=sys.stderr)
        return 1
    with open(FISCAL / "answers.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    start = time.perf_counter()
    found, expected, missed = check(rows)
    seconds = time.perf_counter() - start
    print(f"fiscal releases: {found}/{expected} answers found as HKD money for the month ({found / expected:.1%})")
    print(f"html + tables:   {len(rows) / seconds:.1f} pages/s ({seconds:.2f} s for {len(rows)} releases, in-process)")
    for item in missed:
        print(f"  missed: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
