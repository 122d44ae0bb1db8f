"""The CLI on rendered PDFs: the seed fact sheet scores as its text does, every figure's bbox holds its
words, and a second fact sheet of our own in another two-column layout yields the figures its text does."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pdfgen
import pdfplumber
import pytest

FACTSHEET = Path(sys.executable).with_name("factsheet")
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "data" / "innovative-hong-kong-2022-06.txt"
GOLD = SHARED / "gold" / "innovative-hong-kong-2022-06.figures.csv"
GOLD_EVENTS = SHARED / "gold" / "innovative-hong-kong-2022-06.events.csv"
SCORE = SHARED / "eval" / "score.py"

pytestmark = [
    pytest.mark.skipif(not FACTSHEET.exists(), reason="the factsheet CLI is not installed in this venv"),
]
needs_shared = pytest.mark.skipif(not (SEED.exists() and GOLD.exists() and SCORE.exists()),
                                  reason="../shared (seed text, gold answers, score.py) is not present")

# A fact sheet of our own in the seed's genre: other figures and wording, for a different layout.
CREATIVE = """\
Creative Industries
Overview

Hong Kong's creative industries employ about 210,000 people and contributed
around 4.4% of the city's GDP in 2021. The sector spans 11 domains, from film
and design to digital entertainment.

Film and Television

• The Film Development Fund received an injection of $1.4 billion in 2022-23
to support local productions and nurture talent.
• More than 60 Hong Kong films were released in cinemas in 2022, and box office
takings reached $1.14 billion.
• The First Feature Film Initiative, launched in 2013, has funded 38 new
directors with grants of up to $8 million each.

Design

• Hong Kong was ranked 2nd in Asia and 7th in the world in the Global Design
Cities Index 2022.
• The Design Incubation Programme has nurtured over 300 design start-ups
since it was set up in June 2006.
• Business of Design Week 2022 attracted some 120,000 visitors over six days.

Arts and Culture

• The West Kowloon Cultural District covers 40 hectares of harbourfront land.
M+, the museum of visual culture, opened in November 2021 and welcomed
nearly 2.8 million visitors in its first year.
• The Hong Kong Palace Museum opened in July 2022 with more than 900 treasures
on loan from the Palace Museum in Beijing.
• The Government earmarked $100 million to hold the first Hong Kong
Performing Arts Expo in October 2023.

Digital Entertainment

• Around 4,000 companies work in digital entertainment and games.
• The Digital Entertainment Support Programme offers matching funds of not more
than $2 million per project.
• Hong Kong has 12 universities and institutions offering creative
programmes to some 8,000 students each year.

Funding Support

The CreateSmart Initiative has supported more than 1,200 projects since 2009,
with total funding of about $2.3 billion. A further $1 billion was injected
in the 2023-24 Budget to support design, advertising, architecture and
publishing.
• The Cultural and Creative Industries Development Agency was set up in
September 2024 to replace Create Hong Kong.
• Each year, 20 young designers receive overseas attachments of up to
12 months under the Design Incubation Programme.
• Local publishers can apply for matching grants covering at most 50% of
the cost of taking part in book fairs outside Hong Kong.
(September 2023)
"""

CREATIVE_LAYOUT = pdfgen.Layout(
    columns=2, panel_width=175.0, panel_side="left", panel_title="At a Glance", justify=True,
    footer=("Hong Kong: The Facts", "Culture, Sports and Tourism Bureau", "www.example.gov.hk"),
    page_number="- {n} -", header="Hong Kong: The Facts", body_size=9.0, pages=2)


def extract(source: Path, out: Path) -> None:
    proc = subprocess.run([str(FACTSHEET), "extract", str(source), "--out", str(out)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (out / "datapackage.json").exists()


def score(package: Path) -> dict:
    proc = subprocess.run([sys.executable, str(SCORE), str(GOLD), str(package / "datapackage.json"),
                           "--events", str(GOLD_EVENTS), "--json"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def figures(package: Path) -> list[dict[str, str]]:
    with open(package / "figures.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def fold(text: str) -> str:
    return re.sub(r"\s+", "", text)


def words_in(page: pdfplumber.page.Page, bbox: str) -> list[dict]:
    """pdfplumber's words wholly inside bbox (widened by the 0.005 pt the 2-decimal bbox rounds away)."""
    x0, top, x1, bottom = (float(v) for v in bbox.split(","))
    region = page.within_bbox((x0 - 0.01, top - 0.01, x1 + 0.01, bottom + 0.01))
    return region.extract_words(x_tolerance_ratio=0.15)


