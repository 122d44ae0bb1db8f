"""HTML sources: recognised by content, rendered into the same document model as text and PDF (text + marked lines).

Real pages: the 21 monthly "Financial results" press releases in ../shared/data/real/fiscal/ (skipped where
absent), checked against the third party's answers.csv. Synthetic pages: one per era of markup (<pre> tables,
<p>-as-line-break and <br> layouts padded with &nbsp;, <table> with th/colspan/rowspan, a modern page with
navigation, scripts and footer), encodings, errors, a 20 MB page, and refresh of an .htm source.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from httpserver import Reply, ScriptedServer

from factsheet.archive import read_manifest
from factsheet.errors import InputError
from factsheet.extract import extract
from factsheet.html import MAX_CELL_CHARS, is_html, read_html
from factsheet.model import Document, Source
from factsheet.pipeline import archived_edition, check_source
from factsheet.read import document_of, structure

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((d / "shared" for d in (ROOT.parent, ROOT.parent.parent) if (d / "shared").is_dir()), ROOT / "shared")
REAL = SHARED / "data" / "real"  # shared/ beside the repo, or beside the folder of its work trees
FISCAL = REAL / "fiscal"
PAGES = sorted(FISCAL.glob("*.htm*")) if FISCAL.is_dir() else []
JUNE = (ROOT / "raw" / "innovative-hong-kong" / "2022-06" / "source.txt").read_text(encoding="utf-8")
NUMBER = re.compile(r"\(?\d{1,3}(?:,\d{3})*\.\d\)?")
real_pages = pytest.mark.skipif(len(PAGES) != 21, reason="../shared/data/real/fiscal/ not beside the repo")


def read(page: str | bytes, name: str = "page.htm") -> Document:
    document = read_html(page.encode("utf-8") if isinstance(page, str) else page, name)
    check_lines(document)
    return document


def check_lines(document: Document) -> None:
    """The model's invariants: one Line per line of text, cells spelling their text, marks where they belong."""
    assert document.media_type == "text/html" and document.text.endswith("\n")
    pos = 0
    for line, raw in zip(document.lines, document.text.split("\n"), strict=True):
        assert (line.start, line.end) == (pos, pos + len(raw))
        pos += len(raw) + 1
        if line.cells:
            written = sorted({span for span in line.cells if line.start <= span[0] <= line.end})
            cells = [document.text[a:b] for a, b in written]
            assert " | ".join(cells) == raw  # each cell written once, in column order
            assert all(c == " ".join(c.split()) for c in cells)
        if line.level is not None:
            assert line.heading is True and 1 <= line.level <= 6
        if line.start == line.end:
            assert not (line.cells or line.level or line.item)


def texts(document: Document) -> list[str]:
    return [document.text[ln.start : ln.end] for ln in document.lines]


def cells_of(document: Document, line_text: str) -> list[str]:
    """The grid of the row line that reads line_text: each column's cell text."""
    line = next(ln for ln in document.lines if document.text[ln.start : ln.end] == line_text)
    return [document.text[a:b] for a, b in line.cells]


def line_with(document: Document, text: str):  # noqa: ANN201
    return next(ln for ln in document.lines if document.text[ln.start : ln.end] == text)


