"""Reading text: sections, statements, furniture and the edition date, by line shape alone."""

from dataclasses import replace

import pytest

from factsheet.model import Document
from factsheet.read import decode_text, structure


def read(text: str):
    doc = Document.from_text(text)
    return structure(doc), doc


@pytest.mark.parametrize("marker", ["•", "▪", "●", "■", "➢", "◆", "\uf0b7", "(cid:127)", "-", "–", "*"])
def test_bullet_markers_start_statements(marker):
    parsed, _ = read(f"Title\n\nHeading\n\n{marker} First bullet has\n$5 million.\n{marker} Second one.\n")
    assert [s.text for s in parsed.statements] == ["First bullet has $5 million.", "Second one."]
    assert parsed.statements[0].section == "Heading"


def test_a_markdown_bold_remnant_goes_on_with_the_sentence_it_wraps():
    """'**2026. (TLB)**' (a PDF-to-text copy's bold) is no '*' item: its date stays in the sentence the line before
    wraps, and the marks are no part of it; the event's span is the date the source spells after them."""
    from factsheet.extract import extract
    from factsheet.normalise import events_frame

    parsed, doc = read("Title\n\nHeading\n\nThe tasks are these.\n- \nExtend trials to cross-district applications "
                       "within\n**2026. (TLB)**\n\n- \nOrganise the Summit in 2027.\n")
    assert [s.text for s in parsed.statements][1] == "Extend trials to cross-district applications within 2026."
    _, events = extract(parsed)
    rows = events_frame(events, doc, "t").to_dict("records")
    assert [(r["date_text"], r["date_start"]) for r in rows] == [("2026", "2026-01-01"), ("in 2027", "2027-01-01")]


@pytest.mark.parametrize(("lines", "mended"), [
    ("The develop-\nment of co-\ninvestment", "The development of co-investment"),
    ("Hong Kong-\nShenzhen links", "Hong Kong-Shenzhen links"),
    ("as at end-\nDecember 2023", "as at end-December 2023"),
    ("the MTR Cor-\nporation and the Three-Run-\nway System", "the MTR Corporation and the Three-Runway System"),
    ("a Hong Kong-\nbased firm", "a Hong Kong-based firm"),
])
def test_hyphenation_is_mended_unless_a_compound(lines, mended):
    parsed, _ = read(f"Title\n\nHeading\n\n• {lines}.\n")
    assert parsed.statements[0].text == f"{mended}."


def test_offsets_point_into_the_text():
    parsed, doc = read("Title\n\nHeading\n\n• A bullet that\nwraps over lines.\n")
    s = parsed.statements[0]
    assert all(o == -1 or doc.text[o] == c for o, c in zip(s.offsets, s.text))
    a, b = s.span(s.text.index("wraps"), s.text.index("wraps") + 5)
    assert doc.text[a:b] == "wraps"


def test_furniture_title_and_edition_date():
    text = ("Innovative Hong Kong\nOverview\n\nHong Kong is a hub.\n\nA New Era\nStability\nProsperity\n"
            "Opportunity\n\nwww.example.gov.hk\n\n3\n\nFintech\n\n• 8 virtual banks.\n(June 2022)\n")
    parsed, _ = read(text)
    assert parsed.title == "Innovative Hong Kong" and parsed.published == "2022-06"
    assert [(s.section, s.text) for s in parsed.statements] == [
        ("Overview", "Hong Kong is a hub."), ("Fintech", "8 virtual banks.")]


def test_a_short_line_said_again_is_furniture_unless_it_states_a_sum():
    """A worked example's result line repeated by a later example is content; a running header is not."""
    page = "Wages Guide\n\nMinimum wage for this month :\n\n$8,800 (220 hours X $40)\n\nIt is paid in full.\n\n"
    parsed, _ = read(f"Title\n\nExamples\n\n{page}Second example\n\n{page}")
    texts = [s.text for s in parsed.statements]
    assert texts.count("Minimum wage for this month : $8,800 (220 hours X $40)") == 2
    assert not any("Wages Guide" in t for t in texts)  # negative: a running header said on every page


def test_a_sum_after_a_lead_in_s_colon_is_its_value_and_a_list_number_starts_an_item():
    """A worked example's steps: the sum on the line after "... this month :" goes with it; "(2)" starts a step of
    its own, not the rest of the line before it (as "(RCEP) in January 2022" would be)."""
    text = ("Title\n\nExample 16\n\n(1) Minimum wage according to the total number of hours worked for this\n\n"
            "month :\n\n"
            "$8,800 (220 hours X $40)\n\n(2) Wages payable to the employee in respect of this month :\n\n"
            "$9,123.9 ($10,200 + overtime pay)\n\nEvery employee who joined in the year gets the bonus of the Pilot\n\n"
            "(PS) in full.\n")
    parsed, _ = read(text)
    assert [s.text for s in parsed.statements] == [
        "(1) Minimum wage according to the total number of hours worked for this month : $8,800 (220 hours X $40)",
        "(2) Wages payable to the employee in respect of this month : $9,123.9 ($10,200 + overtime pay)",
        "Every employee who joined in the year gets the bonus of the Pilot (PS) in full."]  # negative: no list number


def test_headings_flush_against_text_and_two_line_headings():
    text = ("A Sheet\nOverview\nHong Kong is a city with a long history of trade, and its economy\n"
            "has grown steadily over the years.\nSupporting Start-ups\n• 3,755 start-ups.\n"
            "Deploying Technology to Combat\nCOVID-19\n• 5G covers 90%.\n")
    parsed, _ = read(text)
    assert [s.section for s in parsed.statements] == ["Overview", "Supporting Start-ups",
                                                       "Deploying Technology to Combat COVID-19"]


