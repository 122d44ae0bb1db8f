"""Bilingual documents (English and Traditional Chinese lines interleaved, as government roadmaps, leaflets and
forms often are): each statement goes through the grammar of its own language, in one edition whose language
stays the dominant one; picture text an OCR tool leaves in HTML comments is no statement; Chinese events."""

from pathlib import Path

import pandas as pd
import pytest

from factsheet.extract import extract
from factsheet.markdown import read_markdown
from factsheet.model import Document, Statement, Structure
from factsheet.normalise import events_frame, figures_frame
from factsheet.pipeline import standalone_edition
from factsheet.read import structure
from factsheet.zh import CJK, statement_language

# Written by hand for these tests, in the shape of an OCR of a bilingual roadmap: "## " headings in both
# languages, each English paragraph followed by its Chinese version, picture text and page numbers in comments.
BILINGUAL = """## SMART PARKING 智慧泊車

<!-- Media -->

<!-- figureText: 約960米<br>41年 │ 5<br>19- -->

Every day, the car parks of the Department serve over 250 000 vehicles, about 60% of all parked cars.

停車場每日服務超過25萬架次車輛，約佔全港泊車總數的六成。

Starting from 2015, the Department has installed about 300 parking sensors at four car parks.

由 2015 年起，運輸署於四個停車場安裝約300部泊車感應器。

<!-- Meanless: 7 -->

## TIMELINE 發展歷程

In 2016, the Department launched two mobile applications.

於2016年，運輸署推出了兩個流動應用程式。

The plan covers eight districts <!-- figureText: 12 --> for the next 5 years.

該計劃涵蓋八個地區，規劃未來五年的發展。

July 2019
"""

# statement (or the start of it), kind, value, qualifier, period start, period end; None: no period; ANY: the
# English grammar's own business, not what these tests are about
ANY = "any"
FIGURES = [
    ("Every day", "count", 250000, "lower_bound", None, None),
    ("Every day", "percent", 60, "approximate", None, None),
    ("停車場每日服務", "count", 250000, "lower_bound", None, None),
    ("停車場每日服務", "percent", 60, "approximate", None, None),
    ("Starting from 2015", "count", 300, "approximate", ANY, ANY),
    ("Starting from 2015", "count", 4, "exact", ANY, ANY),
    ("由 2015 年起", "count", 4, "exact", "2015-01-01", "2019-12-31"),  # since 2015, to the edition's year
    ("由 2015 年起", "count", 300, "approximate", "2015-01-01", "2019-12-31"),
    ("In 2016", "count", 2, "exact", "2016-01-01", "2016-12-31"),
    ("於2016年", "count", 2, "exact", "2016-01-01", "2016-12-31"),
    ("The plan covers", "count", 8, "exact", None, None),
    ("The plan covers", "duration", 5, "exact", None, None),
    ("該計劃涵蓋", "count", 8, "exact", None, None),
    ("該計劃涵蓋", "duration", 5, "exact", None, None),
]

# statement (or the start of it), event start, event end
EVENTS = [
    ("Starting from 2015", "2015-01-01", "2015-12-31"),
    ("由 2015 年起", "2015-01-01", "2015-12-31"),
    ("In 2016", "2016-01-01", "2016-12-31"),
    ("於2016年", "2016-01-01", "2016-12-31"),
]


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    path = tmp_path_factory.mktemp("bilingual") / "smart-parking.txt"
    path.write_text(BILINGUAL, encoding="utf-8")
    edition = standalone_edition(path)
    return edition.figures, edition.events, edition.edition.language


def rows_of(frame: pd.DataFrame, opening: str) -> pd.DataFrame:
    return frame[frame["statement"].str.startswith(opening)]


@pytest.mark.parametrize(("opening", "kind", "value", "qualifier", "start", "end"), FIGURES,
                         ids=[f"{f[0]}-{f[2]}" for f in FIGURES])
def test_each_statement_is_read_in_its_own_language(bilingual, opening, kind, value, qualifier, start, end):
    figures, _, _ = bilingual
    found = rows_of(figures, opening)
    found = found[(found["kind"] == kind) & (pd.to_numeric(found["value"]) == value)]
    assert len(found) == 1, list(rows_of(figures, opening)["value_text"])
    row = found.iloc[0]
    assert row["qualifier"] == qualifier
    if start != ANY:
        assert (None if pd.isna(row["period_start"]) else str(row["period_start"])[:10]) == start
        assert (None if pd.isna(row["period_end"]) else str(row["period_end"])[:10]) == end
    chinese_statement = bool(CJK.search(opening))
    assert bool(CJK.search(row["label"])) == chinese_statement, row["label"]  # labels in the statement's language
    assert str(row["rule"]).startswith("zh-") == chinese_statement


