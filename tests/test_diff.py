"""Editions compared figure by figure, semantic versions, and changelog sentences."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from factsheet import schema
from factsheet.diff import (
    changelog_entry,
    compare_editions,
    describe_changes,
    next_version,
    read_changelog_entries,
    render_changelog,
)

E1, E2 = "innovative-hong-kong-2022-06", "innovative-hong-kong-2023-01"


def figs(edition: str, rows: list[tuple], char_starts: list[int] | None = None) -> pd.DataFrame:
    """Figures from (figure_key, value, value_text[, unit[, currency[, label]]]) tuples, in document order."""
    records = []
    for i, row in enumerate(rows):
        key, value, text, *rest = row
        unit, currency, label = (list(rest) + [None, None, None])[:3]
        records.append({
            "edition_id": edition, "figure_key": key, "value": value, "value_text": text,
            "unit": unit, "currency": currency, "label": label or key.replace("-", " ").capitalize(),
            "char_start": char_starts[i] if char_starts else 10 * i,
        })
    return pd.DataFrame(records)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param([("a", 1.0, "1")], [("a", 1.0, "1")], [("a", "unchanged", "1", "1")], id="unchanged"),
        pytest.param([("a", 44500.0, "over 44,500")], [("a", 46000.0, "over 46,000")],
                     [("a", "changed", "over 44,500", "over 46,000")], id="value"),
        pytest.param([("a", 44500.0, "over 44,500")], [("a", 44500.0, "more than 44,500")],
                     [("a", "unchanged", "over 44,500", "more than 44,500")], id="wording-only"),
        pytest.param([("a", 6.0, "six", "hotspots")], [("a", 6.0, "six", "stations")],
                     [("a", "changed", "six", "six")], id="unit"),
        pytest.param([("m", 1e9, "$1 billion", "HKD", "HKD")], [("m", 1e9, "US$1 billion", "USD", "USD")],
                     [("m", "changed", "$1 billion", "US$1 billion")], id="currency"),
        pytest.param([("a", 1.0, "1")], [("a", 1.0 + 1e-15, "1")], [("a", "unchanged", "1", "1")],
                     id="float-noise"),
        pytest.param([("a", 1.0, "1")], [("a", 1.0, "1"), ("b", 2.0, "2")],
                     [("a", "unchanged", "1", "1"), ("b", "added", None, "2")], id="added"),
        pytest.param([("a", 1.0, "1"), ("b", 2.0, "2")], [("b", 2.0, "2")],
                     [("a", "removed", "1", None), ("b", "unchanged", "2", "2")], id="removed"),
        pytest.param([("a", 1.0, "1"), ("a", 2.0, "2")], [("a", 1.0, "1"), ("a", 3.0, "3"), ("a", 4.0, "4")],
                     [("a", "unchanged", "1", "1"), ("a", "changed", "2", "3"), ("a", "added", None, "4")],
                     id="repeated-key-grows"),
        pytest.param([("a", 1.0, "1"), ("a", 2.0, "2")], [("a", 2.0, "2")],
                     [("a", "changed", "1", "2"), ("a", "removed", "2", None)], id="repeated-key-shrinks"),
        pytest.param([("z", 1.0, "1"), ("a", 2.0, "2")], [("a", 2.0, "2"), ("z", 1.0, "1")],
                     [("a", "unchanged", "2", "2"), ("z", "unchanged", "1", "1")], id="sorted-by-key"),
        pytest.param([("a", math.nan, "n/a")], [("a", math.nan, "n/a")], [("a", "unchanged", "n/a", "n/a")],
                     id="both-missing"),
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


def test_repeated_keys_pair_in_order_of_appearance_not_row_order():
    old = figs(E1, [("a", 1.0, "1"), ("a", 2.0, "2")])
    new = figs(E2, [("a", 2.0, "2"), ("a", 1.0, "1")], char_starts=[50, 5])  # rows listed out of text order
    changes = compare_editions(old, new, E1, E2)
    assert list(changes["change"]) == ["unchanged", "unchanged"]
    assert list(changes["new_value"]) == [1.0, 2.0]


def test_values_labels_and_dtypes():
    old = figs(E1, [("wifi", 44500.0, "over 44,500", "hotspots", None, "Wi-Fi.HK hotspots"),
                    ("gone", 5.0, "five", None, None, "Old label")])
    new = figs(E2, [("wifi", 46000.0, "over 46,000", "hotspots", None, "Wi-Fi.HK hotspots (public)")])
    changes = compare_editions(old, new, E1, E2)
    assert changes.to_dict("records")[1] == {
        "from_edition": E1, "to_edition": E2, "figure_key": "wifi", "change": "changed",
        "old_value": 44500.0, "new_value": 46000.0, "old_value_text": "over 44,500",
        "new_value_text": "over 46,000", "label": "Wi-Fi.HK hotspots (public)",
    }
    assert changes.loc[0, "label"] == "Old label" and math.isnan(changes.loc[0, "new_value"])
    assert str(changes["old_value"].dtype) == "float64" and str(changes["label"].dtype) == "str"
    empty = compare_editions(None, figs(E1, []), None, E1)
    assert list(empty.columns) == schema.columns("changes") and len(empty) == 0
    assert str(empty["new_value"].dtype) == "float64"


def test_first_edition_is_all_added():
    changes = compare_editions(None, figs(E1, [("b", 2.0, "2"), ("a", 1.0, "1")]), None, E1)
    assert list(changes["change"]) == ["added", "added"] and list(changes["figure_key"]) == ["a", "b"]
    assert changes["from_edition"].isna().all()


def test_frames_that_cannot_be_paired_are_refused():
    with pytest.raises(ValueError, match="new figures lack column"):
        compare_editions(None, pd.DataFrame({"figure_key": ["a"]}), None, E1)
    mixed = pd.concat([figs(E1, [("a", 1.0, "1")]), figs(E2, [("a", 2.0, "2")])])
    with pytest.raises(ValueError, match=f"old figures include edition.s. {E2}, not only {E1}"):
        compare_editions(mixed, figs(E2, [("a", 2.0, "2")]), E1, E2)


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


def two_editions() -> pd.DataFrame:
    old = figs(E1, [
        ("wifi-hk-hotspots", 44500.0, "over 44,500", "hotspots", None, "Wi-Fi.HK hotspots"),
        ("smart-lampposts", 400.0, "about 400", "lampposts", None, "Smart lampposts"),
        ("gii-rank", 14.0, "14th", "rank", None, "Global Innovation Index rank"),
        ("broadband", 96.0, "96%", "percent", None, "Household broadband penetration"),
        ("startups", 3800.0, "3 800", "start-ups", None, "Start-ups"),
    ])
    new = figs(E2, [
        ("wifi-hk-hotspots", 46000.0, "over 46,000", "hotspots", None, "Wi-Fi.HK hotspots"),
        ("gii-rank", 11.0, "11th", "rank", None, "Global Innovation Index rank"),
        ("broadband", 93.5, "93.5%", "percent", None, "Household broadband penetration"),
        ("startups", 3800.0, "3,800", "start-ups", None, "Start-ups"),
        ("cyberport-startups", 1800.0, "over 1,800", "start-ups", None, "Cyberport start-ups"),
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
        "- Household broadband penetration: 96% → 93.5% (-2.5 percentage points)\n"
        "- Global Innovation Index rank: 14th → 11th (up 3 places)\n"
        "- Wi-Fi.HK hotspots: over 44,500 → over 46,000 (+3.4%)\n"
        "- Added: Cyberport start-ups: over 1,800\n"
        "- Removed: Smart lampposts: about 400\n"
    )
    assert changelog_entry("1.1.0", "2023-01", changes.sample(frac=1, random_state=3), summary) == entry


@pytest.mark.parametrize(
    ("old", "new", "sentence"),
    [
        (("k", 100.0, "100"), ("k", 100.01, "100.01"), "- K: 100 → 100.01 (+<0.1%)"),
        (("k", 0.0, "zero"), ("k", 5.0, "five"), "- K: zero → five"),
        (("k", 90.0, "90%"), ("k", 95.0, "95%"), "- K: 90% → 95% (+5 percentage points)"),
        (("k", 1.0, "1st"), ("k", 2.0, "No. 2"), "- K: 1st → No. 2 (down 1 place)"),
        (("k", 5.0, "5", "HKD", "HKD"), ("k", 5.0, "US$5", "USD", "USD"), "- K: 5 → US$5"),
    ],
)
def test_changed_sentences(old, new, sentence):
    changes = compare_editions(figs(E1, [old]), figs(E2, [new]), E1, E2)
    assert changelog_entry("1.0.1", "2023-01-09", changes, "").splitlines()[2] == sentence


def test_first_edition_and_nothing_changed_entries():
    first = compare_editions(None, figs(E1, [("a", 1.0, "1"), ("b", 2.0, "2")]), None, E1)
    assert changelog_entry("1.0.0", "2022-06", first, "First publication.") == (
        "## 1.0.0 (2022-06)\n\nFirst publication.\n\n" f"- First edition {E1}: 2 figures.\n"
    )
    same = compare_editions(figs(E1, [("a", 1.0, "1")]), figs(E2, [("a", 1.0, "1")]), E1, E2)
    assert changelog_entry("2.0.0", "2023-01", same, "  Schema:\n  new column. ") == (
        "## 2.0.0 (2023-01)\n\nSchema: new column.\n\n- No figure changed.\n"
    )
    assert changelog_entry("1.0.1", "2022-06", same.iloc[0:0], "Re-extraction changed rows.") == (
        "## 1.0.1 (2022-06)\n\nRe-extraction changed rows.\n"
    )


@pytest.mark.parametrize(("version", "date"), [("1.0", "2023-01"), ("1.0.0", "January 2023"), ("1.0.0", "")])
def test_changelog_entry_refuses_bad_version_or_date(version, date):
    with pytest.raises(ValueError):
        changelog_entry(version, date, two_editions(), "")


def test_changelog_round_trip_keeps_history_byte_for_byte(tmp_path):
    first = compare_editions(None, figs(E1, [("a", 1.0, "1")]), None, E1)
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