def to_html(text: str, title: str) -> str:
    """A text fact sheet as a plain modern page: h1/h2 headings, p paragraphs, ul/li bullets, the date alone."""
    out = [f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"]
    for n, block in enumerate(re.split(r"\n\s*\n", text.strip())):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if n == 0:
            out.append(f"<h1>{html.escape(lines.pop(0))}</h1>")
        joined = " ".join(lines)
        if not lines:
            continue
        if len(lines) <= 2 and "•" not in joined and joined[-1] not in ".:;," and len(joined.split()) <= 12:
            out.append(f"<h2>{html.escape(joined)}</h2>")
            continue
        para: list[str] = []
        items: list[list[str]] = []
        for ln in lines:
            if re.fullmatch(r"\(\w+ \d{4}\)", ln):
                out.append(f"<p>{html.escape(' '.join(para))}</p><p>{ln}</p>")
                para = []
            elif ln.startswith("•"):
                items.append([ln[1:].strip()])
            elif items:
                items[-1].append(ln)
            else:
                para.append(ln)
        if para:
            out.append(f"<p>{html.escape(' '.join(para))}</p>")
        if items:
            out.append("<ul>" + "".join(f"<li>{html.escape(' '.join(i))}</li>" for i in items) + "</ul>")
    return "\n".join(out) + "\n</body></html>\n"


# --- recognised by content ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    b"<!DOCTYPE html><html><body><p>Hi</p></body></html>",
    b"\n\n\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html>",
    b'<meta http-equiv="content-type" content="text/html; charset=iso-8859-1">\n\n<HTML>\n<HEAD>',
    b"<HTML><HEAD><TITLE>x</TITLE></HEAD>",
    b"<p>Revenue rose by 5%.</p>",
    b"<TABLE><TR><TD>Revenue</TD><TD>1.0</TD></TR></TABLE>",
    b"<!-- saved page -->\n<body>text</body>",
    b"\xef\xbb\xbf<html><body>BOM</body></html>",
    "\ufeff<html><body>UTF-16</body></html>".encode("utf-16-le"),
])
def test_html_is_recognised_by_content(data):
    assert is_html(data)


@pytest.mark.parametrize("data", [
    b"Innovative Hong Kong\n(June 2022)\n<p> is how HTML marks a paragraph\n",
    b"# Hong Kong\n\n**Real GDP growth rate**<br>-6.1% (2020 est.)<br>3.2% (2019 est.)\n<table>",
    b"<b>bold</b> words and a <br> break are not a page",
    b"%PDF-1.7\n<html>",
    b"",
])
def test_text_markdown_and_pdf_are_not_html(data):
    assert not is_html(data)


def test_real_markdown_and_text_documents_are_not_html():
    others = [p for p in REAL.rglob("*") if p.is_file() and p.suffix in (".md", ".txt")] if REAL.is_dir() else []
    if not others:
        pytest.skip("../shared/data/real/ not beside the repo")
    assert [p.name for p in others if is_html(p.read_bytes())] == []


def test_document_of_reads_html_after_pdf_and_before_text():
    page = document_of(b"<html><body><p>Revenue: $5 billion</p></body></html>", "x")
    assert page.media_type == "text/html" and page.text == "Revenue: $5 billion\n"
    assert document_of(b"Revenue <p> $5 billion\n", "x").media_type == "text/plain"


# --- rendering: flow --------------------------------------------------------------------------------------


def test_blocks_are_separated_by_blank_lines_br_breaks_a_line():
    doc = read("<html><head><title>Fact sheet</title></head><body><h2>Money</h2>"
               "<p>One<br>Two<br/><br/>Three</p><div>Four</div>Five<p>Six</p></body></html>")
    assert doc.text == "Fact sheet\n\nMoney\n\nOne\nTwo\n\nThree\n\nFour\n\nFive\n\nSix\n"
    assert [(ln.level, ln.heading) for ln in doc.lines[:3]] == [(1, True), (None, None), (2, True)]
    assert all(ln.heading is None for ln in doc.lines[3:])


def test_whitespace_collapses_entities_decode_and_nbsp_is_a_space_that_stays():
    doc = read("<p>\n   Revenue&nbsp;&nbsp;rose \n\t  to\n $1&#160;billion &amp; more &lt;b&gt; &#8212; "
               "caf&eacute;</p><p>&nbsp; &nbsp;indented</p><p> <b>bold</b> <i> and </i> text </p>")
    assert texts(doc)[:5] == ["Revenue  rose to $1 billion & more <b> \u2014 café", "", "   indented", "",
                              "bold and text"]


def test_headings_take_their_level_and_the_title_is_level_one():
    doc = read("<title> Annual\n report </title><h2>Economy</h2><h3>Trade</h3><h6>Note</h6><p>Text.</p>")
    assert [(t, ln.level) for t, ln in zip(texts(doc), doc.lines) if t] == [
        ("Annual report", 1), ("Economy", 2), ("Trade", 3), ("Note", 6), ("Text.", None)]
    same = read("<title>Annual report</title><h1>Annual report</h1><p>Text.</p>")
    assert texts(same) == ["Annual report", "", "Text.", ""]  # the title is not repeated
    assert [ln.level for ln in same.lines] == [1, None, None, None]


