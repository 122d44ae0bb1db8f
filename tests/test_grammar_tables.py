"""Every entry of the grammar's word tables (src/factsheet/grammar/words.toml) does what its table says."""

import pytest
from test_extract import figures_of

from factsheet.grammar import phrase_map, tables
from factsheet.normalise import currency_code, period_of

QUALIFIERS = sorted(phrase_map("qualifiers").items())
TRAILING = sorted(phrase_map("trailing_qualifiers").items())


@pytest.mark.parametrize(("phrase", "qualifier"), QUALIFIERS, ids=[q[0] for q in QUALIFIERS])
def test_each_qualifier_phrase_qualifies_an_amount(phrase, qualifier):
    if "money" not in tables()["weak_qualifiers"].get(phrase, ["money"]):  # a qualifier of durations only
        rows = figures_of(f"The benefit applies to a child born {phrase} 24 weeks of pregnancy.")
        assert [(r["value"], r["qualifier"]) for r in rows] == [(24, qualifier)]
        return
    rows = figures_of(f"The programme holds {phrase} HK$5 million in reserve.")
    assert [(r["value"], r["qualifier"]) for r in rows] == [(5e6, qualifier)]
    assert rows[0]["value_text"].lower().startswith(phrase.split()[0].lower())


@pytest.mark.parametrize(("phrase", "qualifier"), TRAILING, ids=[q[0] for q in TRAILING])
def test_each_trailing_qualifier_phrase_qualifies_an_amount(phrase, qualifier):
    rows = figures_of(f"Each firm may claim HK$5 million {phrase} from the fund.")
    assert [(r["value"], r["qualifier"]) for r in rows] == [(5e6, qualifier)]


@pytest.mark.parametrize("symbol", sorted(tables()["currencies"]))
def test_each_currency_symbol_names_its_code(symbol):
    rows = figures_of(f"The fund holds {symbol}5 million.")
    assert [r["value"] for r in rows] == [5e6]
    assert rows[0]["currency"] == currency_code(symbol, "HKD")


@pytest.mark.parametrize(("word", "factor"), sorted(tables()["scales"].items()))
def test_each_scale_word_scales_an_amount(word, factor):
    joiner = "" if len(word) <= 2 else " "
    rows = figures_of(f"The fund holds HK$3{joiner}{word} in reserve.")
    assert [r["value"] for r in rows] == [3 * factor]


@pytest.mark.parametrize(("word", "value"), [(w, v) for w, v in sorted(tables()["number_words"].items())
                                             if w not in ("zero", "one", "hundred", "dozen")])
def test_each_number_word_counts(word, value):
    rows = figures_of(f"The scheme supports {word} research centres.")
    assert [(r["kind"], r["value"]) for r in rows] == [("count", value)]


@pytest.mark.parametrize(("word", "month"), sorted(tables()["months"].items()))
def test_each_month_word_gives_its_month(word, month):
    start, end = period_of(f"{word} 2023")
    assert start == f"2023-{month:02d}-01" and end.startswith(f"2023-{month:02d}-")
