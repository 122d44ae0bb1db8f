"""The keyed rows whose period the extractor misses or gets wrong, per real document (tests/real/documents.toml).

Prints, for each document, every found gold row with a period whose extracted period differs: the gold period,
ours (with the phrase it was read from) and the statement, so that misses can be grouped by cause before a fix.
`--names` limits it to some documents. Not a test: a worklist for the period grammar.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

from benchmarks.score_real import ROOT, SCORER, documents, edition_of


def _shared_scorer():  # noqa: ANN202 - the shared scorer module (its match and same_figure)
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def misses(doc: dict, score) -> list[str]:  # noqa: ANN001
    """One line per found gold row whose period is wrong: gold, ours, the phrase read and the statement."""
    key = ROOT / "tests" / "real" / doc["folder"] / f"{doc['name']}.figures.csv"
    figures = edition_of(doc).figures
    if "pages" in doc:
        first, last = doc["pages"]
        figures = figures[pd.to_numeric(figures["page"]).between(first, last)]
    with tempfile.TemporaryDirectory() as tmp:
        figures.to_csv(Path(tmp) / "f.csv", index=False)
        ext = score.read_csv(Path(tmp) / "f.csv")
    gold = score.read_csv(key)
    pairs = score.match(gold, ext, score.same_figure)
    out = []
    for gi, ei in sorted(pairs.items()):
        g, e = gold[gi], ext[ei]
        if not g["period_start"] or g["optional"] == "1":
            continue
        ours = (str(e.get("period_start") or "")[:10], str(e.get("period_end") or "")[:10])
        if ours == (g["period_start"], g["period_end"]):
            continue
        out.append(f"  {g['quote']!r}: gold {g['period_start']}..{g['period_end']}  ours {ours[0]}..{ours[1]} "
                   f"(period_text {e.get('period_text')!r}, base {e.get('base_text')!r})\n"
                   f"      {str(e.get('statement'))[:240]}")
    return out


def main(argv: list[str]) -> int:
    score = _shared_scorer()
    for doc in documents():
        if argv and doc["name"] not in argv:
            continue
        lines = misses(doc, score)
        print(f"{doc['name']}: {len(lines)} period misses")
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
