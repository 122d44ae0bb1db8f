"""Markdown sources: rendered without markup, headings as sections and title, bold fields with their values,
italic sub-fields, '(2021 est.)' notes as the period of the value they follow, signs kept."""

from pathlib import Path

import pandas as pd
import pytest

from factsheet.markdown import is_markdown, read_markdown
from factsheet.pipeline import standalone_edition
from factsheet.read import structure

PROFILE = """_East & Southeast Asia / Dependencies (China)_

# Hong Kong

## Economy

**Real GDP growth rate**<br>
-6.1% (2020 est.)<br>
3.2% (2019 est.)<br>

**Population**<br>
_total_: 7,305,556 (2025 est.)<br>
_male_: 3,367,222<br>

**Ports**<br>
_large_: 1<br>
_medium_: 0<br>

**Legislative branch**<br>
_number of seats_: 90 (2025)<br>

**Background**<br>
The UK seized Hong Kong in 1841. Pursuant to a UK-China agreement in 1984, Hong Kong became the HKSAR of the \
People's Republic of China. <br><br>After the handover, Hong Kong continued to enjoy success.<br>
"""


def test_markdown_is_recognised_by_content():
    assert is_markdown(PROFILE)
    assert not is_markdown("Innovative Hong Kong\n(June 2022)\n\nOverview\n\nOver 130 initiatives.\n")


@pytest.mark.parametrize("fragment", ["**", "<br>", "_total_", "# "])
def test_rendered_text_holds_no_markup(fragment):
    assert fragment not in read_markdown(PROFILE).text


def test_headings_fields_and_sub_fields_are_marked():
    doc = read_markdown(PROFILE)
    marks = {doc.text[ln.start : ln.end]: ln for ln in doc.lines}
    assert marks["Hong Kong"].level == 1 and marks["Economy"].level == 2
    assert marks["Real GDP growth rate"].field and marks["Population"].field
    total = marks["total: 7,305,556 (2025 est.)"]
    assert doc.text[total.name[0] : total.name[1]] == "total"


def test_title_is_the_first_top_heading_and_fields_are_statements():
    parsed = structure(read_markdown(PROFILE))
    assert parsed.title == "Hong Kong"
    fields = {s.text: s for s in parsed.statements if s.kind == "field"}
    assert "Real GDP growth rate: -6.1% (2020 est.)" in fields
    assert fields["Population: total: 7,305,556 (2025 est.)"].field == "Population: total"
    assert all(s.section == "Economy" for s in parsed.statements)
    background = [s for s in parsed.statements if s.field == "Background"]
    assert background and all(s.kind == "paragraph" for s in background)


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    path = tmp_path_factory.mktemp("md") / "profile.md"
    path.write_text(PROFILE)
    return standalone_edition(path).figures


@pytest.mark.parametrize("value_text, value, label, period", [
    ("-6.1%", -6.1, "Real GDP growth rate", ("2020-01-01", "2020-12-31")),
    ("3.2%", 3.2, "Real GDP growth rate", ("2019-01-01", "2019-12-31")),
    ("7,305,556", 7305556, "Population: total", ("2025-01-01", "2025-12-31")),
    ("3,367,222", 3367222, "Population: male", (None, None)),
    ("1", 1, "Ports: large", (None, None)),
    ("0", 0, "Ports: medium", (None, None)),
    ("90", 90, "Legislative branch: number of seats", ("2025-01-01", "2025-12-31")),
])
def test_field_values_take_label_period_and_sign(figures, value_text, value, label, period):
    rows = figures[figures["value_text"] == value_text]
    assert len(rows) == 1, figures[["value_text", "label"]]
    row = rows.iloc[0]
    assert row["value"] == value and row["label"] == label
    got = tuple(None if v is None or v != v else str(v)[:10] for v in (row["period_start"], row["period_end"]))
    assert got == period


def test_labels_hold_no_markup_on_the_real_profile():
    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "real" / "factbook" / \
        "cia-world-factbook-hong-kong-2026-01-22-except-economy.md"
    if not path.exists():
        pytest.skip("shared/ real documents not beside the repo")
    edition = standalone_edition(path)
    assert edition.edition.title == "Hong Kong"
    labels = edition.figures["label"].tolist() + edition.figures["statement"].tolist()
    assert not any(m in text for text in labels for m in ("<br>", "**", "_:", "<strong>"))
    assert edition.figures["section"].str.len().gt(0).all()


@pytest.mark.parametrize("value, figure, label", [
    ("Cantonese (official) 85.4%, English (official) 4.5%, other 7.9% (2021 est.)", "4.5%",
     "Languages: English (official)"),
    ("13.2% (male 505,718/female 459,956)", "459,956", "Languages: female"),
    ("Democratic Alliance for the Betterment and Progress of Hong Kong and Many Other Words Too (DAB) 20, "
     "Independents 40", "20", "DAB"),
    ("Independents 40, Liberal Party 4", "40", "Languages: Independents"),
])
def test_listed_values_are_labelled_by_their_item(value, figure, label, tmp_path):
    path = tmp_path / "profile.md"
    path.write_text(f"# Hong Kong\n\n## People\n\n**Languages**<br>\n{value}<br>\n\n**Area**<br>\n1,108 sq km<br>\n")
    figures = standalone_edition(path).figures.set_index("value_text")
    assert figures.loc[figure, "label"] == label


@pytest.mark.parametrize("value, period", [
    ("21.9% (2024 est.) (male 738,878/female 860,951)", {"21.9%": "2024", "738,878": "2024", "860,951": "2024"}),
    # negative: a breakdown with no note before it gets no year
    ("21.9% (male 738,878/female 860,951)", {"21.9%": "", "738,878": "", "860,951": ""}),
])
def test_a_breakdown_after_a_noted_year_takes_it(tmp_path: Path, value, period):
    path = tmp_path / "profile.md"
    path.write_text(f"# Hong Kong\n\n## People\n\n**Age structure**<br>\n_65 years and over_: {value}<br>\n",
                    encoding="utf-8")
    figures = standalone_edition(path).figures
    got = {v: "" if pd.isna(s) else str(s)[:4] for v, s in zip(figures["value_text"], figures["period_start"])}
    assert {k: got.get(k) for k in period} == period
