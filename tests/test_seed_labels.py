"""The labels of the seed fact sheet (innovative-hong-kong-2022-06), each a phrase that reads alone.

One row per figure in reading order: the figure as written and the label a reader would write for it. A
change of the label grammar that rewrites one of them shows here, with the figure it moved.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factsheet.phrases import base_form, lexicon
from factsheet.pipeline import standalone_edition

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "innovative-hong-kong-2022-06.txt"

LABELS = [
    ('six', 'Smart City Blueprint for Hong Kong: areas'),
    ('over 130', 'Smart City Blueprint for Hong Kong: initiatives'),
    ('around 200', 'Commonly used public and commercial online services'),
    ('$100 million', 'Funding allocated to develop an integrated digital platform for data integration'),
    ('over 44,500', 'Wi-Fi.HK hotspots'),
    ('1st in Asia-Pacific', 'IMD World Digital Competitiveness Ranking 2021: rank in Asia-Pacific'),
    ('2nd in the World', 'IMD World Digital Competitiveness Ranking 2021: rank in World'),
    ('2nd in Asia-Pacific', 'Digital Intelligence Index 2020: rank in Asia-Pacific'),
    ('3rd globally', 'Digital Intelligence Index 2020: rank in World for digital intelligence'),
    ('131', 'Global Innovation Index: assessed innovation performance of economies worldwide'),
    ('5th in South East Asia & Oceania', 'Global Innovation Index 2021: rank in South East Asia & Oceania'),
    ('14th in the world', 'Global Innovation Index 2021: rank in World'),
    ('No.1 hub in Asia-Pacific', 'Smart Centres Index: rank in Asia-Pacific'),
    ('No.3 in the world', 'Smart Centres Index: rank in World for development of new technology'),
    ('Asia’s largest', 'Fundraising hub for biotechnology: rank in Asia'),
    ('the world’s second-largest', 'Fundraising hub for biotechnology: rank in World'),
    ('over 90%', '5G network: share of Hong Kong'),
    ('$600 million', 'Budget: funding earmarked to conduct a comprehensive e-government audit'),
    ('around $1 billion', 'Budget: allocation for the Smart Traffic Fund'),
    ('$500 million', 'IT Innovation Lab in Secondary Schools Programme'),
    ('$200 million', 'Knowing More About IT Programme'),
    ('28', 'Research laboratories'),
    ('$10 billion', 'Funding set aside to further promote development of life and health technology'),
    ('up to four', 'Research Talent Hub: research talents'),
    ('3,755', 'Start-ups in Hong Kong'),
    ('up 68%', 'Start-ups in Hong Kong: change over 2017'),
    ('13,804', 'Start-up jobs'),
    ('up 118%', 'Start-up jobs: change over 2017'),
    ('$2 billion', 'Innovation and Technology Venture Fund (ITVF)'),
    ('three years', 'ITVF: past period (years)'),
    ('about $200 million', 'ITVF: investment in local start-ups'),
    ('26', 'ITVF: local start-ups'),
    ('about $1.67 billion', 'ITVF: private investment attracted'),
    ('$5 billion', 'Strategic Tech Fund'),
    ('$1 billion', 'Hong Kong Entrepreneurs Fund'),
    ('$200 million', 'Cyberport Macro Fund (CMF)'),
    ('$200 million', 'Cyberport: injection into the CMF'),
    ('more than $168 million', 'Cyberport Macro Fund (CMF): investment in companies'),
    ('21', 'Cyberport Macro Fund (CMF): companies'),
    ('over $1.466 billion', 'Cyberport Macro Fund (CMF): private investment attracted'),
    ('over $277.2 million', 'HKSTPC: investment in technology start-ups through its Corporate Venture Fund'),
    ('22', 'HKSTPC: technology start-ups'),
    ('over $4.3 billion', 'HKSTPC: private investment attracted'),
    ('$350 million', 'Funding injected into the fund to extend its scope'),
    ('about 500', 'InnoCell: residential units'),
    ('doubles', 'Technology Start-up Support Scheme for Universities: increase in annual subsidy'),
    ('$16 million', 'Technology Start-up Support Scheme for Universities: annual subsidy amount'),
    ('one to one', 'Increased subsidy: matching basis'),
    ('8', 'Virtual banks'),
    ('4', 'Virtual insurers'),
    ('1', 'Virtual asset trading platform'),
    ('15', 'Stored value facilities/e-wallets'),
    ('$10 million', 'New round of Fintech Proof-of-Concept Subsidy Scheme: funding'),
]

PREPOSITIONS = frozenset(lexicon()["closed"]["preposition"]) | frozenset(lexicon()["closed"]["determiner"])
DANGLING_END = re.compile(r"\b(?:of|in|on|at|by|for|to|with|from|into|and|or|the|a|an|be|is|was)$", re.I)


@pytest.fixture(scope="module")
def seed_labels() -> list[tuple[str, str]]:
    if not SEED.exists():
        pytest.skip("the seed fact sheet (shared/data) is not beside the repo")
    figures = standalone_edition(SEED).figures
    return list(zip(figures["value_text"], figures["label"], strict=True))


def test_the_seed_has_one_row_per_figure(seed_labels: list[tuple[str, str]]) -> None:
    assert [v for v, _ in seed_labels] == [v for v, _ in LABELS]


@pytest.mark.parametrize("i", range(len(LABELS)), ids=[f"{i}:{v}" for i, (v, _) in enumerate(LABELS)])
def test_a_seed_figure_has_its_label(seed_labels: list[tuple[str, str]], i: int) -> None:
    assert seed_labels[i] == LABELS[i]


@pytest.mark.parametrize(("value", "label"), LABELS, ids=[f"{i}:{v}" for i, (v, _) in enumerate(LABELS)])
def test_a_seed_label_reads_alone(value: str, label: str) -> None:
    """A phrase: not opened by a bare verb or a preposition, not left hanging on a function word,
    at most 80 characters, and free of the figure it labels."""
    words = label.split()
    assert words[0].lower() not in PREPOSITIONS, label
    # "Allocated to develop ...", "Set aside to ...": a verb with no subject ("Increased subsidy" is a noun phrase)
    assert not (base_form(words[0]) and len(words) > 1 and words[1].lower() in PREPOSITIONS | {"aside"}), label
    assert not DANGLING_END.search(label), label
    assert len(label) <= 80
    assert value not in label