def test_list_items_are_marked_on_their_first_line_and_stay_together():
    doc = read("<p>The Fund supports:</p><ul><li>SMEs, with <b>up to</b> $1 million<li>start-ups<br>of any size"
               "<ul><li>nested item</li></ul></li></ul><ol><li><p>numbered</p><p>second paragraph</p></li></ol>")
    assert texts(doc) == ["The Fund supports:", "", "SMEs, with up to $1 million", "start-ups", "of any size",
                          "nested item", "", "numbered", "second paragraph", ""]
    assert [ln.item for ln in doc.lines] == [False, False, True, True, False, True, False, True, False, False]


def test_a_modern_page_keeps_its_content_and_drops_navigation_scripts_forms_and_furniture():
    page = """<!DOCTYPE html><html lang="en"><head><title>Innovative Hong Kong | GovHK</title>
    <meta charset="utf-8"><style>p { color: red }</style><script>var tracking = "<p>not text</p>";</script></head>
    <body><a id="skiptocontent" href="#main">Go to main content</a>
    <header><img src="logo.png" alt="GovHK logo"><nav><ul><li><a href="/">Home</a></li><li>Residents</li></ul>
    </nav><form action="/search"><label for="q">Search</label><input id="q" value="query"><button>Go</button>
    </form></header>
    <div class="breadcrumb">Home &gt; Facts</div><div id="menu"><a href="/a">About</a></div>
    <main><article><header><h1>Innovative Hong Kong</h1></header>
    <p>Over <strong>44,500</strong> Wi-Fi.HK hotspots.<!-- a comment --> <img src="x.png" alt="IMG SRC alt"></p>
    <noscript>Enable JavaScript</noscript><p hidden>hidden paragraph</p><p style="display: none">none</p>
    <span style="visibility:hidden">invisible</span><template><p>template</p></template>
    <iframe src="/ad">ad</iframe><svg><text>chart label</text></svg><select><option>2022</option></select>
    <p>Funding of $2 billion.</p><footer><p>Article footnote 1.</p></footer></article></main>
    <div role="navigation">Related links</div><aside><p>See also the $3 billion fund.</p></aside>
    <footer><p>Copyright 2024 Important notices</p><div class="footer">Privacy</div></footer>
    <script>document.write("late")</script></body></html>"""
    doc = read(page)
    assert texts(doc) == ["Innovative Hong Kong | GovHK", "", "Innovative Hong Kong", "",
                          "Over 44,500 Wi-Fi.HK hotspots.", "", "Funding of $2 billion.", "",
                          "Article footnote 1.", "", "See also the $3 billion fund.", ""]
    assert [ln.level for ln in doc.lines[:3]] == [1, None, 1]


def test_pre_text_is_kept_line_by_line_with_its_whitespace():
    doc = read("<p>Tables:</p><pre>\nTABLE 1.\tACCOUNTS<p><p>"
               "                 Month ended     Year ended<p>"
               "Revenue             33,358.7      225,022.1\n"
               "Expenditure       (32,423.9)    (232,839.2)\n"
               "  Domestic &amp; other\n\n\n\nTotal   1.0</pre><p>After.</p>")
    assert texts(doc) == ["Tables:", "", "TABLE 1.\tACCOUNTS", "", "                 Month ended     Year ended",
                          "Revenue             33,358.7      225,022.1", "Expenditure       (32,423.9)    (232,839.2)",
                          "  Domestic & other", "", "Total   1.0", "", "After.", ""]


def test_html2_pages_use_p_as_a_line_break_and_typed_columns_keep_their_spaces():
    """1999-2000 releases: <p> never closed, a fixed-width table typed into flow text without <pre>."""
    page = ("<HTML><BODY>TABLE 1.  PROVISIONAL ACCOUNTS<p>\r\n<p>\r\n"
            "                              Month Ended      Year ended<p>\r\n"
            "                              HK$ million       HK$ million<p>\r\n<p>\r\n"
            "Revenue                        52,506.1          232,978.6<p>\r\n"
            "  Domestic<p>\r\n"
            "     The Government   announced.<p>\r\n"
            "Prose with  two spaces.<p></BODY></HTML>")
    doc = read(page)
    assert texts(doc) == ["TABLE 1. PROVISIONAL ACCOUNTS", "",
                          "                              Month Ended      Year ended",
                          "                              HK$ million       HK$ million", "",
                          "Revenue                        52,506.1          232,978.6",
                          "Domestic", "     The Government   announced.", "Prose with two spaces.", ""]
    closed = read("<p>One</p>\n<p>Two</p><p>Three</p><p>Four</p><p>Five</p>")
    assert closed.text == "One\n\nTwo\n\nThree\n\nFour\n\nFive\n"


