"""Editions compared figure by figure, semantic versions, and changelog sentences."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from factsheet import schema
from factsheet.diff import (
    changed_rows,
    changelog_entry,
    compare_editions,
    describe_changes,
    next_version,
    read_changelog_entries,
    render_changelog,
)
from factsheet.normalise import inherit_keys

E1, E2 = "innovative-hong-kong-2022-06", "innovative-hong-kong-2023-01"
KINDS = {"HKD": "money", "USD": "money", "percent": "percent", "rank": "rank"}


def figs(edition: str, rows: list[tuple], char_starts: list[int] | None = None) -> pd.DataFrame:
    """Figures from (figure_key, value, value_text, label, statement[, unit[, period]]) tuples, in document
    order; the kind follows the unit (HKD/USD money, percent, rank, else a count of the unit)."""
    records = []
    for i, row in enumerate(rows):
        key, value, text, label, statement, *rest = row
        unit, period = (list(rest) + ["things", None])[:2]
        kind = KINDS.get(unit, "count")
        records.append({
            "figure_id": f"{edition}-{i + 1:04d}", "edition_id": edition, "figure_key": key, "section": "Overview",
            "label": label, "statement": statement, "value": value, "value_text": text, "kind": kind,
            "unit": unit, "currency": unit if kind == "money" else None,
            "period_start": period[0] if period else None, "period_end": period[1] if period else None,
            "char_start": char_starts[i] if char_starts else 100 * i, "rule": "test",
        })
    return pd.DataFrame(records)


HOTSPOTS = "Wi-Fi Connected City: {} Wi-Fi.HK hotspots."
WIFI = ("count-hotspots-wi-fi-hk", 44500.0, "over 44,500", "Wi-Fi.HK hotspots", HOTSPOTS.format("over 44,500"),
        "hotspots")
LABS = ("count-laboratories", 28.0, "28", "InnoHK research laboratories",
        "InnoHK clusters, with 28 research laboratories now operating.", "laboratories")


def wifi(value: float, text: str, sentence: str = HOTSPOTS, unit: str = "hotspots") -> tuple:
    return (WIFI[0], value, text, WIFI[3], sentence.format(text), unit)


def fund(value: float, text: str, unit: str = "HKD") -> tuple:
    return ("money-fund-strategic-tech", value, text, "Strategic Tech Fund",
            f"Set up a {text} Strategic Tech Fund to invest in enterprises.", unit)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param([WIFI], [WIFI], [(WIFI[0], "unchanged", "over 44,500", "over 44,500")], id="unchanged"),
        pytest.param([WIFI], [wifi(46000.0, "over 46,000")],
                     [(WIFI[0], "changed", "over 44,500", "over 46,000")], id="value"),
        pytest.param([WIFI], [wifi(44500.0, "more than 44,500", "Hong Kong has {} Wi-Fi.HK hotspots across the city.")],
                     [(WIFI[0], "unchanged", "over 44,500", "more than 44,500")], id="wording-only"),
        pytest.param([WIFI], [wifi(44500.0, "over 44,500", unit="stations")],
                     [(WIFI[0], "removed", "over 44,500", None), (WIFI[0] + "-2", "added", None, "over 44,500")],
                     id="another unit is another indicator"),
        pytest.param([fund(5e9, "$5 billion")], [fund(5e9, "US$5 billion", "USD")],
                     [(fund(0, "")[0], "removed", "$5 billion", None),
                      (fund(0, "")[0] + "-2", "added", None, "US$5 billion")],
                     id="another currency is another amount"),
        pytest.param([WIFI], [wifi(44500.0 + 1e-11, "over 44,500")],
                     [(WIFI[0], "unchanged", "over 44,500", "over 44,500")], id="float-noise"),
        pytest.param([WIFI], [WIFI, LABS], [(WIFI[0], "unchanged", "over 44,500", "over 44,500"),
                                            (LABS[0], "added", None, "28")], id="added"),
        pytest.param([WIFI, LABS], [WIFI], [(WIFI[0], "unchanged", "over 44,500", "over 44,500"),
                                            (LABS[0], "removed", "28", None)], id="removed"),
        pytest.param([LABS, WIFI], [WIFI, LABS], [(WIFI[0], "unchanged", "over 44,500", "over 44,500"),
                                                  (LABS[0], "unchanged", "28", "28")], id="sorted-by-key"),
        pytest.param([], [], [], id="empty"),
    ],
)
def test_pairing(old, new, expected):
    changes = compare_editions(figs(E1, old), figs(E2, new), E1, E2)
    columns = ["figure_key", "change", "old_value_text", "new_value_text"]
    got = [tuple(None if pd.isna(v) else v for v in row) for row in changes[columns].itertuples(index=False)]
    assert got == expected
    assert list(changes.columns) == schema.columns("changes")
    assert (changes["to_edition"] == E2).all() and (changes["from_edition"] == E1).all()
    assert not changes["figure_key"].duplicated().any()  # (to_edition, figure_key) is the primary key


def test_a_figure_stated_twice_pairs_in_order_of_appearance_not_row_order():
    said = "The Fund recorded an investment income of {} in 2018."
    old = figs(E1, [("money-fund-income", 10.9e9, "HK$10.9 billion", "Fund: investment income",
                     said.format("HK$10.9 billion"), "HKD"),
                    ("money-fund-income-2", 10.9e9, "HK$10.9 billion", "Fund: investment income",
                     said.format("HK$10.9 billion"), "HKD")])
    new = figs(E2, [("money-fund-income-2", 262.2e9, "HK$262.2 billion", "Fund: investment income",
                     said.format("HK$262.2 billion"), "HKD"),
                    ("money-fund-income", 262.2e9, "HK$262.2 billion", "Fund: investment income",
                     said.format("HK$262.2 billion"), "HKD")], char_starts=[500, 5])  # rows out of text order
    changes = compare_editions(old, new, E1, E2)
    assert list(changes["change"]) == ["changed", "changed"]
    assert [(r["old_figure_id"], r["new_figure_id"]) for r in changes.to_dict("records")] == [
        (f"{E1}-0001", f"{E2}-0002"), (f"{E1}-0002", f"{E2}-0001")]


ITVF = ("In the past three years, the ITVF has invested about $200 million in 26 local start-ups and attracted "
        "about {} in private investment.")
HKSTPC = ("The Hong Kong Science and Technology Parks Corporation (HKSTPC) has invested over $277.2 million in 22 "
          "technology start-ups through its Corporate Venture Fund, attracting over {} in private investment.")


@pytest.mark.parametrize(("old", "new"), [
    pytest.param([("money-itvf-private", 1.67e9, "about $1.67 billion", "ITVF: private investment attracted",
                   ITVF.format("about $1.67 billion"), "HKD"),
                  ("money-hkstpc-private", 4.3e9, "over $4.3 billion", "HKSTPC: private investment attracted",
                   HKSTPC.format("over $4.3 billion"), "HKD")],
                 [("money-itvf-private", 2.4e9, "about $2.4 billion", "ITVF: private investment attracted",
                   ITVF.format("about $2.4 billion"), "HKD")],
                 id="ITVF's $2.4 billion is not HKSTPC's $4.3 billion"),
    pytest.param([("money-scheme-project", 4e5, "up to $400,000", "Scheme: funding per project",
                   "The Scheme funds up to $400,000 per project.", "HKD")],
                 [("money-round-start-up", 1e7, "$10 million", "Start-up: funding round",
                   "A Cyberport start-up closed a $10 million funding round.", "HKD")],
                 id="a funding round is not a grant per project"),
    pytest.param([("percent-renminbi-quarter", 3.8, "3.8%", "Renminbi: decline in the third quarter",
                   "After declining by 3.8% in the third quarter, the renminbi recovered.", "percent",
                   ("2019-07-01", "2019-09-30"))],
                 [("percent-renminbi-year", 1.4, "1.4%", "Renminbi depreciated against the US dollar",
                   "Overall, the renminbi depreciated by 1.4% against the US dollar.", "percent",
                   ("2020-01-01", "2020-12-31"))],
                 id="a quarter's move is not the year's"),
    pytest.param([("percent-us-yield", 1.5, "1.5%", "Ten-year US Treasury yields",
                   "Yields rose from 0.9% at the beginning of the year to 1.5% at the end of the year.", "percent")],
                 [("percent-us-yield", 4.0, "above 4%", "Ten-year US Treasury yields",
                   "Yields rose from 1.63% at the beginning of 2022 to above 4% in the fourth quarter.", "percent")],
                 id="a level at the year end is not a peak in a quarter"),
])
def test_different_indicators_are_never_paired(old, new):
    changes = compare_editions(figs(E1, old), figs(E2, new), E1, E2)
    said = {tuple(None if pd.isna(v) else v for v in (r["change"], r["old_value_text"], r["new_value_text"]))
            for r in changes.to_dict("records")}
    if len(old) == 2:  # the ITVF's own figure is its change; HKSTPC's is gone, not a change of -44.2%
        assert said == {("changed", "about $1.67 billion", "about $2.4 billion"),
                        ("removed", "over $4.3 billion", None)}
    else:
        assert said == {("removed", old[0][2], None), ("added", None, new[0][2])}


def test_a_loss_that_became_a_gain_crosses_zero():
    comprised = "This comprised gains on bonds of {}, {} on Hong Kong equities of {}."
    old = figs(E1, [("money-bonds", 57.4e9, "HK$57.4 billion", "Gains on bonds",
                     comprised.format("HK$57.4 billion", "losses", "HK$20.7 billion"), "HKD"),
                    ("money-hong-kong", 20.7e9, "HK$20.7 billion", "Losses on Hong Kong equities",
                     comprised.format("HK$57.4 billion", "losses", "HK$20.7 billion"), "HKD")],
               char_starts=[10, 60])
    new = figs(E2, [("money-bonds", 114.5e9, "HK$114.5 billion", "Gains on bonds",
                     comprised.format("HK$114.5 billion", "gains", "HK$20.7 billion"), "HKD"),
                    ("money-hong-kong", 20.7e9, "HK$20.7 billion", "Gains on Hong Kong equities",
                     comprised.format("HK$114.5 billion", "gains", "HK$20.7 billion"), "HKD")],
               char_starts=[10, 60])
    rows = {r["old_value_text"]: r for r in compare_editions(old, new, E1, E2).to_dict("records")}
    equities = rows["HK$20.7 billion"]
    assert (equities["change"], equities["sign_change"]) == ("changed", "negative to positive")  # same magnitude
    assert rows["HK$57.4 billion"]["change"] == "changed" and pd.isna(rows["HK$57.4 billion"]["sign_change"])
    entry = changelog_entry("1.1.0", "2023-01", compare_editions(old, new, E1, E2), "")
    assert "- Gains on Hong Kong equities: HK$20.7 billion → HK$20.7 billion (negative to positive)" in entry


def test_a_revision_is_told_from_the_next_period():
    said = "Revenue for the year ended March 31, {} amounted to {}."
    old = figs(E1, [("money-revenue", 316.5e9, "$316.5 billion", "Revenue", said.format(2009, "$316.5 billion"), "HKD",
                     ("2008-04-01", "2009-03-31"))])
    revised = figs(E2, [("money-revenue", 316.9e9, "$316.9 billion", "Revenue", said.format(2009, "$316.9 billion"),
                         "HKD", ("2008-04-01", "2009-03-31"))])
    later = figs(E2, [("money-revenue", 318.4e9, "$318.4 billion", "Revenue", said.format(2010, "$318.4 billion"),
                       "HKD", ("2009-04-01", "2010-03-31"))])
    assert compare_editions(old, revised, E1, E2).loc[0, "period_change"] == "same"
    assert compare_editions(old, later, E1, E2).loc[0, "period_change"] == "later"
    entry = changelog_entry("1.1.0", "2023-01", compare_editions(old, revised, E1, E2), "")
    assert "$316.5 billion → $316.9 billion (+0.1%; revised for the same period)" in entry


def test_respectively_gives_each_amount_its_subject():
    said = "The returns of the IP and the BP were {} and {} respectively."
    old = figs(E1, [("percent-ip", 3.7, "3.7%", "IP: rate of return", "Specifically, the IP achieved a rate of "
                     "return of 3.7%, while the BP gained 0.4%.", "percent"),
                    ("percent-bp", 0.4, "0.4%", "BP: rate of return", "Specifically, the IP achieved a rate of "
                     "return of 3.7%, while the BP gained 0.4%.", "percent")], char_starts=[10, 60])
    new = figs(E2, [("percent-bp-ip", -8.6, "-8.6%", "Returns of the IP and the BP", said.format("-8.6%", "-0.4%"),
                     "percent"),
                    ("percent-bp-ip-2", -0.4, "-0.4%", "Returns of the IP and the BP", said.format("-8.6%", "-0.4%"),
                     "percent")], char_starts=[10, 60])
    pairs = {(r["old_value_text"], r["new_value_text"]) for r in compare_editions(old, new, E1, E2).to_dict("records")}
    assert pairs == {("3.7%", "-8.6%"), ("0.4%", "-0.4%")}


def test_inherited_keys_give_the_same_changes():
    old = figs(E1, [WIFI, LABS, fund(5e9, "$5 billion")])
    new = figs(E2, [wifi(46000.0, "more than 46,000", "Hong Kong has {} Wi-Fi.HK hotspots across the city."),
                    ("count-laboratories-research", 30.0, "30", "Research laboratories in operation",
                     "InnoHK clusters, with 30 research laboratories in operation.", "laboratories"),
                    fund(5e9, "US$5 billion", "USD")])
    changes = compare_editions(old, new, E1, E2)
    linked = inherit_keys(new, old)
    pd.testing.assert_frame_equal(compare_editions(old, linked, E1, E2), changes)
    assert set(linked["figure_key"]) == set(changes.loc[changes["change"] != "removed", "figure_key"])
    labs = changes[changes["new_value_text"] == "30"].iloc[0]
    assert (labs["figure_key"], labs["change"], labs["match"]) == (LABS[0], "changed", "context")
    assert labs["old_label"] == LABS[3] and labs["new_label"] == "Research laboratories in operation"
    assert labs["old_statement"] == LABS[4] and 0.4 <= labs["similarity"] <= 1


def test_values_labels_and_dtypes():
    old = figs(E1, [WIFI, LABS])
    new = figs(E2, [wifi(46000.0, "over 46,000")])
    changes = compare_editions(old, new, E1, E2)
    row = changes.to_dict("records")[0]
    assert {k: row[k] for k in schema.columns("changes")[:9]} == {
        "from_edition": E1, "to_edition": E2, "figure_key": WIFI[0], "change": "changed",
        "old_value": 44500.0, "new_value": 46000.0, "old_value_text": "over 44,500",
        "new_value_text": "over 46,000", "label": "Wi-Fi.HK hotspots",
    }
    assert (row["match"], row["old_figure_id"], row["new_figure_id"]) == ("key", f"{E1}-0001", f"{E2}-0001")
    assert changes.loc[1, "label"] == LABS[3] and math.isnan(changes.loc[1, "new_value"])
    assert pd.isna(changes.loc[1, "match"]) and math.isnan(changes.loc[1, "similarity"])
    assert str(changes["old_value"].dtype) == "float64" and str(changes["label"].dtype) == "str"
    empty = compare_editions(None, figs(E1, []), None, E1)
    assert list(empty.columns) == schema.columns("changes") and len(empty) == 0
    assert str(empty["new_value"].dtype) == "float64"


def test_first_edition_is_all_added():
    changes = compare_editions(None, figs(E1, [WIFI, LABS]), None, E1)
    assert list(changes["change"]) == ["added", "added"] and list(changes["figure_key"]) == [WIFI[0], LABS[0]]
    assert changes["from_edition"].isna().all()


def test_frames_that_cannot_be_paired_are_refused():
    with pytest.raises(ValueError, match="new figures lack column"):
        compare_editions(None, pd.DataFrame({"figure_key": ["a"]}), None, E1)
    mixed = pd.concat([figs(E1, [WIFI]), figs(E2, [WIFI])])
    with pytest.raises(ValueError, match=f"old figures include edition.s. {E2}, not only {E1}"):
        compare_editions(mixed, figs(E2, [WIFI]), E1, E2)


@pytest.mark.parametrize(
    ("previous", "flags", "expected"),
    [
        (None, (False, False, False), "1.0.0"),
        (None, (True, True, True), "1.0.0"),
        ("1.0.0", (False, False, False), None),
        ("1.0.0", (False, False, True), "1.0.1"),
        ("1.0.1", (False, True, False), "1.1.0"),
        ("1.1.3", (False, True, True), "1.2.0"),
        ("1.2.3", (True, False, False), "2.0.0"),
        ("1.2.3", (True, True, True), "2.0.0"),
        ("9.9.9", (False, False, True), "9.9.10"),
    ],
)
def test_next_version(previous, flags, expected):
    schema_changed, new_edition, rows_changed = flags
    assert next_version(previous, schema_changed=schema_changed, new_edition=new_edition,
                        rows_changed=rows_changed) == expected


@pytest.mark.parametrize("bad", ["1.0", "v1.0.0", "1.0.0-rc1", ""])
def test_next_version_refuses_bad_previous(bad):
    with pytest.raises(ValueError, match="is not MAJOR.MINOR.PATCH"):
        next_version(bad, schema_changed=False, new_edition=True, rows_changed=False)


GII = "The Global Innovation Index placed Hong Kong {} in the world."
BROADBAND = "Household broadband penetration reached {}."
START_UPS = "There were {} start-ups in Hong Kong."


def two_editions() -> pd.DataFrame:
    old = figs(E1, [
        WIFI,
        ("count-lampposts-smart", 400.0, "about 400", "Smart lampposts", "About 400 smart lampposts were installed.",
         "lampposts"),
        ("rank-gii", 14.0, "14th", "Global Innovation Index rank", GII.format("14th"), "rank"),
        ("percent-broadband", 96.0, "96%", "Household broadband penetration", BROADBAND.format("96%"), "percent"),
        ("count-start-ups", 3800.0, "3 800", "Start-ups", START_UPS.format("3 800"), "start-ups"),
    ])
    new = figs(E2, [
        wifi(46000.0, "over 46,000"),
        ("rank-gii", 11.0, "11th", "Global Innovation Index rank", GII.format("11th"), "rank"),
        ("percent-broadband", 93.5, "93.5%", "Household broadband penetration", BROADBAND.format("93.5%"),
         "percent"),
        ("count-start-ups", 3800.0, "3,800", "Start-ups", START_UPS.format("3,800"), "start-ups"),
        ("count-cyberport-start-ups", 1800.0, "over 1,800", "Cyberport start-ups",
         "Cyberport hosts over 1,800 start-ups in its incubation programmes.", "start-ups"),
    ])
    return compare_editions(old, new, E1, E2)


def test_changelog_entry_sentences():
    changes = two_editions()
    summary = f"Innovative Hong Kong, edition 2023-01: {describe_changes(changes)}"
    entry = changelog_entry("1.1.0", "2023-01", changes, summary)
    assert entry == (
        "## 1.1.0 (2023-01)\n"
        "\n"
        "Innovative Hong Kong, edition 2023-01: 3 changed, 1 added, 1 removed, 1 unchanged.\n"
        "\n"
        "- Wi-Fi.HK hotspots: over 44,500 → over 46,000 (+3.4%)\n"
        "- Household broadband penetration: 96% → 93.5% (-2.5 percentage points)\n"
        "- Global Innovation Index rank: 14th → 11th (up 3 places)\n"
        "- Added: Cyberport start-ups: over 1,800\n"
        "- Removed: Smart lampposts: about 400\n"
    )
    assert changelog_entry("1.1.0", "2023-01", changes.sample(frac=1, random_state=3), summary) == entry


def one(value: float, text: str, unit: str = "things") -> tuple:
    return ("count-k", value, text, "K", f"The fact sheet states {text} for K.", unit)


@pytest.mark.parametrize(
    ("old", "new", "sentence"),
    [
        (one(100.0, "100"), one(100.01, "100.01"), "- K: 100 → 100.01 (+<0.1%)"),
        (one(0.0, "zero"), one(5.0, "five"), "- K: zero → five"),
        (one(90.0, "90%", "percent"), one(95.0, "95%", "percent"), "- K: 90% → 95% (+5 percentage points)"),
        (one(1.0, "1st", "rank"), one(2.0, "No. 2", "rank"), "- K: 1st → No. 2 (down 1 place)"),
        (one(-5.0, "-5%", "percent"), one(3.0, "3%", "percent"), "- K: -5% → 3% (negative to positive)"),
    ],
)
def test_changed_sentences(old, new, sentence):
    changes = compare_editions(figs(E1, [old]), figs(E2, [new]), E1, E2)
    assert changelog_entry("1.0.1", "2023-01-09", changes, "").splitlines()[2] == sentence


def test_first_edition_and_nothing_changed_entries():
    first = compare_editions(None, figs(E1, [WIFI, LABS]), None, E1)
    assert changelog_entry("1.0.0", "2022-06", first, "First publication.") == (
        "## 1.0.0 (2022-06)\n\nFirst publication.\n\n" f"- First edition {E1}: 2 figures.\n"
    )
    same = compare_editions(figs(E1, [WIFI]), figs(E2, [WIFI]), E1, E2)
    assert changelog_entry("2.0.0", "2023-01", same, "  Schema:\n  new column. ") == (
        "## 2.0.0 (2023-01)\n\nSchema: new column.\n\n- No figure changed.\n"
    )
    assert changelog_entry("1.0.1", "2022-06", same.iloc[0:0], "Re-extraction changed rows.") == (
        "## 1.0.1 (2022-06)\n\nRe-extraction changed rows.\n"
    )


def test_a_re_extraction_lists_the_rows_it_changed():
    from factsheet.publish import csv_bytes

    before = {"changes": csv_bytes(compare_editions(figs(E1, [WIFI]), figs(E2, [WIFI]), E1, E2), "changes")}
    after_figures = compare_editions(figs(E1, [WIFI]), figs(E2, [wifi(46000.0, "over 46,000"), LABS]), E1, E2)
    rows = changed_rows(before, {"changes": csv_bytes(after_figures, "changes")})
    assert rows == [f"- changes: 1 row changed ({E2} / {WIFI[0]}), 1 row added ({E2} / {LABS[0]})."]
    entry = changelog_entry("1.0.1", "2022-06", after_figures.iloc[0:0], "Re-extraction changed rows.", rows)
    assert entry.endswith("\n\n" + rows[0] + "\n")
    assert changed_rows(before, before) == []


@pytest.mark.parametrize(("version", "date"), [("1.0", "2023-01"), ("1.0.0", "January 2023"), ("1.0.0", "")])
def test_changelog_entry_refuses_bad_version_or_date(version, date):
    with pytest.raises(ValueError):
        changelog_entry(version, date, two_editions(), "")


def test_changelog_round_trip_keeps_history_byte_for_byte(tmp_path):
    first = compare_editions(None, figs(E1, [WIFI]), None, E1)
    v1 = changelog_entry("1.0.0", "2022-06", first, "First publication.")
    v2 = changelog_entry("1.1.0", "2023-01", two_editions(), "Edition 2023-01.")
    path = tmp_path / "CHANGELOG.md"
    assert read_changelog_entries(path) == []
    path.write_text(render_changelog([v1]))
    old_text = path.read_text()
    assert old_text.startswith("# Changelog\n") and old_text.endswith(v1)
    entries = read_changelog_entries(path)
    assert entries == [v1]
    path.write_text(render_changelog([v2, *entries]))
    new_text = path.read_text()
    assert read_changelog_entries(path) == [v2, v1]
    assert new_text.index("## 1.1.0") < new_text.index("## 1.0.0")  # newest first
    assert new_text.endswith("\n" + v1) and old_text.endswith("\n" + v1)  # history untouched
    assert render_changelog([v1, v2]) == new_text == render_changelog(read_changelog_entries(path))


def test_render_changelog_refuses_duplicates_and_strays():
    v1 = changelog_entry("1.0.0", "2022-06", two_editions(), "")
    with pytest.raises(ValueError, match="more than one entry for version 1.0.0"):
        render_changelog([v1, v1])
    with pytest.raises(ValueError, match="does not start with"):
        render_changelog(["Some text\n"])
    header = "# Changelog\n\nWhat changed in each version of the data package, newest first.\n"
    assert render_changelog([]) == header
