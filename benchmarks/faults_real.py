"""List, per hand-keyed real document, what the extractor gets wrong, so faults are fixed by cause.

For each document of tests/real/documents.toml (or those named): gold rows missed, rows emitted that the key
lacks, wrong qualifiers, and labels that miss the key's words, each with its statement and our label. Uses the
shared scorer's own matching (../shared/eval/score.py), so what is listed is what the score counts.

usage: faults_real.py [NAME ...] [--only missed|spurious|qualifier|label]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from score_real import ROOT, SCORER, documents, edition_of  # noqa: E402

KINDS = ("missed", "spurious", "qualifier", "label")


def scorer_module():  # noqa: ANN201 - the shared scorer module (its match and same_figure)
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def faults(doc: dict, sc) -> dict[str, list[str]]:  # noqa: ANN001
    """The document's faults by kind, each one line (or two) a person reads."""
    key = ROOT / "tests" / "real" / doc["folder"] / f"{doc['name']}.figures.csv"
    figures = edition_of(doc).figures
    if "pages" in doc:
        first, last = doc["pages"]
        figures = figures[pd.to_numeric(figures["page"]).between(first, last)]
    ext = [{k: ("" if pd.isna(v) else str(v)) for k, v in row.items()} for row in figures.to_dict("records")]
    gold = sc.read_csv(key)
    pairs = sc.match(gold, ext, sc.same_figure)
    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for i, g in enumerate(gold):
        if i not in pairs:
            if g["optional"] != "1":
                out["missed"].append(f"{g['quote']!r} ({g['kind']} {g['value']}) | {g['context'][:110]}")
            continue
        e = ext[pairs[i]]
        if g["optional"] == "1":
            continue
        if (e.get("qualifier") or "").lower() != g["qualifier"]:
            out["qualifier"].append(f"{g['quote']!r}: ours {e.get('qualifier')} key {g['qualifier']} | "
                                    f"{e['statement'][:140]}")
        if sc.fold(g["key"]) not in sc.fold(e.get("label")) or len(e.get("label") or "") > 80:
            out["label"].append(f"{g['quote']!r}: key {g['key']!r}\n        ours {e.get('label')!r}\n"
                                f"        | {e['statement'][:160]}")
    used = set(pairs.values())
    for j, e in enumerate(ext):
        if j not in used:
            out["spurious"].append(f"{e.get('value_text')!r} ({e.get('kind')}, {e.get('rule')}) label "
                                   f"{e.get('label')!r} | {e['statement'][:120]}")
    return out


def main(argv: list[str]) -> int:
    sc = scorer_module()
    only = argv[argv.index("--only") + 1] if "--only" in argv else ""
    names = [a for a in argv if not a.startswith("-") and a != only]
    for doc in documents():
        if names and doc["name"] not in names:
            continue
        found = faults(doc, sc)
        print(f"== {doc['name']}")
        for kind in KINDS:
            if only and kind != only:
                continue
            for line in found[kind]:
                print(f"  {kind}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