def test_a_bilingual_document_states_each_figure_once_per_language(bilingual):
    figures, _, _ = bilingual
    assert len(figures) == len(FIGURES), list(zip(figures["statement"].str[:12], figures["value_text"]))


@pytest.mark.parametrize(("opening", "start", "end"), EVENTS, ids=[e[0] for e in EVENTS])
def test_events_of_both_languages(bilingual, opening, start, end):
    _, events, _ = bilingual
    found = rows_of(events, opening)
    assert [(str(s)[:10], str(e)[:10]) for s, e in zip(found["date_start"], found["date_end"])] == [(start, end)]


def test_the_edition_language_is_the_dominant_one(bilingual):
    assert bilingual[2] == "en"


def test_picture_text_and_page_numbers_in_comments_are_no_statements(bilingual):
    figures, events, _ = bilingual
    for frame in (figures, events):
        assert not frame["statement"].str.contains("<!--|figureText|Meanless|960|41年", regex=True).any()
    assert not ((figures["value_text"] == "12") | (figures["value_text"] == "7")).any()


def test_an_ocr_text_without_headings_is_still_read_as_markup(tmp_path: Path):
    """Comment lines mark an OCR tool's output even when it has no '#' heading: the picture text in them is
    no statement, whatever the file is called."""
    text = BILINGUAL.replace("## ", "")
    (tmp_path / "ocr.txt").write_text(text, encoding="utf-8")
    figures = standalone_edition(tmp_path / "ocr.txt").figures
    assert not figures["statement"].str.contains("<!--|960", regex=True).any()
    assert {"over 250 000", "超過25萬架次"} <= set(figures["value_text"])


# markdown source -> the lines it renders that say anything (comments are not rendered, as in any viewer)
COMMENTS = [
    ("## A\n\n<!-- figureText: 50 -->\n\nText 5.\n", ["A", "Text 5."]),
    ("## A\n\nOne line <!-- figureText: 12 --> goes on.\n", ["A", "One line  goes on."]),
    ("## A\n\nFirst part.\n<!-- Meanless: 4<br>5 -->\nSecond part.\n", ["A", "First part.", "Second part."]),
    ("## A\n\n<!-- a comment\nover two lines -->\nText.\n", ["A", "Text."]),
    ("## A\n\nA <!-- never closed\n", ["A", "A <!-- never closed"]),  # no comment: kept as written
]


@pytest.mark.parametrize(("source", "lines"), COMMENTS, ids=[c[0][6:26] for c in COMMENTS])
def test_markdown_comments_are_not_rendered(source, lines):
    document = read_markdown(source)
    assert [document.text[ln.start : ln.end] for ln in document.lines if ln.end > ln.start] == lines


def test_a_sentence_cut_by_a_page_number_comment_is_mended():
    """'<!-- Meanless: 4 -->' between two halves of a sentence (an OCR page break) leaves a blank line, and the
    half that goes on in lower case joins the one before, as after any page break."""
    source = ("## A\n\nThe fund holds 3 portfolios, each managed by a team of its own under a mandate set by the"
              "\n<!-- Meanless: 4 -->\nboard, and 5 teams in all.\n")
    parsed = structure(read_markdown(source))
    assert [s.text for s in parsed.statements] == [
        "The fund holds 3 portfolios, each managed by a team of its own under a mandate set by the board, "
        "and 5 teams in all."]


# a paragraph -> its statements: an English sentence and its Chinese translation on one line are two
EN = "The department runs over 700 cameras along major roads"
ZH = "運輸署於主要道路安裝約700部閉路電視"
TAGLINE = "Capitalise the advent of technology to pursue smart mobility for all 藉着先進科技的發展以推展智慧出行。"
SPLITS = [
    (f"{EN}. {ZH}。", [f"{EN}.", f"{ZH}。"]),
    (f"Every day, {EN} and tunnels {ZH}。", [f"Every day, {EN} and tunnels", f"{ZH}。"]),
    (f"{ZH} {EN}.", [ZH, f"{EN}."]),
    # one language with a name or a tagline in the other: one statement
    ("The mobile application 香港出行易 was launched in 2018 by the department.",
     ["The mobile application 香港出行易 was launched in 2018 by the department."]),
    ("The app is called 香港出行易 and it has 3 functions now.",
     ["The app is called 香港出行易 and it has 3 functions now."]),
    (TAGLINE, [TAGLINE]),
    ("運輸署推出「HKeMobility」流動應用程式，提供3項功能。", ["運輸署推出「HKeMobility」流動應用程式，提供3項功能。"]),
]


