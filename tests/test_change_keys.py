"""Pairing on real consecutive editions, scored against change keys written by hand from the text
(tests/real/hkma/changes-*.en.csv, see its README): at least 95% of the real changes found, and not one
pairing of two different indicators. The held-out pair was scored only after the pairing was tuned.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest
from changekeys import DEVELOPMENT, HELD_OUT, HKMA, KEYS, load_key, score

from factsheet.diff import compare_editions
from factsheet.normalise import inherit_keys
from factsheet.pipeline import standalone_edition

pytestmark = pytest.mark.skipif(not HKMA.exists(), reason="shared/data/real/hkma is not beside the repo")
PAIRS = [pytest.param(*p, id=p[0]) for p in DEVELOPMENT] + [pytest.param(*p, id=f"held-out {p[0]}")
                                                             for p in HELD_OUT]


@cache
def figures(year: int) -> pd.DataFrame:
    """One chapter's figures; the chapter prints no date of its own, so its year is given."""
    return standalone_edition(HKMA / f"hkma-reserves-management-{year}.en.md", published=str(year)).figures


def changes(old: int, new: int) -> pd.DataFrame:
    return compare_editions(figures(old), figures(new), f"reserves-management-{old}", f"reserves-management-{new}")


@pytest.mark.parametrize("key, old, new", PAIRS)
def test_real_changes_are_found(key: str, old: int, new: int) -> None:
    result = score(load_key(KEYS / key), figures(old), figures(new), changes(old, new))
    assert result.recall >= 0.95, (result.line(), result.missed)


@pytest.mark.parametrize("key, old, new", PAIRS)
def test_no_pairing_of_different_indicators(key: str, old: int, new: int) -> None:
    result = score(load_key(KEYS / key), figures(old), figures(new), changes(old, new))
    assert result.wrong == [] and result.unkeyed == [], result.line()


@pytest.mark.parametrize("key, old, new", PAIRS)
def test_each_pair_says_how_it_was_paired(key: str, old: int, new: int) -> None:
    rows = changes(old, new)
    paired = rows[rows["change"].isin(["changed", "unchanged"])]
    assert paired["match"].isin(["key", "structure", "label", "context"]).all()
    assert paired["similarity"].between(0.4, 1).all()
    for side in ("old", "new"):
        assert paired[f"{side}_label"].notna().all() and paired[f"{side}_statement"].notna().all()
    alone = rows[rows["change"].isin(["added", "removed"])]
    assert alone["match"].isna().all() and alone["similarity"].isna().all()


def test_keys_carried_forward_give_the_same_changes() -> None:
    """The refresh links keys first (inherit_keys), then compares: the pairing is the same either way."""
    linked = inherit_keys(figures(2022), figures(2021))
    pd.testing.assert_frame_equal(
        compare_editions(figures(2021), linked, "reserves-management-2021", "reserves-management-2022"),
        changes(2021, 2022))


def test_a_gain_that_became_a_loss_is_said_so() -> None:
    """2021 -> 2022: gains on bonds of HK$12.6 billion became losses on bonds of HK$53.2 billion."""
    rows = changes(2021, 2022)
    bonds = rows[(rows["old_value_text"] == "HK$12.6 billion") & (rows["new_value_text"] == "HK$53.2 billion")]
    assert bonds["sign_change"].tolist() == ["positive to negative"]
    hong_kong = rows[rows["old_value_text"] == "HK$21.0 billion"]  # losses both years
    assert hong_kong["new_value_text"].tolist() == ["HK$19.5 billion"] and hong_kong["sign_change"].isna().all()


@pytest.mark.parametrize("key, old, new", PAIRS)
def test_an_indicator_gone_from_one_edition_is_paired_with_no_other(key: str, old: int, new: int) -> None:
    """Precision when a counterpart is missing: drop one keyed indicator's figures from one edition (as if the
    edition no longer stated it, or extraction missed it); its figures in the other edition must not pair with
    another keyed indicator's."""
    from changekeys import matches

    rows = load_key(KEYS / key)
    wrong = []
    for indicator in sorted({k.indicator for k in rows}):
        mine = [k for k in rows if k.indicator == indicator]
        for side, other in (("new", "old"), ("old", "new")):
            frame = figures(new if side == "new" else old)
            gone = [any(matches(f, getattr(k, f"{side}_quote"), getattr(k, f"{side}_context")) for k in mine)
                    for f in frame.to_dict("records")]
            kept = frame[[not g for g in gone]]
            pair = (figures(old), kept) if side == "new" else (kept, figures(new))
            found = compare_editions(*pair, f"reserves-management-{old}", f"reserves-management-{new}")
            by_id = {f["figure_id"]: f for f in pd.concat(pair).to_dict("records")}
            for r in found[found["change"].isin(["changed", "unchanged"])].to_dict("records"):
                mate = by_id[r[f"{side if side == 'old' else 'new'}_figure_id"]]
                left = by_id[r[f"{other}_figure_id"]]
                if not any(matches(left, getattr(k, f"{other}_quote"), getattr(k, f"{other}_context")) for k in mine):
                    continue
                others = {k.indicator for k in rows if k.indicator != indicator
                          and matches(mate, getattr(k, f"{side}_quote"), getattr(k, f"{side}_context"))}
                if others:
                    wrong.append(f"{indicator}: {left['value_text']} paired with {mate['value_text']} ({others})")
    assert wrong == []
