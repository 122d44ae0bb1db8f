"""Normalisation tables: numbers, scales, currencies and periods, one row per phrasing."""

import numpy as np
import pandas as pd
import pytest

from factsheet import schema
from factsheet.normalise import _typed, _typed_rows, currency_code, figure_key, parse_number, period_of, scale_of


@pytest.mark.parametrize(("text", "value"), [
    ("44,500", 44500), ("44 500", 44500), ("1.466", 1.466), ("277.2", 277.2), ("3,755", 3755),
    ("1,234,567.5", 1234567.5), ("six", 6), ("four", 4), ("twenty-five", 25), ("ninety-nine", 99),
    ("a dozen", 12), ("two hundred", 200), ("1st", 1), ("2nd", 2), ("14th", 14), ("No.3", 3), ("No. 1", 1),
    ("first", 1), ("second", 2), ("doubles", 2), ("tripled", 3), ("one/one", 1), ("nonsense", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "factor"), [
    ("", 1), ("thousand", 1e3), ("million", 1e6), ("mn", 1e6), ("billion", 1e9), ("bn", 1e9),
    ("trillion", 1e12), ("Billion", 1e9),
])
def test_scale_of(text, factor):
    assert scale_of(text) == factor


@pytest.mark.parametrize(("text", "default", "code"), [
    ("$", "HKD", "HKD"), ("$", "USD", "USD"), ("HK$", "HKD", "HKD"), ("US$", "HKD", "USD"),
    ("RMB", "HKD", "CNY"), ("renminbi", "HKD", "CNY"), ("€", "HKD", "EUR"), ("dollars", "HKD", "HKD"),
    ("Hong Kong dollars", "USD", "HKD"), ("", "HKD", ""),
])
def test_currency_code(text, default, code):
    assert currency_code(text, default) == code


@pytest.mark.parametrize(("text", "period"), [
    ("2021", ("2021-01-01", "2021-12-31")),
    ("December 2017", ("2017-12-01", "2017-12-31")),
    ("February 2024", ("2024-02-01", "2024-02-29")),
    ("end February 2022", ("2022-02-28", "2022-02-28")),
    ("mid-April 2022", ("2022-04-11", "2022-04-20")),
    ("early May 2022", ("2022-05-01", "2022-05-10")),
    ("late June 2022", ("2022-06-21", "2022-06-30")),
    ("2022-23", ("2022-04-01", "2023-03-31")),
    ("2013/14", ("2013-04-01", "2014-03-31")),
    ("first half of 2023", ("2023-01-01", "2023-06-30")),
    ("second half of 2023", ("2023-07-01", "2023-12-31")),
    ("mid-2020", ("2020-05-01", "2020-08-31")),
    ("early 2021", ("2021-01-01", "2021-04-30")),
    ("late 2021", ("2021-09-01", "2021-12-31")),
    ("end-2022", ("2022-12-31", "2022-12-31")),
    ("the third quarter of 2022", ("2022-07-01", "2022-09-30")),
    ("Q1 2023", ("2023-01-01", "2023-03-31")),
    ("the first quarter of 2024-25", ("2024-04-01", "2024-06-30")),
    ("second half of 2023-24", ("2023-10-01", "2024-03-31")),
    ("2024 to 2026", ("2024-01-01", "2026-12-31")),
    ("first ten months of 2023", ("2023-01-01", "2023-10-31")),
    ("15 June 2022", ("2022-06-15", "2022-06-15")),
    ("June 15, 2022", ("2022-06-15", "2022-06-15")),
    ("sometime", None),
])
def test_period_of(text, period):
    assert period_of(text) == period


def test_figure_key_survives_rewording_and_reordering():
    a = figure_key("count", "hotspots", "Wi-Fi.HK hotspots", "")
    b = figure_key("count", "hotspots", "“Wi-Fi.HK” hotspots across the city", "")
    assert a == b == "count-hotspots-wi-fi.hk".replace(".", "-")
    assert figure_key("rank", "rank", "Global Innovation Index 2021: rank in World", "World") == figure_key(
        "rank", "rank", "Global Innovation Index 2022: rank in World", "World")
    assert figure_key("money", "HKD", "Strategic Tech Fund", "") != figure_key("money", "HKD", "Smart Traffic Fund", "")


def test_inherit_keys_pairs_reworded_figures_and_keeps_others():
    import pandas as pd

    def frame(rows):
        cols = ["figure_key", "kind", "unit", "scope", "label", "statement", "value_text", "value"]
        return pd.DataFrame([dict(zip(cols, r)) for r in rows])

    from factsheet.normalise import inherit_keys

    old = frame([
        ("count-hotspots-wi-fi-hk", "count", "hotspots", pd.NA, "Wi-Fi.HK hotspots",
         "Wi-Fi Connected City: over 44,500 Wi-Fi.HK hotspots.", "over 44,500", 44500.0),
        ("money-allocated-develop-platform", "money", "HKD", pd.NA, "Allocated to develop an integrated platform",
         "$100 million has been allocated to develop an integrated digital platform.", "$100 million", 1e8),
    ])
    new = frame([
        ("money-allocation-develop-made", "money", "HKD", pd.NA, "Allocation made to develop an integrated platform",
         "An allocation of $120 million has been made to develop an integrated digital platform.",
         "$120 million", 1.2e8),
        ("count-hotspots-wi-fi-hk", "count", "hotspots", pd.NA, "Wi-Fi.HK hotspots across the city",
         "Hong Kong has over 46,000 Wi-Fi.HK hotspots across the city.", "over 46,000", 46000.0),
        ("count-stations", "count", "stations", pd.NA, "MTR stations", "There are 98 MTR stations.", "98", 98.0),
    ])
    keys = list(inherit_keys(new, old)["figure_key"])
    assert keys == ["money-allocated-develop-platform", "count-hotspots-wi-fi-hk", "count-stations"]
    assert inherit_keys(new, None) is new


@pytest.mark.parametrize(("text", "day"), [
    ("February 30, 2024", "2024-02-30"), ("31 April 2024", "2024-04-31"), ("29 February 2023", "2023-02-29"),
    ("0 June 2024", "2024-06-00"), ("June 32, 2024", "2024-06-32"), ("0000", "0000-01-01"),
    ("end February 0000", "0000-02-29"), ("2023 to 31 June 2024", "2024-06-31"),
])
def test_period_of_an_impossible_day_is_an_error_naming_it(text, day):
    from factsheet.normalise import ImpossibleDate

    with pytest.raises(ImpossibleDate, match=f"^{day}$"):
        period_of(text)


def test_a_year_earlier_than_29_february_is_28_february():
    from factsheet.normalise import _year_before

    assert _year_before(("2024-02-29", "2024-02-29")) == ("2023-02-28", "2023-02-28")
    assert _year_before(("9999-01-01", "9999-12-31")) == ("9998-01-01", "9998-12-31")  # beyond pandas' 2262


# rows as the frame builders make them (plain values, None, a key missing) and as they never do (a numpy scalar, digits
# as text, a float in an integer column): typed in one step, each reads as _typed reads the untyped frame
TYPED_ROWS = [
    [{"event_id": "e1", "page": 3, "char_start": 0, "char_end": 4, "label": "", "bbox": None}],
    [{"event_id": "e1", "page": None, "char_start": 5, "char_end": 9}, {"event_id": "e2", "section": "S"}],
    [{"event_id": "e1", "page": np.int64(2), "char_start": "12", "char_end": 7.0, "date_start": "2024-01-01"}],
    [{"event_id": "e1", "page": "x", "char_start": True, "char_end": float("nan"), "rule": 5}],
    [],
]


@pytest.mark.parametrize("rows", TYPED_ROWS)
def test_rows_are_typed_as_the_frame_of_them_would_be(rows):
    expected = _typed(pd.DataFrame(rows, columns=schema.columns("events")), "events")
    pd.testing.assert_frame_equal(_typed_rows(rows, "events"), expected)


def test_figure_numbers_are_typed_as_numbers():
    rows = [{"value": 1.5, "value_hkd": None, "page": 2}, {"value": 3, "value_hkd": float("inf"), "page": None}]
    expected = _typed(pd.DataFrame(rows), "figures")
    pd.testing.assert_frame_equal(_typed_rows(rows, "figures"), expected)