def test_br_layout_padded_with_nbsp_keeps_its_columns():
    """2006-2016 releases: a fixed-width table drawn with &nbsp; and <br/> in flow text."""
    pad = "&nbsp;"
    page = (f"TABLE 1.{pad * 3}CONSOLIDATED ACCOUNT<br/><br/>{pad * 19}Month ended{pad * 10}Year ended <br/>"
            f"{pad * 19}HK$ million{pad * 9}HK$ million<br/><br/>Revenue{pad * 15}14,838.3{pad * 12}316,541.1"
            f"<br/>Expenditure{pad * 8}(56,612.3){pad * 10}(315,104.6)<br/>&nbsp; &nbsp; &nbsp;Banking<br/>")
    doc = read(f"<html><body><div id='pressrelease'>{page}</div></body></html>")
    lines = texts(doc)
    assert lines[:7] == ["TABLE 1.   CONSOLIDATED ACCOUNT", "", " " * 19 + "Month ended" + " " * 10 + "Year ended",
                         " " * 19 + "HK$ million" + " " * 9 + "HK$ million", "",
                         "Revenue" + " " * 15 + "14,838.3" + " " * 12 + "316,541.1",
                         "Expenditure" + " " * 8 + "(56,612.3)" + " " * 10 + "(315,104.6)"]
    assert lines[7] == "     Banking"  # nbsp, space, nbsp...: no space collapses against a non-breaking one
    header, revenue = lines[3], lines[5]
    assert header.index("HK$ million") + len("HK$ million") == revenue.index("14,838.3") + len("14,838.3")


# --- rendering: tables ------------------------------------------------------------------------------------


def test_a_data_table_is_one_line_per_row_with_cells_header_and_colspan():
    doc = read("""<p>TABLE 1.</p><table border=1><caption>Consolidated account</caption>
      <thead><tr><th></th><th colspan="2">Month ended<br>March 31, 2018<br>HK$ million</th><th>Year</th></tr></thead>
      <tbody><tr><td>Revenue</td><td colspan=2>26,390.7</td><td>619,836.4</td></tr>
      <tr><td>&nbsp;</td><td colspan=2>&nbsp;</td><td>&nbsp;</td></tr>
      <tr><td>&nbsp;&nbsp;&nbsp;Banking Sector<br>&nbsp;&nbsp; (Note 2)</td><td colspan=2>(1,089.1)</td>
          <td>-</td></tr></tbody></table><p>After.</p>""")
    assert texts(doc) == ["TABLE 1.", "", "Consolidated account",
                          " | Month ended March 31, 2018 HK$ million | Year",
                          "Revenue | 26,390.7 | 619,836.4", "Banking Sector (Note 2) | (1,089.1) | -", "", "After.", ""]
    head, revenue, banking = (line_with(doc, t) for t in texts(doc)[3:6])
    assert (head.header, revenue.header, banking.header) == (True, False, False)
    assert cells_of(doc, texts(doc)[4]) == ["Revenue", "26,390.7", "26,390.7", "619,836.4"]
    assert revenue.cells[1] == revenue.cells[2]  # a colspan cell's span, repeated for each column it covers
    assert cells_of(doc, texts(doc)[3]) == ["", "Month ended March 31, 2018 HK$ million",
                                            "Month ended March 31, 2018 HK$ million", "Year"]
    assert head.cells[0][0] == head.cells[0][1] == head.start  # an empty cell: an empty span where it stands
    assert line_with(doc, "Consolidated account").cells == ()


