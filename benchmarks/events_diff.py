"""List, per hand-keyed real document, the gold events the extractor misses and the events it emits that the key
lacks, each with its sentence: the worklist for event grammar fixes, to be grouped by cause by hand.

usage: events_diff.py [--heldout] [NAME ...]   (default: every document of tests/real/documents.toml; --heldout
adds the hand-annotated fact sheets of tests/heldout*/, whose event keys are guarded by tests too)
Not a test: it prints, and uses the shared scorer's own matching so its lists agree with score_real.py.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pandas as pd
from score_real import ROOT, SCORER, documents, edition_of

from factsheet.errors import InputError


def _events(doc: dict) -> list[dict]:
    """The extractor's event rows of one document (limited to the key's `pages`)."""
    events = edition_of(doc).events
    if "pages" in doc:
        first, last = doc["pages"]
        events = events[pd.to_numeric(events["page"]).between(first, last)]
    return events.astype(object).where(events.notna(), "").astype(str).to_dict("records")


def report(doc: dict, module: ModuleType) -> None:
    """Print one document's missed and spurious events."""
    key = doc.get("key") or ROOT / "tests" / "real" / doc["folder"] / f"{doc['name']}.events.csv"
    gold = module.read_csv(str(key))
    try:
        ext = _events(doc)
    except InputError as exc:
        print(f"== {doc['name']}: refused: {exc}")
        return
    pairs = module.match(gold, ext, module.same_event)
    missed = [g for i, g in enumerate(gold) if i not in pairs]
    spurious = [e for j, e in enumerate(ext) if j not in set(pairs.values())]
    print(f"== {doc['name']}: gold {len(gold)}, extracted {len(ext)}, found {len(pairs)}")
    for g in missed:
        print(f"  MISSED   {g['date_start']}..{g['date_end']}  {g['quote']!r}  | {g['context']}  [key {g['key']}]")
    for e in spurious:
        print(f"  SPURIOUS {e['date_start']}..{e['date_end']}  {e.get('date_text', '')!r}  rule={e.get('rule', '')}"
              f"  label={e.get('label', '')!r}\n           | {e.get('statement', '')[:220]}")


def main(argv: list[str]) -> int:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    names = [a for a in argv if not a.startswith("-")]
    docs = documents()
    if "--heldout" in argv:
        docs += [{"name": t.stem, "local": str(t), "key": t.with_suffix(".events.csv")}
                 for t in sorted(ROOT.glob("tests/heldout*/*.txt")) if t.with_suffix(".events.csv").exists()]
    for doc in docs:
        if not names or doc["name"] in names:
            report(doc, module)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
