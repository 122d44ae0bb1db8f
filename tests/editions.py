"""Editions of "Innovative Hong Kong" written for the tests: the published June 2022 text plus explicit edits.

A next edition is the published text with each (old, new) edit applied exactly once, so every change a
test expects is visible here, next to the words that cause it. An edit that no longer matches the
published text raises, instead of silently testing an unchanged edition.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = ROOT / "raw" / "innovative-hong-kong" / "2022-06" / "source.txt"

Edit = tuple[str, str]


def build_package(out: Path) -> Path:
    """The June 2022 edition published to `out` by the real publisher (publish_package), as `refresh` would."""
    from dataclasses import replace

    from factsheet.diff import compare_editions
    from factsheet.pipeline import frames_for, package_meta, standalone_edition
    from factsheet.publish import publish_package

    data = standalone_edition(PUBLISHED)
    frames = frames_for([data], compare_editions(None, data.figures, None, data.edition.edition_id))
    frames["editions"]["retrieved_at"] = "2022-06-30T09:00:00+08:00"
    meta = package_meta([data.edition], name="hk-factsheets", title="Hong Kong Government fact sheets as data",
                        role="published")  # the metadata the refresh publishes
    publish_package(frames, out, replace(meta, version="1.0.0", created="2022-06-30T09:00:00+08:00"))
    return out


def published_text() -> str:
    """The June 2022 edition exactly as archived (the one the package publishes)."""
    return PUBLISHED.read_text(encoding="utf-8")


def apply(text: str, edits: list[Edit]) -> str:
    """The text with every edit applied; each `old` must occur exactly once (before editing)."""
    for old, new in edits:
        count = text.count(old)
        if count != 1:
            raise AssertionError(f"edit target occurs {count} times, not once: {old!r}")
        text = text.replace(old, new)
    return text


def cut(text: str, start: str, end: str) -> str:
    """The text without the part from `start` (inclusive) to `end` (exclusive): a lost layout block."""
    i, j = text.index(start), text.index(end)
    assert i < j, (start, end)
    return text[:i] + text[j:]


DATE_EDIT: Edit = ("(June 2022)", "(January 2023)")

# (old value_text, new value_text) of figures that changed value, many in reworded sentences.
CHANGED = [
    ("over 44,500", "more than 46,000"),
    ("3,755", "3,985"),
    ("13,804", "14,932"),
    ("28", "30"),
    ("more than $168 million", "more than $190 million"),
    ("21", "25"),
    ("over $1.466 billion", "over $1.6 billion"),
    ("1st in Asia-Pacific", "2nd in Asia-Pacific"),
    ("2nd in the World", "5th in the World"),
]
# value_texts of figures whose sentence was reworded but whose value did not change (same key).
REWORDED_UNCHANGED = ["about 500", "$5 billion", "$600 million"]
# "up 68% over 2017" (2017-2021) and "up 6% over 2021" (2021-2022) are growths over spans of different
# length: not one indicator, so removed and added, never a change of -62 percentage points.
REMOVED = ["over 90%", "up 68%", "up 118%"]
ADDED = ["Over 1,000", "$3 billion", "up 6%", "up 8%"]

NEXT_EDITS: list[Edit] = [
    DATE_EDIT,
    # reworded and changed
    ("• Wi-Fi Connected City: over 44,500 “Wi-Fi.HK”\nhotspots.",
     "• Wi-Fi Connected City: more than 46,000 “Wi-Fi.HK”\nhotspots across the city."),
    ("• 3,755 start-ups in Hong Kong in 2021 (up 68%\nover 2017), and 13,804 start-up jobs (up 118%\nover 2017).",
     "• 3,985 start-ups in Hong Kong in 2022 (up 6%\nover 2021), and 14,932 start-up jobs (up 8%\nover 2021)."),
    ("with 28\nresearch laboratories now operating.", "with 30\nresearch laboratories in operation."),
    ("As at\nend February 2022, CMF has invested more than\n$168 million in 21 companies, attracting over $1.466\n"
     "billion private investment.",
     "As at\nend November 2022, CMF has invested more than\n$190 million in 25 companies, attracting over $1.6\n"
     "billion private investment."),
    ("• IMD World Digital Competitiveness Ranking\n2021, which rates the ability of economies to adopt\n"
     "new digital technology, placed Hong Kong 1st in\nAsia-Pacific and 2nd in the World.",
     "• In the IMD World Digital Competitiveness Ranking\n2022, which rates the ability of economies to adopt\n"
     "new digital technology, Hong Kong was 2nd in\nAsia-Pacific and 5th in the World."),
    # reworded, same value
    ("• The InnoCell, adjacent to Hong Kong Science\nPark, provides about 500 residential units",
     "• The InnoCell, next to Hong Kong Science\nPark, offers about 500 residential units"),
    ("• Set up a $5 billion Strategic Tech Fund to invest in",
     "• The Government has set up the $5 billion Strategic Tech Fund to invest in"),
    ("• The 2022-23 Budget earmarked $600 million to\nconduct a comprehensive e-government audit.",
     "• $600 million was earmarked in the 2022-23 Budget to\nconduct a comprehensive e-government audit."),
    # removed
    ("• 5G network now covers over 90% of Hong Kong.\n", ""),
    # added
    ("• Regulatory sandboxes available through the",
     "• Over 1,000 fintech companies operate in Hong Kong.\n• Regulatory sandboxes available through the"),
    ("• Set up a dedicated fund to finance local universities",
     "• The Government will inject $3 billion into the Hong Kong Growth Portfolio.\n"
     "• Set up a dedicated fund to finance local universities"),
]

# Rewordings of one statement that measure the same thing: (published statement, reworded statement,
# value_text in both). Each keeps its key when only the wording around the figure changes.
REWORDINGS: list[tuple[str, str, str]] = [
    ("• Wi-Fi Connected City: over 44,500 “Wi-Fi.HK”\nhotspots.",
     "• Wi-Fi Connected City: over 44,500 “Wi-Fi.HK”\nhotspots across the city.", "over 44,500"),
    ("• Wi-Fi Connected City: over 44,500 “Wi-Fi.HK”\nhotspots.",
     "• Hong Kong has over 44,500 “Wi-Fi.HK” hotspots.", "over 44,500"),
    ("with 28\nresearch laboratories now operating.", "with 28\nresearch laboratories in operation.", "28"),
    ("• The InnoCell, adjacent to Hong Kong Science\nPark, provides about 500 residential units",
     "• The InnoCell, next to Hong Kong Science\nPark, offers about 500 residential units", "about 500"),
    ("• Set up a $5 billion Strategic Tech Fund to invest in",
     "• The Government has set up the $5 billion Strategic Tech Fund to invest in", "$5 billion"),
    ("• Set aside $10 billion to further promote\ndevelopment of life and health technology",
     "• The Government set aside $10 billion to promote\nthe development of life and health technology",
     "$10 billion"),
    ("• The 2022-23 Budget earmarked $600 million to\nconduct a comprehensive e-government audit.",
     "• $600 million was earmarked in the 2022-23 Budget to\nconduct a comprehensive e-government audit.",
     "$600 million"),
    ("• 3,755 start-ups in Hong Kong in 2021 (up 68%",
     "• Hong Kong had 3,755 start-ups in 2021 (up 68%", "3,755"),
    ("placed Hong Kong 1st in\nAsia-Pacific and 2nd in the World.",
     "ranked Hong Kong 1st in\nAsia-Pacific and 2nd in the World.", "1st in Asia-Pacific"),
    ("• $100 million has been allocated to develop an\nintegrated digital platform",
     "• An allocation of $100 million has been made to develop an\nintegrated digital platform", "$100 million"),
    ("• 8 virtual banks, 4 virtual insurers, 1 virtual\nasset trading platform and 15 stored value\n"
     "facilities/e-wallets granted licences.",
     "• Licences have been granted to 8 virtual banks, 4 virtual insurers, 1 virtual\nasset trading platform "
     "and 15 stored value\nfacilities/e-wallets.", "8"),
]


def next_edition_text() -> str:
    """January 2023: changed, added and removed figures, several sentences reworded."""
    return apply(published_text(), NEXT_EDITS)


BROKEN_EDITS: list[Edit] = [
    DATE_EDIT,
    ("over 90% of Hong Kong", "over 900% of Hong Kong"),  # a percent of 900
    ("No.1 hub\nin Asia-Pacific", "No.0 hub\nin Asia-Pacific"),  # a rank of 0
    ("• Wi-Fi Connected City: over 44,500 “Wi-Fi.HK”\nhotspots.\n",  # a duplicated bullet
     "• Wi-Fi Connected City: over 44,500 “Wi-Fi.HK”\nhotspots.\n"
     "• Wi-Fi Connected City: over 44,500 “Wi-Fi.HK”\nhotspots.\n"),
]


def broken_edition_text() -> str:
    """January 2023 gone wrong: the broken figures above, and every section from R&D on lost (half gone)."""
    text = apply(published_text(), BROKEN_EDITS)
    return cut(text, "Promoting Research and Development", "(January 2023)")