def test_a_statement_cut_by_a_column_break_is_joined():
    parsed, _ = read("Title\n\nHeading\n\n• Cyberport has invested\n\nwww.example.gov.hk\n\nmore than $168 million.\n")
    assert [s.text for s in parsed.statements] == ["Cyberport has invested more than $168 million."]


def test_paragraphs_split_into_sentences_bullets_stay_whole():
    parsed, _ = read("Title\n\nHeading\n\nFirst sentence. No. 2 is not a break. $5 million starts one.\n\n"
                     "• A bullet. With two sentences.\n")
    assert [s.text for s in parsed.statements] == [
        "First sentence.", "No. 2 is not a break.", "$5 million starts one.", "A bullet. With two sentences."]


@pytest.mark.parametrize(("data", "encoding"), [
    ("Café • 5%".encode(), "utf-8"),
    ("Café costs $5".encode("cp1252"), "cp1252"),
    ("香港創新科技 5%".encode("big5"), "big5"),
])
def test_decoding_falls_back_and_says_which(data, encoding):
    assert decode_text(data, "x.txt")[1] == encoding


def test_table_rows_with_dot_leaders_are_statements_of_their_own():
    rows = "Aged under 15 ........ 11.2%\nAged 15 to 64 ........ 65.7%\n"
    parsed, _ = read(f"Title\n\nAgeing\n\nBy age, mid-2023\n{rows}")
    assert [s.text for s in parsed.statements][-2:] == ["Aged under 15 ........ 11.2%", "Aged 15 to 64 ........ 65.7%"]


@pytest.mark.parametrize(("first", "second", "joined"), [
    ("• Terminals have 24 berths along 7", "694 metres.", "Terminals have 24 berths along 7 694 metres."),
    ("• Funding reached more than RMB", "600 million.", "Funding reached more than RMB 600 million."),
    ("• It joined the Partnership", "(RCEP) in January 2022.", "It joined the Partnership (RCEP) in January 2022."),
    ("• The scheme offers places for", "Elderly persons.", "The scheme offers places for Elderly persons."),
])
def test_a_statement_cut_by_a_break_after_a_dangling_word_is_joined(first, second, joined):
    parsed, _ = read(f"Title\n\nHeading\n\n{first}\n\n{second}\n")
    assert [s.text for s in parsed.statements] == [joined]


def test_a_short_line_before_a_new_paragraph_is_not_joined():
    parsed, _ = read("Title\n\nHeading\n\nSome lead-in words\n\nVictoria Harbour covers about 4 200 hectares.\n")
    assert [s.text for s in parsed.statements][-1] == "Victoria Harbour covers about 4 200 hectares."


@pytest.mark.parametrize(("body", "texts"), [
    # a list whose bullets the source lost: lower-case blocks after a lead-in's ':' or an item's ';' are items
    ("New services include:\n\nallocating $9 million to add places;\n\nallocating $5.9 million to buy buses.\n",
     ["New services include:", "allocating $9 million to add places;", "allocating $5.9 million to buy buses."]),
    ("It covers payments. More follow:\n\nadding $3 million for homes; and\n\nadding $4 million for buses.\n",
     ["It covers payments.", "More follow:", "adding $3 million for homes; and", "adding $4 million for buses."]),
    # after a sentence's full stop too (a note set between the lead-in and its items)
    ("The allocation covers payments.\n\nallocating $380 million to launch the scheme.\n",
     ["The allocation covers payments.", "allocating $380 million to launch the scheme."]),
    # negative: a sentence cut mid-way by a break goes on; so does one after an abbreviation's full stop
    ("• Cyberport has invested\n\nmore than $168 million.\n", ["Cyberport has invested more than $168 million."]),
    ("The fund holds bonds, equities etc.\n\nmainly in Asia.\n",
     ["The fund holds bonds, equities etc. mainly in Asia."]),
])
def test_lower_case_blocks_after_a_finished_clause_are_list_items(body, texts):
    parsed, _ = read(f"Title\n\nHeading\n\n{body}")
    assert [s.text for s in parsed.statements] == texts


def test_a_short_line_said_again_on_its_own_page_is_content_not_a_running_header():
    """A paged document's running header repeats on other pages; a short line said twice on one page (two boxes of a
    formula: 'in the 12-month' / 'period preceding the') is the page's content."""
    page_of = {"Guide": 1, "Notes": 1, "Running head": 1, "Daily wages earned": 1, "in the 12-month": 1,
               "period preceding": 1, "Monthly wages earned": 1, "Other": 2, "Running head ": 2, "Last line.": 2}
    text = ("Guide\n\nNotes\n\nRunning head\n\nDaily wages earned\nin the 12-month\nperiod preceding\n\n"
            "Monthly wages earned\nin the 12-month\nperiod preceding\n\nOther\n\nRunning head\n\nLast line.\n")
    plain = Document.from_text(text)
    lines = tuple(replace(ln, page=page_of.get(text[ln.start : ln.end], 2 if ln.start > text.index("Other") else 1))
                  for ln in plain.lines)
    parsed = structure(replace(plain, lines=lines, pages=2))
    said = " ".join(s.text for s in parsed.statements)
    assert said.count("in the 12-month period preceding") == 2
    assert "Running head" not in said  # negative: said again on another page, a running header