def test_rowspan_cells_cover_the_rows_below_and_header_is_unknown_without_th():
    doc = read("<table><tr><td rowspan=2>Revenue</td><td>2022</td><td>1.0</td></tr><tr><td>2023</td><td>2.0</td>"
               "</tr><tr><td>Total</td><td rowspan=0>all</td><td>3.0</td></tr><tr><td>x</td><td>4.0</td></tr>"
               "</table>")
    assert texts(doc) == ["Revenue | 2022 | 1.0", "2023 | 2.0", "Total | all | 3.0", "x | 4.0", ""]
    first, second, third, fourth = doc.lines[:4]
    assert second.cells[0] == first.cells[0]  # "Revenue", written once, in the row where it starts
    assert cells_of(doc, "2023 | 2.0") == ["Revenue", "2023", "2.0"]
    assert cells_of(doc, "x | 4.0") == ["x", "all", "4.0"]  # rowspan=0: to the table's end
    assert {ln.header for ln in doc.lines[:4]} == {None}  # no th, no thead: markup does not say


def test_a_row_of_th_is_a_header_even_without_thead():
    doc = read("<table><tr><th>Item</th><th>2023</th></tr><tr><th>Revenue</th><td>5.0</td></tr></table>")
    assert [ln.header for ln in doc.lines[:2]] == [True, False]


def test_layout_tables_are_flow_and_only_innermost_tables_with_short_cells_are_rows():
    long_cell = "Conditions apply. " * (MAX_CELL_CHARS // 18 + 1)
    doc = read(f"""<table width=600><tr><td><img src=logo.gif alt="Press Release"></td></tr>
      <tr><td>&nbsp;</td><td><p>Provisional results.</p><p>Expenditure was $232.8 billion.</p>
        <table border><tr><td>Revenue</td><td>11,251.9</td></tr><tr><td>Deficit</td><td>(13,615.0)</td></tr></table>
        <p>Notes:</p></td></tr></table>
      <table><tr><td>Only one column</td></tr><tr><td>in every row</td></tr></table>
      <table><tr><td>Fund</td><td>{long_cell}</td></tr></table>
      <table><tr><td>Code</td><td><pre>a   b</pre></td></tr></table>""")
    rows = [t for t, ln in zip(texts(doc), doc.lines) if ln.cells]
    assert rows == ["Revenue | 11,251.9", "Deficit | (13,615.0)"]
    lines = texts(doc)
    for text in ("Provisional results.", "Expenditure was $232.8 billion.", "Notes:", "Only one column",
                 "in every row", "Fund", long_cell.strip(), "Code", "a   b"):
        assert text in lines
    assert "Press Release" not in doc.text
    broken = read("<table><tr><td>a</td><td>b</td>stray words</tr></table><table><tr><td>c</td><td>d</td></table>")
    assert texts(broken) == ["a", "b", "stray words", "", "c | d", ""]  # text outside cells: flow, not lost


# --- encodings --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "text", "encoding"), [
    ('<meta http-equiv="content-type" content="text/html; charset=BIG5" />'
     "<p>\u6536\u5165\u3000\u7d04\uff13\uff10\u5104</p>".encode("big5"), "收入 約３０億", "big5hkscs"),
    (b'<meta http-equiv="content-type" content="text/html;\r\ncharset=iso-8859-1"><p>\x93Smart\x94 \x96 caf\xe9</p>',
     "\u201cSmart\u201d \u2013 café", "cp1252"),
    (b"\xef\xbb\xbf<html><body><p>caf\xc3\xa9</p></body></html>", "café", "utf-8"),
    ("<html><body><p>收入增加</p></body></html>".encode("big5"), "收入增加", "big5"),
    ("<html><body><p>收入</p></body></html>".encode(), "收入", "utf-8"),
    ('<meta charset="big5"><p>\u6536\u5165 café</p>'.encode("utf-8"), "收入 café", "utf-8"),  # mislabelled
    ("\ufeff<html><body><p>收入 $5</p></body></html>".encode("utf-16-le"), "收入 $5", "utf-16-le"),
    (b"<html><body><p>line one\r\nline two\rthree</p><pre>a\r\nb</pre></body></html>", "line one line two three",
     "utf-8"),
])
def test_encoding_from_bom_meta_charset_or_the_text_fallbacks(data, text, encoding):
    doc = read(data)
    assert texts(doc)[0] == text and doc.encoding == encoding


