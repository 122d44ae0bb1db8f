"""Chinese editions (issue 14): every form the issue lists, read through the same normalise stage as English."""

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.extract import extract
from factsheet.model import Document, Statement, Structure
from factsheet.normalise import events_frame, figures_frame
from factsheet.pipeline import slug, standalone_edition
from factsheet.read import structure
from factsheet.zh import chinese_number, detect_language

YEAR = 2023  # the year the edition reports on


def read(text: str, section: str = "儲備管理", year: int | None = YEAR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One Chinese statement's figures and events frames, as an edition would publish them."""
    statement = Statement(section=section, text=text, offsets=tuple(range(len(text))), paragraph=0)
    parsed = Structure(title="t", published=None, statements=(statement,), year=year, language="zh-Hant")
    figures, events = extract(parsed)
    document = Document.from_text(text)
    return figures_frame(figures, document, "e"), events_frame(events, document, "e")


def only(text: str, **kw: object) -> pd.Series:
    figures, _ = read(text, **kw)
    assert len(figures) == 1, list(figures["value_text"])
    return figures.iloc[0]


# text, kind, value, unit (currency for money)
FIGURES = [
    ("外匯基金錄得2,260億港元的投資收入。", "money", 226000000000, "HKD"),
    ("外匯基金的資產總值達40,165億港元。", "money", 4016500000000, "HKD"),
    ("政府撥款5億元推行計劃。", "money", 500000000, "HKD"),
    ("錄得2,358 億港元的投資收入。", "money", 235800000000, "HKD"),
    ("基金獲注資港幣50億元。", "money", 5000000000, "HKD"),
    ("公司投資HK$3億於研發。", "money", 300000000, "HKD"),
    ("該項目耗資1,000萬美元。", "money", 10000000, "USD"),
    ("債券發行額為人民幣200億。", "money", 20000000000, "CNY"),
    ("基金獲注資五億港元。", "money", 500000000, "HKD"),
    ("收入為１２３億港元。", "money", 12300000000, "HKD"),
    ("投資回報率為負4.5%。", "percent", -4.5, "percent"),
    ("香港股市上升71%。", "percent", 71, "percent"),
    ("香港股市上升７１％。", "percent", 71, "percent"),
    ("市民中百分之七十一支持計劃。", "percent", 71, "percent"),
    ("九成市民支持計劃。", "percent", 90, "percent"),
    ("市值上限為累計盈餘的三分之一。", "percent", 100 / 3, "percent"),
    ("債券與股票的比重為35：65。", "ratio", 35 / 65, "ratio"),
    ("債券與股票的長線目標分布比率為71比29。", "ratio", 71 / 29, "ratio"),
    ("出口額增長至三倍。", "ratio", 3, "ratio"),
    ("外匯基金大致上分成兩個主要組合。", "count", 2, "個"),
    ("金管局設有三重防線。", "count", 3, "重"),
    ("美國聯邦儲備局加息三次。", "count", 3, "次"),
    ("計劃涵蓋十二個地區。", "count", 12, "個"),
    ("收益率下跌約100基點。", "count", 100, "基點"),
    ("訪港旅客達6,500萬人次。", "count", 65000000, "人次"),
    ("外匯基金在過去3年的平均回報率不變。", "duration", 3, "year"),
    ("10年期美國國債收益率維持穩定。", "duration", 10, "year"),
    ("香港在全球排名第一。", "rank", 1, "rank"),
    ("香港的競爭力全球第三。", "rank", 3, "rank"),
    ("香港國際機場是亞洲最大的貨運機場。", "rank", 1, "rank"),
    ("這三大關鍵元素互相緊扣。", "count", 3, None),  # a number and 大 before a noun counts it ([count_adjectives])
    ("政府推出五大措施。", "count", 5, None),  # no measure word: no unit
    ("工程將於三年內完成。", "duration", 3, "year"),  # a span counted from a point ([duration_frames])
    ("計劃在十年之內完成。", "duration", 10, "year"),
]

# text, [(value, qualifier)]: both ends of a range of lengths ([range_units]); a qualifier before the first bounds both
DURATION_RANGES = [
    ("隧道啟用後約兩至三年內，系統將分階段實施。", [(2, "approximate"), (3, "approximate")]),
    ("工程需時6至12個月。", [(6, "exact"), (12, "exact")]),
    ("課程為期3-4星期。", [(3, "exact"), (4, "exact")]),
]


@pytest.mark.parametrize(("text", "ends"), DURATION_RANGES, ids=[r[0] for r in DURATION_RANGES])
def test_both_ends_of_a_range_of_lengths_are_durations(text, ends):
    figures, _ = read(text)
    assert list(zip(figures["kind"], figures["value"], figures["qualifier"])) == [
        ("duration", v, q) for v, q in ends]


def test_a_duration_framing_its_clause_is_labelled_by_what_the_next_clause_does():
    figures, _ = read("於將軍澳－藍田隧道啟用後約兩至三年內，「不停車繳費系統」亦將分階段實施在另外11條收費隧道上。")
    durations = figures[figures["kind"] == "duration"]
    assert len(durations) == 2 and all("不停車繳費系統" in label for label in durations["label"])
    assert all("至" not in label and "內" not in label for label in durations["label"])
    assert "為期" in only("為期兩年的計劃。")["label"]  # negative: no frame word, the clause's own words


@pytest.mark.parametrize(("text", "kind", "value", "unit"), FIGURES, ids=[f[0] for f in FIGURES])
def test_chinese_figure_forms(text, kind, value, unit):
    row = only(text)
    assert row["kind"] == kind
    assert row["value"] == pytest.approx(value)
    found = row["currency"] if kind == "money" else row["unit"]
    assert pd.isna(found) if unit is None else found == unit
    assert row["value_text"] in text


def test_a_rank_knows_its_scope():
    assert only("香港的競爭力全球第三。")["scope"] == "World"
    assert only("香港國際機場是亞洲最大的貨運機場。")["scope"] == "亞洲"


QUALIFIERS = [
    ("外匯基金約72%的投資由內部管理。", "approximate"),
    ("開支大約為100億港元。", "approximate"),
    ("比重約為40：60。", "approximate"),
    ("收益率在2.4%水平左右。", "approximate"),
    ("資產超過100億港元。", "lower_bound"),
    ("資產逾100億港元。", "lower_bound"),
    ("申請人數多於5,000人。", "lower_bound"),
    ("成交額突破1,000億港元。", "lower_bound"),
    ("資助不少於5億元。", "lower_bound"),
    ("參加者有500人以上。", "lower_bound"),
    ("每宗申請最多可獲50萬元。", "upper_bound"),
    ("開支不超過10億港元。", "upper_bound"),
    ("失業率少於3%。", "upper_bound"),
    ("每班學生有30人以下。", "upper_bound"),
    ("市值上限為累計盈餘的三分之一。", "upper_bound"),
    ("恒生指數自該月份的高位最多下跌27%。", "upper_bound"),  # at most a fall of 27%
    ("恒生指數下跌27%。", "exact"),  # negative: a fall with no bound
    ("回報率為7.4%。", "exact"),
]


@pytest.mark.parametrize(("text", "qualifier"), QUALIFIERS, ids=[q[0] for q in QUALIFIERS])
def test_chinese_qualifiers(text, qualifier):
    row = only(text)
    assert row["qualifier"] == qualifier
    assert row["value_text"] in text


def test_a_qualifier_before_joined_figures_bounds_them_all():
    figures, _ = read("歐元及日圓兌美元分別上升約14%及4%。")
    assert list(figures["qualifier"]) == ["approximate", "approximate"]


PERIODS = [
    ("外匯基金在2023年錄得100億港元。", "2023-01-01", "2023-12-31"),
    ("於2023年12月31日，資產為100億港元。", "2023-12-31", "2023-12-31"),
    ("於2023年年底，資產總值達100億港元。", "2023-12-31", "2023-12-31"),
    ("年內收入為100億港元。", "2023-01-01", "2023-12-31"),
    ("收益率由年初的1.9%回落。", "2023-01-01", "2023-01-01"),
    ("至年底的收益率為0.9%。", "2023-12-31", "2023-12-31"),
    ("收益率由3月初的2%升至年底。", "2023-03-01", "2023-03-01"),  # a month's first day, the start of a change
    ("2023年1月底的資產為100億港元。", "2023-01-31", "2023-01-31"),  # a month's last day
    ("接近年底的收益率為0.9%。", "2023-09-01", "2023-12-31"),
    ("2022-23年度的開支為100億港元。", "2022-04-01", "2023-03-31"),
    ("2021至2023年的平均回報率為3%。", "2021-01-01", "2023-12-31"),
    ("外匯基金由1994至2023年的平均回報率為4.9%。", "1994-01-01", "2023-12-31"),
    ("自2009年起的內部回報率為13.7%。", "2009-01-01", "2023-12-31"),
    ("自2009年開展投資以來的內部回報率為13.7%。", "2009-01-01", "2023-12-31"),
    ("過去5年的平均回報率為2.5%。", "2019-01-01", "2023-12-31"),
    ("第3季的收入為100億港元。", "2023-07-01", "2023-09-30"),
    ("首三季的收入為100億港元。", "2023-01-01", "2023-09-30"),
    ("二○二三年的收入為100億港元。", "2023-01-01", "2023-12-31"),
    ("2023年下半年的收入為100億港元。", "2023-07-01", "2023-12-31"),
    ("2023年10月的收入為100億港元。", "2023-10-01", "2023-10-31"),
    ("收益率上升至11月3.2%的高位。", "2023-11-01", "2023-11-30"),
    ("收益率在3月下旬升至2%。", "2023-03-21", "2023-03-31"),  # a part of a month (zh.toml [month_parts])
    ("收益率在2024年2月下旬升至2%。", "2024-02-21", "2024-02-29"),  # 下旬 ends on the month's last day
]


@pytest.mark.parametrize(("text", "start", "end"), PERIODS, ids=[p[0] for p in PERIODS])
def test_chinese_periods(text, start, end):
    figures, _ = read(text)
    row = figures[figures["kind"] != "duration"].iloc[0]
    assert (row["period_start"], row["period_end"]) == (start, end)


def test_a_quarter_is_a_date_not_a_figure():
    row = only("第3季的收入為100億港元。")
    assert row["value"] == 10000000000


def test_a_sentence_without_a_date_takes_its_heading_year():
    row = only("香港股市上升36%。", section="2017年的金融市場")
    assert (row["period_start"], row["period_end"]) == ("2017-01-01", "2017-12-31")


def test_a_targets_deadline_is_no_period():
    assert pd.isna(only("預期截至2018年，比重會逐步增加至約50%。")["period_start"])


def test_a_comparison_year_dates_only_its_own_clause():
    figures, _ = read("投資收入比2007年的次高成績（1,422億港元）高出1,218億港元。")
    periods = dict(zip(figures["value"], figures["period_start"]))
    assert periods[142200000000] == "2007-01-01"
    assert pd.isna(periods[121800000000])


NOT_FIGURES = [
    "美元資產提供十足支持。",
    "股市一度上升。",
    "組合一直持有該等股份。",
    "政府推出一系列措施。",
    "委員會舉行多次會議。",
    "圖示 1 外匯基金的回報",
    "表1列載主要貨幣的表現。",
    "詳見第205至311頁。",
    "標普500指數表現出色。",
    "利率與投資組合的表現掛鈎1，惟未來基金存款除外。",
    "市場在第1季經歷調整。",
    "這是早期投資者之一。",
    "在符合上述(a)至(c)項的前提下爭取回報。",
    "七大工業國股票指數造好。",  # a name (G7), not a count
    "運輸系統跨進一大步。",  # 一大: an article and an adjective
    "3月1至3日舉行會議。",  # days of a month, no range of lengths
    "2020至2021年間安裝系統。",  # a range of years is a date
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_chinese_not_figures(text):
    figures, _ = read(text)
    assert figures.empty, list(figures["value_text"])


LABELS = [
    ("外匯基金在2020年錄得2,358億港元的投資收入。", "投資收入"),
    ("於2017年年底，外匯基金的資產總值達40,153億港元。", "外匯基金的資產總值"),
    ("長期增長組合投資的總市值為2,356億港元，當中私募股權為1,572億港元。", "私募股權"),
]


@pytest.mark.parametrize(("text", "word"), LABELS, ids=[lab[0] for lab in LABELS])
def test_labels_are_the_editions_words(text, word):
    figures, _ = read(text)
    row = figures.iloc[-1]
    assert word in row["label"] and len(row["label"]) <= 80
    assert str(row["figure_key"]).startswith(f"{row['kind']}-") and "20" not in str(row["figure_key"])


def test_a_footnote_number_glued_on_is_neither_figure_nor_label():
    figures, _ = read("外匯基金自1994年起計為4.7%3。")
    assert list(figures["value"]) == [4.7]
    assert figures.iloc[0]["label"] == "外匯基金自1994年起計"


def test_respectively_gives_each_figure_its_own_subject():
    figures, _ = read("歐元及人民幣兌美元分別升值約9.0%及6.5%。")
    assert "歐元" in figures.iloc[0]["label"] and "人民幣" in figures.iloc[1]["label"]


def test_figures_of_one_statement_never_share_a_label():
    figures, _ = read("股票淨收益478億港元（其中包括境外股票投資收益688億港元及香港股票投資虧損210億港元）。")
    assert list(figures["label"]) == ["股票淨收益", "境外股票投資收益", "香港股票投資虧損"]


def test_chinese_figures_pair_across_editions_by_their_words():
    from factsheet.pairing import pair_figures

    old, _ = read("外匯基金在2021年錄得1,919億港元的投資收入，"
                  "包括債券投資收益126億港元、非港元資產外匯估值上調168億港元。")
    new, _ = read("外匯基金在2022年錄得2,054億港元的投資虧損，"
                  "包括非港元資產外匯估值下調400億港元、債券投資虧損200億港元。")
    pairs = {(old.iloc[p.old]["value"], new.iloc[p.new]["value"]) for p in pair_figures(old, new)}
    assert pairs == {(191.9e9, 205.4e9), (12.6e9, 20e9), (16.8e9, 40e9)}


EVENTS = [
    ("策略性資產組合於2007年設立。", "2007-01-01", "2007-12-31"),
    ("外匯基金諮詢委員會在2022年1月決定以目標資產配置代替市值上限。", "2022-01-01", "2022-01-31"),  # decided
    ("證監會於2016年3月7日發布原則。", "2016-03-07", "2016-03-07"),
    ("聯儲局並於10月開始收縮其資產負債表。", "2023-10-01", "2023-10-31"),
    ("金管局自2015年起投資於綠色債券。", "2015-01-01", "2015-12-31"),
    ("2019年3月，政府推出100億港元的基金。", "2019-03-01", "2019-03-31"),
    ("在2020年，適逢市場供應增加，金管局增加ESG債券的投資。", "2020-01-01", "2020-12-31"),
    ("環球股市繼2018年第4季大幅調整後反彈。", "2018-10-01", "2018-12-31"),  # 繼…後: following a happening
    ("運輸署於2001 年發佈了首份智能運輸系統策略。", "2001-01-01", "2001-12-31"),  # a verb with 了: a happening
    ("運輸署於2003年建立了運輸資訊系統，作為一個中央數據庫。", "2003-01-01", "2003-12-31"),
    ("其後於2018年7 月，運輸署將三個流動應用程式整合為一個。", "2018-07-01", "2018-07-31"),  # a connective before 於
    ("交通及事故管理系統於 2017年正式投入服務。", "2017-01-01", "2017-12-31"),
    ("2008至2009年全球金融危機後的金融市場表現波動。", "2008-01-01", "2009-12-31"),  # a named happening
    ("主要股市在上半年屢創新高。", "2023-01-01", "2023-06-30"),
    # relative parts of the year reported on (zh.toml [periods]), opening their clause after a connective
    ("環球股市略為回升，但接近年底再度轉差。", "2023-09-01", "2023-12-31"),  # towards the end of the year
    ("環球股市略為回升，但臨近年末再度轉差。", "2023-09-01", "2023-12-31"),
    ("債券價格在首季上升。", "2023-01-01", "2023-03-31"),  # the first quarter
    # a year's last months named with its year (zh.toml [near_parts]), opening its clause after a connective
    ("美元轉強，而在接近2021年底時情況更為顯著。", "2021-09-01", "2021-12-31"),
    ("美元轉強，而臨近2019年年底時再度轉弱。", "2019-09-01", "2019-12-31"),
    ("債券價格在年尾回落。", "2023-12-31", "2023-12-31"),
    ("聯儲局在下半年宣布加息。", "2023-07-01", "2023-12-31"),
    ("聯儲局在年中宣布加息。", "2023-05-01", "2023-08-31"),
    # a month's last day ("自1月底開始": since the end of January; 開始 then no verb of its own)
    ("新興市場及香港股市自1月底開始反覆下跌。", "2023-01-31", "2023-01-31"),
    ("政府於2018年6月底推出計劃。", "2018-06-30", "2018-06-30"),
    # a count of years back from the edition's year ("40年前": forty years before 2023)
    ("早於40年前，香港已開始發展智能運輸系統。", "1983-01-01", "1983-12-31"),
    ("香港於十年前推出計劃。", "2013-01-01", "2013-12-31"),
    ("新興市場及香港股市自1月底開始反覆下跌。", "2023-01-31", "2023-01-31"),  # the month's last day
    # a year's start as when something happened is early that year (zh.toml [event_parts]), as "early 2016"
    ("2016年年初市場憂慮內地經濟硬着陸，促使環球股市大幅下挫。", "2016-01-01", "2016-04-30"),
    ("年初市場憂慮經濟放緩。", "2023-01-01", "2023-04-30"),
    # not until a date did it happen (直至 ... 才), in a part of a month
    ("股市大幅下挫，直至2月中旬市場才穩定下來。", "2023-02-11", "2023-02-20"),
    ("股市大幅下挫，直到3月上旬市場才回穩。", "2023-03-01", "2023-03-10"),
    ("11月美國大選結果出人意表。", "2023-11-01", "2023-11-30"),  # a named happening (大選) after its month
    # a quarter after two connectives (但 and 隨着: "but with ...") opens its clause
    ("英鎊在第3季下跌3.2%，但隨着第4季脫歐形勢明朗化而顯著反彈。", "2023-10-01", "2023-12-31"),
]


def test_a_markets_move_in_the_year_reported_on_is_no_event_but_the_happening_it_follows_is():
    _, events = read("環球股市繼2022年第4季大幅調整後，在2023年反彈。")
    assert [(e.date_start, e.date_end) for e in events.itertuples()] == [("2022-10-01", "2022-12-31")]


def test_a_date_joined_to_a_dated_one_shares_its_intro():
    _, events = read("另外，我們於 1993年及1999年分别安裝了衝紅燈攝影機及偵速攝影機。")
    assert [(e.date_start, e.date_end) for e in events.itertuples()] == [
        ("1993-01-01", "1993-12-31"), ("1999-01-01", "1999-12-31")]


def test_happenings_joined_in_one_clause_are_two_events():
    _, events = read("6月英國脫歐公投和11月美國大選結果亦出人意表。")
    assert [(e.date_start, e.date_end) for e in events.itertuples()] == [
        ("2023-06-01", "2023-06-30"), ("2023-11-01", "2023-11-30")]


@pytest.mark.parametrize(("text", "start", "end"), EVENTS, ids=[e[0] for e in EVENTS])
def test_chinese_events(text, start, end):
    _, events = read(text)
    assert [(e.date_start, e.date_end) for e in events.itertuples()] == [(start, end)]


@pytest.mark.parametrize("text", ["外匯基金在2020年錄得2,358億港元的投資收入。", "截至年底時收益率變動不大。",
                                  "在2020年，香港股市下跌10%。",
                                  "表3列載外匯基金資產於2017年12月31日的貨幣比重。",
                                  "美元在2023 年繼續轉強。",  # a market's move in the year reported on
                                  "接近年底的收益率為0.9%。",  # a figure's period: 接近 is no qualifier here
                                  "接近100億港元的資產在年內增加。",
                                  "收益率在接近2021年底時為0.9%。",  # a figure's period, also with its year
                                  "1990年前，香港的資產增加了。",  # 前 after a year: before it, no count back
                                  "計劃直至2025年3月中旬。",  # until: a span's end, with no 才
                                  "隨着年內利率上升，債券價格下跌。",  # a market's move in the year reported on
                                  "該措施直至2025年底仍然有效。",
                                  "在2023年，多項風險因素一一浮現，環球金融市場因而出現大幅波動及調整。"])
def test_a_figures_period_or_a_status_is_no_event(text):
    assert read(text)[1].empty


def test_a_rank_with_da_stays_a_rank_and_this_year_stays_a_period():
    assert only("香港是全球第三大市場。")["kind"] == "rank"  # 第N大 is a rank, never a count of N
    row = only("年內收入為100億港元。")  # 年內 alone is the year reported on; 三年內 is a duration (above)
    assert (row["period_start"], row["period_end"]) == ("2023-01-01", "2023-12-31")


# a target's date (zh.toml [targets]) with an event verb after it in its clause: when a plan is to happen
PLANNED = [
    ("運輸署將於 2020年前完成在主要幹線上安裝約 1200組交通探測器。", "2020-01-01", "2020-12-31"),
    ("運輸署將改善現時一組行車速度屏，預計2020年年底前完成。", "2020-12-31", "2020-12-31"),
    ("以配合將於2021年投入服務的隧道。", "2021-01-01", "2021-12-31"),
    ("政府計劃於2025年推出新制度。", "2025-01-01", "2025-12-31"),
]


@pytest.mark.parametrize(("text", "start", "end"), PLANNED, ids=[p[0] for p in PLANNED])
def test_a_target_date_of_a_planned_happening_is_an_event(text, start, end):
    _, events = read(text)
    assert [(e.date_start, e.date_end, e.rule) for e in events.itertuples()] == [(start, end, "zh-event-planned")]


@pytest.mark.parametrize("text", ["預期截至2018年底，未來基金的比重將增加至80%。",  # as at a day: no happening
                                  "預計2020年的經濟增長為3%。",  # a forecast figure: no event verb
                                  "目標是在2030年前把碳排放減少一半。"])
def test_a_target_without_a_planned_happening_is_no_event(text):
    assert read(text)[1].empty


def test_chinese_numerals():
    assert [chinese_number(t) for t in ("十二", "二十", "兩百", "三千五百", "一百零五", "二○二三")] == [
        12, 20, 200, 3500, 105, 2023]


def test_sentences_end_at_chinese_full_stops():
    text = "# 標題\n\n第一句有10%。第二句有20%！第三句有30%？\n"
    from factsheet.markdown import read_markdown

    parsed = structure(read_markdown(text))
    assert [s.text for s in parsed.statements] == ["第一句有10%。", "第二句有20%！", "第三句有30%？"]
    assert parsed.language == "zh-Hant"


def test_a_line_ending_in_a_full_stop_is_no_heading():
    text = "# 標題\n\n# 2022 年的金融市場\n\n2022年市場波動，股市下跌19.8%。\n"
    from factsheet.markdown import read_markdown

    parsed = structure(read_markdown(text))
    assert [(s.section, s.text) for s in parsed.statements] == [
        ("2022 年的金融市場", "2022年市場波動，股市下跌19.8%。")]


def test_language_is_told_by_content():
    assert detect_language("外匯基金在2020年錄得2,358億港元的投資收入，回報率為5.3%。") == "zh-Hant"
    assert detect_language("The Exchange Fund recorded an investment income of HK$235.8 billion in 2020.") == "en"
    assert detect_language("金管局 (HKMA) 的 ESG 投資") == "zh-Hant"


def test_slugs_of_chinese_titles_are_ids():
    assert slug("創新香港") == "chuang-xin-xiang-gang" == slug("創新香港")
    assert slug("儲備管理 2020") == "chu-bei-guan-li-2020"
    assert slug("Innovative Hong Kong") == "innovative-hong-kong"


def test_a_chinese_file_is_extracted_and_its_language_recorded(tmp_path: Path):
    path = tmp_path / "創新香港.txt"
    path.write_text("創新香港\n\n政府在2022年預留100億港元推動創新科技，約九成企業受惠。\n", encoding="utf-8")
    data = standalone_edition(path, published="2022")
    assert data.edition.language == "zh-Hant"
    assert data.edition.source_id == "chuang-xin-xiang-gang"
    assert sorted(data.figures["value"]) == [90, 10000000000]
    assert set(data.figures["period_start"]) == {"2022-01-01"}


ALPHABET = ("0123456789,.%：:年月日季第首約超過最多以上下左右億萬千百十一二兩三四五六七八九○港元美幣人民"
            "分之成倍個次重基點於在自由至起以來過去期度內初底末中半表圖頁負。，、（）比 ")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_any_chinese_text_reads_without_error_and_spans_spell_their_figures(text):
    figures, events = read(text)
    for row in figures.itertuples():
        assert text[row.char_start : row.char_end] == row.value_text
    for row in events.itertuples():
        assert text[row.char_start : row.char_end] == row.date_text


def test_a_chinese_printed_date_is_the_editions_date(tmp_path: Path):
    path = tmp_path / "sheet.txt"
    path.write_text("創新香港\n\n（2022年6月）\n\n政府在年內預留100億港元推動創新科技。\n", encoding="utf-8")
    data = standalone_edition(path)
    assert data.edition.published == "2022-06"
    assert list(data.figures["period_start"]) == ["2022-01-01"]


def test_a_chinese_web_page_and_a_big5_text_are_read_in_chinese(tmp_path: Path):
    page = tmp_path / "page.htm"
    page.write_text('<html><head><meta charset="utf-8"><title>創新香港</title></head><body><h1>創新香港</h1>'
                    "<ul><li>研發開支超過300億港元。</li><li>初創企業有4,257間。</li></ul></body></html>",
                    encoding="utf-8")
    figures = standalone_edition(page, published="2022").figures
    assert list(zip(figures["value"], figures["qualifier"], figures["label"])) == [
        (30000000000, "lower_bound", "研發開支"), (4257, "exact", "初創企業")]
    text = tmp_path / "big5.txt"
    text.write_bytes("創新香港\n\n政府在2022年預留100億港元推動創新科技。\n".encode("big5"))
    data = standalone_edition(text, published="2022")
    assert data.edition.language == "zh-Hant" and list(data.figures["value"]) == [10000000000]


@pytest.mark.parametrize("unit", ["收入100億港元、", "於2020年10月", "第1季", "由2020年初的3%至年底的4%", "一直"])
def test_a_long_run_without_marks_reads_in_linear_time(unit):
    import time

    text = (unit * 20000)[:20000]  # a table or a list of 20,000 characters with no full stop
    started = time.monotonic()
    read(text)
    assert time.monotonic() - started < 10  # quadratic reading took minutes; linear takes well under a second
