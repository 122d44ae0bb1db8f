"""The 21 real "Financial results" releases (March 1999 to March 2019) as one series of editions: every table
row keeps one figure_key across twenty years, each year's value is paired with the next year's as a later
period, and the third party's own checks (surplus = revenue - expenditure, reserves at end = start + the
change, start = the previous end) run on every release without a false alarm, while a revision shows.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from factsheet import reconcile
from factsheet.model import Edition
from factsheet.pipeline import EditionData, changes_between, link_editions, standalone_edition

FISCAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "fiscal"
pytestmark = pytest.mark.skipif(not (FISCAL / "answers.csv").exists(),
                                reason="shared/data/real/fiscal is not beside the repo")
ROWS = ["Revenue", "Expenditure", "Fiscal Reserves at start of period"]


@cache
def series() -> tuple[list[EditionData], pd.DataFrame]:
    """The releases as editions of one source, dated by the month they report on, linked and compared."""
    with open(FISCAL / "answers.csv", newline="", encoding="utf-8") as f:
        answers = list(csv.DictReader(f))
    editions = []
    for row in answers:
        data = standalone_edition(FISCAL / row["file_name"])
        edition_id = f"fiscal-results-{row['month_ended']}"
        edition = Edition(**{**data.edition.__dict__, "source_id": "fiscal-results", "edition_id": edition_id,
                             "published": row["month_ended"]})
        editions.append(EditionData(edition, data.document, data.structure,
                                    data.figures.assign(edition_id=edition_id), data.events))
    linked = link_editions(editions)
    return linked, changes_between(linked)


def cells(figures: pd.DataFrame, label: str, month: str) -> pd.DataFrame:
    """The table cells of a row in the month column ('03') or the year-to-date column ('04', from April)."""
    cell = figures[(figures["rule"] == "table-cell") & figures["label"].str.startswith(label)]
    return cell[cell["period_start"].str[5:7] == month]


@pytest.mark.parametrize("label", ROWS)
@pytest.mark.parametrize("month", ["03", "04"], ids=["month column", "year column"])
def test_a_table_row_keeps_its_key_for_twenty_years(label: str, month: str) -> None:
    linked, changes = series()
    found = [cells(e.figures, label, month) for e in linked]
    assert all(len(f) == 1 for f in found), [len(f) for f in found]
    [key] = {f["figure_key"].iloc[0] for f in found}
    paired = changes[(changes["figure_key"] == key) & changes["change"].isin(["changed", "unchanged"])]
    assert len(paired) == len(linked) - 1  # every release paired with the one before
    assert set(paired["period_change"]) == {"later"}  # next year's value, not a revision


def test_the_third_party_checks_hold_in_every_release() -> None:
    linked, _ = series()
    for e in linked:
        assert len(reconcile.columns(e.figures)) >= 2, e.edition.edition_id  # the checks had tables to read
        wrong = reconcile.totals(e.figures) + reconcile.balances(e.figures) + reconcile.identities(e.figures)
        assert wrong == [], (e.edition.edition_id, [m.message for m in wrong])


def test_a_misread_cell_does_not_reconcile() -> None:
    linked, _ = series()
    figures = linked[10].figures.copy()  # March 2009
    revenue = cells(figures, "Revenue", "03").index[0]
    figures.loc[revenue, "value"] += 1e8  # 14,838.3 read as 14,938.3
    [wrong] = reconcile.identities(figures)
    assert ("(41,774.0) ((Deficit)/ Surplus) is not 14,838.3 (Revenue) - (56,612.3) (Expenditure) = -41,674.0"
            in wrong.message)


def test_the_start_of_a_year_is_the_end_of_the_one_before_or_a_revision() -> None:
    """The year-to-date column starts on 1 April: its opening reserves are the previous release's closing
    ones, but for the revisions between a provisional and the audited figure, which show as warnings."""
    linked, _ = series()
    for before, after in zip(linked, linked[1:]):
        start = cells(after.figures, "Fiscal Reserves at start of period", "04").iloc[0]
        end = cells(before.figures, "Fiscal Reserves at end of period", "04")
        mismatches = reconcile.continuity(after.figures, before.figures)
        if end.empty or start["period_start"][:4] != end["period_end"].iloc[0][:4]:
            continue  # the release before covers another year: nothing to compare
        revised = abs(float(start["value"]) - float(end["value"].iloc[0])) > 0.05e6
        assert bool(mismatches) == revised, (after.edition.edition_id, [m.message for m in mismatches])
    march_2009 = linked[10].figures
    [revision] = reconcile.continuity(march_2009, linked[9].figures)
    assert revision.message == ("492,914.5 (Fiscal Reserves at start of period) at the start of 2008-04-01 is not "
                                "492,918.6 at the end of 2008-03-31 (fiscal-results-2008-03-31)")
