"""read_pdf on PDFs rendered at test time: reading order, furniture, bullets, headings, offsets, boxes."""

from __future__ import annotations

import io
import re

import pdfgen
import pdfplumber
import pytest

from factsheet.model import Document
from factsheet.pdf import read_pdf

VOCAB = ("harbour ferry tower market bridge garden school clinic museum library station stadium pier "
         "terminal campus hospital laboratory incubator").split()


def texts(n: int, tag: str = "Item", words: int = 34) -> list[str]:
    """n unique paragraphs of varied word lengths, so lines wrap raggedly."""
    out = []
    for i in range(1, n + 1):
        body = " ".join(VOCAB[(i * 7 + j * (j % 5 + 1)) % len(VOCAB)] for j in range(words + i % 9))
        out.append(f"{tag} {i} starts with {body} so {tag.lower()} {i} is done.")
    return out


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_in_order(text: str, expected: list[str]) -> None:
    """Each expected paragraph occurs whole (modulo line breaks) and after the previous one."""
    f = flat(text)
    pos = 0
    for para in expected:
        at = f.find(para, pos)
        assert at >= 0, f"not found whole after offset {pos}: {para[:60]!r}\n---\n{text}"
        pos = at + len(para)


def read(data: bytes) -> Document:
    return read_pdf(data, "test.pdf")


MAIN = texts(16)
RANKS = [f"Index {k} of {y} placed Hong Kong {k}{s} in Asia and {k + 2}th in the world for digital skill."
         for k, s, y in ((1, "st", 2021), (2, "nd", 2020), (3, "rd", 2022))]

LAYOUTS = {
    "one-column": (lambda: pdfgen.one_column(MAIN[:10]), [MAIN[:10]]),
    "two-column": (lambda: pdfgen.two_column(MAIN), [MAIN]),
    "three-column": (lambda: pdfgen.three_column(MAIN), [MAIN]),
    # one page, so that no paragraph runs on past the panel into page 2
    "panel-right": (lambda: pdfgen.two_column_panel(MAIN[:9], RANKS), [MAIN[:9], RANKS]),
    "panel-left-wide": (lambda: pdfgen.two_column_panel(MAIN[:9], RANKS, panel_width=170, side="left"),
                        [MAIN[:9], RANKS]),
    "spanning": (lambda: pdfgen.spanning(MAIN[:4], MAIN[4], MAIN[5:9]), [MAIN[:9]]),
    "running-footer": (lambda: pdfgen.running_footer(MAIN), [MAIN]),
}


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[bytes, Document]]:
    out = {}
    for name, (build, _) in LAYOUTS.items():
        data = build()
        out[name] = (data, read(data))
    return out


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_reading_order_keeps_sentences_whole(rendered, layout):
    _, doc = rendered[layout]
    for group in LAYOUTS[layout][1]:
        assert_in_order(doc.text, group)


def test_title_banner_comes_first_and_is_a_heading(rendered):
    doc = rendered["two-column"][1]
    assert doc.text.startswith("Two Column Facts\n\n")
    assert doc.lines[0].heading is True and doc.lines[0].page == 1


def test_panel_is_its_own_block_after_the_columns_beside_it(rendered):
    for layout in ("panel-right", "panel-left-wide"):
        doc = rendered[layout][1]
        blocks = [flat(b) for b in doc.text.split("\n\n")]
        assert "Rankings" in blocks
        for rank in RANKS:  # each ranking bullet is one whole block of its own
            assert f"• {rank}" in blocks, layout
    # a left panel is read before the columns, a right one after the columns of its page
    left = flat(rendered["panel-left-wide"][1].text)
    right = flat(rendered["panel-right"][1].text)
    assert left.find(RANKS[0]) < left.find(MAIN[0])
    assert right.find(MAIN[0]) < right.find(RANKS[0])


def test_spanning_paragraph_between_column_bands(rendered):
    doc = rendered["spanning"][1]
    blocks = [flat(b) for b in doc.text.split("\n\n")]
    assert MAIN[4] in blocks  # the full-width paragraph is a block of its own, whole


def test_pages_and_page_numbers(rendered):
    doc = rendered["running-footer"][1]
    assert doc.pages == 2 and doc.media_type == "application/pdf"
    assert {ln.page for ln in doc.lines} == {1, 2}
    assert [ln.page for ln in doc.lines] == sorted(ln.page for ln in doc.lines)


@pytest.mark.parametrize("furniture", ["Hong Kong: The Facts", "www.gov.hk", "Page 1", "Page 2",
                                       "Innovation and Technology"])
