"""Score the extractor on the hand-annotated real documents (tests/real/documents.toml) with the shared scorer.

Prints one line per document (F1, qualifier, period, label, events recall/precision) and the mean; a
document the tool refuses is shown with its one-line error and scored 0; a measure with nothing to count
(a key that states no period) is shown as n/a and left out of the mean. A document whose entry carries a
`published` date is extracted with it, as `factsheet extract --published` would; `--undated` scores every document
without one (what a held-out document that comes without its date gets). Not a test: real documents
are what the floors of later work are measured against, and the first score is the honest estimate.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
import tomllib
from pathlib import Path

import pandas as pd

from factsheet.cli import published_option
from factsheet.errors import InputError
from factsheet.pipeline import EditionData, standalone_edition

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
MEASURES = ("f1", "qualifier_acc", "period_acc", "label_hit", "events_recall", "events_precision")


def scorer():  # noqa: ANN201 - the shared scorer's score function
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def documents() -> list[dict]:
    return tomllib.loads((ROOT / "tests" / "real" / "documents.toml").read_text())["document"]


def source_of(doc: dict) -> Path:
    return ROOT / "tests" / "real" / doc["local"] if "local" in doc else REAL / doc["path"]


def edition_of(doc: dict, dated: bool = True) -> EditionData:
    """The document extracted as a user would: with its `published` date given as --published when it carries one
    (a date its source states outside the text), unless `dated` is False (a held-out document may come without)."""
    published = published_option(doc.get("published")) if dated else None
    return standalone_edition(source_of(doc), published=published)


def score_document(doc: dict, score, dated: bool = True) -> dict:  # noqa: ANN001
    """The scorer's result for one document (the tool's figures and events, limited to `pages` if given)."""
    key = ROOT / "tests" / "real" / doc["folder"] / doc["name"]
    edition = edition_of(doc, dated)
    figures, events = edition.figures, edition.events
    if "pages" in doc:
        first, last = doc["pages"]
        figures = figures[pd.to_numeric(figures["page"]).between(first, last)]
        events = events[pd.to_numeric(events["page"]).between(first, last)]
    with tempfile.TemporaryDirectory() as tmp:
        figures.to_csv(Path(tmp) / "figures.csv", index=False)
        events.to_csv(Path(tmp) / "events.csv", index=False)
        (Path(tmp) / "datapackage.json").write_text(json.dumps({"resources": [
            {"name": "figures", "path": "figures.csv"}, {"name": "events", "path": "events.csv"}]}))
        return score(f"{key}.figures.csv", str(Path(tmp) / "datapackage.json"), f"{key}.events.csv")


def unscored(result: dict) -> set[str]:
    """Measures with nothing to count: a key that states no period, or no event while the tool reports none."""
    out = set()
    if result.get("period_n", 1) == 0:
        out.add("period_acc")
    if result.get("events_gold", 1) == 0 and result.get("events_extracted", 1) == 0:
        out |= {"events_recall", "events_precision"}
    return out


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def main(argv: list[str]) -> int:
    if not SCORER.exists() or not REAL.exists():
        print("shared/ (scorer and real documents) is not beside the repo", file=sys.stderr)
        return 1
    score, rows = scorer(), []
    verbose, dated = "-v" in argv, "--undated" not in argv
    names = [a for a in argv if not a.startswith("-")]
    print(f"{'document':58} " + " ".join(f"{m[:9]:>9}" for m in MEASURES))
    for doc in documents():
        if names and doc["name"] not in names:
            continue
        try:
            result = score_document(doc, score, dated)
        except InputError as exc:
            print(f"{doc['name']:58} refused: {exc}")
            rows.append(dict.fromkeys(MEASURES, 0.0))
            continue
        row = {m: result.get(m, 0.0) for m in MEASURES if m not in unscored(result)}
        rows.append(row)
        print(f"{doc['name']:58} " + " ".join(f"{row[m]:9.2f}" if m in row else f"{'n/a':>9}" for m in MEASURES))
        if verbose:
            for kind in ("missed", "spurious"):
                for item in result[kind]:
                    print(f"    {kind}: {item[:150]}")
    if rows:
        print(f"{'mean':58} " + " ".join(f"{mean([r[m] for r in rows if m in r]):9.2f}" for m in MEASURES))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