# --- errors ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "problem"), [
    (b"<html><head><title></title><script>x()</script></head><body><img alt='x'></body></html>",
     "page.htm: HTML page with no visible text"),
    (b"<html><body>" + b"<div>" * 3000 + b"deep" + b"</div>" * 3000 + b"</body></html>",
     "page.htm: HTML that cannot be read whole (Excessive depth in document: 2048)"),
    (b"<html><body>\x00\x01\x02binary</body></html>", "page.htm: binary file, not HTML"),
])
def test_unreadable_pages_are_one_line_errors(data, problem):
    with pytest.raises(InputError) as info:
        read_html(data, "page.htm")
    assert str(info.value) == problem


def test_cli_refuses_a_page_without_text_in_one_line(tmp_path):
    page = tmp_path / "empty.htm"
    page.write_bytes(b"<!DOCTYPE html><html><body><nav>Home</nav><script>x()</script></body></html>")
    run = subprocess.run([sys.executable, "-m", "factsheet.cli", "extract", str(page), "--out", str(tmp_path / "o")],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "DO_NOT_TRACK": "1"})
    assert run.returncode == 2 and run.stderr.strip().splitlines() == [
        f"factsheet: error: {page}: HTML page with no visible text"]
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_a_20_mb_page_reads_in_bounded_time_and_memory(tmp_path):
    """Linear rendering: a 20 MB page of paragraphs, &nbsp; lines, <pre> and tables, in a process of its own."""
    unit = ("<p>Revenue rose to $1.5 billion &amp; more in 2023.</p>"
            "Revenue&nbsp;&nbsp;&nbsp;&nbsp;14,838.3&nbsp;&nbsp;&nbsp;316,541.1<br/>"
            "<pre>Total      1.0      2.0\n</pre><table><tr><td>Revenue</td><td colspan=2>1.0</td></tr></table>\n")
    page = tmp_path / "big.htm"
    page.write_text("<html><body>" + unit * (20_000_000 // len(unit)) + "</body></html>", encoding="utf-8")
    code = ("import resource, sys, time; from pathlib import Path; from factsheet.html import read_html\n"
            "t = time.perf_counter(); d = read_html(Path(sys.argv[1]).read_bytes(), 'big.htm')\n"
            "print(len(d.lines), time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    run = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    lines, seconds, max_rss_kb = run.stdout.split()
    assert int(lines) == 8 * (20_000_000 // len(unit))  # paragraph, &nbsp; line, pre line, row: each + blank
    assert float(seconds) < 120 and int(max_rss_kb) < 2_500_000, run.stdout


# --- the same model as text: a fact sheet as a page gives the text's figures ------------------------------


def test_a_fact_sheet_as_html_gives_the_same_title_date_and_figures_as_its_text():
    page = document_of(to_html(JUNE, "Innovative Hong Kong").encode("utf-8"), "ihk.htm")
    text = document_of(JUNE.encode("utf-8"), "ihk.txt")
    check_lines(page)
    parsed_page, parsed_text = structure(page), structure(text)
    assert (parsed_page.title, parsed_page.published) == (parsed_text.title, parsed_text.published)
    assert parsed_page.title == "Innovative Hong Kong" and parsed_page.published == "2022-06"

    def figures(parsed):  # noqa: ANN001, ANN202
        return Counter((m.kind, m.statement.text[m.start : m.end]) for m in extract(parsed)[0])

    assert figures(parsed_page) == figures(parsed_text) and len(figures(parsed_page)) >= 45
    assert any(ln.item for ln in page.lines) and any(ln.level == 2 for ln in page.lines)


# --- refresh: an .htm path or a URL serving HTML is archived as source.html ------------------------------


def archive_and_check(where: str, data: bytes, tmp_path: Path, **source: str) -> None:
    raw = tmp_path / "raw"
    result = check_source(Source(id="innovative-hong-kong", title="Innovative Hong Kong", **source), raw,
                          tmp_path / "state")
    assert (result.outcome, result.edition_id) == ("new-edition", "innovative-hong-kong-2022-06"), result
    folder = raw / "innovative-hong-kong" / "2022-06"
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "source.html", "text.txt"]
    assert (folder / "source.html").read_bytes() == data
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["media_type"], manifest["encoding"], manifest["pages"]) == ("text/html", "utf-8", None)
    text = (folder / "text.txt").read_text(encoding="utf-8")
    assert text == read_html(data, where).text
    edition = read_manifest(folder)
    assert edition.raw_path.endswith("innovative-hong-kong/2022-06/source.html")
    built = archived_edition(edition, raw, "HKD")  # the package is rebuilt from raw/: read again by content
    assert len(built.figures) >= 45
    for row in built.figures.itertuples():
        assert " ".join(text[row.char_start : row.char_end].split()) == " ".join(row.value_text.split())


def test_refresh_archives_a_path_source_ending_in_htm(tmp_path):
    data = to_html(JUNE, "Innovative Hong Kong").encode("utf-8")
    page = tmp_path / "innovative-hong-kong.htm"
    page.write_bytes(data)
    archive_and_check(str(page), data, tmp_path, path=str(page))


@pytest.mark.slow
def test_refresh_archives_a_url_that_serves_html(tmp_path):
    data = to_html(JUNE, "Innovative Hong Kong").encode("utf-8")
    with ScriptedServer() as server:
        server.script("/ihk", Reply(body=data, headers={"Content-Type": "text/html; charset=utf-8"}))
        archive_and_check(server.url("/ihk"), data, tmp_path, url=server.url("/ihk"))


# --- the 21 real press releases ---------------------------------------------------------------------------


@real_pages
@pytest.mark.parametrize("path", PAGES, ids=[p.name[:20] for p in PAGES])
def test_a_real_release_reads_as_visible_text_with_title_and_revenue_row(path):
    doc = document_of(path.read_bytes(), str(path))
    check_lines(doc)
    for markup in ("<", "IMG SRC", "img src", "&nbsp;", "&#", "&amp;", "function(", "Email this article",
                   "Brand HK", "Press Release\n", "GovHK", "Font Size"):
        assert markup not in doc.text, markup
    first = doc.lines[0]
    assert first.level == 1 and doc.text[first.start : first.end].startswith("Provisional financial results")
    revenue = [ln for ln in doc.lines if re.match(r"\s*Revenue\b(?! (?:for|was|recorded))", doc.text[ln.start:ln.end])]
    assert revenue, "no Revenue row"
    line = revenue[0]
    if line.cells:  # an HTML table: "Revenue" then numbers, each a cell
        cells = [doc.text[a:b] for a, b in line.cells]
        assert cells[0] == "Revenue" and len([c for c in cells[1:] if NUMBER.fullmatch(c)]) >= 2
    else:  # a fixed-width table (<pre>, typed or &nbsp;-padded): columns kept apart by runs of spaces
        assert re.fullmatch(r"\s*Revenue(?: \(Note \d\))?\s{2,}[\d,.]+\s{2,}[\d,.]+", doc.text[line.start : line.end])


@real_pages
def test_real_releases_hold_the_answer_tables_values_in_their_rows():
    """Every month's revenue, expenditure and fiscal reserves of answers.csv stand in a table row as written."""
    with open(FISCAL / "answers.csv", encoding="utf-8") as f:
        answers = list(csv.DictReader(f))
    assert len(answers) == 21
    for answer in answers:
        doc = document_of((FISCAL / answer["file_name"]).read_bytes(), answer["file_name"])
        rows = {doc.text[ln.start : ln.end] for ln in doc.lines
                if ln.cells or re.search(r"\S\s{2,}\(?\d", doc.text[ln.start : ln.end])}
        for column in ("revenue", "expenditure", "fiscal_reserve_start", "fiscal_reserve_end"):
            value = float(answer[column])
            written = f"{abs(value):,.1f}" if value >= 0 else f"({abs(value):,.1f})"
            assert any(written in row for row in rows), (answer["file_name"], column, written)


@real_pages
def test_cli_extract_takes_a_real_release(tmp_path):
    out = tmp_path / "package"
    run = subprocess.run([sys.executable, "-m", "factsheet.cli", "extract", str(PAGES[0]), "--out", str(out)],
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ, "DO_NOT_TRACK": "1", "GX_ANALYTICS_ENABLED": "false"})
    assert run.returncode == 0, run.stderr[-2000:]
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    with open(out / "figures.csv", encoding="utf-8") as f:
        figures = list(csv.DictReader(f))
    assert figures and not any("<" in row["label"] or "<" in row["statement"] for row in figures)
    assert descriptor["resources"]