def check_bboxes(pdf_path: Path, rows: list[dict[str, str]]) -> int:
    """Every figure's bbox holds exactly its value_text; returns how many values break across lines.

    One rectangle cannot hold a value broken over two lines without the words beside it, so for those
    the rectangle must start on the value's first line and end on its last, and the value must run
    unbroken through the words it holds, read in order.
    """
    wrapped = 0
    with pdfplumber.open(pdf_path) as pdf:
        for row in rows:
            assert row["page"] and row["bbox"], row
            found = words_in(pdf.pages[int(row["page"]) - 1], row["bbox"])
            tops = sorted({round(w["top"]) for w in found})
            inside = " ".join(w["text"] for w in found)
            if len(tops) <= 1:
                assert fold(inside) == fold(row["value_text"]), (row["value_text"], inside, row["bbox"])
                continue
            wrapped += 1
            lines = [" ".join(w["text"] for w in found if round(w["top"]) == t) for t in tops]
            value = fold(row["value_text"])
            assert value in fold(" ".join(lines)), (row["value_text"], lines)
            head, tail = fold(lines[0]), fold(lines[-1])
            assert any(value.startswith(head[i:]) for i in range(len(head))), (row["value_text"], lines)
            assert any(value.endswith(tail[:i]) for i in range(1, len(tail) + 1)), (row["value_text"], lines)
    return wrapped


@pytest.fixture(scope="module")
def seed_packages(tmp_path_factory) -> tuple[Path, Path, Path]:
    if not SEED.exists():
        pytest.skip(f"seed fact sheet not found at {SEED}")
    work = tmp_path_factory.mktemp("seed")
    pdf = pdfgen.render_factsheet(SEED.read_text(encoding="utf-8"), work / "seed.pdf", "two-column-panel")
    txt = work / "seed.txt"
    txt.write_bytes(SEED.read_bytes())
    extract(pdf, work / "D1")
    extract(txt, work / "D2")
    return pdf, work / "D1", work / "D2"


@needs_shared
def test_seed_pdf_scores_like_its_text(seed_packages):
    _, d1, d2 = seed_packages
    from_pdf, from_text = score(d1), score(d2)
    assert from_pdf["f1"] >= 0.97, from_pdf
    assert abs(from_pdf["f1"] - from_text["f1"]) <= 0.01, (from_pdf, from_text)
    assert from_pdf["events_found"] >= from_text["events_found"] - 1


@needs_shared
def test_seed_pdf_every_figure_bbox_holds_its_value(seed_packages):
    pdf, d1, _ = seed_packages
    rows = figures(d1)
    assert len(rows) >= 40
    wrapped = check_bboxes(pdf, rows)
    assert wrapped < len(rows) / 3  # most values sit on one line; those are held exactly


def test_own_factsheet_other_layout_same_figures_as_its_text(tmp_path):
    pdf = pdfgen.render_factsheet(CREATIVE, tmp_path / "creative.pdf", CREATIVE_LAYOUT,
                                  panel_re=re.compile(r"\branked\b|\bcovers\b"))
    with pdfplumber.open(pdf) as doc:  # the layout really is a left panel beside two columns
        assert len(doc.pages) >= 1 and doc.pages[0].rects
    txt = tmp_path / "creative.txt"
    txt.write_text(CREATIVE, encoding="utf-8")
    extract(pdf, tmp_path / "P")
    extract(txt, tmp_path / "T")
    got = Counter((float(r["value"]), r["kind"]) for r in figures(tmp_path / "P"))
    want = Counter((float(r["value"]), r["kind"]) for r in figures(tmp_path / "T"))
    assert sum(want.values()) >= 15
    assert got == want
    check_bboxes(pdf, figures(tmp_path / "P"))