def test_running_header_footer_and_page_numbers_dropped(rendered, furniture):
    assert furniture not in rendered["running-footer"][1].text


def test_repeated_footer_kept_apart_from_one_off_text(rendered):
    doc = rendered["running-footer"][1]
    assert doc.text.startswith("Footer Facts\n")  # the title is on page 1 only: kept


def test_bare_page_number_dropped_on_a_single_page():
    doc = read(pdfgen.one_column(MAIN[:3]))
    assert doc.pages == 1
    assert not any(doc.text[ln.start:ln.end].strip() == "1" for ln in doc.lines)


@pytest.mark.parametrize("glyph", ["•", "–"])
def test_bullets_normalised(glyph):
    items = ["first point about 44,500 hotspots", "second point that wraps over more than one line because "
             "it keeps going with many more words than fit", "third point"]
    doc = read(pdfgen.bullets("Intro paragraph before the list.", items, glyph=glyph))
    assert "(cid:" not in doc.text
    lines = doc.text.split("\n")
    starts = [ln for ln in lines if ln.startswith("• ")]
    assert len(starts) == 3
    assert flat(doc.text).count("• ") == 3
    assert_in_order(doc.text, ["Intro paragraph before the list."] + [f"• {i}" for i in items])


def test_type1_bullet_really_is_cid127():
    """Guard on the fixture: the raw words pdfplumber sees hold (cid:127) glyphs, not "•"."""
    data = pdfgen.bullets("Intro.", ["one", "two"])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = [w["text"] for w in pdf.pages[0].extract_words()]
    assert words.count("(cid:127)") == 2


def test_dash_inside_a_sentence_is_not_a_bullet():
    lines = ["Hong Kong enhances its attractiveness under six areas",
             "– “Smart Mobility”, “Smart Living” and “Smart People”.",
             "–   A real dash bullet with a wide gap after its glyph."]
    doc = read(pdfgen.hyphenated(lines))
    out = doc.text.split("\n")
    assert "– “Smart Mobility”, “Smart Living” and “Smart People”." in out
    assert "• A real dash bullet with a wide gap after its glyph." in out


def test_hyphenated_line_ends_kept_and_lines_intact():
    lines = ["The programme supports the develop-", "ment of local talent and the start-",
             "up scene of the city."]
    doc = read(pdfgen.hyphenated(lines))
    assert doc.text.split("\n")[:3] == lines


def test_ligatures_expanded():
    doc = read(pdfgen.ligatures("ﬁnancial ﬂows of ﬁgures"))  # Vera has ﬁ and ﬂ glyphs
    assert doc.text.startswith("financial flows of figures\n")


def test_headings_flagged_with_blank_lines_around():
    sections = [("Smart City Blueprint", MAIN[:2]), ("Supporting Start-ups", MAIN[2:4]),
                ("Fintech", MAIN[4:6])]
    doc = read(pdfgen.headings(sections))
    text_lines = doc.text.split("\n")
    heads = [doc.text[ln.start:ln.end] for ln in doc.lines if ln.heading]
    assert heads == ["Heading Facts", "Smart City Blueprint", "Supporting Start-ups", "Fintech"]
    for i, ln in enumerate(doc.lines):
        if ln.heading:
            assert i == 0 or text_lines[i - 1] == ""
            assert text_lines[i + 1] == ""
        elif doc.text[ln.start:ln.end]:
            assert ln.heading is False
    assert_in_order(doc.text, MAIN[:6])


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_lines_match_text(rendered, layout):
    doc = rendered[layout][1]
    assert len(doc.lines) == len(doc.text.split("\n"))
    pos = 0
    for ln, raw in zip(doc.lines, doc.text.split("\n")):
        assert (ln.start, ln.end) == (pos, pos + len(raw))
        assert ln.page is not None
        pos += len(raw) + 1


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_word_has_a_box_and_offsets_point_at_it(rendered, layout):
    _, doc = rendered[layout]
    starts = [b.start for b in doc.boxes]
    assert starts == sorted(starts)
    # the boxes' spans, concatenated, are exactly the text without spaces and bullet markers
    spans = "".join(doc.text[b.start:b.end] for b in doc.boxes)
    assert spans == re.sub(r"\s+", "", doc.text.replace("• ", ""))
    assert all(" " not in doc.text[b.start:b.end] and b.end > b.start for b in doc.boxes)


@pytest.mark.parametrize("layout", ["two-column", "panel-right", "running-footer"])
def test_boxes_cover_their_words(rendered, layout):
    data, doc = rendered[layout]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for box in doc.boxes:
            page = pdf.pages[box.page - 1]
            found = page.within_bbox((box.x0, box.top, box.x1, box.bottom)).extract_words(x_tolerance_ratio=0.15)
            assert "".join(w["text"] for w in found) == doc.text[box.start:box.end]


