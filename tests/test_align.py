"""Cross-language check (issue 14, point 7): the figures of an English and a Chinese edition of one chapter
paired twin by twin, against hand-made alignment keys (tests/real/hkma/align-YYYY.csv).

Scored on the keys' own figure sets (each edition's figures as its key states them), and on the tool's own
extraction of the real chapters once Chinese extraction reads them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from alignkeys import DOCS, key_frame, score, tool_rows

from factsheet.align import (
    Alignment,
    CrossCheck,
    Figure,
    Side,
    align,
    same_value,
    shared_keys,
)
from factsheet.errors import InputError
from factsheet.model import Document, Edition
from factsheet.pipeline import ROOT, EditionData, link_editions
from factsheet.report import render_alignment_html

pytestmark = pytest.mark.skipif(not DOCS.exists(), reason="shared/data/real/hkma is not beside the repo")
YEARS = (2019, 2020, 2022)  # 2019: keys written after the check was built


@pytest.fixture(scope="module")
def keyed() -> dict[int, tuple]:
    """Per year: the English and Chinese key frames, their key rows and texts."""
    return {year: (*key_frame(year, "en"), *key_frame(year, "zh")) for year in YEARS}


def aligned(keyed: dict[int, tuple], year: int, en: pd.DataFrame | None = None, zh: pd.DataFrame | None = None
            ) -> Alignment:
    a, _, ta, b, _, tb = keyed[year]
    return align(a if en is None else en, b if zh is None else zh, len(ta), len(tb))


@pytest.mark.parametrize("year", YEARS)
def test_the_key_figures_pair_as_the_alignment_key_says(keyed: dict[int, tuple], year: int) -> None:
    _, rows_en, _, _, rows_zh, _ = keyed[year]
    result = aligned(keyed, year)
    got = score(year, [(t.a, t.b) for t in result.twins], rows_en, rows_zh)
    assert got.recall >= 0.97, got.missed
    assert not got.wrong
    assert got.alone and got.named == got.alone  # "two types" (English only) is named, in both years
    assert not result.differing  # the two editions state the same figures


@pytest.mark.parametrize("year", YEARS)
def test_a_figure_the_chinese_edition_leaves_out_leaves_its_twin_alone(keyed: dict[int, tuple], year: int) -> None:
    """Without any one Chinese figure, its English twin is named as the English edition's alone and nothing
    else pairs differently."""
    _, rows_en, _, b, rows_zh, _ = keyed[year]
    for drop in range(len(b)):
        zh = b.drop(index=b.index[drop]).reset_index(drop=True)
        result = aligned(keyed, year, zh=zh)
        got = score(year, [(t.a, t.b) for t in result.twins], rows_en, rows_zh[:drop] + rows_zh[drop + 1:])
        assert not got.wrong and got.recall == 1.0, (b.iloc[drop]["value_text"], got)
        assert rows_en.index(rows_zh[drop]) in result.only_a


CHANGES = {"value": lambda v: v * 1.5, "qualifier": lambda q: "lower_bound" if q != "lower_bound" else "exact"}


@pytest.mark.parametrize("year, change", [(2020, "value"), (2022, "value"), (2022, "qualifier")])
def test_a_twin_stated_differently_is_reported(keyed: dict[int, tuple], year: int, change: str) -> None:
    """Each Chinese figure in turn stated otherwise: it still pairs with its twin, reported as differing, and
    only where the twins around it stand in the same order (one sentence of 2020 orders its four figures
    differently in the two languages) may it fall apart into two figures of one edition, never a wrong pair."""
    _, rows_en, _, b, rows_zh, _ = keyed[year]
    reported = 0
    for i in range(len(b)):
        zh = b.copy()
        zh.loc[zh.index[i], change] = CHANGES[change](b.iloc[i][change])
        result = aligned(keyed, year, zh=zh)
        got = score(year, [(t.a, t.b) for t in result.twins], rows_en, rows_zh)
        assert not got.wrong, (b.iloc[i]["value_text"], got.wrong)
        assert all(t.b == i and change in t.differences for t in result.differing)
        reported += len(result.differing)
    assert reported >= len(b) - 4


def test_a_period_stated_differently_is_reported(keyed: dict[int, tuple]) -> None:
    zh = keyed[2022][3].copy()
    at = zh.index[zh["value_text"] == "16.2%"][0]
    zh.loc[at, ["period_start", "period_end"]] = ["2021-01-01", "2021-12-31"]
    result = aligned(keyed, 2022, zh=zh)
    [twin] = result.differing
    assert (zh.iloc[twin.b]["value_text"], twin.differences) == ("16.2%", ("period",))


@pytest.mark.parametrize("a, b, same", [
    (("HK$235.8 billion", 235.8e9), ("2,358億港元", 2358e8), True),
    (("HK$4.0 trillion", 4.0e12), ("40,153億港元", 40153e8), True),
    (("HK$4,008.0 billion", 4008.0e9), ("40,080億港元", 40080e8), True),
    (("HK$4.0 billion", 4.0e9), ("44億港元", 44e8), False),
    (("5.3%", 5.3), ("5.4%", 5.4), False),
    (("-4.5%", -4.5), ("負4.5%", -4.5), True),
    (("4.5%", 4.5), ("負4.5%", -4.5), True),  # a sign word in one edition, 負 in the other
    (("one-third", 33.33), ("三分之一", 100 / 3), True),  # a fraction in words, kept to four digits by one edition
    (("one-third", 33.33), ("三成", 30.0), False),
    (("above 4%", 4.0), ("升穿4%", 4.0), True),
    (("about 30%", 30.0), ("約33%", 33.0), False),
])
def test_values_agree_up_to_the_rounding_written(a: tuple[str, float], b: tuple[str, float], same: bool) -> None:
    frame = pd.DataFrame([{"value_text": t, "value": v, "kind": "money" if "港元" in t or "$" in t else "percent",
                           "currency": "HKD" if "港元" in t or "$" in t else None, "qualifier": "exact",
                           "char_start": 0} for t, v in (a, b)])
    from factsheet.align import figures_of

    x, y = figures_of(frame, 100)
    assert isinstance(x, Figure) and same_value(x, y) is same


# --- what the command shows ---------------------------------------------------------------------------


def key_check(keyed: dict[int, tuple], year: int, zh: pd.DataFrame | None = None) -> CrossCheck:
    a, _, ta, b, _, tb = keyed[year]
    b = b if zh is None else zh
    return CrossCheck(Side("en.md", f"en-{year}", "Reserves Management", "en", a),
                      Side("zh.md", f"zh-{year}", "儲備管理", "zh-Hant", b), align(a, b, len(ta), len(tb)))


def test_the_report_lists_differing_twins_and_one_edition_figures(keyed: dict[int, tuple]) -> None:
    zh = keyed[2022][3].copy()
    at = zh.index[zh["value_text"] == "532億港元"][0]
    zh.loc[at, ["value", "value_text", "statement"]] = [53.7e9, "537億港元", "債券投資虧損537億港元<script>"]
    check = key_check(keyed, 2022, zh)
    assert check.verdict == "differ"
    data = json.loads(json.dumps(check.to_json(), ensure_ascii=False))
    [twin] = [t for t in data["twins"] if t["differences"]]
    assert (twin["a"]["value_text"], twin["b"]["value_text"], twin["differences"]) == (
        "HK$53.2 billion", "537億港元", ["value"])
    assert [f["value_text"] for f in data["only_a"]] == ["two types"] and data["only_b"] == []
    assert data["counts"] == {"twins": 37, "differ": 1, "only_a": 1, "only_b": 0}
    text = check.text()
    assert "differ (value): “HK$53.2 billion”" in text and "537億港元" in text
    assert "only in English: “two types”" in text
    page = render_alignment_html(check)
    assert "<script>" not in page and "&lt;script&gt;" in page and "default-src 'none'" in page
    assert page.count('class="bad">value</td>') == 1 and "two types" in page


def test_the_report_says_agree_when_every_twin_agrees(keyed: dict[int, tuple]) -> None:
    check = key_check(keyed, 2020)
    assert check.verdict == "agree" and "2020" in check.text().splitlines()[0]
    assert 'class="verdict agree"' in render_alignment_html(check)


def test_two_editions_of_one_language_are_a_one_line_error(tmp_path: Path) -> None:
    first = DOCS / "hkma-reserves-management-2021.en.md"
    second = DOCS / "hkma-reserves-management-2022.en.md"
    run = subprocess.run([sys.executable, "-m", "factsheet.cli", "align", str(first), str(second)],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1 and "both English editions" in run.stderr


def test_a_missing_counterpart_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from factsheet import cli

    code = cli.main(["align", str(DOCS / "hkma-reserves-management-2022.en.md"), str(tmp_path / "none.md")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "none.md" in err


# --- the package: twins share their figure_key ----------------------------------------------------------


def edition_data(frame: pd.DataFrame, text: str, source: str, published: str) -> EditionData:
    edition = Edition(edition_id=f"{source}-{published}", source_id=source, title=source, published=published,
                      source_url="", raw_path="", sha256="", retrieved_at="")
    frame = frame.assign(edition_id=edition.edition_id)
    return EditionData(edition, Document.from_text(text), None, frame, pd.DataFrame())


def test_a_language_edition_s_twins_take_its_counterpart_s_keys(keyed: dict[int, tuple]) -> None:
    a, rows_en, ta, b, rows_zh, tb = keyed[2022]
    editions = [edition_data(b, tb, "chapter-zh", "2022"), edition_data(a, ta, "chapter-en", "2022")]
    linked = {e.edition.source_id: e.figures for e in link_editions(editions, {"chapter-zh": "chapter-en"})}
    en, zh = linked["chapter-en"], linked["chapter-zh"]
    assert list(en["figure_key"]) == list(a["figure_key"])  # the counterpart keeps its keys
    for j, n in enumerate(rows_zh):
        assert zh.iloc[j]["figure_key"] == en.iloc[rows_en.index(n)]["figure_key"]
    alone = en[~en["figure_key"].isin(zh["figure_key"])]
    assert list(alone["value_text"]) == ["two types"]


def test_a_figure_of_one_edition_never_takes_a_key_of_the_other_s(keyed: dict[int, tuple]) -> None:
    """A Chinese figure without a twin whose own key the English edition uses for another figure gets a key of
    its own: a shared key always joins twins."""
    a, _, ta, b, _, tb = keyed[2022]
    extra = b.iloc[[0]].assign(value=123.0, value_text="123%", kind="percent", char_start=len(tb) - 1,
                               figure_key=a.iloc[1]["figure_key"])
    zh = pd.concat([b, extra], ignore_index=True)
    alignment = align(a, zh, len(ta), len(tb))
    assert len(zh) - 1 in alignment.only_b
    keys = shared_keys(a, zh, alignment)["figure_key"]
    assert keys.iloc[-1] not in set(a["figure_key"])
    assert [keys.iloc[t.b] for t in alignment.twins] == [a.iloc[t.a]["figure_key"] for t in alignment.twins]


# --- the tool's own extraction -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extracted() -> dict[tuple[int, str], tuple[pd.DataFrame, int]]:
    from factsheet.pipeline import standalone_edition

    out = {}
    for year in YEARS:
        for side in ("en", "zh"):
            try:
                data = standalone_edition(DOCS / f"hkma-reserves-management-{year}.{side}.md", published=str(year))
            except InputError as exc:
                pytest.skip(f"the {side} {year} chapter is not read yet: {exc}")
            out[year, side] = (data.figures.reset_index(drop=True), len(data.document.text))
    return out


@pytest.mark.parametrize("year", YEARS)
def test_the_extracted_chapters_pair_as_the_alignment_key_says(extracted: dict, year: int) -> None:
    (en, len_en), (zh, len_zh) = extracted[year, "en"], extracted[year, "zh"]
    rows_en, rows_zh = tool_rows(en, year, "en"), tool_rows(zh, year, "zh")
    result = align(en, zh, len_en, len_zh)
    got = score(year, [(t.a, t.b) for t in result.twins], rows_en, rows_zh)
    assert got.shared >= 15, got  # the key's figures the tool reads on both sides
    assert got.recall >= 0.97, got.missed
    assert not got.wrong
    assert got.named == got.alone


def test_the_command_on_a_real_chapter_pair(extracted: dict, tmp_path: Path) -> None:
    report = tmp_path / "align.html"
    run = subprocess.run([sys.executable, "-m", "factsheet.cli", "align", "--json", "--report", str(report),
                          "--published", "2022", str(DOCS / "hkma-reserves-management-2022.zh.md"),
                          str(DOCS / "hkma-reserves-management-2022.en.md")],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode in (0, 1), run.stderr
    data = json.loads(run.stdout)
    assert (data["a"]["language"], data["b"]["language"]) == ("zh-Hant", "en")
    assert data["counts"]["twins"] >= 20 and data["verdict"] == ("differ" if data["counts"]["differ"] else "agree")
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


SOURCES = '[[source]]\nid = "{id}"\ntitle = "Reserves Management"\npath = "{id}.md"\nlanguage = "{language}"\n{extra}\n'


@pytest.mark.parametrize("zh_extra, en_extra, why", [
    ('counterpart = "chapter-fr"', "", "counterpart 'chapter-fr': no such source"),
    ('counterpart = "chapter-zh"', "", "a source is not its own counterpart"),
    ('counterpart = "chapter-en"', 'counterpart = "chapter-zh"', "that source has a counterpart itself"),
])
def test_a_wrong_counterpart_is_a_one_line_error(tmp_path: Path, zh_extra: str, en_extra: str, why: str) -> None:
    from factsheet.sources import load_sources

    path = tmp_path / "sources.toml"
    path.write_text(SOURCES.format(id="chapter-en", language="en", extra=en_extra)
                    + SOURCES.format(id="chapter-zh", language="zh-Hant", extra=zh_extra), encoding="utf-8")
    with pytest.raises(InputError, match=why):
        load_sources(path)


def test_a_counterpart_in_the_same_language_is_refused(tmp_path: Path) -> None:
    from factsheet.sources import counterparts, load_sources

    path = tmp_path / "sources.toml"
    path.write_text(SOURCES.format(id="chapter-en", language="en", extra="")
                    + SOURCES.format(id="chapter-zh", language="en", extra='counterpart = "chapter-en"'),
                    encoding="utf-8")
    with pytest.raises(InputError, match="both are in language 'en'"):
        load_sources(path)
    path.write_text(path.read_text(encoding="utf-8").replace('language = "en"\ncounterpart', 'language = "zh-Hant"\n'
                                                             'counterpart'), encoding="utf-8")
    assert counterparts(load_sources(path)) == {"chapter-zh": "chapter-en"}