@pytest.mark.parametrize(("paragraph", "statements"), SPLITS, ids=[p[0][:30] for p in SPLITS])
def test_a_line_in_two_languages_is_two_statements(paragraph, statements):
    parsed = structure(Document.from_text(f"Heading\n\n{paragraph}\n"))
    assert [s.text for s in parsed.statements] == statements


# statement, the document's language -> the grammar that reads it
LANGUAGES = [
    ("香港的運輸系統每日載客量超過1200萬人次。", "en", "zh-Hant"),
    ("Every day, it handles over 12 million passenger trips.", "zh-Hant", "en"),
    ("運輸署推出流動應用程式「HKeMobility」。", "en", "zh-Hant"),  # an English name in a Chinese sentence
    ("The mobile application 香港出行易 was launched in July 2018.", "zh-Hant", "en"),
    ("INTRODUCTION 簡介", "zh-Hant", "en"),
    ("2019: 3.2%", "zh-Hant", "zh-Hant"),  # no letters: the document's language
    ("2019: 3.2%", "en", "en"),
]


@pytest.mark.parametrize(("text", "document", "language"), LANGUAGES, ids=[f"{t[0][:20]}-{t[1]}" for t in LANGUAGES])
def test_a_statements_language(text, document, language):
    assert statement_language(text, document) == language


