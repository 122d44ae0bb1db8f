"""Regression guard: the real documents annotated by hand (tests/real/) keep scoring at least what they score
now with the shared scorer. The floors are today's scores less a small margin, not the goals (issue goals:
F1 >= 0.95, label >= 0.85, period >= 0.90 per document); raise a floor when a document gets better. The Chinese
chapters (issue 14: F1 >= 0.93, qualifier >= 0.95, period >= 0.90, labels >= 0.80, events recall >= 0.8) are
guarded at those goals or above, events included."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"

# document: (f1, qualifier, period, label) floors
FLOORS = {
    "hkma-reserves-management-2016.en": (0.98, 0.98, 0.95, 0.93),
    "hkma-reserves-management-2019.en": (0.98, 0.98, 0.90, 0.95),
    "hkma-reserves-management-2022.en": (0.98, 0.98, 0.95, 0.95),
    "0428178": (0.98, 0.98, 0.98, 0.98),
    "P200904300207": (0.98, 0.98, 0.95, 0.95),
    "P2017042800605": (0.97, 0.98, 0.95, 0.98),
    "provisional-2019": (0.97, 0.98, 0.95, 0.98),
    "hk-budget-speech-2014-excerpt": (0.98, 0.98, 0.93, 0.80),
    "hk-budget-speech-2020-excerpt": (0.97, 0.98, 0.95, 0.85),
    "cia-world-factbook-hong-kong-2026-01-22-except-economy": (0.97, 0.98, 0.98, 0.92),
    "fdh_wage_and_employment_records": (0.98, 0.98, 0.95, 0.95),
    "employment_ordinance_concise_guide-p1-12": (0.98, 0.98, 0.0, 0.88),  # time limits timed by their act: 0.87 -> 0.90
    "hkma-reserves-management-2017.zh": (0.97, 0.97, 0.93, 0.95),
    "hkma-reserves-management-2020.zh": (0.97, 0.97, 0.95, 0.95),
    "hkma-reserves-management-2022.zh": (0.97, 0.97, 0.95, 0.95),
    # keys written after the grammar was tuned, first scored before any fix (benchmarks/results)
    "hkma-reserves-management-2019.zh": (0.97, 0.97, 0.95, 0.95),
    "hkma-reserves-management-2018.en": (0.98, 0.98, 0.90, 0.85),
    "policy-address-2025-annex-excerpt": (0.98, 0.98, 0.90, 0.95),
    # session 5 keys, first scored at 1369b65 (benchmarks/results/real-documents-first-score.txt)
    "hkma-reserves-management-2021.en": (0.97, 0.98, 0.95, 0.90),
    "hk-budget-speech-2016-excerpt": (0.96, 0.98, 0.95, 0.90),
    "hkma-reserves-management-2015.zh": (0.97, 0.98, 0.95, 0.92),
    "td-smart-mobility-roadmap-excerpt": (0.98, 0.98, 0.95, 0.95),  # bilingual: each line in its own grammar
    "statutory_minimum_wage_guidelines-p1-10": (0.98, 0.98, 0.95, 0.95),
    "hkma-reserves-management-2017.en": (0.98, 0.98, 0.88, 0.88),  # period: "three times" now found, keyed 2017
    # session 6 keys, first scored at 1d1394e (benchmarks/results/real-documents-first-score.txt)
    "04270217": (0.98, 0.98, 0.98, 0.98),
    "P201304300460": (0.98, 0.98, 0.98, 0.98),
    "hkma-reserves-management-2018.zh": (0.98, 0.98, 0.98, 0.98),
    "hk-budget-speech-2013-excerpt": (0.98, 0.98, 0.95, 0.90),
    # session 7 keys, first scored at fb2c607 (benchmarks/results/real-documents-first-score.txt)
    "hk-budget-speech-2017-excerpt": (0.98, 0.98, 0.95, 0.90),
    "hk-budget-speech-2021-excerpt": (0.98, 0.98, 0.95, 0.92),
    # time limits labelled by the act they time (0.93 -> 0.96), a lead clause's limit bounds its items (0.98 -> 1.00)
    "wage_and_employment_records-p1-21": (0.96, 0.98, 0.0, 0.94),
    "hkma-reserves-management-2020.en": (0.95, 0.98, 0.98, 0.87),
    "hkma-reserves-management-2021.zh": (0.98, 0.98, 0.98, 0.98),
    "employment_ordinance_concise_guide-p13-30": (0.98, 0.98, 0.98, 0.87),
    # session 7, second round: first scored at f2d4830, after the session's fixes
    "hk-budget-speech-2015-excerpt": (0.96, 0.98, 0.92, 0.86),
    "hkma-reserves-management-2015.en": (0.94, 0.98, 0.98, 0.94),
    "0430184": (0.98, 0.98, 0.95, 0.98),
    "P201504300602": (0.98, 0.98, 0.98, 0.98),  # range cells, wrapped labels, lead-in period: F1 0.85 -> 1.00
    "hk-budget-speech-2012-excerpt": (0.97, 0.98, 0.92, 0.86),  # session 8 key, first score 0.96/1.00/0.94/0.80
    "hkma-reserves-management-2016.zh": (0.98, 0.98, 0.98, 0.98),  # session 8 key, first score
    "P201004300183": (0.98, 0.98, 0.98, 0.98),  # session 8 key, first score 0.96 period
    "0429096": (0.98, 0.98, 0.98, 0.98),  # session 8 key, first score 0.97 label
    # session 8 key, first score 0.96 / 0.98 / - / 0.75; now 1.00 / 1.00 / - / 1.00 ("one shall" no count, a page's
    # repeated lines kept, time limits labelled by their act, table rows by row and column)
    "employment_ordinance_concise_guide-p31-48": (0.98, 0.98, 0.00, 0.98),
    "policy-address-2025-annex-excerpt-2": (0.98, 0.98, 0.98, 0.87),  # session 8 key; first 0.94, 0.93, 0.68
    "statutory_minimum_wage_guidelines-p11-26": (0.98, 0.98, 0.98, 0.87),  # first 0.88/1.00/1.00/0.62; 0.89 i10-smw2
    # session 9 keys: floors at the first score (at 70532eb, before any fix) less 0.02; raised as fixes land
    "hk-budget-speech-2013-excerpt-2": (0.98, 0.98, 0.98, 0.98),  # max of both branches' floors
    "hk-budget-speech-2017-excerpt-2": (0.98, 0.98, 0.98, 0.98),  # max of both branches' floors
    "policy-address-2025-annex-excerpt-3": (0.98, 0.98, 0.98, 0.89),  # max of both branches' floors
    "td-smart-mobility-roadmap-excerpt-2": (0.98, 0.98, 0.00, 0.91),  # max of both branches' floors
    "P201104290205": (0.98, 0.98, 0.98, 0.98),  # max of both branches' floors
    "P2018043000309": (0.98, 0.98, 0.98, 0.98),  # max of both branches' floors
    "employment_ordinance_concise_guide-p49-64": (0.97, 0.98, 0.98, 0.90),  # max of both branches' floors
    "hk-budget-speech-2021-excerpt-2": (0.98, 0.98, 0.98, 0.80),  # max of both branches' floors
    "statutory_minimum_wage_guidelines-p27-40": (0.96, 0.93, 0.98, 0.74),  # max of both branches' floors
}
# document: (events recall, events precision) floors
EVENT_FLOORS = {
    "hkma-reserves-management-2016.en": (0.90, 0.95),
    "hkma-reserves-management-2019.en": (0.95, 0.95),
    "hkma-reserves-management-2022.en": (0.95, 0.95),
    "0428178": (0.95, 0.95),
    "P200904300207": (0.95, 0.95),
    "P2017042800605": (0.95, 0.95),
    "provisional-2019": (0.95, 0.95),
    "hk-budget-speech-2014-excerpt": (0.95, 0.95),  # dated 2014-02-26 (tests/real/README.md)
    "hk-budget-speech-2020-excerpt": (0.95, 0.85),
    "cia-world-factbook-hong-kong-2026-01-22-except-economy": (0.85, 0.95),
    "fdh_wage_and_employment_records": (0.0, 0.0),
    "employment_ordinance_concise_guide-p1-12": (0.95, 0.95),
    "hkma-reserves-management-2017.zh": (0.95, 0.95),
    "hkma-reserves-management-2020.zh": (0.95, 0.95),
    "hkma-reserves-management-2022.zh": (0.95, 0.95),
    "hkma-reserves-management-2019.zh": (0.95, 0.95),
    "hkma-reserves-management-2018.en": (0.95, 0.95),
    "policy-address-2025-annex-excerpt": (0.91, 0.98),  # "by" plans' deadlines, lead-ins: 0.91 -> 0.93
    "hkma-reserves-management-2021.en": (0.95, 0.95),
    "hk-budget-speech-2016-excerpt": (0.85, 0.95),  # dated 2016-02-24
    "hkma-reserves-management-2015.zh": (0.95, 0.95),  # 接近年底 (zh.toml [periods])
    "td-smart-mobility-roadmap-excerpt": (0.95, 0.95),  # dated 2019-07; "40 years ago", "put into service"
    "statutory_minimum_wage_guidelines-p1-10": (0.95, 0.95),  # "Revised April 2023"
    "hkma-reserves-management-2017.en": (0.95, 0.95),
    "04270217": (0.95, 0.95),  # "issued in May and July 2004 respectively"
    "P201304300460": (0.95, 0.95),
    "hkma-reserves-management-2018.zh": (0.95, 0.95),  # 自1月底; a market's move in the year reported on
    "hk-budget-speech-2013-excerpt": (0.95, 0.88),  # dated 2013-02-27 (tests/real/README.md)
    "hk-budget-speech-2017-excerpt": (0.95, 0.95),  # dated 2017-02-22; "tomorrow", "next year", "until"
    "hk-budget-speech-2021-excerpt": (0.92, 0.95),  # dated 2021-02-24; "in this quarter", "next month", "today"
    "wage_and_employment_records-p1-21": (0.95, 0.95),
    "hkma-reserves-management-2020.en": (0.85, 0.95),
    "hkma-reserves-management-2021.zh": (0.95, 0.95),
    "employment_ordinance_concise_guide-p13-30": (0.95, 0.95),
    "hk-budget-speech-2015-excerpt": (0.98, 0.88),  # dated 2015-02-25
    "hkma-reserves-management-2015.en": (0.98, 0.98),
    "0430184": (0.95, 0.95),
    "P201504300602": (0.98, 0.98),  # "towards the end of 2014-15": 0.78 -> 0.89; session 9 -> 1.00
    "hk-budget-speech-2012-excerpt": (0.98, 0.98),  # session 8 key, first score 0.55/0.75
    "hkma-reserves-management-2016.zh": (0.90, 0.98),  # session 8 key, first score 0.64 / 0.90
    "P201004300183": (0.95, 0.95),  # session 8 key, first score
    "0429096": (0.98, 0.98),  # session 8 key, first score 1.00 / 0.67
    "employment_ordinance_concise_guide-p31-48": (0.95, 0.95),  # "made after", "but before": 0.60 -> 1.00
    "policy-address-2025-annex-excerpt-2": (0.90, 0.96),  # session 8 key; first score 0.61 recall; session 9
    # 0.92 / 0.98 (a hospital accreditation plan found, so a quantity's 2026-27 no longer pairs with its date)
    "statutory_minimum_wage_guidelines-p11-26": (0.95, 0.95),  # first 1.00/0.50: footnote 8 restated p17
    # session 9 keys (first scores at 70532eb 0.75/1.00, 0.57/1.00, 0.71/0.92, 0.40/1.00, 0.45/0.62; after the
    # event fixes of plans' deadlines, relative clauses, worked examples and lead-ins, less 0.02)
    "hk-budget-speech-2013-excerpt-2": (0.98, 0.98),
    "hk-budget-speech-2017-excerpt-2": (0.98, 0.98),
    "policy-address-2025-annex-excerpt-3": (0.92, 0.95),
    "td-smart-mobility-roadmap-excerpt-2": (0.78, 0.98),  # Chinese plans: 於2020年前完成, 將於2021年投入服務
    # session 9 keys (first scores at 70532eb, less 0.02)
    "P201104290205": (0.98, 0.98),
    "P2018043000309": (0.98, 0.98),
    "employment_ordinance_concise_guide-p49-64": (0.89, 0.98),
    "hk-budget-speech-2021-excerpt-2": (0.84, 0.98),  # first 0.71 / 0.71; 0.86 / 0.86 with the plan fixes
    "statutory_minimum_wage_guidelines-p27-40": (0.98, 0.98),
}


@pytest.fixture(scope="module")
def score_real():
    if not REAL.exists():
        pytest.skip("shared/data/real is not beside the repo")
    spec = importlib.util.spec_from_file_location("score_real", ROOT / "benchmarks" / "score_real.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_real_document_keeps_its_score(score_real, name):
    doc = next(d for d in score_real.documents() if d["name"] == name)
    result = score_real.score_document(doc, score_real.scorer())
    got = (result["f1"], result["qualifier_acc"], result["period_acc"], result["label_hit"],
           result["events_recall"], result["events_precision"])
    low = {m: (g, f) for m, g, f in zip(("f1", "qualifier", "period", "label", "events_recall", "events_precision"),
                                        got, FLOORS[name] + EVENT_FLOORS[name]) if g < f}
    assert not low, (low, result["missed"], result["spurious"])