def test_read_is_deterministic():
    data = pdfgen.two_column_panel(MAIN, RANKS)
    assert data == pdfgen.two_column_panel(MAIN, RANKS)
    assert read(data) == read(data)


@pytest.mark.parametrize("value", ["up 68%", "68%", "2017", "a record", "Start-ups"])
def test_span_inside_punctuated_words_has_an_exact_bbox(value):
    """Boxes are cut where letters/digits meet punctuation, so "(up 68%" yields the bbox of "up 68%"."""
    data = pdfgen.hyphenated(["Start-ups grew (up 68% over 2017), a record."])
    doc = read(data)
    start = doc.text.index(value)
    end = start + len(value)
    parts = [b for b in doc.boxes if b.start < end and b.end > start]
    assert parts and parts[0].start == start and parts[-1].end == end
    bbox = (min(b.x0 for b in parts), min(b.top for b in parts), max(b.x1 for b in parts),
            max(b.bottom for b in parts))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        found = pdf.pages[0].within_bbox(bbox).extract_words(x_tolerance_ratio=0.15)
    assert " ".join(w["text"] for w in found) == value


def test_columns_with_aligned_paragraph_gaps_are_not_cut_across():
    """Equal paragraphs put both columns' gaps at the same heights: no horizontal cut may pair them."""
    same = [f"Block {i:02d} " + "alpha beta gamma delta epsilon " * 9 + f"end {i:02d}." for i in range(1, 13)]
    doc = read(pdfgen.two_column(same))
    assert_in_order(doc.text, same)


# ---- booklet spreads: two A5 pages on one landscape sheet ---------------------------------------------------

SPREAD_LEFT = ["1. An employer must keep a record of the wages", "of each employee for the preceding months,",
               "together with the leave that he has taken."]
SPREAD_RIGHT = ["2. In addition to the above, an employer also", "has to keep the following records for each",
                "employee working under the Ordinance."]


def spread_sheet(left_top: float) -> bytes:
    """One sheet: the left page's text ends 34 pt before the fold, 14 pt before the right page's sheet (which starts
    20 pt left of the fold), as in the real booklet; at `left_top` 90 it starts lower than the right page's text, as
    a chapter's first page does under its heading."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    x = pdfgen.A5_W - 34 - max(stringWidth(t, "Helvetica", 10) for t in SPREAD_LEFT)
    left = [(x, left_top + 14 * i, t, 10.0) for i, t in enumerate(SPREAD_LEFT)]
    right = [(36, 40 + 14 * i, t, 10.0) for i, t in enumerate(SPREAD_RIGHT)]
    return pdfgen.spread([(left, right)])


@pytest.mark.parametrize("left_top", [40.0, 90.0])
def test_spread_reads_the_left_page_before_the_right_one(left_top):
    """Each A5 page lies on a white sheet bleeding past the fold: the right page's sheet is a frame beside the left
    page's text, one unit with many lines, not one row that sorts first because its sheet starts above the page."""
    doc = read_pdf(spread_sheet(left_top), "spread.pdf")
    assert_in_order(doc.text, [" ".join(SPREAD_LEFT), " ".join(SPREAD_RIGHT)])


def test_a_chapters_running_head_beside_its_page_number_is_furniture():
    """'4   Obligations of Employers' at the foot of a chapter's pages recurs on that chapter's pages only, fewer
    than half the document's: set beside the page number, two pages make it a running head. A line that recurs in
    the margin with no page number beside it stays content unless it recurs on half the pages."""
    chapters = ["Obligations of Employers"] * 2 + ["Forms for Keeping Records"] * 4
    pages = [[(72, 100, f"Page {n} says that the harbour has {n + 10} ferry piers.", 10.0),
              (40, 800, str(n), 10.0), (70, 800, chapter, 10.0)] + ([(300, 60, "Draft for comment", 10.0)] if n < 3
                                                                  else [])
             for n, chapter in enumerate(chapters, start=1)]
    doc = read_pdf(pdfgen.sized(pages), "chapters.pdf")
    lines = [doc.text[ln.start:ln.end] for ln in doc.lines if not ln.furniture and doc.text[ln.start:ln.end].strip()]
    assert not any("Obligations of Employers" in t or "Forms for Keeping" in t for t in lines)
    assert sum("Draft for comment" in t for t in lines) == 2  # no page number beside it: 2 of 6 pages is content