def read(texts: list[str], language: str, year: int = 2019) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Statements of one document (one paragraph each) as an edition would publish them."""
    starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]  # each on a line of its own
    statements = tuple(Statement(section="s", text=t, offsets=tuple(range(a, a + len(t))), paragraph=i)
                       for i, (t, a) in enumerate(zip(texts, starts)))
    parsed = Structure(title="t", published=None, statements=statements, year=year, language=language)
    figures, events = extract(parsed)
    document = Document.from_text("\n".join(texts))
    return figures_frame(figures, document, "e"), events_frame(events, document, "e")


def test_an_english_line_in_a_chinese_document_goes_through_the_english_grammar():
    figures, _ = read(["外匯基金錄得2,260億港元的投資收入。", "It handles over 12 million passenger trips."], "zh-Hant")
    assert sorted(pd.to_numeric(figures["value"])) == [12_000_000, 226_000_000_000]
    english = figures[figures["statement"].str.startswith("It")].iloc[0]
    assert english["qualifier"] == "lower_bound" and not str(english["rule"]).startswith("zh-")


def test_one_language_documents_take_one_grammar_as_before():
    chinese, _ = read(["外匯基金錄得2,260億港元的投資收入。"], "zh-Hant")
    english, _ = read(["The Fund recorded an investment income of HK$226 billion."], "en")
    assert list(chinese["rule"].str[:3]) == ["zh-"] and not english["rule"].str.startswith("zh-").any()


# a Chinese sentence (document year 2019) -> its events (start, end); [] where none must be read
ZH_EVENTS = [
    ("1970年代，香港引入東南亞首個電腦化區域交通控制系統。", [("1970-01-01", "1979-12-31")]),
    ("早於1970年代開始，香港已引入東南亞首個電腦化區域交通控制系統。", [("1970-01-01", "1979-12-31")]),
    ("另外，我們於 1993年及1999年分別安裝了衝紅燈攝影機及偵速攝影機。",
     [("1993-01-01", "1993-12-31"), ("1999-01-01", "1999-12-31")]),
    ("新館於2010年和2012年分期啟用。", [("2010-01-01", "2010-12-31"), ("2012-01-01", "2012-12-31")]),
    ("運輸署於2001 年發佈了首份智能運輸系統策略及發展計劃。", [("2001-01-01", "2001-12-31")]),
    ("根據該計劃，運輸署於2003年建立了運輸資訊系統。", [("2003-01-01", "2003-12-31")]),
    ("由 2003 年起，香港逐步安裝行車時間顯示系統和行車速度屏。", [("2003-01-01", "2003-12-31")]),
    ("其後於2018年7 月，運輸署將該三個流動應用程式整合為一站式流動應用程式。", [("2018-07-01", "2018-07-31")]),
    ("交通及事故管理系統於 2017年正式投入服務。", [("2017-01-01", "2017-12-31")]),
    ("新鐵路於2016年通車。", [("2016-01-01", "2016-12-31")]),
    # not events: a date that modifies a noun, a decade without a happening, a figure's period, a comparison
    ("2022年的投資環境異常動盪，更成為近半世紀以來唯一一次股票及債券同時錄得負回報的一年。", []),
    ("1970年代的交通燈號較少。", []),
    ("於2017年的投資回報率為5%。", []),
    ("回報率比2007年的次高成績為低。", []),
]


@pytest.mark.parametrize(("text", "expected"), ZH_EVENTS, ids=[e[0][:24] for e in ZH_EVENTS])
def test_chinese_events_of_a_roadmap(text, expected):
    _, events = read([text], "zh-Hant")
    assert [(str(s)[:10], str(e)[:10]) for s, e in zip(events["date_start"], events["date_end"])] == expected


def test_a_chinese_event_is_labelled_by_what_happened():
    _, events = read(["由 2003 年起，香港逐步安裝行車時間顯示系統和行車速度屏。",
                      "另外，我們於 1993年及1999年分別安裝了衝紅燈攝影機。"], "zh-Hant")
    labels = list(events["label"])
    assert labels[0] == "香港逐步安裝行車時間顯示系統和行車速度屏"
    assert all("年" not in label and not label.startswith("起") for label in labels), labels


# a Chinese sentence -> kind, value, qualifier of its one figure; None: no figure must be read
ZH_FIGURES = [
    ("運輸署安裝約700部閉路電視。", ("count", 700, "approximate")),
    ("公司購入5台電腦。", ("count", 5, "exact")),
    ("車隊有120輛巴士。", ("count", 120, "exact")),
    ("停車場每日服務超過25萬架次車輛。", ("count", 250000, "lower_bound")),
    ("約佔全港總出行人次的九成。", ("percent", 90, "approximate")),
    ("佔全港總出行人次的九成。", ("percent", 90, "exact")),
    ("該報告分為三部分。", None),
    ("香港大部分交通服務採用八達通。", None),
]


@pytest.mark.parametrize(("text", "expected"), ZH_FIGURES, ids=[f[0] for f in ZH_FIGURES])
def test_chinese_measure_words_and_qualifiers_of_a_roadmap(text, expected):
    assert_one_figure(text, "zh-Hant", expected)


# an English line of a bilingual roadmap -> kind, value, qualifier of its one figure; None: no figure must be read
EN_FIGURES = [
    ("Over 700 Closed Circuit Television Cameras (CCTVs) are now working round the clock.",
     ("count", 700, "lower_bound")),  # a street word ('Circuit') after a qualified number is no address
    ("About 40 Kowloon Road residents were moved.", ("count", 40, "approximate")),
    ("The office is at 33 Fat Kwong Street.", None),
    ("The technology will, on one hand, empower ITS to play a more pivotal role.", None),
    ("On the one hand, the plan helps motorists.", None),
]


@pytest.mark.parametrize(("text", "expected"), EN_FIGURES, ids=[f[0][:30] for f in EN_FIGURES])
def test_english_lines_of_a_roadmap(text, expected):
    assert_one_figure(text, "en", expected)


def assert_one_figure(text: str, language: str, expected: tuple | None) -> None:
    """The statement gives exactly the expected (kind, value, qualifier), or no figure at all when None."""
    figures, _ = read([text], language)
    if expected is None:
        assert figures.empty, list(figures["value_text"])
        return
    assert len(figures) == 1, list(figures["value_text"])
    row = figures.iloc[0]
    assert (row["kind"], float(row["value"]), row["qualifier"]) == (expected[0], expected[1], expected[2])


def test_the_real_roadmap_reads_its_chinese_lines():
    """The OCR of the Transport Department's bilingual roadmap (tests/real/transport): the Chinese figures are
    read, the edition stays English, no statement comes from picture text."""
    path = Path(__file__).parent / "real" / "transport" / "td-smart-mobility-roadmap-excerpt.txt"
    from factsheet.read import load

    parsed = structure(load(path)[0])
    assert parsed.language == "en"
    assert not [s.text for s in parsed.statements if "<!--" in s.text]
    figures, _ = extract(parsed)
    chinese = {f.number_text for f in figures if f.rule.startswith("zh-")}
    assert {"12000000", "700", "3", "8"} <= chinese
